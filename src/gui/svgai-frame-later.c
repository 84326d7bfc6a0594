/* Work put off to a later frame. A result lands in separate frames, each
 * drawing one part of the window: the canvas in the first, the sidebar's
 * figures in the second, its palette in the third (svgai-window.c), a list
 * row's status in the fourth (svgai-image-row.c). GTK 4.8 under X11 without a GPU (the cairo
 * renderer) repaints, each frame, the bounding box of all that changed in
 * it: a canvas, a sidebar and a list row changing in one frame repainted
 * the whole window, one 40–60 ms frame of the main thread. Apart, each
 * frame repaints its part, and the main loop runs between them. */
#include "svgai-config.h"
#include "svgai-frame-later.h"

static gboolean
on_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  SvgaiFrameLater *later = data;

  if (later->frames_left > 0)
    {
      later->frames_left--;
      return G_SOURCE_CONTINUE;
    }
  later->tick = 0;
  later->func (widget);
  return G_SOURCE_REMOVE;
}

/* Runs func at the start of the frame-th frame from now (1: the next),
 * once however often scheduled, counted from the latest call. A widget
 * not mapped draws nothing: func runs at once. */
void
svgai_frame_later_schedule (SvgaiFrameLater *later, GtkWidget *widget, guint frame, SvgaiFrameFunc func)
{
  g_return_if_fail (frame >= 1);
  later->func = func;
  if (!gtk_widget_get_mapped (widget))
    {
      svgai_frame_later_cancel (later, widget);
      func (widget);
      return;
    }
  later->frames_left = frame - 1;
  if (later->tick == 0)
    later->tick = gtk_widget_add_tick_callback (widget, on_tick, later, NULL);
}

void
svgai_frame_later_cancel (SvgaiFrameLater *later, GtkWidget *widget)
{
  if (later->tick != 0)
    gtk_widget_remove_tick_callback (widget, later->tick);
  later->tick = 0;
}

gboolean
svgai_frame_later_is_pending (const SvgaiFrameLater *later)
{
  return later->tick != 0;
}
