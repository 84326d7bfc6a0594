/* The image view's input: scroll and pinch zoom, drag to pan (or to move
 * the overlay's split), double-click between fit and 100 %. */
#include "svgai-config.h"
#include "svgai-image-view-private.h"

#include <math.h>

static gboolean
on_scroll (GtkEventControllerScroll *controller, double dx, double dy, SvgaiImageView *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (self->image_width <= 0)
    return FALSE;
  if (state & GDK_CONTROL_MASK)
    {
      svgai_image_view_zoom_at (self, pow (1.1, -dy), self->pointer_x, self->pointer_y);
      return TRUE;
    }
  if (state & GDK_SHIFT_MASK && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  svgai_image_view_set_fit (self, FALSE);
  svgai_image_view_set_view (self, self->zoom, self->center_x + dx * 24 / self->zoom, self->center_y + dy * 24 / self->zoom);
  return TRUE;
}

static void
on_motion (GtkEventControllerMotion *controller, double x, double y, SvgaiImageView *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
on_drag_begin (GtkGestureDrag *gesture, double x, double y, SvgaiImageView *self)
{
  graphene_rect_t r;

  svgai_image_view_get_image_rect (self, &r);
  self->drag_start_cx = self->center_x;
  self->drag_start_cy = self->center_y;
  self->dragging_split = self->split >= 0 &&
                         fabs (x - (r.origin.x + r.size.width * self->split)) < 16;
}

static void
on_drag_update (GtkGestureDrag *gesture, double ox, double oy, SvgaiImageView *self)
{
  if (self->dragging_split)
    {
      double sx, sy;
      graphene_rect_t r;

      gtk_gesture_drag_get_start_point (gesture, &sx, &sy);
      svgai_image_view_get_image_rect (self, &r);
      if (r.size.width > 0)
        svgai_image_view_set_split (self, CLAMP ((sx + ox - r.origin.x) / r.size.width, 0, 1));
      return;
    }
  if (self->fit)
    svgai_image_view_set_fit (self, FALSE);
  svgai_image_view_set_view (self, self->zoom, self->drag_start_cx - ox / self->zoom, self->drag_start_cy - oy / self->zoom);
}

/* Double-click: from fit to the pixels under the pointer at 100 %, and back. */
static void
on_pressed (GtkGestureClick *gesture, int n_press, double x, double y, SvgaiImageView *self)
{
  if (n_press != 2 || self->image_width <= 0)
    return;
  if (self->fit || fabs (self->zoom - 1.0) > 1e-6)
    svgai_image_view_zoom_at (self, 1.0 / self->zoom, x, y);
  else
    svgai_image_view_set_fit (self, TRUE);
}

static void
on_zoom_begin (GtkGesture *gesture, GdkEventSequence *sequence, SvgaiImageView *self)
{
  self->zoom_gesture_start = self->zoom;
}

static void
on_zoom_scale_changed (GtkGestureZoom *gesture, double scale, SvgaiImageView *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  svgai_image_view_zoom_at (self, self->zoom_gesture_start * scale / self->zoom, x, y);
}

void
svgai_image_view_add_input_controllers (SvgaiImageView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "enter", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}
