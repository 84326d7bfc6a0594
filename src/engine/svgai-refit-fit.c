/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Schneider's least-squares cubics (Graphics Gems, 1990) for the refit. */
#include "svgai-refit-private.h"
#include "svgai-hypot.h"

#include <string.h>

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

static void
append (GArray *out, int grid, SvgaiSegmentKind kind, const P b[4])
{
  SvgaiSegment s = { kind };

  for (int i = 0; i < 3; i++)
    s.p[i] = (P) { svgai_refit_snap (b[i + 1].x, grid), svgai_refit_snap (b[i + 1].y, grid) };
  g_array_append_val (out, s);
}

void
svgai_refit_emit (Fitter *f, SvgaiSegmentKind kind, const P b[4])
{
  append (f->out, f->grid, kind, b);
  if (f->compact != NULL)
    append (f->compact, f->grid, kind, b);
}

static void
chord_parameters (const P *d, int first, int last, double *u, double *dist)
{
  u[first] = 0;
  for (int i = first + 1; i <= last; i++)
    {
      if (dist[i] < 0)
        dist[i] = svgai_hypot (d[i].x - d[i - 1].x, d[i].y - d[i - 1].y);
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
  double chord = svgai_hypot (d[last].x - d[first].x, d[last].y - d[first].y);

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

/* The least-squares cubic through d[first] and d[last] with its first
 * control point fixed at c1 and its second along t2; FALSE where that arm
 * comes out degenerate or wild. */
static gboolean
generate_from (const P *d, int first, int last, const double *u, P c1, P t2, P b[4])
{
  double num = 0, den = 0, ar;
  double chord = svgai_hypot (d[last].x - d[first].x, d[last].y - d[first].y);

  for (int i = first; i <= last; i++)
    {
      double t = u[i], s = 1 - t;
      double b0 = s * s * s, b1 = 3 * s * s * t, b2 = 3 * s * t * t, b3 = t * t * t;
      P a1 = scale (t2, b2);
      P tmp = sub (d[i], add (add (scale (d[first], b0), scale (c1, b1)), scale (d[last], b2 + b3)));

      num += dot (a1, tmp), den += dot (a1, a1);
    }
  ar = den > 1e-12 ? num / den : 0;
  if (ar < 1e-6 * chord || ar > 2 * chord)
    return FALSE;
  b[0] = d[first];
  b[1] = c1;
  b[3] = d[last];
  b[2] = add (b[3], scale (t2, ar));
  return TRUE;
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
  double len = svgai_hypot (dir.x, dir.y), cos_turn = cos (LINE_TURN_DEG * G_PI / 180);

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

/* Fits d[first..last] with one segment: a line where it is straight or
 * too short for a curve, else the cubic within tolerance of it into b.
 * Returns the segment's kind, or -1 with *split at the worst sample when
 * no cubic fits. */
static int
fit_one (Fitter *f, const P *d, int first, int last, P t1, P t2, P b[4], int *split)
{
  double worst;

  if (last - first < 3 || svgai_refit_is_line (d, first, last, t1, t2, f->tolerance, f->hidden, 0))
    {
      /* A stretch under a pixel long is drawn straight whatever it is. */
      b[1] = b[2] = b[3] = d[last];
      return SVGAI_SEGMENT_LINE;
    }
  chord_parameters (d, first, last, f->u, f->dist);
  generate (d, first, last, f->u, t1, t2, b);
  worst = fit_error (d, first, last, f->u, b, f->tolerance, f->hidden, split);
  for (int k = 0; k < MAX_NEWTON && worst > 1 && worst < 16; k++)
    {
      reparameterize (d, first, last, f->u, b);
      generate (d, first, last, f->u, t1, t2, b);
      worst = fit_error (d, first, last, f->u, b, f->tolerance, f->hidden, split);
    }
  return worst <= 1 ? SVGAI_SEGMENT_CURVE : -1;
}

/* fit_one's cubic with its first control point at c1, if one fits. */
static gboolean
fit_from (Fitter *f, const P *d, int first, int last, P c1, P t2, P b[4])
{
  int split;

  if (last - first < 3)
    return FALSE;
  chord_parameters (d, first, last, f->u, f->dist);
  for (int k = 0; k <= MAX_NEWTON; k++)
    {
      if (k > 0)
        reparameterize (d, first, last, f->u, b);
      if (!generate_from (d, first, last, f->u, c1, t2, b))
        return FALSE;
      if (fit_error (d, first, last, f->u, b, f->tolerance, f->hidden, &split) <= 1)
        return TRUE;
    }
  return FALSE;
}

typedef struct {
  int first, last;
  P t1, t2;
  int kind;
  P b[4];
} Piece;

/* Schneider's recursion: d[first..last] split at the worst sample, with
 * one tangent on both sides of it, until every piece fits. */
static void
split_fit (Fitter *f, const P *d, int first, int last, P t1, P t2, GArray *pieces)
{
  Piece piece = { first, last, t1, t2 };
  int split;

  piece.kind = fit_one (f, d, first, last, t1, t2, piece.b, &split);
  if (piece.kind >= 0)
    {
      g_array_append_val (pieces, piece);
      return;
    }
  {
    int k = MIN (2, MIN (split - first, last - split));
    P tc = unit (sub (d[split - k], d[split + k]));

    if (tc.x == 0 && tc.y == 0)
      tc = unit (sub (d[split - 1], d[split + 1]));
    split_fit (f, d, first, split, t1, tc, pieces);
    split_fit (f, d, split, last, scale (tc, -1), t2, pieces);
  }
}

/* The pieces again, into f->compact: neighbours that one cubic fits as
 * one (the recursion never joins what it split, and a split at the worst
 * sample of a long stretch often leaves such neighbours, other than the
 * two halves it tried), and a cubic after a cubic with its first arm
 * mirroring the other's last (written "s": four numbers, not six) where
 * that fits too. Curves only: lines stay lines. */
static void
put_compact (Fitter *f, const P *d, const Piece *pc, guint n)
{
  for (guint i = 0, j; i < n; i = j + 1)
    {
      P b[4];
      int split, kind = pc[i].kind;
      const SvgaiSegment *prev = f->compact->len > 0 ? &g_array_index (f->compact, SvgaiSegment, f->compact->len - 1) : NULL;

      memcpy (b, pc[i].b, sizeof b);
      j = i;
      for (guint k = i + 1; kind == SVGAI_SEGMENT_CURVE && k < n && pc[k].kind == SVGAI_SEGMENT_CURVE; k++)
        {
          P c[4];
          int joined = fit_one (f, d, pc[i].first, pc[k].last, pc[i].t1, pc[k].t2, c, &split);

          if (joined < 0)
            break;
          memcpy (b, c, sizeof b);
          kind = joined, j = k;
        }
      /* The mirror only inside the stretch: at its start is a corner. */
      if (i > 0 && kind == SVGAI_SEGMENT_CURVE && prev != NULL && prev->kind == SVGAI_SEGMENT_CURVE)
        {
          P c[4], m = sub (scale (prev->p[2], 2), prev->p[1]);

          if (fit_from (f, d, pc[i].first, pc[j].last, m, pc[j].t2, c))
            memcpy (b, c, sizeof b);
        }
      append (f->compact, f->grid, kind, b);
    }
}

void
svgai_refit_fit_cubic (Fitter *f, const P *d, int first, int last, P t1, P t2)
{
  g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  const Piece *pc;

  split_fit (f, d, first, last, t1, t2, pieces);
  pc = (const Piece *) (gconstpointer) pieces->data;
  for (guint i = 0; i < pieces->len; i++)
    append (f->out, f->grid, pc[i].kind, pc[i].b);
  if (f->compact != NULL)
    put_compact (f, d, pc, pieces->len);
}
