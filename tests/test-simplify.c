/* Straightening wiggles: waves become lines, arcs, corners and hairpins stay. */
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/simplify/wave-becomes-line", test_wave_becomes_line);
  g_test_add_func ("/simplify/arc-stays", test_arc_stays);
  g_test_add_func ("/simplify/corners-and-hairpins-stay", test_corners_and_hairpins_stay);
  g_test_add_func ("/simplify/start-and-zero", test_start_and_zero);
  return g_test_run ();
}
