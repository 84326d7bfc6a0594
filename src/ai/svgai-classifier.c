#include "svgai-classifier.h"
#include "svgai-model-private.h"

#include <math.h>
#include <string.h>

/* A gradient when at least this share of the picture is shaded: where the
 * tracer writes gradient fills over a noticeable area (devset/grad, and
 * devset/256's flat logos stay below; see README). */
#define GRADIENT_MIN_SHADED 0.03

/* A decision list with thresholds read off the corpus's feature
 * distributions (10th/90th percentiles per class): smooth shading means a
 * gradient; a wide box, or many edges for little ink, means lettering; many
 * flat colours or much detail mean a complex mark; the rest is simple. The
 * confidence grows with the distance from the threshold that decided. */
void
svgai_classify_rules (const SvgaiFeatures *f, SvgaiClassification *out)
{
  double margin, ink = MAX (f->fill_ratio, 0.01);

  g_return_if_fail (f != NULL && out != NULL);

  memset (out, 0, sizeof *out);
  if (f->gradient_strength >= GRADIENT_MIN_SHADED)
    {
      out->logo_class = SVGAI_LOGO_GRADIENT;
      margin = log2 (f->gradient_strength / GRADIENT_MIN_SHADED);
    }
  else if (f->aspect_ratio >= 1.6 || f->edge_density / ink >= 0.3)
    {
      out->logo_class = SVGAI_LOGO_TEXT;
      margin = MAX (log2 (f->aspect_ratio / 1.6), log2 (f->edge_density / ink / 0.3));
    }
  else if (f->unique_colors >= 6 || f->complexity_score >= 0.3)
    {
      out->logo_class = SVGAI_LOGO_COMPLEX;
      margin = MAX (log2 (MAX (f->unique_colors, 1) / 6), (f->complexity_score - 0.3) * 10);
    }
  else
    {
      out->logo_class = SVGAI_LOGO_SIMPLE;
      margin = MIN (log2 (6 / MAX (f->unique_colors, 1)), (0.3 - f->complexity_score) * 10);
    }
  out->confidence = CLAMP (0.5 + 0.2 * margin, 0.4, 0.95);
  for (guint c = 0; c < SVGAI_N_LOGO_CLASSES; c++)
    out->probabilities[c] = c == out->logo_class ? out->confidence : (1 - out->confidence) / 3;
}

/* The gradient class follows the shading, as the rules' first test does:
 * the corpus's gradient logos are large shapes filled with strong ramps,
 * and the model, fitted on them alone, calls most real gradient logos
 * (devset/grad) text or complex (21 of 32 agreed with the tracer). A
 * shaded logo is gradient, with the rules' confidence or the model's if
 * higher, and the other classes share the rest in the model's proportions;
 * any other logo is one of the other three, in the model's proportions. */
static void
follow_shading (const SvgaiFeatures *f, double *p)
{
  SvgaiClassification rules;
  double g, rest = 0;

  svgai_classify_rules (f, &rules);
  for (guint c = 0; c < SVGAI_N_LOGO_CLASSES; c++)
    rest += c == SVGAI_LOGO_GRADIENT ? 0 : p[c];
  if (rest <= 1e-12)
    {
      /* the model is sure of gradient and the shading says no: the rules */
      memcpy (p, rules.probabilities, sizeof rules.probabilities);
      return;
    }
  g = f->gradient_strength >= GRADIENT_MIN_SHADED ? MAX (rules.confidence, p[SVGAI_LOGO_GRADIENT]) : 0;
  for (guint c = 0; c < SVGAI_N_LOGO_CLASSES; c++)
    p[c] = c == SVGAI_LOGO_GRADIENT ? g : p[c] * (1 - g) / rest;
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
  follow_shading (features, out->probabilities);
  out->logo_class = 0;
  for (guint c = 1; c < SVGAI_N_LOGO_CLASSES; c++)
    if (out->probabilities[c] > out->probabilities[out->logo_class])
      out->logo_class = c;
  if (features->gradient_strength >= GRADIENT_MIN_SHADED)
    out->logo_class = SVGAI_LOGO_GRADIENT;
  out->confidence = out->probabilities[out->logo_class];
  return TRUE;
}
