#include "svgai-config.h"
#include "svgai-job.h"
#include "svgai-svg-tile.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

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
  request->tier = SVGAI_TIER_DEFAULT;
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
  g_clear_object (&request->source_texture);
  g_clear_object (&request->thumbnail);
  g_free (request->name);
  g_free (request);
}

/* The image of an earlier output, and its textures: a re-trace changes
 * neither the source nor the thumbnail on screen. */
void
svgai_job_request_set_image (SvgaiJobRequest *request, const SvgaiJobOutput *output)
{
  g_return_if_fail (output->image != NULL);
  g_clear_pointer (&request->image, svgai_image_unref);
  request->image = svgai_image_ref (output->image);
  g_set_object (&request->source_texture, output->source_texture);
  g_set_object (&request->thumbnail, output->thumbnail);
}

static SvgaiJobOutput *
svgai_job_output_new (SvgaiResult *result)
{
  SvgaiJobOutput *output = g_new0 (SvgaiJobOutput, 1);

  g_atomic_ref_count_init (&output->ref_count);
  output->result = svgai_result_ref (result);
  output->traced = svgai_result_ref (result);
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
  g_clear_pointer (&output->traced, svgai_result_unref);
  g_free (output);
}

SvgaiJobOutput *
svgai_job_output_new_slim (const SvgaiJobOutput *full)
{
  SvgaiJobOutput *slim = svgai_job_output_new (full->result);

  slim->thumbnail = full->thumbnail ? g_object_ref (full->thumbnail) : NULL;
  slim->load_ms = full->load_ms;
  slim->total_ms = full->total_ms;
  g_clear_pointer (&slim->traced, svgai_result_unref);
  slim->traced = svgai_result_ref (full->traced);
  slim->background_removed = full->background_removed;
  slim->background = full->background;
  return slim;
}

double
svgai_job_output_get_stage_ms (const SvgaiJobOutput *output, SvgaiStage stage)
{
  g_return_val_if_fail (stage < SVGAI_N_STAGES, 0);
  if (stage == SVGAI_STAGE_LOAD)
    return output->load_ms;
  return svgai_result_get_stage_ms (output->result, stage);
}

/* --- textures, made on the worker so the main thread never waits --- */

/* Premultiplied BGRA (cairo's ARGB32, GDK_MEMORY_DEFAULT), in a cairo
 * surface the view draws under the cairo renderer without converting. */
static GdkTexture *
texture_for_image (SvgaiImage *image)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, image->width, image->height);
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  for (int y = 0; y < image->height; y++)
    for (int x = 0; x < image->width; x++)
      {
        const guint8 *p = image->pixels + ((gsize) y * image->width + x) * 4;
        guint32 a = p[3];
        guint32 *o = (guint32 *) (data + (gsize) y * stride + (gsize) x * 4);

        *o = (a << 24) |
             (((p[0] * a + 127) / 255) << 16) |
             (((p[1] * a + 127) / 255) << 8) |
             ((p[2] * a + 127) / 255);
      }
  cairo_surface_mark_dirty (surface);
  return svgai_texture_new_for_surface (surface);
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
  /* filled on the worker */
  gint64 start;
  SvgaiImage *image;
  GdkTexture *source_texture;
  GdkTexture *thumbnail;
  double load_ms;
} JobData;

static void
job_data_free (gpointer data)
{
  JobData *d = data;

  svgai_job_request_free (d->request);
  g_clear_pointer (&d->image, svgai_image_unref);
  g_clear_object (&d->source_texture);
  g_clear_object (&d->thumbnail);
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

static double
ms_since (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / 1000.0;
}

/* The view's textures: the SVG's render and its difference from the source. */
static void
make_svg_textures (SvgaiJobOutput *output, SvgaiImage *render)
{
  if (render == NULL)
    return;
  output->svg_texture = texture_for_image (render);
  output->diff_texture = difference_texture (output->image, render);
}

/* The removed background, then the designer's recolours (the SVG rendered
 * again when they change it), then the view's textures. */
static void
finish_output (const SvgaiRecolorMap *map, SvgaiJobOutput *output, SvgaiImage *render)
{
  g_autoptr(SvgaiImage) recolored_render = NULL;
  g_autoptr(SvgaiResult) recolored = NULL;

  /* The engine's own: a mean of the cleared border pixels said #fefffe
   * where it had removed #ffffff. */
  output->background_removed = svgai_result_get_removed_background (output->result, &output->background);
  if (map->n > 0 && output->image != NULL)
    {
      recolored = svgai_recolor_apply (output->result, map);
      if (recolored != output->result)
        {
          recolored_render = svgai_recolor_render (svgai_result_get_svg (recolored),
                                                   output->image->width, output->image->height);
          svgai_result_unref (output->result);
          output->result = g_steal_pointer (&recolored);
          render = recolored_render;
        }
    }
  make_svg_textures (output, render);
}

/* A new output for result, sharing the source's pixels and textures. */
static SvgaiJobOutput *
output_for_result (const JobData *d, SvgaiResult *result)
{
  SvgaiJobOutput *output = svgai_job_output_new (result);

  output->image = svgai_image_ref (d->image);
  output->source_texture = g_object_ref (d->source_texture);
  output->thumbnail = g_object_ref (d->thumbnail);
  output->load_ms = d->load_ms;
  return output;
}

/* The pipeline's callbacks, on this worker thread. */
static void
on_pipeline_progress (SvgaiStage stage, gpointer user_data)
{
  post_progress (user_data, stage, NULL);
}

static void
on_pipeline_provisional (SvgaiResult *result, gpointer user_data)
{
  JobData *d = user_data;
  /* Nobody else holds the quick result yet: take its render, so that the
   * output kept on screen holds textures, not pixels as well. */
  g_autoptr(SvgaiImage) render = svgai_result_steal_render (result);
  g_autoptr(SvgaiJobOutput) quick = output_for_result (d, result);

  finish_output (&d->request->recolor, quick, render);
  quick->total_ms = ms_since (d->start);
  post_progress (d, SVGAI_N_STAGES, quick);
}

static SvgaiImage *
load_image (JobData *d, GCancellable *cancellable, GError **error)
{
  SvgaiJobRequest *req = d->request;
  gint64 t = g_get_monotonic_time ();
  SvgaiImage *image = NULL;

  if (req->image != NULL)
    return svgai_image_ref (req->image);

  post_progress (d, SVGAI_STAGE_LOAD, NULL);
  if (req->file != NULL)
    {
      g_autofree char *path = g_file_get_path (req->file);

      if (path != NULL)
        image = svgai_image_new_from_file (path, NULL, cancellable, error);
      else
        {
          g_autoptr(GBytes) bytes = g_file_load_bytes (req->file, cancellable, NULL, error);

          if (bytes != NULL)
            image = svgai_image_new_from_bytes (bytes, req->name, NULL, error);
        }
    }
  else if (req->bytes != NULL)
    image = svgai_image_new_from_bytes (req->bytes, req->name, NULL, error);
  else
    g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_FAILED, _("Nothing to convert"));
  d->load_ms = ms_since (t);
  return image;
}

static void
pipeline_options_for (JobData *d, SvgaiPipelineOptions *options)
{
  SvgaiJobRequest *req = d->request;

  svgai_pipeline_options_init (options);
  options->tier = req->tier;
  options->time_limit_s = req->time_limit;
  if (req->fixed)
    {
      options->params = req->params;
      options->fixed = SVGAI_PARAM_ALL;
    }
  options->use_cache = TRUE;
  options->measure = TRUE;
  options->keep_render = TRUE;
  options->progress = on_pipeline_progress;
  options->provisional = req->progressive ? on_pipeline_provisional : NULL;
  options->user_data = d;
}

/* Load, run the pipeline, make textures. */
static void
job_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  JobData *d = task_data;
  g_autoptr(SvgaiJobOutput) output = NULL;
  g_autoptr(SvgaiResult) result = NULL;
  g_autoptr(SvgaiImage) render = NULL;
  g_autoptr(GError) error = NULL;
  SvgaiPipelineOptions options;

  d->start = g_get_monotonic_time ();
  d->image = load_image (d, cancellable, &error);
  if (d->image == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* An image traced before keeps its textures: the view's scaled copy of
   * the source stays good, and nothing but the SVG is drawn anew. */
  if (d->request->image != NULL && d->request->source_texture != NULL && d->request->thumbnail != NULL)
    {
      d->source_texture = g_object_ref (d->request->source_texture);
      d->thumbnail = g_object_ref (d->request->thumbnail);
    }
  else
    {
      d->source_texture = texture_for_image (d->image);
      d->thumbnail = thumbnail_for_image (d->image);
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  pipeline_options_for (d, &options);
  result = svgai_pipeline_run (d->image, &options, cancellable, &error);
  if (result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Ours alone until the output shares it: the pixels go to the textures. */
  render = svgai_result_steal_render (result);
  output = output_for_result (d, result);
  finish_output (&d->request->recolor, output, render);
  output->total_ms = ms_since (d->start);
  g_task_return_pointer (task, g_steal_pointer (&output), (GDestroyNotify) svgai_job_output_unref);
}

/* Conversions run on pools of their own, below the UI's priority: work
 * nobody waits for (images not shown) at nice 10, so the UI and the shown
 * image win the CPU over it; the shown image's at nice 5 (and the view's
 * tiles and scaled copies, svgai-svg-tile.c), so that the main thread,
 * which wants a few milliseconds a frame, runs when it wakes instead of
 * waiting for the workers' time slices (on a loaded two-core machine the
 * main loop stalled 100 ms and more for them while a result landed). The
 * work still gets all the CPU the UI leaves. */
#define BACKGROUND_NICE 10

/* The calling thread's nice value, Linux's per-thread one, raised to nice
 * (never lowered: a thread shared with other work keeps the lower
 * priority, and only a privileged process may raise it again). */
void
svgai_thread_lower_priority (int nice)
{
#ifdef __linux__
  id_t tid = (id_t) syscall (SYS_gettid);

  errno = 0;
  if (getpriority (PRIO_PROCESS, tid) < nice && errno == 0)
    setpriority (PRIO_PROCESS, tid, nice);
#endif
}

static void
pool_worker (gpointer data, gpointer user_data)
{
  GTask *task = data;

  svgai_thread_lower_priority (GPOINTER_TO_INT (user_data));
  job_thread (task, NULL, g_task_get_task_data (task), g_task_get_cancellable (task));
  g_object_unref (task);
#ifdef __GLIBC__
  /* A conversion frees tens of MB of intermediate images in this thread's
   * arena; glibc keeps them mapped (RSS) unless asked to give them back. */
  malloc_trim (0);
#endif
}

static GThreadPool *
get_pool (gboolean background)
{
  static GThreadPool *pools[2];

  if (g_once_init_enter (&pools[background]))
    {
      GThreadPool *p = g_thread_pool_new (pool_worker, GINT_TO_POINTER (background ? BACKGROUND_NICE : SVGAI_WORKER_NICE),
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

/* --- recolouring, without tracing --- */

typedef struct {
  SvgaiJobOutput *base;
  SvgaiRecolorMap map;
} RecolorData;

static void
recolor_data_free (gpointer data)
{
  RecolorData *r = data;

  svgai_job_output_unref (r->base);
  g_free (r);
}

static void
recolor_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RecolorData *r = task_data;
  SvgaiJobOutput *base = r->base;
  SvgaiJobOutput *out = svgai_job_output_new (base->traced);
  g_autoptr(SvgaiImage) render = NULL;
  gint64 start = g_get_monotonic_time ();

  svgai_thread_lower_priority (SVGAI_WORKER_NICE);

  svgai_result_unref (out->result);
  out->result = svgai_recolor_apply (base->traced, &r->map);
  out->image = base->image ? svgai_image_ref (base->image) : NULL;
  g_set_object (&out->source_texture, base->source_texture);
  g_set_object (&out->thumbnail, base->thumbnail);
  out->background_removed = base->background_removed;
  out->background = base->background;
  if (out->image != NULL)
    render = svgai_recolor_render (svgai_result_get_svg (out->result), out->image->width, out->image->height);
  make_svg_textures (out, render);
  out->total_ms = ms_since (start);
  g_task_return_pointer (task, out, (GDestroyNotify) svgai_job_output_unref);
}

void
svgai_job_recolor_async (SvgaiJobOutput *base,
                         const SvgaiRecolorMap *map,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  RecolorData *r = g_new0 (RecolorData, 1);

  r->base = svgai_job_output_ref (base);
  r->map = *map;
  g_task_set_source_tag (task, svgai_job_recolor_async);
  g_task_set_task_data (task, r, recolor_data_free);
  g_task_run_in_thread (task, recolor_thread);
}

SvgaiJobOutput *
svgai_job_recolor_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
