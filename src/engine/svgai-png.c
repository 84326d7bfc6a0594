/* svgai-png.c: PNG files decoded by libpng directly
 *
 * gdk-pixbuf decodes the same file with the same libpng, but its first use
 * in a process sniffs the MIME database and reads its loaders' cache (3 ms
 * for a 256 px logo against 0.6 ms here), and its incremental loader takes
 * twice as long on a large image. The transformations are gdk-pixbuf's own
 * (io-png.c), so the pixels are the same byte for byte.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "svgai-config.h"

#include <setjmp.h>
#include <string.h>

#include <png.h>

#include "svgai-png.h"

typedef struct {
  const guint8 *data;
  gsize length;
  gsize offset;
} PngSource;

static void
read_source (png_structp png, png_bytep out, png_size_t n)
{
  PngSource *source = png_get_io_ptr (png);

  if (n > source->length - source->offset)
    png_error (png, "the file ends early");
  memcpy (out, source->data + source->offset, n);
  source->offset += n;
}

/* Warnings (an ancillary chunk's bad CRC) are not errors, as in gdk-pixbuf;
 * errors go back to the caller through the jump. */
static void
ignore_warning (png_structp png, png_const_charp message)
{
}

static void
on_error (png_structp png, png_const_charp message)
{
  png_longjmp (png, 1);
}

/* gdk-pixbuf's io-png.c: 8 bits per channel, palettes and grey expanded to
 * RGB, tRNS to alpha; here also an opaque alpha after RGB, as the loader
 * adds when it copies a three-channel pixbuf. */
static void
set_transformations (png_structp png, png_infop info)
{
  int bit_depth = png_get_bit_depth (png, info);
  int color_type = png_get_color_type (png, info);

  if (bit_depth == 16)
    png_set_strip_16 (png);
  if (color_type == PNG_COLOR_TYPE_PALETTE && bit_depth <= 8)
    png_set_expand (png);
  if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8)
    png_set_expand (png);
  if (png_get_valid (png, info, PNG_INFO_tRNS))
    png_set_expand (png);
  if (bit_depth < 8)
    png_set_packing (png);
  if (color_type == PNG_COLOR_TYPE_GRAY || color_type == PNG_COLOR_TYPE_GRAY_ALPHA)
    png_set_gray_to_rgb (png);
  png_set_filler (png, 0xff, PNG_FILLER_AFTER);
  png_set_interlace_handling (png);
  png_read_update_info (png, info);
}

static GBytes *
icc_profile (png_structp png, png_infop info)
{
  png_charp title;
  int compression;
  png_bytep profile;
  png_uint_32 length;

  if (png_get_iCCP (png, info, &title, &compression, &profile, &length) == 0 || length == 0)
    return NULL;
  return g_bytes_new (profile, length);
}

/* The body of svgai_png_decode, between setjmp and the cleanup: nothing
 * here owns memory that a jump out of libpng would leak. */
static gboolean
decode (png_structp png, png_infop info, SvgaiImage *image, png_bytep *rows)
{
  png_read_info (png, info);
  if ((int) png_get_image_width (png, info) != image->width ||
      (int) png_get_image_height (png, info) != image->height)
    return FALSE;
  set_transformations (png, info);
  if (png_get_channels (png, info) != 4 || png_get_rowbytes (png, info) != (gsize) image->width * 4)
    return FALSE;
  for (int y = 0; y < image->height; y++)
    rows[y] = svgai_image_pixel (image, 0, y);
  png_read_image (png, rows);
  png_read_end (png, NULL);
  return TRUE;
}

/* Kept apart from svgai_png_decode: a function that calls setjmp holds no
 * automatic cleanups, which the jump back would skip or clobber. */
static gboolean
read_png (const guint8 *data, gsize length, SvgaiImage *image, png_bytep *rows, GBytes **icc)
{
  PngSource source = { data, length, 0 };
  png_structp png = png_create_read_struct (PNG_LIBPNG_VER_STRING, NULL, on_error, ignore_warning);
  png_infop info = NULL;
  /* volatile: read after the jump back from libpng */
  volatile gboolean decoded = FALSE;

  if (png == NULL)
    return FALSE;
  info = png_create_info_struct (png);
  if (info != NULL && setjmp (png_jmpbuf (png)) == 0)
    {
      png_set_read_fn (png, &source, read_source);
      decoded = decode (png, info, image, rows);
      if (decoded)
        *icc = icc_profile (png, info);
    }
  png_destroy_read_struct (&png, &info, NULL);
  return decoded;
}

SvgaiImage *
svgai_png_decode (const guint8 *data, gsize length, int width, int height, GBytes **icc)
{
  g_autoptr(SvgaiImage) image = svgai_image_new (width, height);
  g_autofree png_bytep *rows = image ? g_try_new (png_bytep, height) : NULL;

  *icc = NULL;
  if (rows == NULL || !read_png (data, length, image, rows, icc))
    return NULL;
  return g_steal_pointer (&image);
}
