#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The traced geometry, in source pixel coordinates (y down), shared by the SVG
 * writer and the cairo renderer so that what is measured is what is written. */

typedef enum {
  SVGAI_SEGMENT_MOVE,       /* starts a closed contour at p[2] */
  SVGAI_SEGMENT_LINE,       /* line to p[2] */
  SVGAI_SEGMENT_CURVE,      /* cubic Bézier with controls p[0], p[1], end p[2] */
  SVGAI_SEGMENT_CLOSE,      /* closes the current contour */
} SvgaiSegmentKind;

typedef struct {
  double x, y;
} SvgaiPoint;

typedef struct {
  SvgaiSegmentKind kind;
  SvgaiPoint p[3];
} SvgaiSegment;

/* A linear gradient fill: colour `from_rgb` at `from`, `to_rgb` at `to`,
 * interpolated in sRGB between them and padded beyond (SVG's defaults). */
typedef struct {
  gboolean active;
  SvgaiPoint from, to;
  guint8 from_rgb[3], to_rgb[3];
} SvgaiGradient;

typedef struct {
  guint8 r, g, b, a;        /* straight colour of this layer */
  SvgaiGradient gradient;   /* when active, fills instead of r, g, b */
  GArray *segments;         /* of SvgaiSegment; contours one after another */
} SvgaiLayer;

typedef struct {
  int width;
  int height;
  GPtrArray *layers;        /* of SvgaiLayer*, painted bottom to top */
  gatomicrefcount ref_count;
} SvgaiVector;

SvgaiVector *svgai_vector_new (int width, int height);
SvgaiVector *svgai_vector_ref (SvgaiVector *vector);
void svgai_vector_unref (SvgaiVector *vector);
/* Appends a layer and returns it (owned by the vector). */
SvgaiLayer *svgai_vector_add_layer (SvgaiVector *vector, guint8 r, guint8 g, guint8 b, guint8 a);
/* Number of contours (sub-paths) and of nodes (segment end points). */
guint svgai_vector_count_nodes (const SvgaiVector *vector);
guint svgai_vector_count_contours (const SvgaiVector *vector);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvgaiVector, svgai_vector_unref)

G_END_DECLS
