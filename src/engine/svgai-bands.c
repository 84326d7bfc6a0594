/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-bands.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "svgai-bands-private.h"
#include "svgai-bands-strays.h"
#include "svgai-ramp-edges.h"
#include "svgai-ramp-pieces.h"
#include "svgai-regions.h"

/* A colour bands a region when it is the main colour of at least this many
 * of its pixels (fewer are anti-aliasing or noise). */
#define MIN_BAND_PIXELS 20

#define NO_TARGET SVGAI_RAMP_NO_TARGET

/* A joined region whose alpha spans this many levels fades out. */
#define FADE_MIN_SPAN 128

/* The joined region whose bands pixel i takes: its own, else (an
 * anti-aliased edge just outside one) a 4-neighbour's; SVGAI_REGION_NONE. */
static guint32
owner_of (const SvgaiRegions *regions, const guint8 *target, int w, int h, int x, int y)
{
  gsize i = (gsize) y * w + x;
  guint32 r = regions->label[i];

  if (r != SVGAI_REGION_NONE && target[r] != NO_TARGET)
    return r;
  if (x > 0 && (r = regions->label[i - 1]) != SVGAI_REGION_NONE && target[r] != NO_TARGET)
    return r;
  if (x + 1 < w && (r = regions->label[i + 1]) != SVGAI_REGION_NONE && target[r] != NO_TARGET)
    return r;
  if (y > 0 && (r = regions->label[i - w]) != SVGAI_REGION_NONE && target[r] != NO_TARGET)
    return r;
  if (y + 1 < h && (r = regions->label[i + w]) != SVGAI_REGION_NONE && target[r] != NO_TARGET)
    return r;
  return SVGAI_REGION_NONE;
}

/* An anti-aliased edge against the background is often two pixels wide:
 * the inner one, nearly opaque, is not smooth with the region (its alpha
 * steps) and only borders it. Translucent pixels next to such a border
 * pixel belong to the region too. */
/* Flags a pixel taken this way; SVGAI_REGION_NONE has the bit too, so
 * neither is taken from. */
#define RING_TWO 0x80000000u

/* The owner of a 4-neighbour of (x, y) that was not taken in this ring;
 * SVGAI_REGION_NONE if none. */
static guint32
neighbour_owner (const guint32 *owner, int w, int h, int x, int y)
{
  gsize i = (gsize) y * w + x;

  if (x > 0 && !(owner[i - 1] & RING_TWO))
    return owner[i - 1];
  if (x + 1 < w && !(owner[i + 1] & RING_TWO))
    return owner[i + 1];
  if (y > 0 && !(owner[i - w] & RING_TWO))
    return owner[i - w];
  if (y + 1 < h && !(owner[i + w] & RING_TWO))
    return owner[i + w];
  return SVGAI_REGION_NONE;
}

static void
clear_ring (guint32 *owner, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (owner[i] != SVGAI_REGION_NONE)
      owner[i] &= ~RING_TWO;
}

static void
widen_translucent_edges (const SvgaiImage *image, guint32 *owner)
{
  int w = image->width, h = image->height;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        guint8 a = image->pixels[4 * i + 3];
        guint32 r;

        if (owner[i] != SVGAI_REGION_NONE || a == 0 || a == 255)
          continue;
        r = neighbour_owner (owner, w, h, x, y);
        if (r != SVGAI_REGION_NONE)
          owner[i] = r | RING_TWO;
      }
  clear_ring (owner, (gsize) w * h);
}

/* A translucent edge pixel of a ramp (against the background) is a colour
 * of the ramp, which the palette may have matched with a colour of the
 * edges alone rather than with one of the bands; so is any colour within
 * this many levels of the ramp's range. */
#define RAMP_EDGE_LEVELS 10

gboolean
svgai_bands_in_range (const SvgaiPalette *palette, const guint8 *range, int c)
{
  const SvgaiPaletteColor *p = &palette->colors[c];
  const guint8 rgb[3] = { p->r, p->g, p->b };

  for (int ch = 0; ch < 3; ch++)
    if (rgb[ch] + RAMP_EDGE_LEVELS < range[ch] || rgb[ch] > range[3 + ch] + RAMP_EDGE_LEVELS)
      return FALSE;
  return TRUE;
}

/* Whether colour c of a pixel of alpha `alpha` belongs to a joined region
 * with these bands and colour range. */
static gboolean
in_ramp (const SvgaiPalette *palette, guint32 bands, const guint8 *range, guint8 alpha, int c)
{
  return (bands & (1u << c)) || (alpha < 255 && svgai_bands_in_range (palette, range, c));
}

/* A pixel just outside ramp region r (owned through a 4-neighbour) takes
 * the ramp's colour in place of band colour c unless c is further than
 * EDGE_BAND_LEVELS from the ramp's pixels beside it and either
 *  - the pixel lies on a thin line drawn across the ramp: the ramp (or a
 *    region of its colour) on both sides of it, along a row or a column,
 *    within LINE_REACH pixels. Such a line, darker than the ramp there but
 *    of a colour the ramp bands elsewhere (testing-library's mouth), was
 *    taken and broke up; or
 *  - no ramp of another colour bands c: c is a rim of the ramp's own
 *    colour family drawn along its edge (Sinatra's brim, whose darkest
 *    band is its rim's colour). Taken, the rim went to the brim wherever
 *    the rim's pixel touched the brim's region and not where it did not,
 *    and the brim's outline followed the rows in a staircase.
 * A band colour of a neighbouring ramp, where two facets of a fold meet
 * (Webix), is still taken. */
#define LINE_REACH 3
#define EDGE_BAND_LEVELS 24

/* Whether a walk from (x, y) by (dx, dy) meets, within LINE_REACH pixels,
 * region r or another of its target first (a line drawn right across the
 * ramp cuts it into two regions, which join again). */
static gboolean
meets_region (const SvgaiRegions *regions, const guint8 *target, guint32 r, int x, int y, int dx, int dy)
{
  for (int k = 1; k <= LINE_REACH; k++)
    {
      int nx = x + k * dx, ny = y + k * dy;
      guint32 l;

      if (nx < 0 || ny < 0 || nx >= regions->width || ny >= regions->height)
        return FALSE;
      l = regions->label[(gsize) ny * regions->width + nx];
      if (l != SVGAI_REGION_NONE)
        return l == r || target[l] == target[r];
    }
  return FALSE;
}

/* Whether pixel i lies between two sides of ramp r (or of regions of its
 * colour) along a row or a column. */
static gboolean
between_ramp_sides (const SvgaiRegions *regions, const guint8 *target, guint32 r, gsize i)
{
  int x = (int) (i % regions->width), y = (int) (i / regions->width);

  return (meets_region (regions, target, r, x, y, -1, 0) && meets_region (regions, target, r, x, y, 1, 0)) ||
         (meets_region (regions, target, r, x, y, 0, -1) && meets_region (regions, target, r, x, y, 0, 1));
}

/* Whether colour c is further than EDGE_BAND_LEVELS from the pixels of
 * ramp r beside pixel i. */
static gboolean
far_from_ramp_beside (const SvgaiPalette *palette, const SvgaiImage *image, const SvgaiRegions *regions, guint32 r,
                      gsize i, int c)
{
  static const int dx[4] = { -1, 1, 0, 0 }, dy[4] = { 0, 0, -1, 1 };
  const SvgaiPaletteColor *p = &palette->colors[c];
  const int rgb[3] = { p->r, p->g, p->b };
  int w = image->width, x = (int) (i % w), y = (int) (i / w), n = 0, sum[3] = { 0 };

  for (int k = 0; k < 4; k++)
    {
      int nx = x + dx[k], ny = y + dy[k];

      if (nx < 0 || ny < 0 || nx >= w || ny >= image->height || regions->label[(gsize) ny * w + nx] != r)
        continue;
      for (int ch = 0; ch < 3; ch++)
        sum[ch] += image->pixels[4 * ((gsize) ny * w + nx) + ch];
      n++;
    }
  for (int ch = 0; ch < 3 && n > 0; ch++)
    if (abs (rgb[ch] * n - sum[ch]) > EDGE_BAND_LEVELS * n)
      return TRUE;
  return FALSE;
}

/* How many pixels each colour is the main colour of. */
static void
count_main_pixels (const SvgaiPalette *palette, guint32 main_pixels[SVGAI_MAX_COLORS])
{
  memset (main_pixels, 0, SVGAI_MAX_COLORS * sizeof *main_pixels);
  for (gsize i = 0, n = (gsize) palette->width * palette->height; i < n; i++)
    {
      int c = svgai_pixel_mix_main (palette->mix[i]);

      if (c >= 0)
        main_pixels[c]++;
    }
}

void
svgai_bands_remap_mix (SvgaiPalette *palette, const guint8 *to, gboolean cover)
{
  int c = 0;

  while (c < palette->n_colors && to[c] == c)
    c++;
  if (c == palette->n_colors)
    return;
  for (gsize i = 0, n = (gsize) palette->width * palette->height; i < n; i++)
    {
      SvgaiPixelMix *m = &palette->mix[i];
      gboolean moved = to[m->first] != m->first || to[m->second] != m->second;

      m->first = to[m->first];
      m->second = to[m->second];
      if (moved && m->first == m->second)
        m->share = 255, m->alpha = cover ? 255 : m->alpha;
    }
}

/* Gives each joined region that fades out (a soft shadow: its alpha spans
 * at least FADE_MIN_SPAN levels) a palette colour of its own, flagged
 * `fades`, while the palette has room: nothing is stacked under it, and
 * the same colour elsewhere (a shaded fold of the same grey) stays
 * opaque. target[r] becomes that colour. Returns how many it gave. */
static guint
give_fades_colours (SvgaiPalette *palette, const SvgaiRegions *regions, const guint8 *least_alpha, guint8 *target)
{
  guint given = 0;

  for (guint r = 0; r < regions->n_regions; r++)
    {
      SvgaiPaletteColor *c;

      if (target[r] == NO_TARGET || least_alpha[r] + FADE_MIN_SPAN > 255 || palette->n_colors >= SVGAI_MAX_COLORS)
        continue;
      c = &palette->colors[palette->n_colors];
      *c = palette->colors[target[r]];
      c->a = 255;
      c->area = regions->moments[r].n;
      c->locked = FALSE;
      c->fades = TRUE;
      target[r] = (guint8) palette->n_colors++;
      given++;
    }
  return given;
}

/* A fade's faintest pixels, where it steps too fast to be SOFT
 * (svgai-regions.c), are its own still: translucent pixels of its colours
 * (within RAMP_EDGE_LEVELS of its range) next to it join it, up to
 * FADE_RIM pixels out; else they make translucent layers of their own
 * around it. */
#define FADE_RIM 4

static void
widen_fades (const SvgaiPalette *palette, const SvgaiImage *image, const guint8 *target, const guint8 *range,
             guint32 *owner)
{
  int w = image->width, h = image->height;

  for (int pass = 0; pass < FADE_RIM; pass++)
    {
      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          {
            gsize i = (gsize) y * w + x;
            const guint8 *p = image->pixels + 4 * i;
            guint32 r;

            if (owner[i] != SVGAI_REGION_NONE || p[3] == 0 || p[3] == 255)
              continue;
            r = neighbour_owner (owner, w, h, x, y);
            if (r == SVGAI_REGION_NONE || !palette->colors[target[r]].fades)
              continue;
            for (int c = 0; c < 3 && r != SVGAI_REGION_NONE; c++)
              if (p[c] + RAMP_EDGE_LEVELS < range[6 * r + c] || p[c] > range[6 * r + 3 + c] + RAMP_EDGE_LEVELS)
                r = SVGAI_REGION_NONE;
            if (r != SVGAI_REGION_NONE)
              owner[i] = r | RING_TWO;
          }
      clear_ring (owner, (gsize) w * h);
    }
}

/* A translucent colour that is a fade's own colour (within
 * RAMP_EDGE_LEVELS) and the main colour of fewer than MAX_FADE_STRAY_PIXELS
 * pixels left outside it is the fade's too: a sliver of the shadow that
 * an edge cut off (Sinatra's, along the brim's left end), else a
 * translucent layer of its own. */
#define MAX_FADE_STRAY_PIXELS 64

static void
join_fade_strays (SvgaiPalette *palette)
{
  guint8 to[SVGAI_MAX_COLORS];
  guint32 main_pixels[SVGAI_MAX_COLORS];
  gboolean any_fade = FALSE;

  for (int c = 0; c < palette->n_colors; c++)
    any_fade |= palette->colors[c].fades;
  if (!any_fade)
    return;
  count_main_pixels (palette, main_pixels);
  for (int c = 0; c < SVGAI_MAX_COLORS; c++)
    to[c] = (guint8) c;
  for (int c = 0; c < palette->n_colors; c++)
    {
      const SvgaiPaletteColor *pc = &palette->colors[c];

      if (pc->a == 255 || pc->fades || main_pixels[c] >= MAX_FADE_STRAY_PIXELS)
        continue;
      for (int f = 0; f < palette->n_colors && to[c] == c; f++)
        {
          const SvgaiPaletteColor *pf = &palette->colors[f];

          if (pf->fades && abs (pf->r - pc->r) <= RAMP_EDGE_LEVELS && abs (pf->g - pc->g) <= RAMP_EDGE_LEVELS &&
              abs (pf->b - pc->b) <= RAMP_EDGE_LEVELS)
            to[c] = (guint8) f;
        }
    }
  svgai_bands_remap_mix (palette, to, TRUE);
}

/* Pixels of a joined region's colour just outside it: that many, of an
 * area of that colour outside it of at least SVGAI_REGION_MIN_PIXELS, and
 * the region and they would trace as one shape, which no one gradient
 * fills (two ramps that meet without an edge, or a ramp ending in a flat
 * area of its main colour); fewer are anti-aliased pixels between them. */
#define MIN_TOUCHING_PIXELS 20
/* Pixels of a joined region's colour away from every ramp (they and their
 * four neighbours in no joined region and of that colour; none on the
 * image's border): that many are a flat area of the colour, which the
 * layers' stacking may join to the ramp's shape though they do not touch,
 * and whose colour bends the ramp's gradient (Dojo's head reds ran an
 * orange ring through its red loop's). Counted per colour: every ramp of
 * the colour then takes one of its own, near or far from the flat area. */
#define MIN_APART_PIXELS SVGAI_REGION_MIN_PIXELS

/* Gives each joined region whose colour touches it from outside, or lies
 * apart from every ramp over a flat area, a palette colour of its own (its
 * mean), while the palette has room; target[r] becomes that colour. */
static void
separate_shared_colours (SvgaiPalette *palette, const SvgaiRegions *regions, const guint32 *owner, guint8 *target)
{
  int w = palette->width, h = palette->height;
  g_autofree guint32 *touching = g_new0 (guint32, regions->n_regions);
  g_autofree guint32 *own_pixels = g_new0 (guint32, regions->n_regions);
  guint32 colour_pixels[SVGAI_MAX_COLORS] = { 0 };
  guint32 apart_pixels[SVGAI_MAX_COLORS] = { 0 };
  g_autofree guint8 *own = g_new (guint8, regions->n_regions);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        guint32 r = owner[i];
        const gsize nb[4] = { i - 1, i + 1, i - w, i + w };
        const gboolean ok[4] = { x > 0, x + 1 < w, y > 0, y + 1 < h };

        int c = svgai_pixel_mix_main (palette->mix[i]);

        if (c >= 0)
          colour_pixels[c]++;
        if (r == SVGAI_REGION_NONE)
          {
            gboolean apart = c >= 0;

            for (int d = 0; d < 4 && apart; d++)
              apart = ok[d] && owner[nb[d]] == SVGAI_REGION_NONE && svgai_pixel_mix_main (palette->mix[nb[d]]) == c;
            if (apart)
              apart_pixels[c]++;
            continue;
          }
        own_pixels[r] += c == target[r];
        for (int d = 0; d < 4; d++)
          touching[r] += ok[d] && owner[nb[d]] != r && svgai_pixel_mix_main (palette->mix[nb[d]]) == target[r];
      }
  for (guint r = 0; r < regions->n_regions; r++)
    {
      SvgaiPaletteColor *c;
      guint8 rgb[3];

      own[r] = NO_TARGET;
      if (target[r] == NO_TARGET || palette->colors[target[r]].fades ||
          (touching[r] < MIN_TOUCHING_PIXELS && apart_pixels[target[r]] < MIN_APART_PIXELS) ||
          colour_pixels[target[r]] - own_pixels[r] < SVGAI_REGION_MIN_PIXELS || palette->n_colors >= SVGAI_MAX_COLORS)
        continue;
      own[r] = (guint8) palette->n_colors++;
      c = &palette->colors[own[r]];
      svgai_color_moments_mean (&regions->moments[r], rgb);
      c->r = rgb[0], c->g = rgb[1], c->b = rgb[2];
      c->a = (guint8) CLAMP (lround (regions->moments[r].sc[3] / MAX (regions->moments[r].n, 1)), 0, 255);
      c->area = regions->moments[r].n;
      c->locked = FALSE;
      c->fades = FALSE;
    }
  for (gsize i = 0, n = (gsize) w * h; i < n; i++)
    {
      guint32 r = owner[i];
      SvgaiPixelMix *m = &palette->mix[i];

      if (r == SVGAI_REGION_NONE || own[r] == NO_TARGET)
        continue;
      if (m->first == target[r])
        m->first = own[r];
      if (m->second == target[r])
        m->second = own[r];
    }
  for (guint r = 0; r < regions->n_regions; r++)
    if (own[r] != NO_TARGET)
      target[r] = own[r];
}

/* Moves the colours that fade to the bottom of the drawing order (a
 * shadow lies under what casts it), the others keeping theirs: the shapes
 * above then reach over the fade's edge, as stacked layers do, and leave
 * no seam. */
static void
fades_to_bottom (SvgaiPalette *palette)
{
  guint8 to[SVGAI_MAX_COLORS];
  SvgaiPaletteColor colors[SVGAI_MAX_COLORS];
  int next = 0, n = palette->n_colors;

  for (int pass = 0; pass < 2; pass++)
    for (int c = 0; c < n; c++)
      if (palette->colors[c].fades == (pass == 0))
        to[c] = (guint8) next++;
  for (int c = 0; c < n; c++)
    colors[to[c]] = palette->colors[c];
  memcpy (palette->colors, colors, n * sizeof *colors);
  svgai_bands_remap_mix (palette, to, FALSE);
}

/* Whether band colour c of pixel i, just outside ramp region r, stays its
 * own (the rule above far_from_ramp_beside): far from the ramp beside it,
 * and on a line across the ramp or a rim along it (a colour r bands and
 * no ramp of another colour does, by `banded_by`; not a fold's crease).
 * A rim only where the pixel is fully opaque, not an anti-aliased pixel
 * of the silhouette: there the ramp's edge is the outline, and a sliver a
 * pixel wide is too thin to trace, so keeping it would only leave the
 * ramp a staircase of an edge (Dojo's ribbon). Asking the neighbours too
 * (the silhouette of a logo whose background was removed) cost Sinatra's
 * brim its rim (1x 0.9822 -> 0.9811). */
static gboolean
stays_own_colour (const SvgaiPalette *palette,
                  const SvgaiImage *image,
                  const SvgaiRegions *regions,
                  const guint8 *target,
                  const guint32 *bands,
                  const guint32 *banded_by,
                  guint32 r,
                  gsize i,
                  int c)
{
  gboolean rim = image->pixels[4 * i + 3] == 255 && (bands[r] & (1u << c)) && !(banded_by[c] & ~(1u << target[r]));

  return far_from_ramp_beside (palette, image, regions, r, i, c) && (rim || between_ramp_sides (regions, target, r, i));
}

/* Whether colour c is the main colour in `mix` of a pixel beside pixel i
 * (8-connected) outside region r: there c is what lies across the region's
 * edge. */
static gboolean
beside_outside (const SvgaiPixelMix *mix, const SvgaiRegions *regions, guint32 r, gsize i, int c)
{
  int w = regions->width, h = regions->height, x = (int) (i % w), y = (int) (i / w);

  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      {
        int nx = x + dx, ny = y + dy;

        if (nx >= 0 && ny >= 0 && nx < w && ny < h && regions->label[(gsize) ny * w + nx] != r &&
            svgai_pixel_mix_main (mix[(gsize) ny * w + nx]) == c)
          return TRUE;
      }
  return FALSE;
}

/* Whether colour c, which pixel i of ramp region r mixes, only
 * stands for the ramp's own colour there, as one of two palette colours
 * far from it that blend to it. Far: further than EDGE_BAND_LEVELS from
 * the pixel in some channel; a region's neighbouring pixels differ by a
 * few levels, so no colour that far is a detail drawn inside it. The
 * pixel's main colour is the region's (the pixel is inside it); its
 * lesser colour may be what lies across the region's edge, an
 * anti-aliased edge's other side (Ink's diagonal between its greens), and
 * stays when a pixel beside it outside the region is mostly that colour
 * (read in `before`, the mix before any ramp took its pixels, so that the
 * scan's order does not matter). IntelliJ's triangle was unmixed into two
 * other ramps' colours at its tip, which the pink triangle's layer then
 * drew, a blob 40 levels off. Nearer colours (Ruby's facets either side
 * of a soft crease) stay, as do the colours of pixels under half opaque
 * (a fade's faintest), which are rounded coarsely. */
static gboolean
unmixed_ramp_colour (const SvgaiPalette *palette,
                     const SvgaiPixelMix *before,
                     const SvgaiImage *image,
                     const SvgaiRegions *regions,
                     guint32 r,
                     gsize i,
                     int c,
                     gboolean is_main)
{
  const SvgaiPaletteColor *p = &palette->colors[c];
  const guint8 *px = image->pixels + 4 * i;
  gboolean far = abs (p->r - px[0]) > EDGE_BAND_LEVELS || abs (p->g - px[1]) > EDGE_BAND_LEVELS ||
                 abs (p->b - px[2]) > EDGE_BAND_LEVELS;

  return px[3] >= 128 && far && (is_main || !beside_outside (before, regions, r, i, c));
}

/* Each pixel owned by a ramp takes the ramp's colour in place of the
 * ramp's band colours it mixes, and a pixel of the ramp's region in place
 * of colours that only blend the ramp's there (unmixed_ramp_colour), but
 * for the lines and rims that stay their own colour. */
static void
take_into_ramps (SvgaiPalette *palette,
                 const SvgaiPixelMix *before,
                 const SvgaiImage *image,
                 const SvgaiRegions *regions,
                 const guint32 *owner,
                 const guint8 *target,
                 const guint32 *bands,
                 const guint8 *range)
{
  guint32 banded_by[SVGAI_MAX_COLORS] = { 0 }; /* per colour: the targets of the ramps banding it */

  for (guint r = 0; r < regions->n_regions; r++)
    for (int c = 0; c < palette->n_colors && target[r] != NO_TARGET; c++)
      if (bands[r] & (1u << c))
        banded_by[c] |= 1u << target[r];
  for (gsize i = 0, n = (gsize) palette->width * palette->height; i < n; i++)
      {
        guint32 r = owner[i];
        SvgaiPixelMix *m = &palette->mix[i];
        gboolean take_first, take_second;

        if (r == SVGAI_REGION_NONE)
          continue;
        take_first = in_ramp (palette, bands[r], range + 6 * r, image->pixels[4 * i + 3], m->first);
        take_second = in_ramp (palette, bands[r], range + 6 * r, image->pixels[4 * i + 3], m->second);
        if (regions->label[i] == r)
          {
            take_first = take_first || unmixed_ramp_colour (palette, before, image, regions, r, i, m->first, m->share >= 128);
            take_second = take_second || unmixed_ramp_colour (palette, before, image, regions, r, i, m->second, m->share < 128);
          }
        else
          {
            take_first = take_first && !stays_own_colour (palette, image, regions, target, bands, banded_by, r, i, m->first);
            take_second = take_second && !stays_own_colour (palette, image, regions, target, bands, banded_by, r, i, m->second);
          }
        if (take_first)
          m->first = target[r];
        if (take_second)
          m->second = target[r];
        if (m->first == m->second)
          m->share = 255;
        /* A fade (a soft shadow) is one shape out to its faintest pixels:
         * its gradient's stop opacities draw the fade, not its outline.
         * Its opaque edge with another colour stays shared. */
        if (palette->colors[target[r]].fades && m->first == target[r] &&
            (regions->label[i] == r || image->pixels[4 * i + 3] < 255))
          m->alpha = 255, m->share = 255, m->second = m->first;
      }
}

/* A pixel the regions gave another main colour is covered as much as its
 * alpha says against its colours' alpha: read against the opaque band it
 * was unmixed to, a translucent ramp's edge pixels were only partly
 * covered, its outline ran a tenth of a pixel inside its edges and its
 * tips came short (Neovim's diagonal left a light seam beside the shape
 * it overlaps and a hook at its tip). A faint edge pixel may pass from
 * background to colour or back by it, as its coverage says. Fades keep
 * theirs (their stops draw the fade). */
static void
recover_coverage (SvgaiPalette *palette, const SvgaiImage *image, const SvgaiPixelMix *before)
{
  for (gsize i = 0, n = (gsize) palette->width * palette->height; i < n; i++)
    {
      SvgaiPixelMix *m = &palette->mix[i];
      int c = svgai_pixel_mix_favoured (*m);
      guint ca;

      if (m->alpha == 0 || palette->colors[c].fades || c == svgai_pixel_mix_favoured (before[i]))
        continue;
      /* A mixed pixel: as much of each colour's alpha as its share. */
      ca = (m->share * palette->colors[m->first].a + (255 - m->share) * palette->colors[m->second].a + 127) / 255;
      m->alpha = svgai_pixel_coverage (image->pixels[4 * i + 3], (guint8) ca);
    }
}

guint
svgai_bands_merge (SvgaiPalette *palette, const SvgaiImage *image, gboolean may_add)
{
  g_autoptr(SvgaiRegions) regions = NULL;
  g_autofree guint32 *counts = NULL;       /* region × colour */
  g_autofree guint8 *target = NULL;        /* per region */
  g_autofree guint32 *bands = NULL;        /* per region: bit set of its band colours */
  g_autofree guint32 *owner = NULL;        /* per pixel */
  g_autofree guint8 *range = NULL;         /* per region: min rgb, max rgb */
  g_autofree SvgaiPixelMix *before = NULL; /* the mix before the bands join */
  g_autofree guint8 *least_alpha = NULL;   /* per region */
  int w = palette->width, h = palette->height, nc = palette->n_colors;
  guint joined = 0;

  G_STATIC_ASSERT (SVGAI_MAX_COLORS <= 32 && SVGAI_MAX_COLORS < NO_TARGET);
  if (nc < 2)
    return 0;
  regions = svgai_regions_new (image);
  if (regions == NULL || regions->n_regions == 0)
    return 0;
  counts = g_try_new0 (guint32, (gsize) regions->n_regions * nc);
  target = g_try_new (guint8, regions->n_regions);
  bands = g_try_new0 (guint32, regions->n_regions);
  owner = g_try_new (guint32, (gsize) w * h);
  range = g_try_new (guint8, 6 * (gsize) regions->n_regions);
  least_alpha = g_try_new (guint8, regions->n_regions);
  if (counts == NULL || target == NULL || bands == NULL || owner == NULL || range == NULL || least_alpha == NULL)
    return 0;
  memset (least_alpha, 255, regions->n_regions);
  for (guint r = 0; r < regions->n_regions; r++)
    memset (range + 6 * r, 255, 3), memset (range + 6 * r + 3, 0, 3);

  for (gsize i = 0, n = (gsize) w * h; i < n; i++)
    {
      int c = svgai_pixel_mix_main (palette->mix[i]);
      guint32 r = regions->label[i];

      if (r == SVGAI_REGION_NONE)
        continue;
      if (c >= 0)
        counts[(gsize) r * nc + c]++;
      least_alpha[r] = MIN (least_alpha[r], image->pixels[4 * i + 3]);
      for (int ch = 0; ch < 3; ch++)
        {
          range[6 * r + ch] = MIN (range[6 * r + ch], image->pixels[4 * i + ch]);
          range[6 * r + 3 + ch] = MAX (range[6 * r + 3 + ch], image->pixels[4 * i + ch]);
        }
    }
  for (guint r = 0; r < regions->n_regions; r++)
    {
      const guint32 *cr = counts + (gsize) r * nc;
      int best = 0, n_bands = 0;

      for (int c = 0; c < nc; c++)
        {
          if (cr[c] > cr[best])
            best = c;
          if (cr[c] >= MIN_BAND_PIXELS)
            {
              n_bands++;
              bands[r] |= 1u << c;
            }
        }
      target[r] = n_bands >= 2 ? (guint8) best : NO_TARGET;
      joined += n_bands >= 2;
    }
  if (joined == 0)
    return 0;
  svgai_ramp_pieces_join (regions, bands, target);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      owner[(gsize) y * w + x] = owner_of (regions, target, w, h, x, y);
  widen_translucent_edges (image, owner);
  if (may_add && give_fades_colours (palette, regions, least_alpha, target) > 0)
    widen_fades (palette, image, target, range, owner);
  before = g_memdup2 (palette->mix, (gsize) w * h * sizeof *palette->mix);
  take_into_ramps (palette, before, image, regions, owner, target, bands, range);
  svgai_bands_join_strays (palette, image, regions, bands, target, range);
  join_fade_strays (palette);
  if (may_add)
    separate_shared_colours (palette, regions, owner, target);
  /* Before the ramps' edges are re-shared (those count as covered) and
   * before the colours are reordered (`before` holds the old indices). */
  recover_coverage (palette, image, before);
  /* After the regions got colours of their own: a ramp ending in a flat
   * area of its main colour (Sublime Text's fold) has an edge to re-share
   * only once the two are different colours. */
  svgai_ramp_edges_reshare (palette, image, regions, owner, target, bands, before);
  fades_to_bottom (palette);
  return joined;
}
