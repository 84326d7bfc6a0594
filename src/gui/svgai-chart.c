#include "svgai-config.h"
#include "svgai-chart.h"

#include <glib/gi18n.h>

#include <math.h>

#define MAX_POINTS 600

typedef struct {
  double x, y;
} Point;

struct _SvgaiChart
{
  GtkDrawingArea parent_instance;

  SvgaiChartStyle style;
  char *title;
  char *unit;
  GArray *points;
};

G_DEFINE_FINAL_TYPE (SvgaiChart, svgai_chart, GTK_TYPE_DRAWING_AREA)

static double
nice_ceiling (double v)
{
  double p, f;

  if (v <= 0)
    return 1;
  p = pow (10, floor (log10 (v)));
  f = v / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

static void
draw (SvgaiChart *self, cairo_t *cr, double w, double h)
{
  GdkRGBA fg, accent = { 0.21, 0.52, 0.89, 1 };
  PangoLayout *layout;
  g_autofree char *text = NULL;
  double ymax = 0, xmin, xmax, top = 20, bottom = h - 4, left = 2, right = w - 2;
  guint n = self->points->len;

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (GTK_WIDGET (self), &fg);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
#endif

  for (guint i = 0; i < n; i++)
    ymax = MAX (ymax, g_array_index (self->points, Point, i).y);
  ymax = nice_ceiling (ymax * 1.1);

  /* Title and the latest value */
  if (n > 0)
    /* Translators: chart title · latest value unit (the vertical scale) */
    text = g_strdup_printf (_("%s · %.1f %s (scale 0–%.0f %s)"), self->title,
                            g_array_index (self->points, Point, n - 1).y, self->unit, ymax, self->unit);
  else
    text = g_strdup (self->title);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.75);
  cairo_move_to (cr, left + 2, 0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);

  /* Grid */
  cairo_set_line_width (cr, 1);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
  for (int i = 0; i <= 2; i++)
    {
      double y = round (top + (bottom - top) * i / 2.0) + 0.5;
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
    }
  cairo_stroke (cr);

  if (n == 0)
    return;

  xmin = g_array_index (self->points, Point, 0).x;
  xmax = MAX (g_array_index (self->points, Point, n - 1).x, xmin + 1);

  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1);
  if (self->style == SVGAI_CHART_BARS)
    {
      double bw = MAX (1.0, MIN (8.0, (right - left) / MAX (n, 1) - 1));

      for (guint i = 0; i < n; i++)
        {
          Point *p = &g_array_index (self->points, Point, i);
          double x = left + (right - left - bw) * (n > 1 ? (double) i / (n - 1) : 0);
          double y = bottom - (bottom - top) * p->y / ymax;

          cairo_rectangle (cr, x, y, bw, bottom - y);
        }
      cairo_fill (cr);
    }
  else
    {
      for (guint i = 0; i < n; i++)
        {
          Point *p = &g_array_index (self->points, Point, i);
          double x = left + (right - left) * (p->x - xmin) / (xmax - xmin);
          double y = bottom - (bottom - top) * p->y / ymax;

          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_set_line_width (cr, 1.5);
      cairo_stroke_preserve (cr);
      cairo_line_to (cr, right, bottom);
      cairo_line_to (cr, left, bottom);
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.18);
      cairo_fill (cr);
    }
}

static void
draw_func (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  draw (SVGAI_CHART (area), cr, width, height);
}

static void
svgai_chart_finalize (GObject *object)
{
  SvgaiChart *self = SVGAI_CHART (object);

  g_free (self->title);
  g_free (self->unit);
  g_array_unref (self->points);
  G_OBJECT_CLASS (svgai_chart_parent_class)->finalize (object);
}

static void
svgai_chart_class_init (SvgaiChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = svgai_chart_finalize;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "svgai-chart");
}

static void
svgai_chart_init (SvgaiChart *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (Point));
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self), 90);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_func, NULL, NULL);
}

GtkWidget *
svgai_chart_new (SvgaiChartStyle style, const char *title, const char *unit)
{
  SvgaiChart *self = g_object_new (SVGAI_TYPE_CHART, NULL);

  self->style = style;
  self->title = g_strdup (title);
  self->unit = g_strdup (unit);
  return GTK_WIDGET (self);
}

void
svgai_chart_add (SvgaiChart *self, double x, double y)
{
  Point p = { x, y };

  g_return_if_fail (SVGAI_IS_CHART (self));
  /* Keep the history bounded: halve its resolution when full. */
  if (self->points->len >= MAX_POINTS)
    {
      guint j = 0;

      for (guint i = 0; i < self->points->len; i += 2)
        g_array_index (self->points, Point, j++) = g_array_index (self->points, Point, i);
      g_array_set_size (self->points, j);
    }
  g_array_append_val (self->points, p);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
svgai_chart_get_n_points (SvgaiChart *self)
{
  return self->points->len;
}
