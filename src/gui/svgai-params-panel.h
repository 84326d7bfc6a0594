#pragma once

#include <adwaita.h>
#include "svgai-job.h"

G_BEGIN_DECLS

/* The optimizer tier and every tracing parameter (one control per entry of
 * the engine's spec table, plus layering). Changes are announced at once and
 * then at most every 150 ms while they keep coming (a dragged value). */

#define SVGAI_TYPE_PARAMS_PANEL (svgai_params_panel_get_type ())
G_DECLARE_FINAL_TYPE (SvgaiParamsPanel, svgai_params_panel, SVGAI, PARAMS_PANEL, AdwPreferencesGroup)

GtkWidget *svgai_params_panel_new (void);
/* Shows params without announcing a change. */
void svgai_params_panel_set_params (SvgaiParamsPanel *self, const SvgaiParams *params,
                                    gboolean user_set, SvgaiTier tier);
/* Whether "Reset to Automatic" has something to reset (the parameters, or
 * only recolours): set after svgai_params_panel_set_params. */
void svgai_params_panel_set_can_reset (SvgaiParamsPanel *self, gboolean can_reset);
void svgai_params_panel_get_params (SvgaiParamsPanel *self, SvgaiParams *params);
/* Sets one numeric parameter as the user would (tests, keyboard). */
/* Applies preset i (0 = Logo … 4 = Line Art, then the user's own in the
 * order saved) as the user would: one change. */
void svgai_params_panel_apply_preset (SvgaiParamsPanel *self, guint i);
/* Saves the current parameters as the user's preset name (GSettings
 * user-presets; the same name replaces it). */
void svgai_params_panel_save_preset (SvgaiParamsPanel *self, const char *name);
void svgai_params_panel_set_value (SvgaiParamsPanel *self, const char *name, double value);

G_END_DECLS
