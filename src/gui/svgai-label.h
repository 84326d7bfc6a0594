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

static inline gboolean
svgai_widget_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip, gpointer data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "svgai-tooltip");

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Sets a widget's tooltip, asked for when it is to be shown. GTK 4.8's
 * gtk_widget_set_tooltip_text asks the display where the pointer is (a
 * round trip to the X server, which a loaded machine stretches into a
 * main-loop stall) on every call, and a row's status, the timing total and
 * others change theirs with every result or progress step. Screen readers
 * get the text as the widget's description. svgai_widget_get_tooltip says
 * it. */
static inline void
svgai_widget_set_tooltip (GtkWidget *widget, const char *text)
{
  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (g_object_get_data (G_OBJECT (widget), "svgai-tooltip"), text) == 0)
    return;
  if (!g_object_get_data (G_OBJECT (widget), "svgai-tooltip-query"))
    {
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (svgai_widget_query_tooltip), NULL);
      g_object_set_data (G_OBJECT (widget), "svgai-tooltip-query", GINT_TO_POINTER (TRUE));
      gtk_widget_set_has_tooltip (widget, TRUE);
    }
  g_object_set_data_full (G_OBJECT (widget), "svgai-tooltip", g_strdup (text), g_free);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static inline const char *
svgai_widget_get_tooltip (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "svgai-tooltip");
}

G_END_DECLS
