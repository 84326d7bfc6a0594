/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include "svgai-vector.h"

G_BEGIN_DECLS

/* Which SVG element draws a layer: a designer who opens the file finds a
 * disc as a <circle> with its centre and radius, a plate as a <rect> with
 * its corner radius, as if drawn with the editor's own tools. */
typedef enum {
  SVGAI_SVG_SHAPE_PATH,
  SVGAI_SVG_SHAPE_RECT,      /* x, y, width, height, rx (0: square corners) */
  SVGAI_SVG_SHAPE_CIRCLE,    /* cx, cy, rx */
  SVGAI_SVG_SHAPE_ELLIPSE,   /* cx, cy, rx, ry, turned by angle degrees */
} SvgaiSvgShapeKind;

typedef struct {
  SvgaiSvgShapeKind kind;
  double x, y, width, height;
  double cx, cy, rx, ry, angle;
} SvgaiSvgShape;

/* The element for the contours in segs (MOVE … CLOSE, one after another):
 * a single contour that is exactly an upright rectangle (lines, and four
 * quarter circles at its corners) or an ellipse (four quarter arcs, as
 * svgai-primitives.c writes them), within `slack` px, is one; anything
 * else is a path. */
SvgaiSvgShape svgai_svg_shape_of (const GArray *segs, double slack);

G_END_DECLS
