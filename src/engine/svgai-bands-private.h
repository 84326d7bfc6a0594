#pragma once

/* What svgai-bands.c shares with the modules it calls
 * (svgai-bands-strays.c). */

#include <glib.h>
#include "svgai-palette.h"

G_BEGIN_DECLS

/* Whether colour c lies within RAMP_EDGE_LEVELS of a joined region's
 * colour range (`range`: least R, G, B, then most). */
gboolean svgai_bands_in_range (const SvgaiPalette *palette, const guint8 *range, int c);
/* Every pixel's colours c become to[c]. A pixel left of one colour by the
 * move is all of it, and with `cover` covered whole (a fade's own pixels:
 * its stops draw their alpha). Nothing to do when no colour moves. */
void svgai_bands_remap_mix (SvgaiPalette *palette, const guint8 *to, gboolean cover);

G_END_DECLS
