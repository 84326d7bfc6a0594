/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exact colours: a brand colour drawn flat comes out as that colour, not as
 * the mean of a cluster that also holds its noise and its neighbours'
 * edges; and a flat area of partial alpha is a translucent shape, not
 * anti-aliasing. */
#include "svgai-palette.h"
#include "svgai-threads.h"

#include <stdlib.h>
#include <string.h>

/* Neighbours differing by at most this much per channel (alpha too) are flat. */
#define FLAT_TOLERANCE 12
/* Flat areas more transparent than this are nothing a designer drew. */
#define MIN_TRANSLUCENT_ALPHA 8
/* Translucent flat colours closer than this (per channel, alpha too) are one. */
#define TRANSLUCENT_SAME 16
/* Colours within this CIEDE2000 difference after snapping are one colour. */
#define SAME_DELTA_E 2.0
#define SAME_DELTA_E_NOISY 5.0
/* A colour without flat pixels this close (sRGB) to a mix of others is a blend. */
#define BLEND_DISTANCE 12

static inline gboolean
similar (const guint8 *p, const guint8 *q)
{
  guint32 u, v;

  /* Most neighbours in flat artwork are the very same colour. */
  memcpy (&u, p, 4), memcpy (&v, q, 4);
  if (u == v)
    return TRUE;
  return abs (p[3] - q[3]) <= FLAT_TOLERANCE && abs (p[0] - q[0]) <= FLAT_TOLERANCE &&
         abs (p[1] - q[1]) <= FLAT_TOLERANCE && abs (p[2] - q[2]) <= FLAT_TOLERANCE;
}

/* Like its four neighbours (the image's border counts as alike). */
static gboolean
is_flat (const SvgaiImage *image, int x, int y)
{
  int w = image->width, h = image->height;
  const guint8 *p = svgai_image_pixel (image, x, y);

  return (x == 0 || similar (p, p - 4)) && (x == w - 1 || similar (p, p + 4)) &&
         (y == 0 || similar (p, p - 4 * w)) && (y == h - 1 || similar (p, p + 4 * w));
}

void
svgai_palette_draft_remove (SvgaiPaletteDraft *d, int i)
{
  g_assert (i >= 0 && i < d->n);
  for (int j = i; j + 1 < d->n; j++)
    {
      memcpy (d->rgb[j], d->rgb[j + 1], sizeof d->rgb[j]);
      d->alpha[j] = d->alpha[j + 1];
      d->locked[j] = d->locked[j + 1];
    }
  d->n--;
}

typedef struct {
  guint32 rgba;
  guint count;
} Entry;

static int
by_count_desc (gconstpointer a, gconstpointer b)
{
  const Entry *x = a, *y = b;
  return x->count < y->count ? 1 : x->count > y->count ? -1 : (x->rgba > y->rgba) - (x->rgba < y->rgba);
}

void
svgai_palette_draft_add_translucent (SvgaiPaletteDraft *d, const SvgaiImage *image, int limit)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  guint total = 0, min_count;
  GHashTableIter iter;
  gpointer key, value;

  int w = image->width, h = image->height;
  g_autofree guint8 *flat = g_try_malloc0 ((gsize) w * h);

  if (flat == NULL)
    return;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *p = svgai_image_pixel (image, x, y);
        flat[(gsize) y * w + x] = p[3] >= MIN_TRANSLUCENT_ALPHA && p[3] < 128 && is_flat (image, x, y);
      }
  /* A shape, not a halo: only pixels whose neighbours are flat too count
   * (a 2 px translucent fringe an overlay leaves around an opaque shape is
   * no shape anyone sees). */
  for (int y = 1; y + 1 < h; y++)
    for (int x = 1; x + 1 < w; x++)
      {
        const guint8 *p = svgai_image_pixel (image, x, y);
        gsize i = (gsize) y * w + x;
        guint32 v;

        if (!flat[i] || !flat[i - 1] || !flat[i + 1] || !flat[i - w] || !flat[i + w])
          continue;
        v = (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
        g_hash_table_insert (counts, GUINT_TO_POINTER (v),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (v))) + 1));
        total++;
      }
  if (total == 0)
    return;
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Entry e = { GPOINTER_TO_UINT (key), GPOINTER_TO_UINT (value) };
      g_array_append_val (entries, e);
    }
  g_array_sort (entries, by_count_desc);
  /* As for opaque colours: a few stray flat pixels are not a shape. */
  min_count = MAX (6, (guint) ((gsize) image->width * image->height / 5000));
  for (guint i = 0; i < entries->len && d->n < limit; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);
      int c[4] = { e->rgba >> 24, (e->rgba >> 16) & 255, (e->rgba >> 8) & 255, e->rgba & 255 };
      gboolean known = FALSE;

      if (e->count < min_count)
        break;
      for (int k = 0; k < d->n && !known; k++)
        known = abs (d->rgb[k][0] - c[0]) <= TRANSLUCENT_SAME && abs (d->rgb[k][1] - c[1]) <= TRANSLUCENT_SAME &&
                abs (d->rgb[k][2] - c[2]) <= TRANSLUCENT_SAME && abs (d->alpha[k] - c[3]) <= TRANSLUCENT_SAME;
      if (known)
        continue;
      /* The commonest value of the area (flat pixels agree exactly in
       * clean artwork); svgai_palette_draft_snap() then takes the median. */
      memcpy (d->rgb[d->n], c, sizeof d->rgb[d->n]);
      d->alpha[d->n] = c[3];
      d->locked[d->n] = FALSE;
      d->n++;
    }
}

static int
nearest (const SvgaiPaletteDraft *d, const guint8 *p)
{
  int best = 0, best_d = G_MAXINT;

  for (int c = 0; c < d->n; c++)
    {
      int dr = p[0] - d->rgb[c][0], dg = p[1] - d->rgb[c][1], db = p[2] - d->rgb[c][2], da = p[3] - d->alpha[c];
      int dist = dr * dr + dg * dg + db * db + da * da;
      if (dist < best_d)
        best_d = dist, best = c;
    }
  return best;
}

static int
median_of (const guint32 *hist, guint32 count)
{
  guint32 acc = 0;

  for (int v = 0; v < 256; v++)
    if ((acc += hist[v]) * 2 >= count)
      return v;
  return 255;
}

typedef struct {
  guint32 rgba;
  guint32 count;
} Mode;

/* Counts a run of n equal flat pixels v of colour c towards its commonest
 * value: a Boyer–Moore majority vote per colour, then verified. */
static void
vote (Mode *mode, int c, guint32 v, guint32 n)
{
  if (mode[c].rgba == v)
    mode[c].count += n;
  else if (mode[c].count >= n)
    mode[c].count -= n;
  else
    mode[c].rgba = v, mode[c].count = n - mode[c].count;
}

typedef struct {
  const SvgaiPaletteDraft *d;
  const SvgaiImage *image;
  guint32 (*hist)[4][256];
  guint32 count[SVGAI_MAX_COLORS];
  Mode mode[SVGAI_MAX_COLORS];
  guint8 *flat;
} FlatRows;

static void
flat_rows (gpointer data, int y0, int y1)
{
  FlatRows *r = data;
  const SvgaiImage *image = r->image;
  guint32 last = 0;
  int last_c = -1;

  for (int y = y0; y < y1; y++)
    for (int x = 0; x < image->width; x++)
      {
        const guint8 *p = svgai_image_pixel (image, x, y);
        guint32 v;

        gboolean f = p[3] >= MIN_TRANSLUCENT_ALPHA && is_flat (image, x, y);

        if (r->flat != NULL)
          r->flat[(gsize) y * image->width + x] = f;
        if (!f)
          continue;
        memcpy (&v, p, 4);
        if (last_c < 0 || v != last)
          last_c = nearest (r->d, p), last = v;
        for (int ch = 0; ch < 4; ch++)
          r->hist[last_c][ch][p[ch]]++;
        r->count[last_c]++;
        vote (r->mode, last_c, v, 1);
      }
}

/* Two halves' votes as one vote over both. A value that is more than half
 * of all is more than half of one half at least and wins here as it would
 * in one vote; without such a value the winner may differ, but then
 * count_exact, which verifies it, finds it is no majority either way. */
static void
merge_votes (Mode *into, const Mode *other)
{
  if (into->rgba == other->rgba)
    into->count += other->count;
  else if (into->count >= other->count)
    into->count -= other->count;
  else
    into->rgba = other->rgba, into->count = other->count - into->count;
}

/* Per colour and channel, a histogram of its flat pixels; returns counts
 * and each colour's majority candidate in mode, and (when not NULL) in
 * flat which pixels of alpha MIN_TRANSLUCENT_ALPHA or more are flat. A
 * large image's two halves are counted at once. */
static void
flat_histograms (const SvgaiPaletteDraft *d, const SvgaiImage *image, guint32 (*hist)[4][256], guint32 *count,
                 Mode *mode, guint8 *flat)
{
  g_autofree guint32 (*second)[4][256] = g_try_malloc0 (sizeof *second * d->n);
  FlatRows halves[2] = { { d, image, hist, { 0 }, { { 0 } }, flat }, { d, image, second, { 0 }, { { 0 } }, flat } };

  if (second == NULL)
    flat_rows (&halves[0], 0, image->height);
  else
    svgai_threads_split_rows (image->width, image->height, flat_rows, &halves[0], &halves[1]);
  for (int c = 0; c < d->n; c++)
    {
      if (second != NULL)
        {
          for (int ch = 0; ch < 4; ch++)
            for (int v = 0; v < 256; v++)
              hist[c][ch][v] += second[c][ch][v];
          merge_votes (&halves[0].mode[c], &halves[1].mode[c]);
        }
      count[c] = halves[0].count[c] + halves[1].count[c];
      mode[c] = halves[0].mode[c];
    }
}

/* How many flat pixels of colour c are exactly v (of alpha
 * MIN_TRANSLUCENT_ALPHA or more, as a majority of flat pixels is), with
 * flat_histograms()'s flat when there is one. */
static guint32
count_exact (const SvgaiPaletteDraft *d, const SvgaiImage *image, int c, guint32 v, const guint8 *flat)
{
  guint32 n = 0;

  for (int y = 0; y < image->height; y++)
    for (int x = 0; x < image->width; x++)
      {
        guint32 u;
        memcpy (&u, svgai_image_pixel (image, x, y), 4);
        if (u == v)
          n += flat != NULL ? flat[(gsize) y * image->width + x] : is_flat (image, x, y);
      }
  return n;
}

/* A mix of three colours of a draft (two may be the same), in sixteenths. */
typedef struct {
  int colour[3], weight[3];
} Mix;

/* Squared sRGB distance from colour c to the nearest mix of two or three
 * of the other colours (sampled in sixteenths), that mix in *mix. */
static int
mix_residual (const SvgaiPaletteDraft *d, int c, Mix *mix)
{
  int best = G_MAXINT;

  for (int i = 0; i < d->n; i++)
    for (int j = i; j < d->n; j++)
      for (int k = j; k < d->n; k++)
        {
          if (i == c || j == c || k == c)
            continue;
          for (int a = 0; a <= 16; a++)
            for (int b = 0; a + b <= 16; b++)
              {
                int e = 0;
                for (int ch = 0; ch < 3; ch++)
                  {
                    int v = (a * d->rgb[i][ch] + b * d->rgb[j][ch] + (16 - a - b) * d->rgb[k][ch] + 8) / 16;
                    e += (v - d->rgb[c][ch]) * (v - d->rgb[c][ch]);
                  }
                if (e < best)
                  best = e, *mix = (Mix) { { i, j, k }, { a, b, 16 - a - b } };
              }
        }
  return best;
}

/* Whether pixel (x, y) has one within JUNCTION_REACH px that is colour
 * rgb (within `near` levels a channel). */
#define JUNCTION_REACH 2

static gboolean
colour_near (const SvgaiImage *image, int x, int y, const int rgb[3], int near)
{
  for (int yy = MAX (y - JUNCTION_REACH, 0); yy <= MIN (y + JUNCTION_REACH, image->height - 1); yy++)
    for (int xx = MAX (x - JUNCTION_REACH, 0); xx <= MIN (x + JUNCTION_REACH, image->width - 1); xx++)
      {
        const guint8 *q = svgai_image_pixel (image, xx, yy);

        if (q[3] >= 128 && abs (q[0] - rgb[0]) <= near && abs (q[1] - rgb[1]) <= near && abs (q[2] - rgb[2]) <= near)
          return TRUE;
      }
  return FALSE;
}

/* A blend lies where the colours it mixes meet: most of its pixels have
 * each colour weighing a quarter or more of the mix within JUNCTION_REACH
 * px. A thin line of a colour of its own that a mix happens to match does
 * not (Moltin's grey hexagon, between white and the transparent
 * background, matches white and the wordmark's dark grey, drawn nowhere
 * near it: dropped, it was traced in the nearest colour, an orange
 * highlight's, whose fill then painted its tip grey). */
static gboolean
at_junction (const SvgaiPaletteDraft *d, const SvgaiImage *image, int c, const Mix *mix, int blend)
{
  gsize seen = 0, between = 0;
  int weight[3];

  /* a colour named twice in the mix weighs both its shares */
  for (int m = 0; m < 3; m++)
    {
      weight[m] = 0;
      for (int o = 0; o < 3; o++)
        weight[m] += mix->colour[o] == mix->colour[m] ? mix->weight[o] : 0;
    }
  for (int y = 0; y < image->height; y++)
    for (int x = 0; x < image->width; x++)
      {
        const guint8 *p = svgai_image_pixel (image, x, y);
        gboolean all = TRUE;

        if (p[3] < 128 || abs (p[0] - d->rgb[c][0]) > blend || abs (p[1] - d->rgb[c][1]) > blend ||
            abs (p[2] - d->rgb[c][2]) > blend)
          continue;
        seen++;
        for (int m = 0; m < 3 && all; m++)
          all = weight[m] < 4 || colour_near (image, x, y, d->rgb[mix->colour[m]], blend);
        between += all;
      }
  return seen == 0 || 2 * between > seen;
}

/* A colour no flat pixel has (found among pixels two colours did not
 * explain, when the palette was still incomplete) that a mix of colours
 * found since explains, where those colours meet, is a blend at a junction
 * of edges, not a colour of the artwork. */
static void
drop_blends (SvgaiPaletteDraft *d, const SvgaiImage *image, guint32 *count, int blend)
{
  for (int c = d->n - 1; c >= 0; c--)
    {
      Mix mix = { { 0 } };

      if (count[c] != 0 || d->locked[c] || d->alpha[c] != 255 || d->n <= 2 || mix_residual (d, c, &mix) > blend * blend ||
          !at_junction (d, image, c, &mix, blend))
        continue;
      for (int k = c; k + 1 < d->n; k++)
        count[k] = count[k + 1];
      svgai_palette_draft_remove (d, c);
    }
}

void
svgai_palette_draft_snap (SvgaiPaletteDraft *d, const SvgaiImage *image, gboolean merge, gboolean noisy)
{
  /* Compression shifts a flat colour by several ΔE from block to block. */
  double same = noisy ? SAME_DELTA_E_NOISY : SAME_DELTA_E;
  int blend = noisy ? 2 * BLEND_DISTANCE : BLEND_DISTANCE;

  g_autofree guint32 (*hist)[4][256] = NULL;
  g_autofree guint8 *flat = NULL;
  guint32 count[SVGAI_MAX_COLORS] = { 0 };
  Mode mode[SVGAI_MAX_COLORS] = { { 0 } };

  if (d->n == 0)
    return;
  hist = g_try_malloc0 (sizeof *hist * d->n);
  if (hist == NULL)
    return;
  /* Which pixels are flat, kept for count_exact (NULL: it tests again). */
  flat = g_try_malloc ((gsize) image->width * image->height);
  flat_histograms (d, image, hist, count, mode, flat);
  for (int c = 0; c < d->n; c++)
    {
      guint8 m[4];

      if (count[c] == 0 || d->locked[c])
        continue;        /* thin lines: no flat pixel to take the colour from */
      for (int ch = 0; ch < 3; ch++)
        d->rgb[c][ch] = median_of (hist[c][ch], count[c]);
      /* Clean artwork: most flat pixels are exactly the colour drawn, and
       * a median per channel of a small area mixed with its blends could
       * miss it by a level or two. Noisy sources have no such majority. */
      memcpy (m, &mode[c].rgba, 4);
      if (mode[c].count > 0 && abs (m[0] - d->rgb[c][0]) + abs (m[1] - d->rgb[c][1]) + abs (m[2] - d->rgb[c][2]) <= 24 &&
          count_exact (d, image, c, mode[c].rgba, flat) * 2 > count[c])
        for (int ch = 0; ch < 3; ch++)
          d->rgb[c][ch] = m[ch];
      {
        int a = median_of (hist[c][3], count[c]);
        /* Nearly opaque is opaque: the alpha of flat pixels wobbles a little. */
        d->alpha[c] = a >= 245 ? 255 : MAX (a, 1);
      }
    }
  if (!merge)
    return;
  drop_blends (d, image, count, blend);
  /* Near-identical colours never split into two fills: the one with fewer
   * flat pixels goes, its pixels unmix into the other. */
  for (int i = 0; i < d->n; i++)
    for (int j = i + 1; j < d->n; j++)
      {
        SvgaiColor a = { d->rgb[i][0], d->rgb[i][1], d->rgb[i][2], d->alpha[i] };
        SvgaiColor b = { d->rgb[j][0], d->rgb[j][1], d->rgb[j][2], d->alpha[j] };
        int drop;

        if (abs (d->alpha[i] - d->alpha[j]) > TRANSLUCENT_SAME || svgai_color_delta_e (&a, &b) >= same)
          continue;
        drop = d->locked[j] || (!d->locked[i] && count[i] < count[j]) ? i : j;
        if (d->locked[drop])
          continue;
        count[drop == i ? j : i] += count[drop];
        for (int k = drop; k + 1 < d->n; k++)
          count[k] = count[k + 1];
        svgai_palette_draft_remove (d, drop);
        j = i;           /* start over for i: it may have changed place */
        if (drop == i)
          {
            i--;
            break;
          }
      }
}
