#include "svgai-optimizer.h"
#include "svgai-model-private.h"

#include <math.h>
#include <string.h>
#include "svgai.h"
#include "svgai-predictor.h"

void
svgai_optimize_info_clear (SvgaiOptimizeInfo *info)
{
  g_return_if_fail (info != NULL);
  g_clear_pointer (&info->result, svgai_conversion_unref);
}

static double
objective (double ssim, double bytes)
{
  return ssim - SVGAI_OBJECTIVE_BYTES_WEIGHT * log2 (MAX (bytes, 1.0));
}

/* ---- fast ---- */

static void
optimize_fast (const SvgaiModels *models, const SvgaiFeatures *f, SvgaiLogoClass c, SvgaiParams *out)
{
  if (models == NULL)
    {
      svgai_params_init_default (out);
      return;
    }
  *out = models->optimizer.fast[c][svgai_complexity_bin (&models->optimizer, f->complexity_score)];
}

/* ---- balanced ---- */

/* Whether candidate k is predicted to be smaller than the defaults and no
 * worse in SSIM: the gain model predicts ΔSSIM − w·Δlog2 (bytes) and the
 * size model Δlog2 (bytes), so ΔSSIM is their sum with the weight put back.
 * Writes the predicted objective gain. */
static gboolean
eligible (const SvgaiOptimizerModel *m, guint k, const double *z, double *gain)
{
  guint n = svgai_basis_size (&m->basis);
  double size = svgai_linear_eval (m->size[k], z, n);

  *gain = svgai_linear_eval (m->gain[k], z, n);
  return size <= -SVGAI_PREDICTED_SIZE_MARGIN && *gain + m->bytes_weight * size >= 0;
}

int
svgai_balanced_pick (const SvgaiOptimizerModel *m, const double *z, const SvgaiParams *fast)
{
  double best = 0;   /* the defaults gain nothing over themselves */
  int pick = -1;

  /* Start from the fast tier's choice for this class and complexity (the
   * best on average for logos like this one), unless it is predicted to
   * lose here, and leave it only for a candidate predicted to do better
   * for this logo in particular. */
  for (guint k = 0; k < m->n_candidates; k++)
    if (svgai_params_equal (&m->candidates[k], fast) && eligible (m, k, z, &best))
      pick = (int) k;
  if (pick < 0)
    best = 0;
  for (guint k = 0; k < m->n_candidates; k++)
    {
      double gain;

      if (eligible (m, k, z, &gain) && gain > best + SVGAI_BALANCED_GAIN_MARGIN)
        {
          best = gain;
          pick = (int) k;
        }
    }
  return pick;
}

static double
optimize_balanced (const SvgaiModels *models, const SvgaiFeatures *f, SvgaiLogoClass c,
                   SvgaiParams *out, guint *n_candidates)
{
  const SvgaiOptimizerModel *om = &models->optimizer;
  double x[SVGAI_N_FEATURE_INPUTS], z[SVGAI_FEATURE_BASIS_SIZE];
  SvgaiParams fast;
  double ssim;
  int pick;

  optimize_fast (models, f, c, &fast);
  svgai_model_feature_inputs (f, x);
  svgai_basis_expand (&om->basis, x, z);
  pick = svgai_balanced_pick (om, z, &fast);
  if (pick >= 0)
    *out = om->candidates[pick];
  else
    svgai_params_init_default (out);
  *n_candidates = om->n_candidates + 1;
  svgai_predictor_model_eval (&models->predictor, f, out, &ssim, NULL);
  return ssim;
}

/* ---- quality: trace and measure, coordinate descent, all cores ---- */

typedef struct {
  SvgaiParams params;
  SvgaiConversion *result;
  double score;
  GError *error;
} Eval;

typedef struct {
  SvgaiImage *image;
  GCancellable *cancellable;
  GMutex lock;
  GCond done;
  guint pending;
} Search;

static void
eval_worker (gpointer data, gpointer user_data)
{
  Eval *e = data;
  Search *s = user_data;

  e->result = svgai_convert (s->image, &e->params, SVGAI_CONVERT_MEASURE, s->cancellable, NULL, &e->error);
  if (e->result)
    e->score = objective (e->result->quality.ssim, g_bytes_get_size (e->result->svg));
  else
    e->score = -INFINITY;
  g_mutex_lock (&s->lock);
  s->pending--;
  g_cond_signal (&s->done);
  g_mutex_unlock (&s->lock);
}

/* The search moves along these ladders, from the resolved parameters. */
static const double colour_steps[] = { 1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32 };
static const double speckle_steps[] = { 0, 1, 2, 4, 8 };
static const double smooth_steps[] = { 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0, 1.2, 1.334 };
static const double tolerance_steps[] = { 0.05, 0.1, 0.2, 0.3, 0.4, 0.6, 0.8 };
static const double upsample_steps[] = { 1, 2, 3, 4 };

/* The rungs reach steps away from v (and the nearest rung when v is
 * between rungs). */
static guint
rungs (const double *steps, guint n, double v, guint reach, double out[3])
{
  guint k = 0, m = 0;

  for (guint i = 1; i < n; i++)
    if (fabs (steps[i] - v) < fabs (steps[k] - v))
      k = i;
  if (fabs (steps[k] - v) > 1e-9)
    out[m++] = steps[k];
  if (k >= reach)
    out[m++] = steps[k - reach];
  if (k + reach < n)
    out[m++] = steps[k + reach];
  return m;
}

/* Parameter sets reach rungs away from p along each parameter. */
static guint
neighbours (const SvgaiParams *p, guint reach, SvgaiParams *out)
{
  static const struct { const char *name; const double *steps; guint n; } ladders[] = {
    { "colors", colour_steps, G_N_ELEMENTS (colour_steps) },
    { "speckle", speckle_steps, G_N_ELEMENTS (speckle_steps) },
    { "smooth", smooth_steps, G_N_ELEMENTS (smooth_steps) },
    { "tolerance", tolerance_steps, G_N_ELEMENTS (tolerance_steps) },
    { "upsample", upsample_steps, G_N_ELEMENTS (upsample_steps) },
  };
  guint n = 0;

  for (guint l = 0; l < G_N_ELEMENTS (ladders); l++)
    {
      double v[3];
      guint m = rungs (ladders[l].steps, ladders[l].n, svgai_params_get (p, ladders[l].name), reach, v);

      for (guint i = 0; i < m; i++)
        {
          out[n] = *p;
          svgai_params_set (&out[n], ladders[l].name, v[i]);
          n++;
        }
    }
  return n;
}

static gboolean
seen (GArray *done, const SvgaiParams *p)
{
  for (guint i = 0; i < done->len; i++)
    if (svgai_params_equal (&g_array_index (done, SvgaiParams, i), p))
      return TRUE;
  return FALSE;
}

static void
forward_cancel (GCancellable *cancellable, gpointer inner)
{
  g_cancellable_cancel (inner);
}

static gboolean
optimize_quality (SvgaiImage *image, const SvgaiModels *models, const SvgaiFeatures *f,
                  SvgaiLogoClass c, double time_limit_s, GCancellable *cancellable,
                  SvgaiParams *out, SvgaiOptimizeInfo *info, GError **error)
{
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + (gint64) (time_limit_s * G_USEC_PER_SEC);
  int threads = MAX (1, (int) g_get_num_processors ());
  /* the workers' own cancellable: the caller's, or the deadline */
  g_autoptr(GCancellable) inner = g_cancellable_new ();
  gulong handler = cancellable ? g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel),
                                                        g_object_ref (inner), g_object_unref) : 0;
  Search s = { image, inner };
  g_autoptr(GArray) done = g_array_new (FALSE, FALSE, sizeof (SvgaiParams));
  SvgaiParams batch[64];
  guint n_batch = 0, dummy, launched = 0;
  gsize ref_bytes = 0;   /* the defaults' size: no choice may be larger */
  guint reach = 1;
  Eval best = { .score = -INFINITY };
  double batch_us = 0;   /* slowest single evaluation so far */
  GThreadPool *pool;

  g_mutex_init (&s.lock);
  g_cond_init (&s.done);
  pool = g_thread_pool_new (eval_worker, &s, threads, FALSE, NULL);

  /* Start from the engine's defaults and what the cheaper tiers choose. */
  svgai_params_init_default (&batch[n_batch++]);
  optimize_fast (models, f, c, &batch[n_batch]);
  if (!svgai_params_equal (&batch[n_batch], &batch[0]))
    n_batch++;
  if (models)
    {
      optimize_balanced (models, f, c, &batch[n_batch], &dummy);
      if (!svgai_params_equal (&batch[n_batch], &batch[0]) &&
          !svgai_params_equal (&batch[n_batch], &batch[1]))
        n_batch++;
    }

  while (n_batch > 0)
    {
      Eval evals[64];
      gboolean improved = FALSE;
      gint64 t0 = g_get_monotonic_time ();

      memset (evals, 0, sizeof evals);
      s.pending = n_batch;
      for (guint i = 0; i < n_batch; i++)
        {
          evals[i].params = batch[i];
          g_array_append_val (done, batch[i]);
          launched++;
          g_thread_pool_push (pool, &evals[i], NULL);
        }
      /* At the deadline, abort what is still tracing (once there is a
       * result to fall back on: the first batch always completes). */
      g_mutex_lock (&s.lock);
      while (s.pending > 0)
        {
          if (best.result == NULL || g_get_monotonic_time () >= deadline)
            {
              if (best.result != NULL)
                g_cancellable_cancel (s.cancellable);
              g_cond_wait (&s.done, &s.lock);
            }
          else
            g_cond_wait_until (&s.done, &s.lock, deadline);
        }
      g_mutex_unlock (&s.lock);
      batch_us = MAX (batch_us, (g_get_monotonic_time () - t0) / (double) ((n_batch + threads - 1) / threads));

      for (guint i = 0; i < n_batch; i++)
        {
          if (evals[i].error)
            {
              if (best.result == NULL || g_error_matches (evals[i].error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
                {
                  /* keep the first error; report it only if nothing worked */
                  if (best.error == NULL)
                    best.error = g_steal_pointer (&evals[i].error);
                }
              g_clear_error (&evals[i].error);
              continue;
            }
          if (info)
            info->traced++;
          if (!seen (done, &evals[i].result->params))
            g_array_append_val (done, evals[i].result->params);
          /* the defaults (evaluated first) set the size limit */
          if (ref_bytes == 0 && svgai_params_equal (&evals[i].params, &batch[0]) && launched == n_batch)
            ref_bytes = g_bytes_get_size (evals[i].result->svg);
          /* a small margin so that noise does not walk the search */
          if (evals[i].score > best.score + (best.result ? 1e-5 : 0) &&
              (ref_bytes == 0 || g_bytes_get_size (evals[i].result->svg) <= ref_bytes || best.result == NULL))
            {
              g_clear_pointer (&best.result, svgai_conversion_unref);
              best.params = evals[i].params;
              best.score = evals[i].score;
              best.result = g_steal_pointer (&evals[i].result);
              improved = TRUE;
            }
          g_clear_pointer (&evals[i].result, svgai_conversion_unref);
        }

      if (g_cancellable_is_cancelled (inner))
        break;
      if (best.result == NULL)
        break;
      /* Nothing better one rung away: look two rungs away once, then stop. */
      if (!improved && reach == 2)
        {
          if (info)
            info->stopped_early = TRUE;
          break;
        }
      reach = improved ? 1 : 2;
      {
        SvgaiParams all[16];
        guint room;

        n_batch = 0;
        for (; reach <= 2 && n_batch == 0; reach++)
          {
            guint n_all = neighbours (&best.result->params, reach, all);

            for (guint i = 0; i < n_all; i++)
              if (!seen (done, &all[i]) && svgai_params_validate (&all[i], NULL))
                batch[n_batch++] = all[i];
          }
        reach--;
        if (n_batch == 0 && info)
          info->stopped_early = TRUE;
        /* only what is expected to finish before the deadline */
        room = (guint) MAX (0.0, (deadline - g_get_monotonic_time ()) / MAX (batch_us, 1.0)) * threads;
        n_batch = MIN (n_batch, room);
      }
    }

  g_thread_pool_free (pool, FALSE, TRUE);
  if (cancellable)
    g_cancellable_disconnect (cancellable, handler);
  g_mutex_clear (&s.lock);
  g_cond_clear (&s.done);
  if (info)
    info->candidates = launched;

  if (best.result == NULL || g_cancellable_is_cancelled (cancellable))
    {
      g_clear_pointer (&best.result, svgai_conversion_unref);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_clear_error (&best.error);
          return FALSE;
        }
      g_propagate_error (error, best.error);
      return FALSE;
    }
  g_clear_error (&best.error);
  *out = best.params;
  if (info)
    info->result = g_steal_pointer (&best.result);
  g_clear_pointer (&best.result, svgai_conversion_unref);
  return TRUE;
}

gboolean
svgai_optimize_full (SvgaiImage *image,
                     const SvgaiFeatures *features,
                     SvgaiLogoClass logo_class,
                     SvgaiTier tier,
                     double time_limit_s,
                     GCancellable *cancellable,
                     SvgaiParams *out,
                     SvgaiOptimizeInfo *info,
                     GError **error)
{
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(GError) model_error = NULL;
  const SvgaiModels *models;
  gboolean ok = TRUE;

  g_return_val_if_fail (features != NULL && out != NULL, FALSE);
  g_return_val_if_fail (logo_class < SVGAI_N_LOGO_CLASSES, FALSE);
  g_return_val_if_fail (tier < SVGAI_N_TIERS, FALSE);
  g_return_val_if_fail (tier != SVGAI_TIER_QUALITY || image != NULL, FALSE);

  if (info)
    {
      memset (info, 0, sizeof *info);
      info->predicted_ssim = NAN;
    }
  if (time_limit_s <= 0)
    time_limit_s = svgai_tier_get_time_limit (SVGAI_TIER_QUALITY);

  models = svgai_models_get (&model_error);
  switch (tier)
    {
    case SVGAI_TIER_FAST:
      optimize_fast (models, features, logo_class, out);
      if (info)
        info->candidates = 1;
      break;
    case SVGAI_TIER_BALANCED:
      if (models == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&model_error));
          return FALSE;
        }
      {
        guint n = 0;
        double p = optimize_balanced (models, features, logo_class, out, &n);

        if (info)
          {
            info->candidates = n;
            info->predicted_ssim = p;
          }
      }
      break;
    default:
      ok = optimize_quality (image, models, features, logo_class, time_limit_s, cancellable, out, info, error);
      break;
    }
  if (ok && info && models && isnan (info->predicted_ssim))
    info->predicted_ssim = svgai_predict_ssim (features, out);
  if (info)
    info->elapsed_ms = (g_get_monotonic_time () - t0) / 1000.0;
  return ok;
}

gboolean
svgai_optimize (SvgaiImage *image,
                const SvgaiFeatures *features,
                SvgaiLogoClass logo_class,
                SvgaiTier tier,
                double time_limit_s,
                GCancellable *cancellable,
                SvgaiParams *out,
                GError **error)
{
  return svgai_optimize_full (image, features, logo_class, tier, time_limit_s,
                              cancellable, out, NULL, error);
}
