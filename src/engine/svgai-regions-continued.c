/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-regions-continued.h"
#include "svgai-regions.h"
#include "svgai-regions-samples.h"
#include "svgai-union-find.h"

#include <stdlib.h>

/* Two regions touch where a pixel of one has one of the other within this
 * many pixels along a row or a column, with only opaque pixels of no
 * region between them (the stop's line; also pieces too small to be
 * regions) ... */
#define CONTACT_REACH 2
/* ... at this many places at least: a corner meeting is no continuation;
 * and their colours across differ by at most this many levels on average
 * (a stop's turn, 12 levels a pixel on sample 38, is no edge). */
#define MIN_CONTACT 8
#define CONTACT_MAX_STEP 32
/* The longest contacts are tried first, at most this many. */
#define MAX_PAIRS 64

typedef struct {
  guint a, b;      /* region indices, a < b */
  guint contact;
  guint step;      /* summed over the places: the largest channel difference across */
} Contact;

/* The longest contact first; ties in region order, so the joins made do
 * not depend on the hash table's order. */
static gint
longer_first (gconstpointer p, gconstpointer q)
{
  const Contact *x = p, *y = q;

  if (x->contact != y->contact)
    return x->contact < y->contact ? 1 : -1;
  if (x->a != y->a)
    return x->a < y->a ? -1 : 1;
  return x->b < y->b ? -1 : x->b > y->b;
}

/* The kept region (number) at pixel i, 0 for none. */
static inline guint
kept_at (const guint32 *root, const guint32 *number, const gboolean *keep, gsize i)
{
  guint32 k = number[root[i]];

  return k > 0 && keep[k - 1] ? k : 0;
}

/* The largest difference of a colour channel between pixels p and q. */
static inline guint
step_between (const guint8 *p, const guint8 *q)
{
  return MAX (MAX (abs (p[0] - q[0]), abs (p[1] - q[1])), abs (p[2] - q[2]));
}

/* The pairs of kept regions that touch (see CONTACT_REACH) at MIN_CONTACT
 * places or more, whose colours across them differ by CONTACT_MAX_STEP
 * levels at most on average: a ramp's two sides meet without an edge.
 * The longest contact first. */
static GArray *
contacts (const SvgaiImage *image, const guint32 *root, const guint32 *number, const gboolean *keep, guint n_big)
{
  int w = image->width, h = image->height;
  /* key: a · (n_big + 1) + b for numbers (index + 1) a < b, never 0;
   * value: the pair's index in `all` + 1 */
  g_autoptr(GHashTable) slot = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (Contact));
  GArray *pairs = g_array_new (FALSE, FALSE, sizeof (Contact));

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
              gpointer k, value;
              Contact *c;

              if (xx >= w || yy >= h)
                break;
              b = kept_at (root, number, keep, j);
              if (b == a || (b == 0 && (number[root[j]] != 0 || image->pixels[4 * j + 3] < 128)))
                break;   /* itself, another region or a gap between */
              if (b == 0)
                continue;
              k = GSIZE_TO_POINTER ((gsize) MIN (a, b) * (n_big + 1) + MAX (a, b));
              if ((value = g_hash_table_lookup (slot, k)) == NULL)
                {
                  Contact fresh = { MIN (a, b) - 1, MAX (a, b) - 1, 0, 0 };

                  g_array_append_val (all, fresh);
                  value = GUINT_TO_POINTER (all->len);
                  g_hash_table_insert (slot, k, value);
                }
              c = &g_array_index (all, Contact, GPOINTER_TO_UINT (value) - 1);
              c->contact++;
              c->step += step_between (image->pixels + 4 * i, image->pixels + 4 * j);
              break;
            }
      }
  for (guint p = 0; p < all->len; p++)
    {
      const Contact *c = &g_array_index (all, Contact, p);

      if (c->contact >= MIN_CONTACT && c->step <= CONTACT_MAX_STEP * c->contact)
        g_array_append_val (pairs, *c);
    }
  g_array_sort (pairs, longer_first);
  if (pairs->len > MAX_PAIRS)
    g_array_set_size (pairs, MAX_PAIRS);
  return pairs;
}

/* Whether region k has samples and is in group ga or gb. */
static inline gboolean
in_groups (const gsize *first, guint32 *group, guint k, guint32 ga, guint32 gb)
{
  guint32 g;

  if (first[k + 1] == first[k])
    return FALSE;
  g = svgai_union_find (group, k);
  return g == ga || g == gb;
}

/* Whether one gradient explains the regions of groups ga and gb together:
 * their samples (region k's are samples[first[k] .. first[k+1]), box
 * per region), at most about FIT_SAMPLES of them evenly spread, fitted as
 * the fill would be. */
#define FIT_SAMPLES 4096

static gboolean
one_ramp (const SvgaiColorSample *samples, const gsize *first, const float *box, guint32 *group, guint n_big,
          guint32 ga, guint32 gb, SvgaiColorSample *both)
{
  float b[4] = { G_MAXFLOAT, G_MAXFLOAT, -G_MAXFLOAT, -G_MAXFLOAT };
  gsize n = 0, total = 0, every;
  SvgaiGradient g;
  double rms;

  for (guint k = 0; k < n_big; k++)
    if (in_groups (first, group, k, ga, gb))
      total += first[k + 1] - first[k];
  every = MAX (total / FIT_SAMPLES, 1);
  for (guint k = 0; k < n_big; k++)
    {
      if (!in_groups (first, group, k, ga, gb))
        continue;
      for (gsize i = first[k]; i < first[k + 1]; i += every)
        both[n++] = samples[i];
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
  gsize n = (gsize) image->width * image->height;
  g_autoptr(GArray) pairs = contacts (image, root, number, keep, n_big);
  g_autofree gboolean *in_pair = NULL;
  g_autofree gsize *first = NULL;
  g_autofree float *box = NULL;
  g_autofree guint32 *group = NULL;
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
  samples = svgai_regions_samples (image, root, number, n_big, in_pair, svgai_regions_sample_step (image), &first,
                                   &box);
  both = samples != NULL ? g_try_new (SvgaiColorSample, MAX (first[n_big], 1)) : NULL;
  if (both == NULL)
    return 0;

  group = g_new (guint32, n_big);
  for (guint k = 0; k < n_big; k++)
    group[k] = k;
  for (guint p = 0; p < pairs->len; p++)
    {
      const Contact *c = &g_array_index (pairs, Contact, p);
      guint32 ga = svgai_union_find (group, c->a), gb = svgai_union_find (group, c->b);

      if (ga != gb && one_ramp (samples, first, box, group, n_big, ga, gb, both))
        svgai_union_unite (group, ga, gb);
    }

  /* Every root of a joined region takes its group's number. */
  for (gsize i = 0; i < n; i++)
    if (root[i] == i && number[i] > 0)
      number[i] = svgai_union_find (group, number[i] - 1) + 1;
  for (guint k = 0; k < n_big; k++)
    {
      guint32 g = svgai_union_find (group, k);

      if (g == k)
        continue;
      svgai_color_moments_merge (&moments[g], &moments[k]);
      keep[k] = FALSE;
      joined[k] = TRUE;
      n_joined++;
    }
  return n_joined;
}
