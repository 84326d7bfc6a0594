/* Shading no single gradient explains (svgai-shading.h): soft colour blobs
 * over a base come back as one clipped group of blobs, seamless; a field
 * of facets meeting at folds is refused (its folds stay bands). */
#include <math.h>
#include <string.h>
#include "test-cairo-image.h"
#include "engine/svgai-render.h"
#include "engine/svgai-shading.h"
#include "engine/svgai-svg-writer.h"

#define SIZE 200

/* A blob as the artwork draws it (a blurred ellipse): one colour fading
 * out smoothly from its centre (a raised cosine). */
static void
blob (cairo_t *cr, double cx, double cy, double r, double red, double green, double blue)
{
  cairo_pattern_t *p = cairo_pattern_create_radial (cx, cy, 0, cx, cy, r);

  for (int k = 0; k <= 16; k++)
    cairo_pattern_add_color_stop_rgba (p, k / 16.0, red, green, blue, 0.45 * (1 + cos (M_PI * k / 16.0)));
  cairo_set_source (cr, p);
  cairo_paint (cr);
  cairo_pattern_destroy (p);
}

/* A rounded square of a yellow base under red, blue and green blobs. */
static SvgaiImage *
blobs_drawing (void)
{
  cairo_t *cr = drawing_new (SIZE, SIZE);

  cairo_new_path (cr);
  cairo_arc (cr, 50, 50, 30, M_PI, 1.5 * M_PI);
  cairo_arc (cr, 150, 50, 30, 1.5 * M_PI, 2 * M_PI);
  cairo_arc (cr, 150, 150, 30, 0, 0.5 * M_PI);
  cairo_arc (cr, 50, 150, 30, 0.5 * M_PI, M_PI);
  cairo_close_path (cr);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 0.95, 0.85, 0.2);
  cairo_paint (cr);
  blob (cr, 60, 60, 110, 0.9, 0.15, 0.2);
  blob (cr, 150, 90, 100, 0.15, 0.35, 0.95);
  blob (cr, 90, 160, 80, 0.1, 0.75, 0.35);
  return drawing_finish (cr);
}

static guint
count (const char *svg, const char *what)
{
  guint n = 0;

  for (const char *p = svg; (p = strstr (p, what)); p++)
    n++;
  return n;
}

static void
test_blobs (void)
{
  g_autoptr(SvgaiImage) img = blobs_drawing ();
  g_autoptr(SvgaiVector) v = trace_default (img);
  g_autoptr(GBytes) svg = svgai_svg_write (v);
  g_autofree char *text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  g_autoptr(SvgaiImage) drawn = NULL;
  g_autoptr(GError) error = NULL;
  double sum = 0;
  int step_drawn = 0, step_traced = 0;
  guint n = 0;

  g_test_message ("%s", text);
  /* one outline, clipping the base and the blobs: no bands */
  g_assert_cmpuint (count (text, "<clipPath"), ==, 1);
  g_assert_cmpuint (count (text, "<path"), ==, 1);
  g_assert_cmpuint (count (text, "<circle"), >=, 3);
  /* the outline is counted once, as written */
  {
    const SvgaiLayer *base = g_ptr_array_index (v->layers, 0);
    guint nodes = 0;

    for (guint j = 0; j < base->segments->len; j++)
      nodes += g_array_index (base->segments, SvgaiSegment, j).kind == SVGAI_SEGMENT_LINE ||
               g_array_index (base->segments, SvgaiSegment, j).kind == SVGAI_SEGMENT_CURVE;
    g_assert_cmpuint (v->layers->len, ==, 1 + count (text, "<circle"));
    g_assert_cmpuint (svgai_vector_count_nodes (v), ==, nodes);
    g_assert_cmpuint (svgai_vector_count_paths (v), ==, 1);
  }
  drawn = svgai_render_svg (svg, SIZE, SIZE, &error);
  g_assert_no_error (error);
  /* inside the shape: close to the drawing, and as seamless (no step
   * between neighbours steeper than the drawing's, where bands would
   * leave seams) */
  for (int y = 1; y < SIZE - 1; y++)
    for (int x = 1; x < SIZE - 1; x++)
      {
        const guint8 *p = svgai_image_pixel (img, x, y), *q = svgai_image_pixel (drawn, x, y);

        if (p[3] < 255 || q[3] < 255 || svgai_image_pixel (img, x + 1, y)[3] < 255 ||
            svgai_image_pixel (img, x, y + 1)[3] < 255)
          continue;
        for (int c = 0; c < 3; c++)
          {
            sum += abs (q[c] - p[c]), n++;
            step_drawn = MAX (step_drawn, abs (p[c] - svgai_image_pixel (img, x + 1, y)[c]));
            step_drawn = MAX (step_drawn, abs (p[c] - svgai_image_pixel (img, x, y + 1)[c]));
            step_traced = MAX (step_traced, abs (q[c] - svgai_image_pixel (drawn, x + 1, y)[c]));
            step_traced = MAX (step_traced, abs (q[c] - svgai_image_pixel (drawn, x, y + 1)[c]));
          }
      }
  g_test_message ("inside: %.2f levels off on average; steepest step %d levels (drawing %d)", sum / n, step_traced,
                  step_drawn);
  g_assert_cmpfloat (sum / n, <=, 5.0);
  g_assert_cmpint (step_traced, <=, step_drawn + 2);
}

/* Samples of a field: a pyramid (the colour falls 3 levels a pixel from
 * its top, folding along the lines through it), or the blobs' drawing. */
static gsize
samples_of (const SvgaiImage *img, gboolean pyramid, SvgaiColorSample *s)
{
  int lo = pyramid ? 60 : 30, hi = SIZE - lo;
  gsize n = 0;

  for (int y = lo; y < hi; y++)
    for (int x = lo; x < hi; x++, n++)
      {
        s[n].x = x + 0.5f, s[n].y = y + 0.5f;
        s[n].rgba[3] = 255;
        if (!pyramid)
          memcpy (s[n].rgba, svgai_image_pixel (img, x, y), 3);
        else
          {
            int fall = 3 * (abs (x - SIZE / 2) + abs (y - SIZE / 2));

            s[n].rgba[0] = (guint8) (250 - fall);
            s[n].rgba[1] = (guint8) (30 + fall / 3);
            s[n].rgba[2] = 90;
          }
      }
  return n;
}

static void
test_folds (void)
{
  g_autoptr(SvgaiImage) img = blobs_drawing ();
  g_autofree SvgaiColorSample *s = g_new (SvgaiColorSample, SIZE * SIZE);
  SvgaiShading shading;
  double rms;
  gsize n;

  n = samples_of (img, FALSE, s);
  g_assert_true (
    svgai_shading_fit_in_box (s, n, 30, 30, SIZE - 30, SIZE - 30, 1, SVGAI_SHADING_ENOUGH, &shading, &rms));
  g_test_message ("blobs: %u, %.2f levels left", shading.n_blobs, rms);
  g_assert_cmpfloat (rms, <=, 7.0);
  n = samples_of (img, TRUE, s);
  g_assert_false (
    svgai_shading_fit_in_box (s, n, 60, 60, SIZE - 60, SIZE - 60, 1, SVGAI_SHADING_ENOUGH, &shading, &rms));
}

/* Appends the square (x, y)-(x + size, y + size) to layer l. */
static void
square (SvgaiLayer *l, double x, double y, double size)
{
  SvgaiSegment box[SVGAI_GRADIENT_BOX_SEGMENTS];

  svgai_gradient_box (x, y, x + size, y + size, box);
  g_array_append_vals (l->segments, box, G_N_ELEMENTS (box));
}

/* A shading written after a shape of its base's flat colour: its own
 * clipped group (not in the shape's <g fill>, where its blobs would each
 * repeat the outline), its blob a circle. */
static void
test_writer (void)
{
  g_autoptr(SvgaiVector) v = svgai_vector_new (100, 100);
  SvgaiLayer *l;
  g_autoptr(GBytes) svg = NULL;
  g_autofree char *text = NULL;

  square (svgai_vector_add_layer (v, 200, 40, 40, 255), 5, 5, 20);
  square (svgai_vector_add_layer (v, 200, 40, 40, 255), 40, 40, 50);
  l = svgai_vector_add_layer (v, 200, 40, 40, 255);
  square (l, 40, 40, 50);
  l->gradient = (SvgaiGradient) { TRUE, SVGAI_GRADIENT_RADIAL, { 60, 60 }, { 90, 60 }, 0, 2,
                                  { { 0, { 20, 40, 220 }, 255 }, { 1, { 20, 40, 220 }, 0 } } };
  svg = svgai_svg_write (v);
  text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  g_test_message ("%s", text);
  g_assert_cmpuint (count (text, "<clipPath"), ==, 1);
  g_assert_cmpuint (count (text, "<g fill"), ==, 0);
  g_assert_cmpuint (count (text, "<circle"), ==, 1);
  g_assert_nonnull (strstr (text, "cx=\"60\" cy=\"60\" r=\"30\""));
  /* the repeated outline counts once: two squares of three lines */
  g_assert_cmpuint (svgai_vector_count_nodes (v), ==, 6);
  /* and is one shape: the designer sees two, not three */
  g_assert_cmpuint (svgai_vector_count_paths (v), ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  svgai_init (NULL);
  g_test_add_func ("/shading/blobs", test_blobs);
  g_test_add_func ("/shading/folds", test_folds);
  g_test_add_func ("/shading/writer", test_writer);
  return g_test_run ();
}
