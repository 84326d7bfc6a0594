#include "svgai-pipeline.h"

#include "svgai-error.h"
#include "svgai-render.h"
#include "svgai-svg-writer.h"
#include "svgai-trace.h"

static const char *stage_names[SVGAI_N_STAGES] = {
  "load", "features", "classify", "optimize", "trace", "write", "render", "quality",
};

const char *
svgai_stage_to_string (SvgaiStage stage)
{
  g_return_val_if_fail (stage < SVGAI_N_STAGES, NULL);
  return stage_names[stage];
}

SvgaiResult *
svgai_result_ref (SvgaiResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_atomic_ref_count_inc (&result->ref_count);
  return result;
}

void
svgai_result_unref (SvgaiResult *result)
{
  if (result == NULL || !g_atomic_ref_count_dec (&result->ref_count))
    return;
  g_clear_pointer (&result->vector, svgai_vector_unref);
  g_clear_pointer (&result->svg, g_bytes_unref);
  g_free (result);
}

static double
ms_since (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / 1000.0;
}

SvgaiResult *
svgai_convert (SvgaiImage *image,
               const SvgaiParams *params,
               SvgaiConvertFlags flags,
               GCancellable *cancellable,
               GError **error)
{
  g_autoptr(SvgaiResult) result = NULL;
  gint64 t;

  g_return_val_if_fail (image != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  if (!svgai_params_validate (params, error))
    return NULL;

  result = g_new0 (SvgaiResult, 1);
  g_atomic_ref_count_init (&result->ref_count);

  t = g_get_monotonic_time ();
  result->vector = svgai_trace (image, params, &result->params, cancellable, error);
  result->stage_ms[SVGAI_STAGE_TRACE] = ms_since (t);
  if (result->vector == NULL)
    return NULL;

  t = g_get_monotonic_time ();
  result->svg = svgai_svg_write (result->vector);
  result->paths = result->vector->layers->len;
  result->nodes = svgai_vector_count_nodes (result->vector);
  result->stage_ms[SVGAI_STAGE_WRITE] = ms_since (t);

  if (flags & SVGAI_CONVERT_MEASURE)
    {
      g_autoptr(SvgaiImage) rendered = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      /* The geometry is already rounded as written, so cairo draws exactly
       * what librsvg would (tests/test-render.c checks the two agree). */
      t = g_get_monotonic_time ();
      rendered = svgai_render_vector (result->vector, image->width, image->height);
      result->stage_ms[SVGAI_STAGE_RENDER] = ms_since (t);

      t = g_get_monotonic_time ();
      svgai_quality_compare (image, rendered, &result->quality);
      result->stage_ms[SVGAI_STAGE_QUALITY] = ms_since (t);
      result->measured = TRUE;
    }

  return g_steal_pointer (&result);
}

typedef struct {
  SvgaiImage *image;
  SvgaiParams params;
  SvgaiConvertFlags flags;
} ConvertData;

static void
convert_data_free (gpointer data)
{
  ConvertData *d = data;

  svgai_image_unref (d->image);
  g_free (d);
}

static void
convert_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ConvertData *d = task_data;
  GError *error = NULL;
  SvgaiResult *result = svgai_convert (d->image, &d->params, d->flags, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) svgai_result_unref);
}

void
svgai_convert_async (SvgaiImage *image,
                     const SvgaiParams *params,
                     SvgaiConvertFlags flags,
                     GCancellable *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  ConvertData *d;

  g_return_if_fail (image != NULL && params != NULL);

  d = g_new0 (ConvertData, 1);
  d->image = svgai_image_ref (image);
  d->params = *params;
  d->flags = flags;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, svgai_convert_async);
  g_task_set_task_data (task, d, convert_data_free);
  g_task_run_in_thread (task, convert_thread);
}

SvgaiResult *
svgai_convert_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
