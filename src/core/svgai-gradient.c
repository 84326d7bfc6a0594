#include "svgai-gradient.h"

#include <math.h>
#include <string.h>

/* Accept a gradient when it removes at least this share of the colour
 * variance of the region, its ends differ by at least MIN_SPAN levels in
 * some channel, and the region has enough pixels to trust the fit. */
#define MIN_EXPLAINED 0.5
#define MIN_SPAN 12.0
#define MIN_PIXELS 40

typedef struct {
  double n, sx, sy, sxx, sxy, syy;
  double sc[3], scx[3], scy[3], scc[3];
  double tmin, tmax;
} Moments;

static inline int
dominant (SvgaiPixelMix m)
{
  return m.share >= 128 ? m.first : m.second;
}

void
svgai_gradient_fit (const SvgaiImage *image, const SvgaiPalette *pal, double grid, SvgaiGradient *out)
{
  int w = image->width, h = image->height, k_n = pal->n_colors;
  Moments mo[SVGAI_MAX_COLORS];
  double dir[SVGAI_MAX_COLORS][2], cen[SVGAI_MAX_COLORS][2], slope[SVGAI_MAX_COLORS][3];
  gboolean any = FALSE;

  memset (mo, 0, sizeof mo);
  memset (out, 0, sizeof *out * MAX (k_n, 1));

  /* One pass: first and second moments of position and colour over each
   * colour's opaque own pixels. */
  for (int y = 0; y < h; y++)
    {
      const guint8 *p = svgai_image_pixel (image, 0, y);
      const SvgaiPixelMix *mix = pal->mix + (gsize) y * w;

      for (int x = 0; x < w; x++, p += 4)
        {
          Moments *m;

          if (p[3] < 250)
            continue;
          m = &mo[dominant (mix[x])];
          m->n += 1;
          m->sx += x;
          m->sy += y;
          m->sxx += (double) x * x;
          m->sxy += (double) x * y;
          m->syy += (double) y * y;
          for (int c = 0; c < 3; c++)
            {
              m->sc[c] += p[c];
              m->scx[c] += (double) p[c] * x;
              m->scy[c] += (double) p[c] * y;
              m->scc[c] += (double) p[c] * p[c];
            }
        }
    }

  for (int k = 0; k < k_n; k++)
    {
      Moments *m = &mo[k];
      double n = m->n, cx, cy, mxx, mxy, myy, det, var_total = 0, a[2][2] = { { 0 } };
      double v[3][2], b00, b01, b10, b11, tr, dt, lambda, dx, dy, len, var_t, explained = 0;

      if (n < MIN_PIXELS)
        continue;
      cx = m->sx / n, cy = m->sy / n;
      mxx = m->sxx / n - cx * cx, mxy = m->sxy / n - cx * cy, myy = m->syy / n - cy * cy;
      det = mxx * myy - mxy * mxy;
      if (det <= 1e-6)
        continue;
      for (int c = 0; c < 3; c++)
        {
          double mc = m->sc[c] / n;
          v[c][0] = m->scx[c] / n - mc * cx;
          v[c][1] = m->scy[c] / n - mc * cy;
          var_total += m->scc[c] / n - mc * mc;
          a[0][0] += v[c][0] * v[c][0];
          a[0][1] += v[c][0] * v[c][1];
          a[1][1] += v[c][1] * v[c][1];
        }
      a[1][0] = a[0][1];
      if (var_total <= 1.0)
        continue;
      /* The direction d maximising the explained variance Σ(v·d)² / dᵀMd:
       * the leading eigenvector of M⁻¹A. */
      b00 = (myy * a[0][0] - mxy * a[1][0]) / det;
      b01 = (myy * a[0][1] - mxy * a[1][1]) / det;
      b10 = (-mxy * a[0][0] + mxx * a[1][0]) / det;
      b11 = (-mxy * a[0][1] + mxx * a[1][1]) / det;
      tr = b00 + b11;
      dt = b00 * b11 - b01 * b10;
      lambda = tr / 2 + sqrt (MAX (tr * tr / 4 - dt, 0));
      if (fabs (b01) > 1e-12)
        dx = b01, dy = lambda - b00;
      else if (fabs (b10) > 1e-12)
        dx = lambda - b11, dy = b10;
      else
        dx = b00 >= b11 ? 1 : 0, dy = b00 >= b11 ? 0 : 1;
      len = hypot (dx, dy);
      if (len == 0)
        continue;
      dx /= len, dy /= len;
      var_t = dx * dx * mxx + 2 * dx * dy * mxy + dy * dy * myy;
      if (var_t <= 1e-6)
        continue;
      for (int c = 0; c < 3; c++)
        {
          double vd = v[c][0] * dx + v[c][1] * dy;
          slope[k][c] = vd / var_t;
          explained += vd * vd / var_t;
        }
      if (explained < MIN_EXPLAINED * var_total)
        continue;
      dir[k][0] = dx, dir[k][1] = dy;
      cen[k][0] = cx, cen[k][1] = cy;
      m->tmin = G_MAXDOUBLE, m->tmax = -G_MAXDOUBLE;
      out[k].active = TRUE;
      any = TRUE;
    }
  if (!any)
    return;

  /* Second pass: the extent of each gradient's region along its direction,
   * where its end colours go. */
  for (int y = 0; y < h; y++)
    {
      const guint8 *p = svgai_image_pixel (image, 0, y);
      const SvgaiPixelMix *mix = pal->mix + (gsize) y * w;

      for (int x = 0; x < w; x++, p += 4)
        {
          int k;
          double t;

          if (p[3] < 250)
            continue;
          k = dominant (mix[x]);
          if (!out[k].active)
            continue;
          t = (x - cen[k][0]) * dir[k][0] + (y - cen[k][1]) * dir[k][1];
          mo[k].tmin = MIN (mo[k].tmin, t);
          mo[k].tmax = MAX (mo[k].tmax, t);
        }
    }

  for (int k = 0; k < k_n; k++)
    {
      SvgaiGradient *g = &out[k];
      double span = 0;

      if (!g->active)
        continue;
      for (int c = 0; c < 3; c++)
        {
          double mc = mo[k].sc[c] / mo[k].n;
          double c0 = CLAMP (mc + slope[k][c] * mo[k].tmin, 0, 255);
          double c1 = CLAMP (mc + slope[k][c] * mo[k].tmax, 0, 255);
          g->from_rgb[c] = (guint8) lround (c0);
          g->to_rgb[c] = (guint8) lround (c1);
          span = MAX (span, fabs (c1 - c0));
        }
      if (span < MIN_SPAN)
        {
          g->active = FALSE;
          continue;
        }
      /* Pixel (x, y) covers [x, x+1): its colour belongs at its centre. */
      g->from.x = round ((cen[k][0] + 0.5 + dir[k][0] * mo[k].tmin) * grid) / grid;
      g->from.y = round ((cen[k][1] + 0.5 + dir[k][1] * mo[k].tmin) * grid) / grid;
      g->to.x = round ((cen[k][0] + 0.5 + dir[k][0] * mo[k].tmax) * grid) / grid;
      g->to.y = round ((cen[k][1] + 0.5 + dir[k][1] * mo[k].tmax) * grid) / grid;
      if (g->from.x == g->to.x && g->from.y == g->to.y)
        g->active = FALSE;
    }
}
