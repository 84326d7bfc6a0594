/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-bands.h"

#include "svgai-regions.h"

/* A colour bands a region when it is the main colour of at least this many
 * of its pixels (fewer are anti-aliasing or noise). */
#define MIN_BAND_PIXELS 20

#define NO_TARGET 255

guint
svgai_bands_merge (SvgaiPalette *palette, const SvgaiImage *image)
{
  g_autoptr(SvgaiRegions) regions = NULL;
  g_autofree guint32 *counts = NULL;       /* region × colour */
  g_autofree guint8 *target = NULL;        /* per region */
  g_autofree guint32 *bands = NULL;        /* per region: bit set of its band colours */
  int w = palette->width, h = palette->height, nc = palette->n_colors;
  guint joined = 0;

  G_STATIC_ASSERT (SVGAI_MAX_COLORS <= 32 && SVGAI_MAX_COLORS < NO_TARGET);
  if (nc < 2)
    return 0;
  regions = svgai_regions_new (image);
  if (regions == NULL || regions->n_regions == 0)
    return 0;
  counts = g_try_new0 (guint32, (gsize) regions->n_regions * nc);
  target = g_try_new (guint8, regions->n_regions);
  bands = g_try_new0 (guint32, regions->n_regions);
  if (counts == NULL || target == NULL || bands == NULL)
    return 0;

  for (gsize i = 0, n = (gsize) w * h; i < n; i++)
    {
      int c = svgai_pixel_mix_main (palette->mix[i]);

      if (regions->label[i] != SVGAI_REGION_NONE && c >= 0)
        counts[(gsize) regions->label[i] * nc + c]++;
    }
  for (guint r = 0; r < regions->n_regions; r++)
    {
      const guint32 *cr = counts + (gsize) r * nc;
      int best = 0, n_bands = 0;

      for (int c = 0; c < nc; c++)
        {
          if (cr[c] > cr[best])
            best = c;
          if (cr[c] >= MIN_BAND_PIXELS)
            {
              n_bands++;
              bands[r] |= 1u << c;
            }
        }
      target[r] = n_bands >= 2 ? (guint8) best : NO_TARGET;
      joined += n_bands >= 2;
    }
  if (joined == 0)
    return 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        guint32 r = regions->label[i];
        SvgaiPixelMix *m = &palette->mix[i];

        /* A pixel just outside a joined region (its anti-aliased edge)
         * mixes with the region's bands too. */
        if (r == SVGAI_REGION_NONE || target[r] == NO_TARGET)
          {
            r = SVGAI_REGION_NONE;
            if (x > 0 && regions->label[i - 1] != SVGAI_REGION_NONE && target[regions->label[i - 1]] != NO_TARGET)
              r = regions->label[i - 1];
            else if (x + 1 < w && regions->label[i + 1] != SVGAI_REGION_NONE && target[regions->label[i + 1]] != NO_TARGET)
              r = regions->label[i + 1];
            else if (y > 0 && regions->label[i - w] != SVGAI_REGION_NONE && target[regions->label[i - w]] != NO_TARGET)
              r = regions->label[i - w];
            else if (y + 1 < h && regions->label[i + w] != SVGAI_REGION_NONE && target[regions->label[i + w]] != NO_TARGET)
              r = regions->label[i + w];
            if (r == SVGAI_REGION_NONE)
              continue;
          }
        if (bands[r] & (1u << m->first))
          m->first = target[r];
        if (bands[r] & (1u << m->second))
          m->second = target[r];
        if (m->first == m->second)
          m->share = 255;
      }
  return joined;
}
