#pragma once

#include <glib.h>
#include "svgai-image.h"
#include "svgai-params.h"

G_BEGIN_DECLS

/* The colours of a logo, chosen in OKLab from its flat areas, and every
 * pixel explained as a mixture of at most two palette colours plus
 * transparency, so that anti-aliased edges become coverage, not colours. */

typedef struct {
  guint8 r, g, b;
  guint8 a;                 /* 255 unless the logo is translucent there */
  double area;              /* total coverage in pixels, after unmixing */
  gboolean locked;          /* exactly as the caller asked (lock, palette, merge) */
  gboolean fades;           /* a soft shadow's: its pixels fade out (svgai-bands.c), so
                             * it hides nothing under it however opaque its colour */
} SvgaiPaletteColor;

/* Per pixel: the share that belongs to `first` (0..255, the rest to
 * `second`) and how much of the pixel the colours cover (its alpha relative
 * to the alpha of its main colour; 0 = background). */
typedef struct {
  guint8 first;
  guint8 second;
  guint8 share;
  guint8 alpha;
} SvgaiPixelMix;

/* The colour a pixel's share favours, whatever its coverage. */
static inline int
svgai_pixel_mix_favoured (SvgaiPixelMix m)
{
  return m.share >= 128 ? m.first : m.second;
}

/* The colour a pixel mostly is, or -1 where it is mostly background. */
static inline int
svgai_pixel_mix_main (SvgaiPixelMix m)
{
  if (m.alpha < 128)
    return -1;
  return svgai_pixel_mix_favoured (m);
}

/* Coverage (SvgaiPixelMix.alpha) of a pixel of alpha a by a colour of
 * alpha ca: a translucent colour fully covers a pixel at its own alpha. */
static inline guint8
svgai_pixel_coverage (guint8 a, guint8 ca)
{
  return ca >= a ? (guint8) ((a * 255 + ca / 2) / MAX (ca, 1)) : 255;
}

/* Layer k's share of a pixel, 0..255: of colour k alone, or, for a pixel
 * of k's own in stacked layering (`with_above`), of k and every colour
 * above it, so that its edge pixels are all of their coverage. */
static inline guint
svgai_pixel_mix_layer_share (SvgaiPixelMix m, int k, gboolean with_above)
{
  if (with_above)
    return (m.first >= k ? m.share : 0) + (m.second >= k ? 255 - m.share : 0);
  return (m.first == k ? m.share : 0) + (m.second == k ? 255 - m.share : 0);
}

typedef struct {
  int n_colors;
  SvgaiPaletteColor colors[SVGAI_MAX_COLORS];
  SvgaiPixelMix *mix;       /* width × height, indices into colors */
  int width;
  int height;
} SvgaiPalette;

/* max_colors 0 = automatic. Returns NULL only on allocation failure. The
 * colours come sorted by area, largest first (the drawing order, bottom
 * first; svgai_bands_merge() may append colours and move fading ones to
 * the bottom). */
SvgaiPalette *svgai_palette_new (const SvgaiImage *image, int max_colors);
/* The same for an image smoothed of compression noise: there most pixels
 * that no two palette colours explain are ringing around edges, so only
 * those far from every mixture (thin lines of colours of their own) add
 * colours. */
SvgaiPalette *svgai_palette_new_denoised (const SvgaiImage *image, int max_colors);
/* The same under the colour control of @params (colors, palette, locks,
 * merges); what it cannot do is appended to @warnings (of char*, may be
 * NULL). */
SvgaiPalette *svgai_palette_new_full (const SvgaiImage *image, const SvgaiParams *params, gboolean denoised,
                                      GPtrArray *warnings);
void svgai_palette_free (SvgaiPalette *palette);

/* The colours chosen so far, before pixels are unmixed into them. */
typedef struct {
  int n;
  int rgb[SVGAI_MAX_COLORS][3];
  guint8 alpha[SVGAI_MAX_COLORS];
  gboolean locked[SVGAI_MAX_COLORS];
} SvgaiPaletteDraft;

/* svgai-palette-exact.c: flat areas of partial alpha (a shape at 40 % on
 * transparency) become translucent colours of their own, at most up to
 * @limit colours in all. */
void svgai_palette_draft_add_translucent (SvgaiPaletteDraft *draft, const SvgaiImage *image, int limit);
/* Each colour becomes the per-channel median of the flat pixels nearest it,
 * so a flat colour of the source comes out exactly; then colours that land
 * within a just-noticeable difference of another are one (when @merge;
 * a few differences for a @noisy, denoised source). */
void svgai_palette_draft_snap (SvgaiPaletteDraft *draft, const SvgaiImage *image, gboolean merge, gboolean noisy);
/* How far a pixel of alpha @a is from being a colour of alpha @ca: a pixel
 * can be an edge of a more opaque colour, not of a more translucent one. */
static inline int
svgai_palette_alpha_penalty (int a, int ca)
{
  if (a > ca + 16)
    return (a - ca) * (a - ca);
  return ca > a ? ((ca - a) / 16) * ((ca - a) / 16) : 0;
}
/* Removes colour @i, keeping the order of the others. */
void svgai_palette_draft_remove (SvgaiPaletteDraft *draft, int i);

/* svgai-palette-control.c: applies the caller's palette, locks and merges,
 * and says when --colors N cannot be met. */
void svgai_palette_draft_control (SvgaiPaletteDraft *draft, const SvgaiParams *params, GPtrArray *warnings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvgaiPalette, svgai_palette_free)

G_END_DECLS
