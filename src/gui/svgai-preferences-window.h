#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Default tier and time limit, kept in GSettings. */

#define SVGAI_TYPE_PREFERENCES_WINDOW (svgai_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (SvgaiPreferencesWindow, svgai_preferences_window, SVGAI, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *svgai_preferences_window_new (GtkWindow *parent);

G_END_DECLS
