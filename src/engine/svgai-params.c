#include "svgai-config.h"
#include "svgai-params.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include "svgai.h"

/* One table drives defaults, ranges, --help, the app's controls and JSON. */
static const SvgaiParamSpec specs[] = {
  { "colors", N_("number of colours: exactly N, or automatic"), 0, SVGAI_MAX_COLORS, 0, TRUE, TRUE },
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
  params->color.palette_tolerance = SVGAI_DEFAULT_PALETTE_TOLERANCE;
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

static gboolean
color_control_validate (const SvgaiColorControl *c, GError **error)
{
  if (c->n_palette < 0 || c->n_palette > SVGAI_MAX_COLOR_RULES || c->n_locked < 0 ||
      c->n_locked > SVGAI_MAX_COLOR_RULES || c->n_merges < 0 || c->n_merges > SVGAI_MAX_COLOR_RULES)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_INVALID, "at most %d colours per colour rule", SVGAI_MAX_COLOR_RULES);
      return FALSE;
    }
  if (!(c->palette_tolerance >= 0 && c->palette_tolerance <= 100))
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_INVALID, "palette-tolerance must be between 0 and 100, not %g",
                   c->palette_tolerance);
      return FALSE;
    }
  if (c->background != SVGAI_BACKGROUND_KEEP && c->background != SVGAI_BACKGROUND_REMOVE &&
      c->background != SVGAI_BACKGROUND_AUTO)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_INVALID, "background must be keep, remove or auto");
      return FALSE;
    }
  return TRUE;
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
  return color_control_validate (&params->color, error);
}

static gboolean
colors_equal (const SvgaiColor *a, const SvgaiColor *b, int n)
{
  for (int i = 0; i < n; i++)
    if (a[i].r != b[i].r || a[i].g != b[i].g || a[i].b != b[i].b || a[i].a != b[i].a)
      return FALSE;
  return TRUE;
}

static gboolean
color_control_equal (const SvgaiColorControl *a, const SvgaiColorControl *b)
{
  return a->n_palette == b->n_palette && a->n_locked == b->n_locked && a->n_merges == b->n_merges &&
         a->background == b->background && a->palette_tolerance == b->palette_tolerance &&
         colors_equal (a->palette, b->palette, a->n_palette) && colors_equal (a->locked, b->locked, a->n_locked) &&
         colors_equal (a->merge_from, b->merge_from, a->n_merges) &&
         colors_equal (a->merge_into, b->merge_into, a->n_merges);
}

gboolean
svgai_params_equal (const SvgaiParams *a, const SvgaiParams *b)
{
  return a->colors == b->colors && a->speckle == b->speckle && a->smooth == b->smooth &&
         a->tolerance == b->tolerance && a->layering == b->layering && a->upsample == b->upsample &&
         color_control_equal (&a->color, &b->color);
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

const char *
svgai_background_to_string (SvgaiBackground background)
{
  return background == SVGAI_BACKGROUND_REMOVE ? "remove" : background == SVGAI_BACKGROUND_AUTO ? "auto" : "keep";
}

gboolean
svgai_background_from_string (const char *s, SvgaiBackground *out)
{
  if (g_strcmp0 (s, "keep") == 0)
    *out = SVGAI_BACKGROUND_KEEP;
  else if (g_strcmp0 (s, "remove") == 0)
    *out = SVGAI_BACKGROUND_REMOVE;
  else if (g_strcmp0 (s, "auto") == 0)
    *out = SVGAI_BACKGROUND_AUTO;
  else
    return FALSE;
  return TRUE;
}

gboolean
svgai_params_lock_color (SvgaiParams *params, const SvgaiColor *color, GError **error)
{
  SvgaiColorControl *c = &params->color;

  g_return_val_if_fail (params != NULL && color != NULL, FALSE);
  for (int i = 0; i < c->n_locked; i++)
    if (colors_equal (&c->locked[i], color, 1))
      return TRUE;
  if (c->n_locked >= SVGAI_MAX_COLOR_RULES)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_INVALID, "at most %d colours can be locked", SVGAI_MAX_COLOR_RULES);
      return FALSE;
    }
  c->locked[c->n_locked++] = *color;
  return TRUE;
}

gboolean
svgai_params_merge_color (SvgaiParams *params, const SvgaiColor *from, const SvgaiColor *into, GError **error)
{
  SvgaiColorControl *c = &params->color;

  g_return_val_if_fail (params != NULL && from != NULL && into != NULL, FALSE);
  if (c->n_merges >= SVGAI_MAX_COLOR_RULES)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_INVALID, "at most %d colours can be merged", SVGAI_MAX_COLOR_RULES);
      return FALSE;
    }
  c->merge_from[c->n_merges] = *from;
  c->merge_into[c->n_merges++] = *into;
  return TRUE;
}

static void
append_colors (GString *s, char tag, const SvgaiColor *colors, int n)
{
  if (n == 0)
    return;
  g_string_append_c (s, tag);
  for (int i = 0; i < n; i++)
    g_string_append_printf (s, "%02x%02x%02x%02x", colors[i].r, colors[i].g, colors[i].b, colors[i].a);
}

char *
svgai_params_color_key (const SvgaiParams *params)
{
  const SvgaiColorControl *c = &params->color;
  GString *s = g_string_new (NULL);

  append_colors (s, 'P', c->palette, c->n_palette);
  if (c->n_palette > 0)
    g_string_append_printf (s, "T%a", c->palette_tolerance);
  append_colors (s, 'L', c->locked, c->n_locked);
  append_colors (s, 'F', c->merge_from, c->n_merges);
  append_colors (s, 'I', c->merge_into, c->n_merges);
  if (c->background != SVGAI_BACKGROUND_KEEP)
    g_string_append_printf (s, "B%d", (int) c->background);
  return g_string_free (s, FALSE);
}
