/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Radial gradients: the centre, and an ellipse where the shading is
 * squashed, that best explain a shape's colours. */
#include <math.h>
#include <string.h>
#include "svgai-gradient-fit.h"
#include "svgai-hypot.h"

/* An elliptical radial fill is chosen over the circular one when it leaves
 * less than this share of its colour error, and is no circle: its axes
 * differ by more than ELLIPSE_MIN_SQUASH. */
#define ELLIPSE_ADVANTAGE 0.7
#define ELLIPSE_MIN_SQUASH 0.05
/* The smallest ratio of an ellipse's shorter semi-axis to its longer. */
#define ELLIPSE_MIN_RATIO 0.05
/* ... and is tried where the circle leaves over this many levels, RMS
 * per channel: the colours a designer reads as the same. */
#define ELLIPSE_FROM_RMS 2.0

/* The most basis functions fit_channel takes. */
#define MAX_BASIS 6

/* A channel whose variance is under this share of the largest one's is
 * too flat to place a centre by. */
#define CHANNEL_MIN_SHARE 0.05

/* Least squares fit of channel `want` (-1: the one that varies most) over
 * the samples (every `step`-th) on k basis functions of the position
 * relative to their centroid (*ox, *oy): sol receives the k coefficients.
 * FALSE with fewer than min_samples samples, a channel too flat or a
 * singular system. */
static gboolean
fit_channel (const SvgaiColorSample *s, gsize n, gsize step, int want, int k,
             void (*basis) (double x, double y, double *f), double min_samples, double *ox, double *oy, double *sol)
{
  double m[MAX_BASIS][MAX_BASIS] = { { 0 } }, r[SVGAI_CHANNELS][MAX_BASIS] = { { 0 } }, best = 0;
  double cnt = 0, mean[SVGAI_CHANNELS] = { 0 }, var[SVGAI_CHANNELS] = { 0 };
  int ch = -1;

  *ox = 0, *oy = 0;
  for (gsize i = 0; i < n; i += step)
    *ox += s[i].x, *oy += s[i].y, cnt++;
  if (cnt < min_samples)
    return FALSE;
  *ox /= cnt, *oy /= cnt;
  for (gsize i = 0; i < n; i += step)
    {
      double f[MAX_BASIS];

      basis (s[i].x - *ox, s[i].y - *oy, f);
      for (int a = 0; a < k; a++)
        {
          for (int b = 0; b < k; b++)
            m[a][b] += f[a] * f[b];
          for (int c = 0; c < SVGAI_CHANNELS; c++)
            r[c][a] += f[a] * s[i].rgba[c];
        }
      for (int c = 0; c < SVGAI_CHANNELS; c++)
        mean[c] += s[i].rgba[c], var[c] += (double) s[i].rgba[c] * s[i].rgba[c];
    }
  for (int c = 0; c < SVGAI_CHANNELS; c++)
    {
      var[c] -= mean[c] * mean[c] / cnt;
      if (var[c] > best)
        best = var[c], ch = c;
    }
  if (want >= 0)
    ch = var[want] > 0 && var[want] >= CHANNEL_MIN_SHARE * best ? want : -1;
  if (ch < 0)
    return FALSE;
  memcpy (sol, r[ch], k * sizeof *sol);
  for (int i = 0; i < k; i++)
    {
      if (fabs (m[i][i]) < 1e-9)
        return FALSE;
      for (int j = i + 1; j < k; j++)
        {
          double f = m[j][i] / m[i][i];
          for (int l = i; l < k; l++)
            m[j][l] -= f * m[i][l];
          sol[j] -= f * sol[i];
        }
    }
  for (int i = k - 1; i >= 0; i--)
    {
      for (int l = i + 1; l < k; l++)
        sol[i] -= m[i][l] * sol[l];
      sol[i] /= m[i][i];
    }
  return TRUE;
}

static void
paraboloid_basis (double x, double y, double *f)
{
  f[0] = 1, f[1] = x, f[2] = y, f[3] = x * x + y * y;
}

/* A first guess at a radial gradient's centre: the vertex of the paraboloid
 * c = a + b·x + c·y + d·(x² + y²) fitted to one channel. */
static gboolean
paraboloid_centre (const SvgaiColorSample *s, gsize n, gsize step, int channel, double *cx, double *cy)
{
  double ox, oy, sol[4];

  if (!fit_channel (s, n, step, channel, 4, paraboloid_basis, 8, &ox, &oy, sol))
    return FALSE;
  if (fabs (sol[3]) < 1e-9)
    return FALSE;
  *cx = ox - sol[1] / (2 * sol[3]);
  *cy = oy - sol[2] / (2 * sol[3]);
  return isfinite (*cx) && isfinite (*cy);
}

/* The radial profile's scatter about its bins' means with the centre at
 * (cx, cy): what the best radial ramp around that centre leaves. */
static double
radial_scatter (const SvgaiColorSample *s, gsize n, gsize step, double cx, double cy, double span,
                SvgaiProfileBin *bins, guint n_bins)
{
  svgai_gradient_bin_samples (s, n, step, cx, cy, 0, 0, 0, span, bins, n_bins);
  return svgai_gradient_profile_scatter (bins, n_bins);
}

static gboolean
centre_seen (const SvgaiPoint *seen, guint n, double x, double y)
{
  for (guint i = 0; i < n; i++)
    if (seen[i].x == x && seen[i].y == y)
      return TRUE;
  return FALSE;
}

/* Pattern search for the centre that leaves the least radial scatter, from
 * (*cx, *cy), within the shape's reach, in steps along the axes (n_dirs
 * 4) or along the diagonals too (8: where the ramp is seen only on part
 * of a ring, the error has a diagonal valley that axis steps leave at
 * once); returns that scatter. */
static double
search_centre (const SvgaiColorSample *s, gsize n, gsize step, double reach, int n_dirs, double *cx, double *cy,
               SvgaiProfileBin *bins, guint n_bins)
{
  double span = 2 * reach, best = radial_scatter (s, n, step, *cx, *cy, span, bins, n_bins);
  double x0 = *cx, y0 = *cy;
  /* The centres measured lately: one measured before left at least the
   * best scatter of its time, which only falls, so it never wins again
   * (the centre a step came from is a neighbour of the new one). */
  SvgaiPoint seen[32] = { { *cx, *cy } };
  guint n_seen = 1;

  for (double d = MAX (reach / 8, 1); d >= 0.25; d /= 2)
    {
      gboolean moved;

      do
        {
          static const int dirs[8][2] = { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 },
                                          { 1, 1 }, { -1, -1 }, { 1, -1 }, { -1, 1 } };

          moved = FALSE;
          for (int k = 0; k < n_dirs; k++)
            {
              double x = *cx + dirs[k][0] * d, y = *cy + dirs[k][1] * d, e;

              if (svgai_hypot (x - x0, y - y0) > reach || centre_seen (seen, MIN (n_seen, G_N_ELEMENTS (seen)), x, y))
                continue;
              seen[n_seen++ % G_N_ELEMENTS (seen)] = (SvgaiPoint) { x, y };
              e = radial_scatter (s, n, step, x, y, span, bins, n_bins);
              if (e < best)
                best = e, *cx = x, *cy = y, moved = TRUE;
            }
        }
      while (moved);
    }
  return best;
}

/* The centre that leaves the least radial scatter, by search from the
 * vertex of the channel that varies most, or the centroid (fx, fy). The
 * search is local: from the vertex of a channel whose ramp turns back
 * (dark between two lights: a paraboloid fits that ring badly) it can
 * settle far off. With every_start it also starts from each varying
 * channel's vertex and from the centroid, and a better end is taken where
 * it lies inside the samples' bounds: centred outside a shape a radial is
 * a bent linear ramp, and one from far off passed a shaded body's facets
 * for one ramp (Ruby's side: 1x SSIM 0.9451 -> 0.9371). The searches
 * from those other starts also step along the diagonals (from the first,
 * a shaded body's centre wandered off it: Stepsize's lower facets). */
static void
best_centre (const SvgaiColorSample *s, gsize n, gsize step, double fx, double fy, double reach,
             gboolean every_start, double *cx, double *cy, SvgaiProfileBin *bins, guint n_bins)
{
  float x0 = G_MAXFLOAT, y0 = G_MAXFLOAT, x1 = -G_MAXFLOAT, y1 = -G_MAXFLOAT;
  double best, sx, sy;

  if (!paraboloid_centre (s, n, step, -1, cx, cy) || svgai_hypot (*cx - fx, *cy - fy) > reach)
    *cx = fx, *cy = fy;
  sx = *cx, sy = *cy;   /* the first start, not searched from again */
  best = search_centre (s, n, step, reach, 4, cx, cy, bins, n_bins);
  if (!every_start)
    return;
  for (gsize i = 0; i < n; i += step)
    x0 = MIN (x0, s[i].x), y0 = MIN (y0, s[i].y), x1 = MAX (x1, s[i].x), y1 = MAX (y1, s[i].y);
  for (int c = 0; c <= SVGAI_CHANNELS; c++)
    {
      double x = fx, y = fy, e;

      /* c == SVGAI_CHANNELS: from the centroid */
      if (c < SVGAI_CHANNELS && (!paraboloid_centre (s, n, step, c, &x, &y) || svgai_hypot (x - fx, y - fy) > reach))
        continue;
      if (x == sx && y == sy)
        continue;
      e = search_centre (s, n, step, reach, 8, &x, &y, bins, n_bins);
      if (e < best && x >= x0 && x <= x1 && y >= y0 && y <= y1)
        best = e, *cx = x, *cy = y;
    }
}

/* An ellipse's axes: the unit direction of the axis the gradient's radius
 * runs along, and the other semi-axis's share of it. */
typedef struct {
  double cx, cy, angle, q;
} Ellipse;

/* How far (x, y) is from the ellipse's centre, in px along its first axis:
 * the radius a circle of the same offset would have. */
static inline double
elliptic_distance (const Ellipse *e, double x, double y)
{
  double c = cos (e->angle), s = sin (e->angle);
  double a = (x - e->cx) * c + (y - e->cy) * s, b = (-(x - e->cx) * s + (y - e->cy) * c) / e->q;

  return sqrt (a * a + b * b);
}

/* arg: cx, cy, angle, q; acc: the largest elliptic distance */
static void
farthest_elliptic (double x, double y, double *acc, const double *arg)
{
  const Ellipse e = { arg[0], arg[1], arg[2], arg[3] };

  acc[0] = MAX (acc[0], elliptic_distance (&e, x, y));
}

/* The radial profile's scatter about its bins' means around ellipse e,
 * binned out to `span` px; every `step`-th sample. */
static double
elliptic_scatter (const SvgaiColorSample *s, gsize n, gsize step, const Ellipse *e, double span,
                  SvgaiProfileBin *bins, guint n_bins)
{
  double c = cos (e->angle), sn = sin (e->angle);

  memset (bins, 0, n_bins * sizeof *bins);
  for (gsize i = 0; i < n; i += step)
    {
      double x = s[i].x - e->cx, y = s[i].y - e->cy;
      double a = x * c + y * sn, b = (-x * sn + y * c) / e->q;

      svgai_gradient_bin_add (bins, n_bins, sqrt (a * a + b * b), span, s[i].rgba);
    }
  return svgai_gradient_profile_scatter (bins, n_bins);
}

static void
quadric_basis (double x, double y, double *f)
{
  f[0] = 1, f[1] = x, f[2] = y, f[3] = x * x, f[4] = x * y, f[5] = y * y;
}

/* The quadric c = a + b·x + c·y + d·x² + e·xy + f·y² fitted to the channel
 * that varies most: its level sets are the ellipse's. FALSE when they are
 * no ellipses (a saddle, a ridge). */
static gboolean
quadric_axes (const SvgaiColorSample *s, gsize n, gsize step, Ellipse *e)
{
  double ox, oy, sol[6], qa, qb, qc, tr, det, disc, l1, l2;

  if (!fit_channel (s, n, step, -1, 6, quadric_basis, 12, &ox, &oy, sol))
    return FALSE;
  /* Q = [[d, e/2], [e/2, f]]: one sign on both eigenvalues for an ellipse;
   * the longer axis lies along the smaller one's eigenvector. */
  qa = sol[3], qb = sol[4] / 2, qc = sol[5];
  tr = qa + qc, det = qa * qc - qb * qb;
  if (!(det > 0))
    return FALSE;
  disc = sqrt (MAX (tr * tr / 4 - det, 0));
  l1 = tr / 2 - (tr > 0 ? disc : -disc);     /* the smaller in magnitude */
  l2 = tr / 2 + (tr > 0 ? disc : -disc);
  e->angle = fabs (qb) > 1e-12 ? atan2 (l1 - qa, qb) : (fabs (qa) <= fabs (qc) ? 0 : G_PI / 2);
  e->q = sqrt (l1 / l2);
  e->cx = ox - (qc * sol[1] - qb * sol[2]) / (2 * det);
  e->cy = oy - (qa * sol[2] - qb * sol[1]) / (2 * det);
  return isfinite (e->cx) && isfinite (e->cy) && isfinite (e->angle) && e->q > 0 && e->q <= 1;
}

/* Pattern search for the ellipse that leaves the least radial scatter,
 * from *e, its centre within `reach` of (x0, y0). */
static void
search_ellipse (const SvgaiColorSample *s, gsize n, gsize step, double reach, double x0, double y0, Ellipse *e,
                SvgaiProfileBin *bins, guint n_bins)
{
  double span = 2 * reach, best = elliptic_scatter (s, n, step, e, span, bins, n_bins);

  for (double d = MAX (reach / 8, 1), da = 0.2; d >= 0.25; d /= 2, da /= 2)
    {
      gboolean moved;
      int rounds = 0;

      do
        {
          moved = FALSE;
          for (int k = 0; k < 8; k++)
            {
              Ellipse t = *e;
              double v;

              switch (k)
                {
                case 0: t.cx += d; break;
                case 1: t.cx -= d; break;
                case 2: t.cy += d; break;
                case 3: t.cy -= d; break;
                case 4: t.angle += da; break;
                case 5: t.angle -= da; break;
                case 6: t.q *= exp (da); break;
                default: t.q *= exp (-da); break;
                }
              if (svgai_hypot (t.cx - x0, t.cy - y0) > reach || t.q > 1 / (1 - ELLIPSE_MIN_SQUASH) ||
                  t.q < ELLIPSE_MIN_RATIO)
                continue;
              v = elliptic_scatter (s, n, step, &t, span, bins, n_bins);
              if (v < best)
                best = v, *e = t, moved = TRUE;
            }
        }
      while (moved && ++rounds < 32);
    }
  /* the first axis the longer: offsets run along the radius written */
  if (e->q > 1)
    e->angle += G_PI / 2, e->q = 1 / e->q;
}

/* Elliptical radial: from the quadric's axes (or the circle's centre), by
 * search; offset 1 where the shape ends furthest from the centre. Returns
 * the colour error left, negative when there is no ellipse. */
static double
fit_ellipse (const SvgaiColorSample *s, gsize n, const SvgaiSegment *segs, guint n_segs, double grid, double cx,
             double cy, double reach, SvgaiProfileBin *bins, guint n_bins, SvgaiGradient *out)
{
  gsize step = MAX (n / SVGAI_GRADIENT_SEARCH_SAMPLES, 1);
  Ellipse e;
  double acc[1] = { 0 }, arg[4], r;
  guint nb;

  if (!quadric_axes (s, n, step, &e))
    return -1;
  if (svgai_hypot (e.cx - cx, e.cy - cy) > reach)
    e.cx = cx, e.cy = cy;
  /* the search's own bounds: a sliver of an ellipse (or a ratio that
   * rounds to 0, a circle) is no start */
  e.q = CLAMP (e.q, ELLIPSE_MIN_RATIO, 1);
  search_ellipse (s, n, step, reach, cx, cy, &e, bins, n_bins);
  if (e.q > 1 - ELLIPSE_MIN_SQUASH)
    return -1;
  e.cx = round (e.cx * grid) / grid, e.cy = round (e.cy * grid) / grid;
  arg[0] = e.cx, arg[1] = e.cy, arg[2] = e.angle, arg[3] = e.q;
  svgai_gradient_outline_points (segs, n_segs, farthest_elliptic, acc, arg);
  r = ceil (acc[0] * grid) / grid;
  if (r <= 1)
    return -1;
  out->kind = SVGAI_GRADIENT_RADIAL;
  out->from.x = e.cx, out->from.y = e.cy;
  out->to.x = round ((e.cx + r * cos (e.angle)) * grid) / grid;
  out->to.y = round ((e.cy + r * sin (e.angle)) * grid) / grid;
  out->ratio = round (e.q * 1000) / 1000;
  /* bin as the rounded gradient will be drawn */
  e.angle = atan2 (out->to.y - e.cy, out->to.x - e.cx);
  e.q = out->ratio;
  r = svgai_hypot (out->to.x - e.cx, out->to.y - e.cy);
  nb = (guint) CLAMP (ceil (r), 2, n_bins);
  elliptic_scatter (s, n, 1, &e, r, bins, nb);
  return svgai_gradient_stops_fit (bins, nb, SVGAI_GRADIENT_STOP_TOLERANCE, out);
}

double
svgai_gradient_fit_radial (const SvgaiColorSample *s, gsize n, const SvgaiSegment *segs, guint n_segs, double grid,
                           double fx, double fy, double reach, gboolean every_start, SvgaiProfileBin *bins,
                           guint n_bins, SvgaiGradient *out)
{
  gsize step = MAX (n / SVGAI_GRADIENT_SEARCH_SAMPLES, 1);
  double cx, cy, r, sse;
  guint nb;

  best_centre (s, n, step, fx, fy, reach, every_start, &cx, &cy, bins, n_bins);
  cx = round (cx * grid) / grid, cy = round (cy * grid) / grid;
  r = svgai_gradient_radius_of (segs, n_segs, cx, cy);
  if (r <= 1)
    return -1;
  r = ceil (r * grid) / grid;
  nb = (guint) CLAMP (ceil (r), 2, n_bins);
  svgai_gradient_bin_samples (s, n, 1, cx, cy, 0, 0, 0, r, bins, nb);
  out->kind = SVGAI_GRADIENT_RADIAL;
  out->from.x = cx, out->from.y = cy;
  out->to.x = cx + r, out->to.y = cy;
  sse = svgai_gradient_stops_fit (bins, nb, SVGAI_GRADIENT_STOP_TOLERANCE, out);
  /* An ellipse (a squashed highlight, a shadow), with two more parameters,
   * must earn them; a circle within ELLIPSE_FROM_RMS levels leaves them
   * nothing to. */
  if (sse > ELLIPSE_FROM_RMS * ELLIPSE_FROM_RMS * 3 * n)
    {
      SvgaiGradient ell = { 0 };
      double sse_ell = fit_ellipse (s, n, segs, n_segs, grid, cx, cy, reach, bins, n_bins, &ell);

      if (sse_ell >= 0 && sse_ell < ELLIPSE_ADVANTAGE * sse)
        *out = ell, sse = sse_ell;
    }
  return sse;
}

