/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the tracer does around the palette for the colour options
 * (issue 14): the source made traceable (denoised, its background removed)
 * and the palette and warnings handed to the result. */
#include "svgai-trace-private.h"

#include "svgai-background.h"
#include "svgai-denoise.h"
#include "svgai-restore.h"

/* @image smoothed twice, or NULL (out of memory). */
static SvgaiImage *
denoise_twice (SvgaiImage *image)
{
  SvgaiImage *once = svgai_denoise (image), *twice;

  if (once == NULL)
    return NULL;
  twice = svgai_denoise (once);
  if (twice == NULL)
    return once;
  svgai_image_unref (once);
  return twice;
}

/* Compressed (JPEG) logos: trace the artwork, not its noise; then the
 * background goes if asked. A file the loader knows is lossy (JPEG, lossy
 * WebP) is restored to flat colours and exact blends (svgai-restore.h);
 * another that merely looks noisy (a PNG saved from a JPEG, a scan) is only
 * smoothed, as it was before lossy files were told apart. The result is
 * still measured against the image as given. */
SvgaiImage *
svgai_trace_prepare_source (SvgaiImage *image, const SvgaiParams *params, gboolean noisy, SvgaiImage **clean,
                            SvgaiImage **opaque, SvgaiColor *removed, GPtrArray *warnings)
{
  gboolean lossy = svgai_image_is_lossy (image);
  char *loaded = svgai_image_dup_warning (image);

  if (loaded != NULL)
    g_ptr_array_add (warnings, loaded);

  if (lossy || noisy)
    *clean = denoise_twice (image);
  if (lossy && *clean != NULL)
    {
      SvgaiImage *restored = svgai_restore_lossy (image, *clean);

      if (restored != NULL)
        {
          svgai_image_unref (*clean);
          *clean = restored;
        }
      else
        lossy = FALSE;
    }
  if (*clean != NULL)
    image = *clean;
  *opaque = svgai_background_remove_full (image, params->color.background, lossy, removed, warnings);
  /* What is traced from it is still a compressed source's (svgai-fill.c). */
  if (*opaque != NULL && lossy)
    svgai_image_set_lossy (*opaque, TRUE);
  return *opaque != NULL ? *opaque : image;
}

/* Whether colour k is a fade's own copy of another palette colour
 * (svgai-bands.c gives a soft shadow one): the panel shows the colour
 * once, whose area already counts the fade's pixels. */
static gboolean
is_fade_twin (const SvgaiPalette *palette, int k)
{
  const SvgaiPaletteColor *c = &palette->colors[k];

  if (!c->fades)
    return FALSE;
  for (int j = 0; j < palette->n_colors; j++)
    if (j != k && !palette->colors[j].fades && palette->colors[j].r == c->r && palette->colors[j].g == c->g &&
        palette->colors[j].b == c->b)
      return TRUE;
  return FALSE;
}

/* Whether a traced shape has colour c (a colour whose pixels all went
 * into another colour's gradient has none). */
static gboolean
has_shape (const SvgaiVector *vector, const SvgaiPaletteColor *c)
{
  for (guint l = 0; l < vector->layers->len; l++)
    {
      const SvgaiLayer *layer = g_ptr_array_index (vector->layers, l);

      if (layer->r == c->r && layer->g == c->g && layer->b == c->b && layer->segments->len > 0)
        return TRUE;
    }
  return FALSE;
}

/* The palette panel's swatches (the colours of the traced shapes: a
 * recolour of any other would change nothing) and the colour options'
 * warnings. */
void
svgai_trace_record_palette (SvgaiVector *vector, const SvgaiPalette *palette, GPtrArray *warnings)
{
  double total = 0;
  gboolean shown[SVGAI_MAX_COLORS];

  for (int k = 0; k < palette->n_colors; k++)
    {
      vector->palette_colours += !is_fade_twin (palette, k);
      shown[k] = !is_fade_twin (palette, k) && has_shape (vector, &palette->colors[k]);
      if (shown[k])
        total += palette->colors[k].area;
    }
  for (int k = 0; k < palette->n_colors; k++)
    {
      const SvgaiPaletteColor *c = &palette->colors[k];
      SvgaiSwatch s = { { c->r, c->g, c->b, c->a }, total > 0 ? c->area / total : 0, c->locked };

      if (shown[k])
        g_array_append_val (vector->swatches, s);
    }
  for (guint i = 0; i < warnings->len; i++)
    g_ptr_array_add (vector->warnings, g_strdup (warnings->pdata[i]));
}

