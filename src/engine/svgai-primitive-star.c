/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-primitives.h"
#include "svgai-primitive-points.h"
#include "svgai-hypot.h"

#include <math.h>
#include <string.h>

/* Polygons and stars of 3 to MAX_POINTS points. */
#define MIN_POINTS_AROUND 3
#define MAX_POINTS_AROUND 12
/* Angular bins for the outline's distance from its centre. */
#define BINS 360
/* Its peaks (the tips) must stand this share of the tips' radius above
 * the valleys, lie evenly (within PEAK_SPACING_DEG of even) and be as far
 * out (within PEAK_HEIGHT_SHARE) as one another. */
#define PEAK_PROMINENCE 0.08
#define PEAK_SPACING_DEG 8.0
#define PEAK_HEIGHT_SHARE 0.08
/* A corner's region, px either way, and how far the traced outline may
 * stray there (anti-aliasing rounds it: an 8-point star's inner corners
 * by 0.53 px). */
#define CORNER_SPAN 1.5
#define CORNER_TOLERANCE 0.6
#define TIP_SPAN 0.75
#define MAX_TIP_SPAN 3.0
/* Too small a shape says nothing about its corners. */
#define MIN_RADIUS 3.0

typedef struct {
  double cx, cy, outer, inner, angle;   /* angle: of the first tip */
  int n;
  /* The corners, for the five values above as they were (a fit asks for
   * them point after point). */
  double cached_for[5];
  gboolean cached;
  SvgaiPoint corners[2 * MAX_POINTS_AROUND];
  double tip_span;          /* near_corner()'s reach at a tip, with the corners */
} Star;

static SvgaiPoint
vertex (const Star *s, int k)
{
  double a = s->angle + k * G_PI / s->n, r = k % 2 == 0 ? s->outer : s->inner;
  SvgaiPoint p = { s->cx + r * cos (a), s->cy + r * sin (a) };
  return p;
}

static double tip_span (const Star *s);

/* The star's corners, worked out once per shape, and the reach of a tip
 * near_corner() asks for point after point. The cache lives in the shape
 * (each fit has its own copies), hence the cast. */
static const SvgaiPoint *
corners (const Star *s)
{
  Star *m = (Star *) s;

  if (!m->cached || memcmp (m->cached_for, m, sizeof m->cached_for) != 0)
    {
      for (int k = 0; k < 2 * s->n; k++)
        m->corners[k] = vertex (s, k);
      m->tip_span = tip_span (s);
      memcpy (m->cached_for, m, sizeof m->cached_for);
      m->cached = TRUE;
    }
  return m->corners;
}

/* Signed distance from p to the star's outline, negative inside: the
 * root of the least squared distance to its sides (the least of their
 * svgai_hypot(), for one root instead of one a side). */
static double
star_distance (gconstpointer shape, SvgaiPoint p)
{
  const Star *s = shape;
  const SvgaiPoint *v = corners (s);
  double best = G_MAXDOUBLE, least2 = G_MAXDOUBLE, d2[2 * MAX_POINTS_AROUND];
  gboolean inside = FALSE;
  SvgaiPoint a = v[2 * s->n - 1];

  for (int k = 0; k < 2 * s->n; k++)
    {
      SvgaiPoint b = v[k];
      double ex = b.x - a.x, ey = b.y - a.y, len2 = ex * ex + ey * ey;
      double t = len2 > 0 ? CLAMP (((p.x - a.x) * ex + (p.y - a.y) * ey) / len2, 0, 1) : 0;
      double dx = p.x - a.x - t * ex, dy = p.y - a.y - t * ey;

      d2[k] = dx * dx + dy * dy;
      least2 = isnan (d2[k]) || isnan (least2) ? NAN : MIN (least2, d2[k]);
      if ((a.y > p.y) != (b.y > p.y) && p.x < a.x + (p.y - a.y) * ex / ey)
        inside = !inside;
      a = b;
    }
  if (!isnan (least2))
    best = sqrt (least2);
  else
    /* a NaN somewhere: every side's, in order, as before */
    for (int k = 0; k < 2 * s->n; k++)
      best = MIN (best, sqrt (d2[k]));
  return inside ? -best : best;
}

static void
clamp_star (gpointer shape)
{
  Star *s = shape;
  /* Inner corners beyond the sides' midpoints would make no star. */
  s->outer = MAX (s->outer, MIN_RADIUS);
  s->inner = CLAMP (s->inner, 0.1 * s->outer, s->outer * cos (G_PI / s->n));
}

/* Whether p lies where anti-aliasing rounds a corner: within CORNER_SPAN
 * of it, further at an acute tip (the rounding runs along its sides by
 * about 1 / sin of half its angle). */
static double
tip_span (const Star *s)
{
  SvgaiPoint tip = vertex (s, 0), in = vertex (s, 1);
  double side = svgai_hypot (in.x - tip.x, in.y - tip.y);
  /* Half the tip's angle: between the side and the line to the centre. */
  double half = side > 0 ? asin (CLAMP (s->inner * sin (G_PI / s->n) / side, 0.05, 1)) : G_PI / 2;

  return MIN (MAX_TIP_SPAN, MAX (CORNER_SPAN, TIP_SPAN / sin (half)));
}

static gboolean
near_corner (gconstpointer shape, SvgaiPoint p)
{
  const Star *s = shape;
  const SvgaiPoint *v = corners (s);

  for (int k = 0; k < 2 * s->n; k++)
    if (svgai_hypot (p.x - v[k].x, p.y - v[k].y) < (k % 2 == 0 ? s->tip_span : CORNER_SPAN))
      return TRUE;
  return FALSE;
}

/* Gauss–Newton on the points' distances to the outline; with
 * `sides_only`, on the points away from the corners, which anti-aliasing
 * rounds (a blunted tip would pull the fit in). */
static gboolean
fit_star (const GArray *pts, Star *s, gboolean sides_only)
{
  return svgai_primitive_least_squares (s, sizeof *s, pts, star_distance, sides_only ? near_corner : NULL, clamp_star,
                                        15);
}

/* Every point within `tolerance` of the outline, but within CORNER_SPAN
 * of a corner, where anti-aliasing rounds the trace. */
static gboolean
star_fits (const Star *s, const GArray *pts, double tolerance)
{
  for (guint i = 0; i < pts->len; i++)
    {
      SvgaiPoint p = g_array_index (pts, SvgaiPoint, i);
      double d = fabs (star_distance (s, p));

      if (d > tolerance && (d > CORNER_TOLERANCE || !near_corner (s, p)))
        return FALSE;
    }
  return TRUE;
}

/* The outline's farthest reach from the centre per degree, and from it
 * the number of tips, their radius and where the first is; FALSE unless
 * they stand evenly around the centre, equally far out. */
static gboolean
find_tips (const GArray *pts, Star *s)
{
  double reach[BINS], lo = G_MAXDOUBLE, hi = 0;
  int peaks[MAX_POINTS_AROUND + 1], n = 0;

  for (int b = 0; b < BINS; b++)
    reach[b] = -1;
  /* Along the outline every half pixel: long sides have few points. */
  for (guint i = 0; i < pts->len; i++)
    {
      SvgaiPoint p0 = g_array_index (pts, SvgaiPoint, i), p1 = g_array_index (pts, SvgaiPoint, (i + 1) % pts->len);
      int steps = MAX (1, (int) ceil (svgai_hypot (p1.x - p0.x, p1.y - p0.y) / 0.5));

      for (int k = 0; k < steps; k++)
        {
          double x = p0.x + (p1.x - p0.x) * k / steps, y = p0.y + (p1.y - p0.y) * k / steps;
          double d = svgai_hypot (x - s->cx, y - s->cy), a = atan2 (y - s->cy, x - s->cx);
          int b = ((int) floor ((a + G_PI) / (2 * G_PI) * BINS)) % BINS;

          reach[b] = MAX (reach[b], d);
          lo = MIN (lo, d), hi = MAX (hi, d);
        }
    }
  /* Bins no point fell in take their last neighbour's reach. */
  for (int pass = 0; pass < 2; pass++)
    for (int b = 0; b < BINS; b++)
      if (reach[b] < 0)
        reach[b] = reach[(b + BINS - 1) % BINS];
  if (hi < MIN_RADIUS || hi - lo < PEAK_PROMINENCE * hi)
    return FALSE;
  /* A tip: the farthest within a tenth of a turn either way, standing
   * above what lies between it and the next tip. */
  for (int b = 0; b < BINS; b++)
    {
      gboolean peak = reach[b] > lo + PEAK_PROMINENCE * hi;
      for (int k = -BINS / (2 * MAX_POINTS_AROUND); k <= BINS / (2 * MAX_POINTS_AROUND) && peak; k++)
        {
          double o = reach[(b + k + BINS) % BINS];
          peak = k == 0 || o < reach[b] || (o == reach[b] && k > 0);
        }
      if (peak)
        {
          if (n == MAX_POINTS_AROUND)
            return FALSE;
          peaks[n++] = b;
        }
    }
  if (n < MIN_POINTS_AROUND)
    return FALSE;
  s->n = n;
  s->outer = 0;
  for (int k = 0; k < n; k++)
    {
      double gap = (peaks[(k + 1) % n] - peaks[k] + BINS) % BINS * 360.0 / BINS;
      if (fabs (gap - 360.0 / n) > PEAK_SPACING_DEG)
        return FALSE;
      s->outer += reach[peaks[k]] / n;
    }
  for (int k = 0; k < n; k++)
    if (fabs (reach[peaks[k]] - s->outer) > PEAK_HEIGHT_SHARE * s->outer)
      return FALSE;
  s->angle = (peaks[0] + 0.5) * 2 * G_PI / BINS - G_PI;
  s->inner = lo;
  clamp_star (s);
  return TRUE;
}

gboolean
svgai_primitive_fit_star (GArray *segs, guint start, const GArray *pts, double tolerance, double grid)
{
  double area, mx = 0, my = 0;
  Star s = { 0 };
  gboolean polygon;
  SvgaiPoint none = { 0, 0 };

  if (pts == NULL)
    return FALSE;
  area = svgai_primitive_signed_area (pts);
  if (fabs (area) < G_PI * MIN_RADIUS * MIN_RADIUS)
    return FALSE;
  /* The centre: the outline's centroid (a regular shape's is its centre). */
  for (guint i = 0; i < pts->len; i++)
    {
      SvgaiPoint p = g_array_index (pts, SvgaiPoint, i), q = g_array_index (pts, SvgaiPoint, (i + 1) % pts->len);
      double c = p.x * q.y - q.x * p.y;
      mx += (p.x + q.x) * c, my += (p.y + q.y) * c;
    }
  s.cx = mx / (6 * area), s.cy = my / (6 * area);
  if (!find_tips (pts, &s) || !fit_star (pts, &s, FALSE) || !fit_star (pts, &s, TRUE))
    return FALSE;
  if (!star_fits (&s, pts, tolerance))
    return FALSE;
  /* Inner corners on the sides: a regular polygon. */
  polygon = s.outer * cos (G_PI / s.n) - s.inner < tolerance;

  g_array_set_size (segs, start);
  for (int i = 0; i < 2 * s.n; i += polygon ? 2 : 1)
    {
      /* Round the way the contour turned (holes keep theirs). */
      int k = area > 0 ? i : (2 * s.n - i) % (2 * s.n);
      SvgaiPoint v = vertex (&s, k);

      v.x = svgai_primitive_snap (v.x, grid), v.y = svgai_primitive_snap (v.y, grid);
      svgai_primitive_append (segs, i == 0 ? SVGAI_SEGMENT_MOVE : SVGAI_SEGMENT_LINE, none, none, v);
    }
  return TRUE;
}
