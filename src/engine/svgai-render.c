/* svgai-render.c: traced geometry and SVG bytes to straight RGBA images.
 *
 * Both paths draw with cairo into an ARGB32 surface (librsvg draws with cairo
 * too), so the geometry render can stand in for the SVG render when measuring
 * quality; tests/test-render.c proves that the two agree. */

#include "svgai-render.h"

#include <cairo.h>
#include <math.h>
#include "svgai.h"
#include "svgai-rsvg.h"

/* Tiles of at most this many pixels a side. */
#define RENDER_TILE 4096

/* Premultiplied native-endian ARGB32 to straight RGBA, rounding like cairo's
 * PNG writer (what rsvg-convert output goes through). */
static void
copy_surface_into (cairo_surface_t *surface, SvgaiImage *image, int x0, int y0)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);

  for (int y = 0; y < height; y++)
    {
      const guint32 *src = (const guint32 *) (data + (gsize) y * stride);
      guint8 *dst = svgai_image_pixel (image, x0, y0 + y);

      for (int x = 0; x < width; x++, dst += 4)
        {
          guint32 p = src[x];
          guint a = p >> 24;
          guint r = (p >> 16) & 0xff;
          guint g = (p >> 8) & 0xff;
          guint b = p & 0xff;

          if (a == 0)
            {
              dst[0] = dst[1] = dst[2] = dst[3] = 0;
              continue;
            }
          if (a != 255)
            {
              r = (r * 255 + a / 2) / a;
              g = (g * 255 + a / 2) / a;
              b = (b * 255 + a / 2) / a;
            }
          dst[0] = r;
          dst[1] = g;
          dst[2] = b;
          dst[3] = a;
        }
    }
}

static SvgaiImage *
image_from_surface (cairo_surface_t *surface)
{
  SvgaiImage *image = svgai_image_new (cairo_image_surface_get_width (surface),
                                       cairo_image_surface_get_height (surface));

  if (image != NULL)
    copy_surface_into (surface, image, 0, 0);
  return image;
}

void
svgai_render_append_path (cairo_t *cr, const SvgaiSegment *segs, guint n_segments)
{
  for (guint i = 0; i < n_segments; i++)
    {
      const SvgaiSegment *s = &segs[i];

      switch (s->kind)
        {
        case SVGAI_SEGMENT_MOVE:
          cairo_move_to (cr, s->p[2].x, s->p[2].y);
          break;
        case SVGAI_SEGMENT_LINE:
          cairo_line_to (cr, s->p[2].x, s->p[2].y);
          break;
        case SVGAI_SEGMENT_CURVE:
          cairo_curve_to (cr, s->p[0].x, s->p[0].y, s->p[1].x, s->p[1].y,
                          s->p[2].x, s->p[2].y);
          break;
        case SVGAI_SEGMENT_CLOSE:
          cairo_close_path (cr);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static cairo_surface_t *
surface_new (int width, int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  return surface;
}

static void
draw_vector (cairo_t *cr, const SvgaiVector *vector)
{
  /* potrace orients holes against their outline, so nonzero keeps them */
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);

  for (guint i = 0; i < vector->layers->len; i++)
    {
      const SvgaiLayer *layer = g_ptr_array_index (vector->layers, i);

      if (layer->segments->len == 0 || layer->a == 0)
        continue;
      svgai_render_append_path (cr, (const SvgaiSegment *) layer->segments->data, layer->segments->len);
      if (layer->gradient.active)
        {
          const SvgaiGradient *g = &layer->gradient;
          double len = hypot (g->to.x - g->from.x, g->to.y - g->from.y);
          cairo_pattern_t *pat;

          if (g->kind == SVGAI_GRADIENT_LINEAR)
            pat = cairo_pattern_create_linear (g->from.x, g->from.y, g->to.x, g->to.y);
          else if (g->ratio <= 0)
            pat = cairo_pattern_create_radial (g->from.x, g->from.y, 0, g->from.x, g->from.y, len);
          else
            {
              /* The circle of the ellipse's first semi-axis, turned onto
               * it and squashed across: a matrix of unit size (pixman
               * keeps the inverse in 16.16 fixed point, so a unit circle
               * scaled by 1/len would lose its precision). */
              double c = (g->to.x - g->from.x) / len, sn = (g->to.y - g->from.y) / len;
              cairo_matrix_t m;

              pat = cairo_pattern_create_radial (0, 0, 0, 0, 0, len);
              cairo_matrix_init (&m, c, sn, -g->ratio * sn, g->ratio * c, g->from.x, g->from.y);
              if (cairo_matrix_invert (&m) == CAIRO_STATUS_SUCCESS)
                cairo_pattern_set_matrix (pat, &m);
            }
          /* Both kinds pad beyond their ends by default, as in SVG. */
          for (guint s = 0; s < g->n_stops; s++)
            {
              const SvgaiGradientStop *st = &g->stops[s];
              cairo_pattern_add_color_stop_rgba (pat, st->offset, st->rgb[0] / 255.0, st->rgb[1] / 255.0,
                                                 st->rgb[2] / 255.0, st->alpha / 255.0 * layer->a / 255.0);
            }
          cairo_set_source (cr, pat);
          cairo_pattern_destroy (pat);
        }
      else
        cairo_set_source_rgba (cr, layer->r / 255.0, layer->g / 255.0, layer->b / 255.0,
                               layer->a / 255.0);
      cairo_fill (cr);
    }
}

SvgaiImage *
svgai_render_vector (const SvgaiVector *vector, int width, int height)
{
  g_autoptr(SvgaiImage) image = NULL;

  g_return_val_if_fail (vector != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (vector->width > 0 && vector->height > 0, NULL);

  image = svgai_image_new (width, height);
  if (image == NULL)
    return NULL;
  /* Cairo surfaces stop at 32767 pixels a side: draw in tiles, which also
   * keeps the temporary surface small for large images. */
  for (int ty = 0; ty < height; ty += RENDER_TILE)
    for (int tx = 0; tx < width; tx += RENDER_TILE)
      {
        cairo_surface_t *surface = surface_new (MIN (RENDER_TILE, width - tx), MIN (RENDER_TILE, height - ty));
        cairo_t *cr;

        if (surface == NULL)
          return NULL;
        cr = cairo_create (surface);
        cairo_translate (cr, -tx, -ty);
        cairo_scale (cr, (double) width / vector->width, (double) height / vector->height);
        draw_vector (cr, vector);
        cairo_destroy (cr);
        copy_surface_into (surface, image, tx, ty);
        cairo_surface_destroy (surface);
      }
  return g_steal_pointer (&image);
}

SvgaiImage *
svgai_render_svg (GBytes *svg, int width, int height, GError **error)
{
  RsvgHandle *handle;
  cairo_surface_t *surface;
  cairo_t *cr;
  RsvgRectangle viewport = { 0.0, 0.0, width, height };
  gsize len;
  const guint8 *data;
  gboolean ok;
  SvgaiImage *image;

  g_return_val_if_fail (svg != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (svg, &len);
  handle = svgai_rsvg_handle_new_from_data (data, len, error);
  if (handle == NULL)
    return NULL;

  surface = surface_new (width, height);
  if (surface == NULL)
    {
      g_object_unref (handle);
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE,
                   "Cannot allocate a %d × %d image to render the SVG", width, height);
      return NULL;
    }
  cr = cairo_create (surface);
  ok = svgai_rsvg_render_document (handle, cr, &viewport, error);
  cairo_destroy (cr);
  g_object_unref (handle);

  image = ok ? image_from_surface (surface) : NULL;
  cairo_surface_destroy (surface);
  return image;
}
