/* placeholder: being written (issue 3) */
#include "svgai-features.h"
#include <string.h>
void svgai_features_extract (SvgaiImage *image, double time_limit_ms, SvgaiFeatures *out)
{ memset (out, 0, sizeof *out); out->aspect_ratio = 1; }
