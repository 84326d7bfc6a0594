#include "svgai-gradient.h"

#include <math.h>
#include <string.h>

/* Accept a gradient when it removes at least this share of the colour
 * variance of the region, its ends differ by at least MIN_SPAN levels in
 * some channel, and the region has enough pixels to trust the fit. */
#define MIN_EXPLAINED 0.2
#define MIN_SPAN 6
#define MIN_PIXELS 40

void
svgai_color_moments_merge (SvgaiColorMoments *into, const SvgaiColorMoments *m)
{
  into->n += m->n;
  into->sx += m->sx;
  into->sy += m->sy;
  into->sxx += m->sxx;
  into->sxy += m->sxy;
  into->syy += m->syy;
  for (int c = 0; c < 3; c++)
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
  double slope[3];          /* colour change per pixel along d */
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
  double v[3][2], b00, b01, b10, b11, tr, dt, lambda, len, var_t;

  if (n < MIN_PIXELS)
    return FALSE;
  f->cx = m->sx / n, f->cy = m->sy / n;
  mxx = m->sxx / n - f->cx * f->cx, mxy = m->sxy / n - f->cx * f->cy, myy = m->syy / n - f->cy * f->cy;
  det = mxx * myy - mxy * mxy;
  if (det <= 1e-6)
    return FALSE;
  f->var_total = 0;
  for (int c = 0; c < 3; c++)
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
  for (int c = 0; c < 3; c++)
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

gboolean
svgai_gradient_fit (const SvgaiColorMoments *m,
                    const SvgaiSegment *segs,
                    guint n_segs,
                    double grid,
                    SvgaiGradient *out)
{
  Fit f;
  double n = m->n, cx, cy, dx, dy, tmin = G_MAXDOUBLE, tmax = -G_MAXDOUBLE, span = 0;
  double *slope = f.slope;

  memset (out, 0, sizeof *out);
  if (n_segs == 0 || !fit_moments (m, &f) || f.var_total <= 1.0 || f.explained < MIN_EXPLAINED * f.var_total)
    return FALSE;
  cx = f.cx, cy = f.cy, dx = f.dx, dy = f.dy;

  /* The ends go where the shape ends along d, so padding never shows. */
  for (guint i = 0; i < n_segs; i++)
    {
      int first = segs[i].kind == SVGAI_SEGMENT_CURVE ? 0 : 2;

      if (segs[i].kind == SVGAI_SEGMENT_CLOSE)
        continue;
      for (int j = first; j < 3; j++)
        {
          double t = (segs[i].p[j].x - cx) * dx + (segs[i].p[j].y - cy) * dy;
          tmin = MIN (tmin, t);
          tmax = MAX (tmax, t);
        }
    }
  if (tmax <= tmin)
    return FALSE;
  for (int c = 0; c < 3; c++)
    {
      double mc = m->sc[c] / n;
      double c0 = CLAMP (mc + slope[c] * tmin, 0, 255);
      double c1 = CLAMP (mc + slope[c] * tmax, 0, 255);
      out->from_rgb[c] = (guint8) lround (c0);
      out->to_rgb[c] = (guint8) lround (c1);
      span = MAX (span, fabs (c1 - c0));
    }
  if (span < MIN_SPAN)
    return FALSE;
  out->from.x = round ((cx + dx * tmin) * grid) / grid;
  out->from.y = round ((cy + dy * tmin) * grid) / grid;
  out->to.x = round ((cx + dx * tmax) * grid) / grid;
  out->to.y = round ((cy + dy * tmax) * grid) / grid;
  if (out->from.x == out->to.x && out->from.y == out->to.y)
    return FALSE;
  out->active = TRUE;
  return TRUE;
}
