/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-refit-kink.h"

#include <stdlib.h>

/* Pixels either side of the apex's pixel that are read. */
#define KINK_RADIUS 2
/* Point samples per pixel side for the outlines' ink. */
#define KINK_SUPER 6
/* The kinked outline's squared error at most this part of the round
 * one's, and less by KINK_MARGIN (coverage², over the 25 pixels): a
 * 0.1 px difference along two pixels of outline is about 0.02. */
#define KINK_GAIN 0.5
#define KINK_MARGIN 0.006
/* Too few pixels of the window the layer's own edge decides. */
#define KINK_MIN_PIXELS 9

typedef struct {
  P a, b;
  int j;        /* the outline's edge from sample j, or -1 */
} Edge;

/* Edges left of x0 never lie right of a point of the window. */
static void
add_edge (GArray *edges, P a, P b, int j, double x0, double y0, double y1)
{
  Edge e = { a, b, j };

  if (MAX (a.y, b.y) >= y0 && MIN (a.y, b.y) <= y1 && MAX (a.x, b.x) >= x0)
    g_array_append_val (edges, e);
}

/* The widest window read: a bar's square end needs both its corners in
 * it. */
#define MAX_RADIUS 3
#define MAX_SIDE (2 * MAX_RADIUS + 1)

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The ink of each pixel of the side × side window from (x0, y0) under the
 * outline: the share of its point samples inside, by the crossing rule
 * along +x (a point is inside when an odd number of crossings lie to its
 * right). Where the edges cross a row of samples is worked out once for
 * the row: crossings left of the window never count, those right of it
 * always do, and those within it are sorted and passed once along the
 * row, the very comparisons a test of each point against each edge
 * makes. */
static void
window_ink (const GArray *edges, int x0, int y0, int side, double ink[MAX_SIDE][MAX_SIDE])
{
  const Edge *e = (const Edge *) (gconstpointer) edges->data;
  g_autofree double *at_x = g_new (double, MAX (edges->len, 1));
  int count[MAX_SIDE][MAX_SIDE] = { { 0 } };
  double x1 = x0 + side;

  for (int py = 0; py < side; py++)
    for (int v = 0; v < KINK_SUPER; v++)
      {
        double y = y0 + py + (v + 0.5) / KINK_SUPER;
        guint nc = 0, passed = 0;
        gboolean beyond = FALSE;

        for (guint j = 0; j < edges->len; j++)
          if ((e[j].a.y > y) != (e[j].b.y > y))
            {
              double c = e[j].a.x + (y - e[j].a.y) * (e[j].b.x - e[j].a.x) / (e[j].b.y - e[j].a.y);

              if (c >= x1)
                beyond = !beyond;
              else if (c >= x0)
                at_x[nc++] = c;
            }
        qsort (at_x, nc, sizeof *at_x, compare_doubles);
        for (int px = 0; px < side; px++)
          for (int u = 0; u < KINK_SUPER; u++)
            {
              double x = x0 + px + (u + 0.5) / KINK_SUPER;

              /* crossings at or left of x no longer count */
              while (passed < nc && at_x[passed] <= x)
                passed++;
              count[py][px] += (guint) beyond != ((nc - passed) & 1u);
            }
      }
  for (int py = 0; py < side; py++)
    for (int px = 0; px < side; px++)
      ink[py][px] = (double) count[py][px] / (KINK_SUPER * KINK_SUPER);
}

struct _SvgaiRefitWindow {
  const P *pts;
  int n, x0, y0, side;
  GArray *outline;              /* Edge: the outline's edges in the window, in order */
  GArray *edges;                /* those a change keeps, then its own */
  /* the pixels read, in rows: their place in the window and coverage */
  int n_pixels;
  int at[MAX_SIDE * MAX_SIDE][2];
  double c[MAX_SIDE * MAX_SIDE];
  double err_as_is[2];          /* the outline as it is: ink inside it, outside it */
};

SvgaiRefitWindow *
svgai_refit_window_new (const SvgaiCoverage *coverage, const P *pts, int n, P centre, int radius)
{
  int cx = (int) floor (centre.x), cy = (int) floor (centre.y), side = 2 * radius + 1;
  int x0 = cx - radius, x1 = cx + radius, y0 = cy - radius, y1 = cy + radius;
  double level = 0, round_ink[MAX_SIDE][MAX_SIDE];
  SvgaiRefitWindow *w;

  g_return_val_if_fail (radius <= MAX_RADIUS, NULL);
  /* Where the window reaches past the image, the pixels inside it are
   * read (a bar's end by the image's edge). */
  if (coverage == NULL || x1 < 0 || y1 < 0 || x0 >= coverage->width || y0 >= coverage->height)
    return NULL;
  /* A translucent colour's coverage stops at its alpha. */
  for (int y = MAX (y0, 0); y <= MIN (y1, coverage->height - 1); y++)
    for (int x = MAX (x0, 0); x <= MIN (x1, coverage->width - 1); x++)
      level = MAX (level, coverage->data[(gsize) y * coverage->width + x] / 255.0);
  if (level < 0.5)
    return NULL;
  w = g_new0 (SvgaiRefitWindow, 1);
  w->pts = pts, w->n = n, w->x0 = x0, w->y0 = y0, w->side = side;
  w->outline = g_array_new (FALSE, FALSE, sizeof (Edge));
  w->edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  for (int j = 0; j < n; j++)
    add_edge (w->outline, pts[j], pts[j + 1], j, x0, y0, y1 + 1);
  window_ink (w->outline, x0, y0, side, round_ink);
  for (int y = MAX (y0, 0); y <= MIN (y1, coverage->height - 1); y++)
    for (int x = MAX (x0, 0); x <= MIN (x1, coverage->width - 1); x++)
      {
        double c = coverage->data[(gsize) y * coverage->width + x] / 255.0 / level;
        double ink = round_ink[y - y0][x - x0];

        if (svgai_coverage_hidden (coverage, (P) { x + 0.5, y + 0.5 }))
          continue;
        w->at[w->n_pixels][0] = x - x0, w->at[w->n_pixels][1] = y - y0;
        w->c[w->n_pixels++] = c;
        w->err_as_is[0] += (c - ink) * (c - ink);
        w->err_as_is[1] += (c - 1 + ink) * (c - 1 + ink);
      }
  return w;
}

gboolean
svgai_refit_window_error (SvgaiRefitWindow *w, int from, int to, const P *poly, int npoly, double error[2])
{
  const Edge *e = (const Edge *) (gconstpointer) w->outline->data;
  double err[2] = { 0, 0 }, ink[MAX_SIDE][MAX_SIDE];
  double y_end = w->y0 + w->side;   /* below the window's last row */
  int span = wrap (to - from, w->n), o;
  P last = w->pts[from];

  g_array_set_size (w->edges, 0);
  for (guint k = 0; k < w->outline->len; k++)
    if (wrap (e[k].j - from, w->n) >= span)
      g_array_append_val (w->edges, e[k]);
  for (int k = 0; k < npoly; k++)
    {
      add_edge (w->edges, last, poly[k], -1, w->x0, w->y0, y_end);
      last = poly[k];
    }
  add_edge (w->edges, last, w->pts[to], -1, w->x0, w->y0, y_end);
  window_ink (w->edges, w->x0, w->y0, w->side, ink);
  for (int k = 0; k < w->n_pixels; k++)
    {
      double c = w->c[k], v = ink[w->at[k][1]][w->at[k][0]];

      err[0] += (c - v) * (c - v);
      err[1] += (c - 1 + v) * (c - 1 + v);
    }
  o = w->err_as_is[1] < w->err_as_is[0];
  error[0] = w->err_as_is[o], error[1] = err[o];
  return w->n_pixels >= KINK_MIN_PIXELS;
}

void
svgai_refit_window_free (SvgaiRefitWindow *w)
{
  if (w == NULL)
    return;
  g_array_unref (w->outline);
  g_array_unref (w->edges);
  g_free (w);
}

gboolean
svgai_refit_is_sharper (const double error[2])
{
  return error[1] < KINK_GAIN * error[0] && error[0] - error[1] > KINK_MARGIN;
}

gboolean
svgai_refit_kink_is_sharp (const SvgaiCoverage *coverage, const P *pts, int n, int i, int arm, P apex)
{
  g_autoptr(SvgaiRefitWindow) window = NULL;
  double error[2];

  if (n < 4 * arm + 4 || (window = svgai_refit_window_new (coverage, pts, n, apex, KINK_RADIUS)) == NULL)
    return FALSE;
  return svgai_refit_window_error (window, wrap (i - arm, n), wrap (i + arm, n), &apex, 1, error) &&
         svgai_refit_is_sharper (error);
}
