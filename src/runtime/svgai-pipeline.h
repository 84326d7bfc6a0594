#pragma once

#include <gio/gio.h>
#include "ai/svgai-classifier.h"
#include "ai/svgai-features.h"
#include "engine/svgai-image.h"
#include "engine/svgai-params.h"
#include "engine/svgai-quality.h"
#include "engine/svgai-vector.h"

G_BEGIN_DECLS

/* The stages of a conversion, in order. Timings are recorded per stage. */
typedef enum {
  SVGAI_STAGE_LOAD,
  SVGAI_STAGE_FEATURES,
  SVGAI_STAGE_CLASSIFY,
  SVGAI_STAGE_OPTIMIZE,
  SVGAI_STAGE_TRACE,
  SVGAI_STAGE_WRITE,
  SVGAI_STAGE_RENDER,
  SVGAI_STAGE_QUALITY,
  SVGAI_N_STAGES
} SvgaiStage;

const char *svgai_stage_to_string (SvgaiStage stage);

typedef struct {
  SvgaiParams params;       /* the parameters used, automatic choices resolved */
  SvgaiVector *vector;
  GBytes *svg;
  gboolean measured;        /* quality was computed */
  SvgaiQuality quality;
  guint paths;              /* <path> elements */
  guint nodes;              /* path nodes (segment end points) */
  double stage_ms[SVGAI_N_STAGES];
  /* Filled by svgai_pipeline_run (svgai_convert leaves has_features and
   * classified FALSE, tier -1 and predicted_ssim NAN). */
  gboolean has_features;
  SvgaiFeatures features;
  gboolean features_cached;  /* the features came from the feature cache */
  gboolean classified;
  SvgaiClassification classification;
  int tier;                 /* the SvgaiTier the optimizer used, -1 if it did not run */
  double predicted_ssim;    /* the predictor's estimate for params, NAN if unknown */
  gboolean result_cached;   /* the trace came from the result cache */
  /*< private >*/
  gatomicrefcount ref_count;
} SvgaiResult;

SvgaiResult *svgai_result_ref (SvgaiResult *result);
void svgai_result_unref (SvgaiResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvgaiResult, svgai_result_unref)

typedef enum {
  SVGAI_CONVERT_MEASURE = 1 << 0,  /* render and compute SSIM/PSNR/MSE */
} SvgaiConvertFlags;

/* Trace, write and (optionally) measure one decoded image. Runs on the
 * calling thread; layers trace in parallel. */
SvgaiResult *svgai_convert (SvgaiImage *image,
                            const SvgaiParams *params,
                            SvgaiConvertFlags flags,
                            GCancellable *cancellable,
                            GError **error);

/* The whole pipeline: features (cached by pixel hash) → classify →
 * optimize (tier, time limit) → trace → write → render → quality, each
 * stage timed into stage_ms and the default performance monitor
 * (svgai-perf.h). */

/* Parameters the caller fixes; the optimizer chooses the others. */
typedef enum {
  SVGAI_PARAM_COLORS    = 1 << 0,
  SVGAI_PARAM_SPECKLE   = 1 << 1,
  SVGAI_PARAM_SMOOTH    = 1 << 2,
  SVGAI_PARAM_TOLERANCE = 1 << 3,
  SVGAI_PARAM_LAYERING  = 1 << 4,
  SVGAI_PARAM_UPSAMPLE  = 1 << 5,
  SVGAI_PARAM_ALL       = (1 << 6) - 1,
} SvgaiParamMask;

typedef struct {
  int tier;                 /* an SvgaiTier (svgai-optimizer.h) */
  double time_limit_s;      /* the optimizer's budget; <= 0: the tier's default */
  /* Feature extraction's budget in ms; < 0: the tier's (fast 25, balanced
   * 200, quality none); 0: none. */
  double features_time_limit_ms;
  SvgaiParams params;       /* values for the parameters in fixed */
  guint fixed;              /* SvgaiParamMask; SVGAI_PARAM_ALL skips the optimizer */
  gboolean use_cache;       /* feature and result caches */
  gboolean measure;         /* render and compute SSIM/PSNR/MSE */
  /* Keep results in the result cache (with use_cache). A batch, which never
   * comes back to an image, turns it off so that memory stays flat. */
  gboolean cache_results;
} SvgaiPipelineOptions;

/* Balanced tier, default time limits, nothing fixed, caches on, measured. */
void svgai_pipeline_options_init (SvgaiPipelineOptions *options);

SvgaiResult *svgai_pipeline_run (SvgaiImage *image,
                                 const SvgaiPipelineOptions *options,
                                 GCancellable *cancellable,
                                 GError **error);

/* Loads path first (the load stage); image_out (optional) receives it. */
SvgaiResult *svgai_pipeline_run_file (const char *path,
                                      const SvgaiLoadOptions *load_options,
                                      const SvgaiPipelineOptions *options,
                                      SvgaiImage **image_out,
                                      GCancellable *cancellable,
                                      GError **error);

/* svgai_pipeline_run on a worker thread (GTask), for the app. */
void svgai_pipeline_run_async (SvgaiImage *image,
                               const SvgaiPipelineOptions *options,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);
SvgaiResult *svgai_pipeline_run_finish (GAsyncResult *result, GError **error);

G_END_DECLS
