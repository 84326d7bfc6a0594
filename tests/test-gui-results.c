/* Widget tests of what the app says about a result and where results live
 * (issue 15): the quality model's prediction only inside its training
 * range, the verdict on a photo or noise, results that stay with their
 * image when it is shown again, and the Export As Format choice. Run under
 * Xvfb. */

#include "svgai-config.h"

#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include "svgai-quality-panel.h"
#include "test-gui-util.h"

#define TIMEOUT_MS 30000

static SvgaiApplication *app;

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "gui", name, NULL);
}

static gboolean
panels_updated (gpointer data)
{
  return !svgai_window_has_pending_updates (data);
}

static SvgaiDocument *
open_and_wait (SvgaiWindow *window, const char *path)
{
  SvgaiDocument *doc;

  test_gui_drop_path (window, path);
  doc = test_gui_last_document (window);
  g_assert_true (test_gui_wait_done (doc, 1, TIMEOUT_MS));
  g_assert_true (test_gui_wait (panels_updated, window, TIMEOUT_MS));
  return doc;
}

/* 256², every pixel one of 256 random colours: no logo, and nothing like
 * the training corpus. */
static char *
write_noise (const char *dir)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 256, 256);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "noise.png", NULL);
  guint8 *p = gdk_pixbuf_get_pixels (pixbuf);

  for (int y = 0; y < 256; y++)
    for (int x = 0; x < 256 * 3; x++)
      p[y * gdk_pixbuf_get_rowstride (pixbuf) + x] = (guint8) g_rand_int_range (rand, 0, 256);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  return path;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

static void
test_prediction_and_verdict (void)
{
  SvgaiWindow *window = svgai_window_new (ADW_APPLICATION (app));
  SvgaiQualityPanel *quality = SVGAI_QUALITY_PANEL (svgai_window_get_panel (window, "quality"));
  g_autofree char *logo = data_path ("logo-bazel-icon.png");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("svgai-results-XXXXXX", &error);
  g_autofree char *noise = write_noise (dir);
  SvgaiDocument *doc;
  const char *predicted;

  gtk_window_present (GTK_WINDOW (window));

  /* A logo: a prediction, and no verdict. */
  doc = open_and_wait (window, logo);
  g_assert_true (svgai_features_in_training_range (svgai_result_get_features (svgai_document_get_output (doc)->result),
                                                   NULL));
  predicted = svgai_quality_panel_get_predicted_text (quality);
  g_test_message ("logo: predicted %s", predicted);
  g_assert_cmpfloat (g_ascii_strtod (predicted, NULL), >, 0.5);
  g_assert_null (svgai_quality_panel_get_verdict (quality));

  /* Noise: outside the training range, so no number, and the verdict the
   * CLI gives, naming the image. */
  doc = open_and_wait (window, noise);
  g_assert_false (svgai_features_in_training_range (svgai_result_get_features (svgai_document_get_output (doc)->result),
                                                    NULL));
  predicted = svgai_quality_panel_get_predicted_text (quality);
  g_test_message ("noise: predicted %s, verdict %s", predicted, svgai_quality_panel_get_verdict (quality));
  g_assert_cmpstr (predicted, ==, "not shown");
  g_assert_nonnull (svgai_quality_panel_get_verdict (quality));
  g_assert_nonnull (strstr (svgai_quality_panel_get_verdict (quality), "does not resemble its source"));
  g_assert_nonnull (strstr (svgai_quality_panel_get_verdict (quality), "noise.png"));

  /* And back to the logo: both go away. */
  svgai_window_select_document (window, test_gui_nth_document (window, 0));
  g_assert_true (test_gui_wait (panels_updated, window, TIMEOUT_MS));
  g_assert_cmpfloat (g_ascii_strtod (svgai_quality_panel_get_predicted_text (quality), NULL), >, 0.5);
  g_assert_null (svgai_quality_panel_get_verdict (quality));

  gtk_window_destroy (GTK_WINDOW (window));
  remove_dir (dir);
}

static void
test_reselect_keeps_result (void)
{
  SvgaiWindow *window = svgai_window_new (ADW_APPLICATION (app));
  g_autofree char *a_path = data_path ("logo-bazel-icon.png");
  g_autofree char *b_path = data_path ("logo-livekit.png");
  SvgaiDocument *a, *b;
  SvgaiJobOutput *a_output;
  guint a_results, b_results;

  gtk_window_present (GTK_WINDOW (window));
  a = open_and_wait (window, a_path);
  b = open_and_wait (window, b_path);
  g_assert_true (svgai_window_get_current (window) == b);
  a_output = svgai_document_get_output (a);
  a_results = svgai_document_get_n_results (a);
  b_results = svgai_document_get_n_results (b);
  /* Not shown, a still holds its pixels. */
  g_assert_nonnull (a_output->image);

  for (int round = 0; round < 3; round++)
    {
      svgai_window_select_document (window, a);
      g_assert_true (svgai_window_get_current (window) == a);
      /* At once: no job runs for it, the pixels are on screen. */
      g_assert_false (svgai_document_is_busy (a));
      g_assert_true (svgai_document_get_output (a) == a_output);
      test_gui_spin (300);
      svgai_window_select_document (window, b);
      g_assert_false (svgai_document_is_busy (b));
      test_gui_spin (300);
    }
  /* Nothing was loaded or traced again: the same output, no new result. */
  g_assert_true (svgai_document_get_output (a) == a_output);
  g_assert_cmpuint (svgai_document_get_n_results (a), ==, a_results);
  g_assert_cmpuint (svgai_document_get_n_results (b), ==, b_results);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Picks item `label` of the Format drop-down in the chooser, as a click
 * would; FALSE when there is no such drop-down or item. */
static gboolean
pick_format (GtkWidget *chooser, const char *label)
{
  GtkWidget *drop_down = test_gui_find_widget (chooser, GTK_TYPE_DROP_DOWN);
  GListModel *model;

  if (drop_down == NULL)
    return FALSE;
  model = gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), label))
        {
          gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), i);
          return TRUE;
        }
    }
  return FALSE;
}

typedef struct {
  GtkFileChooser *chooser;
  GFile *folder;
} InFolder;

/* The file the chooser would answer with lies in the folder the test set. */
static gboolean
chooser_in_folder (gpointer data)
{
  InFolder *w = data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (w->chooser);
  g_autoptr(GFile) parent = file ? g_file_get_parent (file) : NULL;

  return parent != NULL && g_file_equal (parent, w->folder);
}

/* Export As with the name left at .svg and the Format drop-down set to
 * `label`: the file written is `expect`, starting with `magic`. */
static void
export_with_choice (SvgaiWindow *window, const char *dir, const char *label, const char *expect,
                    const char *magic, gsize magic_len)
{
  GList *before = gtk_window_list_toplevels ();
  g_autofree char *path = g_build_filename (dir, expect, NULL);
  g_autofree char *plain = g_build_filename (dir, "picked.svg", NULL);
  g_autofree char *head = NULL;
  gsize len = 0;
  GtkWindow *chooser;

  /* The folder the dialog opens in, as if the last export went there: a
   * folder set while the dialog loads another can lose to that one. */
  {
    g_autoptr(GFile) folder = g_file_new_for_path (dir);
    g_autofree char *uri = g_file_get_uri (folder);

    g_settings_set_string (svgai_window_get_settings (window), "export-folder", uri);
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-as", NULL);
  chooser = test_gui_wait_toplevel (before, GTK_TYPE_FILE_CHOOSER, 20000);
  g_assert_nonnull (chooser);
  /* Let the chooser settle (it loads its folder asynchronously). */
  test_gui_spin (300);
  {
    g_autoptr(GFile) folder = g_file_new_for_path (dir);
    InFolder w = { GTK_FILE_CHOOSER (chooser), folder };

    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "picked.svg");
    /* The chooser takes its folder once a worker has checked it is one;
     * until then it answers with the name in the folder it had. A user
     * sees the folder before clicking Save; the test waits for it too.
     * (Under ASan's slow unwinder it answered before, every time: the file
     * went to the image's folder, or a replace question came up there.) */
    g_assert_true (test_gui_wait (chooser_in_folder, &w, 20000));
  }
  g_assert_true (pick_format (GTK_WIDGET (chooser), label));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  test_gui_wait (exists, path, 30000);
  g_test_message ("%s: toast %s", label, svgai_window_get_last_toast (window));
  g_assert_true (exists (path));
  g_assert_true (g_file_get_contents (path, &head, &len, NULL));
  g_assert_cmpuint (len, >=, magic_len);
  g_assert_cmpmem (head, magic_len, magic, magic_len);
  if (!g_str_equal (expect, "picked.svg"))
    g_assert_false (exists (plain));
  /* "PNG at twice the size": twice the source's width (256 px). */
  if (g_str_has_suffix (expect, ".png"))
    g_assert_cmpuint (((guint8) head[16] << 24 | (guint8) head[17] << 16 | (guint8) head[18] << 8 | (guint8) head[19]),
                      ==, 512);
  g_remove (path);
  g_list_free (before);
}

static void
test_export_format_choice (void)
{
  SvgaiWindow *window = svgai_window_new (ADW_APPLICATION (app));
  g_autofree char *logo = data_path ("logo-bazel-icon.png");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  dir = g_dir_make_tmp ("svgai-format-XXXXXX", &error);
  gtk_window_present (GTK_WINDOW (window));
  open_and_wait (window, logo);
  export_with_choice (window, dir, "PDF", "picked.pdf", "%PDF-", 5);
  export_with_choice (window, dir, "EPS (no transparency)", "picked.eps", "%!PS-Adobe-3.0 EPSF", 19);
  export_with_choice (window, dir, "PNG at twice the size", "picked.png", "\x89PNG", 4);
  export_with_choice (window, dir, "SVG", "picked.svg", "<svg", 4);
  gtk_window_destroy (GTK_WINDOW (window));
  remove_dir (dir);
}

int
main (int argc, char *argv[])
{
  app = test_gui_init (&argc, &argv, "/gui/results/no-display");
  if (app != NULL)
    {
      g_test_add_func ("/gui/results/prediction-and-verdict", test_prediction_and_verdict);
      g_test_add_func ("/gui/results/reselect-keeps-result", test_reselect_keeps_result);
      g_test_add_func ("/gui/results/export-format-choice", test_export_format_choice);
    }
  return g_test_run ();
}
