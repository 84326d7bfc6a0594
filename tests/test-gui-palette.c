/* Widget tests of the palette panel (issue 14): a recolour rewrites the
 * SVG's fills and traces nothing, a merge leaves one colour fewer after the
 * re-trace, removing the background makes the corner transparent and names
 * the colour, a recolour survives a re-trace, and undo restores each. Run
 * under Xvfb. */

#include "svgai-config.h"

#include <glib/gstdio.h>
#include <string.h>
#include "svgai-palette-panel.h"
#include "svgai-params-panel.h"
#include "svgai-quality-panel.h"
#include "test-gui-util.h"

#define TIMEOUT_MS 30000

static SvgaiApplication *app;

static const SvgaiColor RED = { 0xe5, 0x39, 0x35, 255 };
static const SvgaiColor BLUE = { 0x1e, 0x88, 0xe5, 255 };
static const SvgaiColor GREEN = { 0x2e, 0x7d, 0x32, 255 };

/* 160² on opaque white: a red disc and a blue square, apart. Off-white
 * specks along the top and bottom rows (a scan's) make the border's mean
 * #fdfdfd: the panel must show the #ffffff the engine removed. */
static char *
write_logo (const char *dir)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 160, 160);
  cairo_t *cr = cairo_create (s);
  char *path = g_build_filename (dir, "logo.png", NULL);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0xf4 / 255.0, 0xf5 / 255.0, 0xf4 / 255.0);
  for (int x = 0; x < 160; x += 3)
    {
      cairo_rectangle (cr, x, 0, 1, 1);
      cairo_rectangle (cr, x, 159, 1, 1);
    }
  cairo_fill (cr);
  cairo_set_source_rgb (cr, RED.r / 255.0, RED.g / 255.0, RED.b / 255.0);
  cairo_arc (cr, 52, 80, 36, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, BLUE.r / 255.0, BLUE.g / 255.0, BLUE.b / 255.0);
  cairo_rectangle (cr, 100, 50, 44, 60);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (s, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (s);
  return path;
}

static gboolean
panels_updated (gpointer data)
{
  return !svgai_window_has_pending_updates (data);
}

/* Waits for a result after the n_before-th, then for the panels. */
static void
wait_result (SvgaiWindow *window, SvgaiDocument *doc, guint n_before)
{
  g_assert_true (test_gui_wait_done (doc, n_before + 1, TIMEOUT_MS));
  g_assert_true (test_gui_wait (panels_updated, window, TIMEOUT_MS));
}

static gboolean
svg_has_fill (SvgaiDocument *doc, const SvgaiColor *c)
{
  GBytes *svg = svgai_document_get_svg (doc);
  g_autofree char *text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  g_autofree char *fill = g_strdup_printf ("fill=\"#%02x%02x%02x\"", c->r, c->g, c->b);

  return strstr (text, fill) != NULL;
}

/* The index of the swatch traced nearest c. */
static guint
swatch_of (SvgaiPalettePanel *panel, const SvgaiColor *c)
{
  guint best = G_MAXUINT;
  double best_d = 10;

  for (guint i = 0; i < svgai_palette_panel_get_n_swatches (panel); i++)
    {
      SvgaiColor t = svgai_palette_panel_get_traced (panel, i);
      double d = svgai_color_delta_e (&t, c);

      if (d < best_d)
        best_d = d, best = i;
    }
  g_assert_cmpuint (best, !=, G_MAXUINT);
  return best;
}

/* The alpha of the rendered SVG's top-left pixel. */
static guint8
corner_alpha (SvgaiDocument *doc)
{
  GdkTexture *t = svgai_document_get_output (doc)->svg_texture;
  int w = gdk_texture_get_width (t), h = gdk_texture_get_height (t);
  g_autofree guint8 *data = g_malloc ((gsize) w * h * 4);

  gdk_texture_download (t, data, (gsize) w * 4);
  return data[3]; /* premultiplied BGRA: alpha last */
}

static SvgaiDocument *
open_logo (SvgaiWindow *window, const char *path)
{
  SvgaiDocument *doc;

  test_gui_drop_path (window, path);
  doc = test_gui_last_document (window);
  g_assert_true (test_gui_wait_done (doc, 1, TIMEOUT_MS));
  g_assert_true (test_gui_wait (panels_updated, window, TIMEOUT_MS));
  return doc;
}

/* The list of swatch rows under root, or NULL. */
static GtkWidget *
find_swatch_list (GtkWidget *root)
{
  if (GTK_IS_LIST_BOX (root))
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (root), 0);

      if (row && g_object_get_data (G_OBJECT (row), "svgai-swatch"))
        return root;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_swatch_list (c);

      if (found)
        return found;
    }
  return NULL;
}

/* As the user does: click the swatch, pick a colour in the chooser, OK. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
recolor_with_chooser (SvgaiPalettePanel *panel, guint i, const SvgaiColor *to)
{
  GtkWidget *list = find_swatch_list (GTK_WIDGET (panel));
  GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i));
  GtkWidget *button = test_gui_find_widget (row, GTK_TYPE_BUTTON);
  g_autoptr(GList) before = gtk_window_list_toplevels ();
  GdkRGBA rgba = { to->r / 255.0f, to->g / 255.0f, to->b / 255.0f, 1 };
  GtkWindow *dialog;

  g_assert_true (GTK_IS_DRAWING_AREA (gtk_button_get_child (GTK_BUTTON (button))));
  /* A button's activation presses it for 250 ms, then clicks. */
  gtk_widget_activate (button);
  test_gui_spin (300);
  dialog = (GtkWindow *) test_gui_wait_toplevel (before, GTK_TYPE_COLOR_CHOOSER_DIALOG, 20000);
  g_assert_nonnull (dialog);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (dialog), &rgba);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
}
G_GNUC_END_IGNORE_DEPRECATIONS

static GtkEventController *
find_controller (GtkWidget *widget, GType type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;
    }
  return NULL;
}

/* As the user does: drag row from onto row into. The drag source's content
 * is what the drop target receives. */
static void
merge_by_drag (SvgaiPalettePanel *panel, guint from, guint into)
{
  GtkWidget *list = find_swatch_list (GTK_WIDGET (panel));
  GtkWidget *a = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), from));
  GtkWidget *b = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), into));
  GtkEventController *source = find_controller (a, GTK_TYPE_DRAG_SOURCE);
  GtkEventController *target = find_controller (b, GTK_TYPE_DROP_TARGET);
  g_autoptr(GdkContentProvider) content = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_assert_nonnull (source);
  g_assert_nonnull (target);
  g_signal_emit_by_name (source, "prepare", 4.0, 4.0, &content);
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_UINT);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_signal_emit_by_name (target, "drop", &value, 4.0, 4.0, &accepted);
  g_assert_true (accepted);
  g_value_unset (&value);
}

static void
undo (SvgaiWindow *window, SvgaiDocument *doc, const char *action)
{
  guint n = svgai_document_get_n_results (doc);

  /* Ctrl+Z's action: enabled only with something to undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  wait_result (window, doc, n);
}

static void
test_recolor (SvgaiPalettePanel *panel, SvgaiWindow *window, SvgaiDocument *doc)
{
  guint jobs = svgai_document_get_n_trace_jobs ();
  guint n = svgai_document_get_n_results (doc);
  SvgaiQualityPanel *quality = SVGAI_QUALITY_PANEL (svgai_window_get_panel (window, "quality"));
  g_autofree char *match = g_strdup (svgai_quality_panel_get_match_text (quality));

  g_assert_nonnull (strstr (match, "%"));
  g_assert_true (svg_has_fill (doc, &RED));
  recolor_with_chooser (panel, swatch_of (panel, &RED), &GREEN);
  wait_result (window, doc, n);
  g_assert_true (svg_has_fill (doc, &GREEN));
  g_assert_false (svg_has_fill (doc, &RED));
  g_assert_true (svg_has_fill (doc, &BLUE));
  g_assert_cmpuint (svgai_document_get_n_trace_jobs (), ==, jobs);
  /* The tracing's match is still shown: a recolour is no tracing error. */
  g_assert_cmpstr (svgai_quality_panel_get_match_text (quality), ==, match);

  /* Undo paints it red again, redo green: still no tracing. */
  undo (window, doc, "win.undo");
  g_assert_true (svg_has_fill (doc, &RED));
  g_assert_false (svg_has_fill (doc, &GREEN));
  undo (window, doc, "win.redo");
  g_assert_true (svg_has_fill (doc, &GREEN));
  g_assert_cmpuint (svgai_document_get_n_trace_jobs (), ==, jobs);
}

/* What the "Number of colours" field shows. */
static const char *
count_text (SvgaiPalettePanel *panel)
{
  GtkWidget *spin = test_gui_find_widget (GTK_WIDGET (panel), GTK_TYPE_SPIN_BUTTON);

  g_assert_nonnull (spin);
  return gtk_editable_get_text (GTK_EDITABLE (spin));
}

static GtkWidget *
find_button_labelled (GtkWidget *widget, const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button_labelled (c, label);

      if (found)
        return found;
    }
  return NULL;
}

/* Reset to Automatic after a recolour alone: the button can be clicked, the
 * recolour goes (with the rest), and undo brings it back. */
static void
test_reset_clears_recolor (SvgaiPalettePanel *panel, SvgaiWindow *window, SvgaiDocument *doc)
{
  GtkWidget *reset = find_button_labelled (svgai_window_get_panel (window, "params"), "Reset to Automatic");
  guint n = svgai_document_get_n_results (doc);

  g_assert_nonnull (reset);
  g_assert_true (svg_has_fill (doc, &GREEN));
  g_assert_true (gtk_widget_is_sensitive (reset));
  g_signal_emit_by_name (reset, "clicked");
  wait_result (window, doc, n);
  g_assert_true (svg_has_fill (doc, &RED));
  g_assert_false (svg_has_fill (doc, &GREEN));
  g_assert_cmpstr (count_text (panel), ==, "Auto");
  g_assert_false (gtk_widget_is_sensitive (reset));
  undo (window, doc, "win.undo");
  g_assert_true (svg_has_fill (doc, &GREEN));
  g_assert_false (svg_has_fill (doc, &RED));
}

static void
test_background (SvgaiPalettePanel *panel, SvgaiWindow *window, SvgaiDocument *doc)
{
  guint n = svgai_document_get_n_results (doc);
  guint jobs = svgai_document_get_n_trace_jobs ();

  g_assert_cmpuint (corner_alpha (doc), ==, 255);
  g_assert_null (svgai_palette_panel_get_removed_text (panel));
  svgai_palette_panel_set_background (panel, SVGAI_BACKGROUND_REMOVE);
  wait_result (window, doc, n);
  g_assert_cmpuint (svgai_document_get_n_trace_jobs (), >, jobs);
  g_assert_cmpuint (corner_alpha (doc), ==, 0);
  g_assert_cmpstr (svgai_palette_panel_get_removed_text (panel), ==, "#ffffff");
  /* The recolour survived the re-trace. */
  g_assert_true (svg_has_fill (doc, &GREEN));
  g_assert_false (svg_has_fill (doc, &RED));

  /* A parameter changed in the other panel keeps the background removed. */
  n = svgai_document_get_n_results (doc);
  svgai_params_panel_set_value (SVGAI_PARAMS_PANEL (svgai_window_get_panel (window, "params")), "speckle", 3);
  wait_result (window, doc, n);
  g_assert_cmpint (svgai_result_get_params (svgai_document_get_output (doc)->result)->speckle, ==, 3);
  g_assert_cmpuint (corner_alpha (doc), ==, 0);
  undo (window, doc, "win.undo");
  g_assert_cmpuint (corner_alpha (doc), ==, 0);

  undo (window, doc, "win.undo");
  g_assert_cmpuint (corner_alpha (doc), ==, 255);
  g_assert_true (svg_has_fill (doc, &GREEN));
}

static void
test_merge (SvgaiPalettePanel *panel, SvgaiWindow *window, SvgaiDocument *doc)
{
  guint n = svgai_document_get_n_results (doc);
  guint before = svgai_palette_panel_get_n_swatches (panel);

  merge_by_drag (panel, swatch_of (panel, &BLUE), swatch_of (panel, &RED));
  wait_result (window, doc, n);
  g_assert_cmpuint (svgai_palette_panel_get_n_swatches (panel), ==, before - 1);
  g_assert_false (svg_has_fill (doc, &BLUE));
  /* The merged colour is painted as the recoloured red. */
  g_assert_true (svg_has_fill (doc, &GREEN));

  undo (window, doc, "win.undo");
  g_assert_cmpuint (svgai_palette_panel_get_n_swatches (panel), ==, before);
  g_assert_true (svg_has_fill (doc, &BLUE));
}

static gboolean
swatch_locked (SvgaiDocument *doc, const SvgaiColor *c)
{
  guint n;
  const SvgaiSwatch *sw = svgai_result_get_palette (svgai_document_get_output (doc)->traced, &n);

  for (guint i = 0; i < n; i++)
    if (svgai_color_delta_e (&sw[i].color, c) < 10)
      return sw[i].locked;
  g_assert_not_reached ();
}

static void
test_lock_and_count (SvgaiPalettePanel *panel, SvgaiWindow *window, SvgaiDocument *doc)
{
  guint n = svgai_document_get_n_results (doc);

  g_assert_false (swatch_locked (doc, &BLUE));
  svgai_palette_panel_set_locked (panel, swatch_of (panel, &BLUE), TRUE);
  wait_result (window, doc, n);
  g_assert_true (swatch_locked (doc, &BLUE));
  undo (window, doc, "win.undo");
  g_assert_false (swatch_locked (doc, &BLUE));

  n = svgai_document_get_n_results (doc);
  svgai_palette_panel_set_n_colors (panel, 2);
  wait_result (window, doc, n);
  g_assert_cmpuint (svgai_palette_panel_get_n_swatches (panel), ==, 2);
  g_assert_cmpstr (count_text (panel), ==, "2");
  undo (window, doc, "win.undo");
  g_assert_cmpuint (svgai_palette_panel_get_n_swatches (panel), ==, 3);
  g_assert_cmpstr (count_text (panel), ==, "Auto");
}

/* A logo on transparency: nothing to remove, and the engine says why. */
static void
test_warning (SvgaiPalettePanel *panel, SvgaiWindow *window)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "gui", "logo-bazel-icon.png", NULL);
  SvgaiDocument *doc = open_logo (window, path);
  guint n = svgai_document_get_n_results (doc);

  g_assert_null (svgai_palette_panel_get_warning_text (panel));
  svgai_palette_panel_set_background (panel, SVGAI_BACKGROUND_REMOVE);
  wait_result (window, doc, n);
  g_test_message ("warning: %s", svgai_palette_panel_get_warning_text (panel));
  g_assert_nonnull (svgai_palette_panel_get_warning_text (panel));
  g_assert_nonnull (strstr (svgai_palette_panel_get_warning_text (panel), "no background removed"));
  g_assert_null (svgai_palette_panel_get_removed_text (panel));
}

static void
test_palette (void)
{
  SvgaiWindow *window = svgai_window_new (ADW_APPLICATION (app));
  SvgaiPalettePanel *panel = SVGAI_PALETTE_PANEL (svgai_window_get_panel (window, "palette"));
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("svgai-palette-XXXXXX", &error);
  g_autofree char *path = write_logo (dir);
  SvgaiDocument *doc;

  gtk_window_present (GTK_WINDOW (window));
  doc = open_logo (window, path);
  g_test_message ("traced %u colours", svgai_palette_panel_get_n_swatches (panel));
  g_assert_cmpuint (svgai_palette_panel_get_n_swatches (panel), ==, 3);
  /* An automatic count reads so, not as an empty field. */
  g_assert_cmpstr (count_text (panel), ==, "Auto");

  test_recolor (panel, window, doc);
  test_reset_clears_recolor (panel, window, doc);
  test_background (panel, window, doc);
  test_merge (panel, window, doc);
  test_lock_and_count (panel, window, doc);
  test_warning (panel, window);

  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (path);
  g_rmdir (dir);
}

/* A recolour paints its own colour only, not a neighbour within the
 * re-trace match distance; after a re-trace moved it, the nearest. */
static void
test_paint_nearest_only (void)
{
  SvgaiSwatch sw[3] = { { { 0x43, 0xa0, 0x47, 255 }, 0.4, FALSE },
                        { { 0x4c, 0x9a, 0x50, 255 }, 0.1, FALSE },
                        { { 0x1e, 0x88, 0xe5, 255 }, 0.5, FALSE } };
  SvgaiRecolorMap map = { 0 };
  SvgaiColor painted[3];

  g_assert_cmpfloat (svgai_color_delta_e (&sw[0].color, &sw[1].color), <, SVGAI_RECOLOR_MATCH_DELTA_E);
  g_assert_true (svgai_recolor_map_set (&map, &sw[1].color, &GREEN));
  svgai_recolor_map_paint (&map, sw, 3, painted);
  g_assert_true (memcmp (&painted[0], &sw[0].color, sizeof (SvgaiColor)) == 0);
  g_assert_true (memcmp (&painted[1], &GREEN, sizeof (SvgaiColor)) == 0);
  g_assert_true (memcmp (&painted[2], &sw[2].color, sizeof (SvgaiColor)) == 0);

  /* Traced again a little differently: the nearest colour takes it. */
  sw[1].color.r++;
  svgai_recolor_map_paint (&map, sw, 3, painted);
  g_assert_true (memcmp (&painted[1], &GREEN, sizeof (SvgaiColor)) == 0);
  g_assert_true (memcmp (&painted[0], &sw[0].color, sizeof (SvgaiColor)) == 0);

  /* Recolouring back to the traced colour forgets the entry. */
  sw[1].color.r--;
  g_assert_true (svgai_recolor_map_set (&map, &sw[1].color, &sw[1].color));
  g_assert_cmpuint (map.n, ==, 0);
}

int
main (int argc, char *argv[])
{
  app = test_gui_init (&argc, &argv, "/gui/palette/no-display");
  if (app != NULL)
    {
      g_test_add_func ("/gui/palette/paint-nearest-only", test_paint_nearest_only);
      g_test_add_func ("/gui/palette/recolor-background-merge", test_palette);
    }
  return g_test_run ();
}
