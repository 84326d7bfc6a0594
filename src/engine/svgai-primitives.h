#pragma once

#include <glib.h>
#include "svgai-vector.h"

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
 * closed. Returns TRUE when it was replaced. */
gboolean svgai_primitive_fit_circle (GArray *segs, guint start, double tolerance, double grid);

G_END_DECLS
