/* A progress or level bar that only ever redraws. GTK 4.8's GtkProgressBar
 * and GtkLevelBar are made of CSS nodes whose style classes follow the value
 * ("empty", "full", "low", …), and Adwaita gives those classes different
 * sizes (an empty progress bar's fill has none): a new value can ask for a
 * new size, and under X11 every size request computes the window's size
 * again, a round trip to the X server (see svgai-spinner.c). This bar's size
 * is its CSS minimum and nothing else; a new value queues a draw.
 *
 * It looks like Adwaita's bars (style.css): a rounded trough of the text
 * colour at 15 %, a rounded fill in the widget's colour, the accent. With
 * levels set it colours itself as a GtkLevelBar with its low and high
 * offsets does: Adwaita's warning colour up to the low level, the accent up
 * to the high one, the success colour above. */
#include "svgai-config.h"
#include "svgai-bar.h"

struct _SvgaiBar
{
  GtkWidget parent_instance;

  double fraction;
  double low, high;            /* levels; low > high: none */
};

G_DEFINE_FINAL_TYPE (SvgaiBar, svgai_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The level's colour: Adwaita's named colour, looked up when drawn. Not a
 * style class: GTK 4.8 measures a widget again when its classes change, and
 * the window's size is computed again with it. */
static const char *
level_color_name (SvgaiBar *self)
{
  if (self->low > self->high)
    return NULL;
  if (self->fraction <= self->low)
    return "warning_bg_color";
  if (self->fraction > self->high)
    return "success_bg_color";
  return NULL;
}

static void
svgai_bar_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SvgaiBar *self = SVGAI_BAR (widget);
  float w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  float fill = MAX (h, (float) (w * self->fraction));   /* a fill is never narrower than it is high */
  GskRoundedRect rounded;
  const char *name;
  GdkRGBA color;

  /* The trough is the widget's CSS background, drawn by GTK. */
  if (self->fraction <= 0 || w <= 0 || h <= 0)
    return;
  name = level_color_name (self);
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  /* Named colours have no other API (deprecated from GTK 4.10 on). */
  if (name == NULL || !gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &color))
#if GTK_CHECK_VERSION (4, 10, 0)
    gtk_widget_get_color (widget, &color);
#else
    gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
#endif
G_GNUC_END_IGNORE_DEPRECATIONS
  gsk_rounded_rect_init_from_rect (&rounded, &GRAPHENE_RECT_INIT (0, 0, MIN (fill, w), h), h / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &color, &rounded.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
svgai_bar_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                   int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  /* Only the CSS min-width and min-height (style.css) and the size request. */
  *minimum = *natural = 0;
}

static void
svgai_bar_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SvgaiBar *self = SVGAI_BAR (object);

  switch (prop_id)
    {
    case PROP_FRACTION: g_value_set_double (value, self->fraction); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
svgai_bar_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SvgaiBar *self = SVGAI_BAR (object);

  switch (prop_id)
    {
    case PROP_FRACTION: svgai_bar_set_fraction (self, g_value_get_double (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
svgai_bar_class_init (SvgaiBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = svgai_bar_get_property;
  object_class->set_property = svgai_bar_set_property;
  widget_class->snapshot = svgai_bar_snapshot;
  widget_class->measure = svgai_bar_measure;
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "svgai-bar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
}

static void
svgai_bar_init (SvgaiBar *self)
{
  self->low = 1;
  self->high = 0;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 1.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 0.0,
                                  -1);
}

GtkWidget *
svgai_bar_new (void)
{
  return g_object_new (SVGAI_TYPE_BAR, NULL);
}

void
svgai_bar_set_fraction (SvgaiBar *self, double fraction)
{
  g_return_if_fail (SVGAI_IS_BAR (self));
  fraction = CLAMP (fraction, 0, 1);
  if (fraction == self->fraction)
    return;
  self->fraction = fraction;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, fraction, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

double
svgai_bar_get_fraction (SvgaiBar *self)
{
  g_return_val_if_fail (SVGAI_IS_BAR (self), 0);
  return self->fraction;
}

/* Colours the bar as a level: see the top of this file. */
void
svgai_bar_set_levels (SvgaiBar *self, double low, double high)
{
  g_return_if_fail (SVGAI_IS_BAR (self));
  self->low = low;
  self->high = high;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
