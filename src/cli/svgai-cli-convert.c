/* svg-ai-cli convert: one SVG per input image. */
#include "svgai-config.h"

#include <glib/gi18n.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <gio/gunixinputstream.h>
#include "svgai.h"
#include "svgai-cli.h"
#include "engine/svgai-image.h"
#include "engine/svgai-limits.h"
#include "ai/svgai-optimizer.h"

typedef struct {
  char *output;
  char *output_dir;
  char *colors, *speckle, *smooth, *tolerance, *layering, *upsample;
  gint64 max_pixels;
  gint64 memory_budget_mb;
  double trace_time_limit;  /* seconds; NAN when not given */
  char *tier;
  double time_limit;
  gboolean no_cache;
  gboolean json;
  gboolean quiet;
} Options;

/* Parses a numeric option against its spec; "auto" means 0 where allowed. */
static gboolean
parse_param (SvgaiPipelineOptions *run, const char *name, const char *text, GError **error)
{
  SvgaiParams *params = &run->params;
  const SvgaiParamSpec *spec = svgai_params_find_spec (name);
  char *end = NULL;
  double v;

  if (text == NULL)
    return TRUE;
  if (spec->zero_is_auto && g_ascii_strcasecmp (text, "auto") == 0)
    v = 0;
  else
    {
      v = g_ascii_strtod (text, &end);
      if (end == text || *end != '\0' || (spec->is_integer && v != (gint64) v))
        {
          g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_INVALID, _("--%s: '%s' is not %s"), name, text,
                       spec->is_integer ? _("a whole number") : _("a number"));
          return FALSE;
        }
    }
  if (v < spec->min || v > spec->max)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_INVALID, _("--%s must be between %g and %g%s, not %s"),
                   name, spec->min, spec->max, spec->zero_is_auto ? _(" (or auto)") : "", text);
      return FALSE;
    }
  svgai_params_set (params, name, v);
  /* An explicit value overrides the optimizer's choice. */
  run->fixed |= g_str_equal (name, "colors") ? SVGAI_PARAM_COLORS :
                g_str_equal (name, "speckle") ? SVGAI_PARAM_SPECKLE :
                g_str_equal (name, "smooth") ? SVGAI_PARAM_SMOOTH :
                g_str_equal (name, "tolerance") ? SVGAI_PARAM_TOLERANCE : SVGAI_PARAM_UPSAMPLE;
  return TRUE;
}

static char *
output_path_for (const Options *opt, const char *input)
{
  g_autofree char *base = NULL;
  char *dot;

  if (opt->output)
    return g_strdup (opt->output);
  if (g_strcmp0 (input, "-") == 0 && opt->output_dir == NULL)
    return g_strdup ("-");
  base = g_path_get_basename (g_strcmp0 (input, "-") == 0 ? "stdin" : input);
  dot = strrchr (base, '.');
  if (dot && dot != base)
    *dot = '\0';
  if (opt->output_dir)
    {
      g_autofree char *name = g_strconcat (base, ".svg", NULL);
      return g_build_filename (opt->output_dir, name, NULL);
    }
  {
    g_autofree char *dir = g_path_get_dirname (input);
    g_autofree char *name = g_strconcat (base, ".svg", NULL);
    return g_build_filename (dir, name, NULL);
  }
}

static SvgaiImage *
load_input (const char *input, const SvgaiLoadOptions *load, GError **error)
{
  if (g_strcmp0 (input, "-") == 0)
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
      g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
      g_autoptr(GBytes) bytes = NULL;

      if (g_output_stream_splice (mem, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
        return NULL;
      bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
      return svgai_image_new_from_bytes (bytes, "stdin", load, error);
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

static void
print_summary (const char *input, const char *output, const SvgaiResult *r, double total_ms)
{
  /* With the SVG on stdout, the summary goes to stderr. */
  FILE *out = g_strcmp0 (output, "-") == 0 ? stderr : stdout;

  fprintf (out, _("%s → %s: %s%s%d colours, %u paths, %u nodes, %.1f KB, SSIM %.4f, %.0f ms\n"), input, output,
           r->classified ? svgai_logo_class_to_string (r->classification.logo_class) : "",
           r->classified ? ", " : "", r->params.colors, r->paths, r->nodes, g_bytes_get_size (r->svg) / 1024.0,
           r->quality.ssim, total_ms);
}

int
svgai_cli_convert (int argc, char **argv)
{
  Options opt = { 0 };
  g_auto(GStrv) inputs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) json = json_builder_new ();
  SvgaiPipelineOptions run;
  SvgaiLoadOptions load = { 0 };
  int failed = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt.output, N_("Write the SVG to FILE ('-' for standard output; one input only)"), "FILE" },
    { "output-dir", 'd', 0, G_OPTION_ARG_FILENAME, &opt.output_dir, N_("Write each SVG into DIR, named after its input"), "DIR" },
    { "colors", 0, 0, G_OPTION_ARG_STRING, &opt.colors, N_("Maximum number of colours, 1–32, or auto (default)"), "N" },
    { "speckle", 0, 0, G_OPTION_ARG_STRING, &opt.speckle, N_("Drop specks up to N pixels, 0–100 (default 2)"), "N" },
    { "smooth", 0, 0, G_OPTION_ARG_STRING, &opt.smooth, N_("Corner smoothness, 0 (sharp) – 1.334 (round) (default 1)"), "A" },
    { "tolerance", 0, 0, G_OPTION_ARG_STRING, &opt.tolerance, N_("Curve tolerance in pixels, 0–1; higher gives fewer nodes (default 0.3)"), "T" },
    { "layering", 0, 0, G_OPTION_ARG_STRING, &opt.layering, N_("stacked (default: no gaps between colours) or cutout (no overlaps)"), "MODE" },
    { "upsample", 0, 0, G_OPTION_ARG_STRING, &opt.upsample, N_("Trace at 1–4× the source size, or auto (default)"), "auto|N" },
    { "max-pixels", 0, 0, G_OPTION_ARG_INT64, &opt.max_pixels, N_("Refuse images over N pixels (default 64000000)"), "N" },
    { "memory-budget", 0, 0, G_OPTION_ARG_INT64, &opt.memory_budget_mb, N_("Refuse images estimated to need over N MB to convert (default: half the memory, at most 4096)"), "N" },
    { "trace-time-limit", 0, 0, G_OPTION_ARG_DOUBLE, &opt.trace_time_limit, N_("Give up tracing an image after S seconds (default 30; 0: no limit)"), "S" },
    { "tier", 0, 0, G_OPTION_ARG_STRING, &opt.tier, N_("How parameters are chosen: fast, balanced (default) or quality; explicit --colors etc. override its choice"), "T" },
    { "time-limit", 0, 0, G_OPTION_ARG_DOUBLE, &opt.time_limit, N_("Seconds the quality tier may spend per image (default 5)"), "S" },
    { "no-cache", 0, 0, G_OPTION_ARG_NONE, &opt.no_cache, N_("Neither read nor write the feature cache ($XDG_CACHE_HOME/svg-ai)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt.json, N_("Print a JSON report instead of summary lines"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt.quiet, N_("Print nothing but errors"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &inputs, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("IN… — convert images to SVG"));

  g_option_context_set_summary (ctx,
    _("Traces each input image (PNG, JPEG, GIF, BMP, TIFF, WebP; '-' reads standard input) and writes\n"
    "an SVG beside it, into --output-dir, or to --output. Prints one line per file: colours, paths,\n"
    "nodes, size, SSIM against the source, time."));
  g_option_context_set_description (ctx,
    _("Exit status: 0 all converted, 1 some input failed (the others are still converted), 2 bad command line."));
  opt.trace_time_limit = NAN;   /* not given */
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      svgai_cli_error ("%s", error->message);
      return SVGAI_EXIT_USAGE;
    }

  svgai_pipeline_options_init (&run);
  if (!parse_param (&run, "colors", opt.colors, &error) ||
      !parse_param (&run, "speckle", opt.speckle, &error) ||
      !parse_param (&run, "smooth", opt.smooth, &error) ||
      !parse_param (&run, "tolerance", opt.tolerance, &error) ||
      !parse_param (&run, "upsample", opt.upsample, &error))
    {
      svgai_cli_error ("%s", error->message);
      return SVGAI_EXIT_USAGE;
    }
  if (opt.layering && !svgai_layering_from_string (opt.layering, &run.params.layering))
    {
      svgai_cli_error (_("--layering must be stacked or cutout, not '%s'"), opt.layering);
      return SVGAI_EXIT_USAGE;
    }
  if (opt.layering)
    run.fixed |= SVGAI_PARAM_LAYERING;
  if (opt.tier)
    {
      SvgaiTier tier;

      if (!svgai_tier_from_string (opt.tier, &tier))
        {
          svgai_cli_error (_("--tier must be fast, balanced or quality, not '%s'"), opt.tier);
          return SVGAI_EXIT_USAGE;
        }
      run.tier = tier;
    }
  if (opt.time_limit < 0 || !isfinite (opt.time_limit))
    {
      svgai_cli_error (_("--time-limit must be a positive number of seconds"));
      return SVGAI_EXIT_USAGE;
    }
  run.time_limit_s = opt.time_limit;
  run.use_cache = !opt.no_cache;
  /* Each input is converted once: keep no results around. */
  run.cache_results = FALSE;
  if (inputs == NULL || inputs[0] == NULL)
    {
      svgai_cli_error (_("convert: no input (try 'svg-ai-cli convert --help')"));
      return SVGAI_EXIT_USAGE;
    }
  if (opt.output && opt.output_dir)
    {
      svgai_cli_error (_("convert: give --output or --output-dir, not both"));
      return SVGAI_EXIT_USAGE;
    }
  if (opt.output && g_strv_length (inputs) > 1)
    {
      svgai_cli_error (_("convert: --output takes one input; use --output-dir for several"));
      return SVGAI_EXIT_USAGE;
    }
  if (opt.max_pixels < 0)
    {
      svgai_cli_error (_("--max-pixels must be positive"));
      return SVGAI_EXIT_USAGE;
    }
  load.max_pixels = (guint64) opt.max_pixels;
  if (opt.memory_budget_mb < 0 || opt.memory_budget_mb > G_MAXINT64 >> 20)
    {
      svgai_cli_error (_("--memory-budget must be a positive number of MB"));
      return SVGAI_EXIT_USAGE;
    }
  load.memory_budget = (guint64) opt.memory_budget_mb << 20;
  if (!isnan (opt.trace_time_limit) && (opt.trace_time_limit < 0 || !isfinite (opt.trace_time_limit)))
    {
      svgai_cli_error (_("--trace-time-limit must be a positive number of seconds, or 0 for none"));
      return SVGAI_EXIT_USAGE;
    }
  if (!isnan (opt.trace_time_limit))
    svgai_limits_set_trace_time_limit_ms (opt.trace_time_limit == 0 ? -1 : opt.trace_time_limit * 1000);

  json_builder_begin_object (json);
  json_builder_set_member_name (json, "files");
  json_builder_begin_array (json);

  for (guint i = 0; inputs[i] != NULL; i++)
    {
      const char *input = inputs[i];
      g_autofree char *output = output_path_for (&opt, input);
      g_autoptr(GError) err = NULL;
      g_autoptr(SvgaiImage) image = NULL;
      g_autoptr(SvgaiResult) result = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double load_ms;

      image = load_input (input, &load, &err);
      load_ms = (g_get_monotonic_time () - t0) / 1000.0;
      if (image)
        svgai_perf_record (NULL, "load", load_ms, 0);
      if (image)
        {
          result = svgai_pipeline_run (image, &run, NULL, &err);
          /* The engine's errors after loading do not know the file's name. */
          if (result == NULL && err && !g_str_has_prefix (err->message, input))
            g_prefix_error (&err, "%s: ", input);
        }
      if (result)
        {
          gint64 tw = g_get_monotonic_time ();
          result->stage_ms[SVGAI_STAGE_LOAD] = load_ms;
          if (!write_output (output, input, result->svg, &err))
            g_clear_pointer (&result, svgai_result_unref);
          else
            result->stage_ms[SVGAI_STAGE_WRITE] += (g_get_monotonic_time () - tw) / 1000.0;
        }

      json_builder_begin_object (json);
      json_builder_set_member_name (json, "input");
      json_builder_add_string_value (json, input);
      if (result)
        {
          json_builder_set_member_name (json, "output");
          json_builder_add_string_value (json, output);
          json_builder_set_member_name (json, "width");
          json_builder_add_int_value (json, image->width);
          json_builder_set_member_name (json, "height");
          json_builder_add_int_value (json, image->height);
          svgai_report_add_result (json, result);
          if (!opt.json && !opt.quiet)
            print_summary (input, output, result, (g_get_monotonic_time () - t0) / 1000.0);
        }
      else
        {
          failed++;
          json_builder_set_member_name (json, "error");
          json_builder_add_string_value (json, err->message);
          svgai_cli_error ("%s", err->message);
        }
      json_builder_end_object (json);
    }

  json_builder_end_array (json);
  json_builder_set_member_name (json, "failed");
  json_builder_add_int_value (json, failed);
  json_builder_set_member_name (json, "peak_rss_bytes");
  json_builder_add_int_value (json, (gint64) svgai_memory_peak_rss ());
  if (opt.json)
    {
      g_autoptr(SvgaiPerfSummary) perf = svgai_perf_get_summary (NULL);

      json_builder_set_member_name (json, "perf");
      svgai_perf_summary_to_json (perf, json);
    }
  json_builder_end_object (json);

  if (opt.json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (json);
      g_autofree char *text = json_to_string (root, TRUE);
      /* Keep stdout clean for the SVG when it goes there. */
      FILE *out = g_strcmp0 (opt.output, "-") == 0 ? stderr : stdout;
      fprintf (out, "%s\n", text);
    }

  g_free (opt.output);
  g_free (opt.output_dir);
  g_free (opt.colors);
  g_free (opt.speckle);
  g_free (opt.smooth);
  g_free (opt.tolerance);
  g_free (opt.layering);
  g_free (opt.upsample);
  g_free (opt.tier);
  return failed ? SVGAI_EXIT_FAILED : SVGAI_EXIT_OK;
}
