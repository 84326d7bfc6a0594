#pragma once

#include "svgai.h"

G_BEGIN_DECLS

/* The traced geometry (SvgaiVector, svgai.h), shared by the SVG writer and
 * the cairo renderer so that what is measured is what is written. */

SvgaiVector *svgai_vector_new (int width, int height);

/* A quarter circle's control arm, as a share of the radius. */
#define SVGAI_KAPPA 0.5522847498

/* The point at t of the cubic p0, p1, p2, p3 (Bernstein form). */
static inline SvgaiPoint
svgai_cubic_at (SvgaiPoint p0, SvgaiPoint p1, SvgaiPoint p2, SvgaiPoint p3, double t)
{
  double u = 1 - t;
  double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
  SvgaiPoint r = {
    a * p0.x + b * p1.x + c * p2.x + d * p3.x,
    a * p0.y + b * p1.y + c * p2.y + d * p3.y,
  };
  return r;
}

/* The point at t of segment s (a curve) starting at p0. */
static inline SvgaiPoint
svgai_segment_at (SvgaiPoint p0, const SvgaiSegment *s, double t)
{
  return svgai_cubic_at (p0, s->p[0], s->p[1], s->p[2], t);
}
/* Kinks: joins of the outlines where the direction turns by more than
 * `degrees` (true corners among them). A measure of faceting that needs no
 * original: the quality tier may not add any over the balanced tier's
 * choice. */
guint svgai_vector_count_kinks (const SvgaiVector *vector, double degrees);
/* The same, with each kink's position appended to `at` (a GArray of
 * SvgaiPoint; may be NULL). */
guint svgai_vector_find_kinks (const SvgaiVector *vector, double degrees, GArray *at);
/* Whether layer i has the very outline of the layer before it (a
 * shading's blobs, svgai-shading.h): the SVG writes it once, as a clip
 * path, and counts of nodes and kinks take it once. */
gboolean svgai_vector_repeats_outline (const SvgaiVector *vector, guint i);
/* Shapes as a designer counts them: a shading's blobs are part of its
 * shape. */
guint svgai_vector_count_paths (const SvgaiVector *vector);
/* Appends a layer and returns it (owned by the vector). */
SvgaiLayer *svgai_vector_add_layer (SvgaiVector *vector, guint8 r, guint8 g, guint8 b, guint8 a);

G_END_DECLS
