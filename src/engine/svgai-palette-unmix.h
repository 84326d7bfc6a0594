#pragma once

#include "svgai-palette.h"

G_BEGIN_DECLS

/* Distance from p to the nearest mix t·a + (1−t)·b in sRGB, the space
 * renderers blend in; t (the share of a) in *t. */
static inline float
pair_residual (const guint8 *p, const int *a, const int *b, float *t)
{
  float ux = a[0] - b[0], uy = a[1] - b[1], uz = a[2] - b[2];
  float len2 = ux * ux + uy * uy + uz * uz, ex, ey, ez;

  *t = len2 > 0 ? ((p[0] - b[0]) * ux + (p[1] - b[1]) * uy + (p[2] - b[2]) * uz) / len2 : 1;
  *t = CLAMP (*t, 0.0f, 1.0f);
  ex = p[0] - (b[0] + *t * ux), ey = p[1] - (b[1] + *t * uy), ez = p[2] - (b[2] + *t * uz);
  return ex * ex + ey * ey + ez * ez;
}

/* Fills pal->mix for every pixel of @image: its nearest of the colours
 * @rgb / @alpha, or, where it is not close to that one (or is a nearly pure
 * pixel at an edge between two), its best mixture of two of the colours
 * nearest around it (svgai-palette-unmix.c). FALSE when out of memory. */
gboolean svgai_palette_unmix (const SvgaiImage *image, SvgaiPalette *pal, const int (*rgb)[3], const guint8 *alpha);

G_END_DECLS
