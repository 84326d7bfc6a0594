#include "svgai-model.h"
#include "svgai-model-private.h"

#include <math.h>
#include <string.h>
#include "svgai.h"
#include "svgai-models-resources.h"
#include "engine/svgai-params.h"

#define RESOURCE_PREFIX "/io/github/svgai/SvgAi/models/"

static const char *const input_names[SVGAI_MAX_INPUTS] = {
  /* features */
  "complexity_score", "log1p(unique_colors)", "sqrt(edge_density)", "log(aspect_ratio)",
  "fill_ratio", "entropy", "log1p(corner_density)", "log1p(100*gradient_strength)",
  "log2(size)",
  /* parameters */
  "colors_auto", "log2(colors)", "log2(color_deficit)", "log1p(speckle)", "smooth",
  "tolerance", "upsample",
};

const char *const *
svgai_model_input_names (guint *n)
{
  if (n)
    *n = SVGAI_MAX_INPUTS;
  return input_names;
}

void
svgai_model_feature_inputs (const SvgaiFeatures *f, double *x)
{
  x[0] = f->complexity_score;
  x[1] = log1p (f->unique_colors);
  x[2] = sqrt (MAX (0, f->edge_density));
  x[3] = log (MAX (1e-3, f->aspect_ratio));
  x[4] = f->fill_ratio;
  x[5] = f->entropy;
  x[6] = log1p (f->corner_density);
  x[7] = log1p (100 * f->gradient_strength);
  x[8] = log2 (MAX (1.0, sqrt ((double) MAX (1, f->width) * MAX (1, f->height))));
}

void
svgai_model_param_inputs (const SvgaiFeatures *f, const SvgaiParams *p, double *x)
{
  double colours = p->colors > 0 ? p->colors : CLAMP (f->unique_colors, 1, SVGAI_MAX_COLORS);
  int up = p->upsample > 0 ? p->upsample
                           : svgai_params_auto_upsample (MAX (1, f->width), MAX (1, f->height));

  x[0] = p->colors == 0;
  x[1] = log2 (colours);
  x[2] = log2 (MAX (1.0, f->unique_colors / colours));
  x[3] = log1p (p->speckle);
  x[4] = p->smooth;
  x[5] = p->tolerance;
  x[6] = up;
}

guint
svgai_basis_size (const SvgaiBasis *b)
{
  return b->n_inputs + (b->quadratic ? b->n_inputs * (b->n_inputs + 1) / 2 : 0);
}

void
svgai_basis_expand (const SvgaiBasis *b, const double *x, double *out)
{
  guint k = b->n_inputs;

  for (guint i = 0; i < b->n_inputs; i++)
    out[i] = (x[i] - b->mean[i]) / b->scale[i];
  if (b->quadratic)
    for (guint i = 0; i < b->n_inputs; i++)
      for (guint j = i; j < b->n_inputs; j++)
        out[k++] = out[i] * out[j];
}

double
svgai_linear_eval (const double *w, const double *z, guint n)
{
  double s = w[n];

  for (guint i = 0; i < n; i++)
    s += w[i] * z[i];
  return s;
}

double
svgai_classifier_model_predict (const SvgaiClassifierModel *m, const double *x,
                                double prob[SVGAI_N_LOGO_CLASSES])
{
  double z[SVGAI_MAX_EXPANDED], best = -INFINITY, sum = 0;
  guint n = svgai_basis_size (&m->basis);

  svgai_basis_expand (&m->basis, x, z);
  for (guint c = 0; c < m->n_classes; c++)
    {
      prob[c] = svgai_linear_eval (m->weights[c], z, n);
      best = MAX (best, prob[c]);
    }
  for (guint c = 0; c < m->n_classes; c++)
    sum += prob[c] = exp (prob[c] - best);
  for (guint c = 0; c < m->n_classes; c++)
    prob[c] /= sum;
  return best;
}

void
svgai_predictor_model_eval (const SvgaiPredictorModel *m, const SvgaiFeatures *f,
                            const SvgaiParams *p, double *ssim, double *log2_bytes)
{
  double x[SVGAI_MAX_INPUTS], z[SVGAI_MAX_EXPANDED], z0[SVGAI_MAX_EXPANDED];
  guint n = svgai_basis_size (&m->basis);
  SvgaiParams def;
  double t, lb;

  /* the absolute model at the default parameters, plus the relative
   * model's change from there */
  svgai_params_init_default (&def);
  svgai_model_feature_inputs (f, x);
  svgai_model_param_inputs (f, &def, x + SVGAI_N_FEATURE_INPUTS);
  svgai_basis_expand (&m->basis, x, z0);
  svgai_model_param_inputs (f, p, x + SVGAI_N_FEATURE_INPUTS);
  svgai_basis_expand (&m->basis, x, z);
  t = svgai_linear_eval (m->ssim_weights, z0, n) + svgai_linear_eval (m->ssim_delta_weights, z, n)
      - svgai_linear_eval (m->ssim_delta_weights, z0, n);
  lb = svgai_linear_eval (m->bytes_weights, z0, n) + svgai_linear_eval (m->bytes_delta_weights, z, n)
       - svgai_linear_eval (m->bytes_delta_weights, z0, n);
  if (ssim)
    *ssim = CLAMP (1.0 + 1e-4 - exp (t), 0.0, 1.0);
  if (log2_bytes)
    *log2_bytes = lb;
}

guint
svgai_complexity_bin (const SvgaiOptimizerModel *m, double complexity)
{
  guint b = 0;

  while (b < SVGAI_COMPLEXITY_BINS - 1 && complexity >= m->bin_edges[b])
    b++;
  return b;
}

typedef gboolean (*Loader) (GBytes *, const char *, gpointer, GError **);

static gboolean
load_all (const char *dir, SvgaiModels *models, GError **error)
{
  static const char *files[] = { "classifier.json", "predictor.json", "optimizer.json" };
  Loader loaders[] = { (Loader) svgai_classifier_model_read, (Loader) svgai_predictor_model_read,
                       (Loader) svgai_optimizer_model_read };
  gpointer targets[] = { &models->classifier, &models->predictor, &models->optimizer };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *name = NULL;
      g_autoptr(GError) local = NULL;

      if (dir)
        {
          g_autofree char *contents = NULL;
          gsize len;

          name = g_build_filename (dir, files[i], NULL);
          if (!g_file_get_contents (name, &contents, &len, &local))
            {
              g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_IO, "Could not read the model file %s: %s",
                           name, local->message);
              return FALSE;
            }
          bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
        }
      else
        {
          name = g_strconcat ("resource://" RESOURCE_PREFIX, files[i], NULL);
          bytes = g_resource_lookup_data (svgai_models_get_resource (), name + strlen ("resource://"),
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, &local);
          if (bytes == NULL)
            {
              g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_IO, "The model %s is not built in: %s",
                           name, local->message);
              return FALSE;
            }
        }
      if (!loaders[i] (bytes, name, targets[i], error))
        return FALSE;
    }
  return TRUE;
}

static SvgaiModels *models;
static GError *models_error;

const SvgaiModels *
svgai_models_get (GError **error)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      SvgaiModels *m = g_new0 (SvgaiModels, 1);
      const char *dir = g_getenv ("SVGAI_MODELS_DIR");

      /* The built-in ones as parsed at build time: json-glib took 4 ms. */
      if (dir && *dir ? load_all (dir, m, &models_error)
                      : svgai_models_builtin (m) || load_all (NULL, m, &models_error))
        models = m;
      else
        g_free (m);
      g_once_init_leave (&once, 1);
    }
  if (models == NULL && error)
    *error = g_error_copy (models_error);
  return models;
}

gboolean
svgai_models_ensure (GError **error)
{
  return svgai_models_get (error) != NULL;
}

gboolean
svgai_models_load_from_dir (const char *dir, GError **error)
{
  SvgaiModels *m = g_new0 (SvgaiModels, 1);

  svgai_models_get (NULL);   /* settle the once-only initialisation first */
  if (!load_all (dir, m, error))
    {
      g_free (m);
      return FALSE;
    }
  /* Replaced in place, so a reader still holding the pointer stays valid
   * (the models are plain numbers, no pointers); not leaking the old ones
   * keeps LeakSanitizer quiet in tests and the fuzzer that load many. */
  if (models == NULL)
    models = g_steal_pointer (&m);
  else
    {
      *models = *m;
      g_free (m);
    }
  g_clear_error (&models_error);
  return TRUE;
}
