/* The three tiers: fast is a lookup, balanced ranks candidates without
 * tracing, quality traces within its budget and honours cancellation. */
#include "train/svgai-corpus.h"
#include "svgai.h"
#include "ai/svgai-features.h"
#include "engine/svgai-convert.h"
#include "ai/svgai-optimizer.h"
#include "engine/svgai-vector.h"

#include <math.h>
#include "test-devset.h"

#define CORPUS_SEED 20261126

static void
test_names (void)
{
  SvgaiTier t;

  g_assert_true (svgai_tier_from_string ("balanced", &t));
  g_assert_cmpint (t, ==, SVGAI_TIER_BALANCED);
  g_assert_false (svgai_tier_from_string ("best", &t));
  g_assert_cmpint (SVGAI_TIER_DEFAULT, ==, SVGAI_TIER_BALANCED);
}

/* The i-th of the corpus samples these tests use, its features and class. */
static void
sample_classified (guint i, SvgaiCorpusSample *s, SvgaiFeatures *f, SvgaiClassification *c)
{
  g_autoptr(GError) error = NULL;

  svgai_corpus_render (CORPUS_SEED, 4 + 5 * i, s);
  svgai_features_extract (s->image, 0, f);
  g_assert_true (svgai_classify (f, c, &error));
}

static void
test_fast_and_balanced (void)
{
  for (guint i = 0; i < 8; i++)
    {
      SvgaiCorpusSample s;
      SvgaiFeatures f;
      SvgaiClassification c;
      SvgaiParams p;
      SvgaiOptimizeInfo info;
      g_autoptr(GError) error = NULL;

      sample_classified (i, &s, &f, &c);
      g_assert_true (svgai_optimize_full (s.image, &f, c.logo_class, SVGAI_TIER_FAST, 0, NULL, &p, &info, &error));
      g_assert_true (svgai_params_validate (&p, NULL));
      /* A model lookup: nothing traced (how long it takes is ai-bench's
       * to report, not a test's on a shared machine). */
      g_assert_cmpuint (info.traced, ==, 0);
      g_assert_null (info.result);
      g_assert_true (svgai_optimize_full (s.image, &f, c.logo_class, SVGAI_TIER_BALANCED, 0, NULL, &p, &info, &error));
      g_assert_true (svgai_params_validate (&p, NULL));
      g_assert_cmpuint (info.candidates, >, 1);
      g_assert_cmpuint (info.traced, ==, 0);
      g_assert_cmpfloat (info.predicted_ssim, >, 0.5);
      svgai_corpus_sample_clear (&s);
    }
}

/* A logo of one colour keeps its specks in the fast and balanced tiers
 * (they are artwork: no two colours' edge to unmix into one); with more
 * colours the models' speckle stands. */
static void
test_one_colour_keeps_specks (void)
{
  guint dropped = 0;

  for (guint i = 0; i < 8; i++)
    {
      SvgaiCorpusSample s;
      SvgaiFeatures f;
      SvgaiClassification c;
      SvgaiParams p;
      g_autoptr(GError) error = NULL;

      sample_classified (i, &s, &f, &c);
      for (SvgaiTier t = SVGAI_TIER_FAST; t <= SVGAI_TIER_BALANCED; t++)
        {
          f.unique_colors = 3;
          g_assert_true (svgai_optimize (s.image, &f, c.logo_class, t, 0, NULL, &p, &error));
          dropped += p.speckle > 0;
          f.unique_colors = 1;
          g_assert_true (svgai_optimize (s.image, &f, c.logo_class, t, 0, NULL, &p, &error));
          g_assert_cmpint (p.speckle, ==, 0);
        }
      svgai_corpus_sample_clear (&s);
    }
  g_assert_cmpuint (dropped, >, 0);
}

/* Kinks (joins turning over 28°) in the tracing with the balanced tier's
 * parameters; their positions are appended to `at` when not NULL. */
static guint
balanced_kinks (SvgaiImage *image, const SvgaiFeatures *f, SvgaiLogoClass c, GArray *at)
{
  SvgaiParams p;
  g_autoptr(GError) error = NULL;
  g_autoptr(SvgaiConversion) r = NULL;

  g_assert_true (svgai_optimize (image, f, c, SVGAI_TIER_BALANCED, 0, NULL, &p, &error));
  r = svgai_convert (image, &p, SVGAI_CONVERT_MEASURE, NULL, NULL, &error);
  g_assert_no_error (error);
  return svgai_vector_find_kinks (r->vector, 28, at);
}

/* The quality tier never facets more than the balanced tier: its choice
 * has no more kinks than the balanced one's, and each of them within
 * 1.5 px of one of those (the same count can still move corners). */
static void
check_kinks_kept (SvgaiImage *image, const char *name, double budget_s)
{
  g_autoptr(GArray) ref = g_array_new (FALSE, FALSE, sizeof (SvgaiPoint));
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (SvgaiPoint));
  g_autoptr(GError) error = NULL;
  SvgaiFeatures f;
  SvgaiClassification c;
  SvgaiParams p;
  SvgaiOptimizeInfo info;
  guint moved = 0;

  svgai_features_extract (image, 0, &f);
  svgai_classify (&f, &c, NULL);
  balanced_kinks (image, &f, c.logo_class, ref);
  g_assert_true (svgai_optimize_full (image, &f, c.logo_class, SVGAI_TIER_QUALITY, budget_s, NULL, &p, &info, &error));
  svgai_vector_find_kinks (info.result->vector, 28, got);
  for (guint i = 0; i < got->len; i++)
    {
      SvgaiPoint a = g_array_index (got, SvgaiPoint, i);
      double nearest = G_MAXDOUBLE;

      for (guint j = 0; j < ref->len; j++)
        {
          SvgaiPoint b = g_array_index (ref, SvgaiPoint, j);
          nearest = MIN (nearest, hypot (a.x - b.x, a.y - b.y));
        }
      moved += nearest > 1.5;
    }
  g_test_message ("%s: balanced %u kinks, quality %u, %u of them new", name, ref->len, got->len, moved);
  g_assert_cmpuint (got->len, <=, ref->len);
  g_assert_cmpuint (moved, ==, 0);
  svgai_optimize_info_clear (&info);
}

static void
test_quality_no_more_kinks (void)
{
  for (guint i = 0; i < 6; i++)
    {
      SvgaiCorpusSample s;
      g_autofree char *name = g_strdup_printf ("sample %u", 3 + 7 * i);

      svgai_corpus_render (CORPUS_SEED, 3 + 7 * i, &s);
      check_kinks_kept (s.image, name, 1.0);
      svgai_corpus_sample_clear (&s);
    }
}

/* Two logos where the quality tier kept the count of kinks but moved them
 * (flag-st's star tips rounded, kinks along its arcs instead). */
static void
test_quality_kinks_in_place (void)
{
  const char *names[] = { "flag-st.png", "logo-nightwatch.png" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = test_devset_path ("256", names[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(SvgaiImage) image = NULL;

      if (path == NULL)
        return;
      image = svgai_image_new_from_file (path, NULL, NULL, &error);
      g_assert_no_error (error);
      check_kinks_kept (image, names[i], 5.0);
    }
}

/* BrowserStack, nine colours: its fast tier's choice is the defaults, and
 * the quality tier then never traced the balanced choice, so it had no
 * limits and picked five colours (blends of its brand colours) with more
 * false corners. Now it keeps the balanced choice's colours and kinks. */
static void
test_quality_keeps_balanced_limits (void)
{
  g_autofree char *path = test_devset_path ("256", "devicon-browserstack-original.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(SvgaiImage) image = NULL;
  g_autoptr(SvgaiConversion) balanced = NULL;
  SvgaiFeatures f;
  SvgaiClassification c;
  SvgaiParams p;
  SvgaiOptimizeInfo info;

  if (path == NULL)
    return;
  image = svgai_image_new_from_file (path, NULL, NULL, &error);
  g_assert_no_error (error);
  svgai_features_extract (image, 0, &f);
  g_assert_true (svgai_classify (&f, &c, &error));
  g_assert_true (svgai_optimize (image, &f, c.logo_class, SVGAI_TIER_BALANCED, 0, NULL, &p, &error));
  balanced = svgai_convert (image, &p, SVGAI_CONVERT_MEASURE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (svgai_optimize_full (image, &f, c.logo_class, SVGAI_TIER_QUALITY, 2.0, NULL, &p, &info, &error));
  g_test_message ("balanced: %u colours, %u kinks; quality: %u colours, %u kinks",
                  balanced->vector->swatches->len, svgai_vector_count_kinks (balanced->vector, 28),
                  info.result->vector->swatches->len, svgai_vector_count_kinks (info.result->vector, 28));
  g_assert_cmpuint (info.result->vector->swatches->len, >=, balanced->vector->swatches->len);
  g_assert_cmpuint (svgai_vector_count_kinks (info.result->vector, 28), <=,
                    svgai_vector_count_kinks (balanced->vector, 28));
  svgai_optimize_info_clear (&info);
}

static void
test_quality_budget (void)
{
  SvgaiCorpusSample s;
  SvgaiFeatures f;
  SvgaiClassification c;
  SvgaiParams p, def;
  SvgaiOptimizeInfo info;
  g_autoptr(GError) error = NULL;
  g_autoptr(SvgaiConversion) ref = NULL;
  gint64 t0;

  svgai_corpus_render (CORPUS_SEED, 7, &s);   /* a complex one */
  svgai_features_extract (s.image, 0, &f);
  svgai_classify (&f, &c, NULL);
  t0 = g_get_monotonic_time ();
  g_assert_true (svgai_optimize_full (s.image, &f, c.logo_class, SVGAI_TIER_QUALITY, 0.5, NULL, &p, &info, &error));
  g_assert_no_error (error);
  /* the budget, plus at most one evaluation in flight */
  g_assert_cmpfloat ((g_get_monotonic_time () - t0) / 1e6, <, 1.5);
  g_assert_nonnull (info.result);
  g_assert_cmpuint (info.traced, >=, 1);
  g_assert_true (svgai_params_validate (&p, NULL));

  /* never worse than the defaults by its own objective (unless they
   * facet more than the balanced tier's choice) */
  svgai_params_init_default (&def);
  ref = svgai_convert (s.image, &def, SVGAI_CONVERT_MEASURE, NULL, NULL, &error);
  if (svgai_vector_count_kinks (ref->vector, 28) <= balanced_kinks (s.image, &f, c.logo_class, NULL))
    g_assert_cmpfloat (info.result->quality.ssim - SVGAI_OBJECTIVE_BYTES_WEIGHT * log2 (g_bytes_get_size (info.result->svg)),
                       >=,
                       ref->quality.ssim - SVGAI_OBJECTIVE_BYTES_WEIGHT * log2 (g_bytes_get_size (ref->svg)) - 1e-12);
  svgai_optimize_info_clear (&info);
  svgai_corpus_sample_clear (&s);
}

static void
test_quality_cancel (void)
{
  SvgaiCorpusSample s;
  SvgaiFeatures f;
  SvgaiParams p;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();

  svgai_corpus_render (CORPUS_SEED, 3, &s);
  svgai_features_extract (s.image, 0, &f);
  g_cancellable_cancel (cancel);
  g_assert_false (svgai_optimize (s.image, &f, SVGAI_LOGO_COMPLEX, SVGAI_TIER_QUALITY, 5, cancel, &p, &error));
  g_assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  svgai_corpus_sample_clear (&s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("SVGAI_MODELS_DIR");
  g_test_add_func ("/optimizer/names", test_names);
  g_test_add_func ("/optimizer/fast-and-balanced", test_fast_and_balanced);
  g_test_add_func ("/optimizer/one-colour-keeps-specks", test_one_colour_keeps_specks);
  g_test_add_func ("/optimizer/quality-budget", test_quality_budget);
  g_test_add_func ("/optimizer/quality-cancel", test_quality_cancel);
  g_test_add_func ("/optimizer/quality-no-more-kinks", test_quality_no_more_kinks);
  g_test_add_func ("/optimizer/quality-keeps-balanced-limits", test_quality_keeps_balanced_limits);
  g_test_add_func ("/optimizer/quality-kinks-in-place", test_quality_kinks_in_place);
  return g_test_run ();
}
