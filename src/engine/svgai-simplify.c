/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-simplify.h"

#include <math.h>

/* Longer runs are split: the check is quadratic in the run's length. */
#define MAX_RUN 128
/* How far a point must be from the chord to count as on one side, px. */
#define CROSSING 0.01

typedef struct {
  SvgaiPoint a;      /* chord start */
  double ux, uy;     /* unit direction */
  double length;
  double epsilon;
  double lo, hi;     /* signed distances seen so far */
  double along;      /* furthest projection seen so far */
} Chord;

/* Whether p keeps the run on the chord: close to it, and not running back
 * along it (a hairpin is not a line however close its two sides). */
static gboolean
chord_accepts (Chord *c, SvgaiPoint p)
{
  double dx = p.x - c->a.x, dy = p.y - c->a.y;
  double d = c->ux * dy - c->uy * dx;
  double t = c->ux * dx + c->uy * dy;

  if (fabs (d) > c->epsilon || t < c->along - c->epsilon || t > c->length + c->epsilon)
    return FALSE;
  c->lo = MIN (c->lo, d);
  c->hi = MAX (c->hi, d);
  c->along = MAX (c->along, t);
  return TRUE;
}

/* Whether segments first..last (indices into seg, each starting where the
 * previous ends, seg[first - 1].p[2] being the run's start) fit one line. */
static gboolean
run_is_straight (const SvgaiSegment *seg, guint first, guint last, double epsilon)
{
  SvgaiPoint a = seg[first - 1].p[2], b = seg[last].p[2];
  Chord c = { a, 0, 0, hypot (b.x - a.x, b.y - a.y), epsilon, 0, 0, 0 };

  if (c.length < 1e-9)
    return FALSE;
  c.ux = (b.x - a.x) / c.length;
  c.uy = (b.y - a.y) / c.length;
  for (guint k = first; k <= last; k++)
    {
      if (seg[k].kind == SVGAI_SEGMENT_CURVE)
        for (int q = 1; q <= 3; q++)
          if (!chord_accepts (&c, svgai_segment_at (seg[k - 1].p[2], &seg[k], q / 4.0)))
            return FALSE;
      if (!chord_accepts (&c, seg[k].p[2]))
        return FALSE;
    }
  /* A wave crosses its chord; an arc stays on one side of it (its ends,
   * on the chord, come out at ±1e-16, hence the margin). */
  return MAX (c.hi, -c.lo) <= SVGAI_SIMPLIFY_FLAT || (c.lo < -CROSSING && c.hi > CROSSING);
}

guint
svgai_simplify_contour (GArray *segs, guint start, double epsilon)
{
  SvgaiSegment *seg = (SvgaiSegment *) (gpointer) segs->data;
  guint n = segs->len, out = start + 1, i = start + 1;

  g_return_val_if_fail (start < n && seg[start].kind == SVGAI_SEGMENT_MOVE, 0);
  if (epsilon <= 0)
    return 0;
  /* seg[i..] are read ahead of seg[out..] being written (out ≤ i): a
   * merged run is written over its own first segment. */
  while (i < n)
    {
      guint best = 0;

      /* The longest straight run from seg[i]; a single line is already one. */
      for (guint last = i + (seg[i].kind == SVGAI_SEGMENT_LINE); last < n && last < i + MAX_RUN; last++)
        {
          if (run_is_straight (seg, i, last, epsilon))
            best = last;
          else if (last > i + 1)
            break;
        }
      if (best != 0)
        {
          SvgaiSegment line = { SVGAI_SEGMENT_LINE, { { 0, 0 }, { 0, 0 }, seg[best].p[2] } };

          /* run_is_straight reads seg[i - 1], which out may have replaced;
           * it holds the same end point, so the next run is judged alike. */
          seg[out++] = line;
          i = best + 1;
        }
      else
        seg[out++] = seg[i++];
    }
  g_array_set_size (segs, out);
  return n - out;
}
