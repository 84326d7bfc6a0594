/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-config.h"

#include "svgai-background.h"
#include "svgai-background-holes.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

/* A pixel within this (largest channel difference) of the background colour
 * is background: compression noise and ringing stay inside it. */
#define BG_TOLERANCE 28
/* A light neutral colour (white, paper) is a background when it covers this
 * share of the border (artwork scaled to fit touches the border, often on
 * two whole sides)... */
#define REMOVE_LIGHT_SHARE 0.45
/* ...AUTO asks more of it, and that it reach every side... */
#define AUTO_LIGHT_SHARE 0.6
/* ...while any other colour must be nearly all of the border: a flag's
 * field or an app icon's tile also surrounds what is drawn on it, and is
 * artwork. */
#define OTHER_SHARE 0.95
/* Foreground colours are looked for this far (pixels) from an edge pixel. */
#define SEARCH 3
/* A lossy source whose artwork reaches every side along this share of it
 * while the background colour fills... */
#define FIELD_SIDE_SHARE 0.1
/* ...at least this share of the image is a field crossed by the artwork
 * (a flag's white crossed by its stripes), not a background around it. */
#define FIELD_AREA_SHARE 0.5
/* A lossy source with a light border colour was flattened onto paper:
 * with REMOVE, paper on this share of the border is enough when it lies in
 * pockets (paper_around(): a plate or a tile filling the image leaves
 * paper in its corners and notches; a flag's white stripe runs along a
 * side). */
#define LOSSY_LIGHT_SHARE 0.2
/* In a lossy source, chroma subsampling tints the paper along coloured
 * edges: a gap of paper a pixel or two wide between strokes takes on their
 * colour, up to two and a half times BG_TOLERANCE in a channel, while its
 * brightness stays near the paper's, so the flood stops at it and the gap
 * is filled. A pixel reached from the background through such pixels,
 * luma within BLEED_LUMA of the paper's and no channel further than
 * BLEED_CHANNEL, is an edge pixel: unblend() gives it its coverage. (A
 * pale colour of the artwork that meets the background is as bright: its
 * own colour explains it, and it stays; a looser luma loses Ruby's white
 * highlight on the devset.) */
#define BLEED_LUMA 20
#define BLEED_CHANNEL 72
/* Coverage below this is background. */
#define MIN_COVERAGE 0.06

static inline int
channel_diff (const guint8 *p, const int *c)
{
  int d0 = abs (p[0] - c[0]), d1 = abs (p[1] - c[1]), d2 = abs (p[2] - c[2]);
  return MAX (d0, MAX (d1, d2));
}

/* The opaque border pixels, in order. */
static GArray *
border_pixels (const SvgaiImage *image)
{
  int w = image->width, h = image->height;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (const guint8 *));

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x += (y == 0 || y == h - 1 || x == w - 1) ? 1 : w - 1)
      {
        const guint8 *p = svgai_image_pixel (image, x, y);
        if (p[3] >= 250)
          g_array_append_val (out, p);
      }
  return out;
}

static inline gboolean
is_light (const guint8 *p)
{
  int lo = MIN (p[0], MIN (p[1], p[2])), hi = MAX (p[0], MAX (p[1], p[2]));

  return lo >= 200 && hi - lo <= 24;
}

/* The border's commonest colour (@light_only: its commonest light one):
 * per channel median of the border pixels near the top bin of a coarse
 * histogram. Returns the share of the border within BG_TOLERANCE of it, 0
 * when no border pixel is opaque (or light). */
static double
border_colour (const SvgaiImage *image, gboolean light_only, int *bg)
{
  g_autoptr(GArray) border = border_pixels (image);
  g_autofree guint32 *bins = g_new0 (guint32, 4096);
  guint32 hist[3][256] = { { 0 } };
  guint top = 0, count = 0, near = 0;
  int c[3];

  if (border->len == 0)
    return 0;
  for (guint i = 0; i < border->len; i++)
    {
      const guint8 *p = g_array_index (border, const guint8 *, i);
      if (!light_only || is_light (p))
        bins[(p[0] >> 4) << 8 | (p[1] >> 4) << 4 | p[2] >> 4]++, count++;
    }
  if (count == 0)
    return 0;
  count = 0;
  for (guint i = 1; i < 4096; i++)
    if (bins[i] > bins[top])
      top = i;
  c[0] = (top >> 8) * 16 + 8, c[1] = ((top >> 4) & 15) * 16 + 8, c[2] = (top & 15) * 16 + 8;
  for (guint i = 0; i < border->len; i++)
    {
      const guint8 *p = g_array_index (border, const guint8 *, i);
      if (channel_diff (p, c) > 16)
        continue;
      for (int ch = 0; ch < 3; ch++)
        hist[ch][p[ch]]++;
      count++;
    }
  for (int ch = 0; ch < 3; ch++)
    {
      guint acc = 0;
      for (int v = 0; v < 256; v++)
        if ((acc += hist[ch][v]) * 2 >= count)
          {
            bg[ch] = v;
            break;
          }
    }
  for (guint i = 0; i < border->len; i++)
    near += channel_diff (g_array_index (border, const guint8 *, i), bg) <= BG_TOLERANCE;
  return (double) near / (2.0 * image->width + 2.0 * image->height - 4);
}

/* Marks (1) the pixels within BG_TOLERANCE of bg connected to the border.
 * Returns the sides (bit set) the region touches. */
static guint
flood (const SvgaiImage *image, const int *bg, guint8 *mark)
{
  int w = image->width, h = image->height;
  g_autofree guint32 *stack = g_new (guint32, (gsize) w * h);
  gsize top = 0;
  guint sides = 0;

#define PUSH(X, Y)                                                                                    \
  G_STMT_START {                                                                                      \
    gsize i_ = (gsize) (Y) * w + (X);                                                                 \
    const guint8 *p_ = image->pixels + 4 * i_;                                                        \
    if (!mark[i_] && p_[3] >= 250 && channel_diff (p_, bg) <= BG_TOLERANCE)                           \
      mark[i_] = 1, stack[top++] = (guint32) i_;                                                      \
  } G_STMT_END

  for (int x = 0; x < w; x++)
    {
      PUSH (x, 0);
      PUSH (x, h - 1);
    }
  for (int y = 0; y < h; y++)
    {
      PUSH (0, y);
      PUSH (w - 1, y);
    }
  while (top > 0)
    {
      guint32 i = stack[--top];
      int x = i % w, y = i / w;

      sides |= (y == 0) | (x == w - 1) << 1 | (y == h - 1) << 2 | (x == 0) << 3;
      if (x > 0)
        PUSH (x - 1, y);
      if (x + 1 < w)
        PUSH (x + 1, y);
      if (y > 0)
        PUSH (x, y - 1);
      if (y + 1 < h)
        PUSH (x, y + 1);
    }
#undef PUSH
  return sides;
}

static inline gboolean
bleeds (const guint8 *p, const int *bg)
{
  int luma = 299 * (p[0] - bg[0]) + 587 * (p[1] - bg[1]) + 114 * (p[2] - bg[2]);

  return p[3] >= 250 && abs (luma) <= BLEED_LUMA * 1000 && channel_diff (p, bg) <= BLEED_CHANNEL;
}

/* For a lossy source: marks (2, an edge) the tinted paper reached from
 * the background (mark 1) through tinted paper (see BLEED_LUMA). */
static void
flood_bleed (const SvgaiImage *image, const int *bg, guint8 *mark)
{
  int w = image->width, h = image->height;
  g_autofree guint32 *stack = g_try_new (guint32, (gsize) w * h);
  gsize top = 0;

  if (stack == NULL)
    return;
  for (gsize i = 0; i < (gsize) w * h; i++)
    if (mark[i] == 1)
      stack[top++] = (guint32) i;
  while (top > 0)
    {
      guint32 i = stack[--top];
      int x = i % w, y = i / w;
      const int nx[4] = { x - 1, x + 1, x, x }, ny[4] = { y, y, y - 1, y + 1 };

      for (int d = 0; d < 4; d++)
        {
          gsize j = (gsize) ny[d] * w + nx[d];
          if (nx[d] >= 0 && ny[d] >= 0 && nx[d] < w && ny[d] < h && mark[j] == 0 &&
              bleeds (image->pixels + 4 * j, bg))
            mark[j] = 2, stack[top++] = (guint32) j;
        }
    }
}

static gboolean
touches_mark (const guint8 *mark, int w, int h, int x, int y, guint8 want)
{
  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      {
        int nx = x + dx, ny = y + dy;
        if (nx >= 0 && ny >= 0 && nx < w && ny < h && mark[(gsize) ny * w + nx] == want)
          return TRUE;
      }
  return FALSE;
}

/* TRUE when the pixel at (x, y) and its eight neighbours have one colour:
 * in a restored lossy source, the inside of a flat area (flat colours are
 * exact there, blends vary from pixel to pixel across an edge). */
static gboolean
flat_inside (const SvgaiImage *image, int x, int y)
{
  const guint8 *p = svgai_image_pixel (image, x, y);

  if (x < 1 || y < 1 || x + 1 >= image->width || y + 1 >= image->height)
    return FALSE;
  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      if (memcmp (p, svgai_image_pixel (image, x + dx, y + dy), 4) != 0)
        return FALSE;
  return TRUE;
}

/* TRUE when the pixel at (x, y) has exactly the colour of the inside of a
 * flat area within SEARCH: in a restored lossy source, it is that flat
 * colour, whole. A pale band along a darker colour (mint along green) is
 * as near a blend of the darker colour with the paper, and the blend,
 * more saturated, would win in unblend(). */
static gboolean
flat_colour (const SvgaiImage *image, int x, int y)
{
  const guint8 *p = svgai_image_pixel (image, x, y);

  for (int dy = -SEARCH; dy <= SEARCH; dy++)
    for (int dx = -SEARCH; dx <= SEARCH; dx++)
      if (x + dx >= 0 && y + dy >= 0 && x + dx < image->width && y + dy < image->height &&
          memcmp (p, svgai_image_pixel (image, x + dx, y + dy), 4) == 0 && flat_inside (image, x + dx, y + dy))
        return TRUE;
  return FALSE;
}

/* An edge pixel p is a blend a·F + (1−a)·B of the background B and a
 * foreground colour F found nearby, away from the edge: the F that explains
 * p best gives the pixel its colour and a its coverage. */
static void
unblend (const SvgaiImage *image, const guint8 *mark, int x, int y, const int *bg, gboolean lossy, guint8 *out)
{
  int w = image->width, h = image->height;
  const guint8 *p = svgai_image_pixel (image, x, y);
  double best = G_MAXDOUBLE, best_a = 1;
  const guint8 *best_f = NULL;

  for (int dy = -SEARCH; dy <= SEARCH; dy++)
    for (int dx = -SEARCH; dx <= SEARCH; dx++)
      {
        int nx = x + dx, ny = y + dy;
        const guint8 *f;
        double u[3], len2 = 0, t = 0, res = 0;

        if (nx < 0 || ny < 0 || nx >= w || ny >= h || mark[(gsize) ny * w + nx] == 1 ||
            (!lossy && mark[(gsize) ny * w + nx] != 0))
          continue;
        f = svgai_image_pixel (image, nx, ny);
        for (int ch = 0; ch < 3; ch++)
          u[ch] = f[ch] - bg[ch], len2 += u[ch] * u[ch], t += (p[ch] - bg[ch]) * u[ch];
        if (len2 < 24 * 24)
          continue;
        t = CLAMP (t / len2, 0, 1);
        for (int ch = 0; ch < 3; ch++)
          {
            double e = p[ch] - (bg[ch] + t * u[ch]);
            res += e * e;
          }
        /* Nearer and more saturated candidates win ties. A restored lossy
         * source's edge is wider and its pixels exact blends: a blend
         * further in explains the pixel as well as the flat colour behind
         * it, which must win, or the edge is a rim of paler colour. */
        res += (dx * dx + dy * dy) * 4;
        if (lossy)
          res -= 0.02 * len2;
        if (res < best)
          best = res, best_a = t, best_f = f;
      }
  memcpy (out, p, 4);
  if (best_f == NULL || (lossy && flat_colour (image, x, y)))
    return;
  if (best_a < MIN_COVERAGE)
    {
      out[3] = 0;
      return;
    }
  memcpy (out, best_f, 3);
  out[3] = (guint8) CLAMP (best_a * p[3] + 0.5, 0, 255);
  if (lossy && out[3] >= 245)
    out[3] = 255;
}

#define SIDES_LR 10
#define SIDES_TB 5

/* The sides (bits as flood() returns them) touched by the 4-connected
 * piece of background (mark 1) that holds @start, which is marked visited
 * in @seen; @stack has room for every pixel. */
static guint
component_sides (const guint8 *mark, int w, int h, gsize start, guint8 *seen, guint32 *stack)
{
  gsize top = 0;
  guint sides = 0;

  seen[start] = 1, stack[top++] = (guint32) start;
  while (top > 0)
    {
      guint32 i = stack[--top];
      int x = i % w, y = i / w;
      const int nx[4] = { x - 1, x + 1, x, x }, ny[4] = { y, y, y - 1, y + 1 };

      sides |= (y == 0) | (x == w - 1) << 1 | (y == h - 1) << 2 | (x == 0) << 3;
      for (int d = 0; d < 4; d++)
        {
          gsize j = (gsize) ny[d] * w + nx[d];
          if (nx[d] >= 0 && ny[d] >= 0 && nx[d] < w && ny[d] < h && !seen[j] && mark[j] == 1)
            seen[j] = 1, stack[top++] = (guint32) j;
        }
    }
  return sides;
}

/* TRUE when a piece of background that touches the border touches two
 * opposite sides or three: it goes round the artwork, or along a side of
 * it. FALSE when every piece is a pocket in a corner or a notch in one
 * side: the paper left around a plate or a tile that fills the image. */
static gboolean
paper_around (const guint8 *mark, int w, int h)
{
  g_autofree guint8 *seen = g_try_malloc0 ((gsize) w * h);
  g_autofree guint32 *stack = g_try_new (guint32, (gsize) w * h);

  if (seen == NULL || stack == NULL)
    return TRUE;
  for (gsize i = 0; i < (gsize) w * h; i++)
    if (!seen[i] && mark[i] == 1)
      {
        guint sides = component_sides (mark, w, h, i, seen, stack);
        if ((sides & SIDES_LR) == SIDES_LR || (sides & SIDES_TB) == SIDES_TB)
          return TRUE;
      }
  return FALSE;
}

/* For a lossy source (see FIELD_SIDE_SHARE): TRUE when what the flood
 * marked is a field the artwork crosses from side to side. */
static gboolean
crossed_field (const guint8 *mark, int w, int h)
{
  guint64 area = 0;
  int side[4] = { 0 };

  for (gsize i = 0; i < (gsize) w * h; i++)
    area += mark[i] == 1;
  for (int x = 0; x < w; x++)
    side[0] += mark[x] != 1, side[2] += mark[(gsize) (h - 1) * w + x] != 1;
  for (int y = 0; y < h; y++)
    side[1] += mark[(gsize) y * w + w - 1] != 1, side[3] += mark[(gsize) y * w] != 1;
  return area >= FIELD_AREA_SHARE * w * h && MIN (side[0], side[2]) >= FIELD_SIDE_SHARE * w &&
         MIN (side[1], side[3]) >= FIELD_SIDE_SHARE * h;
}

SvgaiImage *
svgai_background_remove (const SvgaiImage *image, SvgaiBackground mode, SvgaiColor *removed, GPtrArray *warnings)
{
  return svgai_background_remove_full (image, mode, FALSE, removed, warnings);
}

/* Marks (2) the pixels next to background (1) or to a pixel marked 2 by
 * an earlier round, @rounds rounds; with @outside, the image's own border
 * pixels too, as if the background went on beyond it. */
static void
mark_edges (guint8 *mark, int w, int h, int rounds, gboolean outside)
{
  for (int r = 0; r < rounds; r++)
    {
      guint8 want = r == 0 ? 1 : 2, set = r == 0 ? 2 : 3;

      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          if (mark[(gsize) y * w + x] == 0 &&
              (touches_mark (mark, w, h, x, y, want) ||
               (outside && r == 0 && (x == 0 || y == 0 || x == w - 1 || y == h - 1))))
            mark[(gsize) y * w + x] = set;
      for (gsize i = 0; i < (gsize) w * h; i++)
        mark[i] = mark[i] == 3 ? 2 : mark[i];
    }
}

/* Says why nothing was removed, for REMOVE: the border's colour. */
static SvgaiImage *
warn_share (SvgaiBackground mode, const int *bg, double share, GPtrArray *warnings)
{
  if (mode == SVGAI_BACKGROUND_REMOVE && warnings != NULL)
    g_ptr_array_add (warnings, share <= 0 ? g_strdup (_("no background removed: the border has no opaque colour"))
                                          : g_strdup_printf (_("no background removed: no solid colour covers most "
                                                               "of the border (the commonest, #%02x%02x%02x, covers "
                                                               "%.0f %%)"), bg[0], bg[1], bg[2], share * 100));
  return NULL;
}

SvgaiImage *
svgai_background_remove_full (const SvgaiImage *image, SvgaiBackground mode, gboolean lossy, SvgaiColor *removed,
                              GPtrArray *warnings)
{
  int w = image->width, h = image->height, bg[3] = { 0 };
  g_autofree guint8 *mark = NULL;
  SvgaiImage *out;
  double share;
  gboolean light, pockets = FALSE;
  guint sides;

  if (mode == SVGAI_BACKGROUND_KEEP || w < 3 || h < 3)
    return NULL;
  share = border_colour (image, FALSE, bg);
  light = MIN (bg[0], MIN (bg[1], bg[2])) >= 200 && MAX (bg[0], MAX (bg[1], bg[2])) - MIN (bg[0], MIN (bg[1], bg[2])) <= 24;
  /* Paper in the corners of a plate that fills a flattened source: the
   * border's commonest colour is the plate's. */
  if (lossy && !light && mode == SVGAI_BACKGROUND_REMOVE)
    {
      int paper[3];
      double paper_share = border_colour (image, TRUE, paper);

      if (paper_share >= LOSSY_LIGHT_SHARE)
        memcpy (bg, paper, sizeof paper), share = paper_share, light = pockets = TRUE;
    }
  /* A JPEG has no transparency: a logo saved as one was flattened onto
   * paper. A coloured field filling its border is the artwork's own (a
   * flag, an app tile). */
  if (lossy && !light && share > 0)
    {
      if (mode == SVGAI_BACKGROUND_REMOVE && warnings != NULL)
        g_ptr_array_add (warnings, g_strdup_printf (_("no background removed: the border's colour, #%02x%02x%02x, "
                                                      "is not a light background but a field of the artwork "
                                                      "(the source is compressed, so it was never transparent)"),
                                                    bg[0], bg[1], bg[2]));
      return NULL;
    }
  /* Paper on less of the border than REMOVE_LIGHT_SHARE, or less than
   * the artwork's colour: only in pockets. */
  pockets |= lossy && light && mode == SVGAI_BACKGROUND_REMOVE && share < REMOVE_LIGHT_SHARE;
  if (share < (!light ? OTHER_SHARE : mode == SVGAI_BACKGROUND_AUTO ? AUTO_LIGHT_SHARE
                                      : lossy                       ? LOSSY_LIGHT_SHARE
                                                                    : REMOVE_LIGHT_SHARE))
    return warn_share (mode, bg, share, warnings);
  mark = g_try_malloc0 ((gsize) w * h);
  out = svgai_image_new (w, h);
  if (mark == NULL || out == NULL)
    {
      g_clear_pointer (&out, svgai_image_unref);
      return NULL;
    }
  sides = flood (image, bg, mark);
  if (pockets && paper_around (mark, w, h))
    {
      svgai_image_unref (out);
      return warn_share (mode, bg, share, warnings);
    }
  if ((mode == SVGAI_BACKGROUND_AUTO && sides != 15) || (lossy && crossed_field (mark, w, h)))
    {
      if (mode == SVGAI_BACKGROUND_REMOVE && warnings != NULL)
        g_ptr_array_add (warnings, g_strdup_printf (_("no background removed: the artwork crosses the image from "
                                                      "side to side, so #%02x%02x%02x is its field, not a "
                                                      "background"), bg[0], bg[1], bg[2]));
      svgai_image_unref (out);
      return NULL;
    }
  /* A flattened source shows its holes as background colour, enclosed:
   * those the geometry calls holes go with the background. */
  if (lossy)
    {
      svgai_background_open_holes (image, bg, BG_TOLERANCE, mark);
      flood_bleed (image, bg, mark);
    }
  /* Edge pixels: not background, next to it (two pixels deep for a lossy
   * source, whose edges JPEG spreads, and where the artwork meets the
   * image's border: there JPEG blends it with a background the flood
   * cannot reach past it). */
  mark_edges (mark, w, h, lossy ? 2 : 1, lossy);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        guint8 *o = out->pixels + 4 * i;

        if (mark[i] == 1)
          memset (o, 0, 4);
        else if (mark[i] == 2)
          unblend (image, mark, x, y, bg, lossy, o);
        else
          memcpy (o, image->pixels + 4 * i, 4);
      }
  if (removed != NULL)
    *removed = (SvgaiColor) { bg[0], bg[1], bg[2], 255 };
  return out;
}
