#pragma once

#include <gtk/gtk.h>
#include "svgai.h"

G_BEGIN_DECLS

/* A designer's recolours of one image: a fill colour as traced → the colour
 * wanted. Each image keeps its map and applies it to every new tracing, so a
 * re-trace keeps the recolours; applying one never traces. */
typedef struct {
  guint n;
  SvgaiColor from[SVGAI_MAX_COLOR_RULES];
  SvgaiColor to[SVGAI_MAX_COLOR_RULES];
} SvgaiRecolorMap;

/* A traced colour this close (ΔE00) to a map entry's from colour is that
 * colour: a re-trace may move a colour slightly. */
#define SVGAI_RECOLOR_MATCH_DELTA_E 5.0

gboolean svgai_recolor_map_equal (const SvgaiRecolorMap *a, const SvgaiRecolorMap *b);
/* Paints from as to (to equal to from forgets from); FALSE when full. */
gboolean svgai_recolor_map_set (SvgaiRecolorMap *map, const SvgaiColor *from, const SvgaiColor *to);
/* The colours n traced swatches are painted: each entry paints the one
 * swatch nearest its from colour (the same, unless a re-trace moved it
 * within SVGAI_RECOLOR_MATCH_DELTA_E); the others keep their own. */
void svgai_recolor_map_paint (const SvgaiRecolorMap *map, const SvgaiSwatch *swatches, guint n,
                              SvgaiColor *painted);
/* result painted as svgai_recolor_map_paint says, or a new reference to
 * result when no entry applies. */
SvgaiResult *svgai_recolor_apply (SvgaiResult *result, const SvgaiRecolorMap *map);
/* svg rendered with librsvg at width × height, straight RGBA; NULL on error. */
SvgaiImage *svgai_recolor_render (GBytes *svg, int width, int height);

G_END_DECLS
