#include "svgai.h"

#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>

typedef struct {
  const char *name;
  GArray *samples;           /* double ms, for the median */
  double sum;
  double mean;               /* Welford's running mean and M2 */
  double m2;
  double min, max;
  double mem_delta_sum;
  guint64 peak_rss;
} OpRecord;

struct _SvgaiPerf {
  GMutex lock;
  gint enabled;              /* atomic */
  GHashTable *ops;           /* name → OpRecord*, keys compared by content */
  GPtrArray *order;          /* OpRecord*, first use order */
  GHashTable *counters;      /* name → gint64* */
  gint64 start_us;
  guint64 baseline_rss;
};

static void
op_record_free (gpointer data)
{
  OpRecord *r = data;

  g_array_unref (r->samples);
  g_free (r);
}

/* Kept open for the life of the process: reading statm through an open
 * descriptor costs a few microseconds, opening it each time several times
 * that. pread needs no lock. */
static int statm_fd = -1;
static long page_size;

guint64
svgai_perf_rss_now (void)
{
  static gsize init = 0;
  char buf[128];
  ssize_t n;
  char *p;

  if (g_once_init_enter (&init))
    {
      statm_fd = open ("/proc/self/statm", O_RDONLY | O_CLOEXEC);
      page_size = sysconf (_SC_PAGESIZE);
      g_once_init_leave (&init, 1);
    }
  if (statm_fd < 0)
    return svgai_memory_rss ();
  n = pread (statm_fd, buf, sizeof buf - 1, 0);
  if (n <= 0)
    return 0;
  buf[n] = '\0';
  /* "size resident shared …", in pages */
  p = strchr (buf, ' ');
  if (p == NULL)
    return 0;
  return g_ascii_strtoull (p + 1, NULL, 10) * (guint64) page_size;
}

SvgaiPerf *
svgai_perf_new (void)
{
  SvgaiPerf *perf = g_new0 (SvgaiPerf, 1);

  g_mutex_init (&perf->lock);
  perf->enabled = TRUE;
  perf->ops = g_hash_table_new (g_str_hash, g_str_equal);
  perf->order = g_ptr_array_new_with_free_func (op_record_free);
  perf->counters = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  perf->start_us = g_get_monotonic_time ();
  perf->baseline_rss = svgai_perf_rss_now ();
  return perf;
}

void
svgai_perf_free (SvgaiPerf *perf)
{
  if (perf == NULL)
    return;
  g_hash_table_unref (perf->ops);
  g_ptr_array_unref (perf->order);
  g_hash_table_unref (perf->counters);
  g_mutex_clear (&perf->lock);
  g_free (perf);
}

SvgaiPerf *
svgai_perf_get_default (void)
{
  static SvgaiPerf *perf = NULL;

  if (g_once_init_enter (&perf))
    {
      SvgaiPerf *p = svgai_perf_new ();
      const char *env = g_getenv ("SVGAI_PERF");

      if (env && (g_str_equal (env, "0") || g_ascii_strcasecmp (env, "off") == 0 ||
                  g_ascii_strcasecmp (env, "false") == 0))
        p->enabled = FALSE;
      g_once_init_leave (&perf, p);
    }
  return perf;
}

static inline SvgaiPerf *
resolve (SvgaiPerf *perf)
{
  return perf ? perf : svgai_perf_get_default ();
}

void
svgai_perf_set_enabled (SvgaiPerf *perf, gboolean enabled)
{
  g_atomic_int_set (&resolve (perf)->enabled, !!enabled);
}

gboolean
svgai_perf_get_enabled (SvgaiPerf *perf)
{
  return g_atomic_int_get (&resolve (perf)->enabled);
}

void
svgai_perf_reset (SvgaiPerf *perf)
{
  perf = resolve (perf);
  g_mutex_lock (&perf->lock);
  g_hash_table_remove_all (perf->ops);
  g_ptr_array_set_size (perf->order, 0);
  g_hash_table_remove_all (perf->counters);
  perf->start_us = g_get_monotonic_time ();
  perf->baseline_rss = svgai_perf_rss_now ();
  g_mutex_unlock (&perf->lock);
}

/* getrusage is a plain system call: cheap enough to read on every record. */
static guint64
peak_rss_now (void)
{
  struct rusage ru;

  if (getrusage (RUSAGE_SELF, &ru) != 0)
    return svgai_memory_peak_rss ();
  return (guint64) ru.ru_maxrss * 1024;
}

static void
record_locked (SvgaiPerf *perf, const char *op, double ms, gint64 mem_delta, guint64 peak)
{
  OpRecord *r = g_hash_table_lookup (perf->ops, op);
  double delta;

  if (r == NULL)
    {
      r = g_new0 (OpRecord, 1);
      r->name = g_intern_string (op);
      r->samples = g_array_sized_new (FALSE, FALSE, sizeof (double), 64);
      r->min = INFINITY;
      r->max = -INFINITY;
      g_hash_table_insert (perf->ops, (gpointer) r->name, r);
      g_ptr_array_add (perf->order, r);
    }
  g_array_append_val (r->samples, ms);
  r->sum += ms;
  delta = ms - r->mean;
  r->mean += delta / r->samples->len;
  r->m2 += delta * (ms - r->mean);
  r->min = MIN (r->min, ms);
  r->max = MAX (r->max, ms);
  r->mem_delta_sum += (double) mem_delta;
  r->peak_rss = MAX (r->peak_rss, peak);
}

static inline gint64 now_ns (void);

/* Reading /proc/self/statm costs a few microseconds in a tight loop and
 * several times that between real work (cold caches): per record that was
 * measurable (+2 % on a batch of 256 px logos). So each thread keeps its
 * last reading and reads again only when it is older than this: a stage
 * that takes longer gets a fresh reading at its end, and the reading before
 * it is the one the previous stage ended with, moments earlier. Stages
 * shorter than this show the memory change of the last stretch read. */
#define RSS_MAX_AGE_NS (1000 * 1000)

static _Thread_local guint64 thread_rss;
static _Thread_local gint64 thread_rss_ns;

static guint64
rss_recent (gint64 now)
{
  if (now - thread_rss_ns > RSS_MAX_AGE_NS)
    {
      thread_rss = svgai_perf_rss_now ();
      thread_rss_ns = now;
    }
  return thread_rss;
}

void
svgai_perf_record (SvgaiPerf *perf, const char *op, double ms, gint64 mem_delta_bytes)
{
  guint64 rss;

  g_return_if_fail (op != NULL);

  perf = resolve (perf);
  if (!g_atomic_int_get (&perf->enabled))
    return;

  rss = rss_recent (now_ns ());
  g_mutex_lock (&perf->lock);
  record_locked (perf, op, ms, mem_delta_bytes, rss);
  g_mutex_unlock (&perf->lock);
}

void
svgai_perf_count (SvgaiPerf *perf, const char *counter, gint64 delta)
{
  gint64 *v;

  g_return_if_fail (counter != NULL);

  perf = resolve (perf);
  if (!g_atomic_int_get (&perf->enabled))
    return;
  g_mutex_lock (&perf->lock);
  v = g_hash_table_lookup (perf->counters, counter);
  if (v == NULL)
    {
      v = g_new0 (gint64, 1);
      g_hash_table_insert (perf->counters, (gpointer) g_intern_string (counter), v);
    }
  *v += delta;
  g_mutex_unlock (&perf->lock);
}

gint64
svgai_perf_get_counter (SvgaiPerf *perf, const char *counter)
{
  gint64 *v, value = 0;

  perf = resolve (perf);
  g_mutex_lock (&perf->lock);
  v = g_hash_table_lookup (perf->counters, counter);
  if (v)
    value = *v;
  g_mutex_unlock (&perf->lock);
  return value;
}

/* Nanoseconds: g_get_monotonic_time()'s microseconds cannot time the
 * classifier or the predictor, which take well under one. */
static inline gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

SvgaiPerfScope
svgai_perf_scope_begin (SvgaiPerf *perf, const char *op)
{
  SvgaiPerfScope s = { NULL, op, 0, 0 };

  perf = resolve (perf);
  if (g_atomic_int_get (&perf->enabled))
    {
      s.perf = perf;
      s.rss_before = rss_recent (now_ns ());
    }
  else
    s.op = NULL;
  s.start_ns = now_ns ();
  return s;
}

double
svgai_perf_scope_end (SvgaiPerfScope *s)
{
  double ms;

  if (s->start_ns == 0)
    return 0;
  ms = (now_ns () - s->start_ns) / 1e6;
  s->start_ns = 0;
  if (s->perf != NULL && s->op != NULL)
    {
      /* The highest resident set seen as operations end: the process's
       * peak is in the summary. */
      guint64 rss = rss_recent (s->start_ns + (gint64) (ms * 1e6));

      g_mutex_lock (&s->perf->lock);
      record_locked (s->perf, s->op, ms, (gint64) rss - (gint64) s->rss_before, rss);
      g_mutex_unlock (&s->perf->lock);
    }
  s->perf = NULL;
  return ms;
}

void
svgai_perf_scope_clear (SvgaiPerfScope *scope)
{
  svgai_perf_scope_end (scope);
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static int
cmp_counter (const void *a, const void *b)
{
  return strcmp (((const SvgaiPerfCounter *) a)->name, ((const SvgaiPerfCounter *) b)->name);
}

SvgaiPerfSummary *
svgai_perf_get_summary (SvgaiPerf *perf)
{
  SvgaiPerfSummary *s = g_new0 (SvgaiPerfSummary, 1);
  GHashTableIter iter;
  gpointer key, value;
  guint i = 0;

  perf = resolve (perf);
  g_mutex_lock (&perf->lock);
  s->enabled = g_atomic_int_get (&perf->enabled);
  s->elapsed_s = (g_get_monotonic_time () - perf->start_us) / 1e6;
  s->baseline_rss_bytes = perf->baseline_rss;
  s->n_ops = perf->order->len;
  s->ops = g_new0 (SvgaiPerfOpStats, MAX (1, s->n_ops));
  for (i = 0; i < perf->order->len; i++)
    {
      OpRecord *r = g_ptr_array_index (perf->order, i);
      SvgaiPerfOpStats *o = &s->ops[i];
      guint n = r->samples->len;
      double *sorted = g_memdup2 (r->samples->data, n * sizeof (double));

      qsort (sorted, n, sizeof (double), cmp_double);
      o->name = r->name;
      o->count = n;
      o->total_ms = r->sum;
      o->mean_ms = r->mean;
      o->median_ms = n == 0 ? 0 : (n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2);
      o->min_ms = n ? r->min : 0;
      o->max_ms = n ? r->max : 0;
      o->std_ms = n ? sqrt (r->m2 / n) : 0;
      o->mean_mem_delta_bytes = n ? r->mem_delta_sum / n : 0;
      o->peak_rss_bytes = r->peak_rss;
      g_free (sorted);
    }
  s->n_counters = g_hash_table_size (perf->counters);
  s->counters = g_new0 (SvgaiPerfCounter, MAX (1, s->n_counters));
  i = 0;
  g_hash_table_iter_init (&iter, perf->counters);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      s->counters[i].name = key;
      s->counters[i].value = *(gint64 *) value;
      i++;
    }
  g_mutex_unlock (&perf->lock);
  qsort (s->counters, s->n_counters, sizeof (SvgaiPerfCounter), cmp_counter);
  s->current_rss_bytes = svgai_perf_rss_now ();
  s->peak_rss_bytes = peak_rss_now ();
  return s;
}

void
svgai_perf_summary_free (SvgaiPerfSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->ops);
  g_free (summary->counters);
  g_free (summary);
}

const SvgaiPerfOpStats *
svgai_perf_summary_find (const SvgaiPerfSummary *summary, const char *op)
{
  for (guint i = 0; i < summary->n_ops; i++)
    if (strcmp (summary->ops[i].name, op) == 0)
      return &summary->ops[i];
  return NULL;
}

gint64
svgai_perf_summary_get_counter (const SvgaiPerfSummary *summary, const char *counter)
{
  for (guint i = 0; i < summary->n_counters; i++)
    if (strcmp (summary->counters[i].name, counter) == 0)
      return summary->counters[i].value;
  return 0;
}

static void
add_ms (JsonBuilder *b, const char *name, double ms)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, round (ms * 1000) / 1000);
}

void
svgai_perf_summary_to_json (const SvgaiPerfSummary *s, JsonBuilder *b)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "enabled");
  json_builder_add_boolean_value (b, s->enabled);
  json_builder_set_member_name (b, "elapsed_s");
  json_builder_add_double_value (b, round (s->elapsed_s * 1000) / 1000);

  json_builder_set_member_name (b, "memory");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "baseline_rss_bytes");
  json_builder_add_int_value (b, (gint64) s->baseline_rss_bytes);
  json_builder_set_member_name (b, "current_rss_bytes");
  json_builder_add_int_value (b, (gint64) s->current_rss_bytes);
  json_builder_set_member_name (b, "peak_rss_bytes");
  json_builder_add_int_value (b, (gint64) s->peak_rss_bytes);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "operations");
  json_builder_begin_object (b);
  for (guint i = 0; i < s->n_ops; i++)
    {
      const SvgaiPerfOpStats *o = &s->ops[i];

      json_builder_set_member_name (b, o->name);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, (gint64) o->count);
      add_ms (b, "total_ms", o->total_ms);
      add_ms (b, "mean_ms", o->mean_ms);
      add_ms (b, "median_ms", o->median_ms);
      add_ms (b, "min_ms", o->min_ms);
      add_ms (b, "max_ms", o->max_ms);
      add_ms (b, "std_ms", o->std_ms);
      json_builder_set_member_name (b, "mean_mem_delta_bytes");
      json_builder_add_int_value (b, (gint64) llround (o->mean_mem_delta_bytes));
      json_builder_set_member_name (b, "peak_rss_bytes");
      json_builder_add_int_value (b, (gint64) o->peak_rss_bytes);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "counters");
  json_builder_begin_object (b);
  for (guint i = 0; i < s->n_counters; i++)
    {
      json_builder_set_member_name (b, s->counters[i].name);
      json_builder_add_int_value (b, s->counters[i].value);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}
