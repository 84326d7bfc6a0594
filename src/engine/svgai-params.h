#pragma once

#include "svgai.h"

G_BEGIN_DECLS

/* SvgaiParams and the parameter table are public (svgai.h); this is the
 * engine's own part. */

/* The automatic upsampling factor for an image of this size. */
int svgai_params_auto_upsample (int width, int height);

G_END_DECLS
