/* svg-ai-cli corpus | train | analyze | ai-bench: the AI modules from the
 * command line (issue 3). */
#include "svgai-config.h"

#include <glib/gi18n.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ai/svgai-classifier.h"
#include "svgai-cli.h"
#include "svgai-cli-ai.h"
#include "train/svgai-corpus.h"
#include "ai/svgai-features.h"
#include "ai/svgai-model.h"
#include "ai/svgai-optimizer.h"
#include "svgai.h"
#include "ai/svgai-predictor.h"

#define DEFAULT_SEED 20261126
#define DEFAULT_COUNT 2000

static gboolean
parse_args (GOptionContext *ctx, int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      svgai_cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- corpus ---- */

int
svgai_cli_corpus (int argc, char **argv)
{
  gint count = DEFAULT_COUNT;
  gint64 seed = DEFAULT_SEED;
  GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &count, N_("Number of logos (default 2000)"), "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, N_("Random seed (default 20261126)"), "S" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("OUTDIR — generate a labelled synthetic logo corpus"));
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (ctx,
    _("Draws simple marks, wordmarks, gradient logos and complex compositions with cairo and pango,\n"
    "deterministically from the seed: NNNNN.png, its ground-truth NNNNN.svg, and labels.tsv\n"
    "(name, label, split, width, height, background). Every fifth logo is in the held-out split."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!parse_args (ctx, &argc, &argv))
    return SVGAI_EXIT_USAGE;
  if (argc != 2 || count <= 0)
    {
      svgai_cli_error (_("corpus needs one OUTDIR and a positive --count"));
      return SVGAI_EXIT_USAGE;
    }
  if (!svgai_corpus_write (argv[1], count, seed, NULL, &error))
    {
      svgai_cli_error ("%s", error->message);
      return SVGAI_EXIT_FAILED;
    }
  printf ("%d logos written to %s\n", count, argv[1]);
  return SVGAI_EXIT_OK;
}

/* ---- train ---- */

int
svgai_cli_train (int argc, char **argv)
{
  gint count = DEFAULT_COUNT, pred = 0, runs = 0;
  gint64 seed = DEFAULT_SEED;
  g_autofree char *corpus = NULL, *models = NULL;
  gboolean no_generate = FALSE, reuse_runs = FALSE;
  GOptionEntry entries[] = {
    { "corpus", 'c', 0, G_OPTION_ARG_FILENAME, &corpus, N_("Corpus folder (default: a temporary one)"), "DIR" },
    { "models", 'm', 0, G_OPTION_ARG_FILENAME, &models, N_("Where to write the models (default: the source tree's data/models)"), "DIR" },
    { "count", 'n', 0, G_OPTION_ARG_INT, &count, N_("Corpus size (default 2000)"), "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, N_("Corpus seed (default 20261126)"), "S" },
    { "predictor-images", 0, 0, G_OPTION_ARG_INT, &pred, N_("Training images traced for the predictor (default 600)"), "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, N_("Parameter sets traced per image (default 12)"), "N" },
    { "no-generate", 0, 0, G_OPTION_ARG_NONE, &no_generate, N_("Use the corpus already in --corpus"), NULL },
    { "reuse-runs", 0, 0, G_OPTION_ARG_NONE, &reuse_runs, N_("With --no-generate: reuse the traced runs saved there (same tracer only)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— regenerate the corpus and retrain every model"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree char *tmp = NULL;
  SvgaiTrainOptions opt = { 0 };
  gint64 t0 = g_get_monotonic_time ();

  g_option_context_set_summary (ctx,
    _("Generates the corpus (as 'corpus' does), trains the classifier, the quality predictor and the\n"
    "optimizer's tables, writes classifier.json, predictor.json and optimizer.json, and prints the\n"
    "held-out figures. The same seed and count give the same files. Rebuild to ship them."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!parse_args (ctx, &argc, &argv))
    return SVGAI_EXIT_USAGE;
  if (argc != 1 || count < 20)
    {
      svgai_cli_error (_("train takes no arguments, and --count must be at least 20"));
      return SVGAI_EXIT_USAGE;
    }
  if (corpus == NULL)
    {
      tmp = g_dir_make_tmp ("svgai-corpus-XXXXXX", &error);
      if (tmp == NULL)
        {
          svgai_cli_error ("%s", error->message);
          return SVGAI_EXIT_FAILED;
        }
      corpus = g_strdup (tmp);
      no_generate = FALSE;
    }
  if (models == NULL)
    models = g_build_filename (SVGAI_SOURCE_DIR, "data", "models", NULL);
  if (!no_generate)
    {
      fprintf (stderr, "train: generating %d logos in %s\n", count, corpus);
      if (!svgai_corpus_write (corpus, count, seed, NULL, &error))
        {
          svgai_cli_error ("%s", error->message);
          return SVGAI_EXIT_FAILED;
        }
    }
  opt.corpus_dir = corpus;
  opt.models_dir = models;
  opt.predictor_images = pred;
  opt.runs_per_image = runs;
  opt.verbose = TRUE;
  opt.reuse_runs = reuse_runs && no_generate;
  if (!svgai_train (&opt, report, NULL, &error))
    {
      svgai_cli_error ("%s", error->message);
      return SVGAI_EXIT_FAILED;
    }
  printf ("%s", report->str);
  printf ("models written to %s in %.0f s\n", models, (g_get_monotonic_time () - t0) / 1e6);
  if (tmp)
    {
      g_autoptr(GFile) dir = g_file_new_for_path (tmp);
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
  return SVGAI_EXIT_OK;
}

/* ---- analyze ---- */

static void
features_json (JsonBuilder *b, const SvgaiFeatures *f)
{
  json_builder_set_member_name (b, "features");
  json_builder_begin_object (b);
  for (guint i = 0; i < SVGAI_N_FEATURES; i++)
    {
      json_builder_set_member_name (b, svgai_feature_get_name (i));
      json_builder_add_double_value (b, svgai_features_get (f, i));
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "estimated");
  json_builder_begin_array (b);
  for (guint i = 0; i < SVGAI_N_FEATURES; i++)
    if (f->estimated[i])
      json_builder_add_string_value (b, svgai_feature_get_name (i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "features_ms");
  json_builder_add_double_value (b, f->elapsed_ms);
}

int
svgai_cli_analyze (int argc, char **argv)
{
  gboolean json = FALSE, quality = FALSE;
  double limit_ms = 0, time_limit = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "feature-limit", 0, 0, G_OPTION_ARG_DOUBLE, &limit_ms, N_("Time limit for feature extraction, ms (default none)"), "MS" },
    { "quality", 0, 0, G_OPTION_ARG_NONE, &quality, N_("Also run the quality tier (traces)"), NULL },
    { "time-limit", 0, 0, G_OPTION_ARG_DOUBLE, &time_limit, N_("Quality tier budget, seconds (default 5)"), "S" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("IN… — features, logo type and the parameters each tier picks"));
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) model_error = NULL;
  int status = SVGAI_EXIT_OK;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!parse_args (ctx, &argc, &argv))
    return SVGAI_EXIT_USAGE;
  if (argc < 2)
    {
      svgai_cli_error (_("analyze needs at least one image"));
      return SVGAI_EXIT_USAGE;
    }
  if (!svgai_models_ensure (&model_error))
    svgai_cli_error (_("%s (falling back to the rules and the defaults)"), model_error->message);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "files");
  json_builder_begin_array (b);
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SvgaiImage) image = svgai_image_new_from_file (argv[i], NULL, NULL, &error);
      SvgaiFeatures f;
      SvgaiClassification cls, rules;

      if (image == NULL)
        {
          svgai_cli_error ("%s", error->message);
          status = SVGAI_EXIT_FAILED;
          continue;
        }
      svgai_features_extract (image, limit_ms, &f);
      svgai_classify (&f, &cls, NULL);
      svgai_classify_rules (&f, &rules);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "input");
      json_builder_add_string_value (b, argv[i]);
      features_json (b, &f);
      json_builder_set_member_name (b, "class");
      json_builder_add_string_value (b, svgai_logo_class_to_string (cls.logo_class));
      json_builder_set_member_name (b, "confidence");
      json_builder_add_double_value (b, cls.confidence);
      json_builder_set_member_name (b, "rules_class");
      json_builder_add_string_value (b, svgai_logo_class_to_string (rules.logo_class));

      if (!json)
        {
          printf ("%s: %d×%d\n", argv[i], image->width, image->height);
          for (guint k = 0; k < SVGAI_N_FEATURES; k++)
            printf ("  %-18s %10.4f%s\n", svgai_feature_get_name (k), svgai_features_get (&f, k),
                    f.estimated[k] ? "  (estimated)" : "");
          printf ("  features in %.2f ms\n  class %s (confidence %.2f; rules say %s)\n",
                  f.elapsed_ms, svgai_logo_class_to_string (cls.logo_class), cls.confidence,
                  svgai_logo_class_to_string (rules.logo_class));
        }
      json_builder_set_member_name (b, "tiers");
      json_builder_begin_object (b);
      for (SvgaiTier t = 0; t < SVGAI_N_TIERS; t++)
        {
          SvgaiParams p;
          SvgaiOptimizeInfo info;
          g_autoptr(GError) oerr = NULL;

          if (t == SVGAI_TIER_QUALITY && !quality)
            continue;
          if (!svgai_optimize_full (image, &f, cls.logo_class, t, time_limit, NULL, &p, &info, &oerr))
            {
              svgai_cli_error (_("%s: %s tier: %s"), argv[i], svgai_tier_to_string (t), oerr->message);
              continue;
            }
          json_builder_set_member_name (b, svgai_tier_to_string (t));
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "params");
          svgai_report_add_params (b, &p);
          json_builder_set_member_name (b, "predicted_ssim");
          json_builder_add_double_value (b, info.predicted_ssim);
          json_builder_set_member_name (b, "optimize_ms");
          json_builder_add_double_value (b, info.elapsed_ms);
          if (info.result)
            {
              json_builder_set_member_name (b, "ssim");
              json_builder_add_double_value (b, info.result->quality.ssim);
              json_builder_set_member_name (b, "bytes");
              json_builder_add_int_value (b, g_bytes_get_size (info.result->svg));
            }
          json_builder_end_object (b);
          if (!json)
            {
              g_autofree char *measured = info.result ? g_strdup_printf (", measured %.4f, %zu bytes",
                                                                         info.result->quality.ssim,
                                                                         g_bytes_get_size (info.result->svg))
                                                      : NULL;

              printf ("  %-8s colors %d speckle %d smooth %.2f tolerance %.2f upsample %d  "
                      "predicted SSIM %.4f%s  (%.2f ms)\n",
                      svgai_tier_to_string (t), p.colors, p.speckle, p.smooth, p.tolerance, p.upsample,
                      info.predicted_ssim, measured ? measured : "", info.elapsed_ms);
            }
          svgai_optimize_info_clear (&info);
        }
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (json)
    {
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      g_autofree char *text = NULL;

      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      text = json_generator_to_data (gen, NULL);
      printf ("%s\n", text);
    }
  return status;
}

/* ---- ai-bench ---- */

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *a)
{
  if (a->len == 0)
    return NAN;
  qsort (a->data, a->len, sizeof (double), cmp_double);
  return a->len % 2 ? g_array_index (a, double, a->len / 2)
                    : 0.5 * (g_array_index (a, double, a->len / 2 - 1) + g_array_index (a, double, a->len / 2));
}

/* Collects the inputs: image files, folders of PNGs, or a corpus folder's
 * held-out split (with labels). */
static GPtrArray *
collect (int argc, char **argv, gboolean heldout, GArray *labels)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  for (int i = 1; i < argc; i++)
    {
      g_autofree char *tsv = g_build_filename (argv[i], "labels.tsv", NULL);

      if (heldout && g_file_test (tsv, G_FILE_TEST_EXISTS))
        {
          g_autofree char *text = NULL;
          g_auto(GStrv) lines = NULL;

          g_file_get_contents (tsv, &text, NULL, NULL);
          lines = g_strsplit (text ? text : "", "\n", -1);
          for (guint l = 1; lines[l] && *lines[l]; l++)
            {
              g_auto(GStrv) cols = g_strsplit (lines[l], "\t", -1);
              SvgaiLogoClass c;

              if (g_strv_length (cols) >= 3 && g_strcmp0 (cols[2], "test") == 0 &&
                  svgai_logo_class_from_string (cols[1], &c))
                {
                  g_ptr_array_add (files, g_strdup_printf ("%s/%s.png", argv[i], cols[0]));
                  g_array_append_val (labels, c);
                }
            }
        }
      else if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) d = g_dir_open (argv[i], 0, NULL);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          const char *n;

          while (d && (n = g_dir_read_name (d)))
            if (g_str_has_suffix (n, ".png"))
              g_ptr_array_add (names, g_build_filename (argv[i], n, NULL));
          g_ptr_array_sort (names, (GCompareFunc) (void (*) (void)) g_strcmp0);
          for (guint k = 0; k < names->len; k++)
            g_ptr_array_add (files, g_strdup (names->pdata[k]));
        }
      else
        g_ptr_array_add (files, g_strdup (argv[i]));
    }
  return files;
}

int
svgai_cli_ai_bench (int argc, char **argv)
{
  gboolean heldout = FALSE, no_quality = FALSE;
  gint limit = 0;
  double time_limit = 0;
  GOptionEntry entries[] = {
    { "heldout", 0, 0, G_OPTION_ARG_NONE, &heldout, N_("A corpus folder argument means its held-out split (and scores the classifier)"), NULL },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("Use only the first N images"), "N" },
    { "no-quality", 0, 0, G_OPTION_ARG_NONE, &no_quality, N_("Skip the quality tier"), NULL },
    { "time-limit", 0, 0, G_OPTION_ARG_DOUBLE, &time_limit, N_("Quality tier budget per image, seconds (default 5)"), "S" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("IN|DIR… — benchmark the tiers against the default parameters"));
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (SvgaiLogoClass));
  g_autoptr(GPtrArray) files = NULL;
  enum { DEFAULTS, N_ROWS = SVGAI_N_TIERS + 1 };
  GArray *ssim[N_ROWS], *bytes[N_ROWS], *ms[N_ROWS];
  g_autoptr(GArray) feat_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) class_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pred_us = g_array_new (FALSE, FALSE, sizeof (double));
  guint cm[SVGAI_N_LOGO_CLASSES][SVGAI_N_LOGO_CLASSES] = { { 0 } }, right = 0, rules_right = 0;
  g_autoptr(GError) model_error = NULL;

  g_option_context_set_summary (ctx,
    _("For each image: features, class, then the engine's default parameters and each tier's choice,\n"
    "traced and measured. Prints mean SSIM, median bytes and median time (optimize + convert) per row,\n"
    "and the median times of feature extraction, classification and prediction."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!parse_args (ctx, &argc, &argv))
    return SVGAI_EXIT_USAGE;
  if (argc < 2)
    {
      svgai_cli_error (_("ai-bench needs images or folders"));
      return SVGAI_EXIT_USAGE;
    }
  if (!svgai_models_ensure (&model_error))
    {
      svgai_cli_error ("%s", model_error->message);
      return SVGAI_EXIT_FAILED;
    }
  files = collect (argc, argv, heldout, labels);
  if (limit > 0 && (guint) limit < files->len)
    g_ptr_array_set_size (files, limit);
  for (int r = 0; r < N_ROWS; r++)
    {
      ssim[r] = g_array_new (FALSE, FALSE, sizeof (double));
      bytes[r] = g_array_new (FALSE, FALSE, sizeof (double));
      ms[r] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = files->pdata[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(SvgaiImage) image = svgai_image_new_from_file (path, NULL, NULL, &error);
      SvgaiFeatures f;
      SvgaiClassification cls, rules;
      gint64 t;
      double v;

      if (image == NULL)
        {
          svgai_cli_error ("%s", error->message);
          continue;
        }
      svgai_features_extract (image, 0, &f);
      g_array_append_val (feat_ms, f.elapsed_ms);
      t = g_get_monotonic_time ();
      svgai_classify (&f, &cls, NULL);
      v = (g_get_monotonic_time () - t);
      g_array_append_val (class_us, v);
      svgai_classify_rules (&f, &rules);
      if (i < labels->len)
        {
          SvgaiLogoClass truth = g_array_index (labels, SvgaiLogoClass, i);

          cm[truth][cls.logo_class]++;
          right += truth == cls.logo_class;
          rules_right += truth == rules.logo_class;
        }

      for (int r = 0; r < N_ROWS; r++)
        {
          SvgaiParams p;
          SvgaiOptimizeInfo info = { 0 };
          g_autoptr(SvgaiResult) res = NULL;
          double opt_ms = 0, total, b, s;

          if (r == DEFAULTS)
            svgai_params_init_default (&p);
          else
            {
              SvgaiTier tier = r - 1;

              if (tier == SVGAI_TIER_QUALITY && no_quality)
                continue;
              if (!svgai_optimize_full (image, &f, cls.logo_class, tier, time_limit, NULL, &p, &info, &error))
                {
                  svgai_cli_error ("%s: %s", path, error->message);
                  g_clear_error (&error);
                  continue;
                }
              opt_ms = info.elapsed_ms;
              if (tier == SVGAI_TIER_BALANCED)
                {
                  t = g_get_monotonic_time ();
                  svgai_predict_ssim (&f, &p);
                  v = (g_get_monotonic_time () - t);
                  g_array_append_val (pred_us, v);
                }
            }
          if (info.result)
            {
              res = g_steal_pointer (&info.result);
              total = opt_ms;
            }
          else
            {
              t = g_get_monotonic_time ();
              res = svgai_convert (image, &p, SVGAI_CONVERT_MEASURE, NULL, &error);
              total = opt_ms + (g_get_monotonic_time () - t) / 1000.0;
            }
          svgai_optimize_info_clear (&info);
          if (res == NULL)
            {
              svgai_cli_error ("%s: %s", path, error->message);
              g_clear_error (&error);
              continue;
            }
          s = res->quality.ssim;
          b = g_bytes_get_size (res->svg);
          g_array_append_val (ssim[r], s);
          g_array_append_val (bytes[r], b);
          g_array_append_val (ms[r], total);
        }
      if ((i + 1) % 10 == 0)
        fprintf (stderr, "ai-bench: %u/%u\n", i + 1, files->len);
    }

  printf ("%u images\n\n", files->len);
  printf ("| row | mean SSIM | median bytes | median ms (optimize + trace + measure) |\n|---|---|---|---|\n");
  for (int r = 0; r < N_ROWS; r++)
    {
      double sum = 0;

      if (ssim[r]->len == 0)
        continue;
      for (guint k = 0; k < ssim[r]->len; k++)
        sum += g_array_index (ssim[r], double, k);
      printf ("| %s | %.4f | %.0f | %.1f |\n", r == DEFAULTS ? "defaults" : svgai_tier_to_string (r - 1),
              sum / ssim[r]->len, median (bytes[r]), median (ms[r]));
    }
  printf ("\nfeature extraction median %.3f ms; classification median %.1f µs; prediction median %.1f µs\n",
          median (feat_ms), median (class_us), median (pred_us));
  if (labels->len > 0)
    {
      printf ("\nclassifier held-out accuracy %.1f %% (rules %.1f %%) on %u images\n",
              100.0 * right / labels->len, 100.0 * rules_right / labels->len, labels->len);
      printf ("  true \\ predicted   simple     text gradient  complex\n");
      for (guint a = 0; a < SVGAI_N_LOGO_CLASSES; a++)
        {
          printf ("  %-18s", svgai_logo_class_to_string (a));
          for (guint c = 0; c < SVGAI_N_LOGO_CLASSES; c++)
            printf (" %8u", cm[a][c]);
          printf ("\n");
        }
    }
  for (int r = 0; r < N_ROWS; r++)
    {
      g_array_unref (ssim[r]);
      g_array_unref (bytes[r]);
      g_array_unref (ms[r]);
    }
  return SVGAI_EXIT_OK;
}
