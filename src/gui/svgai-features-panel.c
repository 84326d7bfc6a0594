#include "svgai-config.h"
#include "svgai-features-panel.h"

#include <glib/gi18n.h>
#include "svgai-label.h"

struct _SvgaiFeaturesPanel
{
  AdwPreferencesGroup parent_instance;

  GtkWidget *rows[SVGAI_N_FEATURES];
  GtkWidget *values[SVGAI_N_FEATURES];
  GtkWidget *elapsed;
};

G_DEFINE_FINAL_TYPE (SvgaiFeaturesPanel, svgai_features_panel, ADW_TYPE_PREFERENCES_GROUP)

static void
svgai_features_panel_class_init (SvgaiFeaturesPanelClass *klass)
{
}

static void
svgai_features_panel_init (SvgaiFeaturesPanel *self)
{
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Features"));
  self->elapsed = svgai_value_label_new (MAX (10, g_utf8_strlen (_("cached"), -1)));
  svgai_label_set (self->elapsed, "");
  gtk_widget_add_css_class (self->elapsed, "dim-label");
  gtk_widget_add_css_class (self->elapsed, "caption");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), self->elapsed);

  for (guint i = 0; i < SVGAI_N_FEATURES; i++)
    {
      self->rows[i] = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rows[i]), _(svgai_feature_get_title (i)));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->rows[i]), _(svgai_feature_get_explanation (i)));
      /* "8.00 bits", "100.0 %", "12.34∶1" */
      self->values[i] = svgai_value_label_new (9);
      adw_action_row_add_suffix (ADW_ACTION_ROW (self->rows[i]), self->values[i]);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->rows[i]);
    }
}

GtkWidget *
svgai_features_panel_new (void)
{
  return g_object_new (SVGAI_TYPE_FEATURES_PANEL, NULL);
}

static char *
format_feature (SvgaiFeature f, double v)
{
  switch (f)
    {
    case SVGAI_FEATURE_UNIQUE_COLORS: return g_strdup_printf ("%.0f", v);
    case SVGAI_FEATURE_ENTROPY: return g_strdup_printf (_("%.2f bits"), v);
    case SVGAI_FEATURE_ASPECT_RATIO: return g_strdup_printf ("%.2f∶1", v);
    case SVGAI_FEATURE_FILL_RATIO:
    case SVGAI_FEATURE_EDGE_DENSITY:
    case SVGAI_FEATURE_GRADIENT_STRENGTH:   /* a share of the picture, shaded */
      return g_strdup_printf ("%.1f %%", v * 100);
    case SVGAI_FEATURE_CORNER_DENSITY: return g_strdup_printf ("%.2f", v);
    case SVGAI_FEATURE_COMPLEXITY_SCORE:
    default:
      return g_strdup_printf ("%.2f", v);
    }
}

void
svgai_features_panel_set_output (SvgaiFeaturesPanel *self, SvgaiJobOutput *output)
{
  const SvgaiFeatures *f = output ? svgai_result_get_features (output->result) : NULL;

  g_return_if_fail (SVGAI_IS_FEATURES_PANEL (self));

  for (guint i = 0; i < SVGAI_N_FEATURES; i++)
    {
      if (f == NULL)
        {
          svgai_label_set (self->values[i], "—");
          svgai_widget_set_tooltip (self->values[i], NULL);
          continue;
        }
      {
        g_autofree char *text = format_feature (i, svgai_features_get (f, i));

        svgai_label_set (self->values[i], text);
        /* An estimated value is a typical logo's, not this one's. */
        gtk_widget_set_opacity (self->values[i], f->estimated[i] ? 0.5 : 1.0);
        svgai_widget_set_tooltip (self->values[i], f->estimated[i]
                                     ? _("Estimated: the time limit ran out before this was measured")
                                     : NULL);
      }
    }
  if (f != NULL && svgai_result_get_features_cached (output->result))
    svgai_label_set (self->elapsed, _("cached"));
  else if (f != NULL)
    {
      g_autofree char *elapsed = g_strdup_printf (_("%.1f ms"), f->elapsed_ms);
      svgai_label_set (self->elapsed, elapsed);
    }
  else
    svgai_label_set (self->elapsed, "");
}

const char *
svgai_features_panel_get_value_text (SvgaiFeaturesPanel *self, guint i)
{
  g_return_val_if_fail (i < SVGAI_N_FEATURES, NULL);
  return svgai_label_get (self->values[i]);
}
