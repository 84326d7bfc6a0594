#include "svgai-config.h"
#include "svgai-image-view-private.h"

#include <math.h>
#include "svgai-outline.h"

#define CHECKER 8
/* Above this many device pixels a tile covers only the visible region. */
#define FULL_TILE_MAX_PIXELS (4096 * 4096)


G_DEFINE_FINAL_TYPE (SvgaiImageView, svgai_image_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_CENTER_X,
  PROP_CENTER_Y,
  PROP_FIT,
  PROP_SPLIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_tile (SvgaiImageView *self);
static void append_image (SvgaiImageView *self, GtkSnapshot *snapshot, GdkTexture *texture,
                          const graphene_rect_t *r, gboolean nearest);

static void
update_image_size (SvgaiImageView *self)
{
  int w = 0, h = 0;

  if (self->texture)
    {
      w = gdk_texture_get_width (self->texture);
      h = gdk_texture_get_height (self->texture);
    }
  else if (self->svg_base)
    {
      w = gdk_texture_get_width (self->svg_base);
      h = gdk_texture_get_height (self->svg_base);
    }
  else if (self->vector)
    {
      w = self->vector->width;
      h = self->vector->height;
    }
  if (w != self->image_width || h != self->image_height)
    {
      self->image_width = w;
      self->image_height = h;
      if (self->fit || self->zoom <= 0)
        gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
}

static double
fit_zoom (SvgaiImageView *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->image_width <= 0 || self->image_height <= 0 || w <= 0 || h <= 0)
    return self->zoom;
  /* Leave a margin around the image; never more than 8× for tiny images. */
  return CLAMP (MIN ((w - 24.0) / self->image_width, (h - 24.0) / self->image_height), MIN_ZOOM, 8.0);
}

void
svgai_image_view_set_view (SvgaiImageView *self, double zoom, double cx, double cy)
{
  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  cx = CLAMP (cx, 0, MAX (self->image_width, 1));
  cy = CLAMP (cy, 0, MAX (self->image_height, 1));
  g_object_freeze_notify (G_OBJECT (self));
  if (zoom != self->zoom)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  if (cx != self->center_x)
    {
      self->center_x = cx;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CENTER_X]);
    }
  if (cy != self->center_y)
    {
      self->center_y = cy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CENTER_Y]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  schedule_tile (self);
}

/* Zoom keeping the image point under (wx, wy) in place. */
void
svgai_image_view_zoom_at (SvgaiImageView *self, double factor, double wx, double wy)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  double z = self->zoom;
  double nz = CLAMP (z * factor, MIN_ZOOM, MAX_ZOOM);
  double ix = self->center_x + (wx - w / 2) / z;
  double iy = self->center_y + (wy - h / 2) / z;

  svgai_image_view_set_fit (self, FALSE);
  svgai_image_view_set_view (self, nz, ix - (wx - w / 2) / nz, iy - (wy - h / 2) / nz);
}

void
svgai_image_view_get_image_rect (SvgaiImageView *self, graphene_rect_t *r)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));

  graphene_rect_init (r,
                      (float) (w / 2 - self->center_x * self->zoom),
                      (float) (h / 2 - self->center_y * self->zoom),
                      (float) (self->image_width * self->zoom),
                      (float) (self->image_height * self->zoom));
  /* Whole device pixels: the crisp tile must line up with the pixel grid. */
  r->origin.x = roundf (r->origin.x);
  r->origin.y = roundf (r->origin.y);
}

/* --- crisp tiles --- */

static gboolean
desired_tile (SvgaiImageView *self, SvgaiTileSpec *spec)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  double scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double z = self->zoom * scale;
  double x0, y0, x1, y1;

  if (self->svg == NULL || self->image_width <= 0 || w <= 0 || h <= 0 || self->zoom <= 0)
    return FALSE;

  spec->zoom = z;
  /* The whole image in one tile when it is small enough, in area and along
   * each side (a 1×10000 strip is small but too tall for one texture). */
  if ((double) self->image_width * z * self->image_height * z <= FULL_TILE_MAX_PIXELS &&
      ceil (self->image_width * z) <= SVGAI_TILE_MAX_SIDE && ceil (self->image_height * z) <= SVGAI_TILE_MAX_SIDE)
    {
      spec->x = 0;
      spec->y = 0;
      spec->width = self->image_width;
      spec->height = self->image_height;
      return TRUE;
    }
  /* The visible part plus a margin for panning, snapped to whole source pixels. */
  x0 = self->center_x - w / 2 / self->zoom;
  y0 = self->center_y - h / 2 / self->zoom;
  x1 = self->center_x + w / 2 / self->zoom;
  y1 = self->center_y + h / 2 / self->zoom;
  {
    double mx = (x1 - x0) * 0.25, my = (y1 - y0) * 0.25;

    x0 = floor (MAX (0, x0 - mx));
    y0 = floor (MAX (0, y0 - my));
    x1 = ceil (MIN (self->image_width, x1 + mx));
    y1 = ceil (MIN (self->image_height, y1 + my));
  }
  if (x1 <= x0 || y1 <= y0)
    return FALSE;
  spec->x = x0;
  spec->y = y0;
  spec->width = x1 - x0;
  spec->height = y1 - y0;
  return TRUE;
}

static gboolean
tile_covers (const SvgaiTileSpec *have, const SvgaiTileSpec *want)
{
  /* Same zoom, and the wanted visible part inside what we have. */
  if (fabs (have->zoom - want->zoom) > 1e-6 * want->zoom)
    return FALSE;
  return have->x <= want->x + 1e-6 && have->y <= want->y + 1e-6 &&
         have->x + have->width >= want->x + want->width - 1e-6 &&
         have->y + have->height >= want->y + want->height - 1e-6;
}

static void
tile_ready (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  SvgaiTile *tile = svgai_svg_render_tile_finish (res, &error);
  g_autoptr(SvgaiImageView) self = user_data;

  if (tile == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not render the SVG: %s", error->message);
      return;
    }
  if (g_task_get_cancellable (G_TASK (res)) != self->tile_cancellable ||
      g_cancellable_is_cancelled (self->tile_cancellable))
    {
      svgai_tile_free (tile);
      return;
    }
  self->tile_pending = FALSE;
  g_clear_pointer (&self->tile, svgai_tile_free);
  self->tile = tile;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
start_tile (gpointer data)
{
  SvgaiImageView *self = data;
  SvgaiTileSpec spec;

  self->tile_source = 0;
  if (!desired_tile (self, &spec))
    return G_SOURCE_REMOVE;
  if (self->tile && tile_covers (&self->tile->spec, &spec))
    return G_SOURCE_REMOVE;
  if (self->tile_pending && tile_covers (&self->pending_spec, &spec))
    return G_SOURCE_REMOVE;

  if (self->tile_cancellable)
    g_cancellable_cancel (self->tile_cancellable);
  g_clear_object (&self->tile_cancellable);
  self->tile_cancellable = g_cancellable_new ();
  self->pending_spec = spec;
  self->tile_pending = TRUE;
  svgai_svg_render_tile_async (self->svg, self->image_width, self->image_height, &spec,
                               self->tile_cancellable, tile_ready, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
schedule_tile (SvgaiImageView *self)
{
  if (self->svg == NULL || self->tile_source != 0)
    return;
  /* Let a burst of zoom/scroll events settle first. */
  self->tile_source = g_timeout_add (self->tile ? 40 : 0, start_tile, self);
}

/* --- drawing --- */

static void
append_checkerboard (GtkSnapshot *snapshot, const graphene_rect_t *r)
{
  GdkRGBA light = { 0.92, 0.92, 0.92, 1 };
  GdkRGBA dark = { 0.80, 0.80, 0.80, 1 };

  gtk_snapshot_push_repeat (snapshot, r, &GRAPHENE_RECT_INIT (r->origin.x, r->origin.y, 2 * CHECKER, 2 * CHECKER));
  gtk_snapshot_append_color (snapshot, &light, &GRAPHENE_RECT_INIT (r->origin.x, r->origin.y, 2 * CHECKER, 2 * CHECKER));
  gtk_snapshot_append_color (snapshot, &dark, &GRAPHENE_RECT_INIT (r->origin.x, r->origin.y, CHECKER, CHECKER));
  gtk_snapshot_append_color (snapshot, &dark, &GRAPHENE_RECT_INIT (r->origin.x + CHECKER, r->origin.y + CHECKER, CHECKER, CHECKER));
  gtk_snapshot_pop (snapshot);
}

/* --- small copies of large rasters --- */

static void
scale_ready (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(SvgaiImageView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) scaled = svgai_texture_scale_finish (res, &error);

  if (scaled == NULL || g_task_get_cancellable (G_TASK (res)) != self->scale_cancellable)
    return;
  g_set_object (&self->scaled, scaled);
  g_set_object (&self->scaled_from, g_object_get_data (G_OBJECT (self->scale_cancellable), "svgai-from"));
  self->scaled_zoom = self->scale_pending_zoom;
  self->scale_pending_zoom = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
start_scale (gpointer data)
{
  SvgaiImageView *self = data;
  double z = self->zoom * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  self->scale_source = 0;
  if (self->texture == NULL)
    return G_SOURCE_REMOVE;
  if (self->scale_cancellable)
    g_cancellable_cancel (self->scale_cancellable);
  g_clear_object (&self->scale_cancellable);
  self->scale_cancellable = g_cancellable_new ();
  self->scale_pending_zoom = z;
  svgai_texture_scale_async (self->texture,
                             (int) round (gdk_texture_get_width (self->texture) * z),
                             (int) round (gdk_texture_get_height (self->texture) * z),
                             self->scale_cancellable, scale_ready, g_object_ref (self));
  /* Remember which texture the copy is of. */
  g_object_set_data_full (G_OBJECT (self->scale_cancellable), "svgai-from",
                          g_object_ref (self->texture), g_object_unref);
  return G_SOURCE_REMOVE;
}

/* Large textures drawn below 3/4 size: draw a copy scaled on a worker, so a
 * frame never resamples megapixels on the main thread. */
static gboolean
append_scaled_copy (SvgaiImageView *self, GtkSnapshot *snapshot, const graphene_rect_t *r)
{
  double z = self->zoom * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  GdkTexture *t = self->texture;

  if (z >= 0.75 || (gsize) gdk_texture_get_width (t) * gdk_texture_get_height (t) < 512 * 512)
    return FALSE;
  if (self->scaled && self->scaled_from == t && fabs (self->scaled_zoom - z) < 1e-9)
    {
      append_image (self, snapshot, self->scaled, r, FALSE);
      return TRUE;
    }
  {
    gboolean pending = self->scale_cancellable != NULL &&
                       g_object_get_data (G_OBJECT (self->scale_cancellable), "svgai-from") == t &&
                       fabs (self->scale_pending_zoom - z) < 1e-9;

    if (!pending && self->scale_source == 0)
      self->scale_source = g_timeout_add (self->scaled_from == t ? 40 : 0, start_scale, self);
  }
  /* Meanwhile an older copy, stretched, is still cheaper than the original;
   * with none, show nothing for the few milliseconds the first one takes. */
  if (self->scaled && self->scaled_from == t)
    append_image (self, snapshot, self->scaled, r, FALSE);
  return TRUE;
}

/* GTK 4.8's cairo renderer (no GPU; Xvfb) converts every pixel of a texture,
 * through floats, each frame it draws it: 10 ms for a 1024 px image whatever
 * part of it shows, and a frame draws several. Under it, the view draws the
 * texture's cairo surface instead (made with the texture on a worker, see
 * svgai_texture_new_for_surface), which costs only the pixels drawn. */
static gboolean
cairo_renderer (SvgaiImageView *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native ? gtk_native_get_renderer (native) : NULL;

  return renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer);
}

/* texture stretched over r, as a cairo node over the visible part of r. */
static void
append_surface (SvgaiImageView *self, GtkSnapshot *snapshot, GdkTexture *texture,
                const graphene_rect_t *r, cairo_filter_t filter)
{
  int tw = gdk_texture_get_width (texture), th = gdk_texture_get_height (texture);
  graphene_rect_t clip;
  cairo_t *cr;

  graphene_rect_init (&clip, 0, 0, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  if (!graphene_rect_intersection (&clip, r, &clip))
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &clip);
  cairo_translate (cr, r->origin.x, r->origin.y);
  cairo_scale (cr, r->size.width / tw, r->size.height / th);
  cairo_set_source_surface (cr, svgai_texture_get_surface (texture), 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), filter);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_paint (cr);
  cairo_destroy (cr);
}

/* A texture drawn smoothly (nearest: as pixels, for the source past 100 %). */
static void
append_image (SvgaiImageView *self, GtkSnapshot *snapshot, GdkTexture *texture,
              const graphene_rect_t *r, gboolean nearest)
{
  int tw = gdk_texture_get_width (texture);

  if (nearest)
    {
#if GTK_CHECK_VERSION (4, 10, 0)
      gtk_snapshot_append_scaled_texture (snapshot, texture, GSK_SCALING_FILTER_NEAREST, r);
#else
      /* GTK before 4.10 has no such filter for textures. */
      append_surface (self, snapshot, texture, r, CAIRO_FILTER_NEAREST);
#endif
    }
  else if (cairo_renderer (self))
    append_surface (self, snapshot, texture, r,
                    fabs (r->size.width * gtk_widget_get_scale_factor (GTK_WIDGET (self)) - tw) < 0.5
                    ? CAIRO_FILTER_FAST : CAIRO_FILTER_GOOD);
  else
    gtk_snapshot_append_texture (snapshot, texture, r);
}

static void
append_texture (SvgaiImageView *self, GtkSnapshot *snapshot, GdkTexture *texture, const graphene_rect_t *r)
{
  /* Past 100 %, the pixels the designer was given, not a blur of them. */
  if (texture == self->texture && self->zoom > 1.0)
    {
      append_image (self, snapshot, texture, r, TRUE);
      return;
    }
  if (texture == self->texture && append_scaled_copy (self, snapshot, r))
    return;
  append_image (self, snapshot, texture, r, FALSE);
}

static void
svgai_image_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SvgaiImageView *self = SVGAI_IMAGE_VIEW (widget);
  double w = gtk_widget_get_width (widget);
  double h = gtk_widget_get_height (widget);
  graphene_rect_t r, visible, left, right;
  double split_x;

  if (self->image_width <= 0 || self->image_height <= 0)
    return;

  svgai_image_view_get_image_rect (self, &r);
  graphene_rect_init (&visible, 0, 0, (float) w, (float) h);
  if (!graphene_rect_intersection (&r, &visible, &visible))
    return;

  gtk_snapshot_push_clip (snapshot, &visible);
  append_checkerboard (snapshot, &r);

  split_x = self->split < 0 ? (self->svg ? r.origin.x : r.origin.x + r.size.width)
                            : r.origin.x + r.size.width * self->split;
  graphene_rect_init (&left, r.origin.x, r.origin.y, (float) (split_x - r.origin.x), r.size.height);
  graphene_rect_init (&right, (float) split_x, r.origin.y, (float) (r.origin.x + r.size.width - split_x), r.size.height);

  if (self->texture && left.size.width > 0)
    {
      gtk_snapshot_push_clip (snapshot, &left);
      append_texture (self, snapshot, self->texture, &r);
      gtk_snapshot_pop (snapshot);
    }

  if (self->svg && right.size.width > 0)
    {
      SvgaiTileSpec want;
      gboolean covered = FALSE;

      gtk_snapshot_push_clip (snapshot, &right);
      if (self->tile && desired_tile (self, &want))
        covered = tile_covers (&self->tile->spec, &want);
      /* The source-size rendering stands in until the crisp tile comes,
       * unless it is large and drawn small: resampling it would cost a
       * frame more than waiting for the tile. */
      if (!covered && self->svg_base &&
          (self->tile != NULL || self->zoom * gtk_widget_get_scale_factor (widget) >= 0.75 ||
           (gsize) self->image_width * self->image_height < 512 * 512))
        append_image (self, snapshot, self->svg_base, &r, FALSE);
      if (self->tile)
        {
          SvgaiTileSpec *t = &self->tile->spec;
          graphene_rect_t tr;

          /* Placed by its source-pixel origin; scaled if the zoom moved on
           * since it was rendered (until the next tile arrives). */
          graphene_rect_init (&tr,
                              (float) (r.origin.x + t->x * self->zoom),
                              (float) (r.origin.y + t->y * self->zoom),
                              (float) (gdk_texture_get_width (self->tile->texture) / t->zoom * self->zoom),
                              (float) (gdk_texture_get_height (self->tile->texture) / t->zoom * self->zoom));
          append_image (self, snapshot, self->tile->texture, &tr, FALSE);
        }
      gtk_snapshot_pop (snapshot);

      self->svg_frame_time = g_get_monotonic_time ();
      self->svg_frames++;
      if (!covered)
        schedule_tile (self);
    }

  if (self->outline && self->vector)
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &visible);

      cairo_translate (cr, r.origin.x, r.origin.y);
      svgai_outline_draw (cr, self->vector, self->zoom);
      cairo_destroy (cr);
    }

  if (self->split >= 0 && self->texture && self->svg)
    {
      GdkRGBA line = { 1, 1, 1, 0.95 };
      GdkRGBA shade = { 0, 0, 0, 0.35 };

      gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT ((float) split_x - 2, r.origin.y, 4, r.size.height));
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT ((float) split_x - 1, r.origin.y, 2, r.size.height));
    }

  gtk_snapshot_pop (snapshot);
}

static void
svgai_image_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  SvgaiImageView *self = SVGAI_IMAGE_VIEW (widget);

  if (self->fit || self->zoom <= 0)
    svgai_image_view_set_view (self, fit_zoom (self), self->image_width / 2.0, self->image_height / 2.0);
  else
    schedule_tile (self);
}

static void
svgai_image_view_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                          int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  *minimum = 64;
  *natural = 320;
}

/* --- GObject --- */

static void
svgai_image_view_dispose (GObject *object)
{
  SvgaiImageView *self = SVGAI_IMAGE_VIEW (object);

  if (self->tile_cancellable)
    g_cancellable_cancel (self->tile_cancellable);
  g_clear_object (&self->tile_cancellable);
  g_clear_handle_id (&self->tile_source, g_source_remove);
  g_clear_pointer (&self->tile, svgai_tile_free);
  if (self->scale_cancellable)
    g_cancellable_cancel (self->scale_cancellable);
  g_clear_object (&self->scale_cancellable);
  g_clear_handle_id (&self->scale_source, g_source_remove);
  g_clear_object (&self->scaled);
  g_clear_object (&self->scaled_from);
  g_clear_object (&self->texture);
  g_clear_object (&self->svg_base);
  g_clear_pointer (&self->svg, g_bytes_unref);
  g_clear_pointer (&self->vector, svgai_vector_unref);
  G_OBJECT_CLASS (svgai_image_view_parent_class)->dispose (object);
}

static void
svgai_image_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SvgaiImageView *self = SVGAI_IMAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM: g_value_set_double (value, self->zoom); break;
    case PROP_CENTER_X: g_value_set_double (value, self->center_x); break;
    case PROP_CENTER_Y: g_value_set_double (value, self->center_y); break;
    case PROP_FIT: g_value_set_boolean (value, self->fit); break;
    case PROP_SPLIT: g_value_set_double (value, self->split); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
svgai_image_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SvgaiImageView *self = SVGAI_IMAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM: svgai_image_view_set_view (self, g_value_get_double (value), self->center_x, self->center_y); break;
    case PROP_CENTER_X: svgai_image_view_set_view (self, self->zoom, g_value_get_double (value), self->center_y); break;
    case PROP_CENTER_Y: svgai_image_view_set_view (self, self->zoom, self->center_x, g_value_get_double (value)); break;
    case PROP_FIT: svgai_image_view_set_fit (self, g_value_get_boolean (value)); break;
    case PROP_SPLIT: svgai_image_view_set_split (self, g_value_get_double (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
svgai_image_view_class_init (SvgaiImageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = svgai_image_view_dispose;
  object_class->get_property = svgai_image_view_get_property;
  object_class->set_property = svgai_image_view_set_property;
  widget_class->snapshot = svgai_image_view_snapshot;
  widget_class->size_allocate = svgai_image_view_size_allocate;
  widget_class->measure = svgai_image_view_measure;

  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1.0,
                                               G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CENTER_X] = g_param_spec_double ("center-x", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                                                   G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CENTER_Y] = g_param_spec_double ("center-y", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                                                   G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FIT] = g_param_spec_boolean ("fit", NULL, NULL, TRUE,
                                               G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SPLIT] = g_param_spec_double ("split", NULL, NULL, -1, 1, -1,
                                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "svgai-image-view");
}

static void
svgai_image_view_init (SvgaiImageView *self)
{
  self->zoom = 1.0;
  self->fit = TRUE;
  self->split = -1;
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  svgai_image_view_add_input_controllers (self);
}

GtkWidget *
svgai_image_view_new (void)
{
  return g_object_new (SVGAI_TYPE_IMAGE_VIEW, NULL);
}

void
svgai_image_view_set_texture (SvgaiImageView *self, GdkTexture *texture)
{
  g_return_if_fail (SVGAI_IS_IMAGE_VIEW (self));
  if (self->texture == texture)
    return;
  g_set_object (&self->texture, texture);
  if (self->scaled_from != texture)
    {
      g_clear_object (&self->scaled);
      g_clear_object (&self->scaled_from);
      self->scale_pending_zoom = 0;
    }
  update_image_size (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
svgai_image_view_set_svg (SvgaiImageView *self, GBytes *svg, GdkTexture *base)
{
  g_return_if_fail (SVGAI_IS_IMAGE_VIEW (self));
  if (self->svg == svg && self->svg_base == base)
    return;
  if (self->tile_cancellable)
    g_cancellable_cancel (self->tile_cancellable);
  g_clear_object (&self->tile_cancellable);
  self->tile_pending = FALSE;
  g_clear_pointer (&self->tile, svgai_tile_free);
  g_clear_pointer (&self->svg, g_bytes_unref);
  self->svg = svg ? g_bytes_ref (svg) : NULL;
  g_set_object (&self->svg_base, base);
  self->svg_frames = 0;
  update_image_size (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  schedule_tile (self);
}

void
svgai_image_view_set_vector (SvgaiImageView *self, const SvgaiVector *vector)
{
  g_return_if_fail (SVGAI_IS_IMAGE_VIEW (self));
  if (self->vector == vector)
    return;
  g_clear_pointer (&self->vector, svgai_vector_unref);
  /* Read-only: the reference only keeps the geometry alive. */
  self->vector = vector ? svgai_vector_ref ((SvgaiVector *) vector) : NULL;
  update_image_size (self);
  if (self->outline)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
svgai_image_view_set_outline (SvgaiImageView *self, gboolean outline)
{
  g_return_if_fail (SVGAI_IS_IMAGE_VIEW (self));
  self->outline = !!outline;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
svgai_image_view_set_split (SvgaiImageView *self, double split)
{
  g_return_if_fail (SVGAI_IS_IMAGE_VIEW (self));
  if (self->split == split)
    return;
  self->split = split;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPLIT]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
svgai_image_view_get_zoom (SvgaiImageView *self)
{
  return self->zoom;
}

void
svgai_image_view_set_zoom (SvgaiImageView *self, double zoom)
{
  svgai_image_view_set_fit (self, FALSE);
  svgai_image_view_set_view (self, zoom, self->center_x, self->center_y);
}

void
svgai_image_view_zoom_by (SvgaiImageView *self, double factor)
{
  svgai_image_view_zoom_at (self, factor, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
svgai_image_view_set_fit (SvgaiImageView *self, gboolean fit)
{
  fit = !!fit;
  if (self->fit == fit)
    return;
  self->fit = fit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
  if (fit)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

gint64 svgai_image_view_get_svg_frame_time (SvgaiImageView *self) { return self->svg_frame_time; }
guint svgai_image_view_get_svg_frames (SvgaiImageView *self) { return self->svg_frames; }

gboolean
svgai_image_view_has_crisp_tile (SvgaiImageView *self)
{
  SvgaiTileSpec want;

  return self->tile && desired_tile (self, &want) && tile_covers (&self->tile->spec, &want);
}
