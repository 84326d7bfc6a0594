/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-ramp-edges.h"

#include <math.h>
#include <string.h>
#include "svgai-gradient.h"

/* Re-share only where the two sides differ by at least this much (summed
 * squared levels over the channels): closer, the share is noise. */
#define MIN_CONTRAST (24.0 * 24.0)
/* Fit each region's gradient on at most this many of its pixels. */
#define FIT_SAMPLES 8192

/* Each region's gradient, fitted to its pixels (inactive where none fits). */
static SvgaiGradient *
fit_regions (const SvgaiImage *image, const SvgaiRegions *regions, const guint8 *target)
{
  int w = image->width, h = image->height;
  guint nr = regions->n_regions;
  SvgaiGradient *grad = g_new0 (SvgaiGradient, nr);
  g_autofree gsize *count = g_new0 (gsize, nr + 1);
  g_autofree gsize *step = g_new (gsize, nr);
  g_autofree float *box = g_new (float, 4 * (gsize) nr);
  g_autofree SvgaiColorSample *samples = NULL;
  g_autofree guint32 *seen = g_new0 (guint32, nr);

  for (guint r = 0; r < nr; r++)
    box[4 * r] = box[4 * r + 1] = G_MAXFLOAT, box[4 * r + 2] = box[4 * r + 3] = -G_MAXFLOAT;
  for (gsize i = 0, n = (gsize) w * h; i < n; i++)
    if (regions->label[i] != SVGAI_REGION_NONE)
      count[regions->label[i] + 1]++;
  for (guint r = 0; r < nr; r++)
    {
      step[r] = (count[r + 1] + FIT_SAMPLES - 1) / FIT_SAMPLES;
      count[r + 1] = (count[r + 1] + MAX (step[r], 1) - 1) / MAX (step[r], 1) + count[r];
    }
  samples = g_new (SvgaiColorSample, MAX (count[nr], 1));
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 r = regions->label[(gsize) y * w + x];
        float *b;

        if (r == SVGAI_REGION_NONE)
          continue;
        b = box + 4 * r;
        b[0] = MIN (b[0], x), b[1] = MIN (b[1], y), b[2] = MAX (b[2], x + 1), b[3] = MAX (b[3], y + 1);
        if (seen[r]++ % step[r] == 0)
          {
            SvgaiColorSample *s = &samples[count[r] + (seen[r] - 1) / step[r]];

            s->x = x + 0.5f, s->y = y + 0.5f;
            memcpy (s->rgba, svgai_image_pixel ((SvgaiImage *) image, x, y), 4);
          }
      }
  for (guint r = 0; r < nr; r++)
    {
      const float *b = box + 4 * r;

      if (target[r] != SVGAI_RAMP_NO_TARGET && count[r + 1] > count[r])
        svgai_gradient_fit_in_box (samples + count[r], count[r + 1] - count[r], b[0], b[1], b[2], b[3],
                                   SVGAI_GRADIENT_DIRECTION_SEARCH, &grad[r], NULL);
    }
  return grad;
}

/* Whether pixel (x, y), the next one out past a flat neighbour of colour c,
 * is flat c too, outside region r: the neighbour is then a flat area's edge
 * even though c is also one of r's bands (a ramp ending in its own flat
 * colour, folded under a flat shape of that colour), not a ramp pixel the
 * region left out. */
static gboolean
flat_beyond (const SvgaiImage *image, const SvgaiRegions *regions, const guint32 *owner,
             const SvgaiPixelMix *before, guint32 r, int c, int x, int y)
{
  gsize n = (gsize) y * image->width + x;

  return x >= 0 && y >= 0 && x < image->width && y < image->height && regions->label[n] == SVGAI_REGION_NONE &&
         owner[n] != r && before[n].share == 255 && svgai_pixel_mix_main (before[n]) == c;
}

void
svgai_ramp_edges_reshare (SvgaiPalette *palette,
                          const SvgaiImage *image,
                          const SvgaiRegions *regions,
                          const guint32 *owner,
                          const guint8 *target,
                          const guint32 *bands,
                          const SvgaiPixelMix *before)
{
  int w = image->width, h = image->height;
  g_autofree SvgaiGradient *grad = fit_regions (image, regions, target);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        guint32 r = owner[i];
        const guint8 *px = image->pixels + 4 * i;
        const int dx[4] = { -1, 1, 0, 0 }, dy[4] = { 0, 0, -1, 1 };
        double a[4], b[4] = { 0 }, ab = 0, pb = 0;
        int other = -1;
        gboolean inside;

        if (r == SVGAI_REGION_NONE || px[3] < 128 || !grad[r].active)
          continue;
        /* A pixel of r's own region is shared only with another ramp's
         * (where two ramps differ little, the regions take the edge
         * pixels between them whole, a staircase: Neovim's overlap and
         * column); beside a flat colour the regions leave the edge
         * pixels out of r. */
        inside = regions->label[i] == r;
        /* The other side: a 4-neighbour outside r, another ramp or (for a
         * pixel outside r) flat. */
        for (int d = 0; d < 4 && other < 0; d++)
          {
            int nx = x + dx[d], ny = y + dy[d];
            gsize n = (gsize) ny * w + nx;
            guint32 r2;
            int c;

            if (nx < 0 || ny < 0 || nx >= w || ny >= h || regions->label[n] == r || owner[n] == r)
              continue;
            r2 = regions->label[n];
            if (r2 != SVGAI_REGION_NONE && target[r2] != SVGAI_RAMP_NO_TARGET && grad[r2].active && target[r2] != target[r])
              {
                svgai_gradient_colour_at (&grad[r2], x + 0.5, y + 0.5, b);
                other = target[r2];
              }
            else if (!inside && r2 == SVGAI_REGION_NONE && (c = svgai_pixel_mix_main (before[n])) >= 0 &&
                     c != target[r] && before[n].share == 255 &&
                     (!(bands[r] & (1u << c)) || flat_beyond (image, regions, owner, before, r, c, nx + dx[d], ny + dy[d])))
              {
                const SvgaiPaletteColor *pc = &palette->colors[c];
                b[0] = pc->r, b[1] = pc->g, b[2] = pc->b;
                other = c;
              }
          }
        if (other < 0)
          continue;
        svgai_gradient_colour_at (&grad[r], x + 0.5, y + 0.5, a);
        for (int c = 0; c < 3; c++)
          ab += (a[c] - b[c]) * (a[c] - b[c]), pb += (px[c] - b[c]) * (a[c] - b[c]);
        if (ab < MIN_CONTRAST)
          continue;
        palette->mix[i].first = target[r];
        palette->mix[i].second = (guint8) other;
        palette->mix[i].share = (guint8) CLAMP (lround (255 * pb / ab), 0, 255);
        palette->mix[i].alpha = 255;
      }
}
