/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "svgai-coverage.h"
#include "svgai-refit-private.h"

G_BEGIN_DECLS

/* A bar's square end put back: corners at samples a and b (a first
 * along the outline), with the tangents into a, from a to b, and out of
 * b; the samples from `from` to `to` moved onto it. A spike's tip is one
 * corner: a == b, t_in into it and t_out out of it. */
typedef struct {
  int from, a, b, to;
  P t_in, t_cap, t_out;
  double round;   /* the radius its corners are rounded by, px (0: sharp) */
} SvgaiSquareEnd;

/* The square ends of bars and slots, and the points of spikes, that the
 * trace rounded. A bar a few pixels wide ends in two corners a few pixels
 * apart; potrace rounds each, and the two roundings meet into a
 * half-round cap, which no corner search that wants straight sides on
 * both sides of one corner can see. A spike thins to nothing in its last
 * pixels and potrace ends it round a few pixels short, too far from where
 * its sides meet for those searches. Where the outline pts[0..n] (pts[n]
 * == pts[0], `step` px between samples, on the coverage's edge or, for a
 * thin line, placed from the coverage across it) runs straight into such
 * a turn and straight back out of it, the other way (a bar) or up to 40°
 * from it (a spike), the cap is squared (flat across the bar at its tip)
 * or pointed when the source's pixels show that better than the round
 * end (svgai_refit_is_sharper()); a square end's corners may be rounded
 * a little (a font's softened stroke ends), by the radius that shows it
 * best. The samples between the arms move onto
 * the new end. Returns the ends found, in the order of their first
 * corner. */
GArray *svgai_refit_square_ends (const SvgaiCoverage *coverage, P *pts, int n, double step);

G_END_DECLS
