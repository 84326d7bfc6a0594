/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-svg-shape.h"
#include "svgai-hypot.h"

#include <math.h>

typedef SvgaiPoint P;

static gboolean
near (P a, P b, double slack)
{
  return fabs (a.x - b.x) <= slack && fabs (a.y - b.y) <= slack;
}

/* Whether the curve from a is the quarter arc about o, with the control
 * arms a quarter circle has. */
static gboolean
quarter_arc (P a, const SvgaiSegment *s, P o, double slack)
{
  P b = s->p[2];
  P c0 = { a.x + SVGAI_KAPPA * (b.x - o.x), a.y + SVGAI_KAPPA * (b.y - o.y) };
  P c1 = { b.x + SVGAI_KAPPA * (a.x - o.x), b.y + SVGAI_KAPPA * (a.y - o.y) };

  return near (s->p[0], c0, slack) && near (s->p[1], c1, slack);
}

static gboolean
as_ellipse (const SvgaiSegment *seg, double slack, SvgaiSvgShape *out)
{
  P e[5], c, u, v;
  double ru, rv;

  for (int i = 0; i < 5; i++)
    e[i] = seg[i].p[2];
  for (int i = 1; i <= 4; i++)
    if (seg[i].kind != SVGAI_SEGMENT_CURVE)
      return FALSE;
  c = (P) { (e[0].x + e[2].x) / 2, (e[0].y + e[2].y) / 2 };
  if (!near (e[4], e[0], slack) || !near ((P) { (e[1].x + e[3].x) / 2, (e[1].y + e[3].y) / 2 }, c, slack))
    return FALSE;
  for (int i = 0; i < 4; i++)
    if (!quarter_arc (e[i], &seg[i + 1], c, 2 * slack))
      return FALSE;
  u = (P) { e[0].x - c.x, e[0].y - c.y }, v = (P) { e[1].x - c.x, e[1].y - c.y };
  ru = svgai_hypot (u.x, u.y), rv = svgai_hypot (v.x, v.y);
  if (ru < slack || rv < slack || fabs (u.x * v.x + u.y * v.y) > 2 * slack * (ru + rv))
    return FALSE;
  out->cx = c.x, out->cy = c.y, out->rx = ru, out->ry = rv;
  out->angle = atan2 (u.y, u.x) * 180 / G_PI;
  if (fabs (ru - rv) <= 2 * slack)
    {
      out->kind = SVGAI_SVG_SHAPE_CIRCLE;
      out->rx = out->ry = (ru + rv) / 2;
      return TRUE;
    }
  /* Upright when the first axis lies along x or y. */
  if (fabs (u.y) <= slack || fabs (u.x) <= slack)
    {
      out->rx = fabs (u.y) <= slack ? ru : rv;
      out->ry = fabs (u.y) <= slack ? rv : ru;
      out->angle = 0;
    }
  out->kind = SVGAI_SVG_SHAPE_ELLIPSE;
  return TRUE;
}

static gboolean
as_rect (const SvgaiSegment *seg, guint n, double slack, SvgaiSvgShape *out)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE, r = 0;
  guint curves = 0, corners_seen = 0;
  P at;

  for (guint i = 0; i < n; i++)
    {
      x0 = MIN (x0, seg[i].p[2].x), y0 = MIN (y0, seg[i].p[2].y);
      x1 = MAX (x1, seg[i].p[2].x), y1 = MAX (y1, seg[i].p[2].y);
    }
  /* The corner radius, from the first curve's chord. */
  at = seg[0].p[2];
  for (guint i = 1; i < n && curves == 0; i++)
    {
      if (seg[i].kind == SVGAI_SEGMENT_CURVE)
        r = svgai_hypot (seg[i].p[2].x - at.x, seg[i].p[2].y - at.y) / G_SQRT2, curves++;
      at = seg[i].p[2];
    }
  curves = 0;
  at = seg[0].p[2];
  /* Every segment, and the closing line, must lie on that rectangle. */
  for (guint i = 1; i <= n; i++)
    {
      const SvgaiSegment *s = i < n ? &seg[i] : NULL;
      P b = s ? s->p[2] : seg[0].p[2];
      gboolean on_x = fabs (b.x - x0) <= slack || fabs (b.x - x1) <= slack;
      gboolean on_y = fabs (b.y - y0) <= slack || fabs (b.y - y1) <= slack;

      if (!on_x && !on_y)
        return FALSE;
      if (s == NULL || s->kind == SVGAI_SEGMENT_LINE)
        {
          /* Along a side: level or plumb, and on it. */
          if (!(fabs (b.y - at.y) <= slack && (fabs (b.y - y0) <= slack || fabs (b.y - y1) <= slack)) &&
              !(fabs (b.x - at.x) <= slack && (fabs (b.x - x0) <= slack || fabs (b.x - x1) <= slack)))
            return FALSE;
          corners_seen += r == 0 && on_x && on_y && !near (b, at, slack);
        }
      else if (s->kind == SVGAI_SEGMENT_CURVE)
        {
          /* A corner: from one side to the next, about the point the
           * radius in from both. */
          P o = { fabs (at.x - x0) <= slack || fabs (b.x - x0) <= slack ? x0 + r : x1 - r,
                  fabs (at.y - y0) <= slack || fabs (b.y - y0) <= slack ? y0 + r : y1 - r };
          if (r <= slack || fabs (svgai_hypot (b.x - at.x, b.y - at.y) / G_SQRT2 - r) > 2 * slack ||
              !quarter_arc (at, s, o, 2 * slack))
            return FALSE;
          curves++;
        }
      else
        return FALSE;
      at = b;
    }
  if (r > 0 ? curves != 4 : corners_seen != 4)
    return FALSE;
  out->kind = SVGAI_SVG_SHAPE_RECT;
  out->x = x0, out->y = y0, out->width = x1 - x0, out->height = y1 - y0, out->rx = r;
  return TRUE;
}

SvgaiSvgShape
svgai_svg_shape_of (const GArray *segs, double slack)
{
  const SvgaiSegment *seg = (const SvgaiSegment *) (gconstpointer) segs->data;
  SvgaiSvgShape shape = { SVGAI_SVG_SHAPE_PATH };
  guint n = segs->len;

  /* One contour: a move, then lines and curves, then the close. */
  if (n < 4 || seg[0].kind != SVGAI_SEGMENT_MOVE || seg[n - 1].kind != SVGAI_SEGMENT_CLOSE)
    return shape;
  for (guint i = 1; i + 1 < n; i++)
    if (seg[i].kind != SVGAI_SEGMENT_LINE && seg[i].kind != SVGAI_SEGMENT_CURVE)
      return shape;
  if (n == 6 && as_ellipse (seg, slack, &shape))
    return shape;
  if (n <= 10 && as_rect (seg, n - 1, slack, &shape))
    return shape;
  shape.kind = SVGAI_SVG_SHAPE_PATH;
  return shape;
}
