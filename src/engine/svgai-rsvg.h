#pragma once

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-ps.h>
#include <librsvg/rsvg.h>

G_BEGIN_DECLS

/* librsvg, opened on first use, and the cairo it draws with. Linking them
 * cost every process about 11 ms of start-up (relocating librsvg, pango,
 * harfbuzz, libxml2, ICU, cairo and its X11 and font libraries), and a
 * conversion measures with its own renderer and never renders an SVG.
 * Each call sets error when the library cannot be opened. */
RsvgHandle *svgai_rsvg_handle_new_from_data (const guint8 *data, gsize len, GError **error);
gboolean svgai_rsvg_render_document (RsvgHandle *handle, cairo_t *cr, const RsvgRectangle *viewport,
                                     GError **error);
gboolean svgai_rsvg_intrinsic_size_in_pixels (RsvgHandle *handle, double *width, double *height);

/* The cairo functions the engine draws SVG onto surfaces with. */
typedef struct {
  __typeof__ (cairo_image_surface_create) *image_surface_create;
  __typeof__ (cairo_image_surface_get_data) *image_surface_get_data;
  __typeof__ (cairo_image_surface_get_stride) *image_surface_get_stride;
  __typeof__ (cairo_image_surface_get_width) *image_surface_get_width;
  __typeof__ (cairo_image_surface_get_height) *image_surface_get_height;
  __typeof__ (cairo_surface_flush) *surface_flush;
  __typeof__ (cairo_surface_status) *surface_status;
  __typeof__ (cairo_surface_finish) *surface_finish;
  __typeof__ (cairo_surface_destroy) *surface_destroy;
  __typeof__ (cairo_create) *create;
  __typeof__ (cairo_destroy) *destroy;
  __typeof__ (cairo_scale) *scale;
  __typeof__ (cairo_status) *status;
  __typeof__ (cairo_pdf_surface_create_for_stream) *pdf_surface_create_for_stream;
  __typeof__ (cairo_ps_surface_create_for_stream) *ps_surface_create_for_stream;
  __typeof__ (cairo_ps_surface_set_eps) *ps_surface_set_eps;
  __typeof__ (cairo_surface_write_to_png_stream) *surface_write_to_png_stream;
} SvgaiCairo;

const SvgaiCairo *svgai_rsvg_cairo (GError **error);

G_END_DECLS
