#pragma once

#include "svgai.h"

G_BEGIN_DECLS

/* The traced geometry (SvgaiVector, svgai.h), shared by the SVG writer and
 * the cairo renderer so that what is measured is what is written. */

SvgaiVector *svgai_vector_new (int width, int height);
/* Appends a layer and returns it (owned by the vector). */
SvgaiLayer *svgai_vector_add_layer (SvgaiVector *vector, guint8 r, guint8 g, guint8 b, guint8 a);

G_END_DECLS
