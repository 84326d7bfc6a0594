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
  "fill_ratio", "entropy", "log1p(corner_density)", "log1p(1000*gradient_strength)",
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
  x[7] = log1p (1000 * f->gradient_strength);
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

/* ---- JSON ---- */

JsonNode *
svgai_doubles_to_json (const double *v, guint n)
{
  JsonArray *a = json_array_sized_new (n);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < n; i++)
    json_array_add_double_element (a, v[i]);
  json_node_take_array (node, a);
  return node;
}

JsonNode *
svgai_params_to_json (const SvgaiParams *p)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  guint n;
  const SvgaiParamSpec *specs = svgai_params_get_specs (&n);

  json_builder_begin_object (b);
  for (guint i = 0; i < n; i++)
    {
      json_builder_set_member_name (b, specs[i].name);
      if (specs[i].is_integer)
        json_builder_add_int_value (b, (gint64) svgai_params_get (p, specs[i].name));
      else
        json_builder_add_double_value (b, svgai_params_get (p, specs[i].name));
    }
  json_builder_set_member_name (b, "layering");
  json_builder_add_string_value (b, svgai_layering_to_string (p->layering));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* json-glib's typed getters complain (g_return_val_if_fail) about a member
 * or element that is missing or of another type: a damaged model file must
 * only fail to load, so these return NULL or FALSE instead. */
static JsonObject *
node_object (JsonNode *n)
{
  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static JsonArray *
node_array (JsonNode *n)
{
  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

static const char *
node_string (JsonNode *n)
{
  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
         ? json_node_get_string (n) : NULL;
}

static gboolean
node_number (JsonNode *n, double *out)
{
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) ||
      (json_node_get_value_type (n) != G_TYPE_DOUBLE && json_node_get_value_type (n) != G_TYPE_INT64))
    return FALSE;
  *out = json_node_get_double (n);
  return TRUE;
}

gboolean
svgai_params_from_json (JsonNode *node, SvgaiParams *p, const char *where, GError **error)
{
  JsonObject *o;
  guint n;
  const SvgaiParamSpec *specs = svgai_params_get_specs (&n);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_CORRUPT, "%s: parameters must be an object", where);
      return FALSE;
    }
  o = json_node_get_object (node);
  svgai_params_init_default (p);
  for (guint i = 0; i < n; i++)
    if (json_object_has_member (o, specs[i].name))
      {
        double v;

        if (!node_number (json_object_get_member (o, specs[i].name), &v))
          {
            g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_CORRUPT, "%s: %s is not a number", where,
                         specs[i].name);
            return FALSE;
          }
        svgai_params_set (p, specs[i].name, v);
      }
  if (json_object_has_member (o, "layering") &&
      !svgai_layering_from_string (node_string (json_object_get_member (o, "layering")), &p->layering))
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_CORRUPT, "%s: unknown layering", where);
      return FALSE;
    }
  if (!svgai_params_validate (p, error))
    {
      /* The message must name the damaged file (found by fuzz-json). */
      g_prefix_error (error, "%s: ", where);
      return FALSE;
    }
  return TRUE;
}

void
svgai_basis_to_json (const SvgaiBasis *b, JsonBuilder *builder, guint first_input)
{
  json_builder_set_member_name (builder, "inputs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < b->n_inputs; i++)
    json_builder_add_string_value (builder, input_names[first_input + i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "mean");
  json_builder_add_value (builder, svgai_doubles_to_json (b->mean, b->n_inputs));
  json_builder_set_member_name (builder, "scale");
  json_builder_add_value (builder, svgai_doubles_to_json (b->scale, b->n_inputs));
  json_builder_set_member_name (builder, "quadratic");
  json_builder_add_boolean_value (builder, b->quadratic);
}

static gboolean
corrupt (GError **error, const char *file, const char *what)
{
  g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_CORRUPT,
               "The model file %s is damaged or from another version: %s", file, what);
  return FALSE;
}

static gboolean
read_doubles (JsonObject *o, const char *member, double *out, guint n, const char *file, GError **error)
{
  JsonArray *a;

  a = node_array (json_object_get_member (o, member));
  if (a == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("“%s” is missing", member);
      return corrupt (error, file, msg);
    }
  if (json_array_get_length (a) != n)
    {
      g_autofree char *msg = g_strdup_printf ("“%s” has %u values, not %u", member,
                                              json_array_get_length (a), n);
      return corrupt (error, file, msg);
    }
  for (guint i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (a, i);

      if (!node_number (e, &out[i]))
        {
          g_autofree char *msg = g_strdup_printf ("“%s” holds a value that is not a number", member);
          return corrupt (error, file, msg);
        }
    }
  return TRUE;
}

static gboolean
read_number (JsonObject *o, const char *member, double *out, const char *file, GError **error)
{
  JsonNode *n = json_object_get_member (o, member);

  if (!node_number (n, out))
    {
      g_autofree char *msg = g_strdup_printf ("“%s” is missing or not a number", member);
      return corrupt (error, file, msg);
    }
  return TRUE;
}

static gboolean
read_basis (JsonObject *o, SvgaiBasis *b, guint first_input, guint n_inputs, const char *file, GError **error)
{
  JsonArray *names;

  names = node_array (json_object_get_member (o, "inputs"));
  if (names == NULL)
    return corrupt (error, file, "“inputs” is missing");
  if (json_array_get_length (names) != n_inputs)
    return corrupt (error, file, "it expects other inputs");
  for (guint i = 0; i < n_inputs; i++)
    if (g_strcmp0 (node_string (json_array_get_element (names, i)), input_names[first_input + i]) != 0)
      return corrupt (error, file, "it expects other inputs");
  b->n_inputs = n_inputs;
  {
    JsonNode *q = json_object_get_member (o, "quadratic");

    b->quadratic = q != NULL && JSON_NODE_HOLDS_VALUE (q) &&
                   json_node_get_value_type (q) == G_TYPE_BOOLEAN && json_node_get_boolean (q);
  }
  if (!read_doubles (o, "mean", b->mean, n_inputs, file, error) ||
      !read_doubles (o, "scale", b->scale, n_inputs, file, error))
    return FALSE;
  for (guint i = 0; i < n_inputs; i++)
    if (!(b->scale[i] > 0))
      return corrupt (error, file, "a scale is not positive");
  return TRUE;
}

static JsonObject *
parse (GBytes *bytes, JsonParser *parser, const char *file, const char *kind, GError **error)
{
  g_autoptr(GError) local = NULL;
  JsonNode *root;
  JsonObject *o;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &local))
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_CORRUPT, "The model file %s is not valid JSON: %s",
                   file, local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      corrupt (error, file, "it is not a JSON object");
      return NULL;
    }
  o = json_node_get_object (root);
  if (g_strcmp0 (node_string (json_object_get_member (o, "format")), SVGAI_MODEL_FORMAT) != 0 ||
      g_strcmp0 (node_string (json_object_get_member (o, "kind")), kind) != 0)
    {
      g_autofree char *msg = g_strdup_printf ("it is not an “%s” %s model", SVGAI_MODEL_FORMAT, kind);
      corrupt (error, file, msg);
      return NULL;
    }
  return o;
}

static gboolean
load_classifier (GBytes *bytes, const char *file, SvgaiClassifierModel *m, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o = parse (bytes, parser, file, "classifier", error);
  JsonArray *classes, *weights;
  guint n;

  if (o == NULL || !read_basis (o, &m->basis, 0, SVGAI_N_FEATURE_INPUTS, file, error))
    return FALSE;
  n = svgai_basis_size (&m->basis);
  if (!json_object_has_member (o, "classes") || !json_object_has_member (o, "weights"))
    return corrupt (error, file, "“classes” or “weights” is missing");
  classes = node_array (json_object_get_member (o, "classes"));
  weights = node_array (json_object_get_member (o, "weights"));
  if (classes == NULL || weights == NULL ||
      json_array_get_length (classes) != SVGAI_N_LOGO_CLASSES ||
      json_array_get_length (weights) != SVGAI_N_LOGO_CLASSES)
    return corrupt (error, file, "it must have weights for the 4 classes");
  m->n_classes = SVGAI_N_LOGO_CLASSES;
  for (guint c = 0; c < SVGAI_N_LOGO_CLASSES; c++)
    {
      SvgaiLogoClass lc;
      JsonObject *row = node_object (json_array_get_element (weights, c));

      if (!svgai_logo_class_from_string (node_string (json_array_get_element (classes, c)), &lc) || lc != c)
        return corrupt (error, file, "the classes are not simple, text, gradient, complex");
      if (row == NULL ||
          !read_doubles (row, "w", m->weights[c], n, file, error) ||
          !read_number (row, "b", m->weights[c] + n, file, error))
        return row ? FALSE : corrupt (error, file, "a class has no weights");
    }
  return TRUE;
}

static gboolean
load_predictor (GBytes *bytes, const char *file, SvgaiPredictorModel *m, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o = parse (bytes, parser, file, "predictor", error);
  guint n;

  if (o == NULL || !read_basis (o, &m->basis, 0, SVGAI_MAX_INPUTS, file, error))
    return FALSE;
  n = svgai_basis_size (&m->basis);
  {
    static const char *members[] = { "ssim", "bytes", "ssim_delta", "bytes_delta" };
    double *targets[] = { m->ssim_weights, m->bytes_weights, m->ssim_delta_weights, m->bytes_delta_weights };

    for (guint i = 0; i < G_N_ELEMENTS (members); i++)
      {
        JsonObject *w = node_object (json_object_get_member (o, members[i]));

        if (w == NULL)
          {
            g_autofree char *msg = g_strdup_printf ("“%s” is missing", members[i]);
            return corrupt (error, file, msg);
          }
        if (!read_doubles (w, "w", targets[i], n, file, error) ||
            !read_number (w, "b", targets[i] + n, file, error))
          return FALSE;
      }
  }
  return TRUE;
}

static gboolean
load_optimizer (GBytes *bytes, const char *file, SvgaiOptimizerModel *m, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o = parse (bytes, parser, file, "optimizer", error);
  JsonObject *fast;
  JsonArray *cands;

  if (o == NULL || !read_doubles (o, "bin_edges", m->bin_edges, SVGAI_COMPLEXITY_BINS - 1, file, error))
    return FALSE;
  if (!node_number (json_object_get_member (o, "bytes_weight"), &m->bytes_weight))
    m->bytes_weight = 0.002;
  fast = node_object (json_object_get_member (o, "fast"));
  if (fast == NULL)
    return corrupt (error, file, "“fast” is missing");
  for (guint c = 0; c < SVGAI_N_LOGO_CLASSES; c++)
    {
      JsonArray *row = node_array (json_object_get_member (fast, svgai_logo_class_to_string (c)));

      if (row == NULL || json_array_get_length (row) != SVGAI_COMPLEXITY_BINS)
        return corrupt (error, file, "“fast” needs 3 entries per class");
      for (guint k = 0; k < SVGAI_COMPLEXITY_BINS; k++)
        if (!svgai_params_from_json (json_array_get_element (row, k), &m->fast[c][k], file, error))
          return FALSE;
    }
  cands = node_array (json_object_get_member (o, "candidates"));
  if (cands == NULL || json_array_get_length (cands) == 0 || json_array_get_length (cands) > SVGAI_MAX_CANDIDATES)
    return corrupt (error, file, "“candidates” must list 1 to 64 parameter sets");
  if (!read_basis (o, &m->basis, 0, SVGAI_N_FEATURE_INPUTS, file, error))
    return FALSE;
  m->n_candidates = json_array_get_length (cands);
  for (guint i = 0; i < m->n_candidates; i++)
    {
      /* Checked accessors: json-glib's typed getters fail a critical on a
       * missing member (found by tests/fuzz/fuzz-json.c). */
      JsonObject *c = node_object (json_array_get_element (cands, i));
      JsonObject *g = c ? node_object (json_object_get_member (c, "gain")) : NULL;
      JsonObject *z = c ? node_object (json_object_get_member (c, "size")) : NULL;
      guint n = svgai_basis_size (&m->basis);

      if (c == NULL || g == NULL || z == NULL)
        return corrupt (error, file, "a candidate has no “gain” or “size” model");
      if (!svgai_params_from_json (json_object_get_member (c, "params"), &m->candidates[i], file, error) ||
          !read_doubles (g, "w", m->gain[i], n, file, error) ||
          !read_number (g, "b", m->gain[i] + n, file, error) ||
          !read_doubles (z, "w", m->size[i], n, file, error) ||
          !read_number (z, "b", m->size[i] + n, file, error))
        return FALSE;
    }
  return TRUE;
}

typedef gboolean (*Loader) (GBytes *, const char *, gpointer, GError **);

static gboolean
load_all (const char *dir, SvgaiModels *models, GError **error)
{
  static const char *files[] = { "classifier.json", "predictor.json", "optimizer.json" };
  Loader loaders[] = { (Loader) load_classifier, (Loader) load_predictor, (Loader) load_optimizer };
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

      if (load_all (dir && *dir ? dir : NULL, m, &models_error))
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
