/* The corpus generator's gradient logos come back as the gradients they
 * were drawn with (issue 13): each linear or radial gradient of a sample is
 * the fill of a traced shape of the same kind whose colours agree with the
 * drawn ones within 2 levels and whose geometry is within 1 px: a radial's
 * centre, and every colour of the ramp where the drawing has it. Judged
 * where the drawing shows the gradient (its own colour, opaque, away from
 * other shapes' edges). */
#include <math.h>
#include "train/svgai-corpus.h"
#include "engine/svgai-gradient.h"
#include "engine/svgai-trace.h"
#include "test-cairo-image.h"

#define CORPUS_SEED 20261126
#define N_SAMPLES 24

/* Offset of (x, y) along a drawn gradient (padded to 0..1). */
static double
known_offset (const SvgaiCorpusGradient *k, double x, double y)
{
  double t;

  if (k->radial)
    t = hypot (x - k->x0, y - k->y0) / k->r;
  else
    {
      double dx = k->x1 - k->x0, dy = k->y1 - k->y0;
      t = ((x - k->x0) * dx + (y - k->y0) * dy) / (dx * dx + dy * dy);
    }
  return CLAMP (t, 0, 1);
}

/* Colour of a drawn gradient at (x, y): evenly spaced stops, sRGB. */
static double
known_colour (const SvgaiCorpusGradient *k, double x, double y, int c)
{
  double t = known_offset (k, x, y) * (k->n_stops - 1);
  guint i = MIN ((guint) t, k->n_stops - 2);
  double f = t - i;

  return (1 - f) * k->rgb[i][c] + f * k->rgb[i + 1][c];
}

/* How far (px) the drawn colour at (x, y) sits from where the fitted one
 * puts it: the channel that changes fastest, its difference over its slope
 * (0 where the ramp is too flat to place a colour). */
static double
position_error (const SvgaiCorpusGradient *k, const double fitted[4], double x, double y)
{
  double best_slope = 0, err = 0;

  for (int c = 0; c < 3; c++)
    {
      double gx = (known_colour (k, x + 0.5, y, c) - known_colour (k, x - 0.5, y, c));
      double gy = (known_colour (k, x, y + 0.5, c) - known_colour (k, x, y - 0.5, c));
      double slope = hypot (gx, gy);

      if (slope > best_slope)
        best_slope = slope, err = fabs (fitted[c] - known_colour (k, x, y, c)) / slope;
    }
  return best_slope >= 1.0 ? err : 0;
}

/* The pixel shows gradient k: opaque, and it and its 8 neighbours have k's
 * colour (within 1 level), so no other shape's edge is near. */
static gboolean
shows (const SvgaiImage *img, const SvgaiCorpusGradient *k, int x, int y)
{
  if (x < 1 || y < 1 || x >= img->width - 1 || y >= img->height - 1)
    return FALSE;
  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      {
        const guint8 *p = svgai_image_pixel ((SvgaiImage *) img, x + dx, y + dy);

        if (p[3] != 255)
          return FALSE;
        for (int c = 0; c < 3; c++)
          if (fabs (p[c] - known_colour (k, x + dx + 0.5, y + dy + 0.5, c)) > 1.5)
            return FALSE;
      }
  return TRUE;
}

typedef struct {
  guint pixels;
  double colour, position;  /* worst differences, levels and px */
} Agreement;

/* How well layer l's gradient matches drawn gradient k where it shows. */
static Agreement
agreement (const SvgaiImage *img, const SvgaiCorpusGradient *k, const SvgaiLayer *l)
{
  Agreement a = { 0 };

  for (int y = 0; y < img->height; y++)
    for (int x = 0; x < img->width; x++)
      if (shows (img, k, x, y))
        {
          double fitted[4];

          svgai_gradient_colour_at (&l->gradient, x + 0.5, y + 0.5, fitted);
          a.pixels++;
          for (int c = 0; c < 3; c++)
            a.colour = MAX (a.colour, fabs (fitted[c] - known_colour (k, x + 0.5, y + 0.5, c)));
          a.position = MAX (a.position, position_error (k, fitted, x + 0.5, y + 0.5));
        }
  return a;
}

/* Gradient k is recovered by a traced layer: same kind, colours within 2
 * levels and 1 px wherever the drawing shows k, a radial's centre within
 * 1 px. Says why not in `why`. */
static gboolean
recovered (const SvgaiImage *img, const SvgaiCorpusGradient *k, const SvgaiVector *v, GString *why)
{
  Agreement best = { 0, G_MAXDOUBLE, G_MAXDOUBLE };
  const SvgaiLayer *match = NULL;
  double centre = 0;

  for (guint j = 0; j < v->layers->len; j++)
    {
      const SvgaiLayer *l = g_ptr_array_index (v->layers, j);
      Agreement a;

      if (!l->gradient.active || (l->gradient.kind == SVGAI_GRADIENT_RADIAL) != k->radial)
        continue;
      a = agreement (img, k, l);
      if (a.colour < best.colour)
        best = a, match = l;
    }
  if (match == NULL)
    {
      g_string_append (why, "no shape with a gradient of its kind");
      return FALSE;
    }
  if (k->radial)
    centre = hypot (match->gradient.from.x - k->x0, match->gradient.from.y - k->y0);
  g_string_append_printf (why, "%u px shown: colours within %.1f levels and %.2f px, centre %.2f px off",
                          best.pixels, best.colour, best.position, centre);
  return best.pixels > 0 && best.colour <= 2.0 && best.position <= 1.0 && centre <= 1.0;
}

/* All 36 gradients of these samples come back (25 before a linear
 * gradient's direction was searched beyond the moments', 28 before a
 * fill's direction was refined within a few degrees: samples 86 and 90's
 * linears, 2.4 and 2.9 levels off; 30 before regions were judged by the
 * refined fit, a radial's centre searched from every channel and the
 * centroid, and ramps that turn at a stop joined: samples 2, 26, 38 twice
 * and 86's radial; 35 before a fill's radial centre was also searched
 * along the diagonals and its stops placed to a quarter of a pixel:
 * sample 74's radial, seen only on a ring around its centre, whose
 * centre lies in a diagonal valley of the error 1.8 px from the drawn one
 * and whose stop at the end of the ramp sat on the nearest whole pixel,
 * 2.5 levels off). Fewer recovered is a regression. */
#define RECOVERED_AT_LEAST 36

static void
test_corpus_gradients (void)
{
  guint checked = 0, ok = 0;

  for (guint i = 2; i < 4 * N_SAMPLES; i += 4)
    {
      SvgaiCorpusSample s;
      g_autoptr(SvgaiVector) v = NULL;

      svgai_corpus_render (CORPUS_SEED, i, &s);
      g_assert_cmpint (s.label, ==, SVGAI_LOGO_GRADIENT);
      v = trace_default (s.image);
      for (guint g = 0; g < s.n_gradients; g++)
        {
          g_autoptr(GString) why = g_string_new (NULL);
          gboolean yes = recovered (s.image, &s.gradients[g], v, why);

          g_test_message ("sample %u, %s gradient %u (%u stops): %s; %s", i,
                          s.gradients[g].radial ? "radial" : "linear", g, s.gradients[g].n_stops,
                          yes ? "recovered" : "NOT recovered", why->str);
          ok += yes;
          checked++;
        }
      svgai_corpus_sample_clear (&s);
    }
  g_test_message ("%u of %u gradients recovered", ok, checked);
  g_assert_cmpuint (checked, ==, 36);
  g_assert_cmpuint (ok, >=, RECOVERED_AT_LEAST);
}

/* Sample 22: a radial disc under a linear rounded rectangle. The pixels
 * at the radial's centre, where its colours curve, are no part of its
 * region and the palette matched them with a colour of their own, a band
 * of the rectangle's ramp: they traced as a dark flat speck, then (joined
 * to the first ramp they are a band of) as a hole of the rectangle's
 * shape that bent its fit. They join the ramp they lie in: two shapes,
 * both gradients, the rectangle's with no more stops than drawn. */
static void
test_radial_centre (void)
{
  SvgaiCorpusSample s;
  g_autoptr(SvgaiVector) v = NULL;

  svgai_corpus_render (CORPUS_SEED, 22, &s);
  v = trace_default (s.image);
  g_assert_cmpuint (s.n_gradients, ==, 2);
  g_assert_true (s.gradients[0].radial && !s.gradients[1].radial);
  g_assert_cmpuint (v->layers->len, ==, 2);
  for (guint j = 0; j < v->layers->len; j++)
    {
      const SvgaiLayer *l = g_ptr_array_index (v->layers, j);

      g_test_message ("layer %u: %s, %u stops", j, l->gradient.active ? "gradient" : "flat", l->gradient.n_stops);
      g_assert_true (l->gradient.active);
      g_assert_cmpuint (l->gradient.n_stops, <=, s.gradients[l->gradient.kind == SVGAI_GRADIENT_RADIAL ? 0 : 1].n_stops + 1);
    }
  svgai_corpus_sample_clear (&s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("SVGAI_MODELS_DIR");
  g_test_add_func ("/gradient-corpus/recovered", test_corpus_gradients);
  g_test_add_func ("/gradient-corpus/radial-centre", test_radial_centre);
  return g_test_run ();
}
