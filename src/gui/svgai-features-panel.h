#pragma once

#include <adwaita.h>
#include "svgai-job.h"

G_BEGIN_DECLS

/* The eight features, each with a one-line explanation. */

#define SVGAI_TYPE_FEATURES_PANEL (svgai_features_panel_get_type ())
G_DECLARE_FINAL_TYPE (SvgaiFeaturesPanel, svgai_features_panel, SVGAI, FEATURES_PANEL, AdwPreferencesGroup)

GtkWidget *svgai_features_panel_new (void);
void svgai_features_panel_set_output (SvgaiFeaturesPanel *self, SvgaiJobOutput *output);
/* The shown value text of feature i, for tests. */
const char *svgai_features_panel_get_value_text (SvgaiFeaturesPanel *self, guint i);

G_END_DECLS
