/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-regions-samples.h"

#include <string.h>

#define FULL_PIXELS (512 * 512)

int
svgai_regions_sample_step (const SvgaiImage *image)
{
  return (gsize) image->width * image->height > FULL_PIXELS ? 2 : 1;
}

SvgaiColorSample *
svgai_regions_samples (const SvgaiImage *image, const guint32 *root, const guint32 *number, guint n_big,
                       const gboolean *want, int step, gsize **first_out, float **box_out)
{
  int w = image->width, h = image->height;
  gsize *first = g_new0 (gsize, n_big + 1);
  g_autofree gsize *fill = NULL;
  float *box = g_new (float, 4 * (gsize) MAX (n_big, 1));
  SvgaiColorSample *samples;

  *first_out = NULL, *box_out = NULL;
  for (guint k = 0; k < n_big; k++)
    {
      box[4 * k] = box[4 * k + 1] = G_MAXFLOAT;
      box[4 * k + 2] = box[4 * k + 3] = -G_MAXFLOAT;
    }
  for (int y = 0; y < h; y += step)
    for (int x = 0; x < w; x += step)
      {
        guint32 k = number[root[(gsize) y * w + x]];
        if (k > 0 && want[k - 1])
          first[k]++;
      }
  for (guint k = 0; k < n_big; k++)
    first[k + 1] += first[k];
  samples = g_try_new (SvgaiColorSample, MAX (first[n_big], 1));
  if (samples == NULL)
    {
      g_free (first);
      g_free (box);
      return NULL;
    }
  fill = g_memdup2 (first, (n_big + 1) * sizeof *first);
  for (int y = 0; y < h; y += step)
    for (int x = 0; x < w; x += step)
      {
        gsize i = (gsize) y * w + x;
        guint32 k = number[root[i]];
        SvgaiColorSample *s;
        float *b;

        if (k == 0 || !want[k - 1])
          continue;
        s = &samples[fill[k - 1]++];
        s->x = x + 0.5f, s->y = y + 0.5f;
        memcpy (s->rgba, image->pixels + 4 * i, 4);
        b = box + 4 * (k - 1);
        b[0] = MIN (b[0], x), b[1] = MIN (b[1], y), b[2] = MAX (b[2], x + step), b[3] = MAX (b[3], y + step);
      }
  *first_out = first, *box_out = box;
  return samples;
}
