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

/* A pass over an image's rows [y0, y1). */
typedef void (*SvgaiRowsFunc) (gpointer data, int y0, int y1);

/* Runs @fn over the rows of a @width × @height image in two halves, the
 * first with @first_half, the second with @second_half (the same pointer
 * when the pass writes only its own rows), the second half on a thread of
 * its own when the image is large enough to pay for one and a second core
 * is there to take it (svgai_threads_for), else after the first. Returns
 * once both are done. */
void svgai_threads_split_rows (int width, int height, SvgaiRowsFunc fn, gpointer first_half, gpointer second_half);

G_END_DECLS
