/* placeholder: being written (issue 3) */
#include "svgai-classifier.h"
#include <string.h>
static const char *names[] = { "simple", "text", "gradient", "complex" };
const char *svgai_logo_class_to_string (SvgaiLogoClass c) { return names[c]; }
gboolean svgai_logo_class_from_string (const char *s, SvgaiLogoClass *out)
{ for (int i = 0; i < 4; i++) if (g_strcmp0 (s, names[i]) == 0) { *out = i; return TRUE; } return FALSE; }
void svgai_classify_rules (const SvgaiFeatures *f, SvgaiClassification *out)
{ memset (out, 0, sizeof *out); out->confidence = 1; out->probabilities[0] = 1; }
gboolean svgai_classify (const SvgaiFeatures *f, SvgaiClassification *out, GError **error)
{ svgai_classify_rules (f, out); return TRUE; }
