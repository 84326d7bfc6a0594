#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The trained models (classifier, predictor and optimizer JSON in data/models), loaded once, on first use, from
 * the GResource /io/github/svgai/SvgAi/models/, or from the directory named
 * by the environment variable SVGAI_MODELS_DIR when it is set. */

/* Loads the models if needed. Thread-safe. On failure the error names the
 * file and what is wrong; later calls return the same error. */
gboolean svgai_models_ensure (GError **error);

/* Replaces the models with those in dir (classifier.json, predictor.json,
 * optimizer.json), for training and tests. Not thread-safe against
 * concurrent users of the models. */
gboolean svgai_models_load_from_dir (const char *dir, GError **error);

G_END_DECLS
