#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Sets a label's text only when it changes: a result repeats most figures,
 * and every real change costs the panel a new layout. */
static inline void
svgai_label_set (GtkWidget *label, const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), text) != 0)
    gtk_label_set_label (GTK_LABEL (label), text);
}

/* Sets a widget's tooltip only when it changes: GTK 4.8 asks the display
 * where the pointer is (a round trip to the X server) on every call, and a
 * row's status changes with every progress step. */
static inline void
svgai_widget_set_tooltip (GtkWidget *widget, const char *text)
{
  const char *old = gtk_widget_get_tooltip_text (widget);

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (old, text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

G_END_DECLS
