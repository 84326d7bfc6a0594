#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Work put off to a later frame of a widget's window (see
 * svgai-frame-later.c). Lives in the widget's instance; cancel it in
 * dispose. */
typedef void (*SvgaiFrameFunc) (GtkWidget *widget);

typedef struct {
  guint tick;
  guint frames_left;
  SvgaiFrameFunc func;
} SvgaiFrameLater;

void svgai_frame_later_schedule (SvgaiFrameLater *later, GtkWidget *widget, guint frame, SvgaiFrameFunc func);
void svgai_frame_later_cancel (SvgaiFrameLater *later, GtkWidget *widget);
gboolean svgai_frame_later_is_pending (const SvgaiFrameLater *later);

G_END_DECLS
