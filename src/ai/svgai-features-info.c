#include "svgai-config.h"
#include "svgai-features.h"

#include <string.h>
#include <glib/gi18n-lib.h>

/* Names, titles, explanations and the defaults used for estimated values.
 * The defaults are the medians over a 400-logo sample of the training corpus
 * (svg-ai-cli corpus), so an estimated value is a typical logo's. */
typedef struct {
  const char *name;
  const char *title;
  const char *explanation;
  SvgaiFeatureCost cost;
  double default_value;
} FeatureInfo;

static const FeatureInfo infos[SVGAI_N_FEATURES] = {
  { "complexity_score", N_("Complexity"),
    N_("How much detail there is to trace, from 0 (a plain shape) to 1 (a busy picture)"),
    SVGAI_FEATURE_COST_QUICK, 0.24 },
  { "unique_colors", N_("Colours"),
    N_("Distinct colours covering a noticeable area, anti-aliasing aside"),
    SVGAI_FEATURE_COST_QUICK, 6 },
  { "edge_density", N_("Edge density"),
    N_("Share of the picture lying on sharp edges"),
    SVGAI_FEATURE_COST_MEDIUM, 0.03 },
  { "aspect_ratio", N_("Aspect ratio"),
    N_("Width over height of the drawn area"),
    SVGAI_FEATURE_COST_QUICK, 1.0 },
  { "fill_ratio", N_("Fill ratio"),
    N_("Share of the image covered by the logo rather than background"),
    SVGAI_FEATURE_COST_QUICK, 0.3 },
  { "entropy", N_("Entropy"),
    N_("Bits of information in the brightness histogram: 0 for one flat tone"),
    SVGAI_FEATURE_COST_QUICK, 1.6 },
  { "corner_density", N_("Corner density"),
    N_("Sharp corners per thousand pixels"),
    SVGAI_FEATURE_COST_SLOW, 0.1 },
  { "gradient_strength", N_("Gradient strength"),
    N_("Share of the picture with smooth shading, as in gradients: 0 for flat colours"),
    SVGAI_FEATURE_COST_MEDIUM, 0.0 },
};

const char *
svgai_feature_get_name (SvgaiFeature feature)
{
  g_return_val_if_fail (feature < SVGAI_N_FEATURES, NULL);
  return infos[feature].name;
}

const char *
svgai_feature_get_title (SvgaiFeature feature)
{
  g_return_val_if_fail (feature < SVGAI_N_FEATURES, NULL);
  return infos[feature].title;
}

const char *
svgai_feature_get_explanation (SvgaiFeature feature)
{
  g_return_val_if_fail (feature < SVGAI_N_FEATURES, NULL);
  return infos[feature].explanation;
}

double
svgai_feature_get_default (SvgaiFeature feature)
{
  g_return_val_if_fail (feature < SVGAI_N_FEATURES, 0);
  return infos[feature].default_value;
}

gboolean
svgai_feature_from_name (const char *name, SvgaiFeature *out)
{
  for (guint i = 0; i < SVGAI_N_FEATURES; i++)
    if (g_strcmp0 (name, infos[i].name) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

double
svgai_features_get (const SvgaiFeatures *f, SvgaiFeature feature)
{
  g_return_val_if_fail (f != NULL, 0);
  switch (feature)
    {
    case SVGAI_FEATURE_COMPLEXITY_SCORE: return f->complexity_score;
    case SVGAI_FEATURE_UNIQUE_COLORS: return f->unique_colors;
    case SVGAI_FEATURE_EDGE_DENSITY: return f->edge_density;
    case SVGAI_FEATURE_ASPECT_RATIO: return f->aspect_ratio;
    case SVGAI_FEATURE_FILL_RATIO: return f->fill_ratio;
    case SVGAI_FEATURE_ENTROPY: return f->entropy;
    case SVGAI_FEATURE_CORNER_DENSITY: return f->corner_density;
    case SVGAI_FEATURE_GRADIENT_STRENGTH: return f->gradient_strength;
    default: g_return_val_if_reached (0);
    }
}

void
svgai_features_set (SvgaiFeatures *f, SvgaiFeature feature, double v)
{
  g_return_if_fail (f != NULL);
  switch (feature)
    {
    case SVGAI_FEATURE_COMPLEXITY_SCORE: f->complexity_score = v; break;
    case SVGAI_FEATURE_UNIQUE_COLORS: f->unique_colors = v; break;
    case SVGAI_FEATURE_EDGE_DENSITY: f->edge_density = v; break;
    case SVGAI_FEATURE_ASPECT_RATIO: f->aspect_ratio = v; break;
    case SVGAI_FEATURE_FILL_RATIO: f->fill_ratio = v; break;
    case SVGAI_FEATURE_ENTROPY: f->entropy = v; break;
    case SVGAI_FEATURE_CORNER_DENSITY: f->corner_density = v; break;
    case SVGAI_FEATURE_GRADIENT_STRENGTH: f->gradient_strength = v; break;
    default: g_return_if_reached ();
    }
}

gboolean
svgai_features_any_estimated (const SvgaiFeatures *f)
{
  for (guint i = 0; i < SVGAI_N_FEATURES; i++)
    if (f->estimated[i])
      return TRUE;
  return FALSE;
}
