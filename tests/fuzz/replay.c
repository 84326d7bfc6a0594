/* replay.c: runs a fuzz target over files, as a normal test
 *
 *   fuzz-<target>-replay [FILE | DIR | @N:FILE]…
 *
 * A DIR runs every file in it (sorted); @N:FILE runs FILE's bytes after one
 * byte N (the JSON target's reader selector). Every crash the fuzzers found
 * is committed under tests/fuzz/regressions/<target>/ and replayed here in
 * every build, with and without sanitizers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>

#include "fuzz-common.h"

static guint n_run;

static void
run_bytes (const char *label, const guint8 *data, gsize size)
{
  g_print ("# %s (%" G_GSIZE_FORMAT " bytes)\n", label, size);
  LLVMFuzzerTestOneInput (data, size);
  n_run++;
}

static void
run_file (const char *path, int prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  if (prefix < 0)
    {
      run_bytes (path, (const guint8 *) contents, length);
    }
  else
    {
      g_autofree guint8 *data = g_malloc (length + 1);

      data[0] = (guint8) prefix;
      memcpy (data + 1, contents, length);
      run_bytes (path, data, length + 1);
    }
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
run_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;   /* no regressions yet */
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    if (g_file_test (names->pdata[i], G_FILE_TEST_IS_REGULAR))
      run_file (names->pdata[i], -1);
}

int
main (int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (arg[0] == '@' && strchr (arg, ':') != NULL)
        run_file (strchr (arg, ':') + 1, atoi (arg + 1));
      else if (g_file_test (arg, G_FILE_TEST_IS_DIR))
        run_dir (arg);
      else if (!g_file_test (arg, G_FILE_TEST_EXISTS))
        g_print ("# %s: none yet\n", arg);
      else
        run_file (arg, -1);
    }
  g_print ("# %u inputs replayed without a crash\n", n_run);
  return 0;
}
