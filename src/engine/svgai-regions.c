/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-regions.h"

#include <stdlib.h>

static inline guint32
find (guint32 *parent, guint32 i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];   /* path halving */
      i = parent[i];
    }
  return i;
}

static inline void
unite (guint32 *parent, guint32 a, guint32 b)
{
  a = find (parent, a);
  b = find (parent, b);
  /* the smaller index becomes the root: roots come first in scan order */
  if (a < b)
    parent[b] = a;
  else if (b < a)
    parent[a] = b;
}

static inline gboolean
similar (const guint8 *p, const guint8 *q)
{
  return p[3] >= 128 && abs (p[3] - q[3]) <= SVGAI_REGION_STEP && abs (p[0] - q[0]) <= SVGAI_REGION_STEP &&
         abs (p[1] - q[1]) <= SVGAI_REGION_STEP && abs (p[2] - q[2]) <= SVGAI_REGION_STEP;
}

SvgaiRegions *
svgai_regions_new (const SvgaiImage *image)
{
  int w = image->width, h = image->height;
  gsize n = (gsize) w * h;
  g_autofree guint32 *size = NULL;
  g_autofree guint32 *index = NULL;
  SvgaiRegions *r;
  guint32 *parent;
  guint n_big = 0, n_linear = 0;

  if (n == 0 || n > SVGAI_REGION_MAX_PIXELS)
    return NULL;
  parent = g_try_new (guint32, n);
  size = g_try_new0 (guint32, n);
  if (parent == NULL || size == NULL)
    {
      g_free (parent);
      return NULL;
    }
  for (gsize i = 0; i < n; i++)
    parent[i] = (guint32) i;
  for (int y = 0; y < h; y++)
    {
      const guint8 *row = svgai_image_pixel (image, 0, y);

      for (int x = 0; x < w; x++)
        {
          guint32 i = (guint32) ((gsize) y * w + x);

          if (x + 1 < w && similar (row + 4 * x, row + 4 * (x + 1)))
            unite (parent, i, i + 1);
          if (y + 1 < h && similar (row + 4 * x, row + 4 * (x + w)))
            unite (parent, i, i + (guint32) w);
        }
    }
  for (gsize i = 0; i < n; i++)
    {
      parent[i] = find (parent, (guint32) i);
      size[parent[i]]++;
    }

  /* Moments of the regions large enough to matter, then keep the linear
   * ones. `size` becomes the region number + 1 of each root. */
  for (gsize i = 0; i < n; i++)
    if (parent[i] == i && size[i] >= SVGAI_REGION_MIN_PIXELS && image->pixels[4 * i + 3] >= 128)
      size[i] = ++n_big;
    else if (parent[i] == i)
      size[i] = 0;
  r = g_new0 (SvgaiRegions, 1);
  r->width = w;
  r->height = h;
  r->label = parent;
  r->moments = g_try_new0 (SvgaiColorMoments, MAX (n_big, 1));
  index = g_try_new (guint32, MAX (n_big, 1));
  if (r->moments == NULL || index == NULL)
    {
      svgai_regions_free (r);
      return NULL;
    }
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        guint32 k = size[parent[i]];

        if (k > 0)
          svgai_color_moments_add (&r->moments[k - 1], x + 0.5, y + 0.5, image->pixels + 4 * i);
      }
  for (guint k = 0; k < n_big; k++)
    {
      double residual, explained = svgai_gradient_explained (&r->moments[k], &residual);

      if (explained >= SVGAI_REGION_MIN_EXPLAINED && residual <= SVGAI_REGION_MAX_RESIDUAL)
        {
          r->moments[n_linear] = r->moments[k];
          index[k] = n_linear++;
        }
      else
        index[k] = SVGAI_REGION_NONE;
    }
  r->n_regions = n_linear;
  for (gsize i = 0; i < n; i++)
    {
      guint32 k = size[parent[i]];
      parent[i] = k > 0 ? index[k - 1] : SVGAI_REGION_NONE;
    }
  return r;
}

void
svgai_regions_free (SvgaiRegions *regions)
{
  if (regions == NULL)
    return;
  g_free (regions->label);
  g_free (regions->moments);
  g_free (regions);
}
