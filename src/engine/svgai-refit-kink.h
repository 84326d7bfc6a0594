/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "svgai-coverage.h"
#include "svgai-refit-private.h"

G_BEGIN_DECLS

/* Whether the source's pixels show a kink the trace rounded. At potrace's
 * smoothness a kink of 20–60° whose sides are short or curved comes out
 * round over a few pixels, and a round curve as tight looks the same in
 * the outline: only the pixels tell them apart. Within two pixels of
 * `apex`, each pixel's ink under the closed outline pts[0..n] (pts[n] ==
 * pts[0]) and under the same outline with its samples from i - arm to
 * i + arm replaced by the two lines through apex is set against the
 * coverage there; TRUE when the kinked outline leaves at most half the
 * squared error of the round one, and less by a margin. The outline must
 * already sit on the coverage's edge (its sides' error is then the
 * pixels' own, the same for both). */
gboolean svgai_refit_kink_is_sharp (const SvgaiCoverage *coverage, const P *pts, int n, int i, int arm, P apex);

G_END_DECLS
