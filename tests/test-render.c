/* test-render.c: the engine's geometry render agrees with librsvg's render of
 * the same shapes as SVG, so quality can be measured without librsvg. */

#include <math.h>
#include <string.h>

#include "engine/svgai-quality.h"
#include "engine/svgai-render.h"
#include "engine/svgai-svg-writer.h"
#include "engine/svgai-vector.h"

/* How far the two renders may differ, in 8-bit levels of the colour
 * composited on white and of alpha, and overall. The engine's scan
 * converter (svgai-raster.c) covers edge pixels by their exact area;
 * cairo 1.16's, with which librsvg draws, is off the exact coverage by up
 * to 12 levels along some slanted edges (tests/test-raster.c holds ours
 * to the exact areas). */
#define MAX_LEVEL_DIFF 14
#define MIN_SSIM 0.9999
#define MIN_PSNR 55.0

static void
seg (SvgaiLayer *layer, SvgaiSegmentKind kind, double x0, double y0, double x1, double y1,
     double x2, double y2)
{
  SvgaiSegment s = { kind, { { x0, y0 }, { x1, y1 }, { x2, y2 } } };

  g_array_append_val (layer->segments, s);
}

#define MOVE(l, x, y) seg (l, SVGAI_SEGMENT_MOVE, 0, 0, 0, 0, x, y)
#define LINE(l, x, y) seg (l, SVGAI_SEGMENT_LINE, 0, 0, 0, 0, x, y)
#define CURVE(l, a, b, c, d, x, y) seg (l, SVGAI_SEGMENT_CURVE, a, b, c, d, x, y)
#define CLOSE(l) seg (l, SVGAI_SEGMENT_CLOSE, 0, 0, 0, 0, 0, 0)

/* Three layers on a 60 × 40 canvas, all coordinates multiples of 0.1 px:
 * a blue frame with a round hole (wound the other way: nonzero keeps it
 * open), a red curved blade over it, a half-transparent green triangle. */
static SvgaiVector *
make_test_vector (void)
{
  SvgaiVector *v = svgai_vector_new (60, 40);
  SvgaiLayer *l;

  l = svgai_vector_add_layer (v, 30, 80, 200, 255);
  MOVE (l, 5.0, 5.0);
  LINE (l, 55.0, 5.0);
  LINE (l, 55.0, 35.0);
  LINE (l, 5.0, 35.0);
  CLOSE (l);
  MOVE (l, 20.0, 12.0);
  CURVE (l, 15.6, 12.0, 12.0, 15.6, 12.0, 20.0);
  CURVE (l, 12.0, 24.4, 15.6, 28.0, 20.0, 28.0);
  CURVE (l, 24.4, 28.0, 28.0, 24.4, 28.0, 20.0);
  CURVE (l, 28.0, 15.6, 24.4, 12.0, 20.0, 12.0);
  CLOSE (l);

  l = svgai_vector_add_layer (v, 220, 40, 40, 255);
  MOVE (l, 30.5, 10.2);
  CURVE (l, 45.3, 8.1, 52.7, 20.4, 44.9, 30.6);
  LINE (l, 32.1, 28.3);
  CURVE (l, 28.4, 22.2, 27.9, 15.5, 30.5, 10.2);
  CLOSE (l);

  l = svgai_vector_add_layer (v, 40, 180, 90, 128);
  MOVE (l, 10.3, 30.1);
  LINE (l, 25.7, 12.4);
  LINE (l, 38.2, 36.9);
  CLOSE (l);
  return v;
}

/* The same shapes written by hand with absolute commands, independent of the
 * SVG writer (which the round trip below checks as well). */
static const char test_svg[] =
  "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"60\" height=\"40\" viewBox=\"0 0 60 40\">"
  "<path fill=\"#1e50c8\" d=\"M5 5L55 5L55 35L5 35Z"
  "M20 12C15.6 12 12 15.6 12 20C12 24.4 15.6 28 20 28C24.4 28 28 24.4 28 20"
  "C28 15.6 24.4 12 20 12Z\"/>"
  "<path fill=\"#dc2828\" d=\"M30.5 10.2C45.3 8.1 52.7 20.4 44.9 30.6L32.1 28.3"
  "C28.4 22.2 27.9 15.5 30.5 10.2Z\"/>"
  "<path fill=\"#28b45a\" fill-opacity=\"0.50196\" d=\"M10.3 30.1L25.7 12.4L38.2 36.9Z\"/>"
  "</svg>";

static double
on_white (const guint8 *p, int c)
{
  return p[c] * (p[3] / 255.0) + 255.0 * (1.0 - p[3] / 255.0);
}

/* The largest difference of two same-size renders, in 8-bit levels of the
 * colour composited on white and of alpha: a faint edge pixel's straight
 * colour is only as exact as its alpha allows. */
static double
max_level_difference (const SvgaiImage *a, const SvgaiImage *b)
{
  double max_diff = 0.0;

  g_assert_cmpint (a->width, ==, b->width);
  g_assert_cmpint (a->height, ==, b->height);
  for (int y = 0; y < a->height; y++)
    for (int x = 0; x < a->width; x++)
      {
        const guint8 *pa = svgai_image_pixel (a, x, y);
        const guint8 *pb = svgai_image_pixel (b, x, y);

        for (int c = 0; c < 3; c++)
          max_diff = MAX (max_diff, fabs (on_white (pa, c) - on_white (pb, c)));
        max_diff = MAX (max_diff, abs ((int) pa[3] - (int) pb[3]));
      }
  return max_diff;
}

static void
assert_renders_agree (const SvgaiImage *a, const SvgaiImage *b, const char *what)
{
  double max_diff = max_level_difference (a, b);
  SvgaiQuality q;

  svgai_quality_compare (a, b, &q);
  g_test_message ("%s at %dx%d: ssim %.6f, psnr %.2f dB, max level difference %.2f",
                  what, a->width, a->height, q.ssim, q.psnr, max_diff);
  g_assert_cmpfloat (q.ssim, >=, MIN_SSIM);
  g_assert_cmpfloat (q.psnr, >=, MIN_PSNR);
  g_assert_cmpfloat (max_diff, <=, MAX_LEVEL_DIFF);
}

static void
test_vector_vs_svg (void)
{
  g_autoptr(SvgaiVector) v = make_test_vector ();
  g_autoptr(GBytes) svg = g_bytes_new_static (test_svg, sizeof test_svg - 1);
  int scales[] = { 1, 2, 5 };

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      int w = 60 * scales[i], h = 40 * scales[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(SvgaiImage) a = svgai_render_vector (v, w, h);
      g_autoptr(SvgaiImage) b = svgai_render_svg (svg, w, h, &error);
      const guint8 *hole, *frame, *blade, *outside;

      g_assert_no_error (error);
      g_assert_nonnull (a);
      g_assert_nonnull (b);
      assert_renders_agree (a, b, "hand-written SVG");

      /* the geometry lands where it should: hole open, frame blue, blade
       * red over it, corners transparent */
      hole = svgai_image_pixel (a, 16 * scales[i], 16 * scales[i]);
      frame = svgai_image_pixel (a, 8 * scales[i], 8 * scales[i]);
      blade = svgai_image_pixel (a, 40 * scales[i], 18 * scales[i]);
      outside = svgai_image_pixel (a, 1 * scales[i], 1 * scales[i]);
      g_assert_cmpint (hole[3], ==, 0);
      g_assert_cmpint (outside[3], ==, 0);
      g_assert_cmpint (frame[0], ==, 30);
      g_assert_cmpint (frame[1], ==, 80);
      g_assert_cmpint (frame[2], ==, 200);
      g_assert_cmpint (frame[3], ==, 255);
      g_assert_cmpint (blade[0], ==, 220);
      g_assert_cmpint (blade[3], ==, 255);
    }
}

/* The test vector with every coordinate and the canvas multiplied by k. */
static SvgaiVector *
make_scaled_vector (int k)
{
  SvgaiVector *v = make_test_vector ();

  v->width *= k;
  v->height *= k;
  for (guint i = 0; i < v->layers->len; i++)
    {
      SvgaiLayer *l = g_ptr_array_index (v->layers, i);

      for (guint j = 0; j < l->segments->len; j++)
        for (int p = 0; p < 3; p++)
          {
            SvgaiSegment *s = &g_array_index (l->segments, SvgaiSegment, j);
            s->p[p].x *= k;
            s->p[p].y *= k;
          }
    }
  return v;
}

/* What the app measures (its own render) is what it writes (SVG through librsvg):
 * 60 × 40 (the writer keeps 2 decimals) and 120 × 80 (1 decimal, still
 * exact for coordinates on tenths), each rendered at 1×, 2× and 5×. */
static void
test_vector_vs_writer (void)
{
  int canvases[] = { 1, 2 };
  int scales[] = { 1, 2, 5 };

  for (guint c = 0; c < G_N_ELEMENTS (canvases); c++)
    {
      g_autoptr(SvgaiVector) v = make_scaled_vector (canvases[c]);
      g_autoptr(GBytes) svg = svgai_svg_write (v);

      g_assert_nonnull (svg);
      g_test_message ("writer: %" G_GSIZE_FORMAT " bytes: %.*s", g_bytes_get_size (svg),
                      (int) g_bytes_get_size (svg), (const char *) g_bytes_get_data (svg, NULL));
      for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
        {
          int w = v->width * scales[i], h = v->height * scales[i];
          g_autoptr(GError) error = NULL;
          g_autoptr(SvgaiImage) a = svgai_render_vector (v, w, h);
          g_autoptr(SvgaiImage) b = svgai_render_svg (svg, w, h, &error);

          g_assert_no_error (error);
          g_assert_nonnull (b);
          assert_renders_agree (a, b, "svgai_svg_write");
        }
    }
}

/* Every layer alpha survives the writer's fill-opacity: one full-canvas
 * translucent layer over an opaque one, rendered both ways. */
static void
test_alpha_round_trip (void)
{
  int worst = 0;

  for (int alpha = 0; alpha < 256; alpha++)
    {
      g_autoptr(SvgaiVector) v = svgai_vector_new (12, 12);
      SvgaiLayer *bottom = svgai_vector_add_layer (v, 250, 240, 10, 255);
      SvgaiLayer *top = svgai_vector_add_layer (v, 10, 20, 200, alpha);
      g_autoptr(GBytes) svg = NULL;
      g_autoptr(SvgaiImage) a = NULL;
      g_autoptr(SvgaiImage) b = NULL;

      MOVE (bottom, 0, 0);
      LINE (bottom, 12, 0);
      LINE (bottom, 12, 6);
      LINE (bottom, 0, 6);
      CLOSE (bottom);
      MOVE (top, 0, 0);
      LINE (top, 12, 0);
      LINE (top, 12, 12);
      LINE (top, 0, 12);
      CLOSE (top);
      svg = svgai_svg_write (v);
      a = svgai_render_vector (v, 12, 12);
      b = svgai_render_svg (svg, 12, 12, NULL);
      g_assert_nonnull (b);
      for (gsize i = 0; i < 12 * 12 * 4; i++)
        worst = MAX (worst, abs ((int) a->pixels[i] - (int) b->pixels[i]));
    }
  g_test_message ("largest channel difference over all layer alphas: %d", worst);
  g_assert_cmpint (worst, <=, 1);
}

/* Shapes that cairo fills as boxes (exactly, no sampling): the two
 * renders agree to 3 levels on white (not 14), so the compositing is
 * pixman's. */
static void
test_rectangles_exact (void)
{
  g_autoptr(SvgaiVector) v = svgai_vector_new (40, 30);
  const double boxes[][4] = { { 2.3, 1.7, 30.6, 20.2 }, { 10.5, 8.2, 38.9, 28.6 }, { 0, 15.4, 40, 16.1 } };
  const guint8 colours[][4] = { { 200, 40, 30, 255 }, { 20, 90, 210, 150 }, { 250, 250, 20, 77 } };
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(SvgaiImage) a = NULL;
  g_autoptr(SvgaiImage) b = NULL;
  int worst;

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    {
      SvgaiLayer *l = svgai_vector_add_layer (v, colours[i][0], colours[i][1], colours[i][2], colours[i][3]);

      MOVE (l, boxes[i][0], boxes[i][1]);
      LINE (l, boxes[i][2], boxes[i][1]);
      LINE (l, boxes[i][2], boxes[i][3]);
      LINE (l, boxes[i][0], boxes[i][3]);
      CLOSE (l);
    }
  svg = svgai_svg_write (v);
  a = svgai_render_vector (v, 40, 30);
  b = svgai_render_svg (svg, 40, 30, NULL);
  g_assert_nonnull (b);
  worst = (int) ceil (max_level_difference (a, b));
  g_test_message ("largest level difference: %d", worst);
  g_assert_cmpint (worst, <=, 3);
}

/* Linear, radial and elliptical gradients against librsvg's drawing of the
 * written SVG, within 3 levels on white; and two of no length. */
static void
test_gradients (void)
{
  const SvgaiGradientKind kinds[] = { SVGAI_GRADIENT_LINEAR, SVGAI_GRADIENT_RADIAL, SVGAI_GRADIENT_RADIAL,
                                      SVGAI_GRADIENT_LINEAR, SVGAI_GRADIENT_RADIAL };
  const double to[][2] = { { 52, 30 }, { 40, 12 }, { 44, 30 }, { 20, 20 }, { 20, 20 } };
  const double ratio[] = { 0, 0, 0.45, 0, 0 };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(SvgaiVector) v = svgai_vector_new (60, 40);
      SvgaiLayer *l = svgai_vector_add_layer (v, 0, 0, 0, 255);
      SvgaiGradient *g = &l->gradient;
      g_autoptr(GBytes) svg = NULL;
      g_autoptr(SvgaiImage) a = NULL;
      g_autoptr(SvgaiImage) b = NULL;
      g_autoptr(GError) error = NULL;
      int worst;

      /* the whole canvas: only the gradients' colours are compared */
      MOVE (l, 0, 0);
      LINE (l, 60, 0);
      LINE (l, 60, 40);
      LINE (l, 0, 40);
      CLOSE (l);
      *g = (SvgaiGradient) { TRUE, kinds[k], { 20, 20 }, { to[k][0], to[k][1] }, ratio[k], 3,
                             { { 0, { 230, 30, 40 }, 255 }, { 0.4, { 250, 200, 30 }, 200 }, { 1, { 20, 60, 220 }, 90 } } };
      svg = svgai_svg_write (v);
      a = svgai_render_vector (v, 60, 40);
      b = svgai_render_svg (svg, 60, 40, &error);
      g_assert_no_error (error);
      if (k >= 3)
        {
          /* SVG paints a gradient of no length with its last stop, as
           * Chromium and Inkscape do; librsvg 2.54 hands it to cairo, which
           * pads a linear one with a mix and leaves a radial one empty. */
          const guint8 *p = svgai_image_pixel (a, 30, 20);

          g_assert_cmpint (abs (p[0] - 20), <=, 3);
          g_assert_cmpint (abs (p[2] - 220), <=, 3);
          g_assert_cmpint (abs (p[3] - 90), <=, 1);
          continue;
        }
      worst = (int) ceil (max_level_difference (a, b));
      g_test_message ("gradient %u: largest level difference %d", k, worst);
      g_assert_cmpint (worst, <=, 3);
    }
}

static void
test_empty (void)
{
  g_autoptr(SvgaiVector) v = svgai_vector_new (30, 20);
  g_autoptr(SvgaiImage) img = NULL;

  svgai_vector_add_layer (v, 255, 0, 0, 255);   /* a layer with no contours */
  img = svgai_render_vector (v, 30, 20);
  g_assert_nonnull (img);
  g_assert_cmpint (img->width, ==, 30);
  g_assert_cmpint (img->height, ==, 20);
  for (gsize i = 0; i < 30 * 20 * 4; i++)
    g_assert_cmpint (img->pixels[i], ==, 0);
}

static void
test_full_rectangle (void)
{
  g_autoptr(SvgaiVector) v = svgai_vector_new (16, 9);
  SvgaiLayer *l = svgai_vector_add_layer (v, 12, 34, 56, 255);
  int sizes[][2] = { { 16, 9 }, { 33, 17 } };

  MOVE (l, 0, 0);
  LINE (l, 16, 0);
  LINE (l, 16, 9);
  LINE (l, 0, 9);
  CLOSE (l);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(SvgaiImage) img = svgai_render_vector (v, sizes[i][0], sizes[i][1]);

      for (int y = 0; y < img->height; y++)
        for (int x = 0; x < img->width; x++)
          {
            const guint8 *p = svgai_image_pixel (img, x, y);

            g_assert_cmpint (p[0], ==, 12);
            g_assert_cmpint (p[1], ==, 34);
            g_assert_cmpint (p[2], ==, 56);
            g_assert_cmpint (p[3], ==, 255);
          }
    }
}

static void
test_bad_svg (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("<svg", 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(SvgaiImage) img = svgai_render_svg (bytes, 10, 10, &error);

  g_assert_null (img);
  g_assert_nonnull (error);
}

static void
test_perf (void)
{
  g_autoptr(SvgaiVector) v = make_test_vector ();
  g_autoptr(GBytes) svg = g_bytes_new_static (test_svg, sizeof test_svg - 1);

  if (!g_test_perf ())
    {
      g_test_skip ("run with -m perf");
      return;
    }
  for (int round = 0; round < 3; round++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(SvgaiImage) a = svgai_render_vector (v, 1024, 683);
      gint64 t1 = g_get_monotonic_time ();
      g_autoptr(SvgaiImage) b = svgai_render_svg (svg, 1024, 683, NULL);
      gint64 t2 = g_get_monotonic_time ();

      g_printerr ("render 1024x683: engine %.2f ms, librsvg %.2f ms\n",
                  (t1 - t0) / 1000.0, (t2 - t1) / 1000.0);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/vector-vs-svg", test_vector_vs_svg);
  g_test_add_func ("/render/vector-vs-writer", test_vector_vs_writer);
  g_test_add_func ("/render/alpha-round-trip", test_alpha_round_trip);
  g_test_add_func ("/render/rectangles-exact", test_rectangles_exact);
  g_test_add_func ("/render/gradients", test_gradients);
  g_test_add_func ("/render/empty", test_empty);
  g_test_add_func ("/render/full-rectangle", test_full_rectangle);
  g_test_add_func ("/render/bad-svg", test_bad_svg);
  g_test_add_func ("/render/perf", test_perf);

  return g_test_run ();
}
