#pragma once

/* svg-ai-cli batch's parts: the plan (which files, named how), the pool of
 * workers and writers that converts them, and the command (options,
 * summary). */
#include "svgai-cli.h"

G_BEGIN_DECLS

#define SVGAI_CLI_EXIT_INTERRUPTED 130
/* After Ctrl+C, how long running conversions may take to notice it before
 * they are left behind (a trace of one layer cannot be stopped). */
#define INTERRUPT_GRACE_MS 500
/* Writer threads. */
#define N_WRITERS 2
/* Converted SVGs waiting for a writer (a few KB each). */
#define MAX_PENDING_WRITES 16

typedef struct {
  char *input;
  gint64 size;              /* bytes on disk, to start the largest first */
  char *output;             /* NULL when it collides with an earlier item */
  char *collision;          /* the earlier input with the same output */
  char *error;              /* set when planned to fail: an unreadable folder, an output that is an input */
} Item;

typedef struct {
  /* settings */
  GPtrArray *items;         /* of Item*, sorted, after sharding */
  GPtrArray *order;         /* the same items, largest file first: the order workers take them */
  char *output_dir;
  SvgaiPipelineOptions run;
  SvgaiLoadOptions load;
  int workers;
  guint64 memory_budget;    /* 0: none */
  guint64 memory_ceiling;   /* --max-memory in bytes, 0: none */
  gboolean tty;
  gboolean quiet;
  FILE *report;
  int report_errno;         /* under lock: the first failed write of the report, 0 if none */

  /* shared state */
  GCancellable *cancellable;
  gint stop;                /* atomic */
  gint next;                /* atomic: index of the next item to start */
  GMutex lock;              /* guards everything below and the outputs */
  GCond memory_cond;
  guint64 memory_in_flight;
  guint in_flight_images;
  guint max_in_flight_images;
  guint done, ok, failed, cancelled;
  double ssim_sum;
  gint64 start_us;
  gboolean bar_drawn;
  gint workers_left;        /* atomic */
  GMainLoop *loop;

  /* Saving: fsync makes each write wait for the disk (milliseconds), so
   * writer threads do it while the workers convert the next image. */
  GQueue writes;            /* under lock: WriteJob*; a job with item NULL ends a writer */
  GThread *writers[N_WRITERS];
  guint pending_writes;     /* under lock: queued or being written, at most MAX_PENDING_WRITES */
  GCond writes_cond;        /* a write finished: room in the queue */
  GCond writes_ready;       /* a job was queued */
  gboolean interrupted;      /* set when the pool returns */
  gboolean abandoned;       /* interrupted, and conversions still ran after the grace time: the
                             * pool left them, and the process must end with _exit() */
} Batch;

typedef struct {
  const Item *item;
  SvgaiResult *result;
  gint64 t0;
} WriteJob;

/* svgai-cli-batch-plan.c */
void batch_item_free (gpointer item);
/* The sorted, de-duplicated list of inputs (files, folders' images), then
 * every n_shards-th from shard, each with its output path under output_dir. */
GPtrArray *batch_plan_items (char **inputs, gboolean recursive, const char *output_dir, guint shard,
                             guint n_shards, GError **error);
/* The same items, largest file first: the order the workers take them. */
GPtrArray *batch_order_largest_first (GPtrArray *items);

/* svgai-cli-batch-pool.c */
/* Runs b's items with b->workers workers and the writers until done or
 * interrupted (SIGINT, SIGTERM); fills b's counts and b->interrupted. */
void batch_run_pool (Batch *b);
double batch_elapsed_s (Batch *b);
/* Prints one message line without tearing the progress bar. Lock held. */
void batch_print_line (Batch *b, const char *text);

G_END_DECLS
