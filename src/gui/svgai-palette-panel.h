#pragma once

#include <adwaita.h>
#include "svgai-document.h"

G_BEGIN_DECLS

/* The palette of the shown image: one swatch per traced colour with its
 * share of the pixels and a lock; click to recolour (no re-trace), drag onto
 * another to merge, the colour count and the background (these re-trace).
 * Every edit goes to the image's undo stack through its SvgaiDocument;
 * "changed" follows an edit of the parameters. */

#define SVGAI_TYPE_PALETTE_PANEL (svgai_palette_panel_get_type ())
G_DECLARE_FINAL_TYPE (SvgaiPalettePanel, svgai_palette_panel, SVGAI, PALETTE_PANEL, AdwPreferencesGroup)

GtkWidget *svgai_palette_panel_new (void);
/* Shows document's current result (NULL: nothing). */
void svgai_palette_panel_set_document (SvgaiPalettePanel *self, SvgaiDocument *document);

/* What the user does, for tests; i indexes the swatches shown. */
guint svgai_palette_panel_get_n_swatches (SvgaiPalettePanel *self);
/* The colour as traced (before any recolour). */
SvgaiColor svgai_palette_panel_get_traced (SvgaiPalettePanel *self, guint i);
void svgai_palette_panel_recolor (SvgaiPalettePanel *self, guint i, const SvgaiColor *to);
void svgai_palette_panel_merge (SvgaiPalettePanel *self, guint from, guint into);
void svgai_palette_panel_set_locked (SvgaiPalettePanel *self, guint i, gboolean locked);
/* 0: automatic. */
void svgai_palette_panel_set_n_colors (SvgaiPalettePanel *self, int n);
void svgai_palette_panel_set_background (SvgaiPalettePanel *self, SvgaiBackground background);
/* "#ffffff" when the shown result removed a background, else NULL. */
gboolean svgai_palette_panel_is_filling (SvgaiPalettePanel *self);
const char *svgai_palette_panel_get_removed_text (SvgaiPalettePanel *self);
/* The engine's warnings as shown, NULL when none. */
const char *svgai_palette_panel_get_warning_text (SvgaiPalettePanel *self);

G_END_DECLS
