#pragma once

#include <glib.h>
#include "svgai-gradient.h"
#include "svgai-image.h"

G_BEGIN_DECLS

/* Smooth regions of the source: 4-connected pixels, at least half opaque,
 * whose neighbours differ by at most SVGAI_REGION_STEP levels in every
 * channel and in alpha. A gradient is one region however many palette
 * colours band it; an edge between two colours separates regions. Only
 * ramps are kept: one linear gradient explains at least
 * SVGAI_REGION_MIN_EXPLAINED of their colour variance and leaves at most
 * SVGAI_REGION_MAX_RESIDUAL levels (RMS per channel), below what shows in
 * a smooth area, or a fitted gradient (linear or radial, several stops,
 * svgai_gradient_fit_samples) leaves at most that. Shading no ramp
 * explains (a 3D gem's facets) stays banded. Neighbours of a steeper ramp
 * join too, up to SVGAI_REGION_STEEP levels, where the colour field is
 * linear around both (second differences within SVGAI_REGION_CURVATURE):
 * an anti-aliased edge is a step, a ramp a slope. A fade (a soft shadow:
 * one colour, its alpha ramping down to SVGAI_REGION_FADE_MIN_ALPHA by at
 * most SVGAI_REGION_FADE_STEP levels a pixel every way) is one region
 * too, however faint. */
#define SVGAI_REGION_STEP 4
#define SVGAI_REGION_FADE_STEP 24
#define SVGAI_REGION_FADE_MIN_ALPHA 4
#define SVGAI_REGION_STEEP 48
#define SVGAI_REGION_CURVATURE 3
#define SVGAI_REGION_MIN_EXPLAINED 0.9
#define SVGAI_REGION_MAX_RESIDUAL 1.5
/* Regions are found only in images up to this many pixels (8 bytes per
 * pixel while labelling); larger ones keep per-shape fills. */
#define SVGAI_REGION_MAX_PIXELS (4 * 1024 * 1024)

#define SVGAI_REGION_NONE G_MAXUINT32

typedef struct {
  int width, height;
  guint32 *label;                 /* per pixel: a ramp region's index, or SVGAI_REGION_NONE */
  guint n_regions;
  SvgaiColorMoments *moments;     /* per ramp region */
} SvgaiRegions;

/* The image's ramp regions of at least SVGAI_REGION_MIN_PIECE_PIXELS
 * pixels; NULL when the image is too large or memory is short (callers
 * then do without). Those under SVGAI_REGION_MIN_PIXELS are pieces: a
 * piece of a larger ramp, cut off from it by a shape drawn on it, or no
 * region at all (svgai-ramp-pieces.c decides, for svgai-bands.c). */
#define SVGAI_REGION_MIN_PIXELS 200
#define SVGAI_REGION_MIN_PIECE_PIXELS 100
SvgaiRegions *svgai_regions_new (const SvgaiImage *image);
void svgai_regions_free (SvgaiRegions *regions);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvgaiRegions, svgai_regions_free)

G_END_DECLS
