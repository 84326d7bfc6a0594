#pragma once

/* The trainer's phases, shared by its files (svgai-train*.c). Not
 * installed. Training is plain full-batch optimisation in a fixed order,
 * so that the same corpus always gives byte-identical model files. */

#include "svgai.h"
#include "ai/svgai-model-private.h"

G_BEGIN_DECLS

/* A corpus image. */
typedef struct {
  char *name;
  SvgaiLogoClass label;
  gboolean test;
  SvgaiFeatures features;
} Item;

/* An image traced with a parameter set, and what it measured. */
typedef struct {
  guint item;
  SvgaiParams params;
  double ssim;
  double bytes;
  gboolean ok;
} Run;

/* ---- ridge regression (svgai-train-ridge.c) ---- */

/* Fits the standardisation of n_rows rows of n_inputs inputs each. */
void svgai_train_standardise (SvgaiBasis *b, guint n_inputs, const double *x, guint n_rows, gboolean quadratic);
/* Least squares of targets t on rows z (each m values; a bias is added),
 * with ridge penalty lambda × rows: w receives m + 1 weights, bias last. */
void svgai_train_ridge_fit (const double *z, const double *t, guint rows, guint m, double lambda, double *w);

/* ---- traced runs (svgai-train-runs.c) ---- */

/* The runs are grouped by image, per_image runs each: image s's runs start
 * at s × per_image, the defaults first. Each is traced (one image per
 * core) or, with options->reuse_runs, read back from the corpus folder. */

/* The first n_images training images and a quarter as many held-out ones,
 * each with the defaults and per_image − 1 random parameter sets. */
GArray *svgai_train_predictor_runs (const SvgaiTrainOptions *options, GArray *items, guint n_images,
                                    guint per_image, GCancellable *cancellable, GError **error);
/* Fills out with the balanced tier's candidates, the defaults first, and
 * returns how many. */
guint svgai_train_candidate_grid (SvgaiParams *out);
/* As svgai_train_predictor_runs(), but other images (from the end of the
 * corpus), each traced with every one of the n_candidates candidates. */
GArray *svgai_train_candidate_runs (const SvgaiTrainOptions *options, GArray *items, guint n_images,
                                    const SvgaiParams *candidates, guint n_candidates,
                                    GCancellable *cancellable, GError **error);
/* The optimizer's objective, as measured. */
double svgai_train_run_objective (const Run *r);

/* ---- the models (svgai-train-classifier.c, -predictor.c, -optimizer.c) ---- */

/* Each fits its model on the training images and appends its held-out
 * figures to report. The classifier returns its held-out accuracy. */
double svgai_train_classifier (GArray *items, SvgaiClassifierModel *m, GString *report);
void svgai_train_predictor (GArray *items, GArray *runs, SvgaiPredictorModel *m, GString *report);
/* runs as from svgai_train_candidate_runs() with the same candidates. */
void svgai_train_optimizer (GArray *items, GArray *runs, const SvgaiParams *candidates, guint n_candidates,
                            SvgaiOptimizerModel *m, GString *report);

G_END_DECLS
