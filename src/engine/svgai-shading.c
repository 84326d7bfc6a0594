/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-shading.h"
#include "svgai-hypot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Fewer samples than this are no shading worth blobs. */
#define MIN_SAMPLES 400
/* Blob centres are tried on a grid of square cells, about this many over
 * the shape, each with the colour of its cell pushed 0, ½ or 1 times
 * further from what lies there: a blob fades, so its colour must
 * overshoot the cell's to reach it at the centre. */
#define CELLS 64
static const double overshoot[3] = { 0, 0.5, 1 };
/* Candidates are judged on at most this many samples (evenly spread). */
#define JUDGE_SAMPLES 512
/* A blob must remove at least this share of the error the base leaves,
 * and at least MIN_GAIN_LEVELS² per channel and sample (a blob costs
 * some 400 bytes). */
#define MIN_GAIN 0.003
#define MIN_GAIN_LEVELS 0.7
/* A field that creases (a second difference over CREASE levels along a
 * row or column) at more than this share of its samples is facets that
 * meet at folds (a 3D gem, a folded ribbon): blobs would blur the folds. */
#define MAX_CREASED 0.005
#define CREASE 4
/* A blob's colour and its falloff are fitted in turn this many times. */
#define COLOUR_ROUNDS 3

typedef struct {
  const SvgaiColorSample *s;
  gsize n;
  float *under;              /* per sample, RGB: what the base and blobs so far paint */
  double x0, y0, cell;       /* the candidates' grid */
  int cols, rows;
  int spacing;               /* px between neighbouring samples */
} Work;

static double
error_left (const Work *w)
{
  double e = 0;

  for (gsize i = 0; i < w->n; i++)
    for (int c = 0; c < 3; c++)
      {
        double d = w->s[i].rgba[c] - w->under[3 * i + c];
        e += d * d;
      }
  return e;
}

/* Accumulates, per pixel-wide distance bin from (cx, cy), the samples'
 * pull towards colour rgb (their error along it) and its weight. */
static void
blob_sums (const Work *w, double cx, double cy, const double rgb[3], double *num, double *den, guint n_bins)
{
  memset (num, 0, n_bins * sizeof *num);
  memset (den, 0, n_bins * sizeof *den);
  for (gsize i = 0; i < w->n; i++)
    {
      const SvgaiColorSample *p = &w->s[i];
      const float *u = &w->under[3 * i];
      float dx = p->x - (float) cx, dy = p->y - (float) cy, nu = 0, de = 0;
      guint b = (guint) sqrtf (dx * dx + dy * dy);

      if (b >= n_bins)
        continue;
      for (int c = 0; c < 3; c++)
        {
          float d = (float) rgb[c] - u[c];
          nu += (p->rgba[c] - u[c]) * d;
          de += d * d;
        }
      num[b] += nu;
      den[b] += de;
    }
}

/* blob_sums for the three overshoots of a candidate, in bins `bin` px
 * wide over every `step`-th sample, unrolled: the candidate search's inner
 * loop, run for every cell of every blob. */
static void
profile_sums3 (const Work *w, gsize step, double cx, double cy, const double (*rgb)[3], double bin, double *num,
               double *den, guint n_bins)
{
  const float r0 = (float) rgb[0][0], g0 = (float) rgb[0][1], b0 = (float) rgb[0][2];
  const float r1 = (float) rgb[1][0], g1 = (float) rgb[1][1], b1 = (float) rgb[1][2];
  const float r2 = (float) rgb[2][0], g2 = (float) rgb[2][1], b2 = (float) rgb[2][2];
  const float fx = (float) cx, fy = (float) cy, inv = (float) (1 / bin);
  double *n0 = num, *n1 = num + n_bins, *n2 = num + 2 * n_bins;
  double *d0 = den, *d1 = den + n_bins, *d2 = den + 2 * n_bins;

  memset (num, 0, 3 * n_bins * sizeof *num);
  memset (den, 0, 3 * n_bins * sizeof *den);
  for (gsize i = 0; i < w->n; i += step)
    {
      const SvgaiColorSample *p = &w->s[i];
      const float *u = &w->under[3 * i];
      float dx = p->x - fx, dy = p->y - fy;
      guint b = (guint) (sqrtf (dx * dx + dy * dy) * inv);
      float er = p->rgba[0] - u[0], eg = p->rgba[1] - u[1], eb = p->rgba[2] - u[2];
      float ar = r0 - u[0], ag = g0 - u[1], ab = b0 - u[2];
      float br = r1 - u[0], bg = g1 - u[1], bb = b1 - u[2];
      float cr = r2 - u[0], cg = g2 - u[1], cb = b2 - u[2];

      if (b >= n_bins)
        continue;
      n0[b] += er * ar + eg * ag + eb * ab, d0[b] += ar * ar + ag * ag + ab * ab;
      n1[b] += er * br + eg * bg + eb * bb, d1[b] += br * br + bg * bg + bb * bb;
      n2[b] += er * cr + eg * cg + eb * cb, d2[b] += cr * cr + cg * cg + cb * cb;
    }
}

/* A blob's opacity falls as a blur does, smoothly to nothing at its
 * radius: peak · (1 − t²)², t the distance over the radius. */
static inline double
falloff (double t)
{
  return t < 1 ? (1 - t * t) * (1 - t * t) : 0;
}

/* The radius (in bins, tried in steps of about 1/RADIUS_STEPS of it) and
 * peak opacity whose falloff removes the most error from the bins' sums;
 * returns the error removed (0: none). */
#define RADIUS_STEPS 32

static double
profile (const double *num, const double *den, guint n_bins, guint *radius, double *peak)
{
  double best = 0;

  *radius = 0, *peak = 0;
  for (guint r = 2; r <= n_bins; r += MAX (r / RADIUS_STEPS, 1))
    {
      double sn = 0, sd = 0, a, gain;

      for (guint b = 0; b < r; b++)
        {
          double f = falloff ((b + 0.5) / r);

          sn += num[b] * f, sd += den[b] * f * f;
        }
      if (sd <= 0 || sn <= 0)
        continue;
      a = MIN (sn / sd, 1);
      gain = a * (2 * sn - a * sd);
      if (gain > best)
        best = gain, *radius = r, *peak = a;
    }
  return best;
}

typedef struct {
  double gain, cx, cy, rgb[3];
} Candidate;

/* The most promising blob: the grid cell, colour and overshoot whose blob
 * removes the most error, judged on a sample of the samples. */
static gboolean
best_candidate (const Work *w, double reach, Candidate *best)
{
  int cells = w->cols * w->rows;
  g_autofree double *sum = g_new0 (double, 7 * (gsize) cells);   /* n, target RGB, under RGB */
  gsize step = MAX (w->n / JUDGE_SAMPLES, 1);
  double bin = MAX (w->cell / 2, 1);
  guint n_bins = (guint) ceil (reach / bin) + 1, n_o = G_N_ELEMENTS (overshoot);
  g_autofree double *num = g_new (double, n_o * n_bins), *den = g_new (double, n_o * n_bins);

  memset (best, 0, sizeof *best);
  for (gsize i = 0; i < w->n; i++)
    {
      int cx = CLAMP ((int) ((w->s[i].x - w->x0) / w->cell), 0, w->cols - 1);
      int cy = CLAMP ((int) ((w->s[i].y - w->y0) / w->cell), 0, w->rows - 1);
      double *m = sum + 7 * (gsize) (cy * w->cols + cx);

      m[0]++;
      for (int c = 0; c < 3; c++)
        m[1 + c] += w->s[i].rgba[c], m[4 + c] += w->under[3 * i + c];
    }
  for (int k = 0; k < cells; k++)
    {
      const double *m = sum + 7 * (gsize) k;

      /* a cell mostly inside the shape */
      if (m[0] * w->spacing * w->spacing < w->cell * w->cell / 2)
        continue;
      double cx = w->x0 + (k % w->cols + 0.5) * w->cell, cy = w->y0 + (k / w->cols + 0.5) * w->cell;
      double rgb[G_N_ELEMENTS (overshoot)][3];

      for (guint o = 0; o < n_o; o++)
        for (int ch = 0; ch < 3; ch++)
          {
            double t = m[1 + ch] / m[0], u = m[4 + ch] / m[0];
            rgb[o][ch] = round (CLAMP (t + overshoot[o] * (t - u), 0, 255));
          }
      profile_sums3 (w, step, cx, cy, (const double (*)[3]) rgb, bin, num, den, n_bins);
      for (guint o = 0; o < n_o; o++)
        {
          guint radius;
          double peak, gain = profile (num + o * n_bins, den + o * n_bins, n_bins, &radius, &peak) * step;

          if (gain > best->gain)
            {
              best->gain = gain, best->cx = cx, best->cy = cy;
              memcpy (best->rgb, rgb[o], sizeof best->rgb);
            }
        }
    }
  return best->gain > 0;
}

/* Fits candidate c's blob on every sample (pixel-wide bins): its radius
 * and peak opacity, and its colour, in turn; then its stops, evenly
 * spaced along the falloff. FALSE when it shows nowhere. */
static gboolean
fit_blob (const Work *w, const Candidate *c, double reach, double grid, SvgaiGradient *g)
{
  guint n_bins = (guint) ceil (reach) + 2, r = 0;
  g_autofree double *num = g_new (double, n_bins), *den = g_new (double, n_bins);
  double radius, peak = 0, cx = round (c->cx * grid) / grid, cy = round (c->cy * grid) / grid, rgb[3];

  memcpy (rgb, c->rgb, sizeof rgb);
  for (int turn = 0;; turn++)
    {
      double sa2 = 0, sc[3] = { 0 };

      blob_sums (w, cx, cy, rgb, num, den, n_bins);
      if (profile (num, den, n_bins, &r, &peak) <= 0)
        return FALSE;
      if (turn == COLOUR_ROUNDS)
        break;
      /* the colour that, at these opacities, leaves the least error */
      for (gsize i = 0; i < w->n; i++)
        {
          float dx = w->s[i].x - (float) cx, dy = w->s[i].y - (float) cy;
          double a = peak * falloff (sqrtf (dx * dx + dy * dy) / r);

          if (a <= 0)
            continue;
          sa2 += a * a;
          for (int ch = 0; ch < 3; ch++)
            sc[ch] += a * (w->s[i].rgba[ch] - (1 - a) * w->under[3 * i + ch]);
        }
      if (sa2 <= 0)
        break;
      for (int ch = 0; ch < 3; ch++)
        rgb[ch] = round (CLAMP (sc[ch] / sa2, 0, 255));
    }
  memset (g, 0, sizeof *g);
  g->active = TRUE;
  g->kind = SVGAI_GRADIENT_RADIAL;
  g->from.x = cx, g->from.y = cy;
  radius = MAX (round (r * grid) / grid, 1);
  g->to.x = cx + radius, g->to.y = cy;
  g->n_stops = SVGAI_MAX_GRADIENT_STOPS;
  for (guint k = 0; k < g->n_stops; k++)
    {
      double t = (double) k / (g->n_stops - 1);

      g->stops[k].offset = round (t * 1000) / 1000;
      g->stops[k].alpha = (guint8) lround (peak * falloff (t) * 255);
      for (int ch = 0; ch < 3; ch++)
        g->stops[k].rgb[ch] = (guint8) rgb[ch];
    }
  return TRUE;
}

/* Paints blob g over what lies under the samples; returns the error left
 * (as error_left). */
static double
paint (Work *w, const SvgaiGradient *g)
{
  double e = 0;

  for (gsize i = 0; i < w->n; i++)
    {
      double rgba[SVGAI_CHANNELS], a;

      svgai_gradient_colour_at (g, w->s[i].x, w->s[i].y, rgba);
      a = rgba[3] / 255;
      for (int c = 0; c < 3; c++)
        {
          double d;

          w->under[3 * i + c] += (float) (a * (rgba[c] - w->under[3 * i + c]));
          d = w->s[i].rgba[c] - w->under[3 * i + c];
          e += d * d;
        }
    }
  return e;
}

/* The share of the samples, among those with four neighbours (on the
 * samples' grid, `gap` px apart), on a fold of the field: a second
 * difference over CREASE levels (per gap²) along a row or column, next to
 * another such sample (a fold is a line; a lone one is a renderer's
 * rounding). -1 when too few have four neighbours. */
static double
creased_share (const Work *w, int gap)
{
  int gw = (int) ceil (w->cols * w->cell / gap) + 1, gh = (int) ceil (w->rows * w->cell / gap) + 1;
  g_autofree gint32 *at = g_try_new (gint32, (gsize) gw * gh);
  g_autofree guint8 *crease = g_try_new0 (guint8, (gsize) gw * gh);
  gsize inside = 0, creased = 0;

  if (at == NULL || crease == NULL)
    return -1;
  memset (at, 0xff, (gsize) gw * gh * sizeof *at);
  for (gsize i = 0; i < w->n; i++)
    {
      int x = (int) floor ((w->s[i].x - w->x0) / gap), y = (int) floor ((w->s[i].y - w->y0) / gap);

      if (x >= 0 && y >= 0 && x < gw && y < gh)
        at[(gsize) y * gw + x] = (gint32) i;
    }
  for (int y = 1; y + 1 < gh; y++)
    for (int x = 1; x + 1 < gw; x++)
      {
        gsize p = (gsize) y * gw + x;
        gint32 n[4] = { at[p - 1], at[p + 1], at[p - gw], at[p + gw] };

        if (at[p] < 0 || n[0] < 0 || n[1] < 0 || n[2] < 0 || n[3] < 0)
          continue;
        inside++;
        crease[p] = 1;
        for (int c = 0; c < 3; c++)
          {
            int v = 2 * w->s[at[p]].rgba[c];

            if (abs (w->s[n[0]].rgba[c] + w->s[n[1]].rgba[c] - v) > CREASE * gap * gap ||
                abs (w->s[n[2]].rgba[c] + w->s[n[3]].rgba[c] - v) > CREASE * gap * gap)
              crease[p] = 2;
          }
      }
  for (int y = 1; y + 1 < gh; y++)
    for (int x = 1; x + 1 < gw; x++)
      {
        gsize p = (gsize) y * gw + x;
        gboolean line = FALSE;

        if (crease[p] != 2)
          continue;
        for (int dy = -1; dy <= 1 && !line; dy++)
          for (int dx = -1; dx <= 1 && !line; dx++)
            line = (dx || dy) && crease[p + (gssize) dy * gw + dx] == 2;
        creased += line;
      }
  return inside * 4 >= w->n ? (double) creased / inside : -1;
}

gboolean
svgai_shading_fit (const SvgaiColorSample *s,
                   gsize n,
                   const SvgaiSegment *segs,
                   guint n_segs,
                   double grid,
                   int spacing,
                   const SvgaiGradient *base,
                   double enough,
                   SvgaiShading *out,
                   double *rms)
{
  Work w = { s, n, .spacing = MAX (spacing, 1) };
  double x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE, base_error, error, least, reach, creased;
  g_autofree float *under = NULL;

  memset (out, 0, sizeof *out);
  if (n < MIN_SAMPLES)
    return FALSE;
  w.x0 = w.y0 = G_MAXDOUBLE;
  for (gsize i = 0; i < n; i++)
    {
      if (s[i].rgba[3] < 255)
        return FALSE;
      w.x0 = MIN (w.x0, s[i].x), w.y0 = MIN (w.y0, s[i].y);
      x1 = MAX (x1, s[i].x), y1 = MAX (y1, s[i].y);
    }
  w.x0 -= 0.5, w.y0 -= 0.5, x1 += 0.5, y1 += 0.5;
  w.cell = MAX (sqrt ((double) n / CELLS) * w.spacing, 2.0 * w.spacing);
  w.cols = (int) ceil ((x1 - w.x0) / w.cell), w.rows = (int) ceil ((y1 - w.y0) / w.cell);
  reach = svgai_hypot (x1 - w.x0, y1 - w.y0);
  creased = creased_share (&w, w.spacing);
  if (creased < 0 || creased > MAX_CREASED)
    return FALSE;
  under = w.under = g_try_new (float, 3 * n);
  if (under == NULL)
    return FALSE;

  if (base)
    out->base = *base;
  if (base ? base->active
           : svgai_gradient_fit_samples (s, n, segs, n_segs, grid, SVGAI_GRADIENT_DIRECTION_SEARCH, &out->base, NULL))
    for (gsize i = 0; i < n; i++)
      {
        double rgba[SVGAI_CHANNELS];

        svgai_gradient_colour_at (&out->base, s[i].x, s[i].y, rgba);
        for (int c = 0; c < 3; c++)
          under[3 * i + c] = (float) rgba[c];
      }
  else
    {
      double sum[3] = { 0 };

      for (gsize i = 0; i < n; i++)
        for (int c = 0; c < 3; c++)
          sum[c] += s[i].rgba[c];
      for (int c = 0; c < 3; c++)
        out->base_rgb[c] = (guint8) lround (sum[c] / n);
      for (gsize i = 0; i < n; i++)
        for (int c = 0; c < 3; c++)
          under[3 * i + c] = out->base_rgb[c];
    }
  error = base_error = error_left (&w);
  least = MAX (MIN_GAIN * base_error, MIN_GAIN_LEVELS * MIN_GAIN_LEVELS * 3 * n);
  while (out->n_blobs < SVGAI_SHADING_MAX_BLOBS && error > enough * enough * 3 * n)
    {
      Candidate c;
      SvgaiGradient g;
      double e;

      if (!best_candidate (&w, reach, &c) || c.gain < least || !fit_blob (&w, &c, reach, grid, &g))
        break;
      /* a blob that gains too little ends the fit: what it painted is not
       * read again */
      e = paint (&w, &g);
      if (e > error - least)
        break;
      error = e;
      out->blobs[out->n_blobs++] = g;
    }
  if (rms)
    *rms = sqrt (error / (3 * n));
  return out->n_blobs > 0;
}

gboolean
svgai_shading_fit_in_box (const SvgaiColorSample *s,
                          gsize n,
                          double x0,
                          double y0,
                          double x1,
                          double y1,
                          int spacing,
                          double enough,
                          SvgaiShading *out,
                          double *rms)
{
  SvgaiSegment box[SVGAI_GRADIENT_BOX_SEGMENTS];

  svgai_gradient_box (x0, y0, x1, y1, box);
  return svgai_shading_fit (s, n, box, G_N_ELEMENTS (box), 10, spacing, NULL, enough, out, rms);
}
