/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "svgai-refit-private.h"

G_BEGIN_DECLS

/* A piece of the outline from corner to corner: q[a..b]. */
typedef struct {
  int a, b, skip;
  gboolean straight;
  /* Whether the side runs straight for RUN px or more from run_skip
   * samples after its start (head) and before its end (tail), and those
   * runs' lines (fit_side_runs); a straight side's own least-squares line
   * at both. */
  gboolean head, tail;
  P head_point, head_dir, tail_point, tail_dir;
  int run_skip;      /* samples from either end to where its runs start */
} Side;

/* Corners where the sides' lines say (svgai-refit-sides.c): q[0..n] the
 * outline (q[n] == q[0]), sides[0..nc) its pieces from corner to corner
 * (a, b, skip and straight set; the rest is filled in), samples `step` px
 * apart. Moves the corners, and the samples beside a corner onto a run's
 * line. */
void svgai_refit_corners_onto_sides (P *q, int n, Side *sides, int nc, double step);

G_END_DECLS
