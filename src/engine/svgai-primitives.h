#pragma once

#include <glib.h>
#include "svgai-vector.h"
#include "svgai-coverage.h"

G_BEGIN_DECLS

/* Primitives: a traced contour that is a circle or an ellipse (at any
 * angle) within `tolerance` pixels
 * (every point of it, curve midpoints included) is replaced by the exact
 * circle or ellipse of the fit, four quarter arcs as cubic Béziers, in the
 * contour's own direction (holes keep theirs). Designers get a round
 * circle with its true centre and radius instead of potrace's handful of
 * curves that wobble around it.
 *
 * The contour in segs[start..] is a MOVE then lines and curves, not yet
 * closed; pts are its points (svgai_primitive_points(), put on the edge
 * the coverage says). Returns TRUE when it was replaced. */
gboolean svgai_primitive_fit_circle (GArray *segs, guint start, const GArray *pts, double tolerance, double grid);

/* The same for an upright rectangle, its corners square or rounded (one
 * radius for all four): sides become lines and rounded corners quarter
 * circles. A corner radius under ¾ px is taken for a square corner. */
gboolean svgai_primitive_fit_rect (GArray *segs, guint start, const GArray *pts, const SvgaiCoverage *coverage,
                                   double tolerance, double grid);

/* The same for a regular polygon or a regular star of 3 to 12 points,
 * at any angle: its exact corners, joined by lines. Anti-aliasing
 * blunts a traced tip; the fit to the sides puts it back. */
gboolean svgai_primitive_fit_star (GArray *segs, guint start, const GArray *pts, double tolerance, double grid);

/* A circle or ellipse, else a rectangle, else a star, in that order, their
 * points read from the contour and the coverage (may be NULL) once for all
 * three (the snapping is most of a failed fit's time). */
gboolean svgai_primitive_fit (GArray *segs, guint start, const SvgaiCoverage *coverage, double tolerance,
                              double grid);

G_END_DECLS
