/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <potracelib.h>
#include "svgai-coverage.h"

G_BEGIN_DECLS

/* What turning one layer's potrace paths into contours needs. */
typedef struct {
  int factor;               /* bitmap pixels per source pixel */
  double grid;              /* coordinates are multiples of 1/grid */
  double smooth;            /* the parameters' */
  double tolerance;         /* the parameters', px */
  double refit_tolerance;   /* px */
  const gint8 *dominant;    /* per source pixel: the colour it mostly is */
  int width, height;        /* source pixels */
} SvgaiContourSpec;

/* The trace's threads share out the contours of every layer: the contours
 * of a layer's paths are independent of one another, and a thread with no
 * layer left to trace converts those of a layer another thread traced
 * (a one-colour logo is one layer, and its contours take most of its
 * trace). */
typedef struct _SvgaiContourPool SvgaiContourPool;

SvgaiContourPool *svgai_contour_pool_new (void);
void svgai_contour_pool_free (SvgaiContourPool *pool);

/* Around a thread's claim of a layer and its trace, whether or not the
 * claim found one: while any thread is within, helpers wait for work. */
void svgai_contour_pool_begin_layer (SvgaiContourPool *pool);
void svgai_contour_pool_end_layer (SvgaiContourPool *pool);

/* Converts other threads' contours until no thread is in a layer. */
void svgai_contour_pool_help (SvgaiContourPool *pool);

/* A dominant map's colours: gint8, 0 up. */
#define SVGAI_DOMINANT_COLOURS (G_MAXINT8 + 1)

/* Which colours (speck[k]) are the main colour of a speck's worth of
 * pixels only, none with its four neighbours of that colour too (an
 * anti-aliased pixel where two ramps meet, unmixed into a third colour):
 * is_speck's rule for the whole colour, in one pass over the image. Their
 * layers trace as nothing. A stacked layer of one would reach under every layer
 * above it: a whole silhouette for one pixel (Cycle.js's fold apex, 800
 * bytes and a darker rim along the logo's edge). The pixel itself is then
 * only as covered as the layers above reach (the apex: alpha 39 where the
 * PNG has 171); giving it to a neighbour's colour instead moved that
 * colour's gradient fit (Neovim, 1x SSIM -0.0012). */
void svgai_trace_speck_colours (const SvgaiContourSpec *spec, gboolean speck[SVGAI_DOMINANT_COLOURS]);

/* Layer k's paths (potrace's tree) as contours into segs, shape by shape:
 * an outline followed by its holes, specks left out. starts gets the index
 * in segs of each shape's first segment. compact and compact_starts (may
 * be NULL) get the same shapes in fewer, shorter segments (svgai-refit.h):
 * the ones to write once the fills are chosen on segs. The pool's helpers
 * convert some of them; coverage must stay as it is until this returns. */
void svgai_trace_contours (SvgaiContourPool *pool, const SvgaiContourSpec *spec, int k, potrace_path_t *plist,
                           const SvgaiCoverage *coverage, GArray *segs, GArray *starts, GArray *compact,
                           GArray *compact_starts);

G_END_DECLS
