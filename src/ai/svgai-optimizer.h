#pragma once

#include <gio/gio.h>
#include "svgai.h"
#include "engine/svgai-convert.h"

G_BEGIN_DECLS

/* The objective. The quality tier keeps the candidate with the highest
 *   score = SSIM − SVGAI_OBJECTIVE_BYTES_WEIGHT · log2 (bytes)
 * among those no larger than the SVG of the engine's default parameters
 * (traced first), so it never costs more bytes than the defaults; the
 * weight only breaks near-ties in favour of the smaller file (halving the
 * size is worth this much SSIM). The fast and balanced tiers cannot see
 * the result, so they take a candidate only when it is expected to be at
 * least SVGAI_PREDICTED_SIZE_MARGIN (in log2 units, ≈ 3.5 %) smaller than
 * the defaults and no worse in SSIM: on average over its class and
 * complexity (fast), or as the fitted models predict for this logo
 * (balanced). */
#define SVGAI_OBJECTIVE_BYTES_WEIGHT 0.001
#define SVGAI_PREDICTED_SIZE_MARGIN 0.05
/* The balanced tier leaves the fast tier's choice only for a candidate
 * predicted to gain at least this much more objective (its models err by
 * more than the typical gain, so small predicted gains are noise). */
#define SVGAI_BALANCED_GAIN_MARGIN 0.0003

/* What the optimizer did, for the app's panel and the CLI's JSON. */
typedef struct {
  guint candidates;         /* parameter sets considered */
  guint traced;             /* of which really traced and measured */
  double predicted_ssim;    /* predictor's estimate for the chosen params, NAN if none */
  double elapsed_ms;
  gboolean stopped_early;   /* quality tier: converged before the budget */
  /* Quality tier: the conversion of the chosen params (measured), so the
   * caller need not trace again; NULL otherwise. Owned by the caller. */
  SvgaiConversion *result;
} SvgaiOptimizeInfo;

void svgai_optimize_info_clear (SvgaiOptimizeInfo *info);

/* Typical use (what `svg-ai-cli convert --tier` and the app do):
 *
 *   SvgaiFeatures f;
 *   SvgaiClassification c;
 *   SvgaiOptimizeInfo info;
 *   SvgaiParams p;
 *
 *   svgai_features_extract (image, 0, &f);
 *   svgai_classify (&f, &c, NULL);            // falls back to the rules
 *   if (!svgai_optimize_full (image, &f, c.logo_class, tier, time_limit_s,
 *                             cancellable, &p, &info, &error))
 *     ...;
 *   result = info.result ? g_steal_pointer (&info.result)   // quality: already traced
 *                        : svgai_convert (image, &p, flags, cancellable, NULL, &error);
 *   svgai_optimize_info_clear (&info);
 *
 * Options the user set explicitly (--colors …) override the tier's choice:
 * apply them to p before svgai_convert (and skip info.result then). */

/* Chooses tracing parameters for image. features must come from
 * svgai_features_extract() on the same image; logo_class from
 * svgai_classify(). time_limit_s <= 0 means the tier's default (only the
 * quality tier uses it). Fails only on cancellation, a model that cannot be
 * loaded (balanced; fast then still works) or a tracing error. */
gboolean svgai_optimize (SvgaiImage *image,
                         const SvgaiFeatures *features,
                         SvgaiLogoClass logo_class,
                         SvgaiTier tier,
                         double time_limit_s,
                         GCancellable *cancellable,
                         SvgaiParams *out,
                         GError **error);

/* The same, also filling info (optional). */
gboolean svgai_optimize_full (SvgaiImage *image,
                              const SvgaiFeatures *features,
                              SvgaiLogoClass logo_class,
                              SvgaiTier tier,
                              double time_limit_s,
                              GCancellable *cancellable,
                              SvgaiParams *out,
                              SvgaiOptimizeInfo *info,
                              GError **error);

G_END_DECLS
