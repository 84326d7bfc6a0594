#pragma once

#include "svgai-window.h"

G_BEGIN_DECLS

/* Installs win.open, win.paste, win.export, win.export-as, win.export-all and
 * win.copy (svgai-window-io.c) on the window class. */
void svgai_window_io_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
