#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A progress or level bar that only ever redraws (see svgai-bar.c). */

#define SVGAI_TYPE_BAR (svgai_bar_get_type ())
G_DECLARE_FINAL_TYPE (SvgaiBar, svgai_bar, SVGAI, BAR, GtkWidget)

GtkWidget *svgai_bar_new (void);
void svgai_bar_set_fraction (SvgaiBar *self, double fraction);
double svgai_bar_get_fraction (SvgaiBar *self);
void svgai_bar_set_levels (SvgaiBar *self, double low, double high);

G_END_DECLS
