#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A busy indicator that only ever redraws (see svgai-spinner.c). */

#define SVGAI_TYPE_SPINNER (svgai_spinner_get_type ())
G_DECLARE_FINAL_TYPE (SvgaiSpinner, svgai_spinner, SVGAI, SPINNER, GtkWidget)

GtkWidget *svgai_spinner_new (void);
void svgai_spinner_set_spinning (SvgaiSpinner *self, gboolean spinning);
gboolean svgai_spinner_get_spinning (SvgaiSpinner *self);

G_END_DECLS
