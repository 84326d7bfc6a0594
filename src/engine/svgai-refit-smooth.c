/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Smoothing the refit's samples along the outline (svgai-refit.h): the
 * wobble potrace's polygon and the coverage leave, taken out before the
 * curves are fitted. */
#include "svgai-refit-private.h"
#include "svgai-hypot.h"

#include <math.h>

void
svgai_refit_smooth (P *q, int a, int b, gboolean cyclic, P *tmp, double sigma)
{
  int radius = (int) ceil (2.5 * sigma), n = b - a;
  double w[32];

  if (sigma <= 0)
    return;

  radius = MIN (radius, 31);
  for (int k = 0; k <= radius; k++)
    w[k] = exp (-0.5 * k * k / (sigma * sigma));
  for (int i = a; i <= b; i++)
    {
      int r = cyclic ? MIN (radius, n / 2) : MIN (radius, MIN (i - a, b - i));
      P sum = { 0, 0 };
      double total = 0;

      for (int k = -r; k <= r; k++)
        {
          int j = i + k;
          if (cyclic)
            j = a + wrap (j - a, n);
          sum = add (sum, scale (q[j], w[abs (k)]));
          total += w[abs (k)];
        }
      tmp[i - a] = scale (sum, 1 / total);
    }
  for (int i = a; i <= b; i++)
    q[i] = tmp[i - a];
  if (cyclic)
    q[b] = q[a];
}

/* Smoothing with a Gaussian of deviation s pulls a curve of radius R
 * inward by about s² / 2R. Where the outline is gentle, a window wide
 * enough to pull it BEND_SHIFT px (up to GENTLE_SIGMA px) takes the wobble
 * the narrow one leaves, and twicing takes the pull back: a long shallow
 * arc had come out as a chain of short curves and lines, faceted and
 * notched at 800 % (Gemini's star: 164 nodes, now 41). At a tight tip the
 * window stays narrow. The curvature is read over CURVE_SPAN px. Without
 * twicing (and 1 px, 0.02 px) letters' bowls shrank: devset/256 4x SSIM
 * fell by 0.0004 and two gradient regions missed by a level. */
#define GENTLE_SIGMA 1.5
#define BEND_SHIFT 0.05
#define CURVE_SPAN 2.0

/* The deviation, in samples `step` px apart, for the outline's curvature
 * at `at` (read from `before` to `after`). */
static double
gentle_sigma (P before, P at, P after, double step)
{
  P u = sub (at, before), v = sub (after, at);
  double lu = svgai_hypot (u.x, u.y), lv = svgai_hypot (v.x, v.y), curvature;

  if (lu < 1e-9 || lv < 1e-9)
    return 0;
  curvature = fabs (atan2 (cross (u, v), dot (u, v))) / (0.5 * (lu + lv));
  return (curvature > 1e-6 ? MIN (GENTLE_SIGMA, sqrt (2 * BEND_SHIFT / curvature)) : GENTLE_SIGMA) / step;
}

/* One pass of the varying Gaussian over q[a..b] into out (indices from
 * a), sigma[i - a] per sample. */
static void
gentle_pass (const P *q, int a, int b, gboolean cyclic, const double *sigma, int max_r, P *out)
{
  int n = b - a;

  for (int i = a; i <= b; i++)
    {
      double s = sigma[i - a], total = 1, w = 1, step, ratio;
      int r = s > 0 ? MIN ((int) ceil (2.5 * s), max_r) : 0;
      P sum = q[i];

      r = cyclic ? MIN (r, n / 2) : MIN (r, MIN (i - a, b - i));
      if (r == 0)
        {
          out[i - a] = q[i];
          continue;
        }
      /* exp(-j² / 2s²) tap by tap: each is the last times ratio, and
       * ratio grows by step², one exp a sample instead of one a tap */
      step = exp (-0.5 / (s * s));
      ratio = step;
      for (int j = 1; j <= r; j++)
        {
          P before = q[cyclic ? a + wrap (i - j - a, n) : i - j], after = q[cyclic ? a + wrap (i + j - a, n) : i + j];

          w *= ratio;
          ratio *= step * step;
          sum = add (sum, scale (add (before, after), w));
          total += 2 * w;
        }
      out[i - a] = scale (sum, 1 / total);
    }
}

/* Twicing (Tukey): 2 S(q) - S(S(q)) smooths the wobble as S does but
 * takes back S's pull towards the centre of curvature to first order, so
 * a letter's bowl keeps its size. */
void
svgai_refit_smooth_gentle (P *q, int a, int b, gboolean cyclic, P *tmp, double step)
{
  int n = b - a, k = (int) lround (CURVE_SPAN / step);
  int max_r = (int) ceil (2.5 * GENTLE_SIGMA / step);
  g_autofree double *sigma = NULL;
  g_autofree P *once = NULL;

  if (n < 2 * k + 2)
    return;
  sigma = g_new (double, n + 1);
  once = g_new (P, n + 1);
  for (int i = a; i <= b; i++)
    {
      int lo = cyclic ? a + wrap (i - k - a, n) : MAX (a, i - k), hi = cyclic ? a + wrap (i + k - a, n) : MIN (b, i + k);

      sigma[i - a] = gentle_sigma (q[lo], q[i], q[hi], step);
    }
  gentle_pass (q, a, b, cyclic, sigma, max_r, once);
  gentle_pass (once, 0, n, cyclic, sigma, max_r, tmp);
  for (int i = a; i <= b; i++)
    q[i] = sub (scale (once[i - a], 2), tmp[i - a]);
  if (cyclic)
    q[b] = q[a];
}
