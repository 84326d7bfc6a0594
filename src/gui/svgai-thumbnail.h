#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A list row's picture of its image, of one size whatever it shows
 * (see svgai-thumbnail.c). */

#define SVGAI_TYPE_THUMBNAIL (svgai_thumbnail_get_type ())
G_DECLARE_FINAL_TYPE (SvgaiThumbnail, svgai_thumbnail, SVGAI, THUMBNAIL, GtkWidget)

GtkWidget *svgai_thumbnail_new (void);
void svgai_thumbnail_set_paintable (SvgaiThumbnail *self, GdkPaintable *paintable);
GdkPaintable *svgai_thumbnail_get_paintable (SvgaiThumbnail *self);
void svgai_thumbnail_set_icon_name (SvgaiThumbnail *self, const char *icon_name);
const char *svgai_thumbnail_get_icon_name (SvgaiThumbnail *self);

G_END_DECLS
