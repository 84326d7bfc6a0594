/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-primitives.h"
#include "svgai-primitive-points.h"
#include "svgai-hypot.h"

#include <math.h>

/* A square corner's apex region, px either way, and how far the traced
 * outline may stray there (anti-aliasing rounds it). */
#define CORNER_SPAN 1.5
#define SQUARE_CORNER_TOLERANCE 0.5
/* Corner radii are read from the coverage in boxes this big at least, px;
 * the ink the corners miss must agree within MISSING_AGREEMENT px² (and
 * that share of it). */
#define CORNER_BOX 3.0
#define CORNER_MARGIN 1.5
#define MISSING_AGREEMENT 0.25
/* The width of the strips, beside each corner's box, in which the ink
 * across a side is read (px). */
#define SIDE_STRIP 1.0
/* Rectangles narrower than this say nothing about their corners. */
#define MIN_SIDE 3.0
/* Corner radii below this are square corners: a designer's rounded
 * corner is a good pixel at least, and anti-aliasing alone bends a
 * traced square corner by about a third of one. */
#define MIN_CORNER_RADIUS 0.75

/* An upright rectangle with corners of radius r (0: square), centred on
 * (cx, cy) with half sides hw, hh. */
typedef struct {
  double cx, cy, hw, hh, r;
} RoundRect;

/* Signed distance from p to the rounded rectangle's outline. */
static double
round_rect_distance (gconstpointer shape, SvgaiPoint p)
{
  const RoundRect *q = shape;
  double dx = fabs (p.x - q->cx) - (q->hw - q->r), dy = fabs (p.y - q->cy) - (q->hh - q->r);
  double ox = MAX (dx, 0), oy = MAX (dy, 0);
  /* Beside a side one of them is 0, and svgai_hypot (x, 0) is x exactly: most
   * points of a rectangle need no root. */
  double out = oy == 0 ? ox : ox == 0 ? oy : svgai_hypot (ox, oy);

  return out + MIN (MAX (dx, dy), 0) - q->r;
}

static void
round_rect_clamp (gpointer shape)
{
  RoundRect *q = shape;
  q->hw = MAX (q->hw, 0.5);
  q->hh = MAX (q->hh, 0.5);
  q->r = CLAMP (q->r, 0, MIN (q->hw, q->hh));
}

/* Gauss–Newton on the points' distances, from the bounding box and the
 * radius its area implies (w·h − (4 − π) r²). */
static gboolean
fit_round_rect (const GArray *pts, double area, RoundRect *q)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint i = 0; i < pts->len; i++)
    {
      SvgaiPoint p = g_array_index (pts, SvgaiPoint, i);
      x0 = MIN (x0, p.x), y0 = MIN (y0, p.y), x1 = MAX (x1, p.x), y1 = MAX (y1, p.y);
    }
  if (x1 - x0 < MIN_SIDE || y1 - y0 < MIN_SIDE)
    return FALSE;
  q->cx = (x0 + x1) / 2, q->cy = (y0 + y1) / 2, q->hw = (x1 - x0) / 2, q->hh = (y1 - y0) / 2;
  q->r = sqrt (MAX ((x1 - x0) * (y1 - y0) - area, 0) / (4 - G_PI));
  round_rect_clamp (q);
  return svgai_primitive_least_squares (q, sizeof *q, pts, round_rect_distance, NULL, round_rect_clamp, 12);
}

/* Every point within `tolerance` of the outline, but within CORNER_SPAN
 * of a square corner's apex, where anti-aliasing rounds the trace. */
static gboolean
round_rect_fits (const RoundRect *q, const GArray *pts, double tolerance)
{
  for (guint i = 0; i < pts->len; i++)
    {
      SvgaiPoint p = g_array_index (pts, SvgaiPoint, i);
      double d = fabs (round_rect_distance (q, p));
      gboolean at_corner = q->r == 0 && fabs (fabs (p.x - q->cx) - q->hw) < CORNER_SPAN &&
                           fabs (fabs (p.y - q->cy) - q->hh) < CORNER_SPAN;

      if (d > (at_corner ? SQUARE_CORNER_TOLERANCE : tolerance))
        return FALSE;
    }
  return TRUE;
}

/* The corner radius from the ink the corners miss: a box of side L in a
 * corner of radius r holds L² − (1 − π/4) r², or, with the sides where
 * the coverage puts them rather than the outline, the product of the ink
 * across each side (read in a strip SIDE_STRIP px wide beside the box)
 * less (1 − π/4) r². The outline's sides stray by up to a tenth of a
 * pixel, unevenly: along a box of 3 px up to 0.3 px² of ink, what a
 * corner of radius 1.2 misses. Datagrip's square bar's corners disagreed
 * by that much, and the outline's own rounding (0.8 px) was written. The
 * four corners must miss about as much (other ink of the layer near a
 * corner would upset its count); -1 if they do not. */
static double
radius_from_coverage (const RoundRect *q, const SvgaiCoverage *coverage)
{
  static const double corner[4][2] = { { 1, -1 }, { 1, 1 }, { -1, 1 }, { -1, -1 } };
  double side = MIN (MAX (CORNER_BOX, q->r + 1.5), MIN (q->hw, q->hh)), lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, sum = 0;
  gboolean strips = MIN (q->hw, q->hh) >= side + SIDE_STRIP;

  for (int k = 0; k < 4; k++)
    {
      double x = q->cx + corner[k][0] * q->hw, y = q->cy + corner[k][1] * q->hh;
      /* The box reaches CORNER_MARGIN past the sides, so that none of
       * their anti-aliased ink is cut off. */
      double bx0 = corner[k][0] > 0 ? x - side : x - CORNER_MARGIN;
      double bx1 = corner[k][0] > 0 ? x + CORNER_MARGIN : x + side;
      double by0 = corner[k][1] > 0 ? y - side : y - CORNER_MARGIN;
      double by1 = corner[k][1] > 0 ? y + CORNER_MARGIN : y + side;
      double square = side * side, missing;

      if (strips)
        {
          /* The strips lie beside the box, away from the corner. */
          double sy0 = corner[k][1] > 0 ? by0 - SIDE_STRIP : by1;
          double sx0 = corner[k][0] > 0 ? bx0 - SIDE_STRIP : bx1;
          double across_x = svgai_coverage_integral (coverage, bx0, sy0, bx1, sy0 + SIDE_STRIP) / SIDE_STRIP;
          double across_y = svgai_coverage_integral (coverage, sx0, by0, sx0 + SIDE_STRIP, by1) / SIDE_STRIP;

          square = across_x * across_y;
        }
      missing = square - svgai_coverage_integral (coverage, bx0, by0, bx1, by1);

      lo = MIN (lo, missing), hi = MAX (hi, missing), sum += missing;
    }
  if (hi - lo > MISSING_AGREEMENT * (1 + sum / 4))
    return -1;
  return sqrt (MAX (sum / 4, 0) / (1 - G_PI / 4));
}

/* Replaces the contour by the rectangle: sides as lines, corners as
 * quarter circles, from the top side's left end clockwise on screen, or
 * the other way round when the contour turned that way (dir < 0). */
static void
write_round_rect (GArray *segs, guint start, const RoundRect *q, double dir, double grid)
{
  /* Per corner, clockwise from the top right: its centre's direction. */
  static const double corner[4][2] = { { 1, -1 }, { 1, 1 }, { -1, 1 }, { -1, -1 } };
  SvgaiPoint nodes[8], arm[8];
  guint n = 0;

  for (int k = 0; k < 4; k++)
    {
      double ox = q->cx + corner[k][0] * (q->hw - q->r), oy = q->cy + corner[k][1] * (q->hh - q->r);
      /* The corner's arc runs from the side before it to the side after. */
      double bx = k % 2 == 0 ? 0 : corner[k][0], by = k % 2 == 0 ? corner[k][1] : 0;
      double ax = k % 2 == 0 ? corner[k][0] : 0, ay = k % 2 == 0 ? 0 : corner[k][1];
      SvgaiPoint from = { svgai_primitive_snap (ox + bx * q->r, grid), svgai_primitive_snap (oy + by * q->r, grid) };
      SvgaiPoint to = { svgai_primitive_snap (ox + ax * q->r, grid), svgai_primitive_snap (oy + ay * q->r, grid) };

      nodes[n] = from, arm[n++] = (SvgaiPoint) { ax * q->r, ay * q->r };
      nodes[n] = to, arm[n++] = (SvgaiPoint) { bx * q->r, by * q->r };
    }
  g_array_set_size (segs, start);
  for (guint i = 0; i <= n; i++)
    {
      /* Node i of the walk, forwards or backwards round the 8. */
      guint k = dir > 0 ? i % n : (n - i) % n;
      guint prev = dir > 0 ? (i + n - 1) % n : (n - i + 1) % n;
      gboolean arc = dir > 0 ? k % 2 == 1 : k % 2 == 0;
      SvgaiPoint none = { 0, 0 };

      if (i == 0)
        svgai_primitive_append (segs, SVGAI_SEGMENT_MOVE, none, none, nodes[k]);
      else if (arc && q->r == 0)
        continue;   /* a square corner: the sides meet */
      else if (!arc)
        svgai_primitive_append (segs, SVGAI_SEGMENT_LINE, none, none, nodes[k]);
      else
        {
          SvgaiPoint c0 = { svgai_primitive_snap (nodes[prev].x + SVGAI_KAPPA * arm[prev].x, grid),
                            svgai_primitive_snap (nodes[prev].y + SVGAI_KAPPA * arm[prev].y, grid) };
          SvgaiPoint c1 = { svgai_primitive_snap (nodes[k].x + SVGAI_KAPPA * arm[k].x, grid),
                            svgai_primitive_snap (nodes[k].y + SVGAI_KAPPA * arm[k].y, grid) };
          svgai_primitive_append (segs, SVGAI_SEGMENT_CURVE, c0, c1, nodes[k]);
        }
    }
}

gboolean
svgai_primitive_fit_rect (GArray *segs, guint start, const GArray *pts, const SvgaiCoverage *coverage,
                          double tolerance, double grid)
{
  double area = 0;
  RoundRect q;

  if (pts == NULL)
    return FALSE;
  area = svgai_primitive_signed_area (pts);
  /* Not even near a rectangle: no need to read the corners' ink. */
  if (!fit_round_rect (pts, fabs (area), &q) || !round_rect_fits (&q, pts, 2 * tolerance))
    return FALSE;
  /* The traced corners are rounded by anti-aliasing; the coverage knows
   * their radius better, if the outline agrees. */
  {
    RoundRect fitted = q;
    double r = coverage != NULL ? radius_from_coverage (&q, coverage) : -1;

    q.r = r >= 0 ? r : q.r;
    if (q.r < MIN_CORNER_RADIUS)
      q.r = 0;
    if (!round_rect_fits (&q, pts, tolerance))
      {
        q = fitted;
        if (r < 0 || q.r < MIN_CORNER_RADIUS || !round_rect_fits (&q, pts, tolerance))
          return FALSE;
      }
  }
  write_round_rect (segs, start, &q, area > 0 ? 1 : -1, grid);
  return TRUE;
}
