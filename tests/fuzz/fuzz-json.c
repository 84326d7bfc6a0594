/* fuzz-json.c: arbitrary bytes as the JSON files we read
 *
 * The first byte picks the reader; the rest is the file:
 *   0  data/models/classifier.json   (svgai_models_load_from_dir)
 *   1  data/models/predictor.json
 *   2  data/models/optimizer.json
 *   3  a feature cache entry          (svgai_feature_cache_lookup)
 * The other model files are the real ones. A model that loads is then used
 * (classify, predict, optimize) so that values it accepted are exercised;
 * a cache entry that is accepted must hold finite features.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "svgai-config.h"

#include <math.h>
#include <stdint.h>

#include <glib/gstdio.h>

#include "runtime/svgai-cache.h"
#include "ai/svgai-classifier.h"
#include "ai/svgai-features.h"
#include "engine/svgai-image.h"
#include "ai/svgai-model.h"
#include "ai/svgai-optimizer.h"
#include "engine/svgai-params.h"
#include "ai/svgai-predictor.h"

#include "fuzz-common.h"

static const char *model_files[] = { "classifier.json", "predictor.json", "optimizer.json" };

/* 64 hex digits: the cache's key format. */
#define HASH "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

static char *work_dir;
static char *models_dir;
static GBytes *real_models[G_N_ELEMENTS (model_files)];
static SvgaiFeatureCache *cache;
static char *cache_entry;
static SvgaiImage *image;

/* Plain stdio: g_file_set_contents() would fsync on every iteration. */
static void
write_or_die (const char *path, const void *data, gsize size)
{
  FILE *f = fopen (path, "wb");

  if (f == NULL || (size > 0 && fwrite (data, 1, size, f) != size) || fclose (f) != 0)
    g_error ("cannot write %s", path);
}

static void
set_up (void)
{
  g_autoptr(GError) error = NULL;
  const char *source = g_getenv ("SVGAI_SOURCE_DIR");
  g_autofree char *cache_dir = NULL;
  g_autofree char *prefix_dir = NULL;

  if (work_dir != NULL)
    return;
  fuzz_init ();
  if (source == NULL)
    source = SVGAI_SOURCE_DIR;

  work_dir = g_dir_make_tmp ("svgai-fuzz-json-XXXXXX", &error);
  g_assert_no_error (error);
  models_dir = g_build_filename (work_dir, "models", NULL);
  g_mkdir (models_dir, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (model_files); i++)
    {
      g_autofree char *path = g_build_filename (source, "data", "models", model_files[i], NULL);
      char *contents;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, &error))
        g_error ("%s", error->message);
      real_models[i] = g_bytes_new_take (contents, length);
    }

  cache_dir = g_build_filename (work_dir, "cache", NULL);
  cache = svgai_feature_cache_new (cache_dir, 0, TRUE);
  cache_entry = svgai_feature_cache_get_path (cache, HASH);
  prefix_dir = g_path_get_dirname (cache_entry);
  g_mkdir_with_parents (prefix_dir, 0700);

  /* A small two-colour image for the models to work on. */
  image = svgai_image_new (16, 16);
  for (int y = 0; y < 16; y++)
    for (int x = 0; x < 16; x++)
      {
        guint8 *p = svgai_image_pixel (image, x, y);
        p[0] = x < 8 ? 200 : 10;
        p[1] = 40;
        p[2] = y < 8 ? 90 : 250;
        p[3] = 255;
      }
}

static void
write_models (guint replaced, const uint8_t *data, size_t size)
{
  for (guint i = 0; i < G_N_ELEMENTS (model_files); i++)
    {
      g_autofree char *path = g_build_filename (models_dir, model_files[i], NULL);

      if (i == replaced)
        write_or_die (path, data, size);
      else
        write_or_die (path, g_bytes_get_data (real_models[i], NULL), g_bytes_get_size (real_models[i]));
    }
}

static void
use_models (void)
{
  SvgaiFeatures features;
  SvgaiClassification classification;
  SvgaiParams params;
  g_autoptr(GError) error = NULL;
  double ssim;

  svgai_features_extract (image, 0, &features);
  if (!svgai_classify (&features, &classification, &error))
    g_clear_error (&error);
  g_assert_cmpint (classification.logo_class, >=, 0);
  g_assert_cmpint (classification.logo_class, <, SVGAI_N_LOGO_CLASSES);

  svgai_params_init_default (&params);
  ssim = svgai_predict_ssim (&features, &params);
  g_assert_true (isnan (ssim) || (ssim >= 0 && ssim <= 1));

  if (svgai_optimize (image, &features, classification.logo_class, SVGAI_TIER_FAST, 0, NULL,
                      &params, &error))
    g_assert_true (svgai_params_validate (&params, NULL));
  else
    g_assert_nonnull (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  guint which;

  set_up ();
  if (size < 1)
    return 0;
  which = data[0] % 4;
  data++, size--;

  if (which < G_N_ELEMENTS (model_files))
    {
      g_autoptr(GError) error = NULL;

      write_models (which, data, size);
      if (svgai_models_load_from_dir (models_dir, &error))
        use_models ();
      else
        {
          g_assert_nonnull (error);
          /* The message names the file (usually the fuzzed one, but a
           * real one may be out of date while the models are retrained). */
          g_assert_true (strstr (error->message, model_files[0]) || strstr (error->message, model_files[1]) ||
                         strstr (error->message, model_files[2]));
        }
    }
  else
    {
      SvgaiFeatures features;

      write_or_die (cache_entry, data, size);
      svgai_feature_cache_clear_memory (cache);
      if (svgai_feature_cache_lookup (cache, HASH, &features) != SVGAI_CACHE_MISS)
        {
          for (int f = 0; f < SVGAI_N_FEATURES; f++)
            g_assert_true (isfinite (svgai_features_get (&features, f)));
        }
    }
  return 0;
}
