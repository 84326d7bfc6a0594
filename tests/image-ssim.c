/* image-ssim: the engine's SSIM (composited on white, as every figure) of
 * two images of one size, for the CLI tests that read exports back.
 *
 *   image-ssim A.png B.png   → prints the SSIM; exit 1 if unreadable or of
 *                              different sizes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include "svgai.h"
#include "engine/svgai-image.h"
#include "engine/svgai-quality.h"

static SvgaiImage *
crop (const SvgaiImage *image, int w, int h)
{
  SvgaiImage *out = svgai_image_new (w, h);

  for (int y = 0; y < h; y++)
    memcpy (out->pixels + (gsize) y * w * 4, image->pixels + (gsize) y * image->width * 4, (gsize) w * 4);
  return out;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SvgaiImage) a = NULL;
  g_autoptr(SvgaiImage) b = NULL;
  SvgaiQuality q;

  if (argc != 3)
    {
      fprintf (stderr, "usage: image-ssim A B\n");
      return 2;
    }
  a = svgai_image_new_from_file (argv[1], NULL, NULL, &error);
  if (a != NULL)
    b = svgai_image_new_from_file (argv[2], NULL, NULL, &error);
  if (b == NULL)
    {
      fprintf (stderr, "image-ssim: %s\n", error->message);
      return 1;
    }
  /* PostScript bounding boxes are whole points: an EPS of a 255 px tall
   * SVG comes back 256 px tall. Up to one pixel more is cropped away. */
  if (ABS (a->width - b->width) > 1 || ABS (a->height - b->height) > 1)
    {
      fprintf (stderr, "image-ssim: %d×%d against %d×%d\n", a->width, a->height, b->width, b->height);
      return 1;
    }
  if (a->width != b->width || a->height != b->height)
    {
      int w = MIN (a->width, b->width), h = MIN (a->height, b->height);
      SvgaiImage *ca = crop (a, w, h), *cb = crop (b, w, h);

      g_clear_pointer (&a, svgai_image_unref);
      g_clear_pointer (&b, svgai_image_unref);
      a = ca;
      b = cb;
    }
  svgai_quality_compare (a, b, &q);
  printf ("%.4f\n", q.ssim);
  return 0;
}
