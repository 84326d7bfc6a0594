/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Corners put where their sides' lines meet (svgai-refit-sides.h). */
#include "svgai-refit-sides.h"

#include <math.h>

/* A corner moves at most this far onto its sides' lines, px. */
#define MAX_CORNER_MOVE 0.5

/* The least-squares line through q[from..to]: a point and a direction.
 * Its samples' worst distance from it. */
static double
fit_line (const P *q, int from, int to, P *point, P *dir)
{
  int m = to - from + 1;
  double sxx = 0, sxy = 0, syy = 0, worst = 0;
  P c = { 0, 0 };

  for (int i = from; i <= to; i++)
    c = add (c, q[i]);
  c = scale (c, 1.0 / m);
  for (int i = from; i <= to; i++)
    {
      P d = sub (q[i], c);
      sxx += d.x * d.x, sxy += d.x * d.y, syy += d.y * d.y;
    }
  *point = c;
  *dir = unit ((P) { cos (0.5 * atan2 (2 * sxy, sxx - syy)), sin (0.5 * atan2 (2 * sxy, sxx - syy)) });
  for (int i = from; i <= to; i++)
    worst = MAX (worst, fabs (cross (*dir, sub (q[i], c))));
  return worst;
}

static void
fit_side_line (const P *q, Side *side)
{
  int from = side->a + side->skip, to = side->b - side->skip;

  if (to - from < 4)
    from = side->a, to = side->b;
  fit_line (q, from, to, &side->point, &side->dir);
  side->head = side->tail = TRUE;
  side->head_point = side->tail_point = side->point;
  side->head_dir = side->tail_dir = side->dir;
}

/* A side that is not straight may still leave its corners straight, an L
 * whose stem ends in a round cap: the RUN px or more past the skip at
 * either end are a line within RUN_STRAIGHT px if they are the straight
 * start of it (the longest such run, so that its line is the side's).
 * Its corners go where those lines say, as a straight side's do (Vultr's
 * L: its inner corner was placed from a few samples only, a fifth of a
 * pixel off, and the bar's top and the stem leaned with it). */
#define RUN 3.0
#define RUN_STRAIGHT 0.05
/* The runs start at least this far from the corner, px: nearer, the
 * samples were not put on the coverage's edge (SNAP_CORNER_GAP in
 * svgai-refit.c) but between the shifts either side, and a concave
 * corner's bend up. */
#define RUN_SKIP 2.0

/* The longest straight run from sample `from` (dir +1 on, −1 back), of
 * `first` samples and twice as long each time up to `most`: its line.
 * FALSE if not even the first is straight. */
static gboolean
fit_run (const P *q, int from, int dir, int first, int most, P *point, P *dir_out)
{
  gboolean found = FALSE;

  for (int run = first; run <= most; run *= 2)
    {
      P pt, d;
      int a = dir > 0 ? from : from - run, b = dir > 0 ? from + run : from;

      if (fit_line (q, a, b, &pt, &d) > RUN_STRAIGHT)
        break;
      *point = pt, *dir_out = d, found = TRUE;
    }
  return found;
}

static void
fit_side_runs (const P *q, Side *side, double step)
{
  int run = (int) lround (RUN / step), skip = MAX (side->skip, (int) lround (RUN_SKIP / step));
  int most = (side->b - side->a) / 2 - skip;

  if (most < run)
    return;
  side->run_skip = skip;
  side->head = fit_run (q, side->a + skip, +1, run, most, &side->head_point, &side->head_dir);
  side->tail = fit_run (q, side->b - skip, -1, run, most, &side->tail_point, &side->tail_dir);
}

static P
project (P p, P point, P dir)
{
  return add (point, scale (dir, dot (sub (p, point), dir)));
}

/* Corners where the straight sides' least-squares lines say: the samples
 * along a side were each put on the edge the coverage says, and their
 * line is steadier than the few samples that placed the corner (a corner
 * off by a tenth of a pixel tilts a long side with it). A corner between
 * two straight sides, or two sides that leave it straight (their runs),
 * moves to where their lines meet, one between a straight side or run
 * and a curve onto the line. */
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

      if (in->tail && out->head && in != out && fabs (den) > 0.2)
        {
          P d = sub (out->head_point, in->tail_point);
          moved = add (in->tail_point, scale (in->tail_dir, cross (d, out->head_dir) / den));
        }
      else if (in->tail)
        moved = project (corner, in->tail_point, in->tail_dir);
      else if (out->head)
        moved = project (corner, out->head_point, out->head_dir);
      if (hypot (moved.x - corner.x, moved.y - corner.y) > MAX_CORNER_MOVE)
        continue;
      q[out->a] = moved;
      if (out->a == 0)
        q[n] = moved;
      /* The samples between a corner and a run of a side that is not a
       * line go onto the run's line: they bent with the corner's old
       * place, and the curve fitted over them would keep a jog. */
      for (int j = 1; !out->straight && out->head && j < out->run_skip; j++)
        q[out->a + j] = project (q[out->a + j], out->head_point, out->head_dir);
      for (int j = 1; !in->straight && in->tail && j < in->run_skip; j++)
        q[in->b - j] = project (q[in->b - j], in->tail_point, in->tail_dir);
    }
}
