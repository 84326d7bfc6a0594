/* test-atomic-file.c: writing output without ever leaving half a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "svgai.h"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("svgai-test-atomic-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          g_chmod (child, 0755);
          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_chmod (fixture->dir, 0755);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
write_plain (const char *path,
             const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* No temporary ".name.XXXXXX" file may stay behind. */
static void
assert_no_temp_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (name[0] == '.');
}

static void
test_new_file (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "out.svg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const char *svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n";

  g_assert_true (svgai_write_file_atomic (path, svg, strlen (svg), NULL, &error));
  g_assert_no_error (error);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, svg);
  assert_no_temp_files (fixture->dir);
}

static void
test_empty_data (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "empty.svg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (svgai_write_file_atomic (path, NULL, 0, NULL, &error));
  g_assert_no_error (error);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, "");
}

static void
test_replace (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "out.svg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  write_plain (path, "old contents, longer than the new ones");
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);

  g_assert_true (svgai_write_file_atomic (path, "new", 3, NULL, &error));
  g_assert_no_error (error);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, "new");

  /* the replaced file keeps its permissions */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  assert_no_temp_files (fixture->dir);
}

static void
test_missing_folder (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "no-such-folder", "out.svg", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (svgai_write_file_atomic (path, "x", 1, NULL, &error));
  g_assert_error (error, SVGAI_ERROR, SVGAI_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, g_strerror (ENOENT)));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_no_temp_files (fixture->dir);
}

static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "out.svg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root writes into read-only folders");
      return;
    }

  write_plain (path, "previous");
  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);

  g_assert_false (svgai_write_file_atomic (path, "next", 4, NULL, &error));
  g_assert_error (error, SVGAI_ERROR, SVGAI_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, path));

  g_chmod (fixture->dir, 0755);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, "previous");
  assert_no_temp_files (fixture->dir);
}

/* The rename fails after the temporary file is written (works as root too):
 * the temporary file is removed and what was there stays. */
static void
test_rename_fails (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "taken", NULL);
  g_autofree char *inside = g_build_filename (path, "keep.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  write_plain (inside, "kept");

  g_assert_false (svgai_write_file_atomic (path, "data", 4, NULL, &error));
  g_assert_error (error, SVGAI_ERROR, SVGAI_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, path));

  contents = read_file (inside);
  g_assert_cmpstr (contents, ==, "kept");
  assert_no_temp_files (fixture->dir);
}

static void
test_protect (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *source = g_build_filename (fixture->dir, "logo.png", NULL);
  g_autofree char *dotted = g_build_filename (fixture->dir, ".", "logo.png", NULL);
  g_autofree char *hard = g_build_filename (fixture->dir, "hard.png", NULL);
  g_autofree char *soft = g_build_filename (fixture->dir, "soft.png", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "logo.svg", NULL);
  g_autofree char *gone = g_build_filename (fixture->dir, "gone.png", NULL);
  const char *refused[] = { source, dotted, hard, soft };
  g_autofree char *contents = NULL;

  write_plain (source, "PNG bytes");
  g_assert_cmpint (link (source, hard), ==, 0);
  g_assert_cmpint (symlink (source, soft), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (svgai_write_file_atomic (refused[i], "<svg/>", 6, source, &error));
      g_assert_error (error, SVGAI_ERROR, SVGAI_ERROR_IO);
      g_assert_true (g_str_has_prefix (error->message, refused[i]));
    }

  contents = read_file (source);
  g_assert_cmpstr (contents, ==, "PNG bytes");

  /* a different file is fine */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (svgai_write_file_atomic (other, "<svg/>", 6, source, &error));
    g_assert_no_error (error);
  }

  /* neither exists: compared by name */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (svgai_write_file_atomic (gone, "<svg/>", 6, gone, &error));
    g_assert_error (error, SVGAI_ERROR, SVGAI_ERROR_IO);
  }

  assert_no_temp_files (fixture->dir);
}

/* A full disk or a read-only folder at each step (injected through the
 * SVGAI_TEST_WRITE_FAULT hook, so it runs on any machine): the error names
 * the file and the reason, the previous file is intact, nothing is left. */
static void
test_injected_faults (Fixture       *fixture,
                      gconstpointer  data)
{
  static const struct { const char *step; int err; } faults[] = {
    { "create", EROFS },
    { "write", ENOSPC },
    { "fsync", ENOSPC },
    { "rename", ENOSPC },
  };
  g_autofree char *path = g_build_filename (fixture->dir, "out.svg", NULL);

  write_plain (path, "previous");
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;

      g_setenv ("SVGAI_TEST_WRITE_FAULT", faults[i].step, TRUE);
      g_assert_false (svgai_write_file_atomic (path, "next", 4, NULL, &error));
      g_unsetenv ("SVGAI_TEST_WRITE_FAULT");

      g_test_message ("%s: %s", faults[i].step, error->message);
      g_assert_error (error, SVGAI_ERROR, SVGAI_ERROR_IO);
      g_assert_true (g_str_has_prefix (error->message, path));
      g_assert_nonnull (strstr (error->message, g_strerror (faults[i].err)));
      contents = read_file (path);
      g_assert_cmpstr (contents, ==, "previous");
      assert_no_temp_files (fixture->dir);
    }

  /* and the next write without the fault succeeds */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *contents = NULL;

    g_assert_true (svgai_write_file_atomic (path, "next", 4, NULL, &error));
    g_assert_no_error (error);
    contents = read_file (path);
    g_assert_cmpstr (contents, ==, "next");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/atomic-file/new-file", test_new_file);
  ADD ("/atomic-file/empty-data", test_empty_data);
  ADD ("/atomic-file/replace", test_replace);
  ADD ("/atomic-file/missing-folder", test_missing_folder);
  ADD ("/atomic-file/read-only-folder", test_read_only_folder);
  ADD ("/atomic-file/rename-fails", test_rename_fails);
  ADD ("/atomic-file/protect", test_protect);
  ADD ("/atomic-file/injected-faults", test_injected_faults);

#undef ADD

  return g_test_run ();
}
