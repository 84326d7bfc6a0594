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

G_END_DECLS
