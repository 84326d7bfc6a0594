#pragma once

#include "svgai.h"

G_BEGIN_DECLS

/* How many threads one conversion may use inside itself (potrace layers,
 * SSIM row bands). By default one per core; callers already parallel over
 * images (batch workers, the benchmark's concurrent run) set 1 on each
 * worker thread so that N workers use N cores, not N × cores. The limit is
 * per calling thread. */


/* The threads to use for `wanted` independent parts: at least 1, at most
 * wanted, the cores, and the calling thread's limit. */
int svgai_threads_for (int wanted);

G_END_DECLS
