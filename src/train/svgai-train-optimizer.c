/* The optimizer's tiers, fitted on logos traced with every candidate.
 * The balanced tier's mapping: per candidate, a ridge regression from the
 * features to its objective gain over the defaults (and to its change in
 * size). The fast tier's table: per class and complexity bin, the
 * candidate with the best mean measured gain there. */

#include "svgai-train-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ai/svgai-optimizer.h"

/* The runs of image s: one per candidate, in grid order, the defaults first. */
static const Run *
image_runs (GArray *runs, guint n_candidates, guint s)
{
  return &g_array_index (runs, Run, s * n_candidates);
}

static gboolean
is_test (GArray *items, const Run *r0)
{
  return g_array_index (items, Item, r0->item).test;
}

/* Of run k over the defaults' (run 0), as measured; a failed run counts as
 * a loss: the objective's gain, the change in log2 (bytes) and in SSIM. */
static double
gain_over_defaults (const Run *r0, guint k)
{
  return r0[k].ok && r0[0].ok ? svgai_train_run_objective (&r0[k]) - svgai_train_run_objective (&r0[0]) : -1;
}

static double
size_change (const Run *r0, guint k)
{
  return r0[k].ok && r0[0].ok ? log2 (MAX (1.0, r0[k].bytes)) - log2 (MAX (1.0, r0[0].bytes)) : 1;
}

static double
ssim_change (const Run *r0, guint k)
{
  return r0[k].ok && r0[0].ok ? r0[k].ssim - r0[0].ssim : -1;
}

/* The features of the training logos, standardised into om's basis and
 * expanded: rows × svgai_basis_size () values, returned with rows. */
static double *
feature_rows (GArray *items, GArray *runs, guint nc, SvgaiOptimizerModel *om, guint *rows_out)
{
  guint n_images = runs->len / nc, rows = 0, dim;
  g_autofree double *x = g_new (double, (gsize) n_images * SVGAI_N_FEATURE_INPUTS);
  double *z;

  for (guint s = 0; s < n_images; s++)
    {
      const Run *r0 = image_runs (runs, nc, s);

      if (!is_test (items, r0))
        svgai_model_feature_inputs (&g_array_index (items, Item, r0->item).features,
                                    x + (gsize) rows++ * SVGAI_N_FEATURE_INPUTS);
    }
  svgai_train_standardise (&om->basis, SVGAI_N_FEATURE_INPUTS, x, rows, TRUE);
  dim = svgai_basis_size (&om->basis);
  z = g_new (double, (gsize) rows * dim);
  for (guint r = 0; r < rows; r++)
    svgai_basis_expand (&om->basis, x + (gsize) r * SVGAI_N_FEATURE_INPUTS, z + (gsize) r * dim);
  *rows_out = rows;
  return z;
}

/* The balanced tier's regressions. The defaults (candidate 0) are skipped:
 * their gain is 0 by definition, so the model's candidate k is run k + 1. */
static void
fit_balanced (GArray *items, GArray *runs, guint nc, SvgaiOptimizerModel *om)
{
  guint rows, dim;
  g_autofree double *z = feature_rows (items, runs, nc, om, &rows);
  g_autofree double *t = g_new (double, rows);
  g_autofree double *tb = g_new (double, rows);

  dim = svgai_basis_size (&om->basis);
  om->n_candidates = nc - 1;
  for (guint k = 1; k < nc; k++)
    {
      guint r = 0;

      for (guint s = 0; s < runs->len / nc; s++)
        {
          const Run *r0 = image_runs (runs, nc, s);

          if (is_test (items, r0))
            continue;
          t[r] = gain_over_defaults (r0, k);
          tb[r++] = size_change (r0, k);
        }
      /* strong shrinkage: a candidate must earn its place */
      svgai_train_ridge_fit (z, t, rows, dim, 0.1, om->gain[k - 1]);
      svgai_train_ridge_fit (z, tb, rows, dim, 0.1, om->size[k - 1]);
      om->candidates[k - 1] = om->candidates[k];
    }
}

/* The fast tier's table: in each cell, the candidate with the best mean
 * gain among those smaller than the defaults and no worse in SSIM, on
 * average in the cell. After fit_balanced(): run k is the model's
 * candidate k − 1. */
static void
fit_fast (GArray *items, GArray *runs, guint nc, SvgaiOptimizerModel *om)
{
  double sums[SVGAI_N_LOGO_CLASSES][SVGAI_COMPLEXITY_BINS][SVGAI_MAX_CANDIDATES] = { { { 0 } } };
  double size_sums[SVGAI_N_LOGO_CLASSES][SVGAI_COMPLEXITY_BINS][SVGAI_MAX_CANDIDATES] = { { { 0 } } };
  double ssim_sums[SVGAI_N_LOGO_CLASSES][SVGAI_COMPLEXITY_BINS][SVGAI_MAX_CANDIDATES] = { { { 0 } } };
  guint n_cell[SVGAI_N_LOGO_CLASSES][SVGAI_COMPLEXITY_BINS] = { { 0 } };

  for (guint s = 0; s < runs->len / nc; s++)
    {
      const Run *r0 = image_runs (runs, nc, s);
      Item *it = &g_array_index (items, Item, r0->item);
      guint bin = svgai_complexity_bin (om, it->features.complexity_score);

      if (it->test)
        continue;
      n_cell[it->label][bin]++;
      for (guint k = 0; k < nc; k++)
        {
          sums[it->label][bin][k] += gain_over_defaults (r0, k);
          size_sums[it->label][bin][k] += size_change (r0, k);
          ssim_sums[it->label][bin][k] += ssim_change (r0, k);
        }
    }
  for (guint c = 0; c < SVGAI_N_LOGO_CLASSES; c++)
    for (guint b = 0; b < SVGAI_COMPLEXITY_BINS; b++)
      {
        guint best = 0;

        for (guint k = 1; k < nc; k++)
          if (sums[c][b][k] > sums[c][b][best] && size_sums[c][b][k] <= -SVGAI_PREDICTED_SIZE_MARGIN * n_cell[c][b] &&
              ssim_sums[c][b][k] >= 0)
            best = k;
        svgai_params_init_default (&om->fast[c][b]);
        if (best > 0)
          om->fast[c][b] = om->candidates[best - 1];
      }
}

static int
cmp_doubles (const double *a, const double *b)
{
  return *a < *b ? -1 : *a > *b;
}

/* Sorts a. */
static double
median_of (GArray *a)
{
  qsort (a->data, a->len, sizeof (double), (int (*) (const void *, const void *)) cmp_doubles);
  return a->len ? g_array_index (a, double, a->len / 2) : NAN;
}

/* The balanced choice, the fast choice and the best candidate (an oracle)
 * against the defaults, as measured on the held-out logos. */
static void
report_heldout (GArray *items, GArray *runs, guint nc, const SvgaiOptimizerModel *om, GString *report)
{
  g_autoptr(GArray) b_def = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) b_bal = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) b_fast = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) b_orc = g_array_new (FALSE, FALSE, sizeof (double));
  double s_def = 0, s_bal = 0, s_fast = 0, s_orc = 0;

  for (guint s = 0; s < runs->len / nc; s++)
    {
      const Run *r0 = image_runs (runs, nc, s);
      Item *it = &g_array_index (items, Item, r0->item);
      double xx[SVGAI_N_FEATURE_INPUTS], zz[SVGAI_FEATURE_BASIS_SIZE];
      guint kb = 0, kf = 0, ko = 0;
      const SvgaiParams *fp;

      if (!it->test)
        continue;
      svgai_model_feature_inputs (&it->features, xx);
      svgai_basis_expand (&om->basis, xx, zz);
      fp = &om->fast[it->label][svgai_complexity_bin (om, it->features.complexity_score)];
      for (guint k = 0; k < nc; k++)
        {
          if (svgai_params_equal (&r0[k].params, fp))
            kf = k;
          if (r0[k].ok && svgai_train_run_objective (&r0[k]) > svgai_train_run_objective (&r0[ko]))
            ko = k;
        }
      /* runs are in grid order: candidate k of the model is run k + 1 */
      kb = (guint) (svgai_balanced_pick (om, zz, fp) + 1);
      s_def += r0[0].ssim;
      s_bal += r0[kb].ssim;
      s_fast += r0[kf].ssim;
      s_orc += r0[ko].ssim;
      g_array_append_val (b_def, r0[0].bytes);
      g_array_append_val (b_bal, r0[kb].bytes);
      g_array_append_val (b_fast, r0[kf].bytes);
      g_array_append_val (b_orc, r0[ko].bytes);
    }
  if (b_def->len)
    g_string_append_printf (report,
                            "optimizer, %u held-out logos traced with all %u candidates (mean SSIM, median bytes):\n"
                            "  defaults %.4f %.0f; fast %.4f %.0f; balanced %.4f %.0f; best candidate %.4f %.0f\n",
                            b_def->len, nc,
                            s_def / b_def->len, median_of (b_def), s_fast / b_def->len, median_of (b_fast),
                            s_bal / b_def->len, median_of (b_bal), s_orc / b_def->len, median_of (b_orc));
}

void
svgai_train_optimizer (GArray *items, GArray *runs, const SvgaiParams *candidates, guint n_candidates,
                       SvgaiOptimizerModel *m, GString *report)
{
  m->bin_edges[0] = 0.25;
  m->bin_edges[1] = 0.5;
  m->bytes_weight = SVGAI_OBJECTIVE_BYTES_WEIGHT;
  memcpy (m->candidates, candidates, sizeof (SvgaiParams) * n_candidates);
  fit_balanced (items, runs, n_candidates, m);
  fit_fast (items, runs, n_candidates, m);
  report_heldout (items, runs, n_candidates, m, report);
}
