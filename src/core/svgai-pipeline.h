#pragma once

#include <gio/gio.h>
#include "svgai-image.h"
#include "svgai-params.h"
#include "svgai-quality.h"
#include "svgai-vector.h"

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

/* The same on a worker thread (GTask), for the app. */
void svgai_convert_async (SvgaiImage *image,
                          const SvgaiParams *params,
                          SvgaiConvertFlags flags,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data);
SvgaiResult *svgai_convert_finish (GAsyncResult *result, GError **error);

G_END_DECLS
