/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "svgai-coverage.h"
#include "svgai-refit-private.h"

G_BEGIN_DECLS

/* Thin lines, from the coverage integral. potrace traces the half-covered
 * isoline, and across a line a pixel or two wide the coverage peaks
 * higher or lower with the line's phase against the pixel grid (a 1 px
 * line at 45° never covers a pixel centre fully): its two sides wander in
 * and out together and the width wavers by half a pixel. Summed across
 * the line, though, the coverage is its width, and its centroid is the
 * line's centre, whatever the phase. The ink is read from coverage->ink
 * where there is one (in the colour's alpha: a colour the palette made
 * translucent gets the width that keeps the source's ink).
 *
 * Moves the samples q[0..n] of a closed outline (q[n] == q[0], a sample
 * every `step` px) whose other side faces them within 4.5 px to the
 * centre less half the width there, the width smoothed along the line;
 * samples that cannot read a clean line across (line ends, a neighbouring
 * shape, an edge under a colour above) take their neighbours' move.
 * Returns FALSE, q untouched, when under half the samples read one. */
gboolean svgai_refit_thin (P *q, int n, double step, const SvgaiCoverage *coverage);

/* The reading alone, for the thin stretches of any outline: stores in
 * ok[i] whether sample i read a line across, in normal[i] the outline's
 * normal into itself and in shift[i] how far along it the line's side
 * is; returns how many samples read a line. */
int svgai_refit_thin_read (const P *q, int n, double step, const SvgaiCoverage *coverage, double *shift, P *normal,
                           gboolean *ok);

G_END_DECLS
