/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-refit-thin.h"
#include "svgai-hypot.h"

#include <string.h>

/* An opposite side further than this, px, is not across a thin line. */
#define MAX_ACROSS 4.5
/* The profile across the line is read this far beyond either side, px,
 * in steps of PROFILE_STEP: the bilinear coverage of an anti-aliased
 * edge dies out within a pixel of its half-covered isoline. */
#define PROFILE_MARGIN 1.5
#define PROFILE_STEP 0.125
#define MAX_PROFILE 128
/* A clean line across: the profile falls to LOW at both ends and never
 * rises by more than RISE on the way out from the middle. */
#define LOW 0.1
#define RISE 0.05
/* The sides face each other within this (cosine of 160°): a star's
 * tip (36°) is no line, and read as one it came out wavy. */
#define FACING -0.94
/* The width read is smoothed along the line with this deviation, px: read
 * on one line across, the bilinear coverage's sum still follows the
 * line's phase against the pixels by a few hundredths, over a period of
 * up to 1 / sin of its slant (8 px at 7°). */
#define WIDTH_SIGMA 2.0
/* At least this share of the samples must read a line across. */
#define MIN_READ 0.5
/* Outlines longer than this, px, are not read: the search for the other
 * side costs a few hundred comparisons a sample, and a 10000 × 1 image
 * (the bad-input corpus) took a minute in the fuzzer's instrumented
 * build (its limit is 20 s). A 1024 px logo's longest is about 4000. */
#define MAX_LENGTH 8192.0

/* The outline's sides q[j]–q[j + 1] by grid cell of CELL px, so that
 * the search for the side across from a sample looks at its own
 * neighbourhood only. Smaller cells hold fewer sides the ray cannot
 * cross (at 5 px five devset logos took 2.4 % more instructions in all),
 * larger ones take less memory. Which cells are searched changes nothing
 * but the time: the nearest crossing is a minimum over every side. */
#define CELL 2.5

typedef struct {
  double x0, y0;
  int w, h;
  int *start;   /* per cell, into the sides; w·h + 1 */
  /* The sides in cell order: index j, start q[j] and q[j + 1] − q[j], next
   * to one another for the search's inner loop. */
  int *side;
  P *a, *e;
  double longest;   /* the longest side, px */
} Cells;

static inline int
cell_of (const Cells *c, P p)
{
  int x = CLAMP (svgai_floor_int ((p.x - c->x0) / CELL), 0, c->w - 1), y = CLAMP (svgai_floor_int ((p.y - c->y0) / CELL), 0, c->h - 1);

  return y * c->w + x;
}

static void
cells_init (Cells *c, const P *q, int n)
{
  double x1 = q[0].x, y1 = q[0].y;
  g_autofree int *fill = NULL;

  c->x0 = q[0].x, c->y0 = q[0].y;
  c->longest = 0;
  for (int i = 1; i < n; i++)
    {
      c->x0 = MIN (c->x0, q[i].x), c->y0 = MIN (c->y0, q[i].y);
      x1 = MAX (x1, q[i].x), y1 = MAX (y1, q[i].y);
    }
  for (int i = 0; i < n; i++)
    c->longest = MAX (c->longest, svgai_hypot (q[i + 1].x - q[i].x, q[i + 1].y - q[i].y));
  c->w = (int) ((x1 - c->x0) / CELL) + 1, c->h = (int) ((y1 - c->y0) / CELL) + 1;
  c->start = g_new0 (int, c->w * c->h + 1);
  c->side = g_new (int, n);
  c->a = g_new (P, n);
  c->e = g_new (P, n);
  fill = g_new0 (int, c->w * c->h);
  for (int j = 0; j < n; j++)
    c->start[cell_of (c, q[j]) + 1]++;
  for (int k = 0; k < c->w * c->h; k++)
    c->start[k + 1] += c->start[k];
  for (int j = 0; j < n; j++)
    {
      int k = cell_of (c, q[j]), at = c->start[k] + fill[k]++;

      c->side[at] = j;
      c->a[at] = q[j];
      c->e[at] = sub (q[j + 1], q[j]);
    }
}

static void
cells_clear (Cells *c)
{
  g_free (c->start);
  g_free (c->side);
  g_free (c->a);
  g_free (c->e);
}

/* The cells, within `from`..`to` (inclusive), that hold the starts of the
 * sides a crossing at o + s·m, s in [0.05, MAX_ACROSS], can lie on: such a
 * start is within a side's length of that stretch of the ray. Only the
 * sides in those cells can pass across()'s tests. */
static void
ray_cells (const Cells *cells, P o, P m, int from[2], int to[2])
{
  /* A side's length and a hair for the rounding of s and u. */
  double pad = cells->longest + 1e-6;
  double ax = o.x + 0.05 * m.x, bx = o.x + MAX_ACROSS * m.x, ay = o.y + 0.05 * m.y, by = o.y + MAX_ACROSS * m.y;
  double lo[2] = { MIN (ax, bx) - pad - cells->x0, MIN (ay, by) - pad - cells->y0 };
  double hi[2] = { MAX (ax, bx) + pad - cells->x0, MAX (ay, by) + pad - cells->y0 };

  for (int d = 0; d < 2; d++)
    {
      from[d] = MAX (from[d], svgai_floor_int (lo[d] / CELL));
      to[d] = MIN (to[d], svgai_floor_int (hi[d] / CELL));
    }
}

/* The distance from q[i] along the unit m to the outline q[0..n], the
 * nearest crossing by a side facing it (t is q[i]'s tangent), or 0. Sides
 * are filed by their start (they are a sample step long). The nearest is
 * a minimum over the sides that pass every test, so the sides that cannot
 * (ray_cells) are not looked at. */
static double
across (const P *q, int n, const Cells *cells, int i, P m, P t)
{
  P o = q[i];
  double best = 0;
  /* a side filed by its start, half a pixel at most from where it is
   * crossed, lies within MAX_ACROSS + ½ of o: `reach` cells at most */
  int reach = (int) ceil ((MAX_ACROSS + 0.5) / CELL);
  int cx = svgai_floor_int ((o.x - cells->x0) / CELL), cy = svgai_floor_int ((o.y - cells->y0) / CELL);
  int from[2] = { MAX (cx - reach, 0), MAX (cy - reach, 0) };
  int to[2] = { MIN (cx + reach, cells->w - 1), MIN (cy + reach, cells->h - 1) };

  ray_cells (cells, o, m, from, to);
  for (int y = from[1]; y <= to[1]; y++)
    for (int x = from[0]; x <= to[0]; x++)
      for (int k = cells->start[y * cells->w + x]; k < cells->start[y * cells->w + x + 1]; k++)
        {
          int j = cells->side[k], gap = abs (j - i);
          P a = cells->a[k], e = cells->e[k], ao = sub (a, o);
          double den = cross (m, e), s, u;

          if (MIN (gap, n - gap) <= 2 || fabs (den) < 1e-12)
            continue;
          s = cross (ao, e) / den, u = cross (ao, m) / den;
          if (u < 0 || u > 1 || s < 0.05 || s > MAX_ACROSS || (best > 0 && s >= best))
            continue;
          if (dot (unit (e), t) < FACING)
            best = s;
        }
  return best;
}

/* Whether a colour above the layer is what the source shows at p: there
 * the layer's own ink is not all it traced (it reaches under it). */
static gboolean
under_above (const SvgaiCoverage *c, P p)
{
  int x = CLAMP (svgai_floor_int (p.x), 0, c->width - 1), y = CLAMP (svgai_floor_int (p.y), 0, c->height - 1);

  return c->dominant != NULL && c->dominant[(gsize) y * c->width + x] > c->layer;
}

/* The ink at p in units of the layer's colour (may exceed 1), read from
 * `ink`: the coverage with the ink as its data (ink_of()). */
static inline double
ink_at (const SvgaiCoverage *c, const SvgaiCoverage *ink, P p)
{
  if (c->ink == NULL)
    return svgai_coverage_at (c, p);
  return svgai_coverage_at (ink, p) * 255 / MAX (c->ink_alpha, 1);
}

static inline SvgaiCoverage
ink_of (const SvgaiCoverage *c)
{
  SvgaiCoverage ink = *c;

  if (c->ink != NULL)
    ink.data = c->ink;
  return ink;
}

/* The profile's value k of np (read_line()); FALSE where a colour above
 * shows. */
static inline gboolean
profile_at (const SvgaiCoverage *coverage, const SvgaiCoverage *ink, P c, P m, double half, int k, gboolean gap,
            double *g)
{
  P p = add (c, scale (m, -half + k * PROFILE_STEP));

  if (under_above (coverage, p))
    return FALSE;
  *g = gap ? 1 - ink_at (coverage, ink, p) : ink_at (coverage, ink, p);
  return TRUE;
}

/* The line across o (unit m into it, d to the other side): its width and
 * where its centre is along m, from o; FALSE if the profile is not one
 * clean line. Where the outline bounds a gap between inks, the gap is
 * the line. */
static gboolean
read_line (const SvgaiCoverage *coverage, P o, P m, double d, double *width, double *centre)
{
  double half = d / 2 + PROFILE_MARGIN, g[MAX_PROFILE], sum = 0, moment = 0;
  int np = (int) ceil (2 * half / PROFILE_STEP), mid = np / 2;
  int from = (int) floor (PROFILE_MARGIN / PROFILE_STEP), to = np - from;
  P c = add (o, scale (m, d / 2));
  SvgaiCoverage ink = ink_of (coverage);
  gboolean gap;

  if (np + 1 > MAX_PROFILE || svgai_coverage_hidden (coverage, o) || svgai_coverage_hidden (coverage, c))
    return FALSE;
  gap = svgai_coverage_at (coverage, c) < 0.5;
  /* Both ends first: many profiles fail there (on devicon-flask half the
   * reads were saved), and each test only rejects, so their order does
   * not matter. */
  if (!profile_at (coverage, &ink, c, m, half, 0, gap, &g[0]) || g[0] > LOW ||
      !profile_at (coverage, &ink, c, m, half, np, gap, &g[np]) || g[np] > LOW)
    return FALSE;
  for (int k = 1; k < np; k++)
    if (!profile_at (coverage, &ink, c, m, half, k, gap, &g[k]))
      return FALSE;
  /* Out from the ridge between the two sides. */
  for (int k = from; k <= to; k++)
    if (g[k] > g[mid])
      mid = k;
  for (int k = mid; k < np; k++)
    if (g[k + 1] > g[k] + RISE)
      return FALSE;
  for (int k = mid; k > 0; k--)
    if (g[k - 1] > g[k] + RISE)
      return FALSE;
  for (int k = 0; k < np; k++)
    {
      double t = -half + (k + 0.5) * PROFILE_STEP, v = (g[k] + g[k + 1]) / 2;

      sum += v * PROFILE_STEP;
      moment += t * v * PROFILE_STEP;
    }
  if (sum < 0.25 || fabs (sum - d) > 1.0)
    return FALSE;
  *width = sum;
  *centre = d / 2 + moment / sum;
  return TRUE;
}

/* Gaussian smoothing of the closed loop v[0..n) in place (sigma in
 * samples). */
static void
smooth_loop (double *v, int n, double sigma, double *tmp)
{
  int radius = MIN ((int) ceil (2.5 * sigma), n / 2);
  /* The weights once, not once per sample: the same values. */
  g_autofree double *w = g_new (double, 2 * radius + 1);
  double total = 0;

  for (int k = -radius; k <= radius; k++)
    w[k + radius] = exp (-0.5 * k * k / (sigma * sigma));
  /* The same for every sample: summed once, in the same order. */
  for (int k = -radius; k <= radius; k++)
    total += w[k + radius];
  for (int i = 0; i < n; i++)
    {
      double sum = 0;

      for (int k = -radius; k <= radius; k++)
        sum += w[k + radius] * v[wrap (i + k, n)];
      tmp[i] = sum / total;
    }
  memcpy (v, tmp, sizeof (double) * n);
}

/* Fills in v[i] where !ok[i], linearly between the known values either
 * side (cyclic over n); at least one is known. */
static void
fill_gaps (double *v, const gboolean *ok, int n)
{
  int first = 0;

  while (!ok[first])
    first++;
  for (int i = first, next; i < first + n; i = next)
    {
      next = i + 1;
      while (!ok[wrap (next, n)])
        next++;
      for (int j = i + 1; j < next; j++)
        v[wrap (j, n)] = v[wrap (i, n)] + (v[wrap (next, n)] - v[wrap (i, n)]) * (j - i) / (next - i);
    }
}

int
svgai_refit_thin_read (const P *q, int n, double step, const SvgaiCoverage *coverage, double *shift, P *normal,
                       gboolean *ok)
{
  g_autofree double *width = g_new0 (double, n);
  g_autofree double *tmp = g_new (double, n);
  Cells cells;
  double area = 0;
  int k = MAX (1, (int) lround (1.0 / step)), read = 0;

  memset (ok, 0, sizeof (gboolean) * n);
  if (n < 2 * k + 2 || n * step > MAX_LENGTH)
    return 0;
  cells_init (&cells, q, n);
  for (int i = 0; i < n; i++)
    area += cross (q[i], q[i + 1]);
  for (int i = 0; i < n; i++)
    {
      P t = unit (sub (q[wrap (i + k, n)], q[wrap (i - k, n)]));
      double d;

      /* Into the outline: left of the way it runs if it runs anticlockwise. */
      normal[i] = area > 0 ? (P) { -t.y, t.x } : (P) { t.y, -t.x };
      d = across (q, n, &cells, i, normal[i], t);
      ok[i] = d > 0 && read_line (coverage, q[i], normal[i], d, &width[i], &shift[i]);
      read += ok[i];
    }
  cells_clear (&cells);
  if (read == 0)
    return 0;
  /* The width evens out over WIDTH_SIGMA (interpolated where nothing was
   * read, as at a line's end); each side goes to the centre less half
   * of it. */
  fill_gaps (width, ok, n);
  smooth_loop (width, n, WIDTH_SIGMA / step, tmp);
  for (int i = 0; i < n; i++)
    shift[i] = ok[i] ? shift[i] - width[i] / 2 : 0;
  return read;
}

gboolean
svgai_refit_thin (P *q, int n, double step, const SvgaiCoverage *coverage)
{
  g_autofree double *shift = g_new (double, n);
  g_autofree P *normal = g_new (P, n);
  g_autofree gboolean *ok = g_new (gboolean, n);

  if (svgai_refit_thin_read (q, n, step, coverage, shift, normal, ok) < MIN_READ * n)
    return FALSE;
  /* Where nothing was read (a line's end), the moves either side blend. */
  fill_gaps (shift, ok, n);
  for (int i = 0; i < n; i++)
    q[i] = add (q[i], scale (normal[i], shift[i]));
  q[n] = q[0];
  return TRUE;
}
