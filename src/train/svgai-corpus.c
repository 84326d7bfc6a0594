#include "svgai-corpus.h"

#include <math.h>
#include <string.h>
#include <cairo.h>
#include <errno.h>
#include "svgai.h"
#include "svgai-corpus-text.h"

/* Every shape is built as a cairo path, then copied out (cairo_copy_path) in
 * device coordinates to write the ground-truth SVG, so the SVG is exactly
 * what was drawn, text included. */

typedef struct {
  GRand *rand;
  cairo_t *cr;
  int width, height;
  GString *defs;
  GString *body;
  guint n_gradients;
  SvgaiCorpusSample *sample;   /* where the gradients drawn are recorded */
} Canvas;

typedef struct {
  double r, g, b;
} Rgb;

static const char *fonts[] = {
  "DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono", "Lato", "C059",
  "Nimbus Sans", "URW Gothic", "P052", "Nimbus Mono PS", "URW Bookman",
};

static const char *weights[] = { "", "Bold", "Light", "Heavy", "Italic", "Bold Italic", "Medium" };

static const char *syllables[] = {
  "ka", "lo", "ne", "tri", "vo", "za", "mi", "ra", "pex", "on", "ix", "sta",
  "qu", "bel", "dor", "fy", "gen", "hub", "io", "jet", "lab", "max", "nova",
  "ops", "pro", "sky", "tek", "ux", "vel", "wave", "yo", "zen",
};

static double
rnd (Canvas *c, double lo, double hi)
{
  return g_rand_double_range (c->rand, lo, hi);
}

static int
rndi (Canvas *c, int lo, int hi_inclusive)
{
  return g_rand_int_range (c->rand, lo, hi_inclusive + 1);
}

static gboolean
chance (Canvas *c, double p)
{
  return g_rand_double (c->rand) < p;
}

static Rgb
hsv (double h, double s, double v)
{
  double r, g, b;
  h = fmod (h, 1.0) * 6;
  {
    int i = (int) h;
    double f = h - i, p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
    switch (i % 6)
      {
      case 0: r = v; g = t; b = p; break;
      case 1: r = q; g = v; b = p; break;
      case 2: r = p; g = v; b = t; break;
      case 3: r = p; g = q; b = v; break;
      case 4: r = t; g = p; b = v; break;
      default: r = v; g = p; b = q; break;
      }
  }
  return (Rgb) { r, g, b };
}

/* A colour far enough from white and from the others drawn before. */
static Rgb
random_colour (Canvas *c)
{
  if (chance (c, 0.15))
    {
      double v = rnd (c, 0.0, 0.35);
      return (Rgb) { v, v, v };
    }
  /* Drawn last argument first, as GCC evaluates them: C leaves the order
   * to the compiler, and clang's corpus differed. */
  double v = rnd (c, 0.35, 0.95), sat = rnd (c, 0.45, 1.0), h = rnd (c, 0, 1);

  return hsv (h, sat, v);
}

static void
palette (Canvas *c, Rgb *out, int n)
{
  double h0 = rnd (c, 0, 1);

  for (int i = 0; i < n; i++)
    if (chance (c, 0.1))
      out[i] = random_colour (c);
    else
      {
        double v = rnd (c, 0.35, 0.95), sat = rnd (c, 0.5, 1.0), dh = rnd (c, -0.05, 0.05);

        out[i] = hsv (h0 + i / (double) n + dh, sat, v);
      }
}

static void
hex (GString *s, Rgb c)
{
  g_string_append_printf (s, "#%02x%02x%02x",
                          (int) lround (CLAMP (c.r, 0, 1) * 255),
                          (int) lround (CLAMP (c.g, 0, 1) * 255),
                          (int) lround (CLAMP (c.b, 0, 1) * 255));
}

/* The current cairo path, in device coordinates, as SVG path data. */
static void
path_data (Canvas *c, GString *d)
{
  cairo_matrix_t m;
  cairo_path_t *path;

  cairo_get_matrix (c->cr, &m);
  cairo_identity_matrix (c->cr);
  path = cairo_copy_path (c->cr);
  cairo_set_matrix (c->cr, &m);
  for (int i = 0; i < path->num_data; i += path->data[i].header.length)
    {
      cairo_path_data_t *p = &path->data[i];

      switch (p->header.type)
        {
        case CAIRO_PATH_MOVE_TO:
          g_string_append_printf (d, "M%.2f %.2f", p[1].point.x, p[1].point.y);
          break;
        case CAIRO_PATH_LINE_TO:
          g_string_append_printf (d, "L%.2f %.2f", p[1].point.x, p[1].point.y);
          break;
        case CAIRO_PATH_CURVE_TO:
          g_string_append_printf (d, "C%.2f %.2f %.2f %.2f %.2f %.2f",
                                  p[1].point.x, p[1].point.y, p[2].point.x, p[2].point.y,
                                  p[3].point.x, p[3].point.y);
          break;
        case CAIRO_PATH_CLOSE_PATH:
          g_string_append (d, "Z");
          break;
        default:
          break;
        }
    }
  cairo_path_destroy (path);
}

static void
fill_solid (Canvas *c, Rgb col)
{
  g_string_append (c->body, "<path d=\"");
  path_data (c, c->body);
  g_string_append (c->body, "\" fill=\"");
  hex (c->body, col);
  g_string_append (c->body, "\"/>\n");
  cairo_set_source_rgb (c->cr, col.r, col.g, col.b);
  cairo_fill (c->cr);
}

static void
stroke_solid (Canvas *c, Rgb col, double width)
{
  g_string_append (c->body, "<path d=\"");
  path_data (c, c->body);
  g_string_append_printf (c->body, "\" fill=\"none\" stroke-width=\"%.2f\" stroke=\"", width);
  hex (c->body, col);
  g_string_append (c->body, "\"/>\n");
  cairo_set_source_rgb (c->cr, col.r, col.g, col.b);
  cairo_set_line_width (c->cr, width);
  cairo_stroke (c->cr);
}

/* Fills the current path with a linear or radial gradient across the box
 * (x, y, w, h), 2 or 3 stops. */
static void
fill_gradient (Canvas *c, double x, double y, double w, double h, const Rgb *stops, int n_stops, gboolean radial)
{
  cairo_pattern_t *pat;
  guint id = c->n_gradients++;
  SvgaiCorpusGradient known = { .radial = radial, .n_stops = (guint) n_stops };

  if (radial)
    {
      double cx = x + w * rnd (c, 0.3, 0.7), cy = y + h * rnd (c, 0.3, 0.7);
      double r = MAX (w, h) * rnd (c, 0.5, 0.8);

      pat = cairo_pattern_create_radial (cx, cy, 0, cx, cy, r);
      known.x0 = known.x1 = cx, known.y0 = known.y1 = cy, known.r = r;
      g_string_append_printf (c->defs,
                              "<radialGradient id=\"g%u\" gradientUnits=\"userSpaceOnUse\" cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\">\n",
                              id, cx, cy, r);
    }
  else
    {
      double a = rnd (c, 0, 2 * G_PI);
      double mx = x + w / 2, my = y + h / 2, len = MAX (w, h) / 2;
      double x0 = mx - cos (a) * len, y0 = my - sin (a) * len;
      double x1 = mx + cos (a) * len, y1 = my + sin (a) * len;

      pat = cairo_pattern_create_linear (x0, y0, x1, y1);
      known.x0 = x0, known.y0 = y0, known.x1 = x1, known.y1 = y1;
      g_string_append_printf (c->defs,
                              "<linearGradient id=\"g%u\" gradientUnits=\"userSpaceOnUse\" x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\">\n",
                              id, x0, y0, x1, y1);
    }
  for (int i = 0; i < n_stops; i++)
    {
      double off = n_stops == 1 ? 0 : i / (double) (n_stops - 1);

      cairo_pattern_add_color_stop_rgb (pat, off, stops[i].r, stops[i].g, stops[i].b);
      known.rgb[i][0] = stops[i].r * 255, known.rgb[i][1] = stops[i].g * 255, known.rgb[i][2] = stops[i].b * 255;
      g_string_append_printf (c->defs, "<stop offset=\"%.2f\" stop-color=\"", off);
      hex (c->defs, stops[i]);
      g_string_append (c->defs, "\"/>\n");
    }
  g_string_append_printf (c->defs, "</%s>\n", radial ? "radialGradient" : "linearGradient");
  if (c->sample->n_gradients < SVGAI_CORPUS_MAX_GRADIENTS)
    c->sample->gradients[c->sample->n_gradients++] = known;
  g_string_append (c->body, "<path d=\"");
  path_data (c, c->body);
  g_string_append_printf (c->body, "\" fill=\"url(#g%u)\"/>\n", id);
  cairo_set_source (c->cr, pat);
  cairo_fill (c->cr);
  cairo_pattern_destroy (pat);
}

/* Shapes, as paths around (cx, cy) within radius r. */
static void
shape_path (Canvas *c, double cx, double cy, double r)
{
  cairo_t *cr = c->cr;
  int kind = rndi (c, 0, 6);
  double rot = rnd (c, 0, 2 * G_PI);

  cairo_new_path (cr);
  switch (kind)
    {
    case 0: /* circle */
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      break;
    case 1: /* ellipse */
      cairo_save (cr);
      cairo_translate (cr, cx, cy);
      cairo_rotate (cr, rot);
      cairo_scale (cr, 1.0, rnd (c, 0.4, 0.8));
      cairo_arc (cr, 0, 0, r, 0, 2 * G_PI);
      cairo_restore (cr);
      break;
    case 2: /* rectangle, sometimes rotated */
      {
        double w = r * rnd (c, 1.0, 1.8), h = r * rnd (c, 0.6, 1.8);

        cairo_save (cr);
        cairo_translate (cr, cx, cy);
        if (chance (c, 0.3))
          cairo_rotate (cr, rot);
        cairo_rectangle (cr, -w / 2, -h / 2, w, h);
        cairo_restore (cr);
      }
      break;
    case 3: /* rounded rectangle */
      {
        double w = r * rnd (c, 1.2, 1.9), h = r * rnd (c, 0.8, 1.9);
        double rr = MIN (w, h) * rnd (c, 0.1, 0.35);
        double x = cx - w / 2, y = cy - h / 2;

        cairo_arc (cr, x + w - rr, y + rr, rr, -G_PI / 2, 0);
        cairo_arc (cr, x + w - rr, y + h - rr, rr, 0, G_PI / 2);
        cairo_arc (cr, x + rr, y + h - rr, rr, G_PI / 2, G_PI);
        cairo_arc (cr, x + rr, y + rr, rr, G_PI, 1.5 * G_PI);
        cairo_close_path (cr);
      }
      break;
    case 4: /* regular polygon */
      {
        int n = rndi (c, 3, 8);

        for (int i = 0; i < n; i++)
          {
            double a = rot + 2 * G_PI * i / n;
            cairo_line_to (cr, cx + r * cos (a), cy + r * sin (a));
          }
        cairo_close_path (cr);
      }
      break;
    case 5: /* star */
      {
        int n = rndi (c, 4, 8);
        double inner = rnd (c, 0.35, 0.6);

        for (int i = 0; i < 2 * n; i++)
          {
            double a = rot + G_PI * i / n, rr = i % 2 ? r * inner : r;
            cairo_line_to (cr, cx + rr * cos (a), cy + rr * sin (a));
          }
        cairo_close_path (cr);
      }
      break;
    default: /* ring: the inner circle runs the other way, a hole under nonzero */
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      cairo_close_path (cr);
      cairo_new_sub_path (cr);
      cairo_arc_negative (cr, cx, cy, r * rnd (c, 0.45, 0.75), 2 * G_PI, 0);
      cairo_close_path (cr);
      break;
    }
}

static void
draw_simple (Canvas *c)
{
  int n = rndi (c, 1, 3);
  Rgb cols[3];
  double s = MIN (c->width, c->height);

  palette (c, cols, n);
  for (int i = 0; i < n; i++)
    {
      double r = s * (i == 0 ? rnd (c, 0.3, 0.45) : rnd (c, 0.12, 0.3));
      double cx = c->width / 2.0 + (i == 0 ? 0 : rnd (c, -0.2, 0.2) * s);
      double cy = c->height / 2.0 + (i == 0 ? 0 : rnd (c, -0.2, 0.2) * s);

      shape_path (c, cx, cy, r);
      fill_solid (c, cols[i]);
    }
}

static char *
random_word (Canvas *c)
{
  GString *w = g_string_new (NULL);
  int n = rndi (c, 1, 3);

  for (int i = 0; i < n; i++)
    g_string_append (w, syllables[rndi (c, 0, G_N_ELEMENTS (syllables) - 1)]);
  if (chance (c, 0.5))
    w->str[0] = g_ascii_toupper (w->str[0]);
  else if (chance (c, 0.3))
    for (char *p = w->str; *p; p++)
      *p = g_ascii_toupper (*p);
  return g_string_free (w, FALSE);
}

/* Lays out text in a font and scales it into the box; leaves the path. */
static void
text_path (Canvas *c, const char *text, double x, double y, double w, double h)
{
  /* the weight drawn first, as GCC evaluates the arguments (see random_colour) */
  int weight = rndi (c, 0, G_N_ELEMENTS (weights) - 1), font = rndi (c, 0, G_N_ELEMENTS (fonts) - 1);
  g_autofree char *desc_s = g_strdup_printf ("%s %s 40px", fonts[font], weights[weight]);

  svgai_corpus_text_path (c->cr, desc_s, text, x, y, w, h);
}

static void
draw_text (Canvas *c)
{
  Rgb cols[2];
  double m = MIN (c->width, c->height) * rnd (c, 0.06, 0.12);
  double x = m, w = c->width - 2 * m;
  g_autofree char *word = random_word (c);

  palette (c, cols, 2);
  if (chance (c, 0.3))
    {
      /* a small mark before the word, as many wordmarks have */
      double r = MIN (c->height - 2 * m, w * 0.2) / 2;

      shape_path (c, x + r, c->height / 2.0, r);
      fill_solid (c, cols[1]);
      x += 2.4 * r;
      w -= 2.4 * r;
    }
  if (chance (c, 0.3))
    {
      /* two lines */
      g_autofree char *second = random_word (c);
      double h = (c->height - 2 * m) / 2;

      text_path (c, word, x, m, w, h * 0.9);
      fill_solid (c, cols[0]);
      text_path (c, second, x, m + h, w, h * 0.8);
      fill_solid (c, chance (c, 0.5) ? cols[0] : cols[1]);
    }
  else
    {
      text_path (c, word, x, m, w, c->height - 2 * m);
      fill_solid (c, cols[0]);
    }
}

static void
draw_gradient (Canvas *c)
{
  int n = rndi (c, 1, 2);
  double s = MIN (c->width, c->height);

  for (int i = 0; i < n; i++)
    {
      Rgb stops[3];
      int n_stops = rndi (c, 2, 3);
      double r = s * (i == 0 ? rnd (c, 0.35, 0.47) : rnd (c, 0.15, 0.28));
      double cx = c->width / 2.0 + (i == 0 ? 0 : rnd (c, -0.15, 0.15) * s);
      double cy = c->height / 2.0 + (i == 0 ? 0 : rnd (c, -0.15, 0.15) * s);

      palette (c, stops, n_stops);
      if (chance (c, 0.5))
        {
          /* a light-to-dark ramp of one hue, as in glossy icons */
          double h = rnd (c, 0, 1), v, sat, dh;

          stops[0] = hsv (h, rnd (c, 0.2, 0.5), 0.98);
          v = rnd (c, 0.3, 0.6), sat = rnd (c, 0.7, 1), dh = rnd (c, -0.08, 0.08);
          stops[n_stops - 1] = hsv (h + dh, sat, v);
        }
      shape_path (c, cx, cy, r);
      fill_gradient (c, cx - r, cy - r, 2 * r, 2 * r, stops, n_stops, chance (c, 0.5));
    }
  if (chance (c, 0.4))
    {
      Rgb col = chance (c, 0.5) ? (Rgb) { 1, 1, 1 } : random_colour (c);

      shape_path (c, c->width / 2.0, c->height / 2.0, s * rnd (c, 0.08, 0.2));
      fill_solid (c, col);
    }
}

static void
draw_complex (Canvas *c)
{
  int n_cols = rndi (c, 4, 8), n = rndi (c, 8, 22);
  Rgb cols[8];
  double s = MIN (c->width, c->height);

  palette (c, cols, n_cols);
  for (int i = 0; i < n; i++)
    {
      double r = s * rnd (c, 0.04, i < 2 ? 0.45 : 0.22);
      double cx = rnd (c, 0.15, 0.85) * c->width, cy = rnd (c, 0.15, 0.85) * c->height;

      shape_path (c, cx, cy, r);
      if (chance (c, 0.2))
        stroke_solid (c, cols[i % n_cols], MAX (1.0, s * rnd (c, 0.008, 0.03)));
      else
        fill_solid (c, cols[i % n_cols]);
    }
  if (chance (c, 0.4))
    {
      g_autofree char *word = random_word (c);

      text_path (c, word, s * 0.1, c->height * rnd (c, 0.6, 0.75), c->width - s * 0.2, c->height * 0.18);
      fill_solid (c, cols[rndi (c, 0, n_cols - 1)]);
    }
}

static const int sizes[] = { 128, 160, 192, 256, 320, 384 };

void
svgai_corpus_render (guint64 seed, guint index, SvgaiCorpusSample *out)
{
  guint32 key[4] = { (guint32) seed, (guint32) (seed >> 32), index, 0x5647u };
  Canvas c = { 0 };
  cairo_surface_t *surface;
  Rgb bg = { 1, 1, 1 };
  g_autoptr(GString) svg = g_string_new (NULL);
  int size;

  g_return_if_fail (out != NULL);
  memset (out, 0, sizeof *out);
  out->label = index % SVGAI_N_LOGO_CLASSES;
  out->test_split = index % 5 == 4;

  c.rand = g_rand_new_with_seed_array (key, G_N_ELEMENTS (key));
  c.sample = out;
  size = sizes[rndi (&c, 0, G_N_ELEMENTS (sizes) - 1)];
  if (out->label == SVGAI_LOGO_TEXT && chance (&c, 0.75))
    {
      c.width = size;
      c.height = MAX (32, (int) lround (size / rnd (&c, 2.0, 5.0)));
    }
  else if (chance (&c, 0.25))
    {
      c.width = size;
      c.height = (int) lround (size * rnd (&c, 0.6, 1.4));
    }
  else
    c.width = c.height = size;

  out->transparent = chance (&c, 0.5);
  if (!out->transparent && chance (&c, 0.3))
    {
      double v = rnd (&c, 0.9, 1.0), sat = rnd (&c, 0.05, 0.3), h = rnd (&c, 0, 1);

      bg = hsv (h, sat, v);
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, c.width, c.height);
  c.cr = cairo_create (surface);
  c.defs = g_string_new (NULL);
  c.body = g_string_new (NULL);
  if (!out->transparent)
    {
      cairo_set_source_rgb (c.cr, bg.r, bg.g, bg.b);
      cairo_paint (c.cr);
      g_string_append_printf (c.body, "<rect width=\"%d\" height=\"%d\" fill=\"", c.width, c.height);
      hex (c.body, bg);
      g_string_append (c.body, "\"/>\n");
    }
  cairo_set_fill_rule (c.cr, CAIRO_FILL_RULE_WINDING);

  switch (out->label)
    {
    case SVGAI_LOGO_SIMPLE: draw_simple (&c); break;
    case SVGAI_LOGO_TEXT: draw_text (&c); break;
    case SVGAI_LOGO_GRADIENT: draw_gradient (&c); break;
    default: draw_complex (&c); break;
    }
  cairo_surface_flush (surface);

  /* premultiplied native-endian ARGB → straight RGBA */
  out->image = svgai_image_new (c.width, c.height);
  for (int y = 0; y < c.height; y++)
    {
      const guint32 *src = (const guint32 *) (gpointer) (cairo_image_surface_get_data (surface) +
                                                         y * cairo_image_surface_get_stride (surface));
      guint8 *dst = svgai_image_pixel (out->image, 0, y);

      for (int x = 0; x < c.width; x++, dst += 4)
        {
          guint32 v = src[x];
          guint a = v >> 24;

          dst[3] = a;
          if (a == 0)
            dst[0] = dst[1] = dst[2] = 0;
          else
            {
              dst[0] = (((v >> 16) & 0xff) * 255 + a / 2) / a;
              dst[1] = (((v >> 8) & 0xff) * 255 + a / 2) / a;
              dst[2] = ((v & 0xff) * 255 + a / 2) / a;
            }
        }
    }

  g_string_append_printf (svg,
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n"
                          "<!-- svg-ai corpus sample %u, seed %" G_GUINT64_FORMAT ", class %s -->\n",
                          c.width, c.height, c.width, c.height, index, seed,
                          svgai_logo_class_to_string (out->label));
  if (c.defs->len)
    g_string_append_printf (svg, "<defs>\n%s</defs>\n", c.defs->str);
  g_string_append (svg, c.body->str);
  g_string_append (svg, "</svg>\n");
  out->svg = g_string_free (g_steal_pointer (&svg), FALSE);

  g_string_free (c.defs, TRUE);
  g_string_free (c.body, TRUE);
  cairo_destroy (c.cr);
  cairo_surface_destroy (surface);
  g_rand_free (c.rand);
}

void
svgai_corpus_sample_clear (SvgaiCorpusSample *sample)
{
  g_clear_pointer (&sample->image, svgai_image_unref);
  g_clear_pointer (&sample->svg, g_free);
}

static gboolean
write_png (SvgaiImage *img, const char *path, GError **error)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, img->width, img->height);
  cairo_status_t st;

  cairo_surface_flush (s);
  for (int y = 0; y < img->height; y++)
    {
      guint32 *dst = (guint32 *) (gpointer) (cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s));
      const guint8 *p = svgai_image_pixel (img, 0, y);

      for (int x = 0; x < img->width; x++, p += 4)
        {
          guint a = p[3];
          dst[x] = (a << 24) | (((p[0] * a + 127) / 255) << 16) |
                   (((p[1] * a + 127) / 255) << 8) | ((p[2] * a + 127) / 255);
        }
    }
  cairo_surface_mark_dirty (s);
  st = cairo_surface_write_to_png (s, path);
  cairo_surface_destroy (s);
  if (st != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_IO, "Could not write %s: %s", path, cairo_status_to_string (st));
      return FALSE;
    }
  return TRUE;
}

gboolean
svgai_corpus_write (const char *dir,
                    guint count,
                    guint64 seed,
                    GCancellable *cancellable,
                    GError **error)
{
  g_autoptr(GString) labels = g_string_new ("name\tlabel\tsplit\twidth\theight\tbackground\n");
  g_autofree char *labels_path = g_build_filename (dir, "labels.tsv", NULL);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_IO, "Could not create %s: %s", dir, g_strerror (errno));
      return FALSE;
    }
  for (guint i = 0; i < count; i++)
    {
      SvgaiCorpusSample s;
      g_autofree char *name = g_strdup_printf ("%05u", i);
      g_autofree char *png = g_strdup_printf ("%s/%s.png", dir, name);
      g_autofree char *svg = g_strdup_printf ("%s/%s.svg", dir, name);
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      svgai_corpus_render (seed, i, &s);
      ok = write_png (s.image, png, error) &&
           g_file_set_contents (svg, s.svg, -1, error);
      g_string_append_printf (labels, "%s\t%s\t%s\t%d\t%d\t%s\n", name,
                              svgai_logo_class_to_string (s.label),
                              s.test_split ? "test" : "train",
                              s.image->width, s.image->height,
                              s.transparent ? "transparent" : "opaque");
      svgai_corpus_sample_clear (&s);
      if (!ok)
        return FALSE;
    }
  return g_file_set_contents (labels_path, labels->str, -1, error);
}
