#include "svgai-config.h"
#include "svgai-export.h"

#include <cairo-pdf.h>
#include <cairo-ps.h>
#include <glib/gi18n.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include "svgai.h"

GdkContentProvider *
svgai_export_content_provider (GBytes *svg, const char *name, gboolean with_file)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  GdkContentProvider *providers[3];
  guint n = 0;

  providers[n++] = gdk_content_provider_new_for_bytes ("image/svg+xml", svg);
  providers[n++] = gdk_content_provider_new_typed (G_TYPE_STRING, text);

  if (with_file)
    {
      /* File managers and many editors accept only files: write one. */
      g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "svg-ai", "drag", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;

      if (g_mkdir_with_parents (dir, 0700) == 0 &&
          svgai_write_file_atomic (path, g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), NULL, &error))
        {
          g_autoptr(GFile) file = g_file_new_for_path (path);

          providers[n++] = gdk_content_provider_new_typed (G_TYPE_FILE, file);
        }
      else if (error)
        g_warning ("Could not write %s for dragging: %s", path, error->message);
    }
  return gdk_content_provider_new_union (providers, n);
}

gboolean
svgai_export_write (GBytes *svg, GFile *dest, GFile *source, GError **error)
{
  g_autofree char *path = g_file_get_path (dest);
  g_autofree char *protect = source ? g_file_get_path (source) : NULL;
  g_autofree char *basename = g_file_get_basename (dest);
  g_autoptr(GError) local = NULL;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Could not save “%s”: only local folders are supported"), basename);
      return FALSE;
    }
  if (source != NULL && g_file_equal (dest, source))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("Could not save “%s”: it is the source image"), basename);
      return FALSE;
    }
  if (!svgai_write_file_atomic (path, g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), protect, &local))
    {
      /* The engine's message may not name the file; make sure it does. */
      if (strstr (local->message, basename) != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, local->domain, local->code,
                     _("Could not save “%s”: %s"), basename, local->message);
      return FALSE;
    }
  return TRUE;
}

char *
svgai_export_unique_name (GHashTable *used, const char *name)
{
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = dot ? g_strndup (name, dot - name) : g_strdup (name);
  const char *ext = dot ? dot : "";
  char *candidate = g_strdup (name);

  for (guint i = 2; g_hash_table_contains (used, candidate); i++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s-%u%s", stem, i, ext);
    }
  g_hash_table_add (used, g_strdup (candidate));
  return candidate;
}

SvgaiExportFormat
svgai_export_format_for_name (const char *name)
{
  const char *dot = strrchr (name, '.');

  if (dot == NULL)
    return SVGAI_EXPORT_SVG;
  if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    return SVGAI_EXPORT_PDF;
  if (g_ascii_strcasecmp (dot, ".eps") == 0 || g_ascii_strcasecmp (dot, ".ps") == 0)
    return SVGAI_EXPORT_EPS;
  if (g_ascii_strcasecmp (dot, ".png") == 0)
    return SVGAI_EXPORT_PNG;
  return SVGAI_EXPORT_SVG;
}

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Draws the SVG with librsvg on a PDF, EPS or PNG surface, into bytes. */
static GBytes *
render_format (GBytes *svg, SvgaiExportFormat format, double png_scale, GError **error)
{
  g_autoptr(GObject) handle_object = NULL;
  RsvgHandle *handle = rsvg_handle_new_from_data (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), error);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  double w, h, scale;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  if (handle == NULL)
    return NULL;
  handle_object = G_OBJECT (handle);
  if (!rsvg_handle_get_intrinsic_size_in_pixels (handle, &w, &h))
    w = h = 256;
  /* PDF and EPS measure in points: 96 px to the inch, as the SVG means. */
  scale = format == SVGAI_EXPORT_PNG ? MAX (png_scale, 0.01) : 72.0 / 96.0;
  if (format == SVGAI_EXPORT_PDF)
    surface = cairo_pdf_surface_create_for_stream (append_bytes, out, w * scale, h * scale);
  else if (format == SVGAI_EXPORT_EPS)
    {
      surface = cairo_ps_surface_create_for_stream (append_bytes, out, w * scale, h * scale);
      cairo_ps_surface_set_eps (surface, TRUE);
    }
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (w * scale), (int) ceil (h * scale));
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  ok = rsvg_handle_render_document (handle, cr, &(RsvgRectangle) { 0, 0, w, h }, error);
  cairo_destroy (cr);
  if (ok && format == SVGAI_EXPORT_PNG)
    ok = cairo_surface_write_to_png_stream (surface, append_bytes, out) == CAIRO_STATUS_SUCCESS;
  cairo_surface_finish (surface);
  ok = ok && cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy (surface);
  if (!ok)
    {
      if (error && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the SVG"));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

gboolean
svgai_export_svg_is_translucent (GBytes *svg)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));

  return strstr (text, "opacity") != NULL || strstr (text, "rgba(") != NULL;
}

gboolean
svgai_export_write_format (GBytes *svg, GFile *dest, GFile *source, SvgaiExportFormat format,
                           double png_scale, GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *basename = g_file_get_basename (dest);
  g_autoptr(GError) local = NULL;

  if (format == SVGAI_EXPORT_SVG)
    return svgai_export_write (svg, dest, source, error);
  bytes = render_format (svg, format, png_scale, &local);
  if (bytes == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not save “%s”: %s"), basename, local->message);
      return FALSE;
    }
  return svgai_export_write (bytes, dest, source, error);
}
