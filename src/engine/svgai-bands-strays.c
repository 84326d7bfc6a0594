/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A band colour that the joining leaves the main colour of a few pixels
 * (an anti-aliased pixel at a letter's edge that no region owns, unmixed
 * as that band and the letter's colour; a radial's centre, where its
 * colours curve) joins a ramp: else those pixels make a layer of their
 * own, a whole shape stacked under the letter and hidden by it (Bitcoin's
 * B: one pixel, 1.4 KB; Dojo's ribbon: 8 pixels, a 380-byte shape under
 * the ramp on it), or a speck. It joins the ramp its pixels lie near, else
 * the first it is a band of (a radial's centre joined the ramp of the
 * rectangle on the disc as a hole that bent its fit). A band colour that
 * is no pixel's main colour makes no layer and stays: joining it would add
 * the ramp's colour to anti-aliased edges and move the fit of the ramp's
 * gradient (a generated ramp's stops then moved 0.35 px). */
#include "svgai-bands-strays.h"
#include "svgai-bands-private.h"
#include "svgai-ramp-edges.h"

#include <stdlib.h>

#define NO_TARGET SVGAI_RAMP_NO_TARGET

/* At most this many main pixels make a colour a stray. */
#define MAX_STRAY_PIXELS 16
/* Ramps within this many pixels of a stray pixel are near it: the pixels
 * around a radial's centre are no part of its region either. */
#define STRAY_REACH 3
/* A stray that is no band of a ramp near it joins it only when the ramp's
 * colour range holds it (a radial's centre is its extreme colour) and it
 * is within this many levels of the ramp's pixels near it: a dot of
 * another colour drawn on the ramp stays (a red-to-blue ramp's range holds
 * black and magenta too). */
#define STRAY_RAMP_LEVELS 32

typedef struct {
  guint32 region;
  guint votes;
  guint64 sum[3];   /* the colours of the region's pixels counted */
} Near;

/* Whether stray colour c may join a region of these bands and target. */
static inline gboolean
may_take_stray (const SvgaiPalette *palette, guint32 bands, guint8 target, int c)
{
  return target != NO_TARGET && (bands & (1u << c)) && c != target && !palette->colors[target].fades;
}

/* Tallies the regions' pixels within STRAY_REACH of each of stray colour
 * c's pixels into near[0..*n). */
static void
tally_near (const SvgaiImage *image, const SvgaiRegions *regions, const guint8 *target, const gsize *pixels,
            guint n_pixels, Near *near, guint *n, guint max_near)
{
  int w = image->width, h = image->height;

  for (guint p = 0; p < n_pixels; p++)
    {
      int x = (int) (pixels[p] % w), y = (int) (pixels[p] / w);

      for (int dy = -STRAY_REACH; dy <= STRAY_REACH; dy++)
        for (int dx = -STRAY_REACH; dx <= STRAY_REACH; dx++)
          {
            gsize i;
            guint32 r;
            guint k = 0;

            if (x + dx < 0 || y + dy < 0 || x + dx >= w || y + dy >= h)
              continue;
            i = (gsize) (y + dy) * w + x + dx;
            r = regions->label[i];
            if (r == SVGAI_REGION_NONE || target[r] == NO_TARGET)
              continue;
            while (k < *n && near[k].region != r)
              k++;
            if (k == *n && *n == max_near)
              continue;
            if (k == *n)
              near[(*n)++] = (Near) { r, 0, { 0 } };
            near[k].votes++;
            for (int ch = 0; ch < 3; ch++)
              near[k].sum[ch] += image->pixels[4 * i + ch];
          }
    }
}

/* The region with the most pixels near stray colour c's pixels among
 * those that may take it, or SVGAI_REGION_NONE. */
static guint32
stray_neighbour (const SvgaiPalette *palette, const SvgaiImage *image, const SvgaiRegions *regions,
                 const guint32 *bands, const guint8 *target, const guint8 *range, const gsize *pixels,
                 guint n_pixels, int c)
{
  Near near[2 * MAX_STRAY_PIXELS];
  const SvgaiPaletteColor *p = &palette->colors[c];
  const int rgb[3] = { p->r, p->g, p->b };
  guint n = 0, best_votes = 0;
  guint32 best = SVGAI_REGION_NONE;

  tally_near (image, regions, target, pixels, n_pixels, near, &n, G_N_ELEMENTS (near));
  for (guint k = 0; k < n; k++)
    {
      guint32 r = near[k].region;
      gboolean takes = may_take_stray (palette, bands[r], target[r], c);

      if (!takes && svgai_bands_in_range (palette, range + 6 * r, c) &&
          may_take_stray (palette, bands[r] | 1u << c, target[r], c))
        {
          takes = TRUE;
          for (int ch = 0; ch < 3; ch++)
            takes &= llabs ((gint64) rgb[ch] * near[k].votes - (gint64) near[k].sum[ch]) <=
                     (gint64) STRAY_RAMP_LEVELS * near[k].votes;
        }
      if (takes && near[k].votes > best_votes)
        best_votes = near[k].votes, best = r;
    }
  return best;
}

void
svgai_bands_join_strays (SvgaiPalette *palette, const SvgaiImage *image, const SvgaiRegions *regions,
                         const guint32 *bands, const guint8 *target, const guint8 *range)
{
  guint8 to[SVGAI_MAX_COLORS];
  guint32 main_pixels[SVGAI_MAX_COLORS];
  gsize pixels[SVGAI_MAX_COLORS][MAX_STRAY_PIXELS];
  guint n_pixels[SVGAI_MAX_COLORS] = { 0 };

  for (int c = 0; c < SVGAI_MAX_COLORS; c++)
    to[c] = (guint8) c, main_pixels[c] = 0;
  /* One pass: each colour's count, and its first pixels (all of a stray's). */
  for (gsize i = 0, n = (gsize) palette->width * palette->height; i < n; i++)
    {
      int c = svgai_pixel_mix_main (palette->mix[i]);

      if (c >= 0 && main_pixels[c]++ < MAX_STRAY_PIXELS)
        pixels[c][n_pixels[c]++] = i;
    }
  for (int c = 0; c < palette->n_colors; c++)
    if (main_pixels[c] > 0 && main_pixels[c] < MAX_STRAY_PIXELS)
      {
        guint32 r = stray_neighbour (palette, image, regions, bands, target, range, pixels[c], n_pixels[c], c);

        if (r != SVGAI_REGION_NONE)
          to[c] = target[r];
      }
  for (guint r = 0; r < regions->n_regions; r++)
    for (int c = 0; c < palette->n_colors; c++)
      if (may_take_stray (palette, bands[r], target[r], c) && to[c] == c &&
          main_pixels[c] > 0 && main_pixels[c] < MAX_STRAY_PIXELS)
        to[c] = target[r];
  svgai_bands_remap_mix (palette, to, FALSE);
}
