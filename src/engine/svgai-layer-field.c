/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-layer-field.h"
#include "svgai-threads.h"
#include "svgai-coverage.h"

#include <string.h>

/* Coverage given to the edge pixels of a translucent neighbour: with the
 * layer's own pixel at full coverage, its edge lands at their centre, half
 * a pixel under the neighbour (an overlap darkens a sliver; a gap would
 * show the background). */
#define TRANSLUCENT_OVERLAP 128

/* Whether the trace's deadline passed (then marks it timed out). */
static gboolean
expired (const SvgaiLayerStack *st)
{
  if (g_get_monotonic_time () <= st->deadline)
    return FALSE;
  g_atomic_int_set (st->timed_out, 1);
  return TRUE;
}

/* Whether colour d lets what is under it show: translucent, or a fade's. */
static inline gboolean
translucent (const SvgaiLayerStack *st, int d)
{
  return st->palette->colors[d].a < 255 || st->palette->colors[d].fades;
}

/* An opaque colour above k: translucent colours must not have anything
 * under them that the source did not have. */
static inline gboolean
above (const SvgaiLayerStack *st, int d, int k)
{
  return d > k && !translucent (st, d);
}

static inline gboolean
translucent_above (const SvgaiLayerStack *st, int d, int k)
{
  return d > k && translucent (st, d);
}

/* Whether a neighbour of colour d erodes layer k's coverage under an
 * attached shape (layer_field): not a translucent colour above, and not
 * the background where the silhouette runs `along` the layer's own pixels. */
static inline gboolean
eroding (const SvgaiLayerStack *st, int d, int k, gboolean along)
{
  return (d >= 0 || !along) && !translucent_above (st, d, k);
}

/* Whether pixel i (at x, y) is on the silhouette: mostly a colour, with a
 * 4-neighbour mostly background. */
static gboolean
on_silhouette (const gint8 *dom, int w, int h, int x, int y)
{
  gsize i = (gsize) y * w + x;

  return dom[i] >= 0 && ((x > 0 && dom[i - 1] < 0) || (x < w - 1 && dom[i + 1] < 0) ||
                         (y > 0 && dom[i - w] < 0) || (y < h - 1 && dom[i + w] < 0));
}

/* Whether the background is one of pixel (x, y)'s 8 neighbours. */
static gboolean
near_background (const gint8 *dom, int w, int h, int x, int y)
{
  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      if (x + dx >= 0 && y + dy >= 0 && x + dx < w && y + dy < h && dom[(gsize) (y + dy) * w + x + dx] < 0)
        return TRUE;
  return FALSE;
}

/* Whether layer k follows the silhouette under the shape at pixel (x, y)
 * of it rather than keeping a pixel inside: the shape is one pixel thick
 * there (the pixel behind it, away from the background, is colour k: an
 * anti-aliased edge the palette unmixed to a darker colour), or its pixels
 * take turns with colour k's along the edge (pixels of colour k next to
 * the background within TURN_REACH pixels on opposite sides). Beside
 * colour k on one side only, it is where a shape meets the layer at the
 * silhouette: eroded, as everywhere else. */
#define TURN_REACH 4

static gboolean
follows_silhouette (const SvgaiLayerStack *st, int k, int x, int y)
{
  const gint8 *dom = st->dominant;
  int w = st->palette->width, h = st->palette->height;
  gsize i = (gsize) y * w + x;
  int ox[(2 * TURN_REACH + 1) * (2 * TURN_REACH + 1)], oy[G_N_ELEMENTS (ox)], n = 0;

  if (!on_silhouette (dom, w, h, x, y))
    return FALSE;
  if ((x > 0 && x < w - 1 && ((dom[i - 1] < 0 && dom[i + 1] == k) || (dom[i + 1] < 0 && dom[i - 1] == k))) ||
      (y > 0 && y < h - 1 && ((dom[i - w] < 0 && dom[i + w] == k) || (dom[i + w] < 0 && dom[i - w] == k))))
    return TRUE;
  for (int dy = -TURN_REACH; dy <= TURN_REACH; dy++)
    for (int dx = -TURN_REACH; dx <= TURN_REACH; dx++)
      {
        int nx = x + dx, ny = y + dy;

        if (nx < 0 || ny < 0 || nx >= w || ny >= h || dom[(gsize) ny * w + nx] != k || !near_background (dom, w, h, nx, ny))
          continue;
        for (int j = 0; j < n; j++)
          if (ox[j] * dx + oy[j] * dy < 0)
            return TRUE;
        ox[n] = dx, oy[n] = dy, n++;
      }
  return FALSE;
}

/* Marks the pixels of every shape of a colour above k that touches colour k
 * (4-connected, by dominant colour). Only those are stacked under layer k:
 * a shape that floats on the background needs nothing beneath it, and
 * stacking it would leave a halo of colour k around its anti-aliased edge. */
static void
mark_attached (const SvgaiLayerStack *st, int k, guint8 *attached, guint32 *stack)
{
  const gint8 *dom = st->dominant;
  int w = st->palette->width, h = st->palette->height;
  gsize n = (gsize) w * h;

  memset (attached, 0, n);
  for (int y = 0; y < h && !expired (st); y++)
    for (int x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        gsize top = 0;

        if (dom[i] != k)
          continue;
        /* Seed from the upper-colour neighbours of this pixel. */
        if (x > 0 && above (st, dom[i - 1], k) && !attached[i - 1])
          attached[i - 1] = 1, stack[top++] = i - 1;
        if (x < w - 1 && above (st, dom[i + 1], k) && !attached[i + 1])
          attached[i + 1] = 1, stack[top++] = i + 1;
        if (y > 0 && above (st, dom[i - w], k) && !attached[i - w])
          attached[i - w] = 1, stack[top++] = i - w;
        if (y < h - 1 && above (st, dom[i + w], k) && !attached[i + w])
          attached[i + w] = 1, stack[top++] = i + w;
        while (top > 0)
          {
            gsize j = stack[--top];
            int jx = j % w, jy = j / w;

            if (jx > 0 && !attached[j - 1] && above (st, dom[j - 1], k))
              attached[j - 1] = 1, stack[top++] = j - 1;
            if (jx < w - 1 && !attached[j + 1] && above (st, dom[j + 1], k))
              attached[j + 1] = 1, stack[top++] = j + 1;
            if (jy > 0 && !attached[j - w] && above (st, dom[j - w], k))
              attached[j - w] = 1, stack[top++] = j - w;
            if (jy < h - 1 && !attached[j + w] && above (st, dom[j + w], k))
              attached[j + w] = 1, stack[top++] = j + w;
          }
      }
}

/* Whether layer k's own pixels lie on the image's border within
 * TURN_REACH pixels of border pixel (x, y), along the border. */
static gboolean
own_on_border_near (const SvgaiLayerStack *st, int k, int x, int y)
{
  const gint8 *dom = st->dominant;
  int w = st->palette->width, h = st->palette->height;

  for (int d = -TURN_REACH; d <= TURN_REACH; d++)
    {
      if ((x == 0 || x == w - 1) && y + d >= 0 && y + d < h && dom[(gsize) (y + d) * w + x] == k)
        return TRUE;
      if ((y == 0 || y == h - 1) && x + d >= 0 && x + d < w && dom[(gsize) y * w + x + d] == k)
        return TRUE;
    }
  return FALSE;
}

/* The coverage beyond the image's edge at border pixel i (at x, y), as
 * far as eroding layer k under a shape goes: nothing where the border
 * pixel is covered less than the one inside it (`inside`: the shapes'
 * own edge lies in it, as svgai_coverage_read has it), so the layer
 * keeps a pixel inside the edge there as along any edge with the
 * background; else (artwork the image cuts off), and near the layer's own
 * pixels on the border (where its outline must meet the shape's at the
 * edge, or the background shows in a notch between them), as much as
 * anything. So too where two colours meet in the border pixel: shapes
 * that abut there leave it short of opaque (each is anti-aliased on its
 * own), and no edge of the artwork lies in it. Without it the layer's
 * hidden outline, refitted apart from the shape's, showed as a dark
 * sliver along the image's edge (IntelliJ's right edge, Shipit's left). */
static inline guint8
beyond_edge (const SvgaiLayerStack *st, int k, const guint8 *cover, int x, int y, gsize inside)
{
  gsize i = (gsize) y * st->palette->width + x;
  SvgaiPixelMix m = st->palette->mix[i];
  gboolean junction = m.first != m.second && m.share > SVGAI_COVERAGE_CUT_SLACK &&
                      m.share < 255 - SVGAI_COVERAGE_CUT_SLACK;

  return cover[i] + SVGAI_COVERAGE_CUT_SLACK < cover[inside] && !junction && !own_on_border_near (st, k, x, y) ? 0
                                                                                                               : 255;
}

typedef struct {
  const SvgaiLayerStack *st;
  int k;
  guint8 *field;
  const guint8 *attached;
  guint8 *cover;      /* coverage by k and the opaque colours above it */
  guint8 up[256];     /* per colour: k or an opaque colour above it */
} FieldRows;

/* Coverage by colour k and the colours above it (a table, not two palette
 * reads per pixel). */
static void
cover_rows (gpointer data, int y0, int y1)
{
  FieldRows *f = data;
  const SvgaiPixelMix *mix = f->st->palette->mix;
  gsize w = (gsize) f->st->palette->width;

  for (gsize i = (gsize) y0 * w, end = (gsize) y1 * w; i < end; i++)
    {
      SvgaiPixelMix m = mix[i];
      guint share = (f->up[m.first] ? m.share : 0) + (f->up[m.second] ? 255 - m.share : 0);
      f->cover[i] = (guint8) ((m.alpha * share + 127) / 255);
    }
}

static void
field_rows (gpointer data, int y0, int y1)
{
  FieldRows *f = data;
  const SvgaiLayerStack *st = f->st;
  const SvgaiPixelMix *mix = st->palette->mix;
  const gint8 *dom = st->dominant;
  const guint8 *attached = f->attached, *cover = f->cover;
  guint8 *field = f->field;
  int k = f->k, w = st->palette->width, h = st->palette->height;
  gboolean stacked = st->stacked;

  for (int y = y0; y < y1; y++)
    for (int x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        SvgaiPixelMix m = mix[i];
        guint share = svgai_pixel_mix_layer_share (m, k, stacked && dom[i] == k);

        field[i] = (guint8) ((m.alpha * share + 127) / 255);
        /* Under an attached shape, but kept about a pixel inside its edges
         * with the background or lower colours (there the shape's own
         * anti-aliased edge must meet what is really below it): the
         * coverage eroded by a pixel, which keeps the hidden outline as
         * smooth as the shape's own rather than a staircase of pixels.
         * Eroded everywhere alike: sparing pixels whose neighbours are all
         * colour k or above left the outline at the edge wherever an edge
         * pixel was mostly the upper colour and a pixel inside elsewhere,
         * a staircase along every slanted edge (issue 13: Intellij's
         * bottom layer 1509 → 600 characters). Only translucent colours
         * above, which nothing is stacked under, do not erode it, nor
         * does the background where the layer follows the silhouette
         * (follows_silhouette). */
        if (stacked && attached[i] && dom[i] != k)
          {
            guint8 v = cover[i];
            /* Eroded under a one-pixel sliver of the shape, or under
             * shape pixels that take turns with the layer's own along the
             * silhouette, the layer stepped a pixel in and out and both
             * outlines grew teeth (issue 13: Sinatra's brim, TasteJS's
             * side, v8's V). */
            gboolean along = follows_silhouette (st, k, x, y);

            /* Beyond the image's edge: background, or, where the image
             * cuts the artwork off, more of it (beyond_edge). */
            if (x > 0 ? eroding (st, dom[i - 1], k, along) : !along)
              v = MIN (v, x > 0 ? cover[i - 1] : beyond_edge (st, k, cover, x, y, i + (w > 1)));
            if (x < w - 1 ? eroding (st, dom[i + 1], k, along) : !along)
              v = MIN (v, x < w - 1 ? cover[i + 1] : beyond_edge (st, k, cover, x, y, i - (w > 1)));
            if (y > 0 ? eroding (st, dom[i - w], k, along) : !along)
              v = MIN (v, y > 0 ? cover[i - w] : beyond_edge (st, k, cover, x, y, i + (h > 1) * w));
            if (y < h - 1 ? eroding (st, dom[i + w], k, along) : !along)
              v = MIN (v, y < h - 1 ? cover[i + w] : beyond_edge (st, k, cover, x, y, i - (h > 1) * w));
            field[i] = MAX (field[i], v);
          }
        /* A translucent colour above that borders this one is not stacked
         * (it would darken), but both must meet: reach a little into it. */
        if (stacked && dom[i] > k && st->palette->colors[dom[i]].a < 255 && field[i] < TRANSLUCENT_OVERLAP &&
            ((x > 0 && dom[i - 1] == k) || (x < w - 1 && dom[i + 1] == k) ||
             (y > 0 && dom[i - w] == k) || (y < h - 1 && dom[i + w] == k)))
          {
            /* This colour's own coverage there, read from the alpha the
             * two leave (p = c·k + (1 − c)·t): a constant would step the
             * edge pixel by pixel. */
            int ta = st->palette->colors[dom[i]].a, a = st->image->pixels[4 * i + 3];
            int c = (a - ta) * 255 / (255 - ta);
            field[i] = (guint8) CLAMP (c, field[i], 255);
          }
      }
}

/* Coverage of layer k at each source pixel, 0..255. In stacked layering the
 * layer also covers the colours above it where they touch it (and inside
 * its own boundary pixels), so no background shows between neighbours.
 * Each pixel's value is its own: a large image's halves are done at once
 * (svgai_threads_split_rows). */
void
svgai_layer_field (const SvgaiLayerStack *st, int k, guint8 *field, guint8 *attached, guint32 *stack)
{
  int w = st->palette->width, h = st->palette->height;
  /* Eroded under attached shapes (field_rows) so their hidden outline
   * stays smooth. `stack` is free once the shapes are marked. */
  FieldRows f = { st, k, field, attached, (guint8 *) stack, { 0 } };

  if (st->stacked)
    {
      for (int d = 0; d < st->palette->n_colors; d++)
        f.up[d] = d == k || above (st, d, k);
      mark_attached (st, k, attached, stack);
      svgai_threads_split_rows (w, h, cover_rows, &f, &f);
    }
  svgai_threads_split_rows (w, h, field_rows, &f, &f);
}

typedef struct {
  const SvgaiLayerStack *st;
  int k;
  guint8 *covered;
} CoveredRows;

static void
covered_rows (gpointer data, int y0, int y1)
{
  const CoveredRows *r = data;
  const SvgaiPixelMix *mix = r->st->palette->mix;
  gsize w = (gsize) r->st->palette->width;

  for (gsize i = (gsize) y0 * w, end = (gsize) y1 * w; i < end; i++)
    {
      SvgaiPixelMix m = mix[i];
      r->covered[i] = m.alpha == 255 && above (r->st, m.first, r->k) && (m.share == 255 || above (r->st, m.second, r->k));
    }
}

/* Per pixel: whether opaque colours above k cover it completely, so that
 * layer k's outline there is never seen. */
void
svgai_layer_covered_above (const SvgaiLayerStack *st, int k, guint8 *covered)
{
  CoveredRows r = { st, k, covered };

  svgai_threads_split_rows (st->palette->width, st->palette->height, covered_rows, &r, &r);
}
