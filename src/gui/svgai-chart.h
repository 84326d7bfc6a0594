#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A small live chart drawn with cairo in a GtkDrawingArea: memory (a line) or conversion times
 * (a bar per conversion) since the app started. */

typedef enum {
  SVGAI_CHART_LINE,
  SVGAI_CHART_BARS,
} SvgaiChartStyle;

#define SVGAI_TYPE_CHART (svgai_chart_get_type ())
G_DECLARE_FINAL_TYPE (SvgaiChart, svgai_chart, SVGAI, CHART, GtkDrawingArea)

GtkWidget *svgai_chart_new (SvgaiChartStyle style, const char *title, const char *unit);
/* x: seconds since start; y in the chart's unit. */
void svgai_chart_add (SvgaiChart *self, double x, double y);
guint svgai_chart_get_n_points (SvgaiChart *self);

G_END_DECLS
