#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Lays out text in the font pango's description names, scaled into the box
 * (x, y, w, h) and centred, and leaves it as cairo's path. pango is opened
 * on first use: linked, it cost every svg-ai-cli process about 4 ms of
 * start-up that only the trainer needs. Without pango it draws nothing and
 * warns once. */
void svgai_corpus_text_path (cairo_t *cr, const char *font, const char *text, double x, double y, double w,
                             double h);

G_END_DECLS
