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
/* The colour a traced colour is painted: its entry's to, or itself. */
SvgaiColor svgai_recolor_map_lookup (const SvgaiRecolorMap *map, const SvgaiColor *traced);
/* result with the map applied to its colours (each entry to the nearest
 * within SVGAI_RECOLOR_MATCH_DELTA_E, others left out), or a new reference
 * to result when no entry applies. */
SvgaiResult *svgai_recolor_apply (SvgaiResult *result, const SvgaiRecolorMap *map);
/* svg rendered with librsvg at width × height, straight RGBA; NULL on error. */
SvgaiImage *svgai_recolor_render (GBytes *svg, int width, int height);

G_END_DECLS
