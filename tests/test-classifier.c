/* The shipped classifier on a fixed sample of the corpus's held-out split,
 * drawn at test time; the rules; models that fail to load. */
#include "ai/svgai-classifier.h"
#include "train/svgai-corpus.h"
#include "svgai.h"
#include "ai/svgai-features.h"
#include "ai/svgai-model.h"
#include "ai/svgai-model-private.h"

#include <glib/gstdio.h>
#include <string.h>
#include "test-devset.h"

/* The corpus the shipped models were trained on (svg-ai-cli train). */
#define CORPUS_SEED 20261126
#define SAMPLE 120

static void
test_names (void)
{
  for (SvgaiLogoClass c = 0; c < SVGAI_N_LOGO_CLASSES; c++)
    {
      SvgaiLogoClass back;

      g_assert_true (svgai_logo_class_from_string (svgai_logo_class_to_string (c), &back));
      g_assert_cmpint (back, ==, c);
    }
  g_assert_cmpstr (svgai_logo_class_to_string (SVGAI_LOGO_GRADIENT), ==, "gradient");
}

static void
test_heldout_sample (void)
{
  g_autoptr(GError) error = NULL;
  guint right = 0, rules_right = 0, n = 0;
  guint cm[SVGAI_N_LOGO_CLASSES][SVGAI_N_LOGO_CLASSES] = { { 0 } };
  gint64 t_total = 0;

  g_assert_true (svgai_models_ensure (&error));
  g_assert_no_error (error);
  for (guint i = 4; n < SAMPLE; i += 5)   /* every fifth sample is held out */
    {
      SvgaiCorpusSample s;
      SvgaiFeatures f;
      SvgaiClassification c, r;
      gint64 t;

      svgai_corpus_render (CORPUS_SEED, i, &s);
      g_assert_true (s.test_split);
      svgai_features_extract (s.image, 0, &f);
      t = g_get_monotonic_time ();
      g_assert_true (svgai_classify (&f, &c, &error));
      t_total += g_get_monotonic_time () - t;
      svgai_classify_rules (&f, &r);
      g_assert_cmpfloat (c.confidence, >=, 0);
      g_assert_cmpfloat (c.confidence, <=, 1);
      g_assert_cmpfloat_with_epsilon (c.probabilities[0] + c.probabilities[1] + c.probabilities[2] + c.probabilities[3], 1, 1e-9);
      g_assert_cmpfloat (c.confidence, ==, c.probabilities[c.logo_class]);
      cm[s.label][c.logo_class]++;
      right += c.logo_class == s.label;
      rules_right += r.logo_class == s.label;
      n++;
      svgai_corpus_sample_clear (&s);
    }
  for (guint a = 0; a < SVGAI_N_LOGO_CLASSES; a++)
    g_test_message ("%-8s %3u %3u %3u %3u", svgai_logo_class_to_string (a), cm[a][0], cm[a][1], cm[a][2], cm[a][3]);
  g_test_message ("model %u/%u, rules %u/%u, %.1f µs per classification", right, n, rules_right, n,
                  t_total / (double) n);
  g_assert_cmpfloat (right / (double) n, >=, 0.90);
  g_assert_cmpuint (right, >, rules_right);
  g_assert_cmpfloat (t_total / (double) n, <, 1000);   /* ≤ 1 ms */
}

static void
test_deterministic_corpus (void)
{
  SvgaiCorpusSample a, b;

  svgai_corpus_render (7, 13, &a);
  svgai_corpus_render (7, 13, &b);
  g_assert_cmpint (a.image->width, ==, b.image->width);
  g_assert_cmpint (a.image->height, ==, b.image->height);
  g_assert_cmpstr (svgai_image_get_hash (a.image), ==, svgai_image_get_hash (b.image));
  g_assert_cmpstr (a.svg, ==, b.svg);
  g_assert_cmpint (a.label, ==, 13 % 4);
  g_assert_true (g_str_has_prefix (a.svg, "<svg"));
  svgai_corpus_sample_clear (&a);
  svgai_corpus_sample_clear (&b);
}

static void
test_bad_model (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("svgai-models-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "classifier.json", NULL);
      g_autoptr(GError) error = NULL;
      SvgaiFeatures f = { .aspect_ratio = 1, .width = 10, .height = 10 };
      SvgaiClassification c;

      g_file_set_contents (path, "{ \"format\": \"svgai-model/1\", \"kind\": \"classifier\", \"inputs\": [", -1, NULL);
      g_setenv ("SVGAI_MODELS_DIR", dir, TRUE);
      g_assert_false (svgai_classify (&f, &c, &error));
      g_assert_error (error, SVGAI_ERROR, SVGAI_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, "classifier.json"));
      g_assert_nonnull (strstr (error->message, "not valid JSON"));
      /* the rules still answer */
      g_assert_cmpfloat (c.confidence, >, 0);
      g_clear_error (&error);
      /* a missing file is named too */
      g_assert_false (svgai_models_load_from_dir ("/nonexistent-svgai", &error));
      g_assert_error (error, SVGAI_ERROR, SVGAI_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "/nonexistent-svgai/classifier.json"));
      g_remove (path);
      g_rmdir (dir);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* The models built in, parsed at build time, are the shipped JSON's. */
static void
test_builtin_models (void)
{
  const char *source = g_getenv ("SVGAI_SOURCE_DIR");

  if (source == NULL)
    {
      g_test_skip ("SVGAI_SOURCE_DIR is not set");
      return;
    }
  if (g_test_subprocess ())
    {
      g_autofree SvgaiModels *built = g_new0 (SvgaiModels, 1);
      g_autofree char *dir = g_build_filename (source, "data", "models", NULL);
      g_autoptr(GError) error = NULL;
      const SvgaiModels *parsed;

      g_assert_true (svgai_models_builtin (built));
      g_setenv ("SVGAI_MODELS_DIR", dir, TRUE);
      parsed = svgai_models_get (&error);
      g_assert_no_error (error);
      g_assert_cmpmem (built, sizeof *built, parsed, sizeof *parsed);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_rules_gradient (void)
{
  SvgaiFeatures f = { .aspect_ratio = 1, .fill_ratio = 0.5, .unique_colors = 3, .width = 256, .height = 256 };
  SvgaiClassification c;

  /* a fifth of the picture shaded: a gradient logo */
  f.gradient_strength = 0.2;
  svgai_classify_rules (&f, &c);
  g_assert_cmpint (c.logo_class, ==, SVGAI_LOGO_GRADIENT);
  /* a trace of shading (a soft edge, a few stray pixels): flat */
  f.gradient_strength = 0.005;
  svgai_classify_rules (&f, &c);
  g_assert_cmpint (c.logo_class, !=, SVGAI_LOGO_GRADIENT);
}

/* Whether the class is gradient where the tracer writes gradient fills over
 * at least 2 % of the opaque pixels (measured by rendering its SVGs with
 * the defaults, 2026-11-29): every logo of devset/grad but these two, and
 * these sixteen of devset/256. */
static const char *const grad_without_fills[] = { "logo-duckduckgo", "logo-qdrant" };
static const char *const devset_with_fills[] = {
  "devicon-browserstack-original", "devicon-ceylon-original", "devicon-neovim-original",
  "devicon-phalcon-original", "devicon-webgpu-original", "flag-dg", "logo-aws-elasticache",
  "logo-cloudcraft", "logo-github-octocat", "logo-google-photos", "logo-immutable", "logo-moltin",
  "logo-nightwatch", "logo-ruby", "logo-sublimetext-icon", "logo-zabbix",
};

static gboolean
listed (const char *name, const char *const *names, guint n)
{
  for (guint i = 0; i < n; i++)
    if (g_str_has_prefix (name, names[i]) && g_str_equal (name + strlen (names[i]), ".png"))
      return TRUE;
  return FALSE;
}

/* Classifies every PNG of ../shared/devset/<sub>; counts [fills][gradient]. */
static gboolean
classify_devset (const char *sub, const char *const *names, guint n_names, gboolean listed_have_fills,
                 guint counts[2][2])
{
  g_autofree char *dir = test_devset_path (sub, NULL);
  g_autoptr(GDir) d = dir != NULL ? g_dir_open (dir, 0, NULL) : NULL;
  const char *name;

  if (d == NULL)
    return FALSE;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(SvgaiImage) image = NULL;
      SvgaiFeatures f;
      SvgaiClassification c;
      gboolean fills;

      if (!g_str_has_suffix (name, ".png"))
        continue;
      image = svgai_image_new_from_file (path, NULL, NULL, &error);
      g_assert_no_error (error);
      svgai_features_extract (image, 0, &f);
      g_assert_true (svgai_classify (&f, &c, &error));
      fills = listed (name, names, n_names) == listed_have_fills;
      counts[fills][c.logo_class == SVGAI_LOGO_GRADIENT]++;
      if (fills != (c.logo_class == SVGAI_LOGO_GRADIENT))
        g_test_message ("%s/%s: gradient fills %s, class %s (gradient_strength %.4f)", sub, name,
                        fills ? "yes" : "no", svgai_logo_class_to_string (c.logo_class), f.gradient_strength);
    }
  g_test_message ("%s: fills & gradient %u, fills & other %u, no fills & gradient %u, no fills & other %u",
                  sub, counts[1][1], counts[1][0], counts[0][1], counts[0][0]);
  return TRUE;
}

static void
test_devset_gradients (void)
{
  guint grad[2][2] = { { 0 } }, flat[2][2] = { { 0 } };

  if (!classify_devset ("grad", grad_without_fills, G_N_ELEMENTS (grad_without_fills), FALSE, grad) ||
      !classify_devset ("256", devset_with_fills, G_N_ELEMENTS (devset_with_fills), TRUE, flat))
    return;
  /* at least 90 % agreement on the gradient logos */
  g_assert_cmpuint (10 * (grad[1][1] + grad[0][0]), >=, 9 * (grad[0][0] + grad[0][1] + grad[1][0] + grad[1][1]));
  /* the flat logos stay flat: at most 1 in 40 is called gradient */
  g_assert_cmpuint (40 * flat[0][1], <=, flat[0][0] + flat[0][1]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("SVGAI_MODELS_DIR");   /* the shipped models */
  g_test_add_func ("/classifier/names", test_names);
  g_test_add_func ("/classifier/deterministic-corpus", test_deterministic_corpus);
  g_test_add_func ("/classifier/heldout-sample", test_heldout_sample);
  g_test_add_func ("/classifier/bad-model", test_bad_model);
  g_test_add_func ("/classifier/builtin-models", test_builtin_models);
  g_test_add_func ("/classifier/rules-gradient", test_rules_gradient);
  g_test_add_func ("/classifier/devset-gradients", test_devset_gradients);
  return g_test_run ();
}
