/* A soft shadow (one colour whose alpha fades out, here an elliptical
 * radial fade under a disc, as Sinatra's hat casts) is traced as one shape
 * under the disc, filled with one radial gradient whose stop opacities
 * draw the fade: not as opaque bands with hard edges and translucent rings
 * beside them, nor with a seam where the disc meets it (issue 13); the
 * palette panel shows its colour once. */
#include <cairo.h>
#include <math.h>
#include "engine/svgai-quality.h"
#include "engine/svgai-render.h"
#include "engine/svgai-svg-writer.h"
#include "test-cairo-image.h"

#define W 160
#define H 140

/* The shadow: centre, semi-axes, and where (as a share of the radius) its
 * opaque middle starts to fade. */
static const double CX = 80, CY = 96, RX = 64, RY = 24, PLATEAU = 0.6;

static SvgaiImage *
draw_hat (void)
{
  cairo_t *cr = drawing_new (W, H);
  cairo_pattern_t *p = cairo_pattern_create_radial (0, 0, 0, 0, 0, 1);
  cairo_matrix_t m;

  cairo_pattern_add_color_stop_rgba (p, 0, 0.45, 0.44, 0.46, 1);
  cairo_pattern_add_color_stop_rgba (p, PLATEAU, 0.45, 0.44, 0.46, 1);
  cairo_pattern_add_color_stop_rgba (p, 1, 0.45, 0.44, 0.46, 0);
  cairo_matrix_init (&m, RX, 0, 0, RY, CX, CY);
  cairo_matrix_invert (&m);
  cairo_pattern_set_matrix (p, &m);
  cairo_set_source (cr, p);
  cairo_save (cr);
  cairo_translate (cr, CX, CY);
  cairo_scale (cr, RX, RY);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_restore (cr);
  cairo_fill (cr);
  cairo_pattern_destroy (p);
  /* the disc casting it, over its upper half */
  cairo_set_source_rgb (cr, 0.93, 0.91, 0.87);
  cairo_arc (cr, CX, 70, 36, 0, 2 * G_PI);
  cairo_fill (cr);
  return drawing_finish (cr);
}

static void
test_soft_shadow (void)
{
  g_autoptr(SvgaiImage) img = draw_hat ();
  g_autoptr(SvgaiVector) v = trace_default (img);
  g_autoptr(GBytes) svg = svgai_svg_write (v);
  g_autoptr(GError) error = NULL;
  g_autoptr(SvgaiImage) drawn = svgai_render_svg (svg, W, H, &error);
  const SvgaiLayer *shadow = NULL;
  const SvgaiGradient *g;
  guint shadow_index = 0, n_faded = 0;
  int deepest_dip = 0;
  double ssim;

  g_assert_no_error (error);
  for (guint i = 0; i < v->layers->len; i++)
    {
      const SvgaiLayer *l = g_ptr_array_index (v->layers, i);

      g_test_message ("layer %u: #%02x%02x%02x, alpha %d, %s", i, l->r, l->g, l->b, l->a,
                      !l->gradient.active ? "flat"
                      : l->gradient.kind == SVGAI_GRADIENT_RADIAL ? "radial" : "linear");
      if (l->r < 160)
        {
          n_faded++;
          shadow = l, shadow_index = i;
        }
    }
  /* One shape of the shadow's colour, under the disc. */
  g_assert_cmpuint (n_faded, ==, 1);
  g_assert_cmpuint (shadow_index, ==, 0);
  g = &shadow->gradient;
  g_assert_true (g->active);
  g_assert_cmpint (g->kind, ==, SVGAI_GRADIENT_RADIAL);
  g_test_message ("centre (%.1f, %.1f), semi-axis %.1f, ratio %.3f, stops %.3f (%d) .. %.3f (%d)", g->from.x,
                  g->from.y, hypot (g->to.x - g->from.x, g->to.y - g->from.y), g->ratio, g->stops[0].offset,
                  g->stops[0].alpha, g->stops[g->n_stops - 1].offset, g->stops[g->n_stops - 1].alpha);
  g_assert_cmpfloat (hypot (g->from.x - CX, g->from.y - CY), <=, 2.0);
  g_assert_cmpfloat (fabs (g->ratio - RY / RX), <=, 0.05);
  /* it fades: opaque inside, nearly transparent at its rim */
  g_assert_cmpint (g->stops[0].alpha * shadow->a / 255, >=, 240);
  g_assert_cmpint (g->stops[g->n_stops - 1].alpha * shadow->a / 255, <=, 40);

  /* As drawn, with no seam: no pixel is fainter than the source by more
   * than anti-aliasing explains. */
  ssim = svgai_quality_ssim (drawn, img);
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      deepest_dip = MAX (deepest_dip, svgai_image_pixel (img, x, y)[3] - svgai_image_pixel (drawn, x, y)[3]);
  g_test_message ("SSIM %.4f, deepest alpha dip %d levels", ssim, deepest_dip);
  g_assert_cmpfloat (ssim, >=, 0.99);
  g_assert_cmpint (deepest_dip, <=, 40);

  /* The palette panel shows the shadow's colour once, not its fade's copy
   * beside it. */
  for (guint i = 0; i < v->swatches->len; i++)
    for (guint j = i + 1; j < v->swatches->len; j++)
      {
        const SvgaiColor *a = &g_array_index (v->swatches, SvgaiSwatch, i).color;
        const SvgaiColor *b = &g_array_index (v->swatches, SvgaiSwatch, j).color;

        g_assert_false (a->r == b->r && a->g == b->g && a->b == b->b && a->a == b->a);
      }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/soft-shadow/one-fading-shape", test_soft_shadow);
  return g_test_run ();
}
