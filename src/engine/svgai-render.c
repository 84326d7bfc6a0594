/* SPDX-License-Identifier: GPL-3.0-or-later */
/* svgai-render.c: traced geometry to a straight RGBA image, drawn by the
 * engine's own scan converter (svgai-raster.c) and composited as pixman
 * composites, so that it stands in for librsvg's render of the written
 * SVG when measuring quality: tests/test-render.c proves that the two
 * agree. */

#include "svgai-render.h"

#include <math.h>
#include <string.h>
#include "svgai.h"
#include "svgai-raster.h"
#include "svgai-hypot.h"

void
svgai_render_unpremultiply_row (guint8 *px, int width)
{
  for (int x = 0; x < width; x++, px += 4)
    {
      guint a = px[3];

      if (a == 0)
        px[0] = px[1] = px[2] = 0;
      else if (a != 255)
        for (int k = 0; k < 3; k++)
          px[k] = MIN (255u, (px[k] * 255 + a / 2) / a);
    }
}

/* a × b / 255, rounded, as pixman multiplies 8-bit values. */
static inline guint
mul_un8 (guint a, guint b)
{
  guint t = a * b + 0x80;

  return ((t >> 8) + t) >> 8;
}

/* One layer's paint: a premultiplied colour, or a gradient worked out at
 * each pixel's centre as pixman does (padded; colours interpolated
 * straight, then premultiplied). */
typedef struct {
  guint8 *pixels;           /* premultiplied RGBA while painting */
  int width;
  const SvgaiLayer *layer;
  double sx, sy;            /* vector units to pixels */
  guint8 solid[4];
  gboolean gradient;        /* painted by gradient_at, else solid */
  /* A gradient's offset t at a pixel centre (u, v) from its start, in
   * vector units: ax·u + bx·v along a linear one; for a radial one the
   * length of (ax·u + bx·v, ay·u + by·v). */
  double ax, bx, ay, by;
} Paint;

static void
paint_init (Paint *p, const SvgaiLayer *layer, double sx, double sy)
{
  const SvgaiGradient *g = &layer->gradient;
  double dx = g->to.x - g->from.x, dy = g->to.y - g->from.y;
  double len2 = dx * dx + dy * dy, len = sqrt (len2);
  double inv = len > 0 ? 1 / len : 0;

  p->layer = layer;
  p->sx = sx;
  p->sy = sy;
  p->ax = p->bx = p->ay = p->by = 0;
  p->gradient = g->active && len2 > 0;
  if (!p->gradient)
    {
      /* cairo keeps a colour in 16 bits a channel, premultiplied, and
       * hands pixman the top 8. A gradient of no length paints its last
       * stop, as SVG (and librsvg) has it. */
      const SvgaiGradientStop *last = &g->stops[MAX (g->n_stops, 1) - 1];
      double a = layer->a / 255.0 * (g->active ? last->alpha / 255.0 : 1);
      const guint8 rgb[3] = { g->active ? last->rgb[0] : layer->r, g->active ? last->rgb[1] : layer->g,
                              g->active ? last->rgb[2] : layer->b };

      for (int k = 0; k < 3; k++)
        p->solid[k] = (guint) (rgb[k] / 255.0 * a * 65535.0 + 0.5) >> 8;
      p->solid[3] = (guint) (a * 65535.0 + 0.5) >> 8;
    }
  else if (g->kind == SVGAI_GRADIENT_LINEAR)
    {
      p->ax = dx / len2;
      p->bx = dy / len2;
    }
  else if (g->ratio <= 0)
    p->ax = p->by = inv;
  else
    {
      /* Turned onto the ellipse's first axis, squashed across it. */
      double c = dx * inv, sn = dy * inv;

      p->ax = c * inv;
      p->bx = sn * inv;
      p->ay = -sn / g->ratio * inv;
      p->by = c / g->ratio * inv;
    }
}

static void
gradient_at (const Paint *p, int x, int y, guint8 out[4])
{
  const SvgaiGradient *g = &p->layer->gradient;
  double u = (x + 0.5) / p->sx - g->from.x, v = (y + 0.5) / p->sy - g->from.y;
  double t = p->ax * u + p->bx * v;
  const SvgaiGradientStop *lo, *hi;
  double f, a;
  guint i = 0;

  if (g->kind == SVGAI_GRADIENT_RADIAL)
    t = svgai_hypot (t, p->ay * u + p->by * v);
  t = CLAMP (t, 0.0, 1.0);
  while (i < g->n_stops && t >= g->stops[i].offset)
    i++;
  lo = &g->stops[i == 0 ? 0 : i - 1];
  hi = &g->stops[MIN (i, g->n_stops - 1)];
  f = hi->offset > lo->offset ? (t - lo->offset) / (hi->offset - lo->offset) : 0;
  a = (lo->alpha + f * (hi->alpha - lo->alpha)) / 255.0 * p->layer->a / 255.0;
  for (int k = 0; k < 3; k++)
    out[k] = (guint8) ((lo->rgb[k] + f * (hi->rgb[k] - lo->rgb[k])) * a + 0.5);
  out[3] = (guint8) (a * 255.0 + 0.5);
}

/* (src IN m) OVER px, as pixman composites with a mask. */
static inline void
composite (guint8 *px, const guint8 src[4], guint m)
{
  guint8 s[4];
  guint keep;

  for (int k = 0; k < 4; k++)
    s[k] = m == 255 ? src[k] : mul_un8 (src[k], m);
  keep = 255 - s[3];
  for (int k = 0; k < 4; k++)
    px[k] = MIN (255u, s[k] + mul_un8 (px[k], keep));
}

static void
paint_row_solid (int y, const float *cover, int x_from, int x_to, gpointer data)
{
  const Paint *p = data;
  guint8 *px = p->pixels + ((gsize) y * p->width + x_from) * 4;
  gboolean opaque = p->solid[3] == 255;

  for (int x = x_from; x < x_to; x++, px += 4)
    {
      guint m = (guint) (cover[x] * 255.0f + 0.5f);

      if (m == 255 && opaque)
        memcpy (px, p->solid, 4);
      else if (m != 0)
        composite (px, p->solid, m);
    }
}

static void
paint_row_gradient (int y, const float *cover, int x_from, int x_to, gpointer data)
{
  const Paint *p = data;
  guint8 *px = p->pixels + ((gsize) y * p->width + x_from) * 4;

  for (int x = x_from; x < x_to; x++, px += 4)
    {
      guint m = (guint) (cover[x] * 255.0f + 0.5f);
      guint8 src[4];

      if (m == 0)
        continue;
      gradient_at (p, x, y, src);
      composite (px, src, m);
    }
}

SvgaiImage *
svgai_render_vector (const SvgaiVector *vector, int width, int height)
{
  g_autoptr(SvgaiImage) image = NULL;
  SvgaiRasterPath path;
  Paint paint;
  double sx, sy;

  g_return_val_if_fail (vector != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (vector->width > 0 && vector->height > 0, NULL);

  image = svgai_image_new (width, height);
  if (image == NULL)
    return NULL;
  sx = (double) width / vector->width;
  sy = (double) height / vector->height;
  paint.pixels = image->pixels;
  paint.width = width;
  svgai_raster_path_init (&path);
  for (guint i = 0; i < vector->layers->len; i++)
    {
      const SvgaiLayer *layer = g_ptr_array_index (vector->layers, i);

      if (layer->segments->len == 0 || layer->a == 0)
        continue;
      /* potrace orients holes against their outline: nonzero keeps them */
      svgai_raster_path_reset (&path);
      svgai_raster_path_add (&path, (const SvgaiSegment *) layer->segments->data, layer->segments->len, sx, sy);
      paint_init (&paint, layer, sx, sy);
      svgai_raster_fill (&path, width, height, paint.gradient ? paint_row_gradient : paint_row_solid, &paint);
    }
  svgai_raster_path_clear (&path);
  for (int y = 0; y < height; y++)
    svgai_render_unpremultiply_row (svgai_image_pixel (image, 0, y), width);
  return g_steal_pointer (&image);
}
