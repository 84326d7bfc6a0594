#pragma once

#include <glib.h>
#include "svgai-image.h"

G_BEGIN_DECLS

/* Compares two images of the same size, both composited on white. */
void svgai_quality_compare (const SvgaiImage *a, const SvgaiImage *b, SvgaiQuality *out);
double svgai_quality_ssim (const SvgaiImage *a, const SvgaiImage *b);

G_END_DECLS
