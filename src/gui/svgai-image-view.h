#pragma once

#include <gtk/gtk.h>
#include "svgai.h"

G_BEGIN_DECLS

/* Shows a raster texture and/or an SVG over a checkerboard, with zoom and
 * pan. The SVG is drawn from a texture rendered by librsvg on a worker thread
 * at the current zoom (crisp at any zoom); until that arrives the source-size
 * rendering stands in. Two views stay in step by binding zoom, center-x,
 * center-y and fit. With a split position between 0 and 1 the texture shows
 * left of it and the SVG right of it (overlay mode). */

#define SVGAI_TYPE_IMAGE_VIEW (svgai_image_view_get_type ())
G_DECLARE_FINAL_TYPE (SvgaiImageView, svgai_image_view, SVGAI, IMAGE_VIEW, GtkWidget)

GtkWidget *svgai_image_view_new (void);
void svgai_image_view_set_texture (SvgaiImageView *self, GdkTexture *texture);
/* base: the SVG rendered at its own size, shown until the crisp tile arrives. */
void svgai_image_view_set_svg (SvgaiImageView *self, GBytes *svg, GdkTexture *base);
void svgai_image_view_set_vector (SvgaiImageView *self, const SvgaiVector *vector);
void svgai_image_view_set_outline (SvgaiImageView *self, gboolean outline);
/* -1 = no split; else 0..1 of the image width. */
void svgai_image_view_set_split (SvgaiImageView *self, double split);

double svgai_image_view_get_zoom (SvgaiImageView *self);
void svgai_image_view_set_zoom (SvgaiImageView *self, double zoom);
void svgai_image_view_zoom_by (SvgaiImageView *self, double factor);
void svgai_image_view_set_fit (SvgaiImageView *self, gboolean fit);

/* For measurements: when the SVG last reached the screen (monotonic µs) and
 * how many frames have shown it since set_svg(). */
gint64 svgai_image_view_get_svg_frame_time (SvgaiImageView *self);
guint svgai_image_view_get_svg_frames (SvgaiImageView *self);
gboolean svgai_image_view_has_crisp_tile (SvgaiImageView *self);

G_END_DECLS
