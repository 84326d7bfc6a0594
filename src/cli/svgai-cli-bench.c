/* svg-ai-cli bench: the original design's benchmark suite, graded against
 * its targets tables (../shared/DESIGN.md). The measurements are in
 * svgai-cli-bench-run.c; this file reads the options, runs them into a
 * report, grades it and prints it (text or JSON). */
#include "svgai-config.h"

#include <glib/gi18n.h>

#include <math.h>
#include <stdio.h>
#include "svgai-cli-bench.h"

/* The targets of the original design, in seconds and in MB. */
static const char *const op_titles[N_OPS] = {
  "Feature Extraction", "Classification", "Parameter Optimization", "Quality Prediction", "Complete Pipeline",
};
static const double time_targets_s[N_OPS][SVGAI_N_TIERS] = {
  { 0.5, 2, 5 }, { 0.1, 0.5, 1 }, { 1, 5, 15 }, { 0.1, 0.5, 1 }, { 2, 8, 20 },
};
static const char *const mem_titles[N_OPS] = {
  "Feature Extractor", "Classifier", "Optimizer", "Quality Predictor", "Complete Pipeline",
};
/* Startup, per image, peak. */
static const double mem_targets_mb[N_OPS][3] = {
  { 10, 5, 50 }, { 5, 1, 20 }, { 20, 10, 100 }, { 15, 2, 50 }, { 50, 15, 200 },
};

static const char *const mem_columns[3] = { "startup", "per_image", "peak" };

typedef struct {
  gboolean json, grade_cpu;
  int runs, warmup, jobs;
  char **dirs;
  const char *dir;
  int n_threads;
} BenchOptions;

/* One cell of the response time targets. */
typedef struct {
  const SvgaiPerfOpStats *graded, *wall, *cpu;   /* NULL: not measured */
  double median_s, target, ratio;
  gboolean met;
} ResponseCell;

typedef struct {
  Bench b;
  guint64 rss_baseline, rss_started, rss_loaded, rss_peak;
  double tput_1, tput_n;
  MonitorCost cost;
  SvgaiPerfSummary *summary, *cpu_summary;
  ResponseCell response[N_OPS][SVGAI_N_TIERS];
  gboolean memory_met[N_OPS][3];
  gboolean all_met;
} BenchReport;

static const char *
default_dir (void)
{
  static char *dir;

  if (dir == NULL)
    {
      dir = g_build_filename (SVGAI_SOURCE_DIR, "data", "samples", NULL);
      if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
        {
          g_free (dir);
          dir = g_strdup ("data/samples");
        }
    }
  return dir;
}

static void
add_stats_json (JsonBuilder *j, const SvgaiPerfOpStats *o, const SvgaiPerfOpStats *cpu)
{
  json_builder_begin_object (j);
  json_builder_set_member_name (j, "count");
  json_builder_add_int_value (j, (gint64) o->count);
#define MEMBER(n, v) json_builder_set_member_name (j, n); json_builder_add_double_value (j, round ((v) * 1000) / 1000)
  MEMBER ("mean_ms", o->mean_ms);
  MEMBER ("median_ms", o->median_ms);
  MEMBER ("min_ms", o->min_ms);
  MEMBER ("max_ms", o->max_ms);
  MEMBER ("std_ms", o->std_ms);
  MEMBER ("total_ms", o->total_ms);
  MEMBER ("images_per_s", o->mean_ms > 0 ? 1000 / o->mean_ms : 0);
  if (cpu)
    {
      MEMBER ("cpu_mean_ms", cpu->mean_ms);
      MEMBER ("cpu_median_ms", cpu->median_ms);
    }
#undef MEMBER
  json_builder_end_object (j);
}

static void
format_ms (char *buf, gsize size, double ms)
{
  if (ms < 0.1)
    g_snprintf (buf, size, "%.2f µs", ms * 1000);
  else if (ms < 1)
    g_snprintf (buf, size, "%.3f ms", ms);
  else if (ms < 100)
    g_snprintf (buf, size, "%.2f ms", ms);
  else
    g_snprintf (buf, size, "%.0f ms", ms);
}

static gboolean
bench_parse (BenchOptions *o, int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("[DIR] — benchmark the pipeline against the design's targets"));
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &o->json, N_("Print the results as JSON"), NULL },
    { "runs", 'n', 0, G_OPTION_ARG_INT, &o->runs, N_("Counted passes over the folder per operation (default 3)"), "N" },
    { "warmup", 0, 0, G_OPTION_ARG_INT, &o->warmup, N_("Passes before counting (default 1)"), "N" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &o->jobs, N_("Threads for the concurrency test (default: the number of cores)"), "N" },
    { "cpu", 0, 0, G_OPTION_ARG_NONE, &o->grade_cpu, N_("Grade response times on CPU time rather than wall time (on a shared machine)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->dirs, NULL, "[DIR]" },
    { NULL }
  };

  g_option_context_set_summary (ctx,
    _("Runs the original design's suite on the images of DIR (default: the sample logos the project\n"
    "ships): feature extraction, classification, optimization and quality prediction per tier, the\n"
    "complete pipeline per tier, memory, and concurrent processing. Prints per operation the average,\n"
    "median, minimum, maximum and standard deviation, images per second, memory, and the design's\n"
    "targets tables with each cell met or missed (graded on the median) and the ratio target/measured."));
  g_option_context_set_description (ctx, _("Exit status: 0 every target met, 1 some target missed or an error, 2 bad command line."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  o->runs = 3;
  o->warmup = 1;
  if (!svgai_cli_parse_options (ctx, argc, argv))
    return FALSE;
  if (o->runs < 1 || o->warmup < 0 || o->jobs < 0 || (o->dirs && o->dirs[0] && o->dirs[1]))
    {
      svgai_cli_error (_("bench: give at most one DIR, --runs ≥ 1, --warmup ≥ 0"));
      return FALSE;
    }
  o->dir = o->dirs && o->dirs[0] ? o->dirs[0] : default_dir ();
  o->n_threads = o->jobs > 0 ? o->jobs : (int) g_get_num_processors ();
  return TRUE;
}

/* Each cell against its target; all_met when every one is. */
static void
grade (const BenchOptions *o, BenchReport *r)
{
  r->all_met = TRUE;
  for (Op op = 0; op < N_OPS; op++)
    for (int tier = 0; tier < SVGAI_N_TIERS; tier++)
      {
        g_autofree char *name = bench_op_name (op, tier);
        ResponseCell *c = &r->response[op][tier];

        c->wall = svgai_perf_summary_find (r->summary, name);
        c->cpu = svgai_perf_summary_find (r->cpu_summary, name);
        c->graded = o->grade_cpu ? c->cpu : c->wall;
        c->median_s = c->graded ? c->graded->median_ms / 1000 : NAN;
        c->target = time_targets_s[op][tier];
        c->met = c->graded && c->median_s < c->target;
        c->ratio = c->median_s > 0 ? c->target / c->median_s : INFINITY;
        r->all_met &= c->met;
      }
  for (Op op = 0; op < N_OPS; op++)
    {
      const MemoryRow *m = &r->b.memory[op];
      double measured[3] = { m->startup_mb, m->per_image_mb, m->peak_mb };

      for (int c = 0; c < 3; c++)
        {
          r->memory_met[op][c] = measured[c] < mem_targets_mb[op][c];
          r->all_met &= r->memory_met[op][c];
        }
    }
}

static gboolean
bench_run (const BenchOptions *o, BenchReport *r)
{
  Bench *b = &r->b;
  g_autoptr(GError) error = NULL;

  r->rss_baseline = svgai_memory_rss ();
  if (!svgai_init (&error))
    {
      /* The rules and the fast tier still work: measure what there is. */
      svgai_cli_error ("%s", error->message);
      g_clear_error (&error);
    }
  /* The pipeline's startup: the process and its models, before any image. */
  r->rss_started = svgai_memory_rss ();
  b->samples = bench_load_samples (o->dir, &error);
  if (b->samples == NULL || b->samples->len == 0)
    {
      svgai_cli_error ("bench: %s", error ? error->message : _("no images in the folder"));
      return FALSE;
    }
  r->rss_loaded = svgai_memory_rss ();
  b->perf = svgai_perf_new ();
  b->cpu = svgai_perf_new ();
  bench_calibrate (b);
  b->runs = o->runs;
  b->warmup = o->warmup;
  if (!o->json)
    fprintf (stderr, "Benchmarking %u images from %s (%d warm-up + %d counted passes)…\n", b->samples->len,
             o->dir, o->warmup, o->runs);
  bench_run_stages (b);
  r->rss_peak = MAX (b->peak_rss, svgai_memory_peak_rss ());

  /* Concurrency: the balanced pipeline, one pass to warm up per setting. */
  bench_throughput (b, 1, SVGAI_TIER_BALANCED);
  r->tput_1 = bench_throughput (b, 1, SVGAI_TIER_BALANCED);
  bench_throughput (b, o->n_threads, SVGAI_TIER_BALANCED);
  r->tput_n = bench_throughput (b, o->n_threads, SVGAI_TIER_BALANCED);
  r->rss_peak = MAX (r->rss_peak, svgai_memory_peak_rss ());
  bench_monitor_cost (b, &r->cost);
  /* The complete pipeline's peak is the whole process's. */
  b->memory[OP_PIPELINE].peak_mb = r->rss_peak / MB;
  b->memory[OP_PIPELINE].startup_mb = (r->rss_started > r->rss_baseline ? r->rss_started - r->rss_baseline : 0) / MB;
  r->summary = svgai_perf_get_summary (b->perf);
  r->cpu_summary = svgai_perf_get_summary (b->cpu);
  grade (o, r);
  return TRUE;
}

static void
bench_report_clear (BenchReport *r)
{
  g_clear_pointer (&r->b.samples, g_ptr_array_unref);
  g_clear_pointer (&r->b.perf, svgai_perf_free);
  g_clear_pointer (&r->b.cpu, svgai_perf_free);
  g_clear_pointer (&r->summary, svgai_perf_summary_free);
  g_clear_pointer (&r->cpu_summary, svgai_perf_summary_free);
}

/* ---- Text ---- */

static void
print_operations (const BenchOptions *o, const BenchReport *r)
{
  printf ("\nWall time (CPU: the process's CPU time, median; the machine may be shared)\n");
  printf ("Operation (%u images × %d runs)    avg        median     min        max        std        images/s   CPU\n",
          r->b.samples->len, o->runs);
  for (guint i = 0; i < r->summary->n_ops; i++)
    {
      const SvgaiPerfOpStats *s = &r->summary->ops[i];
      const SvgaiPerfOpStats *c = svgai_perf_summary_find (r->cpu_summary, s->name);
      char avg[32], med[32], min[32], max[32], std[32], cpu[32];

      format_ms (avg, sizeof avg, s->mean_ms);
      format_ms (med, sizeof med, s->median_ms);
      format_ms (min, sizeof min, s->min_ms);
      format_ms (max, sizeof max, s->max_ms);
      format_ms (std, sizeof std, s->std_ms);
      format_ms (cpu, sizeof cpu, c ? c->median_ms : 0);
      printf ("  %-32s %-10s %-10s %-10s %-10s %-10s %-10.1f %s\n", s->name, avg, med, min, max, std,
              s->mean_ms > 0 ? 1000 / s->mean_ms : 0, cpu);
    }
}

static void
print_system (const BenchOptions *o, const BenchReport *r)
{
  const MonitorCost *cost = &r->cost;

  printf ("\nMemory: baseline %.1f MB, after loading %.1f MB, peak %.1f MB, overhead %.1f MB\n",
          r->rss_baseline / MB, r->rss_loaded / MB, r->rss_peak / MB, (r->rss_peak - r->rss_baseline) / MB);
  printf ("Concurrency (complete pipeline, balanced): 1 thread %.1f images/s, %d threads %.1f images/s, "
          "speed-up %.2f×\n", r->tput_1, o->n_threads, r->tput_n, r->tput_1 > 0 ? r->tput_n / r->tput_1 : 0);
  printf ("Monitor (fast pipeline, CPU time of the thread, each image on and off in turn, median of 5 passes): "
          "on %.3f ms/image, off %.3f ms/image (%+.2f %%); %.1f records per image × %.2f µs = %.3f %% of an image\n",
          cost->on_ms, cost->off_ms, (cost->ratio - 1) * 100, cost->records_per_image, cost->scope_us,
          cost->scope_us * cost->records_per_image / (cost->off_ms * 1000) * 100);
}

static void
print_response_targets (const BenchOptions *o, const BenchReport *r)
{
  printf ("\nResponse time targets (graded on the median %s; ratio = target / median)\n",
          o->grade_cpu ? "CPU time (--cpu)" : "wall time");
  printf ("  %-24s %-30s %-30s %-30s\n", "Operation", "Tier 1 (Fast)", "Tier 2 (Balanced)", "Tier 3 (Quality)");
  for (Op op = 0; op < N_OPS; op++)
    {
      printf ("  %-24s", op_titles[op]);
      for (int tier = 0; tier < SVGAI_N_TIERS; tier++)
        {
          const ResponseCell *c = &r->response[op][tier];
          char med[32], cell[64];

          format_ms (med, sizeof med, c->graded ? c->graded->median_ms : 0);
          if (c->graded == NULL)
            g_snprintf (cell, sizeof cell, "not measured: MISSED");
          else if (isfinite (c->ratio))
            g_snprintf (cell, sizeof cell, "%s %s %.0f×", med, c->met ? "met" : "MISSED", c->ratio);
          else
            g_snprintf (cell, sizeof cell, "%s %s", med, c->met ? "met" : "MISSED");
          printf (" %-30s", cell);
        }
      printf ("\n");
    }
}

static void
print_memory_targets (const BenchReport *r)
{
  printf ("\nMemory targets, MB (startup: RSS growth over the first call; per image: mean RSS growth per call;\n"
          "peak: highest RSS during the component's runs above the RSS before them; complete pipeline:\n"
          "startup is the growth from loading the models, before any image, and peak the whole process's)\n");
  printf ("  %-24s %-24s %-24s %-24s\n", "Component", "Startup", "Per Image", "Peak");
  for (Op op = 0; op < N_OPS; op++)
    {
      const MemoryRow *m = &r->b.memory[op];
      double measured[3] = { m->startup_mb, m->per_image_mb, m->peak_mb };

      printf ("  %-24s", mem_titles[op]);
      for (int c = 0; c < 3; c++)
        {
          const char *verdict = r->memory_met[op][c] ? "met" : "MISSED";
          char cell[64];

          if (measured[c] > 0.005)
            g_snprintf (cell, sizeof cell, "%.2f %s %.0f×", measured[c], verdict, mem_targets_mb[op][c] / measured[c]);
          else
            g_snprintf (cell, sizeof cell, "%.2f %s", measured[c], verdict);
          printf (" %-24s", cell);
        }
      printf ("\n");
    }
}

static void
print_text (const BenchOptions *o, const BenchReport *r)
{
  print_operations (o, r);
  print_system (o, r);
  print_response_targets (o, r);
  print_memory_targets (r);
  printf ("\n%s\n", r->all_met ? "Every target met." : "Some targets missed.");
}

/* ---- JSON ---- */

#define ADD_INT(j, name, v) (json_builder_set_member_name (j, name), json_builder_add_int_value (j, v))
#define ADD_DOUBLE(j, name, v) (json_builder_set_member_name (j, name), json_builder_add_double_value (j, v))

static void
add_operations_json (JsonBuilder *j, const BenchReport *r)
{
  json_builder_set_member_name (j, "operations");
  json_builder_begin_object (j);
  for (guint i = 0; i < r->summary->n_ops; i++)
    {
      const SvgaiPerfOpStats *c = svgai_perf_summary_find (r->cpu_summary, r->summary->ops[i].name);

      json_builder_set_member_name (j, r->summary->ops[i].name);
      add_stats_json (j, &r->summary->ops[i], c);
    }
  json_builder_end_object (j);
}

static void
add_system_json (JsonBuilder *j, const BenchOptions *o, const BenchReport *r)
{
  const MonitorCost *cost = &r->cost;

  json_builder_set_member_name (j, "memory");
  json_builder_begin_object (j);
  ADD_INT (j, "baseline_rss_bytes", (gint64) r->rss_baseline);
  ADD_INT (j, "after_loading_rss_bytes", (gint64) r->rss_loaded);
  ADD_INT (j, "peak_rss_bytes", (gint64) r->rss_peak);
  ADD_INT (j, "overhead_bytes", (gint64) (r->rss_peak - r->rss_baseline));
  json_builder_end_object (j);

  json_builder_set_member_name (j, "concurrency");
  json_builder_begin_object (j);
  ADD_INT (j, "threads", o->n_threads);
  ADD_DOUBLE (j, "images_per_s_1_thread", round (r->tput_1 * 100) / 100);
  ADD_DOUBLE (j, "images_per_s_n_threads", round (r->tput_n * 100) / 100);
  ADD_DOUBLE (j, "speedup", r->tput_1 > 0 ? round (r->tput_n / r->tput_1 * 1000) / 1000 : 0);
  json_builder_end_object (j);

  json_builder_set_member_name (j, "monitor");
  json_builder_begin_object (j);
  ADD_DOUBLE (j, "pipeline_cpu_ms_on", round (cost->on_ms * 1000) / 1000);
  ADD_DOUBLE (j, "pipeline_cpu_ms_off", round (cost->off_ms * 1000) / 1000);
  ADD_DOUBLE (j, "overhead_percent", round ((cost->ratio - 1) * 10000) / 100);
  ADD_DOUBLE (j, "scope_us", round (cost->scope_us * 1000) / 1000);
  ADD_DOUBLE (j, "records_per_image", cost->records_per_image);
  ADD_DOUBLE (j, "computed_overhead_percent",
              round (cost->scope_us * cost->records_per_image / (cost->off_ms * 1000) * 1e4) / 100);
  json_builder_end_object (j);
}

static void
add_response_json (JsonBuilder *j, const BenchOptions *o, const BenchReport *r)
{
  json_builder_set_member_name (j, "response_targets");
  json_builder_begin_array (j);
  for (Op op = 0; op < N_OPS; op++)
    for (int tier = 0; tier < SVGAI_N_TIERS; tier++)
      {
        const ResponseCell *c = &r->response[op][tier];

        json_builder_begin_object (j);
        json_builder_set_member_name (j, "operation");
        json_builder_add_string_value (j, op_titles[op]);
        json_builder_set_member_name (j, "tier");
        json_builder_add_string_value (j, svgai_tier_to_string (tier));
        ADD_DOUBLE (j, "target_s", c->target);
        ADD_DOUBLE (j, "median_s", c->graded ? c->median_s : 0);
        json_builder_set_member_name (j, "graded_on");
        json_builder_add_string_value (j, o->grade_cpu ? "cpu" : "wall");
        ADD_DOUBLE (j, "wall_median_s", c->wall ? c->wall->median_ms / 1000 : 0);
        ADD_DOUBLE (j, "wall_max_s", c->wall ? c->wall->max_ms / 1000 : 0);
        ADD_DOUBLE (j, "cpu_median_s", c->cpu ? c->cpu->median_ms / 1000 : 0);
        json_builder_set_member_name (j, "met");
        json_builder_add_boolean_value (j, c->met);
        ADD_DOUBLE (j, "ratio", isfinite (c->ratio) ? round (c->ratio * 10) / 10 : 1e9);
        json_builder_end_object (j);
      }
  json_builder_end_array (j);
}

static void
add_memory_json (JsonBuilder *j, const BenchReport *r)
{
  json_builder_set_member_name (j, "memory_targets");
  json_builder_begin_array (j);
  for (Op op = 0; op < N_OPS; op++)
    {
      const MemoryRow *m = &r->b.memory[op];
      double measured[3] = { m->startup_mb, m->per_image_mb, m->peak_mb };

      json_builder_begin_object (j);
      json_builder_set_member_name (j, "component");
      json_builder_add_string_value (j, mem_titles[op]);
      for (int c = 0; c < 3; c++)
        {
          double target = mem_targets_mb[op][c];

          json_builder_set_member_name (j, mem_columns[c]);
          json_builder_begin_object (j);
          ADD_DOUBLE (j, "target_mb", target);
          ADD_DOUBLE (j, "measured_mb", round (measured[c] * 100) / 100);
          json_builder_set_member_name (j, "met");
          json_builder_add_boolean_value (j, r->memory_met[op][c]);
          ADD_DOUBLE (j, "ratio", measured[c] > 0 ? round (target / measured[c] * 10) / 10 : 1e9);
          json_builder_end_object (j);
        }
      json_builder_end_object (j);
    }
  json_builder_end_array (j);
}

static void
print_json (const BenchOptions *o, const BenchReport *r)
{
  g_autoptr(JsonBuilder) j = json_builder_new ();

  json_builder_begin_object (j);
  json_builder_set_member_name (j, "dir");
  svgai_cli_json_add_text (j, o->dir);
  ADD_INT (j, "images", r->b.samples->len);
  ADD_INT (j, "runs", o->runs);
  ADD_INT (j, "warmup", o->warmup);
  add_operations_json (j, r);
  add_system_json (j, o, r);
  add_response_json (j, o, r);
  add_memory_json (j, r);
  json_builder_set_member_name (j, "all_met");
  json_builder_add_boolean_value (j, r->all_met);
  json_builder_end_object (j);
  svgai_cli_print_json (j, stdout, TRUE);
}

int
svgai_cli_bench (int argc, char **argv)
{
  BenchOptions o = { 0 };
  BenchReport r = { 0 };
  int status = SVGAI_EXIT_USAGE;

  if (bench_parse (&o, argc, argv))
    {
      status = SVGAI_EXIT_FAILED;
      if (bench_run (&o, &r))
        {
          if (o.json)
            print_json (&o, &r);
          else
            print_text (&o, &r);
          status = r.all_met ? SVGAI_EXIT_OK : SVGAI_EXIT_FAILED;
        }
      bench_report_clear (&r);
    }
  g_strfreev (o.dirs);
  return status;
}
