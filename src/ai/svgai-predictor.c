#include "svgai-predictor.h"
#include "svgai-model-private.h"

#include <math.h>

double
svgai_predict_ssim (const SvgaiFeatures *features,
                    const SvgaiParams *params)
{
  const SvgaiModels *models;
  double ssim;

  g_return_val_if_fail (features != NULL && params != NULL, NAN);

  models = svgai_models_get (NULL);
  if (models == NULL)
    return NAN;
  svgai_predictor_model_eval (&models->predictor, features, params, &ssim, NULL);
  return ssim;
}

/* How far x lies outside feature input i's training range, in units of
 * the range's width (or, for a model without a range, beyond
 * SVGAI_PREDICTOR_RANGE_SIGMAS standard deviations, in those); 0 inside. */
static double
distance_outside (const SvgaiPredictorModel *m, guint i, double x)
{
  if (isnan (x))
    return G_MAXDOUBLE;
  if (m->has_range)
    {
      double width = MAX (m->range_max[i] - m->range_min[i], 1e-9);

      /* A hair of slack for the rounding of the stored range. */
      if (x < m->range_min[i] - 1e-9 * width)
        return (m->range_min[i] - x) / width;
      if (x > m->range_max[i] + 1e-9 * width)
        return (x - m->range_max[i]) / width;
      return 0;
    }
  {
    double z = m->basis.scale[i] > 0 ? fabs (x - m->basis.mean[i]) / m->basis.scale[i] : 0;

    return z > SVGAI_PREDICTOR_RANGE_SIGMAS ? z - SVGAI_PREDICTOR_RANGE_SIGMAS : 0;
  }
}

gboolean
svgai_features_in_training_range (const SvgaiFeatures *features,
                                  SvgaiFeature *outside)
{
  const SvgaiModels *models;
  double x[SVGAI_MAX_INPUTS];
  double worst = 0;
  SvgaiFeature furthest = SVGAI_N_FEATURES;

  g_return_val_if_fail (features != NULL, FALSE);

  models = svgai_models_get (NULL);
  if (models == NULL)
    {
      if (outside)
        *outside = SVGAI_N_FEATURES;
      return FALSE;
    }
  svgai_model_feature_inputs (features, x);
  /* The first SVGAI_N_FEATURES inputs are the features, in their order
   * (transformed as the model reads them); the next is the image size,
   * which is not a feature. */
  G_STATIC_ASSERT (SVGAI_N_FEATURES < SVGAI_N_FEATURE_INPUTS);
  for (guint i = 0; i < SVGAI_N_FEATURES; i++)
    {
      double d = distance_outside (&models->predictor, i, x[i]);

      if (d > worst)
        {
          worst = d;
          furthest = (SvgaiFeature) i;
        }
    }
  if (outside)
    *outside = furthest;
  return furthest == SVGAI_N_FEATURES;
}
