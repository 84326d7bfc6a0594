#pragma once

#include "svgai-palette.h"
#include "svgai-vector.h"

G_BEGIN_DECLS

/* The image to trace: @image denoised when it is compressed, or when the
 * caller found it @noisy (svgai_denoise_needed) and wants it smoothed
 * (*clean), and without its background when params ask (*opaque, and
 * *removed the colour removed); both NULL when unchanged. The caller owns
 * them. */
SvgaiImage *svgai_trace_prepare_source (SvgaiImage *image, const SvgaiParams *params, gboolean noisy,
                                        SvgaiImage **clean, SvgaiImage **opaque, SvgaiColor *removed,
                                        GPtrArray *warnings);
/* The palette panel's swatches and the colour options' warnings, into the
 * vector. */
void svgai_trace_record_palette (SvgaiVector *vector, const SvgaiPalette *palette, GPtrArray *warnings);

G_END_DECLS
