/* svgai-export-format.c: an SVG as PDF, EPS or PNG, for the app's Export As
 * and `svg-ai-cli convert --format`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "svgai-config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-ps.h>
#include "svgai.h"
#include "svgai-rsvg.h"

static const struct {
  const char *name;
  const char *extension;
} formats[] = {
  [SVGAI_FORMAT_SVG] = { "svg", ".svg" },
  [SVGAI_FORMAT_PDF] = { "pdf", ".pdf" },
  [SVGAI_FORMAT_EPS] = { "eps", ".eps" },
  [SVGAI_FORMAT_PNG] = { "png", ".png" },
};

SvgaiFormat
svgai_format_for_name (const char *name)
{
  const char *dot;

  g_return_val_if_fail (name != NULL, SVGAI_FORMAT_SVG);
  dot = strrchr (name, '.');
  if (dot == NULL)
    return SVGAI_FORMAT_SVG;
  if (g_ascii_strcasecmp (dot, ".ps") == 0)
    return SVGAI_FORMAT_EPS;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (dot, formats[i].extension) == 0)
      return (SvgaiFormat) i;
  return SVGAI_FORMAT_SVG;
}

gboolean
svgai_format_from_string (const char *text,
                          SvgaiFormat *format)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (text, formats[i].name) == 0)
      {
        *format = (SvgaiFormat) i;
        return TRUE;
      }
  return FALSE;
}

const char *
svgai_format_get_extension (SvgaiFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (formats), ".svg");
  return formats[format].extension;
}

gboolean
svgai_svg_is_translucent (GBytes *svg)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (svg != NULL, FALSE);
  text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  return strstr (text, "opacity") != NULL || strstr (text, "rgba(") != NULL;
}

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The surface to draw on, w × h in its units. */
static cairo_surface_t *
surface_for (const SvgaiCairo *c, SvgaiFormat format, GByteArray *out, double w, double h)
{
  cairo_surface_t *surface;

  switch (format)
    {
    case SVGAI_FORMAT_PDF:
      return c->pdf_surface_create_for_stream (append_bytes, out, w, h);
    case SVGAI_FORMAT_EPS:
      surface = c->ps_surface_create_for_stream (append_bytes, out, w, h);
      c->ps_surface_set_eps (surface, TRUE);
      return surface;
    case SVGAI_FORMAT_PNG:
    case SVGAI_FORMAT_SVG:
    default:
      return c->image_surface_create (CAIRO_FORMAT_ARGB32, (int) w, (int) h);
    }
}

GBytes *
svgai_svg_export (GBytes      *svg,
                  SvgaiFormat  format,
                  double       png_scale,
                  int          png_size,
                  GError     **error)
{
  g_autoptr(GObject) handle_object = NULL;
  RsvgHandle *handle;
  g_autoptr(GByteArray) out = NULL;
  double w, h, sx, sy;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;
  const SvgaiCairo *c;

  g_return_val_if_fail (svg != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (format == SVGAI_FORMAT_SVG)
    return g_bytes_ref (svg);
  c = svgai_rsvg_cairo (error);
  if (c == NULL)
    return NULL;
  handle = svgai_rsvg_handle_new_from_data (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), error);
  if (handle == NULL)
    return NULL;
  handle_object = G_OBJECT (handle);
  if (!svgai_rsvg_intrinsic_size_in_pixels (handle, &w, &h) || w <= 0 || h <= 0)
    w = h = 256;
  out = g_byte_array_new ();
  if (format == SVGAI_FORMAT_PNG)
    {
      /* png_size: the longer side, exactly; the other in proportion. */
      double pw = png_size > 0 ? (w >= h ? png_size : MAX (1, round (png_size * w / h)))
                               : MAX (1, round (w * MAX (png_scale, 0.01)));
      double ph = png_size > 0 ? (h >= w ? png_size : MAX (1, round (png_size * h / w)))
                               : MAX (1, round (h * MAX (png_scale, 0.01)));

      sx = pw / w;
      sy = ph / h;
      surface = surface_for (c, format, out, pw, ph);
    }
  else
    {
      /* PDF and EPS measure in points: 96 px to the inch, as the SVG means. */
      sx = sy = 72.0 / 96.0;
      surface = surface_for (c, format, out, w * sx, h * sy);
    }
  cr = c->create (surface);
  c->scale (cr, sx, sy);
  ok = c->status (cr) == CAIRO_STATUS_SUCCESS &&
       svgai_rsvg_render_document (handle, cr, &(RsvgRectangle) { 0, 0, w, h }, error);
  c->destroy (cr);
  if (ok && format == SVGAI_FORMAT_PNG)
    ok = c->surface_write_to_png_stream (surface, append_bytes, out) == CAIRO_STATUS_SUCCESS;
  c->surface_finish (surface);
  ok = ok && c->surface_status (surface) == CAIRO_STATUS_SUCCESS;
  c->surface_destroy (surface);
  if (!ok)
    {
      if (error && *error == NULL)
        g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_FAILED, _("could not draw the SVG as %s"),
                     formats[format].name);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
