/* The image loops must vectorize to meet the time targets (≤ 5 ms at 256 px,
 * ≤ 40 ms at 1024 px); -O2 does not vectorize loops of unknown length. */
#pragma GCC optimize ("O3", "no-math-errno")

#include "svgai-features.h"
#include "engine/svgai-image.h"

#include <math.h>
#include <string.h>

/* See svgai-features.h for the definitions; the constants here are the ones
 * it states. */

#define OPAQUE_ALPHA 128
#define BACKGROUND_TOLERANCE 48
#define COLOR_BINS 32768          /* 5 bits per channel */
#define COLOR_MIN_SHARE 0.0005
#define WORKING_SIDE 256
#define CANNY_LOW 0.05f
#define CANNY_HIGH 0.10f
#define HARRIS_K 0.04f
#define HARRIS_THRESHOLD 0.0005f
#define SHADING_EDGE_DISTANCE 3
#define SHADING_MIN_SLOPE (0.25f / 255)

/* Rough costs, nanoseconds per working-image pixel, used to decide what fits
 * in the time left (measured on a 2 GHz core, rounded up). */
#define MEDIUM_NS_PER_PIXEL 60.0
#define SLOW_NS_PER_PIXEL 30.0

enum { CH_R, CH_G, CH_B, CH_A, N_CH };

typedef struct {
  int w, h;                 /* working size */
  float *ch[N_CH];          /* 0..1; RGB composited on white */
  guint8 *fg;               /* foreground by majority of the block */
  float *gx, *gy, *mag;     /* dominant channel's gradient */
  guint8 *edge;
  guint8 *arena;            /* every buffer above comes from here */
  gsize arena_size, arena_used;
} Work;

/* A per-thread scratch arena: feature extraction then touches memory that is
 * already mapped, which halves its time at 256 px. Kept only while small. */
#define ARENA_KEEP_MAX (4u << 20)

static void
arena_free (gpointer data)
{
  g_free (data);
}

static GPrivate arena_key = G_PRIVATE_INIT (arena_free);

typedef struct {
  gsize size;
  guint8 data[];
} Arena;

static void
work_init_arena (Work *wk, gsize size)
{
  Arena *a = g_private_get (&arena_key);

  if (a == NULL || a->size < size)
    {
      a = g_malloc (sizeof (Arena) + size);
      a->size = size;
      g_private_replace (&arena_key, a);
    }
  wk->arena = a->data;
  wk->arena_size = a->size;
  wk->arena_used = 0;
}

static gpointer
work_alloc (Work *wk, gsize bytes, gboolean zero)
{
  guint8 *p = wk->arena + wk->arena_used;

  bytes = (bytes + 63) & ~(gsize) 63;
  g_assert (wk->arena_used + bytes <= wk->arena_size);
  wk->arena_used += bytes;
  if (zero)
    memset (p, 0, bytes);
  return p;
}

static inline int
quantize (const guint8 *p)
{
  return ((p[0] >> 3) << 10) | ((p[1] >> 3) << 5) | (p[2] >> 3);
}

static inline int
luma (const guint8 *p)
{
  return (54 * p[0] + 183 * p[1] + 19 * p[2]) >> 8;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* The background: transparent when at least half of the border is, else the
 * most common quantized opaque border colour, returned as an RGB triple. */
static gboolean
find_background (const SvgaiImage *img, guint8 bg[3])
{
  int w = img->width, h = img->height;
  guint n = 0, transparent = 0;
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  int best = -1;
  guint best_count = 0;

  for (int i = 0; i < 2 * (w + h); i++)
    {
      int x, y;
      const guint8 *p;

      if (i < w) { x = i; y = 0; }
      else if (i < 2 * w) { x = i - w; y = h - 1; }
      else if (i < 2 * w + h) { x = 0; y = i - 2 * w; }
      else { x = w - 1; y = i - 2 * w - h; }
      p = svgai_image_pixel (img, x, y);
      n++;
      if (p[3] < OPAQUE_ALPHA)
        transparent++;
      else
        {
          int q = quantize (p);
          guint c = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GINT_TO_POINTER (q + 1))) + 1;

          g_hash_table_insert (counts, GINT_TO_POINTER (q + 1), GUINT_TO_POINTER (c));
          if (c > best_count || (c == best_count && q < best))
            {
              best_count = c;
              best = q;
            }
        }
    }
  if (2 * transparent >= n || best < 0)
    return FALSE;
  /* the centre of the quantization bin */
  bg[0] = ((best >> 10) & 31) * 8 + 4;
  bg[1] = ((best >> 5) & 31) * 8 + 4;
  bg[2] = (best & 31) * 8 + 4;
  return TRUE;
}

/* What the quick pass counts. Logos are mostly runs of one colour: a run is
 * counted once, which also spares the histograms long chains of dependent
 * updates. */
typedef struct {
  guint64 hist[257];        /* luma of opaque pixels; [256] transparent ones */
  guint32 *bins;            /* quantized colours of flat opaque pixels */
  guint64 opaque, foreground, flat;
  int x0, y0, x1, y1;       /* bounding box of the foreground */
  guint8 bg[3];
  gboolean opaque_bg;
  /* the current run of equal pixels */
  guint32 run_value;
  guint64 run;
  gboolean run_opaque, run_fg;
  int run_luma, run_bin;
} QuickCounts;

/* Sizes the working image, one pixel per f × f block, and takes its buffers
 * and the pass's scratch from the arena: the colour bins and one row of
 * block sums (the channels and the foreground count). */
static void
work_setup (Work *wk, int w, int h, int f, guint32 **bins, guint32 **acc)
{
  gsize n;

  wk->w = MAX (1, w / f);
  wk->h = MAX (1, h / f);
  n = (gsize) wk->w * wk->h;

  /* 40 bytes per working pixel: see the buffers below */
  work_init_arena (wk, 40 * n + 16 * 64 + sizeof (guint32) * (COLOR_BINS + (gsize) wk->w * (N_CH + 1)));
  *bins = work_alloc (wk, sizeof (guint32) * COLOR_BINS, TRUE);
  *acc = work_alloc (wk, sizeof (guint32) * wk->w * (N_CH + 1), TRUE);
  for (int c = 0; c < N_CH; c++)
    wk->ch[c] = work_alloc (wk, sizeof (float) * n, FALSE);
  wk->fg = work_alloc (wk, n, FALSE);
}

/* Adds the run that ends to the counts. */
static inline void
end_run (QuickCounts *qc)
{
  if (qc->run_opaque)
    {
      qc->opaque += qc->run;
      qc->hist[qc->run_luma] += qc->run;
      /* only pixels equal to their left neighbour: flat areas */
      qc->bins[qc->run_bin] += qc->run - 1;
      qc->flat += qc->run - 1;
      qc->foreground += qc->run_fg ? qc->run : 0;
    }
  else
    qc->hist[256] += qc->run;
}

/* Starts a run of pixels equal to @p, whose bytes are @v. */
static inline void
start_run (QuickCounts *qc, const guint8 *p, guint32 v)
{
  qc->run = 0;
  qc->run_value = v;
  qc->run_opaque = p[3] >= OPAQUE_ALPHA;
  qc->run_fg = FALSE;
  if (qc->run_opaque)
    {
      qc->run_luma = luma (p);
      qc->run_bin = quantize (p);
      qc->run_fg = !qc->opaque_bg ||
                   (guint) (p[0] - qc->bg[0] + BACKGROUND_TOLERANCE) > 2 * BACKGROUND_TOLERANCE ||
                   (guint) (p[1] - qc->bg[1] + BACKGROUND_TOLERANCE) > 2 * BACKGROUND_TOLERANCE ||
                   (guint) (p[2] - qc->bg[2] + BACKGROUND_TOLERANCE) > 2 * BACKGROUND_TOLERANCE;
    }
}

/* Counts row @y into @qc, with its foreground in the bounding box, and (if
 * @in_work) adds it to the block sums @acc of its working row. */
static inline void
scan_row (const SvgaiImage *img, int y, int f, gboolean in_work,
          QuickCounts *qc, guint32 *acc, const guint32 *acc_end)
{
  const guint8 *p = svgai_image_pixel (img, 0, y);
  int w = img->width;
  int row_fg_min = w, row_fg_max = -1;
  guint32 *s = acc;

  for (int x = 0, k = 0; x < w; x++, p += 4)
    {
      guint32 v;
      guint a = p[3];

      memcpy (&v, p, 4);
      if (v != qc->run_value)
        {
          end_run (qc);
          start_run (qc, p, v);
        }
      qc->run++;
      if (qc->run_fg)
        {
          if (x < row_fg_min)
            row_fg_min = x;
          row_fg_max = x;
        }

      if (in_work && s < acc_end)
        {
          /* composite on white: c·a + 255·(1 − a), in 0..255² */
          guint inv = 255 * (255 - a);

          s[CH_R] += p[0] * a + inv;
          s[CH_G] += p[1] * a + inv;
          s[CH_B] += p[2] * a + inv;
          s[CH_A] += a;
          s[N_CH] += qc->run_fg;
          if (++k == f)
            {
              k = 0;
              s += N_CH + 1;
            }
        }
    }
  if (row_fg_max >= 0)
    {
      qc->x0 = MIN (qc->x0, row_fg_min);
      qc->x1 = MAX (qc->x1, row_fg_max);
      if (qc->y0 == img->height)
        qc->y0 = y;
      qc->y1 = y;
    }
}

/* Averages the block sums @acc of f × f pixels into working row @wy, and
 * clears them for the next. */
static inline void
store_working_row (Work *wk, guint32 *acc, int wy, int f)
{
  float n = (float) f * f;
  float *dst[N_CH];

  for (int c = 0; c < N_CH; c++)
    dst[c] = wk->ch[c] + (gsize) wy * wk->w;
  for (int wx = 0; wx < wk->w; wx++)
    {
      const guint32 *s = acc + (gsize) wx * (N_CH + 1);

      dst[CH_R][wx] = s[CH_R] / (n * 65025.f);
      dst[CH_G][wx] = s[CH_G] / (n * 65025.f);
      dst[CH_B][wx] = s[CH_B] / (n * 65025.f);
      dst[CH_A][wx] = s[CH_A] / (n * 255.f);
      wk->fg[(gsize) wy * wk->w + wx] = 2 * s[N_CH] > n;
    }
  memset (acc, 0, sizeof (guint32) * wk->w * (N_CH + 1));
}

/* The quick features of a w × h image from its counts. */
static void
quick_features (const QuickCounts *qc, int w, int h, SvgaiFeatures *out)
{
  double total = (double) w * h, e = 0;
  guint64 min_count;
  guint colours = 0;

  for (int i = 0; i < 257; i++)
    if (qc->hist[i])
      {
        double pr = qc->hist[i] / total;
        e -= pr * log2 (pr);
      }
  out->entropy = e > 0 ? e : 0;   /* avoid −0 */

  min_count = MAX (1, (guint64) ceil (qc->flat * COLOR_MIN_SHARE));
  if (qc->flat > 0)
    for (int i = 0; i < COLOR_BINS; i++)
      colours += qc->bins[i] >= min_count;
  out->unique_colors = colours;
  out->fill_ratio = qc->foreground / total;
  if (qc->x1 >= 0)
    out->aspect_ratio = (qc->x1 - qc->x0 + 1) / (double) (qc->y1 - qc->y0 + 1);
  else
    out->aspect_ratio = w / (double) h;
}

/* The quick features, and the working image, in one pass over the pixels. */
static void
quick_pass (const SvgaiImage *img, SvgaiFeatures *out, Work *wk)
{
  int w = img->width, h = img->height;
  int f = MAX (1, (int) lround (MAX (w, h) / (double) WORKING_SIDE));
  QuickCounts qc = { .x0 = w, .y0 = h, .x1 = -1, .y1 = -1, .bg = { 255, 255, 255 } };
  guint32 *acc;
  guint32 *acc_end;

  qc.opaque_bg = find_background (img, qc.bg);
  work_setup (wk, w, h, f, &qc.bins, &acc);
  acc_end = acc + (gsize) wk->w * (N_CH + 1);

  for (int y = 0; y < h; y++)
    {
      int wy = y / f;
      gboolean in_work = wy < wk->h;

      scan_row (img, y, f, in_work, &qc, acc, acc_end);
      if (in_work && (y % f == f - 1 || y == h - 1))
        store_working_row (wk, acc, wy, f);
    }
  end_run (&qc);

  quick_features (&qc, w, h, out);
}

/* 3×3 binomial blur with clamped borders, through a scratch buffer. The
 * inner loops have no branches so that they vectorize. */
static void
blur3 (float *data, int w, int h, float *tmp)
{
  for (int y = 0; y < h; y++)
    {
      const float *restrict r = data + (gsize) y * w;
      float *restrict t = tmp + (gsize) y * w;

      if (w == 1)
        {
          t[0] = r[0];
          continue;
        }
      t[0] = 0.75f * r[0] + 0.25f * r[1];
      for (int x = 1; x < w - 1; x++)
        t[x] = 0.25f * (r[x - 1] + r[x + 1]) + 0.5f * r[x];
      t[w - 1] = 0.75f * r[w - 1] + 0.25f * r[w - 2];
    }
  for (int y = 0; y < h; y++)
    {
      const float *restrict u = tmp + (gsize) (y > 0 ? y - 1 : 0) * w;
      const float *restrict c = tmp + (gsize) y * w;
      const float *restrict d = tmp + (gsize) (y < h - 1 ? y + 1 : h - 1) * w;
      float *restrict o = data + (gsize) y * w;

      for (int x = 0; x < w; x++)
        o[x] = 0.25f * (u[x] + d[x]) + 0.5f * c[x];
    }
}

/* Sobel / 8 of each channel; keeps the steepest channel's gradient. The
 * outermost ring of pixels has no gradient. */
static void
gradients (Work *wk)
{
  int w = wk->w, h = wk->h;
  gsize n = (gsize) w * h;
  float *tmp = work_alloc (wk, sizeof (float) * n, FALSE);
  float *restrict gxs = wk->gx = work_alloc (wk, sizeof (float) * n, TRUE);
  float *restrict gys = wk->gy = work_alloc (wk, sizeof (float) * n, TRUE);
  float *restrict mag = wk->mag = work_alloc (wk, sizeof (float) * n, TRUE);

  for (int c = 0; c < N_CH; c++)
    blur3 (wk->ch[c], w, h, tmp);

  for (int c = 0; c < N_CH; c++)
    {
      const float *d = wk->ch[c];

      for (int y = 1; y < h - 1; y++)
        {
          const float *restrict u = d + (gsize) (y - 1) * w;
          const float *restrict m = d + (gsize) y * w;
          const float *restrict b = d + (gsize) (y + 1) * w;
          gsize row = (gsize) y * w;

          for (int x = 1; x < w - 1; x++)
            {
              float gx = ((u[x + 1] - u[x - 1]) + 2 * (m[x + 1] - m[x - 1]) + (b[x + 1] - b[x - 1])) * 0.125f;
              float gy = ((b[x - 1] - u[x - 1]) + 2 * (b[x] - u[x]) + (b[x + 1] - u[x + 1])) * 0.125f;
              float g2 = gx * gx + gy * gy;
              gboolean more = g2 > mag[row + x];

              /* squared until the end; selects rather than branches */
              mag[row + x] = more ? g2 : mag[row + x];
              gxs[row + x] = more ? gx : gxs[row + x];
              gys[row + x] = more ? gy : gys[row + x];
            }
        }
    }
  for (gsize i = 0; i < n; i++)
    mag[i] = sqrtf (mag[i]);
}

static void
canny (Work *wk, SvgaiFeatures *out)
{
  int w = wk->w, h = wk->h;
  gsize n = (gsize) w * h;
  guint8 *cand = work_alloc (wk, n, TRUE);   /* 1 weak, 2 strong */
  guint32 *stack = work_alloc (wk, sizeof (guint32) * n, FALSE);
  guint8 *near;
  gsize sp = 0, edges = 0, shaded = 0, opaque = 0;

  wk->edge = work_alloc (wk, n, TRUE);
  for (int y = 1; y < h - 1; y++)
    for (int x = 1; x < w - 1; x++)
      {
        gsize i = (gsize) y * w + x;
        float m = wk->mag[i], gx, gy, a, b;
        int dx, dy;

        if (m < CANNY_LOW)
          continue;
        gx = wk->gx[i];
        gy = wk->gy[i];
        /* direction quantized to 0°, 45°, 90°, 135° */
        if (fabsf (gy) <= 0.4142f * fabsf (gx)) { dx = 1; dy = 0; }
        else if (fabsf (gx) <= 0.4142f * fabsf (gy)) { dx = 0; dy = 1; }
        else if ((gx > 0) == (gy > 0)) { dx = 1; dy = 1; }
        else { dx = 1; dy = -1; }
        a = wk->mag[i + dy * w + dx];
        b = wk->mag[i - dy * w - dx];
        if (m >= a && m > b)
          {
            cand[i] = m >= CANNY_HIGH ? 2 : 1;
            if (cand[i] == 2)
              {
                wk->edge[i] = 1;
                stack[sp++] = i;
              }
          }
      }
  while (sp > 0)
    {
      gsize i = stack[--sp];
      int x = i % w, y = i / w;

      for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
          {
            int xx = x + dx, yy = y + dy;
            gsize j;

            if (xx < 0 || yy < 0 || xx >= w || yy >= h)
              continue;
            j = (gsize) yy * w + xx;
            if (cand[j] && !wk->edge[j])
              {
                wk->edge[j] = 1;
                stack[sp++] = j;
              }
          }
    }
  for (gsize i = 0; i < n; i++)
    edges += wk->edge[i];
  out->edge_density = edges / (double) n;

  /* Pixels within SHADING_EDGE_DISTANCE of an edge: separable dilation. */
  near = work_alloc (wk, n, TRUE);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (wk->edge[(gsize) y * w + x])
        for (int d = -SHADING_EDGE_DISTANCE; d <= SHADING_EDGE_DISTANCE; d++)
          if (x + d >= 0 && x + d < w)
            near[(gsize) y * w + x + d] = 1;
  memcpy (cand, near, n);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (cand[(gsize) y * w + x])
        for (int d = -SHADING_EDGE_DISTANCE; d <= SHADING_EDGE_DISTANCE; d++)
          if (y + d >= 0 && y + d < h)
            near[(gsize) (y + d) * w + x] = 1;
  /* Shaded: the colour changes, but no edge is near. A share of all opaque
   * pixels (an opaque background's too, as the tracer may shade it). */
  for (gsize i = 0; i < n; i++)
    {
      gboolean o = wk->ch[CH_A][i] >= 0.5f;

      opaque += o;
      shaded += o && !near[i] && wk->mag[i] >= SHADING_MIN_SLOPE;
    }
  out->gradient_strength = opaque ? shaded / (double) opaque : 0;
}

static void
harris (Work *wk, SvgaiFeatures *out)
{
  int w = wk->w, h = wk->h;
  gsize n = (gsize) w * h;
  /* the colour channels are no longer needed: reuse them */
  float *t[3] = { wk->ch[0], wk->ch[1], wk->ch[2] };
  float *r = wk->ch[3];
  float *tmp = (float *) (gpointer) wk->mag;   /* mag is not read below */
  guint corners = 0;

  for (gsize i = 0; i < n; i++)
    {
      t[0][i] = wk->gx[i] * wk->gx[i];
      t[1][i] = wk->gy[i] * wk->gy[i];
      t[2][i] = wk->gx[i] * wk->gy[i];
    }
  for (int c = 0; c < 3; c++)
    blur3 (t[c], w, h, tmp);
  for (gsize i = 0; i < n; i++)
    {
      float tr = t[0][i] + t[1][i];
      r[i] = t[0][i] * t[1][i] - t[2][i] * t[2][i] - HARRIS_K * tr * tr;
    }
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        float v = r[(gsize) y * w + x];
        gboolean is_max = v > HARRIS_THRESHOLD;

        for (int dy = -2; dy <= 2 && is_max; dy++)
          for (int dx = -2; dx <= 2 && is_max; dx++)
            {
              int xx = x + dx, yy = y + dy;
              float o;

              if ((dx == 0 && dy == 0) || xx < 0 || yy < 0 || xx >= w || yy >= h)
                continue;
              o = r[(gsize) yy * w + xx];
              /* ties go to the first in raster order */
              if (o > v || (o == v && (dy < 0 || (dy == 0 && dx < 0))))
                is_max = FALSE;
            }
        corners += is_max;
      }
  out->corner_density = corners * 1000.0 / n;
}

static void
work_clear (Work *wk)
{
  if (wk->arena_size > ARENA_KEEP_MAX)
    g_private_replace (&arena_key, NULL);
  wk->arena = NULL;
}

static void
complexity (SvgaiFeatures *f)
{
  double c = 0.30 * MIN (1.0, f->edge_density / 0.12)
           + 0.25 * MIN (1.0, f->corner_density / 2.0)
           + 0.20 * MIN (1.0, log2 (MAX (1.0, f->unique_colors)) / 8.0)
           + 0.15 * f->entropy / 8.0
           + 0.10 * f->gradient_strength;

  f->complexity_score = CLAMP (c, 0.0, 1.0);
  f->estimated[SVGAI_FEATURE_COMPLEXITY_SCORE] =
    f->estimated[SVGAI_FEATURE_EDGE_DENSITY] ||
    f->estimated[SVGAI_FEATURE_CORNER_DENSITY] ||
    f->estimated[SVGAI_FEATURE_GRADIENT_STRENGTH];
}

void
svgai_features_extract (SvgaiImage *image,
                        double time_limit_ms,
                        SvgaiFeatures *out)
{
  double t0 = now_ms ();
  Work wk = { 0 };
  gsize n;

  g_return_if_fail (image != NULL && image->width > 0 && image->height > 0);
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->width = image->width;
  out->height = image->height;
  quick_pass (image, out, &wk);
  n = (gsize) wk.w * wk.h;

#define FITS(ns) (time_limit_ms <= 0 || now_ms () - t0 + n * (ns) * 1e-6 <= time_limit_ms)
  if (FITS (MEDIUM_NS_PER_PIXEL))
    {
      gradients (&wk);
      canny (&wk, out);
      if (FITS (SLOW_NS_PER_PIXEL))
        harris (&wk, out);
      else
        {
          out->corner_density = svgai_feature_get_default (SVGAI_FEATURE_CORNER_DENSITY);
          out->estimated[SVGAI_FEATURE_CORNER_DENSITY] = TRUE;
        }
    }
  else
    {
      static const SvgaiFeature later[] = {
        SVGAI_FEATURE_EDGE_DENSITY, SVGAI_FEATURE_GRADIENT_STRENGTH, SVGAI_FEATURE_CORNER_DENSITY
      };

      for (guint i = 0; i < G_N_ELEMENTS (later); i++)
        {
          svgai_features_set (out, later[i], svgai_feature_get_default (later[i]));
          out->estimated[later[i]] = TRUE;
        }
    }
#undef FITS
  complexity (out);
  work_clear (&wk);
  out->elapsed_ms = now_ms () - t0;
}
