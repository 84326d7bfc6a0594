#include "svgai-optimizer.h"
#include "svgai-model-private.h"

#include <math.h>
#include <string.h>
#include "svgai.h"
#include "svgai-predictor.h"
#include "engine/svgai-vector.h"

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

/* A logo of one colour has no anti-aliased edge between two colours for
 * the palette to unmix into a speck: its specks are artwork (the dots and
 * slits of Flask's engraving: dropping them cost it 0.006 of SSIM and a
 * quarter of its lost corners). The models never learnt it: the corpus's
 * one-colour logos have no specks. */
static void
keep_specks_of_one_colour (const SvgaiFeatures *f, SvgaiParams *p)
{
  if (f->unique_colors <= 1)
    p->speckle = 0;
}

/* ---- fast ---- */

/* The model's choice for this class and complexity. */
static void
fast_choice (const SvgaiModels *models, const SvgaiFeatures *f, SvgaiLogoClass c, SvgaiParams *out)
{
  if (models == NULL)
    svgai_params_init_default (out);
  else
    *out = models->optimizer.fast[c][svgai_complexity_bin (&models->optimizer, f->complexity_score)];
}

static void
optimize_fast (const SvgaiModels *models, const SvgaiFeatures *f, SvgaiLogoClass c, SvgaiParams *out)
{
  fast_choice (models, f, c, out);
  keep_specks_of_one_colour (f, out);
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

  fast_choice (models, f, c, &fast);
  svgai_model_feature_inputs (f, x);
  svgai_basis_expand (&om->basis, x, z);
  pick = svgai_balanced_pick (om, z, &fast);
  if (pick >= 0)
    *out = om->candidates[pick];
  else
    svgai_params_init_default (out);
  keep_specks_of_one_colour (f, out);
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
/* Smoothness no lower than 0.8: below it potrace's own corners multiply
 * and, kept by the tracer where the turn is sharp, facet curves a refitted
 * outline (svgai-refit.h) would draw smooth; its 1x SSIM gain is a hair. */
static const double smooth_steps[] = { 0.8, 1.0, 1.2, 1.334 };
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

/* A kink: a join of the outline turning by more than this, degrees (what
 * ../shared/tools/geometry.py counts as a corner). */
#define KINK_DEG 28.0

/* The quality tier's search state. */
typedef struct {
  Search s;
  GThreadPool *pool;
  int threads;
  gint64 deadline;
  GArray *done;          /* parameter sets already tried (or resolved to) */
  SvgaiParams batch[64];
  guint n_batch, launched;
  gsize ref_bytes;       /* the defaults' size: no choice may be larger */
  SvgaiParams balanced;  /* the balanced tier's choice, if there are models */
  gboolean has_balanced;
  gint ref_kinks;        /* its kinks: no choice may have more (-1: none yet) */
  GArray *ref_kink_at;   /* where they are: no choice may turn anywhere else */
  gint ref_colours;      /* its palette's colours: no choice may have fewer (-1: none yet) */
  gboolean best_within;  /* the best so far keeps to both limits */
  guint reach;
  Eval best;
  double batch_us;       /* slowest single evaluation so far */
  SvgaiOptimizeInfo *info;
} Quality;

/* Start from the engine's defaults and what the cheaper tiers choose. */
static void
first_batch (Quality *q, const SvgaiModels *models, const SvgaiFeatures *f, SvgaiLogoClass c)
{
  guint dummy;

  svgai_params_init_default (&q->batch[q->n_batch++]);
  optimize_fast (models, f, c, &q->batch[q->n_batch]);
  if (!svgai_params_equal (&q->batch[q->n_batch], &q->batch[0]))
    q->n_batch++;
  if (models)
    {
      gboolean fresh = TRUE;

      optimize_balanced (models, f, c, &q->batch[q->n_batch], &dummy);
      q->balanced = q->batch[q->n_batch];
      q->has_balanced = TRUE;
      /* Only against the sets already in the batch: when the fast tier
       * chose the defaults, batch[1] is this very set (the balanced choice
       * was then never traced, and its limits never set). */
      for (guint i = 0; i < q->n_batch; i++)
        fresh &= !svgai_params_equal (&q->batch[q->n_batch], &q->batch[i]);
      if (fresh)
        q->n_batch++;
    }
}

/* Traces the batch on the pool and waits for it. At the deadline, aborts
 * what is still tracing (once there is a result to fall back on: the first
 * batch always completes). */
static void
run_batch (Quality *q, Eval *evals)
{
  gint64 t0 = g_get_monotonic_time ();

  memset (evals, 0, sizeof (Eval) * q->n_batch);
  q->s.pending = q->n_batch;
  for (guint i = 0; i < q->n_batch; i++)
    {
      evals[i].params = q->batch[i];
      g_array_append_val (q->done, q->batch[i]);
      q->launched++;
      g_thread_pool_push (q->pool, &evals[i], NULL);
    }
  g_mutex_lock (&q->s.lock);
  while (q->s.pending > 0)
    {
      if (q->best.result == NULL || g_get_monotonic_time () >= q->deadline)
        {
          if (q->best.result != NULL)
            g_cancellable_cancel (q->s.cancellable);
          g_cond_wait (&q->s.done, &q->s.lock);
        }
      else
        g_cond_wait_until (&q->s.done, &q->s.lock, q->deadline);
    }
  g_mutex_unlock (&q->s.lock);
  q->batch_us = MAX (q->batch_us, (g_get_monotonic_time () - t0) /
                                  (double) ((q->n_batch + q->threads - 1) / q->threads));
}

static guint
kinks (const SvgaiConversion *result)
{
  return svgai_vector_count_kinks (result->vector, KINK_DEG);
}

/* A kink this far (px) from every one of the balanced choice's is a new one. */
#define KINK_MOVE_PX 1.5

/* Kinks of result that the balanced choice does not have: the same count
 * of kinks can still move corners to where the picture has none (flag-st,
 * Nightwatch: more false corners, fewer true ones). */
static guint
new_kinks (const Quality *q, const SvgaiConversion *result)
{
  g_autoptr(GArray) at = g_array_new (FALSE, FALSE, sizeof (SvgaiPoint));
  guint n = 0;

  svgai_vector_find_kinks (result->vector, KINK_DEG, at);
  for (guint i = 0; i < at->len; i++)
    {
      SvgaiPoint p = g_array_index (at, SvgaiPoint, i);
      gboolean known = FALSE;

      for (guint j = 0; j < q->ref_kink_at->len && !known; j++)
        {
          SvgaiPoint r = g_array_index (q->ref_kink_at, SvgaiPoint, j);
          known = hypot (p.x - r.x, p.y - r.y) <= KINK_MOVE_PX;
        }
      n += !known;
    }
  return n;
}

/* The limits the first batch sets: the defaults' size, and the balanced
 * tier's kinks (the quality tier must not facet what it would not) and
 * colours (nor merge brand colours it keeps apart: five colours scored
 * BrowserStack's nine a hair higher at 1×, as blends). */
static void
set_limits (Quality *q, const Eval *evals)
{
  if (q->launched != q->n_batch)
    return;
  for (guint i = 0; i < q->n_batch; i++)
    {
      const Eval *e = &evals[i];

      if (e->result == NULL)
        continue;
      if (q->ref_bytes == 0 && svgai_params_equal (&e->params, &q->batch[0]))
        q->ref_bytes = g_bytes_get_size (e->result->svg);
      if (q->ref_kinks < 0 && q->has_balanced && svgai_params_equal (&e->params, &q->balanced))
        {
          q->ref_kinks = (gint) svgai_vector_find_kinks (e->result->vector, KINK_DEG, q->ref_kink_at);
          q->ref_colours = (gint) e->result->vector->palette_colours;
        }
    }
}

/* Keeps the best evaluation of the batch; TRUE when it improved. */
static gboolean
absorb_batch (Quality *q, Eval *evals)
{
  gboolean improved = FALSE;

  set_limits (q, evals);
  for (guint i = 0; i < q->n_batch; i++)
    {
      Eval *e = &evals[i];
      gboolean within;

      if (e->error)
        {
          /* keep the first error; report it only if nothing worked */
          if ((q->best.result == NULL || g_error_matches (e->error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) &&
              q->best.error == NULL)
            q->best.error = g_steal_pointer (&e->error);
          g_clear_error (&e->error);
          continue;
        }
      if (q->info)
        q->info->traced++;
      if (!seen (q->done, &e->result->params))
        g_array_append_val (q->done, e->result->params);
      within = (q->ref_bytes == 0 || g_bytes_get_size (e->result->svg) <= q->ref_bytes) &&
               (q->ref_kinks < 0 || (kinks (e->result) <= (guint) q->ref_kinks &&
                                     new_kinks (q, e->result) == 0)) &&
               (q->ref_colours < 0 || e->result->vector->palette_colours >= (guint) q->ref_colours);
      /* Within the limits, the best score (a small margin so that noise
       * does not walk the search); outside them, only while there is
       * nothing else to fall back on. */
      if ((within && (!q->best_within || e->score > q->best.score + 1e-5)) ||
          (!within && q->best.result == NULL))
        {
          q->best_within = within;
          g_clear_pointer (&q->best.result, svgai_conversion_unref);
          q->best.params = e->params;
          q->best.score = e->score;
          q->best.result = g_steal_pointer (&e->result);
          improved = TRUE;
        }
      g_clear_pointer (&e->result, svgai_conversion_unref);
    }
  return improved;
}

/* The next batch: the untried neighbours of the best, one rung away after
 * an improvement, else two; only as many as should finish before the
 * deadline. FALSE when the search is over. */
static gboolean
next_batch (Quality *q, gboolean improved)
{
  SvgaiParams all[16];
  guint room;

  /* Nothing better one rung away: look two rungs away once, then stop. */
  if (!improved && q->reach == 2)
    {
      if (q->info)
        q->info->stopped_early = TRUE;
      return FALSE;
    }
  q->reach = improved ? 1 : 2;
  q->n_batch = 0;
  for (; q->reach <= 2 && q->n_batch == 0; q->reach++)
    {
      guint n_all = neighbours (&q->best.result->params, q->reach, all);

      for (guint i = 0; i < n_all; i++)
        if (!seen (q->done, &all[i]) && svgai_params_validate (&all[i], NULL))
          q->batch[q->n_batch++] = all[i];
    }
  q->reach--;
  if (q->n_batch == 0 && q->info)
    q->info->stopped_early = TRUE;
  room = (guint) MAX (0.0, (q->deadline - g_get_monotonic_time ()) / MAX (q->batch_us, 1.0)) * q->threads;
  q->n_batch = MIN (q->n_batch, room);
  return q->n_batch > 0;
}

static gboolean
optimize_quality (SvgaiImage *image, const SvgaiModels *models, const SvgaiFeatures *f,
                  SvgaiLogoClass c, double time_limit_s, GCancellable *cancellable,
                  SvgaiParams *out, SvgaiOptimizeInfo *info, GError **error)
{
  /* the workers' own cancellable: the caller's, or the deadline */
  g_autoptr(GCancellable) inner = g_cancellable_new ();
  gulong handler = cancellable ? g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel),
                                                        g_object_ref (inner), g_object_unref) : 0;
  Quality q = {
    .s = { image, inner },
    .threads = MAX (1, (int) g_get_num_processors ()),
    .deadline = g_get_monotonic_time () + (gint64) (time_limit_s * G_USEC_PER_SEC),
    .done = g_array_new (FALSE, FALSE, sizeof (SvgaiParams)),
    .reach = 1,
    .best = { .score = -INFINITY },
    .ref_kinks = -1,
    .ref_kink_at = g_array_new (FALSE, FALSE, sizeof (SvgaiPoint)),
    .ref_colours = -1,
    .info = info,
  };

  g_mutex_init (&q.s.lock);
  g_cond_init (&q.s.done);
  q.pool = g_thread_pool_new (eval_worker, &q.s, q.threads, FALSE, NULL);

  first_batch (&q, models, f, c);
  while (q.n_batch > 0)
    {
      Eval evals[64];
      gboolean improved;

      run_batch (&q, evals);
      improved = absorb_batch (&q, evals);
      if (g_cancellable_is_cancelled (inner) || q.best.result == NULL || !next_batch (&q, improved))
        break;
    }

  g_thread_pool_free (q.pool, FALSE, TRUE);
  if (cancellable)
    g_cancellable_disconnect (cancellable, handler);
  g_mutex_clear (&q.s.lock);
  g_cond_clear (&q.s.done);
  g_array_unref (q.done);
  g_array_unref (q.ref_kink_at);
  if (info)
    info->candidates = q.launched;

  if (q.best.result == NULL || g_cancellable_is_cancelled (cancellable))
    {
      g_clear_pointer (&q.best.result, svgai_conversion_unref);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_clear_error (&q.best.error);
          return FALSE;
        }
      g_propagate_error (error, q.best.error);
      return FALSE;
    }
  g_clear_error (&q.best.error);
  *out = q.best.params;
  if (info)
    info->result = g_steal_pointer (&q.best.result);
  g_clear_pointer (&q.best.result, svgai_conversion_unref);
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
