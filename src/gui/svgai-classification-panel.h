#pragma once

#include <adwaita.h>
#include "svgai-job.h"

G_BEGIN_DECLS

/* The logo type the classifier found, with a confidence bar. */

#define SVGAI_TYPE_CLASSIFICATION_PANEL (svgai_classification_panel_get_type ())
G_DECLARE_FINAL_TYPE (SvgaiClassificationPanel, svgai_classification_panel, SVGAI, CLASSIFICATION_PANEL, AdwPreferencesGroup)

GtkWidget *svgai_classification_panel_new (void);
void svgai_classification_panel_set_output (SvgaiClassificationPanel *self, SvgaiJobOutput *output);
/* The shown class label, for tests. */
const char *svgai_classification_panel_get_label (SvgaiClassificationPanel *self);

G_END_DECLS
