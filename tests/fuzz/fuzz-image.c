/* fuzz-image.c: arbitrary bytes through the whole engine
 *
 * decode (svgai_image_new_from_bytes) → features → classify → optimize (fast
 * tier) → trace → SVG → render → SSIM. The image is capped at 128 × 128
 * pixels, 8 colours and 2× upsampling so an iteration stays in milliseconds;
 * the limits themselves are tested elsewhere (test-limits, test-cli). Every error must be one of ours, with a message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdint.h>

#include "ai/svgai-classifier.h"
#include "svgai.h"
#include "ai/svgai-features.h"
#include "engine/svgai-image.h"
#include "ai/svgai-optimizer.h"
#include "engine/svgai-params.h"
#include "engine/svgai-quality.h"
#include "engine/svgai-render.h"
#include "engine/svgai-svg-writer.h"
#include "engine/svgai-trace.h"
#include "engine/svgai-vector.h"

#include "fuzz-common.h"

#define MAX_SIDE 128

static void
check_error (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == SVGAI_ERROR);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(SvgaiImage) image = NULL;
  g_autoptr(SvgaiVector) vector = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(SvgaiImage) rendered = NULL;
  SvgaiLoadOptions options = { .max_pixels = MAX_SIDE * MAX_SIDE };
  SvgaiFeatures features;
  SvgaiClassification classification;
  SvgaiParams params;
  SvgaiQuality quality;

  fuzz_init ();

  image = svgai_image_new_from_bytes (bytes, "fuzz", &options, &error);
  if (image == NULL)
    {
      check_error (error);
      return 0;
    }
  g_assert_cmpint (image->width, >, 0);
  g_assert_cmpint (image->height, >, 0);
  g_assert_cmpuint ((guint64) image->width * image->height, <=, options.max_pixels);

  svgai_features_extract (image, 0, &features);
  if (!svgai_classify (&features, &classification, &error))
    g_clear_error (&error);
  if (!svgai_optimize (image, &features, classification.logo_class, SVGAI_TIER_FAST, 0, NULL,
                       &params, &error))
    {
      check_error (error);
      g_clear_error (&error);
      svgai_params_init_default (&params);
    }
  g_assert_true (svgai_params_validate (&params, NULL));
  /* Speed: at most 2× upsampling and 8 colours still reach every branch. */
  if (params.upsample == 0 || params.upsample > 2)
    params.upsample = 1 + (size & 1);
  if (params.colors == 0 || params.colors > 8)
    params.colors = 1 + (int) (size % 8);

  vector = svgai_trace (image, &params, NULL, NULL, &error);
  if (vector == NULL)
    {
      check_error (error);
      return 0;
    }
  svg = svgai_svg_write (vector);
  g_assert_nonnull (svg);
  rendered = svgai_render_vector (vector, image->width, image->height);
  if (rendered != NULL)
    {
      svgai_quality_compare (image, rendered, &quality);
      g_assert_true (quality.ssim >= -1.0 && quality.ssim <= 1.0 + 1e-9);
    }
  return 0;
}
