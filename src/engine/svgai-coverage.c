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

/* Whether a colour above the layer is what the source shows at p or a
 * pixel either side of it across the outline. */
static gboolean
hidden (const SvgaiCoverage *c, SvgaiPoint p, SvgaiPoint normal)
{
  if (c->dominant == NULL)
    return FALSE;
  for (int k = -1; k <= 1; k++)
    {
      int x = CLAMP (svgai_floor_int (p.x + k * normal.x), 0, c->width - 1);
      int y = CLAMP (svgai_floor_int (p.y + k * normal.y), 0, c->height - 1);
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
  if (svgai_coverage_read (coverage, p.x + normal.x, p.y + normal.y) > svgai_coverage_read (coverage, p.x - normal.x, p.y - normal.y))
    normal.x = -normal.x, normal.y = -normal.y;
  /* Both ends first: most points that fail, fail there, and each test
   * only rejects, so their order does not matter. */
  for (int k = 0; k <= n; k += n)
    {
      double t = -REACH + k * STEP;
      profile[k] = svgai_coverage_read (coverage, p.x + t * normal.x, p.y + t * normal.y);
    }
  ink = profile[0], outside = profile[n];
  if (ink < INK_LEVEL || outside > OUTSIDE_LEVEL)
    return FALSE;
  for (int k = 1; k < n; k++)
    {
      double t = -REACH + k * STEP;
      profile[k] = svgai_coverage_read (coverage, p.x + t * normal.x, p.y + t * normal.y);
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
  /* svgai_coverage_read()'s column of every sample and its weight, once per
   * column rather than per sample: the same sums. */
  g_autofree int *ix = g_new (int, nx);
  g_autofree double *tx = g_new (double, nx);

  for (int i = 0; i < nx; i++)
    {
      double fx = x0 + (i + 0.5) * dx - 0.5;

      ix[i] = svgai_floor_int (fx);
      tx[i] = fx - ix[i];
    }
  for (int j = 0; j < ny; j++)
    {
      double y = y0 + (j + 0.5) * dy, fy = y - 0.5;
      int iy = svgai_floor_int (fy);
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
            sum += svgai_coverage_read (coverage, x0 + (i + 0.5) * dx, y);
        }
    }
  return sum * dx * dy;
}

gboolean
svgai_coverage_hidden (const SvgaiCoverage *c, SvgaiPoint p)
{
  int x = svgai_floor_int (p.x), y = svgai_floor_int (p.y);

  return c != NULL && c->covered != NULL && x >= 0 && y >= 0 && x < c->width && y < c->height &&
         c->covered[(gsize) y * c->width + x];
}
