#pragma once

#include "svgai.h"

G_BEGIN_DECLS

/* svgai-raster.c: outlines to pixels (nonzero winding), anti-aliased by
 * exact coverage or by pixel centres (as cairo's CAIRO_ANTIALIAS_NONE),
 * without loading cairo: a convert measures its tracing with it, and
 * cairo with the libraries it pulls in costs a command-line process 4 ms
 * to load. */

typedef struct {
  double x0, y0, x1, y1;   /* y0 < y1 */
  double dxdy;
  int winding;             /* +1 where the outline runs down, -1 up */
} SvgaiRasterEdge;

typedef struct {
  GArray *edges;           /* of SvgaiRasterEdge */
  double y_min, y_max;
} SvgaiRasterPath;

void svgai_raster_path_init (SvgaiRasterPath *path);
void svgai_raster_path_clear (SvgaiRasterPath *path);
/* Empties the path, keeping its storage. */
void svgai_raster_path_reset (SvgaiRasterPath *path);
/* Appends contours (MOVE/LINE/CURVE/CLOSE, each closed) scaled by sx, sy,
 * curves flattened to within 0.1 pixel (cairo's default tolerance). */
void svgai_raster_path_add (SvgaiRasterPath *path, const SvgaiSegment *segments, guint n_segments, double sx,
                            double sy);

/* Coverage of row y: cover[x] in 0..1 for x_from <= x < x_to, 0 elsewhere. */
typedef void (*SvgaiRasterRowFunc) (int y, const float *cover, int x_from, int x_to, gpointer data);
/* Anti-aliased coverage of the path within width × height, row by row
 * (rows the path does not reach are not reported). Exact wherever the
 * winding number within a pixel keeps one sign and stays within ±1, as in
 * traced outlines and their holes; a pixel shared by regions wound +1 and
 * -1, or crossed by two outlines wound the same way that overlap, may come
 * out short. */
void svgai_raster_fill (const SvgaiRasterPath *path, int width, int height, SvgaiRasterRowFunc row, gpointer data);

/* Pixels x_from <= x < x_to of row y. */
typedef void (*SvgaiRasterSpanFunc) (int y, int x_from, int x_to, gpointer data);
/* The pixels whose centres the path covers (cairo's CAIRO_ANTIALIAS_NONE). */
void svgai_raster_fill_centres (const SvgaiRasterPath *path, int width, int height, SvgaiRasterSpanFunc span,
                                gpointer data);

G_END_DECLS
