#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the image loader reads in a file's bytes before any decoder sees
 * them: which format it is, the sizes headers declare, whether it ends
 * early (svgai-image-format.c). */

guint32 svgai_format_read_be32 (const guint8 *p);
guint32 svgai_format_read_le32 (const guint8 *p);

/* For a PNG: the size its header (IHDR) declares. FALSE for anything else. */
gboolean svgai_format_png_size (const guint8 *data, gsize length, guint64 *width, guint64 *height);
/* TRUE when the PNG, GIF or BMP header declares a zero width or height
 * (filled in). */
gboolean svgai_format_peek_zero_size (const guint8 *data, gsize length, guint64 *width, guint64 *height);
/* What is wrong with a GIF's frames, that gdk-pixbuf's GIF loader meets
 * with a critical assertion instead of an error. */
typedef enum {
  SVGAI_GIF_FRAMES_OK,
  SVGAI_GIF_FRAME_EMPTY,    /* a frame of no pixels */
  SVGAI_GIF_FRAME_OUTSIDE,  /* a frame reaching past the image's size */
} SvgaiGifFrames;

SvgaiGifFrames svgai_format_gif_check_frames (const guint8 *data, gsize length);
/* PNG without IEND, JPEG without EOI after its last scan, WebP shorter than
 * its RIFF size. */
gboolean svgai_format_is_truncated (const guint8 *data, gsize length);
/* JPEG, or WebP in its lossy (VP8) coding: the pixels carry compression
 * noise (blocking, ringing) that is not the artwork. */
gboolean svgai_format_is_lossy (const guint8 *data, gsize length);
gboolean svgai_format_looks_like_svg (const guint8 *data, gsize length);

/* TRUE for the formats the README names (PNG, JPEG, GIF, BMP, TIFF, WebP)
 * in a variant the decoders read; FALSE with SVGAI_ERROR_NOT_IMAGE saying
 * what it is ("unsupported format: ICNS", "unsupported: CMYK TIFF"). */
gboolean svgai_format_check_supported (const guint8 *data, gsize length, const char *name, GError **error);

/* For a WebP: its canvas size from the header (VP8, VP8L or VP8X), and
 * whether it is animated. FALSE when data is no WebP or too short. */
gboolean svgai_format_webp_size (const guint8 *data, gsize length, guint64 *width, guint64 *height,
                                 gboolean *animated);
/* The first frame of an animated WebP as a still WebP, or NULL when the
 * file holds none whole. */
GBytes *svgai_format_webp_first_frame (const guint8 *data, gsize length);

G_END_DECLS
