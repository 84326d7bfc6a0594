/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-regions-continued.h"
#include "svgai-regions.h"

#include <stdlib.h>
#include <string.h>

/* Two regions touch where a pixel of one has one of the other within this
 * many pixels along a row or a column, with only unlabelled pixels (the
 * stop's line) between them ... */
#define CONTACT_REACH 2
/* ... at this many places at least: a corner meeting is no continuation. */
#define MIN_CONTACT 8
/* The longest contacts are tried first, at most this many. */
#define MAX_PAIRS 64
/* Above this many pixels, every other row and column is sampled. */
#define FULL_PIXELS (512 * 512)

typedef struct {
  guint a, b;      /* region numbers, a < b */
  guint contact;
} Contact;

static gint
longer_first (gconstpointer p, gconstpointer q)
{
  const Contact *x = p, *y = q;

  return x->contact < y->contact ? 1 : x->contact > y->contact ? -1 : 0;
}

static guint
group_of (guint *group, guint k)
{
  while (group[k] != k)
    k = group[k] = group[group[k]];
  return k;
}

/* The kept region (number) at pixel i, 0 for none. */
static inline guint
kept_at (const guint32 *root, const guint32 *number, const gboolean *keep, gsize i)
{
  guint32 k = number[root[i]];

  return k > 0 && keep[k - 1] ? k : 0;
}

/* Counts, per pair of kept regions, the places they touch (see
 * CONTACT_REACH). Returns the pairs touching at MIN_CONTACT places or
 * more, the longest contact first. */
static GArray *
contacts (const SvgaiImage *image, const guint32 *root, const guint32 *number, const gboolean *keep, guint n_big)
{
  int w = image->width, h = image->height;
  /* key: a · (n_big + 1) + b for numbers a < b (never 0) */
  g_autoptr(GHashTable) count = g_hash_table_new (g_direct_hash, g_direct_equal);
  GArray *pairs = g_array_new (FALSE, FALSE, sizeof (Contact));
  GHashTableIter iter;
  gpointer key, value;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        guint a = kept_at (root, number, keep, i);

        if (a == 0)
          continue;
        for (int dir = 0; dir < 2; dir++)
          for (int d = 1; d <= CONTACT_REACH; d++)
            {
              int xx = x + (dir == 0 ? d : 0), yy = y + (dir == 1 ? d : 0);
              gsize j = (gsize) yy * w + xx;
              guint b;
              gpointer k;

              if (xx >= w || yy >= h)
                break;
              b = kept_at (root, number, keep, j);
              if (b == a || (b == 0 && number[root[j]] != 0))
                break;   /* itself, or another region between */
              if (b == 0)
                continue;
              k = GSIZE_TO_POINTER ((gsize) MIN (a, b) * (n_big + 1) + MAX (a, b));
              value = g_hash_table_lookup (count, k);
              g_hash_table_insert (count, k, GUINT_TO_POINTER (GPOINTER_TO_UINT (value) + 1));
              break;
            }
      }
  g_hash_table_iter_init (&iter, count);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gsize k = GPOINTER_TO_SIZE (key);
      Contact c = { (guint) (k / (n_big + 1)) - 1, (guint) (k % (n_big + 1)) - 1, GPOINTER_TO_UINT (value) };

      if (c.contact >= MIN_CONTACT)
        g_array_append_val (pairs, c);
    }
  g_array_sort (pairs, longer_first);
  if (pairs->len > MAX_PAIRS)
    g_array_set_size (pairs, MAX_PAIRS);
  return pairs;
}

/* Whether one gradient explains the regions of groups ga and gb together:
 * their samples (region k's are samples[first[k] .. first[k+1]), box
 * per region) fitted as the fill would be. */
static gboolean
one_ramp (const SvgaiColorSample *samples, const gsize *first, const float *box, guint *group, guint n_big, guint ga,
          guint gb, SvgaiColorSample *both)
{
  float b[4] = { G_MAXFLOAT, G_MAXFLOAT, -G_MAXFLOAT, -G_MAXFLOAT };
  gsize n = 0;
  SvgaiGradient g;
  double rms;

  for (guint k = 0; k < n_big; k++)
    {
      guint gk;

      if (first[k + 1] == first[k])
        continue;
      gk = group_of (group, k);
      if (gk != ga && gk != gb)
        continue;
      memcpy (both + n, samples + first[k], (first[k + 1] - first[k]) * sizeof *both);
      n += first[k + 1] - first[k];
      b[0] = MIN (b[0], box[4 * k]), b[1] = MIN (b[1], box[4 * k + 1]);
      b[2] = MAX (b[2], box[4 * k + 2]), b[3] = MAX (b[3], box[4 * k + 3]);
    }
  return svgai_gradient_fit_in_box (both, n, b[0], b[1], b[2], b[3], SVGAI_GRADIENT_DIRECTION_REFINED, &g, &rms) &&
         rms <= SVGAI_REGION_MAX_RESIDUAL;
}

guint
svgai_regions_join_continued (const SvgaiImage *image, const guint32 *root, guint32 *number, guint n_big,
                              gboolean *keep, SvgaiColorMoments *moments, gboolean *joined)
{
  int w = image->width, h = image->height;
  int step = (gsize) w * h > FULL_PIXELS ? 2 : 1;
  g_autoptr(GArray) pairs = contacts (image, root, number, keep, n_big);
  g_autofree gboolean *in_pair = NULL;
  g_autofree gsize *first = NULL;
  g_autofree gsize *fill = NULL;
  g_autofree float *box = NULL;
  g_autofree guint *group = NULL;
  g_autofree SvgaiColorSample *samples = NULL;
  g_autofree SvgaiColorSample *both = NULL;
  guint n_joined = 0;

  if (pairs->len == 0)
    return 0;
  in_pair = g_new0 (gboolean, n_big);
  for (guint p = 0; p < pairs->len; p++)
    {
      const Contact *c = &g_array_index (pairs, Contact, p);
      in_pair[c->a] = in_pair[c->b] = TRUE;
    }
  /* The samples of the regions in a pair, grouped by region. */
  first = g_new0 (gsize, n_big + 1);
  box = g_new (float, 4 * (gsize) n_big);
  for (guint k = 0; k < n_big; k++)
    box[4 * k] = box[4 * k + 1] = G_MAXFLOAT, box[4 * k + 2] = box[4 * k + 3] = -G_MAXFLOAT;
  for (int y = 0; y < h; y += step)
    for (int x = 0; x < w; x += step)
      {
        guint32 k = number[root[(gsize) y * w + x]];
        if (k > 0 && in_pair[k - 1])
          first[k]++;
      }
  for (guint k = 0; k < n_big; k++)
    first[k + 1] += first[k];
  samples = g_try_new (SvgaiColorSample, MAX (first[n_big], 1));
  both = g_try_new (SvgaiColorSample, MAX (first[n_big], 1));
  if (samples == NULL || both == NULL)
    return 0;
  fill = g_memdup2 (first, (n_big + 1) * sizeof *first);
  for (int y = 0; y < h; y += step)
    for (int x = 0; x < w; x += step)
      {
        gsize i = (gsize) y * w + x;
        guint32 k = number[root[i]];
        SvgaiColorSample *s;
        float *b;

        if (k == 0 || !in_pair[k - 1])
          continue;
        s = &samples[fill[k - 1]++];
        s->x = x + 0.5f, s->y = y + 0.5f;
        memcpy (s->rgba, image->pixels + 4 * i, 4);
        b = box + 4 * (k - 1);
        b[0] = MIN (b[0], x), b[1] = MIN (b[1], y), b[2] = MAX (b[2], x + step), b[3] = MAX (b[3], y + step);
      }

  group = g_new (guint, n_big);
  for (guint k = 0; k < n_big; k++)
    group[k] = k;
  for (guint p = 0; p < pairs->len; p++)
    {
      const Contact *c = &g_array_index (pairs, Contact, p);
      guint ga = group_of (group, c->a), gb = group_of (group, c->b);

      if (ga == gb || !one_ramp (samples, first, box, group, n_big, ga, gb, both))
        continue;
      group[MAX (ga, gb)] = MIN (ga, gb);
    }

  /* Every root of a joined region takes its group's number. */
  for (gsize i = 0, n = (gsize) w * h; i < n; i++)
    if (root[i] == i && number[i] > 0 && group_of (group, number[i] - 1) != number[i] - 1)
      number[i] = group_of (group, number[i] - 1) + 1;
  for (guint k = 0; k < n_big; k++)
    {
      guint g = group_of (group, k);

      if (g == k)
        continue;
      svgai_color_moments_merge (&moments[g], &moments[k]);
      keep[k] = FALSE;
      joined[k] = TRUE;
      n_joined++;
    }
  return n_joined;
}
