#include "svgai-pipeline.h"

#include <math.h>
#include <string.h>
#include "svgai-cache.h"
#include "svgai-cache-results.h"
#include "engine/svgai-error.h"
#include "ai/svgai-optimizer.h"
#include "svgai-perf.h"
#include "ai/svgai-predictor.h"
#include "engine/svgai-render.h"
#include "engine/svgai-svg-writer.h"
#include "engine/svgai-trace.h"

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

static SvgaiResult *
result_new (void)
{
  SvgaiResult *result = g_new0 (SvgaiResult, 1);

  g_atomic_ref_count_init (&result->ref_count);
  result->tier = -1;
  result->predicted_ssim = NAN;
  return result;
}

SvgaiResult *
svgai_convert (SvgaiImage *image,
               const SvgaiParams *params,
               SvgaiConvertFlags flags,
               GCancellable *cancellable,
               GError **error)
{
  g_autoptr(SvgaiResult) result = NULL;
  SvgaiPerfScope scope;

  g_return_val_if_fail (image != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  if (!svgai_params_validate (params, error))
    return NULL;

  result = result_new ();

  scope = svgai_perf_scope_begin (NULL, "trace");
  result->vector = svgai_trace (image, params, &result->params, cancellable, error);
  result->stage_ms[SVGAI_STAGE_TRACE] = svgai_perf_scope_end (&scope);
  if (result->vector == NULL)
    return NULL;

  scope = svgai_perf_scope_begin (NULL, "write");
  result->svg = svgai_svg_write (result->vector);
  result->paths = result->vector->layers->len;
  result->nodes = svgai_vector_count_nodes (result->vector);
  result->stage_ms[SVGAI_STAGE_WRITE] = svgai_perf_scope_end (&scope);

  if (flags & SVGAI_CONVERT_MEASURE)
    {
      g_autoptr(SvgaiImage) rendered = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      /* The geometry is already rounded as written, so cairo draws exactly
       * what librsvg would (tests/test-render.c checks the two agree). */
      scope = svgai_perf_scope_begin (NULL, "render");
      rendered = svgai_render_vector (result->vector, image->width, image->height);
      result->stage_ms[SVGAI_STAGE_RENDER] = svgai_perf_scope_end (&scope);

      scope = svgai_perf_scope_begin (NULL, "quality");
      svgai_quality_compare (image, rendered, &result->quality);
      result->stage_ms[SVGAI_STAGE_QUALITY] = svgai_perf_scope_end (&scope);
      result->measured = TRUE;
    }

  return g_steal_pointer (&result);
}

void
svgai_pipeline_options_init (SvgaiPipelineOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->tier = SVGAI_TIER_DEFAULT;
  options->features_time_limit_ms = -1;
  svgai_params_init_default (&options->params);
  options->use_cache = TRUE;
  options->measure = TRUE;
  options->cache_results = TRUE;
}

/* Feature extraction's share of each tier: the fast tier keeps only what
 * fits in a few tens of milliseconds at any size, the quality tier
 * computes everything. */
static double
features_budget_ms (const SvgaiPipelineOptions *o)
{
  static const double by_tier[SVGAI_N_TIERS] = { 25, 200, 0 };

  if (o->features_time_limit_ms >= 0)
    return o->features_time_limit_ms;
  return o->tier >= 0 && o->tier < SVGAI_N_TIERS ? by_tier[o->tier] : 0;
}

static void
apply_fixed (SvgaiParams *p, const SvgaiParams *values, guint fixed)
{
  if (fixed & SVGAI_PARAM_COLORS)
    p->colors = values->colors;
  if (fixed & SVGAI_PARAM_SPECKLE)
    p->speckle = values->speckle;
  if (fixed & SVGAI_PARAM_SMOOTH)
    p->smooth = values->smooth;
  if (fixed & SVGAI_PARAM_TOLERANCE)
    p->tolerance = values->tolerance;
  if (fixed & SVGAI_PARAM_LAYERING)
    p->layering = values->layering;
  if (fixed & SVGAI_PARAM_UPSAMPLE)
    p->upsample = values->upsample;
}

/* Features from the cache when allowed, else extracted (and stored). */
static void
get_features (SvgaiImage *image, const SvgaiPipelineOptions *o, SvgaiResult *r)
{
  SvgaiPerfScope stage = svgai_perf_scope_begin (NULL, "features");
  const char *hash = NULL;

  if (o->use_cache)
    {
      SvgaiPerfScope s = svgai_perf_scope_begin (NULL, "hash");

      hash = svgai_image_get_hash (image);
      svgai_perf_scope_end (&s);
      if (svgai_feature_cache_lookup (svgai_feature_cache_get_default (), hash, &r->features) != SVGAI_CACHE_MISS)
        {
          /* The disk keeps the eight values; the size is the image's. */
          r->features.width = image->width;
          r->features.height = image->height;
          r->features_cached = TRUE;
        }
    }
  if (!r->features_cached)
    {
      SvgaiPerfScope s = svgai_perf_scope_begin (NULL, "features.extract");

      svgai_features_extract (image, features_budget_ms (o), &r->features);
      svgai_perf_scope_end (&s);
      if (hash != NULL)
        svgai_feature_cache_store (svgai_feature_cache_get_default (), hash, &r->features);
    }
  r->has_features = TRUE;
  r->stage_ms[SVGAI_STAGE_FEATURES] = svgai_perf_scope_end (&stage);
}

static void
classify (SvgaiResult *r)
{
  SvgaiPerfScope stage = svgai_perf_scope_begin (NULL, "classify");
  g_autoptr(GError) error = NULL;

  /* Without its model the classifier still answers by rules. */
  if (!svgai_classify (&r->features, &r->classification, &error))
    g_debug ("classifier: %s; using the rules", error->message);
  r->classified = TRUE;
  r->stage_ms[SVGAI_STAGE_CLASSIFY] = svgai_perf_scope_end (&stage);
}

/* Chooses params; steals the optimizer's measured conversion into
 * *traced when it matches what will be used. FALSE only when cancelled. */
static gboolean
optimize (SvgaiImage *image,
          const SvgaiPipelineOptions *o,
          SvgaiResult *r,
          SvgaiParams *params,
          SvgaiResult **traced,
          GCancellable *cancellable,
          GError **error)
{
  SvgaiPerfScope stage = svgai_perf_scope_begin (NULL, "optimize");
  SvgaiOptimizeInfo info = { 0 };
  SvgaiTier tier = CLAMP (o->tier, 0, SVGAI_N_TIERS - 1);
  g_autoptr(GError) err = NULL;
  SvgaiParams chosen;
  gboolean ok;

  info.predicted_ssim = NAN;
  ok = svgai_optimize_full (image, &r->features, r->classification.logo_class, tier, o->time_limit_s,
                            cancellable, &chosen, &info, &err);
  if (!ok && !g_error_matches (err, G_IO_ERROR, G_IO_ERROR_CANCELLED) && tier != SVGAI_TIER_FAST)
    {
      /* A model that cannot be loaded: the fast tier's table still works. */
      static gint warned = 0;

      /* Once per process, not once per image of a batch. */
      if (g_atomic_int_compare_and_exchange (&warned, 0, 1))
        g_warning ("optimizer (%s tier): %s; using the fast tier", svgai_tier_to_string (tier), err->message);
      g_clear_error (&err);
      svgai_optimize_info_clear (&info);
      info.predicted_ssim = NAN;
      tier = SVGAI_TIER_FAST;
      ok = svgai_optimize_full (image, &r->features, r->classification.logo_class, tier, o->time_limit_s,
                                cancellable, &chosen, &info, &err);
    }
  if (!ok)
    {
      if (g_error_matches (err, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          svgai_perf_scope_end (&stage);
          svgai_optimize_info_clear (&info);
          g_propagate_error (error, g_steal_pointer (&err));
          return FALSE;
        }
      g_warning ("optimizer: %s; using the default parameters", err->message);
      svgai_params_init_default (&chosen);
      tier = -1;
    }
  *params = chosen;
  apply_fixed (params, &o->params, o->fixed);
  r->tier = tier;
  if (svgai_params_equal (params, &chosen))
    {
      r->predicted_ssim = info.predicted_ssim;
      if (info.result != NULL && info.result->measured == o->measure)
        *traced = g_steal_pointer (&info.result);
    }
  svgai_optimize_info_clear (&info);
  r->stage_ms[SVGAI_STAGE_OPTIMIZE] = svgai_perf_scope_end (&stage);
  return TRUE;
}

static void
predict (SvgaiResult *r, const SvgaiParams *params)
{
  SVGAI_PERF_SCOPE ("predict");

  r->predicted_ssim = svgai_predict_ssim (&r->features, params);
}

/* Moves the analysis (features, class, tier, prediction, early stage
 * times) from src to the result that will be returned. */
static void
take_analysis (SvgaiResult *dst, const SvgaiResult *src)
{
  dst->has_features = src->has_features;
  dst->features = src->features;
  dst->features_cached = src->features_cached;
  dst->classified = src->classified;
  dst->classification = src->classification;
  dst->tier = src->tier;
  dst->predicted_ssim = src->predicted_ssim;
  for (int s = SVGAI_STAGE_LOAD; s <= SVGAI_STAGE_OPTIMIZE; s++)
    dst->stage_ms[s] = src->stage_ms[s];
}

SvgaiResult *
svgai_pipeline_run (SvgaiImage *image,
                    const SvgaiPipelineOptions *options,
                    GCancellable *cancellable,
                    GError **error)
{
  SvgaiPerfScope whole = svgai_perf_scope_begin (NULL, "pipeline");
  g_autoptr(SvgaiResult) analysis = NULL;
  g_autoptr(SvgaiResult) result = NULL;
  SvgaiParams params;

  g_return_val_if_fail (image != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if ((options->fixed & SVGAI_PARAM_ALL) != 0 && !svgai_params_validate (&options->params, error))
    return NULL;

  analysis = result_new ();
  get_features (image, options, analysis);
  classify (analysis);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if ((options->fixed & SVGAI_PARAM_ALL) == SVGAI_PARAM_ALL)
    {
      params = options->params;
      predict (analysis, &params);
    }
  else
    {
      if (!optimize (image, options, analysis, &params, &result, cancellable, error))
        return NULL;
      if (isnan (analysis->predicted_ssim))
        predict (analysis, &params);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (result == NULL && options->use_cache && options->cache_results)
    {
      result = svgai_result_cache_lookup (svgai_result_cache_get_default (), svgai_image_get_hash (image),
                                          &params, options->measure);
      if (result != NULL)
        {
          result->result_cached = TRUE;
          for (int s = SVGAI_STAGE_TRACE; s < SVGAI_N_STAGES; s++)
            result->stage_ms[s] = 0;
        }
    }
  if (result == NULL)
    {
      result = svgai_convert (image, &params, options->measure ? SVGAI_CONVERT_MEASURE : 0, cancellable, error);
      if (result == NULL)
        return NULL;
      if (options->use_cache && options->cache_results)
        svgai_result_cache_store (svgai_result_cache_get_default (), svgai_image_get_hash (image), &params,
                                  result);
    }
  take_analysis (result, analysis);
  svgai_perf_scope_end (&whole);
  return g_steal_pointer (&result);
}

SvgaiResult *
svgai_pipeline_run_file (const char *path,
                         const SvgaiLoadOptions *load_options,
                         const SvgaiPipelineOptions *options,
                         SvgaiImage **image_out,
                         GCancellable *cancellable,
                         GError **error)
{
  g_autoptr(SvgaiImage) image = NULL;
  SvgaiResult *result;
  SvgaiPerfScope scope;
  double load_ms;

  g_return_val_if_fail (path != NULL, NULL);

  scope = svgai_perf_scope_begin (NULL, "load");
  image = svgai_image_new_from_file (path, load_options, cancellable, error);
  load_ms = svgai_perf_scope_end (&scope);
  if (image == NULL)
    return NULL;
  result = svgai_pipeline_run (image, options, cancellable, error);
  if (result == NULL)
    {
      /* The engine's errors after loading do not know the file's name. */
      if (error && *error && !g_str_has_prefix ((*error)->message, path))
        g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  result->stage_ms[SVGAI_STAGE_LOAD] = load_ms;
  if (image_out)
    *image_out = g_steal_pointer (&image);
  return result;
}

typedef struct {
  SvgaiImage *image;
  SvgaiPipelineOptions options;
} RunData;

static void
run_data_free (gpointer data)
{
  RunData *d = data;

  svgai_image_unref (d->image);
  g_free (d);
}

static void
run_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RunData *d = task_data;
  GError *error = NULL;
  SvgaiResult *result = svgai_pipeline_run (d->image, &d->options, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) svgai_result_unref);
}

void
svgai_pipeline_run_async (SvgaiImage *image,
                          const SvgaiPipelineOptions *options,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *d;

  g_return_if_fail (image != NULL && options != NULL);

  d = g_new0 (RunData, 1);
  d->image = svgai_image_ref (image);
  d->options = *options;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, svgai_pipeline_run_async);
  g_task_set_task_data (task, d, run_data_free);
  g_task_run_in_thread (task, run_thread);
}

SvgaiResult *
svgai_pipeline_run_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
