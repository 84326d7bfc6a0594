/* The shipped quality predictor against real traces of a fixed sample of
 * the corpus's held-out split, drawn at test time. */
#include "train/svgai-corpus.h"
#include "ai/svgai-model.h"
#include "svgai.h"
#include "engine/svgai-convert.h"
#include "ai/svgai-predictor.h"

#include <math.h>

#define CORPUS_SEED 20261126
#define SAMPLE 24

static void
test_heldout_mae (void)
{
  g_autoptr(GError) error = NULL;
  double err = 0;
  guint n = 0;
  gint64 t_pred = 0;

  g_assert_true (svgai_models_ensure (&error));
  for (guint i = 4; n < SAMPLE * 3; i += 5)
    {
      SvgaiCorpusSample s;
      SvgaiFeatures f;
      SvgaiParams p[3];

      svgai_corpus_render (CORPUS_SEED, i, &s);
      svgai_features_extract (s.image, 0, &f);
      svgai_params_init_default (&p[0]);
      p[1] = p[0];
      p[1].colors = 8;
      p[1].tolerance = 0.5;
      p[2] = p[0];
      p[2].upsample = 2;
      p[2].smooth = 0.8;
      for (guint k = 0; k < 3; k++)
        {
          g_autoptr(SvgaiConversion) r = svgai_convert (s.image, &p[k], SVGAI_CONVERT_MEASURE, NULL, NULL, &error);
          gint64 t = g_get_monotonic_time ();
          double pred = svgai_predict_ssim (&f, &p[k]);

          t_pred += g_get_monotonic_time () - t;
          g_assert_no_error (error);
          g_assert_cmpfloat (pred, >=, 0);
          g_assert_cmpfloat (pred, <=, 1);
          err += fabs (pred - r->quality.ssim);
          n++;
        }
      svgai_corpus_sample_clear (&s);
    }
  g_test_message ("predictor MAE %.4f over %u held-out runs, %.1f µs per prediction", err / n, n, t_pred / (double) n);
  g_assert_cmpfloat (err / n, <=, 0.02);
  g_assert_cmpfloat (t_pred / (double) n, <, 1000);
}

static void
test_monotone_sense (void)
{
  /* more colours never predicts a worse trace of a many-coloured logo */
  SvgaiFeatures f = { .complexity_score = 0.5, .unique_colors = 20, .edge_density = 0.08,
                      .aspect_ratio = 1, .fill_ratio = 0.5, .entropy = 4, .corner_density = 1,
                      .gradient_strength = 0.001, .width = 256, .height = 256 };
  SvgaiParams few, many;

  svgai_params_init_default (&few);
  few.colors = 2;
  many = few;
  many.colors = 24;
  g_assert_cmpfloat (svgai_predict_ssim (&f, &many), >, svgai_predict_ssim (&f, &few));
}

/* The range predictor.json records is that of the images the model was
 * trained on: corpus training images lie inside it, and a feature moved past
 * it is named as the one outside. */
static void
test_training_range (void)
{
  g_autoptr(GError) error = NULL;
  SvgaiFeatures inside = { 0 }, f;
  SvgaiFeature outside = 0;
  guint n = 0;

  g_assert_true (svgai_models_ensure (&error));
  for (guint i = 0; n < 40; i++)
    {
      SvgaiCorpusSample s;

      svgai_corpus_render (CORPUS_SEED, i, &s);
      if (!s.test_split)
        {
          svgai_features_extract (s.image, 0, &f);
          if (!svgai_features_in_training_range (&f, &outside))
            g_error ("corpus training image %u: %s outside the range", i, svgai_feature_get_name (outside));
          if (n == 0)
            inside = f;
          n++;
        }
      svgai_corpus_sample_clear (&s);
    }

  f = inside;
  f.fill_ratio = 0.99;        /* the corpus's largest is 0.74 */
  g_assert_false (svgai_features_in_training_range (&f, &outside));
  g_assert_cmpint (outside, ==, SVGAI_FEATURE_FILL_RATIO);
  f = inside;
  f.entropy = 7.9;            /* noise; the corpus's largest is 5.8 */
  g_assert_false (svgai_features_in_training_range (&f, &outside));
  g_assert_cmpint (outside, ==, SVGAI_FEATURE_ENTROPY);
  f = inside;
  f.edge_density = 0.001;     /* below the corpus's smallest */
  g_assert_false (svgai_features_in_training_range (&f, NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("SVGAI_MODELS_DIR");
  g_test_add_func ("/predictor/heldout-mae", test_heldout_mae);
  g_test_add_func ("/predictor/monotone-sense", test_monotone_sense);
  g_test_add_func ("/predictor/training-range", test_training_range);
  return g_test_run ();
}
