/* The tracing parameters as command-line options: the rows, their --help
 * text and their range checks all come from the engine's one table,
 * svgai_params_get_specs(). --layering is not numeric and has its own row. */
#include "svgai-config.h"

#include <glib/gi18n.h>
#include <math.h>
#include "svgai-cli.h"

static char *
format_value (const SvgaiParamSpec *spec, double v)
{
  if (spec->zero_is_auto && v == 0)
    return g_strdup ("auto");
  return g_strdup_printf ("%g", v);
}

/* "Maximum number of colours (0 = automatic): 1–32 or auto (default auto)" */
static char *
describe (const SvgaiParamSpec *spec)
{
  g_autofree char *text = g_strdup (_(spec->description));
  g_autofree char *def = format_value (spec, spec->default_value);
  double min = spec->zero_is_auto && spec->min == 0 ? 1 : spec->min;

  text[0] = g_ascii_toupper (text[0]);
  if (spec->zero_is_auto)
    return g_strdup_printf (_("%s: %g–%g or auto (default %s)"), text, min, spec->max, def);
  return g_strdup_printf (_("%s: %g–%g (default %s)"), text, min, spec->max, def);
}

/* The colour options: not numeric parameters of the table, rows of their own. */
static void
add_colour_entries (GOptionEntry *e, SvgaiCliParamOptions *opts)
{
  e[0] = (GOptionEntry) { "palette", 0, 0, G_OPTION_ARG_STRING, &opts->palette,
                          g_strdup (_("Map every colour to the nearest of these (e.g. '#1e88e5,#ffffff')")), "COLOURS" };
  e[1] = (GOptionEntry) { "palette-tolerance", 0, 0, G_OPTION_ARG_STRING, &opts->palette_tolerance,
                          g_strdup_printf (_("Largest CIEDE2000 difference --palette and --lock bridge; a colour "
                                             "further away keeps its own, with a warning: 0–100 (default %g)"),
                                           SVGAI_DEFAULT_PALETTE_TOLERANCE), "ΔE" };
  e[2] = (GOptionEntry) { "lock", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opts->lock,
                          g_strdup (_("Keep this colour exact while the others are chosen (repeatable)")), "COLOUR" };
  e[3] = (GOptionEntry) { "background", 0, 0, G_OPTION_ARG_STRING, &opts->background,
                          g_strdup (_("Keep (default), remove (the border's colour becomes transparent) or auto "
                                      "(only when one solid colour surrounds the artwork)")), "MODE" };
}

GOptionEntry *
svgai_cli_param_entries_new (SvgaiCliParamOptions *opts)
{
  guint n;
  const SvgaiParamSpec *specs = svgai_params_get_specs (&n);
  GOptionEntry *entries = g_new0 (GOptionEntry, n + 6);

  g_assert (n <= G_N_ELEMENTS (opts->values));
  for (guint i = 0; i < n; i++)
    {
      entries[i].long_name = specs[i].name;
      entries[i].arg = G_OPTION_ARG_STRING;
      entries[i].arg_data = &opts->values[i];
      entries[i].description = describe (&specs[i]);
      entries[i].arg_description = specs[i].zero_is_auto ? "auto|N" : specs[i].is_integer ? "N" : "X";
    }
  entries[n].long_name = "layering";
  entries[n].arg = G_OPTION_ARG_STRING;
  entries[n].arg_data = &opts->layering;
  entries[n].description = g_strdup (_("stacked (default: no gaps between colours) or cutout (no overlaps)"));
  entries[n].arg_description = "MODE";
  add_colour_entries (entries + n + 1, opts);
  return entries;
}

void
svgai_cli_param_entries_free (GOptionEntry *entries)
{
  for (guint i = 0; entries[i].long_name != NULL; i++)
    g_free ((char *) entries[i].description);
  g_free (entries);
}

void
svgai_cli_param_options_clear (SvgaiCliParamOptions *opts)
{
  for (guint i = 0; i < G_N_ELEMENTS (opts->values); i++)
    g_clear_pointer (&opts->values[i], g_free);
  g_clear_pointer (&opts->layering, g_free);
  g_clear_pointer (&opts->palette, g_free);
  g_clear_pointer (&opts->palette_tolerance, g_free);
  g_clear_pointer (&opts->lock, g_strfreev);
  g_clear_pointer (&opts->background, g_free);
}

/* Parses a numeric option against its spec; "auto" means 0 where allowed. */
static gboolean
parse_value (const SvgaiParamSpec *spec, const char *text, double *out, GError **error)
{
  char *end = NULL;
  double v;

  if (spec->zero_is_auto && g_ascii_strcasecmp (text, "auto") == 0)
    v = 0;
  else
    {
      v = g_ascii_strtod (text, &end);
      if (end == text || *end != '\0' || !isfinite (v) || (spec->is_integer && v != floor (v)))
        {
          g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_INVALID, _("--%s: '%s' is not %s"), spec->name, text,
                       spec->is_integer ? _("a whole number") : _("a number"));
          return FALSE;
        }
    }
  if (!(v >= spec->min && v <= spec->max))
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_INVALID, _("--%s must be between %g and %g%s, not %s"),
                   spec->name, spec->min, spec->max, spec->zero_is_auto ? _(" (or auto)") : "", text);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

/* "--palette: '#12345' is not a colour: write it as #rrggbb …" */
static gboolean
prefix_error (GError **error, const char *option)
{
  if (error != NULL && *error != NULL)
    g_prefix_error (error, "--%s: ", option);
  return FALSE;
}

static gboolean
apply_colour_options (const SvgaiCliParamOptions *opts, SvgaiParams *p, GError **error)
{
  SvgaiColorControl *c = &p->color;

  if (opts->palette != NULL &&
      !svgai_color_list_parse (opts->palette, c->palette, SVGAI_MAX_COLOR_RULES, &c->n_palette, error))
    return prefix_error (error, "palette");
  if (opts->palette_tolerance != NULL)
    {
      char *end = NULL;
      double v = g_ascii_strtod (opts->palette_tolerance, &end);

      if (end == opts->palette_tolerance || *end != '\0' || !(v >= 0 && v <= 100))
        {
          g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_INVALID,
                       _("--palette-tolerance must be a ΔE between 0 and 100, not '%s'"), opts->palette_tolerance);
          return FALSE;
        }
      c->palette_tolerance = v;
    }
  for (int i = 0; opts->lock != NULL && opts->lock[i] != NULL; i++)
    {
      SvgaiColor colors[SVGAI_MAX_COLOR_RULES];
      int n = 0;

      if (!svgai_color_list_parse (opts->lock[i], colors, SVGAI_MAX_COLOR_RULES, &n, error))
        return prefix_error (error, "lock");
      for (int k = 0; k < n; k++)
        if (!svgai_params_lock_color (p, &colors[k], error))
          return prefix_error (error, "lock");
    }
  if (opts->background != NULL && !svgai_background_from_string (opts->background, &c->background))
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_INVALID, _("--background must be keep, remove or auto, not '%s'"),
                   opts->background);
      return FALSE;
    }
  return TRUE;
}

gboolean
svgai_cli_param_options_apply (const SvgaiCliParamOptions *opts, SvgaiPipelineOptions *run, GError **error)
{
  guint n;
  const SvgaiParamSpec *specs = svgai_params_get_specs (&n);

  for (guint i = 0; i < n; i++)
    {
      double v;

      if (opts->values[i] == NULL)
        continue;
      if (!parse_value (&specs[i], opts->values[i], &v, error))
        return FALSE;
      svgai_params_set (&run->params, specs[i].name, v);
      run->fixed |= svgai_param_mask_from_name (specs[i].name);
    }
  if (!apply_colour_options (opts, &run->params, error))
    return FALSE;
  if (opts->layering == NULL)
    return TRUE;
  if (!svgai_layering_from_string (opts->layering, &run->params.layering))
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_INVALID, _("--layering must be stacked or cutout, not '%s'"),
                   opts->layering);
      return FALSE;
    }
  run->fixed |= SVGAI_PARAM_LAYERING;
  return TRUE;
}

void
svgai_cli_print_warnings (const char *input, const SvgaiResult *result)
{
  const char *w;

  for (guint i = 0; (w = svgai_result_get_warning (result, i)) != NULL; i++)
    g_printerr (_("%s: warning: %s\n"), input, w);
}
