#pragma once

#include "svgai-gradient.h"
#include "svgai-image.h"
#include "svgai-shading.h"
#include "svgai-vector.h"

G_BEGIN_DECLS

/* How each shape of a traced layer is filled. A layer's palette colour is an
 * average over similar colours; under each shape the source may be a
 * slightly different colour, or shaded. */
typedef enum {
  SVGAI_FILL_LAYER,         /* the layer's colour (or its gradient) */
  SVGAI_FILL_FLAT,          /* its own flat colour */
  SVGAI_FILL_GRADIENT,      /* its own gradient */
  SVGAI_FILL_SHADED,        /* its own shading: a base and blobs over it */
} SvgaiFillKind;

typedef struct {
  SvgaiFillKind kind;
  guint8 rgb[3];
  SvgaiGradient gradient;
  SvgaiShading *shading;    /* SVGAI_FILL_SHADED's, owned (g_free) */
} SvgaiFill;

/* Chooses fills for the shapes of layer k. `segments` holds the layer's
 * contours; shape i is segments [starts[i], starts[i+1]) (an outline and
 * its holes). Pixels count when their alpha is the layer's. `dominant` gives each pixel's palette colour (-1 background);
 * `fades`: the layer is a soft shadow's (SvgaiPaletteColor.fades).
 * Sets *layer_gradient when one gradient fits the whole layer (then every
 * shape is SVGAI_FILL_LAYER but those flat in a colour of their own, which
 * are SVGAI_FILL_FLAT), else fills[i] per shape. `fills` (one per shape)
 * is cleared first: no shading is taken over from it. */
void svgai_fill_choose (const SvgaiImage *image,
                        const gint8 *dominant,
                        int k,
                        const guint8 layer_rgb[3],
                        guint8 layer_alpha,
                        gboolean fades,
                        const GArray *segments,
                        const GArray *starts,
                        double grid,
                        SvgaiGradient *layer_gradient,
                        SvgaiFill *fills);

G_END_DECLS
