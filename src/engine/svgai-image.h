#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A decoded raster image: straight (not premultiplied) RGBA, 8 bits per
 * channel, rows packed (stride == width * 4). Immutable once loaded, so it is
 * shared between threads by reference. */
typedef struct {
  int width;
  int height;
  guint8 *pixels;
  /*< private >*/
  gatomicrefcount ref_count;
  char *hash;                /* lazily computed SHA-256 of size + pixels */
  GMutex hash_lock;
} SvgaiImage;

#define SVGAI_DEFAULT_MAX_PIXELS (64u * 1000u * 1000u)

typedef struct {
  guint64 max_pixels;        /* 0 = SVGAI_DEFAULT_MAX_PIXELS */
  guint64 memory_budget;     /* bytes, checked before decoding at full size;
                              * 0 = svgai_limits_get_memory_budget () */
} SvgaiLoadOptions;

/* A new fully transparent image. Returns NULL if the size overflows. */
SvgaiImage *svgai_image_new (int width, int height);
SvgaiImage *svgai_image_new_from_file (const char *path,
                                       const SvgaiLoadOptions *options,
                                       GCancellable *cancellable,
                                       GError **error);
/* name is used in error messages only (e.g. "stdin" or a file name). */
SvgaiImage *svgai_image_new_from_bytes (GBytes *bytes,
                                        const char *name,
                                        const SvgaiLoadOptions *options,
                                        GError **error);
SvgaiImage *svgai_image_ref (SvgaiImage *image);
void svgai_image_unref (SvgaiImage *image);

/* Hex SHA-256 of width, height and pixels; cached; thread-safe. */
const char *svgai_image_get_hash (SvgaiImage *image);
/* TRUE if any pixel has alpha < 255. */
gboolean svgai_image_has_transparency (const SvgaiImage *image);

static inline guint8 *
svgai_image_pixel (const SvgaiImage *image, int x, int y)
{
  return image->pixels + ((gsize) y * (gsize) image->width + (gsize) x) * 4;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvgaiImage, svgai_image_unref)

G_END_DECLS
