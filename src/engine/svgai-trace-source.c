/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the tracer does around the palette for the colour options
 * (issue 14): the source made traceable (denoised, its background removed)
 * and the palette and warnings handed to the result. */
#include "svgai-trace-private.h"

#include "svgai-background.h"
#include "svgai-denoise.h"
#include "svgai-restore.h"

/* Compressed (JPEG) logos: trace the artwork, not its noise; then the
 * background goes if asked. The result is still measured against the
 * image as given. */
SvgaiImage *
svgai_trace_prepare_source (SvgaiImage *image, const SvgaiParams *params, SvgaiImage **clean, SvgaiImage **opaque,
                            GPtrArray *warnings)
{
  if (svgai_image_is_lossy (image) || svgai_denoise_needed (image))
    {
      *clean = svgai_denoise (image);
      if (*clean != NULL)
        {
          SvgaiImage *again = svgai_denoise (*clean);
          if (again != NULL)
            {
              svgai_image_unref (*clean);
              *clean = again;
            }
          again = svgai_restore_lossy (*clean);
          if (again != NULL)
            {
              svgai_image_unref (*clean);
              *clean = again;
            }
          image = *clean;
        }
    }
  *opaque = svgai_background_remove (image, params->color.background, NULL, warnings);
  return *opaque != NULL ? *opaque : image;
}

/* The palette panel's swatches and the colour options' warnings. */
void
svgai_trace_record_palette (SvgaiVector *vector, const SvgaiPalette *palette, GPtrArray *warnings)
{
  double total = 0;

  for (int k = 0; k < palette->n_colors; k++)
    total += palette->colors[k].area;
  for (int k = 0; k < palette->n_colors; k++)
    {
      const SvgaiPaletteColor *c = &palette->colors[k];
      SvgaiSwatch s = { { c->r, c->g, c->b, c->a }, total > 0 ? c->area / total : 0, c->locked };
      g_array_append_val (vector->swatches, s);
    }
  for (guint i = 0; i < warnings->len; i++)
    g_ptr_array_add (vector->warnings, g_strdup (warnings->pdata[i]));
}

