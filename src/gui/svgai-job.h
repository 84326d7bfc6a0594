#pragma once

#include <gtk/gtk.h>
#include "svgai.h"
#include "svgai-recolor.h"

G_BEGIN_DECLS

/* One conversion for the app, on a worker thread: load (unless the image is
 * already decoded), run the engine's pipeline, then make what the view needs
 * (textures, thumbnail, difference image) so the main thread only swaps
 * pointers. */

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
  GdkTexture *source_texture; /* image's, when set with svgai_job_request_set_image */
  GdkTexture *thumbnail;
  SvgaiTier tier;
  double time_limit;        /* the optimizer's budget, s; 0: the tier's own */
  gboolean fixed;           /* params are decided (the user's, or an earlier
                             * run's choice): no optimizer */
  SvgaiParams params;
  gboolean progressive;     /* post a quick first result before optimizing */
  gboolean background;      /* nobody waits for it: run at a lower priority */
  SvgaiRecolorMap recolor;  /* the designer's recolours, applied to the result */
} SvgaiJobRequest;

/* What the pipeline's result does not hold: the pixels and textures of the
 * view, and the job's own timing. */
typedef struct {
  SvgaiResult *result;      /* SVG, figures, analysis; never NULL */
  SvgaiImage *image;        /* NULL in a slim output */
  GdkTexture *source_texture;
  GdkTexture *thumbnail;
  GdkTexture *svg_texture;  /* the SVG rendered at the source's size */
  GdkTexture *diff_texture; /* where the SVG differs from the source */
  double load_ms;           /* decoding, 0 when the image was decoded already */
  double total_ms;          /* the whole job, wall time */
  SvgaiResult *traced;      /* result before the recolours (result itself when none) */
  gboolean background_removed; /* the tracing made this colour transparent */
  SvgaiColor background;
  /*< private >*/
  gatomicrefcount ref_count;
} SvgaiJobOutput;

SvgaiJobOutput *svgai_job_output_ref (SvgaiJobOutput *output);
void svgai_job_output_unref (SvgaiJobOutput *output);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvgaiJobOutput, svgai_job_output_unref)
/* The same result and thumbnail, without pixels and textures. */
SvgaiJobOutput *svgai_job_output_new_slim (const SvgaiJobOutput *full);
/* A stage's wall time in this job (the load is the job's, the rest the
 * pipeline's). */
double svgai_job_output_get_stage_ms (const SvgaiJobOutput *output, SvgaiStage stage);

SvgaiJobRequest *svgai_job_request_new (void);
void svgai_job_request_free (SvgaiJobRequest *request);
void svgai_job_request_set_image (SvgaiJobRequest *request, const SvgaiJobOutput *output);
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

/* base's traced result recoloured by map, its SVG rendered: no tracing.
 * The new output shares base's source pixels and textures. */
void svgai_job_recolor_async (SvgaiJobOutput *base,
                              const SvgaiRecolorMap *map,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data);
SvgaiJobOutput *svgai_job_recolor_finish (GAsyncResult *result, GError **error);

/* Worker threads run below the UI's priority (see svgai-job.c). */
#define SVGAI_WORKER_NICE 5
void svgai_thread_lower_priority (int nice);

G_END_DECLS
