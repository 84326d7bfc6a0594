#pragma once

#include <cairo.h>
#include <librsvg/rsvg.h>

G_BEGIN_DECLS

/* librsvg, opened on first use. Linking it cost every process about 7 ms
 * of start-up (relocating librsvg, pango, harfbuzz, libxml2, ICU), and a
 * conversion measures with cairo and never renders an SVG. Each call sets
 * error when the library cannot be opened. */
RsvgHandle *svgai_rsvg_handle_new_from_data (const guint8 *data, gsize len, GError **error);
gboolean svgai_rsvg_render_document (RsvgHandle *handle, cairo_t *cr, const RsvgRectangle *viewport,
                                     GError **error);
gboolean svgai_rsvg_intrinsic_size_in_pixels (RsvgHandle *handle, double *width, double *height);

G_END_DECLS
