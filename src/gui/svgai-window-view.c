#include "svgai-config.h"
#include "svgai-window-io.h"

#include <glib/gi18n.h>
#include "svgai-params-panel.h"

/* The window's view of each image (its own zoom and pan) and its keys. */

/* Each image keeps its own zoom and pan; a new one opens fitted. */
typedef struct {
  gboolean fit;
  double zoom, center_x, center_y;
} ViewState;

void
svgai_window_save_view (SvgaiWindow *self, SvgaiDocument *doc)
{
  ViewState *state = g_new0 (ViewState, 1);

  g_object_get (svgai_compare_view_get_svg_view (svgai_window_get_compare_view (self)), "fit", &state->fit, "zoom", &state->zoom,
                "center-x", &state->center_x, "center-y", &state->center_y, NULL);
  g_object_set_data_full (G_OBJECT (doc), "svgai-view", state, g_free);
}

/* Applied again when the image's pixels (and so its size) arrive: a slim
 * document reloading has none yet, and the view clamps to the image. */
void
svgai_window_restore_view (SvgaiWindow *self, SvgaiDocument *doc)
{
  SvgaiImageView *view = svgai_compare_view_get_svg_view (svgai_window_get_compare_view (self));
  ViewState *state = doc ? g_object_get_data (G_OBJECT (doc), "svgai-view") : NULL;
  SvgaiJobOutput *output = doc ? svgai_document_get_output (doc) : NULL;

  if (doc && (output == NULL || output->image == NULL))
    g_object_set_data (G_OBJECT (doc), "svgai-view-pending", GINT_TO_POINTER (TRUE));
  else if (doc)
    g_object_set_data (G_OBJECT (doc), "svgai-view-pending", NULL);

  if (state == NULL || state->fit)
    svgai_image_view_set_fit (view, TRUE);
  else
    g_object_set (view, "fit", FALSE, "zoom", state->zoom, "center-x", state->center_x,
                  "center-y", state->center_y, NULL);
}

/* The window's shortcuts before any focused widget's own (a spin button's
 * text would take Ctrl+Z, Ctrl+C and Ctrl+V): they work whatever has focus.
 * A disabled action lets the key through. */
void
svgai_window_add_shortcuts (SvgaiWindow *self)
{
  static const struct { guint key; GdkModifierType mods; const char *action; } keys[] = {
    { GDK_KEY_z, GDK_CONTROL_MASK, "win.undo" },
    { GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo" },
    { GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo" },
    { GDK_KEY_y, GDK_CONTROL_MASK, "win.redo" },
    { GDK_KEY_s, GDK_CONTROL_MASK, "win.export" },
    { GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export-as" },
    { GDK_KEY_c, GDK_CONTROL_MASK, "win.copy" },
    { GDK_KEY_v, GDK_CONTROL_MASK, "win.paste" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, keys[i].mods),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
action_focus_canvas (GtkWidget *widget, const char *action_name, GVariant *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (svgai_window_get_compare_view (SVGAI_WINDOW (widget))));
}

static void
action_zoom (GtkWidget *widget, const char *action_name, GVariant *param)
{
  SvgaiWindow *self = SVGAI_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    svgai_compare_view_zoom_in (svgai_window_get_compare_view (self));
  else if (g_str_equal (action_name, "win.zoom-out"))
    svgai_compare_view_zoom_out (svgai_window_get_compare_view (self));
  else if (g_str_equal (action_name, "win.zoom-fit"))
    svgai_compare_view_zoom_fit (svgai_window_get_compare_view (self));
  else
    svgai_compare_view_zoom_original (svgai_window_get_compare_view (self));
}

/* Every other open image takes the shown image's parameters (each its own
 * undo step). */
static void
action_apply_to_all (GtkWidget *widget, const char *action_name, GVariant *param)
{
  SvgaiWindow *self = SVGAI_WINDOW (widget);
  SvgaiDocument *current = svgai_window_get_current (self);
  GListModel *documents = svgai_window_get_documents (self);
  guint n = g_list_model_get_n_items (documents);
  SvgaiParams params;

  if (current == NULL)
    return;
  svgai_params_panel_get_params (SVGAI_PARAMS_PANEL (svgai_window_get_panel (self, "params")), &params);
  /* Locks and merges name this image's colours; the background choice
   * applies to any image. */
  params.color.n_locked = 0;
  params.color.n_merges = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SvgaiDocument) doc = g_list_model_get_item (documents, i);

      if (doc != current)
        svgai_document_set_params (doc, &params);
    }
  svgai_window_show_toast (self, g_dngettext (GETTEXT_PACKAGE, "These parameters now trace the other image",
                                              "These parameters now trace all images", n > 2 ? 2 : 1));
}

void
svgai_window_view_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.apply-to-all", NULL, action_apply_to_all);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "win.zoom-original", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "win.focus-canvas", NULL, action_focus_canvas);
}
