#pragma once

/* svg-ai-cli bench's parts: the measurements (svgai-cli-bench-run.c) and
 * the command with its report (svgai-cli-bench.c). */
#include "svgai-cli.h"

G_BEGIN_DECLS

#define MB (1024.0 * 1024.0)

/* The operations the original design sets targets for. */
typedef enum { OP_FEATURES, OP_CLASSIFY, OP_OPTIMIZE, OP_PREDICT, OP_PIPELINE, N_OPS } Op;

typedef struct {
  char *path;
  SvgaiImage *image;
} Sample;

typedef struct {
  double startup_mb;        /* RSS growth over the first call ever */
  double per_image_mb;      /* mean RSS growth per counted call, ≥ 0 */
  double peak_mb;           /* highest RSS during its runs above the RSS before them */
} MemoryRow;

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

typedef struct {
  GPtrArray *samples;       /* of Sample* */
  SvgaiPerf *perf;          /* "op/tier": wall time of each counted call */
  SvgaiPerf *cpu;           /* the same operations in process CPU time */
  double cpu_clock_ms;      /* what reading that clock twice costs, subtracted */
  int runs;
  int warmup;
  MemoryRow memory[N_OPS];
  guint64 peak_rss;         /* the highest RSS seen during the runs */
} Bench;

extern const char *const bench_op_keys[N_OPS];

char *bench_op_name (Op op, int tier);
/* The images of dir, sorted by name. */
GPtrArray *bench_load_samples (const char *dir, GError **error);
/* Calibrates b->cpu_clock_ms. */
void bench_calibrate (Bench *b);
/* Warm-up and counted pipeline runs over every sample for every tier:
 * each stage's time and memory into b->perf, b->cpu and b->memory. */
void bench_run_stages (Bench *b);
/* Images per second of the complete pipeline with n threads. */
double bench_throughput (Bench *b, int n_threads, int tier);
void bench_monitor_cost (Bench *b, MonitorCost *out);

G_END_DECLS
