/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-primitives.h"
#include "svgai-primitive-points.h"
#include "svgai-hypot.h"

#include <math.h>

/* Too few points or too small a circle say nothing about roundness. */
#define MIN_RADIUS 1.5

/* Least-squares circle (Kåsa): x² + y² + D x + E y + F = 0, solved around
 * the points' mean for conditioning. */
static gboolean
fit (const GArray *pts, double *cx, double *cy, double *r)
{
  double mx = 0, my = 0, suu = 0, svv = 0, suv = 0, suuu = 0, svvv = 0, suvv = 0, svuu = 0, det, uc, vc;
  guint n = pts->len;

  for (guint i = 0; i < n; i++)
    mx += g_array_index (pts, SvgaiPoint, i).x / n, my += g_array_index (pts, SvgaiPoint, i).y / n;
  for (guint i = 0; i < n; i++)
    {
      double u = g_array_index (pts, SvgaiPoint, i).x - mx, v = g_array_index (pts, SvgaiPoint, i).y - my;
      suu += u * u, svv += v * v, suv += u * v;
      suuu += u * u * u, svvv += v * v * v, suvv += u * v * v, svuu += v * u * u;
    }
  det = suu * svv - suv * suv;
  if (fabs (det) < 1e-12)
    return FALSE;
  uc = (0.5 * (suuu + suvv) * svv - 0.5 * (svvv + svuu) * suv) / det;
  vc = (0.5 * (svvv + svuu) * suu - 0.5 * (suuu + suvv) * suv) / det;
  *cx = uc + mx;
  *cy = vc + my;
  *r = sqrt (uc * uc + vc * vc + (suu + svv) / n);
  return TRUE;
}

typedef struct {
  double cx, cy, rx, ry, angle;
} Ellipse;

/* Least-squares conic u² + B uv + C v² + D u + E v + F = 0 around the
 * points' mean, turned into an ellipse when it is one. */
static gboolean
fit_ellipse (const GArray *pts, Ellipse *e)
{
  double a[5][5] = { { 0 } }, b[5] = { 0 }, x[5], mx = 0, my = 0, sc = 0;
  double A = 1, B, C, D, E, F, det, u0, v0, f0, th, ca, sa, l1, l2;
  guint n = pts->len;

  for (guint i = 0; i < n; i++)
    mx += g_array_index (pts, SvgaiPoint, i).x / n, my += g_array_index (pts, SvgaiPoint, i).y / n;
  for (guint i = 0; i < n; i++)
    sc = MAX (sc, svgai_hypot (g_array_index (pts, SvgaiPoint, i).x - mx, g_array_index (pts, SvgaiPoint, i).y - my));
  if (sc < 1e-9)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      double u = (g_array_index (pts, SvgaiPoint, i).x - mx) / sc, v = (g_array_index (pts, SvgaiPoint, i).y - my) / sc;
      double row[5] = { u * v, v * v, u, v, 1 };
      for (int r = 0; r < 5; r++)
        {
          for (int k = 0; k < 5; k++)
            a[r][k] += row[r] * row[k];
          b[r] -= row[r] * u * u;
        }
    }
  if (!svgai_primitive_solve (a, b, 5, x))
    return FALSE;
  B = x[0], C = x[1], D = x[2], E = x[3], F = x[4];
  det = 4 * A * C - B * B;
  if (det <= 1e-9)
    return FALSE;
  u0 = (B * E - 2 * C * D) / det;
  v0 = (B * D - 2 * A * E) / det;
  f0 = A * u0 * u0 + B * u0 * v0 + C * v0 * v0 + D * u0 + E * v0 + F;
  if (f0 >= 0)
    return FALSE;
  th = 0.5 * atan2 (B, A - C);
  ca = cos (th), sa = sin (th);
  l1 = A * ca * ca + B * ca * sa + C * sa * sa;
  l2 = A * sa * sa - B * ca * sa + C * ca * ca;
  if (l1 <= 0 || l2 <= 0)
    return FALSE;
  e->cx = mx + u0 * sc;
  e->cy = my + v0 * sc;
  e->rx = sqrt (-f0 / l1) * sc;
  e->ry = sqrt (-f0 / l2) * sc;
  e->angle = th;
  return TRUE;
}

/* Distance from p to the ellipse, to first order (enough within a pixel). */
static double
ellipse_distance (const Ellipse *e, SvgaiPoint p)
{
  double ca = cos (e->angle), sa = sin (e->angle);
  double dx = p.x - e->cx, dy = p.y - e->cy;
  double u = (dx * ca + dy * sa) / e->rx, v = (-dx * sa + dy * ca) / e->ry;
  double f = u * u + v * v - 1;
  double gu = 2 * u / e->rx, gv = 2 * v / e->ry;

  return fabs (f) / MAX (svgai_hypot (gu, gv), 1e-9);
}

/* Replaces the contour by four quarter arcs of the ellipse, from the end
 * of its first axis, turning as the contour did (dir ±1). */
static void
write_ellipse (GArray *segs, guint start, const Ellipse *e, double dir, double grid)
{
  SvgaiSegment *out;
  double ca = cos (e->angle), sa = sin (e->angle);

#define PX(u, v) svgai_primitive_snap (e->cx + (u) * e->rx * ca - (v) * e->ry * sa, grid)
#define PY(u, v) svgai_primitive_snap (e->cy + (u) * e->rx * sa + (v) * e->ry * ca, grid)
  g_array_set_size (segs, start + 5);
  out = &g_array_index (segs, SvgaiSegment, start);
  out[0].kind = SVGAI_SEGMENT_MOVE;
  out[0].p[2].x = PX (1, 0), out[0].p[2].y = PY (1, 0);
  for (int q = 0; q < 4; q++)
    {
      double a0 = dir * q * G_PI / 2, a1 = dir * (q + 1) * G_PI / 2;
      double x0 = cos (a0), y0 = sin (a0), x1 = cos (a1), y1 = sin (a1);
      SvgaiSegment *s = &out[q + 1];

      s->kind = SVGAI_SEGMENT_CURVE;
      s->p[0].x = PX (x0 - dir * SVGAI_KAPPA * y0, y0 + dir * SVGAI_KAPPA * x0);
      s->p[0].y = PY (x0 - dir * SVGAI_KAPPA * y0, y0 + dir * SVGAI_KAPPA * x0);
      s->p[1].x = PX (x1 + dir * SVGAI_KAPPA * y1, y1 - dir * SVGAI_KAPPA * x1);
      s->p[1].y = PY (x1 + dir * SVGAI_KAPPA * y1, y1 - dir * SVGAI_KAPPA * x1);
      s->p[2].x = PX (x1, y1), s->p[2].y = PY (x1, y1);
    }
#undef PX
#undef PY
}

gboolean
svgai_primitive_fit_circle (GArray *segs, guint start, const GArray *pts, double tolerance, double grid)
{
  double area = 0;
  Ellipse e = { 0 };
  gboolean circle = TRUE;

  if (pts == NULL)
    return FALSE;
  if (!fit (pts, &e.cx, &e.cy, &e.rx) || e.rx < MIN_RADIUS)
    circle = FALSE;
  e.ry = e.rx;
  for (guint i = 0; circle && i < pts->len; i++)
    {
      SvgaiPoint p = g_array_index (pts, SvgaiPoint, i);
      circle = fabs (svgai_hypot (p.x - e.cx, p.y - e.cy) - e.rx) <= tolerance;
    }
  if (!circle)
    {
      if (!fit_ellipse (pts, &e) || MIN (e.rx, e.ry) < MIN_RADIUS)
        return FALSE;
      for (guint i = 0; i < pts->len; i++)
        if (ellipse_distance (&e, g_array_index (pts, SvgaiPoint, i)) > tolerance)
          return FALSE;
    }
  area = svgai_primitive_signed_area (pts);
  /* The ellipse's own frame may be mirrored against the image's: none of
   * the frames here is (rotation only), so the shoelace sign is the turn. */
  write_ellipse (segs, start, &e, area > 0 ? 1 : -1, grid);
  return TRUE;
}

gboolean
svgai_primitive_fit (GArray *segs, guint start, const SvgaiCoverage *coverage, double tolerance, double grid)
{
  g_autoptr(GArray) pts = svgai_primitive_points (segs, start, coverage);

  return pts != NULL && (svgai_primitive_fit_circle (segs, start, pts, tolerance, grid) ||
                         svgai_primitive_fit_rect (segs, start, pts, coverage, tolerance, grid) ||
                         svgai_primitive_fit_star (segs, start, pts, tolerance, grid));
}
