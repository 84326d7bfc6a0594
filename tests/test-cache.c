/* test-cache.c: the feature cache (memory LRU, disk, corrupt entries,
 * threads, processes) and the result cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "runtime/svgai-cache.h"
#include "runtime/svgai-cache-lru.h"
#include "runtime/svgai-cache-results.h"
#include "svgai.h"
#include "engine/svgai-convert.h"

static char *tmp_root;
static const char *self_path;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        g_chmod (child, 0700);
        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static char *
make_dir (const char *name)
{
  char *dir = g_build_filename (tmp_root, name, NULL);

  remove_tree (dir);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

/* A hash and features that depend only on n, so any reader can check them. */
static char *
hash_for (guint n)
{
  g_autofree char *text = g_strdup_printf ("image %u", n);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static void
features_for (guint n, SvgaiFeatures *f)
{
  memset (f, 0, sizeof *f);
  for (int i = 0; i < SVGAI_N_FEATURES; i++)
    svgai_features_set (f, i, n * 10.0 + i + 0.125);
  f->elapsed_ms = 1.5;
}

static gboolean
features_match (guint n, const SvgaiFeatures *f)
{
  SvgaiFeatures want;

  features_for (n, &want);
  for (int i = 0; i < SVGAI_N_FEATURES; i++)
    if (svgai_features_get (f, i) != svgai_features_get (&want, i) || f->estimated[i])
      return FALSE;
  return TRUE;
}

static void
test_default_dir (void)
{
  g_autofree char *want = g_build_filename (tmp_root, "xdg-cache", "svg-ai", "features", NULL);

  g_assert_cmpstr (svgai_feature_cache_get_dir (svgai_feature_cache_get_default ()), ==, want);
}

static void
test_memory_bound (void)
{
  /* Room for about ten entries. */
  g_autoptr(SvgaiFeatureCache) cache = svgai_feature_cache_new ("/nonexistent", 10 * 300, FALSE);
  SvgaiFeatures f;

  for (guint n = 0; n < 100; n++)
    {
      g_autofree char *hash = hash_for (n);

      features_for (n, &f);
      svgai_feature_cache_store (cache, hash, &f);
      g_assert_cmpuint (svgai_feature_cache_get_memory_bytes (cache), <=, 10 * 300);
    }
  {
    g_autofree char *newest = hash_for (99);
    g_autofree char *oldest = hash_for (0);

    g_assert_cmpint (svgai_feature_cache_lookup (cache, newest, &f), ==, SVGAI_CACHE_MEMORY_HIT);
    g_assert_true (features_match (99, &f));
    g_assert_cmpint (svgai_feature_cache_lookup (cache, oldest, &f), ==, SVGAI_CACHE_MISS);
  }
}

static void
test_lru_order (void)
{
  SvgaiLru *lru = svgai_lru_new (3 * 200, (GBoxedCopyFunc) g_strdup, g_free);
  char *v;

  svgai_lru_insert (lru, "a", g_strdup ("A"), 100);
  svgai_lru_insert (lru, "b", g_strdup ("B"), 100);
  svgai_lru_insert (lru, "c", g_strdup ("C"), 100);
  /* Using a makes b the least recently used. */
  v = svgai_lru_lookup (lru, "a");
  g_assert_cmpstr (v, ==, "A");
  g_free (v);
  svgai_lru_insert (lru, "d", g_strdup ("D"), 100);
  g_assert_null (svgai_lru_lookup (lru, "b"));
  v = svgai_lru_lookup (lru, "a");
  g_assert_cmpstr (v, ==, "A");
  g_free (v);
  g_assert_cmpuint (svgai_lru_get_length (lru), ==, 3);
  g_assert_cmpuint (svgai_lru_get_evictions (lru), ==, 1);
  /* Replacing a key does not grow the map. */
  svgai_lru_insert (lru, "a", g_strdup ("A2"), 100);
  g_assert_cmpuint (svgai_lru_get_length (lru), ==, 3);
  /* Larger than the whole bound: dropped. */
  svgai_lru_insert (lru, "huge", g_strdup ("H"), 10000);
  g_assert_null (svgai_lru_lookup (lru, "huge"));
  svgai_lru_free (lru);
}

static guint
count_suffix (const char *dir, const char *suffix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d && (name = g_dir_read_name (d)) != NULL)
    n += g_str_has_suffix (name, suffix);
  return n;
}

/* The disk cache stays bounded, keeps what is used, and sweeps up a dead
 * writer's temporary files. All entries go to one sub-folder ("aa…"), whose
 * share of 1024 entries is 4. */
static void
test_disk_bound (void)
{
  g_autofree char *dir = make_dir ("bounded");
  g_autofree char *sub = g_build_filename (dir, "aa", NULL);
  g_autofree char *stale = g_build_filename (sub, "dead.json.AbC123", NULL);
  g_autofree char *fresh = g_build_filename (sub, "live.json.XyZ789", NULL);
  g_autoptr(SvgaiFeatureCache) cache = svgai_feature_cache_new (dir, 0, TRUE);
  struct timespec old[2] = { { time (NULL) - 7200, 0 }, { time (NULL) - 7200, 0 } };
  char *hashes[40];
  SvgaiFeatures f;

  svgai_feature_cache_set_max_disk_entries (cache, 1024);
  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  g_assert_true (g_file_set_contents (stale, "{", -1, NULL));
  g_assert_cmpint (utimensat (AT_FDCWD, stale, old, 0), ==, 0);
  g_assert_true (g_file_set_contents (fresh, "{", -1, NULL));
  for (guint n = 0; n < G_N_ELEMENTS (hashes); n++)
    {
      hashes[n] = hash_for (1000 + n);
      hashes[n][0] = hashes[n][1] = 'a';
      features_for (n, &f);
      svgai_feature_cache_store (cache, hashes[n], &f);
      /* entry 0 is used after every store: from disk, which touches it */
      svgai_feature_cache_clear_memory (cache);
      g_assert_cmpint (svgai_feature_cache_lookup (cache, hashes[0], &f), ==, SVGAI_CACHE_DISK_HIT);
      g_assert_true (features_match (0, &f));
      /* its share plus the stores since the last trim */
      g_assert_cmpuint (count_suffix (sub, ".json"), <=, 4 + 8);
    }
  svgai_feature_cache_clear_memory (cache);
  g_assert_cmpint (svgai_feature_cache_lookup (cache, hashes[1], &f), ==, SVGAI_CACHE_MISS);
  g_assert_cmpint (svgai_feature_cache_lookup (cache, hashes[39], &f), ==, SVGAI_CACHE_DISK_HIT);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  for (guint n = 0; n < G_N_ELEMENTS (hashes); n++)
    g_free (hashes[n]);
}

static void
test_disk_round_trip (void)
{
  g_autofree char *dir = make_dir ("round-trip");
  g_autofree char *hash = hash_for (7);
  g_autofree char *path = NULL;
  SvgaiFeatures f;

  {
    g_autoptr(SvgaiFeatureCache) cache = svgai_feature_cache_new (dir, 0, TRUE);

    g_assert_cmpint (svgai_feature_cache_lookup (cache, hash, &f), ==, SVGAI_CACHE_MISS);
    features_for (7, &f);
    svgai_feature_cache_store (cache, hash, &f);
    path = svgai_feature_cache_get_path (cache, hash);
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  }
  {
    /* A new process would start with an empty memory: the disk answers. */
    g_autoptr(SvgaiFeatureCache) cache = svgai_feature_cache_new (dir, 0, TRUE);

    memset (&f, 0, sizeof f);
    g_assert_cmpint (svgai_feature_cache_lookup (cache, hash, &f), ==, SVGAI_CACHE_DISK_HIT);
    g_assert_true (features_match (7, &f));
    g_assert_cmpint (svgai_feature_cache_lookup (cache, hash, &f), ==, SVGAI_CACHE_MEMORY_HIT);
  }
}

static void
test_estimated_not_stored (void)
{
  g_autofree char *dir = make_dir ("estimated");
  g_autoptr(SvgaiFeatureCache) cache = svgai_feature_cache_new (dir, 0, TRUE);
  g_autofree char *hash = hash_for (3);
  SvgaiFeatures f;

  features_for (3, &f);
  f.estimated[SVGAI_FEATURE_CORNER_DENSITY] = TRUE;
  svgai_feature_cache_store (cache, hash, &f);
  g_assert_cmpint (svgai_feature_cache_lookup (cache, hash, &f), ==, SVGAI_CACHE_MISS);
}

static void
test_bad_hash (void)
{
  g_autofree char *dir = make_dir ("bad-hash");
  g_autoptr(SvgaiFeatureCache) cache = svgai_feature_cache_new (dir, 0, TRUE);
  g_autofree char *escaped = g_build_filename (tmp_root, "escaped.json", NULL);
  SvgaiFeatures f;

  features_for (1, &f);
  /* Not a hash: kept in memory at most, never turned into a path. */
  svgai_feature_cache_store (cache, "../../escaped", &f);
  g_assert_false (g_file_test (escaped, G_FILE_TEST_EXISTS));
}

static void
test_corrupt_entries (void)
{
  g_autofree char *dir = make_dir ("corrupt");
  g_autofree char *hash = hash_for (42);
  g_autofree char *other = hash_for (43);
  g_autofree char *path = NULL;
  g_autofree char *good = NULL;
  SvgaiFeatures f;
  gint64 corrupt_before = svgai_perf_get_counter (NULL, "cache.features.corrupt");
  const char *bad[] = {
    "",
    "\x89PNG\r\n\x1a\n\0\0garbage",
    "{\"format\": 1, \"hash\": \"",                                  /* truncated */
    "[]",
    "null",
    "{\"format\": 99}",                                             /* another version */
    "{\"format\": \"1\"}",
    NULL,                                                             /* wrong hash: filled below */
    NULL,                                                             /* a missing feature */
    NULL,                                                             /* a string value */
    NULL,                                                             /* a negative value */
    NULL,                                                             /* a huge number */
    NULL,                                                             /* whole, but the previous format's */
  };
  guint n_bad = G_N_ELEMENTS (bad);
  g_autofree char *wrong_hash = NULL, *missing = NULL, *string_value = NULL, *negative = NULL, *huge = NULL;
  g_autofree char *stale = NULL;

  /* Make a valid entry to derive the broken ones from. */
  {
    g_autoptr(SvgaiFeatureCache) cache = svgai_feature_cache_new (dir, 0, TRUE);

    features_for (42, &f);
    svgai_feature_cache_store (cache, hash, &f);
    path = svgai_feature_cache_get_path (cache, hash);
    g_assert_true (g_file_get_contents (path, &good, NULL, NULL));
  }
  {
    GString *s = g_string_new (good);

    g_string_replace (s, hash, other, 1);
    wrong_hash = g_string_free (s, FALSE);
    s = g_string_new (good);
    g_string_replace (s, "\"entropy\"", "\"entropi\"", 1);
    missing = g_string_free (s, FALSE);
    s = g_string_new (good);
    g_string_replace (s, "\"entropy\":", "\"entropy\":\"x\",\"e\":", 1);
    string_value = g_string_free (s, FALSE);
    s = g_string_new (good);
    g_string_replace (s, "\"entropy\":", "\"entropy\":-", 1);
    negative = g_string_free (s, FALSE);
    s = g_string_new (good);
    g_string_replace (s, "\"entropy\":", "\"entropy\":1e999,\"e\":", 1);
    huge = g_string_free (s, FALSE);
    /* Entries of format 1 hold the old gradient_strength (mean shading
     * slope, not the shaded share): never served. */
    s = g_string_new (good);
    g_assert_cmpuint (g_string_replace (s, "{\"format\":" G_STRINGIFY (SVGAI_FEATURE_CACHE_FORMAT) ",",
                                        "{\"format\":1,", 1), ==, 1);
    stale = g_string_free (s, FALSE);
  }
  bad[7] = wrong_hash;
  bad[8] = missing;
  bad[9] = string_value;
  bad[10] = negative;
  bad[11] = huge;
  bad[12] = stale;

  for (guint i = 0; i < n_bad; i++)
    {
      g_autoptr(SvgaiFeatureCache) cache = svgai_feature_cache_new (dir, 0, TRUE);
      g_autoptr(SvgaiFeatureCache) fresh = NULL;
      gsize len = (i == 1) ? 14 : strlen (bad[i]);

      g_test_message ("corrupt entry %u", i);
      g_assert_true (g_file_set_contents (path, bad[i], (gssize) len, NULL));
      g_assert_cmpint (svgai_feature_cache_lookup (cache, hash, &f), ==, SVGAI_CACHE_MISS);
      /* The pipeline extracts again and stores: the entry is rewritten. */
      features_for (42, &f);
      svgai_feature_cache_store (cache, hash, &f);
      fresh = svgai_feature_cache_new (dir, 0, TRUE);
      memset (&f, 0, sizeof f);
      g_assert_cmpint (svgai_feature_cache_lookup (fresh, hash, &f), ==, SVGAI_CACHE_DISK_HIT);
      g_assert_true (features_match (42, &f));
    }
  g_assert_cmpint (svgai_perf_get_counter (NULL, "cache.features.corrupt") - corrupt_before, >=, n_bad - 1);

  /* A folder where the entry should be: a miss, and storing does not fail. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  {
    g_autoptr(SvgaiFeatureCache) cache = svgai_feature_cache_new (dir, 0, TRUE);

    g_assert_cmpint (svgai_feature_cache_lookup (cache, hash, &f), ==, SVGAI_CACHE_MISS);
    features_for (42, &f);
    svgai_feature_cache_store (cache, hash, &f);
    g_assert_cmpint (svgai_feature_cache_lookup (cache, hash, &f), ==, SVGAI_CACHE_MEMORY_HIT);
  }
  g_rmdir (path);

  /* A cache folder that cannot be created (a file in its place). */
  {
    g_autofree char *blocked = g_build_filename (tmp_root, "blocked", NULL);
    g_autofree char *inside = g_build_filename (blocked, "features", NULL);
    g_autoptr(SvgaiFeatureCache) cache = NULL;

    g_assert_true (g_file_set_contents (blocked, "x", 1, NULL));
    cache = svgai_feature_cache_new (inside, 0, TRUE);
    features_for (42, &f);
    svgai_feature_cache_store (cache, hash, &f);
    g_assert_cmpint (svgai_feature_cache_lookup (cache, hash, &f), ==, SVGAI_CACHE_MEMORY_HIT);
  }
}

#define N_THREADS 6
#define N_KEYS 40
#define N_OPS 3000

typedef struct {
  SvgaiFeatureCache *cache;
  guint seed;
  gint failures;
} Hammer;

/* Stores and looks up a few keys at random; every hit must carry exactly
 * the values stored for its key. */
static gpointer
hammer (gpointer data)
{
  Hammer *h = data;
  GRand *rand = g_rand_new_with_seed (h->seed);

  for (int i = 0; i < N_OPS; i++)
    {
      guint n = g_rand_int_range (rand, 0, N_KEYS);
      g_autofree char *hash = hash_for (n);
      SvgaiFeatures f;

      if (g_rand_boolean (rand))
        {
          features_for (n, &f);
          svgai_feature_cache_store (h->cache, hash, &f);
        }
      else if (svgai_feature_cache_lookup (h->cache, hash, &f) != SVGAI_CACHE_MISS && !features_match (n, &f))
        g_atomic_int_inc (&h->failures);
    }
  g_rand_free (rand);
  return NULL;
}

static void
test_threads (void)
{
  g_autofree char *dir = make_dir ("threads");
  /* A memory bound smaller than the key set, so eviction races lookups. */
  g_autoptr(SvgaiFeatureCache) cache = svgai_feature_cache_new (dir, 15 * 300, TRUE);
  Hammer h[N_THREADS];
  GThread *threads[N_THREADS];

  for (int i = 0; i < N_THREADS; i++)
    {
      h[i] = (Hammer) { cache, (guint) i + 1, 0 };
      threads[i] = g_thread_new ("hammer", hammer, &h[i]);
    }
  for (int i = 0; i < N_THREADS; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpint (h[i].failures, ==, 0);
    }
}

/* Several processes sharing one folder: run this program with --hammer. */
static int
hammer_process (const char *dir, guint seed)
{
  g_autoptr(SvgaiFeatureCache) cache = NULL;
  Hammer h;

  /* Memory of one entry: nearly every lookup goes to the disk. */
  cache = svgai_feature_cache_new (dir, 300, TRUE);
  h = (Hammer) { cache, seed, 0 };
  hammer (&h);
  return h.failures == 0 ? 0 : 1;
}

static void
test_processes (void)
{
  g_autofree char *dir = make_dir ("processes");
  GPid pids[4];

  for (guint i = 0; i < G_N_ELEMENTS (pids); i++)
    {
      g_autofree char *seed = g_strdup_printf ("%u", i + 100);
      const char *argv[] = { self_path, "--hammer", dir, seed, NULL };
      g_autoptr(GError) error = NULL;

      g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pids[i], &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (pids); i++)
    {
      int status;

      g_assert_cmpint (waitpid (pids[i], &status, 0), ==, pids[i]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      g_spawn_close_pid (pids[i]);
    }
  /* No temporary files left behind. */
  {
    g_autoptr(GDir) top = g_dir_open (dir, 0, NULL);
    const char *sub;

    while ((sub = g_dir_read_name (top)) != NULL)
      {
        g_autofree char *subdir = g_build_filename (dir, sub, NULL);
        g_autoptr(GDir) d = g_dir_open (subdir, 0, NULL);
        const char *name;

        while ((name = g_dir_read_name (d)) != NULL)
          g_assert_true (g_str_has_suffix (name, ".json"));
      }
  }
}

static SvgaiImage *
make_image (void)
{
  SvgaiImage *image = svgai_image_new (32, 32);

  for (int y = 0; y < 32; y++)
    for (int x = 0; x < 32; x++)
      {
        guint8 *p = svgai_image_pixel (image, x, y);
        gboolean in = (x - 16) * (x - 16) + (y - 16) * (y - 16) < 100;

        p[0] = in ? 200 : 0;
        p[1] = 30;
        p[2] = in ? 40 : 200;
        p[3] = 255;
      }
  return image;
}

/* The key is the SHA-256 of the size (two little-endian 32-bit words) and
 * the RGBA pixels, whichever library computes it. */
static void
test_pixel_hash (void)
{
  g_autoptr(SvgaiImage) image = make_image ();
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint32 size[2] = { GUINT32_TO_LE (32), GUINT32_TO_LE (32) };

  g_checksum_update (checksum, (const guchar *) size, sizeof size);
  g_checksum_update (checksum, image->pixels, 32 * 32 * 4);
  g_assert_cmpstr (svgai_image_get_hash (image), ==, g_checksum_get_string (checksum));
}

static void
test_results (void)
{
  g_autoptr(SvgaiResultCache) cache = svgai_result_cache_new (0);
  g_autoptr(SvgaiImage) image = make_image ();
  g_autoptr(SvgaiConversion) result = NULL;
  g_autoptr(SvgaiConversion) hit = NULL;
  g_autoptr(GError) error = NULL;
  const char *hash = svgai_image_get_hash (image);
  SvgaiParams params, other;

  svgai_params_init_default (&params);
  other = params;
  other.colors = 2;

  result = svgai_convert (image, &params, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (svgai_result_cache_lookup (cache, hash, FALSE, &params, FALSE));
  svgai_result_cache_store (cache, hash, FALSE, &params, result);

  /* Conversions are immutable: the cache shares them, never copies. */
  hit = svgai_result_cache_lookup (cache, hash, FALSE, &params, FALSE);
  g_assert_true (hit == result);

  /* Unmeasured results do not answer a measured request; other params miss. */
  g_assert_null (svgai_result_cache_lookup (cache, hash, FALSE, &params, TRUE));
  g_assert_null (svgai_result_cache_lookup (cache, hash, FALSE, &other, FALSE));
  g_assert_cmpuint (svgai_result_cache_get_length (cache), ==, 1);
  g_assert_cmpuint (svgai_result_cache_get_bytes (cache), >=, g_bytes_get_size (result->svg));

  /* Bounded in bytes. */
  {
    g_autoptr(SvgaiResultCache) small = svgai_result_cache_new (g_bytes_get_size (result->svg) * 3);

    for (int c = 1; c <= 10; c++)
      {
        SvgaiParams p = params;

        p.colors = c;
        svgai_result_cache_store (small, hash, FALSE, &p, result);
        g_assert_cmpuint (svgai_result_cache_get_bytes (small), <=, g_bytes_get_size (result->svg) * 3);
      }
    g_assert_cmpuint (svgai_result_cache_get_length (small), <, 10);
  }
}

/* The pipeline uses both caches: a second run of the same pixels takes its
 * features from the feature cache and its trace from the result cache;
 * other parameters trace again; use_cache FALSE touches neither. */
static void
test_pipeline (void)
{
  g_autoptr(SvgaiImage) image = make_image ();
  g_autoptr(SvgaiImage) same = make_image ();
  g_autoptr(SvgaiResult) first = NULL, second = NULL, other = NULL, uncached = NULL;
  g_autoptr(GError) error = NULL;
  SvgaiPipelineOptions o;

  svgai_feature_cache_clear_memory (svgai_feature_cache_get_default ());
  svgai_result_cache_clear (svgai_result_cache_get_default ());
  svgai_pipeline_options_init (&o);
  o.tier = 0;                               /* fast: no model needed */
  o.features_time_limit_ms = 0;             /* every feature, so they are cached */

  first = svgai_pipeline_run (image, &o, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (svgai_result_get_features (first) && svgai_result_get_classification (first) &&
                 svgai_result_get_quality (first));
  g_assert_false (svgai_result_get_features_cached (first));
  g_assert_false (svgai_result_get_trace_cached (first));

  /* Other image objects, same pixels. */
  second = svgai_pipeline_run (same, &o, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (svgai_result_get_features_cached (second));
  g_assert_true (svgai_result_get_trace_cached (second));
  g_assert_true (g_bytes_equal (svgai_result_get_svg (first), svgai_result_get_svg (second)));
  g_assert_cmpfloat (svgai_result_get_quality (second)->ssim, ==, svgai_result_get_quality (first)->ssim);
  g_assert_cmpint (svgai_result_get_classification (second)->logo_class, ==,
                   svgai_result_get_classification (first)->logo_class);
  g_assert_cmpfloat (svgai_result_get_stage_ms (second, SVGAI_STAGE_TRACE), ==, 0);

  /* A fixed parameter overrides the optimizer's choice and traces anew. */
  o.params.colors = 1;
  o.fixed = SVGAI_PARAM_COLORS;
  other = svgai_pipeline_run (same, &o, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (svgai_result_get_trace_cached (other));
  g_assert_cmpint (svgai_result_get_params (other)->colors, ==, 1);

  o.fixed = 0;
  o.use_cache = FALSE;
  uncached = svgai_pipeline_run (same, &o, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (svgai_result_get_features_cached (uncached));
  g_assert_false (svgai_result_get_trace_cached (uncached));
}

static void
test_pipeline_cancelled (void)
{
  g_autoptr(SvgaiImage) image = make_image ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  SvgaiResult *result;
  SvgaiPipelineOptions o;

  svgai_pipeline_options_init (&o);
  o.tier = 0;
  o.use_cache = FALSE;
  g_cancellable_cancel (cancellable);
  result = svgai_pipeline_run (image, &o, cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int argc, char **argv)
{
  g_autofree char *xdg = NULL;
  int status;

  if (argc == 4 && strcmp (argv[1], "--hammer") == 0)
    return hammer_process (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10));

  self_path = argv[0];
  tmp_root = g_dir_make_tmp ("svgai-test-cache-XXXXXX", NULL);
  g_assert_nonnull (tmp_root);
  /* Before anything reads it: nothing may touch the real user cache. */
  xdg = g_build_filename (tmp_root, "xdg-cache", NULL);
  g_setenv ("XDG_CACHE_HOME", xdg, TRUE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cache/default-dir", test_default_dir);
  g_test_add_func ("/cache/lru-order", test_lru_order);
  g_test_add_func ("/cache/memory-bound", test_memory_bound);
  g_test_add_func ("/cache/disk-round-trip", test_disk_round_trip);
  g_test_add_func ("/cache/disk-bound", test_disk_bound);
  g_test_add_func ("/cache/estimated-not-stored", test_estimated_not_stored);
  g_test_add_func ("/cache/bad-hash", test_bad_hash);
  g_test_add_func ("/cache/corrupt-entries", test_corrupt_entries);
  g_test_add_func ("/cache/threads", test_threads);
  g_test_add_func ("/cache/processes", test_processes);
  g_test_add_func ("/cache/pixel-hash", test_pixel_hash);
  g_test_add_func ("/cache/results", test_results);
  g_test_add_func ("/cache/pipeline", test_pipeline);
  g_test_add_func ("/cache/pipeline-cancelled", test_pipeline_cancelled);
  status = g_test_run ();
  remove_tree (tmp_root);
  g_free (tmp_root);
  return status;
}
