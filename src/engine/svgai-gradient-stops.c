/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-gradient-stops.h"

#include <math.h>
#include <string.h>

/* A bin of n pixels may miss the ramp by tolerance + NOISE_LEVELS / √n: a
 * few pixels at a shape's rim must not buy a stop of their own. */
#define NOISE_LEVELS 4.0
/* Keeps the stop colours of a ramp with empty stretches defined: a small
 * pull of each stop towards its neighbours, per pixel of the profile. */
#define SMOOTHING 1e-4

/* Knots move in steps of a bin, then (refitting a written ramp) of this
 * share of one: where the ramp bends inside a bin, a stop a bin off shows
 * as a colour off by up to half the ramp's slope across a pixel. */
#define FINE_STEP 0.25
/* Offsets are written to this precision. */
#define OFFSET_PRECISION 0.001

/* Two more knots than stops: a refit measures the stops it may replace
 * with the ends padding dropped put back as knots. */
typedef struct {
  guint n;
  double u[SVGAI_MAX_GRADIENT_STOPS + 2];
  double c[SVGAI_MAX_GRADIENT_STOPS + 2][SVGAI_CHANNELS];
} Ramp;

static inline double
bin_centre (guint b, guint n_bins)
{
  return (b + 0.5) / n_bins;
}

/* The bins a ramp is fitted to, the empty ones left out, with what every
 * trial ramp reads of them worked out once: a fit tries a few hundred
 * ramps on the same bins. */
typedef struct {
  guint n;                  /* bins with pixels */
  guint n_bins;             /* all bins */
  const SvgaiProfileBin *bins;
  guint *index;             /* per bin kept: its index in bins */
  double *u;                /* its centre */
  double (*mean)[SVGAI_CHANNELS];
  double *weight;           /* how much its colour shows: its mean alpha / 255 */
  double *allowance;        /* tolerance + NOISE_LEVELS / sqrt (its pixels) */
} Profile;

static void
profile_init (Profile *p, const SvgaiProfileBin *bins, guint n_bins, double tolerance)
{
  p->n = 0;
  p->n_bins = n_bins;
  p->bins = bins;
  p->index = g_new (guint, n_bins);
  p->u = g_new (double, n_bins);
  p->mean = g_malloc_n (n_bins, sizeof *p->mean);
  p->weight = g_new (double, n_bins);
  p->allowance = g_new (double, n_bins);
  for (guint b = 0; b < n_bins; b++)
    {
      double w = bins[b].w;
      guint i = p->n;

      if (w <= 0)
        continue;
      p->index[i] = b;
      p->u[i] = bin_centre (b, n_bins);
      for (int c = 0; c < SVGAI_CHANNELS; c++)
        p->mean[i][c] = bins[b].c[c] / w;
      p->weight[i] = bins[b].c[3] / w / 255;
      p->allowance[i] = tolerance + NOISE_LEVELS / sqrt (w);
      p->n++;
    }
}

static void
profile_clear (Profile *p)
{
  g_free (p->index);
  g_free (p->u);
  g_free (p->mean);
  g_free (p->weight);
  g_free (p->allowance);
}

/* Which segment of the ramp u falls in, and how far along it; the search
 * starts at segment k, where a u no greater fell. */
static inline guint
locate (const Ramp *r, guint k, double u, double *f)
{
  while (k + 2 < r->n && u > r->u[k + 1])
    k++;
  *f = CLAMP ((u - r->u[k]) / (r->u[k + 1] - r->u[k]), 0, 1);
  return k;
}

/* Least-squares stop colours for the ramp's knots (a linear spline). */
static void
solve_colours (const Profile *p, Ramp *r)
{
  double a[SVGAI_MAX_GRADIENT_STOPS + 2][SVGAI_MAX_GRADIENT_STOPS + 2] = { { 0 } };
  double rhs[SVGAI_MAX_GRADIENT_STOPS + 2][SVGAI_CHANNELS] = { { 0 } };
  double total = 0, lambda;
  guint n = r->n, seg = 0;

  for (guint i = 0; i < p->n; i++)
    {
      const SvgaiProfileBin *bin = &p->bins[p->index[i]];
      double f, w = bin->w;

      total += w;
      seg = locate (r, seg, p->u[i], &f);
      a[seg][seg] += w * (1 - f) * (1 - f);
      a[seg][seg + 1] += w * f * (1 - f);
      a[seg + 1][seg] += w * f * (1 - f);
      a[seg + 1][seg + 1] += w * f * f;
      for (int c = 0; c < SVGAI_CHANNELS; c++)
        {
          rhs[seg][c] += (1 - f) * bin->c[c];
          rhs[seg + 1][c] += f * bin->c[c];
        }
    }
  lambda = SMOOTHING * MAX (total, 1);
  for (guint k = 0; k + 1 < n; k++)
    {
      a[k][k] += lambda;
      a[k + 1][k + 1] += lambda;
      a[k][k + 1] -= lambda;
      a[k + 1][k] -= lambda;
    }
  /* Gaussian elimination; the matrix is symmetric positive definite. */
  for (guint i = 0; i < n; i++)
    {
      for (guint j = i + 1; j < n; j++)
        {
          double m = a[j][i] / a[i][i];

          if (m == 0)
            continue;
          for (guint k = i; k < n; k++)
            a[j][k] -= m * a[i][k];
          for (int c = 0; c < SVGAI_CHANNELS; c++)
            rhs[j][c] -= m * rhs[i][c];
        }
    }
  for (guint i = n; i-- > 0;)
    for (int c = 0; c < SVGAI_CHANNELS; c++)
      {
        double s = rhs[i][c];

        for (guint k = i + 1; k < n; k++)
          s -= a[i][k] * r->c[k][c];
        r->c[i][c] = CLAMP (s / a[i][i], 0, 255);
      }
}

/* Rounds the colours as they will be written and measures the error left;
 * *worst receives the bin furthest off the ramp beyond its allowance. */
static double
ramp_error (const Profile *p, Ramp *r, int *worst)
{
  double sse = 0, worst_excess = 0, near = 1.0 / p->n_bins;
  guint k = 0;

  *worst = -1;
  for (guint j = 0; j < r->n; j++)
    for (int c = 0; c < SVGAI_CHANNELS; c++)
      r->c[j][c] = round (r->c[j][c]);
  for (guint i = 0; i < p->n; i++)
    {
      const SvgaiProfileBin *bin = &p->bins[p->index[i]];
      double f, w = bin->w, e = 0, vv = 0, cv = 0, u = p->u[i];

      k = locate (r, k, u, &f);
      for (int c = 0; c < SVGAI_CHANNELS; c++)
        {
          double v = (1 - f) * r->c[k][c] + f * r->c[k + 1][c];
          double d = fabs (p->mean[i][c] - v);

          /* a colour shows as much as its alpha: faint pixels' colours are
           * also the noisiest (8-bit premultiplied) */
          e = MAX (e, c < 3 ? p->weight[i] * d : d);
          vv += v * v;
          cv += v * bin->c[c];
        }
      sse += bin->cc - 2 * cv + w * vv;
      e -= p->allowance[i];
      /* a knot on or next to an existing one would add nothing */
      if (fabs (u - r->u[k]) < near || fabs (u - r->u[k + 1]) < near)
        continue;
      if (e > worst_excess)
        {
          worst_excess = e;
          *worst = (int) p->index[i];
        }
    }
  return MAX (sse, 0);
}

double
svgai_gradient_profile_scatter (const SvgaiProfileBin *bins, guint n_bins)
{
  double s = 0;

  for (guint b = 0; b < n_bins; b++)
    if (bins[b].w > 0)
      s += bins[b].cc - (bins[b].c[0] * bins[b].c[0] + bins[b].c[1] * bins[b].c[1] +
                         bins[b].c[2] * bins[b].c[2] + bins[b].c[3] * bins[b].c[3]) / bins[b].w;
  return MAX (s, 0);
}

/* Moves each inner knot `bin_steps` bins at a time while that lowers the
 * error: the greedy choice puts a knot on the worst bin, not where the
 * ramp bends. */
static double
refine_knots (const Profile *p, double bin_steps, Ramp *r, double sse)
{
  guint n_bins = p->n_bins;
  double step = bin_steps / n_bins;
  int worst;

  /* a fine step under the offsets' precision would round to no move */
  if (bin_steps < 1)
    step = MAX (step, MIN (OFFSET_PRECISION, 1.0 / n_bins));

  for (guint k = 1; k + 1 < r->n; k++)
    for (int dir = -1; dir <= 1; dir += 2)
      for (;;)
        {
          Ramp t = *r;
          double e;

          t.u[k] = round ((r->u[k] + dir * step) * 1000) / 1000;
          if (t.u[k] == r->u[k] || t.u[k] <= t.u[k - 1] + 0.5 / n_bins || t.u[k] >= t.u[k + 1] - 0.5 / n_bins)
            break;
          solve_colours (p, &t);
          e = ramp_error (p, &t, &worst);
          if (e >= sse)
            break;
          *r = t;
          sse = e;
        }
  return sse;
}

/* Drops the stops the ramp does not need once rounded: an inner stop on the
 * line between its neighbours, or an end stop equal to its neighbour
 * (padding repeats it), within a level. Keeps two. */
static void
drop_redundant (Ramp *r)
{
  for (guint k = 0; k < r->n && r->n > 2;)
    {
      gboolean drop = TRUE;

      for (int c = 0; c < SVGAI_CHANNELS; c++)
        {
          double want;

          if (k == 0)
            want = r->c[1][c];
          else if (k == r->n - 1)
            want = r->c[k - 1][c];
          else
            want = r->c[k - 1][c] + (r->u[k] - r->u[k - 1]) / (r->u[k + 1] - r->u[k - 1]) *
                                    (r->c[k + 1][c] - r->c[k - 1][c]);
          drop &= fabs (want - r->c[k][c]) <= 1.0;
        }
      if (!drop)
        {
          k++;
          continue;
        }
      memmove (&r->u[k], &r->u[k + 1], (r->n - k - 1) * sizeof r->u[0]);
      memmove (&r->c[k], &r->c[k + 1], (r->n - k - 1) * sizeof r->c[0]);
      r->n--;
    }
}

static void
ramp_to_stops (const Ramp *r, SvgaiGradient *out)
{
  out->n_stops = r->n;
  for (guint k = 0; k < r->n; k++)
    {
      out->stops[k].offset = r->u[k];
      out->stops[k].alpha = (guint8) r->c[k][3];
      for (int c = 0; c < 3; c++)
        out->stops[k].rgb[c] = (guint8) r->c[k][c];
    }
}

/* The fewest knots, greedily, each inserted on the bin furthest off and
 * all then moved a bin at a time, then by `finest` of a bin (1: whole
 * bins only), after each insertion. Returns the squared colour error
 * left. */
static double
fit_ramp (const Profile *p, double finest, Ramp *r)
{
  double sse;
  int worst;

  *r = (Ramp) { 2, { 0, 1 } };
  for (;;)
    {
      double u;
      guint k = 0;

      solve_colours (p, r);
      sse = ramp_error (p, r, &worst);
      if (r->n > 2)
        {
          sse = refine_knots (p, 1, r, sse);
          if (finest < 1)
            sse = refine_knots (p, finest, r, sse);
          ramp_error (p, r, &worst);
        }
      if (worst < 0 || r->n == SVGAI_MAX_GRADIENT_STOPS)
        break;
      u = round (bin_centre ((guint) worst, p->n_bins) * 1000) / 1000;
      while (r->u[k] < u)
        k++;
      if (r->u[k] == u)
        break;
      memmove (&r->u[k + 1], &r->u[k], (r->n - k) * sizeof r->u[0]);
      r->u[k] = u;
      r->n++;
    }
  return sse;
}

double
svgai_gradient_stops_fit (const SvgaiProfileBin *bins, guint n_bins, double tolerance, SvgaiGradient *out)
{
  Profile p;
  Ramp r;
  double sse = -1;

  profile_init (&p, bins, n_bins, tolerance);
  if (p.n > 0)
    {
      sse = fit_ramp (&p, 1, &r);
      drop_redundant (&r);
      ramp_to_stops (&r, out);
    }
  profile_clear (&p);
  return sse;
}

void
svgai_gradient_stops_refit (const SvgaiProfileBin *bins, guint n_bins, double tolerance, SvgaiGradient *g)
{
  Profile p;
  Ramp r = { 0 };
  double sse, before;
  int worst;

  if (g->n_stops < 2)
    return;
  profile_init (&p, bins, n_bins, tolerance);
  if (p.n == 0)
    {
      profile_clear (&p);
      return;
    }
  /* the stops as they are, padded ends as knots of the colour padded */
  for (int k = -1; k <= (int) g->n_stops; k++)
    {
      const SvgaiGradientStop *stop = &g->stops[CLAMP (k, 0, (int) g->n_stops - 1)];
      double u = k < 0 ? 0 : k == (int) g->n_stops ? 1 : stop->offset;

      if (r.n > 0 && u <= r.u[r.n - 1])
        continue;
      r.u[r.n] = u;
      for (int c = 0; c < 3; c++)
        r.c[r.n][c] = stop->rgb[c];
      r.c[r.n++][3] = stop->alpha;
    }
  before = ramp_error (&p, &r, &worst);
  fit_ramp (&p, FINE_STEP, &r);
  drop_redundant (&r);
  sse = ramp_error (&p, &r, &worst);
  if (sse < before && r.n <= g->n_stops)
    ramp_to_stops (&r, g);
  profile_clear (&p);
}
