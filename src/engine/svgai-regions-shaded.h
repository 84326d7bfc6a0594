#pragma once

#include <glib.h>
#include "svgai-regions.h"

G_BEGIN_DECLS

/* A smooth region that is no ramp and from which no ramp peels off (a mesh
 * of blurred colour blobs) is still one shape, shaded (svgai-shading.h),
 * when a shading explains at least SVGAI_REGION_SHADED_MIN_EXPLAINED of
 * its opaque pixels' colour variance and leaves at most
 * SVGAI_REGION_SHADED_MAX_RESIDUAL levels (RMS per channel): banded, it
 * would be cut into pieces along seams the artwork does not have. Shading
 * with crisp highlights (a hat's crown, a cartoon body) leaves more, and
 * bands draw it better. Only
 * regions of SVGAI_REGION_SHADED_MIN_PIXELS or more. `pixels` are the
 * region's pixel indices (y·width + x); when kept they get label `label`
 * and their moments are appended to `moments`. Returns whether kept. */
#define SVGAI_REGION_SHADED_MAX_RESIDUAL 10.0
#define SVGAI_REGION_SHADED_MIN_EXPLAINED 0.95
#define SVGAI_REGION_SHADED_MIN_PIXELS 2000
gboolean svgai_regions_keep_shaded (const SvgaiImage *image,
                                    const guint32 *pixels,
                                    gsize n,
                                    guint32 *label,
                                    guint32 first_label,
                                    GArray *moments);

G_END_DECLS
