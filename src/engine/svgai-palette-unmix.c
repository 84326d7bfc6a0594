/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every pixel explained by the palette: as one colour, or as a mixture of
 * two of the colours around it (an anti-aliased edge). */
#include "svgai-palette-unmix.h"
#include "svgai-threads.h"

#include <math.h>
#include <string.h>

/* Within this sRGB distance of a palette colour a pixel is that colour (noise,
 * compression); beyond it, a mixture. */
#define PURE_DISTANCE 10
/* Unmix.mixed of a pixel whose colour unmix_silhouette decided. */
#define SETTLED 2

/* pair_residual for two colours of different alpha (a shape's edge against a
 * translucent one): renderers blend premultiplied colours, so the mix is
 * taken there, alpha as a fourth channel. */
static inline float
pair_residual_alpha (const guint8 *p, const int *a, int aa, const int *b, int ba, float *t)
{
  float pp[4], u[4], len2 = 0, dot = 0, res = 0;

  for (int ch = 0; ch < 3; ch++)
    {
      pp[ch] = p[ch] * p[3] / 255.0f - b[ch] * ba / 255.0f;
      u[ch] = a[ch] * aa / 255.0f - b[ch] * ba / 255.0f;
    }
  pp[3] = p[3] - ba;
  u[3] = aa - ba;
  for (int ch = 0; ch < 4; ch++)
    len2 += u[ch] * u[ch], dot += pp[ch] * u[ch];
  *t = len2 > 0 ? CLAMP (dot / len2, 0.0f, 1.0f) : 1;
  for (int ch = 0; ch < 4; ch++)
    {
      float e = pp[ch] - *t * u[ch];
      res += e * e;
    }
  return res;
}

/* Squared sRGB distance from pixel p to colour c. */
static float
distance2 (const guint8 *p, const int *c)
{
  float dr = p[0] - c[0], dg = p[1] - c[1], db = p[2] - c[2];

  return dr * dr + dg * dg + db * db;
}

/* Residuals within this of the best, squared levels summed over the
 * channels (3 levels each), fit a pixel equally well: where the palette's
 * colours lie on one line (greys, a hue's tints, a ramp's bands), a pixel
 * is as well a mix of two near ones as of two far ones. */
#define UNMIX_TIE (3 * 3 * 3)

/* Explains pixel p as the candidate colour, or the mix of two, that leaves
 * the least residual. Where other mixes fit within UNMIX_TIE too, it takes
 * the one whose two colours the most neighbours are (`support`: per
 * candidate, how many of the 8 neighbours have it as their nearest): a
 * dark line's anti-aliased pixels over a light face are the line's colour
 * and the face's, not a mid grey the palette has elsewhere that also fits
 * them (PhoneGap's dark lines between its light faces broke into mid-grey
 * dots that the faces' layers then covered). A pixel that one colour
 * explains best, alone or at the end of a mix, stays that colour. */
static void
unmix_among (const guint8 *p, const int (*rgb)[3], const guint8 *alpha, const guint8 *cand, const guint8 *support,
             int m, SvgaiPixelMix *out)
{
  float res[9][9], t[9][9] = { { 0 } }, best = G_MAXFLOAT, chosen = G_MAXFLOAT;
  int oa = 0, ob = 0, best_score = -1;

  for (int a = 0; a < m; a++)
    {
      const int *ca = rgb[cand[a]];

      res[a][a] = distance2 (p, ca);
      t[a][a] = 1;
      if (res[a][a] < best)
        best = res[a][a], oa = ob = a;
      for (int b = a + 1; b < m; b++)
        {
          res[a][b] = alpha[cand[a]] == alpha[cand[b]]
                        ? pair_residual (p, ca, rgb[cand[b]], &t[a][b])
                        : pair_residual_alpha (p, ca, alpha[cand[a]], rgb[cand[b]], alpha[cand[b]], &t[a][b]);
          if (res[a][b] < best)
            best = res[a][b], oa = a, ob = b;
        }
    }
  out->first = cand[oa];
  out->second = cand[ob];
  out->share = (guint8) lrintf (t[oa][ob] * 255.0f);
  if (oa == ob || out->share == 0 || out->share == 255)
    return;
  for (int a = 0; a < m; a++)
    for (int b = a + 1; b < m; b++)
      {
        int score = support[a] + support[b];
        guint8 share;

        if (res[a][b] > best + UNMIX_TIE || score < best_score || (score == best_score && res[a][b] >= chosen))
          continue;
        share = (guint8) lrintf (t[a][b] * 255.0f);
        if (share == 0 || share == 255)
          continue;
        best_score = score;
        chosen = res[a][b];
        out->first = cand[a];
        out->second = cand[b];
        out->share = share;
      }
}

/* A pixel within PURE_DISTANCE of its nearest colour, beside a pixel of
 * another colour, may hold a thin share of that neighbour (an anti-aliased
 * edge between two close colours, red and orange) that the pure rule would
 * round away, stepping the edge pixel by pixel into teeth. It is unmixed
 * too (a pure pixel still comes out pure: the single colour is tried
 * first). On the devset: false corners 0.80 -> 0.72, median SVG 2144 ->
 * 2118 bytes, 4x SSIM alike. */
static gboolean
nearly_pure_edge (const SvgaiImage *image, const guint8 *nearest, int x, int y)
{
  int w = image->width, h = image->height;
  gsize i = (gsize) y * w + x;

  if (image->pixels[i * 4 + 3] < 128)
    return FALSE;
  return (x > 0 && nearest[i - 1] != nearest[i]) || (x < w - 1 && nearest[i + 1] != nearest[i]) ||
         (y > 0 && nearest[i - w] != nearest[i]) || (y < h - 1 && nearest[i + w] != nearest[i]);
}

typedef struct {
  const SvgaiImage *image;
  SvgaiPalette *pal;
  const int (*rgb)[3];
  const guint8 *alpha;
  guint8 *nearest;   /* per pixel: its nearest colour */
  guint8 *mixed;     /* per pixel: too far from it to be pure, or SETTLED */
} Unmix;

/* Each pixel of rows [y0, y1) as its nearest colour. */
static void
unmix_nearest (gpointer data, int y0, int y1)
{
  const Unmix *u = data;
  const SvgaiPalette *pal = u->pal;
  const int (*rgb)[3] = u->rgb;
  gsize end = (gsize) y1 * u->image->width;
  const guint8 *p = svgai_image_pixel (u->image, 0, y0);
  gboolean have_last = FALSE;
  guint32 last = 0;
  SvgaiPixelMix last_mix = { 0, 0, 255, 0 };
  float last_d = 0;

  for (gsize i = (gsize) y0 * u->image->width; i < end; i++, p += 4)
    {
      guint32 v;

      memcpy (&v, p, 4);
      if (p[3] == 0 || pal->n_colors == 0)
        {
          pal->mix[i] = (SvgaiPixelMix) { 0, 0, 255, 0 };
          u->nearest[i] = 0;
          continue;
        }
      if (!have_last || v != last)
        {
          int best = 0, best_d = G_MAXINT;
          for (int c = 0; c < pal->n_colors; c++)
            {
              int dr = p[0] - rgb[c][0], dg = p[1] - rgb[c][1], db = p[2] - rgb[c][2];
              int d = dr * dr + dg * dg + db * db + svgai_palette_alpha_penalty (p[3], u->alpha[c]);
              if (d < best_d)
                best_d = d, best = c;
            }
          last_mix = (SvgaiPixelMix) { best, best, 255, svgai_pixel_coverage (p[3], u->alpha[best]) };
          best_d -= svgai_palette_alpha_penalty (p[3], u->alpha[best]);
          last_d = best_d;
          last = v, have_last = TRUE;
        }
      pal->mix[i] = last_mix;
      u->nearest[i] = last_mix.first;
      u->mixed[i] = last_d > PURE_DISTANCE * PURE_DISTANCE;
    }
}

/* A pixel on the silhouette (part transparent, where the alpha falls away)
 * that is a colour none of the opaque pixels around it is, but that one of
 * theirs explains within SILHOUETTE_SLACK levels of how well its own does,
 * is theirs at the pixel's alpha. Such edge pixels come lighter or bluer
 * than the shape they edge where the artwork stacks anti-aliased layers or
 * masks (Gemini's star, Webix's facets): read as a colour of their own,
 * every other edge pixel went to another layer and both outlines grew a
 * tooth per pixel. A thin line of a colour of its own along the edge is
 * much further from the shape's colour than from its own and stays; so
 * does a translucent colour (a glow). */
#define SILHOUETTE_SLACK 32
#define OPAQUE_ALPHA 245
/* How far, px, the opaque pixels are looked for: where an edge is two
 * pixels wide its outer pixel is two away from them. Looking one pixel
 * away only (and taking a mix of two colours where shapes meet) gave
 * devset/grad 0.96 false corners per 100 px, not 0.97, but moved the stops
 * of one of Webix's gradients by 2 more levels than the originals'
 * (test-devset-gradients). */
#define SILHOUETTE_REACH 2

/* Whether pixel (x, y), of alpha a, is where the alpha falls away
 * outwards: a neighbour has at most half of it. */
static gboolean
on_alpha_edge (const SvgaiImage *image, int x, int y, int a)
{
  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      {
        int nx = x + dx, ny = y + dy;

        if (nx >= 0 && ny >= 0 && nx < image->width && ny < image->height &&
            svgai_image_pixel (image, nx, ny)[3] * 2 <= a)
          return TRUE;
      }
  return FALSE;
}

/* Reads only opaque pixels' nearest colours, which it never changes: each
 * pixel's answer is its own whatever the order. */
static void
unmix_silhouette (gpointer data, int y0, int y1)
{
  const Unmix *u = data;
  const SvgaiImage *image = u->image;
  const guint8 *px = image->pixels;
  int w = image->width, h = image->height;

  for (int y = y0; y < y1; y++)
    for (int x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        const guint8 *p = px + i * 4;
        int a = p[3], own = u->nearest[i], best = -1;
        float best_d = G_MAXFLOAT;

        if (a == 0 || a >= OPAQUE_ALPHA || u->alpha[own] < 255 || !on_alpha_edge (image, x, y, a))
          continue;
        for (int ny = MAX (y - SILHOUETTE_REACH, 0); ny <= MIN (y + SILHOUETTE_REACH, h - 1) && best != own; ny++)
          for (int nx = MAX (x - SILHOUETTE_REACH, 0); nx <= MIN (x + SILHOUETTE_REACH, w - 1); nx++)
            {
              gsize j = (gsize) ny * w + nx;
              int c;
              float d;

              /* Alpha first: another band may be settling a translucent
               * pixel's nearest colour right now. */
              if (px[j * 4 + 3] < OPAQUE_ALPHA)
                continue;
              c = u->nearest[j];
              if (u->alpha[c] < 255)
                continue;
              if (c == own)
                {
                  best = own;
                  break;
                }
              d = distance2 (p, u->rgb[c]);
              if (d < best_d)
                best_d = d, best = c;
            }
        if (best < 0 || best == own || sqrtf (best_d) > sqrtf (distance2 (p, u->rgb[own])) + SILHOUETTE_SLACK)
          continue;
        u->pal->mix[i] = (SvgaiPixelMix) { best, best, 255, svgai_pixel_coverage ((guint8) a, 255) };
        u->nearest[i] = (guint8) best;
        u->mixed[i] = SETTLED;
      }
}

/* The mixtures among rows [y0, y1), of the colours nearest around them
 * (every row's nearest colours are known). */
static void
unmix_mixtures (gpointer data, int y0, int y1)
{
  const Unmix *u = data;
  const SvgaiImage *image = u->image;
  int w = image->width, h = image->height;

  for (int y = y0; y < y1; y++)
    for (int x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        guint8 cand[9], support[9] = { 0 };
        int m = 0;

        if (u->mixed[i] == SETTLED || (!u->mixed[i] && !nearly_pure_edge (image, u->nearest, x, y)))
          continue;
        for (int dy = -1; dy <= 1; dy++)
          for (int dx = -1; dx <= 1; dx++)
            {
              int nx = x + dx, ny = y + dy;
              guint8 c;
              gboolean seen = FALSE;

              if (nx < 0 || ny < 0 || nx >= w || ny >= h)
                continue;
              if (image->pixels[((gsize) ny * w + nx) * 4 + 3] < 128 && (dx || dy))
                continue;
              c = u->nearest[(gsize) ny * w + nx];
              for (int j = 0; j < m; j++)
                if (cand[j] == c)
                  seen = TRUE, support[j] += dx || dy;
              if (!seen)
                support[m] = dx || dy, cand[m++] = c;
            }
        unmix_among (image->pixels + i * 4, u->rgb, u->alpha, cand, support, m, &u->pal->mix[i]);
        {
          SvgaiPixelMix *mx = &u->pal->mix[i];
          int d = svgai_pixel_mix_favoured (*mx);
          mx->alpha = svgai_pixel_coverage (image->pixels[i * 4 + 3], u->alpha[d]);
        }
      }
}

/* Explains every pixel. First the nearest colour (logos are mostly runs of
 * equal pixels, so the previous answer is reused when a pixel repeats);
 * then a pixel that is not close to its nearest colour is a mixture, and
 * only of colours present around it: an edge between green and white is
 * green and white, never pink and green however close pink happens to be.
 * Large images unmix their two halves at once (svgai_threads_split_rows):
 * each pixel's answer is its own, so they are the same either way. */
gboolean
svgai_palette_unmix (const SvgaiImage *image, SvgaiPalette *pal, const int (*rgb)[3], const guint8 *alpha)
{
  gsize n = (gsize) image->width * image->height;
  g_autofree guint8 *nearest = g_try_malloc (n);
  g_autofree guint8 *mixed = g_try_malloc0 (n);
  Unmix u = { image, pal, rgb, alpha, nearest, mixed };

  if (nearest == NULL || mixed == NULL)
    return FALSE;
  svgai_threads_split_rows (image->width, image->height, unmix_nearest, &u, &u);
  svgai_threads_split_rows (image->width, image->height, unmix_silhouette, &u, &u);
  svgai_threads_split_rows (image->width, image->height, unmix_mixtures, &u, &u);
  return TRUE;
}
