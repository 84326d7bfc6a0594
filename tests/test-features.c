/* Features on synthetic images with known answers. */
#include "ai/svgai-features.h"
#include "engine/svgai-image.h"

#include <math.h>
#include <string.h>

static SvgaiImage *
flat (int w, int h, guint8 r, guint8 g, guint8 b, guint8 a)
{
  SvgaiImage *img = svgai_image_new (w, h);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint8 *p = svgai_image_pixel (img, x, y);
        p[0] = r; p[1] = g; p[2] = b; p[3] = a;
      }
  return img;
}

static void
fill_rect (SvgaiImage *img, int x0, int y0, int x1, int y1, guint8 r, guint8 g, guint8 b, guint8 a)
{
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint8 *p = svgai_image_pixel (img, x, y);
        p[0] = r; p[1] = g; p[2] = b; p[3] = a;
      }
}

static void
test_flat (void)
{
  /* opaque flat, transparent, and transparent black: nothing to see */
  const guint8 cases[][4] = { { 200, 30, 30, 255 }, { 0, 0, 0, 0 }, { 255, 255, 255, 0 } };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SvgaiImage) img = flat (256, 256, cases[i][0], cases[i][1], cases[i][2], cases[i][3]);
      SvgaiFeatures f;

      svgai_features_extract (img, 0, &f);
      g_assert_cmpfloat (f.edge_density, ==, 0);
      g_assert_cmpfloat (f.entropy, ==, 0);
      g_assert_cmpfloat (f.corner_density, ==, 0);
      g_assert_cmpfloat (f.gradient_strength, ==, 0);
      g_assert_cmpfloat (f.fill_ratio, ==, 0);   /* all background */
      g_assert_cmpfloat (f.aspect_ratio, ==, 1);
      g_assert_cmpfloat (f.unique_colors, ==, cases[i][3] ? 1 : 0);
      g_assert_false (svgai_features_any_estimated (&f));
      g_assert_cmpint (f.width, ==, 256);
    }
}

static void
test_half_filled (void)
{
  /* left half black, right half transparent */
  g_autoptr(SvgaiImage) img = svgai_image_new (200, 100);
  SvgaiFeatures f;

  fill_rect (img, 0, 0, 100, 100, 0, 0, 0, 255);
  svgai_features_extract (img, 0, &f);
  g_assert_cmpfloat_with_epsilon (f.fill_ratio, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (f.aspect_ratio, 1.0, 1e-9);   /* the filled box is 100 × 100 */
  g_assert_cmpfloat_with_epsilon (f.entropy, 1.0, 1e-9);        /* two equal bins */
  g_assert_cmpfloat (f.unique_colors, ==, 1);
  g_assert_cmpfloat (f.edge_density, >, 0);
}

static void
test_transparent_not_black (void)
{
  /* a black square on transparency and on white: the same drawing */
  g_autoptr(SvgaiImage) a = svgai_image_new (128, 128);
  g_autoptr(SvgaiImage) b = flat (128, 128, 255, 255, 255, 255);
  SvgaiFeatures fa, fb;

  fill_rect (a, 32, 32, 96, 96, 0, 0, 0, 255);
  fill_rect (b, 32, 32, 96, 96, 0, 0, 0, 255);
  svgai_features_extract (a, 0, &fa);
  svgai_features_extract (b, 0, &fb);
  g_assert_cmpfloat_with_epsilon (fa.fill_ratio, 0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (fb.fill_ratio, 0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (fa.edge_density, fb.edge_density, 1e-9);
  g_assert_cmpfloat_with_epsilon (fa.corner_density, fb.corner_density, 1e-9);
  g_assert_cmpfloat_with_epsilon (fa.entropy, fb.entropy, 1e-9);

  /* a white square on transparency still has edges */
  {
    g_autoptr(SvgaiImage) w = svgai_image_new (128, 128);
    SvgaiFeatures fw;

    fill_rect (w, 32, 32, 96, 96, 255, 255, 255, 255);
    svgai_features_extract (w, 0, &fw);
    g_assert_cmpfloat_with_epsilon (fw.edge_density, fa.edge_density, 1e-9);
    g_assert_cmpfloat_with_epsilon (fw.fill_ratio, 0.25, 1e-9);
  }
}

static void
test_square_corners (void)
{
  g_autoptr(SvgaiImage) img = flat (256, 256, 255, 255, 255, 255);
  SvgaiFeatures f;

  fill_rect (img, 64, 64, 192, 192, 20, 40, 160, 255);
  svgai_features_extract (img, 0, &f);
  /* four corners in 65536 working pixels */
  g_assert_cmpfloat_with_epsilon (f.corner_density, 4 * 1000.0 / 65536, 1e-9);
  /* the outline: 4 sides of 128 pixels, one or two pixels thick */
  g_assert_cmpfloat (f.edge_density, >=, 4 * 126 / 65536.0);
  g_assert_cmpfloat (f.edge_density, <=, 2 * 4 * 130 / 65536.0);
  g_assert_cmpfloat (f.gradient_strength, ==, 0);
}

static void
test_gradient (void)
{
  /* a horizontal ramp: smooth shading, no edges inside */
  g_autoptr(SvgaiImage) img = svgai_image_new (256, 256);
  SvgaiFeatures f, flat_f;
  g_autoptr(SvgaiImage) fl = flat (256, 256, 90, 90, 90, 255);

  for (int y = 0; y < 256; y++)
    for (int x = 0; x < 256; x++)
      {
        guint8 *p = svgai_image_pixel (img, x, y);
        p[0] = p[1] = p[2] = x;
        p[3] = 255;
      }
  svgai_features_extract (img, 0, &f);
  svgai_features_extract (fl, 0, &flat_f);
  g_assert_cmpfloat (f.edge_density, ==, 0);
  g_assert_cmpfloat_with_epsilon (f.entropy, 8.0, 1e-9);
  /* shaded everywhere but the outermost ring, which has no gradient: 254² / 256² */
  g_assert_cmpfloat_with_epsilon (f.gradient_strength, 254.0 * 254 / (256 * 256), 1e-9);
  g_assert_cmpfloat (flat_f.gradient_strength, ==, 0);
  g_assert_cmpfloat (f.complexity_score, >, flat_f.complexity_score);
}

static void
test_shaded_share (void)
{
  /* a ramp (1.2 levels a pixel) in a 128 px square on white: the square's
   * inside, away from its edges, is shaded; the white is not */
  g_autoptr(SvgaiImage) img = flat (256, 256, 255, 255, 255, 255);
  g_autoptr(SvgaiImage) big = flat (1024, 1024, 255, 255, 255, 255);
  SvgaiFeatures f, fb;

  for (int y = 64; y < 192; y++)
    for (int x = 64; x < 192; x++)
      {
        guint8 *p = svgai_image_pixel (img, x, y);
        p[0] = 40 + (x - 64) * 1.2; p[1] = 60; p[2] = 200 - (x - 64) * 1.2;
      }
  for (int y = 256; y < 768; y++)
    for (int x = 256; x < 768; x++)
      {
        guint8 *p = svgai_image_pixel (big, x, y);
        p[0] = 40 + (x - 256) * 0.3; p[1] = 60; p[2] = 200 - (x - 256) * 0.3;
      }
  svgai_features_extract (img, 0, &f);
  svgai_features_extract (big, 0, &fb);
  g_test_message ("shaded share %.4f at 256 px, %.4f at 1024 px", f.gradient_strength, fb.gradient_strength);
  /* (128 − 2 × 4)² of 256², give or take the blur */
  g_assert_cmpfloat (f.gradient_strength, >, 0.8 * 120 * 120 / 65536.0);
  g_assert_cmpfloat (f.gradient_strength, <, 128 * 128 / 65536.0);
  /* the same drawing at 1024 px: the same share */
  g_assert_cmpfloat_with_epsilon (fb.gradient_strength, f.gradient_strength, 0.02);
}

static void
test_scale_invariance (void)
{
  /* the same drawing at 256 and 1024 px gives similar features */
  g_autoptr(SvgaiImage) a = svgai_image_new (256, 256);
  g_autoptr(SvgaiImage) b = svgai_image_new (1024, 1024);
  SvgaiFeatures fa, fb;

  fill_rect (a, 40, 60, 200, 180, 200, 0, 0, 255);
  fill_rect (b, 160, 240, 800, 720, 200, 0, 0, 255);
  svgai_features_extract (a, 0, &fa);
  svgai_features_extract (b, 0, &fb);
  g_assert_cmpfloat_with_epsilon (fa.fill_ratio, fb.fill_ratio, 1e-9);
  g_assert_cmpfloat_with_epsilon (fa.aspect_ratio, fb.aspect_ratio, 1e-9);
  g_assert_cmpfloat_with_epsilon (fa.edge_density, fb.edge_density, 0.002);
  g_assert_cmpfloat_with_epsilon (fa.corner_density, fb.corner_density, 1e-9);
}

static void
test_time_limit (void)
{
  g_autoptr(SvgaiImage) img = svgai_image_new (1024, 1024);
  SvgaiFeatures f;

  fill_rect (img, 100, 100, 900, 900, 0, 128, 0, 255);
  /* no time at all: the quick features only, the rest estimated */
  svgai_features_extract (img, 1e-6, &f);
  g_assert_true (f.estimated[SVGAI_FEATURE_EDGE_DENSITY]);
  g_assert_true (f.estimated[SVGAI_FEATURE_CORNER_DENSITY]);
  g_assert_true (f.estimated[SVGAI_FEATURE_GRADIENT_STRENGTH]);
  g_assert_true (f.estimated[SVGAI_FEATURE_COMPLEXITY_SCORE]);
  g_assert_false (f.estimated[SVGAI_FEATURE_FILL_RATIO]);
  g_assert_false (f.estimated[SVGAI_FEATURE_ENTROPY]);
  g_assert_false (f.estimated[SVGAI_FEATURE_UNIQUE_COLORS]);
  g_assert_false (f.estimated[SVGAI_FEATURE_ASPECT_RATIO]);
  g_assert_cmpfloat (f.edge_density, ==, svgai_feature_get_default (SVGAI_FEATURE_EDGE_DENSITY));
  g_assert_cmpfloat_with_epsilon (f.fill_ratio, 800.0 * 800 / (1024 * 1024), 1e-9);

  /* a generous limit computes everything */
  svgai_features_extract (img, 10000, &f);
  g_assert_false (svgai_features_any_estimated (&f));
}

static void
test_speed (void)
{
  /* median of 15 runs at 256 px: the target is 5 ms; allow slow CI 4× */
  g_autoptr(SvgaiImage) img = svgai_image_new (256, 256);
  double t[15];
  SvgaiFeatures f;

  for (int y = 0; y < 256; y++)
    for (int x = 0; x < 256; x++)
      {
        guint8 *p = svgai_image_pixel (img, x, y);
        p[0] = x; p[1] = y; p[2] = (x * y) >> 8; p[3] = (x - 128) * (x - 128) + (y - 128) * (y - 128) < 10000 ? 255 : 0;
      }
  for (int i = 0; i < 15; i++)
    {
      svgai_features_extract (img, 0, &f);
      t[i] = f.elapsed_ms;
    }
  for (int i = 0; i < 15; i++)
    for (int j = i + 1; j < 15; j++)
      if (t[j] < t[i])
        {
          double s = t[i]; t[i] = t[j]; t[j] = s;
        }
  g_test_message ("feature extraction at 256 px: median %.2f ms", t[7]);
  /* Sanitizer builds (tools/test-sanitizers) run several times slower. */
  if (g_getenv ("SVGAI_TEST_SANITIZED"))
    return;
  g_assert_cmpfloat (t[7], <, 20);
}

static void
test_names (void)
{
  for (guint i = 0; i < SVGAI_N_FEATURES; i++)
    {
      SvgaiFeature back;

      g_assert_nonnull (svgai_feature_get_title (i));
      g_assert_nonnull (svgai_feature_get_explanation (i));
      g_assert_true (svgai_feature_from_name (svgai_feature_get_name (i), &back));
      g_assert_cmpint (back, ==, i);
    }
  g_assert_cmpstr (svgai_feature_get_name (SVGAI_FEATURE_EDGE_DENSITY), ==, "edge_density");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/features/flat", test_flat);
  g_test_add_func ("/features/half-filled", test_half_filled);
  g_test_add_func ("/features/transparent-not-black", test_transparent_not_black);
  g_test_add_func ("/features/square-corners", test_square_corners);
  g_test_add_func ("/features/gradient", test_gradient);
  g_test_add_func ("/features/shaded-share", test_shaded_share);
  g_test_add_func ("/features/scale-invariance", test_scale_invariance);
  g_test_add_func ("/features/time-limit", test_time_limit);
  g_test_add_func ("/features/speed", test_speed);
  g_test_add_func ("/features/names", test_names);
  return g_test_run ();
}
