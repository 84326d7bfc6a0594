#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The SVG as clipboard / drag content: image/svg+xml and text, and with
 * with_file also a file (written to the cache) for apps that want one. */
GdkContentProvider *svgai_export_content_provider (GBytes *svg, const char *name, gboolean with_file);

/* Writes svg to dest atomically; refuses to write over source. The error
 * names the file and says why. */
gboolean svgai_export_write (GBytes *svg, GFile *dest, GFile *source, GError **error);

/* A name not yet in used (a set of names), "logo.svg", "logo-2.svg", …; adds it. */
char *svgai_export_unique_name (GHashTable *used, const char *name);

typedef enum {
  SVGAI_EXPORT_SVG,
  SVGAI_EXPORT_PDF,
  SVGAI_EXPORT_EPS,
  SVGAI_EXPORT_PNG,
} SvgaiExportFormat;

/* The format a file name asks for by its extension (.pdf, .eps, .png;
 * anything else: SVG). */
SvgaiExportFormat svgai_export_format_for_name (const char *name);
/* Writes svg to dest in format: the SVG itself, or drawn by librsvg on
 * cairo's PDF or EPS surface (vector; 96 px = 1 inch) or as a PNG at
 * png_scale times its size. Atomic; never over source. */
gboolean svgai_export_write_format (GBytes *svg, GFile *dest, GFile *source, SvgaiExportFormat format,
                                    double png_scale, GError **error);
/* TRUE when the SVG has translucent shapes (EPS flattens them: it has no
 * transparency). */
gboolean svgai_export_svg_is_translucent (GBytes *svg);

G_END_DECLS
