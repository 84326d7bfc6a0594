#pragma once

/* The models' in-memory form, shared by the classifier, the predictor, the
 * optimizer and the trainer. Not installed; not for the app. */

#include <json-glib/json-glib.h>
#include "svgai.h"

G_BEGIN_DECLS

#define SVGAI_MODEL_FORMAT "svgai-model/1"

/* Inputs derived from the features (always first), then, for the
 * predictor, from the parameters. The names are stored in the JSON and
 * checked on load, so a model never meets inputs in another order. */
#define SVGAI_N_FEATURE_INPUTS 9
#define SVGAI_N_PARAM_INPUTS 7
#define SVGAI_MAX_INPUTS (SVGAI_N_FEATURE_INPUTS + SVGAI_N_PARAM_INPUTS)
#define SVGAI_MAX_EXPANDED (SVGAI_MAX_INPUTS + SVGAI_MAX_INPUTS * (SVGAI_MAX_INPUTS + 1) / 2)

const char *const *svgai_model_input_names (guint *n);
void svgai_model_feature_inputs (const SvgaiFeatures *f, double *x);
/* Writes the SVGAI_N_PARAM_INPUTS inputs; automatic values are resolved as
 * the tracer resolves them (colors from the features' colour count). */
void svgai_model_param_inputs (const SvgaiFeatures *f, const SvgaiParams *p, double *x);

/* Standardisation, then optionally every pairwise product. */
typedef struct {
  guint n_inputs;
  double mean[SVGAI_MAX_INPUTS];
  double scale[SVGAI_MAX_INPUTS];
  gboolean quadratic;
} SvgaiBasis;

guint svgai_basis_size (const SvgaiBasis *basis);
/* out must hold svgai_basis_size() values. */
void svgai_basis_expand (const SvgaiBasis *basis, const double *x, double *out);

typedef struct {
  SvgaiBasis basis;
  guint n_classes;
  double weights[SVGAI_N_LOGO_CLASSES][SVGAI_MAX_EXPANDED + 1];   /* last: bias */
} SvgaiClassifierModel;

typedef struct {
  SvgaiBasis basis;
  /* absolute: of t = log (1 + 1e-4 − ssim) and of log2 (bytes) */
  double ssim_weights[SVGAI_MAX_EXPANDED + 1];
  double bytes_weights[SVGAI_MAX_EXPANDED + 1];
  /* relative: the change of t and of log2 (bytes) from the default
   * parameters' on the same image, fitted on paired runs, so that the
   * image's own difficulty cancels and the parameters' effects stand out */
  double ssim_delta_weights[SVGAI_MAX_EXPANDED + 1];
  double bytes_delta_weights[SVGAI_MAX_EXPANDED + 1];
  /* The smallest and largest of each feature input over the training
   * images: where the model has seen data (svgai_features_in_training_range).
   * Older model files lack them: has_range FALSE. */
  gboolean has_range;
  double range_min[SVGAI_N_FEATURE_INPUTS];
  double range_max[SVGAI_N_FEATURE_INPUTS];
} SvgaiPredictorModel;

#define SVGAI_COMPLEXITY_BINS 3
#define SVGAI_MAX_CANDIDATES 64

#define SVGAI_FEATURE_BASIS_SIZE (SVGAI_N_FEATURE_INPUTS + SVGAI_N_FEATURE_INPUTS * (SVGAI_N_FEATURE_INPUTS + 1) / 2)

/* The balanced tier's mapping: for each candidate parameter set, a ridge
 * regression from the features to its objective gain over the defaults,
 * fitted on corpus logos traced with every candidate. */
typedef struct {
  double bin_edges[SVGAI_COMPLEXITY_BINS - 1];
  SvgaiParams fast[SVGAI_N_LOGO_CLASSES][SVGAI_COMPLEXITY_BINS];
  SvgaiBasis basis;                      /* of the feature inputs */
  guint n_candidates;
  SvgaiParams candidates[SVGAI_MAX_CANDIDATES];
  double gain[SVGAI_MAX_CANDIDATES][SVGAI_FEATURE_BASIS_SIZE + 1];
  /* and to its change in log2 (bytes): a candidate is eligible only when
   * it is not expected to be larger than the defaults */
  double size[SVGAI_MAX_CANDIDATES][SVGAI_FEATURE_BASIS_SIZE + 1];
  double bytes_weight;
} SvgaiOptimizerModel;

typedef struct {
  SvgaiClassifierModel classifier;
  SvgaiPredictorModel predictor;
  SvgaiOptimizerModel optimizer;
} SvgaiModels;

/* The loaded models, or NULL with an error. */
const SvgaiModels *svgai_models_get (GError **error);
/* The models built in, parsed at build time (svgai-models-compile.c). */
gboolean svgai_models_builtin (SvgaiModels *out);

double svgai_classifier_model_predict (const SvgaiClassifierModel *m, const double *x,
                                       double probabilities[SVGAI_N_LOGO_CLASSES]);
double svgai_linear_eval (const double *weights, const double *z, guint n);
/* Predictions of the predictor model from feature and parameter inputs. */
void svgai_predictor_model_eval (const SvgaiPredictorModel *m, const SvgaiFeatures *f,
                                 const SvgaiParams *p, double *ssim, double *log2_bytes);
guint svgai_complexity_bin (const SvgaiOptimizerModel *m, double complexity);
/* The balanced tier's choice for a logo whose expanded feature inputs are z
 * (svgai_basis_expand over m->basis), starting from the fast tier's choice:
 * an index into m->candidates, or -1 for the defaults. The tier and the
 * trainer's held-out figures both choose with it. */
int svgai_balanced_pick (const SvgaiOptimizerModel *m, const double *z, const SvgaiParams *fast);

/* The model files (svgai-model-json.c). A reader fills m from bytes, or
 * fails with an error naming file; a writer writes m to path in the form
 * its reader reads, the same model always as the same bytes. */
gboolean svgai_classifier_model_read (GBytes *bytes, const char *file, SvgaiClassifierModel *m, GError **error);
gboolean svgai_predictor_model_read (GBytes *bytes, const char *file, SvgaiPredictorModel *m, GError **error);
gboolean svgai_optimizer_model_read (GBytes *bytes, const char *file, SvgaiOptimizerModel *m, GError **error);
/* heldout_accuracy is stored beside the classifier, for the reader's information. */
gboolean svgai_classifier_model_write (const SvgaiClassifierModel *m, double heldout_accuracy, const char *path,
                                       GError **error);
gboolean svgai_predictor_model_write (const SvgaiPredictorModel *m, const char *path, GError **error);
gboolean svgai_optimizer_model_write (const SvgaiOptimizerModel *m, const char *path, GError **error);

/* Parameters in the models' JSON. */
JsonNode *svgai_params_to_json (const SvgaiParams *p);
gboolean svgai_params_from_json (JsonNode *node, SvgaiParams *p, const char *where, GError **error);

G_END_DECLS
