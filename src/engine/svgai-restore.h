#pragma once

#include "svgai-image.h"

G_BEGIN_DECLS

/* A compressed (JPEG) logo restored to the clean artwork it came from,
 * before it is traced: the flat colours are found from the smoothed image
 * (medians of the decoded pixels deep inside their flat areas, a channel
 * within two levels of 0 or 255 snapped to it), every pixel near one of them becomes exactly that colour, and a
 * pixel between colours becomes the exact blend of the two neighbouring
 * colours that explains its value best (read from @raw smoothed once), so an edge keeps its sub-pixel position
 * (the blend's share) while blocking and ringing, which lie off the line
 * between the two colours or beyond its ends, are gone. Pixels nothing
 * explains (a gradient, a photograph) keep their smoothed value.
 *
 * @raw is the decoded source, @smoothed the same after svgai_denoise().
 * Returns a new image, or
 * NULL on allocation failure. */
SvgaiImage *svgai_restore_lossy (const SvgaiImage *raw, const SvgaiImage *smoothed);

G_END_DECLS
