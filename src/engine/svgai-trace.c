#include "svgai-trace.h"
#include "svgai-params.h"

#include <math.h>
#include <potracelib.h>
#include <string.h>
#include "svgai-bands.h"
#include "svgai.h"
#include "svgai-fill.h"
#include "svgai-limits.h"
#include "svgai-trace-work.h"
#include "svgai-trace-bitmap.h"
#include "svgai-trace-contours.h"
#include "svgai-palette.h"
#include "svgai-trace-private.h"
#include "svgai-primitives.h"
#include "svgai-refit.h"
#include "svgai-simplify.h"
#include "svgai-svg-writer.h"
#include "svgai-threads.h"

/* Coverage given to the edge pixels of a translucent neighbour: with the
 * layer's own pixel at full coverage, its edge lands at their centre, half
 * a pixel under the neighbour (an overlap darkens a sliver; a gap would
 * show the background). */
#define TRANSLUCENT_OVERLAP 128
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
  GArray *compact;          /* the same shapes to write, and their starts */
  GArray *compact_starts;
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
  gint failed;              /* atomic: potrace ran out of memory */
  gint64 deadline;          /* monotonic µs; potrace cannot be stopped, so */
  gint timed_out;           /* atomic: checked between layers and in our loops */
  gint64 n_segments;        /* atomic: all layers' so far, against SVGAI_MAX_TRACE_SEGMENTS */
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


/* Marks the pixels of every shape of a colour above k that touches colour k
 * (4-connected, by dominant colour). Only those are stacked under layer k:
 * a shape that floats on the background needs nothing beneath it, and
 * stacking it would leave a halo of colour k around its anti-aliased edge. */
/* An opaque colour above k: translucent colours must not have anything
 * under them that the source did not have. */
static inline gboolean
above (const TraceJob *job, int d, int k)
{
  return d > k && job->palette->colors[d].a == 255;
}

static inline gboolean
translucent_above (const TraceJob *job, int d, int k)
{
  return d > k && job->palette->colors[d].a < 255;
}

/* Whether a neighbour of colour d erodes layer k's coverage under an
 * attached shape (layer_field): not a translucent colour above, and not
 * the background where the silhouette runs `along` the layer's own pixels. */
static inline gboolean
eroding (const TraceJob *job, int d, int k, gboolean along)
{
  return (d >= 0 || !along) && !translucent_above (job, d, k);
}

/* Whether pixel i (at x, y) is on the silhouette: mostly a colour, with a
 * 4-neighbour mostly background. */
static gboolean
on_silhouette (const gint8 *dom, int w, int h, int x, int y)
{
  gsize i = (gsize) y * w + x;

  return dom[i] >= 0 && ((x > 0 && dom[i - 1] < 0) || (x < w - 1 && dom[i + 1] < 0) ||
                         (y > 0 && dom[i - w] < 0) || (y < h - 1 && dom[i + w] < 0));
}

/* Whether the background is one of pixel (x, y)'s 8 neighbours. */
static gboolean
near_background (const gint8 *dom, int w, int h, int x, int y)
{
  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      if (x + dx >= 0 && y + dy >= 0 && x + dx < w && y + dy < h && dom[(gsize) (y + dy) * w + x + dx] < 0)
        return TRUE;
  return FALSE;
}

/* Whether layer k follows the silhouette under the shape at pixel (x, y)
 * of it rather than keeping a pixel inside: the shape is one pixel thick
 * there (the pixel behind it, away from the background, is colour k: an
 * anti-aliased edge the palette unmixed to a darker colour), or its pixels
 * take turns with colour k's along the edge (pixels of colour k next to
 * the background within TURN_REACH pixels on opposite sides). Beside
 * colour k on one side only, it is where a shape meets the layer at the
 * silhouette: eroded, as everywhere else. */
#define TURN_REACH 4

static gboolean
follows_silhouette (const TraceJob *job, int k, int x, int y)
{
  const gint8 *dom = job->dominant;
  int w = job->palette->width, h = job->palette->height;
  gsize i = (gsize) y * w + x;
  int ox[(2 * TURN_REACH + 1) * (2 * TURN_REACH + 1)], oy[G_N_ELEMENTS (ox)], n = 0;

  if (!on_silhouette (dom, w, h, x, y))
    return FALSE;
  if ((x > 0 && x < w - 1 && ((dom[i - 1] < 0 && dom[i + 1] == k) || (dom[i + 1] < 0 && dom[i - 1] == k))) ||
      (y > 0 && y < h - 1 && ((dom[i - w] < 0 && dom[i + w] == k) || (dom[i + w] < 0 && dom[i - w] == k))))
    return TRUE;
  for (int dy = -TURN_REACH; dy <= TURN_REACH; dy++)
    for (int dx = -TURN_REACH; dx <= TURN_REACH; dx++)
      {
        int nx = x + dx, ny = y + dy;

        if (nx < 0 || ny < 0 || nx >= w || ny >= h || dom[(gsize) ny * w + nx] != k || !near_background (dom, w, h, nx, ny))
          continue;
        for (int j = 0; j < n; j++)
          if (ox[j] * dx + oy[j] * dy < 0)
            return TRUE;
        ox[n] = dx, oy[n] = dy, n++;
      }
  return FALSE;
}

static void
mark_attached (const TraceJob *job, int k, guint8 *attached, guint32 *stack)
{
  const gint8 *dom = job->dominant;
  int w = job->palette->width, h = job->palette->height;
  gsize n = (gsize) w * h;

  memset (attached, 0, n);
  for (int y = 0; y < h && !out_of_time (job); y++)
    for (int x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        gsize top = 0;

        if (dom[i] != k)
          continue;
        /* Seed from the upper-colour neighbours of this pixel. */
        if (x > 0 && above (job, dom[i - 1], k) && !attached[i - 1])
          attached[i - 1] = 1, stack[top++] = i - 1;
        if (x < w - 1 && above (job, dom[i + 1], k) && !attached[i + 1])
          attached[i + 1] = 1, stack[top++] = i + 1;
        if (y > 0 && above (job, dom[i - w], k) && !attached[i - w])
          attached[i - w] = 1, stack[top++] = i - w;
        if (y < h - 1 && above (job, dom[i + w], k) && !attached[i + w])
          attached[i + w] = 1, stack[top++] = i + w;
        while (top > 0)
          {
            gsize j = stack[--top];
            int jx = j % w, jy = j / w;

            if (jx > 0 && !attached[j - 1] && above (job, dom[j - 1], k))
              attached[j - 1] = 1, stack[top++] = j - 1;
            if (jx < w - 1 && !attached[j + 1] && above (job, dom[j + 1], k))
              attached[j + 1] = 1, stack[top++] = j + 1;
            if (jy > 0 && !attached[j - w] && above (job, dom[j - w], k))
              attached[j - w] = 1, stack[top++] = j - w;
            if (jy < h - 1 && !attached[j + w] && above (job, dom[j + w], k))
              attached[j + w] = 1, stack[top++] = j + w;
          }
      }
}

/* Coverage of layer k at each source pixel, 0..255. In stacked layering the
 * layer also covers the colours above it where they touch it (and inside
 * its own boundary pixels), so no background shows between neighbours. */
static void
layer_field (const TraceJob *job, int k, guint8 *field, guint8 *attached, guint32 *stack)
{
  const SvgaiPixelMix *mix = job->palette->mix;
  const gint8 *dom = job->dominant;
  int w = job->palette->width, h = job->palette->height;
  gboolean stacked = job->params->layering == SVGAI_LAYERING_STACKED;

  /* Coverage by colour k and the colours above it, eroded under attached
   * shapes (below) so their hidden outline stays smooth. `stack` is free
   * once the shapes are marked. */
  guint8 *cover = (guint8 *) stack;

  if (stacked)
    {
      /* Per colour: k or an opaque colour above it (a table, not two
       * palette reads per pixel). */
      guint8 up[256] = { 0 };

      for (int d = 0; d < job->palette->n_colors; d++)
        up[d] = d == k || above (job, d, k);
      mark_attached (job, k, attached, stack);
      for (gsize i = 0, n = (gsize) w * h; i < n; i++)
        {
          SvgaiPixelMix m = mix[i];
          guint share = (up[m.first] ? m.share : 0) + (up[m.second] ? 255 - m.share : 0);
          cover[i] = (guint8) ((m.alpha * share + 127) / 255);
        }
    }
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        SvgaiPixelMix m = mix[i];
        guint share;

        if (stacked && dom[i] == k)
          /* Its own edge pixels: all of their coverage. */
          share = (m.first >= k ? m.share : 0) + (m.second >= k ? 255 - m.share : 0);
        else
          share = (m.first == k ? m.share : 0) + (m.second == k ? 255 - m.share : 0);
        field[i] = (guint8) ((m.alpha * share + 127) / 255);
        /* Under an attached shape, but kept about a pixel inside its edges
         * with the background or lower colours (there the shape's own
         * anti-aliased edge must meet what is really below it): the
         * coverage eroded by a pixel, which keeps the hidden outline as
         * smooth as the shape's own rather than a staircase of pixels.
         * Eroded everywhere alike: sparing pixels whose neighbours are all
         * colour k or above left the outline at the edge wherever an edge
         * pixel was mostly the upper colour and a pixel inside elsewhere,
         * a staircase along every slanted edge (issue 13: Intellij's
         * bottom layer 1509 → 600 characters). Only translucent colours
         * above, which nothing is stacked under, do not erode it, nor
         * does the background where the layer follows the silhouette
         * (follows_silhouette). */
        if (stacked && attached[i] && dom[i] != k)
          {
            guint8 v = cover[i];
            /* Eroded under a one-pixel sliver of the shape, or under
             * shape pixels that take turns with the layer's own along the
             * silhouette, the layer stepped a pixel in and out and both
             * outlines grew teeth (issue 13: Sinatra's brim, TasteJS's
             * side, v8's V). */
            gboolean along = follows_silhouette (job, k, x, y);

            if (x > 0 && eroding (job, dom[i - 1], k, along))
              v = MIN (v, cover[i - 1]);
            if (x < w - 1 && eroding (job, dom[i + 1], k, along))
              v = MIN (v, cover[i + 1]);
            if (y > 0 && eroding (job, dom[i - w], k, along))
              v = MIN (v, cover[i - w]);
            if (y < h - 1 && eroding (job, dom[i + w], k, along))
              v = MIN (v, cover[i + w]);
            field[i] = MAX (field[i], v);
          }
        /* A translucent colour above that borders this one is not stacked
         * (it would darken), but both must meet: reach a little into it. */
        if (stacked && dom[i] > k && job->palette->colors[dom[i]].a < 255 && field[i] < TRANSLUCENT_OVERLAP &&
            ((x > 0 && dom[i - 1] == k) || (x < w - 1 && dom[i + 1] == k) ||
             (y > 0 && dom[i - w] == k) || (y < h - 1 && dom[i + w] == k)))
          {
            /* This colour's own coverage there, read from the alpha the
             * two leave (p = c·k + (1 − c)·t): a constant would step the
             * edge pixel by pixel. */
            int ta = job->palette->colors[dom[i]].a, a = job->image->pixels[4 * i + 3];
            int c = (a - ta) * 255 / (255 - ta);
            field[i] = (guint8) CLAMP (c, field[i], 255);
          }
      }
}

/* Per pixel: whether opaque colours above k cover it completely, so that
 * layer k's outline there is never seen. */
static void
covered_above (const TraceJob *job, int k, guint8 *covered)
{
  const SvgaiPixelMix *mix = job->palette->mix;

  for (gsize i = 0, n = (gsize) job->palette->width * job->palette->height; i < n; i++)
    {
      SvgaiPixelMix m = mix[i];
      covered[i] = m.alpha == 255 && above (job, m.first, k) && (m.share == 255 || above (job, m.second, k));
    }
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
  potrace_state_t *st;

  layer_field (job, k, s->field, s->attached, s->stack);
  if (stacked)
    covered_above (job, k, s->covered);
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
  out->compact = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  out->compact_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  svgai_trace_contours (job->pool, &job->spec, k, st->plist, &coverage, out->segments, out->starts, out->compact,
                        out->compact_starts);
  potrace_state_free (st);
  out->fills = g_new0 (SvgaiFill, MAX (out->starts->len, 1));
  /* A colour the caller fixed stays that flat colour. */
  if (out->starts->len > 0 && !c->locked)
    svgai_fill_choose (job->image, job->dominant, k, rgb, c->a, out->segments, out->starts, job->grid,
                       &out->gradient, out->fills);
  /* The fills are chosen; the file gets the same shapes in fewer segments.
   * Chosen on those, a gradient's fit would see other edge pixels. */
  g_assert (out->compact_starts->len == out->starts->len);
  g_array_unref (out->segments);
  g_array_unref (out->starts);
  out->segments = g_steal_pointer (&out->compact);
  out->starts = g_steal_pointer (&out->compact_starts);
  return __atomic_add_fetch (&job->n_segments, out->segments->len, __ATOMIC_RELAXED) <= SVGAI_MAX_TRACE_SEGMENTS;
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
  if (job->n_segments > SVGAI_MAX_TRACE_SEGMENTS)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE,
                   "the %d×%d image traces to more than %d path segments in %d colours, too "
                   "detailed for a vector image (fewer colours or more speckle removal may help)",
                   image->width, image->height, SVGAI_MAX_TRACE_SEGMENTS, resolved->colors);
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

SvgaiVector *
svgai_trace (SvgaiImage *image,
             const SvgaiParams *params,
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
  job.deadline = time_limit_ms > 0 ? g_get_monotonic_time () + (gint64) (time_limit_ms * 1000)
                                   : G_MAXINT64;

  warnings = g_ptr_array_new_with_free_func (g_free);
  image = svgai_trace_prepare_source (image, params, &clean, &opaque, &removed, warnings);
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

  if (!job_succeeded (&job, image, &resolved, time_limit_ms, error))
    return NULL;
  if (used)
    *used = resolved;
  return g_steal_pointer (&vector);
}
