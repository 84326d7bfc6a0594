#include "svgai-config.h"
#include "svgai-palette-panel.h"

#include <glib/gi18n.h>
#include "svgai-frame-later.h"
#include "svgai-label.h"

#define SWATCH_WIDTH 32
#define SWATCH_HEIGHT 24

struct _SvgaiPalettePanel
{
  AdwPreferencesGroup parent_instance;

  GtkWidget *swatch_list;       /* a row per traced colour */
  GtkWidget *count_spin;
  GtkWidget *background_row;
  GtkWidget *removed_row;
  GtkWidget *removed_swatch;
  GtkWidget *warning_box;
  GtkWidget *warning_label;

  SvgaiDocument *document;
  GArray *swatches;             /* SvgaiSwatch as traced, in the order shown */
  GArray *painted;              /* SvgaiColor: each swatch as recoloured */
  char *shown;                  /* what the rows show, to rebuild them only on change */
  char *removed_text;
  gboolean updating;
  SvgaiFrameLater more_rows;    /* a new image's rows, a few a frame */
};

G_DEFINE_FINAL_TYPE (SvgaiPalettePanel, svgai_palette_panel, ADW_TYPE_PREFERENCES_GROUP)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The background choices in the order the row lists them. */
static const SvgaiBackground background_modes[] = {
  SVGAI_BACKGROUND_KEEP, SVGAI_BACKGROUND_AUTO, SVGAI_BACKGROUND_REMOVE,
};

/* --- swatches --- */

static void
draw_swatch (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  const SvgaiColor *c = g_object_get_data (G_OBJECT (area), "svgai-color");

  if (c == NULL)
    return;
  /* A checkerboard under a translucent colour shows it as such. */
  if (c->a < 255)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
      for (int y = 0; y < height; y += 6)
        for (int x = (y / 6) % 2 * 6; x < width; x += 12)
          cairo_rectangle (cr, x, y, 6, 6);
      cairo_fill (cr);
    }
  cairo_set_source_rgba (cr, c->r / 255.0, c->g / 255.0, c->b / 255.0, c->a / 255.0);
  cairo_paint (cr);
  /* An outline so that a colour like the sidebar's own stays visible. */
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_stroke (cr);
}

static GtkWidget *
swatch_new (const SvgaiColor *color)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), SWATCH_WIDTH);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), SWATCH_HEIGHT);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch, NULL, NULL);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_widget_set_overflow (area, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (area, "palette-swatch");
  if (color)
    g_object_set_data_full (G_OBJECT (area), "svgai-color", g_memdup2 (color, sizeof *color), g_free);
  return area;
}

static void
swatch_set_color (GtkWidget *area, const SvgaiColor *color)
{
  g_object_set_data_full (G_OBJECT (area), "svgai-color", g_memdup2 (color, sizeof *color), g_free);
  gtk_widget_queue_draw (area);
}

/* --- edits --- */

static gboolean
same_rgb (const SvgaiColor *a, const SvgaiColor *b)
{
  return a->r == b->r && a->g == b->g && a->b == b->b;
}

static const SvgaiSwatch *
swatch_at (SvgaiPalettePanel *self, guint i)
{
  g_return_val_if_fail (self->swatches && i < self->swatches->len, NULL);
  return &g_array_index (self->swatches, SvgaiSwatch, i);
}

/* The document's parameters changed by the panel: traced again. */
static void
apply_params (SvgaiPalettePanel *self, const SvgaiParams *params)
{
  svgai_document_set_params (self->document, params);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Paints document's fills traced as traced in to's colour. */
static void
recolor_document (SvgaiPalettePanel *self, SvgaiDocument *document, const SvgaiColor *traced,
                  const SvgaiColor *to)
{
  /* Fills only: a translucent shape keeps its alpha. */
  SvgaiColor wanted = { to->r, to->g, to->b, traced->a };

  svgai_document_recolor (document, traced, &wanted);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
svgai_palette_panel_recolor (SvgaiPalettePanel *self, guint i, const SvgaiColor *to)
{
  const SvgaiSwatch *s = swatch_at (self, i);

  if (s != NULL && self->document != NULL)
    recolor_document (self, self->document, &s->color, to);
}

void
svgai_palette_panel_merge (SvgaiPalettePanel *self, guint from, guint into)
{
  const SvgaiSwatch *a = swatch_at (self, from), *b = swatch_at (self, into);
  g_autoptr(GError) error = NULL;
  SvgaiParams params;

  if (a == NULL || b == NULL || from == into || self->document == NULL)
    return;
  svgai_document_get_params (self->document, &params, NULL);
  if (!svgai_params_merge_color (&params, &a->color, &b->color, &error))
    {
      g_warning ("%s", error->message);
      return;
    }
  apply_params (self, &params);
}

void
svgai_palette_panel_set_locked (SvgaiPalettePanel *self, guint i, gboolean locked)
{
  const SvgaiSwatch *s = swatch_at (self, i);
  g_autoptr(GError) error = NULL;
  SvgaiColorControl *c;
  SvgaiParams params;
  int k;

  if (s == NULL || self->document == NULL)
    return;
  svgai_document_get_params (self->document, &params, NULL);
  c = &params.color;
  for (k = 0; k < c->n_locked && !same_rgb (&c->locked[k], &s->color); k++)
    ;
  if (locked && k == c->n_locked && !svgai_params_lock_color (&params, &s->color, &error))
    {
      g_warning ("%s", error->message);
      return;
    }
  if (!locked && k < c->n_locked)
    {
      memmove (&c->locked[k], &c->locked[k + 1], (c->n_locked - k - 1) * sizeof (SvgaiColor));
      c->n_locked--;
    }
  apply_params (self, &params);
}

void
svgai_palette_panel_set_n_colors (SvgaiPalettePanel *self, int n)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->count_spin), n);
}

void
svgai_palette_panel_set_background (SvgaiPalettePanel *self, SvgaiBackground background)
{
  for (guint i = 0; i < G_N_ELEMENTS (background_modes); i++)
    if (background_modes[i] == background)
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->background_row), i);
}

static void
on_count_changed (GtkSpinButton *spin, SvgaiPalettePanel *self)
{
  SvgaiParams params;

  if (self->updating || self->document == NULL)
    return;
  svgai_document_get_params (self->document, &params, NULL);
  params.colors = gtk_spin_button_get_value_as_int (spin);
  apply_params (self, &params);
}

static void
on_background_selected (AdwComboRow *row, GParamSpec *pspec, SvgaiPalettePanel *self)
{
  guint i = adw_combo_row_get_selected (row);
  SvgaiParams params;

  if (self->updating || self->document == NULL || i >= G_N_ELEMENTS (background_modes))
    return;
  svgai_document_get_params (self->document, &params, NULL);
  if (params.color.background == background_modes[i])
    return;
  params.color.background = background_modes[i];
  apply_params (self, &params);
}

/* "Auto" for 0, as the engine reads it. */
static gboolean
on_count_output (GtkSpinButton *spin, gpointer data)
{
  int n = gtk_spin_button_get_value_as_int (spin);
  g_autofree char *text = n == 0 ? g_strdup (_("Auto")) : g_strdup_printf ("%d", n);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_count_input (GtkSpinButton *spin, double *value, gpointer data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  double v;

  if (g_ascii_strcasecmp (text, "auto") == 0 || g_strcmp0 (text, _("Auto")) == 0 || *text == '\0')
    {
      *value = 0;
      return TRUE;
    }
  v = g_ascii_strtod (text, &end);
  if (end == text)
    return GTK_INPUT_ERROR;
  *value = v;
  return TRUE;
}

/* --- recolouring with the colour chooser --- */

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
on_chooser_response (GtkDialog *dialog, int response, SvgaiPalettePanel *self)
{
  /* The image and colour the dialog was opened for, even if another image
   * is shown by now. */
  SvgaiDocument *document = g_object_get_data (G_OBJECT (dialog), "svgai-document");
  const SvgaiColor *traced = g_object_get_data (G_OBJECT (dialog), "svgai-traced");

  if (response == GTK_RESPONSE_OK)
    {
      GdkRGBA rgba;
      SvgaiColor to;

      gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (dialog), &rgba);
      to = (SvgaiColor) { (guint8) (rgba.red * 255 + 0.5), (guint8) (rgba.green * 255 + 0.5),
                          (guint8) (rgba.blue * 255 + 0.5), 255 };
      recolor_document (self, document, traced, &to);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (self);
}

static void
open_chooser (SvgaiPalettePanel *self, guint i)
{
  const SvgaiSwatch *s = swatch_at (self, i);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  SvgaiColor shown;
  GtkWidget *dialog;
  GdkRGBA rgba;

  if (s == NULL || self->document == NULL)
    return;
  shown = g_array_index (self->painted, SvgaiColor, i);
  rgba = (GdkRGBA) { shown.r / 255.0f, shown.g / 255.0f, shown.b / 255.0f, 1 };
  dialog = gtk_color_chooser_dialog_new (_("Recolour"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (dialog), FALSE);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (dialog), &rgba);
  g_object_set_data_full (G_OBJECT (dialog), "svgai-document", g_object_ref (self->document), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "svgai-traced", g_memdup2 (&s->color, sizeof s->color), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_chooser_response), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}
G_GNUC_END_IGNORE_DEPRECATIONS

/* --- rows --- */

static guint
row_index (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);

  return row ? (guint) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : G_MAXUINT;
}

static void
on_swatch_clicked (GtkButton *button, SvgaiPalettePanel *self)
{
  open_chooser (self, row_index (GTK_WIDGET (button)));
}

static void
on_lock_toggled (GtkToggleButton *button, SvgaiPalettePanel *self)
{
  gboolean active = gtk_toggle_button_get_active (button);

  gtk_button_set_icon_name (GTK_BUTTON (button), active ? "changes-prevent-symbolic" : "changes-allow-symbolic");
  if (!self->updating)
    svgai_palette_panel_set_locked (self, row_index (GTK_WIDGET (button)), active);
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source, double x, double y, SvgaiPalettePanel *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  GtkWidget *swatch = g_object_get_data (G_OBJECT (row), "svgai-swatch");
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (swatch);

  gtk_drag_source_set_icon (source, icon, SWATCH_WIDTH / 2, SWATCH_HEIGHT / 2);
  return gdk_content_provider_new_typed (G_TYPE_UINT, row_index (row));
}

static gboolean
on_swatch_drop (GtkDropTarget *target, const GValue *value, double x, double y, SvgaiPalettePanel *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  guint from = g_value_get_uint (value), into = row_index (row);

  if (from == into || from >= svgai_palette_panel_get_n_swatches (self))
    return FALSE;
  svgai_palette_panel_merge (self, from, into);
  return TRUE;
}

/* Shows swatch s, painted shown, in row; called with self->updating set. */
static void
swatch_row_update (GtkWidget *row, const SvgaiSwatch *s, const SvgaiColor *shown)
{
  GtkWidget *lock = g_object_get_data (G_OBJECT (row), "svgai-lock");
  g_autofree char *hex = svgai_color_to_string (shown);
  g_autofree char *traced = svgai_color_to_string (&s->color);
  g_autofree char *subtitle = NULL;

  /* Translators: a colour's share of the image's pixels. */
  if (same_rgb (shown, &s->color))
    subtitle = g_strdup_printf (_("%.1f %% of the pixels"), s->share * 100);
  else
    /* Translators: %s is the colour as traced, e.g. #1e88e5. */
    subtitle = g_strdup_printf (_("%.1f %% · traced as %s"), s->share * 100, traced);
  if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), hex) != 0)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hex);
  if (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), subtitle) != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  swatch_set_color (g_object_get_data (G_OBJECT (row), "svgai-swatch"), shown);
  /* A screen reader names the swatch button by its colour. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (g_object_get_data (G_OBJECT (row),
                                                                                            "svgai-swatch"))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, hex, -1);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (lock), s->locked);
  /* Only a real change: setting an icon, even the same, lays the row out again. */
  if (g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (lock)), s->locked ? "changes-prevent-symbolic" : "changes-allow-symbolic") != 0)
    gtk_button_set_icon_name (GTK_BUTTON (lock), s->locked ? "changes-prevent-symbolic" : "changes-allow-symbolic");
  if (s->locked)
    gtk_widget_remove_css_class (lock, "dim-label");
  else
    gtk_widget_add_css_class (lock, "dim-label");
}

static GtkWidget *
swatch_row_new (SvgaiPalettePanel *self, const SvgaiSwatch *s, const SvgaiColor *shown)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new ();
  GtkWidget *swatch = swatch_new (shown);
  GtkWidget *lock = gtk_toggle_button_new ();
  GtkDragSource *drag = gtk_drag_source_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_UINT, GDK_ACTION_MOVE);

  gtk_widget_add_css_class (row, "numeric");
  /* One line each: a label that may wrap is measured over and over for
   * each width its row tries, every time a result changes its text. */
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);

  gtk_button_set_child (GTK_BUTTON (button), swatch);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  svgai_widget_set_tooltip (button, _("Recolour (traces nothing again)"));
  g_signal_connect (button, "clicked", G_CALLBACK (on_swatch_clicked), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "svgai-swatch", swatch);

  gtk_widget_set_valign (lock, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (lock, "flat");
  svgai_widget_set_tooltip (lock, _("Lock: keep this colour exact when tracing again"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (lock), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Lock: keep this colour exact when tracing again"), -1);
  g_signal_connect (lock, "toggled", G_CALLBACK (on_lock_toggled), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), lock);

  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (drop, "drop", G_CALLBACK (on_swatch_drop), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));
  svgai_widget_set_tooltip (row, _("Drag onto another colour to merge them"));
  g_object_set_data (G_OBJECT (row), "svgai-lock", lock);
  swatch_row_update (row, s, shown);
  return row;
}

/* A text naming everything the panel shows, to skip rebuilding when a
 * result repeats it. */
static char *
describe (SvgaiPalettePanel *self, SvgaiJobOutput *output, const SvgaiParams *params, gboolean user_set)
{
  GString *s = g_string_new (NULL);
  const SvgaiSwatch *sw;
  g_autofree SvgaiColor *painted = NULL;
  const char *w;
  guint n = 0;

  sw = output ? svgai_result_get_palette (output->traced, &n) : NULL;
  painted = g_new (SvgaiColor, MAX (n, 1));
  svgai_recolor_map_paint (svgai_document_get_recolor (self->document), sw, n, painted);
  for (guint i = 0; i < n; i++)
    {
      SvgaiColor shown = painted[i];

      g_string_append_printf (s, "%02x%02x%02x%02x>%02x%02x%02x %.1f %d;", sw[i].color.r, sw[i].color.g,
                              sw[i].color.b, sw[i].color.a, shown.r, shown.g, shown.b, sw[i].share * 100,
                              sw[i].locked);
    }
  g_string_append_printf (s, "|%d %d %d|", user_set ? params->colors : -1, params->color.background,
                          output && output->background_removed);
  if (output && output->background_removed)
    g_string_append_printf (s, "%02x%02x%02x", output->background.r, output->background.g, output->background.b);
  for (guint i = 0; output && (w = svgai_result_get_warning (output->traced, i)) != NULL; i++)
    g_string_append_printf (s, "|%s", w);
  return g_string_free (s, FALSE);
}

static void
show_controls (SvgaiPalettePanel *self, SvgaiJobOutput *output, const SvgaiParams *params, gboolean user_set)
{
  g_autoptr(GString) warnings = g_string_new (NULL);
  const char *w;

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->count_spin), user_set ? params->colors : 0);
  for (guint i = 0; i < G_N_ELEMENTS (background_modes); i++)
    if (background_modes[i] == params->color.background)
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->background_row), i);

  g_clear_pointer (&self->removed_text, g_free);
  if (output && output->background_removed)
    {
      self->removed_text = svgai_color_to_string (&output->background);
      swatch_set_color (self->removed_swatch, &output->background);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->removed_row), self->removed_text);
    }
  gtk_widget_set_visible (self->removed_row, self->removed_text != NULL);

  for (guint i = 0; output && (w = svgai_result_get_warning (output->traced, i)) != NULL; i++)
    g_string_append_printf (warnings, "%s%s", warnings->len ? "\n" : "", w);
  gtk_label_set_label (GTK_LABEL (self->warning_label), warnings->str);
  gtk_widget_set_visible (self->warning_box, warnings->len > 0);
}

/* Making a row (a dozen widgets, styled and laid out) costs the main
 * thread a few milliseconds: a new image's 15 colours were one 20 ms frame. */
#define ROWS_PER_FRAME 4

static void
more_rows (SvgaiPalettePanel *self)
{
  svgai_palette_panel_set_document (self, self->document);
}

void
svgai_palette_panel_set_document (SvgaiPalettePanel *self, SvgaiDocument *document)
{
  SvgaiJobOutput *output = document ? svgai_document_get_output (document) : NULL;
  g_autofree char *shown = NULL;
  const SvgaiSwatch *sw = NULL;
  SvgaiParams params;
  gboolean user_set = FALSE;
  GtkWidget *child;
  guint n = 0;

  g_return_if_fail (SVGAI_IS_PALETTE_PANEL (self));
  g_set_object (&self->document, document);
  svgai_params_init_default (&params);
  if (document)
    svgai_document_get_params (document, &params, &user_set);
  shown = document ? describe (self, output, &params, user_set) : g_strdup ("");
  if (g_strcmp0 (shown, self->shown) == 0)
    return;
  g_free (self->shown);
  self->shown = g_steal_pointer (&shown);

  self->updating = TRUE;
  if (output)
    sw = svgai_result_get_palette (output->traced, &n);
  /* The rows there are stay and change their contents (a re-trace, a
   * recolour: nothing in the sidebar moves); only the extra ones go, or the
   * missing ones come. Making rows is what costs the main loop. */
  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->swatch_list), n))) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->swatch_list), child);
  g_array_set_size (self->painted, n);
  if (n > 0)
    svgai_recolor_map_paint (svgai_document_get_recolor (document), sw, n, (SvgaiColor *) (gpointer) self->painted->data);
  for (guint i = 0, made = 0; i < n; i++)
    {
      SvgaiColor c = g_array_index (self->painted, SvgaiColor, i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->swatch_list), i);

      if (row != NULL)
        swatch_row_update (GTK_WIDGET (row), &sw[i], &c);
      else if (made++ < ROWS_PER_FRAME)
        gtk_list_box_append (GTK_LIST_BOX (self->swatch_list), swatch_row_new (self, &sw[i], &c));
      else
        {
          /* The rest in the next frame: shown stays unset to come back. */
          g_clear_pointer (&self->shown, g_free);
          svgai_frame_later_schedule (&self->more_rows, GTK_WIDGET (self), 1, (SvgaiFrameFunc) more_rows);
          break;
        }
    }
  g_array_set_size (self->swatches, 0);
  g_array_append_vals (self->swatches, sw, n);
  gtk_widget_set_visible (self->swatch_list, n > 0);
  show_controls (self, output, &params, user_set);
  gtk_widget_set_sensitive (GTK_WIDGET (self), document != NULL);
  self->updating = FALSE;
}

guint
svgai_palette_panel_get_n_swatches (SvgaiPalettePanel *self)
{
  return self->swatches->len;
}

SvgaiColor
svgai_palette_panel_get_traced (SvgaiPalettePanel *self, guint i)
{
  const SvgaiSwatch *s = swatch_at (self, i);

  return s ? s->color : (SvgaiColor) { 0 };
}

/* TRUE while rows are still to come (ROWS_PER_FRAME). */
gboolean
svgai_palette_panel_is_filling (SvgaiPalettePanel *self)
{
  return svgai_frame_later_is_pending (&self->more_rows);
}

const char *
svgai_palette_panel_get_removed_text (SvgaiPalettePanel *self)
{
  return self->removed_text;
}

const char *
svgai_palette_panel_get_warning_text (SvgaiPalettePanel *self)
{
  return gtk_widget_get_visible (self->warning_box) ? gtk_label_get_label (GTK_LABEL (self->warning_label)) : NULL;
}

/* --- GObject --- */

static void
svgai_palette_panel_dispose (GObject *object)
{
  SvgaiPalettePanel *self = SVGAI_PALETTE_PANEL (object);

  svgai_frame_later_cancel (&self->more_rows, GTK_WIDGET (self));
  g_clear_object (&self->document);
  G_OBJECT_CLASS (svgai_palette_panel_parent_class)->dispose (object);
}

static void
svgai_palette_panel_finalize (GObject *object)
{
  SvgaiPalettePanel *self = SVGAI_PALETTE_PANEL (object);

  g_clear_pointer (&self->swatches, g_array_unref);
  g_clear_pointer (&self->painted, g_array_unref);
  g_free (self->shown);
  g_free (self->removed_text);
  G_OBJECT_CLASS (svgai_palette_panel_parent_class)->finalize (object);
}

static void
svgai_palette_panel_class_init (SvgaiPalettePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = svgai_palette_panel_dispose;
  object_class->finalize = svgai_palette_panel_finalize;
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static GtkWidget *
settings_list_new (SvgaiPalettePanel *self)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *count_row = adw_action_row_new ();
  g_autoptr(GtkStringList) modes = gtk_string_list_new (NULL);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (count_row), _("Number of colours"));
  self->count_spin = gtk_spin_button_new_with_range (0, SVGAI_MAX_COLORS, 1);
  /* new_with_range makes it numeric, which drops every letter inserted,
   * the output handler's "Auto" too: the field showed nothing. The input
   * handler reads digits and "Auto" itself. */
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (self->count_spin), FALSE);
  gtk_widget_set_valign (self->count_spin, GTK_ALIGN_CENTER);
  /* Room for "Auto" as translated ("Automatisch"). */
  gtk_editable_set_width_chars (GTK_EDITABLE (self->count_spin), MAX (4, g_utf8_strlen (_("Auto"), -1)));
  g_signal_connect (self->count_spin, "output", G_CALLBACK (on_count_output), self);
  g_signal_connect (self->count_spin, "input", G_CALLBACK (on_count_input), self);
  g_signal_connect (self->count_spin, "value-changed", G_CALLBACK (on_count_changed), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (count_row), self->count_spin);
  gtk_list_box_append (GTK_LIST_BOX (list), count_row);

  gtk_string_list_append (modes, _("Keep"));
  gtk_string_list_append (modes, _("Remove if solid"));
  gtk_string_list_append (modes, _("Remove"));
  self->background_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->background_row), _("Background"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->background_row), G_LIST_MODEL (modes));
  g_signal_connect (self->background_row, "notify::selected", G_CALLBACK (on_background_selected), self);
  gtk_list_box_append (GTK_LIST_BOX (list), self->background_row);

  self->removed_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->removed_row), _("Removed background"));
  self->removed_swatch = swatch_new (NULL);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self->removed_row), self->removed_swatch);
  gtk_widget_add_css_class (self->removed_row, "numeric");
  gtk_widget_set_visible (self->removed_row, FALSE);
  gtk_list_box_append (GTK_LIST_BOX (list), self->removed_row);
  return list;
}

static void
svgai_palette_panel_init (SvgaiPalettePanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  self->swatches = g_array_new (FALSE, FALSE, sizeof (SvgaiSwatch));
  self->painted = g_array_new (FALSE, FALSE, sizeof (SvgaiColor));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Palette"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Click a colour to recolour it, drag it onto another to merge them"));

  self->swatch_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->swatch_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->swatch_list, "boxed-list");
  gtk_widget_set_visible (self->swatch_list, FALSE);
  gtk_box_append (GTK_BOX (box), self->swatch_list);
  gtk_box_append (GTK_BOX (box), settings_list_new (self));

  self->warning_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->warning_label = gtk_label_new ("");
  gtk_label_set_wrap (GTK_LABEL (self->warning_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->warning_label), 0);
  gtk_widget_set_hexpand (self->warning_label, TRUE);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->warning_box, "warning");
  gtk_widget_add_css_class (self->warning_box, "caption");
  gtk_box_append (GTK_BOX (self->warning_box), icon);
  gtk_box_append (GTK_BOX (self->warning_box), self->warning_label);
  gtk_widget_set_visible (self->warning_box, FALSE);
  gtk_box_append (GTK_BOX (box), self->warning_box);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), box);
}

GtkWidget *
svgai_palette_panel_new (void)
{
  return g_object_new (SVGAI_TYPE_PALETTE_PANEL, NULL);
}
