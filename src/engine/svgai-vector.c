#include "svgai-vector.h"

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

guint
svgai_vector_count_nodes (const SvgaiVector *vector)
{
  guint n = 0;

  for (guint i = 0; i < vector->layers->len; i++)
    {
      const SvgaiLayer *layer = g_ptr_array_index (vector->layers, i);

      for (guint j = 0; j < layer->segments->len; j++)
        {
          SvgaiSegmentKind kind = g_array_index (layer->segments, SvgaiSegment, j).kind;
          if (kind == SVGAI_SEGMENT_LINE || kind == SVGAI_SEGMENT_CURVE)
            n++;
        }
    }
  return n;
}

