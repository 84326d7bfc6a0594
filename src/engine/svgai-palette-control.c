/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The colours a designer asks for: a brand palette every colour snaps to,
 * colours locked exactly, one colour merged into another, and an exact
 * count. They act on the palette before pixels are unmixed into it, so
 * edges blend the colours asked for. */
#include "svgai-config.h"

#include "svgai-palette.h"

#include <glib/gi18n-lib.h>

static SvgaiColor
draft_color (const SvgaiPaletteDraft *d, int i)
{
  return (SvgaiColor) { d->rgb[i][0], d->rgb[i][1], d->rgb[i][2], d->alpha[i] };
}

static void
set_color (SvgaiPaletteDraft *d, int i, const SvgaiColor *c)
{
  d->rgb[i][0] = c->r;
  d->rgb[i][1] = c->g;
  d->rgb[i][2] = c->b;
  /* A colour asked for keeps the alpha the logo has there unless the
   * request says otherwise. */
  if (c->a != 255)
    d->alpha[i] = c->a;
  d->locked[i] = TRUE;
}

/* The draft colour nearest c (CIEDE2000), -1 if none; skip_locked leaves
 * colours already decided. */
static int
nearest (const SvgaiPaletteDraft *d, const SvgaiColor *c, gboolean skip_locked, double *de)
{
  int best = -1;

  *de = G_MAXDOUBLE;
  for (int i = 0; i < d->n; i++)
    {
      SvgaiColor x = draft_color (d, i);
      double e;

      if (skip_locked && d->locked[i])
        continue;
      e = svgai_color_delta_e (&x, c);
      if (e < *de)
        *de = e, best = i;
    }
  return best;
}

/* Colours that became the same (two mapped to one palette colour) are one. */
static void
dedupe (SvgaiPaletteDraft *d)
{
  for (int i = 0; i < d->n; i++)
    for (int j = d->n - 1; j > i; j--)
      if (d->rgb[i][0] == d->rgb[j][0] && d->rgb[i][1] == d->rgb[j][1] && d->rgb[i][2] == d->rgb[j][2] &&
          d->alpha[i] == d->alpha[j])
        {
          d->locked[i] |= d->locked[j];
          svgai_palette_draft_remove (d, j);
        }
}

static void
warn (GPtrArray *warnings, char *text)
{
  if (warnings != NULL)
    g_ptr_array_add (warnings, text);
  else
    g_free (text);
}

static void
apply_merges (SvgaiPaletteDraft *d, const SvgaiColorControl *cc, GPtrArray *warnings)
{
  for (int m = 0; m < cc->n_merges; m++)
    {
      double de;
      int i = nearest (d, &cc->merge_from[m], FALSE, &de);
      g_autofree char *from = svgai_color_to_string (&cc->merge_from[m]);

      if (i < 0 || de > MAX (cc->palette_tolerance, 1.0))
        {
          warn (warnings, g_strdup_printf (_("cannot merge %s: the logo has no colour within ΔE %g of it"), from,
                                           MAX (cc->palette_tolerance, 1.0)));
          continue;
        }
      set_color (d, i, &cc->merge_into[m]);
    }
  dedupe (d);
}

static void
apply_locks (SvgaiPaletteDraft *d, const SvgaiColorControl *cc, GPtrArray *warnings)
{
  for (int l = 0; l < cc->n_locked; l++)
    {
      double de;
      int i = nearest (d, &cc->locked[l], TRUE, &de);
      g_autofree char *name = svgai_color_to_string (&cc->locked[l]);

      if (i < 0 || de > cc->palette_tolerance)
        {
          if (i >= 0)
            {
              SvgaiColor x = draft_color (d, i);
              g_autofree char *near = svgai_color_to_string (&x);
              warn (warnings, g_strdup_printf (_("locked colour %s is not in the logo (the nearest colour, %s, is "
                                                 "ΔE %.1f away, over the tolerance of %g)"),
                                               name, near, de, cc->palette_tolerance));
            }
          else
            warn (warnings, g_strdup_printf (_("locked colour %s is not in the logo"), name));
          continue;
        }
      set_color (d, i, &cc->locked[l]);
    }
  dedupe (d);
}

static void
apply_palette (SvgaiPaletteDraft *d, const SvgaiColorControl *cc, GPtrArray *warnings)
{
  for (int i = 0; i < d->n; i++)
    {
      SvgaiColor x = draft_color (d, i);
      int best = -1;
      double best_de = G_MAXDOUBLE;

      if (d->locked[i])
        continue;
      for (int p = 0; p < cc->n_palette; p++)
        {
          double e = svgai_color_delta_e (&x, &cc->palette[p]);
          if (e < best_de)
            best_de = e, best = p;
        }
      if (best >= 0 && best_de <= cc->palette_tolerance)
        set_color (d, i, &cc->palette[best]);
      else if (best >= 0)
        {
          g_autofree char *name = svgai_color_to_string (&x);
          g_autofree char *near = svgai_color_to_string (&cc->palette[best]);
          warn (warnings, g_strdup_printf (_("colour %s is ΔE %.1f from the nearest palette colour %s, over the "
                                             "tolerance of %g: kept as it is"),
                                           name, best_de, near, cc->palette_tolerance));
        }
    }
  dedupe (d);
}

void
svgai_palette_draft_control (SvgaiPaletteDraft *d, const SvgaiParams *params, GPtrArray *warnings)
{
  const SvgaiColorControl *cc = &params->color;

  apply_merges (d, cc, warnings);
  apply_locks (d, cc, warnings);
  if (cc->n_palette > 0)
    apply_palette (d, cc, warnings);
  if (cc->count_asked && params->colors > 0 && d->n < params->colors)
    {
      if (cc->n_palette > 0 || cc->n_merges > 0)
        warn (warnings, g_strdup_printf (_("%d colours asked for, %d traced: the palette and merges joined the others"),
                                         params->colors, d->n));
      else
        warn (warnings, g_strdup_printf (_("%d colours asked for, %d traced: the logo has no more distinct colours"),
                                         params->colors, d->n));
    }
}
