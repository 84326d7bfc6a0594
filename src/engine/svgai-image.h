#pragma once

#include "svgai.h"

G_BEGIN_DECLS

/* SvgaiImage and its loaders are public (svgai.h); this is the engine's own
 * part. */

/* TRUE if any pixel has alpha < 255. */
gboolean svgai_image_has_transparency (const SvgaiImage *image);

/* Whether the image was decoded from a lossy file (JPEG, lossy WebP), as
 * the loader found it; an image made any other way is not. Kept beside the
 * image (the public struct has no room for it) until it is freed. */
void svgai_image_set_lossy (SvgaiImage *image, gboolean lossy);
gboolean svgai_image_is_lossy (const SvgaiImage *image);

/* What the loader could not do right for this file, as a warning the
 * tracer passes on (an embedded colour profile it could not use); NULL if
 * none. Kept beside the image like the lossy flag; a copy is returned. */
void svgai_image_set_warning (SvgaiImage *image, const char *warning);
char *svgai_image_dup_warning (const SvgaiImage *image);

static inline guint8 *
svgai_image_pixel (const SvgaiImage *image, int x, int y)
{
  return image->pixels + ((gsize) y * (gsize) image->width + (gsize) x) * 4;
}

G_END_DECLS
