/* SPDX-License-Identifier: GPL-3.0-or-later */
/* svgai-raster.c: a scan converter for closed outlines (nonzero winding):
 * exact anti-aliased coverage by signed areas, as font rasterisers
 * compute it, and pixel centres by a sweep over the edges. Curves are
 * flattened, and corners held to 1/256 px, as cairo does (librsvg's
 * renderer): the two agree to SSIM 0.9999 (tests/test-render.c), and to
 * the exact coverage ours is held by tests/test-raster.c. */

#include "svgai-raster.h"

#include <math.h>
#include <stdlib.h>
#include "svgai-vector.h"

/* How far a flattened curve may stray from the true one, in pixels
 * (cairo's default tolerance). */
#define FLATTEN_TOLERANCE 0.1
#define MAX_CURVE_DEPTH 16

void
svgai_raster_path_init (SvgaiRasterPath *path)
{
  path->edges = g_array_new (FALSE, FALSE, sizeof (SvgaiRasterEdge));
  path->y_min = INFINITY;
  path->y_max = -INFINITY;
}

void
svgai_raster_path_clear (SvgaiRasterPath *path)
{
  g_clear_pointer (&path->edges, g_array_unref);
}

void
svgai_raster_path_reset (SvgaiRasterPath *path)
{
  g_array_set_size (path->edges, 0);
  path->y_min = INFINITY;
  path->y_max = -INFINITY;
}

static void
add_line (SvgaiRasterPath *path, double x0, double y0, double x1, double y1)
{
  SvgaiRasterEdge e;

  if (y0 == y1 || !isfinite (x0 + y0 + x1 + y1))
    return;
  if (y0 < y1)
    e = (SvgaiRasterEdge) { x0, y0, x1, y1, 0, 1 };
  else
    e = (SvgaiRasterEdge) { x1, y1, x0, y0, 0, -1 };
  e.dxdy = (e.x1 - e.x0) / (e.y1 - e.y0);
  path->y_min = MIN (path->y_min, e.y0);
  path->y_max = MAX (path->y_max, e.y1);
  g_array_append_val (path->edges, e);
}

/* How far the control points b and c stray from the chord a-d, squared:
 * cairo's bound for splitting a curve further. */
static double
control_error2 (const SvgaiPoint k[4])
{
  double dx = k[3].x - k[0].x, dy = k[3].y - k[0].y, v = dx * dx + dy * dy;
  double err = 0;

  for (int i = 1; i <= 2; i++)
    {
      double ex = k[i].x - k[0].x, ey = k[i].y - k[0].y;

      if (v > 0)
        {
          double u = ex * dx + ey * dy;

          if (u >= v)
            ex -= dx, ey -= dy;
          else if (u > 0)
            ex -= u / v * dx, ey -= u / v * dy;
        }
      err = MAX (err, ex * ex + ey * ey);
    }
  return err;
}

/* Halves the curve until its control points lie within the tolerance of
 * the chord, as cairo flattens a spline (depth-limited against NaN). */
static void
add_curve (SvgaiRasterPath *path, const SvgaiPoint k[4], int depth)
{
  SvgaiPoint ab, bc, cd, abc, bcd, mid;

  if (depth == 0 || control_error2 (k) < FLATTEN_TOLERANCE * FLATTEN_TOLERANCE)
    {
      add_line (path, k[0].x, k[0].y, k[3].x, k[3].y);
      return;
    }
  ab = (SvgaiPoint) { (k[0].x + k[1].x) / 2, (k[0].y + k[1].y) / 2 };
  bc = (SvgaiPoint) { (k[1].x + k[2].x) / 2, (k[1].y + k[2].y) / 2 };
  cd = (SvgaiPoint) { (k[2].x + k[3].x) / 2, (k[2].y + k[3].y) / 2 };
  abc = (SvgaiPoint) { (ab.x + bc.x) / 2, (ab.y + bc.y) / 2 };
  bcd = (SvgaiPoint) { (bc.x + cd.x) / 2, (bc.y + cd.y) / 2 };
  mid = (SvgaiPoint) { (abc.x + bcd.x) / 2, (abc.y + bcd.y) / 2 };
  add_curve (path, (SvgaiPoint[4]) { k[0], ab, abc, mid }, depth - 1);
  add_curve (path, (SvgaiPoint[4]) { mid, bcd, cd, k[3] }, depth - 1);
}

/* cairo holds coordinates in 24.8 fixed point. */
static inline SvgaiPoint
to_device (SvgaiPoint p, double sx, double sy)
{
  return (SvgaiPoint) { round (p.x * sx * 256) / 256, round (p.y * sy * 256) / 256 };
}

void
svgai_raster_path_add (SvgaiRasterPath *path, const SvgaiSegment *segs, guint n_segments, double sx, double sy)
{
  SvgaiPoint start = { 0, 0 }, at = { 0, 0 };
  gboolean open = FALSE;

  for (guint i = 0; i < n_segments; i++)
    {
      const SvgaiSegment *s = &segs[i];
      SvgaiPoint end = to_device (s->p[2], sx, sy);

      /* A point that is not a number is left out: the outline goes on
       * from the last one that is. */
      if (s->kind != SVGAI_SEGMENT_CLOSE && !isfinite (end.x + end.y))
        continue;
      switch (s->kind)
        {
        case SVGAI_SEGMENT_MOVE:
          if (open)
            add_line (path, at.x, at.y, start.x, start.y);
          start = at = end;
          open = TRUE;
          break;
        case SVGAI_SEGMENT_LINE:
          add_line (path, at.x, at.y, end.x, end.y);
          at = end;
          break;
        case SVGAI_SEGMENT_CURVE:
          {
            SvgaiPoint c0 = to_device (s->p[0], sx, sy), c1 = to_device (s->p[1], sx, sy);

            if (isfinite (c0.x + c0.y + c1.x + c1.y))
              add_curve (path, (SvgaiPoint[4]) { at, c0, c1, end }, MAX_CURVE_DEPTH);
            else
              add_line (path, at.x, at.y, end.x, end.y);
            at = end;
          }
          break;
        case SVGAI_SEGMENT_CLOSE:
          add_line (path, at.x, at.y, start.x, start.y);
          at = start;
          open = FALSE;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  if (open)
    add_line (path, at.x, at.y, start.x, start.y);
}

/* ---- The sweep: edges by their top, the ones a line y = v meets ---- */

typedef struct {
  double x;
  int winding;
} Crossing;

typedef struct {
  SvgaiRasterEdge *edges;  /* sorted by y0 */
  guint n_edges;
  guint next;              /* the first edge not yet met */
  guint *active;
  guint n_active;
  Crossing *crossings;
  double *spans;
} Sweep;

static int
compare_top (const void *a, const void *b)
{
  double ya = ((const SvgaiRasterEdge *) a)->y0, yb = ((const SvgaiRasterEdge *) b)->y0;

  return (ya > yb) - (ya < yb);
}

static int
compare_crossing (const void *a, const void *b)
{
  double xa = ((const Crossing *) a)->x, xb = ((const Crossing *) b)->x;

  return (xa > xb) - (xa < xb);
}

static void
sweep_init (Sweep *s, const SvgaiRasterPath *path)
{
  s->n_edges = path->edges->len;
  s->edges = g_memdup2 (path->edges->data, (gsize) s->n_edges * sizeof *s->edges);
  qsort (s->edges, s->n_edges, sizeof *s->edges, compare_top);
  s->next = 0;
  s->active = g_new (guint, s->n_edges + 1);
  s->n_active = 0;
  s->crossings = g_new (Crossing, s->n_edges + 1);
  s->spans = g_new (double, s->n_edges + 1);
}

static void
sweep_clear (Sweep *s)
{
  g_free (s->edges);
  g_free (s->active);
  g_free (s->crossings);
  g_free (s->spans);
}

/* Meets the edges that start by v and lets go of those that ended (v
 * never decreasing from call to call). */
static void
sweep_advance (Sweep *s, double v)
{
  guint kept = 0;

  while (s->next < s->n_edges && s->edges[s->next].y0 <= v)
    s->active[s->n_active++] = s->next++;
  for (guint i = 0; i < s->n_active; i++)
    if (s->edges[s->active[i]].y1 > v)
      s->active[kept++] = s->active[i];
  s->n_active = kept;
}

static void
sort_crossings (Crossing *c, guint n)
{
  if (n > 32)
    {
      qsort (c, n, sizeof *c, compare_crossing);
      return;
    }
  for (guint i = 1; i < n; i++)
    {
      Crossing t = c[i];
      guint j = i;

      for (; j > 0 && c[j - 1].x > t.x; j--)
        c[j] = c[j - 1];
      c[j] = t;
    }
}

/* The active edges' crossings of y = ys, left to right. */
static void
sweep_cross (Sweep *s, double ys)
{
  for (guint i = 0; i < s->n_active; i++)
    {
      const SvgaiRasterEdge *e = &s->edges[s->active[i]];

      s->crossings[i] = (Crossing) { e->x0 + (ys - e->y0) * e->dxdy, e->winding };
    }
  sort_crossings (s->crossings, s->n_active);
}

/* The stretches where the winding is not 0, as pairs (xa, xb) in spans;
 * returns how many pairs. */
static guint
sweep_spans (Sweep *s)
{
  int winding = 0;
  guint n_spans = 0;

  for (guint i = 0; i < s->n_active; i++)
    {
      int before = winding;

      winding += s->crossings[i].winding;
      if (before == 0 && winding != 0)
        s->spans[2 * n_spans] = s->crossings[i].x;
      else if (before != 0 && winding == 0)
        s->spans[2 * n_spans++ + 1] = s->crossings[i].x;
    }
  /* Unbalanced only when an edge was out of range: runs to the right. */
  if (winding != 0)
    s->spans[2 * n_spans++ + 1] = INFINITY;
  return n_spans;
}

static gboolean
rows_reached (const SvgaiRasterPath *path, int height, int *first, int *end)
{
  if (path->edges->len == 0 || path->y_max <= 0 || path->y_min >= height)
    return FALSE;
  /* clamped before the cast: a coordinate may be far outside int */
  *first = (int) MAX (0.0, floor (path->y_min));
  *end = (int) MIN ((double) height, ceil (path->y_max));
  return *first < *end;
}

/* ---- Anti-aliased coverage ---- */

/* Rows drawn at once: their coverage changes are kept, width + 2 floats a
 * row. */
#define BAND_ROWS 32

/* One pixel row's coverage, as changes along the row (step[x], summed from
 * the left) touched in lo..hi. */
typedef struct {
  float *step;
  int width, lo, hi;
} Row;

/* The area right of a piece of edge from x0 to x1 (both within
 * 0..width) that runs down a share of the row, times d (that share times
 * the winding), added as changes of coverage along the row. */
static void
row_add_edge_piece (Row *r, double xa, double xb, float d)
{
  double x0 = MIN (xa, xb), x1 = MAX (xa, xb);
  double x0floor = floor (x0), x1ceil = ceil (x1);
  int x0i = (int) x0floor, x1i = (int) x1ceil;

  if (x1i <= x0i + 1)
    {
      float xmf = (float) (0.5 * (xa + xb) - x0floor);

      r->step[x0i] += d - d * xmf;
      r->step[x0i + 1] += d * xmf;
      x1i = x0i + 1;
    }
  else
    {
      float s = (float) (1 / (x1 - x0)), x0f = (float) (x0 - x0floor), x1f = (float) (x1 - x1ceil + 1);
      float a0 = 0.5f * s * (1 - x0f) * (1 - x0f), am = 0.5f * s * x1f * x1f;

      r->step[x0i] += d * a0;
      if (x1i == x0i + 2)
        r->step[x0i + 1] += d * (1 - a0 - am);
      else
        {
          float a1 = s * (1.5f - x0f), a2 = a1 + (x1i - x0i - 3) * s;

          r->step[x0i + 1] += d * (a1 - a0);
          for (int x = x0i + 2; x < x1i - 1; x++)
            r->step[x] += d * s;
          r->step[x1i - 1] += d * (1 - a2 - am);
        }
      r->step[x1i] += d * am;
    }
  r->lo = MIN (r->lo, x0i);
  r->hi = MAX (r->hi, MIN (x1i, r->width));
}

/* The area right of the line from (xt, y) to (xb, y + 1), times d (exact:
 * the "full row" cairo takes when no edge starts, ends or crosses within
 * a row). Where the line leaves the image it counts as running down the
 * image's side. */
static void
row_add_edge_area (Row *r, double xt, double xb, float d)
{
  double t[4] = { 0 };
  int n = 1;

  /* The shares of the row where the line crosses x = 0 and x = width. */
  for (int side = 0; side <= 1 && xt != xb; side++)
    {
      double c = ((side ? r->width : 0) - xt) / (xb - xt);

      if (c > 0 && c < 1)
        t[n++] = c;
    }
  if (n == 3 && t[1] > t[2])
    {
      double c = t[1];

      t[1] = t[2];
      t[2] = c;
    }
  t[n++] = 1;
  for (int k = 0; k + 1 < n; k++)
    {
      double xa = xt + t[k] * (xb - xt), xe = xt + t[k + 1] * (xb - xt);
      float share = (float) (t[k + 1] - t[k]) * d;

      if (0.5 * (xa + xe) <= 0)
        {
          r->step[0] += share;
          r->lo = MIN (r->lo, 0);
          r->hi = MAX (r->hi, 0);
        }
      else if (0.5 * (xa + xe) < r->width)
        row_add_edge_piece (r, CLAMP (xa, 0, r->width), CLAMP (xe, 0, r->width), share);
    }
}

/* An edge's pieces in each row of the band it crosses, by the area right
 * of each piece (signed by the edge's direction). */
static void
add_edge (Row *rows, int band, int n_rows, const SvgaiRasterEdge *e)
{
  int from = (int) MAX ((double) band, floor (e->y0)), to = (int) MIN ((double) band + n_rows, ceil (e->y1));

  for (int y = from; y < to; y++)
    {
      double ya = MAX (e->y0, y), yb = MIN (e->y1, y + 1);

      if (yb > ya)
        row_add_edge_area (&rows[y - band], e->x0 + (ya - e->y0) * e->dxdy, e->x0 + (yb - e->y0) * e->dxdy,
                           (float) ((yb - ya) * e->winding));
    }
}

/* Coverage by signed area, as font rasterisers compute it: the sum of the
 * areas right of every edge, in each pixel, made positive and clamped to
 * 1. That is the nonzero rule exactly where the winding within a pixel
 * keeps one sign and stays within ±1 (traced outlines, and holes wound
 * against them); a pixel shared by +1 and -1 regions, or crossed by two
 * outlines wound the same way that overlap, can come out short. */
void
svgai_raster_fill (const SvgaiRasterPath *path, int width, int height, SvgaiRasterRowFunc row, gpointer data)
{
  gsize stride = (gsize) width + 2;
  g_autofree float *steps = NULL, *cover = NULL;
  Row rows[BAND_ROWS];
  int first, end;
  Sweep s;

  if (!rows_reached (path, height, &first, &end))
    return;
  steps = g_new0 (float, stride * BAND_ROWS);
  cover = g_new (float, width + 1);
  sweep_init (&s, path);
  for (int band = first; band < end; band += BAND_ROWS)
    {
      int n_rows = MIN (BAND_ROWS, end - band);
      guint kept = 0;

      for (int k = 0; k < n_rows; k++)
        rows[k] = (Row) { steps + k * stride, width, width + 1, -1 };
      /* The edges that reach into the band: starting above its end, not
       * ended above its start. Those that go on stay for the next band. */
      while (s.next < s.n_edges && s.edges[s.next].y0 < band + n_rows)
        s.active[s.n_active++] = s.next++;
      for (guint i = 0; i < s.n_active; i++)
        {
          const SvgaiRasterEdge *e = &s.edges[s.active[i]];

          add_edge (rows, band, n_rows, e);
          if (e->y1 > band + n_rows)
            s.active[kept++] = s.active[i];
        }
      s.n_active = kept;
      for (int k = 0; k < n_rows; k++)
        {
          Row *r = &rows[k];
          float run = 0;
          int x;

          if (r->hi < r->lo)
            continue;
          /* Past the last change the coverage runs on: to the image's
           * edge when the outline goes beyond it. */
          for (x = r->lo; x <= r->hi || (x < width && fabsf (run) > 1e-6f); x++)
            {
              run += r->step[x];
              cover[x] = MIN (fabsf (run), 1.0f);
              r->step[x] = 0;
            }
          row (band + k, cover, r->lo, MIN (x, width), data);
        }
    }
  sweep_clear (&s);
}

/* ---- Pixel centres ---- */

void
svgai_raster_fill_centres (const SvgaiRasterPath *path, int width, int height, SvgaiRasterSpanFunc span,
                           gpointer data)
{
  int first, end;
  Sweep s;

  if (!rows_reached (path, height, &first, &end))
    return;
  sweep_init (&s, path);
  for (int y = first; y < end; y++)
    {
      guint n_spans;

      sweep_advance (&s, y + 0.5);
      sweep_cross (&s, y + 0.5);
      n_spans = sweep_spans (&s);
      /* Pixel x is inside when its centre x + 0.5 lies in [xa, xb). */
      for (guint i = 0; i < n_spans; i++)
        {
          double from = MAX (ceil (s.spans[2 * i] - 0.5), 0), to = MIN (ceil (s.spans[2 * i + 1] - 0.5), width);

          if (to > from)
            span (y, (int) from, (int) to, data);
        }
    }
  sweep_clear (&s);
}
