/* Widget tests of editing: undo and redo of parameter changes per image,
 * and the keyboard after a parameter edit (focus back on the canvas, the
 * window's Ctrl+C / Ctrl+Z whatever has focus, typed as real X key events).
 * Run under Xvfb. */

#include "svgai-config.h"

#include <dlfcn.h>
#include <gdk/x11/gdkx.h>
#include <math.h>
#include "svgai-params-panel.h"
#include "svgai-quality-panel.h"
#include "svgai-timing-panel.h"
#include "test-gui-util.h"

#define TIMEOUT_MS 30000

static SvgaiApplication *app;

static SvgaiWindow *
new_window (void)
{
  SvgaiWindow *window = svgai_window_new (ADW_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static SvgaiDocument *
open_and_wait (SvgaiWindow *window, const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "gui", name, NULL);
  SvgaiDocument *doc;

  test_gui_drop_path (window, path);
  doc = test_gui_last_document (window);
  g_assert_true (test_gui_wait_done (doc, 1, TIMEOUT_MS));
  return doc;
}

static double
doc_value (SvgaiDocument *doc, const char *name, gboolean *user_set)
{
  SvgaiParams params;

  svgai_document_get_params (doc, &params, user_set);
  return svgai_params_get (&params, name);
}

static double
panel_value (SvgaiWindow *window, const char *name)
{
  SvgaiParams params;

  svgai_params_panel_get_params (SVGAI_PARAMS_PANEL (svgai_window_get_panel (window, "params")), &params);
  return svgai_params_get (&params, name);
}

static void
edit (SvgaiWindow *window, SvgaiDocument *doc, const char *name, double value)
{
  guint n = svgai_document_get_n_results (doc);

  svgai_params_panel_set_value (SVGAI_PARAMS_PANEL (svgai_window_get_panel (window, "params")), name, value);
  g_assert_true (test_gui_wait_done (doc, n + 1, TIMEOUT_MS));
  g_assert_cmpfloat (doc_value (doc, name, NULL), ==, value);
}

static void
undo (SvgaiWindow *window, const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  test_gui_spin (50);
}

static void
test_undo_redo_three_edits (void)
{
  SvgaiWindow *window = new_window ();
  SvgaiDocument *doc = open_and_wait (window, "logo-livekit.png");
  SvgaiDocument *other;
  gboolean user_set;
  double speckle0 = doc_value (doc, "speckle", &user_set);
  double smooth0 = doc_value (doc, "smooth", NULL);
  double tolerance0 = doc_value (doc, "tolerance", NULL);

  g_assert_false (user_set);
  g_assert_false (svgai_document_can_undo (doc));
  edit (window, doc, "speckle", speckle0 + 5);
  edit (window, doc, "smooth", 0.2);
  edit (window, doc, "tolerance", 0.8);

  /* Three steps back, each shown in the panel. */
  undo (window, "win.undo");
  g_assert_cmpfloat (doc_value (doc, "tolerance", NULL), ==, tolerance0);
  g_assert_cmpfloat (panel_value (window, "tolerance"), ==, tolerance0);
  g_assert_cmpfloat (doc_value (doc, "smooth", NULL), ==, 0.2);
  undo (window, "win.undo");
  g_assert_cmpfloat (doc_value (doc, "smooth", NULL), ==, smooth0);
  g_assert_cmpfloat (panel_value (window, "smooth"), ==, smooth0);
  undo (window, "win.undo");
  g_assert_cmpfloat (doc_value (doc, "speckle", &user_set), ==, speckle0);
  g_assert_false (user_set);
  g_assert_false (svgai_document_can_undo (doc));

  /* And forward again. */
  undo (window, "win.redo");
  undo (window, "win.redo");
  undo (window, "win.redo");
  g_assert_cmpfloat (doc_value (doc, "speckle", &user_set), ==, speckle0 + 5);
  g_assert_true (user_set);
  g_assert_cmpfloat (doc_value (doc, "smooth", NULL), ==, 0.2);
  g_assert_cmpfloat (doc_value (doc, "tolerance", NULL), ==, 0.8);
  g_assert_cmpfloat (panel_value (window, "tolerance"), ==, 0.8);
  g_assert_false (svgai_document_can_redo (doc));

  /* A reset is a step too. */
  svgai_document_reset_params (doc);
  doc_value (doc, "tolerance", &user_set);
  g_assert_false (user_set);
  g_assert_true (svgai_document_undo (doc));
  g_assert_cmpfloat (doc_value (doc, "tolerance", &user_set), ==, 0.8);
  g_assert_true (user_set);

  /* Per image: another image has its own (empty) history. */
  other = open_and_wait (window, "logo-bazel-icon.png");
  g_assert_true (svgai_window_get_current (window) == other);
  g_assert_false (svgai_document_can_undo (other));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL) &&
                  svgai_document_can_redo (other));
  svgai_window_select_document (window, doc);
  g_assert_true (svgai_document_can_undo (doc));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* --- real key presses through the X server (XTest, loaded at run time) --- */

typedef int (*FakeKeyFunc) (Display *, unsigned int, int, unsigned long);

static FakeKeyFunc fake_key;

static gboolean
load_xtest (void)
{
  void *lib = dlopen ("libXtst.so.6", RTLD_NOW);

  fake_key = lib ? (FakeKeyFunc) dlsym (lib, "XTestFakeKeyEvent") : NULL;
  return fake_key != NULL;
}

static void
press (SvgaiWindow *window, guint keysym, gboolean control)
{
  Display *dpy = gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (window)));
  unsigned int ctrl = XKeysymToKeycode (dpy, GDK_KEY_Control_L);
  unsigned int key = XKeysymToKeycode (dpy, keysym);

  XSetInputFocus (dpy, gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))),
                  RevertToParent, CurrentTime);
  if (control)
    fake_key (dpy, ctrl, True, 0);
  fake_key (dpy, key, True, 0);
  fake_key (dpy, key, False, 0);
  if (control)
    fake_key (dpy, ctrl, False, 0);
  XSync (dpy, False);
  test_gui_spin (150);
}

static gboolean
focus_in_canvas (SvgaiWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *canvas = GTK_WIDGET (svgai_window_get_compare_view (window));

  return focus != NULL && (focus == canvas || gtk_widget_is_ancestor (focus, canvas));
}

static void
test_keyboard_after_edit (void)
{
  SvgaiWindow *window = new_window ();
  SvgaiDocument *doc = open_and_wait (window, "logo-livekit.png");
  GtkWidget *panel = svgai_window_get_panel (window, "params");
  GtkWidget *spin = test_gui_find_widget (panel, GTK_TYPE_SPIN_BUTTON);
  GtkWidget *text = gtk_editable_get_delegate (GTK_EDITABLE (spin)) ? GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (spin))) : NULL;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  guint n;

  if (!load_xtest ())
    {
      g_test_skip ("libXtst.so.6 not found");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  g_assert_nonnull (text);
  /* The engine's fields are under Advanced. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (test_gui_find_widget (panel, ADW_TYPE_EXPANDER_ROW)), TRUE);
  test_gui_spin (400);

  /* Type a value and press Enter: the value applies, the canvas has the keys. */
  gtk_widget_grab_focus (spin);
  g_assert_false (focus_in_canvas (window));
  n = svgai_document_get_n_results (doc);
  gtk_editable_set_text (GTK_EDITABLE (spin), "7");
  press (window, GDK_KEY_Return, FALSE);
  g_assert_true (focus_in_canvas (window));
  g_assert_true (test_gui_wait_done (doc, n + 1, TIMEOUT_MS));
  g_assert_true (svgai_document_can_undo (doc));

  /* Ctrl+C copies the SVG. */
  gdk_clipboard_set_text (clipboard, "not an svg");
  press (window, GDK_KEY_c, TRUE);
  g_assert_true (gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (clipboard), "image/svg+xml"));

  /* Even with the field focused (nothing selected), Ctrl+C copies the SVG and
   * Ctrl+Z undoes the edit instead of emptying the field. */
  gtk_widget_grab_focus (spin);
  gtk_editable_select_region (GTK_EDITABLE (spin), 0, 0);
  gdk_clipboard_set_text (clipboard, "not an svg");
  press (window, GDK_KEY_c, TRUE);
  g_assert_true (gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (clipboard), "image/svg+xml"));
  press (window, GDK_KEY_z, TRUE);
  g_assert_false (svgai_document_can_undo (doc));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), !=, "");

  /* A click on the canvas takes the focus from the field. */
  gtk_widget_grab_focus (spin);
  {
    Display *dpy = gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (window)));
    typedef int (*FakeMotion) (Display *, int, int, int, unsigned long);
    typedef int (*FakeButton) (Display *, unsigned int, int, unsigned long);
    FakeMotion motion = (FakeMotion) dlsym (dlopen ("libXtst.so.6", RTLD_NOW), "XTestFakeMotionEvent");
    FakeButton button = (FakeButton) dlsym (dlopen ("libXtst.so.6", RTLD_NOW), "XTestFakeButtonEvent");
    GtkWidget *canvas = GTK_WIDGET (svgai_window_get_compare_view (window));
    graphene_point_t p;
    graphene_point_t c = GRAPHENE_POINT_INIT (gtk_widget_get_width (canvas) / 2.f,
                                              gtk_widget_get_height (canvas) / 2.f);
    int wx, wy;
    Window child;

    g_assert_true (gtk_widget_compute_point (canvas, GTK_WIDGET (window), &c, &p));
    XTranslateCoordinates (dpy, gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))),
                           DefaultRootWindow (dpy), (int) p.x, (int) p.y, &wx, &wy, &child);
    motion (dpy, -1, wx, wy, 0);
    button (dpy, 1, True, 0);
    button (dpy, 1, False, 0);
    XSync (dpy, False);
    test_gui_spin (200);
    g_assert_true (focus_in_canvas (window));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The quality a designer reads first is "Match 96.9 %"; the metrics are
 * in the details, folded. */
static void
test_match_leads (void)
{
  SvgaiWindow *window = new_window ();
  SvgaiDocument *doc = open_and_wait (window, "logo-livekit.png");
  SvgaiQualityPanel *quality = SVGAI_QUALITY_PANEL (svgai_window_get_panel (window, "quality"));
  double ssim = svgai_result_get_quality (svgai_document_get_output (doc)->result)->ssim;
  g_autofree char *expected = g_strdup_printf ("%.1f %%", MIN (floor (ssim * 1000) / 10, 99.9));
  GtkWidget *first = NULL;

  while (svgai_window_has_pending_updates (window))
    test_gui_spin (10);
  g_assert_cmpstr (svgai_quality_panel_get_match_text (quality), ==, expected);
  /* The Match row comes first in the group, with an explanation. */
  first = test_gui_find_widget (GTK_WIDGET (quality), ADW_TYPE_ACTION_ROW);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "Match");
  g_assert_nonnull (gtk_widget_get_tooltip_text (first));
  /* SSIM is there, in the folded details. */
  g_assert_cmpfloat (g_ascii_strtod (svgai_quality_panel_get_ssim_text (quality), NULL), ==,
                     floor (ssim * 10000 + 0.5) / 10000);
  g_assert_false (gtk_widget_get_mapped (test_gui_find_widget (GTK_WIDGET (quality), ADW_TYPE_EXPANDER_ROW)) &&
                  adw_expander_row_get_expanded (ADW_EXPANDER_ROW (test_gui_find_widget (GTK_WIDGET (quality),
                                                                                          ADW_TYPE_EXPANDER_ROW))));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The timing panel's total is the sum of the stage times it shows, and
 * every number carries its unit. */
static void
test_timing_adds_up (void)
{
  SvgaiWindow *window = new_window ();
  SvgaiTimingPanel *timing = SVGAI_TIMING_PANEL (svgai_window_get_panel (window, "timing"));
  double sum = 0, total;
  const char *text;
  char *end;

  open_and_wait (window, "logo-bazel-icon.png");
  while (svgai_window_has_pending_updates (window))
    test_gui_spin (10);
  for (int s = 0; s < SVGAI_N_STAGES; s++)
    {
      text = svgai_timing_panel_get_value_text (timing, s);
      if (g_str_equal (text, "cached"))
        continue;
      sum += g_ascii_strtod (text, &end);
      g_assert_cmpstr (end, ==, " ms");
    }
  text = svgai_timing_panel_get_total_text (timing);
  total = g_ascii_strtod (text, &end);
  g_assert_cmpstr (end, ==, " ms in all");
  g_assert_cmpfloat (fabs (total - sum), <, 0.05);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Designer sliders drive the engine's parameters, and follow them back
 * (undo); the engine names live under Advanced. */
static void
test_sliders_drive_engine (void)
{
  SvgaiWindow *window = new_window ();
  SvgaiDocument *doc = open_and_wait (window, "logo-livekit.png");
  GtkWidget *panel = svgai_window_get_panel (window, "params");
  GtkWidget *detail = test_gui_find_widget (panel, GTK_TYPE_SCALE);
  GtkWidget *row = gtk_widget_get_ancestor (detail, ADW_TYPE_ACTION_ROW);
  guint n = svgai_document_get_n_results (doc);

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Detail");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "tolerance"));
  /* Detail 55 % = curve tolerance 0.45 px. */
  gtk_range_set_value (GTK_RANGE (detail), 55);
  g_assert_true (test_gui_wait_done (doc, n + 1, TIMEOUT_MS));
  g_assert_cmpfloat (fabs (doc_value (doc, "tolerance", NULL) - 0.45), <, 1e-6);
  test_gui_spin (800); /* past the merge window: two undo steps, not one drag */
  gtk_range_set_value (GTK_RANGE (detail), 20);
  g_assert_true (test_gui_wait_done (doc, n + 2, TIMEOUT_MS));
  g_assert_cmpfloat (fabs (doc_value (doc, "tolerance", NULL) - 0.8), <, 1e-6);
  /* Undo: the slider follows the engine value back. */
  undo (window, "win.undo");
  g_assert_cmpfloat (fabs (gtk_range_get_value (GTK_RANGE (detail)) - 55), <, 1e-6);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_row (GtkWidget *root, const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_row (c, title);

      if (found)
        return found;
    }
  return NULL;
}

/* A preset sets several parameters as one step; Apply to All gives the
 * shown image's parameters to every open image. */
static void
test_preset_and_apply_to_all (void)
{
  SvgaiWindow *window = new_window ();
  SvgaiDocument *a = open_and_wait (window, "logo-bazel-icon.png");
  SvgaiDocument *b = open_and_wait (window, "logo-livekit.png");
  SvgaiParamsPanel *panel = SVGAI_PARAMS_PANEL (svgai_window_get_panel (window, "params"));
  guint n = svgai_document_get_n_results (b);
  gboolean user_set;

  g_assert_true (svgai_window_get_current (window) == b);
  svgai_params_panel_apply_preset (panel, 4); /* Line Art */
  g_assert_true (test_gui_wait_done (b, n + 1, TIMEOUT_MS));
  g_assert_cmpfloat (doc_value (b, "colors", &user_set), ==, 2);
  g_assert_true (user_set);
  g_assert_cmpfloat (doc_value (b, "speckle", NULL), ==, 3);
  g_assert_cmpfloat (fabs (doc_value (b, "smooth", NULL) - 1.1), <, 1e-6);
  /* One step back undoes all of it. */
  g_assert_true (svgai_document_undo (b));
  doc_value (b, "colors", &user_set);
  g_assert_false (user_set);
  g_assert_false (svgai_document_can_undo (b));
  g_assert_true (svgai_document_redo (b));
  test_gui_spin (100);

  /* Apply to All: the other image takes them. */
  doc_value (a, "colors", &user_set);
  g_assert_false (user_set);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-to-all", NULL));
  g_assert_true (test_gui_wait_done (a, 2, TIMEOUT_MS));
  g_assert_cmpfloat (doc_value (a, "colors", &user_set), ==, 2);
  g_assert_true (user_set);
  g_assert_cmpfloat (doc_value (a, "speckle", NULL), ==, 3);

  /* The user's own preset: saved (GSettings), listed after the built-in
   * ones, and applied like them. */
  n = svgai_document_get_n_results (b);
  svgai_params_panel_set_value (panel, "speckle", 17);
  g_assert_true (test_gui_wait_done (b, n + 1, TIMEOUT_MS));
  svgai_params_panel_save_preset (panel, "Mine");
  {
    g_autoptr(GSettings) settings = svgai_window_get_settings (window) ? g_object_ref (svgai_window_get_settings (window)) : NULL;
    g_autoptr(GVariant) presets = g_settings_get_value (settings, "user-presets");

    g_assert_true (g_variant_lookup (presets, "Mine", "(iiddi)", NULL, NULL, NULL, NULL, NULL));
  }
  test_gui_spin (100);
  svgai_params_panel_apply_preset (panel, 0); /* Logo */
  g_assert_true (test_gui_wait_done (b, n + 2, TIMEOUT_MS));
  g_assert_cmpfloat (doc_value (b, "speckle", NULL), ==, 2);
  svgai_params_panel_apply_preset (panel, 5); /* Mine */
  g_assert_true (test_gui_wait_done (b, n + 3, TIMEOUT_MS));
  g_assert_cmpfloat (doc_value (b, "speckle", NULL), ==, 17);

  /* The row's last entry asks for a name and saves under it. */
  {
    GList *before = gtk_window_list_toplevels ();
    GtkWidget *row = find_row (GTK_WIDGET (panel), "Preset");
    AdwMessageDialog *dialog;
    g_autoptr(GVariant) presets = NULL;

    g_assert_nonnull (row);
    adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                                g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (row))) - 1);
    test_gui_spin (200);
    dialog = ADW_MESSAGE_DIALOG (test_gui_new_toplevel (before, ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (dialog);
    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Mine too");
    adw_message_dialog_response (dialog, "save");
    test_gui_spin (100);
    presets = g_settings_get_value (svgai_window_get_settings (window), "user-presets");
    g_assert_true (g_variant_lookup (presets, "Mine too", "(iiddi)", NULL, NULL, NULL, NULL, NULL));
    g_list_free (before);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  app = test_gui_init (&argc, &argv, "/gui/edit/no-display");
  if (app != NULL)
    {
      g_test_add_func ("/gui/edit/undo-redo-three-edits", test_undo_redo_three_edits);
      g_test_add_func ("/gui/edit/keyboard-after-edit", test_keyboard_after_edit);
      g_test_add_func ("/gui/edit/match-leads", test_match_leads);
      g_test_add_func ("/gui/edit/timing-adds-up", test_timing_adds_up);
      g_test_add_func ("/gui/edit/sliders-drive-engine", test_sliders_drive_engine);
      g_test_add_func ("/gui/edit/preset-and-apply-to-all", test_preset_and_apply_to_all);
    }
  return g_test_run ();
}
