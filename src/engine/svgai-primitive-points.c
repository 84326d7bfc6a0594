/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-primitive-points.h"
#include "svgai-hypot.h"

#include <math.h>
#include <string.h>

double
svgai_primitive_snap (double v, double grid)
{
  return round (v * grid) / grid;
}

/* Points along the contour: every end point, and three points inside
 * each curve and along each line (a polygon's sides must fit too). */
static GArray *
contour_points (const SvgaiSegment *seg, guint start, guint end)
{
  GArray *pts = g_array_new (FALSE, FALSE, sizeof (SvgaiPoint));
  SvgaiPoint at = seg[start].p[2];

  for (guint i = start + 1; i < end; i++)
    {
      for (int q = 1; q <= 3; q++)
        {
          SvgaiPoint p;
          if (seg[i].kind == SVGAI_SEGMENT_CURVE)
            p = svgai_segment_at (at, &seg[i], q / 4.0);
          else
            p.x = at.x + (seg[i].p[2].x - at.x) * q / 4.0, p.y = at.y + (seg[i].p[2].y - at.y) * q / 4.0;
          g_array_append_val (pts, p);
        }
      at = seg[i].p[2];
      g_array_append_val (pts, at);
    }
  /* The closing line back to the start. */
  for (int q = 1; q <= 3; q++)
    {
      SvgaiPoint p = { at.x + (seg[start].p[2].x - at.x) * q / 4.0, at.y + (seg[start].p[2].y - at.y) * q / 4.0 };
      g_array_append_val (pts, p);
    }
  return pts;
}

/* Puts each point on the edge the coverage says (svgai-coverage.h), its
 * tangent taken from its neighbours; points that cannot read it stay. */
static void
snap_points (GArray *pts, const SvgaiCoverage *coverage)
{
  g_autoptr(GArray) orig = NULL;
  guint n = pts->len;

  if (coverage == NULL || n < 3)
    return;
  orig = g_array_copy (pts);
  for (guint i = 0; i < n; i++)
    {
      SvgaiPoint a = g_array_index (orig, SvgaiPoint, (i + n - 1) % n);
      SvgaiPoint b = g_array_index (orig, SvgaiPoint, (i + 1) % n);
      SvgaiPoint *p = &g_array_index (pts, SvgaiPoint, i), t = { b.x - a.x, b.y - a.y }, shift;
      double len = svgai_hypot (t.x, t.y);

      if (len < 1e-9)
        continue;
      t.x /= len, t.y /= len;
      if (svgai_coverage_edge_shift (coverage, *p, t, &shift))
        p->x += shift.x, p->y += shift.y;
    }
}

/* Solves the n×n system a·x = b in place (Gaussian elimination with
 * partial pivoting). */
gboolean
svgai_primitive_solve (double a[5][5], double b[5], int n, double x[5])
{
  for (int c = 0; c < n; c++)
    {
      int p = c;
      for (int r = c + 1; r < n; r++)
        if (fabs (a[r][c]) > fabs (a[p][c]))
          p = r;
      if (fabs (a[p][c]) < 1e-12)
        return FALSE;
      for (int k = 0; k < n; k++)
        {
          double t = a[c][k];
          a[c][k] = a[p][k], a[p][k] = t;
        }
      {
        double t = b[c];
        b[c] = b[p], b[p] = t;
      }
      for (int r = c + 1; r < n; r++)
        {
          double f = a[r][c] / a[c][c];
          for (int k = c; k < n; k++)
            a[r][k] -= f * a[c][k];
          b[r] -= f * b[c];
        }
    }
  for (int c = n - 1; c >= 0; c--)
    {
      double t = b[c];
      for (int k = c + 1; k < n; k++)
        t -= a[c][k] * x[k];
      x[c] = t / a[c][c];
    }
  return TRUE;
}

double
svgai_primitive_signed_area (const GArray *pts)
{
  SvgaiPoint prev;
  double area = 0;

  if (pts->len == 0)
    return 0;
  prev = g_array_index (pts, SvgaiPoint, pts->len - 1);
  for (guint i = 0; i < pts->len; i++)
    {
      SvgaiPoint p = g_array_index (pts, SvgaiPoint, i);
      area += prev.x * p.y - p.x * prev.y;
      prev = p;
    }
  return area / 2;
}

void
svgai_primitive_append (GArray *segs, SvgaiSegmentKind kind, SvgaiPoint c0, SvgaiPoint c1, SvgaiPoint e)
{
  SvgaiSegment s = { kind, { c0, c1, e } };

  g_array_append_val (segs, s);
}

gboolean
svgai_primitive_least_squares (gpointer shape, gsize size, const GArray *pts, SvgaiShapeDistance distance,
                               SvgaiShapeSkips skips, SvgaiShapeClamp clamp, int iterations)
{
  double *params = shape;
  g_autofree gpointer moved = g_malloc (size);
  /* Per point: its distance, then the five derivatives; the shape is moved
   * once per parameter, not once per point (a star's corners cost sines). */
  g_autofree double *rows = g_new (double, 6 * MAX (pts->len, 1));
  g_autofree gboolean *used = g_new (gboolean, MAX (pts->len, 1));

  for (int iter = 0; iter < iterations; iter++)
    {
      double a[5][5] = { { 0 } }, b[5] = { 0 }, x[5];
      const double h = 1e-4;

      for (guint i = 0; i < pts->len; i++)
        {
          SvgaiPoint p = g_array_index (pts, SvgaiPoint, i);
          used[i] = skips == NULL || !skips (shape, p);
          if (used[i])
            rows[6 * i] = distance (shape, p);
        }
      for (int k = 0; k < 5; k++)
        {
          memcpy (moved, shape, size);
          ((double *) moved)[k] += h;
          for (guint i = 0; i < pts->len; i++)
            if (used[i])
              rows[6 * i + k + 1] = (distance (moved, g_array_index (pts, SvgaiPoint, i)) - rows[6 * i]) / h;
        }
      for (guint i = 0; i < pts->len; i++)
        {
          const double *row = rows + 6 * i + 1;

          if (!used[i])
            continue;
          /* The upper triangle: a[k][r] gets the very same products in
           * the same order. */
          for (int r = 0; r < 5; r++)
            {
              for (int k = r; k < 5; k++)
                a[r][k] += row[r] * row[k];
              b[r] -= row[r] * rows[6 * i];
            }
        }
      for (int r = 0; r < 5; r++)
        for (int k = 0; k < r; k++)
          a[r][k] = a[k][r];
      /* A parameter the points say nothing about (a square corner's
       * radius) leaves the system singular: damp it. */
      for (int k = 0; k < 5; k++)
        a[k][k] += 1e-6;
      if (!svgai_primitive_solve (a, b, 5, x))
        return FALSE;
      for (int k = 0; k < 5; k++)
        params[k] += x[k];
      clamp (shape);
      if (fabs (x[0]) + fabs (x[1]) + fabs (x[2]) + fabs (x[3]) + fabs (x[4]) < 1e-5)
        break;
    }
  return TRUE;
}

GArray *
svgai_primitive_points (const GArray *segs, guint start, const SvgaiCoverage *coverage)
{
  const SvgaiSegment *seg = (const SvgaiSegment *) (gconstpointer) segs->data;
  GArray *pts;

  g_return_val_if_fail (start < segs->len && seg[start].kind == SVGAI_SEGMENT_MOVE, NULL);
  pts = contour_points (seg, start, segs->len);
  if (pts->len < SVGAI_PRIMITIVE_MIN_POINTS)
    {
      g_array_unref (pts);
      return NULL;
    }
  snap_points (pts, coverage);
  return pts;
}
