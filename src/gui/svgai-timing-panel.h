#pragma once

#include <adwaita.h>
#include "svgai-job.h"

G_BEGIN_DECLS

/* Where the time of the current conversion went, stage by stage ("cached"
 * where the engine's caches answered), and the caches' hits so far. */

#define SVGAI_TYPE_TIMING_PANEL (svgai_timing_panel_get_type ())
G_DECLARE_FINAL_TYPE (SvgaiTimingPanel, svgai_timing_panel, SVGAI, TIMING_PANEL, AdwPreferencesGroup)

GtkWidget *svgai_timing_panel_new (void);
void svgai_timing_panel_set_output (SvgaiTimingPanel *self, SvgaiJobOutput *output);
/* For tests: a stage's shown value, and the cache line. */
const char *svgai_timing_panel_get_value_text (SvgaiTimingPanel *self, SvgaiStage stage);
/* "40.2 ms in all": the sum of the stage times shown. */
const char *svgai_timing_panel_get_total_text (SvgaiTimingPanel *self);
const char *svgai_timing_panel_get_cache_text (SvgaiTimingPanel *self);

G_END_DECLS
