#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include "svgai-image.h"
#include "svgai-vector.h"

G_BEGIN_DECLS

/* Renders traced geometry with cairo at width × height (the vector's own
 * coordinate space scaled to fit). Antialiased like librsvg. */
SvgaiImage *svgai_render_vector (const SvgaiVector *vector, int width, int height);

/* Appends segments (MOVE/LINE/CURVE/CLOSE) to cairo's current path. */
void svgai_render_append_path (cairo_t *cr, const SvgaiSegment *segments, guint n_segments);

/* Renders SVG bytes with librsvg at width × height. */
SvgaiImage *svgai_render_svg (GBytes *svg, int width, int height, GError **error);

G_END_DECLS
