/* Straightening wiggles: waves and zigzags become lines, arcs, corners and hairpins stay. */
#include <math.h>
#include "engine/svgai-simplify.h"

static void
add (GArray *segs, SvgaiSegmentKind kind, double x, double y)
{
  SvgaiSegment s = { kind, { { 0, 0 }, { 0, 0 }, { x, y } } };
  g_array_append_val (segs, s);
}

static void
add_curve (GArray *segs, double x1, double y1, double x2, double y2, double x, double y)
{
  SvgaiSegment s = { SVGAI_SEGMENT_CURVE, { { x1, y1 }, { x2, y2 }, { x, y } } };
  g_array_append_val (segs, s);
}

static guint
count (GArray *segs, SvgaiSegmentKind kind)
{
  guint n = 0;

  for (guint i = 0; i < segs->len; i++)
    n += g_array_index (segs, SvgaiSegment, i).kind == kind;
  return n;
}

/* A diagonal from (0,0) to (40,20) made of eight short curves that bend
 * alternately 0.08 px either side of it: one line. */
static void
test_wave_becomes_line (void)
{
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  double nx = -20 / hypot (40, 20), ny = 40 / hypot (40, 20);

  add (segs, SVGAI_SEGMENT_MOVE, 0, 0);
  for (int k = 0; k < 8; k++)
    {
      double x0 = 5 * k, y0 = 2.5 * k, s = (k % 2 ? 1 : -1) * 0.1;
      add_curve (segs, x0 + 5.0 / 3 + s * nx, y0 + 2.5 / 3 + s * ny,
                 x0 + 10.0 / 3 + s * nx, y0 + 5.0 / 3 + s * ny, x0 + 5, y0 + 2.5);
    }
  g_assert_cmpuint (svgai_simplify_contour (segs, 0, 0.15), ==, 7);
  g_assert_cmpuint (segs->len, ==, 2);
  g_assert_cmpint (g_array_index (segs, SvgaiSegment, 1).kind, ==, SVGAI_SEGMENT_LINE);
  g_assert_cmpfloat (g_array_index (segs, SvgaiSegment, 1).p[2].x, ==, 40);
  g_assert_cmpfloat (g_array_index (segs, SvgaiSegment, 1).p[2].y, ==, 20);
}

/* A quarter of a circle of radius 100 in 16 curves bends one way only:
 * within 0.15 px of its chords over short runs, but an arc, so it stays. */
static void
test_arc_stays (void)
{
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  const int n = 16;
  double da = M_PI / 2 / n, k = 4.0 / 3 * tan (da / 4) * 100;

  add (segs, SVGAI_SEGMENT_MOVE, 100, 0);
  for (int i = 0; i < n; i++)
    {
      double a0 = i * da, a1 = a0 + da;
      add_curve (segs, 100 * cos (a0) - k * sin (a0), 100 * sin (a0) + k * cos (a0),
                 100 * cos (a1) + k * sin (a1), 100 * sin (a1) - k * cos (a1),
                 100 * cos (a1), 100 * sin (a1));
    }
  g_assert_cmpuint (svgai_simplify_contour (segs, 0, 0.15), ==, 0);
  g_assert_cmpuint (count (segs, SVGAI_SEGMENT_CURVE), ==, (guint) n);
}

/* A square's corners and a 0.1 px wide hairpin are not lines. */
static void
test_corners_and_hairpins_stay (void)
{
  g_autoptr(GArray) square = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  g_autoptr(GArray) pin = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));

  add (square, SVGAI_SEGMENT_MOVE, 0, 0);
  add (square, SVGAI_SEGMENT_LINE, 10, 0);
  add (square, SVGAI_SEGMENT_LINE, 10, 10);
  add (square, SVGAI_SEGMENT_LINE, 0, 10);
  add (square, SVGAI_SEGMENT_LINE, 0, 0);
  g_assert_cmpuint (svgai_simplify_contour (square, 0, 0.3), ==, 0);

  /* out to x = 10 and back 0.1 px lower: the tip must survive */
  add (pin, SVGAI_SEGMENT_MOVE, 0, 0);
  add (pin, SVGAI_SEGMENT_LINE, 5, 0);
  add (pin, SVGAI_SEGMENT_LINE, 10, 0);
  add (pin, SVGAI_SEGMENT_LINE, 5, 0.1);
  add (pin, SVGAI_SEGMENT_LINE, 0, 0.1);
  svgai_simplify_contour (pin, 0, 0.3);
  {
    double reach = 0;

    for (guint i = 0; i < pin->len; i++)
      reach = MAX (reach, g_array_index (pin, SvgaiSegment, i).p[2].x);
    g_assert_cmpfloat (reach, ==, 10);
    g_assert_cmpuint (pin->len, ==, 3);   /* each side straightened, not folded */
  }
}

/* Stepsize's lower facet: a straight edge 41 px long that the tracing
 * gave as seven lines whose corners sit 0.11-0.3 px either side of it.
 * Under SVGAI_SIMPLIFY_ZIGZAG it is one line; the same corners 0.45 px
 * off (a shape's own, seen at 1x), or 0.3 px off all on one side (a
 * shallow bend), stay. */
static void
test_zigzag_becomes_line (void)
{
  const double run[7][2] = { { 1.6, -4.3 }, { 2.5, -9 }, { 1.6, -3.9 }, { 1.4, -5.4 },
                             { 2.2, -6.5 }, { 1.1, -3.9 }, { 2.3, -6.1 } };
  const double scale[3] = { 1.0, 1.5, -1.0 };   /* -1: folded to one side */

  for (int t = 0; t < 3; t++)
    {
      g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
      double x = 46.1, y = 218.6, ex = 46.1, ey = 218.6, len, ux, uy;

      for (int k = 0; k < 7; k++)
        ex += run[k][0], ey += run[k][1];
      len = hypot (ex - x, ey - y), ux = (ex - x) / len, uy = (ey - y) / len;
      add (segs, SVGAI_SEGMENT_MOVE, x, y);
      for (int k = 0; k < 7; k++)
        {
          double px, py, d, along;

          x += run[k][0], y += run[k][1];
          /* the corner's offset from the chord, scaled (or folded) */
          d = ux * (y - 218.6) - uy * (x - 46.1);
          along = ux * (x - 46.1) + uy * (y - 218.6);
          d = scale[t] < 0 ? fabs (d) : d * scale[t];
          px = 46.1 + along * ux - d * uy, py = 218.6 + along * uy + d * ux;
          add (segs, SVGAI_SEGMENT_LINE, px, py);
        }
      svgai_simplify_contour (segs, 0, 0.15);
      g_test_message ("corners x%.1f: %u segments left", scale[t], segs->len - 1);
      if (t == 0)
        g_assert_cmpuint (segs->len, ==, 2);
      else
        g_assert_cmpuint (segs->len, >, 2);
    }
}

/* A 40 x 20 box whose top side zigzags 0.25 px either side in six lines:
 * the top becomes one line and the box keeps its four corners exactly. */
static void
test_zigzag_keeps_corners (void)
{
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  const double corners[4][2] = { { 40, 0 }, { 40, 20 }, { 0, 20 }, { 0, 0 } };

  add (segs, SVGAI_SEGMENT_MOVE, 0, 0);
  for (int k = 1; k < 6; k++)
    add (segs, SVGAI_SEGMENT_LINE, 40.0 * k / 6, k % 2 ? 0.25 : -0.25);
  for (int k = 0; k < 4; k++)
    add (segs, SVGAI_SEGMENT_LINE, corners[k][0], corners[k][1]);
  svgai_simplify_contour (segs, 0, 0.15);
  g_assert_cmpuint (segs->len, ==, 5);
  for (int k = 0; k < 4; k++)
    {
      g_assert_cmpfloat (g_array_index (segs, SvgaiSegment, k + 1).p[2].x, ==, corners[k][0]);
      g_assert_cmpfloat (g_array_index (segs, SvgaiSegment, k + 1).p[2].y, ==, corners[k][1]);
    }
}

/* Only the contour from `start` is touched, and epsilon 0 changes nothing. */
static void
test_start_and_zero (void)
{
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));

  add (segs, SVGAI_SEGMENT_MOVE, 0, 0);
  add (segs, SVGAI_SEGMENT_LINE, 5, 0.01);
  add (segs, SVGAI_SEGMENT_LINE, 10, 0);
  add (segs, SVGAI_SEGMENT_CLOSE, 0, 0);
  add (segs, SVGAI_SEGMENT_MOVE, 0, 5);
  add (segs, SVGAI_SEGMENT_LINE, 5, 5.01);
  add (segs, SVGAI_SEGMENT_LINE, 10, 5);
  g_assert_cmpuint (svgai_simplify_contour (segs, 4, 0), ==, 0);
  g_assert_cmpuint (svgai_simplify_contour (segs, 4, 0.1), ==, 1);
  g_assert_cmpuint (segs->len, ==, 6);
  g_assert_cmpfloat (g_array_index (segs, SvgaiSegment, 1).p[2].x, ==, 5);
  g_assert_cmpfloat (g_array_index (segs, SvgaiSegment, 5).p[2].x, ==, 10);
}

/* How far apart two curves from a are, sampled. */
static double
curve_distance (SvgaiPoint a, const SvgaiSegment *s, const SvgaiSegment *t)
{
  double worst = 0;

  for (int k = 0; k <= 32; k++)
    {
      SvgaiPoint p = svgai_segment_at (a, s, k / 32.0), q = svgai_segment_at (a, t, k / 32.0);
      worst = MAX (worst, hypot (p.x - q.x, p.y - q.y));
    }
  return worst;
}

/* Control points move for shorter numbers within the bounds: a near
 * quadratic becomes one, a near mirror becomes exact, a control 0.1 px
 * off a whole offset goes to it; end points never move, and a move that
 * would shift the curve more than the deviation is refused. */
static void
test_snap (void)
{
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  g_autoptr(GArray) before = NULL;
  const SvgaiSegment *q, *m, *r, *big;

  /* Coordinates on a 0.01 px grid (an image under 64 px). */
  add (segs, SVGAI_SEGMENT_MOVE, 10, 10);
  /* A quadratic about (20, 0) but for 0.03 px at its second control point. */
  add_curve (segs, 10 + 20.0 / 3, 10 - 20.0 / 3, 30 - 20.0 / 3 + 0.03, 10 - 20.0 / 3, 30, 10);
  add (segs, SVGAI_SEGMENT_LINE, 30, 20);
  add_curve (segs, 30, 27.13, 35, 30, 40, 30);  /* offset 7.13 → 7.1 */
  add_curve (segs, 45.05, 30, 48, 25, 50, 20);  /* 0.05 px off the mirror (45, 30) */
  add_curve (segs, 50.5, 10, 51.4, 0, 60, 0);   /* 0.4 off whole offsets: stays */
  before = g_array_copy (segs);
  svgai_simplify_snap (segs, 0, 0.1, 100);

  /* The quadratic: both arms, extended by half, meet at one grid point. */
  q = &g_array_index (segs, SvgaiSegment, 1);
  g_assert_cmpfloat_with_epsilon (10 + 1.5 * (q->p[0].x - 10), 30 + 1.5 * (q->p[1].x - 30), 1e-9);
  g_assert_cmpfloat_with_epsilon (10 + 1.5 * (q->p[0].y - 10), 10 + 1.5 * (q->p[1].y - 10), 1e-9);
  g_assert_cmpfloat_with_epsilon (10 + 1.5 * (q->p[0].x - 10), round (100 * (10 + 1.5 * (q->p[0].x - 10))) / 100, 1e-9);
  r = &g_array_index (segs, SvgaiSegment, 3);
  g_assert_cmpfloat_with_epsilon (r->p[0].y, 27.1, 1e-9);
  m = &g_array_index (segs, SvgaiSegment, 4);
  g_assert_cmpfloat_with_epsilon (m->p[0].x, 45, 1e-9);
  g_assert_cmpfloat_with_epsilon (m->p[0].y, 30, 1e-9);
  big = &g_array_index (segs, SvgaiSegment, 5);
  g_assert_cmpfloat (big->p[0].x, ==, 50.5);
  g_assert_cmpfloat (big->p[1].x, ==, 51.4);
  for (guint i = 1; i < segs->len; i++)
    {
      const SvgaiSegment *a = &g_array_index (segs, SvgaiSegment, i), *b = &g_array_index (before, SvgaiSegment, i);

      g_assert_cmpfloat (a->p[2].x, ==, b->p[2].x);
      g_assert_cmpfloat (a->p[2].y, ==, b->p[2].y);
      if (a->kind == SVGAI_SEGMENT_CURVE)
        g_assert_cmpfloat (curve_distance (g_array_index (segs, SvgaiSegment, i - 1).p[2], a, b), <=,
                           SVGAI_SIMPLIFY_SNAP_DEVIATION + 1e-9);
    }
  /* On the 0.1 px grid, a lone 0.1 px move (0.044 px of curve) is too much. */
  {
    g_autoptr(GArray) coarse = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));

    add (coarse, SVGAI_SEGMENT_MOVE, 30, 20);
    add_curve (coarse, 30, 27.1, 35, 30, 40, 30);
    svgai_simplify_snap (coarse, 0, 0.1, 10);
    g_assert_cmpfloat (g_array_index (coarse, SvgaiSegment, 1).p[0].y, ==, 27.1);
  }
}

/* Two lines meeting 0.08 px off their chord are one line; a true corner,
 * a curve as flat and a level side that would tilt stay. */
static void
test_nearly_collinear_lines (void)
{
  g_autoptr(GArray) bent = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  g_autoptr(GArray) corner = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  g_autoptr(GArray) level = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));

  add (bent, SVGAI_SEGMENT_MOVE, 0, 0);
  add (bent, SVGAI_SEGMENT_LINE, 40, 30.1);   /* 0.08 px off the chord to (50, 37.5) */
  add (bent, SVGAI_SEGMENT_LINE, 50, 37.5);
  g_assert_cmpuint (svgai_simplify_contour (bent, 0, 0.15), ==, 1);
  g_assert_cmpuint (bent->len, ==, 2);
  g_assert_cmpfloat (g_array_index (bent, SvgaiSegment, 1).p[2].x, ==, 50);

  add (corner, SVGAI_SEGMENT_MOVE, 0, 0);
  add (corner, SVGAI_SEGMENT_LINE, 2, 0.3);   /* 0.25 px off: a corner */
  add (corner, SVGAI_SEGMENT_LINE, 4, 0);
  g_assert_cmpuint (svgai_simplify_contour (corner, 0, 0.3), ==, 0);

  /* A curve bulging 0.06 px stays one: only lines merge that far off. */
  {
    g_autoptr(GArray) curve = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));

    add (curve, SVGAI_SEGMENT_MOVE, 0, 0);
    add_curve (curve, 3.5, 0.08, 7, 0.08, 10.5, 0);   /* 3/4 of 0.08 off at the middle */
    svgai_simplify_contour (curve, 0, 0.3);
    g_assert_cmpint (g_array_index (curve, SvgaiSegment, 1).kind, ==, SVGAI_SEGMENT_CURVE);
  }

  add (level, SVGAI_SEGMENT_MOVE, 0, 0);
  add (level, SVGAI_SEGMENT_LINE, 0, 140);
  add (level, SVGAI_SEGMENT_LINE, 0.1, 143);  /* merged, the side would lean */
  g_assert_cmpuint (svgai_simplify_contour (level, 0, 0.15), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/simplify/wave-becomes-line", test_wave_becomes_line);
  g_test_add_func ("/simplify/arc-stays", test_arc_stays);
  g_test_add_func ("/simplify/corners-and-hairpins-stay", test_corners_and_hairpins_stay);
  g_test_add_func ("/simplify/start-and-zero", test_start_and_zero);
  g_test_add_func ("/simplify/nearly-collinear-lines", test_nearly_collinear_lines);
  g_test_add_func ("/simplify/zigzag-becomes-line", test_zigzag_becomes_line);
  g_test_add_func ("/simplify/zigzag-keeps-corners", test_zigzag_keeps_corners);
  g_test_add_func ("/simplify/snap", test_snap);
  return g_test_run ();
}
