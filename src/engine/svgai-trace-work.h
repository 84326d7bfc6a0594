#pragma once

#include <glib.h>
#include <potracelib.h>

G_BEGIN_DECLS

/* What potrace will cost on a bitmap, counted before it runs (it cannot be
 * stopped once it does): its memory and time grow with the contours'
 * length, and its time with how far its straight-stretch search walks. */

/* Pixel sides between ink and no ink (the outside counting as no ink): the
 * length of every contour potrace will follow; and the corners, the pixel
 * vertices where a contour turns. */
void svgai_trace_work_count (const potrace_bitmap_t *bm, guint64 *edges, guint64 *corners);

/* An upper bound on the steps of potrace's straight-stretch walks if the
 * whole boundary were one contour: edges × the longest stretch possible,
 * in corners. */
double svgai_trace_work_steps_bound (guint64 edges, guint64 corners, int width, int height);

/* The same bound summed over the bitmap's 8-connected ink shapes (no
 * contour leaves its shape): tighter when the ink is many small shapes,
 * at the cost of one pass over the bitmap's runs. -1 without the memory. */
double svgai_trace_work_steps (const potrace_bitmap_t *bm, guint64 corners);

G_END_DECLS
