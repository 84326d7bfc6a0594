#include "svgai-config.h"
#include "svgai-image-row.h"

#include <glib/gi18n.h>
#include "svgai-bar.h"
#include "svgai-frame-later.h"
#include "svgai-label.h"
#include "svgai-thumbnail.h"

struct _SvgaiImageRow
{
  GtkListBoxRow parent_instance;

  SvgaiDocument *document;
  GtkWidget *thumbnail;
  GtkWidget *name_label;
  GtkWidget *status_label;
  GtkWidget *progress;
  GtkWidget *remove_button;

  SvgaiFrameLater later;
};

G_DEFINE_FINAL_TYPE (SvgaiImageRow, svgai_image_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  SIGNAL_REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update (SvgaiImageRow *self)
{
  SvgaiDocument *doc = self->document;
  SvgaiDocumentState state = svgai_document_get_state (doc);
  GdkTexture *thumb = svgai_document_get_thumbnail (doc);
  gboolean busy = state != SVGAI_DOCUMENT_DONE && state != SVGAI_DOCUMENT_FAILED;

  if (state == SVGAI_DOCUMENT_FAILED)
    svgai_thumbnail_set_icon_name (SVGAI_THUMBNAIL (self->thumbnail), "dialog-error-symbolic");
  else if (thumb)
    svgai_thumbnail_set_paintable (SVGAI_THUMBNAIL (self->thumbnail), GDK_PAINTABLE (thumb));
  else
    svgai_thumbnail_set_icon_name (SVGAI_THUMBNAIL (self->thumbnail), "image-x-generic-symbolic");

  svgai_label_set (self->status_label, svgai_document_get_status (doc));
  svgai_widget_set_tooltip (self->status_label, state == SVGAI_DOCUMENT_FAILED && svgai_document_get_error (doc)
                               ? svgai_document_get_error (doc)->message
                               : svgai_document_get_status (doc));
  if (state == SVGAI_DOCUMENT_FAILED)
    gtk_widget_add_css_class (self->status_label, "error");
  else
    gtk_widget_remove_css_class (self->status_label, "error");
  /* Always allocated, shown by opacity: a row never changes height. */
  gtk_widget_set_opacity (self->progress, busy ? 1.0 : 0.0);
  svgai_bar_set_fraction (SVGAI_BAR (self->progress), svgai_document_get_progress (doc));
}

/* The row's figures wait for the fourth frame: after a result's canvas and
 * sidebar (svgai-frame-later.c). A progress step is no worse for it. */
static void
schedule_update (SvgaiImageRow *self)
{
  svgai_frame_later_schedule (&self->later, GTK_WIDGET (self), 4, (SvgaiFrameFunc) update);
}

static void
on_remove_clicked (SvgaiImageRow *self)
{
  g_signal_emit (self, signals[SIGNAL_REMOVE], 0);
}

static void
svgai_image_row_dispose (GObject *object)
{
  SvgaiImageRow *self = SVGAI_IMAGE_ROW (object);

  svgai_frame_later_cancel (&self->later, GTK_WIDGET (self));
  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), SVGAI_TYPE_IMAGE_ROW);
  G_OBJECT_CLASS (svgai_image_row_parent_class)->dispose (object);
}

static void
svgai_image_row_class_init (SvgaiImageRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = svgai_image_row_dispose;
  g_type_ensure (SVGAI_TYPE_BAR);
  g_type_ensure (SVGAI_TYPE_THUMBNAIL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/svgai/SvgAi/ui/svgai-image-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SvgaiImageRow, thumbnail);
  gtk_widget_class_bind_template_child (widget_class, SvgaiImageRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, SvgaiImageRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, SvgaiImageRow, progress);
  gtk_widget_class_bind_template_child (widget_class, SvgaiImageRow, remove_button);

  /* remove: the user closed this image */
  signals[SIGNAL_REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
svgai_image_row_init (SvgaiImageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->remove_button, "clicked", G_CALLBACK (on_remove_clicked), self);
}

GtkWidget *
svgai_image_row_new (SvgaiDocument *document)
{
  SvgaiImageRow *self = g_object_new (SVGAI_TYPE_IMAGE_ROW, NULL);

  self->document = g_object_ref (document);
  svgai_label_set (self->name_label, svgai_document_get_name (document));
  svgai_widget_set_tooltip (self->name_label, svgai_document_get_name (document));
  g_signal_connect_swapped (document, "notify::status", G_CALLBACK (schedule_update), self);
  g_signal_connect_swapped (document, "notify::progress", G_CALLBACK (schedule_update), self);
  g_signal_connect_swapped (document, "notify::thumbnail", G_CALLBACK (schedule_update), self);
  g_signal_connect_swapped (document, "notify::state", G_CALLBACK (schedule_update), self);
  update (self);
  return GTK_WIDGET (self);
}

SvgaiDocument *
svgai_image_row_get_document (SvgaiImageRow *self)
{
  return self->document;
}
