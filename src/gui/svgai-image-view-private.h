#pragma once

#include "svgai-image-view.h"
#include "svgai-svg-tile.h"

G_BEGIN_DECLS

/* The image view's state, shared by its drawing (svgai-image-view.c) and its
 * input handling (svgai-image-view-input.c). */

#define MIN_ZOOM 0.05
#define MAX_ZOOM 64.0

struct _SvgaiImageView
{
  GtkWidget parent_instance;

  GdkTexture *texture;
  GBytes *svg;
  GdkTexture *svg_base;
  SvgaiVector *vector;
  gboolean outline;
  double split;

  int image_width;
  int image_height;

  double zoom;
  double center_x;
  double center_y;
  gboolean fit;

  /* crisp SVG tiles */
  SvgaiTile *tile;
  SvgaiTileSpec pending_spec;
  gboolean tile_pending;
  GCancellable *tile_cancellable;
  guint tile_source;

  /* gestures */
  double pointer_x;
  double pointer_y;
  double drag_start_cx;
  double drag_start_cy;
  gboolean dragging_split;
  double zoom_gesture_start;

  /* the raster texture scaled to the current zoom, when drawn small */
  GdkTexture *scaled;
  GdkTexture *scaled_from;
  double scaled_zoom;
  double scale_pending_zoom;
  GCancellable *scale_cancellable;
  guint scale_source;

  gint64 svg_frame_time;
  guint svg_frames;
};

/* Moves the view (clamped) and notifies zoom, center-x and center-y. */
void svgai_image_view_set_view (SvgaiImageView *self, double zoom, double cx, double cy);
/* Zooms by factor keeping the image point under widget point (wx, wy). */
void svgai_image_view_zoom_at (SvgaiImageView *self, double factor, double wx, double wy);
/* Where the image lies in widget coordinates, on whole device pixels. */
void svgai_image_view_get_image_rect (SvgaiImageView *self, graphene_rect_t *r);
/* Scroll, drag (pan or move the split), double-click and pinch. */
void svgai_image_view_add_input_controllers (SvgaiImageView *self);

G_END_DECLS
