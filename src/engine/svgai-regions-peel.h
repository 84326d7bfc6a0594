#pragma once

#include <glib.h>
#include "svgai-regions.h"

G_BEGIN_DECLS

/* A smooth region no one gradient explains may be several ramps that meet
 * without an edge (a shaded fold over a flat-ended ramp): peels off, one
 * at a time, the largest connected piece that one gradient explains within
 * a few levels, as long as it is a ramp as svgai_regions_new keeps them.
 * `pixels` are the region's pixel indices (y·width + x); each peeled
 * ramp's pixels get label first_label, first_label + 1, … and its moments
 * are appended to `moments` (SvgaiColorMoments). Touching pieces one
 * gradient explains together are then joined, a piece takes the pixels
 * left over that only it borders when its gradient explains them all, and
 * pixels along two pieces' border pass to the one that explains them
 * (which may leave a piece a few pixels apart from the rest of it).
 * Returns how many. */
guint svgai_regions_peel (const SvgaiImage *image,
                          const guint32 *pixels,
                          gsize n,
                          guint32 *label,
                          guint32 first_label,
                          GArray *moments);

/* Whether svgai_regions_peel() can peel anything off a region with these
 * moments (of all its pixels): not when its first fit, over every pixel,
 * gives up at once (a flat colour). */
gboolean svgai_regions_peel_may_fit (const SvgaiColorMoments *m);

G_END_DECLS
