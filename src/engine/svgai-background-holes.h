#pragma once

#include "svgai-image.h"

G_BEGIN_DECLS

/* A colour of the artwork covers at least this share of its interior. */
#define HOLE_COLOUR_SHARE 0.05
/* An enclosed white region of a logo of several colours is its own white
 * (a glyph, a highlight) when the artwork around it is, at the median of
 * its rim, at least this many times as wide as the region's half-width:
 * a shape set on a plate. A counter or the inside of a ring has a band
 * around it about as wide as its own half-width, or thinner. On the
 * devset's JPEGs, holes of logos of several colours reach 1.9 (testlodge),
 * white glyphs start at 2.4 (C#). */
#define HOLE_GLYPH_BAND 2.1
/* A plate is wide, too: its band is at least this share of the logo's
 * size (its larger side). Around a small letter's counter (a wordmark's
 * e, a, b) the stroke is several times the counter's half-width but only
 * a few pixels: on the devset's JPEGs, counters' bands reach 19 px of 256
 * (Cerebras), plates' start at 28 (C#). */
#define HOLE_PLATE_WIDTH 0.08

/* Marks (1) the regions within @tolerance of the background colour @bg
 * that @mark leaves at 0 (the artwork encloses them) and that are holes of
 * the artwork rather than its own white: in a logo of one colour (with
 * white), every such region (a one-colour logo's white on white paper is
 * a knockout); in a logo of several colours, those the band rule above
 * calls no glyph. @mark holds 1 for the background reached from the
 * border. Nothing changes when memory runs out. */
void svgai_background_open_holes (const SvgaiImage *image, const int *bg, int tolerance, guint8 *mark);

G_END_DECLS
