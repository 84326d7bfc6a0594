/* A list row's picture of its image: SIZE × SIZE pixels whatever it shows,
 * the image fitted inside, or a symbolic icon while there is none. A
 * GtkImage asks for a new size with every new picture (a re-trace brings a
 * new thumbnail), and under X11 any size request computes the window's
 * size again (see svgai-spinner.c); this one only redraws. Its plate (the
 * checkerboard that keeps black logos visible in the dark style) is its CSS
 * background, style.css. */
#include "svgai-config.h"
#include "svgai-thumbnail.h"

#define SIZE 40
#define ICON_SIZE 16

struct _SvgaiThumbnail
{
  GtkWidget parent_instance;

  GdkPaintable *paintable;
  char *icon_name;
  GdkPaintable *icon;          /* icon_name's, looked up when first drawn */
};

G_DEFINE_FINAL_TYPE (SvgaiThumbnail, svgai_thumbnail, GTK_TYPE_WIDGET)

static void
snapshot_icon (SvgaiThumbnail *self, GtkSnapshot *snapshot, float w, float h)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GdkRGBA color;

  if (self->icon == NULL)
    {
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));

      self->icon = GDK_PAINTABLE (gtk_icon_theme_lookup_icon (theme, self->icon_name, NULL, ICON_SIZE,
                                                              gtk_widget_get_scale_factor (widget),
                                                              gtk_widget_get_direction (widget), 0));
    }
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, &color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
#endif
  /* Symbolic icons take the text colour, as a GtkImage's do. */
  color.alpha *= 0.55;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((w - ICON_SIZE) / 2, (h - ICON_SIZE) / 2));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (self->icon), snapshot,
                                            ICON_SIZE, ICON_SIZE, &color, 1);
  gtk_snapshot_restore (snapshot);
}

static void
svgai_thumbnail_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SvgaiThumbnail *self = SVGAI_THUMBNAIL (widget);
  float w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  double pw, ph;

  if (self->paintable == NULL)
    {
      if (self->icon_name != NULL)
        snapshot_icon (self, snapshot, w, h);
      return;
    }
  /* Fitted, centred, never enlarged past its own size. */
  gdk_paintable_compute_concrete_size (self->paintable, 0, 0, w, h, &pw, &ph);
  if (pw > w || ph > h || (pw < w && ph < h))
    {
      double scale = MIN (w / pw, h / ph);

      pw *= scale;
      ph *= scale;
    }
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) ((w - pw) / 2), (float) ((h - ph) / 2)));
  gdk_paintable_snapshot (self->paintable, snapshot, pw, ph);
  gtk_snapshot_restore (snapshot);
}

static void
svgai_thumbnail_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                         int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  *minimum = *natural = SIZE;
}

static void
svgai_thumbnail_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  SvgaiThumbnail *self = SVGAI_THUMBNAIL (widget);

  GTK_WIDGET_CLASS (svgai_thumbnail_parent_class)->css_changed (widget, change);
  /* The icon theme (or the scale) may have changed with the style. */
  g_clear_object (&self->icon);
}

static void
svgai_thumbnail_dispose (GObject *object)
{
  SvgaiThumbnail *self = SVGAI_THUMBNAIL (object);

  g_clear_object (&self->paintable);
  g_clear_object (&self->icon);
  g_clear_pointer (&self->icon_name, g_free);
  G_OBJECT_CLASS (svgai_thumbnail_parent_class)->dispose (object);
}

static void
svgai_thumbnail_class_init (SvgaiThumbnailClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = svgai_thumbnail_dispose;
  widget_class->snapshot = svgai_thumbnail_snapshot;
  widget_class->measure = svgai_thumbnail_measure;
  widget_class->css_changed = svgai_thumbnail_css_changed;
  gtk_widget_class_set_css_name (widget_class, "svgai-thumbnail");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
svgai_thumbnail_init (SvgaiThumbnail *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
svgai_thumbnail_new (void)
{
  return g_object_new (SVGAI_TYPE_THUMBNAIL, NULL);
}

/* Shows paintable; NULL shows the icon, if any. */
void
svgai_thumbnail_set_paintable (SvgaiThumbnail *self, GdkPaintable *paintable)
{
  g_return_if_fail (SVGAI_IS_THUMBNAIL (self));
  if (g_set_object (&self->paintable, paintable))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

GdkPaintable *
svgai_thumbnail_get_paintable (SvgaiThumbnail *self)
{
  g_return_val_if_fail (SVGAI_IS_THUMBNAIL (self), NULL);
  return self->paintable;
}

/* Shows a symbolic icon instead of a picture (clears the picture). */
void
svgai_thumbnail_set_icon_name (SvgaiThumbnail *self, const char *icon_name)
{
  g_return_if_fail (SVGAI_IS_THUMBNAIL (self));
  svgai_thumbnail_set_paintable (self, NULL);
  if (g_strcmp0 (self->icon_name, icon_name) == 0)
    return;
  g_free (self->icon_name);
  self->icon_name = g_strdup (icon_name);
  g_clear_object (&self->icon);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
svgai_thumbnail_get_icon_name (SvgaiThumbnail *self)
{
  g_return_val_if_fail (SVGAI_IS_THUMBNAIL (self), NULL);
  return self->paintable == NULL ? self->icon_name : NULL;
}
