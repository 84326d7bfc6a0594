/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include "svgai-floor.h"
#include "svgai-vector.h"

G_BEGIN_DECLS

/* A layer's coverage, 0–255 per source pixel, as the tracer thresholded
 * it. potrace traces that mask upsampled, so its outline can sit only on
 * the upsampled grid (a third of a pixel at 256 px) and off by up to a
 * sixth of a pixel; the coverage itself knows where the edge is. */
typedef struct {
  const guint8 *data;
  int width, height;
  /* Optional: per pixel the colour it mostly is (-1 background), and the
   * layer this coverage is of. Where a colour above covers the outline,
   * the layer's edge is hidden and the coverage there is made up (the
   * stacked layer reaches under its neighbour): nothing to read. */
  const gint8 *dominant;
  int layer;
  /* Optional: per pixel, nonzero where opaque colours above the layer
   * cover it completely. */
  const guint8 *covered;
  /* Optional: the ink as the source holds it, 0–255 of an opaque pixel
   * (data is clipped at the colour's alpha and thin lines' ridges are
   * raised for potrace), and the alpha of the layer's colour. */
  const guint8 *ink;
  int ink_alpha;
} SvgaiCoverage;

/* Where the edge through p really is. Along the normal of the outline at
 * p (`tangent`, a unit vector, gives its direction), the coverage falls
 * from the ink's level to the outside's; for a box-filtered straight edge
 * the integral of that profile locates the edge exactly. Stores in
 * *shift the move that puts p on it and returns TRUE, or returns FALSE
 * where the profile is not one clean edge within 1.5 px (a thin line, a
 * corner, a neighbouring edge) or where the edge is hidden. */
gboolean svgai_coverage_edge_shift (const SvgaiCoverage *coverage, SvgaiPoint p, SvgaiPoint tangent,
                                    SvgaiPoint *shift);

/* Whether a colour above the layer hides p: the source pixel under p is
 * completely covered by opaque colours above it (FALSE without
 * coverage->covered). Their outline runs through the partly covered
 * pixels around it, half a pixel away or more. */
gboolean svgai_coverage_hidden (const SvgaiCoverage *coverage, SvgaiPoint p);

/* Bilinear coverage at (x, y), 0–1, pixel centres at half-integers.
 * Outside the image it is the border's: artwork the image cuts off has
 * no edge there (a bar cut by the image's edge keeps its square end
 * there). But beyond a border pixel covered less (by over
 * SVGAI_COVERAGE_CUT_SLACK levels) than the pixel inside it, it is
 * nothing: the shape's own edge lies in that pixel (a letter's bowl
 * that comes within a fraction of a pixel of the image's edge, Groq's
 * g and most of devset/256's round logos: they came out flat along the
 * edge). Inline: the edge and thin-line searches read it millions of
 * times. */
#define SVGAI_COVERAGE_CUT_SLACK 8
static inline double
svgai_coverage_read (const SvgaiCoverage *c, double x, double y)
{
  double fx = x - 0.5, fy = y - 0.5;
  int ix = svgai_floor_int (fx), iy = svgai_floor_int (fy);
  double tx = fx - ix, ty = fy - iy, v[2][2];

  /* Inside, the four pixels without clamping: most reads are. */
  if (ix >= 0 && iy >= 0 && ix < c->width - 1 && iy < c->height - 1)
    {
      const guint8 *p = c->data + (gsize) iy * c->width + ix;

      return ((p[0] * (1 - tx) + p[1] * tx) * (1 - ty) + (p[c->width] * (1 - tx) + p[c->width + 1] * tx) * ty) / 255.0;
    }
  for (int j = 0; j < 2; j++)
    for (int i = 0; i < 2; i++)
      {
        int px = CLAMP (ix + i, 0, c->width - 1), py = CLAMP (iy + j, 0, c->height - 1);
        v[j][i] = c->data[(gsize) py * c->width + px];
        /* Where the coverage falls towards the border, the shape's own
         * edge lies in the border pixel: beyond it is no ink. */
        if (px != ix + i || py != iy + j)
          {
            int qx = CLAMP (px + (ix + i < 0) - (ix + i >= c->width), 0, c->width - 1);
            int qy = CLAMP (py + (iy + j < 0) - (iy + j >= c->height), 0, c->height - 1);

            if (v[j][i] + SVGAI_COVERAGE_CUT_SLACK < c->data[(gsize) qy * c->width + qx])
              v[j][i] = 0;
          }
      }
  return ((v[0][0] * (1 - tx) + v[0][1] * tx) * (1 - ty) + (v[1][0] * (1 - tx) + v[1][1] * tx) * ty) / 255.0;
}

/* The coverage at p, 0–1, interpolated between pixel centres. */
static inline double
svgai_coverage_at (const SvgaiCoverage *coverage, SvgaiPoint p)
{
  return svgai_coverage_read (coverage, p.x, p.y);
}

/* The ink in the box (x0, y0)–(x1, y1), px², the bilinear coverage
 * integrated on an eighth of a pixel: an anti-aliased shape's area. */
double svgai_coverage_integral (const SvgaiCoverage *coverage, double x0, double y0, double x1, double y1);

G_END_DECLS
