/* SPDX-License-Identifier: GPL-3.0-or-later */
/* svgai-render-svg.c: SVG bytes to a straight RGBA image, drawn by librsvg
 * (opened on first use, svgai-rsvg.c). */

#include "svgai-render.h"

#include <cairo.h>
#include "svgai.h"
#include "svgai-rsvg.h"

static cairo_surface_t *
surface_new (const SvgaiCairo *c, int width, int height)
{
  cairo_surface_t *surface = c->image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  if (c->surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      c->surface_destroy (surface);
      return NULL;
    }
  return surface;
}

/* Premultiplied native-endian ARGB32 to straight RGBA. */
static SvgaiImage *
image_from_surface (const SvgaiCairo *c, cairo_surface_t *surface)
{
  int width = c->image_surface_get_width (surface);
  int height = c->image_surface_get_height (surface);
  int stride = c->image_surface_get_stride (surface);
  SvgaiImage *image = svgai_image_new (width, height);
  const guint8 *data;

  if (image == NULL)
    return NULL;
  c->surface_flush (surface);
  data = c->image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    {
      const guint32 *src = (const guint32 *) (data + (gsize) y * stride);
      guint8 *dst = svgai_image_pixel (image, 0, y);

      for (int x = 0; x < width; x++, dst += 4)
        {
          dst[0] = (src[x] >> 16) & 0xff;
          dst[1] = (src[x] >> 8) & 0xff;
          dst[2] = src[x] & 0xff;
          dst[3] = src[x] >> 24;
        }
      svgai_render_unpremultiply_row (svgai_image_pixel (image, 0, y), width);
    }
  return image;
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
  const SvgaiCairo *c;

  g_return_val_if_fail (svg != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  c = svgai_rsvg_cairo (error);
  if (c == NULL)
    return NULL;
  data = g_bytes_get_data (svg, &len);
  handle = svgai_rsvg_handle_new_from_data (data, len, error);
  if (handle == NULL)
    return NULL;

  surface = surface_new (c, width, height);
  if (surface == NULL)
    {
      g_object_unref (handle);
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE,
                   "Cannot allocate a %d × %d image to render the SVG", width, height);
      return NULL;
    }
  cr = c->create (surface);
  ok = svgai_rsvg_render_document (handle, cr, &viewport, error);
  c->destroy (cr);
  g_object_unref (handle);

  image = ok ? image_from_surface (c, surface) : NULL;
  c->surface_destroy (surface);
  return image;
}
