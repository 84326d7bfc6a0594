#pragma once

#include <glib.h>
#include "svgai-image.h"
#include "svgai-palette.h"

G_BEGIN_DECLS

/* Joins the bands of a gradient. The palette quantises a smooth gradient
 * into bands of several colours; traced as they are, the bands become
 * separate shapes whose fills step at every boundary (and translucent ones
 * overlap in darker lines). For each smooth region one linear gradient
 * explains (svgai-regions.h) and that two or more palette colours band,
 * every pixel of the region, and every pixel next to it that mixes with
 * one of those colours, is given instead to the colour with the most
 * pixels in the region: the region traces as one shape, and its fill fits
 * one gradient over all of it. When `may_add` (the palette's size is the
 * tracer's to choose), a region that pixels of that colour touch from
 * outside takes a colour of its own instead, so it is not traced as one
 * shape with them, and a region that fades out (a soft shadow) takes a
 * colour of its own flagged `fades`, moved to the bottom of the drawing
 * order, whose pixels all cover it whole. Pieces of a ramp cut off from
 * it take its colour (svgai-ramp-pieces.h); a band colour left the main
 * colour of a few stray pixels joins a ramp (svgai-bands-strays.h); a thin
 * line drawn across a ramp keeps its colour. Returns the number of
 * regions joined. */
guint svgai_bands_merge (SvgaiPalette *palette, const SvgaiImage *image, gboolean may_add);

G_END_DECLS
