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
} Edge;

/* Edges left of x0 never lie right of a point of the window. */
static void
add_edge (GArray *edges, P a, P b, double x0, double y0, double y1)
{
  Edge e = { a, b };

  if (MAX (a.y, b.y) >= y0 && MIN (a.y, b.y) <= y1 && MAX (a.x, b.x) >= x0)
    g_array_append_val (edges, e);
}

/* The widest window replace_error() reads: a bar's square end needs both
 * its corners in it. */
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

gboolean
svgai_refit_replace_error (const SvgaiCoverage *coverage, const P *pts, int n, int from, int to, const P *poly,
                           int npoly, P centre, int radius, double error[2])
{
  int cx = (int) floor (centre.x), cy = (int) floor (centre.y), pixels = 0, side = 2 * radius + 1;
  int x0 = cx - radius, x1 = cx + radius, y0 = cy - radius, y1 = cy + radius, span = wrap (to - from, n);
  g_autoptr(GArray) round_edges = NULL, kinked_edges = NULL;
  /* err[o][k]: o = 1 if the ink is outside the outline (a hole's), k = 1
   * for the kinked outline. */
  double err[2][2] = { { 0, 0 }, { 0, 0 } }, level = 0;
  double round_ink[MAX_SIDE][MAX_SIDE], kinked_ink[MAX_SIDE][MAX_SIDE];
  P last = pts[from];
  int o;

  g_return_val_if_fail (radius <= MAX_RADIUS, FALSE);
  /* Where the window reaches past the image, the pixels inside it are
   * read (a bar's end by the image's edge). */
  if (coverage == NULL || x1 < 0 || y1 < 0 || x0 >= coverage->width || y0 >= coverage->height)
    return FALSE;
  round_edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  kinked_edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  for (int j = 0; j < n; j++)
    {
      add_edge (round_edges, pts[j], pts[j + 1], x0, y0, y1 + 1);
      if (wrap (j - from, n) < span)
        continue;
      add_edge (kinked_edges, pts[j], pts[j + 1], x0, y0, y1 + 1);
    }
  for (int k = 0; k < npoly; k++)
    {
      add_edge (kinked_edges, last, poly[k], x0, y0, y1 + 1);
      last = poly[k];
    }
  add_edge (kinked_edges, last, pts[to], x0, y0, y1 + 1);
  /* A translucent colour's coverage stops at its alpha. */
  for (int y = MAX (y0, 0); y <= MIN (y1, coverage->height - 1); y++)
    for (int x = MAX (x0, 0); x <= MIN (x1, coverage->width - 1); x++)
      level = MAX (level, coverage->data[(gsize) y * coverage->width + x] / 255.0);
  if (level < 0.5)
    return FALSE;
  window_ink (round_edges, x0, y0, side, round_ink);
  window_ink (kinked_edges, x0, y0, side, kinked_ink);
  for (int y = MAX (y0, 0); y <= MIN (y1, coverage->height - 1); y++)
    for (int x = MAX (x0, 0); x <= MIN (x1, coverage->width - 1); x++)
      {
        double c = coverage->data[(gsize) y * coverage->width + x] / 255.0 / level;
        double ink[2] = { round_ink[y - y0][x - x0], kinked_ink[y - y0][x - x0] };

        if (svgai_coverage_hidden (coverage, (P) { x + 0.5, y + 0.5 }))
          continue;
        pixels++;
        for (int k = 0; k < 2; k++)
          {
            err[0][k] += (c - ink[k]) * (c - ink[k]);
            err[1][k] += (c - 1 + ink[k]) * (c - 1 + ink[k]);
          }
      }
  o = err[1][0] < err[0][0];
  error[0] = err[o][0], error[1] = err[o][1];
  return pixels >= KINK_MIN_PIXELS;
}

gboolean
svgai_refit_is_sharper (const double error[2])
{
  return error[1] < KINK_GAIN * error[0] && error[0] - error[1] > KINK_MARGIN;
}

gboolean
svgai_refit_kink_is_sharp (const SvgaiCoverage *coverage, const P *pts, int n, int i, int arm, P apex)
{
  double error[2];

  if (n < 4 * arm + 4)
    return FALSE;
  return svgai_refit_replace_error (coverage, pts, n, wrap (i - arm, n), wrap (i + arm, n), &apex, 1, apex,
                                    KINK_RADIUS, error) &&
         svgai_refit_is_sharper (error);
}
