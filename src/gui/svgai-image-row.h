#pragma once

#include <gtk/gtk.h>
#include "svgai-document.h"

G_BEGIN_DECLS

/* A row of the opened-images list: thumbnail, name, status and progress. */

#define SVGAI_TYPE_IMAGE_ROW (svgai_image_row_get_type ())
G_DECLARE_FINAL_TYPE (SvgaiImageRow, svgai_image_row, SVGAI, IMAGE_ROW, GtkListBoxRow)

GtkWidget *svgai_image_row_new (SvgaiDocument *document);
SvgaiDocument *svgai_image_row_get_document (SvgaiImageRow *self);

G_END_DECLS
