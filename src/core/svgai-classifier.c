#include "svgai-classifier.h"
#include "svgai-model-private.h"

#include <math.h>
#include <string.h>

static const char *const names[SVGAI_N_LOGO_CLASSES] = { "simple", "text", "gradient", "complex" };

const char *
svgai_logo_class_to_string (SvgaiLogoClass logo_class)
{
  g_return_val_if_fail (logo_class < SVGAI_N_LOGO_CLASSES, NULL);
  return names[logo_class];
}

gboolean
svgai_logo_class_from_string (const char *s, SvgaiLogoClass *out)
{
  for (guint i = 0; i < SVGAI_N_LOGO_CLASSES; i++)
    if (g_strcmp0 (s, names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

/* Thresholds read off the corpus's feature distributions (svg-ai-cli train
 * prints them): smooth shading means a gradient; a wide box with many
 * corners means lettering; many colours or edges mean a complex mark. */
void
svgai_classify_rules (const SvgaiFeatures *f, SvgaiClassification *out)
{
  double score[SVGAI_N_LOGO_CLASSES];
  double best = -INFINITY, sum = 0;

  g_return_if_fail (f != NULL && out != NULL);

  score[SVGAI_LOGO_GRADIENT] = 4 * (log10 (MAX (1e-6, f->gradient_strength)) - log10 (0.0015));
  score[SVGAI_LOGO_TEXT] = 2 * (f->corner_density - 1.2) + 1.5 * (MIN (f->aspect_ratio, 4) - 1.8)
                           + 20 * (f->edge_density - 0.07);
  score[SVGAI_LOGO_COMPLEX] = 2 * (log2 (MAX (1, f->unique_colors)) - 2.3) + 10 * (f->complexity_score - 0.45);
  score[SVGAI_LOGO_SIMPLE] = 0;

  memset (out, 0, sizeof *out);
  for (guint c = 0; c < SVGAI_N_LOGO_CLASSES; c++)
    if (score[c] > best)
      {
        best = score[c];
        out->logo_class = c;
      }
  for (guint c = 0; c < SVGAI_N_LOGO_CLASSES; c++)
    sum += out->probabilities[c] = exp (score[c] - best);
  for (guint c = 0; c < SVGAI_N_LOGO_CLASSES; c++)
    out->probabilities[c] /= sum;
  out->confidence = out->probabilities[out->logo_class];
}

gboolean
svgai_classify (const SvgaiFeatures *features,
                SvgaiClassification *out,
                GError **error)
{
  const SvgaiModels *models;
  double x[SVGAI_N_FEATURE_INPUTS];

  g_return_val_if_fail (features != NULL && out != NULL, FALSE);

  models = svgai_models_get (error);
  if (models == NULL)
    {
      svgai_classify_rules (features, out);
      return FALSE;
    }
  memset (out, 0, sizeof *out);
  svgai_model_feature_inputs (features, x);
  svgai_classifier_model_predict (&models->classifier, x, out->probabilities);
  out->logo_class = 0;
  for (guint c = 1; c < SVGAI_N_LOGO_CLASSES; c++)
    if (out->probabilities[c] > out->probabilities[out->logo_class])
      out->logo_class = c;
  out->confidence = out->probabilities[out->logo_class];
  return TRUE;
}
