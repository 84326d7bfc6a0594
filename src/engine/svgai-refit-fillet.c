/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small rounds put back at corners (svgai-refit-fillet.h). */
#include "svgai-refit-fillet.h"
#include "svgai-refit-kink.h"
#include "svgai-hypot.h"

/* Radii tried, px, every RADIUS_COARSE and then RADIUS_STEP either side
 * of the best: under a pixel the pixels do not tell a round from a point
 * placed a little off (Ballerina's and Eventbrite's points came out
 * round); over two the corner searches leave potrace's round alone and
 * the window read would not hold the arc. */
#define RADIUS_MIN 1.0
#define RADIUS_MAX 2.0
#define RADIUS_COARSE 0.5
#define RADIUS_STEP 0.25
/* Only corners turning this much, degrees: a gentler kink's round is a
 * few hundredths of a pixel from its point, and a spike's tip is
 * svgai-refit-ends.c's. */
#define TURN_MIN 30.0
#define TURN_MAX 135.0
/* The sides' lines are read from LINE_FROM px from the apex (nearer, the
 * snap to the coverage left the samples between the sides' shifts) over
 * LINE_LENGTH px (no further than half way to the next corner), from at
 * least LINE_SAMPLES samples, which must lie within LINE_STRAIGHT px of
 * their line (else the side is a curve, and a round between a curve and
 * a line is no arc between two lines). Where the lines meet may move the
 * apex by MAX_APEX_MOVE px at most. */
#define LINE_FROM 2.0
#define LINE_LENGTH 2.5
#define LINE_SAMPLES 4
#define LINE_STRAIGHT 0.03
#define MAX_APEX_MOVE 0.5
/* The point a round is weighed against is also tried this many steps of
 * SHARP_STEP px either way along the corner's bisector and across it: a
 * point placed a little off reads as a round. */
#define SHARP_TRIES 1
#define SHARP_STEP 0.1
/* A round is drawn where it leaves at most ROUND_GAIN of the point's
 * squared error, and less by ROUND_MARGIN (svgai_refit_clearly_round()). */
#define ROUND_GAIN 0.3
#define ROUND_MARGIN 0.006
/* The pixels read around the apex: 5 × 5 holds an arc of up to 2 px. */
#define WINDOW 2
#define ARC_POINTS SVGAI_FILLET_ARC_POINTS

static inline P
at (const P *pts, int i, int n)
{
  return pts[wrap (i, n)];
}

static inline double
distance (P a, P b)
{
  return svgai_hypot (a.x - b.x, a.y - b.y);
}

void
svgai_refit_fillet_arc (P apex, P tin, P tout, double r, P *arc)
{
  double turn = acos (CLAMP (dot (tin, tout), -1.0, 1.0));
  double t = r * tan (turn / 2), sense = cross (tin, tout) > 0 ? 1 : -1, a0;
  P start = sub (apex, scale (tin, t)), centre = add (start, scale ((P) { -tin.y, tin.x }, r * sense));

  a0 = atan2 (start.y - centre.y, start.x - centre.x);
  for (int k = 0; k <= ARC_POINTS; k++)
    {
      double a = a0 + sense * turn * k / ARC_POINTS;
      arc[k] = add (centre, (P) { r * cos (a), r * sin (a) });
    }
  arc[ARC_POINTS] = add (apex, scale (tout, t));
}

/* How many samples from i (sense −1 back, +1 on) the outline first lies
 * `length` px or more from the apex; 0 if not within `most`. */
static int
reach (const P *pts, int n, int i, P apex, int sense, double length, int most)
{
  for (int k = 1; k <= most; k++)
    if (distance (at (pts, i + sense * k, n), apex) >= length)
      return k;
  return 0;
}

typedef enum { SIDE_SHORT, SIDE_LINE, SIDE_CURVED } SideRead;

/* The least-squares line through the samples from i (sense −1 back, +1
 * on, at most `most` samples) LINE_FROM to LINE_FROM + LINE_LENGTH px
 * from it. */
static SideRead
side_line (const P *pts, int n, int i, int sense, int most, P *point, P *dir)
{
  P apex = pts[i];
  int from = 0, count = 0;

  for (int k = 1; k <= most; k++)
    {
      double l = distance (at (pts, i + sense * k, n), apex);

      if (l > LINE_FROM + LINE_LENGTH)
        break;
      if (l < LINE_FROM)
        continue;
      if (count++ == 0)
        from = k;
    }
  if (count < LINE_SAMPLES)
    return SIDE_SHORT;
  return svgai_refit_fit_line (pts, n, i + sense * from, sense, count, point, dir) > LINE_STRAIGHT ? SIDE_CURVED
                                                                                                   : SIDE_LINE;
}

/* The corner where its sides' lines meet (as the corner placement does
 * later, svgai-refit-sides.h), and their directions. FALSE where a side
 * is curved, or too short to read (a gentle curve that short passes for
 * straight: Moltin's point between a line and a curve came out round),
 * or where the lines meet far from the apex. */
static gboolean
refine_corner (const P *pts, int n, int i, int room_in, int room_out, P *apex, P *tin, P *tout)
{
  P p1 = *apex, d1 = *tin, p2 = *apex, d2 = *tout, meet;
  SideRead in = side_line (pts, n, i, -1, room_in, &p1, &d1), out = side_line (pts, n, i, +1, room_out, &p2, &d2);
  double den;

  if (in != SIDE_LINE || out != SIDE_LINE)
    return FALSE;
  if (dot (d1, *tin) < 0)
    d1 = scale (d1, -1);
  if (dot (d2, *tout) < 0)
    d2 = scale (d2, -1);
  den = cross (d1, d2);
  if (fabs (den) < 0.2)
    return FALSE;
  meet = add (p1, scale (d1, cross (sub (p2, p1), d2) / den));
  if (distance (meet, *apex) > MAX_APEX_MOVE)
    return FALSE;
  *apex = meet, *tin = d1, *tout = d2;
  return TRUE;
}

/* The least squared error of a point near the apex in place of the
 * samples strictly between from and to, read in `window` (around the
 * apex; G_MAXDOUBLE if none could be read). */
static double
sharp_error (SvgaiRefitWindow *window, int from, int to, P apex, P tin, P tout)
{
  P out = unit (sub (tin, tout)), across = { -out.y, out.x };
  double best = G_MAXDOUBLE;

  for (int u = -SHARP_TRIES; u <= SHARP_TRIES; u++)
    for (int v = -SHARP_TRIES; v <= SHARP_TRIES; v++)
      {
        P moved = add (apex, add (scale (out, u * SHARP_STEP), scale (across, v * SHARP_STEP)));
        double e[2];

        if (svgai_refit_window_error (window, from, to, &moved, 1, e))
          best = MIN (best, e[1]);
      }
  return best;
}

/* Moves the samples from i - back to i + on onto the line into the arc,
 * the arc and the line out of it, shared out by length (the arc is drawn
 * as an arc, whatever its samples); *a and *b: where the arc starts and
 * ends. */
static void
put_on_round (P *pts, int n, int i, int back, int on, P apex, P tin, P tout, double r, int *a, int *b)
{
  P arc[ARC_POINTS + 1], from = svgai_refit_onto_line (at (pts, i - back, n), apex, tin);
  P to = svgai_refit_onto_line (at (pts, i + on, n), apex, tout);
  double turn = acos (CLAMP (dot (tin, tout), -1.0, 1.0)), l1, lc = r * turn, l2;
  int total = back + on, na, nb;

  svgai_refit_fillet_arc (apex, tin, tout, r, arc);
  l1 = distance (arc[0], from), l2 = distance (to, arc[ARC_POINTS]);
  nb = CLAMP ((int) lround (total * lc / (l1 + lc + l2)), 1, total - 1);
  na = CLAMP ((int) lround (total * l1 / (l1 + lc + l2)), 0, total - 1 - nb);
  pts[wrap (i - back, n)] = from;
  pts[wrap (i + on, n)] = to;
  for (int k = 1; k <= na; k++)
    pts[wrap (i - back + k, n)] = add (from, scale (sub (arc[0], from), (double) k / na));
  for (int k = 0; k <= nb; k++)
    {
      double u = (double) k / nb * ARC_POINTS;
      int s = MIN ((int) u, ARC_POINTS - 1);
      pts[wrap (i - back + na + k, n)] = add (arc[s], scale (sub (arc[s + 1], arc[s]), u - s));
    }
  for (int k = na + nb + 1; k < total; k++)
    pts[wrap (i - back + k, n)] = add (arc[ARC_POINTS], scale (sub (to, arc[ARC_POINTS]), (double) (k - na - nb) / (total - na - nb)));
  pts[n] = pts[0];
  *a = wrap (i - back + na, n);
  *b = wrap (i - back + na + nb, n);
}

/* Whether the pixels read around the apex show the corner against one
 * colour (the background, or a colour below) and nothing above it. A
 * corner where the layer runs under its neighbour is drawn by the
 * neighbour's edge, and a round there would open a notch between them;
 * where three colours meet, the mixed pixels of the junction read as a
 * round. */
static gboolean
against_one_colour (const SvgaiCoverage *coverage, P apex)
{
  int cx = (int) floor (apex.x), cy = (int) floor (apex.y), other = G_MININT;

  if (coverage->dominant == NULL)
    return TRUE;
  for (int y = MAX (cy - WINDOW, 0); y <= MIN (cy + WINDOW, coverage->height - 1); y++)
    for (int x = MAX (cx - WINDOW, 0); x <= MIN (cx + WINDOW, coverage->width - 1); x++)
      {
        int k = coverage->dominant[(gsize) y * coverage->width + x];

        if (k == coverage->layer)
          continue;
        if (k > coverage->layer || (other != G_MININT && k != other))
          return FALSE;
        other = k;
      }
  return TRUE;
}

/* The rounds the artwork has leave a fifth of the point's error or less
 * (Vultr's stroke ends, Kubuntu's squares); a point between a line and a
 * gentle curve, or by a seam, leaves a third to a half. */
gboolean
svgai_refit_clearly_round (const double error[2])
{
  return error[1] < ROUND_GAIN * error[0] && error[0] - error[1] > ROUND_MARGIN;
}

gboolean
svgai_refit_round_corner (P *pts, int n, int i, P tin, P tout, double r, int room_in, int room_out, int *a, int *b)
{
  double turn = acos (CLAMP (dot (tin, tout), -1.0, 1.0)), t = r * tan (turn / 2);
  int back = reach (pts, n, i, pts[i], -1, t, room_in), on = reach (pts, n, i, pts[i], +1, t, room_out);

  if (turn < TURN_MIN * G_PI / 180 || back == 0 || on == 0)
    return FALSE;
  put_on_round (pts, n, i, back, on, pts[i], tin, tout, r, a, b);
  return TRUE;
}

gboolean
svgai_refit_fillet (const SvgaiCoverage *coverage, P *pts, int n, int i, P tin, P tout, int gap_in, int gap_out,
                    int *a, int *b)
{
  g_autoptr(SvgaiRefitWindow) window = NULL;
  int room_in = gap_in / 2, room_out = gap_out / 2, back = 0, on = 0;
  double turn = acos (CLAMP (dot (tin, tout), -1.0, 1.0)), best[2] = { -1, 0 }, best_r = 0;
  P apex = pts[i], arc[ARC_POINTS + 1];

  if (coverage == NULL || turn < TURN_MIN * G_PI / 180 || turn > TURN_MAX * G_PI / 180 || !against_one_colour (coverage, apex) ||
      !refine_corner (pts, n, i, room_in, room_out, &apex, &tin, &tout))
    return FALSE;
  turn = acos (CLAMP (dot (tin, tout), -1.0, 1.0));
  /* Every round and point is read in one window around the apex. */
  window = svgai_refit_window_new (coverage, pts, n, apex, WINDOW);
  if (window == NULL)
    return FALSE;
  /* Every RADIUS_COARSE px, then RADIUS_STEP either side of the best. */
  for (int pass = 0; pass < 2; pass++)
    {
      double from = pass == 0 ? RADIUS_MIN : best_r - RADIUS_STEP, to = pass == 0 ? RADIUS_MAX : best_r + RADIUS_STEP;

      for (double r = from; r <= to + 1e-9 && (pass == 0 || best[0] >= 0); r += pass == 0 ? RADIUS_COARSE : 2 * RADIUS_STEP)
        {
          double t = r * tan (turn / 2), error[2];
          int k1 = reach (pts, n, i, apex, -1, t, room_in), k2 = reach (pts, n, i, apex, +1, t, room_out);

          if (r < RADIUS_MIN - 1e-9 || r > RADIUS_MAX + 1e-9)
            continue;
          if (k1 == 0 || k2 == 0 || t > WINDOW)
            break;
          svgai_refit_fillet_arc (apex, tin, tout, r, arc);
          if (!svgai_refit_window_error (window, wrap (i - k1, n), wrap (i + k2, n), arc, ARC_POINTS + 1, error))
            return FALSE;
          if (best[0] < 0 || error[1] < best[1])
            best[0] = error[0], best[1] = error[1], best_r = r, back = k1, on = k2;
        }
    }
  /* Against the outline as it is first (most corners stop there), then
   * against the best point near where the sides meet. */
  if (best[0] < 0 || !svgai_refit_clearly_round (best))
    return FALSE;
  best[0] = MIN (best[0], sharp_error (window, wrap (i - back, n), wrap (i + on, n), apex, tin, tout));
  if (!svgai_refit_clearly_round (best))
    return FALSE;
  /* As far as the sides' lines were read, the samples go onto them: the
   * apex may have moved. */
  while (back < room_in && distance (at (pts, i - back, n), apex) < LINE_FROM + LINE_LENGTH)
    back++;
  while (on < room_out && distance (at (pts, i + on, n), apex) < LINE_FROM + LINE_LENGTH)
    on++;
  put_on_round (pts, n, i, back, on, apex, tin, tout, best_r, a, b);
  return TRUE;
}
