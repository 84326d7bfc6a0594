/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-regions-shaded.h"
#include "svgai-shading.h"

#include <math.h>
#include <string.h>

/* Fits use at most about this many pixels (on a grid, every `step`-th
 * row and column). */
#define FIT_SAMPLES (64 * 1024)

/* The samples' colour variance, per channel. */
static double
variance (const SvgaiColorSample *s, gsize n)
{
  double sum[3] = { 0 }, sq[3] = { 0 }, v = 0;

  for (gsize i = 0; i < n; i++)
    for (int c = 0; c < 3; c++)
      sum[c] += s[i].rgba[c], sq[c] += (double) s[i].rgba[c] * s[i].rgba[c];
  for (int c = 0; c < 3; c++)
    v += sq[c] / n - (sum[c] / n) * (sum[c] / n);
  return v / 3;
}

gboolean
svgai_regions_keep_shaded (const SvgaiImage *image,
                           const guint32 *pixels,
                           gsize n,
                           guint32 *label,
                           guint32 first_label,
                           GArray *moments)
{
  int w = image->width;
  gsize opaque = 0, m = 0;
  int step;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE, rms, limit;
  g_autofree SvgaiColorSample *samples = NULL;
  SvgaiColorMoments sum = { 0 };
  SvgaiShading shading;

  if (n < SVGAI_REGION_SHADED_MIN_PIXELS)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      if (label[pixels[i]] != SVGAI_REGION_NONE)
        return FALSE;   /* ramps peeled off it */
      opaque += image->pixels[4 * (gsize) pixels[i] + 3] == 255;
    }
  step = (int) MAX (ceil (sqrt ((double) opaque / FIT_SAMPLES)), 1);
  /* count the samples, then take them */
  for (int pass = 0; pass < 2; pass++)
    {
      if (pass == 1 && (samples = g_try_new (SvgaiColorSample, MAX (m, 1))) == NULL)
        return FALSE;
      m = 0;
      for (gsize i = 0; i < n; i++)
        {
          const guint8 *p = image->pixels + 4 * (gsize) pixels[i];
          int x = (int) (pixels[i] % w), y = (int) (pixels[i] / w);

          x0 = MIN (x0, x), y0 = MIN (y0, y), x1 = MAX (x1, x + 1), y1 = MAX (y1, y + 1);
          if (p[3] < 255 || x % step != 0 || y % step != 0)
            continue;
          if (pass == 1)
            {
              samples[m].x = x + 0.5f, samples[m].y = y + 0.5f;
              memcpy (samples[m].rgba, p, 4);
            }
          m++;
        }
    }
  /* the fit may stop as soon as the region passes: the tracing fits the
   * shape again, in full */
  limit = MIN (SVGAI_REGION_SHADED_MAX_RESIDUAL,
               sqrt ((1 - SVGAI_REGION_SHADED_MIN_EXPLAINED) * variance (samples, m)));
  if (!svgai_shading_fit_in_box (samples, m, x0, y0, x1, y1, step, limit, &shading, &rms) || rms > limit)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      label[pixels[i]] = first_label;
      svgai_color_moments_add (&sum, pixels[i] % w + 0.5, pixels[i] / w + 0.5, image->pixels + 4 * (gsize) pixels[i]);
    }
  g_array_append_val (moments, sum);
  return TRUE;
}
