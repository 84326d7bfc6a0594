/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-trace-contours.h"

#include <math.h>
#include "svgai-primitives.h"
#include "svgai-refit.h"
#include "svgai-simplify.h"
#include "svgai-hypot.h"

/* Wiggles up to this share of the curve tolerance are straightened: at the
 * default tolerance (0.3 px) 0.15 px, which on the devset took the median
 * SVG from 3200 to 2241 bytes for −0.0001 mean SSIM. */
#define SIMPLIFY_PER_TOLERANCE 0.5
/* A contour within this many source pixels of a circle, an ellipse, an
 * upright (rounded) rectangle, a regular polygon or a star is written as
 * one. */
#define PRIMITIVE_TOLERANCE 0.25

static inline SvgaiPoint
to_point (const SvgaiContourSpec *spec, potrace_dpoint_t p)
{
  SvgaiPoint out = {
    round (p.x / spec->factor * spec->grid) / spec->grid,
    round (p.y / spec->factor * spec->grid) / spec->grid,
  };
  return out;
}

/* Appends a line, or extends the previous one when the new one carries on
 * in the same direction: potrace splits every polygon side at its middle. */
static void
append_line (GArray *segs, SvgaiPoint to)
{
  SvgaiSegment *last = &g_array_index (segs, SvgaiSegment, segs->len - 1);
  SvgaiSegment seg = { SVGAI_SEGMENT_LINE, { { 0, 0 }, { 0, 0 }, to } };

  if (last->kind == SVGAI_SEGMENT_LINE && segs->len >= 2)
    {
      SvgaiPoint a = g_array_index (segs, SvgaiSegment, segs->len - 2).p[2], b = last->p[2];
      double ux = b.x - a.x, uy = b.y - a.y, vx = to.x - b.x, vy = to.y - b.y;

      if (fabs (ux * vy - uy * vx) < 1e-9 && ux * vx + uy * vy >= 0)
        {
          last->p[2] = to;
          return;
        }
    }
  g_array_append_val (segs, seg);
}

/* Per-vertex corners from geometry, at the source's resolution. potrace
 * decides corner or curve with one global alphamax in upsampled pixels, so
 * a 6 px disc comes out an octagon and bilinear wobble along a long curve
 * becomes a kink. A corner of potrace's (the turn at vertex c[1], between
 * the previous segment's end and c[2], both midpoints of polygon sides) is
 * kept only where the source supports it: a turn of more than
 * SHARP_TURN, or more than OBTUSE_TURN with a side at least LONG_ARM
 * source pixels long and the other at least SHORT_ARM (an octagon's
 * corner; the facets of a small round shape or of a tight curve have
 * short sides, and so has the cut potrace puts where a long side meets a
 * corner rounded by a pixel or so: Vultr's letters had two kinks there;
 * a short side between two corners, though, is a blunted tip). The others become the
 * curve potrace would have drawn there, tangent to both sides, so the
 * outline stays smooth through it. */
#define SHARP_TURN 60.0
#define OBTUSE_TURN 30.0
#define LONG_ARM 3.0
#define SHORT_ARM 1.0
#define SMOOTHED_ALPHA 0.9

static double
turn_degrees (potrace_dpoint_t a, potrace_dpoint_t v, potrace_dpoint_t b)
{
  double t = atan2 (b.y - v.y, b.x - v.x) - atan2 (v.y - a.y, v.x - a.x);

  while (t > G_PI)
    t -= 2 * G_PI;
  while (t < -G_PI)
    t += 2 * G_PI;
  return fabs (t) * 180 / G_PI;
}

/* The turn at potrace's vertex i of c, if it is a corner there (0 if
 * not). */
static double
corner_turn (const potrace_curve_t *c, int i)
{
  i = (i % c->n + c->n) % c->n;
  if (c->tag[i] != POTRACE_CORNER)
    return 0;
  return turn_degrees (c->c[(i + c->n - 1) % c->n][2], c->c[i][1], c->c[i][2]);
}

static gboolean
corner_is_true (const SvgaiContourSpec *spec, const potrace_curve_t *c, int i)
{
  potrace_dpoint_t a = c->c[(i + c->n - 1) % c->n][2], v = c->c[i][1], b = c->c[i][2];
  double turn = turn_degrees (a, v, b);
  double arm_in = svgai_hypot (v.x - a.x, v.y - a.y) / spec->factor;
  double arm_out = svgai_hypot (b.x - v.x, b.y - v.y) / spec->factor;
  /* A short side between two corners is a blunted tip, not a cut. */
  gboolean tip = (arm_in < SHORT_ARM && corner_turn (c, i - 1) > OBTUSE_TURN) ||
                 (arm_out < SHORT_ARM && corner_turn (c, i + 1) > OBTUSE_TURN);

  if (spec->smooth <= 0)
    return TRUE;
  return turn > SHARP_TURN ||
         (turn > OBTUSE_TURN && MAX (arm_in, arm_out) >= LONG_ARM && (MIN (arm_in, arm_out) >= SHORT_ARM || tip));
}

/* A last line back to the start is what "close" draws anyway. */
static void
close_contour (GArray *segs, SvgaiPoint start)
{
  SvgaiSegment *last = &g_array_index (segs, SvgaiSegment, segs->len - 1);
  SvgaiSegment close = { SVGAI_SEGMENT_CLOSE, { { 0, 0 }, { 0, 0 }, start } };

  if (last->kind == SVGAI_SEGMENT_LINE && last->p[2].x == start.x && last->p[2].y == start.y)
    g_array_set_size (segs, segs->len - 1);
  g_array_append_val (segs, close);
}

/* The contour from segs[first] with runs of lines merged and control
 * points snapped to shorter numbers. */
static void
simplify (const SvgaiContourSpec *spec, GArray *segs, guint first)
{
  svgai_simplify_contour (segs, first, spec->tolerance * SIMPLIFY_PER_TOLERANCE);
  svgai_simplify_snap (segs, first, spec->tolerance > 0 ? SVGAI_SIMPLIFY_SNAP_SLACK : 0, (int) spec->grid);
}

/* The contour of c into segs, and (if not NULL) into compact the same in
 * fewer, shorter segments where the refit finds them (svgai-refit.h). */
static void
append_curve (const SvgaiContourSpec *spec, GArray *segs, GArray *compact, const potrace_curve_t *c,
              const SvgaiCoverage *coverage)
{
  SvgaiSegment seg = { SVGAI_SEGMENT_MOVE };
  SvgaiPoint start;
  guint first = segs->len;
  gboolean refitted = FALSE;
  g_autoptr(GArray) corner_ends = g_array_new (FALSE, FALSE, sizeof (guint));

  if (c->n == 0)
    return;
  seg.p[2] = start = to_point (spec, c->c[c->n - 1][2]);
  g_array_append_val (segs, seg);
  for (int i = 0; i < c->n; i++)
    {
      potrace_dpoint_t prev = c->c[(i + c->n - 1) % c->n][2];

      if (c->tag[i] == POTRACE_CORNER && !corner_is_true (spec, c, i))
        {
          potrace_dpoint_t v = c->c[i][1], e = c->c[i][2];
          potrace_dpoint_t c0 = { prev.x + SMOOTHED_ALPHA * (v.x - prev.x), prev.y + SMOOTHED_ALPHA * (v.y - prev.y) };
          potrace_dpoint_t c1 = { e.x + SMOOTHED_ALPHA * (v.x - e.x), e.y + SMOOTHED_ALPHA * (v.y - e.y) };

          seg.kind = SVGAI_SEGMENT_CURVE;
          seg.p[0] = to_point (spec, c0);
          seg.p[1] = to_point (spec, c1);
          seg.p[2] = to_point (spec, e);
          g_array_append_val (segs, seg);
        }
      else if (c->tag[i] == POTRACE_CORNER)
        {
          guint at;

          append_line (segs, to_point (spec, c->c[i][1]));
          at = segs->len - 1;
          g_array_append_val (corner_ends, at);
          append_line (segs, to_point (spec, c->c[i][2]));
        }
      else
        {
          seg.kind = SVGAI_SEGMENT_CURVE;
          seg.p[0] = to_point (spec, c->c[i][0]);
          seg.p[1] = to_point (spec, c->c[i][1]);
          seg.p[2] = to_point (spec, c->c[i][2]);
          g_array_append_val (segs, seg);
        }
    }
  if (!svgai_primitive_fit (segs, first, coverage, PRIMITIVE_TOLERANCE, spec->grid))
    {
      if (spec->smooth > 0)
        refitted = svgai_refit_contour (segs, first, corner_ends, coverage, spec->refit_tolerance, spec->grid, compact);
      /* Then runs the fit split into lines (an anti-aliased acute tip rounds
       * the trace over a few pixels) become one line (devset: 4× SSIM 0.9804,
       * median SVG 2124 bytes; merging only consecutive lines gave 0.9797 and
       * 2292), and control points snap to shorter numbers. */
      simplify (spec, segs, first);
      if (refitted && compact != NULL)
        simplify (spec, compact, 0);
    }
  if (compact != NULL && !refitted)
    g_array_append_vals (compact, &g_array_index (segs, SvgaiSegment, first), segs->len - first);
  close_contour (segs, start);
  if (compact != NULL)
    close_contour (compact, start);
}

/* Specks: an island of layer k smaller than SPECK_AREA source pixels in
 * which no pixel is k's with all four neighbours k's too. Such an island
 * exists only because anti-aliased edge pixels were unmixed into a third
 * colour (grey dots along a dark outline on a light fill); a real small
 * dot has a core. Thin lines are longer than a speck and stay. */
#define SPECK_AREA 6.0

/* Whether pixel i (not on the image's border) and its four neighbours are
 * all of colour k. */
static inline gboolean
is_core (const gint8 *dom, int w, gsize i, int k)
{
  return dom[i] == k && dom[i - 1] == k && dom[i + 1] == k && dom[i - w] == k && dom[i + w] == k;
}

static gboolean
is_speck (const SvgaiContourSpec *spec, int k, const potrace_path_t *p)
{
  const gint8 *dom = spec->dominant;
  int w = spec->width, h = spec->height, s = spec->factor;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  if ((double) p->area >= SPECK_AREA * s * s || (gint64) w * h < 64 * 64)
    return FALSE;
  for (int i = 0; i < p->curve.n; i++)
    for (int j = 1; j <= 2; j++)
      {
        x0 = MIN (x0, p->curve.c[i][j].x), x1 = MAX (x1, p->curve.c[i][j].x);
        y0 = MIN (y0, p->curve.c[i][j].y), y1 = MAX (y1, p->curve.c[i][j].y);
      }
  for (int y = MAX ((int) floor (y0 / s), 1); y <= MIN ((int) ceil (y1 / s), h - 2); y++)
    for (int x = MAX ((int) floor (x0 / s), 1); x <= MIN ((int) ceil (x1 / s), w - 2); x++)
      {
        if (is_core (dom, w, (gsize) y * w + x, k))
          return FALSE;
      }
  return TRUE;
}

void
svgai_trace_speck_colours (const SvgaiContourSpec *spec, gboolean speck[SVGAI_DOMINANT_COLOURS])
{
  const gint8 *dom = spec->dominant;
  int w = spec->width, h = spec->height;
  guint count[SVGAI_DOMINANT_COLOURS] = { 0 };
  gboolean core[SVGAI_DOMINANT_COLOURS] = { FALSE };

  for (int k = 0; k < SVGAI_DOMINANT_COLOURS; k++)
    speck[k] = FALSE;
  if ((gint64) w * h < 64 * 64)
    return;
  /* one pass over the image for every colour */
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        int k = dom[i];

        if (k < 0)
          continue;
        count[k]++;
        core[k] |= x > 0 && y > 0 && x + 1 < w && y + 1 < h && is_core (dom, w, i, k);
      }
  for (int k = 0; k < SVGAI_DOMINANT_COLOURS; k++)
    speck[k] = count[k] > 0 && count[k] < SPECK_AREA && !core[k];
}

/* One layer's contours, for the pool's threads to claim one at a time. */
typedef struct {
  const SvgaiContourSpec *spec;
  const SvgaiCoverage *coverage;
  const potrace_curve_t **curves;   /* in the order they are written */
  guint *order;                     /* the order they are claimed in */
  GArray **out;                     /* per curve, its contour */
  GArray **compact;                 /* per curve, the same to write, or NULL */
  guint n;
  gint next;                        /* atomic: the next in order to claim */
  int helpers;                      /* under the pool's lock: threads converting some */
} Batch;

struct _SvgaiContourPool {
  GMutex lock;
  GCond cond;
  GPtrArray *batches;               /* published, perhaps with contours to claim */
  int layers;                       /* threads within begin/end_layer */
};

SvgaiContourPool *
svgai_contour_pool_new (void)
{
  SvgaiContourPool *pool = g_new0 (SvgaiContourPool, 1);

  g_mutex_init (&pool->lock);
  g_cond_init (&pool->cond);
  pool->batches = g_ptr_array_new ();
  return pool;
}

void
svgai_contour_pool_free (SvgaiContourPool *pool)
{
  if (pool == NULL)
    return;
  g_ptr_array_unref (pool->batches);
  g_mutex_clear (&pool->lock);
  g_cond_clear (&pool->cond);
  g_free (pool);
}

void
svgai_contour_pool_begin_layer (SvgaiContourPool *pool)
{
  g_mutex_lock (&pool->lock);
  pool->layers++;
  g_mutex_unlock (&pool->lock);
}

void
svgai_contour_pool_end_layer (SvgaiContourPool *pool)
{
  g_mutex_lock (&pool->lock);
  pool->layers--;
  g_cond_broadcast (&pool->cond);
  g_mutex_unlock (&pool->lock);
}

/* Converts the batch's contours until none is left to claim. */
static void
convert_claimed (Batch *b)
{
  for (guint i; (i = (guint) g_atomic_int_add (&b->next, 1)) < b->n;)
    {
      guint c = b->order[i];

      b->out[c] = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
      if (b->compact != NULL)
        b->compact[c] = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
      append_curve (b->spec, b->out[c], b->compact != NULL ? b->compact[c] : NULL, b->curves[c], b->coverage);
    }
}

void
svgai_contour_pool_help (SvgaiContourPool *pool)
{
  g_mutex_lock (&pool->lock);
  for (;;)
    {
      Batch *b = NULL;

      for (guint i = 0; i < pool->batches->len && b == NULL; i++)
        {
          Batch *p = g_ptr_array_index (pool->batches, i);
          if ((guint) g_atomic_int_get (&p->next) < p->n)
            b = p;
        }
      if (b == NULL && pool->layers == 0)
        break;
      if (b == NULL)
        {
          g_cond_wait (&pool->cond, &pool->lock);
          continue;
        }
      /* Its layer's thread waits for its helpers before it lets it go. */
      b->helpers++;
      g_mutex_unlock (&pool->lock);
      convert_claimed (b);
      g_mutex_lock (&pool->lock);
      b->helpers--;
      g_cond_broadcast (&pool->cond);
    }
  g_mutex_unlock (&pool->lock);
}

/* The length of a curve's polygon, bitmap px: what converting it costs
 * goes with it. */
static double
curve_length (const potrace_curve_t *c)
{
  double length = 0;

  for (int i = 0; i < c->n; i++)
    {
      potrace_dpoint_t a = c->c[(i + c->n - 1) % c->n][2], b = c->c[i][2];
      length += fabs (b.x - a.x) + fabs (b.y - a.y);
    }
  return length;
}

static int
longer_first (gconstpointer a, gconstpointer b, gpointer data)
{
  const double *length = data;
  double la = length[*(const guint *) a], lb = length[*(const guint *) b];

  return (la < lb) - (la > lb);
}

/* The layer's curves in the order they are written: shape by shape, an
 * outline followed by its holes. potrace's tree has outlines at the top
 * (plist and its siblings), holes as their children, and islands inside
 * holes below those; it is walked with an explicit stack, since the
 * nesting depth is up to the image. shape_ends gets the index in curves
 * past each shape's last. */
static void
collect_curves (const SvgaiContourSpec *spec, int k, potrace_path_t *plist, GPtrArray *curves, GArray *shape_ends)
{
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();

  if (plist != NULL)
    g_ptr_array_add (todo, plist);
  while (todo->len > 0)
    {
      potrace_path_t *level = g_ptr_array_steal_index_fast (todo, todo->len - 1);

      for (potrace_path_t *p = level; p != NULL; p = p->sibling)
        {
          if (is_speck (spec, k, p))
            continue;
          g_ptr_array_add (curves, &p->curve);
          for (potrace_path_t *hole = p->childlist; hole != NULL; hole = hole->sibling)
            {
              g_ptr_array_add (curves, &hole->curve);
              if (hole->childlist != NULL)
                g_ptr_array_add (todo, hole->childlist);
            }
          g_array_append_val (shape_ends, curves->len);
        }
    }
}

void
svgai_trace_contours (SvgaiContourPool *pool, const SvgaiContourSpec *spec, int k, potrace_path_t *plist,
                      const SvgaiCoverage *coverage, GArray *segs, GArray *starts, GArray *compact,
                      GArray *compact_starts)
{
  g_autoptr(GPtrArray) curves = g_ptr_array_new ();
  g_autoptr(GArray) shape_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  Batch b = { spec, coverage };
  g_autofree double *length = NULL;
  guint c = 0;

  collect_curves (spec, k, plist, curves, shape_ends);
  b.n = curves->len;
  b.curves = (const potrace_curve_t **) curves->pdata;
  b.out = g_new0 (GArray *, MAX (b.n, 1));
  if (compact != NULL)
    b.compact = g_new0 (GArray *, MAX (b.n, 1));
  b.order = g_new (guint, MAX (b.n, 1));
  length = g_new (double, MAX (b.n, 1));
  /* The longest first, so that no thread is left with a long one at
   * the end while the others wait. */
  for (guint i = 0; i < b.n; i++)
    b.order[i] = i, length[i] = curve_length (b.curves[i]);
  g_qsort_with_data (b.order, b.n, sizeof (guint), longer_first, length);

  g_mutex_lock (&pool->lock);
  g_ptr_array_add (pool->batches, &b);
  g_cond_broadcast (&pool->cond);
  g_mutex_unlock (&pool->lock);
  convert_claimed (&b);
  g_mutex_lock (&pool->lock);
  g_ptr_array_remove_fast (pool->batches, &b);
  while (b.helpers > 0)
    g_cond_wait (&pool->cond, &pool->lock);
  g_mutex_unlock (&pool->lock);

  for (guint s = 0; s < shape_ends->len; s++)
    {
      guint start = segs->len, compact_start = compact != NULL ? compact->len : 0;

      for (; c < g_array_index (shape_ends, guint, s); c++)
        {
          g_array_append_vals (segs, b.out[c]->data, b.out[c]->len);
          g_array_unref (b.out[c]);
          if (compact != NULL)
            {
              g_array_append_vals (compact, b.compact[c]->data, b.compact[c]->len);
              g_array_unref (b.compact[c]);
            }
        }
      /* Shape for shape: the same contours, in as many segments or fewer. */
      if (segs->len > start)
        {
          g_array_append_val (starts, start);
          if (compact != NULL)
            g_array_append_val (compact_starts, compact_start);
        }
    }
  g_free (b.out);
  g_free (b.compact);
  g_free (b.order);
}
