#pragma once

#include <glib.h>
#include "svgai-vector.h"

G_BEGIN_DECLS

/* Colour channels a gradient fits: red, green, blue and alpha. */
#define SVGAI_CHANNELS 4

/* First and second moments of position and colour over a set of pixels:
 * enough to fit a flat colour or a linear gradient without a second look at
 * the pixels, and additive, so regions can be merged. */
typedef struct {
  double n, sx, sy, sxx, sxy, syy;
  double sc[SVGAI_CHANNELS], scx[SVGAI_CHANNELS], scy[SVGAI_CHANNELS], scc[SVGAI_CHANNELS];
} SvgaiColorMoments;

/* (x, y) is the pixel's centre; rgba its colour and alpha. */
static inline void
svgai_color_moments_add (SvgaiColorMoments *m, double x, double y, const guint8 *rgba)
{
  m->n += 1;
  m->sx += x;
  m->sy += y;
  m->sxx += x * x;
  m->sxy += x * y;
  m->syy += y * y;
  for (int c = 0; c < SVGAI_CHANNELS; c++)
    {
      m->sc[c] += rgba[c];
      m->scx[c] += rgba[c] * x;
      m->scy[c] += rgba[c] * y;
      m->scc[c] += (double) rgba[c] * rgba[c];
    }
}

/* The same for `len` pixels of one colour from (x0, y) rightwards, every
 * `stride`-th (1 or a few), their centres at +½, with the sums in closed
 * form. Every sum of the moments of pixel centres is a multiple of ¼ far
 * below 2^53 (a 4096 × 4096 image's Σx² is under 2^49), exact in a double
 * in any order: adding a run at once gives the same doubles as adding its
 * pixels one by one. */
static inline void
svgai_color_moments_add_run (SvgaiColorMoments *m, int x0, int len, int stride, int y, const guint8 *rgba)
{
  double l = len, d = stride, a = x0 + 0.5, yc = y + 0.5;
  double sx = l * a + d * (l * (l - 1) / 2);
  double sxx = l * a * a + a * d * (l * (l - 1)) + d * d * ((l - 1) * l * (2 * l - 1) / 6);

  m->n += l;
  m->sx += sx;
  m->sy += l * yc;
  m->sxx += sxx;
  m->sxy += yc * sx;
  m->syy += l * yc * yc;
  for (int c = 0; c < SVGAI_CHANNELS; c++)
    {
      m->sc[c] += l * rgba[c];
      m->scx[c] += rgba[c] * sx;
      m->scy[c] += l * rgba[c] * yc;
      m->scc[c] += l * rgba[c] * rgba[c];
    }
}

void svgai_color_moments_merge (SvgaiColorMoments *into, const SvgaiColorMoments *m);
void svgai_color_moments_mean (const SvgaiColorMoments *m, guint8 rgb[3]);

/* A pixel of a shape: its centre, colour and alpha. */
typedef struct {
  float x, y;
  guint8 rgba[4];
} SvgaiColorSample;

/* How a linear gradient is oriented. */
typedef enum {
  /* the colour moments' direction, or a searched one where they leave much
   * error (a ramp that turns back through another hue fools them) */
  SVGAI_GRADIENT_DIRECTION_SEARCH,
  /* the moments' alone: peeling a shaded body apart
   * (svgai-regions-peel.c), another direction makes a 3D gem's facets
   * pass for ramps */
  SVGAI_GRADIENT_DIRECTION_MOMENTS,
  /* as SEARCH, then refined within a few degrees, and a radial's centre
   * searched from several starts: for the fill that is written
   * (svgai-fill.c) and for the regions it will fill (svgai-regions.c),
   * not where pieces of a shaded body are told apart (peeling, shading,
   * ramp edges), where it would pass a gem's facets for one ramp */
  SVGAI_GRADIENT_DIRECTION_REFINED,
} SvgaiGradientDirection;

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
                                     SvgaiGradientDirection direction,
                                     SvgaiGradient *out,
                                     double *rms);

/* The outline of the box (x0, y0)-(x1, y1), for fits that know a region
 * only by its bounding box. */
#define SVGAI_GRADIENT_BOX_SEGMENTS 5
void svgai_gradient_box (double x0, double y0, double x1, double y1, SvgaiSegment box[SVGAI_GRADIENT_BOX_SEGMENTS]);

/* The same for the pixels of a region whose geometry is only known as its
 * bounding box (x0, y0)-(x1, y1), points on a tenth of a pixel. */
gboolean svgai_gradient_fit_in_box (const SvgaiColorSample *samples,
                                    gsize n_samples,
                                    double x0,
                                    double y0,
                                    double x1,
                                    double y1,
                                    SvgaiGradientDirection direction,
                                    SvgaiGradient *out,
                                    double *rms);

/* A fitted gradient's stops carry the source's alpha: moves the most
 * opaque stop's into *alpha (the shape's fill-opacity) and leaves the stops
 * relative to it, so a uniform alpha stays one attribute and a fade
 * becomes stop opacities. */
void svgai_gradient_take_opacity (SvgaiGradient *gradient, guint8 *alpha);

/* The share of the colour variance the best linear gradient explains: 0
 * for too few pixels, a flat colour or degenerate geometry. `residual`
 * (optional) receives the colour error left, RMS per channel in levels. */
double svgai_gradient_explained (const SvgaiColorMoments *m, double *residual);

/* The largest change of a fitted gradient's colour or alpha (levels) over
 * any `run` px along it: a step, where a few levels a pixel is a ramp. */
double svgai_gradient_largest_step (const SvgaiGradient *gradient, double run);

/* A gradient whose stops follow each other by more than this many levels a
 * pixel is no ramp: any area of two flat colours is a ramp with a step
 * across their edge, along the right direction. */
#define SVGAI_GRADIENT_MAX_STEP 6.0

/* Whether svgai_gradient_fit_samples() on exactly the pixels of these
 * moments gets past them: FALSE for too few pixels, degenerate geometry or
 * a flat colour, where it gives up before looking at the samples. The
 * moments' sums are exact in a double (integers and quarters far below
 * 2^53), so any order of adding the same pixels gives the same answer. */
gboolean svgai_gradient_moments_may_fit (const SvgaiColorMoments *m);

/* Fits the stops of a fitted gradient (before take_opacity) again on the
 * samples, their offsets placed to a quarter of a pixel (or 1/1000 of
 * the gradient, as written, if that is more), and keeps them when they
 * leave less error: for fills that are written, not for the fits that
 * only decide (a ramp or not, which direction). */
void svgai_gradient_refit_stops (SvgaiGradient *gradient, const SvgaiColorSample *samples, gsize n_samples);

/* The colour and alpha (0..255, before take_opacity) a fitted gradient
 * gives at (x, y). */
void svgai_gradient_colour_at (const SvgaiGradient *gradient, double x, double y, double rgba[SVGAI_CHANNELS]);

/* The offset at (x, y): 0 at the start, 1 at the end, beyond them outside. */
double svgai_gradient_offset_at (const SvgaiGradient *gradient, double x, double y);

/* The same at offset u along it (0 at the start, 1 at the end). */
void svgai_gradient_colour_at_offset (const SvgaiGradient *gradient, double u, double rgba[SVGAI_CHANNELS]);

G_END_DECLS
