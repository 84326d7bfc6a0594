/* svg-ai-cli bench: the original design's benchmark suite, graded against
 * its targets tables (../shared/DESIGN.md).
 *
 * Every operation runs over every image of a folder: warm-up passes first
 * (not counted), then --runs counted passes, each call timed into a private
 * monitor. Memory is read from /proc: the process's resident set before
 * anything, after loading, and the peak, which is reset (clear_refs) before
 * each component so that each one's own peak can be told apart. */
#include "svgai-config.h"

#include <glib/gi18n.h>

#include <fcntl.h>
#include <time.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "ai/svgai-classifier.h"
#include "svgai-cli.h"
#include "ai/svgai-features.h"
#include "svgai.h"
#include "ai/svgai-model.h"
#include "ai/svgai-optimizer.h"
#include "ai/svgai-predictor.h"
#include "engine/svgai-threads.h"

#define MB (1024.0 * 1024.0)

/* Feature extraction's budget per tier, as the pipeline gives it. */
static const double features_budget_ms[SVGAI_N_TIERS] = { 25, 200, 0 };

/* The targets of the original design, in seconds and in MB. */
typedef enum { OP_FEATURES, OP_CLASSIFY, OP_OPTIMIZE, OP_PREDICT, OP_PIPELINE, N_OPS } Op;

static const char *const op_titles[N_OPS] = {
  "Feature Extraction", "Classification", "Parameter Optimization", "Quality Prediction", "Complete Pipeline",
};
static const char *const op_keys[N_OPS] = { "features", "classify", "optimize", "predict", "pipeline" };
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

typedef struct {
  char *path;
  SvgaiImage *image;
  SvgaiFeatures features[SVGAI_N_TIERS];
  SvgaiClassification classification;
  SvgaiParams params[SVGAI_N_TIERS];
} Sample;

typedef struct {
  double startup_mb;        /* RSS growth over the first call ever */
  double per_image_mb;      /* mean RSS growth per counted call, ≥ 0 */
  double peak_mb;           /* highest RSS during its runs above the RSS before them */
} MemoryRow;

typedef struct {
  GPtrArray *samples;
  SvgaiPerf *perf;
  SvgaiPerf *cpu;           /* the same operations in process CPU time */
  double cpu_clock_ms;      /* what reading that clock twice costs, subtracted */
  int runs;
  int warmup;
  MemoryRow memory[N_OPS];
  gboolean first_call_done[N_OPS];
  guint64 rss_before_first[N_OPS];
} Bench;

static void
sample_free (gpointer data)
{
  Sample *s = data;

  g_free (s->path);
  g_clear_pointer (&s->image, svgai_image_unref);
  g_free (s);
}

/* Resets the process's peak RSS (VmHWM) to the current RSS. Linux ≥ 4.0. */
static gboolean
reset_peak (void)
{
  int fd = open ("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = write (fd, "5", 1) == 1;
  close (fd);
  return ok;
}

/* All threads of the process: one operation runs at a time here, and the
 * tracer's layer threads count. On a shared machine this is what the code
 * costs; the wall time adds waiting for a core. */
static double
process_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static char *
op_name (Op op, int tier)
{
  return g_strdup_printf ("%s/%s", op_keys[op], svgai_tier_to_string (tier));
}

static SvgaiResult *
run_pipeline (Sample *s, int tier, GError **error)
{
  SvgaiPipelineOptions o;

  svgai_pipeline_options_init (&o);
  o.tier = tier;
  o.use_cache = FALSE;
  return svgai_pipeline_run_file (s->path, NULL, &o, NULL, NULL, error);
}

/* One call of op on one sample; records into b->perf when counted. */
static gboolean
call_op (Bench *b, Op op, int tier, Sample *s, gboolean counted, GError **error)
{
  g_autofree char *name = op_name (op, tier);
  SvgaiPerfScope scope;
  gboolean ok = TRUE;
  gboolean first = !b->first_call_done[op];
  double cpu0;

  if (first)
    b->rss_before_first[op] = svgai_memory_rss ();
  cpu0 = process_cpu_ms ();
  scope = svgai_perf_scope_begin (counted ? b->perf : NULL, counted ? g_intern_string (name) : "bench.warmup");
  switch (op)
    {
    case OP_FEATURES:
      svgai_features_extract (s->image, features_budget_ms[tier], &s->features[tier]);
      break;
    case OP_CLASSIFY:
      /* Without the model the rules answer: still a classification. */
      (void) svgai_classify (&s->features[tier], &s->classification, NULL);
      break;
    case OP_OPTIMIZE:
      {
        SvgaiOptimizeInfo info = { 0 };

        ok = svgai_optimize_full (s->image, &s->features[tier], s->classification.logo_class, tier, 0, NULL,
                                  &s->params[tier], &info, error);
        svgai_optimize_info_clear (&info);
      }
      break;
    case OP_PREDICT:
      (void) svgai_predict_ssim (&s->features[tier], &s->params[tier]);
      break;
    case OP_PIPELINE:
      {
        g_autoptr(SvgaiResult) r = run_pipeline (s, tier, error);

        ok = r != NULL;
      }
      break;
    default:
      g_assert_not_reached ();
    }
  if (!counted)
    scope.perf = NULL;          /* warm-up: timed, not recorded */
  svgai_perf_scope_end (&scope);
  if (counted)
    svgai_perf_record (b->cpu, g_intern_string (name), MAX (0, process_cpu_ms () - cpu0 - b->cpu_clock_ms), 0);
  if (first)
    {
      gint64 grown = (gint64) svgai_memory_rss () - (gint64) b->rss_before_first[op];

      b->memory[op].startup_mb = MAX (0, grown) / MB;
      b->first_call_done[op] = TRUE;
    }
  return ok;
}

/* Warm-up and counted passes of op over all samples, for each tier; the
 * component's memory peak is taken over all of them. */
static void
run_op (Bench *b, Op op)
{
  guint64 before;
  double mem_sum = 0;
  guint64 mem_n = 0;

  before = svgai_memory_rss ();
  reset_peak ();
  for (int tier = 0; tier < SVGAI_N_TIERS; tier++)
    {
      g_autofree char *name = op_name (op, tier);
      g_autoptr(SvgaiPerfSummary) summary = NULL;
      const SvgaiPerfOpStats *stats;

      gboolean failed = FALSE;

      for (int pass = 0; pass < b->warmup + b->runs && !failed; pass++)
        for (guint i = 0; i < b->samples->len && !failed; i++)
          {
            g_autoptr(GError) err = NULL;

            if (!call_op (b, op, tier, b->samples->pdata[i], pass >= b->warmup, &err))
              {
                /* E.g. a model that cannot be loaded: this cell goes
                 * unmeasured (and missed); the others are still measured. */
                svgai_cli_error (_("bench: %s: %s; not measured"), name, err->message);
                failed = TRUE;
              }
          }
      summary = svgai_perf_get_summary (b->perf);
      stats = svgai_perf_summary_find (summary, name);
      if (stats)
        {
          mem_sum += stats->mean_mem_delta_bytes * stats->count;
          mem_n += stats->count;
        }
    }
  b->memory[op].per_image_mb = mem_n ? MAX (0, mem_sum / mem_n) / MB : 0;
  b->memory[op].peak_mb = MAX (0, (double) svgai_memory_peak_rss () - (double) before) / MB;
}

typedef struct {
  GPtrArray *samples;
  gint next;
  guint n_jobs;             /* the samples, repeated so every thread has work */
  int tier;
} ConcurrentJob;

static gpointer
concurrent_worker (gpointer data)
{
  ConcurrentJob *job = data;
  guint i;

  svgai_threads_set_limit (1);
  while ((i = (guint) g_atomic_int_add (&job->next, 1)) < job->n_jobs)
    {
      Sample *s = job->samples->pdata[i % job->samples->len];
      g_autoptr(SvgaiResult) r = run_pipeline (s, job->tier, NULL);
    }
  return NULL;
}

/* Images per second of the complete pipeline with n threads. */
static double
throughput (Bench *b, int n_threads, int tier)
{
  /* At least 8 images per thread, so a small folder still measures the
   * threads rather than the one slowest image. */
  guint n_jobs = MAX (b->samples->len, 8u * (guint) n_threads);
  ConcurrentJob job = { b->samples, 0, n_jobs, tier };
  GThread **threads = g_new0 (GThread *, n_threads);
  gint64 t0 = g_get_monotonic_time ();
  double s;

  for (int i = 0; i < n_threads; i++)
    threads[i] = g_thread_new ("svgai-bench", concurrent_worker, &job);
  for (int i = 0; i < n_threads; i++)
    g_thread_join (threads[i]);
  s = (g_get_monotonic_time () - t0) / 1e6;
  g_free (threads);
  return s > 0 ? n_jobs / s : 0;
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_of (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return values->len % 2 ? g_array_index (values, double, values->len / 2)
                         : (g_array_index (values, double, values->len / 2 - 1) +
                            g_array_index (values, double, values->len / 2)) / 2;
}

/* What the monitor costs: the fast pipeline over the folder with the
 * default monitor on and off, alternating passes, in this thread's CPU time
 * (other processes' load does not count in it). Also the cost of one record
 * times the records per image. */
typedef struct {
  double on_ms;             /* per image, median of the passes */
  double off_ms;
  double scope_us;          /* one recorded scope */
  double records_per_image;
  double ratio;             /* on / off, median of the passes' */
} MonitorCost;

static void
monitor_cost (Bench *b, MonitorCost *out)
{
  SvgaiPerf *perf = svgai_perf_get_default ();
  gboolean was_enabled = svgai_perf_get_enabled (perf);
  g_autoptr(GArray) on = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) off = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  const int passes = 5;
  guint n = b->samples->len;
  guint64 before, after;
  SvgaiPerf *probe;
  double t;

  svgai_threads_set_limit (1);
  for (guint i = 0; i < n; i++)     /* warm-up */
    {
      g_autoptr(SvgaiResult) r = run_pipeline (b->samples->pdata[i], SVGAI_TIER_FAST, NULL);
    }
  /* Each image twice in a row, on and off in alternating order, so that a
   * change in what the machine's other tenants do hits both alike. */
  for (int pass = 0; pass < passes; pass++)
    {
      double sum_on = 0, sum_off = 0, ratio;

      for (guint i = 0; i < n; i++)
        for (guint k = 0; k < 2; k++)
          {
            gboolean enabled = (k + i + (guint) pass) % 2 == 0;
            g_autoptr(SvgaiResult) r = NULL;

            svgai_perf_set_enabled (perf, enabled);
            t = thread_cpu_ms ();
            r = run_pipeline (b->samples->pdata[i], SVGAI_TIER_FAST, NULL);
            t = thread_cpu_ms () - t;
            if (enabled)
              sum_on += t;
            else
              sum_off += t;
          }
      sum_on /= n;
      sum_off /= n;
      ratio = sum_on / sum_off;
      g_array_append_val (on, sum_on);
      g_array_append_val (off, sum_off);
      g_array_append_val (ratios, ratio);
    }
  svgai_perf_set_enabled (perf, TRUE);
  {
    g_autoptr(SvgaiPerfSummary) s0 = svgai_perf_get_summary (perf);
    g_autoptr(SvgaiPerfSummary) s1 = NULL;

    before = 0;
    for (guint i = 0; i < s0->n_ops; i++)
      before += s0->ops[i].count;
    for (guint i = 0; i < b->samples->len; i++)
      {
        g_autoptr(SvgaiResult) r = run_pipeline (b->samples->pdata[i], SVGAI_TIER_FAST, NULL);
      }
    s1 = svgai_perf_get_summary (perf);
    after = 0;
    for (guint i = 0; i < s1->n_ops; i++)
      after += s1->ops[i].count;
  }
  svgai_perf_set_enabled (perf, was_enabled);
  svgai_threads_set_limit (0);

  probe = svgai_perf_new ();
  t = thread_cpu_ms ();
  for (int i = 0; i < 100000; i++)
    {
      SvgaiPerfScope s = svgai_perf_scope_begin (probe, "probe");
      svgai_perf_scope_end (&s);
    }
  out->scope_us = (thread_cpu_ms () - t) * 1000 / 100000;
  svgai_perf_free (probe);

  out->on_ms = median_of (on);
  out->off_ms = median_of (off);
  out->ratio = median_of (ratios);
  out->records_per_image = (double) (after - before) / b->samples->len;
}

static int
compare_samples (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(Sample *const *) a)->path, (*(Sample *const *) b)->path);
}

static GPtrArray *
load_samples (const char *dir, GError **error)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, error);
  GPtrArray *samples;
  const char *name;

  if (d == NULL)
    return NULL;
  samples = g_ptr_array_new_with_free_func (sample_free);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GError) err = NULL;
      SvgaiImage *image;

      if (!svgai_cli_is_image_name (name))
        continue;
      path = g_build_filename (dir, name, NULL);
      image = svgai_image_new_from_file (path, NULL, NULL, &err);
      if (image == NULL)
        {
          svgai_cli_error (_("skipping %s"), err->message);
          continue;
        }
      {
        Sample *s = g_new0 (Sample, 1);

        s->path = g_steal_pointer (&path);
        s->image = image;
        g_ptr_array_add (samples, s);
      }
    }
  g_ptr_array_sort (samples, compare_samples);
  return samples;
}

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

int
svgai_cli_bench (int argc, char **argv)
{
  g_auto(GStrv) dirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("[DIR] — benchmark the pipeline against the design's targets"));
  g_autoptr(GPtrArray) samples = NULL;
  g_autoptr(SvgaiPerfSummary) summary = NULL;
  g_autoptr(SvgaiPerfSummary) cpu_summary = NULL;
  g_autoptr(JsonBuilder) j = json_builder_new ();
  gboolean json = FALSE, grade_cpu = FALSE;
  int runs = 3, warmup = 1, jobs = 0;
  const char *dir;
  Bench b = { 0 };
  guint64 rss_baseline, rss_started, rss_loaded, rss_peak;
  double tput_1, tput_n;
  MonitorCost cost;
  gboolean all_met = TRUE;
  int n_threads;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the results as JSON"), NULL },
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, N_("Counted passes over the folder per operation (default 3)"), "N" },
    { "warmup", 0, 0, G_OPTION_ARG_INT, &warmup, N_("Passes before counting (default 1)"), "N" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, N_("Threads for the concurrency test (default: the number of cores)"), "N" },
    { "cpu", 0, 0, G_OPTION_ARG_NONE, &grade_cpu, N_("Grade response times on CPU time rather than wall time (on a shared machine)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &dirs, NULL, "[DIR]" },
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
  if (!svgai_cli_parse_options (ctx, argc, argv))
    return SVGAI_EXIT_USAGE;
  if (runs < 1 || warmup < 0 || jobs < 0 || (dirs && dirs[0] && dirs[1]))
    {
      svgai_cli_error (_("bench: give at most one DIR, --runs ≥ 1, --warmup ≥ 0"));
      return SVGAI_EXIT_USAGE;
    }
  dir = dirs && dirs[0] ? dirs[0] : default_dir ();
  n_threads = jobs > 0 ? jobs : (int) g_get_num_processors ();

  rss_baseline = svgai_memory_rss ();
  if (!svgai_models_ensure (&error))
    {
      /* The rules and the fast tier still work: measure what there is. */
      svgai_cli_error ("%s", error->message);
      g_clear_error (&error);
    }
  /* The pipeline's startup: the process and its models, before any image. */
  rss_started = svgai_memory_rss ();
  samples = load_samples (dir, &error);
  if (samples == NULL || samples->len == 0)
    {
      svgai_cli_error ("bench: %s", error ? error->message : _("no images in the folder"));
      return SVGAI_EXIT_FAILED;
    }
  rss_loaded = svgai_memory_rss ();

  b.samples = samples;
  b.perf = svgai_perf_new ();
  b.cpu = svgai_perf_new ();
  {
    /* The CPU interval of an operation also holds the monitor's own
     * record around it and the CPU clock (a system call, unlike the wall
     * clock): calibrate both away so that sub-microsecond operations stay so. */
    g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (double));
    SvgaiPerf *probe = svgai_perf_new ();

    for (int i = 0; i < 1001; i++)
      {
        double t0 = process_cpu_ms ();
        SvgaiPerfScope scope = svgai_perf_scope_begin (probe, "probe");
        double d;

        svgai_perf_scope_end (&scope);
        d = process_cpu_ms () - t0;
        g_array_append_val (pairs, d);
      }
    b.cpu_clock_ms = median_of (pairs);
    svgai_perf_free (probe);
  }
  b.runs = runs;
  b.warmup = warmup;
  if (!json)
    fprintf (stderr, "Benchmarking %u images from %s (%d warm-up + %d counted passes)…\n", samples->len, dir,
             warmup, runs);
  for (Op op = 0; op < N_OPS; op++)
    run_op (&b, op);
  rss_peak = svgai_memory_peak_rss ();

  /* Concurrency: the balanced pipeline, one pass to warm up per setting. */
  throughput (&b, 1, SVGAI_TIER_BALANCED);
  tput_1 = throughput (&b, 1, SVGAI_TIER_BALANCED);
  throughput (&b, n_threads, SVGAI_TIER_BALANCED);
  tput_n = throughput (&b, n_threads, SVGAI_TIER_BALANCED);
  rss_peak = MAX (rss_peak, svgai_memory_peak_rss ());
  monitor_cost (&b, &cost);
  /* The complete pipeline's peak is the whole process's. */
  b.memory[OP_PIPELINE].peak_mb = rss_peak / MB;
  b.memory[OP_PIPELINE].startup_mb = (rss_started > rss_baseline ? rss_started - rss_baseline : 0) / MB;

  summary = svgai_perf_get_summary (b.perf);
  cpu_summary = svgai_perf_get_summary (b.cpu);

  json_builder_begin_object (j);
  json_builder_set_member_name (j, "dir");
  json_builder_add_string_value (j, dir);
  json_builder_set_member_name (j, "images");
  json_builder_add_int_value (j, samples->len);
  json_builder_set_member_name (j, "runs");
  json_builder_add_int_value (j, runs);
  json_builder_set_member_name (j, "warmup");
  json_builder_add_int_value (j, warmup);
  json_builder_set_member_name (j, "operations");
  json_builder_begin_object (j);
  for (guint i = 0; i < summary->n_ops; i++)
    {
      const SvgaiPerfOpStats *c = svgai_perf_summary_find (cpu_summary, summary->ops[i].name);

      json_builder_set_member_name (j, summary->ops[i].name);
      add_stats_json (j, &summary->ops[i], c);
    }
  json_builder_end_object (j);

  if (!json)
    {
      printf ("\nWall time (CPU: the process's CPU time, median; the machine may be shared)\n");
      printf ("Operation (%u images × %d runs)    avg        median     min        max        std        images/s   CPU\n",
              samples->len, runs);
      for (guint i = 0; i < summary->n_ops; i++)
        {
          const SvgaiPerfOpStats *o = &summary->ops[i];
          const SvgaiPerfOpStats *c = svgai_perf_summary_find (cpu_summary, o->name);
          char avg[32], med[32], min[32], max[32], std[32], cpu[32];

          format_ms (avg, sizeof avg, o->mean_ms);
          format_ms (med, sizeof med, o->median_ms);
          format_ms (min, sizeof min, o->min_ms);
          format_ms (max, sizeof max, o->max_ms);
          format_ms (std, sizeof std, o->std_ms);
          format_ms (cpu, sizeof cpu, c ? c->median_ms : 0);
          printf ("  %-32s %-10s %-10s %-10s %-10s %-10s %-10.1f %s\n", o->name, avg, med, min, max, std,
                  o->mean_ms > 0 ? 1000 / o->mean_ms : 0, cpu);
        }
      printf ("\nMemory: baseline %.1f MB, after loading %.1f MB, peak %.1f MB, overhead %.1f MB\n",
              rss_baseline / MB, rss_loaded / MB, rss_peak / MB, (rss_peak - rss_baseline) / MB);
      printf ("Concurrency (complete pipeline, balanced): 1 thread %.1f images/s, %d threads %.1f images/s, "
              "speed-up %.2f×\n", tput_1, n_threads, tput_n, tput_1 > 0 ? tput_n / tput_1 : 0);
    }

  json_builder_set_member_name (j, "memory");
  json_builder_begin_object (j);
  json_builder_set_member_name (j, "baseline_rss_bytes");
  json_builder_add_int_value (j, (gint64) rss_baseline);
  json_builder_set_member_name (j, "after_loading_rss_bytes");
  json_builder_add_int_value (j, (gint64) rss_loaded);
  json_builder_set_member_name (j, "peak_rss_bytes");
  json_builder_add_int_value (j, (gint64) rss_peak);
  json_builder_set_member_name (j, "overhead_bytes");
  json_builder_add_int_value (j, (gint64) (rss_peak - rss_baseline));
  json_builder_end_object (j);

  json_builder_set_member_name (j, "concurrency");
  json_builder_begin_object (j);
  json_builder_set_member_name (j, "threads");
  json_builder_add_int_value (j, n_threads);
  json_builder_set_member_name (j, "images_per_s_1_thread");
  json_builder_add_double_value (j, round (tput_1 * 100) / 100);
  json_builder_set_member_name (j, "images_per_s_n_threads");
  json_builder_add_double_value (j, round (tput_n * 100) / 100);
  json_builder_set_member_name (j, "speedup");
  json_builder_add_double_value (j, tput_1 > 0 ? round (tput_n / tput_1 * 1000) / 1000 : 0);
  json_builder_end_object (j);

  json_builder_set_member_name (j, "monitor");
  json_builder_begin_object (j);
  json_builder_set_member_name (j, "pipeline_cpu_ms_on");
  json_builder_add_double_value (j, round (cost.on_ms * 1000) / 1000);
  json_builder_set_member_name (j, "pipeline_cpu_ms_off");
  json_builder_add_double_value (j, round (cost.off_ms * 1000) / 1000);
  json_builder_set_member_name (j, "overhead_percent");
  json_builder_add_double_value (j, round ((cost.ratio - 1) * 10000) / 100);
  json_builder_set_member_name (j, "scope_us");
  json_builder_add_double_value (j, round (cost.scope_us * 1000) / 1000);
  json_builder_set_member_name (j, "records_per_image");
  json_builder_add_double_value (j, cost.records_per_image);
  json_builder_set_member_name (j, "computed_overhead_percent");
  json_builder_add_double_value (j, round (cost.scope_us * cost.records_per_image / (cost.off_ms * 1000) * 1e4) / 100);
  json_builder_end_object (j);
  if (!json)
    printf ("Monitor (fast pipeline, CPU time of the thread, each image on and off in turn, median of 5 passes): "
            "on %.3f ms/image, off %.3f ms/image (%+.2f %%); %.1f records per image × %.2f µs = %.3f %% of an image\n",
            cost.on_ms, cost.off_ms, (cost.ratio - 1) * 100, cost.records_per_image, cost.scope_us,
            cost.scope_us * cost.records_per_image / (cost.off_ms * 1000) * 100);
  if (!json)
    {
      printf ("\nResponse time targets (graded on the median %s; ratio = target / median)\n",
              grade_cpu ? "CPU time (--cpu)" : "wall time");
      printf ("  %-24s %-30s %-30s %-30s\n", "Operation", "Tier 1 (Fast)", "Tier 2 (Balanced)", "Tier 3 (Quality)");
    }

  json_builder_set_member_name (j, "response_targets");
  json_builder_begin_array (j);
  for (Op op = 0; op < N_OPS; op++)
    {
      if (!json)
        printf ("  %-24s", op_titles[op]);
      for (int tier = 0; tier < SVGAI_N_TIERS; tier++)
        {
          g_autofree char *name = op_name (op, tier);
          const SvgaiPerfOpStats *o = svgai_perf_summary_find (grade_cpu ? cpu_summary : summary, name);
          const SvgaiPerfOpStats *wall = svgai_perf_summary_find (summary, name);
          const SvgaiPerfOpStats *cpu = svgai_perf_summary_find (cpu_summary, name);
          double median_s = o ? o->median_ms / 1000 : NAN;
          double target = time_targets_s[op][tier];
          gboolean met = o && median_s < target;
          double ratio = median_s > 0 ? target / median_s : INFINITY;

          all_met &= met;
          json_builder_begin_object (j);
          json_builder_set_member_name (j, "operation");
          json_builder_add_string_value (j, op_titles[op]);
          json_builder_set_member_name (j, "tier");
          json_builder_add_string_value (j, svgai_tier_to_string (tier));
          json_builder_set_member_name (j, "target_s");
          json_builder_add_double_value (j, target);
          json_builder_set_member_name (j, "median_s");
          json_builder_add_double_value (j, o ? median_s : 0);
          json_builder_set_member_name (j, "graded_on");
          json_builder_add_string_value (j, grade_cpu ? "cpu" : "wall");
          json_builder_set_member_name (j, "wall_median_s");
          json_builder_add_double_value (j, wall ? wall->median_ms / 1000 : 0);
          json_builder_set_member_name (j, "wall_max_s");
          json_builder_add_double_value (j, wall ? wall->max_ms / 1000 : 0);
          json_builder_set_member_name (j, "cpu_median_s");
          json_builder_add_double_value (j, cpu ? cpu->median_ms / 1000 : 0);
          json_builder_set_member_name (j, "met");
          json_builder_add_boolean_value (j, met);
          json_builder_set_member_name (j, "ratio");
          json_builder_add_double_value (j, isfinite (ratio) ? round (ratio * 10) / 10 : 1e9);
          json_builder_end_object (j);
          if (!json)
            {
              char med[32], cell[64];

              format_ms (med, sizeof med, o ? o->median_ms : 0);
              if (o == NULL)
                g_snprintf (cell, sizeof cell, "not measured: MISSED");
              else if (isfinite (ratio))
                g_snprintf (cell, sizeof cell, "%s %s %.0f×", med, met ? "met" : "MISSED", ratio);
              else
                g_snprintf (cell, sizeof cell, "%s %s", med, met ? "met" : "MISSED");
              printf (" %-30s", cell);
            }
        }
      if (!json)
        printf ("\n");
    }
  json_builder_end_array (j);

  if (!json)
    {
      printf ("\nMemory targets, MB (startup: RSS growth over the first call; per image: mean RSS growth per call;\n"
              "peak: highest RSS during the component's runs above the RSS before them; complete pipeline:\n"
              "startup is the growth from loading the models, before any image, and peak the whole process's)\n");
      printf ("  %-24s %-24s %-24s %-24s\n", "Component", "Startup", "Per Image", "Peak");
    }
  json_builder_set_member_name (j, "memory_targets");
  json_builder_begin_array (j);
  for (Op op = 0; op < N_OPS; op++)
    {
      double measured[3] = { b.memory[op].startup_mb, b.memory[op].per_image_mb, b.memory[op].peak_mb };
      static const char *const cols[3] = { "startup", "per_image", "peak" };

      if (!json)
        printf ("  %-24s", mem_titles[op]);
      json_builder_begin_object (j);
      json_builder_set_member_name (j, "component");
      json_builder_add_string_value (j, mem_titles[op]);
      for (int c = 0; c < 3; c++)
        {
          double target = mem_targets_mb[op][c];
          gboolean met = measured[c] < target;
          char cell[64];

          all_met &= met;
          json_builder_set_member_name (j, cols[c]);
          json_builder_begin_object (j);
          json_builder_set_member_name (j, "target_mb");
          json_builder_add_double_value (j, target);
          json_builder_set_member_name (j, "measured_mb");
          json_builder_add_double_value (j, round (measured[c] * 100) / 100);
          json_builder_set_member_name (j, "met");
          json_builder_add_boolean_value (j, met);
          json_builder_set_member_name (j, "ratio");
          json_builder_add_double_value (j, measured[c] > 0 ? round (target / measured[c] * 10) / 10 : 1e9);
          json_builder_end_object (j);
          if (!json)
            {
              if (measured[c] > 0.005)
                g_snprintf (cell, sizeof cell, "%.2f %s %.0f×", measured[c], met ? "met" : "MISSED",
                            target / measured[c]);
              else
                g_snprintf (cell, sizeof cell, "%.2f %s", measured[c], met ? "met" : "MISSED");
              printf (" %-24s", cell);
            }
        }
      json_builder_end_object (j);
      if (!json)
        printf ("\n");
    }
  json_builder_end_array (j);
  json_builder_set_member_name (j, "all_met");
  json_builder_add_boolean_value (j, all_met);
  json_builder_end_object (j);

  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (j);
      g_autofree char *text = json_to_string (root, TRUE);

      printf ("%s\n", text);
    }
  else
    printf ("\n%s\n", all_met ? "Every target met." : "Some targets missed.");

  svgai_perf_free (b.perf);
  svgai_perf_free (b.cpu);
  return all_met ? SVGAI_EXIT_OK : SVGAI_EXIT_FAILED;
}
