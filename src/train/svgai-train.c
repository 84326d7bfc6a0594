/* The trainer's driver: the corpus in, each model fitted in turn, the
 * model files out. The phases are in svgai-train-*.c. */

#include "svgai-train-private.h"
#include "ai/svgai-classifier.h"
#include "ai/svgai-features.h"

#include <errno.h>
#include "svgai.h"

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

static gboolean
write_models (const SvgaiModels *models, double classifier_accuracy, const char *dir, GError **error)
{
  g_autofree char *classifier = g_build_filename (dir, "classifier.json", NULL);
  g_autofree char *predictor = g_build_filename (dir, "predictor.json", NULL);
  g_autofree char *optimizer = g_build_filename (dir, "optimizer.json", NULL);

  return svgai_classifier_model_write (&models->classifier, classifier_accuracy, classifier, error) &&
         svgai_predictor_model_write (&models->predictor, predictor, error) &&
         svgai_optimizer_model_write (&models->optimizer, optimizer, error);
}

gboolean
svgai_train (const SvgaiTrainOptions *opt,
             GString *report,
             GCancellable *cancellable,
             GError **error)
{
  g_autofree SvgaiModels *models = g_new0 (SvgaiModels, 1);
  guint n_pred = opt->predictor_images ? opt->predictor_images : 600;
  guint k_runs = opt->runs_per_image ? opt->runs_per_image : 12;
  SvgaiParams candidates[SVGAI_MAX_CANDIDATES];
  guint n_candidates = svgai_train_candidate_grid (candidates);
  g_autoptr(GArray) items = NULL;
  g_autoptr(GArray) runs = NULL;
  g_autoptr(GArray) candidate_runs = NULL;
  double accuracy;

  if (g_mkdir_with_parents (opt->models_dir, 0755) != 0)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_IO, "Could not create %s: %s", opt->models_dir, g_strerror (errno));
      return FALSE;
    }
  items = load_corpus (opt->corpus_dir, opt->verbose, cancellable, error);
  if (items == NULL)
    return FALSE;
  accuracy = svgai_train_classifier (items, &models->classifier, report);

  runs = svgai_train_predictor_runs (opt, items, n_pred, k_runs, cancellable, error);
  if (runs == NULL)
    return FALSE;
  svgai_train_predictor (items, runs, &models->predictor, report);

  /* n_pred / 2 logos, other than the predictor's */
  candidate_runs = svgai_train_candidate_runs (opt, items, MAX (4, n_pred / 2), candidates, n_candidates,
                                               cancellable, error);
  if (candidate_runs == NULL)
    return FALSE;
  svgai_train_optimizer (items, candidate_runs, candidates, n_candidates, &models->optimizer, report);

  return write_models (models, accuracy, opt->models_dir, error);
}
