#pragma once

#include <glib.h>
#include "svgai-image.h"
#include "svgai-palette.h"
#include "svgai-regions.h"

G_BEGIN_DECLS

/* A band colour that the joining of a ramp's bands (svgai-bands.c) leaves
 * the main colour of a few pixels joins a ramp's target colour, so that it
 * makes no layer of its own. `bands`, `target` and `range` are per joined
 * region, as svgai-bands.c keeps them. */
void svgai_bands_join_strays (SvgaiPalette *palette, const SvgaiImage *image, const SvgaiRegions *regions,
                              const guint32 *bands, const guint8 *target, const guint8 *range);

G_END_DECLS
