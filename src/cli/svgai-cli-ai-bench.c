/* svg-ai-cli ai-bench: the engine's default parameters and each tier's
 * choice, traced and measured by the pipeline, over images, folders or a
 * corpus's held-out split. */
#include "svgai-config.h"

#include <glib/gi18n.h>

#include <math.h>
#include <stdio.h>
#include "svgai-cli.h"

/* The rows: the defaults (every parameter fixed), then one per tier. */
enum { DEFAULTS, N_ROWS = SVGAI_N_TIERS + 1 };

typedef struct {
  gboolean heldout, no_quality;
  gint limit;
  double time_limit;
  char **inputs;
} AiBenchOptions;

typedef struct {
  guint n_files;
  GArray *ssim[N_ROWS], *bytes[N_ROWS], *ms[N_ROWS];
  GArray *features_ms, *classify_us, *predict_us;
  GArray *labels;           /* of SvgaiLogoClass: the held-out truth, by file */
  guint confusion[SVGAI_N_LOGO_CLASSES][SVGAI_N_LOGO_CLASSES];
  guint right, rules_right;
  guint failed;             /* images that failed to load or in some row */
} AiBenchReport;

static GArray *
doubles_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (double));
}

static void
report_init (AiBenchReport *r)
{
  for (int k = 0; k < N_ROWS; k++)
    {
      r->ssim[k] = doubles_new ();
      r->bytes[k] = doubles_new ();
      r->ms[k] = doubles_new ();
    }
  r->features_ms = doubles_new ();
  r->classify_us = doubles_new ();
  r->predict_us = doubles_new ();
  r->labels = g_array_new (FALSE, FALSE, sizeof (SvgaiLogoClass));
}

static void
report_clear (AiBenchReport *r)
{
  for (int k = 0; k < N_ROWS; k++)
    {
      g_array_unref (r->ssim[k]);
      g_array_unref (r->bytes[k]);
      g_array_unref (r->ms[k]);
    }
  g_array_unref (r->features_ms);
  g_array_unref (r->classify_us);
  g_array_unref (r->predict_us);
  g_array_unref (r->labels);
}

/* Collects the inputs: image files, folders of PNGs, or a corpus folder's
 * held-out split (with labels). */
static GPtrArray *
collect (char **inputs, gboolean heldout, GArray *labels)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; inputs[i] != NULL; i++)
    {
      g_autofree char *tsv = g_build_filename (inputs[i], "labels.tsv", NULL);

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
                  g_ptr_array_add (files, g_strdup_printf ("%s/%s.png", inputs[i], cols[0]));
                  g_array_append_val (labels, c);
                }
            }
        }
      else if (g_file_test (inputs[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) d = g_dir_open (inputs[i], 0, NULL);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          const char *n;

          while (d && (n = g_dir_read_name (d)))
            if (g_str_has_suffix (n, ".png"))
              g_ptr_array_add (names, g_build_filename (inputs[i], n, NULL));
          g_ptr_array_sort (names, (GCompareFunc) (void (*) (void)) g_strcmp0);
          for (guint k = 0; k < names->len; k++)
            g_ptr_array_add (files, g_strdup (names->pdata[k]));
        }
      else
        g_ptr_array_add (files, g_strdup (inputs[i]));
    }
  return files;
}

static gboolean
ai_bench_parse (AiBenchOptions *o, int argc, char **argv)
{
  GOptionEntry entries[] = {
    { "heldout", 0, 0, G_OPTION_ARG_NONE, &o->heldout, N_("A corpus folder argument means its held-out split (and scores the classifier)"), NULL },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &o->limit, N_("Use only the first N images"), "N" },
    { "no-quality", 0, 0, G_OPTION_ARG_NONE, &o->no_quality, N_("Skip the quality tier"), NULL },
    { "time-limit", 0, 0, G_OPTION_ARG_DOUBLE, &o->time_limit, N_("Quality tier budget per image, seconds (default 5)"), "S" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->inputs, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("IN|DIR… — benchmark the tiers against the default parameters"));

  g_option_context_set_summary (ctx,
    _("For each image: features, class, then the engine's default parameters and each tier's choice,\n"
    "traced and measured. Prints mean SSIM, median bytes and median time (optimize + convert) per row,\n"
    "and the median times of feature extraction, classification and prediction."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!svgai_cli_parse_options (ctx, argc, argv) || !svgai_cli_check_range ("time-limit", o->time_limit, 86400))
    return FALSE;
  if (o->inputs == NULL || o->inputs[0] == NULL)
    {
      svgai_cli_error (_("ai-bench needs images or folders"));
      return FALSE;
    }
  return TRUE;
}

/* The time the default monitor has recorded for op so far, ms: read around
 * a run, what that run's step took. */
static double
recorded_ms (const char *op)
{
  g_autoptr(SvgaiPerfSummary) summary = svgai_perf_get_summary (NULL);
  const SvgaiPerfOpStats *stats = svgai_perf_summary_find (summary, op);

  return stats ? stats->total_ms : 0;
}

/* One row on one image: the defaults fixed, or a tier choosing; features
 * without a time limit in every row, as the rows compare parameters. */
static SvgaiResult *
run_row (const AiBenchOptions *o, SvgaiImage *image, int row, GError **error)
{
  SvgaiPipelineOptions run;

  svgai_pipeline_options_init (&run);
  run.use_cache = FALSE;
  run.features_time_limit_ms = 0;
  run.time_limit_s = o->time_limit;
  if (row == DEFAULTS)
    {
      svgai_params_init_default (&run.params);
      run.fixed = SVGAI_PARAM_ALL;
    }
  else
    run.tier = row - 1;
  return svgai_pipeline_run (image, &run, NULL, error);
}

/* The analysis of one image, from its defaults row: feature, class and
 * prediction times (the pipeline predicts only when no optimizer did),
 * and the classifier's score against the held-out label. */
static void
add_analysis (AiBenchReport *r, guint i, const SvgaiResult *res, double predict_ms)
{
  const SvgaiFeatures *f = svgai_result_get_features (res);
  const SvgaiClassification *cls = svgai_result_get_classification (res);
  double classify_us = svgai_result_get_stage_ms (res, SVGAI_STAGE_CLASSIFY) * 1000;
  double predict_us = predict_ms * 1000;
  SvgaiClassification rules;

  g_array_append_val (r->features_ms, f->elapsed_ms);
  g_array_append_val (r->classify_us, classify_us);
  g_array_append_val (r->predict_us, predict_us);
  svgai_classify_rules (f, &rules);
  if (i < r->labels->len)
    {
      SvgaiLogoClass truth = g_array_index (r->labels, SvgaiLogoClass, i);

      r->confusion[truth][cls->logo_class]++;
      r->right += truth == cls->logo_class;
      r->rules_right += truth == rules.logo_class;
    }
}

static void
bench_image (const AiBenchOptions *o, AiBenchReport *r, guint i, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SvgaiImage) image = svgai_image_new_from_file (path, NULL, NULL, &error);
  gboolean failed = FALSE;

  if (image == NULL)
    {
      svgai_cli_error ("%s", error->message);
      r->failed++;
      return;
    }
  for (int row = 0; row < N_ROWS; row++)
    {
      g_autoptr(SvgaiResult) res = NULL;
      double predict0 = recorded_ms ("predict");
      gint64 t0 = g_get_monotonic_time ();
      double ms, s, b;

      if (row - 1 == SVGAI_TIER_QUALITY && o->no_quality)
        continue;
      res = run_row (o, image, row, &error);
      if (res == NULL)
        {
          svgai_cli_error ("%s: %s", path, error->message);
          g_clear_error (&error);
          failed = TRUE;
          continue;
        }
      /* Optimize + trace + measure: the run but its analysis. */
      ms = (g_get_monotonic_time () - t0) / 1000.0 - svgai_result_get_stage_ms (res, SVGAI_STAGE_FEATURES) -
           svgai_result_get_stage_ms (res, SVGAI_STAGE_CLASSIFY);
      if (row == DEFAULTS)
        add_analysis (r, i, res, recorded_ms ("predict") - predict0);
      s = svgai_result_get_quality (res)->ssim;
      b = g_bytes_get_size (svgai_result_get_svg (res));
      g_array_append_val (r->ssim[row], s);
      g_array_append_val (r->bytes[row], b);
      g_array_append_val (r->ms[row], ms);
    }
  r->failed += failed;
}

static void
ai_bench_run (const AiBenchOptions *o, AiBenchReport *r)
{
  g_autoptr(GPtrArray) files = collect (o->inputs, o->heldout, r->labels);

  if (o->limit > 0 && (guint) o->limit < files->len)
    g_ptr_array_set_size (files, o->limit);
  r->n_files = files->len;
  for (guint i = 0; i < files->len; i++)
    {
      bench_image (o, r, i, files->pdata[i]);
      if ((i + 1) % 10 == 0)
        fprintf (stderr, "ai-bench: %u/%u\n", i + 1, files->len);
    }
}

static void
print_report (const AiBenchReport *r)
{
  printf ("%u images\n\n", r->n_files);
  printf ("| row | mean SSIM | median bytes | median ms (optimize + trace + measure) |\n|---|---|---|---|\n");
  for (int k = 0; k < N_ROWS; k++)
    {
      double sum = 0;

      if (r->ssim[k]->len == 0)
        continue;
      for (guint i = 0; i < r->ssim[k]->len; i++)
        sum += g_array_index (r->ssim[k], double, i);
      printf ("| %s | %.4f | %.0f | %.1f |\n", k == DEFAULTS ? "defaults" : svgai_tier_to_string (k - 1),
              sum / r->ssim[k]->len, svgai_cli_median (r->bytes[k]), svgai_cli_median (r->ms[k]));
    }
  printf ("\nfeature extraction median %.3f ms; classification median %.1f µs; prediction median %.1f µs\n",
          svgai_cli_median (r->features_ms), svgai_cli_median (r->classify_us), svgai_cli_median (r->predict_us));
  if (r->labels->len == 0)
    return;
  printf ("\nclassifier held-out accuracy %.1f %% (rules %.1f %%) on %u images\n",
          100.0 * r->right / r->labels->len, 100.0 * r->rules_right / r->labels->len, r->labels->len);
  printf ("  true \\ predicted   simple     text gradient  complex\n");
  for (guint a = 0; a < SVGAI_N_LOGO_CLASSES; a++)
    {
      printf ("  %-18s", svgai_logo_class_to_string (a));
      for (guint c = 0; c < SVGAI_N_LOGO_CLASSES; c++)
        printf (" %8u", r->confusion[a][c]);
      printf ("\n");
    }
}

int
svgai_cli_ai_bench (int argc, char **argv)
{
  AiBenchOptions o = { 0 };
  AiBenchReport report = { 0 };
  g_autoptr(GError) model_error = NULL;
  int status = SVGAI_EXIT_USAGE;

  if (ai_bench_parse (&o, argc, argv))
    {
      status = SVGAI_EXIT_FAILED;
      if (!svgai_init (&model_error))
        svgai_cli_error ("%s", model_error->message);
      else
        {
          report_init (&report);
          ai_bench_run (&o, &report);
          print_report (&report);
          status = report.failed ? SVGAI_EXIT_FAILED : SVGAI_EXIT_OK;
          report_clear (&report);
        }
    }
  g_strfreev (o.inputs);
  return status;
}
