/* The SVG writer: exact compact output for known geometry. */
#include <cairo.h>
#include <string.h>
#include "engine/svgai-render.h"
#include "engine/svgai-svg-writer.h"

static void
add (GArray *segs, SvgaiSegmentKind kind, double x, double y)
{
  SvgaiSegment s = { kind, { { 0, 0 }, { 0, 0 }, { x, y } } };
  g_array_append_val (segs, s);
}

static char *
write_string (SvgaiVector *v)
{
  g_autoptr(GBytes) svg = svgai_svg_write (v);
  return g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
}

static void
test_square (void)
{
  g_autoptr(SvgaiVector) v = svgai_vector_new (100, 80);
  SvgaiLayer *l = svgai_vector_add_layer (v, 255, 0, 0, 255);
  g_autofree char *s = NULL;

  add (l->segments, SVGAI_SEGMENT_MOVE, 10, 10);
  add (l->segments, SVGAI_SEGMENT_LINE, 30.5, 10);
  add (l->segments, SVGAI_SEGMENT_LINE, 30.5, 20);
  add (l->segments, SVGAI_SEGMENT_LINE, 10, 20);
  add (l->segments, SVGAI_SEGMENT_LINE, 10, 10);   /* dropped: z closes */
  add (l->segments, SVGAI_SEGMENT_CLOSE, 0, 0);
  s = write_string (v);
  g_assert_cmpstr (s, ==,
                   "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"80\" viewBox=\"0 0 100 80\">"
                   "<rect id=\"fill-ff0000\" fill=\"#f00\" x=\"10\" y=\"10\" width=\"20.5\" height=\"10\"/></svg>\n");
}

/* Adds the quarter arc from the current end to (x, y) about (ox, oy). */
static void
add_quarter (GArray *segs, double ox, double oy, double x, double y)
{
  const double k = 0.5522847498;
  SvgaiPoint a = g_array_index (segs, SvgaiSegment, segs->len - 1).p[2];
  SvgaiSegment s = { SVGAI_SEGMENT_CURVE,
                     { { a.x + k * (x - ox), a.y + k * (y - oy) }, { x + k * (a.x - ox), y + k * (a.y - oy) }, { x, y } } };
  g_array_append_val (segs, s);
}

/* The geometry's coverage (alpha) filled as paths by cairo, the way
 * librsvg fills a path: so the comparison below sees only the shapes, not
 * two scan converters. */
static guint8 *
cairo_path_alpha (SvgaiVector *v)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, v->width, v->height);
  cairo_t *cr = cairo_create (surface);
  guint8 *alpha = g_new (guint8, (gsize) v->width * v->height);

  for (guint i = 0; i < v->layers->len; i++)
    {
      SvgaiLayer *l = g_ptr_array_index (v->layers, i);

      for (guint j = 0; j < l->segments->len; j++)
        {
          const SvgaiSegment *s = &g_array_index (l->segments, SvgaiSegment, j);

          if (s->kind == SVGAI_SEGMENT_MOVE)
            cairo_move_to (cr, s->p[2].x, s->p[2].y);
          else if (s->kind == SVGAI_SEGMENT_LINE)
            cairo_line_to (cr, s->p[2].x, s->p[2].y);
          else if (s->kind == SVGAI_SEGMENT_CURVE)
            cairo_curve_to (cr, s->p[0].x, s->p[0].y, s->p[1].x, s->p[1].y, s->p[2].x, s->p[2].y);
          else
            cairo_close_path (cr);
        }
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  for (int y = 0; y < v->height; y++)
    memcpy (alpha + (gsize) y * v->width,
            cairo_image_surface_get_data (surface) + (gsize) y * cairo_image_surface_get_stride (surface), v->width);
  cairo_surface_destroy (surface);
  return alpha;
}

/* Librsvg's drawing of the written SVG matches cairo's fill of the
 * geometry: the element draws the same shape as the path would. And the
 * engine's own drawing stays within the levels its scan converter may
 * differ from cairo's (test-render.c). */
static void
assert_draws_the_same (SvgaiVector *v)
{
  g_autoptr(GBytes) bytes = svgai_svg_write (v);
  g_autoptr(GError) error = NULL;
  g_autoptr(SvgaiImage) a = svgai_render_svg (bytes, v->width, v->height, &error);
  g_autoptr(SvgaiImage) b = svgai_render_vector (v, v->width, v->height);
  g_autofree guint8 *c = cairo_path_alpha (v);
  int worst = 0, worst_engine = 0;

  g_assert_no_error (error);
  for (int y = 0; y < v->height; y++)
    for (int x = 0; x < v->width; x++)
      {
        int ra = svgai_image_pixel (a, x, y)[3];

        worst = MAX (worst, abs (ra - c[y * v->width + x]));
        worst_engine = MAX (worst_engine, abs (ra - svgai_image_pixel (b, x, y)[3]));
      }
  g_assert_cmpint (worst, <=, 8);
  g_assert_cmpint (worst_engine, <=, 8 + 14);
}

/* Exact shapes are written as the element a designer would draw them with;
 * anything else stays a path. */
static void
test_shapes (void)
{
  const char *const expected[] = {
    "<circle id=\"fill-000000\" fill=\"#000\" cx=\"40\" cy=\"30\" r=\"12.5\"/>",
    "<ellipse id=\"fill-000000\" fill=\"#000\" cx=\"40\" cy=\"30\" rx=\"20\" ry=\"10\"/>",
    "<ellipse id=\"fill-000000\" fill=\"#000\" cx=\"40\" cy=\"30\" rx=\"20\" ry=\"10\" transform=\"rotate(36.87 40 30)\"/>",
    "<rect id=\"fill-000000\" fill=\"#000\" x=\"10\" y=\"5\" width=\"60\" height=\"40\" rx=\"6\"/>",
    "<path id=\"fill-000000\" fill=\"#000\" d=\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(SvgaiVector) v = svgai_vector_new (80, 60);
      SvgaiLayer *l = svgai_vector_add_layer (v, 0, 0, 0, 255);
      GArray *s = l->segments;
      g_autofree char *out = NULL;

      if (i == 0)
        {
          add (s, SVGAI_SEGMENT_MOVE, 52.5, 30);
          add_quarter (s, 40, 30, 40, 42.5), add_quarter (s, 40, 30, 27.5, 30);
          add_quarter (s, 40, 30, 40, 17.5), add_quarter (s, 40, 30, 52.5, 30);
        }
      else if (i == 1 || i == 2)
        {
          /* Axes (20, 0) and (0, 10), or turned by atan (3/4). */
          double ux = i == 1 ? 20 : 16, uy = i == 1 ? 0 : 12, vx = i == 1 ? 0 : -6, vy = i == 1 ? 10 : 8;
          add (s, SVGAI_SEGMENT_MOVE, 40 + ux, 30 + uy);
          add_quarter (s, 40, 30, 40 + vx, 30 + vy), add_quarter (s, 40, 30, 40 - ux, 30 - uy);
          add_quarter (s, 40, 30, 40 - vx, 30 - vy), add_quarter (s, 40, 30, 40 + ux, 30 + uy);
        }
      else
        {
          /* A rounded rectangle, then the same with one corner pulled
           * 2 px out of line: no longer a rectangle. */
          double pull = i == 4 ? 2 : 0;
          add (s, SVGAI_SEGMENT_MOVE, 16, 5);
          add (s, SVGAI_SEGMENT_LINE, 64, 5);
          add_quarter (s, 64, 11, 70 + pull, 11);
          add (s, SVGAI_SEGMENT_LINE, 70, 39);
          add_quarter (s, 64, 39, 64, 45);
          add (s, SVGAI_SEGMENT_LINE, 16, 45);
          add_quarter (s, 16, 39, 10, 39);
          add (s, SVGAI_SEGMENT_LINE, 10, 11);
          add_quarter (s, 16, 11, 16, 5);
        }
      add (s, SVGAI_SEGMENT_CLOSE, 0, 0);
      out = write_string (v);
      g_test_message ("%s", out);
      g_assert_nonnull (strstr (out, expected[i]));
      assert_draws_the_same (v);
    }
}

static void
test_numbers_and_repeats (void)
{
  g_autoptr(SvgaiVector) v = svgai_vector_new (100, 100);
  SvgaiLayer *l = svgai_vector_add_layer (v, 0x12, 0x34, 0x56, 255);
  SvgaiSegment c = { SVGAI_SEGMENT_CURVE, { { 1.5, 1.5 }, { 2, 1.2 }, { 2.5, 0.5 } } };
  g_autofree char *s = NULL;

  /* Each contour starts at the end of the line that saves most, its move
   * counted, which "z" then draws; no separator before "-" or after a
   * number with a dot before ".5"; absolute numbers where they are
   * shorter. */
  add (l->segments, SVGAI_SEGMENT_MOVE, 1, 1);
  add (l->segments, SVGAI_SEGMENT_LINE, 1.5, 0.5);   /* the start moves to its end; "z" draws it */
  add (l->segments, SVGAI_SEGMENT_LINE, 2, 1.5);     /* implicit "l" after "m" */
  g_array_append_val (l->segments, c);
  c.p[0] = (SvgaiPoint) { 3, 0.5 };
  c.p[1] = (SvgaiPoint) { 3, 1 };
  c.p[2] = (SvgaiPoint) { 1, 1 };
  g_array_append_val (l->segments, c);               /* "C": shorter than relative */
  add (l->segments, SVGAI_SEGMENT_CLOSE, 0, 0);
  add (l->segments, SVGAI_SEGMENT_MOVE, 5, 5);
  add (l->segments, SVGAI_SEGMENT_LINE, 6, 6);       /* "M6 6": shorter than "m4.5 5.5" */
  add (l->segments, SVGAI_SEGMENT_LINE, 5, 6);       /* "H5" for "h-1" */
  add (l->segments, SVGAI_SEGMENT_CLOSE, 0, 0);
  s = write_string (v);
  g_test_message ("%s", s);
  g_assert_nonnull (strstr (s, "<path id=\"fill-123456\" fill=\"#123456\" d=\"m1.5.5.5 1c-.5 0 0-.3.5-1C3 .5 3 1 1 1zM6 6H5V5z\"/>"));
  assert_draws_the_same (v);
}

static void
add_curve (GArray *segs, double x1, double y1, double x2, double y2, double x, double y)
{
  SvgaiSegment s = { SVGAI_SEGMENT_CURVE, { { x1, y1 }, { x2, y2 }, { x, y } } };
  g_array_append_val (segs, s);
}

/* "s" where a cubic's first control point mirrors the previous cubic's
 * second (or is the current point after a line), never after a "q"; "q"
 * where a cubic is exactly a quadratic with its control point on the
 * grid. librsvg draws what the engine draws. */
static void
test_shorthands (void)
{
  g_autoptr(SvgaiVector) v = svgai_vector_new (100, 100);
  SvgaiLayer *l = svgai_vector_add_layer (v, 0, 0, 0, 255);
  GArray *s = l->segments;
  g_autofree char *out = NULL;

  add (s, SVGAI_SEGMENT_MOVE, 10, 10);
  add_curve (s, 10, 20, 20, 30, 30, 30);
  add_curve (s, 40, 30, 50, 20, 50, 10);                        /* mirror of (20, 30): s */
  add_curve (s, 50 + 20.0 / 3, 10 - 20.0 / 3, 70 - 20.0 / 3, 10 - 20.0 / 3, 70, 10);   /* q about (60, 0) */
  add_curve (s, 70 + 20.0 / 3, 10 + 20.0 / 3, 80, 40, 70, 40);  /* mirrors the q's cubic: still c */
  add (s, SVGAI_SEGMENT_LINE, 60, 50);
  add_curve (s, 60, 50, 40, 60, 30, 50);                        /* starts at the current point: s */
  add_curve (s, 25, 40, 10, 20, 10, 10);                        /* not the mirror of (40, 60): c */
  add (s, SVGAI_SEGMENT_CLOSE, 0, 0);
  out = write_string (v);
  g_test_message ("%s", out);
  /* The contour starts after its one line, which "z" draws. */
  g_assert_nonnull (strstr (out, "d=\"m60 50s-20 10-30 0c-5-10-20-30-20-40 0 10 10 20 20 20s20-10 20-20q10-10 20 0"
                                 "c6.7 6.7 10 30 0 30z\""));
  assert_draws_the_same (v);
}

static void
test_precision_small_image (void)
{
  g_autoptr(SvgaiVector) v = svgai_vector_new (16, 16);
  SvgaiLayer *l = svgai_vector_add_layer (v, 0, 0, 0, 255);
  g_autofree char *s = NULL;

  g_assert_cmpint (svgai_svg_precision (16, 16), ==, 2);
  g_assert_cmpint (svgai_svg_precision (256, 256), ==, 1);
  add (l->segments, SVGAI_SEGMENT_MOVE, 0.25, 0.25);
  add (l->segments, SVGAI_SEGMENT_LINE, 10.25, 0.25);
  add (l->segments, SVGAI_SEGMENT_LINE, 0.25, 9.5);
  add (l->segments, SVGAI_SEGMENT_CLOSE, 0, 0);
  s = write_string (v);
  g_test_message ("%s", s);
  g_assert_nonnull (strstr (s, "d=\"m.25 9.5V.25h10z\""));
}

static void
test_empty_and_gradient (void)
{
  g_autoptr(SvgaiVector) v = svgai_vector_new (200, 100);
  g_autofree char *empty = write_string (v);
  SvgaiLayer *l;
  g_autofree char *s = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SvgaiImage) img = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (strstr (empty, "<path"));
  g_assert_nonnull (strstr (empty, "viewBox=\"0 0 200 100\""));

  l = svgai_vector_add_layer (v, 0, 0, 0, 255);
  l->gradient.active = TRUE;
  l->gradient.from = (SvgaiPoint) { 0, 0 };
  l->gradient.to = (SvgaiPoint) { 200, 0 };
  l->gradient.n_stops = 2;
  l->gradient.stops[0] = (SvgaiGradientStop) { 0, { 255, 0, 0 }, 255 };
  l->gradient.stops[1] = (SvgaiGradientStop) { 1, { 0, 0, 255 }, 255 };
  add (l->segments, SVGAI_SEGMENT_MOVE, 0, 0);
  add (l->segments, SVGAI_SEGMENT_LINE, 200, 0);
  add (l->segments, SVGAI_SEGMENT_LINE, 200, 100);
  add (l->segments, SVGAI_SEGMENT_LINE, 0, 100);
  add (l->segments, SVGAI_SEGMENT_CLOSE, 0, 0);
  s = write_string (v);
  g_assert_nonnull (strstr (s, "<defs><linearGradient id=\"linear-ff0000\" gradientUnits=\"userSpaceOnUse\" x1=\"0\" y1=\"0\" x2=\"200\" y2=\"0\">"
                               "<stop stop-color=\"#f00\"/><stop offset=\"1\" stop-color=\"#00f\"/></linearGradient></defs>"
                               "<rect id=\"fill-linear-ff0000\" fill=\"url(#linear-ff0000)\""));

  /* librsvg draws the gradient: red on the left, blue on the right. */
  bytes = svgai_svg_write (v);
  img = svgai_render_svg (bytes, 200, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpint (svgai_image_pixel (img, 1, 50)[0], >, 240);
  g_assert_cmpint (svgai_image_pixel (img, 198, 50)[2], >, 240);
  g_assert_cmpint (abs (svgai_image_pixel (img, 100, 50)[0] - 128), <, 6);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/svg-writer/square", test_square);
  g_test_add_func ("/svg-writer/shapes", test_shapes);
  g_test_add_func ("/svg-writer/numbers-and-repeats", test_numbers_and_repeats);
  g_test_add_func ("/svg-writer/shorthands", test_shorthands);
  g_test_add_func ("/svg-writer/precision-small-image", test_precision_small_image);
  g_test_add_func ("/svg-writer/empty-and-gradient", test_empty_and_gradient);
  return g_test_run ();
}
