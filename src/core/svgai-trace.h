#pragma once

#include <gio/gio.h>
#include "svgai-image.h"
#include "svgai-params.h"
#include "svgai-vector.h"

G_BEGIN_DECLS

/* Traces an image to vector layers: palette, one coverage mask per colour,
 * libpotrace per layer (layers in parallel), sub-pixel edges by upsampling
 * the coverage. `used` (optional) receives the parameters with the automatic
 * choices resolved. Coordinates are rounded to the precision the SVG writer
 * uses (svgai_svg_precision()), so the geometry is exactly what is written. */
SvgaiVector *svgai_trace (SvgaiImage *image,
                          const SvgaiParams *params,
                          SvgaiParams *used,
                          GCancellable *cancellable,
                          GError **error);

/* Caps the threads svgai_trace() uses for calls made from the calling
 * thread (0, the default: one per core, up to one per layer). Batch workers,
 * already parallel over images, set 1 so that N workers use N cores. */
void svgai_trace_set_thread_limit (int n_threads);

/* The automatic upsampling factor for an image of this size. */
int svgai_trace_auto_upsample (int width, int height);

G_END_DECLS
