/* Widget tests of saving: Ctrl+S asks where the first time, never writes
 * over a file without a confirmation naming it; Export All asks once what
 * to do with existing files and reports what it skipped. Run under Xvfb. */

#include "svgai-config.h"

#include <glib/gstdio.h>
#include "test-gui-util.h"

#define TIMEOUT_MS 30000

static SvgaiApplication *app;

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "gui", name, NULL);
}

static SvgaiWindow *
new_window (void)
{
  SvgaiWindow *window = svgai_window_new (ADW_APPLICATION (app));

  /* No folder remembered from an earlier test. */
  g_settings_reset (svgai_window_get_settings (window), "export-folder");
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static SvgaiDocument *
open_copy (SvgaiWindow *window, const char *dir, const char *name, const char *as)
{
  g_autofree char *src = data_path (name);
  g_autofree char *copy = g_build_filename (dir, as, NULL);
  g_autofree char *contents = NULL;
  gsize length;
  SvgaiDocument *doc;

  g_assert_true (g_file_get_contents (src, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  test_gui_drop_path (window, copy);
  doc = test_gui_last_document (window);
  g_assert_true (test_gui_wait_done (doc, 1, TIMEOUT_MS));
  g_assert_cmpint (svgai_document_get_state (doc), ==, SVGAI_DOCUMENT_DONE);
  return doc;
}

static char *
read_file (const char *path)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

static void
assert_file_is (const char *path, const char *expected)
{
  g_autofree char *contents = read_file (path);

  g_assert_cmpstr (contents, ==, expected);
}

static gboolean
is_svg (const char *path)
{
  g_autofree char *contents = read_file (path);

  return contents && strstr (contents, "<svg") != NULL;
}

static void
rm_rf (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        rm_rf (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}

/* Runs the main loop a little for dialogs to map. */
static void
settle (void)
{
  test_gui_spin (200);
}

static AdwMessageDialog *
respond_message (GList *before, const char *must_contain, const char *response)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (test_gui_new_toplevel (before, ADW_TYPE_MESSAGE_DIALOG));
  g_autofree char *text = NULL;

  g_assert_nonnull (dialog);
  text = g_strconcat (adw_message_dialog_get_heading (dialog), " ", adw_message_dialog_get_body (dialog), NULL);
  g_assert_nonnull (strstr (text, must_contain));
  adw_message_dialog_response (dialog, response);
  settle ();
  return dialog;
}

static gboolean
exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
has_new_message (gpointer before)
{
  return test_gui_new_toplevel (before, GTK_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
test_ctrl_s_asks_first (void)
{
  SvgaiWindow *window = new_window ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("svgai-gui-XXXXXX", &error);
  g_autofree char *hand = NULL, *out = NULL;
  g_autoptr(GFile) out_file = NULL;
  g_autoptr(GFile) dir_file = NULL;
  GList *before;
  GtkWindow *chooser;
  g_autofree char *folder_uri = NULL;

  g_assert_no_error (error);
  hand = g_build_filename (dir, "brand.svg", NULL);
  out = g_build_filename (dir, "brand-final.svg", NULL);
  out_file = g_file_new_for_path (out);
  dir_file = g_file_new_for_path (dir);
  /* A hand-made SVG where the old Ctrl+S wrote without asking. */
  g_assert_true (g_file_set_contents (hand, "hand-made", -1, NULL));
  open_copy (window, dir, "logo-livekit.png", "brand.png");

  /* The first Ctrl+S asks where, in the source's folder, and writes nothing. */
  before = gtk_window_list_toplevels ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  settle ();
  chooser = test_gui_new_toplevel (before, GTK_TYPE_FILE_CHOOSER);
  g_assert_nonnull (chooser);
  {
    g_autoptr(GFile) shown = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));

    g_assert_true (shown && g_file_equal (shown, dir_file));
    g_autofree char *name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));

    g_assert_cmpstr (name, ==, "brand.svg");
  }
  assert_file_is (hand, "hand-made");
  /* Accepting the existing name: the chooser asks first, naming it. */
  {
    g_autoptr(GList) mid = gtk_window_list_toplevels ();
    GtkWindow *ask;

    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
    g_assert_true (test_gui_wait (has_new_message, mid, 10000));
    ask = test_gui_new_toplevel (mid, GTK_TYPE_MESSAGE_DIALOG);
    {
      g_autofree char *text = NULL;

      g_object_get (ask, "text", &text, NULL);
      g_assert_nonnull (strstr (text, "brand.svg"));
    }
    gtk_dialog_response (GTK_DIALOG (ask), GTK_RESPONSE_CANCEL);
    settle ();
    assert_file_is (hand, "hand-made");
  }
  /* The user picks another name and saves. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "brand-final.svg");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_true (test_gui_wait (exists, out, 10000));
  settle ();
  g_assert_true (is_svg (out));
  g_assert_nonnull (strstr (svgai_window_get_last_toast (window), "brand-final.svg"));
  assert_file_is (hand, "hand-made");
  /* The folder is remembered. */
  folder_uri = g_settings_get_string (svgai_window_get_settings (window), "export-folder");
  {
    g_autoptr(GFile) remembered = g_file_new_for_uri (folder_uri);
    g_assert_true (g_file_equal (remembered, dir_file));
  }
  g_list_free (before);

  /* Ctrl+S again: the same file, no question (it is ours, unchanged). */
  before = gtk_window_list_toplevels ();
  g_remove (out);
  svgai_window_show_toast (window, "-");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  settle ();
  g_assert_null (test_gui_new_toplevel (before, GTK_TYPE_WINDOW));
  g_assert_true (is_svg (out));
  g_assert_nonnull (strstr (svgai_window_get_last_toast (window), "brand-final.svg"));

  /* Someone edits it by hand: Ctrl+S asks, naming it; Cancel keeps it. */
  g_usleep (20000);
  g_assert_true (g_file_set_contents (out, "edited by hand", -1, NULL));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  settle ();
  assert_file_is (out, "edited by hand");
  respond_message (before, "brand-final.svg", "cancel");
  assert_file_is (out, "edited by hand");
  g_list_free (before);

  /* Asked again, the user replaces it. */
  before = gtk_window_list_toplevels ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  settle ();
  respond_message (before, "brand-final.svg", "replace");
  g_assert_true (is_svg (out));
  g_list_free (before);

  rm_rf (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_export_all_asks_once (void)
{
  SvgaiWindow *window = new_window ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("svgai-gui-XXXXXX", &error);
  g_autofree char *out_dir = g_build_filename (dir, "out", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (out_dir);
  g_autofree char *a = g_build_filename (out_dir, "alpha.svg", NULL);
  g_autofree char *b = g_build_filename (out_dir, "beta.svg", NULL);
  g_autofree char *a2 = g_build_filename (out_dir, "alpha-2.svg", NULL);
  g_autofree char *b2 = g_build_filename (out_dir, "beta-2.svg", NULL);
  GList *before;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  open_copy (window, dir, "logo-livekit.png", "alpha.png");
  open_copy (window, dir, "logo-bazel-icon.png", "beta.png");
  g_assert_true (g_file_set_contents (a, "hand-made", -1, NULL));

  /* One file there: one question, naming it; Skip keeps it and says so. */
  before = gtk_window_list_toplevels ();
  svgai_window_export_all_to (window, folder);
  settle ();
  g_assert_false (g_file_test (b, G_FILE_TEST_EXISTS));
  respond_message (before, "alpha.svg", "skip");
  g_list_free (before);
  assert_file_is (a, "hand-made");
  g_assert_true (is_svg (b));
  g_assert_nonnull (strstr (svgai_window_get_last_toast (window), "alpha.svg"));
  g_assert_nonnull (strstr (svgai_window_get_last_toast (window), "skipped 1"));

  /* Keep Both: new names, nothing replaced. */
  before = gtk_window_list_toplevels ();
  svgai_window_export_all_to (window, folder);
  settle ();
  respond_message (before, "beta.svg", "rename");
  g_list_free (before);
  assert_file_is (a, "hand-made");
  g_assert_true (is_svg (a2));
  g_assert_true (is_svg (b2));

  /* Cancel writes nothing; Replace All replaces. */
  before = gtk_window_list_toplevels ();
  g_remove (a2);
  svgai_window_export_all_to (window, folder);
  settle ();
  respond_message (before, "alpha.svg", "cancel");
  g_assert_false (g_file_test (a2, G_FILE_TEST_EXISTS));
  assert_file_is (a, "hand-made");
  g_list_free (before);
  before = gtk_window_list_toplevels ();
  svgai_window_export_all_to (window, folder);
  settle ();
  respond_message (before, "alpha.svg", "replace");
  g_assert_true (is_svg (a));
  g_list_free (before);

  rm_rf (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  app = test_gui_init (&argc, &argv, "/gui/save/no-display");
  if (app != NULL)
    {
      g_test_add_func ("/gui/save/ctrl-s-asks-first", test_ctrl_s_asks_first);
      g_test_add_func ("/gui/save/export-all-asks-once", test_export_all_asks_once);
    }
  return g_test_run ();
}
