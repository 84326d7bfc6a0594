#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The text of a GtkLabel or a GtkInscription. Figures that change with
 * every result are inscriptions: their size does not follow their text, so
 * a new figure is redrawn in place instead of re-laying out the window. */
static inline const char *
svgai_label_get (GtkWidget *label)
{
  if (GTK_IS_INSCRIPTION (label))
    return gtk_inscription_get_text (GTK_INSCRIPTION (label));
  return gtk_label_get_label (GTK_LABEL (label));
}

/* Sets a label's (or an inscription's) text only when it changes: a result
 * repeats most figures, and a label's real change costs a new layout. */
static inline void
svgai_label_set (GtkWidget *label, const char *text)
{
  if (g_strcmp0 (svgai_label_get (label), text) == 0)
    return;
  if (GTK_IS_INSCRIPTION (label))
    gtk_inscription_set_text (GTK_INSCRIPTION (label), text);
  else
    gtk_label_set_label (GTK_LABEL (label), text);
}

/* A figure's inscription, room for chars characters, right-aligned. One
 * more than asked: an inscription counts pango's average character, and
 * digits, "%" and spaces run wider ("100 %" in 5 was cut to "100…"). */
static inline GtkWidget *
svgai_value_label_new (guint chars)
{
  GtkWidget *value = gtk_inscription_new ("—");

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (value), chars + 1);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (value), chars + 1);
  gtk_inscription_set_xalign (GTK_INSCRIPTION (value), 1);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (value), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_valign (value, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (value, "numeric");
  return value;
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
