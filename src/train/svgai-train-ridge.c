/* The linear algebra of the fits: standardising inputs, and ridge
 * regression (least squares with an L2 penalty) by Cholesky. */

#include "svgai-train-private.h"

#include <math.h>
#include <string.h>

void
svgai_train_standardise (SvgaiBasis *b, guint n_inputs, const double *x, guint n_rows, gboolean quadratic)
{
  b->n_inputs = n_inputs;
  b->quadratic = quadratic;
  for (guint j = 0; j < n_inputs; j++)
    {
      double s = 0, s2 = 0;

      for (guint i = 0; i < n_rows; i++)
        s += x[(gsize) i * n_inputs + j];
      s /= n_rows;
      for (guint i = 0; i < n_rows; i++)
        {
          double d = x[(gsize) i * n_inputs + j] - s;
          s2 += d * d;
        }
      b->mean[j] = s;
      b->scale[j] = sqrt (s2 / n_rows) > 1e-9 ? sqrt (s2 / n_rows) : 1.0;
    }
}

/* Solves (A + lambda I) w = y for symmetric positive definite A, n × n,
 * by Cholesky; A is overwritten. The last coordinate (the bias) is not
 * regularised. */
static gboolean
ridge_solve (double *a, double *y, guint n, double lambda)
{
  for (guint i = 0; i + 1 < n; i++)
    a[(gsize) i * n + i] += lambda;
  for (guint j = 0; j < n; j++)
    {
      double d = a[(gsize) j * n + j];

      for (guint k = 0; k < j; k++)
        d -= a[(gsize) j * n + k] * a[(gsize) j * n + k];
      if (d <= 0)
        return FALSE;
      d = sqrt (d);
      a[(gsize) j * n + j] = d;
      for (guint i = j + 1; i < n; i++)
        {
          double s = a[(gsize) i * n + j];

          for (guint k = 0; k < j; k++)
            s -= a[(gsize) i * n + k] * a[(gsize) j * n + k];
          a[(gsize) i * n + j] = s / d;
        }
    }
  for (guint i = 0; i < n; i++)
    {
      double s = y[i];
      for (guint k = 0; k < i; k++)
        s -= a[(gsize) i * n + k] * y[k];
      y[i] = s / a[(gsize) i * n + i];
    }
  for (guint i = n; i-- > 0;)
    {
      double s = y[i];
      for (guint k = i + 1; k < n; k++)
        s -= a[(gsize) k * n + i] * y[k];
      y[i] = s / a[(gsize) i * n + i];
    }
  return TRUE;
}

/* Least squares of targets on rows z (each m values; a bias is added). */
void
svgai_train_ridge_fit (const double *z, const double *t, guint rows, guint m, double lambda, double *w)
{
  guint n = m + 1;
  g_autofree double *a = g_new0 (double, (gsize) n * n);
  g_autofree double *row = g_new (double, n);

  memset (w, 0, sizeof (double) * n);
  for (guint r = 0; r < rows; r++)
    {
      memcpy (row, z + (gsize) r * m, sizeof (double) * m);
      row[m] = 1;
      for (guint i = 0; i < n; i++)
        {
          w[i] += row[i] * t[r];
          for (guint j = 0; j <= i; j++)
            a[(gsize) i * n + j] += row[i] * row[j];
        }
    }
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < i; j++)
      a[(gsize) j * n + i] = a[(gsize) i * n + j];
  if (!ridge_solve (a, w, n, lambda * rows))
    g_warning ("ridge system not positive definite");
}
