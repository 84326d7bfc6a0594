/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include "svgai-coverage.h"
#include "svgai-vector.h"

G_BEGIN_DECLS

/* What the primitive fitters (circles and ellipses, rectangles, polygons
 * and stars) share: the traced contour as points, put on the edge the
 * coverage says, and the small linear algebra of their fits. */

/* Too few points say nothing about a shape. */
#define SVGAI_PRIMITIVE_MIN_POINTS 8

double svgai_primitive_snap (double v, double grid);
/* The contour segs[start..] (a MOVE, then lines and curves) as points:
 * every end point, and three inside each curve and along each line (a
 * polygon's sides must fit too), each put on the edge the coverage says
 * (if any); NULL when there are too few to say anything. */
GArray *svgai_primitive_points (const GArray *segs, guint start, const SvgaiCoverage *coverage);
/* Solves the n×n system a·x = b (n ≤ 5) in place; FALSE if singular. */
gboolean svgai_primitive_solve (double a[5][5], double b[5], int n, double x[5]);
/* The shoelace area of the closed polygon pts: its sign is its turn. */
double svgai_primitive_signed_area (const GArray *pts);
void svgai_primitive_append (GArray *segs, SvgaiSegmentKind kind, SvgaiPoint c0, SvgaiPoint c1, SvgaiPoint e);

/* A shape of five parameters, the first five doubles of its struct: its
 * signed distance to p, whether a point is left out of the fit (may be
 * NULL), and how it is kept valid. */
typedef double (*SvgaiShapeDistance) (gconstpointer shape, SvgaiPoint p);
typedef gboolean (*SvgaiShapeSkips) (gconstpointer shape, SvgaiPoint p);
typedef void (*SvgaiShapeClamp) (gpointer shape);
/* Gauss–Newton on the points' distances to the shape (numeric
 * derivatives), from the shape as given, at most `iterations` steps;
 * FALSE if the system is singular. */
gboolean svgai_primitive_least_squares (gpointer shape, gsize size, const GArray *pts, SvgaiShapeDistance distance,
                                        SvgaiShapeSkips skips, SvgaiShapeClamp clamp, int iterations);

G_END_DECLS
