#include "svgai-fill.h"
#include "svgai-render.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

/* A shape needs at least this many opaque pixels of its own colour for its
 * colour to be trusted. */
#define MIN_SHAPE_PIXELS 30
/* A shape keeps the layer's colour unless SSIM's luminance term between the
 * two colours falls below this in some channel: near black a few levels
 * matter, near white they do not. */
#define MIN_LUMINANCE_TERM 0.995
#define SSIM_C1 (0.01 * 255 * 0.01 * 255)

static gboolean
colours_differ (const guint8 a[3], const guint8 b[3])
{
  for (int c = 0; c < 3; c++)
    {
      double x = a[c], y = b[c];
      if (abs (a[c] - b[c]) >= 2 && (2 * x * y + SSIM_C1) / (x * x + y * y + SSIM_C1) < MIN_LUMINANCE_TERM)
        return TRUE;
    }
  return FALSE;
}

static inline guint
shape_end (const GArray *starts, const GArray *segs, guint i)
{
  return i + 1 < starts->len ? g_array_index (starts, guint, i + 1) : segs->len;
}

/* Moments of each shape's own opaque pixels: the shapes are drawn without
 * anti-aliasing into a label image (shape i as colour i + 1), which says
 * which pixel centres each shape covers. */
/* Per shape, the value most of its interior pixels have exactly (clean
 * artwork: the colour drawn), by a Boyer–Moore majority vote; its count is
 * verified in a second pass. */
typedef struct {
  guint32 rgb;
  guint32 votes;
  guint32 exact;
} ShapeMode;

static inline guint32
pack_rgb (const guint8 *p)
{
  return (guint32) p[0] << 16 | (guint32) p[1] << 8 | p[2];
}

static void
shape_vote (ShapeMode *m, guint32 v)
{
  if (m->rgb == v)
    m->votes++;
  else if (m->votes > 0)
    m->votes--;
  else
    m->rgb = v, m->votes = 1;
}

static gboolean
shape_moments (const SvgaiImage *image, const gint8 *dominant, int k, guint8 layer_alpha, const GArray *segs,
               const GArray *starts, SvgaiColorMoments *mo, ShapeMode *modes)
{
  int w = image->width, h = image->height;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  const SvgaiSegment *all = (const SvgaiSegment *) segs->data;
  cairo_t *cr;
  const guint8 *data;
  int stride;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cr = cairo_create (surface);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  for (guint i = 0; i < starts->len; i++)
    {
      guint start = g_array_index (starts, guint, i), end = shape_end (starts, segs, i);
      guint label = i + 1;

      cairo_set_source_rgb (cr, ((label >> 16) & 255) / 255.0, ((label >> 8) & 255) / 255.0,
                            (label & 255) / 255.0);
      svgai_render_append_path (cr, all + start, end - start);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  for (int pass = 0; pass < 2; pass++)
    for (int y = 0; y < h; y++)
      {
        const guint32 *row = (const guint32 *) (data + (gsize) y * stride);
        const gint8 *dom = dominant + (gsize) y * w;
        const guint8 *px = svgai_image_pixel (image, 0, y);

        for (int x = 0; x < w; x++)
          {
            guint label = row[x] & 0xffffff;

            /* Interior pixels only: edge pixels are mixtures with the
             * neighbours' colours and would pull the colour towards them. */
            if (label == 0 || label > starts->len || dom[x] != k || px[4 * x + 3] + 5 < layer_alpha ||
                x == 0 || x == w - 1 || y == 0 || y == h - 1 || dom[x - 1] != k || dom[x + 1] != k ||
                dom[x - w] != k || dom[x + w] != k)
              continue;
            if (pass == 0)
              {
                svgai_color_moments_add (&mo[label - 1], x + 0.5, y + 0.5, px + 4 * x);
                shape_vote (&modes[label - 1], pack_rgb (px + 4 * x));
              }
            else
              modes[label - 1].exact += modes[label - 1].rgb == pack_rgb (px + 4 * x);
          }
      }
  cairo_surface_destroy (surface);
  return TRUE;
}

void
svgai_fill_choose (const SvgaiImage *image,
                   const gint8 *dominant,
                   int k,
                   const guint8 layer_rgb[3],
                   guint8 layer_alpha,
                   const GArray *segs,
                   const GArray *starts,
                   double grid,
                   SvgaiGradient *layer_gradient,
                   SvgaiFill *fills)
{
  g_autofree SvgaiColorMoments *mo = g_try_new0 (SvgaiColorMoments, MAX (starts->len, 1));
  g_autofree ShapeMode *modes = g_try_new0 (ShapeMode, MAX (starts->len, 1));
  SvgaiColorMoments total = { 0 };
  const SvgaiSegment *all = (const SvgaiSegment *) segs->data;

  memset (layer_gradient, 0, sizeof *layer_gradient);
  for (guint i = 0; i < starts->len; i++)
    fills[i].kind = SVGAI_FILL_LAYER;
  if (mo == NULL || modes == NULL || !shape_moments (image, dominant, k, layer_alpha, segs, starts, mo, modes))
    return;

  /* One gradient over the whole layer (a shaded wordmark) costs least. */
  for (guint i = 0; i < starts->len; i++)
    svgai_color_moments_merge (&total, &mo[i]);
  if (svgai_gradient_fit (&total, all, segs->len, grid, layer_gradient))
    return;

  for (guint i = 0; i < starts->len; i++)
    {
      guint start = g_array_index (starts, guint, i), end = shape_end (starts, segs, i);
      SvgaiFill *f = &fills[i];

      if (mo[i].n < MIN_SHAPE_PIXELS)
        continue;
      if (svgai_gradient_fit (&mo[i], all + start, end - start, grid, &f->gradient))
        f->kind = SVGAI_FILL_GRADIENT;
      else
        {
          svgai_color_moments_mean (&mo[i], f->rgb);
          /* A shape most of whose pixels are one exact colour is that
           * colour (issue 14: flat colours come out exactly), not the mean
           * that its few blended pixels pull off it. */
          if (modes[i].exact * 2 > mo[i].n)
            f->rgb[0] = modes[i].rgb >> 16, f->rgb[1] = (modes[i].rgb >> 8) & 255, f->rgb[2] = modes[i].rgb & 255;
          if (colours_differ (f->rgb, layer_rgb))
            f->kind = SVGAI_FILL_FLAT;
        }
    }
}
