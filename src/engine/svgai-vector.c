#include "svgai-vector.h"
#include "svgai-hypot.h"

#include <math.h>
#include <string.h>

static void
layer_free (gpointer data)
{
  SvgaiLayer *layer = data;

  g_array_unref (layer->segments);
  g_free (layer);
}

SvgaiVector *
svgai_vector_new (int width, int height)
{
  SvgaiVector *v = g_new0 (SvgaiVector, 1);

  v->width = width;
  v->height = height;
  v->layers = g_ptr_array_new_with_free_func (layer_free);
  v->swatches = g_array_new (FALSE, FALSE, sizeof (SvgaiSwatch));
  v->warnings = g_ptr_array_new_with_free_func (g_free);
  g_atomic_ref_count_init (&v->ref_count);
  return v;
}

SvgaiVector *
svgai_vector_ref (SvgaiVector *vector)
{
  g_return_val_if_fail (vector != NULL, NULL);
  g_atomic_ref_count_inc (&vector->ref_count);
  return vector;
}

void
svgai_vector_unref (SvgaiVector *vector)
{
  if (vector == NULL || !g_atomic_ref_count_dec (&vector->ref_count))
    return;
  g_ptr_array_unref (vector->layers);
  g_array_unref (vector->swatches);
  g_ptr_array_unref (vector->warnings);
  g_free (vector);
}

SvgaiLayer *
svgai_vector_add_layer (SvgaiVector *vector, guint8 r, guint8 g, guint8 b, guint8 a)
{
  SvgaiLayer *layer = g_new0 (SvgaiLayer, 1);

  layer->r = r;
  layer->g = g;
  layer->b = b;
  layer->a = a;
  layer->segments = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
  g_ptr_array_add (vector->layers, layer);
  return layer;
}

/* Field by field: a segment's padding after its kind, and the points its
 * kind does not use, may hold anything (a struct initialised in part
 * leaves them so), and memcmp() told equal outlines apart by them. */
static gboolean
same_segment (const SvgaiSegment *a, const SvgaiSegment *b)
{
  if (a->kind != b->kind)
    return FALSE;
  for (int p = a->kind == SVGAI_SEGMENT_CURVE ? 0 : 2; p < 3 && a->kind != SVGAI_SEGMENT_CLOSE; p++)
    if (a->p[p].x != b->p[p].x || a->p[p].y != b->p[p].y)
      return FALSE;
  return TRUE;
}

gboolean
svgai_vector_repeats_outline (const SvgaiVector *vector, guint i)
{
  const SvgaiLayer *layer = g_ptr_array_index (vector->layers, i);
  const SvgaiLayer *before = i > 0 ? g_ptr_array_index (vector->layers, i - 1) : NULL;

  if (!before || layer->segments->len == 0 || before->segments->len != layer->segments->len)
    return FALSE;
  for (guint k = 0; k < layer->segments->len; k++)
    if (!same_segment (&g_array_index (before->segments, SvgaiSegment, k),
                       &g_array_index (layer->segments, SvgaiSegment, k)))
      return FALSE;
  return TRUE;
}

guint
svgai_vector_count_paths (const SvgaiVector *vector)
{
  guint n = 0;

  for (guint i = 0; i < vector->layers->len; i++)
    n += !svgai_vector_repeats_outline (vector, i);
  return n;
}

guint
svgai_vector_count_nodes (const SvgaiVector *vector)
{
  guint n = 0;

  for (guint i = 0; i < vector->layers->len; i++)
    {
      const SvgaiLayer *layer = g_ptr_array_index (vector->layers, i);

      if (svgai_vector_repeats_outline (vector, i))
        continue;
      for (guint j = 0; j < layer->segments->len; j++)
        {
          SvgaiSegmentKind kind = g_array_index (layer->segments, SvgaiSegment, j).kind;
          if (kind == SVGAI_SEGMENT_LINE || kind == SVGAI_SEGMENT_CURVE)
            n++;
        }
    }
  return n;
}


/* The directions in which segment s (from `from`) leaves and arrives;
 * FALSE when it has no length. */
static gboolean
segment_tangents (SvgaiPoint from, const SvgaiSegment *s, SvgaiPoint *out, SvgaiPoint *in)
{
  SvgaiPoint a = s->p[0], b = s->p[1], e = s->p[2];

  if (s->kind != SVGAI_SEGMENT_CURVE)
    a = b = from;
  if (svgai_hypot (e.x - from.x, e.y - from.y) < 1e-9 && svgai_hypot (a.x - from.x, a.y - from.y) < 1e-9)
    return FALSE;
  /* A control point on its end point: the tangent comes from the other. */
  if (svgai_hypot (a.x - from.x, a.y - from.y) < 1e-9)
    a = svgai_hypot (b.x - from.x, b.y - from.y) < 1e-9 ? e : b;
  if (svgai_hypot (e.x - b.x, e.y - b.y) < 1e-9)
    b = svgai_hypot (e.x - s->p[0].x, e.y - s->p[0].y) < 1e-9 || s->kind != SVGAI_SEGMENT_CURVE ? from : s->p[0];
  *out = (SvgaiPoint) { a.x - from.x, a.y - from.y };
  *in = (SvgaiPoint) { e.x - b.x, e.y - b.y };
  return TRUE;
}

static double
turn_between (SvgaiPoint in, SvgaiPoint out)
{
  return fabs (atan2 (in.x * out.y - in.y * out.x, in.x * out.x + in.y * out.y)) * 180 / G_PI;
}

static void
note_kink (double turn, double degrees, SvgaiPoint where, guint *kinks, GArray *at)
{
  if (turn <= degrees)
    return;
  (*kinks)++;
  if (at)
    g_array_append_val (at, where);
}

/* Where the outlines turn by more than `degrees`: each join's position is
 * appended to `at` (when not NULL); returns how many. */
guint
svgai_vector_find_kinks (const SvgaiVector *vector, double degrees, GArray *at)
{
  guint kinks = 0;

  for (guint l = 0; l < vector->layers->len; l++)
    {
      const SvgaiLayer *layer = g_ptr_array_index (vector->layers, l);
      const SvgaiSegment *seg = (const SvgaiSegment *) (gconstpointer) layer->segments->data;
      SvgaiPoint at_pt = { 0, 0 }, start = { 0, 0 }, first_out = { 0, 0 }, last_in = { 0, 0 };
      gboolean open = FALSE;

      if (svgai_vector_repeats_outline (vector, l))
        continue;

      for (guint i = 0; i < layer->segments->len; i++)
        {
          SvgaiPoint out, in;

          if (seg[i].kind == SVGAI_SEGMENT_MOVE)
            {
              at_pt = start = seg[i].p[2];
              open = FALSE;
              continue;
            }
          if (seg[i].kind == SVGAI_SEGMENT_CLOSE)
            {
              /* The closing line (if any), then the join at the start. */
              SvgaiSegment back = { SVGAI_SEGMENT_LINE, { { 0, 0 }, { 0, 0 }, start } };
              if (open && segment_tangents (at_pt, &back, &out, &in))
                {
                  note_kink (turn_between (last_in, out), degrees, at_pt, &kinks, at);
                  last_in = in;
                }
              if (open)
                note_kink (turn_between (last_in, first_out), degrees, start, &kinks, at);
              open = FALSE;
              at_pt = start;
              continue;
            }
          if (!segment_tangents (at_pt, &seg[i], &out, &in))
            continue;
          if (open)
            note_kink (turn_between (last_in, out), degrees, at_pt, &kinks, at);
          else
            first_out = out, open = TRUE;
          last_in = in;
          at_pt = seg[i].p[2];
        }
    }
  return kinks;
}

guint
svgai_vector_count_kinks (const SvgaiVector *vector, double degrees)
{
  return svgai_vector_find_kinks (vector, degrees, NULL);
}
