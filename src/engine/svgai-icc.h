#pragma once

#include "svgai.h"

G_BEGIN_DECLS

/* Embedded colour profiles (issue 14: colours are read in sRGB). */

/* Converts @image's RGB in place from the ICC profile @icc (@length bytes)
 * to sRGB, alpha untouched; a profile equivalent to sRGB leaves the pixels
 * as they are. A grey profile applies to an image whose pixels are all
 * grey (a greyscale file as decoded). Returns FALSE, pixels unchanged, when
 * the profile cannot be used (unreadable, or for other colours than the
 * image's), with *reason set to why (a translated phrase, to be freed). */
gboolean svgai_icc_to_srgb (SvgaiImage *image, const guint8 *icc, gsize length, char **reason);

/* The same for the base64 text gdk-pixbuf gives as the option "icc-profile"
 * (PNG iCCP, JPEG APP2). */
gboolean svgai_icc_to_srgb_base64 (SvgaiImage *image, const char *icc_base64, char **reason);

G_END_DECLS
