/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-restore.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "svgai-denoise.h"
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
#define SATURATED_SNAP 2
#define MAX_CANDIDATES 8
/* A flat colour has at least this many pixels whose 3×3 neighbourhood is
 * all that colour. */
#define MIN_INTERIOR 8
/* A thin colour this near (weighted metric) a blend of two others is the
 * band along their edge. */
#define EDGE_BAND_DISTANCE 25.0
/* An area of one colour whose colour follows a plane spreading more than
 * this (standard deviation, levels) is part of a gradient. */
#define GRADIENT_SPREAD 3.0
/* The label of such an area's pixels. */
#define GRADIENT (-2)
/* ...and when the plane explains at least this share of its variance. */
#define GRADIENT_SHARE 0.4

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

/* The blend t·A + (1−t)·B nearest @p, t clamped to [0, 1] so that
 * overshoot is cut off, into @rgb; returns its distance² to @p in the
 * weighted metric. */
static double
blend_of (const double *a, const double *b, const double *p, double *rgb)
{
  double u[3], v[3], sum[3], e[3], uu, uv, t;

  for (int ch = 0; ch < 3; ch++)
    u[ch] = a[ch] - b[ch], v[ch] = p[ch] - b[ch], sum[ch] = u[ch] + v[ch];
  /* Least squares in the weighted metric: t = <v,u>_W / <u,u>_W. */
  uu = weighted_dist2 (u);
  uv = (weighted_dist2 (sum) - uu - weighted_dist2 (v)) / 2;
  t = uu > 0 ? CLAMP (uv / uu, 0, 1) : 0;
  for (int ch = 0; ch < 3; ch++)
    rgb[ch] = b[ch] + t * u[ch], e[ch] = p[ch] - rgb[ch];
  return weighted_dist2 (e);
}

/* The blend of two candidate colours nearest @p into @out; FALSE when none
 * is within BLEND_DISTANCE. */
static gboolean
best_blend (const Colours *colours, const int *cand, int n_cand, const guint8 *p, guint8 *out)
{
  double best = BLEND_DISTANCE * BLEND_DISTANCE * 3, best_rgb[3] = { 0 }, pd[3] = { p[0], p[1], p[2] };

  for (int i = 0; i < n_cand; i++)
    for (int j = i + 1; j < n_cand; j++)
      {
        double rgb[3], d = blend_of (colours->rgb[cand[i]], colours->rgb[cand[j]], pd, rgb);
        if (d < best)
          best = d, memcpy (best_rgb, rgb, sizeof rgb);
      }
  if (best >= BLEND_DISTANCE * BLEND_DISTANCE * 3)
    return FALSE;
  for (int ch = 0; ch < 3; ch++)
    out[ch] = (guint8) CLAMP (floor (best_rgb[ch] + 0.5), 0, 255);
  return TRUE;
}

/* The per-channel median of the @raw pixels labelled @k whose neighbours
 * within @r are all labelled @k too, into @out; returns how many there are. */
static guint
interior_median (const SvgaiImage *raw, const gint8 *label, int k, int r, double *out)
{
  int w = raw->width, h = raw->height;
  guint32 hist[3][256] = { { 0 } };
  guint count = 0;

  for (int y = r; y + r < h; y++)
    for (int x = r; x + r < w; x++)
      {
        gboolean inside = TRUE;
        for (int dy = -r; dy <= r && inside; dy++)
          for (int dx = -r; dx <= r && inside; dx++)
            inside = label[(gsize) (y + dy) * w + x + dx] == k;
        if (!inside)
          continue;
        for (int ch = 0; ch < 3; ch++)
          hist[ch][svgai_image_pixel (raw, x, y)[ch]]++;
        count++;
      }
  for (int ch = 0; ch < 3 && count > 0; ch++)
    {
      guint acc = 0;
      for (int v = 0; v < 256; v++)
        if ((acc += hist[ch][v]) * 2 >= count)
          {
            out[ch] = v;
            break;
          }
    }
  return count;
}

/* TRUE when colour @k, thin (less than three pixels deep), is near a
 * blend of two deep colours: the band JPEG's ringing and chroma
 * subsampling leave along their edge (a dark edge with the green of its
 * neighbour), not a colour of the artwork. */
static gboolean
edge_band (const double (*colours)[3], const int *depth, int n, int k)
{
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++)
      {
        double rgb[3];
        if (i != k && j != k && depth[i] >= 3 && depth[j] >= 3 &&
            blend_of (colours[i], colours[j], colours[k], rgb) < EDGE_BAND_DISTANCE * EDGE_BAND_DISTANCE * 3)
          return TRUE;
      }
  return FALSE;
}

/* The palette of the smoothed image, each colour refined to the
 * per-channel median of the decoded (@raw) pixels deep inside its flat
 * areas, where JPEG reproduces a flat colour to a level or two (smoothing
 * near edges would pull it), then its near-saturated channels snapped. */
static gboolean
find_colours (const SvgaiImage *raw, const SvgaiImage *smoothed, Colours *out)
{
  g_autoptr(SvgaiPalette) pal = svgai_palette_new_denoised (smoothed, 0);
  int w = smoothed->width, h = smoothed->height;
  g_autofree gint8 *label = g_try_malloc ((gsize) w * h);
  double medians[SVGAI_MAX_COLORS][3];
  int n, depth[SVGAI_MAX_COLORS];

  if (pal == NULL || label == NULL)
    return FALSE;
  out->n = 0;
  for (int k = 0; k < pal->n_colors; k++)
    if (pal->colors[k].a >= 250)
      {
        double *c = out->rgb[out->n++];
        c[0] = pal->colors[k].r, c[1] = pal->colors[k].g, c[2] = pal->colors[k].b;
      }
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      label[(gsize) y * w + x] = (gint8) nearest (out, svgai_image_pixel (smoothed, x, y));
  n = out->n;
  for (int k = 0; k < n; k++)
    {
      double c[3];

      /* Three pixels in where the area allows, else as far as it does. A
       * colour no pixel of which has neighbours of it all round is a thin
       * line (its smoothed palette colour stands: the decoded pixels of a
       * line are blurred) or the band along an edge (see edge_band). */
      memcpy (medians[k], out->rgb[k], sizeof medians[k]);
      for (depth[k] = 3; depth[k] >= 1; depth[k]--)
        if (interior_median (raw, label, k, depth[k], c) >= (depth[k] == 1 ? MIN_INTERIOR : 1))
          {
            memcpy (medians[k], c, sizeof c);
            break;
          }
      if (depth[k] < 1 && interior_median (raw, label, k, 0, c) < MIN_INTERIOR)
        depth[k] = -1;
      for (int ch = 0; ch < 3; ch++)
        medians[k][ch] = medians[k][ch] <= SATURATED_SNAP ? 0
                         : medians[k][ch] >= 255 - SATURATED_SNAP ? 255 : medians[k][ch];
    }
  out->n = 0;
  for (int k = 0; k < n; k++)
    if (depth[k] >= 3 || (depth[k] >= 0 && !edge_band (medians, depth, n, k)))
      memcpy (out->rgb[out->n++], medians[k], sizeof medians[k]);
  return out->n > 0;
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

typedef struct {
  double n, sx, sy, sxx, sxy, syy, sc[3], scx[3], scy[3], scc[3];
} Moments;

/* TRUE when the colour of the pixels summed in @m follows a plane whose
 * spread is more than noise and most of their variation: a band of a
 * gradient, not a flat area (nor one that ringing or a neighbour's
 * subsampled chroma stains in places). */
static gboolean
sloped (const Moments *m)
{
  double mx = m->sx / m->n, my = m->sy / m->n;
  double vxx = m->sxx / m->n - mx * mx, vxy = m->sxy / m->n - mx * my, vyy = m->syy / m->n - my * my;
  double det = vxx * vyy - vxy * vxy;

  if (m->n < MIN_INTERIOR || det <= 1e-9)
    return FALSE;
  for (int ch = 0; ch < 3; ch++)
    {
      double mc = m->sc[ch] / m->n, cx = m->scx[ch] / m->n - mx * mc, cy = m->scy[ch] / m->n - my * mc;
      double a = (cx * vyy - cy * vxy) / det, b = (cy * vxx - cx * vxy) / det;

      double fitted = a * a * vxx + 2 * a * b * vxy + b * b * vyy, total = m->scc[ch] / m->n - mc * mc;

      if (fitted > GRADIENT_SPREAD * GRADIENT_SPREAD && fitted >= GRADIENT_SHARE * total)
        return TRUE;
    }
  return FALSE;
}

/* Each connected area of one colour whose pixels slope (sloped()) is part
 * of a gradient that the palette only sampled: its pixels are labelled
 * GRADIENT and keep their smoothed values, for the tracer's gradient
 * fills. */
static gboolean
unlabel_gradients (const SvgaiImage *smoothed, gint8 *label)
{
  int w = smoothed->width, h = smoothed->height;
  g_autofree guint32 *stack = g_try_new (guint32, (gsize) w * h);
  g_autofree guint32 *area = g_try_new (guint32, (gsize) w * h);
  g_autofree guint8 *seen = g_try_malloc0 ((gsize) w * h);

  if (stack == NULL || area == NULL || seen == NULL)
    return FALSE;
  for (gsize start = 0; start < (gsize) w * h; start++)
    {
      gsize top = 0, n_area = 0;
      Moments m = { 0 };
      int k = label[start];

      if (k < 0 || seen[start])
        continue;
      seen[start] = 1, stack[top++] = (guint32) start;
      while (top > 0)
        {
          guint32 i = stack[--top];
          int x = i % w, y = i / w;
          const guint8 *p = smoothed->pixels + 4 * (gsize) i;
          const int nx[4] = { x - 1, x + 1, x, x }, ny[4] = { y, y, y - 1, y + 1 };

          area[n_area++] = i;
          m.n++, m.sx += x, m.sy += y, m.sxx += (double) x * x, m.sxy += (double) x * y, m.syy += (double) y * y;
          for (int ch = 0; ch < 3; ch++)
            m.sc[ch] += p[ch], m.scx[ch] += p[ch] * x, m.scy[ch] += p[ch] * y, m.scc[ch] += p[ch] * p[ch];
          for (int d = 0; d < 4; d++)
            {
              gsize j = (gsize) ny[d] * w + nx[d];
              if (nx[d] >= 0 && ny[d] >= 0 && nx[d] < w && ny[d] < h && !seen[j] && label[j] == k)
                seen[j] = 1, stack[top++] = (guint32) j;
            }
        }
      if (sloped (&m))
        for (gsize a = 0; a < n_area; a++)
          label[area[a]] = GRADIENT;
    }
  return TRUE;
}

SvgaiImage *
svgai_restore_lossy (const SvgaiImage *raw, const SvgaiImage *smoothed)
{
  int w = smoothed->width, h = smoothed->height;
  g_autofree gint8 *label = g_try_malloc ((gsize) w * h);
  g_autoptr(SvgaiImage) once = svgai_denoise (raw);
  Colours colours;
  SvgaiImage *out;

  if (label == NULL || once == NULL || !find_colours (raw, smoothed, &colours) ||
      (out = svgai_image_new (w, h)) == NULL)
    return NULL;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      label[(gsize) y * w + x] = (gint8) nearest (&colours, svgai_image_pixel (smoothed, x, y));
  if (!unlabel_gradients (smoothed, label))
    {
      svgai_image_unref (out);
      return NULL;
    }
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
        /* The blend is read from the decoded image smoothed once: the
         * second smoothing spreads an edge over more pixels, and JPEG's
         * noise along it then moves where the blend crosses one half, so
         * that a straight edge wobbles; the decoded pixel itself is
         * noisier still (small letters lose pixels). Ringing lies off the
         * blend's line or beyond its ends, and is cut. */
        n_cand = k == GRADIENT ? 0 : candidates (label, w, h, x, y, cand);
        if (n_cand >= 2)
          best_blend (&colours, cand, n_cand, svgai_image_pixel (once, x, y), o);
      }
  /* What is traced from it is still a compressed source's (see svgai-fill.c). */
  svgai_image_set_lossy (out, TRUE);
  return out;
}
