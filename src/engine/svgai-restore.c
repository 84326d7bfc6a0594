/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-restore.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "svgai-palette.h"

/* A pixel within this (sRGB distance) of a flat colour is that colour:
 * JPEG q75 noise left after smoothing stays well inside it. */
#define SNAP_DISTANCE 22.0
/* Edge pixels are blends of the colours found this far (pixels) around
 * them: chroma subsampling and ringing spread an edge over 2–3 pixels. */
#define REACH 3
/* A blend explains a pixel within this distance; further, the pixel keeps
 * its own (smoothed) value. */
#define BLEND_DISTANCE 40.0
/* A channel this close to 0 or 255 is 0 or 255: the flat colours of logos
 * are often saturated, and JPEG moves them by a few levels. */
#define SATURATED_SNAP 4
#define MAX_CANDIDATES 8

typedef struct {
  int n;
  double rgb[SVGAI_MAX_COLORS][3];
} Colours;

/* Chroma is blurred by subsampling and moved by quantisation more than
 * luma: it counts for less in the distance that decides blends. */
static inline double
weighted_dist2 (const double *d)
{
  double y = 0.299 * d[0] + 0.587 * d[1] + 0.114 * d[2];
  double cb = d[2] - y, cr = d[0] - y;
  return 3 * y * y + 0.1 * (cb * cb + cr * cr);
}

static inline double
plain_dist2 (const guint8 *p, const double *c)
{
  double d0 = p[0] - c[0], d1 = p[1] - c[1], d2 = p[2] - c[2];
  return d0 * d0 + d1 * d1 + d2 * d2;
}

/* The palette of the smoothed image, each colour refined to the per-channel
 * median of the pixels near it whose 3×3 neighbourhood is too (the flat
 * interior), then its near-saturated channels snapped. */
static gboolean
find_colours (const SvgaiImage *image, Colours *out)
{
  g_autoptr(SvgaiPalette) pal = svgai_palette_new_denoised (image, 0);
  int w = image->width, h = image->height;

  if (pal == NULL)
    return FALSE;
  out->n = 0;
  for (int k = 0; k < pal->n_colors; k++)
    {
      const SvgaiPaletteColor *c = &pal->colors[k];
      double centre[3] = { c->r, c->g, c->b };
      g_autofree guint32 *hist = g_new0 (guint32, 3 * 256);
      guint count = 0;

      if (c->a < 250)
        continue;
      for (int y = 1; y + 1 < h; y++)
        for (int x = 1; x + 1 < w; x++)
          {
            gboolean flat = TRUE;
            for (int dy = -1; dy <= 1 && flat; dy++)
              for (int dx = -1; dx <= 1 && flat; dx++)
                {
                  const guint8 *q = svgai_image_pixel (image, x + dx, y + dy);
                  flat = q[3] >= 250 && plain_dist2 (q, centre) <= SNAP_DISTANCE * SNAP_DISTANCE;
                }
            if (!flat)
              continue;
            for (int ch = 0; ch < 3; ch++)
              hist[ch * 256 + svgai_image_pixel (image, x, y)[ch]]++;
            count++;
          }
      for (int ch = 0; ch < 3 && count > 0; ch++)
        {
          guint acc = 0;
          for (int v = 0; v < 256; v++)
            if ((acc += hist[ch * 256 + v]) * 2 >= count)
              {
                centre[ch] = v;
                break;
              }
        }
      for (int ch = 0; ch < 3; ch++)
        centre[ch] = centre[ch] <= SATURATED_SNAP ? 0 : centre[ch] >= 255 - SATURATED_SNAP ? 255 : centre[ch];
      memcpy (out->rgb[out->n++], centre, sizeof centre);
    }
  return TRUE;
}

/* The nearest colour within SNAP_DISTANCE, or -1. */
static int
nearest (const Colours *colours, const guint8 *p)
{
  double best = SNAP_DISTANCE * SNAP_DISTANCE;
  int k_best = -1;

  if (p[3] < 250)
    return -1;
  for (int k = 0; k < colours->n; k++)
    {
      double d = plain_dist2 (p, colours->rgb[k]);
      if (d <= best)
        best = d, k_best = k;
    }
  return k_best;
}

/* The blend t·A + (1−t)·B of two candidate colours nearest @p (t clamped to
 * [0, 1], so overshoot is cut off); FALSE when none is within
 * BLEND_DISTANCE. */
static gboolean
best_blend (const Colours *colours, const int *cand, int n_cand, const guint8 *p, guint8 *out)
{
  double best = BLEND_DISTANCE * BLEND_DISTANCE * 3, best_rgb[3] = { 0 };

  for (int i = 0; i < n_cand; i++)
    for (int j = i + 1; j < n_cand; j++)
      {
        const double *a = colours->rgb[cand[i]], *b = colours->rgb[cand[j]];
        double u[3], v[3], e[3], uu, uv, t;

        for (int ch = 0; ch < 3; ch++)
          u[ch] = a[ch] - b[ch], v[ch] = p[ch] - b[ch];
        /* Least squares in the weighted metric: t = <v,u>_W / <u,u>_W. */
        uu = weighted_dist2 (u);
        if (uu <= 0)
          continue;
        {
          double sum[3];
          for (int ch = 0; ch < 3; ch++)
            sum[ch] = u[ch] + v[ch];
          uv = (weighted_dist2 (sum) - uu - weighted_dist2 (v)) / 2;
        }
        t = CLAMP (uv / uu, 0, 1);
        for (int ch = 0; ch < 3; ch++)
          e[ch] = p[ch] - (b[ch] + t * u[ch]);
        if (weighted_dist2 (e) < best)
          {
            best = weighted_dist2 (e);
            for (int ch = 0; ch < 3; ch++)
              best_rgb[ch] = b[ch] + t * u[ch];
          }
      }
  if (best >= BLEND_DISTANCE * BLEND_DISTANCE * 3)
    return FALSE;
  for (int ch = 0; ch < 3; ch++)
    out[ch] = (guint8) CLAMP (floor (best_rgb[ch] + 0.5), 0, 255);
  return TRUE;
}

/* The distinct labels within REACH of (x, y). */
static int
candidates (const gint8 *label, int w, int h, int x, int y, int *cand)
{
  int n = 0;

  for (int dy = -REACH; dy <= REACH; dy++)
    for (int dx = -REACH; dx <= REACH; dx++)
      {
        int nx = x + dx, ny = y + dy, k, i;
        if (nx < 0 || ny < 0 || nx >= w || ny >= h || (k = label[(gsize) ny * w + nx]) < 0)
          continue;
        for (i = 0; i < n && cand[i] != k; i++)
          ;
        if (i == n && n < MAX_CANDIDATES)
          cand[n++] = k;
      }
  return n;
}

SvgaiImage *
svgai_restore_lossy (const SvgaiImage *smoothed)
{
  int w = smoothed->width, h = smoothed->height;
  g_autofree gint8 *label = g_try_malloc ((gsize) w * h);
  Colours colours;
  SvgaiImage *out;

  if (label == NULL || !find_colours (smoothed, &colours) || (out = svgai_image_new (w, h)) == NULL)
    return NULL;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      label[(gsize) y * w + x] = (gint8) nearest (&colours, svgai_image_pixel (smoothed, x, y));
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *p = svgai_image_pixel (smoothed, x, y);
        guint8 *o = svgai_image_pixel (out, x, y);
        int k = label[(gsize) y * w + x], cand[MAX_CANDIDATES], n_cand;

        memcpy (o, p, 4);
        if (k >= 0)
          {
            for (int ch = 0; ch < 3; ch++)
              o[ch] = (guint8) colours.rgb[k][ch];
            continue;
          }
        n_cand = candidates (label, w, h, x, y, cand);
        if (n_cand >= 2)
          best_blend (&colours, cand, n_cand, p, o);
      }
  /* What is traced from it is still a compressed source's (see svgai-fill.c). */
  svgai_image_set_lossy (out, TRUE);
  return out;
}
