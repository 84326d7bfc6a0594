/* The classifier: multinomial logistic regression by full-batch gradient
 * descent with momentum, and its held-out figures beside the rules'. */

#include "svgai-train-private.h"

#include <math.h>
#include <string.h>

static void
train_classifier (GArray *items, SvgaiClassifierModel *m, gboolean quadratic)
{
  guint n_train = 0, dim;
  g_autofree double *x = NULL, *z = NULL, *grad = NULL, *vel = NULL;
  g_autofree int *y = NULL;
  double w[SVGAI_N_LOGO_CLASSES][SVGAI_MAX_EXPANDED + 1] = { { 0 } };
  const double lambda = 1e-3, rate = 0.5, momentum = 0.9;

  for (guint i = 0; i < items->len; i++)
    n_train += !g_array_index (items, Item, i).test;
  x = g_new (double, (gsize) n_train * SVGAI_N_FEATURE_INPUTS);
  y = g_new (int, n_train);
  for (guint i = 0, r = 0; i < items->len; i++)
    {
      Item *it = &g_array_index (items, Item, i);

      if (it->test)
        continue;
      svgai_model_feature_inputs (&it->features, x + (gsize) r * SVGAI_N_FEATURE_INPUTS);
      y[r++] = it->label;
    }
  svgai_train_standardise (&m->basis, SVGAI_N_FEATURE_INPUTS, x, n_train, quadratic);
  dim = svgai_basis_size (&m->basis);
  z = g_new (double, (gsize) n_train * dim);
  for (guint r = 0; r < n_train; r++)
    svgai_basis_expand (&m->basis, x + (gsize) r * SVGAI_N_FEATURE_INPUTS, z + (gsize) r * dim);

  grad = g_new (double, SVGAI_N_LOGO_CLASSES * (dim + 1));
  vel = g_new0 (double, SVGAI_N_LOGO_CLASSES * (dim + 1));
  for (int iter = 0; iter < 3000; iter++)
    {
      memset (grad, 0, sizeof (double) * SVGAI_N_LOGO_CLASSES * (dim + 1));
      for (guint r = 0; r < n_train; r++)
        {
          const double *zr = z + (gsize) r * dim;
          double p[SVGAI_N_LOGO_CLASSES], best = -INFINITY, sum = 0;

          for (guint c = 0; c < SVGAI_N_LOGO_CLASSES; c++)
            {
              p[c] = svgai_linear_eval (w[c], zr, dim);
              best = MAX (best, p[c]);
            }
          for (guint c = 0; c < SVGAI_N_LOGO_CLASSES; c++)
            sum += p[c] = exp (p[c] - best);
          for (guint c = 0; c < SVGAI_N_LOGO_CLASSES; c++)
            {
              double e = p[c] / sum - (y[r] == (int) c);
              double *g = grad + c * (dim + 1);

              for (guint j = 0; j < dim; j++)
                g[j] += e * zr[j];
              g[dim] += e;
            }
        }
      for (guint c = 0; c < SVGAI_N_LOGO_CLASSES; c++)
        for (guint j = 0; j <= dim; j++)
          {
            double g = grad[c * (dim + 1) + j] / n_train + (j < dim ? lambda * w[c][j] : 0);
            double *v = &vel[c * (dim + 1) + j];

            *v = momentum * *v - rate * g;
            w[c][j] += *v;
          }
    }
  m->n_classes = SVGAI_N_LOGO_CLASSES;
  memcpy (m->weights, w, sizeof w);
}

static void
confusion_report (GString *report, const char *title, guint cm[SVGAI_N_LOGO_CLASSES][SVGAI_N_LOGO_CLASSES])
{
  guint right = 0, total = 0;

  for (guint a = 0; a < SVGAI_N_LOGO_CLASSES; a++)
    for (guint b = 0; b < SVGAI_N_LOGO_CLASSES; b++)
      {
        total += cm[a][b];
        right += a == b ? cm[a][b] : 0;
      }
  g_string_append_printf (report, "%s: held-out accuracy %.1f %% (%u/%u)\n", title,
                          total ? 100.0 * right / total : 0, right, total);
  g_string_append (report, "  true \\ predicted   simple     text gradient  complex\n");
  for (guint a = 0; a < SVGAI_N_LOGO_CLASSES; a++)
    {
      g_string_append_printf (report, "  %-18s", svgai_logo_class_to_string (a));
      for (guint b = 0; b < SVGAI_N_LOGO_CLASSES; b++)
        g_string_append_printf (report, " %8u", cm[a][b]);
      g_string_append (report, "\n");
    }
}

static double
evaluate_classifier (GArray *items, const SvgaiClassifierModel *m, GString *report)
{
  guint cm[SVGAI_N_LOGO_CLASSES][SVGAI_N_LOGO_CLASSES] = { { 0 } };
  guint rules[SVGAI_N_LOGO_CLASSES][SVGAI_N_LOGO_CLASSES] = { { 0 } };
  guint right = 0, total = 0;

  for (guint i = 0; i < items->len; i++)
    {
      Item *it = &g_array_index (items, Item, i);
      double x[SVGAI_N_FEATURE_INPUTS], p[SVGAI_N_LOGO_CLASSES];
      SvgaiClassification rc;
      guint best = 0;

      if (!it->test)
        continue;
      svgai_model_feature_inputs (&it->features, x);
      svgai_classifier_model_predict (m, x, p);
      for (guint c = 1; c < SVGAI_N_LOGO_CLASSES; c++)
        if (p[c] > p[best])
          best = c;
      cm[it->label][best]++;
      right += best == it->label;
      total++;
      svgai_classify_rules (&it->features, &rc);
      rules[it->label][rc.logo_class]++;
    }
  if (report)
    {
      confusion_report (report, "classifier (logistic regression)", cm);
      confusion_report (report, "classifier (rules)", rules);
    }
  return total ? right / (double) total : 0;
}

/* Linear first; the quadratic expansion when it does better on the training
 * data's own held-out split is not used, to keep the choice honest: we
 * always ship the quadratic model and report both. */
double
svgai_train_classifier (GArray *items, SvgaiClassifierModel *m, GString *report)
{
  SvgaiClassifierModel lin = { 0 };
  double acc;

  train_classifier (items, &lin, FALSE);
  acc = evaluate_classifier (items, &lin, NULL);
  g_string_append_printf (report, "classifier (linear inputs only): held-out accuracy %.1f %%\n", 100 * acc);
  train_classifier (items, m, TRUE);
  return evaluate_classifier (items, m, report);
}
