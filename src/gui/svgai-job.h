#pragma once

#include <gtk/gtk.h>
#include "ai/svgai-classifier.h"
#include "ai/svgai-features.h"
#include "ai/svgai-optimizer.h"
#include "svgai.h"

G_BEGIN_DECLS

/* One conversion for the app, run on a worker thread: load (unless the image
 * is already decoded), analyse (features, class, optimizer) when asked, trace
 * and measure, and prepare everything the view needs (textures, thumbnail,
 * difference image) so the main thread only swaps pointers. */

/* "Fast", "Balanced", "Quality", translated. */
const char *svgai_tier_to_label (SvgaiTier tier);
/* "Simple", "Text", …, translated. */
const char *svgai_logo_class_to_label (SvgaiLogoClass logo_class);

typedef struct {
  /* input: exactly one of file, bytes or image */
  GFile *file;
  GBytes *bytes;
  char *name;               /* for error messages */
  SvgaiImage *image;
  gboolean analyze;         /* run features, classification and the optimizer */
  gboolean have_params;     /* use params as they are (user's choice) */
  SvgaiParams params;
  gboolean have_features;   /* known from an earlier analysis: lets the */
  SvgaiFeatures features;   /* predictor rate the parameters */
  SvgaiTier tier;
  double time_limit;        /* seconds, for the optimizer */
  gboolean progressive;     /* post a quick first result before optimizing */
  gboolean background;      /* nobody waits for it: run at a lower priority */
} SvgaiJobRequest;

typedef struct {
  SvgaiImage *image;
  GdkTexture *source_texture;
  GdkTexture *thumbnail;
  GdkTexture *svg_texture;  /* the SVG rendered at the source's size */
  GdkTexture *diff_texture; /* where the SVG differs from the source */
  SvgaiResult *result;

  gboolean analyzed;        /* features, classification and auto_params are set */
  SvgaiFeatures features;
  SvgaiClassification classification;
  SvgaiParams auto_params;  /* the optimizer's choice */
  gboolean optimized;       /* auto_params come from the requested tier's search */
  double predicted_ssim;    /* for the parameters used; NAN if unknown */
  guint candidates;         /* the optimizer's search */
  guint traced;

  double stage_ms[SVGAI_N_STAGES];
  double total_ms;
  gboolean provisional;     /* a quick first result; the optimized one follows */
  /*< private >*/
  gatomicrefcount ref_count;
} SvgaiJobOutput;

SvgaiJobOutput *svgai_job_output_ref (SvgaiJobOutput *output);
void svgai_job_output_unref (SvgaiJobOutput *output);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvgaiJobOutput, svgai_job_output_unref)

SvgaiJobRequest *svgai_job_request_new (void);
void svgai_job_request_free (SvgaiJobRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvgaiJobRequest, svgai_job_request_free)

/* Called on the main thread as the job moves through its stages, and with a
 * provisional output (stage == SVGAI_N_STAGES) when one is ready. */
typedef void (*SvgaiJobProgressFunc) (GObject *target,
                                      SvgaiStage stage,
                                      SvgaiJobOutput *provisional,
                                      gpointer cancel_token);

/* Takes ownership of request. target is kept alive until the job ends. */
void svgai_job_run_async (SvgaiJobRequest *request,
                          GObject *target,
                          SvgaiJobProgressFunc progress,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data);
SvgaiJobOutput *svgai_job_run_finish (GAsyncResult *result, GError **error);

G_END_DECLS
