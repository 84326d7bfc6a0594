#pragma once

#include "svgai.h"

G_BEGIN_DECLS

/* Per-image resource limits, so that no input can take all the memory or
 * keep a conversion running for ever. Process-wide defaults (the CLI's
 * --memory-budget and --time-limit set them), read by the loader before it
 * decodes at full size and by the tracer while it runs. Set them before
 * starting conversions; reading them is thread-safe. */

#define SVGAI_MAX_MEMORY_BUDGET (G_GUINT64_CONSTANT (4) << 30)
/* A trace with more path segments than this is noise, not a drawing: its
 * SVG would be hundreds of MB and take longer to write and draw than to
 * trace. Real logos stay under 1 % of it. */
#define SVGAI_MAX_TRACE_SEGMENTS 2000000
/* Layers one trace runs in parallel at most. */
#define SVGAI_MAX_TRACE_THREADS 16

/* Bytes a conversion of a width × height image needs before any path data:
 * the decoder's buffer and our RGBA copy, the palette's per-pixel mix, each
 * tracing thread's coverage, masks and potrace bitmaps at upsampling
 * `factor`, and the render the quality measure compares. Saturates at
 * G_MAXUINT64. */
guint64 svgai_limits_estimate_bytes (guint64 width, guint64 height, int factor);

/* Bytes the path data of a layer whose potrace bitmap has boundary_edges
 * pixel sides between ink and no ink is estimated to need at worst: potrace's
 * own per-point arrays and curves while it runs, and the segments we keep
 * (one per polygon vertex at most; a 1 px checkerboard makes a path of every
 * pixel). Saturates at G_MAXUINT64. */
guint64 svgai_limits_estimate_trace_bytes (guint64 boundary_edges);

/* Milliseconds potrace may take at worst for `steps` of its straight-stretch
 * walks (svgai_trace_work_steps): calibrated on the worst case (long 45°
 * staircases), with room for a busy machine. */
double svgai_limits_trace_ms (double steps);

/* The memory budget per image: the one set, or by default half the
 * physical memory, at most SVGAI_MAX_MEMORY_BUDGET. */
guint64 svgai_limits_get_memory_budget (void);

/* The longest one trace may run, in ms; 0 or less means no limit. */
double svgai_limits_get_trace_time_limit_ms (void);

/* FALSE with SVGAI_ERROR_TOO_LARGE (naming the file) when the estimate at
 * the automatic upsampling factor exceeds `budget` (0: the default budget). */
gboolean svgai_limits_check_image (const char *name,
                                   guint64 width,
                                   guint64 height,
                                   guint64 budget,
                                   GError **error);

/* The largest upsampling factor, at most `factor`, whose estimate fits the
 * memory budget; 1 when none does (the loader has already checked that). */
int svgai_limits_fit_upsample (int width, int height, int factor);

G_END_DECLS
