#pragma once

#include <glib.h>
#include "svgai-vector.h"

G_BEGIN_DECLS

/* First and second moments of position and colour over a set of pixels:
 * enough to fit a flat colour or a linear gradient without a second look at
 * the pixels, and additive, so regions can be merged. */
typedef struct {
  double n, sx, sy, sxx, sxy, syy;
  double sc[3], scx[3], scy[3], scc[3];
} SvgaiColorMoments;

/* (x, y) is the pixel's centre. */
static inline void
svgai_color_moments_add (SvgaiColorMoments *m, double x, double y, const guint8 *rgb)
{
  m->n += 1;
  m->sx += x;
  m->sy += y;
  m->sxx += x * x;
  m->sxy += x * y;
  m->syy += y * y;
  for (int c = 0; c < 3; c++)
    {
      m->sc[c] += rgb[c];
      m->scx[c] += rgb[c] * x;
      m->scy[c] += rgb[c] * y;
      m->scc[c] += (double) rgb[c] * rgb[c];
    }
}

void svgai_color_moments_merge (SvgaiColorMoments *into, const SvgaiColorMoments *m);
void svgai_color_moments_mean (const SvgaiColorMoments *m, guint8 rgb[3]);

/* A pixel of a shape: its centre and colour. */
typedef struct {
  float x, y;
  guint8 rgb[3];
} SvgaiColorSample;

/* Fits the gradient that best explains the samples' colours: linear (any
 * angle) or radial (centre, radius), with as many stops as the ramp needs.
 * Succeeds only when it removes at least a fifth of the colour variance and
 * its stops differ visibly; offset 0 and 1 are placed at the extent of the
 * given geometry, points rounded to multiples of 1/grid. `rms` (optional)
 * receives the colour error left, RMS per channel in levels. */
gboolean svgai_gradient_fit_samples (const SvgaiColorSample *samples,
                                     gsize n_samples,
                                     const SvgaiSegment *segments,
                                     guint n_segments,
                                     double grid,
                                     SvgaiGradient *out,
                                     double *rms);

/* The share of the colour variance the best linear gradient explains: 0
 * for too few pixels, a flat colour or degenerate geometry. `residual`
 * (optional) receives the colour error left, RMS per channel in levels. */
double svgai_gradient_explained (const SvgaiColorMoments *m, double *residual);

G_END_DECLS
