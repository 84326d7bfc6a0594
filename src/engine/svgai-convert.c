#include "svgai-convert.h"

#include "svgai-render.h"
#include "svgai-svg-writer.h"
#include "svgai-trace.h"

SvgaiConversion *
svgai_conversion_ref (SvgaiConversion *conversion)
{
  g_return_val_if_fail (conversion != NULL, NULL);
  g_atomic_ref_count_inc (&conversion->ref_count);
  return conversion;
}

void
svgai_conversion_unref (SvgaiConversion *conversion)
{
  if (conversion == NULL || !g_atomic_ref_count_dec (&conversion->ref_count))
    return;
  g_clear_pointer (&conversion->vector, svgai_vector_unref);
  g_clear_pointer (&conversion->svg, g_bytes_unref);
  g_free (conversion);
}

gsize
svgai_conversion_get_cost (const SvgaiConversion *c)
{
  gsize cost = sizeof (SvgaiConversion);

  if (c->svg)
    cost += g_bytes_get_size (c->svg);
  if (c->vector)
    {
      cost += sizeof (SvgaiVector);
      for (guint i = 0; i < c->vector->layers->len; i++)
        {
          SvgaiLayer *layer = g_ptr_array_index (c->vector->layers, i);
          cost += sizeof (SvgaiLayer) + layer->segments->len * sizeof (SvgaiSegment);
        }
    }
  return cost;
}

static double
ms_since (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / 1000.0;
}

SvgaiConversion *
svgai_convert (SvgaiImage *image,
               const SvgaiParams *params,
               SvgaiConvertFlags flags,
               GCancellable *cancellable,
               SvgaiImage **render_out,
               GError **error)
{
  g_autoptr(SvgaiConversion) c = NULL;
  g_autoptr(SvgaiImage) rendered = NULL;
  gint64 t;

  g_return_val_if_fail (image != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  if (!svgai_params_validate (params, error))
    return NULL;

  c = g_new0 (SvgaiConversion, 1);
  g_atomic_ref_count_init (&c->ref_count);

  t = g_get_monotonic_time ();
  c->vector = svgai_trace (image, params, &c->params, cancellable, error);
  c->trace_ms = ms_since (t);
  if (c->vector == NULL)
    return NULL;

  t = g_get_monotonic_time ();
  c->svg = svgai_svg_write (c->vector);
  c->paths = svgai_vector_count_paths (c->vector);
  c->nodes = svgai_vector_count_nodes (c->vector);
  c->write_ms = ms_since (t);

  if (!(flags & SVGAI_CONVERT_MEASURE))
    return g_steal_pointer (&c);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  /* The geometry is already rounded as written, so cairo draws exactly
   * what librsvg would (tests/test-render.c checks the two agree). */
  t = g_get_monotonic_time ();
  rendered = svgai_render_vector (c->vector, image->width, image->height);
  c->render_ms = ms_since (t);

  t = g_get_monotonic_time ();
  svgai_quality_compare (image, rendered, &c->quality);
  c->quality_ms = ms_since (t);
  c->measured = TRUE;
  if (render_out)
    *render_out = g_steal_pointer (&rendered);
  return g_steal_pointer (&c);
}
