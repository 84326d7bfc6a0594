#include "svgai-config.h"
#include "svgai-outline.h"

void
svgai_outline_draw (cairo_t *cr, const SvgaiVector *vector, double zoom)
{
  double z = zoom;
  double node = CLAMP (z * 1.5, 2.0, 5.0);

  cairo_set_line_width (cr, 1.0);

  for (guint i = 0; i < vector->layers->len; i++)
    {
      SvgaiLayer *layer = g_ptr_array_index (vector->layers, i);

      cairo_new_path (cr);
      for (guint j = 0; j < layer->segments->len; j++)
        {
          SvgaiSegment *s = &g_array_index (layer->segments, SvgaiSegment, j);

          switch (s->kind)
            {
            case SVGAI_SEGMENT_MOVE: cairo_move_to (cr, s->p[2].x * z, s->p[2].y * z); break;
            case SVGAI_SEGMENT_LINE: cairo_line_to (cr, s->p[2].x * z, s->p[2].y * z); break;
            case SVGAI_SEGMENT_CURVE:
              cairo_curve_to (cr, s->p[0].x * z, s->p[0].y * z, s->p[1].x * z, s->p[1].y * z,
                              s->p[2].x * z, s->p[2].y * z);
              break;
            case SVGAI_SEGMENT_CLOSE: cairo_close_path (cr); break;
            default: break;
            }
        }
      /* A light halo under a dark line reads on any colour. */
      cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
      cairo_set_line_width (cr, 3.0);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
    }

  /* Nodes: the segment end points; when zoomed out on a busy drawing they
   * would only cover it (and cost the frame), so they wait for a closer look. */
  if (z < 1.0 && svgai_vector_count_nodes (vector) > 5000)
    return;
  cairo_set_source_rgb (cr, 0.88, 0.11, 0.14);
  for (guint i = 0; i < vector->layers->len; i++)
    {
      SvgaiLayer *layer = g_ptr_array_index (vector->layers, i);

      for (guint j = 0; j < layer->segments->len; j++)
        {
          SvgaiSegment *s = &g_array_index (layer->segments, SvgaiSegment, j);

          if (s->kind == SVGAI_SEGMENT_CLOSE)
            continue;
          cairo_rectangle (cr, s->p[2].x * z - node / 2, s->p[2].y * z - node / 2, node, node);
        }
    }
  cairo_fill (cr);
}
