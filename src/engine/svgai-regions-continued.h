#pragma once

#include <glib.h>
#include "svgai-gradient.h"
#include "svgai-image.h"

G_BEGIN_DECLS

/* Ramps that continue each other. A gradient whose colours turn sharply
 * at a stop (pale blue to bright green to dark blue) is not locally
 * linear along that stop's line, so its two sides label as two regions,
 * each a ramp of its own: traced, two shapes with a seam, specks and a
 * flat underlay between them. Kept regions (`keep`) that touch across at
 * most one opaque pixel of no region, with colours close across, and that
 * one gradient explains together, within SVGAI_REGION_MAX_RESIDUAL,
 * become one: `number` (the region number + 1 of each root pixel of
 * `root`) is renumbered to the first of them, its moments take the
 * others', and the others are flagged in `joined` (neither kept nor
 * peeled: they have no pixels left). Returns how many regions joined
 * another. */
guint svgai_regions_join_continued (const SvgaiImage *image,
                                    const guint32 *root,
                                    guint32 *number,
                                    guint n_big,
                                    gboolean *keep,
                                    SvgaiColorMoments *moments,
                                    gboolean *joined);

G_END_DECLS
