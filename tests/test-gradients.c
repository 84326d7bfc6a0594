/* Gradients with known parameters, drawn with cairo, come back: linear at
 * any angle and radial, 2 or 3 stops; stop colours within 2 levels (checked
 * as the ramp's colour across the shape), ends, centre and radius within
 * 1 px. Both the fitter alone and the whole tracer (one shape, one fill);
 * a fade's opacity comes back in its stops. */
#include <cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "engine/svgai-gradient.h"
#include "engine/svgai-convert.h"
#include "engine/svgai-fill.h"
#include "engine/svgai-render.h"
#include "engine/svgai-svg-writer.h"
#include "engine/svgai-trace.h"
#include "test-cairo-image.h"
#include "test-devset.h"

#define SIZE 160

typedef struct {
  gboolean radial;
  double x0, y0, x1, y1;    /* linear ends, or radial centre and (x1: radius) */
  int n_stops;
  double offset[3];
  guint8 rgb[3][3];
} Known;

static cairo_pattern_t *
pattern_of (const Known *k)
{
  cairo_pattern_t *p = k->radial ? cairo_pattern_create_radial (k->x0, k->y0, 0, k->x0, k->y0, k->x1)
                                 : cairo_pattern_create_linear (k->x0, k->y0, k->x1, k->y1);

  for (int i = 0; i < k->n_stops; i++)
    cairo_pattern_add_color_stop_rgb (p, k->offset[i], k->rgb[i][0] / 255.0, k->rgb[i][1] / 255.0,
                                      k->rgb[i][2] / 255.0);
  return p;
}

/* The shape the gradient spans: a disc of the radial's radius, or the
 * rectangle between the linear ends, 60 px wide. Written into segs too. */
static void
shape_path (cairo_t *cr, const Known *k, GArray *segs)
{
  SvgaiSegment s = { SVGAI_SEGMENT_MOVE };
  int n = k->radial ? 96 : 4;

  for (int i = 0; i < n; i++)
    {
      double x, y;

      if (k->radial)
        x = k->x0 + k->x1 * cos (2 * M_PI * i / n), y = k->y0 + k->x1 * sin (2 * M_PI * i / n);
      else
        {
          double dx = k->x1 - k->x0, dy = k->y1 - k->y0, len = hypot (dx, dy);
          double nx = -dy / len * 30, ny = dx / len * 30;
          double ex = i == 1 || i == 2 ? k->x1 : k->x0, ey = i == 1 || i == 2 ? k->y1 : k->y0;
          double side = i < 2 ? 1 : -1;
          x = ex + side * nx, y = ey + side * ny;
        }
      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
      s.kind = i == 0 ? SVGAI_SEGMENT_MOVE : SVGAI_SEGMENT_LINE;
      s.p[2] = (SvgaiPoint) { x, y };
      g_array_append_val (segs, s);
    }
  cairo_close_path (cr);
  s.kind = SVGAI_SEGMENT_CLOSE;
  g_array_append_val (segs, s);
}

static SvgaiImage *
draw (const Known *k, GArray *segs)
{
  cairo_t *cr = drawing_new (SIZE, SIZE);
  cairo_pattern_t *p = pattern_of (k);

  cairo_set_source (cr, p);
  shape_path (cr, k, segs);
  cairo_fill (cr);
  cairo_pattern_destroy (p);
  return drawing_finish (cr);
}

/* Colour of a ramp at offset t (sRGB interpolation, padded). */
static double
ramp (int n, const double *offset, const guint8 (*rgb)[3], double t, int c)
{
  if (t <= offset[0])
    return rgb[0][c];
  for (int i = 0; i + 1 < n; i++)
    if (t <= offset[i + 1])
      {
        double f = (t - offset[i]) / MAX (offset[i + 1] - offset[i], 1e-9);
        return rgb[i][c] + f * (rgb[i + 1][c] - rgb[i][c]);
      }
  return rgb[n - 1][c];
}

static double
offset_at (gboolean radial, SvgaiPoint a, SvgaiPoint b, double x, double y)
{
  double dx = b.x - a.x, dy = b.y - a.y;

  if (radial)
    return hypot (x - a.x, y - a.y) / hypot (dx, dy);
  return ((x - a.x) * dx + (y - a.y) * dy) / (dx * dx + dy * dy);
}

static void
check_recovered (const Known *k, const SvgaiGradient *g)
{
  double off[SVGAI_MAX_GRADIENT_STOPS];
  guint8 rgb[SVGAI_MAX_GRADIENT_STOPS][3];
  SvgaiPoint a = { k->x0, k->y0 }, b = { k->radial ? k->x0 + k->x1 : k->x1, k->radial ? k->y0 : k->y1 };

  g_assert_true (g->active);
  g_test_message ("fitted %s (%.1f,%.1f)-(%.1f,%.1f), %u stops", g->kind == SVGAI_GRADIENT_RADIAL ? "radial" : "linear",
                  g->from.x, g->from.y, g->to.x, g->to.y, g->n_stops);
  for (guint i = 0; i < g->n_stops; i++)
    g_test_message ("  %.3f %d %d %d", g->stops[i].offset, g->stops[i].rgb[0], g->stops[i].rgb[1], g->stops[i].rgb[2]);
  g_assert_cmpint (g->kind, ==, k->radial ? SVGAI_GRADIENT_RADIAL : SVGAI_GRADIENT_LINEAR);
  g_assert_cmpuint (g->n_stops, >=, 2);
  g_assert_cmpfloat (hypot (g->from.x - a.x, g->from.y - a.y), <=, 1.0);
  if (k->radial)
    g_assert_cmpfloat (fabs (hypot (g->to.x - g->from.x, g->to.y - g->from.y) - k->x1), <=, 1.0);
  else
    g_assert_cmpfloat (hypot (g->to.x - b.x, g->to.y - b.y), <=, 1.0);
  for (guint i = 0; i < g->n_stops; i++)
    off[i] = g->stops[i].offset, memcpy (rgb[i], g->stops[i].rgb, 3);
  /* The ramps agree along the gradient, away from the shape's rim. */
  for (double t = 0.05; t <= 0.95; t += 0.01)
    {
      double x = a.x + t * (b.x - a.x), y = a.y + t * (b.y - a.y);
      double u = offset_at (k->radial, g->from, g->to, x, y);

      for (int c = 0; c < 3; c++)
        {
          double want = ramp (k->n_stops, k->offset, (const guint8 (*)[3]) k->rgb, t, c);
          double got = ramp ((int) g->n_stops, off, (const guint8 (*)[3]) rgb, u, c);
          if (fabs (want - got) > 2.0)
            g_error ("at offset %.2f channel %d: drawn %.1f, fitted %.1f", t, c, want, got);
        }
    }
}

static const Known cases[] = {
  { FALSE, 20, 80, 140, 80, 2, { 0, 1 }, { { 230, 40, 20 }, { 250, 200, 30 } } },
  { FALSE, 40, 30, 120, 130, 2, { 0, 1 }, { { 20, 90, 200 }, { 120, 220, 255 } } },
  { FALSE, 130, 20, 30, 140, 3, { 0, 0.4, 1 }, { { 255, 80, 60 }, { 160, 40, 180 }, { 30, 60, 200 } } },
  { TRUE, 80, 78, 60, 0, 2, { 0, 1 }, { { 255, 240, 120 }, { 220, 60, 20 } } },
  { TRUE, 76, 84, 64, 0, 3, { 0, 0.5, 1 }, { { 240, 240, 250 }, { 150, 200, 245 }, { 60, 100, 180 } } },
};

/* The fitter alone, on the shape's interior pixels and its exact outline. */
static void
test_fit (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
      g_autoptr(SvgaiImage) img = draw (&cases[i], segs);
      g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (SvgaiColorSample));
      SvgaiGradient g;

      for (int y = 1; y < SIZE - 1; y++)
        for (int x = 1; x < SIZE - 1; x++)
          if (svgai_image_pixel (img, x, y)[3] == 255 && svgai_image_pixel (img, x - 1, y)[3] == 255 &&
              svgai_image_pixel (img, x + 1, y)[3] == 255 && svgai_image_pixel (img, x, y - 1)[3] == 255 &&
              svgai_image_pixel (img, x, y + 1)[3] == 255)
            {
              SvgaiColorSample s = { x + 0.5f, y + 0.5f };
              memcpy (s.rgba, svgai_image_pixel (img, x, y), 4);
              g_array_append_val (samples, s);
            }
      g_test_message ("case %u", i);
      g_assert_true (svgai_gradient_fit_samples ((SvgaiColorSample *) samples->data, samples->len,
                                                 (SvgaiSegment *) segs->data, segs->len, 10,
                                                 SVGAI_GRADIENT_DIRECTION_SEARCH, &g, NULL));
      check_recovered (&cases[i], &g);
    }
}

/* A ramp that is no straight line through its colours (dark blue turning
 * through orange over its first fifth to pale, padded over its last
 * 30 %) on a right triangle, not symmetric about its direction: the
 * colour moments' direction (which the searched fit keeps, its error
 * being small) is then a few degrees off, and the pixels at the ramp's
 * ends miss by more than 3 levels. The refined fit (for fills) finds the
 * drawn direction within half a degree, and no pixel misses by 3. */
#define SKEW_ANGLE (30 * G_PI / 180)

static void
skewed_ramp (double x, double y, guint8 rgba[4])
{
  static const double stops[3][3] = { { 40, 20, 120 }, { 200, 120, 60 }, { 250, 230, 200 } };
  double t = ((x - 10) * cos (SKEW_ANGLE) + (y - 10) * sin (SKEW_ANGLE)) / 150;

  t = CLAMP (t, 0, 1);
  for (int c = 0; c < 3; c++)
    rgba[c] = (guint8) lround (t < 0.2 ? stops[0][c] + t / 0.2 * (stops[1][c] - stops[0][c])
                                       : t < 0.7 ? stops[1][c] + (t - 0.2) / 0.5 * (stops[2][c] - stops[1][c])
                                                 : stops[2][c]);
  rgba[3] = 255;
}

static double
worst_miss (const SvgaiGradient *g, const GArray *samples)
{
  double worst = 0;

  for (guint i = 0; i < samples->len; i++)
    {
      const SvgaiColorSample *s = &g_array_index (samples, SvgaiColorSample, i);
      double rgba[SVGAI_CHANNELS];

      svgai_gradient_colour_at (g, s->x, s->y, rgba);
      for (int c = 0; c < 3; c++)
        worst = MAX (worst, fabs (rgba[c] - s->rgba[c]));
    }
  return worst;
}

static void
test_direction_refined (void)
{
  const SvgaiSegment tri[] = {
    { SVGAI_SEGMENT_MOVE, { { 0 }, { 0 }, { 10, 10 } } },
    { SVGAI_SEGMENT_LINE, { { 0 }, { 0 }, { 150, 10 } } },
    { SVGAI_SEGMENT_LINE, { { 0 }, { 0 }, { 10, 150 } } },
    { SVGAI_SEGMENT_CLOSE },
  };
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (SvgaiColorSample));
  SvgaiGradient searched, refined;
  double worst_searched, worst_refined, angle;

  for (int y = 11; y < 149; y++)
    for (int x = 11; x + y < 159; x++)
      {
        SvgaiColorSample s = { x + 0.5f, y + 0.5f };

        skewed_ramp (s.x, s.y, s.rgba);
        g_array_append_val (samples, s);
      }
  g_assert_true (svgai_gradient_fit_samples ((SvgaiColorSample *) samples->data, samples->len, tri,
                                             G_N_ELEMENTS (tri), 10, SVGAI_GRADIENT_DIRECTION_SEARCH, &searched,
                                             NULL));
  g_assert_true (svgai_gradient_fit_samples ((SvgaiColorSample *) samples->data, samples->len, tri,
                                             G_N_ELEMENTS (tri), 10, SVGAI_GRADIENT_DIRECTION_REFINED, &refined,
                                             NULL));
  worst_searched = worst_miss (&searched, samples);
  worst_refined = worst_miss (&refined, samples);
  angle = atan2 (refined.to.y - refined.from.y, refined.to.x - refined.from.x) * 180 / G_PI;
  g_test_message ("worst pixel: %.1f levels searched (%.1f deg), %.1f refined (%.1f deg; drawn at 30)", worst_searched,
                  atan2 (searched.to.y - searched.from.y, searched.to.x - searched.from.x) * 180 / G_PI, worst_refined,
                  angle);
  g_assert_cmpfloat (worst_searched, >, 3.0);
  g_assert_cmpfloat (worst_refined, <=, 3.0);
  g_assert_cmpfloat (fabs (angle - 30), <=, 0.5);
}

/* A radial ramp that turns back through another hue (teal, dark magenta,
 * olive: corpus sample 38), seen on a rectangle off its centre with a
 * hole: the paraboloid of the channel that varies most (green, dark
 * between two lights) has its vertex far off, and a centre searched only
 * from there settled 42 px away, the fill a banded linear. From every
 * channel's vertex and the centroid, the centre comes back within 1 px. */
#define TURN_CX 48.66
#define TURN_CY 48.72
#define TURN_R 63.31

static void
turning_radial (double x, double y, guint8 rgba[4])
{
  static const double stops[3][3] = { { 0x09, 0xab, 0xba }, { 0x76, 0x1f, 0x5e }, { 0x7e, 0xc4, 0x29 } };
  double t = MIN (hypot (x - TURN_CX, y - TURN_CY) / TURN_R, 1);
  int i = t < 0.5 ? 0 : 1;
  double f = (t - 0.5 * i) / 0.5;

  for (int c = 0; c < 3; c++)
    rgba[c] = (guint8) lround (stops[i][c] + f * (stops[i + 1][c] - stops[i][c]));
  rgba[3] = 255;
}

static void
test_radial_turning_back (void)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (SvgaiColorSample));
  SvgaiGradient g;
  double rms, worst, off;

  for (int y = 39; y < 89; y++)
    for (int x = 28; x < 100; x++)
      if (!(x >= 61 && x < 90 && y >= 47 && y < 86))
        {
          SvgaiColorSample s = { x + 0.5f, y + 0.5f };

          turning_radial (s.x, s.y, s.rgba);
          g_array_append_val (samples, s);
        }
  g_assert_true (svgai_gradient_fit_in_box ((SvgaiColorSample *) samples->data, samples->len, 28, 39, 100, 89,
                                            SVGAI_GRADIENT_DIRECTION_REFINED, &g, &rms));
  worst = worst_miss (&g, samples);
  off = hypot (g.from.x - TURN_CX, g.from.y - TURN_CY);
  g_test_message ("kind %d, centre %.1f, %.1f (%.2f px off), %u stops, rms %.2f, worst %.1f levels", g.kind, g.from.x,
                  g.from.y, off, g.n_stops, rms, worst);
  g_assert_cmpint (g.kind, ==, SVGAI_GRADIENT_RADIAL);
  g_assert_cmpfloat (off, <=, 1.0);
  g_assert_cmpfloat (rms, <=, 1.5);
}

/* The tracer: each drawing becomes one shape with one gradient fill. */
static void
test_trace (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
      g_autoptr(SvgaiImage) img = draw (&cases[i], segs);
      g_autoptr(SvgaiVector) v = NULL;
      const SvgaiLayer *l;

      v = trace_default (img);
      g_test_message ("case %u: %u layers", i, v->layers->len);
      g_assert_cmpuint (v->layers->len, ==, 1);
      l = g_ptr_array_index (v->layers, 0);
      check_recovered (&cases[i], &l->gradient);
    }
}

/* A fade: one colour whose alpha falls from 1 to 0.55 along the shape
 * comes back as one shape whose stops carry the opacity. */
static void
test_fade (void)
{
  cairo_t *cr = drawing_new (SIZE, SIZE);
  cairo_pattern_t *p = cairo_pattern_create_linear (20, 0, 140, 0);
  g_autoptr(SvgaiImage) img = NULL;
  g_autoptr(SvgaiVector) v = NULL;
  const SvgaiLayer *l;
  const SvgaiGradient *g;

  cairo_pattern_add_color_stop_rgba (p, 0, 30 / 255.0, 136 / 255.0, 229 / 255.0, 1);
  cairo_pattern_add_color_stop_rgba (p, 1, 30 / 255.0, 136 / 255.0, 229 / 255.0, 0.55);
  cairo_set_source (cr, p);
  cairo_rectangle (cr, 20, 50, 120, 60);
  cairo_fill (cr);
  cairo_pattern_destroy (p);
  img = drawing_finish (cr);

  v = trace_default (img);
  g_assert_cmpuint (v->layers->len, ==, 1);
  l = g_ptr_array_index (v->layers, 0);
  g = &l->gradient;
  g_assert_true (g->active);
  g_assert_cmpint (g->kind, ==, SVGAI_GRADIENT_LINEAR);
  g_assert_cmpfloat (hypot (g->from.x - 20, g->from.y - g->to.y), <=, 1.0);
  g_assert_cmpfloat (fabs (g->to.x - 140), <=, 1.0);
  for (double x = 26; x <= 134; x += 1)
    {
      double want = 255 * (1 - 0.45 * (x - 20) / 120);
      double u = (x - g->from.x) / (g->to.x - g->from.x), got = 0;

      for (guint k = 0; k + 1 < g->n_stops; k++)
        if (u >= g->stops[k].offset && u <= g->stops[k + 1].offset)
          {
            double f = (u - g->stops[k].offset) / (g->stops[k + 1].offset - g->stops[k].offset);
            got = ((1 - f) * g->stops[k].alpha + f * g->stops[k + 1].alpha) * l->a / 255;
          }
      if (u < g->stops[0].offset)
        got = g->stops[0].alpha * l->a / 255.0;
      if (u > g->stops[g->n_stops - 1].offset)
        got = g->stops[g->n_stops - 1].alpha * l->a / 255.0;
      if (fabs (want - got) > 2.0)
        g_error ("alpha at x = %.0f: drawn %.1f, fitted %.1f", x, want, got);
    }
}

/* The point at t (0..1) along segment i of an outline (a line or a
 * cubic from the previous segment's end). */
static SvgaiPoint
point_on (const SvgaiSegment *seg, guint i, double t)
{
  SvgaiPoint a = seg[i - 1].p[2];

  if (seg[i].kind == SVGAI_SEGMENT_CURVE)
    return svgai_cubic_at (a, seg[i].p[0], seg[i].p[1], seg[i].p[2], t);
  return (SvgaiPoint) { a.x + t * (seg[i].p[2].x - a.x), a.y + t * (seg[i].p[2].y - a.y) };
}

/* Furthest point of a layer's outline (sampled along each segment) from
 * the circle (cx, cy, radius); with side ±1, only points more than 2 px
 * to that side of the centre. */
static double
off_circle (const SvgaiLayer *l, double cx, double cy, double radius, double side)
{
  const SvgaiSegment *seg = (const SvgaiSegment *) l->segments->data;
  double worst = 0;

  for (guint i = 1; i < l->segments->len; i++)
    for (int j = 0; j < 8 && seg[i].kind != SVGAI_SEGMENT_CLOSE && seg[i].kind != SVGAI_SEGMENT_MOVE; j++)
      {
        SvgaiPoint p = point_on (seg, i, j / 8.0);

        if (side == 0 || ((p.x - cx) * side > 0 && fabs (p.x - cx) > 2))
          worst = MAX (worst, fabs (hypot (p.x - cx, p.y - cy) - radius));
      }
  return worst;
}

/* A disc under one steep ramp, anti-aliased on transparency: its edge
 * pixels are the ramp's colours at partial alpha, which the palette may
 * match with colours of their own. They belong to the ramp: the outline is
 * the disc's, smooth, not a polygon notched wherever the edge fell to
 * another colour. */
static void
test_ramp_edge (void)
{
  const double cx = 80, cy = 80, radius = 70;
  cairo_t *cr = drawing_new (SIZE, SIZE);
  cairo_pattern_t *p = cairo_pattern_create_linear (20, 10, 140, 150);
  g_autoptr(SvgaiImage) img = NULL;
  g_autoptr(SvgaiVector) v = NULL;
  double worst = 0;
  guint n_segments = 0;

  /* Two ramps, one each side, as in Engine Yard's logo. */
  cairo_pattern_add_color_stop_rgb (p, 0, 47 / 255.0, 19 / 255.0, 145 / 255.0);
  cairo_pattern_add_color_stop_rgb (p, 1, 71 / 255.0, 127 / 255.0, 218 / 255.0);
  cairo_set_source (cr, p);
  cairo_arc (cr, cx, cy, radius, M_PI / 2, 3 * M_PI / 2);
  cairo_fill (cr);
  cairo_pattern_destroy (p);
  p = cairo_pattern_create_linear (0, 10, 0, 150);
  cairo_pattern_add_color_stop_rgb (p, 0, 32 / 255.0, 85 / 255.0, 218 / 255.0);
  cairo_pattern_add_color_stop_rgb (p, 1, 0, 191 / 255.0, 246 / 255.0);
  cairo_set_source (cr, p);
  cairo_arc (cr, cx, cy, radius, -M_PI / 2, M_PI / 2);
  cairo_fill (cr);
  cairo_pattern_destroy (p);
  img = drawing_finish (cr);

  v = trace_default (img);
  g_assert_cmpuint (v->layers->len, ==, 2);
  for (guint k = 0; k < v->layers->len; k++)
    {
      const SvgaiLayer *l = g_ptr_array_index (v->layers, k);
      const SvgaiLayer *top = g_ptr_array_index (v->layers, 1);
      /* The upper layer's outline is its half of the circle; the lower
       * one's shows on the other half (it runs on under the upper one,
       * where nothing shows it). */
      double side = 0;

      for (guint i = 0; i < top->segments->len; i++)
        side += g_array_index (top->segments, SvgaiSegment, i).p[2].x - cx;
      side = k == 1 ? side : -side;
      n_segments += l->segments->len;
      worst = MAX (worst, off_circle (l, cx, cy, radius, side > 0 ? 1 : -1));
    }
  g_test_message ("%u layers, %u segments, furthest %.3f px off the circle", v->layers->len, n_segments, worst);
  /* 0.19 px and 37 segments when the edge pixels stay with colours of
   * their own. */
  g_assert_cmpfloat (worst, <=, 0.15);
  g_assert_cmpuint (n_segments, <=, 33);
}

/* A ramp disc over another ramp: its edge pixels mix the two ramps'
 * colours there, which no two palette colours are; shared between the
 * palette's bands, they made the disc's outline serrated (moltin's wave),
 * and here four layers instead of two. */
static void
test_ramp_over_ramp (void)
{
  const double cx = 78.3, cy = 81.6, radius = 52.4;
  cairo_t *cr = drawing_new (SIZE, SIZE);
  cairo_pattern_t *p = cairo_pattern_create_linear (0, 10, 0, 150);
  g_autoptr(SvgaiImage) img = NULL;
  g_autoptr(SvgaiVector) v = NULL;
  const SvgaiLayer *disc;
  double worst;

  cairo_pattern_add_color_stop_rgb (p, 0, 240 / 255.0, 120 / 255.0, 30 / 255.0);
  cairo_pattern_add_color_stop_rgb (p, 1, 226 / 255.0, 40 / 255.0, 22 / 255.0);
  cairo_set_source (cr, p);
  cairo_rectangle (cr, 4, 4, SIZE - 8, SIZE - 8);
  cairo_fill (cr);
  cairo_pattern_destroy (p);
  p = cairo_pattern_create_linear (30, 30, 130, 130);
  cairo_pattern_add_color_stop_rgb (p, 0, 250 / 255.0, 200 / 255.0, 60 / 255.0);
  cairo_pattern_add_color_stop_rgb (p, 1, 190 / 255.0, 30 / 255.0, 90 / 255.0);
  cairo_set_source (cr, p);
  cairo_arc (cr, cx, cy, radius, 0, 2 * M_PI);
  cairo_fill (cr);
  cairo_pattern_destroy (p);
  img = drawing_finish (cr);

  v = trace_default (img);
  g_assert_cmpuint (v->layers->len, ==, 2);
  disc = g_ptr_array_index (v->layers, 1);
  g_assert_true (disc->gradient.active);
  worst = off_circle (disc, cx, cy, radius, 0);
  g_test_message ("disc: %u segments, furthest %.3f px off the circle", disc->segments->len, worst);
  g_assert_cmpfloat (worst, <=, 0.15);
}

/* An elliptical radial gradient (a squashed highlight, Sinatra's brim) on
 * an ellipse turned 20°: traced as one shape with one radial fill whose
 * ellipse is the drawn one, written as a gradientTransform that librsvg
 * draws as the engine does. */
static void
test_ellipse (void)
{
  const double cx = 80.4, cy = 78.2, r = 70, q = 0.5, angle = 20 * G_PI / 180;
  const double ax = r * cos (angle), ay = r * sin (angle);
  cairo_t *cr = drawing_new (SIZE, SIZE);
  cairo_pattern_t *p = cairo_pattern_create_radial (0, 0, 0, 0, 0, 1);
  cairo_matrix_t m;
  g_autoptr(SvgaiImage) img = NULL;
  g_autoptr(SvgaiImage) drawn = NULL;
  g_autoptr(SvgaiVector) v = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GError) error = NULL;
  const SvgaiGradient *g;
  double fitted_angle, off = 0, worst = 0;

  cairo_pattern_add_color_stop_rgb (p, 0, 250 / 255.0, 230 / 255.0, 180 / 255.0);
  cairo_pattern_add_color_stop_rgb (p, 1, 120 / 255.0, 60 / 255.0, 40 / 255.0);
  cairo_matrix_init (&m, ax, ay, -q * ay, q * ax, cx, cy);
  cairo_matrix_invert (&m);
  cairo_pattern_set_matrix (p, &m);
  cairo_set_source (cr, p);
  cairo_save (cr);
  cairo_translate (cr, cx, cy);
  cairo_rotate (cr, angle);
  cairo_scale (cr, r, r * q);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_restore (cr);
  cairo_fill (cr);
  cairo_pattern_destroy (p);
  img = drawing_finish (cr);

  v = trace_default (img);
  g_assert_cmpuint (v->layers->len, ==, 1);
  g = &((const SvgaiLayer *) g_ptr_array_index (v->layers, 0))->gradient;
  g_assert_true (g->active);
  g_assert_cmpint (g->kind, ==, SVGAI_GRADIENT_RADIAL);
  fitted_angle = atan2 (g->to.y - g->from.y, g->to.x - g->from.x);
  g_test_message ("centre (%.1f, %.1f), semi-axis %.1f at %.1f°, ratio %.3f, %u stops", g->from.x, g->from.y,
                  hypot (g->to.x - g->from.x, g->to.y - g->from.y), fitted_angle * 180 / G_PI, g->ratio, g->n_stops);
  g_assert_cmpfloat (hypot (g->from.x - cx, g->from.y - cy), <=, 1.0);
  g_assert_cmpfloat (fabs (hypot (g->to.x - g->from.x, g->to.y - g->from.y) - r), <=, 1.5);
  g_assert_cmpfloat (fabs (remainder (fitted_angle - angle, G_PI)), <=, 3 * G_PI / 180);
  g_assert_cmpfloat (fabs (g->ratio - q), <=, 0.03);

  /* librsvg's drawing of the SVG, the engine's gradient and the drawing
   * agree inside the ellipse, away from its rim. */
  svg = svgai_svg_write (v);
  drawn = svgai_render_svg (svg, SIZE, SIZE, &error);
  g_assert_no_error (error);
  for (double t = -0.85; t <= 0.85; t += 0.05)
    for (double u = -0.85; u <= 0.85; u += 0.05)
      {
        double x = cx + t * ax - u * q * ay, y = cy + t * ay + u * q * ax, want[SVGAI_CHANNELS];
        int px = (int) floor (x), py = (int) floor (y);

        if (t * t + u * u > 0.85 * 0.85)
          continue;
        svgai_gradient_colour_at (g, px + 0.5, py + 0.5, want);
        for (int c = 0; c < 3; c++)
          {
            off = MAX (off, fabs (want[c] - svgai_image_pixel (img, px, py)[c]));
            worst = MAX (worst, fabs (want[c] - svgai_image_pixel (drawn, px, py)[c]));
          }
      }
  g_test_message ("inside: fitted vs drawn %.1f levels, fitted vs librsvg %.1f levels", off, worst);
  g_assert_cmpfloat (off, <=, 3);
  g_assert_cmpfloat (worst, <=, 3);
}

/* The furthest any layer's outline comes from the line (x0, y0)–(x1, y1),
 * over its points within 3 px of the line and more than 10 px from its
 * ends, read about every px; *n counts those points. */
static double
off_line (const SvgaiVector *v, double x0, double y0, double x1, double y1, guint *n)
{
  double len = hypot (x1 - x0, y1 - y0), ux = (x1 - x0) / len, uy = (y1 - y0) / len;
  double worst = 0;

  *n = 0;
  for (guint k = 0; k < v->layers->len; k++)
    {
      const SvgaiLayer *l = g_ptr_array_index (v->layers, k);
      const SvgaiSegment *seg = (const SvgaiSegment *) l->segments->data;

      for (guint i = 1; i < l->segments->len; i++)
        for (int j = 0, m = (int) ceil (hypot (seg[i].p[2].x - seg[i - 1].p[2].x, seg[i].p[2].y - seg[i - 1].p[2].y)) + 8;
             j < m && seg[i].kind != SVGAI_SEGMENT_CLOSE && seg[i].kind != SVGAI_SEGMENT_MOVE; j++)
          {
            SvgaiPoint p = point_on (seg, i, j / (double) m);
            double along, across;

            along = (p.x - x0) * ux + (p.y - y0) * uy;
            across = (p.x - x0) * uy - (p.y - y0) * ux;
            if (along < 10 || along > len - 10 || fabs (across) > 3)
              continue;
            worst = MAX (worst, fabs (across));
            (*n)++;
          }
    }
  return worst;
}

/* Fills the part of the square (x0, 10)–(x1, 150) above the line (x0,
 * y0)–(x1, y1) with the current source. */
static void
fill_above (cairo_t *cr, double x0, double y0, double x1, double y1)
{
  cairo_move_to (cr, x0, 10);
  cairo_line_to (cr, x1, 10);
  cairo_line_to (cr, x1, y1);
  cairo_line_to (cr, x0, y0);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* Traces img and checks that its outlines follow the line (x0, y0)–(x1,
 * y1) within `limit` px. */
static void
check_line_traced (SvgaiImage *img, const char *what, double x0, double y0, double x1, double y1, double limit)
{
  g_autoptr(SvgaiVector) v = trace_default (img);
  guint n;
  double worst = off_line (v, x0, y0, x1, y1, &n);

  g_test_message ("%s: %u points near it, furthest %.3f px off", what, n, worst);
  g_assert_cmpuint (n, >, 100);
  g_assert_cmpfloat (worst, <=, limit);
}

/* A ramp that ends in a flat area of its main colour, folded under a flat
 * shape of that same colour (Sublime Text's ribbons). The fold's pixels mix
 * the ramp's dark end with the flat colour, which is also one of the
 * ramp's bands: they were given wholly to the ramp, and the fold was
 * traced along whole pixels, a staircase. It is the drawn line. */
static void
test_ramp_fold (void)
{
  const double x0 = 10, y0 = 52, x1 = 150, y1 = 88;
  cairo_t *cr = drawing_new (SIZE, SIZE);
  cairo_pattern_t *p = cairo_pattern_create_linear (0, 50, 0, 125);
  g_autoptr(SvgaiImage) img = NULL;

  cairo_pattern_add_color_stop_rgb (p, 0, 196 / 255.0, 98 / 255.0, 0);
  cairo_pattern_add_color_stop_rgb (p, 1, 1, 152 / 255.0, 0);
  cairo_set_source (cr, p);
  cairo_rectangle (cr, x0, 10, x1 - x0, 140);
  cairo_fill (cr);
  cairo_pattern_destroy (p);
  cairo_set_source_rgb (cr, 1, 152 / 255.0, 0);
  fill_above (cr, x0, y0, x1, y1);
  img = drawing_finish (cr);
  check_line_traced (img, "fold", x0, y0, x1, y1, 0.15);
}

/* Two ramps drawn as two shapes that abut along a slanted line
 * (DataGrip's folds): each covers part of the line's pixels, so they are
 * fainter than either shape, a seam. The re-share between the ramps'
 * colours skipped them as translucent, and the line was traced along
 * whole pixels, a staircase (0.45 px off). It is the drawn line, within
 * what the seam's colour leaves unknown: the shape drawn last covers its
 * part fully, the other only where that one left room. */
static void
test_ramp_seam (void)
{
  const double x0 = 10, y0 = 40, x1 = 150, y1 = 118;
  cairo_t *cr = drawing_new (SIZE, SIZE);
  cairo_pattern_t *p = cairo_pattern_create_linear (0, 10, 0, 150);
  g_autoptr(SvgaiImage) img = NULL;

  cairo_pattern_add_color_stop_rgb (p, 0, 33 / 255.0, 215 / 255.0, 137 / 255.0);
  cairo_pattern_add_color_stop_rgb (p, 1, 70 / 255.0, 150 / 255.0, 200 / 255.0);
  cairo_set_source (cr, p);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_line_to (cr, x1, 150);
  cairo_line_to (cr, x0, 150);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_pattern_destroy (p);
  p = cairo_pattern_create_linear (10, 0, 150, 0);
  cairo_pattern_add_color_stop_rgb (p, 0, 90 / 255.0, 110 / 255.0, 230 / 255.0);
  cairo_pattern_add_color_stop_rgb (p, 1, 180 / 255.0, 70 / 255.0, 240 / 255.0);
  cairo_set_source (cr, p);
  fill_above (cr, x0, y0, x1, y1);
  cairo_pattern_destroy (p);
  img = drawing_finish (cr);
  g_assert_cmpuint (svgai_image_pixel (img, 80, 79)[3], <, 250);   /* the seam */
  check_line_traced (img, "seam", x0, y0, x1, y1, 0.35);
}

/* Pieces of a ramp trace with the ramp, not as layers of their own stacked
 * under their neighbours. Bitcoin: a ramp over a disc with a white B,
 * whose counters cut pieces off the disc, each a ramp that only one of the
 * disc's bands colours (before: 3 paths, 4.2 KB for a 1.2 KB original).
 * SAP: the A's counter, too small to be a region, shows the ramp behind the
 * white letters (before: 4 paths, a flat and a gradient layer under the
 * letters for the counter). */
static void
test_ramp_pieces (void)
{
  const struct {
    const char *name;
    int colors;             /* as the balanced tier chooses */
    guint max_paths;
  } logos[] = { { "logo-bitcoin.png", 0, 2 }, { "logo-sap.png", 0, 2 } };

  for (guint i = 0; i < G_N_ELEMENTS (logos); i++)
    {
      g_autofree char *path = test_devset_path ("grad", logos[i].name);
      g_autoptr(SvgaiImage) img = NULL;
      g_autoptr(SvgaiConversion) conv = NULL;
      g_autoptr(GError) error = NULL;
      SvgaiParams params;

      if (path == NULL)
        return;
      img = svgai_image_new_from_file (path, NULL, NULL, &error);
      g_assert_no_error (error);
      svgai_params_init_default (&params);
      params.colors = logos[i].colors;
      conv = svgai_convert (img, &params, 0, NULL, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %u paths", logos[i].name, conv->paths);
      g_assert_cmpuint (conv->paths, <=, logos[i].max_paths);
    }
}

/* SAP's ramp: its colours top to bottom of a 160 px drawing. */
static cairo_pattern_t *
sap_ramp (void)
{
  cairo_pattern_t *p = cairo_pattern_create_linear (0, 10, 0, 150);

  cairo_pattern_add_color_stop_rgb (p, 0, 0, 174 / 255.0, 239 / 255.0);
  cairo_pattern_add_color_stop_rgb (p, 1, 0, 101 / 255.0, 179 / 255.0);
  return p;
}

/* A counter too small to be a region of its own (SAP's A: the ramp behind
 * the white letters shows through it) traces with the ramp it was cut
 * off from: one gradient shape and the white letter, where it was a flat
 * layer and a gradient layer of its own stacked under the letter. A
 * piece of another shading (a facet the letter sits on) is no piece of
 * the ramp: it keeps a fill of its own. */
static void
test_small_counter (void)
{
  for (int facet = 0; facet < 2; facet++)
    {
      cairo_t *cr = drawing_new (SIZE, SIZE);
      cairo_pattern_t *p = sap_ramp ();
      g_autoptr(SvgaiImage) img = NULL;
      g_autoptr(SvgaiConversion) conv = NULL;
      g_autoptr(GError) error = NULL;
      SvgaiParams params;

      cairo_set_source (cr, p);
      cairo_rectangle (cr, 10, 10, 140, 140);
      cairo_fill (cr);
      cairo_pattern_destroy (p);
      /* the letter, and its counter: a triangle of about 200 px, 110 of
       * them away from its edges */
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_move_to (cr, 80, 30);
      cairo_line_to (cr, 120, 130);
      cairo_line_to (cr, 40, 130);
      cairo_close_path (cr);
      cairo_fill (cr);
      p = sap_ramp ();
      if (facet)
        {
          /* the counter's own shading: the ramp's colours the other way
           * up, so they are all bands of the ramp */
          cairo_matrix_t flip;

          cairo_matrix_init (&flip, 1, 0, 0, -1, 0, 160);
          cairo_pattern_set_matrix (p, &flip);
        }
      cairo_set_source (cr, p);
      cairo_move_to (cr, 80, 82);
      cairo_line_to (cr, 89, 106);
      cairo_line_to (cr, 71, 106);
      cairo_close_path (cr);
      cairo_fill (cr);
      cairo_pattern_destroy (p);
      img = drawing_finish (cr);

      svgai_params_init_default (&params);
      conv = svgai_convert (img, &params, SVGAI_CONVERT_MEASURE, NULL, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("%s counter: %u paths, SSIM %.4f", facet ? "facet" : "ramp", conv->paths, conv->quality.ssim);
      if (facet)
        g_assert_cmpuint (conv->paths, >=, 3);
      else
        g_assert_cmpuint (conv->paths, ==, 2);
    }
}

/* librsvg's drawing of the SVG that `img` traces as. */
static SvgaiImage *
traced_and_drawn (SvgaiImage *img)
{
  g_autoptr(SvgaiVector) v = trace_default (img);
  g_autoptr(GBytes) svg = svgai_svg_write (v);
  g_autoptr(GError) error = NULL;
  SvgaiImage *drawn = svgai_render_svg (svg, img->width, img->height, &error);

  g_assert_no_error (error);
  return drawn;
}

/* Whether librsvg draws the SVG of `img` dark (red under `red`) along
 * x = x0 + ½ from y0 to y1 (exclusive), every row. */
static gboolean
drawn_dark_along (SvgaiImage *img, double x0, int y0, int y1, int red)
{
  g_autoptr(SvgaiImage) drawn = traced_and_drawn (img);
  guint dark = 0;

  for (int y = y0; y < y1; y++)
    dark += svgai_image_pixel (drawn, (int) x0, y)[0] < red;
  g_test_message ("line at x = %.1f: dark on %u of %d rows", x0, dark, y1 - y0);
  return dark == (guint) (y1 - y0);
}

/* A 160 px drawing of a red ramp over the square (10, 10)-(150, 150):
 * `n` stops (offset, then the colour as 0xrrggbb) from `x0, y0` to
 * `x1, y1`. */
static cairo_t *
red_ramp (double x0, double y0, double x1, double y1, guint n, const double (*stops)[2])
{
  cairo_t *cr = drawing_new (SIZE, SIZE);
  cairo_pattern_t *p = cairo_pattern_create_linear (x0, y0, x1, y1);

  for (guint k = 0; k < n; k++)
    {
      guint rgb = (guint) stops[k][1];

      cairo_pattern_add_color_stop_rgb (p, stops[k][0], (rgb >> 16) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                                        (rgb & 0xff) / 255.0);
    }
  cairo_set_source (cr, p);
  cairo_rectangle (cr, 10, 10, 140, 140);
  cairo_fill (cr);
  cairo_pattern_destroy (p);
  return cr;
}

/* Thin lines drawn across a ramp in a darker colour that the ramp bands
 * elsewhere (testing-library's mouth: three dark red strokes on a red
 * body shaded dark at its top; here the ramp's own top colour, over its
 * bright half) stay lines: the ramp took them wherever they touched it
 * (here wholly, in testing-library into stubs). So does a line that cuts
 * a ramp in two, whose sides are two regions of one colour. Each is
 * drawn, by librsvg from the SVG, dark along its whole length. */
static void
test_lines_on_ramp (void)
{
  const double xs[3] = { 60, 80, 100 };
  const double body[3][2] = { { 0, 0x9f1d21 }, { 0.5, 0xe03330 }, { 1, 0xe33a36 } };
  const double across[4][2] = { { 0, 0x9f1d21 }, { 0.3, 0xe33a36 }, { 0.7, 0xe33a36 }, { 1, 0x9f1d21 } };
  g_autoptr(SvgaiImage) strokes = NULL;
  g_autoptr(SvgaiImage) cut = NULL;
  cairo_t *cr = red_ramp (0, 10, 0, 150, G_N_ELEMENTS (body), body);

  cairo_set_source_rgb (cr, 0x9f / 255.0, 0x1d / 255.0, 0x21 / 255.0);
  cairo_set_line_width (cr, 2);
  for (int k = 0; k < 3; k++)
    {
      cairo_move_to (cr, xs[k], 90);
      cairo_line_to (cr, xs[k], 140);
    }
  cairo_stroke (cr);
  strokes = drawing_finish (cr);
  for (int k = 0; k < 3; k++)
    g_assert_true (drawn_dark_along (strokes, xs[k], 92, 138, 0xb8));

  /* across the ramp, edge to edge where it is brightest, in a colour it
   * has halfway to its dark ends: the two sides are two regions of the
   * same bands and colour */
  cr = red_ramp (10, 0, 150, 0, G_N_ELEMENTS (across), across);
  cairo_set_source_rgb (cr, 0xc1 / 255.0, 0x2b / 255.0, 0x2b / 255.0);
  cairo_rectangle (cr, 79, 10, 2, 140);
  cairo_fill (cr);
  cut = drawing_finish (cr);
  g_assert_true (drawn_dark_along (cut, 79, 12, 148, 0xd0));
}

/* A dot of another colour drawn on a ramp is no stray of the ramp, though
 * it is only 9 pixels and the ramp's colour range (red to blue: its
 * channels' least and most) holds it: black and magenta dots stay. */
static void
test_dots_on_ramp (void)
{
  const struct {
    double x;
    double rgb[3];
  } dots[] = { { 50, { 0, 0, 0 } }, { 110, { 1, 0, 1 } } };
  cairo_t *cr = drawing_new (SIZE, SIZE);
  cairo_pattern_t *p = cairo_pattern_create_linear (10, 0, 150, 0);
  g_autoptr(SvgaiImage) img = NULL;
  g_autoptr(SvgaiImage) drawn = NULL;

  cairo_pattern_add_color_stop_rgb (p, 0, 1, 0, 0);
  cairo_pattern_add_color_stop_rgb (p, 1, 0, 0, 1);
  cairo_set_source (cr, p);
  cairo_rectangle (cr, 10, 10, 140, 140);
  cairo_fill (cr);
  cairo_pattern_destroy (p);
  for (guint k = 0; k < G_N_ELEMENTS (dots); k++)
    {
      cairo_set_source_rgb (cr, dots[k].rgb[0], dots[k].rgb[1], dots[k].rgb[2]);
      cairo_rectangle (cr, dots[k].x, 80, 3, 3);
      cairo_fill (cr);
    }
  img = drawing_finish (cr);
  drawn = traced_and_drawn (img);
  for (guint k = 0; k < G_N_ELEMENTS (dots); k++)
    {
      const guint8 *px = svgai_image_pixel (drawn, (int) dots[k].x + 1, 81);

      g_test_message ("dot %u drawn #%02x%02x%02x", k, px[0], px[1], px[2]);
      for (int c = 0; c < 3; c++)
        g_assert_cmpint (abs (px[c] - (int) (dots[k].rgb[c] * 255)), <=, 48);
    }
}

/* Two shapes of the artwork that abut leave a fainter seam between them
 * (each covers part of its pixels), even where both are bands of one ramp
 * joined into one shape. The seam is no fade: the fitted stops stay
 * opaque (a seam across a ramp put a dip in its opacity, through which
 * the layer below showed). */
static void
test_seam_is_no_fade (void)
{
  cairo_t *cr = drawing_new (SIZE, SIZE);
  cairo_pattern_t *p = cairo_pattern_create_linear (20, 0, 140, 0);
  g_autoptr(SvgaiImage) img = NULL;
  g_autofree gint8 *dominant = g_new (gint8, SIZE * SIZE);
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  const guint8 rgb[3] = { 70, 155, 228 };
  const double corner[4][2] = { { 20, 30 }, { 140, 30 }, { 140, 130 }, { 20, 130 } };
  SvgaiGradient g;
  SvgaiFill fill;
  guint zero = 0;

  cairo_pattern_add_color_stop_rgb (p, 0, 20 / 255.0, 90 / 255.0, 200 / 255.0);
  cairo_pattern_add_color_stop_rgb (p, 1, 120 / 255.0, 220 / 255.0, 255 / 255.0);
  cairo_set_source (cr, p);
  /* Halves that meet at x = 80.5: each covers half of column 80. */
  cairo_rectangle (cr, 20, 30, 60.5, 100);
  cairo_fill (cr);
  cairo_rectangle (cr, 80.5, 30, 59.5, 100);
  cairo_fill (cr);
  cairo_pattern_destroy (p);
  img = drawing_finish (cr);
  g_assert_cmpuint (svgai_image_pixel (img, 80, 60)[3], <, 230);

  /* One shape, the rectangle, in colour 0 (the ramp's joined bands). */
  for (int i = 0; i < SIZE * SIZE; i++)
    dominant[i] = svgai_image_pixel (img, i % SIZE, i / SIZE)[3] >= 128 ? 0 : -1;
  for (int i = 0; i <= 4; i++)
    {
      SvgaiSegment seg = { i == 0 ? SVGAI_SEGMENT_MOVE : i == 4 ? SVGAI_SEGMENT_CLOSE : SVGAI_SEGMENT_LINE };

      if (i < 4)
        seg.p[2] = (SvgaiPoint) { corner[i][0], corner[i][1] };
      g_array_append_val (segs, seg);
    }
  g_array_append_val (starts, zero);
  svgai_fill_choose (img, dominant, 0, rgb, 255, FALSE, segs, starts, 10, &g, &fill);
  g_assert_true (g.active);
  for (guint k = 0; k < g.n_stops; k++)
    {
      g_test_message ("stop %u at %.3f: alpha %u", k, g.stops[k].offset, g.stops[k].alpha);
      g_assert_cmpuint (g.stops[k].alpha, >=, 250);
    }
}

/* A steep ramp between two flat colours (11 levels a pixel over 12 px, as
 * DataGrip's fold): the error the fit reports is what the ramp leaves,
 * not the spread of a pixel-wide bin on a slope (which alone is 3 levels
 * in the steepest channel, over the regions' limit of 1.5). */
static void
test_steep_ramp (void)
{
  const double from[3] = { 33, 215, 137 }, to[3] = { 107, 87, 255 };
  g_autofree SvgaiColorSample *s = g_new (SvgaiColorSample, 120 * 120);
  SvgaiGradient g;
  double rms, dx, dy;

  for (int y = 0; y < 120; y++)
    for (int x = 0; x < 120; x++)
      {
        SvgaiColorSample *p = &s[y * 120 + x];
        double t = CLAMP ((x + y - 120) / (12 * G_SQRT2), 0, 1);

        p->x = x + 0.5f, p->y = y + 0.5f;
        for (int c = 0; c < 3; c++)
          p->rgba[c] = (guint8) lround (from[c] + t * (to[c] - from[c]));
        p->rgba[3] = 255;
      }
  g_assert_true (svgai_gradient_fit_in_box (s, 120 * 120, 0, 0, 120, 120, SVGAI_GRADIENT_DIRECTION_SEARCH, &g, &rms));
  dx = g.to.x - g.from.x, dy = g.to.y - g.from.y;
  g_test_message ("%s, %u stops, rms %.2f, direction %.2f deg", g.kind == SVGAI_GRADIENT_LINEAR ? "linear" : "radial",
                  g.n_stops, rms, atan2 (dy, dx) * 180 / G_PI);
  g_assert_cmpint (g.kind, ==, SVGAI_GRADIENT_LINEAR);
  g_assert_cmpfloat (fabs (atan2 (dy, dx) - G_PI / 4), <, 0.5 * G_PI / 180);
  g_assert_cmpfloat (rms, <, 0.6);
}

/* Two shaded dots of one colour are one layer of two shapes; one ramp
 * across both (what a fit over the whole layer finds) loses
 * their highlights: each takes its own radial. */
static void
test_two_dots (void)
{
  cairo_t *cr = drawing_new (SIZE, SIZE);
  g_autoptr(SvgaiImage) img = NULL;
  g_autofree gint8 *dominant = g_new (gint8, SIZE * SIZE);
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  const guint8 rgb[3] = { 205, 73, 73 };
  SvgaiGradient g;
  SvgaiFill fill[2];

  for (int d = 0; d < 2; d++)
    {
      double cx = 45 + 70 * d, cy = 80;
      cairo_pattern_t *p = cairo_pattern_create_radial (cx - 6, cy - 6, 0, cx - 6, cy - 6, 34);
      guint start = segs->len;

      cairo_pattern_add_color_stop_rgb (p, 0, 230 / 255.0, 140 / 255.0, 140 / 255.0);
      cairo_pattern_add_color_stop_rgb (p, 1, 190 / 255.0, 40 / 255.0, 40 / 255.0);
      cairo_set_source (cr, p);
      for (int i = 0; i <= 96; i++)
        {
          SvgaiSegment seg = { i == 0 ? SVGAI_SEGMENT_MOVE : i == 96 ? SVGAI_SEGMENT_CLOSE : SVGAI_SEGMENT_LINE };

          seg.p[2] = (SvgaiPoint) { cx + 25 * cos (2 * G_PI * i / 96), cy + 25 * sin (2 * G_PI * i / 96) };
          if (i < 96)
            cairo_line_to (cr, seg.p[2].x, seg.p[2].y);
          g_array_append_val (segs, seg);
        }
      cairo_close_path (cr);
      cairo_fill (cr);
      cairo_pattern_destroy (p);
      g_array_append_val (starts, start);
    }
  img = drawing_finish (cr);
  for (int i = 0; i < SIZE * SIZE; i++)
    dominant[i] = svgai_image_pixel (img, i % SIZE, i / SIZE)[3] >= 128 ? 0 : -1;
  svgai_fill_choose (img, dominant, 0, rgb, 255, FALSE, segs, starts, 10, &g, fill);
  g_assert_false (g.active);
  for (int d = 0; d < 2; d++)
    {
      g_test_message ("dot %d: fill kind %d, gradient kind %d", d, fill[d].kind, fill[d].gradient.kind);
      g_assert_cmpint (fill[d].kind, ==, SVGAI_FILL_GRADIENT);
      g_assert_cmpint (fill[d].gradient.kind, ==, SVGAI_GRADIENT_RADIAL);
    }
}

/* A layer one gradient fills may hold a shape of a flat colour of its own
 * elsewhere in the ramp's range: it keeps that colour instead of the
 * ramp's there, and the ramp is fitted again without it (Dojo's orange
 * feet, in the layer of its red body's radial, came out red). Three
 * layers: a textured ramp (no fill of its own explains it much better)
 * with a square; a clean ramp with a small square (the layer's gradient
 * leaves the layer within 2 levels); the textured ramp with a square of
 * one colour whose alpha fades, which is no flat fill. */
typedef struct {
  gboolean textured;
  int square;               /* its side, px */
  guint8 red;               /* its colour: (red, 40, 30) */
  gboolean fading;
  SvgaiFillKind expected;
} FlatCase;

static void
flat_shape_layer (const FlatCase *fc, SvgaiGradient *g, SvgaiFill fill[2])
{
  g_autoptr(SvgaiImage) img = svgai_image_new (SIZE, SIZE);
  g_autofree gint8 *dominant = g_new (gint8, SIZE * SIZE);
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  const int box[2][4] = { { 10, 10, 110, 100 }, { 60, 120, 60 + fc->square, 120 + fc->square } };  /* x0, y0, x1, y1 */
  const guint8 square[3] = { fc->red, 40, 30 }, rgb[3] = { 170, 40, 30 };

  memset (dominant, -1, SIZE * SIZE);
  for (int b = 0; b < 2; b++)
    {
      const SvgaiPoint corner[4] = { { box[b][0], box[b][1] }, { box[b][2], box[b][1] },
                                     { box[b][2], box[b][3] }, { box[b][0], box[b][3] } };
      guint start = segs->len;

      for (int i = 0; i <= 4; i++)
        {
          SvgaiSegment seg = { i == 0 ? SVGAI_SEGMENT_MOVE : i == 4 ? SVGAI_SEGMENT_CLOSE : SVGAI_SEGMENT_LINE };

          seg.p[2] = corner[i % 4];
          g_array_append_val (segs, seg);
        }
      g_array_append_val (starts, start);
      for (int y = box[b][1]; y < box[b][3]; y++)
        for (int x = box[b][0]; x < box[b][2]; x++)
          {
            guint8 *px = svgai_image_pixel (img, x, y);

            dominant[y * SIZE + x] = 0;
            px[3] = 255;
            if (b == 1)
              {
                memcpy (px, square, 3);
                if (fc->fading)
                  px[3] = 255 - 8 * (x - box[1][0]);
              }
            else
              {
                /* red 120 -> 219 left to right; textured: green in a
                 * checker 24 levels either side of 40 */
                px[0] = 120 + (x - 10), px[1] = !fc->textured ? 40 : (x + y) % 2 ? 64 : 16, px[2] = 30;
              }
          }
    }
  svgai_fill_choose (img, dominant, 0, rgb, 255, FALSE, segs, starts, 10, g, fill);
}

static void
test_flat_shape_in_ramp_layer (void)
{
  const FlatCase cases[] = {
    { TRUE, 20, 120, FALSE, SVGAI_FILL_FLAT },
    { FALSE, 9, 160, FALSE, SVGAI_FILL_FLAT },
    { TRUE, 20, 120, TRUE, SVGAI_FILL_LAYER },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      SvgaiGradient g;
      SvgaiFill fill[2];
      double at[SVGAI_CHANNELS];

      flat_shape_layer (&cases[k], &g, fill);
      svgai_gradient_colour_at (&g, 100.5, 80.5, at);
      g_test_message ("case %u: layer gradient %d, fills %d %d, square #%02x%02x%02x, ramp's red at x = 100 %.1f", k,
                      g.active, fill[0].kind, fill[1].kind, fill[1].rgb[0], fill[1].rgb[1], fill[1].rgb[2], at[0]);
      g_assert_true (g.active);
      g_assert_cmpint (fill[0].kind, ==, SVGAI_FILL_LAYER);
      g_assert_cmpint (fill[1].kind, ==, cases[k].expected);
      if (cases[k].expected != SVGAI_FILL_FLAT)
        continue;
      g_assert_cmpint (abs (fill[1].rgb[0] - cases[k].red), <=, 2);
      g_assert_cmpint (abs (fill[1].rgb[1] - 40), <=, 2);
      g_assert_cmpint (abs (fill[1].rgb[2] - 30), <=, 2);
      /* the ramp, fitted without the square, still runs 120 -> 219 */
      g_assert_cmpfloat (fabs (at[0] - 210.5), <=, 3);
    }
}

/* A ramp whose main colour also paints a flat area apart from it keeps
 * its own colour and gradient, though the flat area never touches it:
 * the layers' stacking may join the two under a shape drawn across both,
 * and one gradient over both bent the ramp (Dojo's red loop, whose head
 * reds ran an orange ring through it). A dark-to-red ramp, a flat red
 * block in the ramp's bright colour and an orange bar over both: the ramp
 * is drawn back within a few levels of its colours. */
static void
test_flat_apart_from_ramp (void)
{
  const double body[2][2] = { { 0, 0x5a0a0c }, { 1, 0xff1d25 } };
  const struct {
    guint rgb;
    double x, y, w, h;
  } boxes[] = { { 0xed1c24, 100, 10, 50, 140 }, { 0xf15a24, 40, 60, 80, 40 } };   /* the block, the bar */
  cairo_t *cr = red_ramp (0, 10, 0, 150, G_N_ELEMENTS (body), body);
  g_autoptr(SvgaiImage) img = NULL;
  g_autoptr(SvgaiImage) drawn = NULL;
  int worst = 0, wx = 0, wy = 0;

  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_rectangle (cr, 60, 10, 90, 140);   /* the ramp is the left third */
  cairo_fill (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  for (guint k = 0; k < G_N_ELEMENTS (boxes); k++)
    {
      cairo_set_source_rgb (cr, (boxes[k].rgb >> 16) / 255.0, ((boxes[k].rgb >> 8) & 0xff) / 255.0,
                            (boxes[k].rgb & 0xff) / 255.0);
      cairo_rectangle (cr, boxes[k].x, boxes[k].y, boxes[k].w, boxes[k].h);
      cairo_fill (cr);
    }
  img = drawing_finish (cr);
  drawn = traced_and_drawn (img);
  for (int y = 13; y < 147; y++)
    for (int x = 13; x < 57; x++)
      {
        const guint8 *a = svgai_image_pixel (img, x, y), *b = svgai_image_pixel (drawn, x, y);

        if (y >= 57 && y < 103)
          continue;           /* the bar and its rim */
        for (int c = 0; c < 3; c++)
          if (abs (a[c] - b[c]) > worst)
            worst = abs (a[c] - b[c]), wx = x, wy = y;
      }
  g_test_message ("ramp drawn back within %d levels (worst at %d,%d)", worst, wx, wy);
  g_assert_cmpint (worst, <=, 4);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gradients/fit", test_fit);
  g_test_add_func ("/gradients/direction-refined", test_direction_refined);
  g_test_add_func ("/gradients/radial-turning-back", test_radial_turning_back);
  g_test_add_func ("/gradients/trace", test_trace);
  g_test_add_func ("/gradients/fade", test_fade);
  g_test_add_func ("/gradients/ramp-edge", test_ramp_edge);
  g_test_add_func ("/gradients/ramp-pieces", test_ramp_pieces);
  g_test_add_func ("/gradients/small-counter", test_small_counter);
  g_test_add_func ("/gradients/lines-on-ramp", test_lines_on_ramp);
  g_test_add_func ("/gradients/dots-on-ramp", test_dots_on_ramp);
  g_test_add_func ("/gradients/ramp-over-ramp", test_ramp_over_ramp);
  g_test_add_func ("/gradients/ramp-fold", test_ramp_fold);
  g_test_add_func ("/gradients/ramp-seam", test_ramp_seam);
  g_test_add_func ("/gradients/ellipse", test_ellipse);
  g_test_add_func ("/gradients/seam-is-no-fade", test_seam_is_no_fade);
  g_test_add_func ("/gradients/steep-ramp", test_steep_ramp);
  g_test_add_func ("/gradients/two-dots", test_two_dots);
  g_test_add_func ("/gradients/flat-shape-in-ramp-layer", test_flat_shape_in_ramp_layer);
  g_test_add_func ("/gradients/flat-apart-from-ramp", test_flat_apart_from_ramp);
  return g_test_run ();
}
