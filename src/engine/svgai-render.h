#pragma once

#include <gio/gio.h>
#include "svgai-image.h"
#include "svgai-vector.h"

G_BEGIN_DECLS

/* Renders traced geometry at width × height (the vector's own coordinate
 * space scaled to fit), anti-aliased like librsvg (svgai-render.c). */
SvgaiImage *svgai_render_vector (const SvgaiVector *vector, int width, int height);

/* Renders SVG bytes with librsvg at width × height (svgai-render-svg.c). */
SvgaiImage *svgai_render_svg (GBytes *svg, int width, int height, GError **error);

/* Premultiplied RGBA to straight, in place, rounding like cairo's PNG
 * writer (what rsvg-convert output goes through). */
void svgai_render_unpremultiply_row (guint8 *pixels, int width);

G_END_DECLS
