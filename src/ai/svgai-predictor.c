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
