/* svg-ai-cli analyze: features, logo type and the parameters each tier
 * picks, one pipeline run per tier. */
#include "svgai-config.h"

#include <glib/gi18n.h>

#include <stdio.h>
#include "svgai-cli.h"

typedef struct {
  gboolean json;
  gboolean quality;
  double feature_limit_ms;
  double time_limit;
  char **inputs;
} AnalyzeOptions;

typedef struct {
  char *input;
  int width, height;
  SvgaiResult *tiers[SVGAI_N_TIERS];     /* NULL: not run, or failed */
  const SvgaiFeatures *features;         /* of the first tier run */
  const SvgaiClassification *classification;
  SvgaiClassification rules;
} AnalyzeFile;

typedef struct {
  GPtrArray *files;         /* of AnalyzeFile* */
  int status;
} AnalyzeReport;

static void
analyze_file_free (gpointer data)
{
  AnalyzeFile *f = data;

  g_free (f->input);
  for (int t = 0; t < SVGAI_N_TIERS; t++)
    g_clear_pointer (&f->tiers[t], svgai_result_unref);
  g_free (f);
}

static gboolean
analyze_parse (AnalyzeOptions *o, int argc, char **argv)
{
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &o->json, N_("Print JSON"), NULL },
    { "feature-limit", 0, 0, G_OPTION_ARG_DOUBLE, &o->feature_limit_ms, N_("Time limit for feature extraction, ms (default none)"), "MS" },
    { "quality", 0, 0, G_OPTION_ARG_NONE, &o->quality, N_("Also run the quality tier (traces)"), NULL },
    { "time-limit", 0, 0, G_OPTION_ARG_DOUBLE, &o->time_limit, N_("Quality tier budget, seconds (default 5)"), "S" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->inputs, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("IN… — features, logo type and the parameters each tier picks"));

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!svgai_cli_parse_options (ctx, argc, argv) || !svgai_cli_check_range ("time-limit", o->time_limit, 86400) ||
      !svgai_cli_check_range ("feature-limit", o->feature_limit_ms, 86400e3))
    return FALSE;
  if (o->inputs == NULL || o->inputs[0] == NULL)
    {
      svgai_cli_error (_("analyze needs at least one image"));
      return FALSE;
    }
  return TRUE;
}

/* Each tier's run on one image: the features and class come with the
 * first; the quality tier measures what it traced. */
static AnalyzeFile *
analyze_one (const AnalyzeOptions *o, const char *input, GError **error)
{
  g_autoptr(SvgaiImage) image = svgai_image_new_from_file (input, NULL, NULL, error);
  AnalyzeFile *f;

  if (image == NULL)
    return NULL;
  f = g_new0 (AnalyzeFile, 1);
  f->input = g_strdup (input);
  f->width = image->width;
  f->height = image->height;
  for (SvgaiTier t = 0; t < SVGAI_N_TIERS; t++)
    {
      g_autoptr(GError) err = NULL;
      SvgaiPipelineOptions run;

      if (t == SVGAI_TIER_QUALITY && !o->quality)
        continue;
      svgai_pipeline_options_init (&run);
      run.tier = t;
      run.time_limit_s = o->time_limit;
      run.features_time_limit_ms = o->feature_limit_ms;
      run.use_cache = FALSE;
      run.measure = t == SVGAI_TIER_QUALITY;
      f->tiers[t] = svgai_pipeline_run (image, &run, NULL, &err);
      if (f->tiers[t] == NULL)
        svgai_cli_error (_("%s: %s tier: %s"), input, svgai_tier_to_string (t), err->message);
      else if (f->features == NULL)
        {
          f->features = svgai_result_get_features (f->tiers[t]);
          f->classification = svgai_result_get_classification (f->tiers[t]);
          svgai_classify_rules (f->features, &f->rules);
        }
    }
  return f;
}

static void
analyze_run (const AnalyzeOptions *o, AnalyzeReport *report)
{
  report->files = g_ptr_array_new_with_free_func (analyze_file_free);
  report->status = SVGAI_EXIT_OK;
  for (guint i = 0; o->inputs[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      AnalyzeFile *f = analyze_one (o, o->inputs[i], &error);

      if (f == NULL)
        {
          svgai_cli_error ("%s", error->message);
          report->status = SVGAI_EXIT_FAILED;
        }
      else if (f->features == NULL)
        analyze_file_free (f);
      else
        g_ptr_array_add (report->files, f);
    }
}

/* The optimizer's own choice ("auto" left as 0), or what was used when it
 * did not run. */
static const SvgaiParams *
chosen_params (const SvgaiResult *r)
{
  const SvgaiParams *p = svgai_result_get_auto_params (r);

  return p ? p : svgai_result_get_params (r);
}

static void
print_text (const AnalyzeReport *report)
{
  for (guint i = 0; i < report->files->len; i++)
    {
      const AnalyzeFile *f = report->files->pdata[i];

      printf ("%s: %d×%d\n", f->input, f->width, f->height);
      for (guint k = 0; k < SVGAI_N_FEATURES; k++)
        printf ("  %-18s %10.4f%s\n", svgai_feature_get_name (k), svgai_features_get (f->features, k),
                f->features->estimated[k] ? "  (estimated)" : "");
      printf ("  features in %.2f ms\n  class %s (confidence %.2f; rules say %s)\n", f->features->elapsed_ms,
              svgai_logo_class_to_string (f->classification->logo_class), f->classification->confidence,
              svgai_logo_class_to_string (f->rules.logo_class));
      for (SvgaiTier t = 0; t < SVGAI_N_TIERS; t++)
        {
          const SvgaiResult *r = f->tiers[t];
          const SvgaiParams *p;
          g_autofree char *measured = NULL;

          if (r == NULL)
            continue;
          p = chosen_params (r);
          if (t == SVGAI_TIER_QUALITY && svgai_result_get_quality (r))
            measured = g_strdup_printf (", measured %.4f, %zu bytes", svgai_result_get_quality (r)->ssim,
                                        g_bytes_get_size (svgai_result_get_svg (r)));
          printf ("  %-8s colors %d speckle %d smooth %.2f tolerance %.2f upsample %d  "
                  "predicted SSIM %.4f%s  (%.2f ms)\n",
                  svgai_tier_to_string (t), p->colors, p->speckle, p->smooth, p->tolerance, p->upsample,
                  svgai_result_get_predicted_ssim (r), measured ? measured : "",
                  svgai_result_get_stage_ms (r, SVGAI_STAGE_OPTIMIZE));
        }
    }
}

static void
add_tier_json (JsonBuilder *b, SvgaiTier t, const SvgaiResult *r)
{
  json_builder_set_member_name (b, svgai_tier_to_string (t));
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "params");
  svgai_report_add_params (b, chosen_params (r));
  json_builder_set_member_name (b, "predicted_ssim");
  json_builder_add_double_value (b, svgai_result_get_predicted_ssim (r));
  json_builder_set_member_name (b, "optimize_ms");
  json_builder_add_double_value (b, svgai_result_get_stage_ms (r, SVGAI_STAGE_OPTIMIZE));
  if (t == SVGAI_TIER_QUALITY && svgai_result_get_quality (r))
    {
      json_builder_set_member_name (b, "ssim");
      json_builder_add_double_value (b, svgai_result_get_quality (r)->ssim);
      json_builder_set_member_name (b, "bytes");
      json_builder_add_int_value (b, g_bytes_get_size (svgai_result_get_svg (r)));
    }
  json_builder_end_object (b);
}

static void
add_file_json (JsonBuilder *b, const AnalyzeFile *f)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "input");
  svgai_cli_json_add_text (b, f->input);
  json_builder_set_member_name (b, "features");
  svgai_report_add_features (b, f->features);
  json_builder_set_member_name (b, "estimated");
  json_builder_begin_array (b);
  for (guint i = 0; i < SVGAI_N_FEATURES; i++)
    if (f->features->estimated[i])
      json_builder_add_string_value (b, svgai_feature_get_name (i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "features_ms");
  json_builder_add_double_value (b, f->features->elapsed_ms);
  json_builder_set_member_name (b, "class");
  json_builder_add_string_value (b, svgai_logo_class_to_string (f->classification->logo_class));
  json_builder_set_member_name (b, "confidence");
  json_builder_add_double_value (b, f->classification->confidence);
  json_builder_set_member_name (b, "rules_class");
  json_builder_add_string_value (b, svgai_logo_class_to_string (f->rules.logo_class));
  json_builder_set_member_name (b, "tiers");
  json_builder_begin_object (b);
  for (SvgaiTier t = 0; t < SVGAI_N_TIERS; t++)
    if (f->tiers[t])
      add_tier_json (b, t, f->tiers[t]);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
print_json (const AnalyzeReport *report)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "files");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->files->len; i++)
    add_file_json (b, report->files->pdata[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  svgai_cli_print_json (b, stdout, TRUE);
}

int
svgai_cli_analyze (int argc, char **argv)
{
  AnalyzeOptions o = { 0 };
  AnalyzeReport report = { 0 };
  g_autoptr(GError) model_error = NULL;
  int status = SVGAI_EXIT_USAGE;

  if (analyze_parse (&o, argc, argv))
    {
      if (!svgai_init (&model_error))
        svgai_cli_error (_("%s (falling back to the rules and the defaults)"), model_error->message);
      analyze_run (&o, &report);
      if (o.json)
        print_json (&report);
      else
        print_text (&report);
      g_ptr_array_unref (report.files);
      status = report.status;
    }
  g_strfreev (o.inputs);
  return status;
}
