/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-refit-ends.h"
#include "svgai-refit-fillet.h"
#include "svgai-refit-kink.h"
#include "svgai-hypot.h"

/* A cap is looked for where the outline ARM px long END_CHORD px before a
 * sample and the same after it turn by more than END_TURN degrees. */
#define END_CHORD 3.0
#define END_TURN 140.0
/* Each arm is straight within ARM_STRAIGHT px over ARM px, and starts
 * within ARM_REACH px of the cap's middle along the outline. */
#define ARM 1.5
#define ARM_STRAIGHT 0.1
#define ARM_REACH 5.0
/* The arms run back the way they came within this, degrees. */
#define ANTIPARALLEL 10.0
/* A spike's sides meet at most this steeply, degrees (steeper: the
 * single-corner searches' case), at most TIP_REACH px beyond where they
 * stop being straight; its tip is tried every TIP_COARSE px from the
 * round tip out to there, then every TIP_STEP px around the best. */
#define TIP_OPENING 40.0
#define TIP_REACH 8.0
#define TIP_COARSE 1.0
#define TIP_STEP 0.25
/* The square end across, px: shorter is a tip, longer two corners the
 * searches for one can see. */
#define CAP_MIN 1.0
#define CAP_MAX 7.0
/* The cap's line is tried from CAP_BACK px short of the outline's tip
 * on, in CAP_STEPS steps of CAP_STEP px. */
#define CAP_BACK 1.0
#define CAP_STEP 0.125
#define CAP_STEPS 12
/* The cap is also tried with its corners rounded (radii from CAP_ROUND
 * px up to CAP_ROUND_MAX, at most half the cap): a font's stroke ends are
 * often square with softened corners, which neither a square end nor
 * potrace's half-round explain. */
#define CAP_ROUND 0.5
#define CAP_ROUND_COARSE 0.5
#define CAP_ROUND_STEP 0.25
#define CAP_ROUND_MAX 2.0
/* Each corner lies at most this far beyond its arm's start, px. */
#define CORNER_REACH 4.0
/* The pixels read around the cap's middle: a 7 × 7 window holds both
 * corners of an end up to 6 px across (one 6–7 px across is judged on the
 * pixels between its corners). */
#define END_RADIUS 3

static inline P
at (const P *pts, int i, int n)
{
  return pts[wrap (i, n)];
}

/* pts[from..from + len] (cyclic) within ARM_STRAIGHT of its chord. */
static gboolean
straight (const P *pts, int n, int from, int len)
{
  P a = at (pts, from, n), d = unit (sub (at (pts, from + len, n), a));

  for (int k = 1; k < len; k++)
    {
      P v = sub (at (pts, from + k, n), a);
      if (fabs (d.x * v.y - d.y * v.x) > ARM_STRAIGHT)
        return FALSE;
    }
  return TRUE;
}

/* How far out from m (dir −1 back, +1 on), from `start` samples on, a
 * straight arm of `arm` samples begins, the arm running along `way`
 * within ANTIPARALLEL (the cap's own flat is no arm); 0 if none. */
static int
find_arm (const P *pts, int n, int m, int dir, int arm, int start, int reach, P way)
{
  for (int d = start; d <= reach; d++)
    {
      int from = dir < 0 ? m - d - arm : m + d;

      if (dot (unit (sub (at (pts, from + arm, n), at (pts, from, n))), way) > cos (ANTIPARALLEL * G_PI / 180) &&
          straight (pts, n, from, arm))
        return d;
    }
  return 0;
}

/* Moves pts[i..j] (cyclic, offsets from i) onto the lines through
 * pts[i], c1, c2 and pts[j], corners at offsets a and b. */
static void
put_on_end (P *pts, int n, int i, int a, int b, int j, P c1, P c2)
{
  P p0 = at (pts, i, n), p3 = at (pts, i + j, n);

  for (int k = 1; k < j; k++)
    {
      P p;

      if (k <= a)
        p = add (p0, scale (sub (c1, p0), (double) k / a));
      else if (k <= b)
        p = add (c1, scale (sub (c2, c1), (double) (k - a) / (b - a)));
      else
        p = add (c2, scale (sub (p3, c2), (double) (k - b) / (j - b)));
      pts[wrap (i + k, n)] = p;
    }
  pts[n] = pts[0];
}

/* The tip of a spike whose sides run from pts[i] along tin and back to
 * pts[i + j] along tout: pointed, somewhere between the round tip and
 * where the sides meet (anti-aliasing thins a spike's last pixels, so the
 * sides' lines overshoot), where the pixels show it best, if they show it
 * pointed. Appended to ends (one corner, a == b). */
static gboolean
sharp_tip (const SvgaiCoverage *coverage, P *pts, int n, int i, int j, P tin, P tout, GArray *ends)
{
  g_autoptr(SvgaiRefitWindow) window = NULL;
  P p0 = at (pts, i, n), p3 = at (pts, i + j, n), d = sub (p3, p0), meet, mid, apex = { 0, 0 };
  P bisector = unit (sub (tin, tout));
  double den = cross (tin, tout), s, u, top = -G_MAXDOUBLE, far, best[2] = { -1, 0 }, level = 0;
  SvgaiSquareEnd end;
  int a;

  if (fabs (den) < 1e-9)
    return FALSE;
  s = cross (d, tout) / den;
  u = cross (tin, d) / den;
  if (s < 0 || u < 0 || s > TIP_REACH || u > TIP_REACH)
    return FALSE;
  meet = add (p0, scale (tin, s));
  for (int k = 0; k <= j; k++)
    top = MAX (top, dot (at (pts, i + k, n), bisector));
  far = dot (meet, bisector);
  if (far < top)
    return FALSE;
  mid = sub (meet, scale (bisector, (far - top) / 2));
  window = svgai_refit_window_new (coverage, pts, n, mid, END_RADIUS);
  if (window == NULL)
    return FALSE;
  /* Every TIP_COARSE px, then every TIP_STEP around the best, all read
   * in one window. */
  for (int pass = 0; pass < 2; pass++)
    {
      double from = pass == 0 ? top : MAX (top, level - TIP_COARSE);
      double to = pass == 0 ? far : MIN (far, level + TIP_COARSE);
      double step = pass == 0 ? TIP_COARSE : TIP_STEP, found = level;

      for (double at_level = from; at_level <= to + 1e-9; at_level += step)
        {
          P candidate = sub (meet, scale (bisector, far - at_level));
          double error[2];

          if (svgai_refit_window_error (window, wrap (i, n), wrap (i + j, n), &candidate, 1, error) &&
              (best[0] < 0 || error[1] < best[1]))
            best[0] = error[0], best[1] = error[1], apex = candidate, found = at_level;
        }
      level = found;
    }
  if (best[0] < 0 || !svgai_refit_is_sharper (best))
    return FALSE;
  s = svgai_hypot (apex.x - p0.x, apex.y - p0.y), u = svgai_hypot (apex.x - p3.x, apex.y - p3.y);
  a = CLAMP ((int) lround (j * s / (s + u)), 1, j - 1);
  put_on_end (pts, n, i, a, a, j, apex, apex);
  tin = unit (sub (apex, p0)), tout = unit (sub (p3, apex));
  end = (SvgaiSquareEnd) { wrap (i, n), wrap (i + a, n), wrap (i + a, n), wrap (i + j, n), tin, tin, tout, 0 };
  g_array_append_val (ends, end);
  return TRUE;
}

/* A square end tried: the squared errors of the outline as it is and
 * with the end, its corners, how far each lies along its arm, and the
 * radius they are rounded by. */
typedef struct {
  double error[2];
  P c1, c2;
  double u1, u2, r, offset;
} Cap;

/* Tries the end across the bar at `offset` along dir (its corners where
 * the arms from p0 along tin and into p3 along tout reach it), its
 * corners rounded by r, in place of the samples from i to i + j; *best
 * takes it if it leaves less error. FALSE where the end cannot be
 * (corners beyond the arms' reach, a cap too short or too long, a round
 * wider than the cap or than the arm before it, too few pixels). */
static gboolean
try_cap (SvgaiRefitWindow *window, int n, double step, int i, int j, int arm, double offset, double r, P p0, P p3,
         P tin, P tout, P dir, Cap *best)
{
  double u1 = (offset - dot (p0, dir)) / dot (tin, dir), u2 = (offset - dot (p3, dir)) / -dot (tout, dir), error[2];
  P poly[2] = { add (p0, scale (tin, u1)), sub (p3, scale (tout, u2)) }, across = unit (sub (poly[1], poly[0]));
  P rounded[2 * (SVGAI_FILLET_ARC_POINTS + 1)];
  double across_length = svgai_hypot (poly[1].x - poly[0].x, poly[1].y - poly[0].y);
  /* A round wider than an arm starts on the straight arm before it. */
  int before = (int) ceil (MAX (0, r - u1) / step), after = (int) ceil (MAX (0, r - u2) / step);

  if (u1 < 0 || u2 < 0 || u1 > CORNER_REACH || u2 > CORNER_REACH || across_length < CAP_MIN || across_length > CAP_MAX ||
      r > across_length / 2 || before > arm || after > arm)
    return FALSE;
  if (r > 0)
    {
      svgai_refit_fillet_arc (poly[0], tin, across, r, rounded);
      svgai_refit_fillet_arc (poly[1], across, tout, r, rounded + SVGAI_FILLET_ARC_POINTS + 1);
    }
  if (!svgai_refit_window_error (window, wrap (i - before, n), wrap (i + j + after, n), r > 0 ? rounded : poly,
                                 r > 0 ? G_N_ELEMENTS (rounded) : 2, error))
    return FALSE;
  if (best->error[0] < 0 || error[1] < best->error[1])
    *best = (Cap) { { error[0], error[1] }, poly[0], poly[1], u1, u2, r, offset };
  return TRUE;
}

/* The end around m, if none of its samples is `taken` and the pixels
 * show it: square across a bar whose sides run back within ANTIPARALLEL
 * of each other, pointed (sharp_tip()) where they come back up to
 * TIP_OPENING apart. Appended to ends. */
static gboolean
square_end (const SvgaiCoverage *coverage, P *pts, int n, double step, int m, const gboolean *taken, GArray *ends)
{
  int arm = (int) lround (ARM / step), reach = (int) lround (ARM_REACH / step);
  int c = (int) lround (END_CHORD / step);
  int back = find_arm (pts, n, m, -1, arm, c, reach, unit (sub (at (pts, m - c, n), at (pts, m - c - arm, n))));
  int on = find_arm (pts, n, m, +1, arm, c, reach, unit (sub (at (pts, m + c + arm, n), at (pts, m + c, n))));
  g_autoptr(SvgaiRefitWindow) window = NULL;
  int i, j, a, b;
  P tin, tout, dir, p0, p3, centre;
  double top = -G_MAXDOUBLE, l1, lc, l2;
  /* The best square end, and the best with its corners rounded. */
  Cap best[2] = { { { -1, 0 } }, { { -1, 0 } } }, coarse;
  const Cap *cap;
  SvgaiSquareEnd end;

  if (back == 0 || on == 0)
    return FALSE;
  i = m - back, j = back + on;   /* the end runs from sample i over j samples */
  for (int k = 0; k <= j; k++)
    if (taken[wrap (i + k, n)])
      return FALSE;
  p0 = at (pts, i, n), p3 = at (pts, i + j, n);
  tin = unit (sub (p0, at (pts, i - arm, n)));
  tout = unit (sub (at (pts, i + j + arm, n), p3));
  if (dot (tin, tout) > -cos (TIP_OPENING * G_PI / 180))
    return FALSE;
  if (dot (tin, tout) > -cos (ANTIPARALLEL * G_PI / 180))
    return sharp_tip (coverage, pts, n, i, j, tin, tout, ends);
  /* Across the bar at its tip: where the pixels put it, near the
   * furthest the cap reaches along the bar (a thin line's placement
   * reads nothing across its end, and overshoots it). */
  dir = unit (sub (tin, tout));
  for (int k = 0; k <= j; k++)
    top = MAX (top, dot (at (pts, i + k, n), dir));
  centre = add (scale (add (p0, p3), 0.5), scale (dir, top - dot (scale (add (p0, p3), 0.5), dir)));
  window = svgai_refit_window_new (coverage, pts, n, centre, END_RADIUS);   /* every cap is read in it */
  if (window == NULL)
    return FALSE;
  /* Square first, at every offset; then rounded, at the best offset and
   * a step either side, every CAP_ROUND_COARSE px, and CAP_ROUND_STEP
   * either side of the best of those. */
  for (int s = 0; s <= CAP_STEPS; s++)
    try_cap (window, n, step, i, j, arm, top - CAP_BACK + s * CAP_STEP, 0, p0, p3, tin, tout, dir, &best[0]);
  for (int s = -1; s <= 1 && best[0].error[0] >= 0; s++)
    for (double r = CAP_ROUND; r <= CAP_ROUND_MAX + 1e-9; r += CAP_ROUND_COARSE)
      if (!try_cap (window, n, step, i, j, arm, best[0].offset + s * CAP_STEP, r, p0, p3, tin, tout, dir, &best[1]))
        break;
  coarse = best[1];
  for (int side = -1; side <= 1 && coarse.error[0] >= 0; side += 2)
    if (coarse.r + side * CAP_ROUND_STEP >= CAP_ROUND)
      try_cap (window, n, step, i, j, arm, coarse.offset, coarse.r + side * CAP_ROUND_STEP, p0, p3, tin, tout, dir,
               &best[1]);
  /* Rounded only where that clearly beats the square end. */
  cap = &best[0];
  if (best[1].error[0] >= 0 &&
      (cap->error[0] < 0 || svgai_refit_clearly_round ((double[2]) { cap->error[1], best[1].error[1] })))
    cap = &best[1];
  if (cap->error[0] < 0 || !svgai_refit_is_sharper (cap->error))
    return FALSE;
  l1 = cap->u1, l2 = cap->u2, lc = svgai_hypot (cap->c2.x - cap->c1.x, cap->c2.y - cap->c1.y);
  /* The samples between share out by length; each piece keeps one. */
  a = CLAMP ((int) lround (j * l1 / (l1 + lc + l2)), 1, j - 2);
  b = CLAMP ((int) lround (j * (l1 + lc) / (l1 + lc + l2)), a + 1, j - 1);
  put_on_end (pts, n, i, a, b, j, cap->c1, cap->c2);
  end = (SvgaiSquareEnd) { wrap (i, n), wrap (i + a, n), wrap (i + b, n), wrap (i + j, n),
                           tin, unit (sub (cap->c2, cap->c1)), tout, cap->r };
  g_array_append_val (ends, end);
  return TRUE;
}

GArray *
svgai_refit_square_ends (const SvgaiCoverage *coverage, P *pts, int n, double step)
{
  GArray *ends = g_array_new (FALSE, FALSE, sizeof (SvgaiSquareEnd));
  int c = (int) lround (END_CHORD / step), arm = (int) lround (ARM / step), first = -1;
  g_autofree gboolean *turning = NULL, *busy = NULL;
  double least = cos (END_TURN * G_PI / 180);

  if (coverage == NULL || n < 4 * (c + arm))
    return ends;
  /* Where the outline END_CHORD px behind runs back the other way
   * END_CHORD px ahead: a run of such samples centres on a cap. */
  turning = g_new (gboolean, n);
  for (int i = 0; i < n; i++)
    {
      P a = unit (sub (at (pts, i - c, n), at (pts, i - c - arm, n)));
      P b = unit (sub (at (pts, i + c + arm, n), at (pts, i + c, n)));
      turning[i] = dot (a, b) < least;
      if (!turning[i] && first < 0)
        first = i;
    }
  if (first < 0)
    return ends;
  busy = g_new0 (gboolean, n);
  for (int i = first + 1; i <= first + n; i++)
    {
      int from = i, m;

      if (!turning[wrap (i, n)])
        continue;
      while (turning[wrap (i + 1, n)])
        i++;
      m = wrap ((from + i) / 2, n);
      if (!busy[m] && square_end (coverage, pts, n, step, m, busy, ends))
        {
          const SvgaiSquareEnd *e = &g_array_index (ends, SvgaiSquareEnd, ends->len - 1);

          /* Its samples are settled: no other end overlaps them. */
          for (int d = 0; d <= wrap (e->to - e->from, n); d++)
            busy[wrap (e->from + d, n)] = TRUE;
        }
    }
  return ends;
}
