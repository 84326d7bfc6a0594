/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-refit-kink.h"

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

/* Whether (x, y) is inside the edges' outline (crossing rule along +x):
 * the edges are those crossing the window's rows, the others cross no
 * ray from inside it. */
static gboolean
inside (const Edge *e, guint m, double x, double y)
{
  gboolean in = FALSE;

  for (guint j = 0; j < m; j++)
    if ((e[j].a.y > y) != (e[j].b.y > y) &&
        x < e[j].a.x + (y - e[j].a.y) * (e[j].b.x - e[j].a.x) / (e[j].b.y - e[j].a.y))
      in = !in;
  return in;
}

static void
add_edge (GArray *edges, P a, P b, double y0, double y1)
{
  Edge e = { a, b };

  if (MAX (a.y, b.y) >= y0 && MIN (a.y, b.y) <= y1)
    g_array_append_val (edges, e);
}

/* The ink of pixel (x, y) under the outline: the share of its point
 * samples inside. */
static double
pixel_ink (const GArray *edges, int x, int y)
{
  int in = 0;

  for (int v = 0; v < KINK_SUPER; v++)
    for (int u = 0; u < KINK_SUPER; u++)
      in += inside ((const Edge *) (gconstpointer) edges->data, edges->len, x + (u + 0.5) / KINK_SUPER,
                    y + (v + 0.5) / KINK_SUPER);
  return (double) in / (KINK_SUPER * KINK_SUPER);
}

gboolean
svgai_refit_kink_is_sharp (const SvgaiCoverage *coverage, const P *pts, int n, int i, int arm, P apex)
{
  int cx = (int) floor (apex.x), cy = (int) floor (apex.y), pixels = 0;
  int x0 = cx - KINK_RADIUS, x1 = cx + KINK_RADIUS, y0 = cy - KINK_RADIUS, y1 = cy + KINK_RADIUS;
  g_autoptr(GArray) round_edges = NULL, kinked_edges = NULL;
  /* err[o][k]: o = 1 if the ink is outside the outline (a hole's), k = 1
   * for the kinked outline. */
  double err[2][2] = { { 0, 0 }, { 0, 0 } }, level = 0;
  int o;

  if (coverage == NULL || x0 < 0 || y0 < 0 || x1 >= coverage->width || y1 >= coverage->height || n < 4 * arm + 4)
    return FALSE;
  round_edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  kinked_edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  for (int j = 0; j < n; j++)
    {
      int d = wrap (j - i, n);

      add_edge (round_edges, pts[j], pts[j + 1], y0, y1 + 1);
      if (d < arm || d >= n - arm)
        continue;
      add_edge (kinked_edges, pts[j], pts[j + 1], y0, y1 + 1);
    }
  add_edge (kinked_edges, pts[wrap (i - arm, n)], apex, y0, y1 + 1);
  add_edge (kinked_edges, apex, pts[wrap (i + arm, n)], y0, y1 + 1);
  /* A translucent colour's coverage stops at its alpha. */
  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++)
      level = MAX (level, coverage->data[(gsize) y * coverage->width + x] / 255.0);
  if (level < 0.5)
    return FALSE;
  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++)
      {
        double c = coverage->data[(gsize) y * coverage->width + x] / 255.0 / level;
        double ink[2] = { pixel_ink (round_edges, x, y), pixel_ink (kinked_edges, x, y) };

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
  return pixels >= KINK_MIN_PIXELS && err[o][1] < KINK_GAIN * err[o][0] && err[o][0] - err[o][1] > KINK_MARGIN;
}
