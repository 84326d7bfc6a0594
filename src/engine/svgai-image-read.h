#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reading an image file's bytes for the loader (svgai-image-read.c); every
 * error names the file (@name, for display) and says why in the user's
 * words. */

/* Sets @error from a reading error of GIO's (not found, permission
 * denied, cancelled…). */
void svgai_image_read_set_io_error (GError **error, const char *name, GError *io_error);

/* The whole of the regular file at @path (a folder, a FIFO or a device is
 * refused, as is a file over @max_bytes, the most an image of @max_pixels
 * takes), or NULL with @error set. */
char *svgai_image_read_file (const char *path, const char *name, guint64 max_bytes, guint64 max_pixels,
                             GCancellable *cancellable, gsize *length, GError **error);

/* All of @stream, or NULL with @error set when it fails or runs over
 * @limit bytes. */
GByteArray *svgai_image_read_stream (GInputStream *stream, const char *name, guint64 limit,
                                     GCancellable *cancellable, GError **error);

G_END_DECLS
