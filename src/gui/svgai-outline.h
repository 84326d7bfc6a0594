#pragma once

#include <cairo.h>
#include "svgai.h"

G_BEGIN_DECLS

/* Outline mode: every path as a thin line with a light halo (readable on
 * any colour) and every node as a small square, at zoom (device units per
 * source pixel) from the current origin of cr. */
void svgai_outline_draw (cairo_t *cr, const SvgaiVector *vector, double zoom);

G_END_DECLS
