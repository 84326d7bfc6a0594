/* test-perf.c: the performance monitor's statistics, scopes, threads, cost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "svgai.h"
#include "engine/svgai-image.h"

static void
test_known_durations (void)
{
  SvgaiPerf *perf = svgai_perf_new ();
  g_autoptr(SvgaiPerfSummary) s = NULL;
  const SvgaiPerfOpStats *o;

  /* 1..10 ms, recorded out of order: the median must not depend on order. */
  static const double ms[] = { 7, 3, 10, 1, 5, 9, 2, 8, 4, 6 };
  for (guint i = 0; i < G_N_ELEMENTS (ms); i++)
    svgai_perf_record (perf, "trace", ms[i], (gint64) (ms[i] * 1000));
  svgai_perf_record (perf, "write", 2.5, -4096);

  s = svgai_perf_get_summary (perf);
  g_assert_cmpuint (s->n_ops, ==, 2);
  o = svgai_perf_summary_find (s, "trace");
  g_assert_nonnull (o);
  g_assert_cmpuint (o->count, ==, 10);
  g_assert_cmpfloat_with_epsilon (o->total_ms, 55, 1e-9);
  g_assert_cmpfloat_with_epsilon (o->mean_ms, 5.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (o->median_ms, 5.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (o->min_ms, 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (o->max_ms, 10, 1e-9);
  /* population standard deviation of 1..10 = sqrt (8.25) */
  g_assert_cmpfloat_with_epsilon (o->std_ms, sqrt (8.25), 1e-9);
  g_assert_cmpfloat_with_epsilon (o->mean_mem_delta_bytes, 5500, 1e-6);

  o = svgai_perf_summary_find (s, "write");
  g_assert_cmpuint (o->count, ==, 1);
  g_assert_cmpfloat (o->median_ms, ==, 2.5);
  g_assert_cmpfloat (o->std_ms, ==, 0);
  g_assert_cmpfloat (o->mean_mem_delta_bytes, ==, -4096);
  g_assert_null (svgai_perf_summary_find (s, "render"));
  g_assert_cmpstr (s->ops[0].name, ==, "trace");  /* first-use order */

  /* An odd count takes the middle value. */
  svgai_perf_record (perf, "trace", 100, 0);
  g_clear_pointer (&s, svgai_perf_summary_free);
  s = svgai_perf_get_summary (perf);
  o = svgai_perf_summary_find (s, "trace");
  g_assert_cmpfloat (o->median_ms, ==, 6);
  g_assert_cmpfloat (o->max_ms, ==, 100);

  svgai_perf_reset (perf);
  g_clear_pointer (&s, svgai_perf_summary_free);
  s = svgai_perf_get_summary (perf);
  g_assert_cmpuint (s->n_ops, ==, 0);
  svgai_perf_free (perf);
}

static void
sleepy_block (void)
{
  SVGAI_PERF_SCOPE ("sleep");
  g_usleep (20000);
}

static void
test_scope (void)
{
  g_autoptr(SvgaiPerfSummary) s = NULL;
  const SvgaiPerfOpStats *o;
  SvgaiPerfScope scope;
  double ms;

  svgai_perf_reset (NULL);
  sleepy_block ();
  sleepy_block ();

  scope = svgai_perf_scope_begin (NULL, "explicit");
  g_usleep (5000);
  ms = svgai_perf_scope_end (&scope);
  g_assert_cmpfloat (ms, >=, 5);
  /* Ending twice records once. */
  g_assert_cmpfloat (svgai_perf_scope_end (&scope), ==, 0);

  s = svgai_perf_get_summary (NULL);
  o = svgai_perf_summary_find (s, "sleep");
  g_assert_nonnull (o);
  g_assert_cmpuint (o->count, ==, 2);
  g_assert_cmpfloat (o->min_ms, >=, 20);
  g_assert_cmpfloat (o->max_ms, <, 2000);
  g_assert_cmpuint (o->peak_rss_bytes, >, 0);
  o = svgai_perf_summary_find (s, "explicit");
  g_assert_cmpuint (o->count, ==, 1);
  g_assert_cmpfloat (o->total_ms, ==, ms);
  g_assert_cmpuint (s->peak_rss_bytes, >=, s->current_rss_bytes / 2);
  g_assert_cmpuint (s->baseline_rss_bytes, >, 0);
}

static void
test_disabled (void)
{
  SvgaiPerf *perf = svgai_perf_new ();
  g_autoptr(SvgaiPerfSummary) s = NULL;
  SvgaiPerfScope scope;

  svgai_perf_set_enabled (perf, FALSE);
  g_assert_false (svgai_perf_get_enabled (perf));
  svgai_perf_record (perf, "trace", 1, 0);
  svgai_perf_count (perf, "hits", 1);
  scope = svgai_perf_scope_begin (perf, "scoped");
  g_usleep (1000);
  /* Still timed for the caller, not recorded. */
  g_assert_cmpfloat (svgai_perf_scope_end (&scope), >=, 1);
  s = svgai_perf_get_summary (perf);
  g_assert_false (s->enabled);
  g_assert_cmpuint (s->n_ops, ==, 0);
  g_assert_cmpuint (s->n_counters, ==, 0);
  svgai_perf_free (perf);
}

#define N_THREADS 8
#define N_RECORDS 20000

static gpointer
hammer (gpointer data)
{
  SvgaiPerf *perf = data;

  for (int i = 0; i < N_RECORDS; i++)
    {
      svgai_perf_record (perf, (i & 1) ? "odd" : "even", 1.0, 1);
      svgai_perf_count (perf, "counter", 1);
      if (i % 1000 == 0)
        svgai_perf_summary_free (svgai_perf_get_summary (perf));
    }
  return NULL;
}

static void
test_threads (void)
{
  SvgaiPerf *perf = svgai_perf_new ();
  g_autoptr(SvgaiPerfSummary) s = NULL;
  GThread *threads[N_THREADS];
  const SvgaiPerfOpStats *o;

  for (int i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("hammer", hammer, perf);
  for (int i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);

  s = svgai_perf_get_summary (perf);
  o = svgai_perf_summary_find (s, "odd");
  g_assert_cmpuint (o->count, ==, N_THREADS * N_RECORDS / 2);
  g_assert_cmpfloat (o->total_ms, ==, N_THREADS * N_RECORDS / 2);
  g_assert_cmpfloat (o->std_ms, ==, 0);
  o = svgai_perf_summary_find (s, "even");
  g_assert_cmpuint (o->count, ==, N_THREADS * N_RECORDS / 2);
  g_assert_cmpint (svgai_perf_summary_get_counter (s, "counter"), ==, N_THREADS * N_RECORDS);
  g_assert_cmpint (svgai_perf_get_counter (perf, "counter"), ==, N_THREADS * N_RECORDS);
  svgai_perf_free (perf);
}

static void
test_json (void)
{
  SvgaiPerf *perf = svgai_perf_new ();
  g_autoptr(SvgaiPerfSummary) s = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj, *op;

  svgai_perf_record (perf, "trace", 2, 0);
  svgai_perf_record (perf, "trace", 4, 0);
  svgai_perf_count (perf, "cache.features.miss", 3);
  s = svgai_perf_get_summary (perf);
  svgai_perf_summary_to_json (s, b);
  root = json_builder_get_root (b);
  obj = json_node_get_object (root);
  g_assert_true (json_object_get_boolean_member (obj, "enabled"));
  op = json_object_get_object_member (json_object_get_object_member (obj, "operations"), "trace");
  g_assert_cmpint (json_object_get_int_member (op, "count"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (op, "median_ms"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (obj, "counters"),
                                               "cache.features.miss"), ==, 3);
  g_assert_true (json_object_has_member (json_object_get_object_member (obj, "memory"), "peak_rss_bytes"));
  svgai_perf_free (perf);
}

/* What one timed block costs; the pipeline records about ten per image, and
 * an image takes milliseconds, so a few microseconds each stays under 1 %. */
static void
test_overhead (void)
{
  SvgaiPerf *perf = svgai_perf_new ();
  const int n = 100000;
  gint64 t0;
  double per_scope_us;

  t0 = g_get_monotonic_time ();
  for (int i = 0; i < n; i++)
    {
      SvgaiPerfScope s = svgai_perf_scope_begin (perf, "op");
      svgai_perf_scope_end (&s);
    }
  per_scope_us = (double) (g_get_monotonic_time () - t0) / n;
  g_test_message ("one recorded scope: %.2f µs", per_scope_us);
  /* Generous: the machine is shared. Sanitized code is far slower. */
  if (g_getenv ("SVGAI_TEST_SANITIZED") == NULL)
    g_assert_cmpfloat (per_scope_us, <, 20);
  svgai_perf_free (perf);
}

/* Every stage of the pipeline lands in the default monitor, and the stage
 * times the result carries are the ones recorded. */
static void
test_pipeline_stages (void)
{
  static const char *const stages[] = {
    "features", "features.extract", "classify", "optimize", "trace", "write", "render", "quality", "pipeline",
  };
  g_autoptr(SvgaiImage) image = svgai_image_new (48, 32);
  g_autoptr(SvgaiResult) result = NULL;
  g_autoptr(SvgaiPerfSummary) s = NULL;
  g_autoptr(GError) error = NULL;
  SvgaiPipelineOptions o;

  for (int y = 4; y < 28; y++)
    for (int x = 4; x < 40; x++)
      {
        guint8 *p = svgai_image_pixel (image, x, y);

        p[0] = x < 20 ? 220 : 10;
        p[1] = 40;
        p[2] = x < 20 ? 30 : 200;
        p[3] = 255;
      }
  svgai_perf_reset (NULL);
  svgai_pipeline_options_init (&o);
  o.tier = 0;
  o.use_cache = FALSE;
  result = svgai_pipeline_run (image, &o, NULL, &error);
  g_assert_no_error (error);
  s = svgai_perf_get_summary (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      const SvgaiPerfOpStats *op = svgai_perf_summary_find (s, stages[i]);

      g_test_message ("stage %s", stages[i]);
      g_assert_nonnull (op);
      g_assert_cmpuint (op->count, ==, 1);
    }
  g_assert_cmpfloat (svgai_perf_summary_find (s, "trace")->total_ms, ==, svgai_result_get_stage_ms (result, SVGAI_STAGE_TRACE));
  g_assert_cmpfloat (svgai_perf_summary_find (s, "quality")->total_ms, ==, svgai_result_get_stage_ms (result, SVGAI_STAGE_QUALITY));
}

int
main (int argc, char **argv)
{
  g_autofree char *tmp = g_dir_make_tmp ("svgai-test-perf-XXXXXX", NULL);
  int status;

  /* The pipeline runs here without caches; still, never the user's. */
  g_setenv ("XDG_CACHE_HOME", tmp, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/perf/known-durations", test_known_durations);
  g_test_add_func ("/perf/scope", test_scope);
  g_test_add_func ("/perf/disabled", test_disabled);
  g_test_add_func ("/perf/threads", test_threads);
  g_test_add_func ("/perf/json", test_json);
  g_test_add_func ("/perf/overhead", test_overhead);
  g_test_add_func ("/perf/pipeline-stages", test_pipeline_stages);
  status = g_test_run ();
  g_rmdir (tmp);
  return status;
}
