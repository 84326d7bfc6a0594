#pragma once

#include "svgai.h"
#include "engine/svgai-convert.h"

G_BEGIN_DECLS

/* SvgaiResult (opaque in svgai.h): one run of the pipeline. The conversion
 * is shared (with the result cache and the optimizer), never copied; the
 * rest belongs to this run. Built by the pipeline, read-only once returned. */
struct _SvgaiResult {
  gatomicrefcount ref_count;
  SvgaiConversion *conversion;
  SvgaiImage *render;              /* with keep_render */
  double stage_ms[SVGAI_N_STAGES];
  gboolean has_features;
  SvgaiFeatures features;
  gboolean features_cached;
  gboolean classified;
  SvgaiClassification classification;
  int tier;                        /* -1: the optimizer did not run or failed */
  gboolean has_auto_params;
  SvgaiParams auto_params;         /* the optimizer's choice */
  guint candidates, traced;
  double predicted_ssim;           /* NAN if unknown */
  gboolean trace_cached;
  gboolean provisional;
};

SvgaiResult *svgai_result_new (void);

G_END_DECLS
