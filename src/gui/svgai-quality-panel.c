#include "svgai-config.h"
#include "svgai-quality-panel.h"

#include <glib/gi18n.h>
#include "svgai-bar.h"
#include "svgai-label.h"
#include <math.h>

struct _SvgaiQualityPanel
{
  AdwPreferencesGroup parent_instance;

  GtkWidget *verdict_row;
  GtkWidget *predicted_row;
  char *predicted_subtitle;     /* the row's own, from the template */
  GtkWidget *ssim_bar;
  GtkWidget *match_label;
  GtkWidget *ssim_label;
  GtkWidget *predicted_label;
  GtkWidget *psnr_label;
  GtkWidget *paths_label;
  GtkWidget *nodes_label;
  GtkWidget *bytes_label;
};

/* The SSIM bar shows 0.8 … 1. */
#define SSIM_FRACTION(ssim) ((CLAMP ((ssim), 0.8, 1.0) - 0.8) / 0.2)

G_DEFINE_FINAL_TYPE (SvgaiQualityPanel, svgai_quality_panel, ADW_TYPE_PREFERENCES_GROUP)

static void
svgai_quality_panel_dispose (GObject *object)
{
  SvgaiQualityPanel *self = SVGAI_QUALITY_PANEL (object);

  g_clear_pointer (&self->predicted_subtitle, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), SVGAI_TYPE_QUALITY_PANEL);
  G_OBJECT_CLASS (svgai_quality_panel_parent_class)->dispose (object);
}

static void
svgai_quality_panel_class_init (SvgaiQualityPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = svgai_quality_panel_dispose;
  g_type_ensure (SVGAI_TYPE_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/svgai/SvgAi/ui/svgai-quality-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SvgaiQualityPanel, verdict_row);
  gtk_widget_class_bind_template_child (widget_class, SvgaiQualityPanel, predicted_row);
  gtk_widget_class_bind_template_child (widget_class, SvgaiQualityPanel, ssim_bar);
  gtk_widget_class_bind_template_child (widget_class, SvgaiQualityPanel, match_label);
  gtk_widget_class_bind_template_child (widget_class, SvgaiQualityPanel, ssim_label);
  gtk_widget_class_bind_template_child (widget_class, SvgaiQualityPanel, predicted_label);
  gtk_widget_class_bind_template_child (widget_class, SvgaiQualityPanel, psnr_label);
  gtk_widget_class_bind_template_child (widget_class, SvgaiQualityPanel, paths_label);
  gtk_widget_class_bind_template_child (widget_class, SvgaiQualityPanel, nodes_label);
  gtk_widget_class_bind_template_child (widget_class, SvgaiQualityPanel, bytes_label);
}

static void
svgai_quality_panel_init (SvgaiQualityPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* "0.9876", or "not shown" in whatever words it translates to (and one
   * more: see svgai_value_label_new). */
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (self->predicted_label),
                                 MAX (6, g_utf8_strlen (_("not shown"), -1)) + 1);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (self->predicted_label),
                                 MAX (6, g_utf8_strlen (_("not shown"), -1)) + 1);
  self->predicted_subtitle = g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (self->predicted_row)));
  /* Warning up to an SSIM of 0.9, accent up to 0.97, success above. */
  svgai_bar_set_levels (SVGAI_BAR (self->ssim_bar), SSIM_FRACTION (0.9), SSIM_FRACTION (0.97));
}

GtkWidget *
svgai_quality_panel_new (void)
{
  return g_object_new (SVGAI_TYPE_QUALITY_PANEL, NULL);
}

static void
set_label (GtkWidget *label, char *text)
{
  svgai_label_set (label, text ? text : "—");
  g_free (text);
}

/* The engine's verdict on a result that does not resemble its source (a
 * photo, noise), as the CLI reports it. */
static void
show_verdict (SvgaiQualityPanel *self, SvgaiResult *r, const char *name)
{
  g_autoptr(GError) verdict = NULL;
  gboolean photo = r != NULL && !svgai_result_check_resemblance (r, name ? name : _("The image"), &verdict);

  if (photo)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->verdict_row), verdict->message);
  gtk_widget_set_visible (self->verdict_row, photo);
}

/* The predictor's SSIM, only for images like those it was trained on: its
 * estimate for anything else (a photo, noise) means nothing. */
static void
show_prediction (SvgaiQualityPanel *self, SvgaiResult *r)
{
  double predicted = r ? svgai_result_get_predicted_ssim (r) : NAN;
  const SvgaiFeatures *f = r ? svgai_result_get_features (r) : NULL;
  SvgaiFeature outside = SVGAI_N_FEATURES;
  AdwActionRow *row = ADW_ACTION_ROW (self->predicted_row);

  if (isnan (predicted) || f == NULL || svgai_features_in_training_range (f, &outside))
    {
      set_label (self->predicted_label, !isnan (predicted) ? g_strdup_printf ("%.4f", predicted) : NULL);
      adw_action_row_set_subtitle (row, self->predicted_subtitle);
      return;
    }
  set_label (self->predicted_label, g_strdup (_("not shown")));
  if (outside < SVGAI_N_FEATURES)
    {
      g_autofree char *why = g_strdup_printf (_("This image’s %s lies outside the range of the logos the model was "
                                                "trained on: a prediction would mean nothing"),
                                              _(svgai_feature_get_title (outside)));
      adw_action_row_set_subtitle (row, why);
    }
  else
    adw_action_row_set_subtitle (row, _("No quality model is loaded"));
}

void
svgai_quality_panel_set_output (SvgaiQualityPanel *self, SvgaiJobOutput *output, const char *name)
{
  SvgaiResult *r = output ? output->result : NULL;
  /* The tracing's figures: a recolour (output->result) is the designer's
   * choice, not a difference from the source to measure. */
  SvgaiResult *traced = output ? output->traced : NULL;
  const SvgaiQuality *q = traced ? svgai_result_get_quality (traced) : NULL;
  GBytes *svg = r ? svgai_result_get_svg (r) : NULL;

  g_return_if_fail (SVGAI_IS_QUALITY_PANEL (self));

  if (q != NULL)
    {
      /* "Match 96.9 %": the SSIM a designer reads; one decimal, never 100.0
       * unless identical. */
      double match = q->ssim >= 1.0 ? 100.0 : MIN (floor (q->ssim * 1000.0) / 10.0, 99.9);

      set_label (self->match_label, g_strdup_printf (_("%.1f %%"), match));
      set_label (self->ssim_label, g_strdup_printf ("%.4f", q->ssim));
      svgai_bar_set_fraction (SVGAI_BAR (self->ssim_bar), SSIM_FRACTION (q->ssim));
      set_label (self->psnr_label, isinf (q->psnr) ? g_strdup ("∞") : g_strdup_printf (_("%.1f dB"), q->psnr));
    }
  else
    {
      set_label (self->match_label, NULL);
      set_label (self->ssim_label, NULL);
      svgai_bar_set_fraction (SVGAI_BAR (self->ssim_bar), 0);
      set_label (self->psnr_label, NULL);
    }
  show_prediction (self, traced);
  show_verdict (self, traced, name);
  set_label (self->paths_label, r ? g_strdup_printf ("%u", svgai_result_get_n_paths (r)) : NULL);
  set_label (self->nodes_label, r ? g_strdup_printf ("%u", svgai_result_get_n_nodes (r)) : NULL);
  set_label (self->bytes_label, svg ? g_format_size_full (g_bytes_get_size (svg), G_FORMAT_SIZE_DEFAULT) : NULL);
  if (svg)
    {
      g_autofree char *exact = g_strdup_printf (_("%zu bytes"), g_bytes_get_size (svg));
      svgai_widget_set_tooltip (self->bytes_label, exact);
    }
}

const char *
svgai_quality_panel_get_match_text (SvgaiQualityPanel *self)
{
  return svgai_label_get (self->match_label);
}

const char *
svgai_quality_panel_get_ssim_text (SvgaiQualityPanel *self)
{
  return svgai_label_get (self->ssim_label);
}

const char *
svgai_quality_panel_get_predicted_text (SvgaiQualityPanel *self)
{
  return svgai_label_get (self->predicted_label);
}

/* The verdict shown on a photo or noise; NULL when there is none. */
const char *
svgai_quality_panel_get_verdict (SvgaiQualityPanel *self)
{
  if (!gtk_widget_get_visible (self->verdict_row))
    return NULL;
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (self->verdict_row));
}
