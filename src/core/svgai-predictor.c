/* placeholder: being written (issue 3) */
#include "svgai-predictor.h"
double svgai_predict_ssim (const SvgaiFeatures *f, const SvgaiParams *p) { return 0.95; }
