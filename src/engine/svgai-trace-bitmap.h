#pragma once

#include <glib.h>
#include <potracelib.h>

G_BEGIN_DECLS

/* From a colour layer's coverage field (0..255 per source pixel) to the
 * bitmap potrace traces. */

/* Keeps one-pixel lines that run between two rows or columns in one piece
 * (see the .c). copy is scratch of w × h bytes. */
void svgai_trace_join_thin_lines (guint8 *field, guint8 *copy, int w, int h);

/* Upsamples the field s times (bilinear) and thresholds it at one half into
 * bm (bm->w = s·w, bm->h = s·h). x0, wx: scratch of bm->w ints; col: of
 * 3·w + 2. */
void svgai_trace_field_to_bitmap (const guint8 *field, int w, int h, int s, potrace_bitmap_t *bm,
                                  int *x0, int *wx, int *col);

G_END_DECLS
