#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Keeps one folder of a disk cache bounded: of its entries (files named
 * *.json) the `keep` most recently modified stay and the older ones are
 * deleted; leftover temporary files (*.json.XXXXXX, from a writer that died
 * before renaming) older than `stale_seconds` are deleted too. Other files
 * and folders are left alone. Errors (an entry another process deleted
 * first, a read-only folder) are ignored: trimming is housekeeping, never a
 * reason to fail. Returns the number of files deleted. */
guint svgai_cache_trim_dir (const char *dir, guint keep, gint64 stale_seconds);

G_END_DECLS
