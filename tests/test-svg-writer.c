/* The SVG writer: exact compact output for known geometry. */
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
                   "<path id=\"fill-ff0000\" fill=\"#f00\" d=\"m10 10h20.5v10h-20.5z\"/></svg>\n");
}

static void
test_numbers_and_repeats (void)
{
  g_autoptr(SvgaiVector) v = svgai_vector_new (100, 100);
  SvgaiLayer *l = svgai_vector_add_layer (v, 0x12, 0x34, 0x56, 255);
  SvgaiSegment c = { SVGAI_SEGMENT_CURVE, { { 1.5, 1.5 }, { 2, 1.2 }, { 2.5, 0.5 } } };
  g_autofree char *s = NULL;

  add (l->segments, SVGAI_SEGMENT_MOVE, 1, 1);
  add (l->segments, SVGAI_SEGMENT_LINE, 1.5, 0.5);   /* implicit l after m; no separator before - */
  add (l->segments, SVGAI_SEGMENT_LINE, 2, 1.5);     /* implicit l */
  g_array_append_val (l->segments, c);
  c.p[0] = (SvgaiPoint) { 3, 0.5 };
  c.p[1] = (SvgaiPoint) { 3, 1 };
  c.p[2] = (SvgaiPoint) { 1, 1 };
  g_array_append_val (l->segments, c);               /* implicit c */
  add (l->segments, SVGAI_SEGMENT_CLOSE, 0, 0);
  add (l->segments, SVGAI_SEGMENT_MOVE, 5, 5);       /* relative to the last start */
  add (l->segments, SVGAI_SEGMENT_LINE, 6, 6);
  add (l->segments, SVGAI_SEGMENT_LINE, 5, 6);
  add (l->segments, SVGAI_SEGMENT_CLOSE, 0, 0);
  s = write_string (v);
  g_assert_nonnull (strstr (s, "<path id=\"fill-123456\" fill=\"#123456\" d=\"m1 1 .5-.5.5 1c-.5 0 0-.3.5-1 .5 0 .5.5-1.5.5zm4 4 1 1h-1z\"/>"));
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
  g_assert_nonnull (strstr (s, "d=\"m.25.25h10l-10 9.25z\""));
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
                               "<path id=\"fill-linear-ff0000\" fill=\"url(#linear-ff0000)\""));

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
  g_test_add_func ("/svg-writer/numbers-and-repeats", test_numbers_and_repeats);
  g_test_add_func ("/svg-writer/precision-small-image", test_precision_small_image);
  g_test_add_func ("/svg-writer/empty-and-gradient", test_empty_and_gradient);
  return g_test_run ();
}
