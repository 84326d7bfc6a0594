#pragma once

#include "svgai-image.h"

G_BEGIN_DECLS

/* Decodes a whole PNG file of the @width × @height its header declares into
 * straight RGBA, the pixels gdk-pixbuf gives for it; *icc is the embedded
 * colour profile (iCCP) or NULL. NULL for a file libpng reports anything
 * wrong with (damaged, truncated) or out of memory: the caller then lets
 * gdk-pixbuf decode it, which says what is wrong in its own words. */
SvgaiImage *svgai_png_decode (const guint8 *data, gsize length, int width, int height, GBytes **icc);

G_END_DECLS
