#pragma once

#include <glib.h>
#include "svgai-image.h"
#include "svgai-palette.h"
#include "svgai-regions.h"

G_BEGIN_DECLS

/* The anti-aliased pixels along a ramp region's edge mix the ramp's colour
 * there with the colour on the other side (a flat colour, or another
 * ramp's colour there). The palette unmixed them against its band colours,
 * which along a ramp are neither: their shares came out noisy, and the
 * edge serrated or stepped by whole pixels. Re-shares each pixel at least
 * half opaque just outside a joined region (owner[i] == r,
 * regions->label[i] != r), or inside it with a 4-neighbour in another
 * ramp's region of another colour (target[r2] != target[r]), between the
 * region's colour (first, target[r])
 * and the other side's (second) by the colours the regions' fitted
 * gradients give at the pixel, and counts it opaque: where two shapes
 * abut, their seam is fainter than either, and still covered by the two.
 * `before` is the mix before the bands were joined (the other side's flat
 * colour). */
/* target[r] of a region no colour was given (svgai-bands.c). */
#define SVGAI_RAMP_NO_TARGET 255

void svgai_ramp_edges_reshare (SvgaiPalette *palette,
                               const SvgaiImage *image,
                               const SvgaiRegions *regions,
                               const guint32 *owner,
                               const guint8 *target,
                               const guint32 *bands,
                               const SvgaiPixelMix *before);

G_END_DECLS
