/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-threads.h"

static _Thread_local int thread_limit;

void
svgai_threads_set_limit (int n_threads)
{
  thread_limit = MAX (n_threads, 0);
}

int
svgai_threads_for (int wanted)
{
  int n = MIN (wanted, (int) g_get_num_processors ());

  if (thread_limit > 0)
    n = MIN (n, thread_limit);
  return MAX (n, 1);
}

/* Below this many pixels a thread costs more than half the pass saves
 * (starting one takes 70 µs, the first in a process 0.6 ms). */
#define SPLIT_MIN_PIXELS (512 * 512)

typedef struct {
  SvgaiRowsFunc fn;
  gpointer data;
  int y0, y1;
} RowsJob;

static gpointer
run_rows (gpointer data)
{
  RowsJob *job = data;

  job->fn (job->data, job->y0, job->y1);
  return NULL;
}

void
svgai_threads_split_rows (int width, int height, SvgaiRowsFunc fn, gpointer first_half, gpointer second_half)
{
  int mid = height / 2;
  RowsJob second = { fn, second_half, mid, height };
  GThread *thread = NULL;

  if ((gint64) width * height >= SPLIT_MIN_PIXELS && svgai_threads_for (2) > 1)
    thread = g_thread_try_new ("svgai-rows", run_rows, &second, NULL);
  fn (first_half, 0, mid);
  if (thread != NULL)
    g_thread_join (thread);
  else
    run_rows (&second);
}
