#pragma once

#include "svgai-window.h"

G_BEGIN_DECLS

/* Installs win.open, win.paste, win.export, win.export-as, win.export-all and
 * win.copy (svgai-window-io.c) on the window class. */
void svgai_window_io_install_actions (GtkWidgetClass *widget_class);

/* svgai-window-view.c: each image's own zoom and pan (stored on the
 * document when it is left, restored when it is shown; a new one fits). */
void svgai_window_save_view (SvgaiWindow *self, SvgaiDocument *doc);
void svgai_window_restore_view (SvgaiWindow *self, SvgaiDocument *doc);
/* The window's shortcuts, ahead of any focused widget's own. */
void svgai_window_add_shortcuts (SvgaiWindow *self);
/* win.apply-to-all (every open image takes the shown one's parameters),
 * win.zoom-*, win.focus-canvas. */
void svgai_window_view_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
