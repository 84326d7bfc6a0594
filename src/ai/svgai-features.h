#pragma once

#include "svgai.h"

G_BEGIN_DECLS

/* Eight numbers that describe a logo, for the classifier, the optimizer and
 * the app's features panel.
 *
 * Conventions shared by every definition below:
 *
 * - A pixel is *opaque* when alpha >= 128 and *transparent* otherwise (the
 *   tracer's rule: under 50 % alpha is background). Transparent pixels never
 *   count as black.
 * - The *background* is transparent when at least half of the border pixels
 *   are transparent; otherwise it is the most common colour of the opaque
 *   border pixels (quantized to 5 bits per channel). A pixel is *foreground*
 *   when it is opaque and (for an opaque background) differs from the
 *   background colour by more than 48 in some channel.
 * - Luma Y = (54 R + 183 G + 19 B) / 256 (Rec. 709 weights), 0..255.
 * - Edge, gradient and corner measures run on a *working image*: the source
 *   box-averaged by the integer factor f = max (1, round (max (w, h) / 256)),
 *   so that they describe the drawing, not its pixel size. It has four
 *   channels in [0, 1]: R, G and B composited on white, and A = alpha. After
 *   a 3×3 binomial blur, each pixel's gradient is the Sobel gradient
 *   (kernel / 8) of whichever channel changes most there, so a white mark on
 *   transparency has edges, a black mark looks the same on transparency as
 *   on white, and two colours of equal luma are still told apart. The
 *   outermost ring of working pixels has no gradient.
 */
/* Cost of each feature: quick ones are always computed (one pass over the
 * pixels); medium and slow ones only while the time limit allows. */
typedef enum {
  SVGAI_FEATURE_COST_QUICK,
  SVGAI_FEATURE_COST_MEDIUM,
  SVGAI_FEATURE_COST_SLOW,
} SvgaiFeatureCost;

/* What each value of SvgaiFeatures (svgai.h) means:
 *
 * 0..1: 0.30 * min (1, edge_density / 0.12)
 *     + 0.25 * min (1, corner_density / 2)
 *     + 0.20 * min (1, log2 (unique_colors) / 8)
 *     + 0.15 * entropy / 8
 *     + 0.10 * gradient_strength.
 * Estimated when any of its inputs is. (quick + inputs)
 * double complexity_score;
 * Flat colours: opaque pixels equal (RGBA) to their left neighbour,
 * quantized to 5 bits per channel (32768 bins); a bin counts when it holds
 * at least 0.05 % of those pixels (and at least one). Anti-aliased edges,
 * whose pixels rarely repeat, add few. 0 for an empty image. (quick)
 * double unique_colors;
 * Share of working-image pixels on Canny edges: the gradient above,
 * non-maximum suppression in 4 directions, hysteresis
 * with low = 0.05 and high = 0.10 (gradient magnitude, in channel units per
 * pixel). 0 for a flat image. (medium)
 * double edge_density;
 * Width / height of the bounding box of the foreground pixels; of the whole
 * image when there is no foreground. (quick)
 * double aspect_ratio;
 * Share of all pixels that are foreground, 0..1. (quick)
 * double fill_ratio;
 * Shannon entropy, in bits, of a 257-bin histogram: the luma of each opaque
 * pixel (256 bins) plus one bin for all transparent pixels. 0 for a flat
 * image, at most log2 (257). (quick)
 * double entropy;
 * Harris corners per 1000 working-image pixels: structure tensor of the
 * gradient summed over a 3×3 binomial window, R = det − 0.04 · trace²,
 * a corner where R > 0.0005 and R is the maximum of its 5×5 neighbourhood.
 * (slow)
 * double corner_density;
 * Share of the picture that is smoothly shaded, 0..1: of the opaque
 * working-image pixels (blurred alpha >= 0.5), those farther than 3 pixels
 * (in x and y) from any Canny edge whose gradient magnitude is at least
 * 0.25 levels (0.25 / 255 channel units) per pixel. Flat colours give 0,
 * whatever their edges; a black-to-white ramp filling the image gives
 * about 1 (all but the outermost ring). Where it is a few per cent or more
 * the tracer writes gradient fills (svgai-regions.h, svgai-fill.h).
 * (medium)
 * double gradient_strength;
 * TRUE where the value is a documented default (see
 * svgai_feature_get_default()) because the time limit ran out.
 * gboolean estimated[SVGAI_N_FEATURES];
 * Wall time the extraction took.
 * double elapsed_ms;
 * The source's size (not a feature; the predictor uses it).
 * int width;
 * int height;
 */

/* Fills out. time_limit_ms <= 0 means no limit: every feature is computed.
 * Otherwise quick features are always computed, and medium and slow ones
 * only when the time left is expected to cover them. */
void svgai_features_extract (SvgaiImage *image,
                             double time_limit_ms,
                             SvgaiFeatures *out);

void svgai_features_set (SvgaiFeatures *features, SvgaiFeature feature, double value);

/* The value used when the feature is estimated (a typical logo's). */
double svgai_feature_get_default (SvgaiFeature feature);
gboolean svgai_feature_from_name (const char *name, SvgaiFeature *out);

G_END_DECLS
