#include "svgai-config.h"
#include "svgai-classification-panel.h"

#include <glib/gi18n.h>
#include "svgai-bar.h"
#include "svgai-label.h"

struct _SvgaiClassificationPanel
{
  AdwPreferencesGroup parent_instance;

  GtkWidget *row;
  GtkWidget *bar;
  GtkWidget *percent;
};

G_DEFINE_FINAL_TYPE (SvgaiClassificationPanel, svgai_classification_panel, ADW_TYPE_PREFERENCES_GROUP)

static void
svgai_classification_panel_class_init (SvgaiClassificationPanelClass *klass)
{
}

static void
svgai_classification_panel_init (SvgaiClassificationPanel *self)
{
  GtkWidget *box;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Classification"));

  self->row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->row), "—");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->row), _("Logo type"));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (self->row), 1);   /* see swatch_row_new */
  adw_action_row_set_icon_name (ADW_ACTION_ROW (self->row), "applications-graphics-symbolic");

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  self->bar = svgai_bar_new ();
  gtk_widget_set_size_request (self->bar, 90, -1);
  gtk_widget_set_valign (self->bar, GTK_ALIGN_CENTER);
  svgai_bar_set_levels (SVGAI_BAR (self->bar), 0.5, 0.75);
  svgai_widget_set_tooltip (self->bar, _("Confidence"));
  self->percent = svgai_value_label_new (5);
  svgai_label_set (self->percent, "");
  gtk_box_append (GTK_BOX (box), self->bar);
  gtk_box_append (GTK_BOX (box), self->percent);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->row), box);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->row);
}

GtkWidget *
svgai_classification_panel_new (void)
{
  return g_object_new (SVGAI_TYPE_CLASSIFICATION_PANEL, NULL);
}

void
svgai_classification_panel_set_output (SvgaiClassificationPanel *self, SvgaiJobOutput *output)
{
  const SvgaiClassification *c = output ? svgai_result_get_classification (output->result) : NULL;

  g_return_if_fail (SVGAI_IS_CLASSIFICATION_PANEL (self));

  if (c == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->row), "—");
      svgai_bar_set_fraction (SVGAI_BAR (self->bar), 0);
      svgai_label_set (self->percent, "");
      return;
    }
  {
    g_autofree char *percent = g_strdup_printf ("%.0f %%", c->confidence * 100);
    g_autofree char *tooltip = g_strdup_printf (_("Simple %.0f %% · Text %.0f %% · Gradient %.0f %% · Complex %.0f %%"),
                                                c->probabilities[SVGAI_LOGO_SIMPLE] * 100,
                                                c->probabilities[SVGAI_LOGO_TEXT] * 100,
                                                c->probabilities[SVGAI_LOGO_GRADIENT] * 100,
                                                c->probabilities[SVGAI_LOGO_COMPLEX] * 100);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->row), svgai_logo_class_to_label (c->logo_class));
    svgai_bar_set_fraction (SVGAI_BAR (self->bar), c->confidence);
    svgai_label_set (self->percent, percent);
    svgai_widget_set_tooltip (self->row, tooltip);
  }
}

const char *
svgai_classification_panel_get_label (SvgaiClassificationPanel *self)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->row));
}
