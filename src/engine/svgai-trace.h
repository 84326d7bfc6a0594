#pragma once

#include <gio/gio.h>
#include "svgai-image.h"
#include "svgai-params.h"
#include "svgai-vector.h"

G_BEGIN_DECLS

/* Traces an image to vector layers: palette, one coverage mask per colour,
 * libpotrace per layer (layers in parallel, svgai-threads.h caps how many), sub-pixel edges by upsampling
 * the coverage. `used` (optional) receives the parameters with the automatic
 * choices resolved. Coordinates are rounded to the precision the SVG writer
 * uses (svgai_svg_precision()), so the geometry is exactly what is written. */
SvgaiVector *svgai_trace (SvgaiImage *image,
                          const SvgaiParams *params,
                          SvgaiParams *used,
                          GCancellable *cancellable,
                          GError **error);

G_END_DECLS
