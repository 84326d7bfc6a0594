/* test-limits.c: memory budget, upsampling fallback, trace time limit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "svgai.h"
#include "engine/svgai-image.h"
#include "engine/svgai-limits.h"
#include "engine/svgai-params.h"
#include "engine/svgai-trace.h"
#include "engine/svgai-vector.h"

static char *
data_path (const char *name)
{
  const char *dir = g_getenv ("SVGAI_TEST_DATA");

  g_assert_nonnull (dir);
  return g_build_filename (dir, "bad", name, NULL);
}

static void
test_estimate (void)
{
  guint64 small = svgai_limits_estimate_bytes (100, 100, 1);
  guint64 mega = svgai_limits_estimate_bytes (1000, 1000, 1);

  /* At least the decoded RGBA twice and the palette mix: 12 bytes a pixel. */
  g_assert_cmpuint (mega, >=, 12 * 1000 * 1000);
  g_assert_cmpuint (mega, <, 1000 * 1000 * 1000);
  g_assert_cmpuint (mega, ==, small * 100);
  g_assert_cmpuint (svgai_limits_estimate_bytes (1000, 1000, 4), >, mega);
  /* Saturates rather than wrapping round to a small number. */
  g_assert_cmpuint (svgai_limits_estimate_bytes (G_MAXUINT32, G_MAXUINT32, 4), ==, G_MAXUINT64);
  g_assert_cmpuint (svgai_limits_estimate_bytes (G_MAXUINT64, 2, 1), ==, G_MAXUINT64);

  /* The default budget is set and bounded. */
  g_assert_cmpuint (svgai_limits_get_memory_budget (), >, 0);
  g_assert_cmpuint (svgai_limits_get_memory_budget (), <=, SVGAI_MAX_MEMORY_BUDGET);
  svgai_limits_set_memory_budget (12345);
  g_assert_cmpuint (svgai_limits_get_memory_budget (), ==, 12345);
  svgai_limits_set_memory_budget (0);
  g_assert_cmpuint (svgai_limits_get_memory_budget (), !=, 12345);

  g_assert_cmpfloat (svgai_limits_get_trace_time_limit_ms (), ==, SVGAI_DEFAULT_TRACE_TIME_LIMIT_MS);
  svgai_limits_set_trace_time_limit_ms (-1);
  g_assert_cmpfloat (svgai_limits_get_trace_time_limit_ms (), <=, 0);
  svgai_limits_set_trace_time_limit_ms (250);
  g_assert_cmpfloat (svgai_limits_get_trace_time_limit_ms (), ==, 250);
  svgai_limits_set_trace_time_limit_ms (0);
  g_assert_cmpfloat (svgai_limits_get_trace_time_limit_ms (), ==, SVGAI_DEFAULT_TRACE_TIME_LIMIT_MS);
}

/* The budget is checked from the declared size, before decoding. */
static void
test_memory_budget (void)
{
  g_autofree char *plasma = data_path ("plasma.jpg");
  g_autofree char *huge = data_path ("huge-declared.png");
  guint64 need = svgai_limits_estimate_bytes (64, 64, svgai_params_auto_upsample (64, 64));
  SvgaiLoadOptions tight = { .memory_budget = need - 1 };
  SvgaiLoadOptions exact = { .memory_budget = need };
  /* Pixel limit lifted: only the memory budget stands in the way. */
  SvgaiLoadOptions unlimited_pixels = { .max_pixels = G_MAXUINT64, .memory_budget = 1u << 30 };
  g_autoptr(SvgaiImage) image = NULL;
  g_autoptr(GError) error = NULL;

  image = svgai_image_new_from_file (plasma, &tight, NULL, &error);
  g_assert_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE);
  g_assert_null (image);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, plasma));
  g_assert_nonnull (strstr (error->message, "64 × 64"));
  g_assert_nonnull (strstr (error->message, "--memory-budget"));
  g_clear_error (&error);

  image = svgai_image_new_from_file (plasma, &exact, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (image);
  g_clear_pointer (&image, svgai_image_unref);

  /* 10^10 pixels declared: refused from the header, never allocated. */
  image = svgai_image_new_from_file (huge, &unlimited_pixels, NULL, &error);
  g_assert_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "100000 × 100000"));
  g_clear_error (&error);

  /* Beyond what the tracer can index, whatever the budget. */
  g_assert_false (svgai_limits_check_image ("big", 70000, 70000, G_MAXUINT64, &error));
  g_assert_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_true (svgai_limits_check_image ("strip", 10000, 1, 0, &error));
  g_assert_no_error (error);

  /* The process-wide default applies when the options leave it at 0. */
  svgai_limits_set_memory_budget (need - 1);
  image = svgai_image_new_from_file (plasma, NULL, NULL, &error);
  g_assert_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE);
  svgai_limits_set_memory_budget (0);
}

static SvgaiImage *
make_blocks (int width, int height, int block, int n_colors, guint32 seed)
{
  SvgaiImage *image = svgai_image_new (width, height);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint8 colors[32][3];

  g_assert_nonnull (image);
  for (int c = 0; c < n_colors; c++)
    for (int i = 0; i < 3; i++)
      colors[c][i] = (guint8) g_rand_int_range (rand, 0, 256);

  for (int by = 0; by < height; by += block)
    for (int bx = 0; bx < width; bx += block)
      {
        int c = g_rand_int_range (rand, 0, n_colors);

        for (int y = by; y < MIN (by + block, height); y++)
          for (int x = bx; x < MIN (bx + block, width); x++)
            {
              guint8 *p = svgai_image_pixel (image, x, y);

              p[0] = colors[c][0];
              p[1] = colors[c][1];
              p[2] = colors[c][2];
              p[3] = 255;
            }
      }
  return image;
}

/* An explicit upsampling factor the budget cannot hold is lowered, and the
 * result says which factor was used. */
static void
test_upsample_fallback (void)
{
  g_autoptr(SvgaiImage) image = make_blocks (64, 64, 16, 2, 7);
  g_autoptr(SvgaiVector) vector = NULL;
  g_autoptr(GError) error = NULL;
  SvgaiParams params, used;

  svgai_params_init_default (&params);
  params.upsample = 4;
  g_assert_cmpint (svgai_limits_fit_upsample (64, 64, 4), ==, 4);

  svgai_limits_set_memory_budget (svgai_limits_estimate_bytes (64, 64, 2));
  g_assert_cmpint (svgai_limits_fit_upsample (64, 64, 4), ==, 2);
  vector = svgai_trace (image, &params, &used, NULL, &error);
  svgai_limits_set_memory_budget (0);
  g_assert_no_error (error);
  g_assert_nonnull (vector);
  g_assert_cmpint (used.upsample, ==, 2);

  /* Nothing fits: still 1, never 0. */
  svgai_limits_set_memory_budget (1);
  g_assert_cmpint (svgai_limits_fit_upsample (64, 64, 4), ==, 1);
  svgai_limits_set_memory_budget (0);
}

/* A pathological image (2 × 2 blocks of 32 random colours: hundreds of
 * thousands of shapes) ends with a clear error soon after the time limit,
 * not after the minute it would take. */
static void
test_time_limit (void)
{
  g_autoptr(SvgaiImage) image = make_blocks (2000, 2000, 2, 32, 1);
  g_autoptr(SvgaiVector) vector = NULL;
  g_autoptr(GError) error = NULL;
  SvgaiParams params;
  gint64 start;
  double elapsed_s;

  svgai_params_init_default (&params);
  params.colors = 32;
  svgai_limits_set_trace_time_limit_ms (500);
  start = g_get_monotonic_time ();
  vector = svgai_trace (image, &params, NULL, NULL, &error);
  elapsed_s = (g_get_monotonic_time () - start) / 1e6;
  svgai_limits_set_trace_time_limit_ms (0);

  g_test_message ("%.2f s: %s", elapsed_s, error ? error->message : "traced");
  g_assert_null (vector);
  g_assert_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "2000×2000"));
  g_assert_nonnull (strstr (error->message, "0.5 s"));
  /* The palette runs before the clock is checked and potrace cannot be
   * stopped mid-layer: allow for both, generously for sanitizer builds. */
  g_assert_cmpfloat (elapsed_s, <, 20);
}

/* Without a time limit, the pathological image stops at the segment cap,
 * before writing or drawing an SVG of a hundred megabytes. */
static void
test_segment_cap (void)
{
  g_autoptr(SvgaiImage) image = make_blocks (2000, 2000, 2, 32, 1);
  g_autoptr(SvgaiVector) vector = NULL;
  g_autoptr(GError) error = NULL;
  SvgaiParams params;

  if (!g_test_slow ())
    {
      g_test_skip ("a few seconds of tracing: run with -m slow");
      return;
    }
  svgai_params_init_default (&params);
  params.colors = 32;
  svgai_limits_set_trace_time_limit_ms (-1);
  vector = svgai_trace (image, &params, NULL, NULL, &error);
  svgai_limits_set_trace_time_limit_ms (0);
  if (error)
    g_test_message ("%s", error->message);
  g_assert_null (vector);
  g_assert_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "path segments"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/limits/estimate", test_estimate);
  g_test_add_func ("/limits/memory-budget", test_memory_budget);
  g_test_add_func ("/limits/upsample-fallback", test_upsample_fallback);
  g_test_add_func ("/limits/time-limit", test_time_limit);
  g_test_add_func ("/limits/segment-cap", test_segment_cap);

  return g_test_run ();
}
