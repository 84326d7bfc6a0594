#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Resident set size of this process now, and its peak, in bytes (0 if unknown). */
guint64 svgai_memory_rss (void);
guint64 svgai_memory_peak_rss (void);

G_END_DECLS
