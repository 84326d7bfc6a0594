/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-regions-peel.h"

#include <math.h>
#include <string.h>

/* A pixel belongs to a gradient when it is within this many levels of it
 * in every channel and in alpha; where that leaves too much of the region
 * unpeeled, within the tighter one. Facets of a fold whose colours meet
 * where they crease (Webix, Ruby) are within 6 levels of each other's
 * gradient for a while past the crease: a ramp took in a strip of its
 * neighbour and the rest no longer fitted one. Tighter everywhere, shaded
 * bodies peeled along other lines (Sinatra's hat: 1x SSIM -0.034). */
#define INLIER_LEVELS 6
#define INLIER_LEVELS_TIGHT 4
/* Fit → inliers → largest piece, at most this many times per ramp: the
 * first fit is pulled by the other ramps' pixels, the next ones are not. */
#define REFINE_ROUNDS 3
/* Ramps peeled off one region at most. Stepsize's lower arm, a fold of
 * five facets, needs five to be covered (four left it banded, its facets
 * overlapping in an X of pieces). */
#define MAX_PEELS 6
/* The ramps must cover at least this share of the region together: a
 * region of many small facets or a shaded 3D body is better banded than
 * cut into ramps along arbitrary lines. */
#define MIN_COVER 0.9
/* Two pieces join when one gradient leaves at most this many levels (RMS
 * per channel) on them, still below what shows, and changes by at most
 * SVGAI_GRADIENT_MAX_STEP levels a pixel over any JOIN_STEP_RUN px. */
#define JOIN_MAX_RESIDUAL 2.0
#define JOIN_STEP_RUN 2.0
/* A pixel of one piece passes to a touching piece whose gradient explains
 * it within INLIER_LEVELS_TIGHT and by at least BORDER_MARGIN levels
 * better than its own, in up to BORDER_ROUNDS rounds (each piece fitted
 * again between them). */
#define BORDER_MARGIN 2
#define BORDER_ROUNDS 3
/* The moves are kept when the pieces' gradients, fitted again, leave less
 * than this share of the error they left before. */
#define SETTLED_SHARE (1.0 / 3)
/* Fits use at most about this many pixels (evenly spread). */
#define FIT_SAMPLES (128 * 1024)

/* What each pixel of the region's bounding box is. */
enum { OUTSIDE, REMAINING, INLIER, PIECE, PEELED, SEEN, JOINING, LEFTOVER };

typedef struct {
  const SvgaiImage *image;
  int inlier_levels;
  int x0, y0, bw, bh;          /* the region's bounding box */
  guint8 *state;               /* per box pixel */
  guint32 *queue;              /* flood fill, per box pixel */
  SvgaiColorSample *samples;
} Peel;

/* Fits one gradient to the box pixels in `want`; FALSE when none fits. */
static gboolean
fit (Peel *p, guint8 want, SvgaiGradientDirection direction, SvgaiGradient *g, double *rms)
{
  gsize n = 0, count = 0, step;

  for (gsize i = 0, m = (gsize) p->bw * p->bh; i < m; i++)
    count += p->state[i] == want;
  step = MAX (count / FIT_SAMPLES, 1);
  count = 0;
  for (int y = 0; y < p->bh; y++)
    for (int x = 0; x < p->bw; x++)
      if (p->state[(gsize) y * p->bw + x] == want && count++ % step == 0)
        {
          SvgaiColorSample *s = &p->samples[n++];

          s->x = p->x0 + x + 0.5f, s->y = p->y0 + y + 0.5f;
          memcpy (s->rgba, svgai_image_pixel (p->image, p->x0 + x, p->y0 + y), 4);
        }
  return n >= SVGAI_REGION_MIN_PIXELS &&
         svgai_gradient_fit_in_box (p->samples, n, p->x0, p->y0, p->x0 + p->bw, p->y0 + p->bh, direction, g, rms);
}

/* How far gradient g misses box pixel i, per channel (g's colour less the
 * pixel's). */
static void
misses_at (const Peel *p, const SvgaiGradient *g, gsize i, double miss[SVGAI_CHANNELS])
{
  int x = p->x0 + (int) (i % p->bw), y = p->y0 + (int) (i / p->bw);
  const guint8 *px = svgai_image_pixel (p->image, x, y);

  svgai_gradient_colour_at (g, x + 0.5, y + 0.5, miss);
  for (int c = 0; c < SVGAI_CHANNELS; c++)
    miss[c] -= px[c];
}

/* How far gradient g misses box pixel i: the most of any channel. */
static double
miss_at (const Peel *p, const SvgaiGradient *g, gsize i)
{
  double miss[SVGAI_CHANNELS], e = 0;

  misses_at (p, g, i, miss);
  for (int c = 0; c < SVGAI_CHANNELS; c++)
    e = MAX (e, fabs (miss[c]));
  return e;
}

/* Marks the remaining pixels within p->inlier_levels of g as INLIER (the
 * others back to REMAINING). */
static void
mark_inliers (Peel *p, const SvgaiGradient *g)
{
  for (gsize i = 0, m = (gsize) p->bw * p->bh; i < m; i++)
    if (p->state[i] == REMAINING || p->state[i] == INLIER || p->state[i] == PIECE)
      p->state[i] = miss_at (p, g, i) <= p->inlier_levels ? INLIER : REMAINING;
}

/* Turns the largest 4-connected piece of INLIER pixels into PIECE (the
 * other inliers back to REMAINING); returns its size. */
static gsize
largest_piece (Peel *p)
{
  gsize m = (gsize) p->bw * p->bh, best = 0, best_seed = 0;

  for (int pass = 0; pass < 2; pass++)
    for (gsize seed = 0; seed < m; seed++)
      {
        gsize head = 0, tail = 0;
        /* Pass 0 measures the pieces (marking them SEEN);
         * pass 1 floods the best one again as PIECE. */
        guint8 from = pass == 0 ? INLIER : SEEN, to = pass == 0 ? SEEN : PIECE;

        if (p->state[seed] != from || (pass == 1 && seed != best_seed))
          continue;
        p->state[seed] = to;
        p->queue[tail++] = (guint32) seed;
        while (head < tail)
          {
            gsize i = p->queue[head++];
            int x = (int) (i % p->bw), y = (int) (i / p->bw);

            if (x > 0 && p->state[i - 1] == from)
              p->state[i - 1] = to, p->queue[tail++] = (guint32) (i - 1);
            if (x + 1 < p->bw && p->state[i + 1] == from)
              p->state[i + 1] = to, p->queue[tail++] = (guint32) (i + 1);
            if (y > 0 && p->state[i - p->bw] == from)
              p->state[i - p->bw] = to, p->queue[tail++] = (guint32) (i - p->bw);
            if (y + 1 < p->bh && p->state[i + p->bw] == from)
              p->state[i + p->bw] = to, p->queue[tail++] = (guint32) (i + p->bw);
          }
        if (pass == 0 && tail > best)
          best = tail, best_seed = seed;
        if (pass == 1)
          break;
      }
  for (gsize i = 0; i < m; i++)
    if (p->state[i] == SEEN)
      p->state[i] = REMAINING;
  return best;
}

/* One ramp off the remaining pixels: its pixels are PIECE on success. */
static gboolean
peel_one (Peel *p, SvgaiGradient *g)
{
  guint8 want = REMAINING;
  gsize size = 0;
  double rms = 0;

  for (int round = 0; round < REFINE_ROUNDS; round++)
    {
      gsize before = size;

      if (!fit (p, want, SVGAI_GRADIENT_DIRECTION_MOMENTS, g, &rms))
        return FALSE;
      mark_inliers (p, g);
      size = largest_piece (p);
      if (size < SVGAI_REGION_MIN_PIXELS)
        return FALSE;
      want = PIECE;
      if (size == before)
        break;
    }
  /* The piece's own fit must be a ramp as svgai_regions_new keeps them. */
  return fit (p, PIECE, SVGAI_GRADIENT_DIRECTION_MOMENTS, g, &rms) && rms <= SVGAI_REGION_MAX_RESIDUAL;
}

/* The image index of box pixel i. */
static inline gsize
image_index (const Peel *p, gsize i)
{
  return (gsize) (p->y0 + i / p->bw) * p->image->width + p->x0 + i % p->bw;
}

/* Fits one gradient to the peeled pixels labelled a or b. */
static gboolean
fit_labelled (Peel *p, const guint32 *label, guint32 a, guint32 b, SvgaiGradientDirection direction,
              SvgaiGradient *g, double *rms)
{
  gsize m = (gsize) p->bw * p->bh;
  gboolean fitted;

  for (gsize i = 0; i < m; i++)
    if (p->state[i] == PEELED && (label[image_index (p, i)] == a || label[image_index (p, i)] == b))
      p->state[i] = JOINING;
  fitted = fit (p, JOINING, direction, g, rms);
  for (gsize i = 0; i < m; i++)
    if (p->state[i] == JOINING)
      p->state[i] = PEELED;
  return fitted;
}

/* Adds box pixel i to moments mo. */
static inline void
add_to_moments (const Peel *p, gsize i, SvgaiColorMoments *mo)
{
  svgai_color_moments_add (mo, p->x0 + (double) (i % p->bw) + 0.5, p->y0 + (double) (i / p->bw) + 0.5,
                           p->image->pixels + 4 * image_index (p, i));
}

/* Whether one gradient explains pieces a and b (labels) together, as a
 * ramp svgai_regions_new would keep: the first peel's fit is pulled by the
 * other ramps' pixels and may cut one ramp in two (Cycle.js: its flat
 * start and its slope). Its direction is searched, and no stop may follow
 * another by more than SVGAI_GRADIENT_MAX_STEP levels a pixel: two flat
 * facets (Ruby's) are no ramp with a step between. */
static gboolean
one_ramp (Peel *p, const guint32 *label, guint32 a, guint32 b)
{
  SvgaiGradient g;
  double rms;

  return fit_labelled (p, label, a, b, SVGAI_GRADIENT_DIRECTION_SEARCH, &g, &rms) && rms <= JOIN_MAX_RESIDUAL &&
         svgai_gradient_largest_step (&g, JOIN_STEP_RUN) <= JOIN_STEP_RUN * SVGAI_GRADIENT_MAX_STEP;
}

/* Joins touching pieces (labels first .. first + *peeled - 1, moments at
 * the end of `moments`) that are one ramp, relabelling the later ones. */
static void
join_pieces (Peel *p, guint32 *label, guint32 first, guint *peeled, GArray *moments)
{
  int w = p->image->width;
  gboolean joined = TRUE;

  while (joined && *peeled > 1)
    {
      gboolean touch[MAX_PEELS][MAX_PEELS] = { { FALSE } };

      joined = FALSE;
      for (int y = 0; y < p->bh; y++)
        for (int x = 0; x < p->bw; x++)
          {
            gsize i = (gsize) (p->y0 + y) * w + p->x0 + x;
            guint32 l = label[i] - first, r, d;

            if (p->state[(gsize) y * p->bw + x] != PEELED)
              continue;
            r = x + 1 < p->bw && p->state[(gsize) y * p->bw + x + 1] == PEELED ? label[i + 1] - first : l;
            d = y + 1 < p->bh && p->state[(gsize) (y + 1) * p->bw + x] == PEELED ? label[i + w] - first : l;
            touch[MIN (l, r)][MAX (l, r)] = TRUE;
            touch[MIN (l, d)][MAX (l, d)] = TRUE;
          }
      for (guint a = 0; a < *peeled && !joined; a++)
        for (guint b = a + 1; b < *peeled && !joined; b++)
          {
            SvgaiColorMoments *mo = (SvgaiColorMoments *) moments->data + moments->len - *peeled;

            if (!touch[a][b] || !one_ramp (p, label, first + a, first + b))
              continue;
            for (int y = 0; y < p->bh; y++)
              for (int x = 0; x < p->bw; x++)
                {
                  gsize i = (gsize) (p->y0 + y) * w + p->x0 + x;

                  if (p->state[(gsize) y * p->bw + x] != PEELED)
                    continue;
                  if (label[i] == first + b)
                    label[i] = first + a;
                  else if (label[i] > first + b)
                    label[i]--;
                }
            svgai_color_moments_merge (&mo[a], &mo[b]);
            g_array_remove_index (moments, moments->len - *peeled + b);
            (*peeled)--;
            joined = TRUE;
          }
    }
}

/* Floods the REMAINING pixels 4-connected to box pixel `seed` as LEFTOVER
 * (queued in p->queue); returns how many, and in *touched the one piece
 * (label) they border, or SVGAI_REGION_NONE when they border none or
 * several. */
static gsize
flood_leftover (Peel *p, const guint32 *label, gsize seed, guint32 *touched)
{
  gsize head = 0, tail = 0;
  gboolean several = FALSE;

  *touched = SVGAI_REGION_NONE;
  p->state[seed] = LEFTOVER;
  p->queue[tail++] = (guint32) seed;
  while (head < tail)
    {
      gsize i = p->queue[head++];
      int x = (int) (i % p->bw), y = (int) (i / p->bw);
      const int dx[4] = { -1, 1, 0, 0 }, dy[4] = { 0, 0, -1, 1 };

      for (int d = 0; d < 4; d++)
        {
          int nx = x + dx[d], ny = y + dy[d];
          gsize j = (gsize) ny * p->bw + nx;
          guint32 l;

          if (nx < 0 || ny < 0 || nx >= p->bw || ny >= p->bh)
            continue;
          if (p->state[j] == REMAINING)
            {
              p->state[j] = LEFTOVER;
              p->queue[tail++] = (guint32) j;
              continue;
            }
          if (p->state[j] != PEELED)
            continue;
          l = label[image_index (p, j)];
          several |= *touched != SVGAI_REGION_NONE && *touched != l;
          *touched = l;
        }
    }
  if (several)
    *touched = SVGAI_REGION_NONE;
  return tail;
}

/* Fits each piece's gradient on its own pixels (direction refined);
 * fits[k] FALSE where none fits. Returns whether all fit. */
static gboolean
fit_pieces (Peel *p, const guint32 *label, guint32 first, guint peeled, SvgaiGradient *g, gboolean *fits)
{
  gboolean all = TRUE;

  for (guint k = 0; k < peeled; k++)
    {
      double rms;

      fits[k] = fit_labelled (p, label, first + k, first + k, SVGAI_GRADIENT_DIRECTION_REFINED, &g[k], &rms);
      all &= fits[k];
    }
  return all;
}

/* Gives a piece the pixels left over (a patch inside it, or a strip along
 * the region's edge) that only it borders, when its own
 * gradient (fitted on it, direction refined) explains every one of them
 * within p->inlier_levels: the first fit of a ramp, pulled by the pixels
 * of the next, misses a patch inside it by a few levels (Cycle.js's
 * body, by its edge), and the patch, left to the palette's bands, was
 * traced as a pale flat speck with a notch in the body's outline. */
static void
give_leftovers (Peel *p, guint32 *label, guint32 first, guint peeled, GArray *moments)
{
  gsize m = (gsize) p->bw * p->bh;
  SvgaiGradient g[MAX_PEELS];
  gboolean fitted = FALSE, fits[MAX_PEELS];

  for (gsize seed = 0; seed < m; seed++)
    {
      guint32 l;
      gsize n;
      gboolean explained = TRUE;
      SvgaiColorMoments *mo;

      if (p->state[seed] != REMAINING)
        continue;
      n = flood_leftover (p, label, seed, &l);
      if (l == SVGAI_REGION_NONE || l < first || l - first >= peeled)
        continue;
      l -= first;
      if (!fitted)
        fit_pieces (p, label, first, peeled, g, fits), fitted = TRUE;
      for (gsize k = 0; k < n && explained && fits[l]; k++)
        explained = miss_at (p, &g[l], p->queue[k]) <= p->inlier_levels;
      if (!fits[l] || !explained)
        continue;
      mo = (SvgaiColorMoments *) moments->data + moments->len - peeled + l;
      for (gsize k = 0; k < n; k++)
        {
          p->state[p->queue[k]] = PEELED;
          label[image_index (p, p->queue[k])] = first + l;
          add_to_moments (p, p->queue[k], mo);
        }
    }
  for (gsize i = 0; i < m; i++)
    if (p->state[i] == LEFTOVER)
      p->state[i] = REMAINING;
}

/* The squared colour error the pieces' gradients leave their pixels. */
static double
pieces_error (const Peel *p, const guint32 *label, guint32 first, const SvgaiGradient *g)
{
  double e = 0;

  for (gsize i = 0, m = (gsize) p->bw * p->bh; i < m; i++)
    if (p->state[i] == PEELED)
      {
        double miss[SVGAI_CHANNELS];

        misses_at (p, &g[label[image_index (p, i)] - first], i, miss);
        for (int c = 0; c < SVGAI_CHANNELS; c++)
          e += miss[c] * miss[c];
      }
  return e;
}

/* One round of settle_borders: moves the pixels of each piece that
 * another piece touching them explains (see BORDER_MARGIN), then looks at
 * their neighbours again. Returns how many moved. */
static gsize
move_border_pixels (Peel *p, guint32 *label, guint32 first, const SvgaiGradient *g, guint8 *queued)
{
  gsize m = (gsize) p->bw * p->bh, head = 0, count = 0, moved = 0;
  const int dx[4] = { -1, 1, 0, 0 }, dy[4] = { 0, 0, -1, 1 };

  /* a ring: each box pixel is in it at most once at a time */
  for (gsize i = 0; i < m; i++)
    if (p->state[i] == PEELED)
      p->queue[count++] = (guint32) i, queued[i] = 1;
  while (count > 0)
    {
      gsize i = p->queue[head];
      int x = (int) (i % p->bw), y = (int) (i / p->bw);
      guint32 *at = &label[image_index (p, i)], a = *at - first;
      double own = miss_at (p, &g[a], i);

      head = (head + 1) % m, count--, queued[i] = 0;
      for (int d = 0; d < 4; d++)
        {
          int nx = x + dx[d], ny = y + dy[d];
          guint32 b;
          double other;

          if (nx < 0 || ny < 0 || nx >= p->bw || ny >= p->bh || p->state[(gsize) ny * p->bw + nx] != PEELED)
            continue;
          b = label[image_index (p, (gsize) ny * p->bw + nx)] - first;
          if (b == a)
            continue;
          other = miss_at (p, &g[b], i);
          if (other > INLIER_LEVELS_TIGHT || other + BORDER_MARGIN > own)
            continue;
          *at = first + b;
          moved++;
          /* its neighbours outside b may pass to b now */
          for (int e = 0; e < 4; e++)
            {
              int ex = x + dx[e], ey = y + dy[e];
              gsize k = (gsize) ey * p->bw + ex;

              if (ex >= 0 && ey >= 0 && ex < p->bw && ey < p->bh && !queued[k] && p->state[k] == PEELED &&
                  label[image_index (p, k)] != first + b)
                p->queue[(head + count++) % m] = (guint32) k, queued[k] = 1;
            }
          break;
        }
    }
  return moved;
}

/* Moves the pixels along the pieces' borders to the piece whose gradient
 * explains them, each piece fitted again between rounds: a ramp that
 * fades into the colour of the ramp beside it is peeled short of its end,
 * and its tail, left to the other piece, was painted with that one's
 * colours (Cycle.js: the fold's lower half 17 levels off, behind a
 * staircase of an edge, the body's ramp bent towards it). Kept only when
 * the pieces' gradients, fitted again, leave under SETTLED_SHARE of the
 * error they left: smaller gains only move the borders of facets whose
 * colours meet, and the shapes traced from them changed with the picture
 * no better (Stepsize's fold: 6.6 KB to 9.3; Ruby's facets: the shading
 * of its base lost its blobs, 1x SSIM -0.02). Then the pieces' moments
 * are summed again. */
static void
settle_borders (Peel *p, guint32 *label, guint32 first, guint peeled, GArray *moments)
{
  gsize m = (gsize) p->bw * p->bh;
  SvgaiGradient g[MAX_PEELS];
  gboolean fits[MAX_PEELS];
  SvgaiColorMoments *mo;
  g_autofree guint8 *queued = NULL;
  g_autofree guint32 *was = NULL;
  double before;
  gboolean moved_any = FALSE, all_fit;

  if (peeled < 2 || (queued = g_try_malloc0 (m)) == NULL || (was = g_try_new (guint32, m)) == NULL)
    return;
  for (gsize i = 0; i < m; i++)
    if (p->state[i] == PEELED)
      was[i] = label[image_index (p, i)];
  all_fit = fit_pieces (p, label, first, peeled, g, fits);
  if (!all_fit)
    return;
  before = pieces_error (p, label, first, g);
  for (int round = 0; round < BORDER_ROUNDS && all_fit; round++)
    {
      if (move_border_pixels (p, label, first, g, queued) == 0)
        break;
      moved_any = TRUE;
      all_fit = fit_pieces (p, label, first, peeled, g, fits);
    }
  if (!moved_any)
    return;
  if (!all_fit || pieces_error (p, label, first, g) >= SETTLED_SHARE * before)
    {
      for (gsize i = 0; i < m; i++)
        if (p->state[i] == PEELED)
          label[image_index (p, i)] = was[i];
      return;
    }
  mo = (SvgaiColorMoments *) moments->data + moments->len - peeled;
  memset (mo, 0, peeled * sizeof *mo);
  for (gsize i = 0; i < m; i++)
    if (p->state[i] == PEELED)
      add_to_moments (p, i, &mo[label[image_index (p, i)] - first]);
}

/* Peels up to MAX_PEELS ramps off the region's n pixels with the given
 * inlier levels, labelling them first_label on and appending their
 * moments. Returns how many, 0 (and *too_little when some peeled) if they
 * cover too little of the region. */
static guint
peel_all (Peel *p, const guint32 *pixels, gsize n, guint32 *label, guint32 first_label, GArray *moments,
          int inlier_levels, gboolean *too_little)
{
  int w = p->image->width;
  guint peeled = 0;
  gsize covered = 0;

  p->inlier_levels = inlier_levels;
  memset (p->state, OUTSIDE, (gsize) p->bw * p->bh);
  for (gsize i = 0; i < n; i++)
    p->state[(gsize) (pixels[i] / w - p->y0) * p->bw + pixels[i] % w - p->x0] = REMAINING;
  while (peeled < MAX_PEELS)
    {
      SvgaiGradient g;
      SvgaiColorMoments mo = { 0 };

      if (!peel_one (p, &g))
        break;
      for (int y = 0; y < p->bh; y++)
        for (int x = 0; x < p->bw; x++)
          {
            guint8 *st = &p->state[(gsize) y * p->bw + x];
            gsize i = (gsize) (p->y0 + y) * w + p->x0 + x;

            if (*st == INLIER)
              *st = REMAINING;
            if (*st != PIECE)
              continue;
            *st = PEELED;
            label[i] = first_label + peeled;
            svgai_color_moments_add (&mo, p->x0 + x + 0.5, p->y0 + y + 0.5, p->image->pixels + 4 * i);
          }
      g_array_append_val (moments, mo);
      peeled++;
      covered += (gsize) mo.n;
    }
  /* what the last, failed, peel marked is left over */
  for (gsize i = 0, m = (gsize) p->bw * p->bh; i < m; i++)
    if (p->state[i] == INLIER || p->state[i] == PIECE)
      p->state[i] = REMAINING;
  *too_little = peeled > 0 && covered < MIN_COVER * n;
  if (*too_little)
    {
      for (gsize i = 0; i < n; i++)
        label[pixels[i]] = SVGAI_REGION_NONE;
      g_array_set_size (moments, moments->len - peeled);
      peeled = 0;
    }
  return peeled;
}

gboolean
svgai_regions_peel_may_fit (const SvgaiColorMoments *m)
{
  /* fit() takes every pixel below 2 · FIT_SAMPLES: then its samples are
   * the region's, and so are their moments. */
  return m->n >= 2 * FIT_SAMPLES || svgai_gradient_moments_may_fit (m);
}

guint
svgai_regions_peel (const SvgaiImage *image,
                    const guint32 *pixels,
                    gsize n,
                    guint32 *label,
                    guint32 first_label,
                    GArray *moments)
{
  int w = image->width, x1 = 0, y1 = 0;
  Peel p = { image, 0, G_MAXINT, G_MAXINT, 0, 0, NULL, NULL, NULL };
  guint peeled = 0;
  gboolean too_little;
  gsize m;

  if (n < 2 * SVGAI_REGION_MIN_PIXELS)
    return 0;
  for (gsize i = 0; i < n; i++)
    {
      int x = (int) (pixels[i] % w), y = (int) (pixels[i] / w);

      p.x0 = MIN (p.x0, x), p.y0 = MIN (p.y0, y), x1 = MAX (x1, x + 1), y1 = MAX (y1, y + 1);
    }
  p.bw = x1 - p.x0, p.bh = y1 - p.y0;
  m = (gsize) p.bw * p.bh;
  p.state = g_try_malloc0 (m);
  p.queue = g_try_new (guint32, m);
  p.samples = g_try_new (SvgaiColorSample, MIN (n, 2 * FIT_SAMPLES));
  if (p.state == NULL || p.queue == NULL || p.samples == NULL)
    goto out;

  peeled = peel_all (&p, pixels, n, label, first_label, moments, INLIER_LEVELS, &too_little);
  if (too_little)
    peeled = peel_all (&p, pixels, n, label, first_label, moments, INLIER_LEVELS_TIGHT, &too_little);
  join_pieces (&p, label, first_label, &peeled, moments);
  give_leftovers (&p, label, first_label, peeled, moments);
  settle_borders (&p, label, first_label, peeled, moments);
out:
  g_free (p.state);
  g_free (p.queue);
  g_free (p.samples);
  return peeled;
}
