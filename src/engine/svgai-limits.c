/* svgai-limits.c: memory budget and time limit per image
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "svgai-config.h"

#include <sys/stat.h>
#include <glib/gstdio.h>

#include <unistd.h>
#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "svgai.h"
#include "svgai-limits.h"
#include "svgai-params.h"
#include "svgai-threads.h"


/* Read from any thread: GLib has no 64-bit integer atomics, the compilers do. */
static guint64 memory_budget;          /* 0 = default */
static gint64 time_limit_us;           /* 0 = default, < 0 none */

static guint64
saturating_mul (guint64 a, guint64 b)
{
  if (a != 0 && b > G_MAXUINT64 / a)
    return G_MAXUINT64;
  return a * b;
}

static guint64
saturating_add (guint64 a, guint64 b)
{
  return a > G_MAXUINT64 - b ? G_MAXUINT64 : a + b;
}

/* The estimate with `threads` tracing threads. */
static guint64
estimate_bytes (guint64 width, guint64 height, int factor, guint64 threads)
{
  guint64 pixels = saturating_mul (width, height);
  guint64 s2 = (guint64) MAX (factor, 1) * (guint64) MAX (factor, 1);
  /* Per source pixel, in eighths of a byte (bitmaps are one bit per pixel):
   * decoding 4 + 4, palette mix 4 and its two scratch maps 2, dominant
   * colours 1, render 4 + 4; per thread coverage 1, attached 1, fill stack 4
   * and two bitmaps of s² bits (ours and potrace's working copy). The
   * smooth-region labels that join gradient bands (8 bytes per pixel, see
   * svgai-bands.h) live and die before tracing and before the render, whose
   * 8 bytes they stand in for here. */
  guint64 shared = 8 * (4 + 4 + 4 + 2 + 1 + 4 + 4);
  guint64 per_thread = 8 * (1 + 1 + 4) + 2 * s2;
  guint64 eighths = saturating_add (shared, saturating_mul (threads, per_thread));
  guint64 total = saturating_mul (pixels, eighths);

  return total == G_MAXUINT64 ? G_MAXUINT64 : total / 8;
}

guint64
svgai_limits_estimate_bytes (guint64 width,
                             guint64 height,
                             int     factor)
{
  return estimate_bytes (width, height, factor, MIN (g_get_num_processors (), SVGAI_MAX_TRACE_THREADS));
}

/* Per boundary edge (a contour point): potrace's point, run-length,
 * sums and polygon arrays and its curve and optimised curve (measured about
 * 30 bytes on a 1 px checkerboard, counted 48), and one kept SvgaiSegment
 * (56) with its share of the shape lists. */
#define TRACE_BYTES_PER_EDGE 112

guint64
svgai_limits_estimate_trace_bytes (guint64 boundary_edges)
{
  return saturating_mul (boundary_edges, TRACE_BYTES_PER_EDGE);
}

/* potrace's time per step of its straight-stretch walks (svgai-trace-work.h), in ns: 4.6 measured on the
 * 1000² 1 px checkerboard (2 000 000 edges in 37 s on a busy machine),
 * doubled for a slower or busier one. */
#define TRACE_NS_PER_STEP 10.0

double
svgai_limits_trace_ms (double steps)
{
  return steps * TRACE_NS_PER_STEP / 1e6;
}

guint64
svgai_limits_estimate_file_bytes (const char *path)
{
  int w = 0, h = 0;
  GStatBuf st;

  /* Opening a FIFO would wait for a writer, a device be read for ever. */
  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return 0;
  if (gdk_pixbuf_get_file_info (path, &w, &h) == NULL || w <= 0 || h <= 0)
    return 0;
  /* The threads this thread's conversion may start (svgai_threads_set_limit). */
  return estimate_bytes ((guint64) w, (guint64) h, svgai_params_auto_upsample (w, h),
                         (guint64) svgai_threads_for (SVGAI_MAX_TRACE_THREADS));
}

guint64
svgai_limits_get_memory_budget (void)
{
  static guint64 physical_half;
  guint64 set = __atomic_load_n (&memory_budget, __ATOMIC_RELAXED);

  if (set != 0)
    return set;

  if (g_once_init_enter (&physical_half))
    {
      long pages = sysconf (_SC_PHYS_PAGES);
      long page_size = sysconf (_SC_PAGESIZE);
      guint64 half = SVGAI_MAX_MEMORY_BUDGET;

      if (pages > 0 && page_size > 0)
        half = MIN (half, (guint64) pages * (guint64) page_size / 2);
      g_once_init_leave (&physical_half, MAX (half, 1));
    }
  return physical_half;
}

void
svgai_limits_set_memory_budget (guint64 bytes)
{
  __atomic_store_n (&memory_budget, bytes, __ATOMIC_RELAXED);
}

double
svgai_limits_get_trace_time_limit_ms (void)
{
  gint64 us = __atomic_load_n (&time_limit_us, __ATOMIC_RELAXED);

  if (us == 0)
    return SVGAI_DEFAULT_TRACE_TIME_LIMIT_MS;
  return us < 0 ? 0 : us / 1000.0;
}

void
svgai_limits_set_trace_time_limit_ms (double ms)
{
  gint64 us = ms < 0 ? -1 : ms == 0 ? 0 : MAX ((gint64) (ms * 1000), 1);

  __atomic_store_n (&time_limit_us, us, __ATOMIC_RELAXED);
}

gboolean
svgai_limits_check_image (const char  *name,
                          guint64      width,
                          guint64      height,
                          guint64      budget,
                          GError     **error)
{
  int factor;
  guint64 need;

  /* The tracer indexes pixels with 32 bits (its fill stack) and potrace
   * sizes bitmaps with int: past that no budget helps. */
  if (saturating_mul (width, height) > G_MAXUINT32 || width > G_MAXINT / 4 || height > G_MAXINT / 4)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE,
                   _("%s: a %" PRIu64 " × %" PRIu64 " image is larger than "
                     "SVG-AI can trace"), name, width, height);
      return FALSE;
    }
  if (budget == 0)
    budget = svgai_limits_get_memory_budget ();
  factor = width > G_MAXINT || height > G_MAXINT
           ? 1 : svgai_params_auto_upsample ((int) width, (int) height);
  need = svgai_limits_estimate_bytes (width, height, factor);
  if (need <= budget)
    return TRUE;

  {
    g_autofree char *need_text = g_format_size (need);
    g_autofree char *budget_text = g_format_size (budget);

    g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE,
                 _("%s: a %" PRIu64 " × %" PRIu64 " image needs about %s of "
                   "memory to convert, over the budget of %s (the option --memory-budget raises it)"),
                 name, width, height, need_text, budget_text);
  }
  return FALSE;
}

int
svgai_limits_fit_upsample (int width,
                           int height,
                           int factor)
{
  guint64 budget = svgai_limits_get_memory_budget ();

  while (factor > 1 && (svgai_limits_estimate_bytes (width, height, factor) > budget ||
                        (gint64) MAX (width, height) * factor > G_MAXINT / 2))
    factor--;
  return MAX (factor, 1);
}
