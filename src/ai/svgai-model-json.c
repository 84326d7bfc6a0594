/* The models' JSON files: each model's reader, and beside it its writer
 * (for the trainer). The writers must stay deterministic: the same model
 * gives byte-identical files. */

#include "svgai-model-private.h"

#include <math.h>
#include "svgai.h"

static JsonNode *
doubles_to_json (const double *v, guint n)
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

static void
basis_to_json (const SvgaiBasis *b, JsonBuilder *builder, guint first_input)
{
  const char *const *input_names = svgai_model_input_names (NULL);

  json_builder_set_member_name (builder, "inputs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < b->n_inputs; i++)
    json_builder_add_string_value (builder, input_names[first_input + i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "mean");
  json_builder_add_value (builder, doubles_to_json (b->mean, b->n_inputs));
  json_builder_set_member_name (builder, "scale");
  json_builder_add_value (builder, doubles_to_json (b->scale, b->n_inputs));
  json_builder_set_member_name (builder, "quadratic");
  json_builder_add_boolean_value (builder, b->quadratic);
}

static gboolean
write_json (JsonBuilder *b, const char *path, GError **error)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 1);
  text = json_generator_to_data (gen, NULL);
  return g_file_set_contents (path, text, -1, error);
}

/* The form read_weights() reads, as a value. */
static void
add_weights_value (JsonBuilder *b, const double *w, guint n)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "w");
  json_builder_add_value (b, doubles_to_json (w, n));
  json_builder_set_member_name (b, "b");
  json_builder_add_double_value (b, w[n]);
  json_builder_end_object (b);
}

static void
add_weights (JsonBuilder *b, const char *name, const double *w, guint n)
{
  json_builder_set_member_name (b, name);
  add_weights_value (b, w, n);
}

/* The members parse() checks. */
static void
begin_model (JsonBuilder *b, const char *kind)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, SVGAI_MODEL_FORMAT);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, kind);
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

/* A linear model's weights: "w", one per basis value, and "b", the bias. */
static gboolean
read_weights (JsonObject *o, double *w, guint n, const char *file, GError **error)
{
  return read_doubles (o, "w", w, n, file, error) && read_number (o, "b", w + n, file, error);
}

static gboolean
read_basis (JsonObject *o, SvgaiBasis *b, guint first_input, guint n_inputs, const char *file, GError **error)
{
  const char *const *input_names = svgai_model_input_names (NULL);
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

gboolean
svgai_classifier_model_read (GBytes *bytes, const char *file, SvgaiClassifierModel *m, GError **error)
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
      if (row == NULL || !read_weights (row, m->weights[c], n, file, error))
        return row ? FALSE : corrupt (error, file, "a class has no weights");
    }
  return TRUE;
}

gboolean
svgai_classifier_model_write (const SvgaiClassifierModel *m, double heldout_accuracy, const char *path,
                              GError **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  guint dim = svgai_basis_size (&m->basis);

  begin_model (b, "classifier");
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, "multinomial logistic regression, L2 1e-3, over standardised inputs and their pairwise products");
  json_builder_set_member_name (b, "heldout_accuracy");
  json_builder_add_double_value (b, round (heldout_accuracy * 1e4) / 1e4);
  basis_to_json (&m->basis, b, 0);
  json_builder_set_member_name (b, "classes");
  json_builder_begin_array (b);
  for (guint c = 0; c < SVGAI_N_LOGO_CLASSES; c++)
    json_builder_add_string_value (b, svgai_logo_class_to_string (c));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "weights");
  json_builder_begin_array (b);
  for (guint c = 0; c < SVGAI_N_LOGO_CLASSES; c++)
    add_weights_value (b, m->weights[c], dim);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return write_json (b, path, error);
}

gboolean
svgai_predictor_model_read (GBytes *bytes, const char *file, SvgaiPredictorModel *m, GError **error)
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
        if (!read_weights (w, targets[i], n, file, error))
          return FALSE;
      }
  }
  /* Optional (models trained before it was recorded lack it). */
  m->has_range = json_object_has_member (o, "feature_min") && json_object_has_member (o, "feature_max");
  if (m->has_range &&
      (!read_doubles (o, "feature_min", m->range_min, SVGAI_N_FEATURE_INPUTS, file, error) ||
       !read_doubles (o, "feature_max", m->range_max, SVGAI_N_FEATURE_INPUTS, file, error)))
    return FALSE;
  return TRUE;
}

gboolean
svgai_predictor_model_write (const SvgaiPredictorModel *m, const char *path, GError **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  guint dim = svgai_basis_size (&m->basis);

  begin_model (b, "predictor");
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, "ridge regression over standardised inputs and their pairwise products; "
                                    "ssim predicts t = log(1 + 1e-4 - SSIM), bytes predicts log2(SVG bytes), each at the default "
                                    "parameters; the _delta models predict their change from the defaults' on the "
                                    "same image (fitted on paired runs); a prediction is absolute(defaults) + delta");
  basis_to_json (&m->basis, b, 0);
  if (m->has_range)
    {
      json_builder_set_member_name (b, "feature_min");
      json_builder_add_value (b, doubles_to_json (m->range_min, SVGAI_N_FEATURE_INPUTS));
      json_builder_set_member_name (b, "feature_max");
      json_builder_add_value (b, doubles_to_json (m->range_max, SVGAI_N_FEATURE_INPUTS));
    }
  add_weights (b, "ssim", m->ssim_weights, dim);
  add_weights (b, "bytes", m->bytes_weights, dim);
  add_weights (b, "ssim_delta", m->ssim_delta_weights, dim);
  add_weights (b, "bytes_delta", m->bytes_delta_weights, dim);
  json_builder_end_object (b);
  return write_json (b, path, error);
}

gboolean
svgai_optimizer_model_read (GBytes *bytes, const char *file, SvgaiOptimizerModel *m, GError **error)
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
          !read_weights (g, m->gain[i], n, file, error) ||
          !read_weights (z, m->size[i], n, file, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
svgai_optimizer_model_write (const SvgaiOptimizerModel *m, const char *path, GError **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  begin_model (b, "optimizer");
  json_builder_set_member_name (b, "bin_edges");
  json_builder_add_value (b, doubles_to_json (m->bin_edges, SVGAI_COMPLEXITY_BINS - 1));
  json_builder_set_member_name (b, "bytes_weight");
  json_builder_add_double_value (b, m->bytes_weight);
  json_builder_set_member_name (b, "fast");
  json_builder_begin_object (b);
  for (guint c = 0; c < SVGAI_N_LOGO_CLASSES; c++)
    {
      json_builder_set_member_name (b, svgai_logo_class_to_string (c));
      json_builder_begin_array (b);
      for (guint k = 0; k < SVGAI_COMPLEXITY_BINS; k++)
        json_builder_add_value (b, svgai_params_to_json (&m->fast[c][k]));
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  basis_to_json (&m->basis, b, 0);
  json_builder_set_member_name (b, "candidates");
  json_builder_begin_array (b);
  for (guint k = 0; k < m->n_candidates; k++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "params");
      json_builder_add_value (b, svgai_params_to_json (&m->candidates[k]));
      add_weights (b, "gain", m->gain[k], svgai_basis_size (&m->basis));
      add_weights (b, "size", m->size[k], svgai_basis_size (&m->basis));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return write_json (b, path, error);
}
