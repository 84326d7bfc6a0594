#include "svgai-config.h"
#include "svgai-params-panel.h"
#include "svgai-settings.h"

#include <glib/gi18n.h>
#include "svgai-label.h"
#include <math.h>

#define THROTTLE_MS 150

struct _SvgaiParamsPanel
{
  AdwPreferencesGroup parent_instance;

  GtkWidget *tier_row;
  GtkWidget *layering_row;
  GtkWidget *reset_button;
  GPtrArray *spins;           /* GtkSpinButton per spec, in spec order */
  GPtrArray *sliders;         /* GtkScale per designer control (Slider) */
  GtkWidget *advanced_row;
  GtkWidget *preset_row;
  GSettings *settings;
  GArray *user_presets;       /* Preset, the user's own (label owned) */
  gboolean syncing;           /* a slider and its spin button follow each other */
  SvgaiColorControl color;    /* the palette panel's settings: not shown here, kept */
  gboolean updating;
  guint throttle_id;
  gboolean pending;
};

G_DEFINE_FINAL_TYPE (SvgaiParamsPanel, svgai_params_panel, ADW_TYPE_PREFERENCES_GROUP)

enum {
  SIGNAL_PARAMS_CHANGED,
  SIGNAL_TIER_CHANGED,
  SIGNAL_RESET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
param_title (const char *name)
{
  if (g_str_equal (name, "colors")) return _("Colours");
  if (g_str_equal (name, "speckle")) return _("Speckle");
  if (g_str_equal (name, "smooth")) return _("Smoothness");
  if (g_str_equal (name, "tolerance")) return _("Tolerance");
  if (g_str_equal (name, "upsample")) return _("Upsampling");
  return name;
}

static gboolean
throttle_done (gpointer data)
{
  SvgaiParamsPanel *self = data;

  if (self->pending)
    {
      /* Still changing: announce the latest and keep throttling. */
      self->pending = FALSE;
      g_signal_emit (self, signals[SIGNAL_PARAMS_CHANGED], 0);
      return G_SOURCE_CONTINUE;
    }
  self->throttle_id = 0;
  return G_SOURCE_REMOVE;
}

static void
announce (SvgaiParamsPanel *self)
{
  if (self->updating)
    return;
  gtk_widget_set_sensitive (self->reset_button, TRUE);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), _("Your settings"));
  if (self->throttle_id != 0)
    {
      self->pending = TRUE;
      return;
    }
  g_signal_emit (self, signals[SIGNAL_PARAMS_CHANGED], 0);
  self->throttle_id = g_timeout_add (THROTTLE_MS, throttle_done, self);
}

static void
on_spin_activate (GtkWidget *text, SvgaiParamsPanel *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.focus-canvas", NULL);
}

static gboolean
on_spin_output (GtkSpinButton *spin, gpointer data)
{
  if (gtk_spin_button_get_value (spin) == 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (spin), _("Auto"));
      return TRUE;
    }
  return FALSE;
}

static int
on_spin_input (GtkSpinButton *spin, double *new_value, gpointer data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));

  if (g_ascii_strcasecmp (text, _("Auto")) == 0 || g_ascii_strcasecmp (text, "auto") == 0)
    {
      *new_value = 0;
      return TRUE;
    }
  return FALSE;
}

static void
on_tier_selected (SvgaiParamsPanel *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[SIGNAL_TIER_CHANGED], 0,
                   (int) adw_combo_row_get_selected (ADW_COMBO_ROW (self->tier_row)));
}

static void
on_reset_clicked (SvgaiParamsPanel *self)
{
  g_clear_handle_id (&self->throttle_id, g_source_remove);
  self->pending = FALSE;
  g_signal_emit (self, signals[SIGNAL_RESET], 0);
}

static void
svgai_params_panel_dispose (GObject *object)
{
  SvgaiParamsPanel *self = SVGAI_PARAMS_PANEL (object);

  g_clear_handle_id (&self->throttle_id, g_source_remove);
  g_clear_pointer (&self->spins, g_ptr_array_unref);
  g_clear_pointer (&self->sliders, g_ptr_array_unref);
  if (self->settings)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->user_presets, g_array_unref);
  G_OBJECT_CLASS (svgai_params_panel_parent_class)->dispose (object);
}

static void
svgai_params_panel_class_init (SvgaiParamsPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = svgai_params_panel_dispose;

  /* params-changed: the user changed a parameter; read them with get_params(). */
  signals[SIGNAL_PARAMS_CHANGED] = g_signal_new ("params-changed", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 0);
  /* tier-changed (int tier) */
  signals[SIGNAL_TIER_CHANGED] = g_signal_new ("tier-changed", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, G_TYPE_INT);
  /* reset: back to the optimizer's choice */
  signals[SIGNAL_RESET] = g_signal_new ("reset", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
}

/* --- designer controls --- */

/* A slider a designer reads, driving one engine parameter linearly:
 * engine = a + b × slider. */
typedef struct {
  const char *param;
  double min, max;            /* the slider's range */
  double a, b;
  const char *unit;           /* "%", "px" or "" (with 0 = Auto) */
} Slider;

static const Slider sliders[] = {
  /* Detail 0–100 %: curve tolerance 1 px (few nodes) … 0 (follows every pixel) */
  { "tolerance", 0, 100, 1.0, -0.01, "%" },
  /* Corners 0–100 %: smoothness 1.334 (round) … 0 (every bend a corner) */
  { "smooth", 0, 100, 1.334, -0.01334, "%" },
  /* Noise removal: specks up to this many pixels go */
  { "speckle", 0, 100, 0, 1, "px" },
  /* Colours: 0 = automatic */
  { "colors", 0, SVGAI_MAX_COLORS, 0, 1, "" },
};

static const char *
slider_title (guint i)
{
  const char *titles[] = { N_("Detail"), N_("Corners"), N_("Noise Removal"), N_("Colours") };

  return _(titles[i]);
}

static const char *
slider_subtitle (guint i)
{
  const char *subtitles[] = {
    N_("More follows the image closer, with more nodes (curve tolerance)"),
    N_("More turns bends into sharp corners (smoothness)"),
    N_("Specks up to this size are dropped (speckle)"),
    N_("How many colours at most; Auto lets the image decide (colours)"),
  };

  return _(subtitles[i]);
}

static GtkSpinButton *
spin_for (SvgaiParamsPanel *self, const char *name)
{
  for (guint i = 0; i < self->spins->len; i++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (self->spins, i), "svgai-param"), name) == 0)
      return g_ptr_array_index (self->spins, i);
  return NULL;
}

static char *
format_slider (GtkScale *scale, double value, gpointer data)
{
  const Slider *sl = data;

  if (sl->unit[0] == '\0')
    return value < 0.5 ? g_strdup (_("Auto")) : g_strdup_printf ("%.0f", value);
  if (g_str_equal (sl->unit, "px"))
    return g_strdup_printf (_("%.0f px"), value);
  return g_strdup_printf (_("%.0f %%"), value);
}

static void
on_slider_changed (GtkRange *range, SvgaiParamsPanel *self)
{
  const Slider *sl = g_object_get_data (G_OBJECT (range), "svgai-slider");
  GtkSpinButton *spin = spin_for (self, sl->param);

  if (self->syncing || spin == NULL)
    return;
  self->syncing = TRUE;
  gtk_spin_button_set_value (spin, sl->a + sl->b * gtk_range_get_value (range));
  self->syncing = FALSE;
}

/* A spin button changed (by the user, undo or a result): its slider follows. */
static void
sync_slider (GtkSpinButton *spin, SvgaiParamsPanel *self)
{
  const char *name = g_object_get_data (G_OBJECT (spin), "svgai-param");

  if (self->syncing)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (sliders); i++)
    if (g_str_equal (sliders[i].param, name))
      {
        self->syncing = TRUE;
        gtk_range_set_value (g_ptr_array_index (self->sliders, i),
                             (gtk_spin_button_get_value (spin) - sliders[i].a) / sliders[i].b);
        self->syncing = FALSE;
      }
}

static void
sync_all_sliders (SvgaiParamsPanel *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (sliders); i++)
    {
      GtkSpinButton *spin = spin_for (self, sliders[i].param);

      if (spin)
        sync_slider (spin, self);
    }
}

/* The slider's value beside it, as an inscription: a scale's own value
 * label asks for a new layout of the window at every change, a result's
 * parameters included. */
static void
show_slider_value (GtkRange *range, GtkWidget *value)
{
  g_autofree char *text = format_slider (GTK_SCALE (range), gtk_range_get_value (range),
                                         g_object_get_data (G_OBJECT (range), "svgai-slider"));

  svgai_label_set (value, text);
}

/* Room for the slider's widest value, its ends' ("Auto" as translated,
 * "100 %"), as a scale's own value label would keep. */
static guint
slider_value_chars (const Slider *sl)
{
  g_autofree char *min = format_slider (NULL, sl->min, (gpointer) sl);
  g_autofree char *max = format_slider (NULL, sl->max, (gpointer) sl);

  return MAX (3, MAX (g_utf8_strlen (min, -1), g_utf8_strlen (max, -1)));
}

static void
add_sliders (SvgaiParamsPanel *self)
{
  self->sliders = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (sliders); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, sliders[i].min, sliders[i].max, 1);
      GtkWidget *value = svgai_value_label_new (slider_value_chars (&sliders[i]));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), slider_title (i));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), slider_subtitle (i));
      gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
      /* Dimmed as a scale's own value is (Adwaita: "scale > value" is a dim-label). */
      gtk_widget_add_css_class (value, "dim-label");
      gtk_widget_set_size_request (scale, 150, -1);
      gtk_widget_set_valign (scale, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (scale), "svgai-slider", (gpointer) &sliders[i]);
      g_signal_connect (scale, "value-changed", G_CALLBACK (on_slider_changed), self);
      g_signal_connect (scale, "value-changed", G_CALLBACK (show_slider_value), value);
      show_slider_value (GTK_RANGE (scale), value);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), scale);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->sliders, scale);
    }
}

/* --- presets --- */

typedef struct {
  const char *label;
  int colors, speckle;
  double smooth, tolerance;
  SvgaiLayering layering;
} Preset;

/* Starting points a designer picks by what the image is (0 colours and 0
 * upsampling: automatic). */
static const Preset presets[] = {
  { N_("Logo"), 0, 2, 1.0, 0.3, SVGAI_LAYERING_STACKED },
  { N_("Text / Wordmark"), 0, 1, 0.75, 0.2, SVGAI_LAYERING_STACKED },
  { N_("Icon"), 0, 1, 0.9, 0.2, SVGAI_LAYERING_STACKED },
  { N_("Flat Illustration"), 16, 4, 1.0, 0.4, SVGAI_LAYERING_STACKED },
  { N_("Line Art"), 2, 3, 1.1, 0.3, SVGAI_LAYERING_STACKED },
};

/* Sets every field of a preset as one change (one undo step). */
static void
apply_preset (SvgaiParamsPanel *self, const Preset *p)
{
  self->updating = TRUE;
  svgai_params_panel_set_value (self, "colors", p->colors);
  svgai_params_panel_set_value (self, "speckle", p->speckle);
  svgai_params_panel_set_value (self, "smooth", p->smooth);
  svgai_params_panel_set_value (self, "tolerance", p->tolerance);
  svgai_params_panel_set_value (self, "upsample", 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->layering_row), p->layering == SVGAI_LAYERING_CUTOUT ? 1 : 0);
  self->updating = FALSE;
  announce (self);
}

static void
clear_user_preset (gpointer data)
{
  g_free ((char *) ((Preset *) data)->label);
}

/* The preset row: Choose…, the built-in presets, the user's own (saved in
 * GSettings), and Save Current Settings as Preset…. */
static void
refill_presets (SvgaiParamsPanel *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GVariant) dict = g_settings_get_value (self->settings, "user-presets");
  GVariantIter iter;
  const char *name;
  Preset p = { 0 };

  g_array_set_size (self->user_presets, 0);
  gtk_string_list_append (names, _("Choose…"));
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    gtk_string_list_append (names, _(presets[i].label));
  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_next (&iter, "{&s(iiddi)}", &name, &p.colors, &p.speckle, &p.smooth, &p.tolerance,
                              &p.layering))
    {
      p.label = g_strdup (name);
      g_array_append_val (self->user_presets, p);
      gtk_string_list_append (names, name);
    }
  gtk_string_list_append (names, _("Save Current Settings as Preset…"));
  self->updating = TRUE;
  adw_combo_row_set_model (ADW_COMBO_ROW (self->preset_row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->preset_row), 0);
  self->updating = FALSE;
}

void
svgai_params_panel_save_preset (SvgaiParamsPanel *self, const char *name)
{
  g_autoptr(GVariant) old = g_settings_get_value (self->settings, "user-presets");
  GVariantBuilder builder;
  GVariantIter iter;
  GVariant *entry;
  SvgaiParams params;

  g_return_if_fail (name != NULL && name[0] != '\0');
  svgai_params_panel_get_params (self, &params);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{s(iiddi)}"));
  g_variant_iter_init (&iter, old);
  while ((entry = g_variant_iter_next_value (&iter)))
    {
      g_autoptr(GVariant) key = g_variant_get_child_value (entry, 0);

      /* The same name again: the new values replace the old. */
      if (!g_str_equal (g_variant_get_string (key, NULL), name))
        g_variant_builder_add_value (&builder, entry);
      g_variant_unref (entry);
    }
  g_variant_builder_add (&builder, "{s(iiddi)}", name, params.colors, params.speckle, params.smooth,
                         params.tolerance, (int) params.layering);
  g_settings_set_value (self->settings, "user-presets", g_variant_builder_end (&builder));
}

static void
on_save_response (AdwMessageDialog *dialog, const char *response, SvgaiParamsPanel *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_str_equal (response, "save") && name[0] != '\0')
    svgai_params_panel_save_preset (self, name);
}

static void
ask_preset_name (SvgaiParamsPanel *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              _("Save Preset"),
                                              _("The current parameters, under a name of your choice, "
                                                "in the preset list of every window"));
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Preset name"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_preset_selected (SvgaiParamsPanel *self)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (self->preset_row));
  guint n_builtin = G_N_ELEMENTS (presets);

  /* 0 is "Choose…": the row only starts a change. */
  if (self->updating || i == 0 || i == GTK_INVALID_LIST_POSITION)
    return;
  if (i <= n_builtin)
    apply_preset (self, &presets[i - 1]);
  else if (i <= n_builtin + self->user_presets->len)
    apply_preset (self, &g_array_index (self->user_presets, Preset, i - 1 - n_builtin));
  else
    ask_preset_name (self);
  self->updating = TRUE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->preset_row), 0);
  self->updating = FALSE;
}

static void
add_presets (SvgaiParamsPanel *self)
{
  GtkWidget *apply_row = adw_action_row_new ();
  GtkWidget *apply = gtk_button_new_with_mnemonic (_("Apply to _All"));

  self->settings = svgai_settings_new ();
  self->user_presets = g_array_new (FALSE, TRUE, sizeof (Preset));
  g_array_set_clear_func (self->user_presets, clear_user_preset);
  self->preset_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->preset_row), _("Preset"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preset_row), _("Sets the sliders for a kind of image"));
  refill_presets (self);
  g_signal_connect_swapped (self->settings, "changed::user-presets", G_CALLBACK (refill_presets), self);
  g_signal_connect_swapped (self->preset_row, "notify::selected", G_CALLBACK (on_preset_selected), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->preset_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (apply_row), _("All Images"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (apply_row), _("Trace every open image with these parameters"));
  gtk_widget_set_valign (apply, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (apply), "win.apply-to-all");
  adw_action_row_add_suffix (ADW_ACTION_ROW (apply_row), apply);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), apply_row);
}

static void
add_advanced (SvgaiParamsPanel *self);

static void
svgai_params_panel_init (SvgaiParamsPanel *self)
{
  g_autoptr(GtkStringList) tiers = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) layerings = gtk_string_list_new (NULL);
  SvgaiParams defaults;

  svgai_params_init_default (&defaults);
  self->color = defaults.color;
  self->spins = g_ptr_array_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Parameters"));

  self->reset_button = gtk_button_new_with_label (_("Reset to Automatic"));
  gtk_widget_add_css_class (self->reset_button, "flat");
  gtk_widget_set_valign (self->reset_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->reset_button, _("Use the parameters the optimizer chose"));
  g_signal_connect_swapped (self->reset_button, "clicked", G_CALLBACK (on_reset_clicked), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), self->reset_button);

  for (int t = 0; t < SVGAI_N_TIERS; t++)
    gtk_string_list_append (tiers, svgai_tier_to_label (t));
  self->tier_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->tier_row), _("Optimizer"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->tier_row), _("How hard to search for parameters"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->tier_row), G_LIST_MODEL (tiers));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->tier_row), SVGAI_TIER_BALANCED);
  g_signal_connect_swapped (self->tier_row, "notify::selected", G_CALLBACK (on_tier_selected), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->tier_row);

  add_sliders (self);
  add_advanced (self);
  sync_all_sliders (self);

  gtk_string_list_append (layerings, _("Stacked"));
  gtk_string_list_append (layerings, _("Cut-out"));
  self->layering_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->layering_row), _("Layering"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->layering_row),
                               _("Stacked shapes leave no seams; cut-out shapes never overlap"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->layering_row), G_LIST_MODEL (layerings));
  g_signal_connect_swapped (self->layering_row, "notify::selected", G_CALLBACK (announce), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->layering_row);
  add_presets (self);
}

/* The engine's own parameters, by their engine names, folded away. */
static void
add_advanced (SvgaiParamsPanel *self)
{
  const SvgaiParamSpec *specs;
  guint n_specs;

  self->advanced_row = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->advanced_row), _("Advanced"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->advanced_row),
                                 _("The tracing engine’s parameters the sliders drive, and more"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->advanced_row);
  specs = svgai_params_get_specs (&n_specs);
  for (guint i = 0; i < n_specs; i++)
    {
      const SvgaiParamSpec *spec = &specs[i];
      double step = spec->is_integer ? 1 : (spec->max - spec->min <= 2 ? 0.05 : 0.1);
      GtkAdjustment *adj = gtk_adjustment_new (spec->default_value, spec->min, spec->max, step, step * 5, 0);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = gtk_spin_button_new (adj, step, spec->is_integer ? 0 : 2);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), param_title (spec->name));
      /* The engine's English; translated when its strings are in the catalogue. */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(spec->description));
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), !spec->zero_is_auto);
      /* Room for "Auto" as translated ("Automatisch"). */
      gtk_editable_set_width_chars (GTK_EDITABLE (spin), MAX (5, g_utf8_strlen (_("Auto"), -1)));
      if (spec->zero_is_auto)
        {
          g_signal_connect (spin, "output", G_CALLBACK (on_spin_output), NULL);
          g_signal_connect (spin, "input", G_CALLBACK (on_spin_input), NULL);
        }
      g_object_set_data (G_OBJECT (spin), "svgai-param", (gpointer) spec->name);
      g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (announce), self);
      g_signal_connect (spin, "value-changed", G_CALLBACK (sync_slider), self);
      /* The window's Ctrl+Z undoes the change; the field's own undo would
       * empty it (its first text was set by the program). */
      gtk_editable_set_enable_undo (GTK_EDITABLE (spin), FALSE);
      /* Enter commits the value and hands the keyboard back to the canvas,
       * where Ctrl+C copies the SVG. */
      g_signal_connect_after (gtk_editable_get_delegate (GTK_EDITABLE (spin)), "activate",
                              G_CALLBACK (on_spin_activate), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self->advanced_row), row);
      g_ptr_array_add (self->spins, spin);
    }

}

GtkWidget *
svgai_params_panel_new (void)
{
  return g_object_new (SVGAI_TYPE_PARAMS_PANEL, NULL);
}

void
svgai_params_panel_set_params (SvgaiParamsPanel *self, const SvgaiParams *params,
                               gboolean user_set, SvgaiTier tier)
{
  g_return_if_fail (SVGAI_IS_PARAMS_PANEL (self));

  /* A change still held back belongs to what was shown before. */
  self->pending = FALSE;
  self->updating = TRUE;
  self->color = params->color;
  for (guint i = 0; i < self->spins->len; i++)
    {
      GtkSpinButton *spin = g_ptr_array_index (self->spins, i);
      const char *name = g_object_get_data (G_OBJECT (spin), "svgai-param");

      gtk_spin_button_set_value (spin, svgai_params_get (params, name));
    }
  sync_all_sliders (self);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->layering_row),
                              params->layering == SVGAI_LAYERING_CUTOUT ? 1 : 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->tier_row), tier);
  gtk_widget_set_sensitive (self->reset_button, user_set);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         /* Short: one line either way, so nothing below moves. */
                                         user_set ? _("Your settings") : _("Automatic"));
  self->updating = FALSE;
}

void
svgai_params_panel_set_can_reset (SvgaiParamsPanel *self, gboolean can_reset)
{
  g_return_if_fail (SVGAI_IS_PARAMS_PANEL (self));
  gtk_widget_set_sensitive (self->reset_button, can_reset);
}

void
svgai_params_panel_get_params (SvgaiParamsPanel *self, SvgaiParams *params)
{
  svgai_params_init_default (params);
  for (guint i = 0; i < self->spins->len; i++)
    {
      GtkSpinButton *spin = g_ptr_array_index (self->spins, i);
      const char *name = g_object_get_data (G_OBJECT (spin), "svgai-param");

      svgai_params_set (params, name, gtk_spin_button_get_value (spin));
    }
  params->layering = adw_combo_row_get_selected (ADW_COMBO_ROW (self->layering_row)) == 1
                     ? SVGAI_LAYERING_CUTOUT : SVGAI_LAYERING_STACKED;
  params->color = self->color;
}

void
svgai_params_panel_set_value (SvgaiParamsPanel *self, const char *name, double value)
{
  for (guint i = 0; i < self->spins->len; i++)
    {
      GtkSpinButton *spin = g_ptr_array_index (self->spins, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (spin), "svgai-param"), name) == 0)
        gtk_spin_button_set_value (spin, value);
    }
}

void
svgai_params_panel_apply_preset (SvgaiParamsPanel *self, guint i)
{
  g_return_if_fail (i < G_N_ELEMENTS (presets) + self->user_presets->len);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->preset_row), i + 1);
}
