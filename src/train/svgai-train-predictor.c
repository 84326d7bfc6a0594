/* The quality predictor: ridge regressions from the features and the
 * parameters to the SSIM and the size of the traced runs, absolute at the
 * defaults and relative to them, and their held-out figures. */

#include "svgai-train-private.h"

#include <math.h>
#include <string.h>

/* The rows of the fit: the successful runs on training images. */
typedef struct {
  guint rows, dim;
  double *z;         /* rows × dim expanded inputs */
  double *t_ssim;    /* ssim_target () */
  double *t_bytes;   /* log2 (bytes) */
} Rows;

static void
rows_clear (Rows *r)
{
  g_free (r->z);
  g_free (r->t_ssim);
  g_free (r->t_bytes);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Rows, rows_clear)

static gboolean
is_training_run (GArray *items, const Run *run)
{
  return run->ok && !g_array_index (items, Item, run->item).test;
}

static double
ssim_target (double ssim)
{
  return log (1.0 + 1e-4 - MIN (ssim, 1.0));
}

/* Standardises the inputs of the rows into pm's basis, expands them and
 * fits the absolute models on them. */
static void
fit_absolute (GArray *items, GArray *runs, SvgaiPredictorModel *pm, Rows *out)
{
  guint rows = 0, dim, ok_train = 0;
  g_autofree double *x = g_new (double, (gsize) runs->len * SVGAI_MAX_INPUTS);

  for (guint i = 0; i < runs->len; i++)
    {
      Run *run = &g_array_index (runs, Run, i);
      Item *it = &g_array_index (items, Item, run->item);

      if (!is_training_run (items, run))
        continue;
      svgai_model_feature_inputs (&it->features, x + (gsize) ok_train * SVGAI_MAX_INPUTS);
      svgai_model_param_inputs (&it->features, &run->params,
                                x + (gsize) ok_train * SVGAI_MAX_INPUTS + SVGAI_N_FEATURE_INPUTS);
      ok_train++;
    }
  svgai_train_standardise (&pm->basis, SVGAI_MAX_INPUTS, x, ok_train, TRUE);
  /* Where the model has seen data: the range of each feature input. */
  pm->has_range = ok_train > 0;
  for (guint j = 0; j < SVGAI_N_FEATURE_INPUTS; j++)
    {
      pm->range_min[j] = G_MAXDOUBLE;
      pm->range_max[j] = -G_MAXDOUBLE;
      for (guint i = 0; i < ok_train; i++)
        {
          pm->range_min[j] = MIN (pm->range_min[j], x[(gsize) i * SVGAI_MAX_INPUTS + j]);
          pm->range_max[j] = MAX (pm->range_max[j], x[(gsize) i * SVGAI_MAX_INPUTS + j]);
        }
    }
  dim = svgai_basis_size (&pm->basis);
  out->z = g_new (double, (gsize) ok_train * dim);
  out->t_ssim = g_new (double, ok_train);
  out->t_bytes = g_new (double, ok_train);
  for (guint i = 0; i < runs->len; i++)
    {
      Run *run = &g_array_index (runs, Run, i);

      if (!is_training_run (items, run))
        continue;
      svgai_basis_expand (&pm->basis, x + (gsize) rows * SVGAI_MAX_INPUTS, out->z + (gsize) rows * dim);
      out->t_ssim[rows] = ssim_target (run->ssim);
      out->t_bytes[rows] = log2 (MAX (1.0, run->bytes));
      rows++;
    }
  out->rows = rows;
  out->dim = dim;
  svgai_train_ridge_fit (out->z, out->t_ssim, rows, dim, 1e-3, pm->ssim_weights);
  svgai_train_ridge_fit (out->z, out->t_bytes, rows, dim, 1e-3, pm->bytes_weights);
}

/* The relative models, on runs paired with their image's default run (the
 * first of its runs). */
static void
fit_relative (GArray *items, GArray *runs, const Rows *fit, SvgaiPredictorModel *pm)
{
  guint d_rows = 0, r = 0, dim = fit->dim;
  g_autofree double *dz = g_new (double, (gsize) fit->rows * dim);
  g_autofree double *d_ssim = g_new (double, fit->rows);
  g_autofree double *d_bytes = g_new (double, fit->rows);
  Run *base = NULL;
  double base_t = 0, base_b = 0;
  SvgaiParams def;

  svgai_params_init_default (&def);

  for (guint i = 0; i < runs->len; i++)
    {
      Run *run = &g_array_index (runs, Run, i);

      if (!is_training_run (items, run))
        continue;
      if (base == NULL || base->item != run->item)
        {
          base = svgai_params_equal (&run->params, &def) ? run : NULL;
          base_t = fit->t_ssim[r];
          base_b = fit->t_bytes[r];
        }
      if (run != base && base != NULL)
        {
          memcpy (dz + (gsize) d_rows * dim, fit->z + (gsize) r * dim, sizeof (double) * dim);
          d_ssim[d_rows] = fit->t_ssim[r] - base_t;
          d_bytes[d_rows] = fit->t_bytes[r] - base_b;
          d_rows++;
        }
      r++;
    }
  svgai_train_ridge_fit (dz, d_ssim, d_rows, dim, 1e-3, pm->ssim_delta_weights);
  svgai_train_ridge_fit (dz, d_bytes, d_rows, dim, 1e-3, pm->bytes_delta_weights);
}

/* On the successful runs of held-out images. */
static void
report_heldout (GArray *items, GArray *runs, const SvgaiPredictorModel *pm, guint rows, GString *report)
{
  double mae = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, mae_b = 0;
  guint n_eval = 0;

  for (guint i = 0; i < runs->len; i++)
    {
      Run *run = &g_array_index (runs, Run, i);
      Item *it = &g_array_index (items, Item, run->item);
      double ps, pb;

      if (!run->ok || !it->test)
        continue;
      svgai_predictor_model_eval (pm, &it->features, &run->params, &ps, &pb);
      mae += fabs (ps - run->ssim);
      mae_b += fabs (pb - log2 (MAX (1.0, run->bytes)));
      sx += ps; sy += run->ssim; sxx += ps * ps; syy += run->ssim * run->ssim; sxy += ps * run->ssim;
      n_eval++;
    }
  if (n_eval > 0)
    {
      double cov = sxy / n_eval - sx / n_eval * sy / n_eval;
      double vx = sxx / n_eval - sx / n_eval * sx / n_eval, vy = syy / n_eval - sy / n_eval * sy / n_eval;

      g_string_append_printf (report,
                              "predictor: %u training runs, %u held-out runs: SSIM MAE %.4f, "
                              "Pearson r %.3f; size MAE %.2f× (log2 %.3f)\n",
                              rows, n_eval, mae / n_eval, cov / sqrt (MAX (vx * vy, 1e-30)),
                              exp2 (mae_b / n_eval), mae_b / n_eval);
    }
}

void
svgai_train_predictor (GArray *items, GArray *runs, SvgaiPredictorModel *m, GString *report)
{
  g_auto(Rows) fit = { 0 };

  fit_absolute (items, runs, m, &fit);
  fit_relative (items, runs, &fit, m);
  report_heldout (items, runs, m, fit.rows, report);
}
