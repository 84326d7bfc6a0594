/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-simplify.h"
#include "svgai-hypot.h"

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

/* The chord from a to b, within epsilon; FALSE if a and b coincide. */
static gboolean
chord_init (Chord *c, SvgaiPoint a, SvgaiPoint b, double epsilon)
{
  *c = (Chord) { a, 0, 0, svgai_hypot (b.x - a.x, b.y - a.y), epsilon, 0, 0, 0 };
  if (c->length < 1e-9)
    return FALSE;
  c->ux = (b.x - a.x) / c->length;
  c->uy = (b.y - a.y) / c->length;
  return TRUE;
}

/* p's signed distance from the chord (*d) and projection along it (*t). */
static void
chord_place (const Chord *c, SvgaiPoint p, double *d, double *t)
{
  double dx = p.x - c->a.x, dy = p.y - c->a.y;

  *d = c->ux * dy - c->uy * dx;
  *t = c->ux * dx + c->uy * dy;
}

/* Whether p keeps the run on the chord: close to it, and not running back
 * along it (a hairpin is not a line however close its two sides). */
static gboolean
chord_accepts (Chord *c, SvgaiPoint p)
{
  double d, t;

  chord_place (c, p, &d, &t);
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
  Chord c;

  if (!chord_init (&c, a, b, epsilon))
    return FALSE;
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
  if (MAX (c.hi, -c.lo) <= SVGAI_SIMPLIFY_FLAT || (c.lo < -CROSSING && c.hi > CROSSING))
    return TRUE;
  if (MAX (c.hi, -c.lo) > SVGAI_SIMPLIFY_NEAR)
    return FALSE;
  /* Nearly straight on one side: lines only (an arc's pieces stay curves
   * however flat), and no level or plumb line tilted (a whole edge would
   * lean). */
  for (guint k = first; k <= last; k++)
    {
      SvgaiPoint p = seg[k - 1].p[2], q = seg[k].p[2];

      if (seg[k].kind != SVGAI_SEGMENT_LINE)
        return FALSE;
      if ((fabs (p.x - q.x) < 1e-9 || fabs (p.y - q.y) < 1e-9) && fabs (a.x - b.x) >= 1e-9 && fabs (a.y - b.y) >= 1e-9)
        return FALSE;
    }
  return TRUE;
}

/* The zigzag band follows the tolerance below its default (epsilon 0.15
 * px: 0.35 px), so a finer tracing keeps finer detail. */
#define ZIGZAG_PER_EPSILON (7.0 / 3)

/* Whether segments first..last zigzag about their chord: all within
 * `band` px of it, their joints on alternate sides at least
 * SVGAI_SIMPLIFY_ZIGZAG_TURNS times. Returns 1 if so; 0 if not, but no
 * point is further than twice the band (a part of a zigzag strays further
 * from its own chord than the whole does from its); -1 if one is (longer
 * runs from first are then not tried). */
static int
run_zigzags (const SvgaiSegment *seg, guint first, guint last, double band)
{
  Chord c;
  int side = 0, turns = 0;
  gboolean within = TRUE;

  if (!chord_init (&c, seg[first - 1].p[2], seg[last].p[2], band))
    return -1;
  for (guint k = first; k <= last; k++)
    {
      double d = 0;

      if (seg[k].kind != SVGAI_SEGMENT_LINE && seg[k].kind != SVGAI_SEGMENT_CURVE)
        return -1;
      for (int q = seg[k].kind == SVGAI_SEGMENT_CURVE ? 1 : 4; q <= 4; q++)
        {
          double t;

          chord_place (&c, q < 4 ? svgai_segment_at (seg[k - 1].p[2], &seg[k], q / 4.0) : seg[k].p[2], &d, &t);
          if (fabs (d) > 2 * band || t < -2 * band || t > c.length + 2 * band)
            return -1;
          within = within && fabs (d) <= band && t >= -band && t <= c.length + band;
        }
      if (k == last || fabs (d) < CROSSING)
        continue;
      if (side != 0 && (d > 0) != (side > 0))
        turns++;
      side = d > 0 ? 1 : -1;
    }
  return within && turns >= SVGAI_SIMPLIFY_ZIGZAG_TURNS ? 1 : 0;
}

guint
svgai_simplify_contour (GArray *segs, guint start, double epsilon)
{
  SvgaiSegment *seg = (SvgaiSegment *) (gpointer) segs->data;
  guint n = segs->len, out = start + 1, i = start + 1;
  double band;

  g_return_val_if_fail (start < n && seg[start].kind == SVGAI_SEGMENT_MOVE, 0);
  if (epsilon <= 0)
    return 0;
  band = MIN (SVGAI_SIMPLIFY_ZIGZAG, ZIGZAG_PER_EPSILON * epsilon);
  /* seg[i..] are read ahead of seg[out..] being written (out ≤ i): a
   * merged run is written over its own first segment. */
  while (i < n)
    {
      guint best = 0;

      /* The longest straight or zigzag run from seg[i]; a single line is
       * already one. The search goes on while the run stays within the
       * zigzag band, so a straight run may also be found longer than
       * where a run that is not straight used to stop it. */
      for (guint last = i + (seg[i].kind == SVGAI_SEGMENT_LINE); last < n && last < i + MAX_RUN; last++)
        {
          int zigzag = run_zigzags (seg, i, last, band);

          if (zigzag > 0 || run_is_straight (seg, i, last, epsilon))
            best = last;
          else if (last > i + 1 && zigzag < 0)
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

/* The shortest multiple of a power of ten (at least 1/grid) within slack
 * of v, v being an offset from the current point. */
static double
snap_offset (double v, double slack, int grid)
{
  for (double step = 1; step * grid >= 1 - 1e-9; step /= 10)
    {
      double r = round (v / step) * step;

      if (fabs (r - v) <= slack + 1e-9)
        return r;
    }
  return v;
}

/* p on the grid, as the writer will read it. */
static SvgaiPoint
on_grid (SvgaiPoint p, int grid)
{
  return (SvgaiPoint) { round (p.x * grid) / grid, round (p.y * grid) / grid };
}

static SvgaiPoint
snap_point (SvgaiPoint from, SvgaiPoint p, double slack, int grid)
{
  return on_grid ((SvgaiPoint) { from.x + snap_offset (p.x - from.x, slack, grid),
                                 from.y + snap_offset (p.y - from.y, slack, grid) },
                  grid);
}

/* How far the curve moves when its control points move to c0, c1: the
 * largest of |B1(t) d0 + B2(t) d1| over t. */
static double
moved_by (const SvgaiSegment *s, SvgaiPoint c0, SvgaiPoint c1)
{
  double dx0 = c0.x - s->p[0].x, dy0 = c0.y - s->p[0].y, dx1 = c1.x - s->p[1].x, dy1 = c1.y - s->p[1].y, worst = 0;

  for (int k = 1; k < 16; k++)
    {
      double t = k / 16.0, b0 = 3 * (1 - t) * (1 - t) * t, b1 = 3 * (1 - t) * t * t;

      worst = MAX (worst, svgai_hypot (b0 * dx0 + b1 * dx1, b0 * dy0 + b1 * dy1));
    }
  return worst;
}

/* The cubic from a through s as the quadratic it nearly is: its control
 * point, where both arms extended by half meet (within slack), on the
 * grid. */
static gboolean
as_quadratic (SvgaiPoint a, const SvgaiSegment *s, double slack, int grid, SvgaiPoint *q)
{
  SvgaiPoint q0 = { a.x + 1.5 * (s->p[0].x - a.x), a.y + 1.5 * (s->p[0].y - a.y) };
  SvgaiPoint q1 = { s->p[2].x + 1.5 * (s->p[1].x - s->p[2].x), s->p[2].y + 1.5 * (s->p[1].y - s->p[2].y) };

  if (fabs (q0.x - q1.x) > 2 * slack || fabs (q0.y - q1.y) > 2 * slack)
    return FALSE;
  *q = on_grid ((SvgaiPoint) { (q0.x + q1.x) / 2, (q0.y + q1.y) / 2 }, grid);
  return TRUE;
}

void
svgai_simplify_snap (GArray *segs, guint start, double slack, int grid)
{
  SvgaiSegment *seg = (SvgaiSegment *) (gpointer) segs->data;
  gboolean after_cubic = FALSE;
  const double deviation = SVGAI_SIMPLIFY_SNAP_DEVIATION;

  g_return_if_fail (start < segs->len && seg[start].kind == SVGAI_SEGMENT_MOVE && grid > 0);
  if (slack <= 0)
    return;
  for (guint i = start + 1; i < segs->len && seg[i].kind != SVGAI_SEGMENT_MOVE; i++)
    {
      SvgaiSegment *s = &seg[i];
      SvgaiPoint from = seg[i - 1].p[2], c0 = s->p[0], c1, q;
      gboolean mirrored = FALSE;

      if (s->kind != SVGAI_SEGMENT_CURVE)
        {
          after_cubic = FALSE;
          continue;
        }
      /* "s": the mirror of the previous cubic's second control point. */
      if (after_cubic)
        {
          SvgaiPoint m = on_grid ((SvgaiPoint) { 2 * from.x - seg[i - 1].p[1].x, 2 * from.y - seg[i - 1].p[1].y }, grid);

          mirrored = moved_by (s, m, s->p[1]) <= deviation;
          if (mirrored)
            c0 = m;
        }
      /* "q": four numbers instead of six, unless "s" already saves them. */
      if (!mirrored && as_quadratic (from, s, slack, grid, &q))
        {
          SvgaiPoint k0 = { from.x + 2.0 / 3 * (q.x - from.x), from.y + 2.0 / 3 * (q.y - from.y) };
          SvgaiPoint k1 = { s->p[2].x + 2.0 / 3 * (q.x - s->p[2].x), s->p[2].y + 2.0 / 3 * (q.y - s->p[2].y) };

          if (moved_by (s, k0, k1) <= deviation)
            {
              s->p[0] = k0, s->p[1] = k1;
              after_cubic = FALSE;
              continue;
            }
        }
      if (!mirrored)
        {
          c0 = snap_point (from, c0, slack, grid);
          if (moved_by (s, c0, s->p[1]) > deviation)
            c0 = s->p[0];
        }
      c1 = snap_point (from, s->p[1], slack, grid);
      if (moved_by (s, c0, c1) > deviation)
        c1 = s->p[1];
      s->p[0] = c0, s->p[1] = c1;
      after_cubic = TRUE;
    }
}
