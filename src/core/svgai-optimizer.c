/* placeholder: being written (issue 3) */
#include "svgai-optimizer.h"
#include <string.h>
static const char *names[] = { "fast", "balanced", "quality" };
const char *svgai_tier_to_string (SvgaiTier t) { return names[t]; }
gboolean svgai_tier_from_string (const char *s, SvgaiTier *out)
{ for (int i = 0; i < 3; i++) if (g_strcmp0 (s, names[i]) == 0) { *out = i; return TRUE; } return FALSE; }
void svgai_optimize_info_clear (SvgaiOptimizeInfo *info) { g_clear_pointer (&info->result, svgai_result_unref); }
gboolean svgai_optimize_full (SvgaiImage *image, const SvgaiFeatures *features, SvgaiLogoClass logo_class,
                              SvgaiTier tier, double time_limit_s, GCancellable *cancellable,
                              SvgaiParams *out, SvgaiOptimizeInfo *info, GError **error)
{ svgai_params_init_default (out); if (info) memset (info, 0, sizeof *info); return TRUE; }
gboolean svgai_optimize (SvgaiImage *image, const SvgaiFeatures *features, SvgaiLogoClass logo_class,
                         SvgaiTier tier, double time_limit_s, GCancellable *cancellable,
                         SvgaiParams *out, GError **error)
{ return svgai_optimize_full (image, features, logo_class, tier, time_limit_s, cancellable, out, NULL, error); }
