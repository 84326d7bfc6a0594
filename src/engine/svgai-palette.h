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

/* The colour a pixel mostly is, or -1 where it is mostly background. */
static inline int
svgai_pixel_mix_main (SvgaiPixelMix m)
{
  if (m.alpha < 128)
    return -1;
  return m.share >= 128 ? m.first : m.second;
}

typedef struct {
  int n_colors;
  SvgaiPaletteColor colors[SVGAI_MAX_COLORS];
  SvgaiPixelMix *mix;       /* width × height, indices into colors */
  int width;
  int height;
} SvgaiPalette;

/* max_colors 0 = automatic. Returns NULL only on allocation failure. The
 * colours come sorted by area, largest first. */
SvgaiPalette *svgai_palette_new (const SvgaiImage *image, int max_colors);
/* The same for an image smoothed of compression noise: there most pixels
 * that no two palette colours explain are ringing around edges, so only
 * those far from every mixture (thin lines of colours of their own) add
 * colours. */
SvgaiPalette *svgai_palette_new_denoised (const SvgaiImage *image, int max_colors);
void svgai_palette_free (SvgaiPalette *palette);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvgaiPalette, svgai_palette_free)

G_END_DECLS
