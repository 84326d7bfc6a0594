/* svg-ai-cli bench: the measurements.
 *
 * Every run is the engine's pipeline, on every image of a folder, per tier:
 * warm-up passes first (not counted), then --runs counted passes. The
 * stages' wall times are the pipeline's own (svgai_result_get_stage_ms);
 * a progress callback reads the process's CPU time, resident set and peak
 * at each stage's start, so that each stage's CPU time and memory can be
 * told apart (the peak, VmHWM, is reset at each stage: Linux ≥ 4.0). The
 * prediction runs inside the optimizer; it is timed on a second run with
 * the parameters fixed, where the pipeline predicts itself. */
#include "svgai-config.h"

#include <glib/gi18n.h>

#include <fcntl.h>
#include <time.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "svgai-cli-bench.h"

const char *const bench_op_keys[N_OPS] = { "features", "classify", "optimize", "predict", "pipeline" };

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

char *
bench_op_name (Op op, int tier)
{
  return g_strdup_printf ("%s/%s", bench_op_keys[op], svgai_tier_to_string (tier));
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

/* What a progress callback saw at each stage's start, and at the end. */
typedef struct {
  guint n;
  SvgaiStage stage[SVGAI_N_STAGES + 1];   /* SVGAI_N_STAGES: the end */
  double cpu_end[SVGAI_N_STAGES + 1];     /* CPU time when the previous interval ended */
  double cpu_ms[SVGAI_N_STAGES + 1];      /* … and when this one started */
  guint64 rss[SVGAI_N_STAGES + 1];
  guint64 peak[SVGAI_N_STAGES + 1];       /* the highest RSS since the previous mark */
} Probe;

static void
probe_mark (SvgaiStage stage, gpointer data)
{
  Probe *p = data;

  if (p->n > SVGAI_N_STAGES)
    return;
  /* The probe's own reads fall between two intervals, in neither. */
  p->cpu_end[p->n] = process_cpu_ms ();
  p->peak[p->n] = svgai_memory_peak_rss ();
  reset_peak ();
  p->stage[p->n] = stage;
  p->rss[p->n] = svgai_memory_rss ();
  p->cpu_ms[p->n] = process_cpu_ms ();
  p->n++;
}

/* The interval of stage: from its mark to the next. FALSE if it did not run. */
static gboolean
probe_find (const Probe *p, SvgaiStage stage, guint *start)
{
  for (guint i = 0; i + 1 < p->n; i++)
    if (p->stage[i] == stage)
      {
        *start = i;
        return TRUE;
      }
  return FALSE;
}

/* One measured call of an operation, kept until every run is done so that
 * the monitors list the operations in order (op, then tier). */
typedef struct {
  double wall_ms, cpu_ms;
  gint64 mem_delta;
  guint64 peak;             /* highest RSS during it, above the RSS before it */
} Call;

typedef struct {
  Bench *b;
  GArray *calls[N_OPS][SVGAI_N_TIERS];    /* of Call */
  gboolean first_done[N_OPS];
} StageRuns;

static void
add_call (StageRuns *sr, Op op, int tier, gboolean counted, double wall_ms, double cpu_ms, gint64 mem_delta,
          guint64 peak)
{
  Call c = { wall_ms, MAX (0, cpu_ms - sr->b->cpu_clock_ms), mem_delta, peak };
  MemoryRow *m = &sr->b->memory[op];

  if (!sr->first_done[op])
    {
      m->startup_mb = MAX (0, mem_delta) / MB;
      sr->first_done[op] = TRUE;
    }
  m->peak_mb = MAX (m->peak_mb, peak / MB);
  if (counted)
    g_array_append_val (sr->calls[op][tier], c);
}

/* The stages of one run, as the probe and the result saw them. */
static void
add_stage (StageRuns *sr, Op op, SvgaiStage stage, int tier, gboolean counted, const Probe *p, const SvgaiResult *r)
{
  guint i;

  if (!probe_find (p, stage, &i))
    return;
  add_call (sr, op, tier, counted, svgai_result_get_stage_ms (r, stage), p->cpu_end[i + 1] - p->cpu_ms[i],
            (gint64) p->rss[i + 1] - (gint64) p->rss[i], p->peak[i + 1] > p->rss[i] ? p->peak[i + 1] - p->rss[i] : 0);
}

/* The time the default monitor has recorded for op so far, ms: read around
 * a run, what that run's step took. */
static double
recorded_ms (const char *op)
{
  g_autoptr(SvgaiPerfSummary) summary = svgai_perf_get_summary (NULL);
  const SvgaiPerfOpStats *stats = svgai_perf_summary_find (summary, op);

  return stats ? stats->total_ms : 0;
}

/* The prediction alone: the tier's parameters fixed, so that the pipeline
 * predicts (it runs on one thread: its CPU time is its wall time). */
static gboolean
measure_predict (StageRuns *sr, Sample *s, int tier, const SvgaiParams *params, gboolean counted,
                 GError **error)
{
  SvgaiPipelineOptions o;
  g_autoptr(SvgaiResult) r = NULL;
  double before = recorded_ms ("predict"), ms;

  svgai_pipeline_options_init (&o);
  o.tier = tier;
  o.use_cache = FALSE;
  o.measure = FALSE;
  o.params = *params;
  o.fixed = SVGAI_PARAM_ALL;
  r = svgai_pipeline_run (s->image, &o, NULL, error);
  if (r == NULL)
    return FALSE;
  ms = recorded_ms ("predict") - before;
  add_call (sr, OP_PREDICT, tier, counted, ms, ms + sr->b->cpu_clock_ms, 0, 0);
  return TRUE;
}

/* One complete pipeline run on one sample: its stages, then the
 * prediction on its parameters. */
static gboolean
measure_sample (StageRuns *sr, Sample *s, int tier, gboolean counted, GError **error)
{
  SvgaiPipelineOptions o;
  g_autoptr(SvgaiResult) r = NULL;
  Probe p = { 0 };
  gint64 t0;

  svgai_pipeline_options_init (&o);
  o.tier = tier;
  o.use_cache = FALSE;
  o.progress = probe_mark;
  o.user_data = &p;
  probe_mark (SVGAI_STAGE_LOAD, &p);
  t0 = g_get_monotonic_time ();
  r = svgai_pipeline_run_file (s->path, NULL, &o, NULL, NULL, error);
  if (r == NULL)
    return FALSE;
  probe_mark (SVGAI_N_STAGES, &p);
  for (guint i = 1; i < p.n; i++)
    sr->b->peak_rss = MAX (sr->b->peak_rss, p.peak[i]);
  add_stage (sr, OP_FEATURES, SVGAI_STAGE_FEATURES, tier, counted, &p, r);
  add_stage (sr, OP_CLASSIFY, SVGAI_STAGE_CLASSIFY, tier, counted, &p, r);
  add_stage (sr, OP_OPTIMIZE, SVGAI_STAGE_OPTIMIZE, tier, counted, &p, r);
  add_call (sr, OP_PIPELINE, tier, counted, (g_get_monotonic_time () - t0) / 1000.0,
            p.cpu_end[p.n - 1] - p.cpu_ms[0], (gint64) p.rss[p.n - 1] - (gint64) p.rss[0], 0);
  return measure_predict (sr, s, tier, svgai_result_get_params (r), counted, error);
}

static void
run_tier (StageRuns *sr, int tier)
{
  Bench *b = sr->b;

  for (int pass = 0; pass < b->warmup + b->runs; pass++)
    for (guint i = 0; i < b->samples->len; i++)
      {
        g_autoptr(GError) err = NULL;

        if (!measure_sample (sr, b->samples->pdata[i], tier, pass >= b->warmup, &err))
          {
            /* This tier's cells go unmeasured (and missed); the others
             * are still measured. */
            svgai_cli_error (_("bench: %s: %s; not measured"), svgai_tier_to_string (tier), err->message);
            return;
          }
      }
}

/* Into the monitors, operation by operation; the mean memory growth. */
static void
record_calls (StageRuns *sr)
{
  for (Op op = 0; op < N_OPS; op++)
    {
      double mem_sum = 0;
      guint64 mem_n = 0;

      for (int tier = 0; tier < SVGAI_N_TIERS; tier++)
        {
          g_autofree char *name = bench_op_name (op, tier);
          const char *key = g_intern_string (name);
          GArray *calls = sr->calls[op][tier];

          for (guint i = 0; i < calls->len; i++)
            {
              const Call *c = &g_array_index (calls, Call, i);

              svgai_perf_record (sr->b->perf, key, c->wall_ms, c->mem_delta);
              svgai_perf_record (sr->b->cpu, key, c->cpu_ms, 0);
              mem_sum += c->mem_delta;
            }
          mem_n += calls->len;
          g_array_unref (calls);
        }
      sr->b->memory[op].per_image_mb = mem_n ? MAX (0, mem_sum / mem_n) / MB : 0;
    }
}

void
bench_run_stages (Bench *b)
{
  StageRuns sr = { b };

  for (Op op = 0; op < N_OPS; op++)
    for (int tier = 0; tier < SVGAI_N_TIERS; tier++)
      sr.calls[op][tier] = g_array_new (FALSE, FALSE, sizeof (Call));
  reset_peak ();
  for (int tier = 0; tier < SVGAI_N_TIERS; tier++)
    run_tier (&sr, tier);
  record_calls (&sr);
}

void
bench_calibrate (Bench *b)
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
  b->cpu_clock_ms = svgai_cli_median (pairs);
  svgai_perf_free (probe);
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
double
bench_throughput (Bench *b, int n_threads, int tier)
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

void
bench_monitor_cost (Bench *b, MonitorCost *out)
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

  out->on_ms = svgai_cli_median (on);
  out->off_ms = svgai_cli_median (off);
  out->ratio = svgai_cli_median (ratios);
  out->records_per_image = (double) (after - before) / b->samples->len;
}

static int
compare_samples (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(Sample *const *) a)->path, (*(Sample *const *) b)->path);
}

GPtrArray *
bench_load_samples (const char *dir, GError **error)
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
