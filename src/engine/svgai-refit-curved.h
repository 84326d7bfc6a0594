/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "svgai-coverage.h"
#include "svgai-refit-private.h"

G_BEGIN_DECLS

/* Whether the pixels show a kink where a curve meets a line or another
 * curve at sample i of the closed outline pts[0..n] (pts[n] == pts[0],
 * on the coverage's edge), and where. The two sides, each extended as
 * the parabola that fits its samples (`step` px apart) from arm to
 * 3 arm away, one of them curved (and still bending so 2 to 4 arm
 * away, not only with a round near the kink), meet near it; the apex is
 * the point within a few tenths of a pixel of there whose kinked outline
 * explains the pixels best. It is a kink when it leaves at most half the
 * error of the outline as it is (svgai_refit_is_sharper()) and of the
 * best small round (1–2 px, tangent to the sides there): potrace's
 * round is wider than the artwork's, so a point beats it where the
 * artwork has a round of a pixel or two (Immutable's U, Kubuntu's
 * corners). Where a side curves, the chords' apex misses the kink by a
 * few tenths (Eventbrite's e), and the pixels then show none there.
 * Only an apex within max_shift px of the sample is taken; then apex,
 * tin and tout (the sides' directions there, towards it and away from
 * it) are set. */
gboolean svgai_refit_curved_kink (const SvgaiCoverage *coverage, const P *pts, int n, int i, int arm, double step,
                                  double max_shift, P *apex, P *tin, P *tout);

G_END_DECLS
