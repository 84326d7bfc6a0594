#include "svgai-train.h"

#include <errno.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include "ai/svgai-classifier.h"
#include "engine/svgai-error.h"
#include "ai/svgai-features.h"
#include "ai/svgai-model-private.h"
#include "ai/svgai-optimizer.h"
#include "runtime/svgai-pipeline.h"

/* Training is plain full-batch optimisation in a fixed order, so that the
 * same corpus always gives byte-identical model files. */

typedef struct {
  char *name;
  SvgaiLogoClass label;
  gboolean test;
  SvgaiFeatures features;
} Item;

typedef struct {
  guint item;
  SvgaiParams params;
  double ssim;
  double bytes;
  gboolean ok;
} Run;

static void
item_clear (gpointer data)
{
  Item *it = data;
  g_free (it->name);
}

/* ---- corpus ---- */

static GArray *
load_corpus (const char *dir, gboolean verbose, GCancellable *cancellable, GError **error)
{
  g_autofree char *path = g_build_filename (dir, "labels.tsv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (Item));

  g_array_set_clear_func (items, item_clear);
  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] && *lines[i]; i++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[i], "\t", -1);
      g_autofree char *png = NULL;
      g_autoptr(SvgaiImage) image = NULL;
      Item it = { 0 };

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (g_strv_length (cols) < 3 || !svgai_logo_class_from_string (cols[1], &it.label))
        {
          g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_CORRUPT, "%s: line %u is not name, label, split", path, i + 1);
          return NULL;
        }
      png = g_strdup_printf ("%s/%s.png", dir, cols[0]);
      image = svgai_image_new_from_file (png, NULL, cancellable, error);
      if (image == NULL)
        return NULL;
      it.name = g_strdup (cols[0]);
      it.test = g_strcmp0 (cols[2], "test") == 0;
      svgai_features_extract (image, 0, &it.features);
      g_array_append_val (items, it);
    }
  if (verbose)
    g_printerr ("train: %u corpus images, features extracted\n", items->len);
  return g_steal_pointer (&items);
}

/* ---- linear algebra ---- */

static void
standardise (SvgaiBasis *b, guint n_inputs, const double *x, guint n_rows, gboolean quadratic)
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
static void
ridge_fit (const double *z, const double *t, guint rows, guint m, double lambda, double *w)
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

/* ---- classifier: multinomial logistic regression ---- */

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
  standardise (&m->basis, SVGAI_N_FEATURE_INPUTS, x, n_train, quadratic);
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

/* ---- predictor: runs over parameter sets ---- */

static const double grid_colors[] = { 0, 0, 2, 3, 4, 6, 8, 12, 16, 24, 32 };
static const double grid_speckle[] = { 0, 1, 2, 4, 8 };
static const double grid_smooth[] = { 0.6, 0.8, 1.0, 1.1, 1.2 };
static const double grid_tolerance[] = { 0.1, 0.2, 0.3, 0.4, 0.6 };
static const double grid_upsample[] = { 0, 0, 1, 2, 3, 4 };

#define PICK(r, a) ((a)[g_rand_int_range ((r), 0, G_N_ELEMENTS (a))])

static void
random_params (GRand *r, SvgaiParams *p)
{
  svgai_params_init_default (p);
  p->colors = (int) PICK (r, grid_colors);
  p->speckle = (int) PICK (r, grid_speckle);
  p->smooth = PICK (r, grid_smooth);
  p->tolerance = PICK (r, grid_tolerance);
  p->upsample = (int) PICK (r, grid_upsample);
}

typedef struct {
  const char *dir;
  GArray *items;
  Run *runs;
  guint runs_per_image;
  GCancellable *cancellable;
  gint done;
  gboolean verbose;
  guint total;
} RunJob;

static void
run_worker (gpointer data, gpointer user_data)
{
  RunJob *job = user_data;
  Run *runs = data;
  Item *it = &g_array_index (job->items, Item, runs[0].item);
  g_autofree char *png = g_strdup_printf ("%s/%s.png", job->dir, it->name);
  g_autoptr(SvgaiImage) image = svgai_image_new_from_file (png, NULL, NULL, NULL);
  int done;

  for (guint k = 0; k < job->runs_per_image && image; k++)
    {
      g_autoptr(SvgaiResult) res = NULL;

      if (g_cancellable_is_cancelled (job->cancellable))
        break;
      res = svgai_convert (image, &runs[k].params, SVGAI_CONVERT_MEASURE, job->cancellable, NULL);
      if (res)
        {
          runs[k].ssim = res->quality.ssim;
          runs[k].bytes = g_bytes_get_size (res->svg);
          runs[k].ok = TRUE;
        }
    }
  done = g_atomic_int_add (&job->done, 1) + 1;
  if (job->verbose && done % 50 == 0)
    g_printerr ("train: traced %d/%u images\n", done, job->total);
}

/* The traced runs, saved beside the corpus so that models can be refitted
 * without tracing again. */
static void
save_runs (const char *path, GArray *runs)
{
  g_autoptr(GString) s = g_string_new ("item\tcolors\tspeckle\tsmooth\ttolerance\tupsample\tok\tssim\tbytes\n");

  for (guint i = 0; i < runs->len; i++)
    {
      Run *r = &g_array_index (runs, Run, i);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (s, "%u\t%d\t%d\t%.4f\t%.4f\t%d\t%d\t", r->item, r->params.colors,
                              r->params.speckle, r->params.smooth, r->params.tolerance, r->params.upsample, r->ok);
      g_string_append_printf (s, "%s\t%.0f\n", g_ascii_dtostr (buf, sizeof buf, r->ssim), r->bytes);
    }
  g_file_set_contents (path, s->str, -1, NULL);
}

static gboolean
load_runs (const char *path, GArray *runs)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  if (g_strv_length (lines) < runs->len + 1)
    return FALSE;
  for (guint i = 0; i < runs->len; i++)
    {
      g_auto(GStrv) c = g_strsplit (lines[i + 1], "\t", -1);
      Run *r = &g_array_index (runs, Run, i);

      if (g_strv_length (c) < 9 || (guint) atoi (c[0]) != r->item || atoi (c[1]) != r->params.colors ||
          atoi (c[2]) != r->params.speckle || atoi (c[5]) != r->params.upsample)
        return FALSE;
      r->ok = atoi (c[6]);
      r->ssim = g_ascii_strtod (c[7], NULL);
      r->bytes = g_ascii_strtod (c[8], NULL);
    }
  return TRUE;
}

static int
cmp_doubles (const double *a, const double *b)
{
  return *a < *b ? -1 : *a > *b;
}

static double
ssim_target (double ssim)
{
  return log (1.0 + 1e-4 - MIN (ssim, 1.0));
}

/* The balanced tier's candidates: the defaults (first), a grid over the
 * parameters that trade size for fidelity, and a few colour limits. The
 * upsampling stays automatic: a fixed factor means more for a 128 px corpus
 * logo than for a 1024 px one, so a factor learned on the corpus would not
 * carry over to other sizes (it chose 4× for 256 px logos, +10 % bytes). */
static guint
candidate_grid (SvgaiParams *out)
{
  static const double smooth[] = { 0.4, 0.6, 1.0 };
  static const double tolerance[] = { 0.2, 0.3, 0.4, 0.5 };
  static const int speckle[] = { 0, 2 };
  static const int colors[] = { 6, 16, 32 };
  guint n = 0;

  svgai_params_init_default (&out[n++]);
  for (guint b = 0; b < G_N_ELEMENTS (smooth); b++)
    for (guint c = 0; c < G_N_ELEMENTS (tolerance); c++)
      for (guint d = 0; d < G_N_ELEMENTS (speckle); d++)
        {
          svgai_params_init_default (&out[n]);
          out[n].smooth = smooth[b];
          out[n].tolerance = tolerance[c];
          out[n].speckle = speckle[d];
          if (!svgai_params_equal (&out[n], &out[0]))
            n++;
        }
  for (guint a = 0; a < G_N_ELEMENTS (colors); a++)
    {
      svgai_params_init_default (&out[n]);
      out[n++].colors = colors[a];
    }
  g_assert (n <= SVGAI_MAX_CANDIDATES);
  return n;
}

/* Traces every run (grouped by image: starts holds each image's first run),
 * one image per core, or reads them back from path. */
static gboolean
trace_runs (const SvgaiTrainOptions *opt, GArray *items, GArray *runs, GArray *starts, guint per_image,
            const char *path, GCancellable *cancellable, GError **error)
{
  RunJob job = { opt->corpus_dir, items, (Run *) (gpointer) runs->data, per_image, cancellable, 0,
                 opt->verbose, starts->len };
  GThreadPool *pool;

  if (opt->reuse_runs && load_runs (path, runs))
    {
      if (opt->verbose)
        g_printerr ("train: reusing the runs in %s\n", path);
      return TRUE;
    }
  /* each conversion also traces its layers in parallel */
  pool = g_thread_pool_new (run_worker, &job, MAX (1, (int) g_get_num_processors ()), FALSE, NULL);
  for (guint s = 0; s < starts->len; s++)
    g_thread_pool_push (pool, job.runs + g_array_index (starts, guint, s), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  save_runs (path, runs);
  return TRUE;
}

static double
run_objective (const Run *r)
{
  return r->ssim - SVGAI_OBJECTIVE_BYTES_WEIGHT * log2 (MAX (1.0, r->bytes));
}

static double
median_of (GArray *a)
{
  qsort (a->data, a->len, sizeof (double), (int (*) (const void *, const void *)) cmp_doubles);
  return a->len ? g_array_index (a, double, a->len / 2) : NAN;
}

gboolean
svgai_train (const SvgaiTrainOptions *opt,
             GString *report,
             GCancellable *cancellable,
             GError **error)
{
  g_autoptr(GArray) items = NULL;
  SvgaiModels *models = g_new0 (SvgaiModels, 1);
  g_autofree SvgaiModels *models_owner = models;
  guint n_pred = opt->predictor_images ? opt->predictor_images : 600;
  guint k_runs = opt->runs_per_image ? opt->runs_per_image : 12;
  g_autoptr(GArray) runs = g_array_new (FALSE, TRUE, sizeof (Run));
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  double acc;
  g_autofree char *runs_path = NULL;

  runs_path = g_strdup_printf ("%s/runs-%u-%u.tsv", opt->corpus_dir, n_pred, k_runs);
  if (g_mkdir_with_parents (opt->models_dir, 0755) != 0)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_IO, "Could not create %s: %s", opt->models_dir, g_strerror (errno));
      return FALSE;
    }
  items = load_corpus (opt->corpus_dir, opt->verbose, cancellable, error);
  if (items == NULL)
    return FALSE;

  /* classifier: linear first; the quadratic expansion when it does better
   * on the training data's own held-out split is not used, to keep the
   * choice honest: we always ship the quadratic model and report both. */
  {
    SvgaiClassifierModel lin = { 0 };

    train_classifier (items, &lin, FALSE);
    acc = evaluate_classifier (items, &lin, NULL);
    g_string_append_printf (report, "classifier (linear inputs only): held-out accuracy %.1f %%\n", 100 * acc);
    train_classifier (items, &models->classifier, TRUE);
    acc = evaluate_classifier (items, &models->classifier, report);
  }

  /* predictor runs: the first n_pred training images and a fifth as many
   * held-out ones, each traced with k_runs parameter sets (the defaults
   * first, then random ones from a grid, seeded by the image's index). */
  {
    guint n_train = 0, n_test = 0;

    for (guint i = 0; i < items->len; i++)
      {
        Item *it = &g_array_index (items, Item, i);
        GRand *r;

        if (it->test ? n_test >= MAX (1, n_pred / 4) : n_train >= n_pred)
          continue;
        if (it->test)
          n_test++;
        else
          n_train++;
        g_array_append_val (starts, runs->len);
        r = g_rand_new_with_seed (i * 2654435761u + 17);
        for (guint k = 0; k < k_runs; k++)
          {
            Run run = { .item = i };

            if (k == 0)
              svgai_params_init_default (&run.params);
            else
              random_params (r, &run.params);
            g_array_append_val (runs, run);
          }
        g_rand_free (r);
      }
    if (!trace_runs (opt, items, runs, starts, k_runs, runs_path, cancellable, error))
      return FALSE;
  }

  /* predictor fit */
  {
    guint rows = 0, dim, ok_train = 0;
    g_autofree double *x = NULL, *z = NULL, *t_ssim = NULL, *t_bytes = NULL;
    SvgaiPredictorModel *pm = &models->predictor;
    double mae = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, mae_b = 0;
    guint n_eval = 0;

    x = g_new (double, (gsize) runs->len * SVGAI_MAX_INPUTS);
    for (guint i = 0; i < runs->len; i++)
      {
        Run *run = &g_array_index (runs, Run, i);
        Item *it = &g_array_index (items, Item, run->item);

        if (!run->ok || it->test)
          continue;
        svgai_model_feature_inputs (&it->features, x + (gsize) ok_train * SVGAI_MAX_INPUTS);
        svgai_model_param_inputs (&it->features, &run->params,
                                  x + (gsize) ok_train * SVGAI_MAX_INPUTS + SVGAI_N_FEATURE_INPUTS);
        ok_train++;
      }
    standardise (&pm->basis, SVGAI_MAX_INPUTS, x, ok_train, TRUE);
    dim = svgai_basis_size (&pm->basis);
    z = g_new (double, (gsize) ok_train * dim);
    t_ssim = g_new (double, ok_train);
    t_bytes = g_new (double, ok_train);
    for (guint i = 0; i < runs->len; i++)
      {
        Run *run = &g_array_index (runs, Run, i);

        if (!run->ok || g_array_index (items, Item, run->item).test)
          continue;
        svgai_basis_expand (&pm->basis, x + (gsize) rows * SVGAI_MAX_INPUTS, z + (gsize) rows * dim);
        t_ssim[rows] = ssim_target (run->ssim);
        t_bytes[rows] = log2 (MAX (1.0, run->bytes));
        rows++;
      }
    ridge_fit (z, t_ssim, rows, dim, 1e-3, pm->ssim_weights);
    ridge_fit (z, t_bytes, rows, dim, 1e-3, pm->bytes_weights);

    /* the relative models, on runs paired with their image's default run
     * (the first of its runs) */
    {
      guint d_rows = 0, r = 0;
      g_autofree double *dz = g_new (double, (gsize) rows * dim);
      g_autofree double *d_ssim = g_new (double, rows);
      g_autofree double *d_bytes = g_new (double, rows);
      Run *base = NULL;
      double base_t = 0, base_b = 0;
      SvgaiParams def;

      svgai_params_init_default (&def);

      for (guint i = 0; i < runs->len; i++)
        {
          Run *run = &g_array_index (runs, Run, i);

          if (!run->ok || g_array_index (items, Item, run->item).test)
            continue;
          if (base == NULL || base->item != run->item)
            {
              base = svgai_params_equal (&run->params, &def) ? run : NULL;
              base_t = t_ssim[r];
              base_b = t_bytes[r];
            }
          if (run != base && base != NULL)
            {
              memcpy (dz + (gsize) d_rows * dim, z + (gsize) r * dim, sizeof (double) * dim);
              d_ssim[d_rows] = t_ssim[r] - base_t;
              d_bytes[d_rows] = t_bytes[r] - base_b;
              d_rows++;
            }
          r++;
        }
      ridge_fit (dz, d_ssim, d_rows, dim, 1e-3, pm->ssim_delta_weights);
      ridge_fit (dz, d_bytes, d_rows, dim, 1e-3, pm->bytes_delta_weights);
    }

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

  /* optimizer: n_cand training logos and a quarter as many held-out ones,
   * each traced with every candidate. The balanced tier's mapping: per
   * candidate, a ridge regression from the features to its objective gain
   * over the defaults. The fast tier's table: per class and complexity bin,
   * the candidate with the best mean measured gain there. */
  {
    SvgaiOptimizerModel *om = &models->optimizer;
    guint n_cand = MAX (4, n_pred / 2), n_train = 0, n_test = 0, nc, dim;
    g_autoptr(GArray) cruns = g_array_new (FALSE, TRUE, sizeof (Run));
    g_autoptr(GArray) cstarts = g_array_new (FALSE, FALSE, sizeof (guint));
    g_autofree char *cpath = g_strdup_printf ("%s/runs-candidates-%u.tsv", opt->corpus_dir, n_cand);
    double sums[SVGAI_N_LOGO_CLASSES][SVGAI_COMPLEXITY_BINS][SVGAI_MAX_CANDIDATES] = { { { 0 } } };
    g_autofree double *x = NULL, *z = NULL, *t = NULL, *tb = NULL;
    double size_sums[SVGAI_N_LOGO_CLASSES][SVGAI_COMPLEXITY_BINS][SVGAI_MAX_CANDIDATES] = { { { 0 } } };
    double ssim_sums[SVGAI_N_LOGO_CLASSES][SVGAI_COMPLEXITY_BINS][SVGAI_MAX_CANDIDATES] = { { { 0 } } };
    guint n_cell[SVGAI_N_LOGO_CLASSES][SVGAI_COMPLEXITY_BINS] = { { 0 } };
    guint rows = 0;

    om->bin_edges[0] = 0.25;
    om->bin_edges[1] = 0.5;
    om->bytes_weight = SVGAI_OBJECTIVE_BYTES_WEIGHT;
    nc = candidate_grid (om->candidates);
    for (guint i = 0; i < items->len; i++)
      {
        Item *it = &g_array_index (items, Item, i);

        /* other logos than the predictor's, from the end of the corpus */
        it = &g_array_index (items, Item, items->len - 1 - i);
        if (it->test ? n_test >= MAX (1, n_cand / 4) : n_train >= n_cand)
          continue;
        if (it->test)
          n_test++;
        else
          n_train++;
        g_array_append_val (cstarts, cruns->len);
        for (guint k = 0; k < nc; k++)
          {
            Run run = { .item = items->len - 1 - i, .params = om->candidates[k] };
            g_array_append_val (cruns, run);
          }
      }
    if (!trace_runs (opt, items, cruns, cstarts, nc, cpath, cancellable, error))
      return FALSE;

    /* features of the training logos, standardised */
    x = g_new (double, (gsize) n_train * SVGAI_N_FEATURE_INPUTS);
    for (guint s = 0; s < cstarts->len; s++)
      {
        Run *r0 = &g_array_index (cruns, Run, g_array_index (cstarts, guint, s));
        Item *it = &g_array_index (items, Item, r0->item);

        if (!it->test)
          svgai_model_feature_inputs (&it->features, x + (gsize) rows++ * SVGAI_N_FEATURE_INPUTS);
      }
    standardise (&om->basis, SVGAI_N_FEATURE_INPUTS, x, rows, TRUE);
    dim = svgai_basis_size (&om->basis);
    z = g_new (double, (gsize) rows * dim);
    t = g_new (double, rows);
    tb = g_new (double, rows);
    for (guint r = 0; r < rows; r++)
      svgai_basis_expand (&om->basis, x + (gsize) r * SVGAI_N_FEATURE_INPUTS, z + (gsize) r * dim);

    /* skip the defaults (candidate 0): their gain is 0 by definition */
    om->n_candidates = nc - 1;
    for (guint k = 1; k < nc; k++)
      {
        guint r = 0;

        for (guint s = 0; s < cstarts->len; s++)
          {
            Run *r0 = &g_array_index (cruns, Run, g_array_index (cstarts, guint, s));

            if (g_array_index (items, Item, r0->item).test)
              continue;
            t[r] = r0[k].ok && r0[0].ok ? run_objective (&r0[k]) - run_objective (&r0[0]) : -1;
            tb[r++] = r0[k].ok && r0[0].ok ? log2 (MAX (1.0, r0[k].bytes)) - log2 (MAX (1.0, r0[0].bytes)) : 1;
          }
        /* strong shrinkage: a candidate must earn its place */
        ridge_fit (z, t, rows, dim, 0.1, om->gain[k - 1]);
        ridge_fit (z, tb, rows, dim, 0.1, om->size[k - 1]);
        om->candidates[k - 1] = om->candidates[k];
      }
    for (guint s = 0; s < cstarts->len; s++)
      {
        Run *r0 = &g_array_index (cruns, Run, g_array_index (cstarts, guint, s));
        Item *it = &g_array_index (items, Item, r0->item);
        guint bin = svgai_complexity_bin (om, it->features.complexity_score);

        if (it->test)
          continue;
        n_cell[it->label][bin]++;
        for (guint k = 0; k < nc; k++)
          {
            sums[it->label][bin][k] += r0[k].ok && r0[0].ok ? run_objective (&r0[k]) - run_objective (&r0[0]) : -1;
            size_sums[it->label][bin][k] += r0[k].ok && r0[0].ok ? log2 (MAX (1.0, r0[k].bytes)) - log2 (MAX (1.0, r0[0].bytes)) : 1;
            ssim_sums[it->label][bin][k] += r0[k].ok && r0[0].ok ? r0[k].ssim - r0[0].ssim : -1;
          }
      }
    /* smaller than the defaults and no worse in SSIM, on average in the cell */
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

    /* held-out: the balanced choice, the fast choice and the best candidate
     * (an oracle) against the defaults, as measured */
    {
      g_autoptr(GArray) b_def = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) b_bal = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) b_fast = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) b_orc = g_array_new (FALSE, FALSE, sizeof (double));
      double s_def = 0, s_bal = 0, s_fast = 0, s_orc = 0;

      for (guint s = 0; s < cstarts->len; s++)
        {
          Run *r0 = &g_array_index (cruns, Run, g_array_index (cstarts, guint, s));
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
              if (r0[k].ok && run_objective (&r0[k]) > run_objective (&r0[ko]))
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
  }

  /* write */
  {
    g_autofree char *classifier = g_build_filename (opt->models_dir, "classifier.json", NULL);
    g_autofree char *predictor = g_build_filename (opt->models_dir, "predictor.json", NULL);
    g_autofree char *optimizer = g_build_filename (opt->models_dir, "optimizer.json", NULL);

    return svgai_classifier_model_write (&models->classifier, acc, classifier, error) &&
           svgai_predictor_model_write (&models->predictor, predictor, error) &&
           svgai_optimizer_model_write (&models->optimizer, optimizer, error);
  }
}
