#include "svgai-gradient.h"

#include <math.h>
#include <string.h>
#include "svgai-gradient-fit.h"
#include "svgai-hypot.h"

/* Accept a gradient when it removes at least this share of the colour
 * variance of the region, its ends differ by at least MIN_SPAN levels in
 * some channel, and the region has enough pixels to trust the fit. */
#define MIN_EXPLAINED 0.2
#define MIN_SPAN 6
#define MIN_PIXELS 40
/* A linear fill that leaves at most this many levels (RMS per channel) is
 * kept, as the colours a designer reads as the same: a radial one of a
 * huge radius, nearly straight across the shape, would explain a little
 * more, but the artwork drew a linear ramp. */
#define LINEAR_IS_ENOUGH 2.0
/* A radial fill is chosen when it leaves less than this share of the
 * linear one's colour error. */
#define RADIAL_ADVANTAGE 0.7
/* Other directions are tried when the moments' leaves more than this
 * colour error, RMS levels per channel (LINEAR_IS_ENOUGH): a ramp padded
 * over much of its shape (Zeit's triangle, dark but for one corner) pulls
 * the moments' direction 17° off, and a radial of a huge radius then
 * explained it better than the linear the artwork drew. */
#define TURN_FROM_RMS LINEAR_IS_ENOUGH
/* A linear direction other than the moments' is taken when it leaves
 * less than this share of their colour error. */
#define TURN_ADVANTAGE 0.5
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
  len = svgai_hypot (f->dx, f->dy);
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

/* How many px the offset runs from 0 to 1 where it runs fastest: an
 * ellipse's across it, along its shorter axis. */
static double
offset_length (const SvgaiGradient *g)
{
  double len = svgai_hypot (g->to.x - g->from.x, g->to.y - g->from.y);

  return g->kind == SVGAI_GRADIENT_RADIAL && g->ratio > 0 ? len * MIN (g->ratio, 1.0) : len;
}

/* The steepest change between consecutive stops, levels per pixel. */
static double
steepest (const SvgaiGradient *g)
{
  double len = offset_length (g), worst = 0;

  for (guint k = 1; k < g->n_stops; k++)
    {
      double run = MAX ((g->stops[k].offset - g->stops[k - 1].offset) * len, 0.5);

      for (int c = 0; c < 3; c++)
        worst = MAX (worst, abs (g->stops[k].rgb[c] - g->stops[k - 1].rgb[c]) / run);
      worst = MAX (worst, abs (g->stops[k].alpha - g->stops[k - 1].alpha) / run);
    }
  return worst;
}

double
svgai_gradient_largest_step (const SvgaiGradient *g, double run)
{
  double len = offset_length (g), worst = 0;

  if (len <= 0)
    return 0;
  /* Stops are the only places the slope changes: a window's change is
   * largest where it starts or ends on one. */
  for (guint k = 0; k < g->n_stops; k++)
    for (int side = -1; side <= 1; side += 2)
      {
        double u0 = g->stops[k].offset, u1 = u0 + side * run / len, a[SVGAI_CHANNELS], b[SVGAI_CHANNELS];

        svgai_gradient_colour_at_offset (g, u0, a);
        svgai_gradient_colour_at_offset (g, u1, b);
        for (int c = 0; c < SVGAI_CHANNELS; c++)
          worst = MAX (worst, fabs (a[c] - b[c]));
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

  if (!svgai_gradient_extent_along (segs, n_segs, f->cx, f->cy, dx, dy, &tmin, &tmax))
    return G_MAXDOUBLE;
  nb = (guint) CLAMP (ceil (tmax - tmin), 2, n_bins);
  svgai_gradient_bin_samples (s, n, step, f->cx, f->cy, dx, dy, tmin, tmax - tmin, bins, nb);
  return svgai_gradient_profile_scatter (bins, nb);
}

/* Refines f's direction by the profile's scatter on at most
 * SVGAI_GRADIENT_SEARCH_SAMPLES pixels: steps of `from` radians either
 * side, halved down to about 0.15° (each from the best so far, so it may
 * end up to twice `from` away). */
static void
refine_direction (const SvgaiColorSample *s, gsize n, const SvgaiSegment *segs, guint n_segs, Fit *f, double from,
                  SvgaiProfileBin *bins, guint n_bins)
{
  gsize step = MAX (n / SVGAI_GRADIENT_SEARCH_SAMPLES, 1);
  double best_angle = atan2 (f->dy, f->dx);
  double best = linear_scatter (s, n, step, segs, n_segs, f, best_angle, bins, n_bins);

  for (double d = from; d >= G_PI / 1800; d /= 2)
    for (int sign = -1; sign <= 1; sign += 2)
      {
        double a = best_angle + sign * d, e = linear_scatter (s, n, step, segs, n_segs, f, a, bins, n_bins);
        if (e < best)
          best = e, best_angle = a;
      }
  f->dx = cos (best_angle), f->dy = sin (best_angle);
}

/* The moments' direction is the best for a ramp whose channels each rise
 * or fall all the way; a ramp that turns back through another hue (three
 * stops, pale to dark blue to olive) fools them. Sweeps the angle every 5°
 * then refines it to 0.1°, by the profile's scatter, on at most
 * SVGAI_GRADIENT_SEARCH_SAMPLES pixels; moves f's direction only when that is
 * better. */
static void
search_direction (const SvgaiColorSample *s, gsize n, const SvgaiSegment *segs, guint n_segs, Fit *f,
                  SvgaiProfileBin *bins, guint n_bins)
{
  gsize step = MAX (n / SVGAI_GRADIENT_SEARCH_SAMPLES, 1);
  double start = atan2 (f->dy, f->dx), best_angle = start;
  double best = linear_scatter (s, n, step, segs, n_segs, f, start, bins, n_bins);

  for (int k = 1; k < 36; k++)
    {
      double a = start + k * G_PI / 36, e = linear_scatter (s, n, step, segs, n_segs, f, a, bins, n_bins);
      if (e < best)
        best = e, best_angle = a;
    }
  f->dx = cos (best_angle), f->dy = sin (best_angle);
  refine_direction (s, n, segs, n_segs, f, G_PI / 72, bins, n_bins);
}

/* Linear: along the direction the moments give, over the shape's extent.
 * Returns the colour error left, negative when there is no extent. */
static double
fit_linear (const SvgaiColorSample *s, gsize n, const SvgaiSegment *segs, guint n_segs, double grid, const Fit *f,
            SvgaiProfileBin *bins, guint n_bins, SvgaiGradient *out)
{
  double tmin, tmax, sse;
  guint nb;

  if (!svgai_gradient_extent_along (segs, n_segs, f->cx, f->cy, f->dx, f->dy, &tmin, &tmax))
    return -1;
  nb = (guint) CLAMP (ceil (tmax - tmin), 2, n_bins);
  svgai_gradient_bin_samples (s, n, 1, f->cx, f->cy, f->dx, f->dy, tmin, tmax - tmin, bins, nb);
  sse = svgai_gradient_stops_fit (bins, nb, SVGAI_GRADIENT_STOP_TOLERANCE, out);
  out->kind = SVGAI_GRADIENT_LINEAR;
  out->from.x = round ((f->cx + f->dx * tmin) * grid) / grid;
  out->from.y = round ((f->cy + f->dy * tmin) * grid) / grid;
  out->to.x = round ((f->cx + f->dx * tmax) * grid) / grid;
  out->to.y = round ((f->cy + f->dy * tmax) * grid) / grid;
  return sse;
}

/* The linear fit along `to` replaces *lin (its error *sse_lin, its
 * direction *f_lin) when it leaves under `advantage` times that error
 * and steps nowhere. */
static void
take_if_better (const SvgaiColorSample *s, gsize n, const SvgaiSegment *segs, guint n_segs, double grid, const Fit *to,
                double advantage, SvgaiProfileBin *bins, guint n_bins, SvgaiGradient *lin, double *sse_lin, Fit *f_lin)
{
  SvgaiGradient other = { 0 };
  double sse = fit_linear (s, n, segs, n_segs, grid, to, bins, n_bins, &other);

  if (sse >= 0 && sse < advantage * *sse_lin && steepest (&other) <= SVGAI_GRADIENT_MAX_STEP)
    *lin = other, *sse_lin = sse, *f_lin = *to;
}

/* The scatter the profile's bins leave on a perfect ramp: a bin a pixel
 * wide (at most) holds pixels up to a pixel apart along the ramp, whose
 * colours differ by its slope; spread evenly, their variance about the
 * bin's mean is slope² / 12 per channel. Harmless on a gentle ramp, it
 * swamps the error left on a steep one (10 levels a pixel leave 2.9). */
static double
binning_scatter (const SvgaiGradient *g, const SvgaiColorSample *s, gsize n)
{
  double len = offset_length (g), width, slope2[SVGAI_MAX_GRADIENT_STOPS] = { 0 }, e = 0;

  if (len <= 0 || g->n_stops < 2)
    return 0;
  width = len / MAX (ceil (len), 2);
  for (guint k = 1; k < g->n_stops; k++)
    {
      double run = (g->stops[k].offset - g->stops[k - 1].offset) * len;

      if (run <= 0)
        continue;
      for (int c = 0; c < SVGAI_CHANNELS; c++)
        {
          double a = c < 3 ? g->stops[k - 1].rgb[c] : g->stops[k - 1].alpha;
          double b = c < 3 ? g->stops[k].rgb[c] : g->stops[k].alpha;
          slope2[k] += (b - a) * (b - a) / (run * run);
        }
    }
  for (gsize i = 0; i < n; i++)
    {
      double u = svgai_gradient_offset_at (g, s[i].x, s[i].y);
      guint k = 1;

      while (k + 1 < g->n_stops && u > g->stops[k].offset)
        k++;
      if (u > g->stops[0].offset && u < g->stops[g->n_stops - 1].offset)
        e += slope2[k];
    }
  return e * width * width / 12;
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
  Fit f, f_lin;
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
  reach = svgai_gradient_radius_of (segs, n_segs, f.cx, f.cy);
  n_bins = (guint) CLAMP (ceil (2 * reach), 4, 4096);
  bins = g_new (SvgaiProfileBin, n_bins);

  f_lin = f;
  sse_lin = fit_linear (s, n, segs, n_segs, grid, &f, bins, n_bins, &lin);
  if (direction != SVGAI_GRADIENT_DIRECTION_MOMENTS && sse_lin > TURN_FROM_RMS * TURN_FROM_RMS * 3 * n)
    {
      Fit turned = f;

      search_direction (s, n, segs, n_segs, &turned, bins, n_bins);
      take_if_better (s, n, segs, n_segs, grid, &turned, TURN_ADVANTAGE, bins, n_bins, &lin, &sse_lin, &f_lin);
    }
  /* Where the ramp is no straight line through the colours (a pad at one
   * end, stops unevenly spaced) over a shape not symmetric about it, the
   * moments' direction is a few degrees off: pixels at the ramp's ends
   * then miss by a few levels. Refined from steps of 2.5°, kept when
   * better (after the wide search, already refined, a second descent
   * rarely moves it). */
  if (direction == SVGAI_GRADIENT_DIRECTION_REFINED && sse_lin > 0)
    {
      Fit fine = f_lin;

      refine_direction (s, n, segs, n_segs, &fine, G_PI / 72, bins, n_bins);
      take_if_better (s, n, segs, n_segs, grid, &fine, 1, bins, n_bins, &lin, &sse_lin, &f_lin);
    }
  /* A linear ramp within LINEAR_IS_ENOUGH levels leaves a radial one
   * nothing to gain; else a radial fill, with two more parameters, must
   * earn them. */
  if (sse_lin < 0 || sse_lin > LINEAR_IS_ENOUGH * LINEAR_IS_ENOUGH * 3 * n)
    sse_rad = svgai_gradient_fit_radial (s, n, segs, n_segs, grid, f.cx, f.cy, reach,
                                         direction == SVGAI_GRADIENT_DIRECTION_REFINED, bins, n_bins, &rad);
  if (sse_rad >= 0 && (sse_lin < 0 || sse_rad < RADIAL_ADVANTAGE * sse_lin))
    *out = rad, sse = sse_rad;
  else if (sse_lin >= 0)
    *out = lin, sse = sse_lin;
  else
    return FALSE;
  if (rms)
    *rms = sqrt (MAX (sse - binning_scatter (out, s, n), 0) / (3 * n));   /* per colour channel, as before alpha joined them */
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

void
svgai_gradient_box (double x0, double y0, double x1, double y1, SvgaiSegment box[SVGAI_GRADIENT_BOX_SEGMENTS])
{
  const SvgaiSegment b[SVGAI_GRADIENT_BOX_SEGMENTS] = {
    { SVGAI_SEGMENT_MOVE, { { 0 }, { 0 }, { x0, y0 } } },
    { SVGAI_SEGMENT_LINE, { { 0 }, { 0 }, { x1, y0 } } },
    { SVGAI_SEGMENT_LINE, { { 0 }, { 0 }, { x1, y1 } } },
    { SVGAI_SEGMENT_LINE, { { 0 }, { 0 }, { x0, y1 } } },
    { SVGAI_SEGMENT_CLOSE },
  };

  memcpy (box, b, sizeof b);
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
  SvgaiSegment box[SVGAI_GRADIENT_BOX_SEGMENTS];

  svgai_gradient_box (x0, y0, x1, y1, box);
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
svgai_gradient_refit_stops (SvgaiGradient *g, const SvgaiColorSample *s, gsize n)
{
  /* bins a pixel wide along the gradient's length: a radial's radius, an
   * ellipse's longer semi-axis (across the shorter one they are narrower,
   * as the first fit binned them) */
  double length = svgai_hypot (g->to.x - g->from.x, g->to.y - g->from.y);
  guint n_bins = (guint) CLAMP (ceil (length), 2, 4096);
  g_autofree SvgaiProfileBin *bins = g_new0 (SvgaiProfileBin, n_bins);

  for (gsize i = 0; i < n; i++)
    svgai_gradient_bin_add (bins, n_bins, svgai_gradient_offset_at (g, s[i].x, s[i].y), 1, s[i].rgba);
  svgai_gradient_stops_refit (bins, n_bins, SVGAI_GRADIENT_STOP_TOLERANCE, g);
}

double
svgai_gradient_offset_at (const SvgaiGradient *g, double x, double y)
{
  double dx = g->to.x - g->from.x, dy = g->to.y - g->from.y, len2 = dx * dx + dy * dy;

  if (g->kind == SVGAI_GRADIENT_LINEAR)
    return len2 > 0 ? ((x - g->from.x) * dx + (y - g->from.y) * dy) / len2 : 0;
  if (g->ratio > 0 && len2 > 0)
    {
      /* along the radius and across it, in the semi-axes' units */
      double a = ((x - g->from.x) * dx + (y - g->from.y) * dy) / len2;
      double b = (-(x - g->from.x) * dy + (y - g->from.y) * dx) / len2 / g->ratio;

      return sqrt (a * a + b * b);
    }
  return len2 > 0 ? svgai_hypot (x - g->from.x, y - g->from.y) / sqrt (len2) : 0;
}

void
svgai_gradient_colour_at (const SvgaiGradient *g, double x, double y, double rgba[SVGAI_CHANNELS])
{
  svgai_gradient_colour_at_offset (g, svgai_gradient_offset_at (g, x, y), rgba);
}

void
svgai_gradient_colour_at_offset (const SvgaiGradient *g, double u, double rgba[SVGAI_CHANNELS])
{
  guint k = 0;
  double f;

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
