/* Shared by the tests that draw their input with cairo (and trace it). */
#pragma once

#include <cairo.h>
#include "svgai.h"
#include "engine/svgai-image.h"
#include "engine/svgai-trace.h"

/* Converts a cairo ARGB32 surface (premultiplied) to a straight RGBA image. */
static inline SvgaiImage *
image_from_cairo (cairo_surface_t *s)
{
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);
  int stride = cairo_image_surface_get_stride (s);
  const guint8 *data;
  SvgaiImage *img = svgai_image_new (w, h);

  cairo_surface_flush (s);
  data = cairo_image_surface_get_data (s);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + 4 * x);
        guint8 a = px >> 24, *o = svgai_image_pixel (img, x, y);
        o[3] = a;
        if (a)
          {
            o[0] = (((px >> 16) & 255) * 255 + a / 2) / a;
            o[1] = (((px >> 8) & 255) * 255 + a / 2) / a;
            o[2] = ((px & 255) * 255 + a / 2) / a;
          }
      }
  return img;
}

/* A cairo context on a new transparent ARGB32 surface of w × h. */
static inline cairo_t *
drawing_new (int w, int h)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (s);

  cairo_surface_destroy (s);   /* cr holds it */
  return cr;
}

/* What cr drew, as an image; cr is destroyed. */
static inline SvgaiImage *
drawing_finish (cairo_t *cr)
{
  SvgaiImage *img = image_from_cairo (cairo_get_target (cr));

  cairo_destroy (cr);
  return img;
}

/* The image traced with the default parameters. */
static inline SvgaiVector *
trace_default (SvgaiImage *img)
{
  g_autoptr(GError) error = NULL;
  SvgaiParams params;
  SvgaiVector *v;

  svgai_params_init_default (&params);
  v = svgai_trace (img, &params, NULL, NULL, &error);
  g_assert_no_error (error);
  return v;
}
