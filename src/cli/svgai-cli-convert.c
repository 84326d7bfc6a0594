/* svg-ai-cli convert: one SVG per input image. */
#include "svgai-config.h"

#include <glib/gi18n.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <gio/gunixinputstream.h>
#include "svgai-cli.h"

typedef struct {
  char *output;
  char *output_dir;
  char *format_text;
  SvgaiFormat format;       /* what is written: --format, else -o's extension, else SVG */
  gint64 png_size;          /* --png-size: the PNG's longer side in px; 0 = the source's size */
  SvgaiCliParamOptions params;
  gint64 max_pixels;
  gint64 memory_budget_mb;
  char *trace_time_limit_text;
  double trace_time_limit;  /* seconds; NAN when not given */
  char *tier;
  double time_limit;
  double feature_limit_ms;  /* -1 when not given: the tier's */
  gboolean no_cache;
  gboolean json;
  gboolean quiet;
  char **inputs;
  /* what they mean to the engine */
  SvgaiPipelineOptions run;
  SvgaiLoadOptions load;
} ConvertOptions;

/* One input: its JSON report (results are not kept: a long run's memory
 * stays flat), or why it failed. */
typedef struct {
  const char *input;
  char *output;
  JsonNode *report;
  GError *error;
  double total_ms;
  gboolean first_frame_only;  /* an animated input: its first frame was converted */
} ConvertFile;

typedef struct {
  GArray *files;            /* of ConvertFile */
  guint failed;
} ConvertReport;

static void
convert_options_clear (ConvertOptions *opt)
{
  g_free (opt->output);
  g_free (opt->output_dir);
  g_free (opt->format_text);
  svgai_cli_param_options_clear (&opt->params);
  g_free (opt->tier);
  g_free (opt->trace_time_limit_text);
  g_strfreev (opt->inputs);
}

static void
convert_file_clear (gpointer data)
{
  ConvertFile *f = data;

  g_free (f->output);
  g_clear_pointer (&f->report, json_node_unref);
  g_clear_error (&f->error);
}

/* The output of input: --output, or its name with the format's extension
 * for its own (after it when keep_ext: logo.png.svg) in --output-dir or
 * beside it. */
static char *
output_path_for (const ConvertOptions *opt, const char *input, gboolean keep_ext)
{
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  char *dot;

  if (opt->output)
    return g_strdup (opt->output);
  if (g_strcmp0 (input, "-") == 0 && opt->output_dir == NULL)
    return g_strdup ("-");
  base = g_path_get_basename (g_strcmp0 (input, "-") == 0 ? "stdin" : input);
  dot = strrchr (base, '.');
  if (dot && dot != base && !keep_ext)
    *dot = '\0';
  name = g_strconcat (base, svgai_format_get_extension (opt->format), NULL);
  dir = opt->output_dir ? g_strdup (opt->output_dir) : g_path_get_dirname (input);
  return g_build_filename (dir, name, NULL);
}

/* Whether output is input itself: left to the writer, which refuses it
 * naming the source. */
static gboolean
is_own_source (const char *input, const char *output)
{
  g_autoptr(GHashTable) self = svgai_cli_file_set_new ();

  svgai_cli_file_set_add (self, input);
  return svgai_cli_file_set_contains (self, output);
}

/* Names every output before anything is written: a second input with the
 * same output name (a/logo.png, b/logo.png into one folder; logo.png and
 * logo.jpg) keeps its extension, logo.png.svg, as batch does; an output
 * still taken, or that is an input of the run, fails its input (the input
 * itself: the writer refuses, saying "source"). */
static void
plan_outputs (const ConvertOptions *opt, GArray *files)
{
  g_autoptr(GHashTable) inputs = svgai_cli_file_set_new ();
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; opt->inputs[i] != NULL; i++)
    svgai_cli_file_set_add (inputs, opt->inputs[i]);
  for (guint i = 0; i < files->len; i++)
    {
      ConvertFile *f = &g_array_index (files, ConvertFile, i);
      g_autofree char *key = NULL;
      const char *earlier;

      f->output = output_path_for (opt, f->input, FALSE);
      if (g_strcmp0 (f->output, "-") == 0)
        continue;
      key = g_canonicalize_filename (f->output, NULL);
      earlier = g_hash_table_lookup (taken, key);
      if (earlier && g_strcmp0 (earlier, f->input) != 0 && opt->output == NULL)
        {
          g_free (f->output);
          g_free (key);
          f->output = output_path_for (opt, f->input, TRUE);
          key = g_canonicalize_filename (f->output, NULL);
          earlier = g_hash_table_lookup (taken, key);
        }
      if (earlier && g_strcmp0 (earlier, f->input) != 0)
        g_set_error (&f->error, SVGAI_ERROR, SVGAI_ERROR_INVALID, _("%s: its SVG would overwrite that of %s"),
                     f->input, earlier);
      else if (svgai_cli_file_set_contains (inputs, f->output) && !is_own_source (f->input, f->output))
        g_set_error (&f->error, SVGAI_ERROR, SVGAI_ERROR_INVALID,
                     _("%s: its SVG %s would overwrite another input of this run"), f->input, f->output);
      if (f->error == NULL)
        g_hash_table_insert (taken, g_steal_pointer (&key), (gpointer) f->input);
    }
}

static SvgaiImage *
load_input (const char *input, const SvgaiLoadOptions *load, GError **error)
{
  if (g_strcmp0 (input, "-") == 0)
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);

      return svgai_image_new_from_stream (in, "stdin", load, NULL, error);
    }
  return svgai_image_new_from_file (input, load, NULL, error);
}

static gboolean
write_output (const char *path, const char *input, GBytes *svg, GError **error)
{
  gsize len;
  const char *data = g_bytes_get_data (svg, &len);

  if (g_strcmp0 (path, "-") == 0)
    {
      if (fwrite (data, 1, len, stdout) != len || fflush (stdout) != 0)
        {
          g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_IO, _("standard output: %s"), g_strerror (errno));
          return FALSE;
        }
      return TRUE;
    }
  return svgai_write_file_atomic (path, data, len, g_strcmp0 (input, "-") == 0 ? NULL : input, error);
}

/* The result's SVG in the format asked for, written; a warning when EPS
 * flattens translucent shapes. */
static gboolean
write_result (const ConvertOptions *opt, const char *output, const char *input, GBytes *svg, GError **error)
{
  g_autoptr(GBytes) bytes = svgai_svg_export (svg, opt->format, 1, (int) opt->png_size, error);

  if (bytes == NULL)
    {
      g_prefix_error (error, "%s: ", input);
      return FALSE;
    }
  if (opt->format == SVGAI_FORMAT_EPS && !opt->quiet && svgai_svg_is_translucent (svg))
    svgai_cli_error (_("%s: EPS has no transparency: the translucent shapes of its SVG are drawn as pixels"), output);
  return write_output (output, input, bytes, error);
}

static void
print_summary (const char *input, const char *output, const SvgaiResult *r, double total_ms)
{
  /* With the SVG on stdout, the summary goes to stderr. */
  FILE *out = g_strcmp0 (output, "-") == 0 ? stderr : stdout;

  const SvgaiClassification *c = svgai_result_get_classification (r);
  const SvgaiQuality *q = svgai_result_get_quality (r);

  fprintf (out, _("%s → %s: %s%s%d colours, %u paths, %u nodes, %.1f KB, SSIM %.4f, %.0f ms\n"), input, output,
           c ? svgai_logo_class_to_string (c->logo_class) : "", c ? ", " : "",
           svgai_result_get_params (r)->colors, svgai_result_get_n_paths (r), svgai_result_get_n_nodes (r),
           g_bytes_get_size (svgai_result_get_svg (r)) / 1024.0, q ? q->ssim : NAN, total_ms);
  svgai_cli_print_warnings (input, r);
}

/* Converts what the options name; the rows of the report. */
static SvgaiResult *
convert_input (const ConvertOptions *opt, const char *input, SvgaiImage **image, GError **error)
{
  g_autoptr(SvgaiImage) loaded = NULL;
  SvgaiResult *result;

  if (g_strcmp0 (input, "-") != 0)
    return svgai_pipeline_run_file (input, &opt->load, &opt->run, image, NULL, error);
  loaded = load_input (input, &opt->load, error);
  if (loaded == NULL)
    return NULL;
  result = svgai_pipeline_run (loaded, &opt->run, NULL, error);
  if (result == NULL && error && *error && !g_str_has_prefix ((*error)->message, input))
    g_prefix_error (error, "%s: ", input);
  if (result)
    *image = g_steal_pointer (&loaded);
  return result;
}

/* The file's members of the JSON report. */
static JsonNode *
file_report (const ConvertFile *f, const SvgaiImage *image, const SvgaiResult *result)
{
  g_autoptr(JsonBuilder) json = json_builder_new ();

  json_builder_begin_object (json);
  json_builder_set_member_name (json, "input");
  svgai_cli_json_add_text (json, f->input);
  json_builder_set_member_name (json, "output");
  svgai_cli_json_add_text (json, f->output);
  json_builder_set_member_name (json, "width");
  json_builder_add_int_value (json, image->width);
  json_builder_set_member_name (json, "height");
  json_builder_add_int_value (json, image->height);
  svgai_report_add_result (json, result);
  if (image->first_frame_only)
    {
      json_builder_set_member_name (json, "first_frame_only");
      json_builder_add_boolean_value (json, TRUE);
    }
  if (f->error)
    {
      json_builder_set_member_name (json, "error");
      svgai_cli_json_add_text (json, f->error->message);
    }
  json_builder_end_object (json);
  return json_builder_get_root (json);
}

/* Converts and writes one input; returns its result (for the summary line)
 * or NULL with f->error set. */
static SvgaiResult *
convert_one (const ConvertOptions *opt, ConvertFile *f)
{
  g_autoptr(SvgaiImage) image = NULL;
  g_autoptr(SvgaiResult) result = NULL;
  gint64 t0 = g_get_monotonic_time ();
  const char *input = f->input;

  if (f->error)
    return NULL;
  result = convert_input (opt, input, &image, &f->error);
  if (result && !write_result (opt, f->output, input, svgai_result_get_svg (result), &f->error))
    g_clear_pointer (&result, svgai_result_unref);
  /* Written, but a failure: an SVG that does not resemble its source. */
  if (result)
    svgai_result_check_resemblance (result, input, &f->error);
  f->total_ms = (g_get_monotonic_time () - t0) / 1000.0;
  if (result)
    {
      f->first_frame_only = image->first_frame_only;
      f->report = file_report (f, image, result);
    }
  return g_steal_pointer (&result);
}

static void
convert_run (const ConvertOptions *opt, ConvertReport *report)
{
  report->files = g_array_new (FALSE, TRUE, sizeof (ConvertFile));
  g_array_set_clear_func (report->files, convert_file_clear);
  for (guint i = 0; opt->inputs[i] != NULL; i++)
    {
      ConvertFile f = { .input = opt->inputs[i] };

      g_array_append_val (report->files, f);
    }
  plan_outputs (opt, report->files);
  for (guint i = 0; i < report->files->len; i++)
    {
      ConvertFile *f = &g_array_index (report->files, ConvertFile, i);
      g_autoptr(SvgaiResult) result = convert_one (opt, f);

      if (result && !opt->json && !opt->quiet)
        print_summary (f->input, f->output, result, f->total_ms);
      if (result && f->first_frame_only && !opt->quiet)
        svgai_cli_error (_("%s: an animation: only its first frame was converted"), f->input);
      if (f->error)
        {
          report->failed++;
          /* Said as it happens, so that a long run shows its failures. */
          svgai_cli_error ("%s", f->error->message);
        }
    }
}

static void
print_json (const ConvertOptions *opt, const ConvertReport *report)
{
  g_autoptr(JsonBuilder) json = json_builder_new ();
  g_autoptr(SvgaiPerfSummary) perf = svgai_perf_get_summary (NULL);

  json_builder_begin_object (json);
  json_builder_set_member_name (json, "files");
  json_builder_begin_array (json);
  for (guint i = 0; i < report->files->len; i++)
    {
      const ConvertFile *f = &g_array_index (report->files, ConvertFile, i);

      if (f->report)
        {
          json_builder_add_value (json, json_node_copy (f->report));
          continue;
        }
      json_builder_begin_object (json);
      json_builder_set_member_name (json, "input");
      svgai_cli_json_add_text (json, f->input);
      json_builder_set_member_name (json, "error");
      svgai_cli_json_add_text (json, f->error->message);
      json_builder_end_object (json);
    }
  json_builder_end_array (json);
  json_builder_set_member_name (json, "failed");
  json_builder_add_int_value (json, report->failed);
  json_builder_set_member_name (json, "peak_rss_bytes");
  json_builder_add_int_value (json, (gint64) svgai_memory_peak_rss ());
  json_builder_set_member_name (json, "perf");
  svgai_perf_summary_to_json (perf, json);
  json_builder_end_object (json);
  /* Keep stdout clean for the SVG when it goes there. */
  svgai_cli_print_json (json, g_strcmp0 (opt->output, "-") == 0 ? stderr : stdout, TRUE);
}

static gboolean
usage_error (const char *message)
{
  svgai_cli_error ("%s", message);
  return FALSE;
}

/* The largest PNG side: 16384² RGBA is 1 GB. */
#define SVGAI_CLI_MAX_PNG_SIZE 16384

/* The longest --trace-time-limit, seconds (a day: what a limit above means
 * is no limit, which is 0). */
#define MAX_TRACE_TIME_LIMIT_S 86400.0

/* A number of seconds from 0 to MAX_TRACE_TIME_LIMIT_S: not NaN, infinite
 * or so large that milliseconds overflow. */
static gboolean
parse_seconds (const char *text, double *out)
{
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0' || !(v >= 0 && v <= MAX_TRACE_TIME_LIMIT_S))
    return FALSE;
  *out = v;
  return TRUE;
}

/* The options that are not the parameters' own, checked. */
static gboolean
check_options (ConvertOptions *opt)
{
  if (!svgai_cli_parse_tier (opt->tier, &opt->run.tier))
    return FALSE;
  if (opt->time_limit < 0 || !isfinite (opt->time_limit))
    return usage_error (_("--time-limit must be a positive number of seconds"));
  if (opt->feature_limit_ms != -1 && !(opt->feature_limit_ms >= 0 && opt->feature_limit_ms <= 86400e3))
    return usage_error (_("--feature-limit must be a number of milliseconds from 0 (no limit) to 86400000"));
  if (opt->inputs == NULL || opt->inputs[0] == NULL)
    return usage_error (_("convert: no input (try 'svg-ai-cli convert --help')"));
  if (opt->output && opt->output_dir)
    return usage_error (_("convert: give --output or --output-dir, not both"));
  if (opt->output && g_strv_length (opt->inputs) > 1)
    return usage_error (_("convert: --output takes one input; use --output-dir for several"));
  if (opt->max_pixels < 0)
    return usage_error (_("--max-pixels must be positive"));
  if (opt->memory_budget_mb < 0 || opt->memory_budget_mb > G_MAXINT64 >> 20)
    return usage_error (_("--memory-budget must be a positive number of MB"));
  if (opt->format_text && !svgai_format_from_string (opt->format_text, &opt->format))
    return usage_error (_("--format must be svg, pdf, eps or png"));
  if (opt->format_text == NULL)
    opt->format = opt->output && g_strcmp0 (opt->output, "-") != 0 ? svgai_format_for_name (opt->output)
                                                                   : SVGAI_FORMAT_SVG;
  if (opt->png_size != -1 && opt->format != SVGAI_FORMAT_PNG)
    return usage_error (_("--png-size is for --format png"));
  if (opt->png_size != -1 && (opt->png_size < 1 || opt->png_size > SVGAI_CLI_MAX_PNG_SIZE))
    return usage_error (_("--png-size must be a number of pixels from 1 to 16384"));
  opt->png_size = MAX (opt->png_size, 0);
  if (opt->trace_time_limit_text && !parse_seconds (opt->trace_time_limit_text, &opt->trace_time_limit))
    return usage_error (_("--trace-time-limit must be a number of seconds from 0 (no limit) to 86400"));
  return TRUE;
}

static gboolean
convert_parse (ConvertOptions *opt, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  GOptionEntry *params = svgai_cli_param_entries_new (&opt->params);
  GOptionEntry outputs[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt->output, N_("Write the SVG to FILE ('-' for standard output; one input only)"), "FILE" },
    { "output-dir", 'd', 0, G_OPTION_ARG_FILENAME, &opt->output_dir, N_("Write each SVG into DIR, named after its input"), "DIR" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt->format_text, N_("Write svg (default), pdf, eps or png; without it, --output's extension decides"), "svg|pdf|eps|png" },
    { "png-size", 0, 0, G_OPTION_ARG_INT64, &opt->png_size, N_("With --format png: PX pixels on the longer side (default: the source's size)"), "PX" },
    { NULL }
  };
  GOptionEntry entries[] = {
    { "max-pixels", 0, 0, G_OPTION_ARG_INT64, &opt->max_pixels, N_("Refuse images over N pixels (default 64000000)"), "N" },
    { "memory-budget", 0, 0, G_OPTION_ARG_INT64, &opt->memory_budget_mb, N_("Refuse images estimated to need over N MB to convert (default: half the memory, at most 4096)"), "N" },
    { "trace-time-limit", 0, 0, G_OPTION_ARG_STRING, &opt->trace_time_limit_text, N_("Give up tracing an image after S seconds (default 30; 0: no limit)"), "S" },
    { "tier", 0, 0, G_OPTION_ARG_STRING, &opt->tier, N_("How parameters are chosen: fast, balanced (default) or quality; explicit --colors etc. override its choice"), "T" },
    { "time-limit", 0, 0, G_OPTION_ARG_DOUBLE, &opt->time_limit, N_("Seconds the quality tier may spend per image (default 5)"), "S" },
    { "feature-limit", 0, 0, G_OPTION_ARG_DOUBLE, &opt->feature_limit_ms, N_("Milliseconds feature extraction may take per image (default: the tier's, 25 fast, 200 balanced; 0: no limit)"), "MS" },
    { "no-cache", 0, 0, G_OPTION_ARG_NONE, &opt->no_cache, N_("Neither read nor write the feature cache ($XDG_CACHE_HOME/svg-ai)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt->json, N_("Print a JSON report instead of summary lines"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt->quiet, N_("Print nothing but errors"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt->inputs, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("IN… — convert images to SVG"));
  gboolean ok;

  g_option_context_set_summary (ctx,
    _("Traces each input image (PNG, JPEG, GIF, BMP, TIFF, WebP; '-' reads standard input) and writes\n"
    "an SVG beside it, into --output-dir, or to --output. Prints one line per file: colours, paths,\n"
    "nodes, size, SSIM against the source, time.\n"
    "\n"
    "--format pdf or eps draws the same shapes as vectors (96 px to the inch; EPS has no transparency:\n"
    "translucent shapes become pixels, with a warning); --format png renders the SVG, at\n"
    "--png-size pixels on its longer side."));
  g_option_context_set_description (ctx,
    _("Exit status: 0 all converted, 1 some input failed (the others are still converted), 2 bad command line."));
  opt->trace_time_limit = NAN;   /* not given */
  opt->png_size = -1;            /* not given */
  opt->feature_limit_ms = -1;    /* not given */
  g_option_context_add_main_entries (ctx, outputs, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (ctx, params, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  ok = svgai_cli_parse_options (ctx, argc, argv);
  svgai_cli_param_entries_free (params);
  if (!ok)
    return FALSE;

  svgai_pipeline_options_init (&opt->run);
  if (!svgai_cli_param_options_apply (&opt->params, &opt->run, &error))
    return usage_error (error->message);
  if (!check_options (opt))
    return FALSE;
  opt->run.time_limit_s = opt->time_limit;
  if (opt->feature_limit_ms != -1)
    opt->run.features_time_limit_ms = opt->feature_limit_ms;
  opt->run.use_cache = !opt->no_cache;
  /* Each input is converted once: keep no results around. */
  opt->run.cache_results = FALSE;
  opt->load.max_pixels = (guint64) opt->max_pixels;
  opt->load.memory_budget = (guint64) opt->memory_budget_mb << 20;
  return TRUE;
}

int
svgai_cli_convert (int argc, char **argv)
{
  ConvertOptions opt = { 0 };
  ConvertReport report = { 0 };
  g_autoptr(GError) error = NULL;
  int status;

  svgai_cli_heap_setup ();
  if (!convert_parse (&opt, argc, argv))
    {
      convert_options_clear (&opt);
      return SVGAI_EXIT_USAGE;
    }
  /* The tracer holds its path data to the same budget as the loader. */
  if (opt.memory_budget_mb > 0)
    svgai_limits_set_memory_budget ((guint64) opt.memory_budget_mb << 20);
  if (!isnan (opt.trace_time_limit))
    svgai_limits_set_trace_time_limit_ms (opt.trace_time_limit == 0 ? -1 : opt.trace_time_limit * 1000);
  /* Without the models the rules and the fast table answer: the pipeline
   * says so where it matters. */
  if (!svgai_init (&error))
    g_debug ("models: %s", error->message);

  convert_run (&opt, &report);
  if (opt.json)
    print_json (&opt, &report);
  status = report.failed ? SVGAI_EXIT_FAILED : SVGAI_EXIT_OK;
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
  /* The process ends here: its memory goes back whole, faster than free
   * by free (0.6 ms of a 256 px logo's 28). A sanitizer build frees it,
   * for its leak check. */
  _exit (svgai_cli_finish (status));
#endif
  g_array_unref (report.files);
  convert_options_clear (&opt);
  return status;
}
