#include "svgai-config.h"
#include "svgai-job.h"

#include <glib/gi18n.h>
#include <math.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ai/svgai-predictor.h"
#include "engine/svgai-quality.h"
#include "svgai.h"
#include "engine/svgai-render.h"

#define THUMBNAIL_SIZE 40

const char *
svgai_tier_to_label (SvgaiTier tier)
{
  switch (tier)
    {
    case SVGAI_TIER_FAST: return _("Fast");
    case SVGAI_TIER_QUALITY: return _("Quality");
    case SVGAI_TIER_BALANCED:
    default: return _("Balanced");
    }
}

const char *
svgai_logo_class_to_label (SvgaiLogoClass logo_class)
{
  switch (logo_class)
    {
    case SVGAI_LOGO_SIMPLE: return _("Simple geometric");
    case SVGAI_LOGO_TEXT: return _("Text-based");
    case SVGAI_LOGO_GRADIENT: return _("Gradient");
    case SVGAI_LOGO_COMPLEX: return _("Complex");
    default: return _("Unknown");
    }
}

SvgaiJobRequest *
svgai_job_request_new (void)
{
  SvgaiJobRequest *request = g_new0 (SvgaiJobRequest, 1);

  svgai_params_init_default (&request->params);
  request->tier = SVGAI_TIER_BALANCED;
  request->time_limit = 5.0;
  return request;
}

void
svgai_job_request_free (SvgaiJobRequest *request)
{
  if (request == NULL)
    return;
  g_clear_object (&request->file);
  g_clear_pointer (&request->bytes, g_bytes_unref);
  g_clear_pointer (&request->image, svgai_image_unref);
  g_free (request->name);
  g_free (request);
}

static SvgaiJobOutput *
svgai_job_output_new (void)
{
  SvgaiJobOutput *output = g_new0 (SvgaiJobOutput, 1);

  g_atomic_ref_count_init (&output->ref_count);
  svgai_params_init_default (&output->auto_params);
  output->predicted_ssim = NAN;
  return output;
}

SvgaiJobOutput *
svgai_job_output_ref (SvgaiJobOutput *output)
{
  g_atomic_ref_count_inc (&output->ref_count);
  return output;
}

void
svgai_job_output_unref (SvgaiJobOutput *output)
{
  if (output == NULL || !g_atomic_ref_count_dec (&output->ref_count))
    return;
  g_clear_pointer (&output->image, svgai_image_unref);
  g_clear_object (&output->source_texture);
  g_clear_object (&output->thumbnail);
  g_clear_object (&output->svg_texture);
  g_clear_object (&output->diff_texture);
  g_clear_pointer (&output->result, svgai_result_unref);
  g_free (output);
}

/* A copy of the analysis (not the heavy parts) for a second output. */
static SvgaiJobOutput *
svgai_job_output_copy_analysis (const SvgaiJobOutput *src)
{
  SvgaiJobOutput *output = svgai_job_output_new ();

  output->image = svgai_image_ref (src->image);
  output->source_texture = g_object_ref (src->source_texture);
  output->thumbnail = g_object_ref (src->thumbnail);
  output->analyzed = src->analyzed;
  output->features = src->features;
  output->classification = src->classification;
  output->auto_params = src->auto_params;
  memcpy (output->stage_ms, src->stage_ms, sizeof output->stage_ms);
  return output;
}

/* --- textures, made on the worker so the main thread never waits --- */

/* Premultiplied BGRA (cairo's layout, GDK_MEMORY_DEFAULT): what the cairo
 * renderer draws without converting every frame. */
static GdkTexture *
texture_for_image (SvgaiImage *image)
{
  gsize n = (gsize) image->width * image->height;
  guint8 *data = g_malloc (n * 4);
  g_autoptr(GBytes) bytes = NULL;

  for (gsize i = 0; i < n; i++)
    {
      const guint8 *p = image->pixels + i * 4;
      guint32 a = p[3];
      guint32 *o = (guint32 *) (data + i * 4);

      *o = (a << 24) |
           (((p[0] * a + 127) / 255) << 16) |
           (((p[1] * a + 127) / 255) << 8) |
           ((p[2] * a + 127) / 255);
    }
  bytes = g_bytes_new_take (data, n * 4);
  return gdk_memory_texture_new (image->width, image->height, GDK_MEMORY_DEFAULT,
                                 bytes, (gsize) image->width * 4);
}

static GdkTexture *
thumbnail_for_image (SvgaiImage *image)
{
  g_autoptr(GdkPixbuf) full = NULL;
  g_autoptr(GdkPixbuf) small = NULL;
  double scale = (double) THUMBNAIL_SIZE / MAX (image->width, image->height);
  int w = MAX (1, (int) lround (image->width * scale));
  int h = MAX (1, (int) lround (image->height * scale));

  /* Straight RGBA is exactly GdkPixbuf's layout. */
  full = gdk_pixbuf_new_from_data (image->pixels, GDK_COLORSPACE_RGB, TRUE, 8,
                                   image->width, image->height, image->width * 4,
                                   NULL, NULL);
  small = gdk_pixbuf_scale_simple (full, w, h, GDK_INTERP_BILINEAR);
  return gdk_texture_new_for_pixbuf (small);
}

static inline double
on_white (guint8 c, guint8 a)
{
  return (c * a + 255.0 * (255 - a)) / 255.0;
}

/* Source in faint grey, differences in red: the more red, the further the
 * SVG is from the source at that pixel (both composited on white). */
static GdkTexture *
difference_texture (SvgaiImage *a, SvgaiImage *b)
{
  g_autoptr(SvgaiImage) diff = svgai_image_new (a->width, a->height);
  gsize n = (gsize) a->width * a->height;

  for (gsize i = 0; i < n; i++)
    {
      const guint8 *p = a->pixels + i * 4;
      const guint8 *q = b->pixels + i * 4;
      guint8 *o = diff->pixels + i * 4;
      double d = 0, lum;
      double pr = on_white (p[0], p[3]), pg = on_white (p[1], p[3]), pb = on_white (p[2], p[3]);

      d = MAX (d, fabs (pr - on_white (q[0], q[3])));
      d = MAX (d, fabs (pg - on_white (q[1], q[3])));
      d = MAX (d, fabs (pb - on_white (q[2], q[3])));
      d = MIN (1.0, d / 48.0);
      lum = 0.2126 * pr + 0.7152 * pg + 0.0722 * pb;
      lum = 170 + lum / 3;
      o[0] = (guint8) lround (lum * (1 - d) + 224 * d);
      o[1] = (guint8) lround (lum * (1 - d) + 27 * d);
      o[2] = (guint8) lround (lum * (1 - d) + 36 * d);
      o[3] = 255;
    }
  return texture_for_image (diff);
}

/* --- the worker --- */

typedef struct {
  SvgaiJobRequest *request;
  GObject *target;
  SvgaiJobProgressFunc progress;
  GCancellable *cancellable;
} JobData;

static void
job_data_free (gpointer data)
{
  JobData *d = data;

  svgai_job_request_free (d->request);
  g_clear_object (&d->target);
  g_clear_object (&d->cancellable);
  g_free (d);
}

typedef struct {
  GObject *target;
  SvgaiJobProgressFunc progress;
  SvgaiStage stage;
  SvgaiJobOutput *provisional;
  GCancellable *cancellable;
} ProgressData;

static gboolean
progress_idle (gpointer data)
{
  ProgressData *p = data;

  if (p->cancellable == NULL || !g_cancellable_is_cancelled (p->cancellable))
    p->progress (p->target, p->stage, p->provisional, p->cancellable);
  g_object_unref (p->target);
  g_clear_object (&p->cancellable);
  g_clear_pointer (&p->provisional, svgai_job_output_unref);
  g_free (p);
  return G_SOURCE_REMOVE;
}

static void
post_progress (JobData *d, SvgaiStage stage, SvgaiJobOutput *provisional)
{
  ProgressData *p;

  if (d->progress == NULL || d->target == NULL)
    return;
  p = g_new0 (ProgressData, 1);
  p->target = g_object_ref (d->target);
  p->progress = d->progress;
  p->stage = stage;
  p->provisional = provisional ? svgai_job_output_ref (provisional) : NULL;
  p->cancellable = d->cancellable ? g_object_ref (d->cancellable) : NULL;
  g_idle_add_full (G_PRIORITY_DEFAULT, progress_idle, p, NULL);
}

/* Time for the optional features, by tier (quick ones always run). */
static double
features_budget_ms (SvgaiTier tier)
{
  switch (tier)
    {
    case SVGAI_TIER_FAST: return 20;
    case SVGAI_TIER_QUALITY: return 0;
    case SVGAI_TIER_BALANCED:
    default: return 200;
    }
}

static double
ms_since (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / 1000.0;
}

/* Takes result into output and renders what the view needs. */
static gboolean
adopt_result (JobData *d, SvgaiJobOutput *output, SvgaiResult *result, GError **error)
{
  g_autoptr(SvgaiImage) rendered = NULL;
  gint64 t;

  output->result = result;
  if (g_cancellable_set_error_if_cancelled (d->cancellable, error))
    return FALSE;

  /* One rendering serves the view and the measurement (the engine's
   * svgai_convert() would render again for its own). */
  t = g_get_monotonic_time ();
  rendered = svgai_render_vector (result->vector, output->image->width, output->image->height);
  if (!result->measured)
    result->stage_ms[SVGAI_STAGE_RENDER] = ms_since (t);
  if (rendered != NULL)
    {
      if (!result->measured)
        {
          t = g_get_monotonic_time ();
          svgai_quality_compare (output->image, rendered, &result->quality);
          result->stage_ms[SVGAI_STAGE_QUALITY] = ms_since (t);
          result->measured = TRUE;
        }
      output->svg_texture = texture_for_image (rendered);
      output->diff_texture = difference_texture (output->image, rendered);
    }

  /* Keep the analysis stages measured here beside the engine's own. */
  for (int s = SVGAI_STAGE_TRACE; s < SVGAI_N_STAGES; s++)
    output->stage_ms[s] = result->stage_ms[s];
  for (int s = 0; s < SVGAI_STAGE_TRACE; s++)
    result->stage_ms[s] = output->stage_ms[s];
  return TRUE;
}

/* Trace, measure and render for the view. */
static gboolean
convert_into (JobData *d, SvgaiJobOutput *output, const SvgaiParams *params, GError **error)
{
  SvgaiResult *result;

  post_progress (d, SVGAI_STAGE_TRACE, NULL);
  result = svgai_convert (output->image, params, 0, d->cancellable, error);
  if (result == NULL)
    return FALSE;
  return adopt_result (d, output, result, error);
}

/* The final output is the quick one's conversion: share it, don't redo it. */
static void
reuse_conversion (SvgaiJobOutput *output, SvgaiJobOutput *quick)
{
  output->result = svgai_result_ref (quick->result);
  output->svg_texture = quick->svg_texture ? g_object_ref (quick->svg_texture) : NULL;
  output->diff_texture = quick->diff_texture ? g_object_ref (quick->diff_texture) : NULL;
  for (int s = SVGAI_STAGE_TRACE; s < SVGAI_N_STAGES; s++)
    output->stage_ms[s] = quick->stage_ms[s];
}

static void
job_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  JobData *d = task_data;
  SvgaiJobRequest *req = d->request;
  g_autoptr(SvgaiJobOutput) output = svgai_job_output_new ();
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 t;
  SvgaiParams params;
  g_autoptr(SvgaiJobOutput) quick = NULL;
  g_autoptr(SvgaiResult) optimized = NULL;   /* the quality tier measured it already */

  /* load */
  t = g_get_monotonic_time ();
  if (req->image != NULL)
    output->image = svgai_image_ref (req->image);
  else
    {
      post_progress (d, SVGAI_STAGE_LOAD, NULL);
      if (req->file != NULL)
        {
          g_autofree char *path = g_file_get_path (req->file);

          if (path != NULL)
            output->image = svgai_image_new_from_file (path, NULL, cancellable, &error);
          else
            {
              g_autoptr(GBytes) bytes = g_file_load_bytes (req->file, cancellable, NULL, &error);

              if (bytes != NULL)
                output->image = svgai_image_new_from_bytes (bytes, req->name, NULL, &error);
            }
        }
      else if (req->bytes != NULL)
        output->image = svgai_image_new_from_bytes (req->bytes, req->name, NULL, &error);
      else
        g_set_error (&error, SVGAI_ERROR, SVGAI_ERROR_FAILED, _("Nothing to convert"));

      if (output->image == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  output->source_texture = texture_for_image (output->image);
  output->thumbnail = thumbnail_for_image (output->image);
  output->stage_ms[SVGAI_STAGE_LOAD] = req->image ? 0 : ms_since (t);

  if (g_task_return_error_if_cancelled (task))
    return;

  /* analyse: features, class, then the parameters the optimizer picks */
  params = req->params;
  quick = NULL;
  optimized = NULL;
  if (req->analyze)
    {
      g_autoptr(GError) model_error = NULL;
      SvgaiOptimizeInfo info = { 0 };
      SvgaiParams quick_params;

      gboolean first_quick = req->progressive && req->tier != SVGAI_TIER_FAST && !req->have_params;

      /* For a quick first result, only the quick features; the tier's full
       * set comes after it is on screen. */
      post_progress (d, SVGAI_STAGE_FEATURES, NULL);
      svgai_features_extract (output->image, features_budget_ms (first_quick ? SVGAI_TIER_FAST : req->tier),
                              &output->features);
      output->stage_ms[SVGAI_STAGE_FEATURES] = output->features.elapsed_ms;

      t = g_get_monotonic_time ();
      /* Without its model the classifier still answers by rules. */
      if (!svgai_classify (&output->features, &output->classification, &model_error))
        g_message ("%s", model_error->message);
      output->stage_ms[SVGAI_STAGE_CLASSIFY] = ms_since (t);
      output->analyzed = TRUE;

      if (g_task_return_error_if_cancelled (task))
        return;

      /* The fast tier is a table lookup: a first result at once. */
      t = g_get_monotonic_time ();
      if (!svgai_optimize (output->image, &output->features, output->classification.logo_class,
                           SVGAI_TIER_FAST, 0, cancellable, &quick_params, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      output->stage_ms[SVGAI_STAGE_OPTIMIZE] = ms_since (t);
      output->auto_params = quick_params;

      if (first_quick)
        {
          /* Show the quick trace while the optimizer searches; designers
           * see a result at once and the better one replaces it. */
          quick = svgai_job_output_copy_analysis (output);
          quick->provisional = TRUE;
          quick->predicted_ssim = svgai_predict_ssim (&output->features, &quick_params);
          if (!convert_into (d, quick, &quick_params, &error))
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
          quick->total_ms = ms_since (start);
          post_progress (d, SVGAI_N_STAGES, quick);

          if (features_budget_ms (req->tier) != features_budget_ms (SVGAI_TIER_FAST) &&
              svgai_features_any_estimated (&output->features))
            {
              /* Now the features the quick pass left estimated. */
              g_clear_error (&model_error);
              post_progress (d, SVGAI_STAGE_FEATURES, NULL);
              svgai_features_extract (output->image, features_budget_ms (req->tier), &output->features);
              output->stage_ms[SVGAI_STAGE_FEATURES] += output->features.elapsed_ms;
              t = g_get_monotonic_time ();
              if (!svgai_classify (&output->features, &output->classification, &model_error))
                g_message ("%s", model_error->message);
              output->stage_ms[SVGAI_STAGE_CLASSIFY] += ms_since (t);
            }
          if (g_task_return_error_if_cancelled (task))
            return;
        }

      /* With the user's parameters there is nothing to wait for: the
       * search runs when they go back to automatic. */
      output->optimized = req->tier == SVGAI_TIER_FAST || !req->have_params;
      if (req->tier != SVGAI_TIER_FAST && !req->have_params)
        {
          post_progress (d, SVGAI_STAGE_OPTIMIZE, NULL);
          t = g_get_monotonic_time ();
          if (!svgai_optimize_full (output->image, &output->features, output->classification.logo_class,
                                    req->tier, req->time_limit, cancellable,
                                    &output->auto_params, &info, &error))
            {
              svgai_optimize_info_clear (&info);
              if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
                {
                  /* A missing model must not cost the user the result. */
                  g_message ("Optimizer failed, using the fast choice: %s", error->message);
                  g_clear_error (&error);
                  output->auto_params = quick_params;
                }
              else
                {
                  g_task_return_error (task, g_steal_pointer (&error));
                  return;
                }
            }
          output->stage_ms[SVGAI_STAGE_OPTIMIZE] = ms_since (t);
          output->candidates = info.candidates;
          output->traced = info.traced;
          optimized = g_steal_pointer (&info.result);
          svgai_optimize_info_clear (&info);
        }
      else
        {
          output->candidates = 1;
          output->traced = 0;
        }
      params = req->have_params ? req->params : output->auto_params;
    }
  else if (!req->have_params)
    svgai_params_init_default (&params);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (quick != NULL && !req->have_params && svgai_params_equal (&params, &quick->auto_params))
    reuse_conversion (output, quick);
  else if (optimized != NULL && !req->have_params && optimized->measured &&
           svgai_params_equal (&params, &optimized->params))
    {
      if (!adopt_result (d, output, g_steal_pointer (&optimized), &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else if (!convert_into (d, output, &params, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (output->analyzed)
    output->predicted_ssim = svgai_predict_ssim (&output->features, &params);
  else if (req->have_features)
    output->predicted_ssim = svgai_predict_ssim (&req->features, &params);
  output->total_ms = ms_since (start);
  g_task_return_pointer (task, g_steal_pointer (&output), (GDestroyNotify) svgai_job_output_unref);
}

/* Conversions run on pools of their own. Work nobody waits for (images
 * not shown) runs at a lower priority, so the UI and the shown image win the
 * CPU over it; the shown image's work runs at the UI's priority, since the
 * user is waiting for it. The per-thread nice value is Linux's. */
static void
pool_worker (gpointer data, gpointer user_data)
{
  static GPrivate niced;
  GTask *task = data;

  if (user_data != NULL && g_private_get (&niced) == NULL)
    {
#ifdef __linux__
      setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), GPOINTER_TO_INT (user_data));
#endif
      g_private_set (&niced, GINT_TO_POINTER (1));
    }
  job_thread (task, NULL, g_task_get_task_data (task), g_task_get_cancellable (task));
  g_object_unref (task);
}

static GThreadPool *
get_pool (gboolean background)
{
  static GThreadPool *pools[2];

  if (g_once_init_enter (&pools[background]))
    {
      GThreadPool *p = g_thread_pool_new (pool_worker, background ? GINT_TO_POINTER (10) : NULL,
                                          MAX (2, (int) g_get_num_processors ()), FALSE, NULL);
      g_once_init_leave (&pools[background], p);
    }
  return pools[background];
}

void
svgai_job_run_async (SvgaiJobRequest *request,
                     GObject *target,
                     SvgaiJobProgressFunc progress,
                     GCancellable *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  JobData *d = g_new0 (JobData, 1);

  d->request = request;
  d->target = target ? g_object_ref (target) : NULL;
  d->progress = progress;
  d->cancellable = cancellable ? g_object_ref (cancellable) : NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, svgai_job_run_async);
  g_task_set_task_data (task, d, job_data_free);
  g_thread_pool_push (get_pool (request->background), g_steal_pointer (&task), NULL);
}

SvgaiJobOutput *
svgai_job_run_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
