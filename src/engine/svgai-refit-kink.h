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

/* The squared errors kink_is_sharp() weighs, for any change of the
 * outline pts[0..n], read in the (2 radius + 1)² pixels around centre
 * (radius at most 3): the window's pixels, the outline's edges there and
 * its ink as it is are found once, for as many changes as are tried
 * there. NULL when the window cannot be read (outside the image, or too
 * faint). pts must stay as they are while the window is used. */
typedef struct _SvgaiRefitWindow SvgaiRefitWindow;
SvgaiRefitWindow *svgai_refit_window_new (const SvgaiCoverage *coverage, const P *pts, int n, P centre, int radius);
/* error[0] of the outline as it is, error[1] with the samples strictly
 * between from and to (cyclic) replaced by the polyline through
 * poly[0..npoly). FALSE if too few of the window's pixels can be read. */
gboolean svgai_refit_window_error (SvgaiRefitWindow *window, int from, int to, const P *poly, int npoly,
                                   double error[2]);
void svgai_refit_window_free (SvgaiRefitWindow *window);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvgaiRefitWindow, svgai_refit_window_free)

/* Whether the change leaves at most half the error, and less by a
 * margin. */
gboolean svgai_refit_is_sharper (const double error[2]);

G_END_DECLS
