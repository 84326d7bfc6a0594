/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-regions.h"
#include "svgai-threads.h"
#include "svgai-regions-continued.h"
#include "svgai-regions-peel.h"
#include "svgai-regions-samples.h"
#include "svgai-regions-shaded.h"
#include "svgai-union-find.h"

#include <stdlib.h>
#include <string.h>

/* linear_field's flags per pixel */
#define LINEAR 1   /* the colour field is locally linear */
#define SOFT 2     /* its alpha within SVGAI_REGION_FADE_STEP of its 4-neighbours' (flat
                    * areas too; not across an anti-aliased edge): may be inside a fade */

/* Whether every channel, alpha too, of p and q differs by at most limit. */
static inline gboolean
within (const guint8 *p, const guint8 *q, int limit)
{
  return abs (p[3] - q[3]) <= limit && abs (p[0] - q[0]) <= limit && abs (p[1] - q[1]) <= limit &&
         abs (p[2] - q[2]) <= limit;
}

/* Whether neighbours p and q (their linear_field flags lp, lq) lie inside
 * one fade: a colour whose alpha ramps (a soft shadow), both SOFT (so
 * their alpha steps by at most SVGAI_REGION_FADE_STEP levels a pixel every
 * way: an anti-aliased edge steps by far more across it) and of one
 * colour: within SVGAI_REGION_STEP levels where they are at least a
 * quarter opaque, proportionally more below (a faint pixel's colour is
 * rounded coarsely). */
static inline gboolean
fading (const guint8 *p, const guint8 *q, guint8 lp, guint8 lq)
{
  int a = MIN (MIN (p[3], q[3]), 64), limit = SVGAI_REGION_STEP * 64;

  return (lp & lq & SOFT) && abs (p[0] - q[0]) * a <= limit && abs (p[1] - q[1]) * a <= limit &&
         abs (p[2] - q[2]) * a <= limit;
}

static inline gboolean
similar (const guint8 *p, const guint8 *q)
{
  guint32 u, v;

  memcpy (&u, p, 4), memcpy (&v, q, 4);
  if (u == v)
    return p[3] >= 128;
  return p[3] >= 128 && within (p, q, SVGAI_REGION_STEP);
}

/* Whether neighbours p and q (their linear_field flags lp, lq) are of one
 * region: JOIN_SMOOTH where similar, or on one steeper ramp where the
 * colour field is linear around both; JOIN_FADE where only fading; else 0. */
#define JOIN_SMOOTH 1
#define JOIN_FADE 2

static inline int
joins (const guint8 *p, const guint8 *q, guint8 lp, guint8 lq)
{
  if (similar (p, q) || ((lp & lq & LINEAR) && within (p, q, SVGAI_REGION_STEEP)))
    return JOIN_SMOOTH;
  return fading (p, q, lp, lq) ? JOIN_FADE : 0;
}

typedef struct {
  const SvgaiImage *image;
  guint8 *lin;
} LinearRows;

/* linear_field's rows [y0, y1) (the border rows and columns stay 0). */
static void
linear_rows (gpointer data, int y0, int y1)
{
  const LinearRows *r = data;
  const SvgaiImage *image = r->image;
  int w = image->width, h = image->height;

  for (int y = MAX (y0, 1); y < MIN (y1, h - 1); y++)
    {
      const guint8 *up = svgai_image_pixel (image, 0, y - 1), *row = up + 4 * w, *down = row + 4 * w;

      for (int x = 1; x + 1 < w; x++)
        {
          gboolean ok = row[4 * x + 3] >= 128;
          int a = row[4 * x + 3];

          for (int c = 0; c < 4 && ok; c++)
            {
              int mid = 2 * row[4 * x + c];
              ok = abs (row[4 * x - 4 + c] + row[4 * x + 4 + c] - mid) <= SVGAI_REGION_CURVATURE &&
                   abs (up[4 * x + c] + down[4 * x + c] - mid) <= SVGAI_REGION_CURVATURE;
            }
          r->lin[(gsize) y * w + x] = (ok ? LINEAR : 0) |
                                      (a >= SVGAI_REGION_FADE_MIN_ALPHA &&
                                       abs (row[4 * x - 4 + 3] - a) <= SVGAI_REGION_FADE_STEP &&
                                       abs (row[4 * x + 4 + 3] - a) <= SVGAI_REGION_FADE_STEP &&
                                       abs (up[4 * x + 3] - a) <= SVGAI_REGION_FADE_STEP &&
                                       abs (down[4 * x + 3] - a) <= SVGAI_REGION_FADE_STEP
                                         ? SOFT : 0);
        }
    }
}

/* Whether the colour field is locally linear at every pixel: in each
 * channel, the second differences across and along the rows stay within
 * SVGAI_REGION_CURVATURE levels (rounding of a ramp steeper than
 * SVGAI_REGION_STEP leaves 2). An anti-aliased edge is a step, not a
 * slope: its pixels' second differences are as large as its contrast
 * across the edge, however shallow the edge runs along a row. Pixels on
 * the image's border are not judged. */
static guint8 *
linear_field (const SvgaiImage *image)
{
  int w = image->width, h = image->height;
  guint8 *lin = g_try_new0 (guint8, (gsize) w * h);
  LinearRows rows = { image, lin };

  if (lin == NULL || w < 3 || h < 3)
    return lin;
  svgai_threads_split_rows (w, h, linear_rows, &rows, &rows);
  return lin;
}

/* Whether a region's colours (least and most of R, G, B and alpha) are so
 * close that no subset of its pixels has a colour variance over 1, where a
 * gradient fit gives up at once (svgai_gradient_fit_samples): a variance
 * is at most a quarter of the squared range (Popoviciu), and this leaves
 * room for rounding. */
static gboolean
range_flat (const guint8 *range)
{
  int sum = 0;

  for (int c = 0; c < 4; c++)
    sum += (range[4 + c] - range[c]) * (range[4 + c] - range[c]);
  return sum <= 3;
}

/* Regions one linear gradient does not explain may still be one ramp: a
 * radial gradient, or one with more stops. Fits those (their pixels and
 * bounding box) as their fill will be fitted (refined), and keeps the ones
 * left within SVGAI_REGION_MAX_RESIDUAL: judged by a coarser fit, a
 * 3-stop ramp on a rounded rectangle (corpus sample 26) left 1.96 levels
 * where its fill leaves 0.45, and was cut into five bands with notches.
 * `number[root]` is the region number + 1 of each root pixel. */
static void
keep_ramps (const SvgaiImage *image, const guint32 *root, const guint32 *number, const SvgaiColorMoments *moments,
            const guint8 *range, guint n_big, gboolean *keep)
{
  g_autofree gsize *first = NULL;
  g_autofree SvgaiColorSample *samples = NULL;
  g_autofree float *box = NULL;
  guint n_tried = 0;
  int step = svgai_regions_sample_step (image);
  /* A region whose colours are too close for any sample of them to be
   * fitted (a flat colour, the commonest) is neither sampled nor fitted;
   * nor, when step is 1 and every pixel of a region is its sample, one
   * whose moments leave the fit nothing. */
  g_autofree gboolean *tried = g_new (gboolean, MAX (n_big, 1));

  for (guint k = 0; k < n_big; k++)
    {
      tried[k] = !keep[k] && !range_flat (range + 8 * k) &&
                 (step != 1 || svgai_gradient_moments_may_fit (&moments[k]));
      n_tried += tried[k];
    }
  if (n_tried == 0)
    return;
  samples = svgai_regions_samples (image, root, number, n_big, tried, step, &first, &box);
  if (samples == NULL)
    return;
  for (guint k = 0; k < n_big; k++)
    {
      const float *b = box + 4 * k;
      SvgaiGradient g;
      double rms;

      if (!tried[k])
        continue;
      keep[k] = svgai_gradient_fit_in_box (samples + first[k], first[k + 1] - first[k], b[0], b[1], b[2], b[3],
                                           SVGAI_GRADIENT_DIRECTION_REFINED, &g, &rms) &&
                rms <= SVGAI_REGION_MAX_RESIDUAL;
    }
}

/* The pixels of the regions to peel, grouped by region: region k's are
 * mixed[first[k] .. first[k+1]). NULL when there are none (or memory is
 * short). */
static guint32 *
mixed_pixels (const guint32 *root, const guint32 *number, const gboolean *peel, guint n_big, gsize n, gsize **first_out)
{
  gsize *first = g_new0 (gsize, n_big + 1);
  g_autofree gsize *fill = NULL;
  guint32 *mixed;

  for (gsize i = 0; i < n; i++)
    {
      guint32 k = number[root[i]];
      if (k > 0 && peel[k - 1])
        first[k]++;
    }
  for (guint k = 0; k < n_big; k++)
    first[k + 1] += first[k];
  mixed = first[n_big] > 0 ? g_try_new (guint32, first[n_big]) : NULL;
  if (mixed == NULL)
    {
      g_free (first);
      return NULL;
    }
  fill = g_memdup2 (first, (n_big + 1) * sizeof *first);
  for (gsize i = 0; i < n; i++)
    {
      guint32 k = number[root[i]];
      if (k > 0 && peel[k - 1])
        mixed[fill[k - 1]++] = (guint32) i;
    }
  *first_out = first;
  return mixed;
}

/* Adds the ramps peeled off the mixed regions to r, and the shaded regions
 * among those nothing peeled off. */
static void
peel_mixed (const SvgaiImage *image, SvgaiRegions *r, const guint32 *mixed, const gsize *first, guint n_big,
            const gboolean *peel)
{
  g_autoptr(GArray) moments = g_array_new (FALSE, FALSE, sizeof (SvgaiColorMoments));
  SvgaiColorMoments *all;

  for (guint k = 0; k < n_big; k++)
    if (peel[k])
      {
        svgai_regions_peel (image, mixed + first[k], first[k + 1] - first[k], r->label, r->n_regions + moments->len,
                            moments);
        svgai_regions_keep_shaded (image, mixed + first[k], first[k + 1] - first[k], r->label,
                                   r->n_regions + moments->len, moments);
      }
  if (moments->len == 0)
    return;
  all = g_try_renew (SvgaiColorMoments, r->moments, r->n_regions + moments->len);
  if (all == NULL)
    {
      /* Without their moments the peeled ramps are not regions. */
      for (gsize i = 0, n = (gsize) r->width * r->height; i < n; i++)
        if (r->label[i] != SVGAI_REGION_NONE && r->label[i] >= r->n_regions)
          r->label[i] = SVGAI_REGION_NONE;
      return;
    }
  memcpy (all + r->n_regions, moments->data, moments->len * sizeof *all);
  r->moments = all;
  r->n_regions += moments->len;
}

/* The moments of each region numbered in `number` (by root), and its
 * colour range (least R, G, B, alpha, then most): runs of one region and
 * one colour at once (a logo's rows are long runs), the same sums as
 * pixel by pixel, exact either way (svgai_color_moments_add_run). */
static void
sum_moments (const SvgaiImage *image, const guint32 *root, const guint32 *number, guint n_big,
             SvgaiColorMoments *moments, guint8 *range)
{
  int w = image->width, h = image->height;

  for (guint k = 0; k < n_big; k++)
    memset (range + 8 * k, 255, 4), memset (range + 8 * k + 4, 0, 4);
  for (int y = 0; y < h; y++)
    {
      const guint8 *row = svgai_image_pixel (image, 0, y);

      for (int x = 0, end; x < w; x = end)
        {
          gsize i = (gsize) y * w + x;
          guint32 k = number[root[i]];
          guint8 *lo, *hi;

          for (end = x + 1; end < w && number[root[i + end - x]] == k && memcmp (row + 4 * end, row + 4 * x, 4) == 0;
               end++)
            ;
          if (k == 0)
            continue;
          svgai_color_moments_add_run (&moments[k - 1], x, end - x, 1, y, row + 4 * x);
          lo = range + 8 * (k - 1), hi = lo + 4;
          for (int c = 0; c < 4; c++)
            lo[c] = MIN (lo[c], row[4 * x + c]), hi[c] = MAX (hi[c], row[4 * x + c]);
        }
    }
}

/* Labels the image's regions: parent[i] becomes the root of pixel i's.
 * Returns how many joins only a fade made. */
static guint
label (const SvgaiImage *image, const guint8 *lin, guint32 *parent)
{
  int w = image->width, h = image->height;
  gsize n = (gsize) w * h;
  guint faded = 0;

  for (gsize i = 0; i < n; i++)
    parent[i] = (guint32) i;
  for (int y = 0; y < h; y++)
    {
      const guint8 *row = svgai_image_pixel (image, 0, y);

      for (int x = 0; x < w; x++)
        {
          guint32 i = (guint32) ((gsize) y * w + x);
          int j;

          if (x + 1 < w && (j = joins (row + 4 * x, row + 4 * (x + 1), lin[i], lin[i + 1])))
            svgai_union_unite (parent, i, i + 1), faded += j == JOIN_FADE;
          if (y + 1 < h && (j = joins (row + 4 * x, row + 4 * (x + w), lin[i], lin[i + w])))
            svgai_union_unite (parent, i, i + (guint32) w), faded += j == JOIN_FADE;
        }
    }
  for (gsize i = 0; i < n; i++)
    parent[i] = svgai_union_find (parent, (guint32) i);
  return faded;
}

/* A fade is one colour (a soft shadow); a region that fading joins made
 * of several (a colour ramp whose edge is blurred) is no fade, and its
 * faint rim, joined to it, would leave its ramp unexplained: the SOFT
 * flag of that region's pixels is cleared for a second labelling. The
 * colours of pixels under FADE_COLOUR_ALPHA are too coarse to count.
 * Returns whether any was cleared. */
#define FADE_COLOUR_ALPHA 32
#define FADE_COLOUR_RANGE 24

static gboolean
fades_of_one_colour (const SvgaiImage *image, guint8 *lin, const guint32 *parent)
{
  gsize n = (gsize) image->width * image->height;
  g_autofree guint8 *span = g_try_new (guint8, 6 * n);   /* per root: least R, G, B, then most */
  gboolean cleared = FALSE;

  if (span == NULL)
    {
      /* without the spans, no fades */
      for (gsize i = 0; i < n; i++)
        lin[i] &= ~SOFT;
      return TRUE;
    }
  for (gsize i = 0; i < n; i++)
    memset (span + 6 * i, 255, 3), memset (span + 6 * i + 3, 0, 3);
  for (gsize i = 0; i < n; i++)
    {
      const guint8 *p = image->pixels + 4 * i;
      guint8 *sp = span + 6 * (gsize) parent[i];

      if (p[3] >= FADE_COLOUR_ALPHA)
        for (int c = 0; c < 3; c++)
          sp[c] = MIN (sp[c], p[c]), sp[3 + c] = MAX (sp[3 + c], p[c]);
    }
  for (gsize i = 0; i < n; i++)
    {
      const guint8 *sp = span + 6 * (gsize) parent[i];
      gboolean one = TRUE;

      for (int c = 0; c < 3; c++)
        one &= sp[3 + c] - sp[c] <= FADE_COLOUR_RANGE;
      if (!one && (lin[i] & SOFT))
        lin[i] &= ~SOFT, cleared = TRUE;
    }
  return cleared;
}

SvgaiRegions *
svgai_regions_new (const SvgaiImage *image)
{
  int w = image->width, h = image->height;
  gsize n = (gsize) w * h;
  g_autofree guint32 *size = NULL;
  g_autofree guint32 *index = NULL;
  g_autofree gboolean *keep = NULL;
  g_autofree gboolean *peel = NULL;
  g_autofree gboolean *joined = NULL;
  g_autofree guint8 *range = NULL;
  g_autofree guint8 *lin = NULL;
  SvgaiRegions *r;
  g_autofree guint32 *mixed = NULL;
  g_autofree gsize *first = NULL;
  guint32 *parent;
  guint n_big = 0, n_linear = 0;

  if (n == 0 || n > SVGAI_REGION_MAX_PIXELS)
    return NULL;
  parent = g_try_new (guint32, n);
  size = g_try_new0 (guint32, n);
  if (parent == NULL || size == NULL)
    {
      g_free (parent);
      return NULL;
    }
  lin = linear_field (image);
  if (lin == NULL)
    {
      g_free (parent);
      return NULL;
    }
  if (label (image, lin, parent) > 0 && fades_of_one_colour (image, lin, parent))
    label (image, lin, parent);
  for (gsize i = 0; i < n; i++)
    size[parent[i]]++;

  /* Moments of the regions large enough to matter, then keep the linear
   * ones. `size` becomes the region number + 1 of each root. */
  for (gsize i = 0; i < n; i++)
    if (parent[i] == i && size[i] >= SVGAI_REGION_MIN_PIECE_PIXELS && image->pixels[4 * i + 3] >= SVGAI_REGION_FADE_MIN_ALPHA)
      size[i] = ++n_big;
    else if (parent[i] == i)
      size[i] = 0;
  r = g_new0 (SvgaiRegions, 1);
  r->width = w;
  r->height = h;
  r->label = parent;
  r->moments = g_try_new0 (SvgaiColorMoments, MAX (n_big, 1));
  index = g_try_new (guint32, MAX (n_big, 1));
  if (r->moments == NULL || index == NULL)
    {
      svgai_regions_free (r);
      return NULL;
    }
  range = g_try_new (guint8, 8 * (gsize) MAX (n_big, 1));
  if (range == NULL)
    {
      svgai_regions_free (r);
      return NULL;
    }
  sum_moments (image, parent, size, n_big, r->moments, range);
  keep = g_try_new0 (gboolean, MAX (n_big, 1));
  peel = g_try_new0 (gboolean, MAX (n_big, 1));
  joined = g_try_new0 (gboolean, MAX (n_big, 1));
  if (keep == NULL || peel == NULL || joined == NULL)
    {
      svgai_regions_free (r);
      return NULL;
    }
  for (guint k = 0; k < n_big; k++)
    {
      double residual, explained = svgai_gradient_explained (&r->moments[k], &residual);

      keep[k] = explained >= SVGAI_REGION_MIN_EXPLAINED && residual <= SVGAI_REGION_MAX_RESIDUAL;
    }
  keep_ramps (image, parent, size, r->moments, range, n_big, keep);
  svgai_regions_join_continued (image, parent, size, n_big, keep, r->moments, joined);
  /* Peeled are the regions not kept, but for those (flat ones) whose
   * colour range or moments already say nothing will peel off: the
   * peel's first fit is over a sample of all their pixels. */
  for (guint k = 0; k < n_big; k++)
    peel[k] = !keep[k] && !joined[k] && !range_flat (range + 8 * k) && svgai_regions_peel_may_fit (&r->moments[k]);
  for (guint k = 0; k < n_big; k++)
    {
      if (keep[k])
        {
          r->moments[n_linear] = r->moments[k];
          index[k] = n_linear++;
        }
      else
        index[k] = SVGAI_REGION_NONE;
    }
  r->n_regions = n_linear;
  mixed = mixed_pixels (parent, size, peel, n_big, n, &first);
  for (gsize i = 0; i < n; i++)
    {
      guint32 k = size[parent[i]];
      parent[i] = k > 0 ? index[k - 1] : SVGAI_REGION_NONE;
    }
  if (mixed != NULL)
    peel_mixed (image, r, mixed, first, n_big, peel);
  return r;
}

void
svgai_regions_free (SvgaiRegions *regions)
{
  if (regions == NULL)
    return;
  g_free (regions->label);
  g_free (regions->moments);
  g_free (regions);
}
