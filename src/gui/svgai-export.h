#pragma once

#include <gtk/gtk.h>
#include "svgai.h"

G_BEGIN_DECLS

/* The SVG as clipboard / drag content: image/svg+xml and text, and with
 * with_file also a file (written to the cache) for apps that want one. */
GdkContentProvider *svgai_export_content_provider (GBytes *svg, const char *name, gboolean with_file);

/* Writes svg to dest atomically; refuses to write over source. The error
 * names the file and says why. */
gboolean svgai_export_write (GBytes *svg, GFile *dest, GFile *source, GError **error);

/* A name not yet in used (a set of names), "logo.svg", "logo-2.svg", …; adds it. */
char *svgai_export_unique_name (GHashTable *used, const char *name);

/* Writes svg to dest in format: the SVG itself, or drawn by librsvg on
 * cairo's PDF or EPS surface (vector; 96 px = 1 inch) or as a PNG at
 * png_scale times its size. Atomic; never over source. */
gboolean svgai_export_write_format (GBytes *svg, GFile *dest, GFile *source, SvgaiFormat format,
                                    double png_scale, GError **error);

G_END_DECLS
