/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Holes in a logo flattened onto its background (a JPEG on white): the
 * regions of the background colour that the artwork encloses. Some were
 * transparent (a letter's counter, the inside of a ring), some are the
 * artwork's own white (a glyph on a plate); the file no longer says which,
 * so their geometry and the logo's colours decide (see the header). */
#include "svgai-config.h"

#include "svgai-background-holes.h"

#include <stdlib.h>
#include <string.h>

/* Distances in chamfer units (3 a step, 4 a diagonal), saturated. */
#define FAR G_MAXUINT16

typedef struct {
  guint inscribed;         /* largest distance from inside to the region's edge */
  GArray *band;            /* of guint16: each rim pixel's distance to the background outside */
} Region;

static inline int
channel_diff (const guint8 *p, const int *c)
{
  int d0 = abs (p[0] - c[0]), d1 = abs (p[1] - c[1]), d2 = abs (p[2] - c[2]);
  return MAX (d0, MAX (d1, d2));
}

static inline guint16
step (guint16 d, int cost)
{
  return (guint16) MIN ((int) d + cost, FAR);
}

/* Chamfer (3-4) distance of every pixel to the nearest seed (0 on input,
 * FAR elsewhere), in two passes; with @outside_seed, what lies beyond the
 * image is a seed too. */
static void
chamfer (guint16 *dist, int w, int h, gboolean outside_seed)
{
  guint16 edge = outside_seed ? 0 : FAR;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint16 *d = dist + (gsize) y * w + x, v = *d;
        v = MIN (v, step (x > 0 ? d[-1] : edge, 3));
        v = MIN (v, step (y > 0 ? d[-w] : edge, 3));
        v = MIN (v, step (x > 0 && y > 0 ? d[-w - 1] : edge, 4));
        v = MIN (v, step (x + 1 < w && y > 0 ? d[-w + 1] : edge, 4));
        *d = v;
      }
  for (int y = h - 1; y >= 0; y--)
    for (int x = w - 1; x >= 0; x--)
      {
        guint16 *d = dist + (gsize) y * w + x, v = *d;
        v = MIN (v, step (x + 1 < w ? d[1] : edge, 3));
        v = MIN (v, step (y + 1 < h ? d[w] : edge, 3));
        v = MIN (v, step (x + 1 < w && y + 1 < h ? d[w + 1] : edge, 4));
        v = MIN (v, step (x > 0 && y + 1 < h ? d[w - 1] : edge, 4));
        *d = v;
      }
}

/* A pixel of the background colour the flood from the border did not reach. */
static inline gboolean
enclosed (const SvgaiImage *image, const guint8 *mark, const int *bg, int tolerance, gsize i)
{
  const guint8 *p = image->pixels + 4 * i;

  return mark[i] == 0 && p[3] >= 250 && channel_diff (p, bg) <= tolerance;
}

/* Labels (1…) the 4-connected enclosed regions; returns how many, or -1
 * out of memory. */
static int
label_regions (const SvgaiImage *image, const guint8 *mark, const int *bg, int tolerance, gint32 *label)
{
  int w = image->width, h = image->height, n = 0;
  g_autofree guint32 *stack = g_try_new (guint32, (gsize) w * h);

  if (stack == NULL)
    return -1;
  for (gsize start = 0; start < (gsize) w * h; start++)
    {
      gsize top = 0;

      if (label[start] || !enclosed (image, mark, bg, tolerance, start))
        continue;
      label[start] = ++n, stack[top++] = (guint32) start;
      while (top > 0)
        {
          guint32 i = stack[--top];
          int x = i % w, y = i / w;
          const int nx[4] = { x - 1, x + 1, x, x }, ny[4] = { y, y, y - 1, y + 1 };

          for (int d = 0; d < 4; d++)
            {
              gsize j = (gsize) ny[d] * w + nx[d];
              if (nx[d] >= 0 && ny[d] >= 0 && nx[d] < w && ny[d] < h && !label[j] &&
                  enclosed (image, mark, bg, tolerance, j))
                label[j] = n, stack[top++] = (guint32) j;
            }
        }
    }
  return n;
}

/* Misra-Gries slots: every colour over 1/HEAVY_SLOTS of the pixels keeps
 * one (HOLE_COLOUR_SHARE is above that), in bounded memory whatever the
 * number of distinct colours. */
#define HEAVY_SLOTS 24

typedef struct {
  guint32 rgb[HEAVY_SLOTS];
  guint64 count[HEAVY_SLOTS];
} Heavy;

static void
heavy_add (Heavy *hv, guint32 rgb)
{
  int empty = -1;

  for (int k = 0; k < HEAVY_SLOTS; k++)
    {
      if (hv->count[k] > 0 && hv->rgb[k] == rgb)
        {
          hv->count[k]++;
          return;
        }
      if (hv->count[k] == 0 && empty < 0)
        empty = k;
    }
  if (empty >= 0)
    {
      hv->rgb[empty] = rgb, hv->count[empty] = 1;
      return;
    }
  for (int k = 0; k < HEAVY_SLOTS; k++)
    hv->count[k]--;
}

/* The artwork's interior pixels (not background, opaque, the same colour
 * as their four neighbours) as 0xRRGGBB, or G_MAXUINT32 for others. */
static guint32
interior_colour (const SvgaiImage *image, const guint8 *mark, const gint32 *label, const int *bg, int tolerance,
                 int x, int y)
{
  gsize i = (gsize) y * image->width + x, row = 4 * (gsize) image->width;
  const guint8 *p = image->pixels + 4 * i;

  if (mark[i] != 0 || label[i] != 0 || p[3] < 250 || channel_diff (p, bg) <= tolerance ||
      memcmp (p, p - 4, 3) != 0 || memcmp (p, p + 4, 3) != 0 || memcmp (p, p - row, 3) != 0 ||
      memcmp (p, p + row, 3) != 0)
    return G_MAXUINT32;
  return (guint32) p[0] << 16 | (guint32) p[1] << 8 | p[2];
}

/* How many colours the artwork is drawn in: the exact colours of its
 * interior pixels (a restored JPEG's flat colours are exact) that cover
 * HOLE_COLOUR_SHARE of them, and one more when as large a share is left
 * to no such colour (shading or a gradient, whose pixels all differ). */
static int
artwork_colours (const SvgaiImage *image, const guint8 *mark, const gint32 *label, const int *bg, int tolerance)
{
  int w = image->width, h = image->height, n = 0;
  Heavy hv = { { 0 }, { 0 } };
  guint64 exact[HEAVY_SLOTS] = { 0 }, total = 0, in_colours = 0;

  for (int pass = 0; pass < 2; pass++)
    for (int y = 1; y + 1 < h; y++)
      for (int x = 1; x + 1 < w; x++)
        {
          guint32 rgb = interior_colour (image, mark, label, bg, tolerance, x, y);

          if (rgb == G_MAXUINT32)
            continue;
          if (pass == 0)
            {
              heavy_add (&hv, rgb);
              total++;
              continue;
            }
          for (int k = 0; k < HEAVY_SLOTS; k++)
            if (hv.count[k] > 0 && hv.rgb[k] == rgb)
              exact[k]++;
        }
  for (int k = 0; k < HEAVY_SLOTS; k++)
    if (exact[k] >= HOLE_COLOUR_SHARE * total)
      n++, in_colours += exact[k];
  return n + (total - in_colours >= HOLE_COLOUR_SHARE * total);
}

/* For each region: the widest it is inside, and for each pixel beside it
 * the width of the artwork between it and the background outside. */
static gboolean
measure_regions (const SvgaiImage *image, const guint8 *mark, const gint32 *label, Region *regions)
{
  int w = image->width, h = image->height;
  gsize n_px = (gsize) w * h;
  g_autofree guint16 *inside = g_try_new (guint16, n_px);
  g_autofree guint16 *outside = g_try_new (guint16, n_px);

  if (inside == NULL || outside == NULL)
    return FALSE;
  for (gsize i = 0; i < n_px; i++)
    inside[i] = label[i] ? FAR : 0, outside[i] = mark[i] == 1 ? 0 : FAR;
  chamfer (inside, w, h, FALSE);
  chamfer (outside, w, h, TRUE);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        const int nx[4] = { x - 1, x + 1, x, x }, ny[4] = { y, y, y - 1, y + 1 };

        if (label[i])
          {
            Region *r = &regions[label[i] - 1];
            r->inscribed = MAX (r->inscribed, inside[i]);
            continue;
          }
        for (int d = 0; d < 4; d++)
          {
            gsize j = (gsize) ny[d] * w + nx[d];
            if (nx[d] >= 0 && ny[d] >= 0 && nx[d] < w && ny[d] < h && label[j])
              {
                g_array_append_val (regions[label[j] - 1].band, outside[i]);
                break;
              }
          }
      }
  return TRUE;
}

static int
compare_u16 (gconstpointer a, gconstpointer b)
{
  return (int) *(const guint16 *) a - (int) *(const guint16 *) b;
}

/* The median width (chamfer units) of the artwork around @r. */
static guint16
band_width (const Region *r)
{
  if (r->band->len == 0)
    return 0;
  g_array_sort (r->band, compare_u16);
  return g_array_index (r->band, guint16, r->band->len / 2);
}

/* A glyph on a plate: the band around @r is HOLE_GLYPH_BAND times as wide
 * as its half-width, and a plate: HOLE_PLATE_WIDTH of the logo's size. */
static gboolean
on_plate (const Region *r, int size)
{
  guint16 band = band_width (r);

  return band >= HOLE_GLYPH_BAND * MAX (r->inscribed, 1u) && band >= HOLE_PLATE_WIDTH * 3 * size;
}

void
svgai_background_open_holes (const SvgaiImage *image, const int *bg, int tolerance, guint8 *mark)
{
  gsize n_px = (gsize) image->width * image->height;
  g_autofree gint32 *label = g_try_new0 (gint32, n_px);
  g_autofree Region *regions = NULL;
  g_autofree gboolean *hole = NULL;
  int n, colours;

  if (label == NULL || (n = label_regions (image, mark, bg, tolerance, label)) <= 0)
    return;
  colours = artwork_colours (image, mark, label, bg, tolerance);
  regions = g_new0 (Region, n);
  hole = g_new0 (gboolean, n);
  for (int k = 0; k < n; k++)
    regions[k].band = g_array_new (FALSE, FALSE, sizeof (guint16));
  if (measure_regions (image, mark, label, regions))
    for (int k = 0; k < n; k++)
      hole[k] = colours < 2 || !on_plate (&regions[k], MAX (image->width, image->height));
  for (int k = 0; k < n; k++)
    g_array_free (regions[k].band, TRUE);
  for (gsize i = 0; i < n_px; i++)
    if (label[i] && hole[label[i] - 1])
      mark[i] = 1;
}
