#pragma once

#include "svgai-gradient.h"

G_BEGIN_DECLS

/* Shading no single gradient explains (a mesh of blurred colour blobs, as
 * Google Gemini's star is drawn): the shape filled with a base gradient (or
 * a flat colour), then drawn again, once per blob, with a radial gradient
 * of one colour whose opacity falls to nothing at its radius. Soft and
 * seamless where bands would cut the shape into pieces, and a few
 * gradients instead of many shapes. Opaque shapes only: a blob is painted
 * over what the base and the blobs before it left. */
#define SVGAI_SHADING_MAX_BLOBS 12

typedef struct {
  SvgaiGradient base;        /* when active; else base_rgb */
  guint8 base_rgb[3];
  guint n_blobs;
  SvgaiGradient blobs[SVGAI_SHADING_MAX_BLOBS]; /* radial, painted in order over the base */
} SvgaiShading;

/* Fits a shading to opaque samples (FALSE when some are not opaque, too
 * few, or the field creases: facets meeting at folds keep their folds
 * as bands); offsets and points as svgai_gradient_fit_samples() places
 * them. The samples lie on a grid `spacing` px apart (1: every pixel).
 * `base`: the gradient to paint the blobs over, when the caller has fitted
 * one (inactive: the samples' mean colour); NULL: fitted here.
 * No blob is added once the error is down to `enough` levels (RMS
 * per channel; SVGAI_SHADING_ENOUGH: what no eye tells from the drawing).
 * `rms` receives the colour error left, RMS per channel in levels. */
#define SVGAI_SHADING_ENOUGH 1.0
gboolean svgai_shading_fit (const SvgaiColorSample *samples,
                            gsize n_samples,
                            const SvgaiSegment *segments,
                            guint n_segments,
                            double grid,
                            int spacing,
                            const SvgaiGradient *base,
                            double enough,
                            SvgaiShading *out,
                            double *rms);

/* The same within the box (x0, y0)–(x1, y1) instead of an outline, its
 * base fitted here. */
gboolean svgai_shading_fit_in_box (const SvgaiColorSample *samples,
                                   gsize n_samples,
                                   double x0,
                                   double y0,
                                   double x1,
                                   double y1,
                                   int spacing,
                                   double enough,
                                   SvgaiShading *out,
                                   double *rms);

G_END_DECLS
