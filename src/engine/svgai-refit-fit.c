/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Schneider's least-squares cubics (Graphics Gems, 1990) for the refit. */
#include "svgai-refit-private.h"

/* A stretch whose points stay within the tolerance of its chord, and
 * whose end tangents turn less than this from the chord, is a line. */
#define LINE_TURN_DEG 3.0
#define MAX_NEWTON 4
/* Where a colour above hides the outline (a stacked layer reaching under
 * its neighbour), the outline may stray this far, px: traced from made-up
 * coverage it is a staircase, and it is never seen. Such samples lie half
 * a pixel or more inside what covers them. */
#define HIDDEN_TOLERANCE 0.4

static inline double
tolerance_at (const gboolean *hidden, int i, double tolerance)
{
  return hidden != NULL && hidden[i] ? MAX (tolerance, HIDDEN_TOLERANCE) : tolerance;
}

double
svgai_refit_snap (double v, int grid)
{
  return round (v * grid) / grid;
}

void
svgai_refit_emit (Fitter *f, SvgaiSegmentKind kind, const P b[4])
{
  SvgaiSegment s = { kind };

  for (int i = 0; i < 3; i++)
    s.p[i] = (P) { svgai_refit_snap (b[i + 1].x, f->grid), svgai_refit_snap (b[i + 1].y, f->grid) };
  g_array_append_val (f->out, s);
}

static void
chord_parameters (const P *d, int first, int last, double *u, double *dist)
{
  u[first] = 0;
  for (int i = first + 1; i <= last; i++)
    {
      if (dist[i] < 0)
        dist[i] = hypot (d[i].x - d[i - 1].x, d[i].y - d[i - 1].y);
      u[i] = u[i - 1] + dist[i];
    }
  for (int i = first + 1; i <= last; i++)
    u[i] = u[last] > 0 ? u[i] / u[last] : (double) (i - first) / (last - first);
}

/* The least-squares cubic through d[first] and d[last] with the given end
 * tangents (t2 points back into the curve). */
static void
generate (const P *d, int first, int last, const double *u, P t1, P t2, P b[4])
{
  double c00 = 0, c01 = 0, c11 = 0, x0 = 0, x1 = 0, det, al, ar;
  double chord = hypot (d[last].x - d[first].x, d[last].y - d[first].y);

  for (int i = first; i <= last; i++)
    {
      double t = u[i], s = 1 - t;
      double b0 = s * s * s, b1 = 3 * s * s * t, b2 = 3 * s * t * t, b3 = t * t * t;
      P a0 = scale (t1, b1), a1 = scale (t2, b2);
      P tmp = sub (d[i], add (scale (d[first], b0 + b1), scale (d[last], b2 + b3)));

      c00 += dot (a0, a0), c01 += dot (a0, a1), c11 += dot (a1, a1);
      x0 += dot (a0, tmp), x1 += dot (a1, tmp);
    }
  det = c00 * c11 - c01 * c01;
  al = fabs (det) > 1e-12 ? (x0 * c11 - x1 * c01) / det : 0;
  ar = fabs (det) > 1e-12 ? (c00 * x1 - c01 * x0) / det : 0;
  /* Degenerate or wild handles: Schneider's fallback, a third of the chord. */
  if (al < 1e-6 * chord || ar < 1e-6 * chord || al > 2 * chord || ar > 2 * chord)
    al = ar = chord / 3;
  b[0] = d[first];
  b[3] = d[last];
  b[1] = add (b[0], scale (t1, al));
  b[2] = add (b[3], scale (t2, ar));
}

/* One Newton step per sample towards its nearest point on the curve. */
static void
reparameterize (const P *d, int first, int last, double *u, const P b[4])
{
  P q1[3], q2[2];

  for (int i = 0; i < 3; i++)
    q1[i] = scale (sub (b[i + 1], b[i]), 3);
  for (int i = 0; i < 2; i++)
    q2[i] = scale (sub (q1[i + 1], q1[i]), 2);
  for (int i = first; i <= last; i++)
    {
      double t = u[i], s = 1 - t;
      P q = bezier (b, t);
      P d1 = add (add (scale (q1[0], s * s), scale (q1[1], 2 * s * t)), scale (q1[2], t * t));
      P d2 = add (scale (q2[0], s), scale (q2[1], t));
      P e = sub (q, d[i]);
      double num = dot (e, d1), den = dot (d1, d1) + dot (e, d2);

      if (fabs (den) > 1e-12)
        u[i] = CLAMP (t - num / den, 0.0, 1.0);
    }
}

/* The worst squared distance from a sample to the curve, relative to the
 * tolerance's square (1 = the limit); *split is that sample. */
static double
fit_error (const P *d, int first, int last, const double *u, const P b[4], double tolerance,
           const gboolean *hidden, int *split)
{
  double worst = 0;

  *split = (first + last) / 2;
  for (int i = first + 1; i < last; i++)
    {
      P e = sub (bezier (b, u[i]), d[i]);
      double t = tolerance_at (hidden, i, tolerance), e2 = dot (e, e) / (t * t);

      if (e2 > worst)
        worst = e2, *split = i;
    }
  return worst;
}

gboolean
svgai_refit_is_line (const P *d, int first, int last, P t1, P t2, double tolerance, const gboolean *hidden, int skip)
{
  P dir = sub (d[last], d[first]);
  double len = hypot (dir.x, dir.y), cos_turn = cos (LINE_TURN_DEG * G_PI / 180);

  if (len < 1e-9)
    return FALSE;
  dir = scale (dir, 1 / len);
  if (dot (t1, dir) < cos_turn || dot (t2, dir) > -cos_turn)
    return FALSE;
  if (last - first <= 4 * skip)
    skip = 0;
  for (int i = first + 1 + skip; i < last - skip; i++)
    if (fabs (dir.x * (d[i].y - d[first].y) - dir.y * (d[i].x - d[first].x)) > tolerance_at (hidden, i, tolerance))
      return FALSE;
  return TRUE;
}

void
svgai_refit_fit_cubic (Fitter *f, const P *d, int first, int last, P t1, P t2)
{
  P b[4];
  double worst;
  int split;

  if (last - first < 3 || svgai_refit_is_line (d, first, last, t1, t2, f->tolerance, f->hidden, 0))
    {
      /* A stretch under a pixel long is drawn straight whatever it is. */
      b[1] = b[2] = b[3] = d[last];
      svgai_refit_emit (f, SVGAI_SEGMENT_LINE, b);
      return;
    }
  chord_parameters (d, first, last, f->u, f->dist);
  generate (d, first, last, f->u, t1, t2, b);
  worst = fit_error (d, first, last, f->u, b, f->tolerance, f->hidden, &split);
  for (int k = 0; k < MAX_NEWTON && worst > 1 && worst < 16; k++)
    {
      reparameterize (d, first, last, f->u, b);
      generate (d, first, last, f->u, t1, t2, b);
      worst = fit_error (d, first, last, f->u, b, f->tolerance, f->hidden, &split);
    }
  if (worst <= 1)
    {
      svgai_refit_emit (f, SVGAI_SEGMENT_CURVE, b);
      return;
    }
  {
    /* Split at the worst point, with one tangent on both sides of it. */
    int k = MIN (2, MIN (split - first, last - split));
    P tc = unit (sub (d[split - k], d[split + k]));

    if (tc.x == 0 && tc.y == 0)
      tc = unit (sub (d[split - 1], d[split + 1]));
    svgai_refit_fit_cubic (f, d, first, split, t1, tc);
    svgai_refit_fit_cubic (f, d, split, last, scale (tc, -1), t2);
  }
}

