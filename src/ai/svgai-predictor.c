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

gboolean
svgai_features_in_training_range (const SvgaiFeatures *features,
                                  SvgaiFeature *outside)
{
  const SvgaiModels *models;
  const SvgaiBasis *basis;
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
  basis = &models->predictor.basis;
  svgai_model_feature_inputs (features, x);
  /* The first SVGAI_N_FEATURES inputs are the features, in their order
   * (transformed as the model reads them); the next is the image size,
   * which is not a feature. */
  G_STATIC_ASSERT (SVGAI_N_FEATURES < SVGAI_N_FEATURE_INPUTS);
  for (guint i = 0; i < SVGAI_N_FEATURES; i++)
    {
      double z = basis->scale[i] > 0 ? fabs (x[i] - basis->mean[i]) / basis->scale[i] : 0;

      if (!(z <= SVGAI_PREDICTOR_RANGE_SIGMAS) && (z > worst || isnan (z)))
        {
          worst = isnan (z) ? G_MAXDOUBLE : z;
          furthest = (SvgaiFeature) i;
        }
    }
  if (outside)
    *outside = furthest;
  return furthest == SVGAI_N_FEATURES;
}
