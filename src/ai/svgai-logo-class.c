/* The logo classes' names, as in JSON and the model files. */
#include "svgai.h"

static const char *const names[SVGAI_N_LOGO_CLASSES] = { "simple", "text", "gradient", "complex" };

const char *
svgai_logo_class_to_string (SvgaiLogoClass logo_class)
{
  g_return_val_if_fail (logo_class < SVGAI_N_LOGO_CLASSES, NULL);
  return names[logo_class];
}

gboolean
svgai_logo_class_from_string (const char *s, SvgaiLogoClass *out)
{
  for (guint i = 0; i < SVGAI_N_LOGO_CLASSES; i++)
    if (g_strcmp0 (s, names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}
