#include "svgai-trace-bitmap.h"
#include "svgai-threads.h"

#include <string.h>

#define WORD_BITS ((int) (8 * sizeof (potrace_word)))

/* Thin lines: a line about a pixel wide that runs between two rows (or
 * columns) of pixels leaves each under (or barely over) half coverage, and
 * thresholding the interpolated coverage at one half cuts it into dashes or
 * pinches it. Where two neighbours under three quarters hold together most
 * of a pixel's worth of ink and are the ridge across the line (their outer
 * neighbours hold less), both are raised to at least one half: the band
 * between their centres, one pixel wide, stays ink, about as wide as where
 * the line covers one pixel. Reads the
 * field before the pass (copy), writes field. */
#define THIN_PAIR_MIN 160
#define THIN_PAIR_MAX 192

void
svgai_trace_join_thin_lines (guint8 *field, guint8 *copy, int w, int h)
{
  memcpy (copy, field, (gsize) w * h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        int c = copy[i];

        if (c >= THIN_PAIR_MAX || c == 0)
          continue;
        /* The pair to the right, then the pair below. */
        if (x + 1 < w && copy[i + 1] < THIN_PAIR_MAX && c + copy[i + 1] >= THIN_PAIR_MIN &&
            (x == 0 || copy[i - 1] < c) && (x + 2 >= w || copy[i + 2] < copy[i + 1]))
          field[i] = MAX (field[i], 128), field[i + 1] = MAX (field[i + 1], 128);
        if (y + 1 < h && copy[i + w] < THIN_PAIR_MAX && c + copy[i + w] >= THIN_PAIR_MIN &&
            (y == 0 || copy[i - w] < c) && (y + 2 >= h || copy[i + 2 * w] < copy[i + w]))
          field[i] = MAX (field[i], 128), field[i + w] = MAX (field[i + w], 128);
      }
}

typedef struct {
  const SvgaiPalette *palette;
  const SvgaiImage *image;
  const gint8 *dominant;
  int k;
  gboolean stacked;
  guint8 *ink;
} InkRows;

static void
ink_rows (gpointer data, int y0, int y1)
{
  const InkRows *r = data;
  gsize w = (gsize) r->palette->width;

  for (gsize i = (gsize) y0 * w, end = (gsize) y1 * w; i < end; i++)
    {
      guint share = svgai_pixel_mix_layer_share (r->palette->mix[i], r->k, r->stacked && r->dominant[i] == r->k);

      r->ink[i] = (guint8) ((r->image->pixels[4 * i + 3] * share + 127) / 255);
    }
}

void
svgai_trace_layer_ink (const SvgaiPalette *palette, const SvgaiImage *image, const gint8 *dominant, int k,
                       gboolean stacked, guint8 *ink)
{
  InkRows r = { palette, image, dominant, k, stacked, ink };

  svgai_threads_split_rows (palette->width, palette->height, ink_rows, &r, &r);
}

/* Bilinear upsampling of the coverage, thresholded at one half: the bitmap's
 * edges fall where the anti-aliased coverage says the real edge is. */
void
svgai_trace_field_to_bitmap (const guint8 *field, int w, int h, int s, potrace_bitmap_t *bm,
                             int *x0, int *wx, int *col)
{
  int bw = bm->w, bh = bm->h;
  int *nz = col + w, *full = nz + w + 1;   /* per row: columns before x not empty, full */
  g_autofree guint8 *empty = NULL;

  if (s == 1)
    {
      /* No interpolation: the pixel is ink where it is at least half covered. */
      for (int v = 0; v < bh; v++)
        {
          potrace_word *row = bm->map + (gsize) v * bm->dy;
          const guint8 *f = field + (gsize) v * w;

          memset (row, 0, sizeof (potrace_word) * bm->dy);
          for (int u = 0; u < bw; u++)
            if (f[u] >= 128)
              row[u / WORD_BITS] |= (potrace_word) 1 << (WORD_BITS - 1 - u % WORD_BITS);
        }
      return;
    }

  /* The source rows with no coverage at all (a layer's shapes leave most
   * of the image empty): an output row between two of them is all zero,
   * as the interpolation below would make it. */
  empty = g_new (guint8, h);
  for (int y = 0; y < h; y++)
    {
      const guint8 *r = field + (gsize) y * w;
      int x = 0;

      while (x < w && r[x] == 0)
        x++;
      empty[y] = x == w;
    }

  /* Sample positions in 1/256 source pixels, pixel centres at +0.5. */
  for (int u = 0; u < bw; u++)
    {
      int pos = ((2 * u + 1) * 256) / (2 * s) - 128;
      int xi = pos >> 8;
      if (pos < 0)
        x0[u] = 0, wx[u] = 0;
      else if (xi >= w - 1)
        x0[u] = w - 1, wx[u] = 0;
      else
        x0[u] = xi, wx[u] = pos & 255;
    }

  for (int v = 0; v < bh; v++)
    {
      int pos = ((2 * v + 1) * 256) / (2 * s) - 128;
      int yi, wy;
      const guint8 *r0, *r1;
      potrace_word *row = bm->map + (gsize) v * bm->dy;

      if (pos < 0)
        yi = 0, wy = 0;
      else if ((pos >> 8) >= h - 1)
        yi = h - 1, wy = 0;
      else
        yi = pos >> 8, wy = pos & 255;
      r0 = field + (gsize) yi * w;
      r1 = wy ? r0 + w : r0;
      if (empty[yi] && (!wy || empty[yi + 1]))
        {
          memset (row, 0, sizeof (potrace_word) * bm->dy);
          continue;
        }
      /* Interpolate down the columns once per row, then across per sample;
       * count the empty and the full columns as we go. */
      nz[0] = full[0] = 0;
      for (int x = 0; x < w; x++)
        {
          col[x] = r0[x] * (256 - wy) + r1[x] * wy;   /* coverage × 256 */
          nz[x + 1] = nz[x] + (col[x] != 0);
          full[x + 1] = full[x] + (col[x] == 255 * 256);
        }

      memset (row, 0, sizeof (potrace_word) * bm->dy);
      for (int u0 = 0; u0 < bw; u0 += WORD_BITS)
        {
          int u1 = MIN (u0 + WORD_BITS, bw);
          int lo = x0[u0], hi = x0[u1 - 1] + (wx[u1 - 1] ? 1 : 0);

          /* A word over empty or full columns only, as most of a logo's
           * are: every sample of it is 0 or 255 × 65536. */
          if (nz[hi + 1] == nz[lo])
            continue;
          if (full[hi + 1] - full[lo] == hi + 1 - lo)
            {
              row[u0 / WORD_BITS] = u1 - u0 == WORD_BITS ? ~(potrace_word) 0
                                                          : ~(~(potrace_word) 0 >> (u1 - u0));
              continue;
            }
          for (int u = u0; u < u1; u++)
            {
              int a = col[x0[u]], fx = wx[u];
              int val = fx ? a * (256 - fx) + col[x0[u] + 1] * fx : a * 256;   /* coverage × 65536 */

              if (2 * val >= 255 * 65536)
                row[u / WORD_BITS] |= (potrace_word) 1 << (WORD_BITS - 1 - u % WORD_BITS);
            }
        }
    }
}
