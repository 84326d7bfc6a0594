#pragma once

#include <glib.h>
#include "svgai-gradient.h"
#include "svgai-image.h"

G_BEGIN_DECLS

/* How far apart the samples of a region are taken: every other row and
 * column of an image over 512 × 512 px is plenty to judge a ramp (a
 * quarter of the memory and time), else every pixel. */
int svgai_regions_sample_step (const SvgaiImage *image);

/* The pixels (every `step`-th row and column) of the regions flagged in
 * `want` as colour samples grouped by region: region k's are
 * samples[first[k] .. first[k+1]), `first` having n_big + 1 entries, and
 * their bounding box is box[4k .. 4k+3] (x0, y0, x1, y1; empty where
 * none). `number[root[i]]` is pixel i's region index + 1 (0: none).
 * NULL when memory is short (then *first and *box are NULL too). */
SvgaiColorSample *svgai_regions_samples (const SvgaiImage *image,
                                         const guint32 *root,
                                         const guint32 *number,
                                         guint n_big,
                                         const gboolean *want,
                                         int step,
                                         gsize **first,
                                         float **box);

G_END_DECLS
