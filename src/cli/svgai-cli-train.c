/* svg-ai-cli corpus | train: the synthetic corpus and the models trained
 * on it (libsvgai-train, through svgai.h). */
#include "svgai-config.h"

#include <glib/gi18n.h>

#include <stdio.h>
#include "svgai-cli.h"

#define DEFAULT_SEED 20261126
#define DEFAULT_COUNT 2000

/* ---- corpus ---- */

typedef struct {
  gint count;
  gint64 seed;
  char **outdir;            /* exactly one */
} CorpusOptions;

static gboolean
corpus_parse (CorpusOptions *o, int argc, char **argv)
{
  GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &o->count, N_("Number of logos (default 2000)"), "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &o->seed, N_("Random seed (default 20261126)"), "S" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->outdir, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("OUTDIR — generate a labelled synthetic logo corpus"));

  g_option_context_set_summary (ctx,
    _("Draws simple marks, wordmarks, gradient logos and complex compositions with cairo and pango,\n"
    "deterministically from the seed: NNNNN.png, its ground-truth NNNNN.svg, and labels.tsv\n"
    "(name, label, split, width, height, background). Every fifth logo is in the held-out split."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  o->count = DEFAULT_COUNT;
  o->seed = DEFAULT_SEED;
  if (!svgai_cli_parse_options (ctx, argc, argv))
    return FALSE;
  if (o->outdir == NULL || g_strv_length (o->outdir) != 1 || o->count <= 0)
    {
      svgai_cli_error (_("corpus needs one OUTDIR and a positive --count"));
      return FALSE;
    }
  return TRUE;
}

int
svgai_cli_corpus (int argc, char **argv)
{
  CorpusOptions o = { 0 };
  g_autoptr(GError) error = NULL;
  int status = SVGAI_EXIT_USAGE;

  if (!corpus_parse (&o, argc, argv))
    ;
  else if (!svgai_corpus_write (o.outdir[0], o.count, o.seed, NULL, &error))
    {
      svgai_cli_error ("%s", error->message);
      status = SVGAI_EXIT_FAILED;
    }
  else
    {
      printf ("%d logos written to %s\n", o.count, o.outdir[0]);
      status = SVGAI_EXIT_OK;
    }
  g_strfreev (o.outdir);
  return status;
}

/* ---- train ---- */

typedef struct {
  gint count, predictor_images, runs;
  gint64 seed;
  char *corpus, *models;
  gboolean no_generate, reuse_runs;
  char **rest;              /* must stay empty */
} TrainOptions;

static void
train_options_clear (TrainOptions *o)
{
  g_free (o->corpus);
  g_free (o->models);
  g_strfreev (o->rest);
}

static gboolean
train_parse (TrainOptions *o, int argc, char **argv)
{
  GOptionEntry entries[] = {
    { "corpus", 'c', 0, G_OPTION_ARG_FILENAME, &o->corpus, N_("Corpus folder (default: a temporary one)"), "DIR" },
    { "models", 'm', 0, G_OPTION_ARG_FILENAME, &o->models, N_("Where to write the models (default: the source tree's data/models)"), "DIR" },
    { "count", 'n', 0, G_OPTION_ARG_INT, &o->count, N_("Corpus size (default 2000)"), "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &o->seed, N_("Corpus seed (default 20261126)"), "S" },
    { "predictor-images", 0, 0, G_OPTION_ARG_INT, &o->predictor_images, N_("Training images traced for the predictor (default 600)"), "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &o->runs, N_("Parameter sets traced per image (default 12)"), "N" },
    { "no-generate", 0, 0, G_OPTION_ARG_NONE, &o->no_generate, N_("Use the corpus already in --corpus"), NULL },
    { "reuse-runs", 0, 0, G_OPTION_ARG_NONE, &o->reuse_runs, N_("With --no-generate: reuse the traced runs saved there (same tracer only)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— regenerate the corpus and retrain every model"));

  g_option_context_set_summary (ctx,
    _("Generates the corpus (as 'corpus' does), trains the classifier, the quality predictor and the\n"
    "optimizer's tables, writes classifier.json, predictor.json and optimizer.json, and prints the\n"
    "held-out figures. The same seed and count give the same files. Rebuild to ship them."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  o->count = DEFAULT_COUNT;
  o->seed = DEFAULT_SEED;
  if (!svgai_cli_parse_options (ctx, argc, argv))
    return FALSE;
  if ((o->rest && o->rest[0]) || o->count < 20)
    {
      svgai_cli_error (_("train takes no arguments, and --count must be at least 20"));
      return FALSE;
    }
  if (o->models == NULL)
    o->models = g_build_filename (SVGAI_SOURCE_DIR, "data", "models", NULL);
  return TRUE;
}

static void
remove_folder (const char *path)
{
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) e = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  GFileInfo *info;

  while (e && (info = g_file_enumerator_next_file (e, NULL, NULL)))
    {
      g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));
      g_file_delete (child, NULL, NULL);
      g_object_unref (info);
    }
  g_file_delete (dir, NULL, NULL);
}

/* Generates the corpus unless told not to, then trains; report receives
 * the held-out figures. */
static gboolean
train_run (const TrainOptions *o, const char *corpus, gboolean generate, GString *report, GError **error)
{
  SvgaiTrainOptions opt = { 0 };

  if (generate)
    {
      fprintf (stderr, "train: generating %d logos in %s\n", o->count, corpus);
      if (!svgai_corpus_write (corpus, o->count, o->seed, NULL, error))
        return FALSE;
    }
  opt.corpus_dir = corpus;
  opt.models_dir = o->models;
  opt.predictor_images = o->predictor_images;
  opt.runs_per_image = o->runs;
  opt.verbose = TRUE;
  opt.reuse_runs = o->reuse_runs && !generate;
  return svgai_train (&opt, report, NULL, error);
}

int
svgai_cli_train (int argc, char **argv)
{
  TrainOptions o = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree char *tmp = NULL;
  gint64 t0 = g_get_monotonic_time ();
  int status = SVGAI_EXIT_FAILED;

  if (!train_parse (&o, argc, argv))
    status = SVGAI_EXIT_USAGE;
  else if (o.corpus == NULL && (tmp = g_dir_make_tmp ("svgai-corpus-XXXXXX", &error)) == NULL)
    svgai_cli_error ("%s", error->message);
  else if (!train_run (&o, tmp ? tmp : o.corpus, tmp != NULL || !o.no_generate, report, &error))
    svgai_cli_error ("%s", error->message);
  else
    {
      printf ("%s", report->str);
      printf ("models written to %s in %.0f s\n", o.models, (g_get_monotonic_time () - t0) / 1e6);
      status = SVGAI_EXIT_OK;
    }
  if (tmp)
    remove_folder (tmp);
  train_options_clear (&o);
  return status;
}
