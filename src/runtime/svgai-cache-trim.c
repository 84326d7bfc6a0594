/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-cache-trim.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

typedef struct {
  char *name;
  gint64 mtime_ns;
} Entry;

static int
newest_first (gconstpointer a, gconstpointer b)
{
  const Entry *x = a, *y = b;

  if (x->mtime_ns != y->mtime_ns)
    return x->mtime_ns > y->mtime_ns ? -1 : 1;
  return strcmp (x->name, y->name);   /* a stable order for equal times */
}

static gint64
mtime_ns (const char *path, gboolean *ok)
{
  struct stat st;

  *ok = g_lstat (path, &st) == 0 && S_ISREG (st.st_mode);
  return *ok ? (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec : 0;
}

guint
svgai_cache_trim_dir (const char *dir, guint keep, gint64 stale_seconds)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  gint64 now_ns = g_get_real_time () * 1000;
  const char *name;
  guint deleted = 0;

  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      gboolean regular;
      gint64 t = mtime_ns (path, &regular);

      if (!regular)
        continue;
      if (g_str_has_suffix (name, ".json"))
        {
          Entry e = { g_strdup (name), t };
          g_array_append_val (entries, e);
        }
      else if (strstr (name, ".json.") != NULL && now_ns - t > stale_seconds * G_GINT64_CONSTANT (1000000000))
        deleted += g_unlink (path) == 0;
    }
  if (entries->len > keep)
    {
      g_array_sort (entries, newest_first);
      for (guint i = keep; i < entries->len; i++)
        {
          g_autofree char *path = g_build_filename (dir, g_array_index (entries, Entry, i).name, NULL);
          deleted += g_unlink (path) == 0;
        }
    }
  for (guint i = 0; i < entries->len; i++)
    g_free (g_array_index (entries, Entry, i).name);
  return deleted;
}
