#include "svgai-config.h"
#include "svgai-params.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include "svgai.h"

/* One table drives defaults, ranges, --help, the app's controls and JSON. */
static const SvgaiParamSpec specs[] = {
  { "colors", N_("maximum number of colours (0 = automatic)"), 0, SVGAI_MAX_COLORS, 0, TRUE, TRUE },
  { "speckle", N_("drop specks up to this many pixels (potrace turdsize)"), 0, 100, 2, TRUE, FALSE },
  { "smooth", N_("corner smoothness: 0 = sharp polygon, 1.334 = round (potrace alphamax)"), 0, 1.334, 1.0, FALSE, FALSE },
  { "tolerance", N_("curve tolerance in pixels: higher = fewer nodes (potrace opttolerance)"), 0, 1.0, 0.3, FALSE, FALSE },
  { "upsample", N_("trace at this multiple of the source size (0 = automatic)"), 0, 4, 0, TRUE, TRUE },
};

void
svgai_params_init_default (SvgaiParams *params)
{
  g_return_if_fail (params != NULL);
  memset (params, 0, sizeof *params);
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    svgai_params_set (params, specs[i].name, specs[i].default_value);
  params->layering = SVGAI_LAYERING_STACKED;
}

const SvgaiParamSpec *
svgai_params_get_specs (guint *n_specs)
{
  if (n_specs)
    *n_specs = G_N_ELEMENTS (specs);
  return specs;
}

double
svgai_params_get (const SvgaiParams *p, const char *name)
{
  if (g_str_equal (name, "colors"))
    return p->colors;
  if (g_str_equal (name, "speckle"))
    return p->speckle;
  if (g_str_equal (name, "smooth"))
    return p->smooth;
  if (g_str_equal (name, "tolerance"))
    return p->tolerance;
  if (g_str_equal (name, "upsample"))
    return p->upsample;
  g_return_val_if_reached (0);
}

void
svgai_params_set (SvgaiParams *p, const char *name, double value)
{
  if (g_str_equal (name, "colors"))
    p->colors = (int) lround (value);
  else if (g_str_equal (name, "speckle"))
    p->speckle = (int) lround (value);
  else if (g_str_equal (name, "smooth"))
    p->smooth = value;
  else if (g_str_equal (name, "tolerance"))
    p->tolerance = value;
  else if (g_str_equal (name, "upsample"))
    p->upsample = (int) lround (value);
  else
    g_return_if_reached ();
}

gboolean
svgai_params_validate (const SvgaiParams *params, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      double v = svgai_params_get (params, specs[i].name);

      if (!(v >= specs[i].min && v <= specs[i].max))
        {
          g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_INVALID,
                       "%s must be between %g and %g, not %g",
                       specs[i].name, specs[i].min, specs[i].max, v);
          return FALSE;
        }
    }
  if (params->layering != SVGAI_LAYERING_STACKED && params->layering != SVGAI_LAYERING_CUTOUT)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_INVALID, "layering must be stacked or cutout");
      return FALSE;
    }
  return TRUE;
}

gboolean
svgai_params_equal (const SvgaiParams *a, const SvgaiParams *b)
{
  return a->colors == b->colors && a->speckle == b->speckle && a->smooth == b->smooth &&
         a->tolerance == b->tolerance && a->layering == b->layering && a->upsample == b->upsample;
}

const char *
svgai_layering_to_string (SvgaiLayering layering)
{
  return layering == SVGAI_LAYERING_CUTOUT ? "cutout" : "stacked";
}

gboolean
svgai_layering_from_string (const char *s, SvgaiLayering *out)
{
  if (g_strcmp0 (s, "stacked") == 0)
    *out = SVGAI_LAYERING_STACKED;
  else if (g_strcmp0 (s, "cutout") == 0)
    *out = SVGAI_LAYERING_CUTOUT;
  else
    return FALSE;
  return TRUE;
}

int
svgai_params_auto_upsample (int width, int height)
{
  /* Enough resolution for sub-pixel edges on small logos; large images
   * already have the resolution and would only cost time. */
  int longest = MAX (width, height);
  int factor = (int) ceil (640.0 / MAX (longest, 1));
  return CLAMP (factor, 1, 4);
}
