#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Trains every model from a corpus written by svgai_corpus_write() and
 * writes classifier.json, predictor.json and optimizer.json into
 * models_dir. Deterministic: the same corpus gives the same files. */
typedef struct {
  const char *corpus_dir;
  const char *models_dir;
  guint predictor_images;   /* training images traced for the predictor, 0 = 600 */
  guint runs_per_image;     /* parameter sets traced per image, 0 = 12 */
  gboolean verbose;         /* progress on stderr */
  gboolean reuse_runs;      /* read the traced runs saved in the corpus folder by an earlier
                             * training with the same settings (the tracer must not have changed) */
} SvgaiTrainOptions;

/* report receives the held-out figures (accuracy, confusion matrices,
 * predictor MAE and correlation) as text. */
gboolean svgai_train (const SvgaiTrainOptions *options,
                      GString *report,
                      GCancellable *cancellable,
                      GError **error);

G_END_DECLS
