/* The pipeline: features (cached by pixel hash) → classify → optimize (tier,
 * time limit) → trace → write → render → quality, each stage timed into the
 * result and the default performance monitor. The one way the app, the
 * command line and the trainer run the engine. */
#include "svgai.h"

#include <math.h>
#include <string.h>
#include "svgai-cache.h"
#include "svgai-cache-results.h"
#include "svgai-result.h"
#include "ai/svgai-classifier.h"
#include "ai/svgai-features.h"
#include "ai/svgai-model.h"
#include "ai/svgai-optimizer.h"
#include "ai/svgai-predictor.h"
#include "engine/svgai-convert.h"
#include "engine/svgai-denoise.h"
#include "engine/svgai-render.h"

static const char *stage_names[SVGAI_N_STAGES] = {
  "load", "features", "classify", "optimize", "trace", "write", "render", "quality",
};

const char *
svgai_stage_to_string (SvgaiStage stage)
{
  g_return_val_if_fail (stage < SVGAI_N_STAGES, NULL);
  return stage_names[stage];
}

gboolean
svgai_init (GError **error)
{
  svgai_perf_get_default ();
  svgai_feature_cache_get_default ();
  svgai_result_cache_get_default ();
  return svgai_models_ensure (error);
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

SvgaiParamMask
svgai_param_mask_from_name (const char *name)
{
  static const struct { const char *name; SvgaiParamMask bit; } bits[] = {
    { "colors", SVGAI_PARAM_COLORS }, { "speckle", SVGAI_PARAM_SPECKLE },
    { "smooth", SVGAI_PARAM_SMOOTH }, { "tolerance", SVGAI_PARAM_TOLERANCE },
    { "layering", SVGAI_PARAM_LAYERING }, { "upsample", SVGAI_PARAM_UPSAMPLE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bits); i++)
    if (g_strcmp0 (name, bits[i].name) == 0)
      return bits[i].bit;
  return 0;
}

/* One run: the options, the image and the result being built. */
typedef struct {
  SvgaiImage *image;
  const SvgaiPipelineOptions *o;
  SvgaiTier tier;
  GCancellable *cancellable;
} Run;

static void
progress (const Run *run, SvgaiStage stage)
{
  if (run->o->progress)
    run->o->progress (stage, run->o->user_data);
}

static double
features_budget_ms (const Run *run, SvgaiTier tier)
{
  if (run->o->features_time_limit_ms >= 0)
    return run->o->features_time_limit_ms;
  return svgai_tier_get_features_time_limit_ms (tier);
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
  /* The colours the caller asks for are never the optimizer's to choose. */
  p->color = values->color;
  p->color.count_asked = (fixed & SVGAI_PARAM_COLORS) != 0;
}

/* Features from the cache when allowed, else extracted with the tier's
 * budget (and stored, when complete), then the class. */
static void
analyse (const Run *run, SvgaiTier budget_tier, SvgaiResult *r)
{
  SvgaiPerfScope stage;
  g_autoptr(GError) error = NULL;
  const char *hash = NULL;

  progress (run, SVGAI_STAGE_FEATURES);
  stage = svgai_perf_scope_begin (NULL, "features");
  if (run->o->use_cache)
    {
      SvgaiPerfScope s = svgai_perf_scope_begin (NULL, "hash");

      hash = svgai_image_get_hash (run->image);
      svgai_perf_scope_end (&s);
      if (svgai_feature_cache_lookup (svgai_feature_cache_get_default (), hash, &r->features) != SVGAI_CACHE_MISS)
        {
          /* The disk keeps the eight values; the size is the image's. */
          r->features.width = run->image->width;
          r->features.height = run->image->height;
          r->features_cached = TRUE;
        }
    }
  if (!r->features_cached)
    {
      SvgaiPerfScope s = svgai_perf_scope_begin (NULL, "features.extract");

      svgai_features_extract (run->image, features_budget_ms (run, budget_tier), &r->features);
      svgai_perf_scope_end (&s);
      if (hash != NULL)
        svgai_feature_cache_store (svgai_feature_cache_get_default (), hash, &r->features);
    }
  r->has_features = TRUE;
  r->stage_ms[SVGAI_STAGE_FEATURES] += svgai_perf_scope_end (&stage);

  progress (run, SVGAI_STAGE_CLASSIFY);
  stage = svgai_perf_scope_begin (NULL, "classify");
  /* Without its model the classifier still answers by rules. */
  if (!svgai_classify (&r->features, &r->classification, &error))
    g_debug ("classifier: %s; using the rules", error->message);
  r->classified = TRUE;
  r->stage_ms[SVGAI_STAGE_CLASSIFY] += svgai_perf_scope_end (&stage);
}

/* Runs the optimizer of `tier`, falling back to the fast tier when a model
 * cannot be loaded and to the defaults when even that fails. FALSE only
 * when cancelled. */
static gboolean
optimize_with_fallback (const Run *run, SvgaiTier tier, SvgaiResult *r, SvgaiOptimizeInfo *info,
                        SvgaiParams *chosen, GError **error)
{
  g_autoptr(GError) err = NULL;
  gboolean ok;

  info->predicted_ssim = NAN;
  ok = svgai_optimize_full (run->image, &r->features, r->classification.logo_class, tier, run->o->time_limit_s,
                            run->cancellable, chosen, info, &err);
  if (!ok && !g_error_matches (err, G_IO_ERROR, G_IO_ERROR_CANCELLED) && tier != SVGAI_TIER_FAST)
    {
      /* A model that cannot be loaded: the fast tier's table still works. */
      static gint warned = 0;

      /* Once per process, not once per image of a batch. */
      if (g_atomic_int_compare_and_exchange (&warned, 0, 1))
        g_warning ("optimizer (%s tier): %s; using the fast tier", svgai_tier_to_string (tier), err->message);
      g_clear_error (&err);
      svgai_optimize_info_clear (info);
      info->predicted_ssim = NAN;
      tier = SVGAI_TIER_FAST;
      ok = svgai_optimize_full (run->image, &r->features, r->classification.logo_class, tier, run->o->time_limit_s,
                                run->cancellable, chosen, info, &err);
    }
  if (!ok && g_error_matches (err, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&err));
      return FALSE;
    }
  if (!ok)
    {
      g_warning ("optimizer: %s; using the default parameters", err->message);
      svgai_params_init_default (chosen);
      tier = -1;
    }
  r->tier = tier;
  return TRUE;
}

/* Chooses params; keeps the optimizer's measured conversion in *traced when
 * it is what will be used. FALSE only when cancelled. */
static gboolean
optimize (const Run *run, SvgaiTier tier, SvgaiResult *r, SvgaiParams *params, SvgaiConversion **traced,
          GError **error)
{
  SvgaiPerfScope stage;
  SvgaiOptimizeInfo info = { 0 };
  SvgaiParams chosen;
  gboolean ok;

  progress (run, SVGAI_STAGE_OPTIMIZE);
  stage = svgai_perf_scope_begin (NULL, "optimize");
  ok = optimize_with_fallback (run, tier, r, &info, &chosen, error);
  r->stage_ms[SVGAI_STAGE_OPTIMIZE] += svgai_perf_scope_end (&stage);
  if (!ok)
    {
      svgai_optimize_info_clear (&info);
      return FALSE;
    }
  r->has_auto_params = TRUE;
  r->auto_params = chosen;
  r->candidates = info.candidates;
  r->traced = info.traced;
  *params = chosen;
  apply_fixed (params, &run->o->params, run->o->fixed);
  /* A compressed source (JPEG) fools the features (its noise looks like
   * shading): the palette's own count, which sees the denoised image (or
   * the image as given, when that traces closer: svgai_trace), is better
   * than the optimizer's (issue 14). */
  if (!(run->o->fixed & SVGAI_PARAM_COLORS) && params->colors != 0 && svgai_denoise_needed (run->image))
    params->colors = 0;
  if (svgai_params_equal (params, &chosen))
    {
      r->predicted_ssim = info.predicted_ssim;
      if (info.result != NULL && info.result->measured == run->o->measure)
        *traced = g_steal_pointer (&info.result);
    }
  svgai_optimize_info_clear (&info);
  return TRUE;
}

static void
record_conversion (SvgaiResult *r, const SvgaiConversion *c)
{
  r->stage_ms[SVGAI_STAGE_TRACE] = c->trace_ms;
  r->stage_ms[SVGAI_STAGE_WRITE] = c->write_ms;
  svgai_perf_record (NULL, "trace", c->trace_ms, 0);
  svgai_perf_record (NULL, "write", c->write_ms, 0);
  if (c->measured)
    {
      r->stage_ms[SVGAI_STAGE_RENDER] = c->render_ms;
      r->stage_ms[SVGAI_STAGE_QUALITY] = c->quality_ms;
      svgai_perf_record (NULL, "render", c->render_ms, 0);
      svgai_perf_record (NULL, "quality", c->quality_ms, 0);
    }
}

/* Trace, write and measure params into r: from the optimizer's search
 * (traced), the result cache, or a new conversion. */
static gboolean
convert (const Run *run, const SvgaiParams *params, SvgaiConversion *traced, SvgaiResult *r, GError **error)
{
  const SvgaiPipelineOptions *o = run->o;
  gboolean cache = o->use_cache && o->cache_results;
  SvgaiImage **render_out = o->keep_render && o->measure ? &r->render : NULL;

  r->conversion = traced;
  if (r->conversion == NULL && cache)
    r->conversion = svgai_result_cache_lookup (svgai_result_cache_get_default (), svgai_image_get_hash (run->image),
                                               svgai_image_is_lossy (run->image), params, o->measure);
  if (traced != NULL)
    record_conversion (r, traced);     /* traced in the optimizer's search */
  else if (r->conversion != NULL)
    r->trace_cached = TRUE;
  else
    {
      progress (run, SVGAI_STAGE_TRACE);
      r->conversion = svgai_convert (run->image, params, o->measure ? SVGAI_CONVERT_MEASURE : 0, run->cancellable,
                                     render_out, error);
      if (r->conversion == NULL)
        return FALSE;
      record_conversion (r, r->conversion);
      if (cache)
        svgai_result_cache_store (svgai_result_cache_get_default (), svgai_image_get_hash (run->image),
                                  svgai_image_is_lossy (run->image), params, r->conversion);
    }
  if (render_out != NULL && r->render == NULL)
    {
      SvgaiPerfScope s = svgai_perf_scope_begin (NULL, "render");

      r->render = svgai_render_vector (r->conversion->vector, run->image->width, run->image->height);
      r->stage_ms[SVGAI_STAGE_RENDER] = svgai_perf_scope_end (&s);
    }
  return TRUE;
}

static void
predict (SvgaiResult *r, const SvgaiParams *params)
{
  SVGAI_PERF_SCOPE ("predict");

  if (isnan (r->predicted_ssim))
    r->predicted_ssim = svgai_predict_ssim (&r->features, params);
}

/* The quick first result: the fast tier's choice, traced, handed to the
 * caller while the requested tier searches. */
static gboolean
provisional_pass (const Run *run, SvgaiResult *analysis, GError **error)
{
  g_autoptr(SvgaiResult) quick = svgai_result_new ();
  SvgaiConversion *traced = NULL;
  SvgaiParams params;

  quick->has_features = TRUE;
  quick->features = analysis->features;
  quick->features_cached = analysis->features_cached;
  quick->classified = TRUE;
  quick->classification = analysis->classification;
  memcpy (quick->stage_ms, analysis->stage_ms, sizeof quick->stage_ms);
  quick->provisional = TRUE;
  if (!optimize (run, SVGAI_TIER_FAST, quick, &params, &traced, error))
    return FALSE;
  predict (quick, &params);
  if (!convert (run, &params, traced, quick, error))
    return FALSE;
  run->o->provisional (quick, run->o->user_data);
  return TRUE;
}

/* Features and class; with a provisional callback, the fast tier's quick
 * result first, then the features its budget left estimated. */
static gboolean
analyse_all (const Run *run, SvgaiResult *r, GError **error)
{
  gboolean quick_first = run->o->provisional != NULL && run->tier != SVGAI_TIER_FAST &&
                         (run->o->fixed & SVGAI_PARAM_ALL) != SVGAI_PARAM_ALL;

  analyse (run, quick_first ? SVGAI_TIER_FAST : run->tier, r);
  if (!quick_first)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (run->cancellable, error) || !provisional_pass (run, r, error))
    return FALSE;
  if (features_budget_ms (run, run->tier) != features_budget_ms (run, SVGAI_TIER_FAST) &&
      svgai_features_any_estimated (&r->features))
    {
      r->features_cached = FALSE;
      analyse (run, run->tier, r);
    }
  return TRUE;
}

SvgaiResult *
svgai_pipeline_run (SvgaiImage *image,
                    const SvgaiPipelineOptions *options,
                    GCancellable *cancellable,
                    GError **error)
{
  SvgaiPerfScope whole = svgai_perf_scope_begin (NULL, "pipeline");
  g_autoptr(SvgaiResult) result = NULL;
  SvgaiConversion *traced = NULL;
  SvgaiParams params;
  Run run = { image, options, CLAMP (options->tier, 0, SVGAI_N_TIERS - 1), cancellable };

  g_return_val_if_fail (image != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if ((options->fixed & SVGAI_PARAM_ALL) != 0 && !svgai_params_validate (&options->params, error))
    return NULL;

  result = svgai_result_new ();
  if (!analyse_all (&run, result, error) || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if ((options->fixed & SVGAI_PARAM_ALL) == SVGAI_PARAM_ALL)
    {
      params = options->params;
      params.color.count_asked = TRUE;
    }
  else if (!optimize (&run, run.tier, result, &params, &traced, error))
    return NULL;
  predict (result, &params);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_clear_pointer (&traced, svgai_conversion_unref);
      return NULL;
    }
  if (!convert (&run, &params, traced, result, error))
    return NULL;
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

  g_return_val_if_fail (path != NULL && options != NULL, NULL);

  if (options->progress)
    options->progress (SVGAI_STAGE_LOAD, options->user_data);
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
