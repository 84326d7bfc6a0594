#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The performance monitor: every pipeline stage records its wall time and
 * the change in resident memory into one, per operation name ("trace",
 * "features", …); counters hold cache hits and misses. Thread-safe. It is
 * always on (a record costs two clock reads, at most one read of
 * /proc/self/statm a millisecond per thread and a short mutex hold); the
 * environment variable
 * SVGAI_PERF=0 or svgai_perf_set_enabled() turns it off, to measure what it
 * costs. */
typedef struct _SvgaiPerf SvgaiPerf;

typedef struct {
  const char *name;          /* operation, e.g. "trace" (interned) */
  guint64 count;
  double total_ms;
  double mean_ms;
  double median_ms;
  double min_ms;
  double max_ms;
  double std_ms;             /* population standard deviation */
  double mean_mem_delta_bytes; /* resident set after − before, mean (read at most once a
                                * millisecond per thread: see svgai-perf.c) */
  guint64 peak_rss_bytes;    /* highest resident set seen at the end of this operation */
} SvgaiPerfOpStats;

typedef struct {
  const char *name;          /* e.g. "cache.features.hit" (interned) */
  gint64 value;
} SvgaiPerfCounter;

/* A snapshot, for the app's panels and the CLI. */
typedef struct {
  gboolean enabled;
  double elapsed_s;          /* since the monitor was created or reset */
  guint64 baseline_rss_bytes; /* resident set when created or reset */
  guint64 current_rss_bytes;
  guint64 peak_rss_bytes;    /* process peak (VmHWM) */
  guint n_ops;
  SvgaiPerfOpStats *ops;     /* in order of first use */
  guint n_counters;
  SvgaiPerfCounter *counters; /* sorted by name */
} SvgaiPerfSummary;

SvgaiPerf *svgai_perf_new (void);
void svgai_perf_free (SvgaiPerf *perf);
/* The process-wide monitor the pipeline records into. */
SvgaiPerf *svgai_perf_get_default (void);

void svgai_perf_set_enabled (SvgaiPerf *perf, gboolean enabled);
gboolean svgai_perf_get_enabled (SvgaiPerf *perf);
/* Forgets every record and counter; the baseline becomes the RSS now. */
void svgai_perf_reset (SvgaiPerf *perf);

/* perf NULL means the default monitor. op must outlive the monitor (a
 * string literal or an interned string). */
void svgai_perf_record (SvgaiPerf *perf,
                        const char *op,
                        double ms,
                        gint64 mem_delta_bytes);
void svgai_perf_count (SvgaiPerf *perf, const char *counter, gint64 delta);
gint64 svgai_perf_get_counter (SvgaiPerf *perf, const char *counter);

/* Timing a block in one line:
 *
 *   SVGAI_PERF_SCOPE ("trace");
 *
 * records from there to the end of the enclosing block. Or explicitly:
 *
 *   SvgaiPerfScope s = svgai_perf_scope_begin (NULL, "trace");
 *   …
 *   ms = svgai_perf_scope_end (&s);
 *
 * svgai_perf_scope_end returns the elapsed milliseconds even when the
 * monitor is disabled, and records at most once. */
typedef struct {
  SvgaiPerf *perf;           /* NULL once ended or when disabled */
  const char *op;
  gint64 start_ns;           /* CLOCK_MONOTONIC; 0 once ended */
  guint64 rss_before;
} SvgaiPerfScope;

SvgaiPerfScope svgai_perf_scope_begin (SvgaiPerf *perf, const char *op);
double svgai_perf_scope_end (SvgaiPerfScope *scope);
void svgai_perf_scope_clear (SvgaiPerfScope *scope);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SvgaiPerfScope, svgai_perf_scope_clear)

#define SVGAI_PERF_SCOPE(op) \
  g_auto(SvgaiPerfScope) G_PASTE (svgai_perf_scope_, __LINE__) G_GNUC_UNUSED = \
    svgai_perf_scope_begin (NULL, (op))

SvgaiPerfSummary *svgai_perf_get_summary (SvgaiPerf *perf);
void svgai_perf_summary_free (SvgaiPerfSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvgaiPerfSummary, svgai_perf_summary_free)
/* NULL if op was never recorded. */
const SvgaiPerfOpStats *svgai_perf_summary_find (const SvgaiPerfSummary *summary, const char *op);
gint64 svgai_perf_summary_get_counter (const SvgaiPerfSummary *summary, const char *counter);

/* Adds the summary as a JSON object value (after a member name, or in an
 * array): {"enabled", "elapsed_s", "memory": {baseline, current, peak},
 * "operations": {op: {count, mean_ms, …}}, "counters": {name: n}}. */
void svgai_perf_summary_to_json (const SvgaiPerfSummary *summary, JsonBuilder *builder);

/* Resident set size now, in bytes: a cheap read (one pread of an open
 * /proc/self/statm). 0 if unknown. */
guint64 svgai_perf_rss_now (void);

G_END_DECLS
