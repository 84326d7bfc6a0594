/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Corners put where their sides' lines meet (svgai-refit-sides.h). */
#include "svgai-refit-sides.h"
#include "svgai-hypot.h"

#include <math.h>

/* A corner moves at most this far onto its sides' lines, px. */
#define MAX_CORNER_MOVE 0.5

double
svgai_refit_fit_line (const P *pts, int n, int first, int step, int count, P *point, P *dir)
{
  double sxx = 0, sxy = 0, syy = 0, worst = 0, angle;
  P c = { 0, 0 };

  for (int k = 0; k < count; k++)
    c = add (c, pts[wrap (first + step * k, n)]);
  c = scale (c, 1.0 / count);
  for (int k = 0; k < count; k++)
    {
      P d = sub (pts[wrap (first + step * k, n)], c);
      sxx += d.x * d.x, sxy += d.x * d.y, syy += d.y * d.y;
    }
  angle = 0.5 * atan2 (2 * sxy, sxx - syy);
  *point = c;
  *dir = unit ((P) { cos (angle), sin (angle) });
  for (int k = 0; k < count; k++)
    worst = MAX (worst, fabs (cross (*dir, sub (pts[wrap (first + step * k, n)], c))));
  return worst;
}

/* The least-squares line through q[from..to] (not wrapped). */
static double
fit_line (const P *q, int from, int to, P *point, P *dir)
{
  return svgai_refit_fit_line (q, to + 1, from, 1, to - from + 1, point, dir);
}

static void
fit_side_line (const P *q, Side *side)
{
  int from = side->a + side->skip, to = side->b - side->skip;

  if (to - from < 4)
    from = side->a, to = side->b;
  fit_line (q, from, to, &side->head_point, &side->head_dir);
  side->head = side->tail = TRUE;
  side->tail_point = side->head_point;
  side->tail_dir = side->head_dir;
}

/* A side that is not straight may still leave its corners straight, an L
 * whose stem ends in a round cap: RUN px or more past the skip at either
 * end are a line within RUN_STRAIGHT px, its two halves turning by at
 * most RUN_BEND degrees, if they are the straight start of it (the run
 * doubles while it stays straight, so that its line is the side's). Its
 * corners go where those lines say, as a straight side's do (Vultr's L:
 * its inner corner was placed from a few samples only, a fifth of a pixel
 * off, and the bar's top and the stem leaned with it). */
#define RUN 3.0
#define RUN_STRAIGHT 0.05
/* A gentle arc's 3 px are within RUN_STRAIGHT of a line from a radius of
 * 15 px on; extended back to the corner, that line put it up to 0.66 px
 * off (a segment of a disc of radius 20). Its halves turn by 4° there,
 * by 1° at a radius of 80; a straight side's by next to nothing. */
#define RUN_BEND 1.0
/* The runs start at least this far from the corner, px: nearer, the
 * samples were not put on the coverage's edge (SNAP_CORNER_GAP in
 * svgai-refit.c) but between the shifts either side, and a concave
 * corner's bend up. */
#define RUN_SKIP 2.0

/* Whether q[from..to] is a straight run: its line in *point, *dir. */
static gboolean
straight_run (const P *q, int from, int to, P *point, P *dir)
{
  int mid = (from + to) / 2;
  P p1, d1, p2, d2;

  if (fit_line (q, from, to, point, dir) > RUN_STRAIGHT)
    return FALSE;
  fit_line (q, from, mid, &p1, &d1);
  fit_line (q, mid, to, &p2, &d2);
  return fabs (dot (d1, d2)) >= cos (RUN_BEND * G_PI / 180);
}

/* The straight run from sample `from` (sense +1 on, −1 back) of `first`
 * samples, doubled as long as it stays straight and within `most`: its
 * line. FALSE if not even the first is straight. */
static gboolean
fit_run (const P *q, int from, int sense, int first, int most, P *point, P *dir)
{
  gboolean found = FALSE;

  for (int run = first; run <= most; run *= 2)
    {
      P pt, d;
      int a = sense > 0 ? from : from - run, b = sense > 0 ? from + run : from;

      if (!straight_run (q, a, b, &pt, &d))
        break;
      *point = pt, *dir = d, found = TRUE;
    }
  return found;
}

static void
fit_side_runs (const P *q, Side *side, double step)
{
  int run = MAX (2, (int) lround (RUN / step)), skip = MAX (side->skip, (int) lround (RUN_SKIP / step));
  int most = (side->b - side->a) / 2 - skip;

  side->head = side->tail = FALSE;
  side->run_skip = 0;
  if (most < run)
    return;
  side->run_skip = skip;
  side->head = fit_run (q, side->a + skip, +1, run, most, &side->head_point, &side->head_dir);
  side->tail = fit_run (q, side->b - skip, -1, run, most, &side->tail_point, &side->tail_dir);
}

/* Corners where the straight sides' least-squares lines say: the samples
 * along a side were each put on the edge the coverage says, and their
 * line is steadier than the few samples that placed the corner (a corner
 * off by a tenth of a pixel tilts a long side with it). A corner between
 * two straight sides, or two sides that leave it straight (their runs),
 * moves to where their lines meet; one between a straight side or run
 * and a curve, or between two lines nearly parallel, onto the incoming
 * line (else the outgoing). */
void
svgai_refit_corners_onto_sides (P *q, int n, Side *sides, int nc, double step)
{
  for (int c = 0; c < nc; c++)
    if (sides[c].straight)
      fit_side_line (q, &sides[c]);
    else
      fit_side_runs (q, &sides[c], step);
  for (int c = 0; c < nc; c++)
    {
      const Side *in = &sides[(c + nc - 1) % nc], *out = &sides[c];
      P corner = q[out->a], moved = corner;
      double den = cross (in->tail_dir, out->head_dir);
      gboolean on_in = FALSE, on_out = FALSE;   /* the lines the corner is on */

      if (in->tail && out->head && in != out && fabs (den) > 0.2)
        {
          P d = sub (out->head_point, in->tail_point);
          moved = add (in->tail_point, scale (in->tail_dir, cross (d, out->head_dir) / den));
          on_in = on_out = TRUE;
        }
      else if (in->tail)
        moved = svgai_refit_onto_line (corner, in->tail_point, in->tail_dir), on_in = TRUE;
      else if (out->head)
        moved = svgai_refit_onto_line (corner, out->head_point, out->head_dir), on_out = TRUE;
      if (svgai_hypot (moved.x - corner.x, moved.y - corner.y) > MAX_CORNER_MOVE)
        continue;
      q[out->a] = moved;
      if (out->a == 0)
        q[n] = moved;
      /* The samples between a corner and a run of a side that is not a
       * line go onto the run's line, if the corner went onto it: they
       * bent with the corner's old place, and the curve fitted over them
       * would keep a jog. */
      for (int j = 1; !out->straight && on_out && j < out->run_skip; j++)
        q[out->a + j] = svgai_refit_onto_line (q[out->a + j], out->head_point, out->head_dir);
      for (int j = 1; !in->straight && on_in && j < in->run_skip; j++)
        q[in->b - j] = svgai_refit_onto_line (q[in->b - j], in->tail_point, in->tail_dir);
    }
}
