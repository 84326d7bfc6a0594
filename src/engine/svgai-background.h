#pragma once

#include "svgai-image.h"
#include "svgai-params.h"

G_BEGIN_DECLS

/* A logo handed over on a solid background (a JPEG on white): the
 * background colour where it reaches the border becomes transparent, and
 * the pixels along the artwork's edge, blends of artwork and background,
 * become the artwork's colour at the coverage the blend shows. White inside
 * the artwork (not connected to the border) stays, but for a lossy source
 * (flattened, so its holes show as white too) where the artwork's
 * geometry and colours call it a hole (svgai-background-holes.h).
 *
 * Returns a new image, or NULL when nothing is removed (KEEP; AUTO and no
 * solid colour on most of the border and around the artwork; REMOVE and no
 * opaque border). *removed receives the colour removed; a sentence saying
 * why nothing was removed is appended to @warnings for REMOVE. */
SvgaiImage *svgai_background_remove (const SvgaiImage *image, SvgaiBackground mode, SvgaiColor *removed,
                                     GPtrArray *warnings);
/* The same for a @lossy source restored by svgai_restore_lossy(): its edges
 * are wider and its edge pixels exact blends. */
SvgaiImage *svgai_background_remove_full (const SvgaiImage *image, SvgaiBackground mode, gboolean lossy,
                                          SvgaiColor *removed, GPtrArray *warnings);

G_END_DECLS
