#include "svgai-config.h"
#include "svgai-recolor.h"

#include <librsvg/rsvg.h>
#include <string.h>

static gboolean
same_color (const SvgaiColor *a, const SvgaiColor *b)
{
  return a->r == b->r && a->g == b->g && a->b == b->b && a->a == b->a;
}

gboolean
svgai_recolor_map_equal (const SvgaiRecolorMap *a, const SvgaiRecolorMap *b)
{
  if (a->n != b->n)
    return FALSE;
  for (guint i = 0; i < a->n; i++)
    if (!same_color (&a->from[i], &b->from[i]) || !same_color (&a->to[i], &b->to[i]))
      return FALSE;
  return TRUE;
}

gboolean
svgai_recolor_map_set (SvgaiRecolorMap *map, const SvgaiColor *from, const SvgaiColor *to)
{
  guint i;

  for (i = 0; i < map->n && !same_color (&map->from[i], from); i++)
    ;
  if (same_color (from, to))
    {
      if (i < map->n)
        {
          memmove (&map->from[i], &map->from[i + 1], (map->n - i - 1) * sizeof (SvgaiColor));
          memmove (&map->to[i], &map->to[i + 1], (map->n - i - 1) * sizeof (SvgaiColor));
          map->n--;
        }
      return TRUE;
    }
  if (i == map->n)
    {
      if (map->n == SVGAI_MAX_COLOR_RULES)
        return FALSE;
      map->from[map->n++] = *from;
    }
  map->to[i] = *to;
  return TRUE;
}

void
svgai_recolor_map_paint (const SvgaiRecolorMap *map, const SvgaiSwatch *swatches, guint n, SvgaiColor *painted)
{
  for (guint s = 0; s < n; s++)
    painted[s] = swatches[s].color;
  for (guint i = 0; i < map->n; i++)
    {
      double best = SVGAI_RECOLOR_MATCH_DELTA_E;
      int found = -1;

      for (guint s = 0; s < n; s++)
        {
          double d = svgai_color_delta_e (&map->from[i], &swatches[s].color);

          if (swatches[s].color.a == map->from[i].a && (d < best || (d == best && found < 0)))
            best = d, found = (int) s;
        }
      if (found >= 0)
        painted[found] = map->to[i];
    }
}

SvgaiResult *
svgai_recolor_apply (SvgaiResult *result, const SvgaiRecolorMap *map)
{
  SvgaiColor from[SVGAI_MAX_COLORS], to[SVGAI_MAX_COLORS];
  const SvgaiSwatch *swatches;
  g_autofree SvgaiColor *painted = NULL;
  guint n_swatches, n = 0;
  g_autoptr(GError) error = NULL;
  SvgaiResult *out;

  swatches = svgai_result_get_palette (result, &n_swatches);
  painted = g_new (SvgaiColor, MAX (n_swatches, 1));
  svgai_recolor_map_paint (map, swatches, n_swatches, painted);
  for (guint s = 0; s < n_swatches && n < SVGAI_MAX_COLORS; s++)
    if (!same_color (&painted[s], &swatches[s].color))
      {
        from[n] = swatches[s].color;
        to[n++] = painted[s];
      }
  if (n == 0)
    return svgai_result_ref (result);
  out = svgai_result_recolor (result, from, to, n, &error);
  if (out == NULL)
    {
      g_warning ("recolouring: %s", error->message);
      return svgai_result_ref (result);
    }
  return out;
}

SvgaiImage *
svgai_recolor_render (GBytes *svg, int width, int height)
{
  g_autoptr(GObject) handle = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  RsvgRectangle viewport = { 0, 0, width, height };
  SvgaiImage *image;
  int stride;
  const guint8 *data;

  handle = (GObject *) rsvg_handle_new_from_data (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), &error);
  image = handle ? svgai_image_new (width, height) : NULL;
  if (image == NULL)
    return NULL;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  rsvg_handle_render_document (RSVG_HANDLE (handle), cr, &viewport, &error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  /* Cairo's premultiplied native-endian ARGB to straight RGBA. */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 p = *(const guint32 *) (data + (gsize) y * stride + 4 * x);
        guint8 *o = image->pixels + ((gsize) y * width + x) * 4;
        guint a = p >> 24;

        o[3] = a;
        o[0] = a ? MIN (255, (((p >> 16) & 0xff) * 255 + a / 2) / a) : 0;
        o[1] = a ? MIN (255, (((p >> 8) & 0xff) * 255 + a / 2) / a) : 0;
        o[2] = a ? MIN (255, ((p & 0xff) * 255 + a / 2) / a) : 0;
      }
  cairo_surface_destroy (surface);
  return image;
}
