/* The app over the whole bad-input corpus (tests/data/bad/EXPECTED.tsv),
 * each file opened the way a drop opens it: every "ok" file converts,
 * every other one fails with a message naming it, nothing crashes, and the
 * app still converts a good file afterwards. Run under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "svgai-config.h"

#include <glib/gstdio.h>
#include "test-gui-util.h"

#define TIMEOUT_MS 60000

static SvgaiApplication *app;

static char *
bad_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "bad", name, NULL);
}

static guint
n_documents (SvgaiWindow *window)
{
  return g_list_model_get_n_items (svgai_window_get_documents (window));
}

static void
test_corpus (void)
{
  SvgaiWindow *window = svgai_window_new (ADW_APPLICATION (app));
  g_autofree char *tsv_path = bad_path ("EXPECTED.tsv");
  g_autofree char *tsv = NULL;
  g_autofree char *folder = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *good_path = bad_path ("rgba-2x2.png");
  SvgaiDocument *good;
  guint n_ok = 0, n_failed = 0;

  gtk_window_present (GTK_WINDOW (window));
  g_file_get_contents (tsv_path, &tsv, NULL, &error);
  g_assert_no_error (error);
  folder = g_dir_make_tmp ("svgai-test-gui-corpus-XXXXXX", &error);
  g_assert_no_error (error);

  lines = g_strsplit (tsv, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *path = NULL;
      g_autofree char *base = NULL;
      SvgaiDocument *doc;
      guint before = n_documents (window);

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], "\t", 3);
      g_assert_cmpuint (g_strv_length (fields), ==, 2);
      path = g_str_equal (fields[0], "folder") ? g_strdup (folder) : bad_path (fields[0]);
      base = g_path_get_basename (path);

      test_gui_drop_path (window, path);
      if (n_documents (window) == before)
        {
          /* A drop the app declines (an empty folder) opens nothing. */
          g_test_message ("%s: not opened", fields[0]);
          g_assert_cmpstr (fields[1], !=, "ok");
          n_failed++;
          continue;
        }
      doc = test_gui_last_document (window);
      g_assert_true (test_gui_wait_done (doc, g_str_equal (fields[1], "ok") ? 1 : 0, TIMEOUT_MS));
      g_test_message ("%s: %s", fields[0],
                      svgai_document_get_state (doc) == SVGAI_DOCUMENT_DONE
                      ? "converted" : svgai_window_get_last_toast (window));
      if (g_str_equal (fields[1], "ok"))
        {
          g_assert_cmpint (svgai_document_get_state (doc), ==, SVGAI_DOCUMENT_DONE);
          g_assert_nonnull (svgai_document_get_svg (doc));
          n_ok++;
        }
      else
        {
          const char *toast;

          g_assert_cmpint (svgai_document_get_state (doc), ==, SVGAI_DOCUMENT_FAILED);
          toast = svgai_window_get_last_toast (window);
          g_assert_nonnull (toast);
          g_assert_nonnull (strstr (toast, base));
          n_failed++;
        }
      /* Close it again: the app must let go of a failed document too. */
      svgai_window_remove_document (window, doc);
    }
  g_assert_cmpuint (n_ok + n_failed, >=, 30);

  /* The app keeps working. */
  test_gui_drop_path (window, good_path);
  good = test_gui_last_document (window);
  g_assert_true (test_gui_wait_done (good, 1, TIMEOUT_MS));
  g_assert_cmpint (svgai_document_get_state (good), ==, SVGAI_DOCUMENT_DONE);

  g_rmdir (folder);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_no_display (void)
{
  g_test_skip ("no display (run under xvfb-run)");
}

static gboolean
have_display (void)
{
  GdkDisplay *display;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return FALSE;
  display = gdk_display_open (NULL);
  if (display == NULL)
    return FALSE;
  gdk_display_close (display);
  return TRUE;
}

int
main (int argc, char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);

  if (!have_display ())
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/gui/corpus/no-display", test_no_display);
      return g_test_run ();
    }
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = svgai_application_new (G_APPLICATION_NON_UNIQUE);
  {
    /* Without a session bus GTK warns once while registering. */
    GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

    g_application_register (G_APPLICATION (app), NULL, NULL);
    g_log_set_always_fatal (fatal);
  }

  g_test_add_func ("/gui/corpus/every-bad-input", test_corpus);

  return g_test_run ();
}
