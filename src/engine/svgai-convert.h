#pragma once

#include <gio/gio.h>
#include "svgai-image.h"
#include "svgai-params.h"
#include "svgai-quality.h"
#include "svgai-vector.h"

G_BEGIN_DECLS

/* One conversion with given parameters: trace → write → (render → measure).
 * Immutable once made and shared by reference (the result cache, the
 * optimizer's best candidate and the pipeline's result hold the same one). */
typedef struct {
  SvgaiParams params;       /* the parameters used, automatic choices resolved */
  SvgaiVector *vector;
  GBytes *svg;
  guint paths;              /* <path> elements */
  guint nodes;              /* path nodes (segment end points) */
  gboolean measured;        /* quality was computed */
  SvgaiQuality quality;
  /* Wall time of each step, ms. */
  double trace_ms, write_ms, render_ms, quality_ms;
  /*< private >*/
  gatomicrefcount ref_count;
} SvgaiConversion;

SvgaiConversion *svgai_conversion_ref (SvgaiConversion *conversion);
void svgai_conversion_unref (SvgaiConversion *conversion);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvgaiConversion, svgai_conversion_unref)

/* Bytes the conversion holds, for caches. */
gsize svgai_conversion_get_cost (const SvgaiConversion *conversion);

typedef enum {
  SVGAI_CONVERT_MEASURE = 1 << 0,  /* render and compute SSIM/PSNR/MSE */
} SvgaiConvertFlags;

/* Trace, write and (with SVGAI_CONVERT_MEASURE) render and measure one
 * decoded image. Runs on the calling thread; layers trace in parallel.
 * render_out (optional, with SVGAI_CONVERT_MEASURE) receives the render the
 * measure compared with the source. */
SvgaiConversion *svgai_convert (SvgaiImage *image,
                                const SvgaiParams *params,
                                SvgaiConvertFlags flags,
                                GCancellable *cancellable,
                                SvgaiImage **render_out,
                                GError **error);

G_END_DECLS
