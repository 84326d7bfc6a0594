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
 * side, and so do runs of lines only within SVGAI_SIMPLIFY_NEAR that tilt
 * no level or plumb line (two lines meeting 0.07 px off their chord).
 * Returns the number of segments removed. */
#define SVGAI_SIMPLIFY_FLAT 0.05
#define SVGAI_SIMPLIFY_NEAR 0.1
/* And so does a run of segments whose joints zigzag about its chord, on
 * alternate sides at least SVGAI_SIMPLIFY_ZIGZAG_TURNS times, within
 * SVGAI_SIMPLIFY_ZIGZAG px (or 7/3 epsilon, if less): a straight edge
 * whose anti-aliased pixels were read a little off, one way then the
 * other (Stepsize's facets, tinted by the facet under them), not a
 * shape's own corners. */
#define SVGAI_SIMPLIFY_ZIGZAG 0.35
#define SVGAI_SIMPLIFY_ZIGZAG_TURNS 3

guint svgai_simplify_contour (GArray *segs, guint start, double epsilon);

/* Shorter numbers. The control points of the contour in segs[start..]
 * move by up to `slack` px per coordinate (0: not at all), as long as
 * their curve moves by no more than SVGAI_SIMPLIFY_SNAP_DEVIATION px,
 * where that makes a curve a quadratic (written "q", four numbers), its
 * first control point the mirror of the previous cubic's second ("s",
 * four numbers), or a control point's offset from the curve's start a
 * shorter decimal ("3" for 2.9). End points stay. Coordinates are
 * multiples of 1/grid but for a quadratic's cubic control points, which
 * are exactly 2/3 of the way to its own. A control point moved by d
 * moves its curve by up to 4/9 d: on a 0.1 px grid the deviation (0.04
 * px; 0.045 widened a 1.5 px line along an arc by a quantum, see
 * tests/test-geometry.c) admits mostly "q" and "s", on the 0.01 px grid
 * of a small image shorter decimals too. */
#define SVGAI_SIMPLIFY_SNAP_SLACK 0.1
#define SVGAI_SIMPLIFY_SNAP_DEVIATION 0.04

void svgai_simplify_snap (GArray *segs, guint start, double slack, int grid);

G_END_DECLS
