/* test-raster.c: the engine's scan converter (svgai-raster.c) against
 * brute force: coverage by 64 × 64 point samples a pixel, and the nonzero
 * winding number at each pixel centre. */

#include <math.h>

#include "engine/svgai-raster.h"
#include "engine/svgai-vector.h"

#define W 24
#define H 20
#define GRID 64

typedef struct {
  SvgaiSegment segs[64];
  guint n;
} Shape;

static void
add (Shape *s, SvgaiSegmentKind kind, double x0, double y0, double x1, double y1, double x2, double y2)
{
  g_assert_cmpuint (s->n, <, G_N_ELEMENTS (s->segs));
  s->segs[s->n++] = (SvgaiSegment) { kind, { { x0, y0 }, { x1, y1 }, { x2, y2 } } };
}

/* A simple polygon of n random vertices around (cx, cy), r_min to 1 times
 * r from it (star-shaped: concave or convex, never crossing itself), wound
 * one way or the other, reaching past the image's sides now and then. */
static void
add_random_polygon (Shape *s, GRand *rand, int n, double cx, double cy, double r, double r_min, gboolean clockwise)
{
  for (int i = 0; i < n; i++)
    {
      double a = (clockwise ? 1 : -1) * 2 * G_PI * (i + g_rand_double_range (rand, 0, 0.8)) / n;
      double d = r * g_rand_double_range (rand, r_min, 1);

      add (s, i == 0 ? SVGAI_SEGMENT_MOVE : SVGAI_SEGMENT_LINE, 0, 0, 0, 0, cx + d * cos (a), cy + d * sin (a));
    }
  add (s, SVGAI_SEGMENT_CLOSE, 0, 0, 0, 0, 0, 0);
}

/* A circle of four quarter Béziers, clockwise or not. */
static void
add_circle (Shape *s, double cx, double cy, double r, gboolean clockwise)
{
  double k = SVGAI_KAPPA * r, d = clockwise ? 1 : -1;

  add (s, SVGAI_SEGMENT_MOVE, 0, 0, 0, 0, cx + r, cy);
  add (s, SVGAI_SEGMENT_CURVE, cx + r, cy + d * k, cx + k, cy + d * r, cx, cy + d * r);
  add (s, SVGAI_SEGMENT_CURVE, cx - k, cy + d * r, cx - r, cy + d * k, cx - r, cy);
  add (s, SVGAI_SEGMENT_CURVE, cx - r, cy - d * k, cx - k, cy - d * r, cx, cy - d * r);
  add (s, SVGAI_SEGMENT_CURVE, cx + k, cy - d * r, cx + r, cy - d * k, cx + r, cy);
  add (s, SVGAI_SEGMENT_CLOSE, 0, 0, 0, 0, 0, 0);
}

/* The shape as a polygon (curves cut into 256 chords each), for the
 * brute-force winding number. */
static GArray *
outline_points (const Shape *s, GArray **starts)
{
  GArray *pts = g_array_new (FALSE, FALSE, sizeof (SvgaiPoint));
  SvgaiPoint at = { 0, 0 };

  *starts = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < s->n; i++)
    {
      const SvgaiSegment *g = &s->segs[i];

      if (g->kind == SVGAI_SEGMENT_MOVE)
        {
          guint start = pts->len;

          g_array_append_val (*starts, start);
          g_array_append_val (pts, g->p[2]);
        }
      else if (g->kind == SVGAI_SEGMENT_LINE)
        g_array_append_val (pts, g->p[2]);
      else if (g->kind == SVGAI_SEGMENT_CURVE)
        for (int k = 1; k <= 256; k++)
          {
            SvgaiPoint p = svgai_segment_at (at, g, k / 256.0);

            g_array_append_val (pts, p);
          }
      if (g->kind != SVGAI_SEGMENT_CLOSE)
        at = g->p[2];
    }
  return pts;
}

static int
winding_at (GArray *pts, GArray *starts, double x, double y)
{
  int w = 0;

  for (guint c = 0; c < starts->len; c++)
    {
      guint from = g_array_index (starts, guint, c);
      guint to = c + 1 < starts->len ? g_array_index (starts, guint, c + 1) : pts->len;

      for (guint i = from; i < to; i++)
        {
          SvgaiPoint a = g_array_index (pts, SvgaiPoint, i);
          SvgaiPoint b = g_array_index (pts, SvgaiPoint, i + 1 < to ? i + 1 : from);

          if ((a.y <= y) != (b.y <= y))
            {
              double xc = a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y);

              if (xc > x)
                w += b.y > a.y ? 1 : -1;
            }
        }
    }
  return w;
}

static void
store_row (int y, const float *cover, int x_from, int x_to, gpointer data)
{
  float *out = data;

  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (y, <, H);
  g_assert_cmpint (x_from, >=, 0);
  g_assert_cmpint (x_to, <=, W);
  for (int x = x_from; x < x_to; x++)
    out[y * W + x] = cover[x];
}

static void
store_span (int y, int x_from, int x_to, gpointer data)
{
  guint8 *out = data;

  g_assert_cmpint (x_from, <, x_to);
  for (int x = x_from; x < x_to; x++)
    out[y * W + x]++;
}

/* Coverage within max_error of the brute force everywhere (the brute
 * force itself is off by up to 1/64 where an edge crosses a pixel), and
 * within max_mean_error on average; pixel centres exactly, each once. */
static void
check_shape (const Shape *s, double max_error, double max_mean_error, double *worst, double *mean_error)
{
  g_autoptr(GArray) starts = NULL;
  g_autoptr(GArray) pts = outline_points (s, &starts);
  float cover[W * H] = { 0 };
  guint8 centres[W * H] = { 0 };
  SvgaiRasterPath path;
  double total = 0;

  svgai_raster_path_init (&path);
  svgai_raster_path_add (&path, s->segs, s->n, 1, 1);
  svgai_raster_fill (&path, W, H, store_row, cover);
  svgai_raster_fill_centres (&path, W, H, store_span, centres);
  svgai_raster_path_clear (&path);

  *worst = 0;
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      {
        int inside = 0;
        double err;

        for (int j = 0; j < GRID; j++)
          for (int i = 0; i < GRID; i++)
            inside += winding_at (pts, starts, x + (i + 0.5) / GRID, y + (j + 0.5) / GRID) != 0;
        err = fabs (cover[y * W + x] - (double) inside / (GRID * GRID));
        *worst = MAX (*worst, err);
        total += err;
        /* Exactly, unless the outline passes within 0.11 px of the centre
         * (curves are flattened to 0.1 px, corners held to 1/256). */
        {
          gboolean in = winding_at (pts, starts, x + 0.5, y + 0.5) != 0;
          gboolean near = FALSE;

          for (int k = 0; k < 4; k++)
            near |= (winding_at (pts, starts, x + 0.5 + (k == 0 ? 0.11 : k == 1 ? -0.11 : 0),
                                 y + 0.5 + (k == 2 ? 0.11 : k == 3 ? -0.11 : 0)) != 0) != in;
          if (!near)
            g_assert_cmpint (centres[y * W + x], ==, in);
          g_assert_cmpint (centres[y * W + x], <=, 1);
        }
      }
  *mean_error = total / (W * H);
  g_assert_cmpfloat (*worst, <=, max_error);
  g_assert_cmpfloat (*mean_error, <=, max_mean_error);
}

/* Outlines with holes wound against them: exact coverage (the area right
 * of each edge, summed, is the nonzero rule's coverage where the winding
 * is 0 or ±1). */
static void
test_random_polygons (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261130);
  double worst_of_all = 0;

  for (int round = 0; round < 12; round++)
    {
      Shape s = { .n = 0 };
      double worst, mean, cx = g_rand_double_range (rand, 6, W - 6), cy = g_rand_double_range (rand, 5, H - 5);
      gboolean clockwise = round % 2;

      if (round % 3 == 0)
        {
          /* at least 2.8 px from the centre to every edge: the hole fits */
          add_random_polygon (&s, rand, 6 + round % 3, cx, cy, g_rand_double_range (rand, 8, 16), 0.6, clockwise);
          add_random_polygon (&s, rand, 5, cx, cy, 2.5, 0.5, !clockwise);
        }
      else
        add_random_polygon (&s, rand, 3 + round % 6, cx, cy, g_rand_double_range (rand, 8, 16), 0.35, clockwise);
      check_shape (&s, 2.0 / GRID, 0.002, &worst, &mean);
      worst_of_all = MAX (worst_of_all, worst);
    }
  g_test_message ("largest coverage error %.4f", worst_of_all);
}

/* Curves, flattened to within 0.1 px like cairo's: a ring, its hole wound
 * the other way. And two discs wound the same way that overlap: 1 inside
 * both, short only in the pixels both outlines cross. */
static void
test_curves (void)
{
  Shape ring = { .n = 0 }, pair = { .n = 0 };
  double worst, mean;

  add_circle (&ring, 11.3, 9.7, 8.4, TRUE);
  add_circle (&ring, 11.8, 10.1, 3.6, FALSE);
  check_shape (&ring, 0.08, 0.008, &worst, &mean);
  g_test_message ("ring: largest error %.4f, mean %.5f", worst, mean);

  add_circle (&pair, 8.2, 9.5, 6.1, TRUE);
  add_circle (&pair, 14.9, 10.3, 5.3, TRUE);
  check_shape (&pair, 0.5, 0.008, &worst, &mean);
  g_test_message ("overlapping discs: largest error %.4f, mean %.5f", worst, mean);
}

/* A rectangle on whole pixels is whole pixels, and nothing outside it. */
static void
test_exact_rectangle (void)
{
  Shape s = { .n = 0 };
  float cover[W * H] = { 0 };
  SvgaiRasterPath path;

  add (&s, SVGAI_SEGMENT_MOVE, 0, 0, 0, 0, 3, 2);
  add (&s, SVGAI_SEGMENT_LINE, 0, 0, 0, 0, 17, 2);
  add (&s, SVGAI_SEGMENT_LINE, 0, 0, 0, 0, 17, 11);
  add (&s, SVGAI_SEGMENT_LINE, 0, 0, 0, 0, 3, 11);
  add (&s, SVGAI_SEGMENT_CLOSE, 0, 0, 0, 0, 0, 0);
  svgai_raster_path_init (&path);
  svgai_raster_path_add (&path, s.segs, s.n, 1, 1);
  svgai_raster_fill (&path, W, H, store_row, cover);
  svgai_raster_path_clear (&path);
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      g_assert_cmpfloat (cover[y * W + x], ==, x >= 3 && x < 17 && y >= 2 && y < 11 ? 1.0f : 0.0f);
}

/* Coordinates far outside the image (a broken file, a runaway fit): the
 * image is covered where the outline covers it, and a NaN point is
 * dropped, not drawn. */
static void
test_far_outside (void)
{
  Shape s = { .n = 0 };
  float cover[W * H] = { 0 };
  guint8 centres[W * H] = { 0 };
  SvgaiRasterPath path;

  add (&s, SVGAI_SEGMENT_MOVE, 0, 0, 0, 0, -1e12, -1e12);
  add (&s, SVGAI_SEGMENT_LINE, 0, 0, 0, 0, 1e12, -1e12);
  add (&s, SVGAI_SEGMENT_LINE, 0, 0, 0, 0, NAN, 5);
  add (&s, SVGAI_SEGMENT_LINE, 0, 0, 0, 0, 1e12, 1e12);
  add (&s, SVGAI_SEGMENT_LINE, 0, 0, 0, 0, -1e12, 1e12);
  add (&s, SVGAI_SEGMENT_CLOSE, 0, 0, 0, 0, 0, 0);
  svgai_raster_path_init (&path);
  svgai_raster_path_add (&path, s.segs, s.n, 1, 1);
  svgai_raster_fill (&path, W, H, store_row, cover);
  svgai_raster_fill_centres (&path, W, H, store_span, centres);
  svgai_raster_path_clear (&path);
  for (int i = 0; i < W * H; i++)
    {
      g_assert_cmpfloat_with_epsilon (cover[i], 1.0, 1e-4);
      g_assert_cmpint (centres[i], ==, 1);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/raster/random-polygons", test_random_polygons);
  g_test_add_func ("/raster/curves", test_curves);
  g_test_add_func ("/raster/exact-rectangle", test_exact_rectangle);
  g_test_add_func ("/raster/far-outside", test_far_outside);
  return g_test_run ();
}
