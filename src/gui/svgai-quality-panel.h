#pragma once

#include <adwaita.h>
#include "svgai-job.h"

G_BEGIN_DECLS

/* SSIM (measured and predicted, the prediction only inside the training
 * range), PSNR, what the SVG costs, and the verdict on a photo. */

#define SVGAI_TYPE_QUALITY_PANEL (svgai_quality_panel_get_type ())
G_DECLARE_FINAL_TYPE (SvgaiQualityPanel, svgai_quality_panel, SVGAI, QUALITY_PANEL, AdwPreferencesGroup)

GtkWidget *svgai_quality_panel_new (void);
/* name: the image's, for the verdict on a photo. */
void svgai_quality_panel_set_output (SvgaiQualityPanel *self, SvgaiJobOutput *output, const char *name);
/* "96.9 %": the match a designer reads first (SSIM as a percentage). */
const char *svgai_quality_panel_get_match_text (SvgaiQualityPanel *self);
const char *svgai_quality_panel_get_ssim_text (SvgaiQualityPanel *self);
/* The predicted SSIM, "not shown" outside the training range, or "—". */
const char *svgai_quality_panel_get_predicted_text (SvgaiQualityPanel *self);
/* The verdict on a photo or noise ("does not resemble its source"), NULL
 * for a logo. */
const char *svgai_quality_panel_get_verdict (SvgaiQualityPanel *self);

G_END_DECLS
