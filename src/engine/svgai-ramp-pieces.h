#pragma once

#include <glib.h>
#include "svgai-regions.h"

G_BEGIN_DECLS

/* Ramp regions that are pieces of another ramp, cut off from it by a shape
 * drawn on it, take that ramp's target colour and bands (svgai-bands.c
 * gives every joined region its `target` colour and the bit set of its
 * band colours, `bands`; SVGAI_RAMP_NO_TARGET where none):
 *  - a region that one colour bands (the counters of Bitcoin's B, cut off
 *    from its disc by the letter) joins a region that colour bands too:
 *    else that colour stays a layer of its own, stacked under the shapes
 *    around the pieces;
 *  - a region smaller than SVGAI_REGION_MIN_PIXELS (SAP's A counter, the
 *    ramp behind the white letters showing through) is kept only as such a
 *    piece, of a ramp near it that bands all its colours and explains them;
 *    its pixels are otherwise no region any more (their labels become
 *    SVGAI_REGION_NONE). */
void svgai_ramp_pieces_join (SvgaiRegions *regions, guint32 *bands, guint8 *target);

G_END_DECLS
