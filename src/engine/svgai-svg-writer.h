#pragma once

#include <glib.h>
#include "svgai-vector.h"

G_BEGIN_DECLS

/* Decimal places used for coordinates of an image of this size: enough for
 * well under 1/10 px, no more. */
int svgai_svg_precision (int width, int height);

/* Compact SVG: viewBox and width/height of the source, one <path> per layer,
 * relative commands, minimal whitespace. */
GBytes *svgai_svg_write (const SvgaiVector *vector);

G_END_DECLS
