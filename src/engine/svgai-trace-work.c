/* svgai-trace-work.c: potrace's work on a layer, predicted before it runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "svgai-trace-work.h"

#define WORD_BITS ((int) (8 * sizeof (potrace_word)))

/* The count below makes three popcounts a word of every layer's bitmap:
 * with the POPCNT instruction where the CPU has it (a clone picked at
 * load time, as for the SSIM loops), not libgcc's table lookups. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__)
#define COUNT_CLONES __attribute__ ((target_clones ("popcnt", "default")))
#else
#define COUNT_CLONES
#endif

/* Bit x set where pixel x differs from pixel x - 1 (the outside no ink). */
static inline potrace_word
transitions (const potrace_word *row, int i)
{
  potrace_word carry = i > 0 ? row[i - 1] & 1 : 0;

  return row[i] ^ ((row[i] >> 1) | (carry << (WORD_BITS - 1)));
}

COUNT_CLONES void
svgai_trace_work_count (const potrace_bitmap_t *bm,
                        guint64                *edges,
                        guint64                *corners)
{
  guint64 n = 0, c = 0;

  /* Lines between rows v - 1 and v, the outside rows counting as no ink. */
  for (int v = 0; v <= bm->h; v++)
    {
      const potrace_word *up = v > 0 ? bm->map + (gsize) (v - 1) * bm->dy : NULL;
      const potrace_word *row = v < bm->h ? bm->map + (gsize) v * bm->dy : NULL;

      for (int i = 0; i < bm->dy; i++)
        {
          potrace_word a = up ? up[i] : 0, b = row ? row[i] : 0;
          potrace_word ta = up ? transitions (up, i) : 0, tb = row ? transitions (row, i) : 0;

          /* Horizontal sides on this line, vertical sides in row v. */
          n += (guint64) __builtin_popcountl (a ^ b) + (guint64) __builtin_popcountl (tb);
          /* A vertex turns where one row's side ends, or two meet corner to corner. */
          c += (guint64) __builtin_popcountl ((ta ^ tb) | (ta & tb & (a ^ b)));
        }
      /* The right border, when the ink reaches the last bit of the last word. */
      if (row)
        n += row[bm->dy - 1] & 1;
      c += 2 * ((row ? row[bm->dy - 1] & 1 : 0) | (up ? up[bm->dy - 1] & 1 : 0));
    }
  *edges = n;
  *corners = c;
}

double
svgai_trace_work_steps_bound (guint64 edges, guint64 corners, int width, int height)
{
  /* From every contour point potrace walks forward along the longest
   * straight stretch (calc_lon, then bestpolygon over the same stretches).
   * A digital straight stretch is monotone in x and y, so at most
   * 2 (width + height) points long, and no longer than its contour. A 45°
   * staircase is straight for its whole length: that is what makes a 1 px
   * checkerboard take minutes. The walk steps from corner to corner, so a
   * long straight side costs one step. A drawing's curves end their
   * stretches after a few dozen points: for logos this overestimates many
   * times. */
  double run = MIN ((double) MIN (edges, corners), 2.0 * ((double) MAX (width, 1) + (double) MAX (height, 1)));

  return (double) edges * run;
}

typedef struct {
  int x0, x1;               /* ink at x0 ≤ x < x1 */
  guint parent;             /* union-find over the runs */
  gint64 edges;             /* its sides: 2 + 2 (x1 - x0), less 2 × its overlap with the row above */
} Run;

static guint
find (Run *runs, guint i)
{
  while (runs[i].parent != i)
    {
      runs[i].parent = runs[runs[i].parent].parent;
      i = runs[i].parent;
    }
  return i;
}

static void
append_run (GArray *runs, int x0, int x1)
{
  Run r = { x0, x1, runs->len, 2 + 2 * (gint64) (x1 - x0) };

  g_array_append_val (runs, r);
}

/* Appends row v's runs of ink (potrace keeps the bits past the width 0). */
static void
row_runs (const potrace_bitmap_t *bm, int v, GArray *runs)
{
  const potrace_word *row = bm->map + (gsize) v * bm->dy;
  gboolean in = FALSE;
  int x0 = 0;

  for (int i = 0; i < bm->dy; i++)
    {
      potrace_word word = row[i];

      /* A word all ink inside a run, or all no ink outside one, changes nothing. */
      if (word == (in ? ~(potrace_word) 0 : 0))
        continue;
      for (int b = 0; b < WORD_BITS; b++)
        {
          gboolean on = (word >> (WORD_BITS - 1 - b)) & 1;

          if (on == in)
            continue;
          if (on)
            x0 = i * WORD_BITS + b;
          else
            append_run (runs, x0, i * WORD_BITS + b);
          in = on;
        }
    }
  if (in)
    append_run (runs, x0, bm->w);
}

double
svgai_trace_work_steps (const potrace_bitmap_t *bm, guint64 corners)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
  guint prev = 0, prev_end = 0;
  double steps = 0;

  for (int v = 0; v < bm->h; v++)
    {
      guint start = runs->len;
      Run *r;

      row_runs (bm, v, runs);
      r = (Run *) runs->data;
      /* Join each run to the runs above it that touch it, corners too. */
      for (guint a = prev, c = start; a < prev_end && c < runs->len;)
        {
          int overlap = MIN (r[a].x1, r[c].x1) - MAX (r[a].x0, r[c].x0);

          if (overlap >= 0)
            {
              guint ra = find (r, a), rc = find (r, c);

              r[ra].parent = rc;
              r[c].edges -= 2 * (gint64) overlap;
            }
          if (r[a].x1 < r[c].x1)
            a++;
          else
            c++;
        }
      prev = start;
      prev_end = runs->len;
    }

  /* Each shape's edges, then its bound. */
  {
    Run *r = (Run *) runs->data;
    g_autofree gint64 *sum = g_try_new0 (gint64, MAX (runs->len, 1));

    if (sum == NULL)
      return -1;
    for (guint i = 0; i < runs->len; i++)
      sum[find (r, i)] += r[i].edges;
    for (guint i = 0; i < runs->len; i++)
      if (sum[i] > 0)
        steps += svgai_trace_work_steps_bound ((guint64) sum[i], corners, bm->w, bm->h);
  }
  return steps;
}
