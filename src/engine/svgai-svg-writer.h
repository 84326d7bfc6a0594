#pragma once

#include <glib.h>
#include "svgai-vector.h"

G_BEGIN_DECLS

/* Coordinates of an image of this size are multiples of 1/grid pixel:
 * enough for what anti-aliasing can show, no more. */
int svgai_svg_grid (int width, int height);
/* Decimal places those multiples need. */
int svgai_svg_precision (int width, int height);

/* Compact SVG: viewBox and width/height of the source, one element per layer
 * (a <path>, or the <rect>, <circle> or <ellipse> it exactly is),
 * relative commands, minimal whitespace. */
GBytes *svgai_svg_write (const SvgaiVector *vector);

G_END_DECLS
