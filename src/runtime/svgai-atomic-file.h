#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes data to path atomically: a temporary file in the same folder,
 * fsync, rename. An existing file is replaced only on success. Refuses to
 * write over `protect` (the source image) when it is the same file. */
gboolean svgai_write_file_atomic (const char *path,
                                  const void *data,
                                  gsize length,
                                  const char *protect,
                                  GError **error);

G_END_DECLS
