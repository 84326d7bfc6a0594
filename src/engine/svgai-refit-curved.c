/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Kinks where a curve meets a line or another curve (svgai-refit-curved.h). */
#include "svgai-refit-curved.h"
#include "svgai-refit-fillet.h"
#include "svgai-refit-kink.h"
#include "svgai-hypot.h"

/* The pixels read either side of the apex's pixel (as kink_is_sharp()). */
#define WINDOW 2
/* Small rounds the point must beat, px: from where the pixels tell a
 * round from a point to the largest the window holds. */
static const double small_radii[] = { 1.0, 1.5, 2.0 };

/* A side curves when its parabola bends at least this much (c, 1/px:
 * a radius under 25 px); kinks between two straight sides are the
 * chords' and the fillets' (svgai-refit-fillet.h). */
#define CURVED_SIDE 0.02
/* Each side's samples lie within SIDE_RMS px (RMS) of its parabola, which
 * bends at most SIDE_BEND (a radius of 2.5 px or more): a side that
 * bends tighter, or that the next corner's round already pulls, is no
 * side to extend (Nuget's short drop, Octelium's bowl: their fits made
 * the corner beyond them rounder). */
#define SIDE_RMS 0.02
#define SIDE_BEND 0.2
/* A curved side bends at least this part as much 2–4 arm away. */
#define SIDE_BEND_KEPT (1.0 / 3)
/* The apex is searched in a 3 × 3 grid of this step around where the
 * sides meet, then of half of it around the best: the sides' fits start
 * where the trace's round may still pull them, and miss the kink by a
 * tenth or two. */
#define APEX_SEARCH 0.1

/* A side of a kink near it: the parabola y = a + b·t + c·t² in the frame
 * of its samples' chord (origin o, unit axis u pointing away from the
 * kink, normal v). */
typedef struct {
  P o, u, v;
  double a, b, c;
  double rms;   /* of the samples about it, px */
} Side;

static inline P
side_at (const Side *s, double t)
{
  return add (s->o, add (scale (s->u, t), scale (s->v, s->a + t * (s->b + t * s->c))));
}

static inline P
side_slope (const Side *s, double t)
{
  return add (s->u, scale (s->v, s->b + 2 * s->c * t));
}

/* Least squares over the samples `from` to `to` away from sample i in
 * direction dir (+1 or −1). FALSE if they are degenerate. */
static gboolean
fit_side (const P *pts, int n, int i, int dir, int from, int to, Side *s)
{
  double m[3][4] = { { 0 } };

  s->o = pts[wrap (i + dir * from, n)];
  s->u = unit (sub (pts[wrap (i + dir * to, n)], s->o));
  s->v = (P) { -s->u.y, s->u.x };
  for (int j = from; j <= to; j++)
    {
      P d = sub (pts[wrap (i + dir * j, n)], s->o);
      double t = dot (d, s->u), y = dot (d, s->v), pw[3] = { 1, t, t * t };

      for (int r = 0; r < 3; r++)
        {
          for (int c = 0; c < 3; c++)
            m[r][c] += pw[r] * pw[c];
          m[r][3] += pw[r] * y;
        }
    }
  /* Gauss–Jordan on the 3 × 3 normal equations. */
  for (int c = 0; c < 3; c++)
    {
      int p = c;

      for (int r = c + 1; r < 3; r++)
        if (fabs (m[r][c]) > fabs (m[p][c]))
          p = r;
      if (fabs (m[p][c]) < 1e-9)
        return FALSE;
      for (int k = 0; k < 4; k++)
        {
          double tmp = m[c][k];
          m[c][k] = m[p][k], m[p][k] = tmp;
        }
      for (int r = 0; r < 3; r++)
        if (r != c)
          {
            double f = m[r][c] / m[c][c];
            for (int k = c; k < 4; k++)
              m[r][k] -= f * m[c][k];
          }
    }
  s->a = m[0][3] / m[0][0], s->b = m[1][3] / m[1][1], s->c = m[2][3] / m[2][2];
  s->rms = 0;
  for (int j = from; j <= to; j++)
    {
      P d = sub (pts[wrap (i + dir * j, n)], s->o);
      double t = dot (d, s->u), y = dot (d, s->v) - (s->a + t * (s->b + t * s->c));

      s->rms += y * y;
    }
  s->rms = sqrt (s->rms / (to - from + 1));
  return TRUE;
}

/* Whether a curved side still bends further out (its samples 2 to 4 arm
 * away) at least SIDE_BEND_KEPT as much, the same way: where a straight
 * side runs into a round of a pixel or two, only the near fit bends, with
 * the round (Maven's flat top into its rounded shoulder came out a
 * point). A straight side has nothing to keep. */
static gboolean
bends_alike (const P *pts, int n, int i, int dir, int arm, const Side *near)
{
  Side far;

  if (fabs (near->c) < CURVED_SIDE)
    return TRUE;
  return fit_side (pts, n, i, dir, 2 * arm, 4 * arm, &far) &&
         far.c * (near->c > 0 ? 1 : -1) >= SIDE_BEND_KEPT * fabs (near->c);
}

/* Where the two sides meet: Newton on side_at (in, t1) = side_at (out,
 * t2), from a third of `reach` before each fit's start. */
static gboolean
sides_meet (const Side *in, const Side *out, double reach, double *t1, double *t2)
{
  *t1 = *t2 = -reach / 3;
  for (int it = 0; it < 12; it++)
    {
      P f = sub (side_at (in, *t1), side_at (out, *t2));
      P d1 = side_slope (in, *t1), d2 = scale (side_slope (out, *t2), -1);
      double det = d1.x * d2.y - d1.y * d2.x;

      if (fabs (det) < 0.2)
        return FALSE;
      *t1 -= (f.x * d2.y - f.y * d2.x) / det;
      *t2 -= (d1.x * f.y - d1.y * f.x) / det;
      if (fabs (*t1) > reach || fabs (*t2) > reach)
        return FALSE;
    }
  return *t1 <= 0 && *t2 <= 0 &&
         svgai_hypot (side_at (in, *t1).x - side_at (out, *t2).x, side_at (in, *t1).y - side_at (out, *t2).y) < 1e-3;
}

/* The least squared error of the small rounds at apex (sides along tin
 * and tout) in place of the samples between from and to, read in
 * `window`; −1 if none could be read. */
static double
round_error (SvgaiRefitWindow *window, int from, int to, P apex, P tin, P tout)
{
  double least = -1;

  for (guint k = 0; k < G_N_ELEMENTS (small_radii); k++)
    {
      P arc[SVGAI_FILLET_ARC_POINTS + 1];
      double e[2];

      svgai_refit_fillet_arc (apex, tin, tout, small_radii[k], arc);
      if (svgai_refit_window_error (window, from, to, arc, SVGAI_FILLET_ARC_POINTS + 1, e) &&
          (least < 0 || e[1] < least))
        least = e[1];
    }
  return least;
}

gboolean
svgai_refit_curved_kink (const SvgaiCoverage *coverage, const P *pts, int n, int i, int arm, double step,
                         double max_shift, P *apex, P *tin, P *tout)
{
  g_autoptr(SvgaiRefitWindow) window = NULL;
  int from = wrap (i - arm, n), to = wrap (i + arm, n);
  Side in, out;
  double t1, t2, best[2] = { -1, -1 };
  P meet, centre, way_in, way_out;

  if (n < 10 * arm || !fit_side (pts, n, i, -1, arm, 3 * arm, &in) || !fit_side (pts, n, i, 1, arm, 3 * arm, &out) ||
      MAX (fabs (in.c), fabs (out.c)) < CURVED_SIDE || MAX (fabs (in.c), fabs (out.c)) > SIDE_BEND ||
      MAX (in.rms, out.rms) > SIDE_RMS || !bends_alike (pts, n, i, -1, arm, &in) ||
      !bends_alike (pts, n, i, 1, arm, &out) || !sides_meet (&in, &out, 4 * arm * step, &t1, &t2))
    return FALSE;
  meet = centre = side_at (&in, t1);
  /* Every candidate, and every round, is read in the same window (around
   * where the sides meet), so their errors compare. */
  window = svgai_refit_window_new (coverage, pts, n, meet, WINDOW);
  if (window == NULL)
    return FALSE;
  /* Coarse, then fine around the best. */
  for (double d = APEX_SEARCH; d > APEX_SEARCH / 3; d /= 2)
    {
      P around = centre;

      for (int gy = -1; gy <= 1; gy++)
        for (int gx = -1; gx <= 1; gx++)
          {
            P q = { around.x + gx * d, around.y + gy * d };
            double e[2];

            if (svgai_refit_window_error (window, from, to, &q, 1, e) && (best[0] < 0 || e[1] < best[1]))
              best[0] = e[0], best[1] = e[1], centre = q;
          }
    }
  if (best[0] < 0 || !svgai_refit_is_sharper (best) ||
      svgai_hypot (centre.x - pts[i].x, centre.y - pts[i].y) > max_shift)
    return FALSE;
  /* The way in runs towards the kink, against the in side's axis. */
  way_in = unit (scale (side_slope (&in, t1), -1));
  way_out = unit (side_slope (&out, t2));
  best[0] = round_error (window, from, to, centre, way_in, way_out);
  if (best[0] < 0 || !svgai_refit_is_sharper (best))
    return FALSE;
  *apex = centre, *tin = way_in, *tout = way_out;
  return TRUE;
}
