/* Curves from geometry (svgai-refit.h): a wobbly traced circle comes back
 * as a few smooth curves on the circle, a square keeps its corners exact,
 * a corner the trace rounded is put back where the sides meet (when the
 * coverage says it is sharp), and an outline a colour above hides is
 * smoothed freely. */
#include <math.h>
#include "engine/svgai-refit.h"
#include "engine/svgai-coverage.h"
#include "engine/svgai-refit-private.h"

#define GRID 10

static void
add_line (GArray *segs, SvgaiSegmentKind kind, double x, double y)
{
  SvgaiSegment s = { kind, { { 0, 0 }, { 0, 0 }, { x, y } } };
  g_array_append_val (segs, s);
}

/* The largest turn, degrees, between one segment's end tangent and the
 * next one's start tangent, over the closed contour. */
static double
sharpest_joint_near (const GArray *segs, double x, double y, double within);

static double
sharpest_joint (const GArray *segs)
{
  return sharpest_joint_near (segs, 0, 0, G_MAXDOUBLE);
}

/* The same over the joints within `within` px of (x, y). */
static double
sharpest_joint_near (const GArray *segs, double x, double y, double within)
{
  const SvgaiSegment *s = (const SvgaiSegment *) (gconstpointer) segs->data;
  guint n = segs->len;
  double worst = 0;

  for (guint i = 1; i < n; i++)
    {
      guint j = i + 1 < n ? i + 1 : 1;
      SvgaiPoint from = s[i - 1].p[2], end = s[i].p[2], next_from = end;
      SvgaiPoint tin = s[i].kind == SVGAI_SEGMENT_CURVE ? s[i].p[1] : from;
      SvgaiPoint tout = s[j].kind == SVGAI_SEGMENT_CURVE ? s[j].p[0] : s[j].p[2];
      double a, b, t;

      if (hypot (end.x - x, end.y - y) > within)
        continue;
      if (i + 1 == n)
        next_from = s[0].p[2];
      a = atan2 (end.y - tin.y, end.x - tin.x);
      b = atan2 (tout.y - next_from.y, tout.x - next_from.x);
      t = fabs (remainder (b - a, 2 * G_PI)) * 180 / G_PI;
      worst = MAX (worst, t);
    }
  return worst;
}

/* A circle of radius 40 traced as 0.5 px lines whose radius wobbles by
 * 0.06 px with the pixel grid (what bilinear coverage does). */
static void
test_wobbly_circle (void)
{
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  g_autoptr(GArray) corners = g_array_new (FALSE, FALSE, sizeof (guint));
  const double cx = 64.3, cy = 60.7, r = 40;
  int steps = (int) (2 * G_PI * r / 0.5);
  double worst = 0;

  for (int k = 0; k <= steps; k++)
    {
      double a = 2 * G_PI * (k % steps) / steps, rr = r + 0.06 * sin (2 * G_PI * r * a);
      add_line (segs, k == 0 ? SVGAI_SEGMENT_MOVE : SVGAI_SEGMENT_LINE, cx + rr * cos (a), cy + rr * sin (a));
    }
  g_assert_true (svgai_refit_contour (segs, 0, corners, NULL, 0.1, GRID, NULL));
  g_test_message ("circle: %u segments, sharpest joint %.1f°", segs->len - 1, sharpest_joint (segs));
  g_assert_cmpuint (segs->len - 1, <=, 12);
  g_assert_cmpfloat (sharpest_joint (segs), <, 3);
  for (guint i = 1; i < segs->len; i++)
    for (int q = 0; q <= 8; q++)
      {
        const SvgaiSegment *s = &g_array_index (segs, SvgaiSegment, i);
        SvgaiPoint p = s->kind == SVGAI_SEGMENT_CURVE ? svgai_segment_at (g_array_index (segs, SvgaiSegment, i - 1).p[2], s, q / 8.0)
                                                      : s->p[2];
        worst = MAX (worst, fabs (hypot (p.x - cx, p.y - cy) - r));
      }
  g_test_message ("circle: radius off by up to %.3f px", worst);
  g_assert_cmpfloat (worst, <, 0.15);
}

/* A 30 px square, its sides wobbling by 0.05 px, starting mid-side (the
 * tracer starts contours at a side's middle, never at a corner). `flag`
 * marks the corners as the tracer's (corner_ends); `round_by` > 0 cuts
 * each corner that many px short instead, as a tight curve of the trace. */
static void
square (GArray *segs, GArray *corners, double round_by, gboolean flag)
{
  const double x0 = 20.2, y0 = 30.6, side = 30;
  const double tx[5] = { x0 + side, x0 + side, x0, x0, x0 + side / 2 };
  const double ty[5] = { y0, y0 + side, y0 + side, y0, y0 };
  double px = x0 + side / 2, py = y0;

  add_line (segs, SVGAI_SEGMENT_MOVE, px, py);
  for (int c = 0; c < 5; c++)
    {
      double dx = tx[c] - px, dy = ty[c] - py, len = hypot (dx, dy), nx = -dy / len, ny = dx / len;
      double skip_start = c > 0 ? round_by : 0, skip_end = c < 4 ? round_by : 0;
      int n = (int) (len * 2);

      for (int k = 1; k <= n; k++)
        {
          double t = (double) k / n, along = t * len, w = k < n ? 0.05 * sin (k * 1.3) : 0;

          if (along < skip_start || (round_by > 0 && along > len - skip_end && k < n))
            continue;
          if (round_by > 0 && k == n && c < 4)
            break;
          add_line (segs, SVGAI_SEGMENT_LINE, px + dx * t + nx * w, py + dy * t + ny * w);
        }
      if (c < 4 && round_by > 0)
        {
          /* The trace cuts the corner: from round_by before it to round_by after. */
          double ndx = tx[c + 1] - tx[c], ndy = ty[c + 1] - ty[c], nl = hypot (ndx, ndy);
          add_line (segs, SVGAI_SEGMENT_LINE, tx[c] - dx / len * round_by, ty[c] - dy / len * round_by);
          add_line (segs, SVGAI_SEGMENT_LINE, tx[c] + ndx / nl * round_by, ty[c] + ndy / nl * round_by);
        }
      else if (c < 4 && flag)
        {
          guint at = segs->len - 1;
          g_array_append_val (corners, at);
        }
      px = tx[c], py = ty[c];
    }
}

static gboolean
has_vertex (const GArray *segs, double x, double y, double within)
{
  for (guint i = 0; i < segs->len; i++)
    {
      SvgaiPoint p = g_array_index (segs, SvgaiSegment, i).p[2];
      if (hypot (p.x - x, p.y - y) <= within)
        return TRUE;
    }
  return FALSE;
}

static void
test_square_keeps_corners (void)
{
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  g_autoptr(GArray) corners = g_array_new (FALSE, FALSE, sizeof (guint));

  square (segs, corners, 0, TRUE);
  g_assert_cmpuint (corners->len, ==, 4);
  g_assert_true (svgai_refit_contour (segs, 0, corners, NULL, 0.1, GRID, NULL));
  g_assert_cmpuint (segs->len - 1, ==, 4);
  for (guint i = 1; i < segs->len; i++)
    g_assert_cmpint (g_array_index (segs, SvgaiSegment, i).kind, ==, SVGAI_SEGMENT_LINE);
  g_assert_true (has_vertex (segs, 50.2, 30.6, 0.06));
  g_assert_true (has_vertex (segs, 50.2, 60.6, 0.06));
  g_assert_true (has_vertex (segs, 20.2, 60.6, 0.06));
  g_assert_true (has_vertex (segs, 20.2, 30.6, 0.06));
}

/* The trace put each corner of the square a quarter pixel off, its sides
 * right: the corners come back where the sides meet. */
static void
test_corners_from_sides (void)
{
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  g_autoptr(GArray) corners = g_array_new (FALSE, FALSE, sizeof (guint));

  square (segs, corners, 0, TRUE);
  for (guint c = 0; c < corners->len; c++)
    {
      SvgaiSegment *s = &g_array_index (segs, SvgaiSegment, g_array_index (corners, guint, c));
      s->p[2].x += 0.12, s->p[2].y -= 0.1;
    }
  g_assert_true (svgai_refit_contour (segs, 0, corners, NULL, 0.1, GRID, NULL));
  g_assert_cmpuint (segs->len - 1, ==, 4);
  g_assert_true (has_vertex (segs, 50.2, 30.6, 0.06));
  g_assert_true (has_vertex (segs, 50.2, 60.6, 0.06));
  g_assert_true (has_vertex (segs, 20.2, 60.6, 0.06));
  g_assert_true (has_vertex (segs, 20.2, 30.6, 0.06));
}

/* The trace cut each corner 0.5 px short (potrace drew a tight curve
 * there, not a corner): the corners come back at the square's. */
static void
test_rounded_corners_restored (void)
{
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  g_autoptr(GArray) corners = g_array_new (FALSE, FALSE, sizeof (guint));

  square (segs, corners, 0.5, FALSE);
  g_assert_true (svgai_refit_contour (segs, 0, corners, NULL, 0.1, GRID, NULL));
  g_test_message ("rounded square: %u segments", segs->len - 1);
  g_assert_true (has_vertex (segs, 50.2, 30.6, 0.15));
  g_assert_true (has_vertex (segs, 50.2, 60.6, 0.15));
  g_assert_true (has_vertex (segs, 20.2, 60.6, 0.15));
  g_assert_true (has_vertex (segs, 20.2, 30.6, 0.15));
  g_assert_cmpuint (segs->len - 1, <=, 8);
}

/* Too small to refit: left as it was. */
static void
test_small_contour_untouched (void)
{
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  g_autoptr(GArray) corners = g_array_new (FALSE, FALSE, sizeof (guint));

  add_line (segs, SVGAI_SEGMENT_MOVE, 1, 1);
  add_line (segs, SVGAI_SEGMENT_LINE, 2, 1);
  add_line (segs, SVGAI_SEGMENT_LINE, 2, 2);
  add_line (segs, SVGAI_SEGMENT_LINE, 1, 1);
  g_assert_false (svgai_refit_contour (segs, 0, corners, NULL, 0.1, GRID, NULL));
  g_assert_cmpuint (segs->len, ==, 4);
}

/* A square whose right side a colour above covers (pixels x 46–59 of a
 * 70 px field) and which the trace drew as a staircase, 0.3 px deep every
 * 4 px: under the cover it may stray, so it comes back as one segment;
 * seen, it needs many. */
static guint
square_with_staircase (gboolean covered_right)
{
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  g_autoptr(GArray) corners = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint8 *field = g_new0 (guint8, 70 * 70);
  g_autofree guint8 *covered = g_new0 (guint8, 70 * 70);
  SvgaiCoverage coverage = { field, 70, 70, NULL, 0, covered_right ? covered : NULL };
  const double x0 = 20.5, y0 = 20.5, x1 = 50.5, y1 = 50.5;
  guint right = 0;

  for (int y = 0; y < 70; y++)
    for (int x = 46; x < 60; x++)
      covered[y * 70 + x] = 1;
  add_line (segs, SVGAI_SEGMENT_MOVE, 35.5, y0);
  add_line (segs, SVGAI_SEGMENT_LINE, x1, y0);
  g_array_append_val (corners, (guint) { segs->len - 1 });
  for (int k = 1; k <= 60; k++)
    add_line (segs, SVGAI_SEGMENT_LINE, x1 + (k % 8 < 4 ? 0.3 : 0) * (k < 60), y0 + k * 0.5);
  g_array_append_val (corners, (guint) { segs->len - 1 });
  add_line (segs, SVGAI_SEGMENT_LINE, x0, y1);
  g_array_append_val (corners, (guint) { segs->len - 1 });
  add_line (segs, SVGAI_SEGMENT_LINE, x0, y0);
  g_array_append_val (corners, (guint) { segs->len - 1 });
  add_line (segs, SVGAI_SEGMENT_LINE, 35.5, y0);
  g_assert_true (svgai_refit_contour (segs, 0, corners, &coverage, 0.1, GRID, NULL));
  for (guint i = 1; i < segs->len; i++)
    {
      SvgaiPoint from = g_array_index (segs, SvgaiSegment, i - 1).p[2], to = g_array_index (segs, SvgaiSegment, i).p[2];
      right += from.x > 50 && to.x > 50;
    }
  g_test_message ("staircase side %s: %u segments", covered_right ? "hidden" : "seen", right);
  return right;
}

static void
test_hidden_side_smooth (void)
{
  g_assert_cmpuint (square_with_staircase (TRUE), ==, 1);
  g_assert_cmpuint (square_with_staircase (FALSE), >=, 4);
}

/* The 90 × 80 coverage of the shape `inside` says, box-filtered: 8 × 8
 * point samples a pixel. */
static void
box_filter (guint8 *field, gboolean (*inside) (double x, double y, gboolean rounded), gboolean rounded)
{
  for (int y = 0; y < 80; y++)
    for (int x = 0; x < 90; x++)
      {
        int ink = 0;
        for (int j = 0; j < 8; j++)
          for (int i = 0; i < 8; i++)
            ink += inside (x + (i + 0.5) / 8, y + (j + 0.5) / 8, rounded);
        field[y * 90 + x] = (guint8) (ink * 255 / 64);
      }
}

/* A quadrilateral turning by 69° at V = (30, 30): along +x to (70, 30),
 * down to (70, 67.3), back to (15.7, 67.3) and up to V. Its coverage is
 * box-filtered (8×8 samples a pixel), with the corner at V sharp or
 * rounded to a radius of 3 px. */
#define CORNER_TURN 69.0
#define FILLET 3.0

static gboolean
inside_quad (double x, double y, gboolean rounded)
{
  double a = (180 - CORNER_TURN) * G_PI / 180;       /* inside angle */
  double ux = cos (a), uy = sin (a);                  /* side from V down-left */
  double tan_d = FILLET / tan (a / 2), cd = FILLET / sin (a / 2);
  double bx = cos (a / 2), by = sin (a / 2);          /* bisector */
  double px = x - 30, py = y - 30;

  if (y < 30 || y > 67.3 || x > 70 || px * uy - py * ux > 0)
    return FALSE;
  if (rounded && px < tan_d && px * ux + py * uy < tan_d)
    return hypot (px - cd * bx, py - cd * by) <= FILLET;
  return TRUE;
}

/* potrace drew the corner at V as its default smoothness does: a curve
 * from 3 px before V to 3 px after with both controls at V. Returns the
 * sharpest turn between segments near V, degrees. */
static double
corner_turn (gboolean rounded)
{
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  g_autoptr(GArray) corners = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint8 *field = g_new0 (guint8, 90 * 80);
  SvgaiCoverage coverage = { field, 90, 80, NULL, 0, NULL };
  double a = (180 - CORNER_TURN) * G_PI / 180, ux = cos (a), uy = sin (a), turn;
  double x3 = 30 + 37.3 / uy * ux;
  SvgaiSegment curve = { SVGAI_SEGMENT_CURVE, { { 30, 30 }, { 30, 30 }, { 33, 30 } } };

  box_filter (field, inside_quad, rounded);
  add_line (segs, SVGAI_SEGMENT_MOVE, 50, 30);
  add_line (segs, SVGAI_SEGMENT_LINE, 70, 30);
  g_array_append_val (corners, (guint) { segs->len - 1 });
  add_line (segs, SVGAI_SEGMENT_LINE, 70, 67.3);
  g_array_append_val (corners, (guint) { segs->len - 1 });
  add_line (segs, SVGAI_SEGMENT_LINE, x3, 67.3);
  g_array_append_val (corners, (guint) { segs->len - 1 });
  add_line (segs, SVGAI_SEGMENT_LINE, 30 + 3 * ux, 30 + 3 * uy);
  g_array_append_val (segs, curve);
  add_line (segs, SVGAI_SEGMENT_LINE, 50, 30);
  g_assert_true (svgai_refit_contour (segs, 0, corners, &coverage, 0.1, GRID, NULL));
  g_assert_true (has_vertex (segs, 30, 30, 0.2) == !rounded);
  turn = sharpest_joint_near (segs, 30, 30, 2);
  g_test_message ("%s corner: turns by %.1f° near it", rounded ? "rounded" : "sharp", turn);
  return turn;
}

/* Samples of y = 10 sin (x / 8), 0 ≤ x ≤ 100, every 0.25 px: more
 * inflections than one cubic has, so the fit splits it. */
static GArray *
fit_wave (double tolerance, double *worst, guint *mirrored, guint *plain)
{
  const int n = 400;
  g_autofree P *d = g_new (P, n + 1);
  g_autofree double *u = g_new (double, n + 1);
  g_autofree double *dist = g_new (double, n + 1);
  Fitter f = { g_array_new (FALSE, FALSE, sizeof (SvgaiSegment)), tolerance, u, dist, GRID, NULL,
               g_array_new (FALSE, FALSE, sizeof (SvgaiSegment)) };
  P from = { 0, 0 };

  for (int i = 0; i <= n; i++)
    {
      d[i] = (P) { i * 0.25, 10 * sin (i * 0.25 / 8) };
      dist[i] = -1;
    }
  svgai_refit_fit_cubic (&f, d, 0, n, unit ((P) { 1, 10.0 / 8 }), unit ((P) { -1, -10.0 / 8 * cos (200 * 0.25 / 8) }));
  *plain = f.out->len;
  g_array_unref (f.out);
  *worst = 0;
  *mirrored = 0;
  for (guint k = 0; k < f.compact->len; k++)
    {
      const SvgaiSegment *s = &g_array_index (f.compact, SvgaiSegment, k);

      if (k > 0 && s->kind == SVGAI_SEGMENT_CURVE && g_array_index (f.compact, SvgaiSegment, k - 1).kind == SVGAI_SEGMENT_CURVE)
        {
          const SvgaiSegment *prev = &g_array_index (f.compact, SvgaiSegment, k - 1);
          *mirrored += fabs (s->p[0].x - (2 * prev->p[2].x - prev->p[1].x)) < 1e-9 &&
                       fabs (s->p[0].y - (2 * prev->p[2].y - prev->p[1].y)) < 1e-9;
        }
      for (int q = 0; q <= 16 && s->kind == SVGAI_SEGMENT_CURVE; q++)
        {
          P p = svgai_segment_at (from, s, q / 16.0);
          double near = G_MAXDOUBLE;

          for (int i = 1; i <= n; i++)
            {
              P v = { d[i].x - d[i - 1].x, d[i].y - d[i - 1].y }, w = { p.x - d[i - 1].x, p.y - d[i - 1].y };
              double t = CLAMP ((w.x * v.x + w.y * v.y) / (v.x * v.x + v.y * v.y), 0, 1);

              near = MIN (near, hypot (w.x - t * v.x, w.y - t * v.y));
            }
          *worst = MAX (*worst, near);
        }
      from = s->p[2];
    }
  return f.compact;
}

/* The compact fit joins neighbours the splits left apart where one cubic
 * fits them, and gives a cubic following another a first arm mirroring
 * the other's last (written "s") where that fits as well: fewer, shorter
 * segments within the same tolerance. Without the joins it has as many
 * segments as the plain fit (13); without the mirrors, no mirrored arm. */
static void
test_fit_joins_and_mirrors (void)
{
  double worst;
  guint mirrored, plain;
  g_autoptr(GArray) out = fit_wave (0.1, &worst, &mirrored, &plain);

  g_test_message ("wave: %u segments (%u plain), %u mirrored joints, off by up to %.3f px", out->len, plain, mirrored,
                  worst);
  g_assert_cmpfloat (worst, <, 0.1 + 0.5 / GRID);
  g_assert_cmpuint (plain, ==, 13);
  g_assert_cmpuint (out->len, <=, 9);
  g_assert_cmpuint (mirrored, >=, 1);
}

static void
test_wide_rounded_corner (void)
{
  g_assert_cmpfloat (corner_turn (FALSE), >, CORNER_TURN - 5);
  g_assert_cmpfloat (corner_turn (TRUE), <, 10);
}

/* A kink of 30° at V = (30, 30) between two straight sides: along +x to
 * (70, 30), down to (70, 45), back to (4, 45) and up to V, its coverage
 * box-filtered, the kink sharp or rounded to a radius of KINK_FILLET px
 * (a smooth curve of the artwork, 0.35 px inside V). */
#define KINK_TURN 40.0
#define KINK_FILLET 5.0
#define KINK_ROUNDED 4.0

static gboolean
inside_kink (double x, double y, gboolean rounded)
{
  double a = (180 - KINK_TURN) * G_PI / 180;         /* inside angle */
  double ux = cos (a), uy = sin (a);                  /* side from V down-left */
  double tan_d = KINK_FILLET / tan (a / 2), cd = KINK_FILLET / sin (a / 2);
  double bx = cos (a / 2), by = sin (a / 2);
  double px = x - 30, py = y - 30;

  if (y < 30 || y > 45 || x > 70 || px * uy - py * ux < 0)
    return FALSE;
  if (rounded && px < tan_d && px * ux + py * uy < tan_d)
    return hypot (px - cd * bx, py - cd * by) <= KINK_FILLET;
  return TRUE;
}

/* potrace rounded the kink (a curve from KINK_ROUNDED px before V to as
 * far after it, both controls at V): the sharpest turn near V after the
 * refit, degrees. */
static double
kink_turn (gboolean rounded)
{
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  g_autoptr(GArray) corners = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint8 *field = g_new0 (guint8, 90 * 80);
  SvgaiCoverage coverage = { field, 90, 80, NULL, 0, NULL };
  double a = (180 - KINK_TURN) * G_PI / 180, ux = cos (a), uy = sin (a), turn;
  SvgaiSegment curve = { SVGAI_SEGMENT_CURVE, { { 30, 30 }, { 30, 30 }, { 30 + KINK_ROUNDED, 30 } } };

  box_filter (field, inside_kink, rounded);
  add_line (segs, SVGAI_SEGMENT_MOVE, 50, 30);
  add_line (segs, SVGAI_SEGMENT_LINE, 70, 30);
  g_array_append_val (corners, (guint) { segs->len - 1 });
  add_line (segs, SVGAI_SEGMENT_LINE, 70, 45);
  g_array_append_val (corners, (guint) { segs->len - 1 });
  add_line (segs, SVGAI_SEGMENT_LINE, 30 + 15 / uy * ux, 45);
  g_array_append_val (corners, (guint) { segs->len - 1 });
  add_line (segs, SVGAI_SEGMENT_LINE, 30 + KINK_ROUNDED * ux, 30 + KINK_ROUNDED * uy);
  g_array_append_val (segs, curve);
  add_line (segs, SVGAI_SEGMENT_LINE, 50, 30);
  g_assert_true (svgai_refit_contour (segs, 0, corners, &coverage, 0.1, GRID, NULL));
  turn = sharpest_joint_near (segs, 30, 30, 1);
  g_test_message ("%s kink: %s, turns by %.1f° near it", rounded ? "rounded" : "sharp",
                  has_vertex (segs, 30, 30, 0.25) ? "a vertex at V" : "no vertex at V", turn);
  return turn;
}

/* A kink too obtuse for the rounded-corner passes (30°) comes back where
 * the coverage shows it sharp, and a curve as tight whose pixels show it
 * round stays smooth. */
static void
test_obtuse_kink_from_pixels (void)
{
  g_assert_cmpfloat (kink_turn (FALSE), >, KINK_TURN - 8);
  g_assert_cmpfloat (kink_turn (TRUE), <, 8);
}

/* The radius of each sample of q[0..n) about (cx, cy): its mean and its
 * largest departure from the mean. */
static void
radii (const P *q, int n, double cx, double cy, double *mean, double *spread)
{
  double sum = 0;

  *spread = 0;
  for (int i = 0; i < n; i++)
    sum += hypot (q[i].x - cx, q[i].y - cy);
  *mean = sum / n;
  for (int i = 0; i < n; i++)
    *spread = MAX (*spread, fabs (hypot (q[i].x - cx, q[i].y - cy) - *mean));
}

/* Samples 0.25 px apart round a circle of radius r, its radius wobbling
 * by `wobble` px with a period of 2 px (what potrace's polygon and the
 * coverage leave), smoothed as the refit smooths a side. */
static void
smoothed_circle (double r, double wobble, double *mean, double *spread)
{
  int n = (int) lround (2 * G_PI * r / 0.25);
  g_autofree P *q = g_new (P, n + 1), *tmp = g_new (P, n + 1);

  for (int i = 0; i <= n; i++)
    {
      double t = 2 * G_PI * i / n, along = r * t, rr = r + wobble * sin (2 * G_PI * along / 2.0);

      q[i] = (P) { 50 + rr * cos (t), 50 + rr * sin (t) };
    }
  q[n] = q[0];
  svgai_refit_smooth (q, 0, n, TRUE, tmp, 1.0);
  svgai_refit_smooth_gentle (q, 0, n, TRUE, tmp, 0.25);
  radii (q, n, 50, 50, mean, spread);
}

/* Where the outline is gentle the wobble goes (a long shallow arc was a
 * chain of short curves and lines, faceted at 800 %: the narrow window
 * alone leaves 0.073 of this 0.1 px wobble); where it is tight
 * the window stays narrow; and neither shrinks (twicing takes back the
 * Gaussian's pull towards the centre: letters' bowls kept their size). */
static void
test_gentle_smoothing (void)
{
  double mean, spread;

  smoothed_circle (60, 0.1, &mean, &spread);
  g_test_message ("r 60: mean %.4f, wobble left %.4f", mean, spread);
  g_assert_cmpfloat (spread, <, 0.04);
  g_assert_cmpfloat (fabs (mean - 60), <, 0.01);
  smoothed_circle (2, 0, &mean, &spread);
  g_test_message ("r 2: mean %.4f", mean);
  g_assert_cmpfloat (fabs (mean - 2), <, 0.03);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/refit/wobbly-circle", test_wobbly_circle);
  g_test_add_func ("/refit/square-keeps-corners", test_square_keeps_corners);
  g_test_add_func ("/refit/corners-from-sides", test_corners_from_sides);
  g_test_add_func ("/refit/rounded-corners-restored", test_rounded_corners_restored);
  g_test_add_func ("/refit/small-contour-untouched", test_small_contour_untouched);
  g_test_add_func ("/refit/hidden-side-smooth", test_hidden_side_smooth);
  g_test_add_func ("/refit/wide-rounded-corner", test_wide_rounded_corner);
  g_test_add_func ("/refit/fit-joins-and-mirrors", test_fit_joins_and_mirrors);
  g_test_add_func ("/refit/obtuse-kink-from-pixels", test_obtuse_kink_from_pixels);
  g_test_add_func ("/refit/gentle-smoothing", test_gentle_smoothing);
  return g_test_run ();
}
