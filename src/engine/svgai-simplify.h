#pragma once

#include <glib.h>
#include "svgai-vector.h"

G_BEGIN_DECLS

/* Straightens wiggles. Tracing upsampled coverage makes a straight edge
 * wave by a tenth of a pixel around the true line (bilinear interpolation
 * of antialiased coverage is not linear); potrace follows each wave with a
 * short curve and cannot merge curves that bend opposite ways, so a 100 px
 * diagonal costs 40 nodes instead of one.
 *
 * The contour in segs[start..] (a MOVE then lines and curves, not yet
 * closed) is rewritten in place: every run of two or more segments whose
 * points stay within `epsilon` pixels of the chord between its ends and
 * cross that chord (a wave, not an arc: arcs keep their curves, so a
 * circle never becomes a polygon) becomes one line. Runs within
 * SVGAI_SIMPLIFY_FLAT pixels of their chord become a line whatever their
 * side. Returns the number of segments removed. */
#define SVGAI_SIMPLIFY_FLAT 0.05

guint svgai_simplify_contour (GArray *segs, guint start, double epsilon);

G_END_DECLS
