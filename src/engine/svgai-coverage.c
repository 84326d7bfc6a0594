/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-coverage.h"

#include <math.h>

/* The profile is read this far either side of the outline, px, in steps. */
#define REACH 1.5
#define STEP 0.125
/* A clean edge: the ink side at least this covered, the outside at most
 * this, and the profile never rising by more than RISE on the way out. */
#define INK_LEVEL 0.85
#define OUTSIDE_LEVEL 0.15
#define RISE 0.05
/* An edge further than this from the outline is some other edge. */
#define MAX_SHIFT 0.5

/* (int) floor (v) without floor(): the truncation, one less for a
 * negative fraction. The same int for every v within int range; others
 * (never a coordinate) go through floor() as before. */
static inline int
floor_int (double v)
{
  int i;

  if (!(v > -2147483648.0 && v < 2147483648.0))
    return (int) floor (v);
  i = (int) v;
  return i - (v < i);
}

/* Bilinear coverage at (x, y), pixel centres at half-integers. Outside
 * the image it is the border's: artwork the image cuts off has no edge
 * there. */
static double
coverage_at (const SvgaiCoverage *c, double x, double y)
{
  double fx = x - 0.5, fy = y - 0.5;
  int ix = floor_int (fx), iy = floor_int (fy);
  double tx = fx - ix, ty = fy - iy, v[2][2];

  /* Inside, the four pixels without clamping: most reads are. */
  if (ix >= 0 && iy >= 0 && ix < c->width - 1 && iy < c->height - 1)
    {
      const guint8 *p = c->data + (gsize) iy * c->width + ix;

      return ((p[0] * (1 - tx) + p[1] * tx) * (1 - ty) + (p[c->width] * (1 - tx) + p[c->width + 1] * tx) * ty) / 255.0;
    }
  for (int j = 0; j < 2; j++)
    for (int i = 0; i < 2; i++)
      {
        int px = CLAMP (ix + i, 0, c->width - 1), py = CLAMP (iy + j, 0, c->height - 1);
        v[j][i] = c->data[(gsize) py * c->width + px];
      }
  return ((v[0][0] * (1 - tx) + v[0][1] * tx) * (1 - ty) + (v[1][0] * (1 - tx) + v[1][1] * tx) * ty) / 255.0;
}

/* Whether a colour above the layer is what the source shows at p or a
 * pixel either side of it across the outline. */
static gboolean
hidden (const SvgaiCoverage *c, SvgaiPoint p, SvgaiPoint normal)
{
  if (c->dominant == NULL)
    return FALSE;
  for (int k = -1; k <= 1; k++)
    {
      int x = CLAMP (floor_int (p.x + k * normal.x), 0, c->width - 1);
      int y = CLAMP (floor_int (p.y + k * normal.y), 0, c->height - 1);
      if (c->dominant[(gsize) y * c->width + x] > c->layer)
        return TRUE;
    }
  return FALSE;
}

gboolean
svgai_coverage_edge_shift (const SvgaiCoverage *coverage, SvgaiPoint p, SvgaiPoint tangent, SvgaiPoint *shift)
{
  const int n = (int) lround (2 * REACH / STEP);
  SvgaiPoint normal = { tangent.y, -tangent.x };
  double profile[64], sum = 0, ink, outside, e;

  g_return_val_if_fail (n < (int) G_N_ELEMENTS (profile), FALSE);
  if (hidden (coverage, p, normal))
    return FALSE;
  /* The normal points out of the ink. */
  if (coverage_at (coverage, p.x + normal.x, p.y + normal.y) > coverage_at (coverage, p.x - normal.x, p.y - normal.y))
    normal.x = -normal.x, normal.y = -normal.y;
  /* Both ends first: most points that fail, fail there, and each test
   * only rejects, so their order does not matter. */
  for (int k = 0; k <= n; k += n)
    {
      double t = -REACH + k * STEP;
      profile[k] = coverage_at (coverage, p.x + t * normal.x, p.y + t * normal.y);
    }
  ink = profile[0], outside = profile[n];
  if (ink < INK_LEVEL || outside > OUTSIDE_LEVEL)
    return FALSE;
  for (int k = 1; k < n; k++)
    {
      double t = -REACH + k * STEP;
      profile[k] = coverage_at (coverage, p.x + t * normal.x, p.y + t * normal.y);
      if (profile[k] > profile[k - 1] + RISE)
        return FALSE;
    }
  if (profile[n] > profile[n - 1] + RISE)
    return FALSE;
  for (int k = 0; k < n; k++)
    sum += (profile[k] + profile[k + 1]) / 2 * STEP;
  /* A step from `ink` to `outside` at e integrates to
   * ink (e + REACH) + outside (REACH - e). */
  e = (sum - REACH * (ink + outside)) / (ink - outside);
  if (fabs (e) > MAX_SHIFT)
    return FALSE;
  shift->x = e * normal.x, shift->y = e * normal.y;
  return TRUE;
}

double
svgai_coverage_integral (const SvgaiCoverage *coverage, double x0, double y0, double x1, double y1)
{
  int nx = MAX (1, (int) ceil ((x1 - x0) / STEP)), ny = MAX (1, (int) ceil ((y1 - y0) / STEP));
  double dx = (x1 - x0) / nx, dy = (y1 - y0) / ny, sum = 0;
  int w = coverage->width, h = coverage->height;
  /* coverage_at()'s column of every sample and its weight, once per
   * column rather than per sample: the same sums. */
  g_autofree int *ix = g_new (int, nx);
  g_autofree double *tx = g_new (double, nx);

  for (int i = 0; i < nx; i++)
    {
      double fx = x0 + (i + 0.5) * dx - 0.5;

      ix[i] = floor_int (fx);
      tx[i] = fx - ix[i];
    }
  for (int j = 0; j < ny; j++)
    {
      double y = y0 + (j + 0.5) * dy, fy = y - 0.5;
      int iy = floor_int (fy);
      double ty = fy - iy;

      for (int i = 0; i < nx; i++)
        {
          if (ix[i] >= 0 && iy >= 0 && ix[i] < w - 1 && iy < h - 1)
            {
              const guint8 *p = coverage->data + (gsize) iy * w + ix[i];
              double t = tx[i];

              sum += ((p[0] * (1 - t) + p[1] * t) * (1 - ty) + (p[w] * (1 - t) + p[w + 1] * t) * ty) / 255.0;
            }
          else
            sum += coverage_at (coverage, x0 + (i + 0.5) * dx, y);
        }
    }
  return sum * dx * dy;
}

gboolean
svgai_coverage_hidden (const SvgaiCoverage *c, SvgaiPoint p)
{
  int x = floor_int (p.x), y = floor_int (p.y);

  return c != NULL && c->covered != NULL && x >= 0 && y >= 0 && x < c->width && y < c->height &&
         c->covered[(gsize) y * c->width + x];
}

double
svgai_coverage_at (const SvgaiCoverage *coverage, SvgaiPoint p)
{
  return coverage_at (coverage, p.x, p.y);
}
