/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include "svgai-vector.h"
#include "svgai-coverage.h"

G_BEGIN_DECLS

/* Curves from geometry. potrace draws one curve per side of its polygon,
 * and the polygon of an upsampled, bilinearly interpolated coverage mask
 * wobbles by a tenth of a pixel with the source's pixel grid: a long arc
 * comes out as a chain of short curves whose bends follow the pixels, the
 * faceting a designer sees at 800 %.
 *
 * The contour in segs[start..] (a MOVE then lines and curves ending where
 * it started, not yet closed) is sampled, its wobble smoothed away between
 * corners, and refitted with as few cubic Béziers as stay within
 * `tolerance` source pixels of it (Schneider's algorithm, Graphics Gems
 * 1990), tangent-continuous everywhere but at its corners. Straight runs
 * become lines. `corner_ends` lists the indices in segs of the segments
 * whose end is a true corner (the tracer decided them from the source's
 * geometry); they stay exactly where they are. Coordinates are snapped to
 * 1/grid px. With `coverage` (may be NULL), the samples are first put on
 * the edge the coverage says (svgai-coverage.h). `compact` (may be NULL)
 * receives the contour (its MOVE first) in fewer, shorter segments within
 * the same tolerance: for writing once the fills are chosen, since the
 * difference would move a fill's edge pixels. Returns FALSE, leaving segs
 * and compact untouched, when the contour is too small to refit. */
gboolean svgai_refit_contour (GArray *segs, guint start, const GArray *corner_ends, const SvgaiCoverage *coverage,
                              double tolerance, int grid, GArray *compact);

G_END_DECLS
