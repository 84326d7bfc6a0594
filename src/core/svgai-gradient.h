#pragma once

#include "svgai-image.h"
#include "svgai-palette.h"
#include "svgai-vector.h"

G_BEGIN_DECLS

/* Fits a linear gradient to the source colours of each palette colour's own
 * pixels. out[k] is active only where the gradient explains clearly more of
 * the colour variation than the flat colour does (shaded logos, not flat
 * ones). Points are rounded to multiples of 1/grid. */
void svgai_gradient_fit (const SvgaiImage *image,
                         const SvgaiPalette *palette,
                         double grid,
                         SvgaiGradient *out);

G_END_DECLS
