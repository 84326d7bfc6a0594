#pragma once

/* What the gradient fitting files share (svgai-gradient.c, -radial.c,
 * -outline.c); the engine's other files use svgai-gradient.h. */
#include <glib.h>
#include <math.h>
#include "svgai-floor.h"
#include "svgai-gradient.h"
#include "svgai-gradient-stops.h"

/* Stops follow the ramp within this many levels per channel. */
#define SVGAI_GRADIENT_STOP_TOLERANCE 1.0
/* Directions and centres are searched on at most this many pixels. */
#define SVGAI_GRADIENT_SEARCH_SAMPLES 4096

/* Calls fn on points of the outline: every segment's end, and three points
 * along each curve (its control points may stand well outside the shape). */
void svgai_gradient_outline_points (const SvgaiSegment *segments,
                                    guint n_segments,
                                    void (*fn) (double x, double y, double *acc, const double *arg),
                                    double *acc,
                                    const double *arg);

/* Extent of the geometry along d from c: the range the gradient must span
 * so that padding never shows inside the shape. */
gboolean svgai_gradient_extent_along (const SvgaiSegment *segments,
                                      guint n_segments,
                                      double cx,
                                      double cy,
                                      double dx,
                                      double dy,
                                      double *tmin,
                                      double *tmax);

/* How far the outline reaches from (cx, cy). */
double svgai_gradient_radius_of (const SvgaiSegment *segments, guint n_segments, double cx, double cy);

/* The bin of n_bins over a profile `span` long that t falls in (the first
 * or last beyond the ends). */
static inline guint
svgai_gradient_bin_of (double t, double span, guint n_bins)
{
  int b = svgai_floor_int (t / span * n_bins);

  return (guint) CLAMP (b, 0, (int) n_bins - 1);
}

/* Adds a pixel of colour rgba at t of a profile `span` long to its bin. */
static inline void
svgai_gradient_bin_add (SvgaiProfileBin *bins, guint n_bins, double t, double span, const guint8 *rgba)
{
  SvgaiProfileBin *bin = &bins[svgai_gradient_bin_of (t, span, n_bins)];

  bin->w += 1;
  for (int c = 0; c < SVGAI_CHANNELS; c++)
    bin->c[c] += rgba[c];
  /* Sums of integers are exact in a double, in any order: one add of the
   * pixel's squares instead of a chain of four. */
  bin->cc += rgba[0] * rgba[0] + rgba[1] * rgba[1] + rgba[2] * rgba[2] + rgba[3] * rgba[3];
}

/* Bins the samples by offset: (t - t0) / span along (dx, dy) for a linear
 * profile, distance from (cx, cy) / span for a radial one (dx = dy = 0).
 * Every `step`-th sample only. */
void svgai_gradient_bin_samples (const SvgaiColorSample *samples,
                                 gsize n_samples,
                                 gsize step,
                                 double cx,
                                 double cy,
                                 double dx,
                                 double dy,
                                 double t0,
                                 double span,
                                 SvgaiProfileBin *bins,
                                 guint n_bins);

/* Radial: centre by search from the paraboloid's vertex or (fx, fy) (the
 * centroid), within `reach` of it (with every_start, also from each
 * channel's vertex and the centroid, a better centre taken inside the
 * samples' bounds: finds one where the ramp turns back through another
 * hue); an ellipse where that explains the
 * colours much better; offset 1 where the shape ends furthest from the
 * centre. Returns the colour error left, negative when the shape is too
 * small. `bins` holds n_bins. */
double svgai_gradient_fit_radial (const SvgaiColorSample *samples,
                                  gsize n_samples,
                                  const SvgaiSegment *segments,
                                  guint n_segments,
                                  double grid,
                                  double fx,
                                  double fy,
                                  double reach,
                                  gboolean every_start,
                                  SvgaiProfileBin *bins,
                                  guint n_bins,
                                  SvgaiGradient *out);
