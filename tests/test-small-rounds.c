/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Corners the artwork rounds by a pixel or two come back round, by about
 * that radius, and sharp corners stay sharp (svgai-refit-fillet.h, and
 * the square ends' pass, svgai-refit-ends.h). */
#include <math.h>
#include "test-cairo-image.h"

/* A T drawn as Vultr's letters are at 256 px: strokes 4.7 px wide whose
 * ends are square with corners rounded by 1.6 px, meeting in sharp
 * corners; none of it on the pixel grid. */
#define ROUND 1.6
static const double T_SHAPE[][3] = {   /* x, y, corner radius */
  { 10.3, 10.2, ROUND },  { 38.4, 10.2, ROUND },  { 38.4, 14.9, ROUND }, { 26.68, 14.9, 0 },
  { 26.68, 43.0, ROUND }, { 21.98, 43.0, ROUND }, { 21.98, 14.9, 0 },   { 10.3, 14.9, ROUND },
};
/* The same T with every corner sharp sits this far to the right. */
#define SHARP_SHIFT 34.0

/* Appends the closed polygon (x + dx, y) to cr's path, each corner
 * rounded by its radius (times `rounding`). */
static void
rounded_polygon (cairo_t *cr, double dx, double rounding)
{
  int n = G_N_ELEMENTS (T_SHAPE);

  cairo_new_sub_path (cr);
  for (int i = 0; i < n; i++)
    {
      const double *p = T_SHAPE[(i + n - 1) % n], *v = T_SHAPE[i], *q = T_SHAPE[(i + 1) % n];
      double r = v[2] * rounding, vx = v[0] + dx, vy = v[1];
      double l1 = hypot (p[0] - v[0], p[1] - v[1]), l2 = hypot (q[0] - v[0], q[1] - v[1]);
      double d1x = (p[0] - v[0]) / l1, d1y = (p[1] - v[1]) / l1, d2x = (q[0] - v[0]) / l2, d2y = (q[1] - v[1]) / l2;
      double half = acos (d1x * d2x + d1y * d2y) / 2, t, cx, cy, bx = d1x + d2x, by = d1y + d2y, bl;

      if (r == 0)
        {
          cairo_line_to (cr, vx, vy);
          continue;
        }
      t = r / tan (half);
      bl = hypot (bx, by);
      cx = vx + bx / bl * r / sin (half), cy = vy + by / bl * r / sin (half);
      /* Clockwise on screen (y down) is cairo_arc's way. */
      if (d1x * d2y - d1y * d2x < 0)
        cairo_arc (cr, cx, cy, r, atan2 (vy + d1y * t - cy, vx + d1x * t - cx), atan2 (vy + d2y * t - cy, vx + d2x * t - cx));
      else
        cairo_arc_negative (cr, cx, cy, r, atan2 (vy + d1y * t - cy, vx + d1x * t - cx),
                            atan2 (vy + d2y * t - cy, vx + d2x * t - cx));
    }
  cairo_close_path (cr);
}

static double
to_segment (SvgaiPoint p, SvgaiPoint a, SvgaiPoint b)
{
  double dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
  double t = l2 > 0 ? CLAMP (((p.x - a.x) * dx + (p.y - a.y) * dy) / l2, 0, 1) : 0;

  return hypot (a.x + t * dx - p.x, a.y + t * dy - p.y);
}

/* The distance from p to the traced outlines (curves flattened in 64
 * pieces). */
static double
distance_to_outline (const SvgaiVector *v, SvgaiPoint p)
{
  double nearest = G_MAXDOUBLE;

  for (guint l = 0; l < v->layers->len; l++)
    {
      const SvgaiLayer *layer = g_ptr_array_index (v->layers, l);
      const SvgaiSegment *seg = (const SvgaiSegment *) (gconstpointer) layer->segments->data;
      SvgaiPoint cur = { 0, 0 }, start = { 0, 0 };

      for (guint i = 0; i < layer->segments->len; i++)
        {
          SvgaiPoint end = seg[i].kind == SVGAI_SEGMENT_CLOSE ? start : seg[i].p[2];

          if (seg[i].kind == SVGAI_SEGMENT_CURVE)
            {
              SvgaiPoint prev = cur;
              for (int k = 1; k <= 64; k++)
                {
                  double t = k / 64.0, u = 1 - t;
                  SvgaiPoint q = {
                    u * u * u * cur.x + 3 * u * u * t * seg[i].p[0].x + 3 * u * t * t * seg[i].p[1].x + t * t * t * end.x,
                    u * u * u * cur.y + 3 * u * u * t * seg[i].p[0].y + 3 * u * t * t * seg[i].p[1].y + t * t * t * end.y
                  };
                  nearest = MIN (nearest, to_segment (p, prev, q));
                  prev = q;
                }
            }
          else if (seg[i].kind != SVGAI_SEGMENT_MOVE)
            nearest = MIN (nearest, to_segment (p, cur, end));
          if (seg[i].kind == SVGAI_SEGMENT_MOVE)
            start = end;
          cur = end;
        }
    }
  return nearest;
}

/* A round of radius r between two perpendicular sides passes r (√2 − 1)
 * from where the sides meet. Each rounded corner of the T comes back
 * within ROUND_SLACK of that (0.66 px), each sharp one within
 * SHARP_SLACK of its point: now 0.51–0.59 px, the points 0–0.1. Before
 * rounds were put back, the stem's foot came back nearly square (0.20
 * and 0.36 px) and the bar's ends as potrace's wider rounds (0.77–0.84
 * px): 0.46 px off at worst. */
#define ROUND_SLACK 0.2
#define SHARP_SLACK 0.15

static void
test_rounded_stroke_ends (void)
{
  cairo_t *cr = drawing_new (76, 52);
  g_autoptr(SvgaiImage) img = NULL;
  g_autoptr(SvgaiVector) v = NULL;
  double want = ROUND * (G_SQRT2 - 1), worst_round = 0, worst_sharp = 0;

  cairo_set_tolerance (cr, 0.001);
  cairo_set_source_rgb (cr, 0.08, 0.13, 0.29);
  rounded_polygon (cr, 0, 1);
  rounded_polygon (cr, SHARP_SHIFT, 0);
  cairo_fill (cr);
  img = drawing_finish (cr);
  v = trace_default (img);
  for (guint i = 0; i < G_N_ELEMENTS (T_SHAPE); i++)
    for (int sharp = 0; sharp <= 1; sharp++)
      {
        SvgaiPoint corner = { T_SHAPE[i][0] + sharp * SHARP_SHIFT, T_SHAPE[i][1] };
        gboolean round = !sharp && T_SHAPE[i][2] > 0;
        double d = distance_to_outline (v, corner);

        g_test_message ("%s corner (%.2f, %.2f): outline %.3f px from its point (want %.3f)",
                        round ? "rounded" : "sharp", corner.x, corner.y, d, round ? want : 0.0);
        if (round)
          worst_round = MAX (worst_round, fabs (d - want));
        else
          worst_sharp = MAX (worst_sharp, d);
      }
  g_test_message ("rounds within %.3f px of theirs, points within %.3f", worst_round, worst_sharp);
  g_assert_cmpfloat (worst_round, <=, ROUND_SLACK);
  g_assert_cmpfloat (worst_sharp, <=, SHARP_SLACK);
}

/* A stroke's curve that meets its straight cut in a corner, as in
 * Eventbrite's e at 256 px: a disc of radius 8 cut by a chord 4 px from
 * its centre (the corners turn 60°), tilted by 17°, and its twin
 * CURVE_SHIFT to the right with those corners rounded by 1.5 px. */
#define CURVE_R 8.0
#define CURVE_CUT 4.0
#define CURVE_TILT (17 * G_PI / 180)
#define CURVE_ROUND 1.5
#define CURVE_SHIFT 32.0
static const SvgaiPoint CURVE_CENTRE = { 16.37, 15.522 };

/* Appends the cut disc at dx, its corners rounded by r (0: sharp), in
 * the disc's frame (centre at the origin, the cut along y = CURVE_CUT). */
static void
cut_disc (cairo_t *cr, double dx, double r)
{
  double half = sqrt (CURVE_R * CURVE_R - CURVE_CUT * CURVE_CUT), xf, left, right;

  cairo_save (cr);
  cairo_translate (cr, CURVE_CENTRE.x + dx, CURVE_CENTRE.y);
  cairo_rotate (cr, CURVE_TILT);
  cairo_new_sub_path (cr);
  if (r == 0)
    cairo_arc (cr, 0, 0, CURVE_R, atan2 (CURVE_CUT, -half), atan2 (CURVE_CUT, half) + 2 * G_PI);
  else
    {
      /* Each round's centre lies r inside the cut and R − r from the disc's. */
      xf = sqrt ((CURVE_R - r) * (CURVE_R - r) - (CURVE_CUT - r) * (CURVE_CUT - r));
      left = atan2 (CURVE_CUT - r, -xf), right = atan2 (CURVE_CUT - r, xf);
      cairo_arc (cr, -xf, CURVE_CUT - r, r, G_PI / 2, left);
      cairo_arc (cr, 0, 0, CURVE_R, left, right + 2 * G_PI);
      cairo_arc (cr, xf, CURVE_CUT - r, r, right, G_PI / 2);
    }
  cairo_close_path (cr);
  cairo_restore (cr);
}

/* The sharp corners come back CURVE_SLACK off their points on average:
 * now 0.38 and 0.00 px; before kinks were read along a curved side
 * (svgai-refit-curved.h), the trace's round passed 0.39 and 0.36 px off.
 * The left one is still a round: no pass finds it (over tilts of 0–33°
 * and offsets of 0–0.37 px, most such corners come back 0.25–0.45 px
 * off, before and after). The rounded twin's corners stay rounds, no
 * nearer their would-be points than half of where the round passes
 * (0.26 px): potrace's rounds, wider, pass 0.45 and 0.39 px off. */
#define CURVE_SLACK 0.25

static void
test_curve_meets_line (void)
{
  cairo_t *cr = drawing_new (64, 32);
  g_autoptr(SvgaiImage) img = NULL;
  g_autoptr(SvgaiVector) v = NULL;
  double half = sqrt (CURVE_R * CURVE_R - CURVE_CUT * CURVE_CUT), sharp = 0, nearest_round = G_MAXDOUBLE;
  double xf = sqrt ((CURVE_R - CURVE_ROUND) * (CURVE_R - CURVE_ROUND) - (CURVE_CUT - CURVE_ROUND) * (CURVE_CUT - CURVE_ROUND));
  /* From the point to the round: to its centre, less its radius. */
  double want = hypot (half - xf, CURVE_ROUND) - CURVE_ROUND;

  cairo_set_tolerance (cr, 0.001);
  cairo_set_source_rgb (cr, 0.94, 0.33, 0.22);
  cut_disc (cr, 0, 0);
  cut_disc (cr, CURVE_SHIFT, CURVE_ROUND);
  cairo_fill (cr);
  img = drawing_finish (cr);
  v = trace_default (img);
  for (int side = -1; side <= 1; side += 2)
    for (int round = 0; round <= 1; round++)
      {
        double x = side * half, y = CURVE_CUT;
        SvgaiPoint apex = { CURVE_CENTRE.x + round * CURVE_SHIFT + x * cos (CURVE_TILT) - y * sin (CURVE_TILT),
                            CURVE_CENTRE.y + x * sin (CURVE_TILT) + y * cos (CURVE_TILT) };
        double d = distance_to_outline (v, apex);

        g_test_message ("%s corner (%.2f, %.2f): outline %.3f px from its point (the artwork's %.3f)",
                        round ? "rounded" : "sharp", apex.x, apex.y, d, round ? want : 0.0);
        if (round)
          nearest_round = MIN (nearest_round, d);
        else
          sharp += d / 2;
      }
  g_assert_cmpfloat (sharp, <=, CURVE_SLACK);
  g_assert_cmpfloat (nearest_round, >=, want / 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/small-rounds/rounded-stroke-ends", test_rounded_stroke_ends);
  g_test_add_func ("/small-rounds/curve-meets-line", test_curve_meets_line);
  return g_test_run ();
}
