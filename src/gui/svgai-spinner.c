/* A busy indicator that only ever redraws. GTK 4.8's GtkSpinner turns by a
 * CSS animation of its transform, and each frame of it asks the window for
 * a new allocation: under X11 the window's size is then computed again,
 * which asks the X server for the monitor and its work area (a spinning
 * GtkSpinner alone: GdkToplevel::compute-size 176 times a second, against 4
 * idle). This one draws a three-quarter ring, turned once a second by a tick
 * callback that queues a draw. */
#include "svgai-config.h"
#include "svgai-spinner.h"

#include <math.h>

#define SIZE 16

struct _SvgaiSpinner
{
  GtkWidget parent_instance;

  gboolean spinning;
  guint tick;
};

G_DEFINE_FINAL_TYPE (SvgaiSpinner, svgai_spinner, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SPINNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
on_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static void
svgai_spinner_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SvgaiSpinner *self = SVGAI_SPINNER (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 now = clock ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();
  double turn = (now % G_USEC_PER_SEC) / (double) G_USEC_PER_SEC * 2 * G_PI;
  double r = MIN (w, h) / 2.0 - 1.5;
  GdkRGBA color;
  cairo_t *cr;

  if (!self->spinning || r <= 0)
    return;
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, &color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
#endif
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, 2);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_arc (cr, w / 2.0, h / 2.0, r, turn, turn + 1.5 * G_PI);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
svgai_spinner_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                       int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  *minimum = *natural = SIZE;
}

static void
svgai_spinner_unmap (GtkWidget *widget)
{
  SvgaiSpinner *self = SVGAI_SPINNER (widget);

  /* Tick callbacks run only while mapped: no need to stop it, but none is
   * kept for a spinner no one sees. */
  GTK_WIDGET_CLASS (svgai_spinner_parent_class)->unmap (widget);
  if (self->tick != 0)
    {
      gtk_widget_remove_tick_callback (widget, self->tick);
      self->tick = 0;
    }
}

static void
svgai_spinner_map (GtkWidget *widget)
{
  SvgaiSpinner *self = SVGAI_SPINNER (widget);

  GTK_WIDGET_CLASS (svgai_spinner_parent_class)->map (widget);
  if (self->spinning && self->tick == 0)
    self->tick = gtk_widget_add_tick_callback (widget, on_tick, NULL, NULL);
}

static void
svgai_spinner_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SvgaiSpinner *self = SVGAI_SPINNER (object);

  switch (prop_id)
    {
    case PROP_SPINNING: g_value_set_boolean (value, self->spinning); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
svgai_spinner_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SvgaiSpinner *self = SVGAI_SPINNER (object);

  switch (prop_id)
    {
    case PROP_SPINNING: svgai_spinner_set_spinning (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
svgai_spinner_class_init (SvgaiSpinnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = svgai_spinner_get_property;
  object_class->set_property = svgai_spinner_set_property;
  widget_class->snapshot = svgai_spinner_snapshot;
  widget_class->measure = svgai_spinner_measure;
  widget_class->map = svgai_spinner_map;
  widget_class->unmap = svgai_spinner_unmap;
  properties[PROP_SPINNING] = g_param_spec_boolean ("spinning", NULL, NULL, FALSE,
                                                    G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                    G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "spinner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
}

static void
svgai_spinner_init (SvgaiSpinner *self)
{
}

GtkWidget *
svgai_spinner_new (void)
{
  return g_object_new (SVGAI_TYPE_SPINNER, NULL);
}

void
svgai_spinner_set_spinning (SvgaiSpinner *self, gboolean spinning)
{
  g_return_if_fail (SVGAI_IS_SPINNER (self));
  spinning = !!spinning;
  if (self->spinning == spinning)
    return;
  self->spinning = spinning;
  if (spinning && self->tick == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
  else if (!spinning && self->tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick);
      self->tick = 0;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPINNING]);
}

gboolean
svgai_spinner_get_spinning (SvgaiSpinner *self)
{
  g_return_val_if_fail (SVGAI_IS_SPINNER (self), FALSE);
  return self->spinning;
}
