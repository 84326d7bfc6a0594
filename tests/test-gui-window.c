/* Widget tests of the app window: open (as a drop), panels, parameter
 * changes, switching images, export, copy, bad input. Run under Xvfb. */

#include "svgai-config.h"

#include <glib/gstdio.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include "svgai-classification-panel.h"
#include "svgai-export.h"
#include "svgai-features-panel.h"
#include "svgai-params-panel.h"
#include "svgai-quality-panel.h"
#include "svgai-timing-panel.h"
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

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static gboolean
svg_on_screen (gpointer data)
{
  SvgaiWindow *window = data;
  SvgaiImageView *view = svgai_compare_view_get_svg_view (svgai_window_get_compare_view (window));

  return svgai_image_view_get_svg_frames (view) > 0;
}

static gboolean
panels_updated (gpointer data)
{
  return !svgai_window_has_pending_updates (data);
}

static SvgaiDocument *
open_and_wait (SvgaiWindow *window, const char *name)
{
  g_autofree char *path = data_path (name);
  SvgaiDocument *doc;

  test_gui_drop_path (window, path);
  doc = test_gui_last_document (window);
  /* A file that fails delivers no result, only its state. */
  g_assert_true (test_gui_wait_done (doc, strstr (name, "broken") ? 0 : 1, TIMEOUT_MS));
  g_assert_true (test_gui_wait (panels_updated, window, TIMEOUT_MS));
  return doc;
}

static void
test_open_shows_result (void)
{
  SvgaiWindow *window = new_window ();
  SvgaiDocument *doc = open_and_wait (window, "logo-bazel-icon.png");
  SvgaiQualityPanel *quality = SVGAI_QUALITY_PANEL (svgai_window_get_panel (window, "quality"));
  SvgaiClassificationPanel *cls = SVGAI_CLASSIFICATION_PANEL (svgai_window_get_panel (window, "classification"));
  SvgaiFeaturesPanel *features = SVGAI_FEATURES_PANEL (svgai_window_get_panel (window, "features"));
  double ssim;

  g_assert_cmpint (svgai_document_get_state (doc), ==, SVGAI_DOCUMENT_DONE);
  g_assert_true (svgai_window_get_current (window) == doc);
  g_assert_nonnull (svgai_document_get_svg (doc));

  /* Quality: a measured SSIM */
  ssim = g_ascii_strtod (svgai_quality_panel_get_ssim_text (quality), NULL);
  g_assert_cmpfloat (ssim, >, 0.9);
  g_assert_cmpfloat (ssim, <=, 1.0);

  /* Class and the eight features */
  g_assert_cmpstr (svgai_classification_panel_get_label (cls), !=, "—");
  for (guint i = 0; i < SVGAI_N_FEATURES; i++)
    g_assert_cmpstr (svgai_features_panel_get_value_text (features, i), !=, "—");

  /* And the SVG reached the screen. */
  g_assert_true (test_gui_wait (svg_on_screen, window, TIMEOUT_MS));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
crisp (gpointer data)
{
  return svgai_image_view_has_crisp_tile (data);
}

/* A test logo with one pixel changed at random, saved in dir: an image no
 * earlier test, run or disk cache has seen. */
static char *
fresh_logo (const char *dir)
{
  g_autofree char *src = data_path ("logo-livekit.png");
  g_autofree char *path = g_build_filename (dir, "fresh.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (src, &error);
  guint8 *p;

  g_assert_no_error (error);
  g_assert_true (gdk_pixbuf_get_has_alpha (pixbuf));
  p = gdk_pixbuf_get_pixels (pixbuf);
  p[0] = g_random_int_range (0, 256);
  p[1] = g_random_int_range (0, 256);
  p[2] = g_random_int_range (0, 256);
  p[3] = 255;
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static SvgaiDocument *
open_path_and_wait (SvgaiWindow *window, const char *path)
{
  SvgaiDocument *doc;

  test_gui_drop_path (window, path);
  doc = test_gui_last_document (window);
  g_assert_true (test_gui_wait_done (doc, 1, TIMEOUT_MS));
  g_assert_cmpint (svgai_document_get_state (doc), ==, SVGAI_DOCUMENT_DONE);
  g_assert_true (test_gui_wait (panels_updated, window, TIMEOUT_MS));
  return doc;
}

/* Reopening an image: the engine's feature and result caches answer, and
 * the timing panel says so. */
static void
test_reopen_served_by_caches (void)
{
  SvgaiWindow *window = new_window ();
  SvgaiTimingPanel *timing = SVGAI_TIMING_PANEL (svgai_window_get_panel (window, "timing"));
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("svgai-gui-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *cache_line = NULL;
  g_autoptr(GBytes) first_svg = NULL;
  gint64 feature_hits, result_hits;
  SvgaiDocument *doc;
  SvgaiResult *result;

  g_assert_no_error (error);
  path = fresh_logo (dir);
  feature_hits = svgai_perf_get_counter (NULL, "cache.features.memory_hit");
  result_hits = svgai_perf_get_counter (NULL, "cache.results.hit");

  /* First time: the features are extracted, and the panel shows times. */
  doc = open_path_and_wait (window, path);
  result = svgai_document_get_output (doc)->result;
  g_assert_false (svgai_result_get_features_cached (result));
  g_assert_cmpstr (svgai_timing_panel_get_value_text (timing, SVGAI_STAGE_FEATURES), !=, "cached");
  g_assert_cmpint (svgai_result_get_trace_cached (result), ==,
                   g_str_equal (svgai_timing_panel_get_value_text (timing, SVGAI_STAGE_TRACE), "cached"));
  g_assert_true (g_str_has_prefix (svgai_timing_panel_get_cache_text (timing), "Cache hits this session:"));
  first_svg = g_bytes_ref (svgai_document_get_svg (doc));
  cache_line = g_strdup (svgai_timing_panel_get_cache_text (timing));
  svgai_window_remove_document (window, doc);

  /* Again: features and SVG from the caches, the same SVG, and the panel
   * shows the hits. */
  doc = open_path_and_wait (window, path);
  result = svgai_document_get_output (doc)->result;
  g_assert_true (svgai_result_get_features_cached (result));
  g_assert_true (svgai_result_get_trace_cached (result));
  g_assert_true (g_bytes_equal (first_svg, svgai_document_get_svg (doc)));
  g_assert_cmpint (svgai_perf_get_counter (NULL, "cache.features.memory_hit"), >, feature_hits);
  g_assert_cmpint (svgai_perf_get_counter (NULL, "cache.results.hit"), >, result_hits);
  g_assert_cmpstr (svgai_timing_panel_get_value_text (timing, SVGAI_STAGE_FEATURES), ==, "cached");
  g_assert_cmpstr (svgai_timing_panel_get_value_text (timing, SVGAI_STAGE_TRACE), ==, "cached");
  g_assert_cmpstr (svgai_timing_panel_get_cache_text (timing), !=, cache_line);

  g_remove (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_view_zoom_modes (void)
{
  SvgaiWindow *window = new_window ();
  SvgaiCompareView *compare;
  SvgaiImageView *svg_view, *source_view;

  open_and_wait (window, "logo-bazel-icon.png");
  compare = svgai_window_get_compare_view (window);
  svg_view = svgai_compare_view_get_svg_view (compare);
  source_view = svgai_compare_view_get_source_view (compare);

  /* One zoom for both, and the SVG re-rendered crisp at it. */
  svgai_image_view_set_zoom (svg_view, 3.0);
  g_assert_cmpfloat (svgai_image_view_get_zoom (source_view), ==, 3.0);
  g_assert_true (test_gui_wait (crisp, svg_view, TIMEOUT_MS));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
  g_assert_cmpfloat (svgai_image_view_get_zoom (source_view), ==, svgai_image_view_get_zoom (svg_view));
  g_assert_cmpfloat (svgai_image_view_get_zoom (svg_view), >, 3.0);
  g_assert_true (test_gui_wait (crisp, svg_view, TIMEOUT_MS));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-fit", NULL);
  test_gui_spin (100);
  g_assert_cmpfloat (svgai_image_view_get_zoom (svg_view), <, 3.0);

  /* Every mode draws (a warning or critical would fail the test). */
  gtk_widget_activate_action (GTK_WIDGET (compare), "view.outline", NULL);
  test_gui_spin (100);
  gtk_widget_activate_action (GTK_WIDGET (compare), "view.mode", "s", "overlay");
  test_gui_spin (100);
  gtk_widget_activate_action (GTK_WIDGET (compare), "view.mode", "s", "difference");
  test_gui_spin (100);
  gtk_widget_activate_action (GTK_WIDGET (compare), "view.mode", "s", "side");
  test_gui_spin (100);
  g_assert_true (svgai_image_view_get_svg_frames (svg_view) > 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_parameter_change (void)
{
  SvgaiWindow *window = new_window ();
  SvgaiDocument *doc = open_and_wait (window, "logo-livekit.png");
  SvgaiParamsPanel *params = SVGAI_PARAMS_PANEL (svgai_window_get_panel (window, "params"));
  g_autoptr(GBytes) before = g_bytes_ref (svgai_document_get_svg (doc));
  guint n = svgai_document_get_n_results (doc);
  SvgaiParams p;
  gboolean user_set;

  /* Sharp corners instead of curves: surely another SVG. */
  svgai_params_panel_set_value (params, "smooth", 0.0);
  g_assert_true (test_gui_wait_done (doc, n + 1, TIMEOUT_MS));
  g_assert_cmpint (svgai_document_get_state (doc), ==, SVGAI_DOCUMENT_DONE);
  g_assert_false (g_bytes_equal (before, svgai_document_get_svg (doc)));
  svgai_document_get_params (doc, &p, &user_set);
  g_assert_true (user_set);
  g_assert_cmpfloat (p.smooth, ==, 0.0);
  /* The panel keeps showing the user's value after the result. */
  {
    SvgaiParams shown;

    svgai_params_panel_get_params (params, &shown);
    g_assert_cmpfloat (shown.smooth, ==, 0.0);
  }

  /* Reset to automatic: the optimizer's SVG again. */
  n = svgai_document_get_n_results (doc);
  g_signal_emit_by_name (params, "reset");
  g_assert_true (test_gui_wait_done (doc, n + 1, TIMEOUT_MS));
  svgai_document_get_params (doc, &p, &user_set);
  g_assert_false (user_set);
  g_assert_true (g_bytes_equal (before, svgai_document_get_svg (doc)));

  /* Another tier: analysed and optimized again. */
  n = svgai_document_get_n_results (doc);
  g_signal_emit_by_name (params, "tier-changed", (int) SVGAI_TIER_FAST);
  g_assert_true (test_gui_wait_done (doc, n + 1, TIMEOUT_MS));
  g_assert_cmpint (svgai_document_get_tier (doc), ==, SVGAI_TIER_FAST);
  g_assert_cmpint (svgai_document_get_state (doc), ==, SVGAI_DOCUMENT_DONE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_switch_quickly (void)
{
  SvgaiWindow *window = new_window ();
  g_autofree char *a = data_path ("logo-bazel-icon.png");
  g_autofree char *b = data_path ("logo-livekit.png");
  g_autofree char *c = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "sample-logo.png", NULL);
  GFile *files[3] = { g_file_new_for_path (a), g_file_new_for_path (b), g_file_new_for_path (c) };
  SvgaiDocument *docs[3];
  guint cancelled = svgai_document_get_n_cancelled_jobs ();

  test_gui_drop_files (window, files, 3);
  for (int i = 0; i < 3; i++)
    {
      docs[i] = test_gui_nth_document (window, i);
      g_object_unref (files[i]);
    }

  /* Flip between them faster than they convert: each switch cancels or
   * queues work, and nothing stale may reach the screen. */
  for (int round = 0; round < 30; round++)
    {
      svgai_window_select_document (window, docs[round % 3]);
      test_gui_spin (2);
    }
  svgai_window_select_document (window, docs[1]);
  /* Leaving an image while it converts cancels its job (it is queued again). */
  g_assert_cmpuint (svgai_document_get_n_cancelled_jobs (), >, cancelled);

  for (int i = 0; i < 3; i++)
    {
      g_assert_true (test_gui_wait_done (docs[i], 1, TIMEOUT_MS));
      g_assert_cmpint (svgai_document_get_state (docs[i]), ==, SVGAI_DOCUMENT_DONE);
    }
  g_assert_true (svgai_window_get_current (window) == docs[1]);
  /* The shown image keeps its pixels. The others keep a result: slim when
   * their job finished after they were left, with their pixels when they
   * were left finished (recently shown images keep them: test-gui-results
   * checks that; which of the two here depends on timing). */
  g_assert_true (test_gui_wait_done (docs[1], 1, TIMEOUT_MS));
  g_assert_nonnull (svgai_document_get_output (docs[1])->image);
  g_assert_nonnull (svgai_document_get_svg (docs[0]));
  g_assert_nonnull (svgai_document_get_svg (docs[2]));

  /* Showing one again gives it its pixels (kept, or reloaded if slim). */
  svgai_window_select_document (window, docs[0]);
  g_assert_true (test_gui_wait_done (docs[0], 1, TIMEOUT_MS));
  g_assert_nonnull (svgai_document_get_output (docs[0])->image);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_export (void)
{
  SvgaiWindow *window = new_window ();
  SvgaiDocument *doc = open_and_wait (window, "logo-bazel-icon.png");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("svgai-gui-XXXXXX", &error);
  g_autofree char *out = g_build_filename (dir, "logo-bazel-icon.svg", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (out);
  RsvgHandle *handle;
  g_autofree char *source_before = NULL;
  g_autofree char *source_after = NULL;
  gsize len_before, len_after;
  double w, h;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *all_dir = NULL;
  guint written;

  g_assert_no_error (error);
  g_assert_true (svgai_window_export_current (window, dest, &error));
  g_assert_no_error (error);

  /* A valid SVG of the source's size. */
  handle = rsvg_handle_new_from_file (out, &error);
  g_assert_no_error (error);
  g_assert_true (rsvg_handle_get_intrinsic_size_in_pixels (handle, &w, &h));
  g_assert_cmpfloat (w, ==, 256);
  g_object_unref (handle);

  /* Never over the source. */
  g_assert_true (g_file_get_contents (g_file_peek_path (svgai_document_get_file (doc)), &source_before, &len_before, NULL));
  g_assert_false (svgai_window_export_current (window, svgai_document_get_file (doc), &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "logo-bazel-icon.png"));
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (g_file_peek_path (svgai_document_get_file (doc)), &source_after, &len_after, NULL));
  g_assert_cmpmem (source_before, len_before, source_after, len_after);

  /* Export All: one SVG per converted image, names kept apart. */
  open_and_wait (window, "logo-livekit.png");
  all_dir = g_build_filename (dir, "all", NULL);
  g_assert_cmpint (g_mkdir (all_dir, 0700), ==, 0);
  folder = g_file_new_for_path (all_dir);
  written = svgai_window_export_all (window, folder, SVGAI_EXISTING_REPLACE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, 2);
  {
    g_autofree char *p1 = g_build_filename (all_dir, "logo-bazel-icon.svg", NULL);
    g_autofree char *p2 = g_build_filename (all_dir, "logo-livekit.svg", NULL);

    g_assert_true (g_file_test (p1, G_FILE_TEST_IS_REGULAR));
    g_assert_true (g_file_test (p2, G_FILE_TEST_IS_REGULAR));
    g_remove (p1);
    g_remove (p2);
  }
  g_rmdir (all_dir);
  g_remove (out);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_copy (void)
{
  SvgaiWindow *window = new_window ();
  GdkContentFormats *formats;

  open_and_wait (window, "logo-livekit.png");
  svgai_window_copy_svg (window);
  formats = gdk_clipboard_get_formats (gtk_widget_get_clipboard (GTK_WIDGET (window)));
  g_assert_true (gdk_content_formats_contain_mime_type (formats, "image/svg+xml"));
  g_assert_true (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING));

  /* Dragged out, the SVG also comes as a file named after the source. */
  {
    SvgaiDocument *doc = svgai_window_get_current (window);
    g_autoptr(GdkContentProvider) provider =
      svgai_export_content_provider (svgai_document_get_svg (doc), "logo-livekit.svg", TRUE);
    g_autoptr(GdkContentFormats) drag_formats = gdk_content_provider_ref_formats (provider);
    GValue value = G_VALUE_INIT;
    g_autoptr(GError) error = NULL;
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (gdk_content_formats_contain_mime_type (drag_formats, "image/svg+xml"));
    g_assert_true (gdk_content_formats_contain_gtype (drag_formats, G_TYPE_FILE));
    g_value_init (&value, G_TYPE_FILE);
    g_assert_true (gdk_content_provider_get_value (provider, &value, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_load_contents (g_value_get_object (&value), NULL, &contents, &length, NULL, NULL));
    g_assert_cmpmem (contents, length, g_bytes_get_data (svgai_document_get_svg (doc), NULL),
                     g_bytes_get_size (svgai_document_get_svg (doc)));
    g_value_unset (&value);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_corrupt_file (void)
{
  SvgaiWindow *window = new_window ();
  SvgaiDocument *bad = open_and_wait (window, "broken.png");
  SvgaiDocument *good;
  const char *toast;

  g_assert_cmpint (svgai_document_get_state (bad), ==, SVGAI_DOCUMENT_FAILED);
  toast = svgai_window_get_last_toast (window);
  g_assert_nonnull (toast);
  g_assert_nonnull (strstr (toast, "broken.png"));

  /* The app keeps working. */
  good = open_and_wait (window, "logo-livekit.png");
  g_assert_cmpint (svgai_document_get_state (good), ==, SVGAI_DOCUMENT_DONE);
  g_assert_true (svgai_window_get_current (window) == good);

  /* And the bad one can be closed. */
  svgai_window_remove_document (window, bad);
  g_assert_cmpuint (g_list_model_get_n_items (svgai_window_get_documents (window)), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_documents (gpointer data)
{
  return g_list_model_get_n_items (svgai_window_get_documents (data)) > 0;
}

static void
test_paste (void)
{
  SvgaiWindow *window = new_window ();
  g_autofree char *path = data_path ("logo-livekit.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
  SvgaiDocument *doc;

  g_assert_no_error (error);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (window)), texture);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.paste", NULL);
  g_assert_true (test_gui_wait (has_documents, window, TIMEOUT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (svgai_window_get_documents (window)), ==, 1);
  doc = test_gui_last_document (window);
  g_assert_true (test_gui_wait_done (doc, 1, TIMEOUT_MS));
  g_assert_cmpint (svgai_document_get_state (doc), ==, SVGAI_DOCUMENT_DONE);
  g_assert_null (svgai_document_get_file (doc));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Closing the window while images convert: the jobs end quietly. */
static void
test_close_while_converting (void)
{
  SvgaiWindow *window = new_window ();
  g_autofree char *a = data_path ("logo-bazel-icon.png");
  g_autofree char *b = data_path ("logo-livekit.png");
  GFile *files[2] = { g_file_new_for_path (a), g_file_new_for_path (b) };

  test_gui_drop_files (window, files, 2);
  test_gui_spin (5);
  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_spin (1500);
  g_object_unref (files[0]);
  g_object_unref (files[1]);
}

static void
test_dialogs (void)
{
  SvgaiWindow *window = new_window ();
  GList *before = gtk_window_list_toplevels ();
  GList *after;

  /* Each opens without a warning (they are fatal here). */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open", NULL);
  test_gui_spin (300);
  after = gtk_window_list_toplevels ();
  {
    gboolean about = FALSE, prefs = FALSE, shortcuts = FALSE, chooser = FALSE;

    for (GList *l = after; l; l = l->next)
      {
        chooser |= GTK_IS_FILE_CHOOSER (l->data) && gtk_widget_get_visible (l->data);
        about |= ADW_IS_ABOUT_WINDOW (l->data) && gtk_widget_get_visible (l->data);
        prefs |= ADW_IS_PREFERENCES_WINDOW (l->data) && gtk_widget_get_visible (l->data);
        shortcuts |= GTK_IS_SHORTCUTS_WINDOW (l->data) && gtk_widget_get_visible (l->data);
      }
    g_assert_true (about && prefs && shortcuts && chooser);
  }
  for (GList *l = after; l; l = l->next)
    if (l->data != (gpointer) window && g_list_find (before, l->data) == NULL)
      gtk_window_destroy (l->data);
    else if (GTK_IS_SHORTCUTS_WINDOW (l->data))
      gtk_widget_set_visible (l->data, FALSE);
  g_list_free (before);
  g_list_free (after);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_no_display (void)
{
  g_test_skip ("no display: run under xvfb-run");
}

static gboolean
have_display (void)
{
  GdkDisplay *display;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return FALSE;
  /* Set, but is anyone there? */
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
  g_setenv ("GTK_A11Y", "none", FALSE); /* no AT-SPI bus under plain Xvfb */

  /* gtk_test_init() aborts without a display: skip instead. */
  if (!have_display ())
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/gui/window/no-display", test_no_display);
      return g_test_run ();
    }
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = svgai_application_new (G_APPLICATION_NON_UNIQUE);
  {
    /* Without a session bus (plain xvfb-run) GTK warns once while
     * registering; that is no failure. */
    GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

    g_application_register (G_APPLICATION (app), NULL, NULL);
    g_log_set_always_fatal (fatal);
  }

  g_test_add_func ("/gui/window/open-shows-result", test_open_shows_result);
  g_test_add_func ("/gui/window/reopen-served-by-caches", test_reopen_served_by_caches);
  g_test_add_func ("/gui/window/view-zoom-modes", test_view_zoom_modes);
  g_test_add_func ("/gui/window/parameter-change", test_parameter_change);
  g_test_add_func ("/gui/window/switch-quickly", test_switch_quickly);
  g_test_add_func ("/gui/window/export", test_export);
  g_test_add_func ("/gui/window/copy", test_copy);
  g_test_add_func ("/gui/window/corrupt-file", test_corrupt_file);
  g_test_add_func ("/gui/window/paste", test_paste);
  g_test_add_func ("/gui/window/close-while-converting", test_close_while_converting);
  g_test_add_func ("/gui/window/dialogs", test_dialogs);
  return g_test_run ();
}
