/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include "svgai-image.h"
#include "svgai-palette.h"

G_BEGIN_DECLS

/* What a layer's coverage is computed from: the palette's colours (in
 * drawing order, bottom first) and mixes, the source, each pixel's main
 * colour, whether layers are stacked (each also covers the opaque shapes
 * above it that touch it) or cut out, and the trace's deadline. */
typedef struct {
  const SvgaiPalette *palette;
  const SvgaiImage *image;
  const gint8 *dominant;    /* per pixel: the colour it mostly is, -1 for background */
  gboolean stacked;
  gint64 deadline;          /* monotonic µs */
  gint *timed_out;          /* set (atomically) once the deadline has passed */
} SvgaiLayerStack;

/* Coverage of layer k at each source pixel, 0..255, into field. In stacked
 * layering the layer also covers the colours above it where they touch it
 * (their pixels marked in attached), a pixel short of their outer edges;
 * scratch holds a pixel's worth of guint32 per source pixel. */
void svgai_layer_field (const SvgaiLayerStack *stack, int k, guint8 *field, guint8 *attached, guint32 *scratch);

/* Per pixel: whether opaque colours above k cover it completely, so that
 * layer k's outline there is never seen. */
void svgai_layer_covered_above (const SvgaiLayerStack *stack, int k, guint8 *covered);

G_END_DECLS
