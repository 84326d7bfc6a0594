#include "svgai-config.h"
#include "svgai-svg-tile.h"

#include "svgai-job.h"

#include <librsvg/rsvg.h>
#include <math.h>

typedef struct {
  GBytes *svg;
  int svg_width;
  int svg_height;
  SvgaiTileSpec spec;
} TileData;

static void
tile_data_free (gpointer data)
{
  TileData *d = data;

  g_bytes_unref (d->svg);
  g_free (d);
}

void
svgai_tile_free (SvgaiTile *tile)
{
  if (tile == NULL)
    return;
  g_clear_object (&tile->texture);
  g_free (tile);
}

static void
tile_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  TileData *d = task_data;
  RsvgHandle *handle;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  RsvgRectangle viewport;
  SvgaiTile *tile;
  int w = (int) ceil (d->spec.width * d->spec.zoom);
  int h = (int) ceil (d->spec.height * d->spec.zoom);

  svgai_thread_lower_priority (SVGAI_WORKER_NICE);   /* GTask's threads: the UI first */
  if (w <= 0 || h <= 0 || w > SVGAI_TILE_MAX_SIDE || h > SVGAI_TILE_MAX_SIDE)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "bad tile size");
      return;
    }

  handle = rsvg_handle_new_from_data (g_bytes_get_data (d->svg, NULL), g_bytes_get_size (d->svg), &error);
  if (handle == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (handle);
      return;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cairo_translate (cr, -d->spec.x * d->spec.zoom, -d->spec.y * d->spec.zoom);
  viewport.x = 0;
  viewport.y = 0;
  viewport.width = d->svg_width * d->spec.zoom;
  viewport.height = d->svg_height * d->spec.zoom;
  rsvg_handle_render_document (handle, cr, &viewport, &error);
  cairo_destroy (cr);
  g_object_unref (handle);
  cairo_surface_flush (surface);
  if (error != NULL)
    {
      cairo_surface_destroy (surface);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tile = g_new0 (SvgaiTile, 1);
  tile->spec = d->spec;
  tile->texture = svgai_texture_new_for_surface (surface);
  g_task_return_pointer (task, tile, (GDestroyNotify) svgai_tile_free);
}

void
svgai_svg_render_tile_async (GBytes *svg,
                             int svg_width,
                             int svg_height,
                             const SvgaiTileSpec *spec,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  TileData *d = g_new0 (TileData, 1);

  d->svg = g_bytes_ref (svg);
  d->svg_width = svg_width;
  d->svg_height = svg_height;
  d->spec = *spec;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, svgai_svg_render_tile_async);
  g_task_set_task_data (task, d, tile_data_free);
  g_task_run_in_thread (task, tile_thread);
}

SvgaiTile *
svgai_svg_render_tile_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct {
  GdkTexture *texture;
  int width;
  int height;
} ScaleData;

static void
scale_data_free (gpointer data)
{
  ScaleData *d = data;

  g_object_unref (d->texture);
  g_free (d);
}

#define SURFACE_KEY "svgai-cairo-surface"

GdkTexture *
svgai_texture_new_for_surface (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;

  g_return_val_if_fail (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32, NULL);
  cairo_surface_flush (surface);
  /* Cairo's ARGB32 is premultiplied BGRA on little endian: GDK_MEMORY_DEFAULT.
   * The texture and the surface share the pixels. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), (gsize) stride * h,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));
  texture = gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes, stride);
  g_object_set_data_full (G_OBJECT (texture), SURFACE_KEY, surface,
                          (GDestroyNotify) cairo_surface_destroy);
  return texture;
}

cairo_surface_t *
svgai_texture_get_surface (GdkTexture *texture)
{
  cairo_surface_t *surface = g_object_get_data (G_OBJECT (texture), SURFACE_KEY);

  if (surface == NULL)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, gdk_texture_get_width (texture),
                                            gdk_texture_get_height (texture));
      gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                            cairo_image_surface_get_stride (surface));
      cairo_surface_mark_dirty (surface);
      g_object_set_data_full (G_OBJECT (texture), SURFACE_KEY, surface,
                              (GDestroyNotify) cairo_surface_destroy);
    }
  return surface;
}

static void
scale_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ScaleData *d = task_data;
  int sw = gdk_texture_get_width (d->texture);
  int sh = gdk_texture_get_height (d->texture);
  cairo_surface_t *src = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, sw, sh);
  cairo_surface_t *dst;
  cairo_t *cr;

  svgai_thread_lower_priority (SVGAI_WORKER_NICE);
  /* GdkMemoryTexture's download is plain memory work: safe off the main thread. */
  gdk_texture_download (d->texture, cairo_image_surface_get_data (src), cairo_image_surface_get_stride (src));
  cairo_surface_mark_dirty (src);
  if (g_task_return_error_if_cancelled (task))
    {
      cairo_surface_destroy (src);
      return;
    }
  dst = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, d->width, d->height);
  cr = cairo_create (dst);
  cairo_scale (cr, (double) d->width / sw, (double) d->height / sh);
  cairo_set_source_surface (cr, src, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (src);
  g_task_return_pointer (task, svgai_texture_new_for_surface (dst), g_object_unref);
}

void
svgai_texture_scale_async (GdkTexture *texture,
                           int width,
                           int height,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  ScaleData *d = g_new0 (ScaleData, 1);

  d->texture = g_object_ref (texture);
  d->width = MAX (1, width);
  d->height = MAX (1, height);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, svgai_texture_scale_async);
  g_task_set_task_data (task, d, scale_data_free);
  g_task_run_in_thread (task, scale_thread);
}

GdkTexture *
svgai_texture_scale_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
