#pragma once

#include <glib.h>
#include <potracelib.h>
#include "svgai-image.h"
#include "svgai-palette.h"

G_BEGIN_DECLS

/* From a colour layer's coverage field (0..255 per source pixel) to the
 * bitmap potrace traces. */

/* Keeps one-pixel lines that run between two rows or columns in one piece
 * (see the .c). copy is scratch of w × h bytes. */
void svgai_trace_join_thin_lines (guint8 *field, guint8 *copy, int w, int h);

/* Layer k's ink as the source holds it, 0..255 of an opaque pixel per
 * pixel (the image's alpha times k's share; in stacked layering, its own
 * edge pixels' share of the colours above too): where the field is
 * clipped at 255 (a pixel more opaque than the colour's mean alpha, as a
 * thin line's palette colour often is) this still sums to the ink.
 * Read by the thin lines' refit (svgai-refit-thin.h). */
void svgai_trace_layer_ink (const SvgaiPalette *palette, const SvgaiImage *image, const gint8 *dominant, int k,
                            gboolean stacked, guint8 *ink);

/* Upsamples the field s times (bilinear) and thresholds it at one half into
 * bm (bm->w = s·w, bm->h = s·h). x0, wx: scratch of bm->w ints; col: of
 * 3·w + 2. */
void svgai_trace_field_to_bitmap (const guint8 *field, int w, int h, int s, potrace_bitmap_t *bm,
                                  int *x0, int *wx, int *col);

G_END_DECLS
