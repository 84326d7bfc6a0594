#pragma once

#include <adwaita.h>
#include "svgai-job.h"

G_BEGIN_DECLS

/* SSIM (measured and predicted), PSNR, and what the SVG costs. */

#define SVGAI_TYPE_QUALITY_PANEL (svgai_quality_panel_get_type ())
G_DECLARE_FINAL_TYPE (SvgaiQualityPanel, svgai_quality_panel, SVGAI, QUALITY_PANEL, AdwPreferencesGroup)

GtkWidget *svgai_quality_panel_new (void);
void svgai_quality_panel_set_output (SvgaiQualityPanel *self, SvgaiJobOutput *output);
/* "96.9 %": the match a designer reads first (SSIM as a percentage). */
const char *svgai_quality_panel_get_match_text (SvgaiQualityPanel *self);
const char *svgai_quality_panel_get_ssim_text (SvgaiQualityPanel *self);

G_END_DECLS
