#include "svgai-config.h"
#include "svgai-settings.h"
#include "svgai-preferences-window.h"

struct _SvgaiPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GtkWidget *tier_row;
  GtkWidget *time_limit_spin;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (SvgaiPreferencesWindow, svgai_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
tier_get_mapping (GValue *value, GVariant *variant, gpointer data)
{
  const char *nick = g_variant_get_string (variant, NULL);
  guint index = g_str_equal (nick, "fast") ? 0 : g_str_equal (nick, "quality") ? 2 : 1;

  g_value_set_uint (value, index);
  return TRUE;
}

static GVariant *
tier_set_mapping (const GValue *value, const GVariantType *type, gpointer data)
{
  static const char *nicks[] = { "fast", "balanced", "quality" };
  guint index = g_value_get_uint (value);

  return g_variant_new_string (nicks[MIN (index, 2)]);
}

static void
svgai_preferences_window_dispose (GObject *object)
{
  SvgaiPreferencesWindow *self = SVGAI_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), SVGAI_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (svgai_preferences_window_parent_class)->dispose (object);
}

static void
svgai_preferences_window_class_init (SvgaiPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = svgai_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/svgai/SvgAi/ui/svgai-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SvgaiPreferencesWindow, tier_row);
  gtk_widget_class_bind_template_child (widget_class, SvgaiPreferencesWindow, time_limit_spin);
}

static void
svgai_preferences_window_init (SvgaiPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = svgai_settings_new ();
  g_settings_bind_with_mapping (self->settings, "default-tier", self->tier_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, tier_get_mapping, tier_set_mapping, NULL, NULL);
  g_settings_bind (self->settings, "time-limit",
                   gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (self->time_limit_spin)), "value",
                   G_SETTINGS_BIND_DEFAULT);
}

GtkWidget *
svgai_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (SVGAI_TYPE_PREFERENCES_WINDOW, "transient-for", parent, "modal", TRUE, NULL);
}
