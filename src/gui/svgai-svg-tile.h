#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Textures larger than this along a side are refused. */
#define SVGAI_TILE_MAX_SIDE 16384

/* Renders a region of an SVG with librsvg at a given zoom on a worker thread,
 * so the view shows the SVG crisp at any zoom without blocking the UI. */

typedef struct {
  double x, y, width, height;   /* region, in the SVG's own (source pixel) units */
  double zoom;                  /* device pixels per source pixel */
} SvgaiTileSpec;

typedef struct {
  SvgaiTileSpec spec;
  GdkTexture *texture;          /* ceil(width*zoom) × ceil(height*zoom) pixels */
} SvgaiTile;

void svgai_tile_free (SvgaiTile *tile);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvgaiTile, svgai_tile_free)

void svgai_svg_render_tile_async (GBytes *svg,
                                  int svg_width,
                                  int svg_height,
                                  const SvgaiTileSpec *spec,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
SvgaiTile *svgai_svg_render_tile_finish (GAsyncResult *result, GError **error);

G_END_DECLS

G_BEGIN_DECLS

/* A copy of texture scaled to width × height (smooth downscaling), made on a
 * worker thread: drawing a large image small costs a frame nothing then. */
void svgai_texture_scale_async (GdkTexture *texture,
                                int width,
                                int height,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
GdkTexture *svgai_texture_scale_finish (GAsyncResult *result, GError **error);

/* A texture of an ARGB32 image surface's pixels, sharing them: takes the
 * caller's reference. The surface stays attached to the texture for
 * svgai_texture_get_surface. */
GdkTexture *svgai_texture_new_for_surface (cairo_surface_t *surface);
/* The texture's pixels as a cairo surface (borrowed; never flush it or mark
 * it dirty): the attached one, or a copy made on the first call. */
cairo_surface_t *svgai_texture_get_surface (GdkTexture *texture);

G_END_DECLS
