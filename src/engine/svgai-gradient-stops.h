#pragma once

#include <glib.h>
#include "svgai.h"
#include "svgai-gradient.h"

G_BEGIN_DECLS

/* A gradient's colour profile: the pixels binned by their offset (0..1 along
 * a linear gradient, or from a radial one's centre), equal-width bins. */
typedef struct {
  double w;                 /* pixels in the bin */
  double c[SVGAI_CHANNELS]; /* sum of their colour and alpha */
  double cc;                /* sum of their squared colour and alpha, all channels */
} SvgaiProfileBin;

/* The fewest stops (2..SVGAI_MAX_GRADIENT_STOPS) whose sRGB ramp follows
 * the bins' mean colours within `tolerance` levels (more where a bin has
 * few pixels), their colours fitted by least squares; the first at offset
 * 0 and the last at 1 unless padding repeats their colour; offsets are
 * multiples of 1/1000. Returns the squared colour error left over all
 * pixels (the bins' own scatter included), or a negative number when the
 * bins hold no pixel. */
double svgai_gradient_stops_fit (const SvgaiProfileBin *bins,
                                 guint n_bins,
                                 double tolerance,
                                 SvgaiGradient *out);

/* Fits `g`'s stops again as svgai_gradient_stops_fit() does, every knot
 * then moved by quarters of a bin (or 1/1000, the offsets' precision, if
 * that is more): where the ramp bends inside a bin, a stop a bin off
 * shows as a colour off by up to half its slope across a pixel. `bins`
 * are the pixels binned by g's offset (0..1). The new stops replace g's
 * when they leave less error and are no more. */
void svgai_gradient_stops_refit (const SvgaiProfileBin *bins, guint n_bins, double tolerance, SvgaiGradient *g);

/* The squared colour error of the bins about their own means: what no
 * profile over these bins can remove. */
double svgai_gradient_profile_scatter (const SvgaiProfileBin *bins, guint n_bins);

G_END_DECLS
