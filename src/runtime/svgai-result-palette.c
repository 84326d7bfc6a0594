/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A result's palette as the app's palette panel reads it, and recolouring
 * its fills without tracing again. */
#include "svgai-config.h"

#include "svgai-result.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include "engine/svgai-svg-writer.h"
#include "engine/svgai-vector.h"

const SvgaiSwatch *
svgai_result_get_palette (const SvgaiResult *r, guint *n)
{
  const GArray *s;

  g_return_val_if_fail (r != NULL && r->conversion != NULL, NULL);
  s = r->conversion->vector->swatches;
  if (n)
    *n = s->len;
  return (const SvgaiSwatch *) (gpointer) s->data;
}

const char *
svgai_result_get_warning (const SvgaiResult *r, guint index)
{
  const GPtrArray *w;

  g_return_val_if_fail (r != NULL && r->conversion != NULL, NULL);
  w = r->conversion->vector->warnings;
  return index < w->len ? w->pdata[index] : NULL;
}

gboolean
svgai_result_get_removed_background (const SvgaiResult *r, SvgaiColor *color)
{
  const SvgaiVector *v;

  g_return_val_if_fail (r != NULL && r->conversion != NULL, FALSE);
  v = r->conversion->vector;
  if (v->background_removed && color != NULL)
    *color = v->background;
  return v->background_removed;
}

static gboolean
same_rgb (guint8 r, guint8 g, guint8 b, const SvgaiColor *c)
{
  return r == c->r && g == c->g && b == c->b;
}

/* The index of the first from colour equal to (r, g, b), -1 if none. */
static int
find_from (guint8 r, guint8 g, guint8 b, const SvgaiColor *from, guint n)
{
  for (guint i = 0; i < n; i++)
    if (same_rgb (r, g, b, &from[i]))
      return (int) i;
  return -1;
}

/* A copy of v with every fill of colour from[i] painted to[i]. */
static SvgaiVector *
recolor_vector (const SvgaiVector *v, const SvgaiColor *from, const SvgaiColor *to, guint n)
{
  SvgaiVector *out = svgai_vector_new (v->width, v->height);

  for (guint l = 0; l < v->layers->len; l++)
    {
      const SvgaiLayer *src = v->layers->pdata[l];
      int i = find_from (src->r, src->g, src->b, from, n);
      const SvgaiColor *c = i >= 0 ? &to[i] : NULL;
      SvgaiLayer *dst;

      /* A shading's flat base has a colour of its own: it follows its
       * blobs, which have the palette's. */
      if (i < 0 && !src->gradient.active && l + 1 < v->layers->len && svgai_vector_repeats_outline (v, l + 1))
        {
          const SvgaiLayer *blob = v->layers->pdata[l + 1];
          int j = find_from (blob->r, blob->g, blob->b, from, n);

          if (j >= 0)
            {
              SvgaiColor base = { src->r, src->g, src->b, src->a }, moved = svgai_color_shift (&base, &from[j], &to[j]);

              dst = svgai_vector_add_layer (out, moved.r, moved.g, moved.b, src->a);
              g_array_append_vals (dst->segments, src->segments->data, src->segments->len);
              continue;
            }
        }
      dst = svgai_vector_add_layer (out, c ? c->r : src->r, c ? c->g : src->g, c ? c->b : src->b,
                                    c && c->a != from[i].a ? c->a : src->a);

      dst->gradient = src->gradient;
      for (guint st = 0; dst->gradient.active && st < dst->gradient.n_stops; st++)
        {
          guint8 *rgb = dst->gradient.stops[st].rgb;
          int j = i >= 0 ? i : find_from (rgb[0], rgb[1], rgb[2], from, n);
          SvgaiColor stop = { rgb[0], rgb[1], rgb[2], 255 };

          /* A gradient of the recoloured colour (a shading's base and
           * blobs among them) takes the new colour with its own light and
           * shade; elsewhere only a stop of that very colour changes. */
          if (j >= 0)
            stop = svgai_color_shift (&stop, &from[j], &to[j]);
          rgb[0] = stop.r, rgb[1] = stop.g, rgb[2] = stop.b;
        }
      g_array_append_vals (dst->segments, src->segments->data, src->segments->len);
    }
  for (guint s = 0; s < v->swatches->len; s++)
    {
      SvgaiSwatch sw = g_array_index (v->swatches, SvgaiSwatch, s);
      int i = find_from (sw.color.r, sw.color.g, sw.color.b, from, n);

      if (i >= 0)
        {
          sw.color = (SvgaiColor) { to[i].r, to[i].g, to[i].b, to[i].a != from[i].a ? to[i].a : sw.color.a };
          sw.locked = TRUE;
        }
      g_array_append_val (out->swatches, sw);
    }
  for (guint w = 0; w < v->warnings->len; w++)
    g_ptr_array_add (out->warnings, g_strdup (v->warnings->pdata[w]));
  out->palette_colours = v->palette_colours;
  /* A recolour leaves the removed background removed. */
  out->background_removed = v->background_removed;
  out->background = v->background;
  return out;
}

SvgaiResult *
svgai_result_recolor (const SvgaiResult *result, const SvgaiColor *from, const SvgaiColor *to, guint n,
                      GError **error)
{
  const SvgaiConversion *c;
  SvgaiConversion *nc;
  SvgaiResult *out;

  g_return_val_if_fail (result != NULL && result->conversion != NULL, NULL);
  g_return_val_if_fail (n == 0 || (from != NULL && to != NULL), NULL);
  c = result->conversion;
  for (guint i = 0; i < n; i++)
    {
      gboolean found = FALSE;

      for (guint s = 0; s < c->vector->swatches->len && !found; s++)
        found = same_rgb (g_array_index (c->vector->swatches, SvgaiSwatch, s).color.r,
                          g_array_index (c->vector->swatches, SvgaiSwatch, s).color.g,
                          g_array_index (c->vector->swatches, SvgaiSwatch, s).color.b, &from[i]);
      for (guint l = 0; l < c->vector->layers->len && !found; l++)
        {
          const SvgaiLayer *layer = c->vector->layers->pdata[l];
          found = same_rgb (layer->r, layer->g, layer->b, &from[i]);
        }
      if (!found)
        {
          g_autofree char *name = svgai_color_to_string (&from[i]);
          g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_INVALID, _("%s is not a colour of this result"), name);
          return NULL;
        }
    }

  nc = g_new0 (SvgaiConversion, 1);
  g_atomic_ref_count_init (&nc->ref_count);
  nc->params = c->params;
  nc->vector = recolor_vector (c->vector, from, to, n);
  nc->svg = svgai_svg_write (nc->vector);
  nc->paths = svgai_vector_count_paths (nc->vector);
  nc->nodes = svgai_vector_count_nodes (nc->vector);
  nc->trace_ms = c->trace_ms;

  out = svgai_result_new ();
  out->conversion = nc;
  memcpy (out->stage_ms, result->stage_ms, sizeof out->stage_ms);
  out->has_features = result->has_features;
  out->features = result->features;
  out->features_cached = result->features_cached;
  out->classified = result->classified;
  out->classification = result->classification;
  out->tier = result->tier;
  out->has_auto_params = result->has_auto_params;
  out->auto_params = result->auto_params;
  out->candidates = result->candidates;
  out->traced = result->traced;
  out->predicted_ssim = result->predicted_ssim;
  out->trace_cached = TRUE;
  out->provisional = result->provisional;
  return out;
}
