#pragma once

#include "svgai-image.h"

G_BEGIN_DECLS

/* Compression noise (JPEG) turns a logo's flat colours into speckled ones,
 * which would trace as extra colours and ragged edges. */

/* Share of the opaque pixels in low-contrast areas whose colour wobbles
 * from pixel to pixel (a second difference of 3 levels or more): about 0 for
 * clean artwork and smooth gradients, large for compressed photos of it. */
double svgai_denoise_noise_level (const SvgaiImage *image);

/* TRUE when the noise level calls for smoothing before tracing. */
gboolean svgai_denoise_needed (const SvgaiImage *image);

/* An edge-preserving smoothing (a sigma filter): each pixel becomes the mean
 * of the pixels of its 3×3 neighbourhood within a small colour distance of
 * it, so noise is averaged away while edges and one-pixel lines stay. */
SvgaiImage *svgai_denoise (const SvgaiImage *image);

G_END_DECLS
