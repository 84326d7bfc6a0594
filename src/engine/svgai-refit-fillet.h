/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "svgai-coverage.h"
#include "svgai-refit-private.h"

G_BEGIN_DECLS

/* A corner the source draws rounded by a pixel or two (a font's softened
 * stroke ends, an icon's small rounded corners). potrace rounds such a
 * corner over several pixels, and the corner searches, which weigh only
 * that wide round against a point, put a sharp corner back: at 800 % it
 * shows a point where the artwork has a small round. Here the pixels
 * around the corner at pts[i] (the apex, its sides straight along tin
 * into it and tout out of it, the outline on the coverage's edge) weigh
 * the point against arcs tangent to both sides; the radius whose arc
 * explains them best, if it clearly beats the point
 * (svgai_refit_clearly_round()), is drawn: the samples near the apex move
 * onto the lines and the arc, and *a and *b receive the samples where
 * the arc starts and ends (a < i < b, possibly wrapped). `gap_in` and
 * `gap_out` are the samples to the corners before and after it: the
 * change reaches at most half way. FALSE
 * where the corner stays sharp. */
gboolean svgai_refit_fillet (const SvgaiCoverage *coverage, P *pts, int n, int i, P tin, P tout,
                             int gap_in, int gap_out, int *a, int *b);

/* Draws the round of radius r at the corner pts[i] whose sides run along
 * tin into it and tout out of it, as svgai_refit_fillet() does once it
 * has chosen one (a square end's pass chooses its own): the samples near
 * it, at most `room_in` back and `room_out` on, move onto the lines and
 * the arc, *a and *b receive where the arc starts and ends. FALSE (and
 * nothing moved) if the arc would reach beyond those samples. */
gboolean svgai_refit_round_corner (P *pts, int n, int i, P tin, P tout, double r, int room_in, int room_out, int *a,
                                   int *b);

/* Whether a round clearly explains the pixels better than a point:
 * error[0] the point's squared error (svgai_refit_window_error()),
 * error[1] the round's, at most ROUND_GAIN of it and less by a margin. */
gboolean svgai_refit_clearly_round (const double error[2]);

/* The arc of radius r tangent to the line into apex along tin and to the
 * line out of it along tout: SVGAI_FILLET_ARC_POINTS + 1 points from
 * where it leaves the first line to where it meets the second. */
#define SVGAI_FILLET_ARC_POINTS 8
void svgai_refit_fillet_arc (P apex, P tin, P tout, double r, P *arc);

G_END_DECLS
