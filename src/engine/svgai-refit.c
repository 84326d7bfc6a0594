/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-refit.h"
#include "svgai-coverage.h"
#include "svgai-refit-ends.h"
#include "svgai-refit-fillet.h"
#include "svgai-refit-kink.h"
#include "svgai-refit-curved.h"
#include "svgai-refit-private.h"
#include "svgai-refit-sides.h"
#include "svgai-refit-thin.h"
#include "svgai-hypot.h"

#include <math.h>
#include <string.h>

/* Samples along the traced outline, source px apart. */
#define SAMPLE_STEP 0.25
/* The wobble is smoothed with a Gaussian of this deviation along the
 * outline, px. It follows the source's pixels (period 1 px); a wider one
 * (0.5) shrank the tight bowls of small letters: on devset text logos 4×
 * SSIM fell by 0.003 where 0.25 costs 0.001. */
#define SMOOTH_SIGMA 0.25
/* Contours shorter than this are too small to smooth (a dot of a pixel
 * or two would shrink) or to refit. */
#define MIN_SMOOTH_LENGTH 12.0
#define MIN_SAMPLES 8
/* Thin lines (mean width, twice the area over the perimeter, under this
 * many px) are placed from the coverage across them (svgai-refit-thin.h)
 * rather than snapped edge by edge: their edges are never clean. Their
 * sides are smoothed wider, THIN_SIGMA px, corners kept: what wobble the
 * placement leaves has the pixels' period along the line, and each side
 * is fitted apart. */
#define MIN_WIDTH 3.5
#define THIN_SIGMA 0.8
/* A shape that thin which reads as no line across is snapped edge by edge
 * all the same if it is at least this wide: a small letter's counter
 * (Eventbrite's e: 3.4 px; Immutable's B, 2.5). A thinner one, a dot or a
 * needle, keeps potrace's outline: few of its samples find a clean edge,
 * and the corner passes alone cut Testing Library's 1.5 px sucker flat. */
#define MIN_SNAP_WIDTH 2.0
/* A whole side between two corners is a line within this, px, but for
 * its first LINE_END_SKIP px at either end. */
#define LINE_TOLERANCE 0.2
#define LINE_END_SKIP 1.0
/* A square end's round may start this far up its side beyond the end's
 * own samples, px: the straight arm its search found there. */
#define ROUND_ARM 1.5

static double
segment_length (P from, const SvgaiSegment *s)
{
  P b[4] = { from, s->p[0], s->p[1], s->p[2] };
  double l = 0;

  if (s->kind != SVGAI_SEGMENT_CURVE)
    return svgai_hypot (s->p[2].x - from.x, s->p[2].y - from.y);
  for (int i = 1; i <= 8; i++)
    {
      P a = bezier (b, (i - 1) / 8.0), c = bezier (b, i / 8.0);
      l += svgai_hypot (c.x - a.x, c.y - a.y);
    }
  return l;
}

/* Tangent leaving `from` along s, and arriving at s's end. */
static P
tangent_out (P from, const SvgaiSegment *s)
{
  if (s->kind == SVGAI_SEGMENT_CURVE)
    for (int i = 0; i < 3; i++)
      if (svgai_hypot (s->p[i].x - from.x, s->p[i].y - from.y) > 1e-9)
        return unit (sub (s->p[i], from));
  return unit (sub (s->p[2], from));
}

static P
tangent_in (P from, const SvgaiSegment *s)
{
  if (s->kind == SVGAI_SEGMENT_CURVE)
    {
      if (svgai_hypot (s->p[2].x - s->p[1].x, s->p[2].y - s->p[1].y) > 1e-9)
        return unit (sub (s->p[2], s->p[1]));
      if (svgai_hypot (s->p[2].x - s->p[0].x, s->p[2].y - s->p[0].y) > 1e-9)
        return unit (sub (s->p[2], s->p[0]));
    }
  return unit (sub (s->p[2], from));
}

typedef struct {
  GArray *pts;       /* P, the samples; the last one repeats the first */
  GArray *corners;   /* guint, sample indices of corners, increasing */
  GArray *t_in;      /* P per corner: tangent arriving at it */
  GArray *t_out;     /* P per corner: tangent leaving it */
  GArray *arcs;      /* guint, sample indices where a round put back starts */
  double length;
} Samples;

/* m samples of the curve b (not its start), evenly spaced along it: where
 * potrace rounds a corner its control points sit near the vertex, and
 * even steps in t bunch up there, so that a turn read over a few samples
 * would be read over a few hundredths of a pixel. */
#define CURVE_FINE 8

static void
sample_curve (const P b[4], int m, GArray *pts)
{
  int fine = CURVE_FINE * m, j = 0;
  g_autofree double *len = g_new (double, fine + 1);
  P prev = b[0];

  len[0] = 0;
  for (int i = 1; i <= fine; i++)
    {
      P c = bezier (b, (double) i / fine);
      len[i] = len[i - 1] + svgai_hypot (c.x - prev.x, c.y - prev.y);
      prev = c;
    }
  for (int k = 1; k <= m; k++)
    {
      double want = len[fine] * k / m, t;
      P p;

      while (j < fine && len[j + 1] < want)
        j++;
      if (k == m || j >= fine)
        t = 1;
      else
        t = (j + (len[j + 1] > len[j] ? (want - len[j]) / (len[j + 1] - len[j]) : 0)) / fine;
      p = bezier (b, t);
      g_array_append_val (pts, p);
    }
}

static void
sample_contour (const SvgaiSegment *seg, guint start, guint end, const GArray *corner_ends, Samples *s)
{
  P from = seg[start].p[2];

  g_array_append_val (s->pts, from);
  for (guint i = start + 1; i < end; i++)
    {
      P b[4] = { from, seg[i].p[0], seg[i].p[1], seg[i].p[2] };
      double l = segment_length (from, &seg[i]);
      int m = MAX (1, (int) ceil (l / SAMPLE_STEP));
      gboolean corner = FALSE;

      s->length += l;
      if (seg[i].kind == SVGAI_SEGMENT_CURVE)
        sample_curve (b, m, s->pts);
      else
        for (int k = 1; k <= m; k++)
          {
            P p = add (from, scale (sub (seg[i].p[2], from), (double) k / m));
            g_array_append_val (s->pts, p);
          }
      for (guint c = 0; c < corner_ends->len && !corner; c++)
        corner = g_array_index (corner_ends, guint, c) == i;
      if (corner && i + 1 < end)
        {
          guint at = s->pts->len - 1;
          P tin = tangent_in (from, &seg[i]), tout = tangent_out (seg[i].p[2], &seg[i + 1]);

          g_array_append_val (s->corners, at);
          g_array_append_val (s->t_in, tin);
          g_array_append_val (s->t_out, tout);
        }
      from = seg[i].p[2];
    }
}

/* Corners potrace rounded: where the sampled outline turns by more than
 * the pass's turn within ±span px (a curve that tight has a radius under
 * about a pixel and a half; the original's corner lies there), the corner
 * is put back at the apex the straighter outline on either side points
 * to, arm px on each side away. potrace rounds a corner of 50–90° over a
 * few pixels at its default smoothness, too wide for the first pass; the
 * second looks wider, and since a corner rounded in the source by a
 * pixel or two looks the same there, it also asks the coverage: a sharp
 * corner's apex is inked by about its inside angle / 360, a rounded
 * one's by next to nothing. A last pass, once the outline sits on the
 * coverage's edge, looks for kinks of 20° and more rounded over up to
 * 2.5 px on either side, their sides short or curved, and keeps those
 * the pixels around the apex show sharp (svgai-refit-kink.h): the kinks
 * where a curve meets a line or another curve (devset/256: lost corners
 * 0.38 -> 0.33 per 100 px). Where the chords' apex is no such kink, the
 * sides extended as they curve may meet at one (svgai-refit-curved.h:
 * Eventbrite's e). */
typedef struct {
  double turn_deg, span, arm;
  gboolean ask_coverage, ask_pixels;
} RoundedPass;

static const RoundedPass ROUNDED_PASSES[] = {
  { 40.0, 0.75, 1.0, FALSE, FALSE },
  { 50.0, 2.5, 3.0, TRUE, FALSE },
};
static const RoundedPass KINK_PASS = { 20.0, 2.5, 1.5, FALSE, TRUE };
#define MAX_APEX_SHIFT 1.0
/* The arms must be straight within this, px. */
#define ARM_STRAIGHT 0.1
/* A sharp apex is inked at least this part of what its angle says. */
#define APEX_INK 0.5

static inline P
at (const GArray *pts, int i, int n)
{
  return g_array_index (pts, P, wrap (i, n));
}

/* The turn at sample i between the chords from k samples before it and to
 * k samples after it; chord[j] is the unit chord from sample j to j + k
 * (each chord is both one sample's way out and another's way in). */
static double
turn_at (const P *chord, int i, int n, int k)
{
  P a = chord[wrap (i - k, n)], b = chord[i];
  return acos (CLAMP (dot (a, b), -1.0, 1.0)) * 180 / G_PI;
}

static gboolean
near_corner (const Samples *s, int i, int n, int reach)
{
  for (guint c = 0; c < s->corners->len; c++)
    {
      int d = abs ((int) g_array_index (s->corners, guint, c) - i);
      if (MIN (d, n - d) <= reach)
        return TRUE;
    }
  return FALSE;
}

static void
add_corner (Samples *s, guint i, P tin, P tout)
{
  guint c = 0;

  while (c < s->corners->len && g_array_index (s->corners, guint, c) < i)
    c++;
  g_array_insert_val (s->corners, c, i);
  g_array_insert_val (s->t_in, c, tin);
  g_array_insert_val (s->t_out, c, tout);
}

static gboolean
apex_is_sharp (const SvgaiCoverage *coverage, P apex, P tin, P tout)
{
  double turn = acos (CLAMP (dot (tin, tout), -1.0, 1.0)) * 180 / G_PI;

  if (coverage == NULL || svgai_coverage_hidden (coverage, apex))
    return FALSE;
  return svgai_coverage_at (coverage, apex) >= APEX_INK * (180 - turn) / 360;
}

static gboolean
arm_is_straight (const GArray *pts, int n, int from, int to)
{
  P a = at (pts, from, n), b = at (pts, to, n), m = at (pts, (from + to) / 2, n), d = unit (sub (b, a));

  return fabs (d.x * (m.y - a.y) - d.y * (m.x - a.x)) <= ARM_STRAIGHT;
}

/* Whether an apex is near enough the sample p it replaces. */
static gboolean
apex_near (P apex, P p)
{
  return svgai_hypot (apex.x - p.x, apex.y - p.y) <= MAX_APEX_SHIFT;
}

static void
find_rounded_corners (Samples *s, int n, const RoundedPass *pass, const SvgaiCoverage *coverage)
{
  int k = (int) lround (pass->span / SAMPLE_STEP), arm = (int) lround (pass->arm / SAMPLE_STEP);
  g_autofree double *turn = g_new (double, n);
  g_autofree P *chord = NULL;

  if (n < 6 * arm)
    return;
  chord = g_new (P, n);
  for (int i = 0; i < n; i++)
    chord[i] = unit (sub (at (s->pts, i + k, n), at (s->pts, i, n)));
  for (int i = 0; i < n; i++)
    turn[i] = turn_at (chord, i, n, k);
  for (int i = 0; i < n; i++)
    {
      gboolean peak = turn[i] > pass->turn_deg, chord_apex;
      const P *pts = (const P *) (gconstpointer) s->pts->data;
      P a0, a1, b0, b1, tin, tout, apex;
      double den, t;

      for (int j = -k; j <= k && peak; j++)
        peak = j == 0 || turn[wrap (i + j, n)] < turn[i] || (turn[wrap (i + j, n)] == turn[i] && j > 0);
      if (!peak || near_corner (s, i, n, 2 * arm))
        continue;
      /* The straighter outline either side, from arm to 2 arm away. */
      a0 = at (s->pts, i - 2 * arm, n), a1 = at (s->pts, i - arm, n);
      b0 = at (s->pts, i + arm, n), b1 = at (s->pts, i + 2 * arm, n);
      tin = unit (sub (a1, a0)), tout = unit (sub (b1, b0));
      den = tin.x * tout.y - tin.y * tout.x;
      t = fabs (den) < 0.2 ? -1 : ((b0.x - a1.x) * tout.y - (b0.y - a1.y) * tout.x) / den;
      apex = add (a1, scale (tin, t));
      chord_apex = t >= 0 && apex_near (apex, pts[i]);
      if (pass->ask_pixels)
        {
          if (!(chord_apex && svgai_refit_kink_is_sharp (coverage, pts, n, i, arm, apex)) &&
              !svgai_refit_curved_kink (coverage, pts, n, i, arm, SAMPLE_STEP, MAX_APEX_SHIFT, &apex, &tin, &tout))
            continue;
        }
      else if (!chord_apex || !arm_is_straight (s->pts, n, i - 2 * arm, i - arm) ||
               !arm_is_straight (s->pts, n, i + arm, i + 2 * arm) ||
               (pass->ask_coverage && !apex_is_sharp (coverage, apex, tin, tout)))
        continue;
      /* The rounded samples between the arms move onto the two lines. */
      for (int j = 1; j < arm; j++)
        {
          g_array_index (s->pts, P, wrap (i - j, n)) = add (apex, scale (sub (a1, apex), (double) j / arm));
          g_array_index (s->pts, P, wrap (i + j, n)) = add (apex, scale (sub (b0, apex), (double) j / arm));
        }
      g_array_index (s->pts, P, i) = apex;
      if (i == 0)
        g_array_index (s->pts, P, n) = apex;
      add_corner (s, (guint) i, tin, tout);
    }
}

/* Gaussian smoothing of q[a..b] (svgai_refit_smooth), deviation in px. */
static void
smooth_sigma (P *q, int a, int b, gboolean cyclic, P *tmp, double sigma_px)
{
  svgai_refit_smooth (q, a, b, cyclic, tmp, sigma_px / SAMPLE_STEP);
}

static void
smooth (P *q, int a, int b, gboolean cyclic, P *tmp, gboolean thin)
{
  smooth_sigma (q, a, b, cyclic, tmp, thin ? THIN_SIGMA : SMOOTH_SIGMA);
  if (!thin)
    svgai_refit_smooth_gentle (q, a, b, cyclic, tmp, SAMPLE_STEP);
}

/* A tangent from the samples around q[i] (cyclic over n). */
static P
sampled_tangent (const P *q, int i, int n)
{
  int k = MIN (4, n / 4);
  return unit (sub (q[(i + k) % n], q[(i - k + n) % n]));
}

/* Samples this close to a corner, px, read its two sides at once. */
#define SNAP_CORNER_GAP 1.5
/* The sides' shifts are read this far from a corner to move it. */
#define SNAP_CORNER_READ 2.5
/* The shifts are smoothed along the outline with this deviation, px. */
#define SNAP_SIGMA 0.5

/* The mean shift of the samples from `from` to `to` (cyclic over n) that
 * have one, with the outline's normal there; FALSE if none has. */
static gboolean
side_shift (const P *q, const P *d, const gboolean *ok, int n, int from, int to, P *shift, P *normal)
{
  P sum = { 0, 0 };
  int count = 0;

  for (int i = from; i <= to; i++)
    if (ok[wrap (i, n)])
      sum = add (sum, d[wrap (i, n)]), count++;
  if (count == 0)
    return FALSE;
  *shift = scale (sum, 1.0 / count);
  {
    P t = sampled_tangent (q, wrap ((from + to) / 2, n), n);
    *normal = (P) { t.y, -t.x };
  }
  return TRUE;
}

/* A corner moves where its two shifted sides meet. */
static P
corner_shift (const P *q, const P *d, const gboolean *ok, int n, int c)
{
  int gap = (int) lround (SNAP_CORNER_GAP / SAMPLE_STEP), read = (int) lround (SNAP_CORNER_READ / SAMPLE_STEP);
  P d1, n1, d2, n2, a;
  double o1, o2, det;

  if (!side_shift (q, d, ok, n, c - read, c - gap, &d1, &n1) || !side_shift (q, d, ok, n, c + gap, c + read, &d2, &n2))
    return (P) { 0, 0 };
  o1 = dot (d1, n1), o2 = dot (d2, n2);
  det = n1.x * n2.y - n1.y * n2.x;
  if (fabs (det) < 0.3)
    a = scale (add (d1, d2), 0.5);
  else
    a = (P) { (o1 * n2.y - o2 * n1.y) / det, (n1.x * o2 - n2.x * o1) / det };
  if (svgai_hypot (a.x, a.y) > 0.5)
    a = scale (unit (a), 0.5);
  return a;
}

/* Puts the outline q[0..n] (q[n] == q[0]; corners at the given sample
 * indices, increasing, the first at 0 if any) on the edge the coverage
 * says, sample by sample, corners where their shifted sides meet; where a
 * sample cannot read the edge, its shift is interpolated from its
 * neighbours', and the shifts are smoothed so that they add no wobble. */
static void
snap_to_coverage (P *q, int n, const int *corners, int nc, const SvgaiCoverage *coverage, P *tmp)
{
  g_autofree P *d = g_new0 (P, n + 1);
  g_autofree gboolean *ok = g_new0 (gboolean, n + 1);
  g_autofree double *across = g_new (double, n);
  g_autofree P *normal = g_new (P, n);
  g_autofree gboolean *thin = g_new (gboolean, n);
  int gap = (int) lround (SNAP_CORNER_GAP / SAMPLE_STEP);

  /* Where the outline runs a few pixels from its other side (a thin
   * stretch: whiskers drawn into a head), its edges are never clean; the
   * line across says where they are. */
  svgai_refit_thin_read (q, n, SAMPLE_STEP, coverage, across, normal, thin);
  for (int i = 0; i < n; i++)
    {
      gboolean near = FALSE;
      for (int c = 0; c < nc && !near; c++)
        near = MIN (abs (corners[c] - i), n - abs (corners[c] - i)) < gap;
      if (!near && thin[i])
        d[i] = scale (normal[i], across[i]), ok[i] = TRUE;
      else
        ok[i] = !near && svgai_coverage_edge_shift (coverage, q[i], sampled_tangent (q, i, n), &d[i]);
    }
  for (int c = 0; c < nc; c++)
    d[corners[c]] = corner_shift (q, d, ok, n, corners[c]);
  for (int c = 0; c < nc; c++)
    ok[corners[c]] = TRUE;

  /* Fill the gaps: linear between the known shifts either side. */
  {
    int first = -1;
    for (int i = 0; i < n && first < 0; i++)
      if (ok[i])
        first = i;
    if (first < 0)
      return;
    for (int i = first, next; i < first + n; i = next)
      {
        next = i + 1;
        while (!ok[wrap (next, n)])
          next++;
        P from = d[wrap (i, n)], to = d[wrap (next, n)];
        for (int j = i + 1; j < next; j++)
          d[wrap (j, n)] = add (from, scale (sub (to, from), (double) (j - i) / (next - i)));
      }
  }
  d[n] = d[0];
  /* Smooth between corners (which keep their own shift). */
  if (nc == 0)
    smooth_sigma (d, 0, n, TRUE, tmp, SNAP_SIGMA);
  else
    for (int c = 0; c < nc; c++)
      smooth_sigma (d, corners[c], c + 1 < nc ? corners[c + 1] : n, FALSE, tmp, SNAP_SIGMA);
  for (int i = 0; i <= n; i++)
    q[i] = add (q[i], d[i]);
}

/* How far along its sides an anti-aliased corner rounds the trace, px:
 * LINE_END_SKIP at a right angle, more at an acute tip (1 / sin of half
 * the angle inside), at most 4. */
static double
corner_reach (const Samples *s, int c)
{
  double turn = acos (CLAMP (dot (g_array_index (s->t_in, P, c), g_array_index (s->t_out, P, c)), -1.0, 1.0));
  double half_inside = (G_PI - turn) / 2;

  return MIN (4.0, LINE_END_SKIP * G_SQRT2 / 2 / MAX (sin (half_inside), 0.1));
}

static double
mean_width (const GArray *pts, int n, double length)
{
  double area = 0;

  for (int i = 0; i < n; i++)
    {
      P a = g_array_index (pts, P, i), b = g_array_index (pts, P, i + 1);
      area += a.x * b.y - b.x * a.y;
    }
  return length > 0 ? fabs (area) / length : 0;
}

/* The fit into segs after its move (segs[start]), which goes to the
 * first sample, the fit's last segment ending exactly there; and into
 * compact (if not NULL) the move and f->compact (f->out where there is
 * none). */
static void
put_fits (GArray *segs, guint start, const Fitter *f, P first, GArray *compact)
{
  SvgaiSegment move = g_array_index (segs, SvgaiSegment, start);
  GArray *fit = f->compact != NULL ? f->compact : f->out;

  move.p[2] = (P) { svgai_refit_snap (first.x, f->grid), svgai_refit_snap (first.y, f->grid) };
  g_array_set_size (segs, start);
  g_array_append_val (segs, move);
  g_array_index (f->out, SvgaiSegment, f->out->len - 1).p[2] = move.p[2];
  g_array_append_vals (segs, f->out->data, f->out->len);
  if (compact != NULL)
    {
      g_array_index (fit, SvgaiSegment, fit->len - 1).p[2] = move.p[2];
      g_array_set_size (compact, 0);
      g_array_append_val (compact, move);
      g_array_append_vals (compact, fit->data, fit->len);
    }
}

/* A round from sample a to b (a tangent join at each end). */
static void
add_round (Samples *s, int a, int b, P tin, P tout)
{
  add_corner (s, (guint) a, tin, tin);
  add_corner (s, (guint) b, tout, tout);
  g_array_append_val (s->arcs, a);
}

/* A square end whose corners the pixels show rounded: both rounds, each
 * reaching at most half way across the cap, or neither. */
static gboolean
put_rounded_end (Samples *s, int n, const SvgaiSquareEnd *end)
{
  P *pts = (P *) (gpointer) s->pts->data;
  g_autofree P *saved = g_memdup2 (pts, (n + 1) * sizeof (P));
  int half = wrap (end->b - end->a, n) / 2, arm = (int) lround (ROUND_ARM / SAMPLE_STEP);
  int a1, b1, a2, b2;

  if (!svgai_refit_round_corner (pts, n, end->a, end->t_in, end->t_cap, end->round, wrap (end->a - end->from, n) + arm,
                                 half, &a1, &b1) ||
      !svgai_refit_round_corner (pts, n, end->b, end->t_cap, end->t_out, end->round, half,
                                 wrap (end->to - end->b, n) + arm, &a2, &b2))
    {
      memcpy (pts, saved, (n + 1) * sizeof (P));
      return FALSE;
    }
  add_round (s, a1, b1, end->t_in, end->t_cap);
  add_round (s, a2, b2, end->t_cap, end->t_out);
  return TRUE;
}

/* Square ends and spike tips (svgai-refit-ends.h): their corners join
 * s's, in place of any that a rounded pass found on the cap. Whether any
 * was found. */
static gboolean
put_back_square_ends (Samples *s, int n, const SvgaiCoverage *coverage)
{
  g_autoptr(GArray) ends = svgai_refit_square_ends (coverage, (P *) (gpointer) s->pts->data, n, SAMPLE_STEP);

  for (guint e = 0; e < ends->len; e++)
    {
      const SvgaiSquareEnd *end = &g_array_index (ends, SvgaiSquareEnd, e);

      for (guint c = s->corners->len; c-- > 0;)
        if (wrap ((int) g_array_index (s->corners, guint, c) - end->from, n) <= wrap (end->to - end->from, n))
          {
            g_array_remove_index (s->corners, c);
            g_array_remove_index (s->t_in, c);
            g_array_remove_index (s->t_out, c);
          }
      if (end->a == end->b)
        add_corner (s, (guint) end->a, end->t_in, end->t_out);
      else if (end->round == 0 || !put_rounded_end (s, n, end))
        {
          add_corner (s, (guint) end->a, end->t_in, end->t_cap);
          add_corner (s, (guint) end->b, end->t_cap, end->t_out);
        }
    }
  return ends->len > 0;
}

/* Corners the source draws with a small round (svgai-refit-fillet.h)
 * become the arc's two ends, where the sides go on smoothly. Whether
 * any did. */
static gboolean
put_fillets (Samples *s, int n, const SvgaiCoverage *coverage)
{
  guint nc = s->corners->len;
  g_autofree guint *corner = g_memdup2 (s->corners->data, nc * sizeof (guint));
  g_autofree P *tin = g_memdup2 (s->t_in->data, nc * sizeof (P));
  g_autofree P *tout = g_memdup2 (s->t_out->data, nc * sizeof (P));
  P *pts = (P *) (gpointer) s->pts->data;
  gboolean any = FALSE;

  g_array_set_size (s->corners, 0);
  g_array_set_size (s->t_in, 0);
  g_array_set_size (s->t_out, 0);
  for (guint c = 0; c < nc; c++)
    {
      int i = (int) corner[c], a, b;
      int gap_in = nc == 1 ? n : wrap (i - (int) corner[(c + nc - 1) % nc], n);
      int gap_out = nc == 1 ? n : wrap ((int) corner[(c + 1) % nc] - i, n);

      if (svgai_refit_fillet (coverage, pts, n, i, tin[c], tout[c], gap_in, gap_out, &a, &b))
        {
          add_round (s, a, b, tin[c], tout[c]);
          any = TRUE;
        }
      else
        add_corner (s, (guint) i, tin[c], tout[c]);
    }
  return any;
}

/* The square-end pass and (with `kinks`) the kink pass over q (the
 * samples from corner rot on, snapped to the coverage, or placed from it
 * across a thin line): the corners they find join s's, and q (and hidden,
 * if any) start at the first corner again. Returns the number of
 * corners. */
static int
put_back_corners (Samples *s, int n, P *q, int *rot, gboolean *hidden, const SvgaiCoverage *coverage, gboolean kinks)
{
  guint before = s->corners->len;
  gboolean ends, rounds = FALSE;

  for (int i = 0; i < n; i++)
    g_array_index (s->pts, P, (i + *rot) % n) = q[i];
  g_array_index (s->pts, P, n) = g_array_index (s->pts, P, 0);
  ends = put_back_square_ends (s, n, coverage);
  if (kinks)
    {
      find_rounded_corners (s, n, &KINK_PASS, coverage);
      rounds = put_fillets (s, n, coverage);
    }
  if (!ends && !rounds && s->corners->len == before)
    return (int) before;
  *rot = s->corners->len > 0 ? (int) g_array_index (s->corners, guint, 0) : 0;
  for (int i = 0; i <= n; i++)
    q[i] = g_array_index (s->pts, P, (*rot + i) % n);
  for (int i = 0; i <= n && hidden != NULL; i++)
    hidden[i] = svgai_coverage_hidden (coverage, q[i]);
  return (int) s->corners->len;
}

static gboolean
starts_arc (const Samples *s, int i)
{
  for (guint k = 0; k < s->arcs->len; k++)
    if ((int) g_array_index (s->arcs, guint, k) == i)
      return TRUE;
  return FALSE;
}

/* A round put back, as the one cubic that draws a circular arc from p0
 * leaving along t0 to p3 arriving along t3 (the fitted curve would be
 * flattened by the sides' smoothing over so few samples). */
static void
emit_arc (Fitter *f, P p0, P p3, P t0, P t3)
{
  double turn = acos (CLAMP (dot (t0, t3), -1.0, 1.0));
  double chord = svgai_hypot (p3.x - p0.x, p3.y - p0.y), r = chord / (2 * MAX (sin (turn / 2), 1e-6));
  double arm = 4.0 / 3 * tan (turn / 4) * r;
  P b[4] = { p0, add (p0, scale (t0, arm)), sub (p3, scale (t3, arm)), p3 };

  svgai_refit_emit (f, SVGAI_SEGMENT_CURVE, b);
}

/* Fits q's sides, from corner to corner (the first at q[0]; corner c at
 * sample s's corner c - rot), into f: a round put back as its arc, a
 * straight side as one line, any other as cubics. */
static void
fit_sides (Fitter *f, const Samples *s, P *q, int n, int nc, int rot, P *tmp, gboolean thin)
{
  g_autofree Side *sides = g_new0 (Side, nc);

  for (int c = 0; c < nc; c++)
    {
      Side *side = &sides[c];

      side->a = (int) g_array_index (s->corners, guint, c) - rot;
      side->b = c + 1 < nc ? (int) g_array_index (s->corners, guint, c + 1) - rot : n;
      side->skip = (int) lround (MAX (corner_reach (s, c), corner_reach (s, (c + 1) % nc)) / SAMPLE_STEP);
      smooth (q, side->a, side->b, FALSE, tmp, thin);
      /* A side from corner to corner that is straight is one line,
       * whatever the short polygon sides at its corners say, and
       * however an anti-aliased acute corner rounds its first pixel. */
      side->straight = svgai_refit_is_line (q, side->a, side->b, unit (sub (q[side->b], q[side->a])),
                                            unit (sub (q[side->a], q[side->b])), MAX (f->tolerance, LINE_TOLERANCE),
                                            f->hidden, side->skip);
    }
  svgai_refit_corners_onto_sides (q, n, sides, nc, SAMPLE_STEP);
  for (int c = 0; c < nc; c++)
    {
      int a = sides[c].a, b = sides[c].b;

      if (starts_arc (s, (a + rot) % n))
        emit_arc (f, q[a], q[b], g_array_index (s->t_out, P, c), g_array_index (s->t_in, P, (c + 1) % nc));
      else if (sides[c].straight)
        {
          P l[4] = { q[a], q[b], q[b], q[b] };
          svgai_refit_emit (f, SVGAI_SEGMENT_LINE, l);
        }
      else
        svgai_refit_fit_cubic (f, q, a, b, g_array_index (s->t_out, P, c), scale (g_array_index (s->t_in, P, (c + 1) % nc), -1));
    }
}

gboolean
svgai_refit_contour (GArray *segs, guint start, const GArray *corner_ends, const SvgaiCoverage *coverage,
                     double tolerance, int grid, GArray *compact)
{
  const SvgaiSegment *seg = (const SvgaiSegment *) (gconstpointer) segs->data;
  Samples s = { g_array_new (FALSE, FALSE, sizeof (P)), g_array_new (FALSE, FALSE, sizeof (guint)),
                g_array_new (FALSE, FALSE, sizeof (P)), g_array_new (FALSE, FALSE, sizeof (P)),
                g_array_new (FALSE, FALSE, sizeof (guint)), 0 };
  guint end = segs->len;
  gboolean done = FALSE, thin;
  double width;
  int n, nc, rot;
  P *q = NULL, *tmp = NULL;
  Fitter f = { g_array_new (FALSE, FALSE, sizeof (SvgaiSegment)), tolerance, NULL, NULL, grid, NULL,
               compact != NULL ? g_array_new (FALSE, FALSE, sizeof (SvgaiSegment)) : NULL };
  g_autofree gboolean *hidden = NULL;
  P last_end = seg[end - 1].p[2], first = seg[start].p[2];

  if (end < start + 2 || fabs (last_end.x - first.x) > 1e-9 || fabs (last_end.y - first.y) > 1e-9)
    goto out;
  sample_contour (seg, start, end, corner_ends, &s);
  n = (int) s.pts->len - 1;   /* distinct samples; pts[n] == pts[0] */
  if (n < MIN_SAMPLES || s.length < MIN_SMOOTH_LENGTH)
    goto out;
  width = mean_width (s.pts, n, s.length);
  thin = width < MIN_WIDTH;
  if (thin && coverage == NULL)
    goto out;
  for (guint p = 0; p < G_N_ELEMENTS (ROUNDED_PASSES); p++)
    find_rounded_corners (&s, n, &ROUNDED_PASSES[p], coverage);
  nc = (int) s.corners->len;

  /* Start at the first corner (if any), so every piece is contiguous. */
  rot = nc > 0 ? (int) g_array_index (s.corners, guint, 0) : 0;
  q = g_new (P, n + 1);
  tmp = g_new (P, n + 1);
  f.u = g_new (double, n + 1);
  f.dist = g_new (double, n + 1);
  for (int i = 0; i <= n; i++)
    f.dist[i] = -1;
  for (int i = 0; i <= n; i++)
    q[i] = g_array_index (s.pts, P, (rot + i) % n);
  if (coverage != NULL && coverage->covered != NULL)
    {
      hidden = g_new (gboolean, n + 1);
      for (int i = 0; i <= n; i++)
        hidden[i] = svgai_coverage_hidden (coverage, q[i]);
      f.hidden = hidden;
    }
  thin = thin && svgai_refit_thin (q, n, SAMPLE_STEP, coverage);
  if (!thin && width < MIN_SNAP_WIDTH)
    goto out;
  if (thin)
    {
      /* A line's sides, each off by the tolerance, would make its width waver by twice that. */
      g_clear_pointer (&f.compact, g_array_unref);
      nc = put_back_corners (&s, n, q, &rot, hidden, coverage, FALSE);
    }
  else if (coverage != NULL)
    {
      g_autofree int *at_corner = g_new (int, MAX (nc, 1));
      for (int c = 0; c < nc; c++)
        at_corner[c] = (int) g_array_index (s.corners, guint, c) - rot;
      snap_to_coverage (q, n, at_corner, nc, coverage, tmp);
      nc = put_back_corners (&s, n, q, &rot, hidden, coverage, TRUE);
    }

  if (nc == 0)
    {
      P t;
      smooth (q, 0, n, TRUE, tmp, thin);
      t = sampled_tangent (q, 0, n);
      svgai_refit_fit_cubic (&f, q, 0, n, t, scale (t, -1));
    }
  else
    fit_sides (&f, &s, q, n, nc, rot, tmp, thin);

  put_fits (segs, start, &f, q[0], compact);
  done = TRUE;

out:
  g_free (q);
  g_free (tmp);
  g_free (f.u);
  g_free (f.dist);
  g_array_unref (f.out);
  g_clear_pointer (&f.compact, g_array_unref);
  g_array_unref (s.pts);
  g_array_unref (s.corners);
  g_array_unref (s.t_in);
  g_array_unref (s.t_out);
  g_array_unref (s.arcs);
  return done;
}
