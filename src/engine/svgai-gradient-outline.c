/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Where a gradient's ends lie on a shape's outline, and its pixels binned
 * into a colour profile. */
#include <math.h>
#include <string.h>
#include "svgai-gradient-fit.h"
#include "svgai-hypot.h"

void
svgai_gradient_outline_points (const SvgaiSegment *segs, guint n_segs,
                               void (*fn) (double x, double y, double *acc, const double *arg), double *acc,
                               const double *arg)
{
  SvgaiPoint cur = { 0, 0 };

  for (guint i = 0; i < n_segs; i++)
    {
      const SvgaiSegment *s = &segs[i];

      if (s->kind == SVGAI_SEGMENT_CLOSE)
        continue;
      if (s->kind == SVGAI_SEGMENT_CURVE)
        for (double t = 0.25; t < 1; t += 0.25)
          {
            double u = 1 - t, a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
            fn (a * cur.x + b * s->p[0].x + c * s->p[1].x + d * s->p[2].x,
                a * cur.y + b * s->p[0].y + c * s->p[1].y + d * s->p[2].y, acc, arg);
          }
      fn (s->p[2].x, s->p[2].y, acc, arg);
      cur = s->p[2];
    }
}

/* arg: centre and direction; acc: min and max of the projection */
static void
project (double x, double y, double *acc, const double *arg)
{
  double t = (x - arg[0]) * arg[2] + (y - arg[1]) * arg[3];

  acc[0] = MIN (acc[0], t);
  acc[1] = MAX (acc[1], t);
}

static void
farthest (double x, double y, double *acc, const double *arg)
{
  acc[0] = MAX (acc[0], svgai_hypot (x - arg[0], y - arg[1]));
}

gboolean
svgai_gradient_extent_along (const SvgaiSegment *segs, guint n_segs, double cx, double cy, double dx, double dy,
                             double *tmin, double *tmax)
{
  double acc[2] = { G_MAXDOUBLE, -G_MAXDOUBLE }, arg[4] = { cx, cy, dx, dy };

  svgai_gradient_outline_points (segs, n_segs, project, acc, arg);
  *tmin = acc[0], *tmax = acc[1];
  return *tmax > *tmin;
}

double
svgai_gradient_radius_of (const SvgaiSegment *segs, guint n_segs, double cx, double cy)
{
  double acc[1] = { 0 }, arg[2] = { cx, cy };

  svgai_gradient_outline_points (segs, n_segs, farthest, acc, arg);
  return acc[0];
}

/* Integer sums per bin while binning: the same numbers as adding each
 * pixel to the doubles (sums of integers are exact in a double), without
 * a chain of floating-point adds through memory per pixel. */
typedef struct {
  guint32 w, c[SVGAI_CHANNELS];
  guint64 cc;
} IntBin;

#define STACK_BINS 512

void
svgai_gradient_bin_samples (const SvgaiColorSample *s, gsize n, gsize step, double cx, double cy, double dx, double dy,
                            double t0, double span, SvgaiProfileBin *bins, guint n_bins)
{
  gboolean radial = dx == 0 && dy == 0;
  IntBin stack[STACK_BINS];
  g_autofree IntBin *heap = n_bins > STACK_BINS ? g_new (IntBin, n_bins) : NULL;
  IntBin *acc = heap != NULL ? heap : stack;

  memset (acc, 0, n_bins * sizeof *acc);
  for (gsize i = 0; i < n; i += step)
    {
      double x = s[i].x - cx, y = s[i].y - cy;
      double t = radial ? sqrt (x * x + y * y) : x * dx + y * dy - t0;
      IntBin *bin = &acc[svgai_gradient_bin_of (t, span, n_bins)];
      const guint8 *rgba = s[i].rgba;

      bin->w++;
      for (int c = 0; c < SVGAI_CHANNELS; c++)
        bin->c[c] += rgba[c];
      bin->cc += (guint) (rgba[0] * rgba[0] + rgba[1] * rgba[1] + rgba[2] * rgba[2] + rgba[3] * rgba[3]);
    }
  for (guint b = 0; b < n_bins; b++)
    {
      bins[b].w = acc[b].w;
      for (int c = 0; c < SVGAI_CHANNELS; c++)
        bins[b].c[c] = acc[b].c[c];
      bins[b].cc = (double) acc[b].cc;
    }
}
