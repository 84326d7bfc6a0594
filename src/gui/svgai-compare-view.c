#include "svgai-config.h"
#include "svgai-compare-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include "svgai-label.h"
#include <math.h>
#include "svgai-export.h"
#include "svgai-spinner.h"

struct _SvgaiCompareView
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *content_stack;
  GtkWidget *error_page;
  GtkWidget *source_overlay;
  SvgaiImageView *source_view;
  SvgaiImageView *svg_view;
  GtkWidget *source_label;
  GtkWidget *svg_label;
  GtkWidget *spinner;
  GtkWidget *busy_box;
  GtkWidget *busy_label;
  GtkWidget *drag_handle;
  GtkWidget *zoom_label;

  char *mode;
  gboolean outline;
  SvgaiJobOutput *output;
  char *export_name;
  guint zoom_label_source;
};

G_DEFINE_FINAL_TYPE (SvgaiCompareView, svgai_compare_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODE,
  PROP_OUTLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_views (SvgaiCompareView *self)
{
  SvgaiJobOutput *out = self->output;
  GdkTexture *source = out ? out->source_texture : NULL;
  GBytes *svg = out ? svgai_result_get_svg (out->result) : NULL;
  GdkTexture *base = out ? out->svg_texture : NULL;
  gboolean overlay = g_strcmp0 (self->mode, "overlay") == 0;
  gboolean difference = g_strcmp0 (self->mode, "difference") == 0;

  svgai_image_view_set_texture (self->source_view, source);
  if (difference)
    {
      svgai_image_view_set_texture (self->svg_view, out ? out->diff_texture : NULL);
      svgai_image_view_set_svg (self->svg_view, NULL, NULL);
      svgai_image_view_set_split (self->svg_view, -1);
      svgai_label_set (self->svg_label, _("Difference"));
    }
  else if (overlay)
    {
      svgai_image_view_set_texture (self->svg_view, source);
      svgai_image_view_set_svg (self->svg_view, svg, base);
      svgai_image_view_set_split (self->svg_view, 0.5);
      svgai_label_set (self->svg_label, _("Source │ SVG"));
    }
  else
    {
      svgai_image_view_set_texture (self->svg_view, NULL);
      svgai_image_view_set_svg (self->svg_view, svg, base);
      svgai_image_view_set_split (self->svg_view, -1);
      svgai_label_set (self->svg_label, _("SVG"));
    }
  gtk_widget_set_visible (self->source_overlay, !overlay && !difference);
  svgai_image_view_set_vector (self->svg_view, out ? svgai_result_get_vector (out->result) : NULL);
  svgai_image_view_set_outline (self->svg_view, self->outline && !difference);

  if (source)
    {
      g_autofree char *label = g_strdup_printf (_("Source · %d × %d"),
                                                gdk_texture_get_width (source),
                                                gdk_texture_get_height (source));
      svgai_label_set (self->source_label, label);
    }
  gtk_widget_set_sensitive (self->drag_handle, svg != NULL);
}

static gboolean
update_zoom_label (gpointer data)
{
  SvgaiCompareView *self = data;
  g_autofree char *label = g_strdup_printf ("%.0f%%", svgai_image_view_get_zoom (self->svg_view) * 100);

  self->zoom_label_source = 0;
  svgai_label_set (self->zoom_label, label);
  return G_SOURCE_REMOVE;
}

static void
on_zoom_changed (SvgaiCompareView *self)
{
  /* The zoom changes while the views are allocated (fit); a label changed
   * then would ask for a new size in the middle of the frame. Before the
   * next frame, though: at the default idle priority, frames that take
   * longer than their interval (a style change, a slow renderer) starved
   * it, and the label said 194 % over an image fitted at 92 %. */
  if (self->zoom_label_source == 0)
    self->zoom_label_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_zoom_label, self, NULL);
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source, double x, double y, SvgaiCompareView *self)
{
  GBytes *svg = self->output ? svgai_result_get_svg (self->output->result) : NULL;

  if (svg == NULL)
    return NULL;
  return svgai_export_content_provider (svg, self->export_name, TRUE);
}

static void
on_drag_begin (GtkDragSource *source, GdkDrag *drag, SvgaiCompareView *self)
{
  if (self->output && self->output->thumbnail)
    gtk_drag_source_set_icon (source, GDK_PAINTABLE (self->output->thumbnail), 0, 0);
}

static void
svgai_compare_view_dispose (GObject *object)
{
  SvgaiCompareView *self = SVGAI_COMPARE_VIEW (object);

  g_clear_handle_id (&self->zoom_label_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SVGAI_TYPE_COMPARE_VIEW);
  g_clear_pointer (&self->output, svgai_job_output_unref);
  G_OBJECT_CLASS (svgai_compare_view_parent_class)->dispose (object);
}

static void
svgai_compare_view_finalize (GObject *object)
{
  SvgaiCompareView *self = SVGAI_COMPARE_VIEW (object);

  g_free (self->mode);
  g_free (self->export_name);
  G_OBJECT_CLASS (svgai_compare_view_parent_class)->finalize (object);
}

static void
svgai_compare_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SvgaiCompareView *self = SVGAI_COMPARE_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODE: g_value_set_string (value, self->mode); break;
    case PROP_OUTLINE: g_value_set_boolean (value, self->outline); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
svgai_compare_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SvgaiCompareView *self = SVGAI_COMPARE_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODE:
      if (g_strcmp0 (self->mode, g_value_get_string (value)) != 0)
        {
          g_free (self->mode);
          self->mode = g_value_dup_string (value);
          update_views (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_OUTLINE:
      if (self->outline != g_value_get_boolean (value))
        {
          self->outline = g_value_get_boolean (value);
          update_views (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
svgai_compare_view_class_init (SvgaiCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = svgai_compare_view_dispose;
  object_class->finalize = svgai_compare_view_finalize;
  object_class->get_property = svgai_compare_view_get_property;
  object_class->set_property = svgai_compare_view_set_property;

  properties[PROP_MODE] = g_param_spec_string ("mode", NULL, NULL, "side",
                                               G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_OUTLINE] = g_param_spec_boolean ("outline", NULL, NULL, FALSE,
                                                   G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SVGAI_TYPE_IMAGE_VIEW);
  g_type_ensure (SVGAI_TYPE_SPINNER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/svgai/SvgAi/ui/svgai-compare-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SvgaiCompareView, box);
  gtk_widget_class_bind_template_child (widget_class, SvgaiCompareView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SvgaiCompareView, error_page);
  gtk_widget_class_bind_template_child (widget_class, SvgaiCompareView, source_overlay);
  gtk_widget_class_bind_template_child (widget_class, SvgaiCompareView, source_view);
  gtk_widget_class_bind_template_child (widget_class, SvgaiCompareView, svg_view);
  gtk_widget_class_bind_template_child (widget_class, SvgaiCompareView, source_label);
  gtk_widget_class_bind_template_child (widget_class, SvgaiCompareView, svg_label);
  gtk_widget_class_bind_template_child (widget_class, SvgaiCompareView, spinner);
  gtk_widget_class_bind_template_child (widget_class, SvgaiCompareView, busy_box);
  gtk_widget_class_bind_template_child (widget_class, SvgaiCompareView, busy_label);
  gtk_widget_class_bind_template_child (widget_class, SvgaiCompareView, drag_handle);
  gtk_widget_class_bind_template_child (widget_class, SvgaiCompareView, zoom_label);
  gtk_widget_class_install_property_action (widget_class, "view.mode", "mode");
  gtk_widget_class_install_property_action (widget_class, "view.outline", "outline");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "svgai-compare-view");
}

static void
svgai_compare_view_init (SvgaiCompareView *self)
{
  GtkDragSource *drag;
  static const char *props[] = { "zoom", "center-x", "center-y", "fit" };

  self->mode = g_strdup ("side");
  gtk_widget_init_template (GTK_WIDGET (self));

  /* One zoom and pan for both views. */
  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    g_object_bind_property (self->svg_view, props[i], self->source_view, props[i],
                            G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->svg_view, "notify::zoom", G_CALLBACK (on_zoom_changed), self);

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_COPY);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare), self);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  gtk_widget_add_controller (self->drag_handle, GTK_EVENT_CONTROLLER (drag));
  gtk_stack_set_visible_child_name (GTK_STACK (self->content_stack), "views");
  update_views (self);
}

GtkWidget *
svgai_compare_view_new (void)
{
  return g_object_new (SVGAI_TYPE_COMPARE_VIEW, NULL);
}

void
svgai_compare_view_set_output (SvgaiCompareView *self, SvgaiJobOutput *output, const char *export_name)
{
  g_return_if_fail (SVGAI_IS_COMPARE_VIEW (self));
  if (output != NULL)
    svgai_job_output_ref (output);
  g_clear_pointer (&self->output, svgai_job_output_unref);
  self->output = output;
  g_free (self->export_name);
  self->export_name = g_strdup (export_name ? export_name : "image.svg");
  update_views (self);
}

void
svgai_compare_view_set_error (SvgaiCompareView *self, const char *reason)
{
  g_return_if_fail (SVGAI_IS_COMPARE_VIEW (self));
  if (reason != NULL)
    adw_status_page_set_description (ADW_STATUS_PAGE (self->error_page), reason);
  gtk_stack_set_visible_child_name (GTK_STACK (self->content_stack), reason ? "error" : "views");
}

void
svgai_compare_view_set_busy (SvgaiCompareView *self, gboolean busy, const char *status)
{
  svgai_spinner_set_spinning (SVGAI_SPINNER (self->spinner), busy);
  svgai_label_set (self->busy_label, status ? status : "");
  /* Shown by opacity: nothing is allocated anew while a trace runs. */
  gtk_widget_set_opacity (self->busy_box, busy ? 1.0 : 0.0);
}

void svgai_compare_view_zoom_in (SvgaiCompareView *self) { svgai_image_view_zoom_by (self->svg_view, 1.25); }
void svgai_compare_view_zoom_out (SvgaiCompareView *self) { svgai_image_view_zoom_by (self->svg_view, 0.8); }
void svgai_compare_view_zoom_fit (SvgaiCompareView *self) { svgai_image_view_set_fit (self->svg_view, TRUE); }
void svgai_compare_view_zoom_original (SvgaiCompareView *self) { svgai_image_view_set_zoom (self->svg_view, 1.0); }
SvgaiImageView *svgai_compare_view_get_svg_view (SvgaiCompareView *self) { return self->svg_view; }
SvgaiImageView *svgai_compare_view_get_source_view (SvgaiCompareView *self) { return self->source_view; }
SvgaiJobOutput *svgai_compare_view_get_output (SvgaiCompareView *self) { return self->output; }
