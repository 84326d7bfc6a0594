#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The app's GSettings. Installed, the schema is found as usual; run from the
 * build tree (tools/bootstrap run), the schema compiled there is used, so the
 * app starts without GSETTINGS_SCHEMA_DIR. */
GSettings *svgai_settings_new (void);

G_END_DECLS
