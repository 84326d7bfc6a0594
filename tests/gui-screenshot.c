/* Renders the main window to PNGs, as the user sees it: with a logo side by
 * side (data/screenshots/main-window.png), overlaid, as a difference, in
 * outline mode zoomed in, the empty state, dark style, and narrow (1000 px,
 * the list folded, then shown). More images fill the list; the first is shown.
 * Usage: gui-screenshot OUTDIR IMAGE [IMAGE…]  (with a display, e.g. under xvfb-run) */

#include "svgai-config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include "svgai-palette-panel.h"
#include "test-gui-util.h"

/* The shots are drawn by cairo, whatever renders the window: GTK 4.8's GL
 * renderer, asked for a texture offscreen (under Xvfb, Mesa's llvmpipe),
 * draws seams into the canvas's repeated checkerboard that the window on
 * screen does not show (the dark shot showed them); cairo draws the same
 * nodes as the screen does, on any machine. */
static GskRenderer *shot_renderer;

/* FALSE when the window has nothing drawn yet to render. */
static gboolean
try_save_window (GtkWidget *window, const char *dir, const char *name)
{
  GdkPaintable *paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int w = gtk_widget_get_width (window), h = gtk_widget_get_height (window);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_object_unref (paintable);
  if (node == NULL)
    return FALSE;
  texture = gsk_renderer_render_texture (shot_renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (!gdk_texture_save_to_png (texture, path))
    g_printerr ("gui-screenshot: could not write %s\n", path);
  else
    g_print ("%s\n", path);
  return TRUE;
}

/* A window's paintable shows what its last frame drew: a window just
 * mapped (the preferences) has none until its first frame is painted. */
static void
save_window (GtkWidget *window, const char *dir, const char *name)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!try_save_window (window, dir, name))
    {
      if (g_get_monotonic_time () > end)
        {
          g_printerr ("gui-screenshot: %s: the window drew nothing\n", name);
          return;
        }
      test_gui_spin (100);
    }
}

static gboolean
window_drawn (gpointer window)
{
  return gtk_widget_get_mapped (window) && gtk_widget_get_width (window) > 0 && gtk_widget_get_height (window) > 0;
}

/* The palette panel (issue 14), scrolled into view, light and dark: the
 * background removed and one colour recoloured. */
static void
save_palette (SvgaiWindow *window, SvgaiDocument *doc, const char *dir)
{
  SvgaiPalettePanel *panel = SVGAI_PALETTE_PANEL (svgai_window_get_panel (window, "palette"));
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (panel), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  SvgaiColor teal = { 0x00, 0x89, 0x7b, 255 };
  guint n = svgai_document_get_n_results (doc);
  graphene_point_t at;

  gtk_window_set_default_size (GTK_WINDOW (window), 1500, 1000);
  svgai_palette_panel_set_background (panel, SVGAI_BACKGROUND_REMOVE);
  test_gui_wait_done (doc, n + 1, 60000);
  test_gui_spin (600);
  if (svgai_palette_panel_get_n_swatches (panel) > 1)
    {
      n = svgai_document_get_n_results (doc);
      svgai_palette_panel_recolor (panel, 1, &teal);
      test_gui_wait_done (doc, n + 1, 60000);
    }
  test_gui_spin (900);
  if (gtk_widget_compute_point (GTK_WIDGET (panel), content, &GRAPHENE_POINT_INIT (0, 0), &at))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), at.y - 12);
  test_gui_spin (600);
  save_window (GTK_WIDGET (window), dir, "palette.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  test_gui_spin (600);
  save_window (GTK_WIDGET (window), dir, "palette-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int argc, char *argv[])
{
  g_autoptr(SvgaiApplication) app = NULL;
  SvgaiWindow *window;
  SvgaiCompareView *view;
  SvgaiDocument *doc;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* LANGUAGE=de gui-screenshot …: the app's catalogues built in po/ */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, SVGAI_BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  if (argc < 3 || !gtk_init_check ())
    {
      g_printerr ("usage: gui-screenshot OUTDIR IMAGE (with a display)\n");
      return 2;
    }
  adw_init ();
  shot_renderer = gsk_cairo_renderer_new ();
  if (!gsk_renderer_realize (shot_renderer, NULL, NULL))
    {
      g_printerr ("gui-screenshot: no cairo renderer\n");
      return 1;
    }
  app = svgai_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = svgai_window_new (ADW_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 720);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_spin (600);
  save_window (GTK_WIDGET (window), argv[1], "empty.png");

  for (int i = argc - 1; i >= 2; i--)
    {
      test_gui_drop_path (window, argv[i]);
      doc = test_gui_last_document (window);
      test_gui_wait_done (doc, 1, 60000);
    }
  svgai_window_select_document (window, doc);
  test_gui_wait_done (doc, 1, 60000);
  test_gui_spin (800);
  save_window (GTK_WIDGET (window), argv[1], "main-window.png");

  view = svgai_window_get_compare_view (window);
  gtk_widget_activate_action (GTK_WIDGET (view), "view.mode", "s", "overlay");
  test_gui_spin (500);
  save_window (GTK_WIDGET (window), argv[1], "overlay.png");
  gtk_widget_activate_action (GTK_WIDGET (view), "view.mode", "s", "difference");
  test_gui_spin (500);
  save_window (GTK_WIDGET (window), argv[1], "difference.png");
  gtk_widget_activate_action (GTK_WIDGET (view), "view.mode", "s", "side");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  test_gui_spin (600);
  save_window (GTK_WIDGET (window), argv[1], "main-window-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  /* Two steps, as a user's drag: below 1180 px the list folds, and the
   * window can then narrow further. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  test_gui_spin (600);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  test_gui_spin (900);
  save_window (GTK_WIDGET (window), argv[1], "main-window-narrow.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-list", NULL);
  test_gui_spin (900);
  save_window (GTK_WIDGET (window), argv[1], "main-window-narrow-list.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-list", NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 720);
  test_gui_spin (900);
  gtk_widget_activate_action (GTK_WIDGET (view), "view.outline", NULL);
  svgai_image_view_set_zoom (svgai_compare_view_get_svg_view (view), 4.0);
  test_gui_spin (800);
  save_window (GTK_WIDGET (window), argv[1], "outline.png");

  gtk_widget_activate_action (GTK_WIDGET (view), "view.outline", NULL);
  svgai_compare_view_zoom_fit (view);
  save_palette (window, doc, argv[1]);

  {
    g_autoptr(GList) before = gtk_window_list_toplevels ();
    GtkWindow *prefs;

    g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
    prefs = test_gui_wait_toplevel (before, ADW_TYPE_PREFERENCES_WINDOW, 10000);
    if (prefs != NULL && test_gui_wait (window_drawn, prefs, 10000))
      {
        test_gui_spin (400);
        save_window (GTK_WIDGET (prefs), argv[1], "preferences.png");
      }
    else
      g_printerr ("gui-screenshot: the preferences window did not appear\n");
    if (prefs != NULL)
      gtk_window_destroy (prefs);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  gsk_renderer_unrealize (shot_renderer);
  g_clear_object (&shot_renderer);
  return 0;
}
