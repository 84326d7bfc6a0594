/* Colour a designer controls (issue 14): exact and translucent colours,
 * the palette options, background removal, and the palette API the app's
 * panel uses. */
#include <cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "svgai.h"
#include "engine/svgai-background.h"
#include "engine/svgai-convert.h"
#include "engine/svgai-palette.h"
#include "test-cairo-image.h"

static SvgaiConversion *
convert (SvgaiImage *img, const SvgaiParams *params)
{
  g_autoptr(GError) error = NULL;
  SvgaiConversion *c = svgai_convert (img, params, SVGAI_CONVERT_MEASURE, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
  return c;
}

static const SvgaiLayer *
find_layer (const SvgaiVector *v, guint8 r, guint8 g, guint8 b)
{
  for (guint i = 0; i < v->layers->len; i++)
    {
      const SvgaiLayer *l = v->layers->pdata[i];
      if (l->r == r && l->g == g && l->b == b && !l->gradient.active)
        return l;
    }
  return NULL;
}

/* Three flat discs at 10, 40 and 70 % opacity on transparency, drawn
 * anti-aliased: each comes back as its own colour at its own alpha (within
 * 2 %), not dropped as edge coverage nor made opaque. */
static void
test_translucent_shapes (void)
{
  static const double opacity[] = { 0.10, 0.40, 0.70 };
  static const guint8 rgb[][3] = { { 200, 30, 40 }, { 20, 120, 220 }, { 30, 160, 60 } };
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 240, 96);
  cairo_t *cr = cairo_create (s);
  g_autoptr(SvgaiImage) img = NULL;
  g_autoptr(SvgaiConversion) c = NULL;
  SvgaiParams params;

  for (int i = 0; i < 3; i++)
    {
      cairo_set_source_rgba (cr, rgb[i][0] / 255.0, rgb[i][1] / 255.0, rgb[i][2] / 255.0, opacity[i]);
      cairo_arc (cr, 40 + 80 * i + 0.3, 48.4, 30.2, 0, 2 * M_PI);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  img = image_from_cairo (s);
  cairo_surface_destroy (s);

  svgai_params_init_default (&params);
  c = convert (img, &params);
  for (int i = 0; i < 3; i++)
    {
      const SvgaiLayer *l = NULL;
      double best = G_MAXDOUBLE;

      /* cairo rounds premultiplied values: the straight colour of a 10 %
       * pixel is a few levels off, so match the nearest layer. */
      for (guint k = 0; k < c->vector->layers->len; k++)
        {
          const SvgaiLayer *x = c->vector->layers->pdata[k];
          double d = abs (x->r - rgb[i][0]) + abs (x->g - rgb[i][1]) + abs (x->b - rgb[i][2]);
          if (d < best)
            best = d, l = x;
        }
      g_assert_nonnull (l);
      g_assert_cmpfloat (best, <=, 12);
      g_test_message ("%.0f %% shape: layer #%02x%02x%02x alpha %d", opacity[i] * 100, l->r, l->g, l->b, l->a);
      g_assert_cmpfloat (fabs (l->a / 255.0 - opacity[i]), <=, 0.02);
    }
  g_assert_cmpuint (c->vector->layers->len, ==, 3);
  g_assert_cmpfloat (c->quality.ssim, >, 0.99);
}

/* A flat colour with noise around it (a re-saved file) comes out exactly:
 * the median of its flat pixels; a shade one level off elsewhere in the
 * logo does not become a second fill. */
static void
test_exact_colour (void)
{
  g_autoptr(SvgaiImage) img = svgai_image_new (120, 80);
  g_autoptr(SvgaiConversion) c = NULL;
  GRand *rand = g_rand_new_with_seed (7);
  SvgaiParams params;

  for (int y = 0; y < 80; y++)
    for (int x = 0; x < 120; x++)
      {
        guint8 *p = svgai_image_pixel (img, x, y);
        gboolean blue = x >= 10 && x < 110 && y >= 10 && y < 70;
        /* The right part of the shape is one level off in green. */
        int g = x >= 70 ? 137 : 136;
        int noise = g_rand_int_range (rand, 0, 10) == 0 ? g_rand_int_range (rand, -3, 4) : 0;

        if (!blue)
          continue;
        p[0] = 30 + noise;
        p[1] = g;
        p[2] = 229;
        p[3] = 255;
      }
  g_rand_free (rand);
  svgai_params_init_default (&params);
  c = convert (img, &params);
  g_assert_cmpuint (c->vector->layers->len, ==, 1);
  g_assert_nonnull (find_layer (c->vector, 30, 136, 229));
}

static SvgaiImage *
draw_two_colours (void)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 128, 96);
  cairo_t *cr = cairo_create (s);
  SvgaiImage *img;

  cairo_set_source_rgb (cr, 0x1e / 255.0, 0x88 / 255.0, 0xe5 / 255.0);
  cairo_rectangle (cr, 8, 8, 112, 80);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0xf4 / 255.0, 0xc4 / 255.0, 0x30 / 255.0);
  cairo_arc (cr, 64.3, 48.2, 26, 0, 2 * M_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0xc0 / 255.0, 0x20 / 255.0, 0x20 / 255.0);
  cairo_arc (cr, 64.3, 48.2, 10, 0, 2 * M_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
  img = image_from_cairo (s);
  cairo_surface_destroy (s);
  return img;
}

/* --palette maps colours within the tolerance exactly and warns about the
 * ones beyond it; --lock keeps a colour exact; a merge joins two colours;
 * --colors N gives N or says why not. */
static void
test_palette_control (void)
{
  g_autoptr(SvgaiImage) img = draw_two_colours ();
  SvgaiParams params;
  SvgaiColor c;

  svgai_params_init_default (&params);
  g_assert_true (svgai_color_list_parse ("#1e90f0, #ffcc33", params.color.palette, SVGAI_MAX_COLOR_RULES,
                                         &params.color.n_palette, NULL));
  {
    g_autoptr(SvgaiConversion) conv = convert (img, &params);
    g_assert_nonnull (find_layer (conv->vector, 0x1e, 0x90, 0xf0));
    g_assert_nonnull (find_layer (conv->vector, 0xff, 0xcc, 0x33));
    g_assert_nonnull (find_layer (conv->vector, 0xc0, 0x20, 0x20));   /* red: far from both, kept */
    g_assert_cmpuint (conv->vector->warnings->len, ==, 1);
    g_assert_nonnull (strstr (conv->vector->warnings->pdata[0], "#c02020"));
  }

  svgai_params_init_default (&params);
  g_assert_true (svgai_color_parse ("#1d87e6", &c, NULL));
  g_assert_true (svgai_params_lock_color (&params, &c, NULL));
  {
    g_autoptr(SvgaiConversion) conv = convert (img, &params);
    gboolean locked = FALSE;
    g_assert_nonnull (find_layer (conv->vector, 0x1d, 0x87, 0xe6));
    for (guint i = 0; i < conv->vector->swatches->len; i++)
      locked |= g_array_index (conv->vector->swatches, SvgaiSwatch, i).locked;
    g_assert_true (locked);
  }

  svgai_params_init_default (&params);
  {
    SvgaiColor red = { 0xc0, 0x20, 0x20, 255 }, yellow = { 0xf4, 0xc4, 0x30, 255 };
    g_assert_true (svgai_params_merge_color (&params, &red, &yellow, NULL));
    g_autoptr(SvgaiConversion) conv = convert (img, &params);
    g_assert_cmpuint (conv->vector->swatches->len, ==, 2);
    g_assert_null (find_layer (conv->vector, 0xc0, 0x20, 0x20));
  }

  svgai_params_init_default (&params);
  params.colors = 2;
  {
    g_autoptr(SvgaiConversion) conv = convert (img, &params);
    g_assert_cmpuint (conv->vector->swatches->len, ==, 2);
  }
  params.colors = 6;
  params.color.count_asked = TRUE;   /* as the pipeline says when the caller fixed it */
  {
    g_autoptr(SvgaiConversion) conv = convert (img, &params);
    g_assert_cmpuint (conv->vector->swatches->len, ==, 3);
    g_assert_cmpuint (conv->vector->warnings->len, ==, 1);
    g_assert_nonnull (strstr (conv->vector->warnings->pdata[0], "6 colours asked for, 3 traced"));
  }
  /* A count the optimizer chose is no one's request: no warning. */
  params.color.count_asked = FALSE;
  {
    g_autoptr(SvgaiConversion) conv = convert (img, &params);
    g_assert_cmpuint (conv->vector->swatches->len, ==, 3);
    g_assert_cmpuint (conv->vector->warnings->len, ==, 0);
  }
}

static void
test_color_parse (void)
{
  SvgaiColor c, list[4];
  g_autoptr(GError) error = NULL;
  int n = 0;
  g_autofree char *s = NULL;

  g_assert_true (svgai_color_parse ("#fff", &c, NULL));
  g_assert_true (c.r == 255 && c.g == 255 && c.b == 255 && c.a == 255);
  g_assert_true (svgai_color_parse ("1e88e580", &c, NULL));
  g_assert_true (c.r == 0x1e && c.g == 0x88 && c.b == 0xe5 && c.a == 0x80);
  g_assert_false (svgai_color_parse ("#12345", &c, &error));
  g_assert_error (error, SVGAI_ERROR, SVGAI_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "#12345"));
  g_clear_error (&error);
  g_assert_false (svgai_color_list_parse ("#fff,blue", list, 4, &n, &error));
  g_assert_nonnull (strstr (error->message, "blue"));
  g_assert_true (svgai_color_list_parse ("#fff, #000,", list, 4, &n, NULL));
  g_assert_cmpint (n, ==, 2);
  s = svgai_color_to_string (&list[0]);
  g_assert_cmpstr (s, ==, "#ffffff");
  /* CIEDE2000: black to white is 100; Sharma et al.'s pair 1 is ~2.04 in
   * Lab, here an sRGB pair a just-noticeable step apart. */
  {
    SvgaiColor black = { 0, 0, 0, 255 }, white = { 255, 255, 255, 255 };
    SvgaiColor a = { 0x1e, 0x88, 0xe5, 255 }, b = { 0x1f, 0x88, 0xe5, 255 };
    g_assert_cmpfloat (fabs (svgai_color_delta_e (&black, &white) - 100), <, 0.01);
    g_assert_cmpfloat (svgai_color_delta_e (&a, &b), <, 1);
    g_assert_cmpfloat (svgai_color_delta_e (&a, &a), ==, 0);
  }
}

/* A logo on white: the white that reaches the border goes, white inside the
 * artwork (a hole not connected to the border) stays; AUTO does the same;
 * a logo whose border is mostly not one colour keeps everything in AUTO. */
static void
test_background (void)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 100, 100);
  cairo_t *cr = cairo_create (s);
  g_autoptr(SvgaiImage) img = NULL;
  g_autoptr(SvgaiImage) out = NULL;
  g_autoptr(SvgaiImage) out_auto = NULL;
  SvgaiColor removed = { 0 };

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.4, 0.8);
  cairo_arc (cr, 50.3, 50.2, 35, 0, 2 * M_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 40, 40, 20, 20);
  cairo_fill (cr);
  cairo_destroy (cr);
  img = image_from_cairo (s);
  cairo_surface_destroy (s);

  out = svgai_background_remove (img, SVGAI_BACKGROUND_REMOVE, &removed, NULL);
  g_assert_nonnull (out);
  g_assert_true (removed.r == 255 && removed.g == 255 && removed.b == 255);
  g_assert_cmpint (svgai_image_pixel (out, 2, 2)[3], ==, 0);
  g_assert_cmpint (svgai_image_pixel (out, 50, 50)[3], ==, 255);     /* white inside */
  g_assert_cmpint (svgai_image_pixel (out, 50, 50)[0], ==, 255);
  g_assert_cmpint (svgai_image_pixel (out, 50, 25)[3], ==, 255);     /* the disc */
  /* The disc's anti-aliased edge: its colour at partial coverage. */
  {
    const guint8 *p = svgai_image_pixel (out, 15, 50);
    g_assert_cmpint (p[3], >, 0);
    g_assert_cmpint (p[3], <, 255);
    g_assert_cmpint (abs (p[2] - 204), <=, 3);
  }
  out_auto = svgai_background_remove (img, SVGAI_BACKGROUND_AUTO, NULL, NULL);
  g_assert_nonnull (out_auto);
  g_assert_null (svgai_background_remove (img, SVGAI_BACKGROUND_KEEP, NULL, NULL));

  /* Traced: no full-size white rectangle, the hole's white stays. */
  {
    SvgaiParams params;
    g_autoptr(SvgaiConversion) conv = NULL;

    svgai_params_init_default (&params);
    params.color.background = SVGAI_BACKGROUND_REMOVE;
    conv = convert (img, &params);
    g_assert_nonnull (find_layer (conv->vector, 255, 255, 255));
    g_assert_cmpfloat (conv->quality.ssim, >, 0.98);
    for (guint i = 0; i < conv->vector->swatches->len; i++)
      {
        const SvgaiSwatch *sw = &g_array_index (conv->vector->swatches, SvgaiSwatch, i);
        if (sw->color.r == 255)
          g_assert_cmpfloat (sw->share, <, 0.2);
      }
  }
}

/* The palette panel's API: swatches with shares, recolour without tracing
 * (the geometry identical, only fills change), and an error for a colour
 * the result does not have. */
static void
test_result_palette (void)
{
  g_autoptr(SvgaiImage) img = draw_two_colours ();
  g_autoptr(SvgaiResult) result = NULL;
  g_autoptr(SvgaiResult) recoloured = NULL;
  g_autoptr(GError) error = NULL;
  SvgaiPipelineOptions options;
  const SvgaiSwatch *sw;
  guint n = 0;
  double total = 0;
  SvgaiColor from, to = { 0x00, 0x80, 0x40, 255 }, absent = { 1, 2, 3, 255 };
  const char *svg, *svg2;
  gsize len, len2;

  svgai_pipeline_options_init (&options);
  options.use_cache = FALSE;
  result = svgai_pipeline_run (img, &options, NULL, &error);
  g_assert_no_error (error);
  sw = svgai_result_get_palette (result, &n);
  g_assert_cmpuint (n, ==, 3);
  for (guint i = 0; i < n; i++)
    {
      total += sw[i].share;
      if (i > 0)
        g_assert_cmpfloat (sw[i].share, <=, sw[i - 1].share);
    }
  g_assert_cmpfloat (fabs (total - 1), <, 1e-6);
  from = sw[0].color;
  g_assert_true (from.r == 0x1e && from.g == 0x88 && from.b == 0xe5);

  recoloured = svgai_result_recolor (result, &from, &to, 1, &error);
  g_assert_no_error (error);
  svg = g_bytes_get_data (svgai_result_get_svg (result), &len);
  svg2 = g_bytes_get_data (svgai_result_get_svg (recoloured), &len2);
  g_assert_nonnull (g_strstr_len (svg2, len2, "#008040"));
  g_assert_null (g_strstr_len (svg2, len2, "#1e88e5"));
  g_assert_nonnull (g_strstr_len (svg, len, "#1e88e5"));
  g_assert_cmpuint (svgai_result_get_n_nodes (recoloured), ==, svgai_result_get_n_nodes (result));
  g_assert_cmpuint (len2, ==, len);
  sw = svgai_result_get_palette (recoloured, &n);
  g_assert_true (sw[0].color.r == 0 && sw[0].color.g == 0x80 && sw[0].locked);
  g_assert_null (svgai_result_get_warning (recoloured, 0));

  g_assert_null (svgai_result_recolor (result, &absent, &to, 1, &error));
  g_assert_error (error, SVGAI_ERROR, SVGAI_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "#010203"));
}

/* The background a result's tracer removed, as the engine found it: white
 * with off-white specks along the border (a scan) is removed as #ffffff,
 * the colour svgai_background_remove reports, not as the border's mean
 * (#fdfdfd); a recolour keeps it; a kept background reports none. */
static void
test_result_removed_background (void)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 120, 120);
  cairo_t *cr = cairo_create (s);
  g_autoptr(SvgaiImage) img = NULL;
  g_autoptr(SvgaiImage) out = NULL;
  g_autoptr(SvgaiResult) result = NULL;
  g_autoptr(SvgaiResult) kept = NULL;
  g_autoptr(SvgaiResult) recoloured = NULL;
  g_autoptr(GError) error = NULL;
  SvgaiPipelineOptions options;
  SvgaiColor engine = { 0 }, got = { 1, 2, 3, 4 }, to = { 0, 0x80, 0x40, 255 };
  const SvgaiSwatch *sw;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0xf4 / 255.0, 0xf5 / 255.0, 0xf4 / 255.0);
  for (int x = 0; x < 120; x += 3)
    {
      cairo_rectangle (cr, x, 0, 1, 1);
      cairo_rectangle (cr, x, 119, 1, 1);
    }
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
  cairo_arc (cr, 60, 60, 35, 0, 2 * M_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
  img = image_from_cairo (s);
  cairo_surface_destroy (s);
  out = svgai_background_remove (img, SVGAI_BACKGROUND_REMOVE, &engine, NULL);
  g_assert_nonnull (out);

  svgai_pipeline_options_init (&options);
  options.use_cache = FALSE;
  options.params.color.background = SVGAI_BACKGROUND_REMOVE;
  result = svgai_pipeline_run (img, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (svgai_result_get_removed_background (result, &got));
  g_assert_true (svgai_result_get_removed_background (result, NULL));
  g_assert_cmpuint (got.r, ==, engine.r);
  g_assert_cmpuint (got.g, ==, engine.g);
  g_assert_cmpuint (got.b, ==, engine.b);
  g_assert_true (got.r == 255 && got.g == 255 && got.b == 255 && got.a == 255);

  sw = svgai_result_get_palette (result, NULL);
  recoloured = svgai_result_recolor (result, &sw[0].color, &to, 1, &error);
  g_assert_no_error (error);
  got = (SvgaiColor) { 0 };
  g_assert_true (svgai_result_get_removed_background (recoloured, &got));
  g_assert_true (got.r == 255 && got.g == 255 && got.b == 255);

  options.params.color.background = SVGAI_BACKGROUND_KEEP;
  kept = svgai_pipeline_run (img, &options, NULL, &error);
  g_assert_no_error (error);
  got = (SvgaiColor) { 1, 2, 3, 4 };
  g_assert_false (svgai_result_get_removed_background (kept, &got));
  g_assert_true (got.r == 1 && got.a == 4);      /* untouched */
}

/* A large image's palette is found in two halves at once
 * (svgai_threads_split_rows): the colours and every pixel's mixture must be
 * those of one pass. Anti-aliased discs and a translucent band make
 * mixtures at every edge; 12 near-repeats of a colour give the majority
 * vote of the exact colour something to decide. */
static void
test_palette_threads_same (void)
{
  cairo_t *cr = drawing_new (700, 700);
  cairo_surface_t *s = cairo_get_target (cr);
  g_autoptr(SvgaiImage) img = NULL;
  g_autoptr(SvgaiPalette) one = NULL, two = NULL;
  gsize n;

  cairo_set_source_rgb (cr, 0.95, 0.95, 0.9);
  cairo_paint (cr);
  for (int k = 0; k < 12; k++)
    {
      cairo_set_source_rgb (cr, 0.1 + 0.002 * k, 0.3, 0.7 - 0.001 * k);
      cairo_arc (cr, 60 + 50 * k, 120 + 37 * (k % 5), 30 + 3 * k, 0, 2 * M_PI);
      cairo_fill (cr);
    }
  cairo_set_source_rgba (cr, 0.9, 0.2, 0.1, 0.5);
  cairo_rectangle (cr, 20.3, 330.6, 650.2, 140.4);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.1, 0.6, 0.2);
  cairo_arc (cr, 350, 560, 120.25, 0, 2 * M_PI);
  cairo_fill (cr);
  /* A transparent corner across the middle row (where the halves meet)
   * with a disc whose edge pixels are tinted towards the blue discs': its
   * silhouette is settled in both halves at once (unmix_silhouette). */
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_rectangle (cr, 500, 280, 200, 140);
  cairo_fill (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_set_source_rgb (cr, 0.8, 0.45, 0.5);
  cairo_arc (cr, 600, 350.3, 50.4, 0, 2 * M_PI);
  cairo_fill (cr);
  img = image_from_cairo (s);
  cairo_destroy (cr);
  n = (gsize) img->width * img->height;
  for (int y = 280; y < 420; y++)
    for (int x = 500; x < 700; x++)
      {
        guint8 *p = svgai_image_pixel (img, x, y);
        if (p[3] > 0 && p[3] < 245)
          p[0] = (p[0] + 26) / 2, p[1] = (p[1] + 77) / 2, p[2] = (p[2] + 178) / 2;
      }

  svgai_threads_set_limit (1);
  one = svgai_palette_new (img, 0);
  svgai_threads_set_limit (0);
  two = svgai_palette_new (img, 0);
  if (g_get_num_processors () < 2)
    g_test_message ("one processor: both palettes came from one pass");
  g_assert_nonnull (one);
  g_assert_nonnull (two);
  g_assert_cmpint (one->n_colors, >=, 4);
  g_assert_cmpint (one->n_colors, ==, two->n_colors);
  for (int c = 0; c < one->n_colors; c++)
    g_assert_true (one->colors[c].r == two->colors[c].r && one->colors[c].g == two->colors[c].g &&
                   one->colors[c].b == two->colors[c].b && one->colors[c].a == two->colors[c].a);
  g_assert_cmpmem (one->mix, n * sizeof *one->mix, two->mix, n * sizeof *two->mix);
}

/* The colour of palette entry nearest to (r, g, b), by sRGB distance. */
static int
palette_entry_near (const SvgaiPalette *pal, int r, int g, int b)
{
  int best = -1, best_d = G_MAXINT;

  for (int c = 0; c < pal->n_colors; c++)
    {
      int d = (pal->colors[c].r - r) * (pal->colors[c].r - r) + (pal->colors[c].g - g) * (pal->colors[c].g - g) +
              (pal->colors[c].b - b) * (pal->colors[c].b - b);
      if (d < best_d)
        best_d = d, best = c;
    }
  return best;
}

/* A thin line of a colour of its own that a mix of two other colours
 * matches (Moltin's hexagon: grey #999 is white and the wordmark's dark
 * grey half and half) is no blend where those colours do not meet it:
 * the outline lies between white and the transparent background, the
 * dark grey far off. Dropped as a blend, its pixels went to the nearest
 * colour, an orange, whose fill then painted the orange shape's tip grey. */
static void
test_thin_line_of_its_own (void)
{
  cairo_t *cr = drawing_new (160, 80);
  g_autoptr(SvgaiImage) img = NULL;
  g_autoptr(SvgaiPalette) pal = NULL;
  gboolean grey = FALSE;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_arc (cr, 40, 40, 33, 0, 2 * G_PI);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0x99 / 255.0, 0x99 / 255.0, 0x99 / 255.0);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0xec / 255.0, 0x98 / 255.0, 0x42 / 255.0);
  cairo_arc (cr, 40, 40, 20, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0x3d / 255.0, 0x3d / 255.0, 0x3d / 255.0);
  cairo_rectangle (cr, 96, 20, 50, 40);
  cairo_fill (cr);
  img = drawing_finish (cr);
  pal = svgai_palette_new (img, 0);
  for (int c = 0; c < pal->n_colors; c++)
    {
      g_test_message ("colour %d: #%02x%02x%02x", c, pal->colors[c].r, pal->colors[c].g, pal->colors[c].b);
      grey |= abs (pal->colors[c].r - 0x99) <= 8 && abs (pal->colors[c].g - 0x99) <= 8 && abs (pal->colors[c].b - 0x99) <= 8;
    }
  g_assert_true (grey);
}

/* ... while a blend where its colours meet is still no colour: white and
 * dark grey meeting along a slanted edge, their anti-aliased pixels
 * grey between the two, with an orange disc apart (the nearest colour to
 * that grey, so the grey is first found among pixels the palette does not
 * explain). */
static void
test_blend_at_junction (void)
{
  cairo_t *cr = drawing_new (160, 80);
  g_autoptr(SvgaiImage) img = NULL;
  g_autoptr(SvgaiPalette) pal = NULL;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 4, 4, 90, 72);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0x3d / 255.0, 0x3d / 255.0, 0x3d / 255.0);
  cairo_move_to (cr, 30, 4);
  cairo_line_to (cr, 94, 4);
  cairo_line_to (cr, 94, 76);
  cairo_line_to (cr, 60, 76);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0xec / 255.0, 0x98 / 255.0, 0x42 / 255.0);
  cairo_arc (cr, 130, 40, 20, 0, 2 * G_PI);
  cairo_fill (cr);
  img = drawing_finish (cr);
  pal = svgai_palette_new (img, 0);
  for (int c = 0; c < pal->n_colors; c++)
    g_test_message ("colour %d: #%02x%02x%02x", c, pal->colors[c].r, pal->colors[c].g, pal->colors[c].b);
  g_assert_cmpint (pal->n_colors, ==, 3);
}

/* A disc whose anti-aliased edge pixels are tinted towards another colour
 * of the logo (as artwork that stacks masks renders them): the edge is the
 * disc's colour at the pixel's alpha, not a pixel-by-pixel mix with the
 * other colour (whose teeth both outlines then grew). A thin ring of a
 * colour of its own (68 levels from the disc's) on another disc's edge
 * keeps its colour. */
static void
test_silhouette_edge (void)
{
  static const int disc[3] = { 197, 112, 135 }, tint[3] = { 150, 132, 183 }, ring_rgb[3] = { 230, 160, 100 };
  cairo_t *cr = drawing_new (128, 96);
  g_autoptr(SvgaiImage) img = NULL;
  g_autoptr(SvgaiPalette) pal = NULL;
  int k_disc, k_ring, edge = 0, as_disc = 0, ring = 0, as_ring = 0;

  cairo_set_source_rgb (cr, disc[0] / 255.0, disc[1] / 255.0, disc[2] / 255.0);
  cairo_arc (cr, 32, 40, 24.3, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_arc (cr, 96, 40, 24.3, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, tint[0] / 255.0, tint[1] / 255.0, tint[2] / 255.0);
  cairo_rectangle (cr, 10, 74, 40, 20);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, ring_rgb[0] / 255.0, ring_rgb[1] / 255.0, ring_rgb[2] / 255.0);
  cairo_rectangle (cr, 74, 74, 40, 20);
  cairo_fill (cr);
  cairo_set_line_width (cr, 0.8);
  cairo_arc (cr, 96, 40, 24.7, 0, 2 * G_PI);
  cairo_stroke (cr);
  img = drawing_finish (cr);
  /* The left disc's edge pixels: 60 % of the way to the tint. */
  for (int y = 0; y < 72; y++)
    for (int x = 0; x < 64; x++)
      {
        guint8 *p = svgai_image_pixel (img, x, y);
        if (p[3] == 0 || p[3] >= 245)
          continue;
        for (int ch = 0; ch < 3; ch++)
          p[ch] = (guint8) (disc[ch] + (tint[ch] - disc[ch]) * 6 / 10);
      }

  pal = svgai_palette_new (img, 0);
  k_disc = palette_entry_near (pal, disc[0], disc[1], disc[2]);
  k_ring = palette_entry_near (pal, ring_rgb[0], ring_rgb[1], ring_rgb[2]);
  g_assert_cmpint (abs (pal->colors[k_disc].g - disc[1]), <=, 4);
  g_assert_cmpint (abs (pal->colors[k_ring].g - ring_rgb[1]), <=, 4);
  g_assert_cmpint (abs (pal->colors[palette_entry_near (pal, tint[0], tint[1], tint[2])].g - tint[1]), <=, 4);
  for (int y = 0; y < 72; y++)
    for (int x = 0; x < 128; x++)
      {
        const guint8 *p = svgai_image_pixel (img, x, y);
        SvgaiPixelMix m = pal->mix[(gsize) y * 128 + x];
        int k = m.share >= 128 ? m.first : m.second;   /* whatever its coverage */
        double r = hypot (x + 0.5 - (x < 64 ? 32 : 96), y + 0.5 - 40);

        if (p[3] == 0 || p[3] >= 245)
          continue;
        if (x < 64)
          {
            edge++, as_disc += k == k_disc;
            /* At its own alpha: the shape does not grow. */
            g_assert_cmpint (abs (m.alpha - p[3]), <=, 1);
          }
        else if (r > 24.6)
          ring++, as_ring += k == k_ring;
      }
  g_assert_cmpint (edge, >, 100);
  g_assert_cmpint (as_disc, ==, edge);
  g_assert_cmpint (ring, >, 100);
  g_assert_cmpint (as_ring, >=, ring * 9 / 10);
}

/* The stop colours of the SVG's gradients, in order; returns their number. */
static guint
gradient_stops (const char *svg, SvgaiColor *out, guint max)
{
  guint n = 0;

  for (const char *p = strstr (svg, "<stop"); p && n < max; p = strstr (p + 1, "<stop"))
    {
      g_autofree char *stop = g_strndup (p, strchr (p, '>') - p);
      const char *c = strstr (stop, "stop-color=\"");
      g_autofree char *hex = c ? g_strndup (c + 12, 7) : g_strdup ("#000000");   /* black: the default */

      g_assert_true (svgai_color_parse (hex, &out[n++], NULL));
    }
  return n;
}

static double
lightness (const SvgaiColor *c)
{
  return 0.299 * c->r + 0.587 * c->g + 0.114 * c->b;
}

/* Recolouring a colour traced as a gradient recolours the gradient: every
 * stop takes the new hue and keeps its light and shade (the swatch is one
 * colour, the shape's fill a ramp around it; before, only a stop of that
 * very colour changed, and the shape stayed blue). */
static void
test_recolour_gradient (void)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 128, 96);
  cairo_t *cr = cairo_create (s);
  cairo_pattern_t *ramp = cairo_pattern_create_linear (8, 0, 120, 0);
  g_autoptr(SvgaiImage) img = NULL;
  g_autoptr(SvgaiResult) result = NULL, recoloured = NULL;
  g_autoptr(GError) error = NULL;
  SvgaiPipelineOptions options;
  SvgaiColor before[16], after[16], to = { 0xd0, 0x20, 0x20, 255 };
  const SvgaiSwatch *sw;
  guint n = 0, n_before, n_after;

  cairo_pattern_add_color_stop_rgb (ramp, 0, 0.70, 0.85, 1.0);
  cairo_pattern_add_color_stop_rgb (ramp, 1, 0.05, 0.20, 0.50);
  cairo_set_source (cr, ramp);
  cairo_rectangle (cr, 8, 8, 112, 80);
  cairo_fill (cr);
  cairo_pattern_destroy (ramp);
  cairo_destroy (cr);
  img = image_from_cairo (s);
  cairo_surface_destroy (s);

  svgai_pipeline_options_init (&options);
  options.use_cache = FALSE;
  result = svgai_pipeline_run (img, &options, NULL, &error);
  g_assert_no_error (error);
  n_before = gradient_stops (g_bytes_get_data (svgai_result_get_svg (result), NULL), before, 16);
  g_assert_cmpuint (n_before, >=, 2);
  /* The palette lists the colours of the shapes: the ramp is one (its
   * bands, all in its gradient, are not listed: recolouring them would
   * change nothing). */
  sw = svgai_result_get_palette (result, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat (sw[0].share, ==, 1.0);
  recoloured = svgai_result_recolor (result, &sw[0].color, &to, 1, &error);
  g_assert_no_error (error);
  n_after = gradient_stops (g_bytes_get_data (svgai_result_get_svg (recoloured), NULL), after, 16);
  g_assert_cmpuint (n_after, ==, n_before);
  for (guint i = 0; i < n_after; i++)
    {
      g_assert_cmpint (after[i].r, >, after[i].g + 40);
      g_assert_cmpint (after[i].r, >, after[i].b + 40);
    }
  /* Light to dark still, by much the same amount. */
  g_assert_cmpfloat (lightness (&after[0]) - lightness (&after[n_after - 1]), >,
                     0.5 * (lightness (&before[0]) - lightness (&before[n_before - 1])));
  {
    SvgaiColor same = svgai_color_shift (&sw[0].color, &sw[0].color, &to);
    g_assert_true (same.r == to.r && same.g == to.g && same.b == to.b);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/colour/translucent-shapes", test_translucent_shapes);
  g_test_add_func ("/colour/silhouette-edge", test_silhouette_edge);
  g_test_add_func ("/colour/exact", test_exact_colour);
  g_test_add_func ("/colour/thin-line-of-its-own", test_thin_line_of_its_own);
  g_test_add_func ("/colour/blend-at-junction", test_blend_at_junction);
  g_test_add_func ("/colour/palette-control", test_palette_control);
  g_test_add_func ("/colour/parse", test_color_parse);
  g_test_add_func ("/colour/palette-threads-same", test_palette_threads_same);
  g_test_add_func ("/colour/background", test_background);
  g_test_add_func ("/colour/result-palette", test_result_palette);
  g_test_add_func ("/colour/result-removed-background", test_result_removed_background);
  g_test_add_func ("/colour/recolour-gradient", test_recolour_gradient);
  return g_test_run ();
}
