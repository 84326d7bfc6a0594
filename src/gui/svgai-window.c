#include "svgai-config.h"
#include "svgai-settings.h"
#include "svgai-window.h"

#include <glib/gi18n.h>
#include "svgai-chart.h"
#include "svgai-classification-panel.h"
#include "svgai-export.h"
#include "svgai-features-panel.h"
#include "svgai-frame-later.h"
#include "svgai-image-row.h"
#include "svgai.h"
#include "svgai-palette-panel.h"
#include "svgai-params-panel.h"
#include "svgai-quality-panel.h"
#include "svgai-timing-panel.h"
#include "svgai-window-io.h"

#define MEMORY_SAMPLE_MS 500
/* Below this width the list folds into a flap over the view (its header
 * button shows it) and the details start hidden (list + view + panel need
 * about 1180 px). */
#define NARROW_WIDTH 1180

struct _SvgaiWindow
{
  AdwApplicationWindow parent_instance;

  /* template */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkWidget *stack;
  GtkWidget *flap;
  GtkWidget *list_button;
  GtkWidget *image_list;
  SvgaiCompareView *compare_view;
  SvgaiClassificationPanel *classification_panel;
  SvgaiQualityPanel *quality_panel;
  SvgaiPalettePanel *palette_panel;
  SvgaiParamsPanel *params_panel;
  SvgaiFeaturesPanel *features_panel;
  SvgaiTimingPanel *timing_panel;
  GtkWidget *charts_box;
  GtkWidget *panel_button;
  GtkWidget *export_button;

  GtkWidget *memory_chart;
  GtkWidget *times_chart;

  GSettings *settings;
  GListStore *documents;
  SvgaiDocument *current;
  guint memory_timer;
  gint64 start_time;
  guint n_pasted;
  char *last_toast;
  gboolean narrow;
  gboolean layout_set;         /* narrow has been decided once */
  guint narrow_source;
  SvgaiFrameLater panels_later; /* the sidebar's figures wait for frames of their own */
  SvgaiFrameLater palette_later;
};

G_DEFINE_FINAL_TYPE (SvgaiWindow, svgai_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_actions (SvgaiWindow *self);

void
svgai_window_show_toast_with_action (SvgaiWindow *self,
                                     const char *message,
                                     const char *button_label,
                                     const char *action_name,
                                     GVariant *target)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 5);
  if (button_label != NULL)
    {
      adw_toast_set_button_label (toast, button_label);
      adw_toast_set_action_name (toast, action_name);
      if (target != NULL)
        adw_toast_set_action_target_value (toast, target);
    }
  else if (target != NULL)
    g_variant_unref (g_variant_ref_sink (target));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
}

void
svgai_window_show_toast (SvgaiWindow *self, const char *message)
{
  svgai_window_show_toast_with_action (self, message, NULL, NULL, NULL);
}

/* --- showing the current document --- */

static void
show_params (SvgaiWindow *self)
{
  SvgaiDocument *doc = self->current;
  SvgaiParams params;
  gboolean user_set;

  svgai_document_get_params (doc, &params, &user_set);
  svgai_params_panel_set_params (self->params_panel, &params, user_set, svgai_document_get_tier (doc));
  /* Reset also undoes recolours: a recolour alone is something to reset. */
  svgai_params_panel_set_can_reset (self->params_panel, user_set || svgai_document_get_recolor (doc)->n > 0);
}

static void
update_panels (SvgaiWindow *self)
{
  SvgaiJobOutput *output = self->current ? svgai_document_get_output (self->current) : NULL;

  svgai_classification_panel_set_output (self->classification_panel, output);
  svgai_features_panel_set_output (self->features_panel, output);
  svgai_quality_panel_set_output (self->quality_panel, output,
                                  self->current ? svgai_document_get_name (self->current) : NULL);
  svgai_timing_panel_set_output (self->timing_panel, output);
}

/* A new image's palette rows are new widgets to lay out: a frame of their own. */
static void
update_palette (SvgaiWindow *self)
{
  svgai_palette_panel_set_document (self->palette_panel, self->current);
}

/* The sidebar's figures in the two frames after the canvas's (svgai-frame-later.c). */
static void
schedule_panels (SvgaiWindow *self)
{
  svgai_frame_later_schedule (&self->panels_later, GTK_WIDGET (self), 2, (SvgaiFrameFunc) update_panels);
  svgai_frame_later_schedule (&self->palette_later, GTK_WIDGET (self), 3, (SvgaiFrameFunc) update_palette);
}

/* with_params: also show the document's parameters. Not for the results of
 * the user's own changes: the panel shows those already, and the user may be
 * in the middle of the next one. */
static void
show_output_full (SvgaiWindow *self, gboolean with_params)
{
  SvgaiDocument *doc = self->current;
  SvgaiJobOutput *output = doc ? svgai_document_get_output (doc) : NULL;
  g_autofree char *export_name = doc ? svgai_document_get_export_name (doc) : NULL;
  SvgaiParams params;
  gboolean user_set;

  svgai_compare_view_set_output (self->compare_view, output, export_name);
  if (doc && g_object_get_data (G_OBJECT (doc), "svgai-view-pending"))
    svgai_window_restore_view (self, doc);
  if (doc && svgai_document_get_state (doc) == SVGAI_DOCUMENT_FAILED && svgai_document_get_error (doc))
    {
      g_autofree char *reason = svgai_document_error_reason (doc, svgai_document_get_error (doc));
      svgai_compare_view_set_error (self->compare_view, reason);
    }
  else
    svgai_compare_view_set_error (self->compare_view, NULL);
  /* The parameters at once, not with the figures: a change the user makes
   * meanwhile must not be overwritten (the panel is scrolled out of sight
   * at first, and its sliders only redraw). */
  if (doc && with_params)
    show_params (self);
  schedule_panels (self);
  /* What Reset can do, now (see show_params). */
  if (doc)
    {
      svgai_document_get_params (doc, &params, &user_set);
      svgai_params_panel_set_can_reset (self->params_panel, user_set || svgai_document_get_recolor (doc)->n > 0);
    }
  update_actions (self);
}

static void
show_output (SvgaiWindow *self)
{
  show_output_full (self, TRUE);
}

static void
update_busy (SvgaiWindow *self)
{
  gboolean busy = self->current && svgai_document_get_state (self->current) != SVGAI_DOCUMENT_DONE &&
                  svgai_document_get_state (self->current) != SVGAI_DOCUMENT_FAILED;

  svgai_compare_view_set_busy (self->compare_view, busy,
                               self->current ? svgai_document_get_status (self->current) : NULL);
  adw_window_title_set_subtitle (self->window_title, self->current
                                 ? svgai_document_get_name (self->current) : "");
  update_actions (self);
}

static void
on_document_result (SvgaiDocument *doc, gboolean provisional, SvgaiWindow *self)
{
  SvgaiJobOutput *output = svgai_document_get_output (doc);

  if (!provisional && output != NULL)
    svgai_chart_add (SVGAI_CHART (self->times_chart),
                     (g_get_monotonic_time () - self->start_time) / 1e6, output->total_ms);
  if (doc == self->current)
    {
      SvgaiParams params;
      gboolean user_set;

      svgai_document_get_params (doc, &params, &user_set);
      show_output_full (self, !user_set);
    }
}

static void
on_document_failed (SvgaiDocument *doc, const GError *error, SvgaiWindow *self)
{
  const char *name = svgai_document_get_name (doc);

  /* Name the file, briefly: “logo.png”: the file is truncated */
  g_autofree char *reason = svgai_document_error_reason (doc, error);
  g_autofree char *message = g_strdup_printf (_("“%s”: %s"), name, reason);

  svgai_window_show_toast (self, message);
  if (doc == self->current)
    show_output (self);
}

static void
set_current (SvgaiWindow *self, SvgaiDocument *doc)
{
  if (self->current == doc)
    return;
  if (self->current)
    svgai_window_save_view (self, self->current);
  if (self->current)
    {
      g_signal_handlers_disconnect_by_func (self->current, update_busy, self);
      svgai_document_set_active (self->current, FALSE);
    }
  g_set_object (&self->current, doc);
  if (doc)
    {
      g_signal_connect_swapped (doc, "notify::state", G_CALLBACK (update_busy), self);
      g_signal_connect_swapped (doc, "notify::status", G_CALLBACK (update_busy), self);
      svgai_document_set_active (doc, TRUE);
    }
  show_output (self);
  svgai_window_restore_view (self, doc);
  update_busy (self);
}

static void
on_row_selected (GtkListBox *list, GtkListBoxRow *row, SvgaiWindow *self)
{
  if (row != NULL)
    set_current (self, svgai_image_row_get_document (SVGAI_IMAGE_ROW (row)));
}

static void
on_row_activated (GtkListBox *list, GtkListBoxRow *row, SvgaiWindow *self)
{
  /* Folded, the list slides away once an image is picked. */
  if (adw_flap_get_folded (ADW_FLAP (self->flap)))
    adw_flap_set_reveal_flap (ADW_FLAP (self->flap), FALSE);
}

static void
on_row_remove (SvgaiImageRow *row, SvgaiWindow *self)
{
  svgai_window_remove_document (self, svgai_image_row_get_document (row));
}

static GtkWidget *
create_row (gpointer item, gpointer user_data)
{
  GtkWidget *row = svgai_image_row_new (SVGAI_DOCUMENT (item));

  g_signal_connect (row, "remove", G_CALLBACK (on_row_remove), user_data);
  return row;
}

static void
on_items_changed (SvgaiWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), n > 0 ? "content" : "empty");
  /* Wide: the list is there from the second image on. Narrow: a button
   * slides it over the view. */
  if (!self->narrow)
    adw_flap_set_reveal_flap (ADW_FLAP (self->flap), n > 1);
  gtk_widget_set_visible (self->list_button, self->narrow && n > 0);
  /* Nothing to export or detail before the first image. */
  gtk_widget_set_visible (self->export_button, n > 0);
  gtk_widget_set_visible (self->panel_button, n > 0);
  update_actions (self);
}

void
svgai_window_select_document (SvgaiWindow *self, SvgaiDocument *document)
{
  guint pos;

  if (g_list_store_find (self->documents, document, &pos))
    gtk_list_box_select_row (GTK_LIST_BOX (self->image_list),
                             gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->image_list), pos));
}

static void
add_document (SvgaiWindow *self, SvgaiDocument *doc, gboolean select)
{
  g_signal_connect (doc, "result", G_CALLBACK (on_document_result), self);
  g_signal_connect (doc, "failed", G_CALLBACK (on_document_failed), self);
  g_list_store_append (self->documents, doc);
  if (select)
    svgai_window_select_document (self, doc);
  svgai_document_start (doc);
}

static SvgaiTier
default_tier (SvgaiWindow *self)
{
  return (SvgaiTier) g_settings_get_enum (self->settings, "default-tier");
}

/* The user's time limit, or 0 (the tier's own) while they have not set one. */
static double
time_limit (SvgaiWindow *self)
{
  g_autoptr(GVariant) user = g_settings_get_user_value (self->settings, "time-limit");

  return user ? g_variant_get_double (user) : 0;
}

void
svgai_window_open_files (SvgaiWindow *self, GFile **files, guint n_files)
{

  g_return_if_fail (SVGAI_IS_WINDOW (self));

  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(SvgaiDocument) doc = svgai_document_new_for_file (files[i], default_tier (self), time_limit (self));

      /* The first new image is shown (and so converts first). */
      add_document (self, doc, i == 0);
    }
}

void
svgai_window_open_bytes (SvgaiWindow *self, GBytes *bytes, const char *name)
{
  g_autoptr(SvgaiDocument) doc = svgai_document_new_for_bytes (bytes, name, default_tier (self), time_limit (self));

  add_document (self, doc, TRUE);
}

static void
encode_png_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  /* A memory texture's download is plain memory work: fine off the main
   * thread, where a large image's PNG encoding would stall the UI. */
  g_task_return_pointer (task, gdk_texture_save_to_png_bytes (task_data), (GDestroyNotify) g_bytes_unref);
}

static void
encode_png_done (GObject *source, GAsyncResult *res, gpointer data)
{
  SvgaiWindow *self = SVGAI_WINDOW (source);
  g_autoptr(GBytes) png = g_task_propagate_pointer (G_TASK (res), NULL);
  g_autofree char *name = NULL;

  if (png == NULL)
    return;
  self->n_pasted++;
  name = self->n_pasted == 1 ? g_strdup (_("Pasted Image.png"))
                             : g_strdup_printf (_("Pasted Image %u.png"), self->n_pasted);
  svgai_window_open_bytes (self, png, name);
}

void
svgai_window_open_texture (SvgaiWindow *self, GdkTexture *texture)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, encode_png_done, NULL);

  g_task_set_task_data (task, g_object_ref (texture), g_object_unref);
  g_task_run_in_thread (task, encode_png_thread);
}

gboolean
svgai_window_drop_value (SvgaiWindow *self, const GValue *value)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *list = gdk_file_list_get_files (g_value_get_boxed (value));
      g_autoptr(GPtrArray) files = g_ptr_array_new ();

      for (GSList *l = list; l; l = l->next)
        g_ptr_array_add (files, l->data);
      svgai_window_open_files (self, (GFile **) files->pdata, files->len);
      g_slist_free (list);
      return files->len > 0;
    }
  if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE))
    {
      svgai_window_open_texture (self, g_value_get_object (value));
      return TRUE;
    }
  return FALSE;
}

void
svgai_window_remove_document (SvgaiWindow *self, SvgaiDocument *document)
{
  guint pos, n;

  if (!g_list_store_find (self->documents, document, &pos))
    return;
  g_object_ref (document);
  svgai_document_cancel (document);
  g_signal_handlers_disconnect_by_data (document, self);
  if (document == self->current)
    set_current (self, NULL);
  g_list_store_remove (self->documents, pos);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));
  if (n > 0 && self->current == NULL)
    {
      g_autoptr(SvgaiDocument) next = g_list_model_get_item (G_LIST_MODEL (self->documents), MIN (pos, n - 1));
      svgai_window_select_document (self, next);
    }
  if (n == 0)
    show_output (self);
  g_object_unref (document);
}

/* --- drag and drop --- */

static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, SvgaiWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-active");
  return svgai_window_drop_value (self, value);
}

static GdkDragAction
on_drop_enter (GtkDropTarget *target, double x, double y, SvgaiWindow *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "drop-active");
  return GDK_ACTION_COPY;
}

static void
on_drop_leave (GtkDropTarget *target, SvgaiWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-active");
}

/* --- parameters --- */

static void
on_params_changed (SvgaiParamsPanel *panel, SvgaiWindow *self)
{
  SvgaiParams params;

  if (self->current == NULL)
    return;
  svgai_params_panel_get_params (panel, &params);
  svgai_document_set_params (self->current, &params);
  update_actions (self);
}

static void
on_tier_changed (SvgaiParamsPanel *panel, int tier, SvgaiWindow *self)
{
  if (self->current)
    svgai_document_set_tier (self->current, (SvgaiTier) tier);
}

static void
on_params_reset (SvgaiParamsPanel *panel, SvgaiWindow *self)
{
  if (self->current)
    {
      svgai_document_reset_params (self->current);
      show_output (self);
    }
}

static void
action_undo (GtkWidget *widget, const char *action_name, GVariant *param)
{
  SvgaiWindow *self = SVGAI_WINDOW (widget);
  gboolean done;

  if (self->current == NULL)
    return;
  done = g_str_equal (action_name, "win.undo") ? svgai_document_undo (self->current)
                                               : svgai_document_redo (self->current);
  if (done)
    show_output (self);
}

/* --- focus --- */

static void
on_canvas_pressed (GtkGestureClick *gesture, int n_press, double x, double y, SvgaiWindow *self)
{
  /* Clicking the image takes the keyboard from a parameter field. */
  gtk_widget_grab_focus (GTK_WIDGET (self->compare_view));
}

/* --- panels --- */

static void
action_toggle_panel (GtkWidget *widget, const char *action_name, GVariant *param)
{
  SvgaiWindow *self = SVGAI_WINDOW (widget);

  if (g_str_equal (action_name, "win.toggle-list"))
    adw_flap_set_reveal_flap (ADW_FLAP (self->flap), !adw_flap_get_reveal_flap (ADW_FLAP (self->flap)));
  else
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->panel_button),
                                  !gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->panel_button)));
}

static void
action_close_image (GtkWidget *widget, const char *action_name, GVariant *param)
{
  SvgaiWindow *self = SVGAI_WINDOW (widget);

  if (self->current)
    svgai_window_remove_document (self, self->current);
}

static void
update_actions (SvgaiWindow *self)
{
  gboolean has_svg = self->current && svgai_document_get_svg (self->current) != NULL;
  gboolean any = g_list_model_get_n_items (G_LIST_MODEL (self->documents)) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_svg);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-as", has_svg);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy", has_svg);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-all", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-image", self->current != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.apply-to-all",
                                 self->current && g_list_model_get_n_items (G_LIST_MODEL (self->documents)) > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 self->current && svgai_document_can_undo (self->current));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 self->current && svgai_document_can_redo (self->current));
}

/* --- memory --- */

static gboolean
sample_memory (gpointer data)
{
  SvgaiWindow *self = data;

  svgai_chart_add (SVGAI_CHART (self->memory_chart),
                   (g_get_monotonic_time () - self->start_time) / 1e6,
                   svgai_memory_rss () / (1024.0 * 1024.0));
  return G_SOURCE_CONTINUE;
}

/* --- GObject --- */

/* A narrow window keeps the view: the image list folds away, and the details
 * panel starts hidden (its button brings it back). */
static gboolean
apply_narrow (gpointer data)
{
  SvgaiWindow *self = data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  gboolean narrow = width > 0 && width < NARROW_WIDTH;

  self->narrow_source = 0;
  if (width <= 0 || (self->layout_set && narrow == self->narrow))
    return G_SOURCE_REMOVE;
  self->layout_set = TRUE;
  self->narrow = narrow;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->panel_button), !narrow);
  adw_flap_set_fold_policy (ADW_FLAP (self->flap), narrow ? ADW_FLAP_FOLD_POLICY_ALWAYS : ADW_FLAP_FOLD_POLICY_NEVER);
  if (narrow)
    adw_flap_set_reveal_flap (ADW_FLAP (self->flap), FALSE);
  on_items_changed (self);
  return G_SOURCE_REMOVE;
}

static void
svgai_window_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  SvgaiWindow *self = SVGAI_WINDOW (widget);

  GTK_WIDGET_CLASS (svgai_window_parent_class)->size_allocate (widget, width, height, baseline);
  /* Not during allocation: changing what is shown would ask for a new one. */
  if ((!self->layout_set || (width < NARROW_WIDTH) != self->narrow) && self->narrow_source == 0)
    self->narrow_source = g_idle_add (apply_narrow, self);
}

static gboolean
svgai_window_close_request (GtkWindow *window)
{
  SvgaiWindow *self = SVGAI_WINDOW (window);
  int w, h;

  gtk_window_get_default_size (window, &w, &h);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", w);
  g_settings_set_int (self->settings, "window-height", h);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);
  return GTK_WINDOW_CLASS (svgai_window_parent_class)->close_request (window);
}

static void
svgai_window_dispose (GObject *object)
{
  SvgaiWindow *self = SVGAI_WINDOW (object);

  g_clear_handle_id (&self->memory_timer, g_source_remove);
  g_clear_handle_id (&self->narrow_source, g_source_remove);
  svgai_frame_later_cancel (&self->panels_later, GTK_WIDGET (self));
  svgai_frame_later_cancel (&self->palette_later, GTK_WIDGET (self));
  if (self->documents)
    {
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->documents)); i++)
        {
          g_autoptr(SvgaiDocument) doc = g_list_model_get_item (G_LIST_MODEL (self->documents), i);

          svgai_document_cancel (doc);
          g_signal_handlers_disconnect_by_data (doc, self);
        }
    }
  if (self->current)
    g_signal_handlers_disconnect_by_data (self->current, self);
  g_clear_object (&self->current);
  gtk_widget_dispose_template (GTK_WIDGET (self), SVGAI_TYPE_WINDOW);
  g_clear_object (&self->documents);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (svgai_window_parent_class)->dispose (object);
}

static void
svgai_window_finalize (GObject *object)
{
  g_free (SVGAI_WINDOW (object)->last_toast);
  G_OBJECT_CLASS (svgai_window_parent_class)->finalize (object);
}

static void
svgai_window_class_init (SvgaiWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = svgai_window_dispose;
  object_class->finalize = svgai_window_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = svgai_window_close_request;
  widget_class->size_allocate = svgai_window_size_allocate;

  g_type_ensure (SVGAI_TYPE_COMPARE_VIEW);
  g_type_ensure (SVGAI_TYPE_CLASSIFICATION_PANEL);
  g_type_ensure (SVGAI_TYPE_QUALITY_PANEL);
  g_type_ensure (SVGAI_TYPE_PALETTE_PANEL);
  g_type_ensure (SVGAI_TYPE_PARAMS_PANEL);
  g_type_ensure (SVGAI_TYPE_FEATURES_PANEL);
  g_type_ensure (SVGAI_TYPE_TIMING_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/svgai/SvgAi/ui/svgai-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SvgaiWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SvgaiWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SvgaiWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SvgaiWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, SvgaiWindow, list_button);
  gtk_widget_class_bind_template_child (widget_class, SvgaiWindow, image_list);
  gtk_widget_class_bind_template_child (widget_class, SvgaiWindow, compare_view);
  gtk_widget_class_bind_template_child (widget_class, SvgaiWindow, classification_panel);
  gtk_widget_class_bind_template_child (widget_class, SvgaiWindow, quality_panel);
  gtk_widget_class_bind_template_child (widget_class, SvgaiWindow, palette_panel);
  gtk_widget_class_bind_template_child (widget_class, SvgaiWindow, params_panel);
  gtk_widget_class_bind_template_child (widget_class, SvgaiWindow, features_panel);
  gtk_widget_class_bind_template_child (widget_class, SvgaiWindow, timing_panel);
  gtk_widget_class_bind_template_child (widget_class, SvgaiWindow, charts_box);
  gtk_widget_class_bind_template_child (widget_class, SvgaiWindow, panel_button);
  gtk_widget_class_bind_template_child (widget_class, SvgaiWindow, export_button);

  svgai_window_io_install_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "win.toggle-panel", NULL, action_toggle_panel);
  gtk_widget_class_install_action (widget_class, "win.toggle-list", NULL, action_toggle_panel);
  gtk_widget_class_install_action (widget_class, "win.close-image", NULL, action_close_image);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, action_undo);
  svgai_window_view_install_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, action_undo);

  /* Plain keys too; a focused text field gets them first, so typing a
   * number into a parameter never zooms. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, 0, "win.zoom-original", NULL);
}

static void
svgai_window_init (SvgaiWindow *self)
{
  GtkDropTarget *drop;
  GType drop_types[] = { GDK_TYPE_FILE_LIST, GDK_TYPE_TEXTURE };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->start_time = g_get_monotonic_time ();
  self->settings = svgai_settings_new ();
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->documents = g_list_store_new (SVGAI_TYPE_DOCUMENT);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->image_list), G_LIST_MODEL (self->documents),
                           create_row, self, NULL);
  g_signal_connect (self->image_list, "row-selected", G_CALLBACK (on_row_selected), self);
  g_signal_connect (self->image_list, "row-activated", G_CALLBACK (on_row_activated), self);
  g_object_bind_property (self->list_button, "active", self->flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->documents, "items-changed", G_CALLBACK (on_items_changed), self);

  g_signal_connect (self->params_panel, "params-changed", G_CALLBACK (on_params_changed), self);
  g_signal_connect (self->params_panel, "tier-changed", G_CALLBACK (on_tier_changed), self);
  g_signal_connect (self->params_panel, "reset", G_CALLBACK (on_params_reset), self);
  g_signal_connect_swapped (self->palette_panel, "changed", G_CALLBACK (show_output), self);

  self->memory_chart = svgai_chart_new (SVGAI_CHART_LINE, _("Memory (RSS)"), _("MB"));
  self->times_chart = svgai_chart_new (SVGAI_CHART_BARS, _("Conversion time"), _("ms"));
  gtk_box_append (GTK_BOX (self->charts_box), self->memory_chart);
  gtk_box_append (GTK_BOX (self->charts_box), self->times_chart);
  sample_memory (self);
  self->memory_timer = g_timeout_add (MEMORY_SAMPLE_MS, sample_memory, self);

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  g_signal_connect (drop, "enter", G_CALLBACK (on_drop_enter), self);
  g_signal_connect (drop, "leave", G_CALLBACK (on_drop_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  gtk_widget_set_focusable (GTK_WIDGET (self->compare_view), TRUE);
  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
    g_signal_connect (click, "pressed", G_CALLBACK (on_canvas_pressed), self);
    gtk_widget_add_controller (GTK_WIDGET (self->compare_view), GTK_EVENT_CONTROLLER (click));
  }
  svgai_window_add_shortcuts (self);

  on_items_changed (self);
  show_output (self);
}

SvgaiWindow *
svgai_window_new (AdwApplication *application)
{
  return g_object_new (SVGAI_TYPE_WINDOW, "application", application, NULL);
}

GListModel *svgai_window_get_documents (SvgaiWindow *self) { return G_LIST_MODEL (self->documents); }
SvgaiDocument *svgai_window_get_current (SvgaiWindow *self) { return self->current; }
SvgaiCompareView *svgai_window_get_compare_view (SvgaiWindow *self) { return self->compare_view; }
const char *svgai_window_get_last_toast (SvgaiWindow *self) { return self->last_toast; }
GSettings *svgai_window_get_settings (SvgaiWindow *self) { return self->settings; }
gboolean svgai_window_has_pending_updates (SvgaiWindow *self) { return self->panels_later.tick || self->palette_later.tick || svgai_palette_panel_is_filling (self->palette_panel); }

GtkWidget *
svgai_window_get_panel (SvgaiWindow *self, const char *name)
{
  if (g_str_equal (name, "classification")) return GTK_WIDGET (self->classification_panel);
  if (g_str_equal (name, "quality")) return GTK_WIDGET (self->quality_panel);
  if (g_str_equal (name, "params")) return GTK_WIDGET (self->params_panel);
  if (g_str_equal (name, "palette")) return GTK_WIDGET (self->palette_panel);
  if (g_str_equal (name, "features")) return GTK_WIDGET (self->features_panel);
  if (g_str_equal (name, "timing")) return GTK_WIDGET (self->timing_panel);
  if (g_str_equal (name, "memory")) return self->memory_chart;
  if (g_str_equal (name, "times")) return self->times_chart;
  if (g_str_equal (name, "list")) return self->image_list;
  if (g_str_equal (name, "list-button")) return self->list_button;
  return NULL;
}
