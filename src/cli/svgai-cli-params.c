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

GOptionEntry *
svgai_cli_param_entries_new (SvgaiCliParamOptions *opts)
{
  guint n;
  const SvgaiParamSpec *specs = svgai_params_get_specs (&n);
  GOptionEntry *entries = g_new0 (GOptionEntry, n + 2);

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
