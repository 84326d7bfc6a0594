#include "svgai-palette.h"
#include "svgai-palette-unmix.h"
#include "svgai-threads.h"

#include <math.h>
#include <string.h>

/* Colours closer than this in OKLab (≈ 2–3 just-noticeable differences) are
 * one colour when the palette size is automatic. */
#define AUTO_MIN_DISTANCE 0.045
#define AUTO_MAX_COLORS 16
/* Neighbouring pixels differing by at most this much per channel are "flat". */
#define FLAT_TOLERANCE 12
#define HIST_BITS 5
#define HIST_SIZE (1 << (3 * HIST_BITS))
#define LLOYD_ROUNDS 6
/* A pixel further than this (sRGB distance) from every two-colour mixture
 * of the palette is unexplained. */
#define UNEXPLAINED_DISTANCE 30
/* After denoising, ringing around edges stays within this of the mixtures;
 * a thin line of a colour of its own is much further. */
#define UNEXPLAINED_DISTANCE_DENOISED 60
#define MAX_UNEXPLAINED_COLORS 4

typedef struct {
  float L, a, b;
} Lab;

typedef struct {
  guint32 count;
  guint64 sum[3];
  guint64 sum_alpha;
  Lab lab;
  float rgb[3];
} Bin;

/* A histogram of HIST_SIZE cells stored sparsely: a logo has a few hundred
 * colours, and a dense table of Bins is 2 MB to clear and scan per
 * histogram, more than all the pixels cost to bin. `slot` maps a cell to
 * its Bin (index + 1, 0 when empty); the Bins are filled in the order
 * their cells are first seen, at most one per pixel. */
typedef struct {
  guint16 *slot;
  Bin *bins;
  guint n;
} Hist;

static gboolean
hist_init (Hist *h, const SvgaiImage *image)
{
  gsize cap = MIN ((gsize) HIST_SIZE, MAX ((gsize) image->width * image->height, 1));

  G_STATIC_ASSERT (HIST_SIZE <= G_MAXUINT16 + 1);
  h->n = 0;
  h->slot = g_try_new0 (guint16, HIST_SIZE);
  h->bins = g_try_new (Bin, cap);
  if (h->slot == NULL || h->bins == NULL)
    {
      g_clear_pointer (&h->slot, g_free);
      g_clear_pointer (&h->bins, g_free);
      return FALSE;
    }
  return TRUE;
}

static void
hist_clear (Hist *h)
{
  g_clear_pointer (&h->slot, g_free);
  g_clear_pointer (&h->bins, g_free);
  h->n = 0;
}

static float
srgb_to_linear (float c)
{
  c /= 255.0f;
  return c <= 0.04045f ? c / 12.92f : powf ((c + 0.055f) / 1.055f, 2.4f);
}

/* OKLab, Björn Ottosson 2020. */
static Lab
rgb_to_oklab (const float rgb[3])
{
  float r = srgb_to_linear (rgb[0]), g = srgb_to_linear (rgb[1]), b = srgb_to_linear (rgb[2]);
  float l = cbrtf (0.4122214708f * r + 0.5363325363f * g + 0.0514459929f * b);
  float m = cbrtf (0.2119034982f * r + 0.6806995451f * g + 0.1073969566f * b);
  float s = cbrtf (0.0883024619f * r + 0.2817188376f * g + 0.6299787005f * b);
  Lab out = {
    0.2104542553f * l + 0.7936177850f * m - 0.0040720468f * s,
    1.9779984951f * l - 2.4285922050f * m + 0.4505937099f * s,
    0.0259040371f * l + 0.7827717662f * m - 0.8086757660f * s,
  };
  return out;
}

static float
lab_dist2 (Lab x, Lab y)
{
  float dl = x.L - y.L, da = x.a - y.a, db = x.b - y.b;
  return dl * dl + da * da + db * db;
}

static inline guint
hist_index (const guint8 *p)
{
  return ((guint) (p[0] >> (8 - HIST_BITS)) << (2 * HIST_BITS)) |
         ((guint) (p[1] >> (8 - HIST_BITS)) << HIST_BITS) |
         (guint) (p[2] >> (8 - HIST_BITS));
}

static inline void
bin_add (Hist *hist, const guint8 *p)
{
  guint cell = hist_index (p);
  Bin *bin;

  if (hist->slot[cell] == 0)
    {
      memset (&hist->bins[hist->n], 0, sizeof (Bin));
      hist->slot[cell] = (guint16) ++hist->n;
    }
  bin = &hist->bins[hist->slot[cell] - 1];
  bin->count++;
  bin->sum[0] += p[0];
  bin->sum[1] += p[1];
  bin->sum[2] += p[2];
  bin->sum_alpha += p[3];
}

static inline gboolean
similar (const guint8 *p, const guint8 *q)
{
  guint32 u, v;

  /* Most neighbours in flat artwork are the very same colour. */
  memcpy (&u, p, 4), memcpy (&v, q, 4);
  if (u == v)
    return q[3] >= 128;
  return q[3] >= 128 && abs (p[3] - q[3]) <= FLAT_TOLERANCE && abs (p[0] - q[0]) <= FLAT_TOLERANCE && abs (p[1] - q[1]) <= FLAT_TOLERANCE &&
         abs (p[2] - q[2]) <= FLAT_TOLERANCE;
}

/* Histogram of the flat opaque pixels: anti-aliased edges are mixtures of
 * their neighbours and never flat, so they do not become colours. Falls back
 * to every opaque pixel when nothing is flat (tiny or noisy images). */
static guint
build_histogram (const SvgaiImage *image, Hist *bins, gboolean flat_only)
{
  int w = image->width, h = image->height;
  guint total = 0;

  for (int y = 0; y < h; y++)
    {
      const guint8 *row = svgai_image_pixel (image, 0, y);

      for (int x = 0; x < w; x++)
        {
          const guint8 *p = row + 4 * x;

          if (p[3] < 128)
            continue;
          if (flat_only &&
              !((x == 0 || similar (p, p - 4)) && (x == w - 1 || similar (p, p + 4)) &&
                (y == 0 || similar (p, p - 4 * w)) && (y == h - 1 || similar (p, p + 4 * w))))
            continue;
          bin_add (bins, p);
          total++;
        }
    }
  return total;
}

typedef struct {
  float rgb[3];
  float alpha;              /* mean alpha of its pixels: some logos are translucent */
  Lab lab;
  double weight;
  gboolean keep;            /* found among unexplained pixels: keep even if no flat pixel is its */
} Centre;

/* Farthest-point seeding: adds the histogram colour farthest (in OKLab) from
 * every centre so far, among colours with at least min_count pixels, until
 * the farthest is closer than stop2 or there are `limit` centres. */
static int
seed_centres (Bin **used, guint n_used, guint min_count, float stop2, int limit,
              Centre *centres, int k, gboolean keep)
{
  g_autofree float *d2 = g_new (float, n_used);
  float far = -1;
  guint far_i = 0;

  if (n_used == 0)
    return k;
  for (guint i = 0; i < n_used; i++)
    {
      d2[i] = G_MAXFLOAT;
      for (int c = 0; c < k; c++)
        d2[i] = MIN (d2[i], lab_dist2 (used[i]->lab, centres[c].lab));
    }
  for (;;)
    {
      far = -1;
      for (guint i = 0; i < n_used; i++)
        {
          /* The first centre is the commonest colour. */
          float score = k == 0 ? (float) used[i]->count : d2[i];
          if (used[i]->count >= min_count && score > far)
            far = score, far_i = i;
        }
      if (far < 0 || k >= limit || (k > 0 && far < stop2))
        break;
      centres[k].lab = used[far_i]->lab;
      memcpy (centres[k].rgb, used[far_i]->rgb, sizeof centres[k].rgb);
      centres[k].alpha = (float) used[far_i]->sum_alpha / used[far_i]->count;
      centres[k].weight = 0;
      centres[k].keep = keep;
      k++;
      for (guint i = 0; i < n_used; i++)
        d2[i] = MIN (d2[i], lab_dist2 (used[i]->lab, centres[k - 1].lab));
    }
  return k;
}

/* Lloyd rounds in OKLab over the flat colours; drops centres that end up
 * owning nothing unless they are to be kept. */
static int
refine_centres (Bin **used, guint n_used, Centre *centres, int k)
{
  for (int round = 0; round < LLOYD_ROUNDS; round++)
    {
      double acc[SVGAI_MAX_COLORS][5] = { { 0 } };

      for (guint i = 0; i < n_used; i++)
        {
          int o = 0;
          float bd = lab_dist2 (used[i]->lab, centres[0].lab);
          for (int c = 1; c < k; c++)
            {
              float d = lab_dist2 (used[i]->lab, centres[c].lab);
              if (d < bd)
                bd = d, o = c;
            }
          acc[o][0] += used[i]->sum[0];
          acc[o][1] += used[i]->sum[1];
          acc[o][2] += used[i]->sum[2];
          acc[o][3] += used[i]->count;
          acc[o][4] += used[i]->sum_alpha;
        }
      for (int c = 0; c < k; c++)
        {
          centres[c].weight = acc[c][3];
          if (acc[c][3] == 0)
            continue;
          for (int ch = 0; ch < 3; ch++)
            centres[c].rgb[ch] = acc[c][ch] / acc[c][3];
          centres[c].alpha = acc[c][4] / acc[c][3];
          centres[c].lab = rgb_to_oklab (centres[c].rgb);
        }
    }

  {
    int n = 0;
    for (int c = 0; c < k; c++)
      if (centres[c].weight > 0 || centres[c].keep)
        centres[n++] = centres[c];
    return n;
  }
}

/* How far p is from every mix of its nearest palette colour with another. */
static float
palette_residual (const guint8 *p, int n, const int (*rgb)[3])
{
  int best = 0, best_d = G_MAXINT;
  float res;

  for (int c = 0; c < n; c++)
    {
      int dr = p[0] - rgb[c][0], dg = p[1] - rgb[c][1], db = p[2] - rgb[c][2];
      int d = dr * dr + dg * dg + db * db;
      if (d < best_d)
        best_d = d, best = c;
    }
  res = best_d;
  for (int j = 0; j < n && res > 0; j++)
    {
      float t;
      if (j != best)
        res = MIN (res, pair_residual (p, rgb[best], rgb[j], &t));
    }
  return res;
}

/* The histogram's Bins in cell order, their colours computed. */
static guint
collect_bins (const Hist *hist, Bin **used)
{
  guint n = 0;

  for (guint i = 0; i < HIST_SIZE; i++)
    if (hist->slot[i] != 0)
      {
        Bin *b = &hist->bins[hist->slot[i] - 1];
        for (int ch = 0; ch < 3; ch++)
          b->rgb[ch] = (float) b->sum[ch] / b->count;
        b->lab = rgb_to_oklab (b->rgb);
        used[n++] = b;
      }
  return n;
}

static void
centres_to_rgb (const Centre *centres, int k, int (*rgb)[3])
{
  for (int c = 0; c < k; c++)
    for (int ch = 0; ch < 3; ch++)
      rgb[c][ch] = CLAMP ((int) lrintf (centres[c].rgb[ch]), 0, 255);
}

/* Histogram of the opaque pixels that are far from any mixture of two of
 * the n_colors palette colours. */
static guint
unexplained_histogram (const SvgaiImage *image, int n_colors, const int (*rgb)[3], float distance,
                       Hist *bins, guint *opaque)
{
  gsize n = (gsize) image->width * image->height;
  const guint8 *p = image->pixels;
  guint32 last = 0;
  float last_res = 0;
  guint total = 0;

  *opaque = 0;
  for (gsize i = 0; i < n; i++, p += 4)
    {
      guint32 v;

      if (p[3] < 128)
        continue;
      (*opaque)++;
      memcpy (&v, p, 4);
      if (i == 0 || v != last)
        last_res = palette_residual (p, n_colors, rgb), last = v;
      if (last_res <= distance * distance)
        continue;
      bin_add (bins, p);
      total++;
    }
  return total;
}

/* Colours with no flat area (thin lines, small dots) show up as pixels the
 * palette cannot explain as a mixture of two of its colours. Adds them one
 * at a time to the k @centres: each new colour explains the mixtures it
 * makes with the others, which must not become colours themselves. Returns
 * the new number of centres. */
static int
add_unexplained_colours (const SvgaiImage *image, float unexplained_distance, Bin **used, guint n_used,
                         float stop2, int limit, Centre *centres, int k)
{
  for (int extra_round = 0; extra_round < MAX_UNEXPLAINED_COLORS && k < limit; extra_round++)
    {
      Hist extra;
      g_autofree Bin **extra_used = NULL;
      int rgb[SVGAI_MAX_COLORS][3];
      guint n_extra, opaque = 0, m;
      int k2;

      if (!hist_init (&extra, image))
        break;
      centres_to_rgb (centres, k, rgb);
      n_extra = unexplained_histogram (image, k, (const int (*)[3]) rgb, unexplained_distance, &extra,
                                       &opaque);
      if (n_extra == 0)
        {
          hist_clear (&extra);
          break;
        }
      extra_used = g_new (Bin *, extra.n);
      m = collect_bins (&extra, extra_used);
      k2 = seed_centres (extra_used, m, MAX (4, opaque / 4000), stop2, k + 1, centres, k, TRUE);
      hist_clear (&extra);
      if (k2 == k)
        break;
      k = refine_centres (used, n_used, centres, k2);
    }
  return k;
}

/* Finds the palette's colours (at most @max_colors; automatic if ≤ 0) as
 * @centres, using @bins (zeroed) for the histogram. Returns their number:
 * 0 if the image has no opaque pixel. */
static int
find_centres (const SvgaiImage *image, Hist *bins, int max_colors, float unexplained_distance,
              Centre *centres)
{
  g_autofree Bin **used = NULL;
  gboolean automatic = max_colors <= 0;
  int limit = automatic ? AUTO_MAX_COLORS : max_colors;
  float stop2 = automatic ? AUTO_MIN_DISTANCE * AUTO_MIN_DISTANCE : 0.004f * 0.004f;
  guint total, n_used;
  int k;

  total = build_histogram (image, bins, TRUE);
  if (total == 0)
    total = build_histogram (image, bins, FALSE);
  if (total == 0)
    return 0;

  used = g_new (Bin *, bins->n);
  n_used = collect_bins (bins, used);
  /* Tiny images: every pixel counts. */
  k = seed_centres (used, n_used, total < 100 ? 1 : MAX (2, total / 5000), stop2, limit, centres, 0, FALSE);
  k = refine_centres (used, n_used, centres, k);

  return add_unexplained_colours (image, unexplained_distance, used, n_used, stop2, limit, centres, k);
}

/* Nearly opaque is opaque: the alpha of flat pixels wobbles a little.
 * Colours found only on thin lines have no flat pixels: their alpha is
 * that of anti-aliased edges, not of the colour. */
static void
centres_to_alpha (const Centre *centres, int k, guint8 *alpha)
{
  for (int c = 0; c < k; c++)
    alpha[c] = centres[c].alpha >= 245 || centres[c].keep ? 255 : (guint8) CLAMP (lrintf (centres[c].alpha), 1, 255);
}

typedef struct {
  const SvgaiPalette *pal;
  guint64 sum[SVGAI_MAX_COLORS];   /* per colour: alpha × share, 255² a pixel */
} AreaSums;

static void
sum_areas (gpointer data, int y0, int y1)
{
  AreaSums *a = data;
  const SvgaiPixelMix *mix = a->pal->mix;

  for (gsize i = (gsize) y0 * a->pal->width, end = (gsize) y1 * a->pal->width; i < end; i++)
    {
      SvgaiPixelMix m = mix[i];
      a->sum[m.first] += m.alpha * m.share;
      a->sum[m.second] += m.alpha * (255 - m.share);
    }
}

typedef struct {
  SvgaiPalette *pal;
  const int *rank;
} Renumber;

static void
renumber_rows (gpointer data, int y0, int y1)
{
  const Renumber *r = data;
  SvgaiPixelMix *mix = r->pal->mix;

  for (gsize i = (gsize) y0 * r->pal->width, end = (gsize) y1 * r->pal->width; i < end; i++)
    {
      mix[i].first = (guint8) r->rank[mix[i].first];
      mix[i].second = (guint8) r->rank[mix[i].second];
    }
}

/* Stores the colours @rgb and @alpha in @pal largest area first (in stacked
 * layering it goes at the bottom), and renumbers the pixels' mixtures. */
static void
sort_colours_by_area (SvgaiPalette *pal, const int (*rgb)[3], const guint8 *alpha, const gboolean *locked)
{
  double area[SVGAI_MAX_COLORS] = { 0 };
  int order[SVGAI_MAX_COLORS];
  int rank[SVGAI_MAX_COLORS] = { 0 };

  /* Integers: the same sums as doubles (exact below 2^53) in any order,
   * without a chain of floating-point adds through memory. */
  AreaSums halves[2] = { { pal, { 0 } }, { pal, { 0 } } };

  svgai_threads_split_rows (pal->width, pal->height, sum_areas, &halves[0], &halves[1]);
  for (int c = 0; c < SVGAI_MAX_COLORS; c++)
    area[c] = (double) (halves[0].sum[c] + halves[1].sum[c]);

  for (int c = 0; c < pal->n_colors; c++)
    order[c] = c;
  for (int i = 1; i < pal->n_colors; i++)
    for (int j = i; j > 0 && area[order[j]] > area[order[j - 1]]; j--)
      {
        int t = order[j];
        order[j] = order[j - 1];
        order[j - 1] = t;
      }

  for (int c = 0; c < pal->n_colors; c++)
    {
      rank[order[c]] = c;
      pal->colors[c].r = rgb[order[c]][0];
      pal->colors[c].g = rgb[order[c]][1];
      pal->colors[c].b = rgb[order[c]][2];
      pal->colors[c].a = alpha[order[c]];
      pal->colors[c].locked = locked[order[c]];
      pal->colors[c].area = area[order[c]] / (255.0 * 255.0);
    }
  {
    Renumber renumber = { pal, rank };

    svgai_threads_split_rows (pal->width, pal->height, renumber_rows, &renumber, &renumber);
  }
}

static SvgaiPalette *
palette_new (const SvgaiImage *image, const SvgaiParams *params, float unexplained_distance, GPtrArray *warnings)
{
  Hist bins;
  SvgaiPalette *pal;
  Centre centres[SVGAI_MAX_COLORS] = { 0 };
  SvgaiPaletteDraft draft = { 0 };
  int max_colors = MIN (params->colors, SVGAI_MAX_COLORS);

  if (!hist_init (&bins, image))
    return NULL;
  pal = g_try_new0 (SvgaiPalette, 1);
  if (pal == NULL)
    {
      hist_clear (&bins);
      return NULL;
    }
  pal->width = image->width;
  pal->height = image->height;
  pal->mix = g_try_new (SvgaiPixelMix, (gsize) image->width * image->height);
  if (pal->mix == NULL)
    {
      hist_clear (&bins);
      g_free (pal);
      return NULL;
    }

  draft.n = find_centres (image, &bins, max_colors, unexplained_distance, centres);
  hist_clear (&bins);
  centres_to_rgb (centres, draft.n, draft.rgb);
  centres_to_alpha (centres, draft.n, draft.alpha);
  svgai_palette_draft_add_translucent (&draft, image, max_colors > 0 ? max_colors : AUTO_MAX_COLORS);
  svgai_palette_draft_snap (&draft, image, max_colors <= 0, unexplained_distance == UNEXPLAINED_DISTANCE_DENOISED);
  svgai_palette_draft_control (&draft, params, warnings);
  pal->n_colors = draft.n;
  if (!svgai_palette_unmix (image, pal, (const int (*)[3]) draft.rgb, draft.alpha))
    {
      svgai_palette_free (pal);
      return NULL;
    }
  sort_colours_by_area (pal, (const int (*)[3]) draft.rgb, draft.alpha, draft.locked);
  return pal;
}

SvgaiPalette *
svgai_palette_new (const SvgaiImage *image, int max_colors)
{
  SvgaiParams params;

  svgai_params_init_default (&params);
  params.colors = max_colors;
  return palette_new (image, &params, UNEXPLAINED_DISTANCE, NULL);
}

SvgaiPalette *
svgai_palette_new_denoised (const SvgaiImage *image, int max_colors)
{
  SvgaiParams params;

  svgai_params_init_default (&params);
  params.colors = max_colors;
  return palette_new (image, &params, UNEXPLAINED_DISTANCE_DENOISED, NULL);
}

SvgaiPalette *
svgai_palette_new_full (const SvgaiImage *image, const SvgaiParams *params, gboolean denoised, GPtrArray *warnings)
{
  return palette_new (image, params, denoised ? UNEXPLAINED_DISTANCE_DENOISED : UNEXPLAINED_DISTANCE, warnings);
}

void
svgai_palette_free (SvgaiPalette *palette)
{
  if (palette == NULL)
    return;
  g_free (palette->mix);
  g_free (palette);
}
