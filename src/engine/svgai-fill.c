#include "svgai-fill.h"
#include "svgai-raster.h"

#include <math.h>
#include <string.h>

/* A shape needs at least this many opaque pixels of its own colour for its
 * colour to be trusted. */
#define MIN_SHAPE_PIXELS 30
/* A layer of several shapes takes one gradient only when it leaves at most
 * this many levels (RMS per channel). */
#define LAYER_GRADIENT_MAX_RMS 2.0
/* ... or when the shapes' own fills leave more than this share of its
 * error. */
#define SHAPES_ADVANTAGE 0.5
/* A shape keeps the layer's colour unless SSIM's luminance term between the
 * two colours falls below this in some channel: near black a few levels
 * matter, near white they do not. */
#define MIN_LUMINANCE_TERM 0.995
#define SSIM_C1 (0.01 * 255 * 0.01 * 255)
/* A shape one gradient (or its flat colour) leaves more than this many
 * levels off (RMS per channel) may be shading (svgai-shading.h) ... */
#define SHADING_FROM_RMS 3.0
/* ... taken when it leaves less than this share of their error. */
#define SHADING_ADVANTAGE 0.5
/* A written gradient is fitted again without the pixels it misses by
 * more than this many levels in some channel (a neighbour's ramp that
 * runs on under the shape's edge), when they are at least the first and
 * at most the second share of its pixels ... */
#define OUTLIER_LEVELS 4.0
#define MIN_OUTLIER_SHARE 0.005
#define MAX_OUTLIER_SHARE 0.2
/* ... and taken when it leaves the pixels kept less than this share of
 * the error the first fit left them, and all of them at most this many
 * times as much (RMS), and those left out at most this many levels off
 * (RMS per channel): they may be a strip of the shape's own (a light edge
 * along Dojo's dark ribbon, which a refit without it painted dark), not
 * a neighbour's ramp. */
#define KEPT_ADVANTAGE 0.7
#define ALL_GROWTH 1.5
#define LEFT_OUT_LEVELS 16.0
/* A shape of a layer that takes one gradient keeps a flat colour of its
 * own where that leaves it at most FLAT_OWN_RMS levels (RMS per channel,
 * alpha too: a fade is no flat colour) and the layer's gradient more than
 * FLAT_OWN_FROM_RMS: a flat shape in a colour the ramp passes elsewhere
 * (Dojo's orange foot, painted red by its body's radial ramp). */
#define FLAT_OWN_RMS 2.0
#define FLAT_OWN_FROM_RMS 4.0
/* Rounds of leaving out and fitting again. */
#define TRIM_ROUNDS 3
/* Shapes of more samples are not fitted again: the copy of their samples
 * would cost 12 bytes a sample per tracing thread. */
#define TRIM_MAX_SAMPLES (1 << 20)
/* Images up to this many pixels give every interior pixel as a sample. */
#define FULL_SAMPLE_PIXELS (512 * 512)

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

/* A compressed source's edges are blends two or three pixels wide: its
 * interior starts further in. */
static gboolean
deep_interior (const gint8 *dominant, int w, int h, int x, int y, int k)
{
  if (x < 2 || y < 2 || x + 2 >= w || y + 2 >= h)
    return FALSE;
  for (int dy = -2; dy <= 2; dy++)
    for (int dx = -2; dx <= 2; dx++)
      if (dominant[(gsize) (y + dy) * w + x + dx] != k)
        return FALSE;
  return TRUE;
}

/* Where two shapes of the artwork abut, anti-aliasing leaves a seam a
 * pixel wide that is fainter than both (each covers part of it): even
 * between two bands of one gradient, joined into one shape. Its alpha
 * would become a dip in the fitted stops' opacity, through which what
 * lies below shows. A fade changes alpha by a level or two a pixel; a
 * soft shadow's (a layer that `fades`) by up to SVGAI_REGION_FADE_STEP,
 * so there only a dip below both neighbours on a line is a seam. */
#define SEAM_ALPHA_DIP 8

static inline gboolean
seam (const guint8 *p, gsize stride, gboolean fades)
{
  int a = p[3] + SEAM_ALPHA_DIP;

  if (fades)
    return (p[-4 + 3] > a && p[4 + 3] > a) || ((p - stride)[3] > a && (p + stride)[3] > a);
  return p[-4 + 3] > a || p[4 + 3] > a || (p - stride)[3] > a || (p + stride)[3] > a;
}

/* Each shape's own opaque interior pixels: the shapes are drawn without
 * anti-aliasing into a label image (shape i as label i + 1), which says
 * which pixel centres each shape covers. Shape i's samples are
 * samples[first[i] .. first[i + 1]). */
typedef struct {
  guint32 *labels;
  int width;
  guint32 label;
} LabelFill;

static void
label_span (int y, int x_from, int x_to, gpointer data)
{
  const LabelFill *f = data;
  guint32 *row = f->labels + (gsize) y * f->width;

  for (int x = x_from; x < x_to; x++)
    row[x] = f->label;
}

/* px between the samples taken of an image's shapes. */
static int
sample_spacing (const SvgaiImage *image)
{
  return (gsize) image->width * image->height > FULL_SAMPLE_PIXELS ? 2 : 1;
}

static SvgaiColorSample *
shape_samples (const SvgaiImage *image, const gint8 *dominant, int k, guint8 layer_alpha, gboolean fades,
               const GArray *segs,
               const GArray *starts, gsize *first)
{
  int w = image->width, h = image->height;
  g_autofree guint32 *labels = g_try_new0 (guint32, (gsize) w * h);
  const SvgaiSegment *all = (const SvgaiSegment *) segs->data;
  SvgaiColorSample *samples = NULL;
  g_autofree gsize *fill = NULL;
  SvgaiRasterPath path;
  LabelFill label_fill = { labels, w, 0 };
  int step;
  gboolean lossy = svgai_image_is_lossy (image);

  if (labels == NULL)
    return NULL;
  svgai_raster_path_init (&path);
  for (guint i = 0; i < starts->len; i++)
    {
      guint start = g_array_index (starts, guint, i), end = shape_end (starts, segs, i);

      svgai_raster_path_reset (&path);
      svgai_raster_path_add (&path, all + start, end - start, 1, 1);
      label_fill.label = i + 1;
      svgai_raster_fill_centres (&path, w, h, label_span, &label_fill);
    }
  svgai_raster_path_clear (&path);

  /* Two passes: count each shape's pixels, then place them. Every other
   * row and column of a large image is plenty for a colour or a ramp, at a
   * quarter of the memory (12 bytes a pixel, per tracing thread). The
   * first pass clears the label of every pixel it leaves out, so the
   * second only reads the labels (the tests read the source and
   * `dominant`, never another pixel's label). */
  step = sample_spacing (image);
  memset (first, 0, (starts->len + 1) * sizeof *first);
  fill = g_new0 (gsize, starts->len + 1);
  for (int pass = 0; pass < 2; pass++)
    {
      for (int y = 1; y < h - 1; y += step)
        {
          guint32 *row = labels + (gsize) y * w;
          const gint8 *dom = dominant + (gsize) y * w;
          const guint8 *px = svgai_image_pixel (image, 0, y);

          for (int x = 1; x < w - 1; x += step)
            {
              guint label = row[x];
              SvgaiColorSample *sm;

              if (pass == 1 && label == 0)
                continue;
              /* Interior pixels only: edge pixels are mixtures with the
               * neighbours' colours and would pull the colour towards them. */
              if (pass == 0 &&
                  (label == 0 || label > starts->len || dom[x] != k || dom[x - 1] != k || dom[x + 1] != k ||
                   dom[x - w] != k || dom[x + w] != k || (lossy && !deep_interior (dominant, w, h, x, y, k)) ||
                   seam (px + 4 * x, 4 * (gsize) w, fades)))
                {
                  if (label != 0)
                    row[x] = 0;
                  continue;
                }
              if (pass == 0)
                {
                  first[label]++;
                  continue;
                }
              sm = &samples[fill[label - 1]++];
              sm->x = x + 0.5f, sm->y = y + 0.5f;
              memcpy (sm->rgba, px + 4 * x, 3);
              sm->rgba[3] = px[4 * x + 3];
            }
        }
      if (pass == 0)
        {
          for (guint i = 0; i < starts->len; i++)
            first[i + 1] += first[i];
          memcpy (fill, first, (starts->len + 1) * sizeof *first);
          samples = g_try_new (SvgaiColorSample, MAX (first[starts->len], 1));
          if (samples == NULL)
            break;
        }
    }
  return samples;
}

/* A shape's flat colour, from its pixels at the layer's own alpha (fainter
 * ones are edges under a translucent neighbour): the value most of them
 * have exactly when there is one (issue 14: a flat colour comes out as
 * drawn, not as the mean its few blended pixels pull off it), else their
 * mean. Boyer–Moore majority vote, verified by a second pass. */
static void
samples_flat_colour (const SvgaiColorSample *s, gsize n, guint8 layer_alpha, guint8 rgb[3])
{
  double sum[3] = { 0 };
  gsize used = 0, votes = 0, exact = 0;
  guint32 mode = 0;

  for (gsize i = 0; i < n; i++)
    {
      guint32 v = (guint32) s[i].rgba[0] << 16 | (guint32) s[i].rgba[1] << 8 | s[i].rgba[2];

      if (s[i].rgba[3] + 5 < layer_alpha)
        continue;
      used++;
      for (int c = 0; c < 3; c++)
        sum[c] += s[i].rgba[c];
      if (votes == 0)
        mode = v, votes = 1;
      else
        votes += mode == v ? 1 : -1;
    }
  for (gsize i = 0; i < n; i++)
    exact += s[i].rgba[3] + 5 >= layer_alpha &&
             mode == ((guint32) s[i].rgba[0] << 16 | (guint32) s[i].rgba[1] << 8 | s[i].rgba[2]);
  if (used > 0 && exact * 2 > used)
    {
      rgb[0] = mode >> 16, rgb[1] = (mode >> 8) & 255, rgb[2] = mode & 255;
      return;
    }
  if (used == 0)
    {
      /* Every pixel is fainter than the layer: their plain mean. */
      for (gsize i = 0; i < n; i++)
        for (int c = 0; c < 3; c++)
          sum[c] += s[i].rgba[c];
      used = n;
    }
  for (int c = 0; c < 3; c++)
    rgb[c] = used > 0 ? (guint8) CLAMP (lround (sum[c] / used), 0, 255) : 0;
}

/* The colour error of flat colour rgb over the samples (summed squares). */
static double
flat_error (const SvgaiColorSample *s, gsize n, const guint8 rgb[3])
{
  double e = 0;

  for (gsize i = 0; i < n; i++)
    for (int c = 0; c < 3; c++)
      e += (s[i].rgba[c] - rgb[c]) * (s[i].rgba[c] - rgb[c]);
  return e;
}

/* How far gradient g misses sample s in channel c: a colour as much as
 * the pixel's alpha shows it (faint pixels' colours are the noisiest,
 * 8-bit premultiplied, as the stops' fit weighs them). */
static inline double
miss (const SvgaiColorSample *s, const double rgba[SVGAI_CHANNELS], int c)
{
  return (s->rgba[c] - rgba[c]) * (c < 3 ? s->rgba[3] / 255.0 : 1);
}

/* The squared colour error gradient g leaves the samples. */
static double
fit_error (const SvgaiGradient *g, const SvgaiColorSample *s, gsize n)
{
  double e = 0;

  for (gsize i = 0; i < n; i++)
    {
      double rgba[SVGAI_CHANNELS];

      svgai_gradient_colour_at (g, s[i].x, s[i].y, rgba);
      for (int c = 0; c < SVGAI_CHANNELS; c++)
        e += miss (&s[i], rgba, c) * miss (&s[i], rgba, c);
    }
  return e;
}

/* Copies the samples gradient g explains within OUTLIER_LEVELS in every
 * channel to `kept`; returns how many. */
static gsize
keep_explained (const SvgaiGradient *g, const SvgaiColorSample *s, gsize n, SvgaiColorSample *kept)
{
  gsize m = 0;

  for (gsize i = 0; i < n; i++)
    {
      double rgba[SVGAI_CHANNELS];
      gboolean in = TRUE;

      svgai_gradient_colour_at (g, s[i].x, s[i].y, rgba);
      for (int c = 0; c < SVGAI_CHANNELS && in; c++)
        in = fabs (miss (&s[i], rgba, c)) <= OUTLIER_LEVELS;
      if (in)
        kept[m++] = s[i];
    }
  return m;
}

/* Makes the fitted gradient g of a shape (or layer) the one that is
 * written: its stops placed to a quarter of a pixel, and fitted again on
 * the pixels it explains when a few it misses by far bent it (Cycle.js:
 * the fold's ramp, where it fades into the body's colour, is traced as
 * the body's, and turned the body's ramp 1.7 degrees: a band 5 levels off
 * across the arm). The decisions taken on g's error (a gradient or not,
 * linear or radial, the layer's or the shapes') stand: a refit is taken
 * only where it is of g's kind and leaves all the pixels at most
 * ALL_GROWTH times g's error. */
static void
written_gradient (const SvgaiColorSample *s, gsize n, const SvgaiSegment *segs, guint n_segs, double grid,
                  SvgaiGradient *g)
{
  g_autofree SvgaiColorSample *kept = NULL;
  SvgaiGradient t, chosen;
  double all_before, best_ratio = 0;
  gboolean found = FALSE;
  gsize m = n;

  svgai_gradient_refit_stops (g, s, n);
  t = *g;
  if (n > TRIM_MAX_SAMPLES || (kept = g_try_new (SvgaiColorSample, MAX (n, 1))) == NULL)
    return;
  all_before = fit_error (g, s, n);
  /* Left out and fitted again, up to TRIM_ROUNDS times: the first refit,
   * still pulled by the pixels near the bound it keeps, is often no
   * better than g on them, and the next rounds leave those out too. Of
   * the refits good enough, the one that explains the pixels it keeps
   * best against g is taken: the least error over all the pixels chose a
   * refit still bent towards those left out (Cycle.js's body, once its
   * patch by the edge was a ramp's too: a band 5 levels off again). */
  for (int round = 0; round < TRIM_ROUNDS; round++)
    {
      gsize k = keep_explained (&t, s, n, kept);
      double kept_before, kept_after, all_after;

      if (k == m || n - k < MIN_OUTLIER_SHARE * n || n - k > MAX_OUTLIER_SHARE * n)
        break;
      m = k;
      if (!svgai_gradient_fit_samples (kept, m, segs, n_segs, grid, SVGAI_GRADIENT_DIRECTION_REFINED, &t, NULL) ||
          t.kind != g->kind)
        break;
      svgai_gradient_refit_stops (&t, kept, m);
      kept_before = fit_error (g, kept, m);
      kept_after = fit_error (&t, kept, m);
      all_after = fit_error (&t, s, n);
      if (kept_after < KEPT_ADVANTAGE * kept_before && all_after <= ALL_GROWTH * ALL_GROWTH * all_before &&
          all_after - kept_after <= LEFT_OUT_LEVELS * LEFT_OUT_LEVELS * SVGAI_CHANNELS * (n - m) &&
          (!found || kept_after / kept_before < best_ratio))
        found = TRUE, best_ratio = kept_after / kept_before, chosen = t;
    }
  if (found)
    *g = chosen;
}

/* Fills shape f with a shading when one explains its samples much better
 * than the fill that leaves `rms`, and returns the error it leaves (summed
 * squares; -1: none taken). On its opaque samples, when nearly all are (a
 * shading is opaque); at most about SHADING_SAMPLES of them, on a grid
 * (the samples lie `spacing` px apart). */
#define SHADING_OPAQUE_SHARE 0.95
#define SHADING_SAMPLES (64 * 1024)

static double
try_shading (const SvgaiColorSample *s, gsize n, const SvgaiSegment *segs, guint n_segs, double grid, int spacing,
             const SvgaiGradient *base, double rms, SvgaiFill *f)
{
  g_autofree SvgaiColorSample *opaque = NULL;
  SvgaiShading shading;
  gsize m = 0, n_opaque = 0;
  double left;
  int k;

  if (rms <= SHADING_FROM_RMS || n == 0)
    return -1;
  for (gsize i = 0; i < n; i++)
    n_opaque += s[i].rgba[3] == 255;
  if (n_opaque < SHADING_OPAQUE_SHARE * n)
    return -1;
  /* every k-th sample across and down */
  k = (int) MAX (ceil (sqrt ((double) n_opaque / SHADING_SAMPLES)), 1);
  opaque = g_try_new (SvgaiColorSample, n_opaque);
  if (opaque == NULL)
    return -1;
  for (gsize i = 0; i < n; i++)
    if (s[i].rgba[3] == 255 && ((int) s[i].x / spacing) % k == 0 && ((int) s[i].y / spacing) % k == 0)
      opaque[m++] = s[i];
  if (!svgai_shading_fit (opaque, m, segs, n_segs, grid, spacing * k, base, SVGAI_SHADING_ENOUGH, &shading, &left) ||
      left * left > SHADING_ADVANTAGE * rms * rms)
    return -1;
  f->kind = SVGAI_FILL_SHADED;
  f->shading = g_memdup2 (&shading, sizeof shading);
  return left * left * 3 * n;
}

/* Gives each shape its own fill: a gradient where one fits, else its own
 * flat colour where that differs from the layer's. Returns the colour
 * error they leave (summed squares). */
static double
shape_fills (const SvgaiColorSample *samples, const gsize *first, const SvgaiSegment *all, const GArray *segs,
             const GArray *starts, double grid, int spacing, const guint8 layer_rgb[3], guint8 layer_alpha,
             SvgaiFill *fills)
{
  const SvgaiGradient no_gradient = { 0 };   /* a flat base */
  double error = 0;

  for (guint i = 0; i < starts->len; i++)
    {
      guint start = g_array_index (starts, guint, i), end = shape_end (starts, segs, i);
      SvgaiFill *f = &fills[i];
      const SvgaiColorSample *s = samples + first[i];
      gsize n = first[i + 1] - first[i];
      double rms;

      f->kind = SVGAI_FILL_LAYER;
      if (n < MIN_SHAPE_PIXELS)
        error += flat_error (s, n, layer_rgb);
      else if (svgai_gradient_fit_samples (s, n, all + start, end - start, grid, SVGAI_GRADIENT_DIRECTION_REFINED,
                                           &f->gradient, &rms))
        {
          double shaded;

          written_gradient (s, n, all + start, end - start, grid, &f->gradient);
          f->kind = SVGAI_FILL_GRADIENT;
          shaded = try_shading (s, n, all + start, end - start, grid, spacing, &f->gradient, rms, f);
          error += shaded >= 0 ? shaded : rms * rms * 3 * n;
        }
      else
        {
          double e, shaded;

          samples_flat_colour (s, n, layer_alpha, f->rgb);
          if (colours_differ (f->rgb, layer_rgb))
            f->kind = SVGAI_FILL_FLAT;
          e = flat_error (s, n, f->kind == SVGAI_FILL_FLAT ? f->rgb : layer_rgb);
          shaded = try_shading (s, n, all + start, end - start, grid, spacing, &no_gradient, sqrt (e / (3 * n)),
                                f);
          error += shaded >= 0 ? shaded : e;
        }
    }
  return error;
}

/* The squared colour and alpha error a flat fill of colour rgb at the
 * layer's alpha leaves the samples, weighed as fit_error() weighs a
 * gradient's. */
static double
flat_fill_error (const SvgaiColorSample *s, gsize n, const guint8 rgb[3], guint8 alpha)
{
  const double rgba[SVGAI_CHANNELS] = { rgb[0], rgb[1], rgb[2], alpha };
  double e = 0;

  for (gsize i = 0; i < n; i++)
    for (int c = 0; c < SVGAI_CHANNELS; c++)
      e += miss (&s[i], rgba, c) * miss (&s[i], rgba, c);
  return e;
}

/* Gives the shapes of a layer filled by gradient g that are flat in a
 * colour of their own, which g misses, that colour (FLAT_OWN_RMS,
 * FLAT_OWN_FROM_RMS). Returns how many. */
static guint
own_flat_shapes (const SvgaiColorSample *samples, const gsize *first, guint n_shapes, const SvgaiGradient *g,
                 guint8 layer_alpha, SvgaiFill *fills)
{
  guint n_flat = 0;

  for (guint i = 0; i < n_shapes; i++)
    {
      const SvgaiColorSample *s = samples + first[i];
      gsize n = first[i + 1] - first[i];
      guint8 rgb[3];

      if (fills[i].kind != SVGAI_FILL_LAYER)
        continue;
      if (n < MIN_SHAPE_PIXELS || fit_error (g, s, n) <= FLAT_OWN_FROM_RMS * FLAT_OWN_FROM_RMS * SVGAI_CHANNELS * n)
        continue;
      samples_flat_colour (s, n, layer_alpha, rgb);
      if (flat_fill_error (s, n, rgb, layer_alpha) <= FLAT_OWN_RMS * FLAT_OWN_RMS * SVGAI_CHANNELS * n)
        {
          fills[i].kind = SVGAI_FILL_FLAT;
          memcpy (fills[i].rgb, rgb, 3);
          n_flat++;
        }
    }
  return n_flat;
}

/* The layer's gradient once its flat shapes have their own colour: fitted
 * again on the samples and outlines of the shapes left to it, which the
 * flat ones bent (Dojo's red body, whose radial ran through the foot's
 * orange). Kept as it was when the shapes left fit no gradient, another
 * kind or a worse one for them. */
static void
refit_without_flat (const SvgaiColorSample *samples, const gsize *first, const GArray *segs, const GArray *starts,
                    double grid, const SvgaiFill *fills, SvgaiGradient *g)
{
  g_autoptr(GArray) rest = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  g_autofree SvgaiColorSample *kept = NULL;
  SvgaiGradient t;
  gsize m = 0;

  if (first[starts->len] > TRIM_MAX_SAMPLES ||
      (kept = g_try_new (SvgaiColorSample, MAX (first[starts->len], 1))) == NULL)
    return;
  for (guint i = 0; i < starts->len; i++)
    {
      guint start = g_array_index (starts, guint, i), end = shape_end (starts, segs, i);

      if (fills[i].kind != SVGAI_FILL_LAYER)
        continue;
      g_array_append_vals (rest, &g_array_index (segs, SvgaiSegment, start), end - start);
      memcpy (kept + m, samples + first[i], (first[i + 1] - first[i]) * sizeof *kept);
      m += first[i + 1] - first[i];
    }
  if (m == 0 || !svgai_gradient_fit_samples (kept, m, (const SvgaiSegment *) rest->data, rest->len, grid,
                                             SVGAI_GRADIENT_DIRECTION_REFINED, &t, NULL))
    return;
  written_gradient (kept, m, (const SvgaiSegment *) rest->data, rest->len, grid, &t);
  /* as written_gradient: the kind chosen on the whole layer stands */
  if (t.kind == g->kind && fit_error (&t, kept, m) <= fit_error (g, kept, m))
    *g = t;
}

/* Gives the flat shapes of a layer that gradient g fills their own colour,
 * and fits g again without them, until no shape is left flat under it
 * (each round one at least, so as many rounds as shapes at most). */
static void
flat_shapes_apart (const SvgaiColorSample *samples, const gsize *first, const GArray *segs, const GArray *starts,
                   double grid, guint8 layer_alpha, SvgaiFill *fills, SvgaiGradient *g)
{
  while (own_flat_shapes (samples, first, starts->len, g, layer_alpha, fills) > 0)
    refit_without_flat (samples, first, segs, starts, grid, fills, g);
}

void
svgai_fill_choose (const SvgaiImage *image,
                   const gint8 *dominant,
                   int k,
                   const guint8 layer_rgb[3],
                   guint8 layer_alpha,
                   gboolean fades,
                   const GArray *segs,
                   const GArray *starts,
                   double grid,
                   SvgaiGradient *layer_gradient,
                   SvgaiFill *fills)
{
  g_autofree gsize *first = g_new (gsize, starts->len + 1);
  g_autofree SvgaiColorSample *samples = NULL;
  const SvgaiSegment *all = (const SvgaiSegment *) segs->data;
  int spacing = sample_spacing (image);
  double rms;

  memset (layer_gradient, 0, sizeof *layer_gradient);
  memset (fills, 0, starts->len * sizeof *fills);   /* SVGAI_FILL_LAYER, no shading */
  samples = shape_samples (image, dominant, k, layer_alpha, fades, segs, starts, first);
  if (samples == NULL)
    return;

  /* One gradient over the whole layer (a shaded wordmark) costs least. */
  if (!svgai_gradient_fit_samples (samples, first[starts->len], all, segs->len, grid, SVGAI_GRADIENT_DIRECTION_REFINED,
                                   layer_gradient, &rms))
    {
      shape_fills (samples, first, all, segs, starts, grid, spacing, layer_rgb, layer_alpha, fills);
      return;
    }
  if (starts->len == 1)
    {
      written_gradient (samples, first[1], all, segs->len, grid, layer_gradient);
      if (try_shading (samples, first[1], all, segs->len, grid, spacing, layer_gradient, rms, &fills[0]) >= 0)
        memset (layer_gradient, 0, sizeof *layer_gradient);
      return;
    }
  if (rms <= LAYER_GRADIENT_MAX_RMS)
    {
      written_gradient (samples, first[starts->len], all, segs->len, grid, layer_gradient);
      flat_shapes_apart (samples, first, segs, starts, grid, layer_alpha, fills, layer_gradient);
      return;
    }
  /* Unless the shapes' own fills explain them much better: two shaded dots
   * are two radials, not one ramp across both. */
  if (shape_fills (samples, first, all, segs, starts, grid, spacing, layer_rgb, layer_alpha, fills) <
      SHAPES_ADVANTAGE * rms * rms * 3 * first[starts->len])
    {
      memset (layer_gradient, 0, sizeof *layer_gradient);
      return;
    }
  for (guint i = 0; i < starts->len; i++)
    {
      fills[i].kind = SVGAI_FILL_LAYER;
      g_clear_pointer (&fills[i].shading, g_free);
    }
  written_gradient (samples, first[starts->len], all, segs->len, grid, layer_gradient);
  flat_shapes_apart (samples, first, segs, starts, grid, layer_alpha, fills, layer_gradient);
}
