#pragma once

#include <glib.h>
#include "svgai-image.h"

G_BEGIN_DECLS

typedef struct {
  double ssim;   /* Wang et al. 2004 as ../DESIGN.md defines it, on white */
  double psnr;   /* dB, on white, RGB; INFINITY when identical */
  double mse;    /* mean squared error per RGB channel value, on white */
} SvgaiQuality;

/* Compares two images of the same size, both composited on white. */
void svgai_quality_compare (const SvgaiImage *a, const SvgaiImage *b, SvgaiQuality *out);
double svgai_quality_ssim (const SvgaiImage *a, const SvgaiImage *b);

G_END_DECLS
