/* svgai-quality.c: SSIM, MSE and PSNR of two images composited on white.
 *
 * SSIM is scikit-image's structural_similarity (a, b, channel_axis=2,
 * data_range=255, gaussian_weights=True, sigma=1.5,
 * use_sample_covariance=False), the one definition ../DESIGN.md fixes:
 * an 11-tap normalised Gaussian (sigma 1.5, truncate 3.5), K1 = 0.01,
 * K2 = 0.03, L = 255, population covariance, the SSIM map averaged over the
 * window positions that lie fully inside the image (skimage crops 5 px on
 * every side, where its 'reflect' border would otherwise leak in), then over
 * R, G and B. Because only those positions are kept, we filter just the
 * valid region and never need a border mode.
 *
 * Speed: a sliding ring of 11 composited rows per worker, a vertical pass that
 * builds the five moment rows (mu_x, mu_y, x², y², xy) in one sweep, then a
 * horizontal pass that evaluates the SSIM map row; all float loops the
 * compiler vectorises, no allocation per pixel, rows split over two threads
 * for large images.
 *
 * Precision: values are shifted by -128 before filtering, so squares stay
 * below 2^14 and the float variances E[x²] - E[x]² lose 4× less to
 * cancellation; SSIM's variance terms are shift invariant and the luminance
 * term adds the shift back. Row sums are accumulated in double.
 */

#include "svgai-quality.h"

#include <math.h>
#include <string.h>
#include "svgai-threads.h"

#define SSIM_RADIUS 5
#define SSIM_TAPS (2 * SSIM_RADIUS + 1)
#define SSIM_SHIFT 128.0f
#define SSIM_C1 ((0.01 * 255.0) * (0.01 * 255.0))
#define SSIM_C2 ((0.03 * 255.0) * (0.03 * 255.0))

/* Below this many pixels a second thread costs more than it saves. */
#define SSIM_THREAD_MIN_PIXELS (160 * 160)

/* Function multiversioning: the hot loops get an AVX2+FMA clone picked at
 * load time on x86-64 (x86-64-v3: AVX2 + FMA), and stay plain elsewhere. FMA changes rounding by a
 * float ulp, far below the 1e-4 agreement with skimage the tests demand. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__)
#define SSIM_CLONES __attribute__ ((target_clones ("arch=x86-64-v3", "default")))
#else
#define SSIM_CLONES
#endif

typedef struct {
  double a[256];             /* alpha / 255 */
  double white[256];         /* 255 · (1 − alpha / 255) */
} OnWhite;

typedef struct {
  const SvgaiImage *a;
  const SvgaiImage *b;
  const float *kernel;       /* SSIM_TAPS normalised weights */
  const OnWhite *on_white;
  int y_begin, y_end;        /* output rows (window centres) of this job */
  int mse_begin, mse_end;    /* input rows whose squared error this job sums */
  double ssim_sum[3];
  double sq_sum;
} SsimJob;

/* scipy.ndimage's _gaussian_kernel1d: exp(-x²/2σ²) for |x| <= 5, normalised. */
static void
ssim_kernel (float kernel[SSIM_TAPS])
{
  double w[SSIM_TAPS];
  double sum = 0.0;

  for (int i = 0; i < SSIM_TAPS; i++)
    {
      double x = i - SSIM_RADIUS;
      w[i] = exp (-0.5 * x * x / (1.5 * 1.5));
      sum += w[i];
    }
  for (int i = 0; i < SSIM_TAPS; i++)
    kernel[i] = (float) (w[i] / sum);
}

/* Straight alpha on white, as score.py does it in float64: c·a + 255·(1 − a)
 * with a = alpha / 255. The two factors per alpha value come from a table,
 * so the per-pixel work is the same multiply-add without a division. */
static void
on_white_init (OnWhite *t)
{
  for (int i = 0; i < 256; i++)
    {
      t->a[i] = i / 255.0;
      t->white[i] = 255.0 * (1.0 - t->a[i]);
    }
}

static inline double
on_white (const OnWhite *t, guint8 c, guint8 alpha)
{
  return c * t->a[alpha] + t->white[alpha];
}

/* Splits one RGBA row of each image into three shifted float planes each, and
 * returns the row's squared error if wanted (0 otherwise). */
static double
convert_row (const OnWhite *t,
             const guint8  *pa,
             const guint8  *pb,
             int            width,
             float         *planes[6],
             gboolean       want_error)
{
  double sq = 0.0;

  for (int i = 0; i < width; i++, pa += 4, pb += 4)
    {
      if (pa[3] == pb[3] && (pa[3] == 255 || pa[3] == 0))
        {
          /* Opaque or clear in both, as most of a logo is: the colour
           * itself or white, the very values on_white() gives
           * (c · 1 + 0 and c · 0 + 255). */
          for (int c = 0; c < 3; c++)
            {
              double va = pa[3] ? pa[c] : 255.0, vb = pa[3] ? pb[c] : 255.0;

              planes[c][i] = (float) va - SSIM_SHIFT;
              planes[3 + c][i] = (float) vb - SSIM_SHIFT;
              sq += (va - vb) * (va - vb);
            }
          continue;
        }
      for (int c = 0; c < 3; c++)
        {
          double va = on_white (t, pa[c], pa[3]);
          double vb = on_white (t, pb[c], pb[3]);

          planes[c][i] = (float) va - SSIM_SHIFT;
          planes[3 + c][i] = (float) vb - SSIM_SHIFT;
          sq += (va - vb) * (va - vb);
        }
    }
  return want_error ? sq : 0.0;
}

/* Eight floats at a time with GCC/clang vector extensions: the loops are
 * vectorised at -O2 on every target, not just where the auto-vectoriser's
 * cost model agrees. Loads and stores may be unaligned. */
typedef float v8f __attribute__ ((vector_size (32)));
typedef float v8fu __attribute__ ((vector_size (32), aligned (4), may_alias));
#define LD(p) (*(const v8fu *) (p))
#define ST(p, v) (*(v8fu *) (p) = (v))

/* Vertical pass: the five moment rows at one output row, from 11 input rows;
 * width is a multiple of 8 (rows are padded with zeros). */
SSIM_CLONES static void
vertical_moments (const float *const x[SSIM_TAPS],
                  const float *const y[SSIM_TAPS],
                  const float *kernel,
                  int          width,
                  float *restrict mx,
                  float *restrict my,
                  float *restrict mxx,
                  float *restrict myy,
                  float *restrict mxy)
{
  for (int i = 0; i < width; i += 8)
    {
      v8f sx = { 0 }, sy = { 0 }, sxx = { 0 }, syy = { 0 }, sxy = { 0 };

      for (int t = 0; t < SSIM_TAPS; t++)
        {
          v8f vx = LD (x[t] + i);
          v8f vy = LD (y[t] + i);
          v8f wx = kernel[t] * vx;
          v8f wy = kernel[t] * vy;

          sx += wx;
          sy += wy;
          sxx += wx * vx;
          syy += wy * vy;
          sxy += wx * vy;
        }
      ST (mx + i, sx);
      ST (my + i, sy);
      ST (mxx + i, sxx);
      ST (myy + i, syy);
      ST (mxy + i, sxy);
    }
}

/* Horizontal pass and the SSIM formula, for window centres 5 .. width − 6:
 * out[i] is the map at centre i + 5. Computes n rounded up to 8 values; the
 * moment rows must be readable (and finite) that far plus 10. */
SSIM_CLONES static void
horizontal_ssim (const float *restrict mx,
                 const float *restrict my,
                 const float *restrict mxx,
                 const float *restrict myy,
                 const float *restrict mxy,
                 const float *kernel,
                 int          n,
                 float *restrict out)
{
  const float c1 = (float) SSIM_C1;
  const float c2 = (float) SSIM_C2;

  for (int i = 0; i < n; i += 8)
    {
      v8f ux = { 0 }, uy = { 0 }, uxx = { 0 }, uyy = { 0 }, uxy = { 0 };
      v8f vx, vy, vxy, lx, ly;

      for (int t = 0; t < SSIM_TAPS; t++)
        {
          ux += kernel[t] * LD (mx + i + t);
          uy += kernel[t] * LD (my + i + t);
          uxx += kernel[t] * LD (mxx + i + t);
          uyy += kernel[t] * LD (myy + i + t);
          uxy += kernel[t] * LD (mxy + i + t);
        }
      vx = uxx - ux * ux;
      vy = uyy - uy * uy;
      vxy = uxy - ux * uy;
      lx = ux + SSIM_SHIFT;
      ly = uy + SSIM_SHIFT;
      ST (out + i, ((2 * lx * ly + c1) * (2 * vxy + c2))
                   / ((lx * lx + ly * ly + c1) * (vx + vy + c2)));
    }
}

static double
sum_row (const float *v, int n)
{
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  int i = 0;

  for (; i + 4 <= n; i += 4)
    {
      s0 += v[i];
      s1 += v[i + 1];
      s2 += v[i + 2];
      s3 += v[i + 3];
    }
  for (; i < n; i++)
    s0 += v[i];
  return (s0 + s1) + (s2 + s3);
}

static gpointer
ssim_job_run (gpointer data)
{
  SsimJob *job = data;
  int width = job->a->width;
  int first = job->y_begin - SSIM_RADIUS;
  int last = job->y_end + SSIM_RADIUS;   /* exclusive */
  gsize stride = (gsize) width * 4;
  /* Rows padded to a multiple of 8 plus 16 floats: room for the vector loops'
   * overrun, and the 11 rows read together never exactly 4 KiB apart (L1
   * set aliasing at 1024 px). Zero padding keeps the overrun finite. */
  gsize padded = ((gsize) width + 7) / 8 * 8;
  gsize row = padded + 16;
  /* ring: SSIM_TAPS rows × 6 planes; then 5 moment rows; then one map row */
  g_autofree float *buffer = g_new0 (float, row * (SSIM_TAPS * 6 + 5 + 1));
  float *ring[SSIM_TAPS][6];
  float *moments[5];
  float *map;

  for (int r = 0; r < SSIM_TAPS; r++)
    for (int p = 0; p < 6; p++)
      ring[r][p] = buffer + row * (r * 6 + p);
  for (int m = 0; m < 5; m++)
    moments[m] = buffer + row * (SSIM_TAPS * 6 + m);
  map = buffer + row * (SSIM_TAPS * 6 + 5);

  /* prime the ring with the first 10 rows */
  for (int r = first; r < first + SSIM_TAPS - 1; r++)
    job->sq_sum += convert_row (job->on_white, job->a->pixels + stride * r, job->b->pixels + stride * r,
                                width, ring[r % SSIM_TAPS],
                                r >= job->mse_begin && r < job->mse_end);

  for (int y = job->y_begin; y < job->y_end; y++)
    {
      int r = y + SSIM_RADIUS;

      job->sq_sum += convert_row (job->on_white, job->a->pixels + stride * r, job->b->pixels + stride * r,
                                  width, ring[r % SSIM_TAPS],
                                  r >= job->mse_begin && r < job->mse_end);
      for (int c = 0; c < 3; c++)
        {
          const float *x[SSIM_TAPS];
          const float *yy[SSIM_TAPS];

          for (int t = 0; t < SSIM_TAPS; t++)
            {
              x[t] = ring[(y - SSIM_RADIUS + t) % SSIM_TAPS][c];
              yy[t] = ring[(y - SSIM_RADIUS + t) % SSIM_TAPS][3 + c];
            }
          vertical_moments (x, yy, job->kernel, (int) padded,
                            moments[0], moments[1], moments[2], moments[3], moments[4]);
          horizontal_ssim (moments[0], moments[1], moments[2], moments[3], moments[4],
                           job->kernel, width - 2 * SSIM_RADIUS, map);
          job->ssim_sum[c] += sum_row (map, width - 2 * SSIM_RADIUS);
        }
    }

  /* rows after the last window that this job still owns for the MSE (none
   * with the split quality_compute makes; kept so any split stays correct) */
  for (int r = last; r < job->mse_end; r++)
    job->sq_sum += convert_row (job->on_white, job->a->pixels + stride * r, job->b->pixels + stride * r,
                                width, ring[0], TRUE);
  return NULL;
}

/* Fallback for images narrower or lower than the 11 px window, where skimage
 * refuses to compute: one global SSIM per channel with uniform weights over
 * the whole image (population statistics, same constants), averaged over the
 * channels. Identical images still give exactly 1. */
static void
global_ssim (const OnWhite *t, const SvgaiImage *a, const SvgaiImage *b, double *ssim,
             double *sq_sum)
{
  gsize n = (gsize) a->width * (gsize) a->height;
  double s = 0.0;

  *sq_sum = 0.0;
  for (int c = 0; c < 3; c++)
    {
      double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
      double ux, uy, vx, vy, vxy;

      for (gsize i = 0; i < n; i++)
        {
          double x = on_white (t, a->pixels[i * 4 + c], a->pixels[i * 4 + 3]);
          double y = on_white (t, b->pixels[i * 4 + c], b->pixels[i * 4 + 3]);

          sx += x;
          sy += y;
          sxx += x * x;
          syy += y * y;
          sxy += x * y;
          *sq_sum += (x - y) * (x - y);
        }
      ux = sx / n;
      uy = sy / n;
      vx = sxx / n - ux * ux;
      vy = syy / n - uy * uy;
      vxy = sxy / n - ux * uy;
      s += ((2 * ux * uy + SSIM_C1) * (2 * vxy + SSIM_C2))
         / ((ux * ux + uy * uy + SSIM_C1) * (vx + vy + SSIM_C2));
    }
  *ssim = s / 3.0;
}

static gboolean
same_size (const SvgaiImage *a, const SvgaiImage *b)
{
  return a->width == b->width && a->height == b->height && a->width > 0 && a->height > 0;
}

static void
quality_compute (const SvgaiImage *a, const SvgaiImage *b, SvgaiQuality *out)
{
  int w = a->width, h = a->height;
  gsize n = (gsize) w * (gsize) h;
  double sq_sum;
  OnWhite table;

  if (a == b || memcmp (a->pixels, b->pixels, n * 4) == 0)
    {
      out->ssim = 1.0;
      out->mse = 0.0;
      out->psnr = INFINITY;
      return;
    }

  on_white_init (&table);
  if (w < SSIM_TAPS || h < SSIM_TAPS)
    {
      global_ssim (&table, a, b, &out->ssim, &sq_sum);
    }
  else
    {
      float kernel[SSIM_TAPS];
      SsimJob jobs[2];
      int n_jobs = (n >= SSIM_THREAD_MIN_PIXELS && h >= 4 * SSIM_TAPS) ? svgai_threads_for (2) : 1;
      int rows = h - 2 * SSIM_RADIUS;
      GThread *thread = NULL;
      double ssim_sum = 0.0;

      ssim_kernel (kernel);
      for (int j = 0; j < n_jobs; j++)
        {
          jobs[j] = (SsimJob) {
            .a = a, .b = b, .kernel = kernel, .on_white = &table,
            .y_begin = SSIM_RADIUS + rows * j / n_jobs,
            .y_end = SSIM_RADIUS + rows * (j + 1) / n_jobs,
          };
          jobs[j].mse_begin = j == 0 ? 0 : jobs[j].y_begin;
          jobs[j].mse_end = j == n_jobs - 1 ? h : jobs[j].y_end;
        }
      if (n_jobs == 2)
        thread = g_thread_try_new ("svgai-ssim", ssim_job_run, &jobs[1], NULL);
      ssim_job_run (&jobs[0]);
      if (n_jobs == 2)
        {
          if (thread != NULL)
            g_thread_join (thread);
          else
            ssim_job_run (&jobs[1]);
        }

      sq_sum = 0.0;
      for (int j = 0; j < n_jobs; j++)
        {
          sq_sum += jobs[j].sq_sum;
          for (int c = 0; c < 3; c++)
            ssim_sum += jobs[j].ssim_sum[c];
        }
      out->ssim = ssim_sum / (3.0 * (double) rows * (double) (w - 2 * SSIM_RADIUS));
    }

  out->mse = sq_sum / (3.0 * (double) n);
  out->psnr = out->mse > 0.0 ? 10.0 * log10 (255.0 * 255.0 / out->mse) : INFINITY;
}

void
svgai_quality_compare (const SvgaiImage *a, const SvgaiImage *b, SvgaiQuality *out)
{
  g_return_if_fail (out != NULL);
  *out = (SvgaiQuality) { 0.0, 0.0, 0.0 };
  g_return_if_fail (a != NULL && b != NULL);
  g_return_if_fail (same_size (a, b));

  quality_compute (a, b, out);
}

double
svgai_quality_ssim (const SvgaiImage *a, const SvgaiImage *b)
{
  SvgaiQuality q;

  g_return_val_if_fail (a != NULL && b != NULL, 0.0);
  g_return_val_if_fail (same_size (a, b), 0.0);

  quality_compute (a, b, &q);
  return q.ssim;
}
