#include "svgai-gradient.h"

#include <math.h>
#include <string.h>
#include "svgai-gradient-stops.h"

/* Accept a gradient when it removes at least this share of the colour
 * variance of the region, its ends differ by at least MIN_SPAN levels in
 * some channel, and the region has enough pixels to trust the fit. */
#define MIN_EXPLAINED 0.2
#define MIN_SPAN 6
#define MIN_PIXELS 40
/* Stops follow the ramp within this many levels per channel. */
#define STOP_TOLERANCE 1.0
/* A radial fill is chosen when it leaves less than this share of the
 * linear one's colour error. */
#define RADIAL_ADVANTAGE 0.7
/* Other directions are tried when the moments' leaves more than this
 * colour error, RMS levels per channel: less is a ramp along them, with
 * shading on it (Sublime Text's fold) that another direction would
 * explain a little better but not as the artwork draws it. */
#define TURN_FROM_RMS 4.0
/* A linear direction other than the moments' is taken when it leaves
 * less than this share of their colour error. */
#define TURN_ADVANTAGE 0.5
/* ... and when no stop follows another by more than this many levels a
 * pixel: any area of two flat colours is a ramp with a step across their
 * edge, along the right direction. */
#define TURN_MAX_SLOPE 6.0
/* The radial centre is searched on at most this many pixels. */
#define RADIAL_SEARCH_SAMPLES 4096

void
svgai_color_moments_merge (SvgaiColorMoments *into, const SvgaiColorMoments *m)
{
  into->n += m->n;
  into->sx += m->sx;
  into->sy += m->sy;
  into->sxx += m->sxx;
  into->sxy += m->sxy;
  into->syy += m->syy;
  for (int c = 0; c < SVGAI_CHANNELS; c++)
    {
      into->sc[c] += m->sc[c];
      into->scx[c] += m->scx[c];
      into->scy[c] += m->scy[c];
      into->scc[c] += m->scc[c];
    }
}

void
svgai_color_moments_mean (const SvgaiColorMoments *m, guint8 rgb[3])
{
  for (int c = 0; c < 3; c++)
    rgb[c] = m->n > 0 ? (guint8) CLAMP (lround (m->sc[c] / m->n), 0, 255) : 0;
}

typedef struct {
  double cx, cy;            /* centroid */
  double dx, dy;            /* unit direction */
  double slope[SVGAI_CHANNELS]; /* colour change per pixel along d */
  double var_total;         /* colour variance, summed over channels */
  double explained;         /* the part of it the gradient explains */
} Fit;

/* The best linear gradient through the moments: the direction d maximising
 * the explained variance Σ(v·d)² / dᵀMd is the leading eigenvector of M⁻¹A
 * (M: covariance of position, A = Σ v vᵀ over the channels' covariances v
 * of colour with position). */
static gboolean
fit_moments (const SvgaiColorMoments *m, Fit *f)
{
  double n = m->n, mxx, mxy, myy, det, a[2][2] = { { 0 } };
  double v[SVGAI_CHANNELS][2], b00, b01, b10, b11, tr, dt, lambda, len, var_t;

  if (n < MIN_PIXELS)
    return FALSE;
  f->cx = m->sx / n, f->cy = m->sy / n;
  mxx = m->sxx / n - f->cx * f->cx, mxy = m->sxy / n - f->cx * f->cy, myy = m->syy / n - f->cy * f->cy;
  det = mxx * myy - mxy * mxy;
  if (det <= 1e-6)
    return FALSE;
  f->var_total = 0;
  for (int c = 0; c < SVGAI_CHANNELS; c++)
    {
      double mc = m->sc[c] / n;
      v[c][0] = m->scx[c] / n - mc * f->cx;
      v[c][1] = m->scy[c] / n - mc * f->cy;
      f->var_total += m->scc[c] / n - mc * mc;
      a[0][0] += v[c][0] * v[c][0];
      a[0][1] += v[c][0] * v[c][1];
      a[1][1] += v[c][1] * v[c][1];
    }
  a[1][0] = a[0][1];
  b00 = (myy * a[0][0] - mxy * a[1][0]) / det;
  b01 = (myy * a[0][1] - mxy * a[1][1]) / det;
  b10 = (-mxy * a[0][0] + mxx * a[1][0]) / det;
  b11 = (-mxy * a[0][1] + mxx * a[1][1]) / det;
  tr = b00 + b11;
  dt = b00 * b11 - b01 * b10;
  lambda = tr / 2 + sqrt (MAX (tr * tr / 4 - dt, 0));
  if (fabs (b01) > 1e-12)
    f->dx = b01, f->dy = lambda - b00;
  else if (fabs (b10) > 1e-12)
    f->dx = lambda - b11, f->dy = b10;
  else
    f->dx = b00 >= b11 ? 1 : 0, f->dy = b00 >= b11 ? 0 : 1;
  len = hypot (f->dx, f->dy);
  if (len == 0)
    return FALSE;
  f->dx /= len, f->dy /= len;
  var_t = f->dx * f->dx * mxx + 2 * f->dx * f->dy * mxy + f->dy * f->dy * myy;
  if (var_t <= 1e-6)
    return FALSE;
  f->explained = 0;
  for (int c = 0; c < SVGAI_CHANNELS; c++)
    {
      double vd = v[c][0] * f->dx + v[c][1] * f->dy;
      f->slope[c] = vd / var_t;
      f->explained += vd * vd / var_t;
    }
  return TRUE;
}

double
svgai_gradient_explained (const SvgaiColorMoments *m, double *residual)
{
  Fit f;

  if (residual)
    *residual = 0;
  if (!fit_moments (m, &f) || f.var_total <= 1.0)
    return 0;
  if (residual)
    *residual = sqrt (MAX (f.var_total - f.explained, 0) / 3);
  return f.explained / f.var_total;
}

/* Whether (x, y) is a pixel's centre: x − ½ and y − ½ whole, from 0 to
 * 2^24 (where a float still holds every half). */
static inline gboolean
is_centre (float x, float y)
{
  float px = x - 0.5f, py = y - 0.5f;

  return px >= 0 && py >= 0 && px < 16777216.0f && py < 16777216.0f && px == (float) (gint32) px &&
         py == (float) (gint32) py;
}

/* The samples' moments. Pixel centres (as every caller's are) are summed
 * a run of one colour along a row at a time, evenly spaced (every pixel,
 * or every other of a sampled image), exact and the same doubles as one
 * by one (svgai_color_moments_add_run); other positions one by one. */
static void
samples_moments (const SvgaiColorSample *s, gsize n, SvgaiColorMoments *m)
{
  gboolean centres = TRUE;

  for (gsize i = 0; i < n && centres; i++)
    centres = is_centre (s[i].x, s[i].y);
  if (!centres)
    {
      for (gsize i = 0; i < n; i++)
        svgai_color_moments_add (m, s[i].x, s[i].y, s[i].rgba);
      return;
    }
  for (gsize i = 0, end; i < n; i = end)
    {
      float d = i + 1 < n ? s[i + 1].x - s[i].x : 1;

      for (end = i + 1; end < n && s[end].y == s[i].y && d > 0 && d <= 8 && s[end].x == s[end - 1].x + d &&
                        memcmp (s[end].rgba, s[i].rgba, 4) == 0;
           end++)
        ;
      svgai_color_moments_add_run (m, (int) (s[i].x - 0.5f), (int) (end - i), (int) d, (int) (s[i].y - 0.5f),
                                   s[i].rgba);
    }
}

gboolean
svgai_gradient_moments_may_fit (const SvgaiColorMoments *m)
{
  Fit f;

  return m->n >= MIN_PIXELS && fit_moments (m, &f) && f.var_total > 1.0;
}

/* Calls fn on points of the outline: every segment's end, and three points
 * along each curve (its control points may stand well outside the shape). */
static void
outline_points (const SvgaiSegment *segs, guint n_segs, void (*fn) (double x, double y, double *acc, const double *arg),
                double *acc, const double *arg)
{
  SvgaiPoint cur = { 0, 0 };

  for (guint i = 0; i < n_segs; i++)
    {
      const SvgaiSegment *s = &segs[i];

      if (s->kind == SVGAI_SEGMENT_CLOSE)
        continue;
      if (s->kind == SVGAI_SEGMENT_CURVE)
        for (double t = 0.25; t < 1; t += 0.25)
          {
            double u = 1 - t, a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
            fn (a * cur.x + b * s->p[0].x + c * s->p[1].x + d * s->p[2].x,
                a * cur.y + b * s->p[0].y + c * s->p[1].y + d * s->p[2].y, acc, arg);
          }
      fn (s->p[2].x, s->p[2].y, acc, arg);
      cur = s->p[2];
    }
}

/* arg: centre and direction; acc: min and max of the projection */
static void
project (double x, double y, double *acc, const double *arg)
{
  double t = (x - arg[0]) * arg[2] + (y - arg[1]) * arg[3];

  acc[0] = MIN (acc[0], t);
  acc[1] = MAX (acc[1], t);
}

static void
farthest (double x, double y, double *acc, const double *arg)
{
  acc[0] = MAX (acc[0], hypot (x - arg[0], y - arg[1]));
}

/* Extent of the geometry along d from c: the range the gradient must span
 * so that padding never shows inside the shape. */
static gboolean
extent_along (const SvgaiSegment *segs, guint n_segs, double cx, double cy, double dx, double dy, double *tmin,
              double *tmax)
{
  double acc[2] = { G_MAXDOUBLE, -G_MAXDOUBLE }, arg[4] = { cx, cy, dx, dy };

  outline_points (segs, n_segs, project, acc, arg);
  *tmin = acc[0], *tmax = acc[1];
  return *tmax > *tmin;
}

static double
radius_of (const SvgaiSegment *segs, guint n_segs, double cx, double cy)
{
  double acc[1] = { 0 }, arg[2] = { cx, cy };

  outline_points (segs, n_segs, farthest, acc, arg);
  return acc[0];
}

/* Bins the samples by offset: (t - t0) / span along (dx, dy) for a linear
 * profile, distance from (cx, cy) / span for a radial one (dx = dy = 0).
 * Every `step`-th sample only. */
static void
bin_samples (const SvgaiColorSample *s, gsize n, gsize step, double cx, double cy, double dx, double dy,
             double t0, double span, SvgaiProfileBin *bins, guint n_bins)
{
  gboolean radial = dx == 0 && dy == 0;

  memset (bins, 0, n_bins * sizeof *bins);
  for (gsize i = 0; i < n; i += step)
    {
      double x = s[i].x - cx, y = s[i].y - cy;
      double t = radial ? sqrt (x * x + y * y) : x * dx + y * dy - t0;
      int b = (int) floor (t / span * n_bins);
      SvgaiProfileBin *bin = &bins[CLAMP (b, 0, (int) n_bins - 1)];
      const guint8 *v = s[i].rgba;
      int sq[SVGAI_CHANNELS] = { v[0] * v[0], v[1] * v[1], v[2] * v[2], v[3] * v[3] };

      bin->w += 1;
      for (int c = 0; c < SVGAI_CHANNELS; c++)
        bin->c[c] += s[i].rgba[c];
      /* Sums of integers are exact in a double, in any order: one add of
       * the sample's squares instead of a chain of four. */
      bin->cc += sq[0] + sq[1] + sq[2] + sq[3];
    }
}

/* A first guess at a radial gradient's centre: the vertex of the paraboloid
 * c = a + b·x + c·y + d·(x² + y²) fitted to the channel that varies most. */
static gboolean
paraboloid_centre (const SvgaiColorSample *s, gsize n, gsize step, double *cx, double *cy)
{
  double m[4][4] = { { 0 } }, r[SVGAI_CHANNELS][4] = { { 0 } }, sol[4], best = 0;
  double ox = 0, oy = 0, cnt = 0, mean[SVGAI_CHANNELS] = { 0 }, var[SVGAI_CHANNELS] = { 0 };
  int ch = -1;

  for (gsize i = 0; i < n; i += step)
    ox += s[i].x, oy += s[i].y, cnt++;
  if (cnt < 8)
    return FALSE;
  ox /= cnt, oy /= cnt;
  for (gsize i = 0; i < n; i += step)
    {
      double x = s[i].x - ox, y = s[i].y - oy, f[4] = { 1, x, y, x * x + y * y };

      for (int a = 0; a < 4; a++)
        {
          for (int b = 0; b < 4; b++)
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
  if (ch < 0)
    return FALSE;
  memcpy (sol, r[ch], sizeof sol);
  for (int i = 0; i < 4; i++)
    {
      if (fabs (m[i][i]) < 1e-9)
        return FALSE;
      for (int j = i + 1; j < 4; j++)
        {
          double f = m[j][i] / m[i][i];
          for (int k = i; k < 4; k++)
            m[j][k] -= f * m[i][k];
          sol[j] -= f * sol[i];
        }
    }
  for (int i = 3; i >= 0; i--)
    {
      for (int k = i + 1; k < 4; k++)
        sol[i] -= m[i][k] * sol[k];
      sol[i] /= m[i][i];
    }
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
  bin_samples (s, n, step, cx, cy, 0, 0, 0, span, bins, n_bins);
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
 * the paraboloid's vertex or the centroid, within the shape's reach. */
static void
search_centre (const SvgaiColorSample *s, gsize n, gsize step, double reach, double *cx, double *cy,
               SvgaiProfileBin *bins, guint n_bins)
{
  double span = 2 * reach, best = radial_scatter (s, n, step, *cx, *cy, span, bins, n_bins);
  double x0 = *cx, y0 = *cy;
  /* The centres measured lately: one measured before left at least the
   * best scatter of its time, which only falls, so it never wins again
   * (the centre a step came from is a neighbour of the new one). */
  SvgaiPoint seen[16] = { { *cx, *cy } };
  guint n_seen = 1;

  for (double d = MAX (reach / 8, 1); d >= 0.25; d /= 2)
    {
      gboolean moved;

      do
        {
          static const int dirs[4][2] = { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 } };

          moved = FALSE;
          for (int k = 0; k < 4; k++)
            {
              double x = *cx + dirs[k][0] * d, y = *cy + dirs[k][1] * d, e;

              if (hypot (x - x0, y - y0) > reach || centre_seen (seen, MIN (n_seen, G_N_ELEMENTS (seen)), x, y))
                continue;
              seen[n_seen++ % G_N_ELEMENTS (seen)] = (SvgaiPoint) { x, y };
              e = radial_scatter (s, n, step, x, y, span, bins, n_bins);
              if (e < best)
                best = e, *cx = x, *cy = y, moved = TRUE;
            }
        }
      while (moved);
    }
}

/* The steepest change between consecutive stops, levels per pixel. */
static double
steepest (const SvgaiGradient *g)
{
  double len = hypot (g->to.x - g->from.x, g->to.y - g->from.y), worst = 0;

  for (guint k = 1; k < g->n_stops; k++)
    {
      double run = MAX ((g->stops[k].offset - g->stops[k - 1].offset) * len, 0.5);

      for (int c = 0; c < 3; c++)
        worst = MAX (worst, abs (g->stops[k].rgb[c] - g->stops[k - 1].rgb[c]) / run);
      worst = MAX (worst, abs (g->stops[k].alpha - g->stops[k - 1].alpha) / run);
    }
  return worst;
}

/* The linear profile's scatter about its bins' means along direction
 * `angle` (radians): what the best linear ramp that way leaves. */
static double
linear_scatter (const SvgaiColorSample *s, gsize n, gsize step, const SvgaiSegment *segs, guint n_segs,
                const Fit *f, double angle, SvgaiProfileBin *bins, guint n_bins)
{
  double dx = cos (angle), dy = sin (angle), tmin, tmax;
  guint nb;

  if (!extent_along (segs, n_segs, f->cx, f->cy, dx, dy, &tmin, &tmax))
    return G_MAXDOUBLE;
  nb = (guint) CLAMP (ceil (tmax - tmin), 2, n_bins);
  bin_samples (s, n, step, f->cx, f->cy, dx, dy, tmin, tmax - tmin, bins, nb);
  return svgai_gradient_profile_scatter (bins, nb);
}

/* The moments' direction is the best for a ramp whose channels each rise
 * or fall all the way; a ramp that turns back through another hue (three
 * stops, pale to dark blue to olive) fools them. Sweeps the angle every 5°
 * then refines it to 0.1°, by the profile's scatter, on at most
 * RADIAL_SEARCH_SAMPLES pixels; moves f's direction only when that is
 * better. */
static void
search_direction (const SvgaiColorSample *s, gsize n, const SvgaiSegment *segs, guint n_segs, Fit *f,
                  SvgaiProfileBin *bins, guint n_bins)
{
  gsize step = MAX (n / RADIAL_SEARCH_SAMPLES, 1);
  double start = atan2 (f->dy, f->dx), best_angle = start;
  double best = linear_scatter (s, n, step, segs, n_segs, f, start, bins, n_bins);

  for (int k = 1; k < 36; k++)
    {
      double a = start + k * G_PI / 36, e = linear_scatter (s, n, step, segs, n_segs, f, a, bins, n_bins);
      if (e < best)
        best = e, best_angle = a;
    }
  for (double d = G_PI / 72; d >= G_PI / 1800; d /= 2)
    for (int sign = -1; sign <= 1; sign += 2)
      {
        double a = best_angle + sign * d, e = linear_scatter (s, n, step, segs, n_segs, f, a, bins, n_bins);
        if (e < best)
          best = e, best_angle = a;
      }
  f->dx = cos (best_angle), f->dy = sin (best_angle);
}

/* Linear: along the direction the moments give, over the shape's extent.
 * Returns the colour error left, negative when there is no extent. */
static double
fit_linear (const SvgaiColorSample *s, gsize n, const SvgaiSegment *segs, guint n_segs, double grid, const Fit *f,
            SvgaiProfileBin *bins, guint n_bins, SvgaiGradient *out)
{
  double tmin, tmax, sse;
  guint nb;

  if (!extent_along (segs, n_segs, f->cx, f->cy, f->dx, f->dy, &tmin, &tmax))
    return -1;
  nb = (guint) CLAMP (ceil (tmax - tmin), 2, n_bins);
  bin_samples (s, n, 1, f->cx, f->cy, f->dx, f->dy, tmin, tmax - tmin, bins, nb);
  sse = svgai_gradient_stops_fit (bins, nb, STOP_TOLERANCE, out);
  out->kind = SVGAI_GRADIENT_LINEAR;
  out->from.x = round ((f->cx + f->dx * tmin) * grid) / grid;
  out->from.y = round ((f->cy + f->dy * tmin) * grid) / grid;
  out->to.x = round ((f->cx + f->dx * tmax) * grid) / grid;
  out->to.y = round ((f->cy + f->dy * tmax) * grid) / grid;
  return sse;
}

/* Radial: centre by search (on at most RADIAL_SEARCH_SAMPLES pixels),
 * offset 1 where the shape ends furthest from it. Returns the colour error
 * left, negative when the shape is too small. */
static double
fit_radial (const SvgaiColorSample *s, gsize n, const SvgaiSegment *segs, guint n_segs, double grid, const Fit *f,
            double reach, SvgaiProfileBin *bins, guint n_bins, SvgaiGradient *out)
{
  gsize step = MAX (n / RADIAL_SEARCH_SAMPLES, 1);
  double cx, cy, r;
  guint nb;

  if (!paraboloid_centre (s, n, step, &cx, &cy) || hypot (cx - f->cx, cy - f->cy) > reach)
    cx = f->cx, cy = f->cy;
  search_centre (s, n, step, reach, &cx, &cy, bins, n_bins);
  cx = round (cx * grid) / grid, cy = round (cy * grid) / grid;
  r = radius_of (segs, n_segs, cx, cy);
  if (r <= 1)
    return -1;
  r = ceil (r * grid) / grid;
  nb = (guint) CLAMP (ceil (r), 2, n_bins);
  bin_samples (s, n, 1, cx, cy, 0, 0, 0, r, bins, nb);
  out->kind = SVGAI_GRADIENT_RADIAL;
  out->from.x = cx, out->from.y = cy;
  out->to.x = cx + r, out->to.y = cy;
  return svgai_gradient_stops_fit (bins, nb, STOP_TOLERANCE, out);
}

gboolean
svgai_gradient_fit_samples (const SvgaiColorSample *s,
                            gsize n,
                            const SvgaiSegment *segs,
                            guint n_segs,
                            double grid,
                            SvgaiGradientDirection direction,
                            SvgaiGradient *out,
                            double *rms)
{
  SvgaiColorMoments m = { 0 };
  Fit f;
  SvgaiGradient lin = { 0 }, rad = { 0 };
  double sse_lin, sse_rad = -1, sse, span = 0, reach;
  g_autofree SvgaiProfileBin *bins = NULL;
  guint n_bins;

  memset (out, 0, sizeof *out);
  if (rms)
    *rms = 0;
  if (n < MIN_PIXELS || n_segs == 0)
    return FALSE;
  samples_moments (s, n, &m);
  if (!fit_moments (&m, &f) || f.var_total <= 1.0)
    return FALSE;
  reach = radius_of (segs, n_segs, f.cx, f.cy);
  n_bins = (guint) CLAMP (ceil (2 * reach), 4, 4096);
  bins = g_new (SvgaiProfileBin, n_bins);

  sse_lin = fit_linear (s, n, segs, n_segs, grid, &f, bins, n_bins, &lin);
  if (direction == SVGAI_GRADIENT_DIRECTION_SEARCH && sse_lin > TURN_FROM_RMS * TURN_FROM_RMS * 3 * n)
    {
      Fit turned = f;
      SvgaiGradient other = { 0 };
      double sse;

      search_direction (s, n, segs, n_segs, &turned, bins, n_bins);
      sse = fit_linear (s, n, segs, n_segs, grid, &turned, bins, n_bins, &other);
      if (sse >= 0 && sse < TURN_ADVANTAGE * sse_lin && steepest (&other) <= TURN_MAX_SLOPE)
        lin = other, sse_lin = sse;
    }
  /* A linear ramp within the stops' tolerance leaves a radial one nothing
   * to gain; else a radial fill, with two more parameters, must earn them. */
  if (sse_lin < 0 || sse_lin > STOP_TOLERANCE * STOP_TOLERANCE * 3 * n)
    sse_rad = fit_radial (s, n, segs, n_segs, grid, &f, reach, bins, n_bins, &rad);
  if (sse_rad >= 0 && (sse_lin < 0 || sse_rad < RADIAL_ADVANTAGE * sse_lin))
    *out = rad, sse = sse_rad;
  else if (sse_lin >= 0)
    *out = lin, sse = sse_lin;
  else
    return FALSE;
  if (rms)
    *rms = sqrt (sse / (3 * n));   /* per colour channel, as before alpha joined them */
  for (guint k = 1; k < out->n_stops; k++)
    {
      for (int c = 0; c < 3; c++)
        span = MAX (span, abs (out->stops[k].rgb[c] - out->stops[0].rgb[c]));
      span = MAX (span, abs (out->stops[k].alpha - out->stops[0].alpha));
    }
  if (span < MIN_SPAN || sse > (1 - MIN_EXPLAINED) * f.var_total * n ||
      (out->from.x == out->to.x && out->from.y == out->to.y))
    {
      memset (out, 0, sizeof *out);
      return FALSE;
    }
  out->active = TRUE;
  return TRUE;
}

gboolean
svgai_gradient_fit_in_box (const SvgaiColorSample *s,
                           gsize n,
                           double x0,
                           double y0,
                           double x1,
                           double y1,
                           SvgaiGradientDirection direction,
                           SvgaiGradient *out,
                           double *rms)
{
  const SvgaiSegment box[5] = {
    { SVGAI_SEGMENT_MOVE, { { 0 }, { 0 }, { x0, y0 } } },
    { SVGAI_SEGMENT_LINE, { { 0 }, { 0 }, { x1, y0 } } },
    { SVGAI_SEGMENT_LINE, { { 0 }, { 0 }, { x1, y1 } } },
    { SVGAI_SEGMENT_LINE, { { 0 }, { 0 }, { x0, y1 } } },
    { SVGAI_SEGMENT_CLOSE },
  };

  return svgai_gradient_fit_samples (s, n, box, G_N_ELEMENTS (box), 10, direction, out, rms);
}

void
svgai_gradient_take_opacity (SvgaiGradient *g, guint8 *alpha)
{
  guint8 top = 0;

  if (!g->active)
    return;
  for (guint k = 0; k < g->n_stops; k++)
    top = MAX (top, g->stops[k].alpha);
  if (top == 0)
    return;
  *alpha = top;
  for (guint k = 0; k < g->n_stops; k++)
    g->stops[k].alpha = (guint8) ((g->stops[k].alpha * 255 + top / 2) / top);
}

void
svgai_gradient_colour_at (const SvgaiGradient *g, double x, double y, double rgba[SVGAI_CHANNELS])
{
  double dx = g->to.x - g->from.x, dy = g->to.y - g->from.y, len2 = dx * dx + dy * dy, u;
  guint k = 0;
  double f;

  if (g->kind == SVGAI_GRADIENT_LINEAR)
    u = len2 > 0 ? ((x - g->from.x) * dx + (y - g->from.y) * dy) / len2 : 0;
  else
    u = len2 > 0 ? hypot (x - g->from.x, y - g->from.y) / sqrt (len2) : 0;
  /* Padded beyond the first and last stops, as SVG draws it. */
  while (k + 1 < g->n_stops && u > g->stops[k + 1].offset)
    k++;
  if (k + 1 >= g->n_stops || u <= g->stops[k].offset)
    f = 0;
  else
    f = (u - g->stops[k].offset) / MAX (g->stops[k + 1].offset - g->stops[k].offset, 1e-9);
  for (int c = 0; c < SVGAI_CHANNELS; c++)
    {
      double a = c < 3 ? g->stops[k].rgb[c] : g->stops[k].alpha;
      double b = k + 1 < g->n_stops ? (c < 3 ? g->stops[k + 1].rgb[c] : g->stops[k + 1].alpha) : a;

      rgba[c] = a + (b - a) * f;
    }
}
