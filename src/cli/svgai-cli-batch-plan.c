/* svg-ai-cli batch: which files, in which order, written where. */
#include "svgai-config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include "svgai-cli-batch.h"

void
batch_item_free (gpointer data)
{
  Item *item = data;

  g_free (item->input);
  g_free (item->output);
  g_free (item->collision);
  g_free (item->error);
  g_free (item);
}

/* Adds (input, relative output base) pairs found under dir; a folder that
 * cannot be read adds (folder, why) to unreadable and the rest goes on. */
static void
collect_dir (const char *dir, const char *rel, gboolean recursive, GPtrArray *found, GPtrArray *unreadable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &error);
  const char *name;

  if (d == NULL)
    {
      g_ptr_array_add (unreadable, g_strdup (dir));
      g_ptr_array_add (unreadable, g_strdup_printf (_("%s: cannot read the folder: %s"), dir, error->message));
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *sub = rel ? g_build_filename (rel, name, NULL) : g_strdup (name);

      if (name[0] == '.')
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (recursive && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
            collect_dir (path, sub, recursive, found, unreadable);
        }
      else if (svgai_cli_is_image_name (name))
        {
          g_ptr_array_add (found, g_steal_pointer (&path));
          g_ptr_array_add (found, g_steal_pointer (&sub));
        }
    }
}

static int
compare_pairs (gconstpointer a, gconstpointer b)
{
  /* Elements are char*[2] arrays (input, relative name). */
  const char *const *x = *(const char *const *const *) a;
  const char *const *y = *(const char *const *const *) b;

  return strcmp (x[0], y[0]);
}

static char *
svg_name (const char *rel)
{
  g_autofree char *copy = g_strdup (rel);
  char *base = strrchr (copy, G_DIR_SEPARATOR);
  char *dot = strrchr (base ? base + 1 : copy, '.');

  if (dot && dot != (base ? base + 1 : copy))
    *dot = '\0';
  return g_strconcat (copy, ".svg", NULL);
}

/* The sorted, de-duplicated list of inputs, then every N-th from I. */
GPtrArray *
batch_plan_items (char **inputs, gboolean recursive, const char *output_dir, guint shard, guint n_shards,
            GError **error)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new ();
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) unreadable = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) input_files = svgai_cli_file_set_new ();
  g_autoptr(GHashTable) outputs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *items = g_ptr_array_new_with_free_func (batch_item_free);
  guint kept = 0;

  for (guint i = 0; inputs[i] != NULL; i++)
    {
      if (g_file_test (inputs[i], G_FILE_TEST_IS_DIR))
        collect_dir (inputs[i], NULL, recursive, found, unreadable);
      else
        {
          /* A file (or a missing one: it fails and is reported like any). */
          g_ptr_array_add (found, g_strdup (inputs[i]));
          g_ptr_array_add (found, g_path_get_basename (inputs[i]));
        }
    }
  for (guint i = 0; i < found->len; i += 2)
    {
      g_ptr_array_add (pairs, &found->pdata[i]);
      svgai_cli_file_set_add (input_files, found->pdata[i]);
    }
  g_ptr_array_sort (pairs, compare_pairs);

  /* Outputs are named over the whole list, before sharding, so that every
   * shard names a file the same way. A second input with the same name
   * (logo.png, logo.jpg) keeps its extension: logo.jpg.svg. */
  for (guint i = 0; i < pairs->len; i++)
    {
      char **pair = pairs->pdata[i];
      Item *item;
      g_autofree char *name = NULL;
      gboolean mine;
      const char *earlier;

      if (i > 0 && strcmp (pair[0], ((char **) pairs->pdata[i - 1])[0]) == 0)
        continue;                       /* the same file given twice */
      mine = kept++ % n_shards == shard;
      item = g_new0 (Item, 1);
      item->input = g_strdup (pair[0]);
      name = svg_name (pair[1]);
      item->output = g_build_filename (output_dir, name, NULL);
      if (g_hash_table_contains (outputs, item->output))
        {
          g_free (name);
          g_free (item->output);
          name = g_strconcat (pair[1], ".svg", NULL);
          item->output = g_build_filename (output_dir, name, NULL);
        }
      earlier = g_hash_table_lookup (outputs, item->output);
      if (earlier)
        {
          item->collision = g_strdup (earlier);
          g_clear_pointer (&item->output, g_free);
        }
      else
        g_hash_table_insert (outputs, g_strdup (item->output), g_strdup (item->input));
      if (mine && item->output && svgai_cli_file_set_contains (input_files, item->output))
        item->error = g_strdup_printf (_("%s: its SVG %s would overwrite an input of this run"), item->input,
                                       item->output);
      if (mine)
        g_ptr_array_add (items, item);
      else
        batch_item_free (item);
    }
  /* Unreadable folders are failed items of the first shard. */
  for (guint i = 0; shard == 0 && i < unreadable->len; i += 2)
    {
      Item *item = g_new0 (Item, 1);

      item->input = g_strdup (unreadable->pdata[i]);
      item->error = g_strdup (unreadable->pdata[i + 1]);
      g_ptr_array_add (items, item);
    }
  return items;
}

static int
compare_size_desc (gconstpointer a, gconstpointer b)
{
  const Item *x = *(const Item *const *) a, *y = *(const Item *const *) b;

  return (x->size < y->size) - (x->size > y->size);
}

/* Largest files first: the last images to finish are then small ones, so
 * the workers run out of work together rather than one finishing a big
 * image alone (on the devset this is a few per cent of a run). */
GPtrArray *
batch_order_largest_first (GPtrArray *items)
{
  GPtrArray *order = g_ptr_array_sized_new (items->len);

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = items->pdata[i];
      GStatBuf st;

      item->size = g_stat (item->input, &st) == 0 ? (gint64) st.st_size : 0;
      g_ptr_array_add (order, item);
    }
  g_ptr_array_sort (order, compare_size_desc);
  return order;
}
