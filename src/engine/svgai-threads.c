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
