/* test-quality.c: SSIM / MSE / PSNR against scikit-image and basic properties.
 *
 * The reference pairs and numbers come from tests/make-quality-reference.py.
 * Run with -m perf to time SSIM at 256² and 1024². */

#include <math.h>
#include <string.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "engine/svgai-image.h"
#include "engine/svgai-quality.h"

static const char *
data_dir (void)
{
  const char *dir = g_getenv ("SVGAI_TEST_DATA");

  return dir != NULL ? dir : "tests/data";
}

/* Loads with gdk-pixbuf directly (not the app's loader), so this test checks
 * the metric alone; GdkPixbuf is straight RGBA already. */
static SvgaiImage *
load_png (const char *name)
{
  g_autofree char *path = g_build_filename (data_dir (), "quality", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (path, &error);
  SvgaiImage *image;
  int w, h, stride, n_channels;
  const guint8 *src;

  g_assert_no_error (error);
  w = gdk_pixbuf_get_width (pixbuf);
  h = gdk_pixbuf_get_height (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  n_channels = gdk_pixbuf_get_n_channels (pixbuf);
  g_assert_cmpint (gdk_pixbuf_get_bits_per_sample (pixbuf), ==, 8);
  src = gdk_pixbuf_read_pixels (pixbuf);

  image = svgai_image_new (w, h);
  g_assert_nonnull (image);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *s = src + (gsize) y * stride + (gsize) x * n_channels;
        guint8 *d = svgai_image_pixel (image, x, y);

        d[0] = s[0];
        d[1] = s[1];
        d[2] = s[2];
        d[3] = n_channels == 4 ? s[3] : 255;
      }
  return image;
}

static double
parse_double (const char *s)
{
  if (g_ascii_strcasecmp (s, "inf") == 0)
    return INFINITY;
  return g_ascii_strtod (s, NULL);
}

static void
test_reference (void)
{
  g_autofree char *path = g_build_filename (data_dir (), "quality", "reference.tsv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  double max_ssim_err = 0, max_mse_rel = 0, max_psnr_rel = 0;
  guint n = 0;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      g_autofree char *name_a = NULL;
      g_autofree char *name_b = NULL;
      g_autoptr(SvgaiImage) a = NULL;
      g_autoptr(SvgaiImage) b = NULL;
      double ref_ssim, ref_mse, ref_psnr;
      SvgaiQuality q;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      f = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 4);
      ref_ssim = parse_double (f[1]);
      ref_mse = parse_double (f[2]);
      ref_psnr = parse_double (f[3]);

      name_a = g_strconcat (f[0], "-a.png", NULL);
      name_b = g_strconcat (f[0], "-b.png", NULL);
      a = load_png (name_a);
      b = load_png (name_b);
      svgai_quality_compare (a, b, &q);
      g_test_message ("%s: ssim %.8f (skimage %.8f), mse %.6f (%.6f), psnr %.6f (%.6f)",
                      f[0], q.ssim, ref_ssim, q.mse, ref_mse, q.psnr, ref_psnr);

      g_assert_cmpfloat_with_epsilon (q.ssim, ref_ssim, 1e-4);
      g_assert_cmpfloat (svgai_quality_ssim (a, b), ==, q.ssim);
      max_ssim_err = MAX (max_ssim_err, fabs (q.ssim - ref_ssim));
      if (ref_mse == 0.0)
        {
          g_assert_cmpfloat (q.mse, ==, 0.0);
          g_assert_true (isinf (q.psnr) && q.psnr > 0);
        }
      else
        {
          g_assert_cmpfloat (fabs (q.mse - ref_mse) / ref_mse, <=, 1e-3);
          g_assert_cmpfloat (fabs (q.psnr - ref_psnr) / ref_psnr, <=, 1e-3);
          max_mse_rel = MAX (max_mse_rel, fabs (q.mse - ref_mse) / ref_mse);
          max_psnr_rel = MAX (max_psnr_rel, fabs (q.psnr - ref_psnr) / ref_psnr);
        }
      n++;
    }
  g_assert_cmpuint (n, >=, 5);
  g_test_message ("max |ssim - skimage| = %.3g, max mse rel err = %.3g, max psnr rel err = %.3g",
                  max_ssim_err, max_mse_rel, max_psnr_rel);
}

/* A logo-like test image: flat shapes with anti-aliased edges, some noise,
 * a transparent margin. */
static SvgaiImage *
make_logo (int size, guint seed, double shift)
{
  SvgaiImage *img = svgai_image_new (size, size);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      {
        guint8 *p = svgai_image_pixel (img, x, y);
        double u = (x + 0.5) / size - 0.5 + shift, v = (y + 0.5) / size - 0.5;
        double d = sqrt (u * u + v * v) * size - size * 0.3;
        double cov = CLAMP (0.5 - d, 0.0, 1.0);
        int noise = g_rand_int_range (rand, -6, 7);

        p[0] = CLAMP ((int) (40 + 180 * cov) + noise, 0, 255);
        p[1] = CLAMP ((int) (120 - 80 * cov) + noise, 0, 255);
        p[2] = (x / 16 + y / 16) % 2 ? 200 : 60;
        p[3] = (x < size / 16 || y < size / 16) ? 0 : 255;
      }
  return img;
}

static void
test_identical (void)
{
  g_autoptr(SvgaiImage) a = make_logo (64, 1, 0.0);
  g_autoptr(SvgaiImage) b = make_logo (64, 1, 0.0);
  SvgaiQuality q;

  svgai_quality_compare (a, b, &q);
  g_assert_cmpfloat (q.ssim, ==, 1.0);
  g_assert_cmpfloat (q.mse, ==, 0.0);
  g_assert_true (isinf (q.psnr) && q.psnr > 0);
  g_assert_cmpfloat (svgai_quality_ssim (a, a), ==, 1.0);

  /* different colours under fully transparent pixels: the same on white, and
   * this time the full computation runs (the bytes differ) */
  for (int y = 0; y < 4; y++)
    for (int x = 0; x < 64; x++)
      {
        guint8 *p = svgai_image_pixel (b, x, y);
        g_assert_cmpint (p[3], ==, 0);
        p[0] ^= 0x55;
        p[2] = 7;
      }
  svgai_quality_compare (a, b, &q);
  g_assert_cmpfloat_with_epsilon (q.ssim, 1.0, 1e-12);
  g_assert_cmpfloat (q.mse, ==, 0.0);
  g_assert_true (isinf (q.psnr));
}

static void
test_symmetric (void)
{
  /* 300² also takes the two-thread path */
  int sizes[] = { 40, 300 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(SvgaiImage) a = make_logo (sizes[i], 1, 0.0);
      g_autoptr(SvgaiImage) b = make_logo (sizes[i], 2, 0.01);
      SvgaiQuality ab, ba;

      svgai_quality_compare (a, b, &ab);
      svgai_quality_compare (b, a, &ba);
      g_assert_cmpfloat (ab.ssim, <, 0.999);
      g_assert_cmpfloat (ab.ssim, >, 0.0);
      g_assert_cmpfloat_with_epsilon (ab.ssim, ba.ssim, 1e-6);
      g_assert_cmpfloat (ab.mse, ==, ba.mse);
      g_assert_cmpfloat (ab.psnr, ==, ba.psnr);
    }
}

/* Smaller than the 11 px window: skimage refuses; we fall back to one global
 * window (see svgai-quality.c). */
static void
test_small (void)
{
  g_autoptr(SvgaiImage) a = make_logo (6, 1, 0.0);
  g_autoptr(SvgaiImage) b = make_logo (6, 3, 0.1);
  g_autoptr(SvgaiImage) c = svgai_image_new (20, 3);
  g_autoptr(SvgaiImage) d = svgai_image_new (20, 3);
  SvgaiQuality q;

  svgai_quality_compare (a, b, &q);
  g_assert_cmpfloat (q.ssim, <, 1.0);
  g_assert_cmpfloat (q.ssim, >, -1.0);
  g_assert_cmpfloat (q.mse, >, 0.0);
  g_assert_true (isfinite (q.psnr));

  svgai_quality_compare (c, d, &q);
  g_assert_cmpfloat (q.ssim, ==, 1.0);
  memset (svgai_image_pixel (d, 0, 1), 255, 20 * 4);  /* one opaque white row */
  svgai_quality_compare (c, d, &q);                   /* still white on white */
  g_assert_cmpfloat_with_epsilon (q.ssim, 1.0, 1e-12);
  svgai_image_pixel (d, 3, 1)[0] = 0;
  svgai_quality_compare (c, d, &q);
  g_assert_cmpfloat (q.ssim, <, 1.0);
  g_assert_cmpfloat_with_epsilon (q.mse, 255.0 * 255.0 / (3.0 * 60.0), 1e-9);
}

static void
test_perf (void)
{
  int sizes[] = { 256, 1024 };

  if (!g_test_perf ())
    {
      g_test_skip ("run with -m perf");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(SvgaiImage) a = make_logo (sizes[i], 1, 0.0);
      g_autoptr(SvgaiImage) b = make_logo (sizes[i], 2, 0.003);
      double best = G_MAXDOUBLE, total = 0;
      int runs = sizes[i] > 512 ? 20 : 100;
      volatile double sink = 0;

      for (int r = 0; r < runs; r++)
        {
          gint64 t0 = g_get_monotonic_time ();
          sink += svgai_quality_ssim (a, b);
          double ms = (g_get_monotonic_time () - t0) / 1000.0;
          best = MIN (best, ms);
          total += ms;
        }
      g_test_minimized_result (best, "ssim %dx%d: best %.2f ms, mean %.2f ms (%d runs)",
                               sizes[i], sizes[i], best, total / runs, runs);
      g_printerr ("ssim %dx%d: best %.2f ms, mean %.2f ms (%d runs)\n",
                  sizes[i], sizes[i], best, total / runs, runs);
      (void) sink;
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quality/reference", test_reference);
  g_test_add_func ("/quality/identical", test_identical);
  g_test_add_func ("/quality/symmetric", test_symmetric);
  g_test_add_func ("/quality/small", test_small);
  g_test_add_func ("/quality/perf", test_perf);

  return g_test_run ();
}
