#pragma once

#include <glib.h>
#include "svgai-features.h"
#include "engine/svgai-params.h"

G_BEGIN_DECLS

/* Predicts the SSIM that tracing an image with these features using these
 * parameters will reach, without tracing (data/models/predictor.json: a
 * regression over features and parameters fitted on corpus runs). Returns a
 * value in [0, 1], or NAN if the model cannot be loaded (call
 * svgai_models_ensure() first to get the error). Automatic (0) colors and
 * upsample are resolved as the tracer would. */
double svgai_predict_ssim (const SvgaiFeatures *features,
                           const SvgaiParams *params);

G_END_DECLS
