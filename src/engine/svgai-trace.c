#include "svgai-trace.h"
#include "svgai-params.h"

#include <math.h>
#include <potracelib.h>
#include <string.h>
#include "svgai-bands.h"
#include "svgai-denoise.h"
#include "svgai.h"
#include "svgai-fill.h"
#include "svgai-layer-field.h"
#include "svgai-limits.h"
#include "svgai-trace-work.h"
#include "svgai-trace-bitmap.h"
#include "svgai-trace-contours.h"
#include "svgai-palette.h"
#include "svgai-trace-private.h"
#include "svgai-primitives.h"
#include "svgai-quality.h"
#include "svgai-render.h"
#include "svgai-refit.h"
#include "svgai-simplify.h"
#include "svgai-svg-writer.h"
#include "svgai-threads.h"

/* Refitted curves stay this close to the traced outline, px: at the
 * default tolerance (0.3) 0.095 px. 0.175 px saved a sixth of the bytes
 * but cost 0.001 of 4× SSIM on the devset (the outline moves by that much
 * along whole edges). */
#define REFIT_BASE 0.05
#define REFIT_PER_TOLERANCE 0.15
/* A restored JPEG's edges stay about a tenth of a pixel noisy: a fit
 * that close followed the noise with short curves (its SVG was 1.5× the
 * clean PNG's). */
#define REFIT_LOSSY_EXTRA 0.1
#define WORD_BITS ((int) (8 * sizeof (potrace_word)))

typedef struct {
  GArray *segments;         /* the layer's contours, shape by shape */
  GArray *starts;           /* index in segments where each shape starts */
  SvgaiFill *fills;         /* per shape */
  SvgaiGradient gradient;   /* when one gradient fills the whole layer */
} LayerResult;

typedef struct {
  const SvgaiPalette *palette;
  const SvgaiParams *params;
  int factor;
  double grid;              /* coordinates are multiples of 1/grid */
  GCancellable *cancellable;
  int n_layers;
  gint next_layer;          /* atomic work counter */
  const SvgaiImage *image;
  SvgaiContourSpec spec;    /* how its paths become contours */
  SvgaiContourPool *pool;   /* the threads share out every layer's contours */
  LayerResult *layers;      /* per layer */
  gint8 *dominant;          /* per pixel: the colour it mostly is, -1 for background */
  gboolean speck[SVGAI_DOMINANT_COLOURS];   /* colours of a speck only: no layer */
  SvgaiLayerStack stack;    /* how each layer's coverage is stacked */
  gint failed;              /* atomic: potrace ran out of memory */
  gint64 deadline;          /* monotonic µs; potrace cannot be stopped, so */
  gint timed_out;           /* atomic: checked between layers and in our loops */
  gint64 n_segments;        /* atomic: all layers' so far, against max_segments */
  gint64 max_segments;      /* SVGAI_MAX_TRACE_SEGMENTS, or fewer for a candidate tracing */
  guint64 path_budget;      /* bytes the layers' path data may take (budget less the image's own) */
  guint64 path_bytes;       /* atomic: the estimates of every layer started */
  gint too_complex;         /* atomic: a layer's boundary predicted more than path_budget */
  gint too_slow;            /* atomic: a layer's boundary predicted a trace past the deadline */
  gint64 predicted_ms;      /* atomic: the longest such prediction */
} TraceJob;

#define MIN_PATH_BUDGET (G_GUINT64_CONSTANT (16) << 20)

/* What the layers' path data may take: the memory budget less the image's
 * own estimate, and at least MIN_PATH_BUDGET (any logo's paths fit in it,
 * 150 000 contour points: a small overshoot of a budget the image itself
 * already fills). */
static guint64
path_budget (const SvgaiImage *image, int factor)
{
  guint64 budget = svgai_limits_get_memory_budget ();
  guint64 base = svgai_limits_estimate_bytes (image->width, image->height, factor);

  return MAX (budget > base ? budget - base : 0, MIN_PATH_BUDGET);
}

/* Adds layer k's estimate to the job's; FALSE (and the job marked too
 * complex) when the layers' path data would pass the budget, or (the job
 * marked too slow) when potrace's worst-case time on the layer would end
 * past the deadline: potrace cannot be stopped once it runs, so a layer
 * that may not finish in time is not started. */
static gboolean
admit_layer (TraceJob *job, const potrace_bitmap_t *bm)
{
  guint64 edges, corners, bytes;
  double ms, steps;

  svgai_trace_work_count (bm, &edges, &corners);
  bytes = svgai_limits_estimate_trace_bytes (edges);

  if (__atomic_add_fetch (&job->path_bytes, bytes, __ATOMIC_RELAXED) > job->path_budget ||
      bytes > job->path_budget)
    {
      g_atomic_int_set (&job->too_complex, 1);
      return FALSE;
    }
  if (job->deadline == G_MAXINT64)
    return TRUE;
  /* The cheap bound first; counting the shapes only when it does not fit. */
  ms = svgai_limits_trace_ms (svgai_trace_work_steps_bound (edges, corners, bm->w, bm->h));
  if (g_get_monotonic_time () + ms * 1000 <= (double) job->deadline)
    return TRUE;
  steps = svgai_trace_work_steps (bm, corners);
  if (steps >= 0)
    ms = svgai_limits_trace_ms (steps);
  if (g_get_monotonic_time () + ms * 1000 <= (double) job->deadline)
    return TRUE;
  /* Only ever raised: the report names the slowest layer refused. */
  for (gint64 old = __atomic_load_n (&job->predicted_ms, __ATOMIC_RELAXED);
       (gint64) ms > old &&
       !__atomic_compare_exchange_n (&job->predicted_ms, &old, (gint64) ms, FALSE,
                                     __ATOMIC_RELAXED, __ATOMIC_RELAXED);)
    ;
  g_atomic_int_set (&job->too_slow, 1);
  return FALSE;
}

static gboolean
out_of_time (const TraceJob *job)
{
  if (g_get_monotonic_time () <= job->deadline)
    return FALSE;
  g_atomic_int_set ((gint *) &job->timed_out, 1);
  return TRUE;
}


/* A thread's buffers for tracing layers, allocated once it has one. */
typedef struct {
  gboolean ready;
  potrace_bitmap_t bm;
  guint8 *field, *attached, *covered;
  guint32 *stack;
  int *x0, *wx, *col;
  potrace_param_t *param;
} Scratch;

static void
scratch_clear (Scratch *s)
{
  g_free (s->bm.map);
  g_free (s->field);
  g_free (s->attached);
  g_free (s->covered);
  g_free (s->stack);
  g_free (s->x0);
  g_free (s->wx);
  g_free (s->col);
  if (s->param)
    potrace_param_free (s->param);
}

static gboolean
scratch_init (const TraceJob *job, Scratch *s)
{
  int w = job->palette->width, h = job->palette->height, f = job->factor;
  potrace_bitmap_t bm = { w * f, h * f, (w * f + WORD_BITS - 1) / WORD_BITS, NULL };

  s->bm = bm;
  s->bm.map = g_try_malloc ((gsize) bm.dy * bm.h * sizeof (potrace_word));
  s->field = g_try_malloc ((gsize) w * h);
  s->attached = g_try_malloc ((gsize) w * h);
  s->stack = g_try_new (guint32, (gsize) w * h);
  s->covered = g_try_malloc ((gsize) w * h);
  s->x0 = g_try_new (int, (gsize) bm.w);
  s->wx = g_try_new (int, (gsize) bm.w);
  s->col = g_try_new (int, 3 * (gsize) w + 2);
  s->param = potrace_param_default ();
  if (s->field == NULL || s->attached == NULL || s->stack == NULL || s->covered == NULL || s->x0 == NULL ||
      s->wx == NULL || s->col == NULL || s->bm.map == NULL || s->param == NULL)
    return FALSE;
  /* A speck is small relative to the image too: a 1×1 logo is not a speck. */
  s->param->turdsize = (int) MIN ((gint64) job->params->speckle, (gint64) w * h / 64) * f * f;
  s->param->alphamax = job->params->smooth;
  s->param->opticurve = job->params->tolerance > 0;
  s->param->opttolerance = job->params->tolerance * f;
  s->ready = TRUE;
  return TRUE;
}

/* Traces layer k into job->layers[k]; FALSE when the job is to stop. */
static gboolean
trace_layer (TraceJob *job, int k, Scratch *s)
{
  int w = job->palette->width, h = job->palette->height;
  gboolean stacked = job->params->layering == SVGAI_LAYERING_STACKED;
  LayerResult *out = &job->layers[k];
  const SvgaiPaletteColor *c = &job->palette->colors[k];
  guint8 rgb[3] = { c->r, c->g, c->b };
  SvgaiCoverage coverage = { s->field, w, h, job->dominant, k, stacked ? s->covered : NULL, s->attached, c->a };
  g_autoptr(GArray) compact = NULL;         /* the shapes to write, and their starts */
  g_autoptr(GArray) compact_starts = NULL;
  potrace_state_t *st;

  if (job->speck[k])
    {
      out->segments = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
      out->starts = g_array_new (FALSE, FALSE, sizeof (guint));
      out->fills = g_new0 (SvgaiFill, 1);
      return TRUE;
    }
  svgai_layer_field (&job->stack, k, s->field, s->attached, s->stack);
  if (stacked)
    svgai_layer_covered_above (&job->stack, k, s->covered);
  svgai_trace_join_thin_lines (s->field, s->attached, w, h);
  svgai_trace_field_to_bitmap (s->field, w, h, job->factor, &s->bm, s->x0, s->wx, s->col);
  svgai_trace_layer_ink (job->palette, job->image, job->dominant, k, stacked, s->attached);
  if (out_of_time (job) || !admit_layer (job, &s->bm))
    return FALSE;
  st = potrace_trace (s->param, &s->bm);
  if (st == NULL || st->status != POTRACE_STATUS_OK)
    {
      g_atomic_int_set (&job->failed, 1);
      if (st)
        potrace_state_free (st);
      return FALSE;
    }
  out->segments = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  out->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  compact = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  compact_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  svgai_trace_contours (job->pool, &job->spec, k, st->plist, &coverage, out->segments, out->starts, compact,
                        compact_starts);
  potrace_state_free (st);
  out->fills = g_new0 (SvgaiFill, MAX (out->starts->len, 1));
  /* A colour the caller fixed stays that flat colour. */
  if (out->starts->len > 0 && !c->locked)
    svgai_fill_choose (job->image, job->dominant, k, rgb, c->a, c->fades, out->segments, out->starts, job->grid,
                       &out->gradient, out->fills);
  /* The fills are chosen; the file gets the same shapes in fewer segments.
   * Chosen on those, a gradient's fit would see other edge pixels. */
  g_assert (compact_starts->len == out->starts->len);
  g_array_unref (out->segments);
  g_array_unref (out->starts);
  out->segments = g_steal_pointer (&compact);
  out->starts = g_steal_pointer (&compact_starts);
  return __atomic_add_fetch (&job->n_segments, out->segments->len, __ATOMIC_RELAXED) <= job->max_segments;
}

/* Traces layers while any is left, then converts other layers' contours
 * (svgai-trace-contours.h). */
static gpointer
trace_worker (gpointer data)
{
  TraceJob *job = data;
  Scratch s = { 0 };
  gboolean more = TRUE;

  while (more)
    {
      int k;

      svgai_contour_pool_begin_layer (job->pool);
      k = g_atomic_int_add (&job->next_layer, 1);
      more = k < job->n_layers && !g_atomic_int_get (&job->failed) && !g_atomic_int_get (&job->too_complex) &&
             !g_atomic_int_get (&job->too_slow) && !g_cancellable_is_cancelled (job->cancellable) &&
             !out_of_time (job);
      if (more && !s.ready && !scratch_init (job, &s))
        {
          g_atomic_int_set (&job->failed, 1);
          more = FALSE;
        }
      more = more && trace_layer (job, k, &s);
      svgai_contour_pool_end_layer (job->pool);
    }
  svgai_contour_pool_help (job->pool);
  scratch_clear (&s);
  return NULL;
}

/* Adds a shaded shape of palette colour c: its base, then the shape again
 * under each blob. Their layers have c's colour, as other gradient fills
 * do (what a recolour of c finds), but for a flat base, which is its own. */
static void
add_shading (SvgaiVector *vector, const SvgaiPaletteColor *c, const SvgaiShading *shading, const SvgaiSegment *segs,
             guint n)
{
  const guint8 *rgb = shading->base_rgb;
  SvgaiLayer *l = shading->base.active ? svgai_vector_add_layer (vector, c->r, c->g, c->b, 255)
                                       : svgai_vector_add_layer (vector, rgb[0], rgb[1], rgb[2], 255);

  l->gradient = shading->base;
  g_array_append_vals (l->segments, segs, n);
  for (guint b = 0; b < shading->n_blobs; b++)
    {
      l = svgai_vector_add_layer (vector, c->r, c->g, c->b, 255);
      l->gradient = shading->blobs[b];
      svgai_gradient_take_opacity (&l->gradient, &l->a);
      g_array_append_vals (l->segments, segs, n);
    }
}

/* Adds layer k to the vector: the shapes in the layer's colour as one path,
 * then each shape with a fill of its own as a path of its own (shapes of
 * one layer never overlap, so their order does not matter). Takes over and
 * frees the layer's arrays. */
static void
assemble_layer (SvgaiVector *vector, const SvgaiPaletteColor *c, LayerResult *lr)
{
  SvgaiLayer *base;

  if (lr->segments == NULL)
    return;
  base = svgai_vector_add_layer (vector, c->r, c->g, c->b, c->a);
  base->gradient = lr->gradient;
  svgai_gradient_take_opacity (&base->gradient, &base->a);
  for (guint i = 0; i < lr->starts->len; i++)
    {
      guint start = g_array_index (lr->starts, guint, i);
      guint end = i + 1 < lr->starts->len ? g_array_index (lr->starts, guint, i + 1) : lr->segments->len;
      const SvgaiFill *f = &lr->fills[i];
      SvgaiLayer *target = base;

      if (f->kind == SVGAI_FILL_FLAT)
        target = svgai_vector_add_layer (vector, f->rgb[0], f->rgb[1], f->rgb[2], c->a);
      else if (f->kind == SVGAI_FILL_GRADIENT)
        {
          target = svgai_vector_add_layer (vector, c->r, c->g, c->b, c->a);
          target->gradient = f->gradient;
          svgai_gradient_take_opacity (&target->gradient, &target->a);
        }
      else if (f->kind == SVGAI_FILL_SHADED)
        {
          add_shading (vector, c, f->shading, &g_array_index (lr->segments, SvgaiSegment, start), end - start);
          g_free (f->shading);
          continue;
        }
      g_array_append_vals (target->segments, &g_array_index (lr->segments, SvgaiSegment, start), end - start);
    }
  if (base->segments->len == 0)
    g_ptr_array_remove (vector->layers, base);
  g_array_unref (lr->segments);
  g_array_unref (lr->starts);
  g_free (lr->fills);
}

static gboolean
palette_has_locked (const SvgaiPalette *palette)
{
  for (int k = 0; k < palette->n_colors; k++)
    if (palette->colors[k].locked)
      return TRUE;
  return FALSE;
}

/* FALSE with the reason when the layers' work did not all finish. */
static gboolean
job_succeeded (const TraceJob *job, const SvgaiImage *image, const SvgaiParams *resolved,
               double time_limit_ms, GError **error)
{
  if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
    return FALSE;
  if (job->timed_out)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE,
                   "tracing the %d×%d image in %d colours took longer than the limit of %g s "
                   "(fewer colours or a higher --trace-time-limit may help)",
                   image->width, image->height, resolved->colors, time_limit_ms / 1000);
      return FALSE;
    }
  if (job->too_slow)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE,
                   "the %d×%d image in %d colours has too many edges to trace within the limit of %g s: "
                   "one colour alone could take about %.0f s, and a trace cannot stop midway (noise or a "
                   "fine pattern, not a drawing; fewer colours, a lower --upsample or a higher "
                   "--trace-time-limit may help)",
                   image->width, image->height, resolved->colors, time_limit_ms / 1000,
                   ceil (job->predicted_ms / 1000.0));
      return FALSE;
    }
  if (job->too_complex)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE,
                   "the %d×%d image in %d colours has too many edges to trace within the memory budget "
                   "of %" G_GUINT64_FORMAT " MB (noise or a fine pattern, not a drawing; fewer colours, "
                   "a lower --upsample or a higher --memory-budget may help)",
                   image->width, image->height, resolved->colors, svgai_limits_get_memory_budget () >> 20);
      return FALSE;
    }
  if (job->n_segments > job->max_segments)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE,
                   "the %d×%d image traces to more than %" G_GINT64_FORMAT " path segments in %d colours, too "
                   "detailed for a vector image (fewer colours or more speckle removal may help)",
                   image->width, image->height, job->max_segments, resolved->colors);
      return FALSE;
    }
  if (job->failed)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_FAILED, "not enough memory to trace a %d×%d image",
                   image->width, image->height);
      return FALSE;
    }
  return TRUE;
}

/* Traces @image (smoothed first if @smooth: it looks noisy), by @deadline
 * (monotonic µs; G_MAXINT64: none), its layers' path data estimated at
 * most @max_path_bytes (0: the memory budget's; *path_bytes, if not NULL,
 * receives that estimate) and in at most @max_segments path segments (0:
 * SVGAI_MAX_TRACE_SEGMENTS). */
static SvgaiVector *
trace_once (SvgaiImage *image,
            const SvgaiParams *params,
            gboolean smooth,
            gint64 deadline,
            guint64 max_path_bytes,
            gint64 max_segments,
            guint64 *path_bytes,
            SvgaiParams *used,
            GCancellable *cancellable,
            GError **error)
{
  g_autoptr(SvgaiPalette) palette = NULL;
  g_autoptr(SvgaiVector) vector = NULL;
  g_autoptr(SvgaiImage) clean = NULL;
  g_autoptr(SvgaiImage) opaque = NULL;     /* the image without its background */
  SvgaiColor removed = { 0 };              /* … which was this colour */
  g_autoptr(GPtrArray) warnings = NULL;
  SvgaiParams resolved;
  TraceJob job = { 0 };
  GThread *threads[SVGAI_MAX_TRACE_THREADS];
  int n_threads;
  double time_limit_ms;

  g_return_val_if_fail (image != NULL && params != NULL, NULL);

  resolved = *params;
  /* A few pixels are too few for potrace to tell corners from curves: it
   * would round a 1×1 square into a blob. Such images trace as polygons. */
  if (MAX (image->width, image->height) < 8)
    resolved.smooth = 0;
  if (resolved.upsample <= 0)
    resolved.upsample = svgai_params_auto_upsample (image->width, image->height);
  /* A huge image traces at a lower factor rather than over the memory budget. */
  resolved.upsample = svgai_limits_fit_upsample (image->width, image->height, resolved.upsample);
  time_limit_ms = svgai_limits_get_trace_time_limit_ms ();
  job.deadline = deadline;
  job.max_segments = max_segments > 0 ? MIN (max_segments, SVGAI_MAX_TRACE_SEGMENTS) : SVGAI_MAX_TRACE_SEGMENTS;

  warnings = g_ptr_array_new_with_free_func (g_free);
  image = svgai_trace_prepare_source (image, params, smooth, &clean, &opaque, &removed, warnings);
  palette = svgai_palette_new_full (image, params, clean != NULL, warnings);
  if (palette == NULL)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_FAILED, "not enough memory to trace a %d×%d image",
                   image->width, image->height);
      return NULL;
    }
  resolved.colors = palette->n_colors;
  svgai_bands_merge (palette, image, params->colors == 0 && !palette_has_locked (palette));

  job.palette = palette;
  job.params = &resolved;
  job.factor = resolved.upsample;
  job.grid = svgai_svg_grid (image->width, image->height);
  job.cancellable = cancellable;
  job.path_budget = path_budget (image, job.factor);
  if (max_path_bytes > 0)
    job.path_budget = MIN (job.path_budget, max_path_bytes);
  job.n_layers = palette->n_colors;
  job.layers = g_new0 (LayerResult, MAX (job.n_layers, 1));
  job.image = image;
  /* Once: whether an image is lossy is looked up under a lock. */
  job.spec.refit_tolerance = REFIT_BASE + resolved.tolerance * REFIT_PER_TOLERANCE +
                             (svgai_image_is_lossy (image) ? REFIT_LOSSY_EXTRA : 0);
  job.spec.factor = job.factor;
  job.spec.grid = job.grid;
  job.spec.smooth = resolved.smooth;
  job.spec.tolerance = resolved.tolerance;
  job.spec.width = palette->width;
  job.spec.height = palette->height;
  job.dominant = g_try_malloc ((gsize) image->width * image->height);
  if (job.dominant == NULL)
    {
      g_free (job.layers);
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_FAILED, "not enough memory to trace a %d×%d image",
                   image->width, image->height);
      return NULL;
    }
  for (gsize i = 0, n = (gsize) image->width * image->height; i < n; i++)
    job.dominant[i] = (gint8) svgai_pixel_mix_main (palette->mix[i]);
  job.spec.dominant = job.dominant;
  svgai_trace_speck_colours (&job.spec, job.speck);
  job.stack = (SvgaiLayerStack) { palette, image, job.dominant, resolved.layering == SVGAI_LAYERING_STACKED,
                                  job.deadline, &job.timed_out };
  job.pool = svgai_contour_pool_new ();

  /* A thread more than the layers still helps: with their contours. */
  n_threads = job.n_layers > 0 ? svgai_threads_for ((int) G_N_ELEMENTS (threads)) : 0;
  for (int i = 1; i < n_threads; i++)
    threads[i] = g_thread_new ("svgai-trace", trace_worker, &job);
  if (n_threads > 0)
    trace_worker (&job);
  for (int i = 1; i < n_threads; i++)
    g_thread_join (threads[i]);

  vector = svgai_vector_new (image->width, image->height);
  for (int k = 0; k < job.n_layers; k++)
    assemble_layer (vector, &palette->colors[k], &job.layers[k]);
  svgai_trace_record_palette (vector, palette, warnings);
  /* The app shows the colour the background remover found, not a guess. */
  vector->background_removed = opaque != NULL;
  vector->background = removed;
  g_free (job.layers);
  g_free (job.dominant);
  svgai_contour_pool_free (job.pool);

  if (path_bytes)
    *path_bytes = job.path_bytes;
  if (!job_succeeded (&job, image, &resolved, time_limit_ms, error))
    return NULL;
  if (used)
    *used = resolved;
  return g_steal_pointer (&vector);
}

/* How much closer (SSIM against the image as given) the unsmoothed tracing
 * of a noisy-looking source must come, with at most how many times the
 * smoothed one's nodes, to be kept. Measured on the devset's three such
 * logos and on six of its logos made noisy four ways (JPEG at quality 80
 * and 92, Gaussian noise of σ 3 and 6 levels): noise traced as given
 * gained at most 0.0013 at about the same size, or more only at 8 to 345
 * times the nodes; TasteJS gains 0.033 at 0.93 times, Testing Library
 * 0.0028 at 1.7, and Gemini's blur loses 0.009 at 27 times. */
#define DETAIL_MIN_GAIN 0.002
#define DETAIL_MAX_NODES 2.0
/* The tracing as given may do this many times the smoothed one's work
 * (its layers' path data as estimated from their edges, before potrace
 * runs on them), so that noise, which has many times the edges, costs
 * little: TasteJS's took 1.1 times, Testing Library's 1.9, a hatching the
 * smoothing erased (tests/test-denoise.c) 3.9; Gemini's blur 10, the
 * noisy logos above 1 to 32. Bounded by work, not time, so that the
 * choice is the same on a busy machine. */
#define DETAIL_MAX_WORK 5

/* Fidelity of a tracing to the image as given: SSIM of its render; -1 if
 * it cannot be rendered. */
static double
fidelity (const SvgaiImage *image, const SvgaiVector *vector)
{
  g_autoptr(SvgaiImage) rendered = svgai_render_vector (vector, image->width, image->height);

  return rendered != NULL ? svgai_quality_ssim (image, rendered) : -1;
}

/* A PNG whose flat areas wobble is smoothed before it is traced, for the
 * wobble of a photo or a scan is noise. An illustration's fine detail
 * wobbles the same way (TasteJS: the lines on the monster's forehead;
 * Testing Library: the pale rings of the octopus' suckers), and smoothing
 * loses it. So such a source is traced a second time as given (within
 * what is left of the time limit, DETAIL_MAX_WORK times the first
 * tracing's work, and stopped between layers once it has too many
 * nodes), and that tracing is kept when it is closer to the source
 * without many more nodes: noise traced as given makes specks. */
SvgaiVector *
svgai_trace (SvgaiImage *image,
             const SvgaiParams *params,
             SvgaiParams *used,
             GCancellable *cancellable,
             GError **error)
{
  g_autoptr(SvgaiVector) smoothed = NULL;
  g_autoptr(SvgaiVector) as_given = NULL;
  SvgaiParams used_as_given;
  double time_limit_ms = svgai_limits_get_trace_time_limit_ms (), smoothed_fidelity;
  gboolean noisy = !svgai_image_is_lossy (image) && svgai_denoise_needed (image);
  gint64 deadline;
  guint64 work = 0;
  guint nodes;

  deadline = time_limit_ms > 0 ? g_get_monotonic_time () + (gint64) (time_limit_ms * 1000) : G_MAXINT64;
  smoothed = trace_once (image, params, noisy, deadline, 0, 0, &work, used, cancellable, error);
  if (smoothed == NULL || !noisy)
    return g_steal_pointer (&smoothed);
  nodes = svgai_vector_count_nodes (smoothed);
  /* A contour is a move, its lines and curves and a close: past three
   * segments a node allowed, its nodes are too many already. */
  as_given = trace_once (image, params, FALSE, deadline, MAX (DETAIL_MAX_WORK * work, 1),
                         (gint64) (3 * DETAIL_MAX_NODES * nodes) + 3, NULL, &used_as_given, cancellable, NULL);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (as_given == NULL || svgai_vector_count_nodes (as_given) > DETAIL_MAX_NODES * nodes ||
      as_given->background_removed != smoothed->background_removed)
    return g_steal_pointer (&smoothed);
  smoothed_fidelity = fidelity (image, smoothed);
  if (smoothed_fidelity < 0 || fidelity (image, as_given) < smoothed_fidelity + DETAIL_MIN_GAIN)
    return g_steal_pointer (&smoothed);
  if (used)
    *used = used_as_given;
  return g_steal_pointer (&as_given);
}
