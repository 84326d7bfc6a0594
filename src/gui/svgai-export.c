#include "svgai-config.h"
#include "svgai-export.h"

#include <glib/gi18n.h>
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

gboolean
svgai_export_write_format (GBytes *svg, GFile *dest, GFile *source, SvgaiFormat format,
                           double png_scale, GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *basename = g_file_get_basename (dest);
  g_autoptr(GError) local = NULL;

  if (format == SVGAI_FORMAT_SVG)
    return svgai_export_write (svg, dest, source, error);
  bytes = svgai_svg_export (svg, format, png_scale, 0, &local);
  if (bytes == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not save “%s”: %s"), basename, local->message);
      return FALSE;
    }
  return svgai_export_write (bytes, dest, source, error);
}
