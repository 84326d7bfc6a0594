/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the refit (svgai-refit.c) and its least-squares cubic fitter
 * (svgai-refit-fit.c). */
#include <glib.h>
#include <math.h>
#include "svgai-vector.h"
#include "svgai-hypot.h"

G_BEGIN_DECLS

typedef SvgaiPoint P;

/* Index i of a closed outline of n samples, whatever its sign. Most
 * indices are within a turn of the outline: those without a division. */
static inline int
wrap (int i, int n)
{
  if (i >= 0 && i < n)
    return i;
  if (i < 0 && i >= -n)
    return i + n;
  if (i >= n && i - n < n)
    return i - n;
  return (i % n + n) % n;
}

static inline P
add (P a, P b)
{
  return (P) { a.x + b.x, a.y + b.y };
}

static inline P
sub (P a, P b)
{
  return (P) { a.x - b.x, a.y - b.y };
}

static inline P
scale (P a, double s)
{
  return (P) { a.x * s, a.y * s };
}

static inline double
dot (P a, P b)
{
  return a.x * b.x + a.y * b.y;
}

/* The z of the cross product: > 0 where b turns left of a. */
static inline double
cross (P a, P b)
{
  return a.x * b.y - a.y * b.x;
}

static inline P
unit (P a)
{
  double l = svgai_hypot (a.x, a.y);
  return l > 1e-12 ? scale (a, 1 / l) : (P) { 0, 0 };
}

static inline P
bezier (const P b[4], double t)
{
  double u = 1 - t;
  return add (add (scale (b[0], u * u * u), scale (b[1], 3 * u * u * t)),
              add (scale (b[2], 3 * u * t * t), scale (b[3], t * t * t)));
}

typedef struct {
  GArray *out;       /* SvgaiSegment */
  double tolerance;
  double *u;         /* parameters, one per sample */
  /* Per sample, its distance from the one before, < 0 until a fit needs
   * it: the fits of the pieces a split makes need the same ones again. */
  double *dist;
  int grid;
  const gboolean *hidden;   /* per sample, or NULL: svgai_coverage_hidden */
  GArray *compact;          /* or NULL: the same segments, fewer and shorter to write */
} Fitter;

/* The least-squares line through `count` samples of the closed outline
 * pts (n samples), from pts[first] on every `step` (+1 or −1): a point
 * and a unit direction. Returns the samples' worst distance from it. */
double svgai_refit_fit_line (const P *pts, int n, int first, int step, int count, P *point, P *dir);

/* p moved onto the line through point along the unit direction dir. */
static inline P
svgai_refit_onto_line (P p, P point, P dir)
{
  return add (point, scale (dir, dot (sub (p, point), dir)));
}

/* Appends a segment ending at b[3] (controls b[1], b[2] for a curve),
 * snapped to 1/grid px, to f->out and f->compact. */
void svgai_refit_emit (Fitter *f, SvgaiSegmentKind kind, const P b[4]);
double svgai_refit_snap (double v, int grid);
/* Straight: tangents along the chord, and every sample within `tolerance`
 * (more where hidden) of it but for the first `skip` samples at either
 * end. */
gboolean svgai_refit_is_line (const P *d, int first, int last, P t1, P t2, double tolerance, const gboolean *hidden,
                              int skip);
/* Fits d[first..last] with cubics that stay within f->tolerance
 * (Schneider, Graphics Gems 1990), leaving along t1 and arriving along
 * -t2, into f->out; into f->compact (if any) with fewer where they
 * can be joined and mirrored arms where they fit (svgai-refit-fit.c). */
void svgai_refit_fit_cubic (Fitter *f, const P *d, int first, int last, P t1, P t2);
/* Gaussian smoothing of q[a..b] in place (deviation `sigma` samples),
 * ends fixed; the window shrinks symmetrically near them so a straight
 * run into a corner stays straight. `cyclic`: q[a..b] is a closed loop
 * (q[b] == q[a]) with no ends. `tmp` holds b - a + 1 points. */
void svgai_refit_smooth (P *q, int a, int b, gboolean cyclic, P *tmp, double sigma);
/* The same with a window as wide as the outline's curvature allows, and
 * twicing so that it does not shrink curves (svgai-refit-smooth.c),
 * samples `step` px apart. */
void svgai_refit_smooth_gentle (P *q, int a, int b, gboolean cyclic, P *tmp, double step);

G_END_DECLS
