#include "svgai-denoise.h"
#include "svgai-threads.h"

#include <stdlib.h>
#include <string.h>

/* Above this share of wobbling pixels an image is treated as noisy. */
#define NOISE_THRESHOLD 0.12
/* Neighbours further than this (largest channel difference) are across an
 * edge and left out of the mean. */
#define SIGMA 28
/* Low-contrast: no channel steps by more than this to the next pixel. */
#define LOW_CONTRAST 20

static inline int
max_channel_diff (const guint8 *a, const guint8 *b)
{
  int d0 = abs (a[0] - b[0]), d1 = abs (a[1] - b[1]), d2 = abs (a[2] - b[2]);
  return MAX (d0, MAX (d1, d2));
}

typedef struct {
  const SvgaiImage *image;
  guint64 low, wobbly;
} NoiseRows;

static void
noise_rows (gpointer data, int y0, int y1)
{
  NoiseRows *counts = data;
  const SvgaiImage *image = counts->image;

  for (int y = y0; y < y1; y++)
    {
      const guint8 *row = svgai_image_pixel (image, 0, y);

      for (int x = 1; x + 1 < image->width; x++)
        {
          const guint8 *l = row + 4 * (x - 1), *p = l + 4, *r = p + 4;
          int d2 = 0;
          guint32 lv, pv, rv;

          /* Flat artwork: three equal pixels are low-contrast, no wobble. */
          memcpy (&lv, l, 4), memcpy (&pv, p, 4), memcpy (&rv, r, 4);
          if (lv == pv && pv == rv)
            {
              counts->low += p[3] >= 250;
              continue;
            }
          if (l[3] < 250 || p[3] < 250 || r[3] < 250 ||
              max_channel_diff (l, p) > LOW_CONTRAST || max_channel_diff (p, r) > LOW_CONTRAST)
            continue;
          counts->low++;
          for (int c = 0; c < 3; c++)
            d2 = MAX (d2, abs (l[c] - 2 * p[c] + r[c]));
          counts->wobbly += d2 >= 3;
        }
    }
}

/* Counted in two halves at once on a large image (svgai_threads_split_rows):
 * the same counts. */
double
svgai_denoise_noise_level (const SvgaiImage *image)
{
  NoiseRows halves[2] = { { image, 0, 0 }, { image, 0, 0 } };
  guint64 low, wobbly;

  svgai_threads_split_rows (image->width, image->height, noise_rows, &halves[0], &halves[1]);
  low = halves[0].low + halves[1].low;
  wobbly = halves[0].wobbly + halves[1].wobbly;
  return low > 0 ? (double) wobbly / low : 0;
}

gboolean
svgai_denoise_needed (const SvgaiImage *image)
{
  return svgai_denoise_noise_level (image) > NOISE_THRESHOLD;
}

SvgaiImage *
svgai_denoise (const SvgaiImage *image)
{
  int w = image->width, h = image->height;
  SvgaiImage *out = svgai_image_new (w, h);

  if (out == NULL)
    return NULL;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *p = svgai_image_pixel (image, x, y);
        guint8 *o = svgai_image_pixel (out, x, y);
        int sum[4] = { 0 }, n = 0;

        for (int dy = -1; dy <= 1; dy++)
          for (int dx = -1; dx <= 1; dx++)
            {
              int nx = x + dx, ny = y + dy;
              const guint8 *q;

              if (nx < 0 || ny < 0 || nx >= w || ny >= h)
                continue;
              q = svgai_image_pixel (image, nx, ny);
              if (max_channel_diff (p, q) > SIGMA || abs (p[3] - q[3]) > SIGMA)
                continue;
              for (int c = 0; c < 4; c++)
                sum[c] += q[c];
              n++;
            }
        for (int c = 0; c < 4; c++)
          o[c] = (guint8) ((sum[c] + n / 2) / n);
      }
  return out;
}
