/* svg-ai-cli batch: many images, in parallel, with a report.
 *
 * This file reads the options, plans the run (svgai-cli-batch-plan.c),
 * hands it to the pool of workers and writers (svgai-cli-batch-pool.c) and
 * prints the summary. Ctrl+C stops cleanly: the report says what was done,
 * and the exit status is 130. */
#include "svgai-config.h"

#include <glib/gi18n.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include "svgai-cli-batch.h"

/* What the process itself grows by once running (models, per-thread
 * scratch arenas, allocator slack), counted against --max-memory. */
#define PROCESS_ALLOWANCE (4u << 20)
/* -j not given: one worker per core. */
#define JOBS_NOT_GIVEN (-1)

typedef struct {
  char **inputs;
  char *output_dir, *tier, *report_path, *shard_text;
  int jobs;
  gint64 max_memory, max_pixels;
  double time_limit;
  gboolean recursive, no_cache, no_monitor, list, quiet;
  guint shard, n_shards;
  SvgaiCliParamOptions params;   /* --colors, --speckle…: fixed for every image */
} BatchOptions;

static void
batch_options_clear (BatchOptions *o)
{
  g_strfreev (o->inputs);
  g_free (o->output_dir);
  g_free (o->tier);
  g_free (o->report_path);
  g_free (o->shard_text);
  svgai_cli_param_options_clear (&o->params);
}

static gboolean
parse_shard (const char *text, guint *shard, guint *n_shards)
{
  guint64 i, n;
  char *end;

  i = g_ascii_strtoull (text, &end, 10);
  if (end == text || *end != '/')
    return FALSE;
  text = end + 1;
  n = g_ascii_strtoull (text, &end, 10);
  if (end == text || *end != '\0' || n == 0 || n > G_MAXUINT || i >= n)
    return FALSE;
  *shard = (guint) i;
  *n_shards = (guint) n;
  return TRUE;
}

static gboolean
check_options (BatchOptions *o)
{
  if (o->inputs == NULL || o->inputs[0] == NULL)
    svgai_cli_error (_("batch: no input (try 'svg-ai-cli batch --help')"));
  else if (o->output_dir == NULL && !o->list)
    svgai_cli_error (_("batch: give the output folder with -d DIR"));
  else if (o->jobs != JOBS_NOT_GIVEN && (o->jobs < 1 || o->jobs > 256))
    svgai_cli_error (_("--jobs must be between 1 and 256"));
  else if (o->shard_text && !parse_shard (o->shard_text, &o->shard, &o->n_shards))
    svgai_cli_error (_("--shard must be I/N with 0 ≤ I < N, e.g. 0/4, not '%s'"), o->shard_text);
  else if (o->max_memory < 0 || o->max_pixels < 0 || o->time_limit < 0 || !isfinite (o->time_limit))
    svgai_cli_error (_("--max-memory, --max-pixels and --time-limit must be positive"));
  else
    return TRUE;
  return FALSE;
}

static gboolean
batch_parse (BatchOptions *o, int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("INPUT… — convert many images in parallel"));
  GOptionEntry *params = svgai_cli_param_entries_new (&o->params);
  gboolean ok;
  GOptionEntry entries[] = {
    { "output-dir", 'd', 0, G_OPTION_ARG_FILENAME, &o->output_dir, N_("Write the SVGs into DIR (required); files found in a folder keep their sub-folders"), "DIR" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &o->jobs, N_("Convert N images at once (default: the number of cores)"), "N" },
    { "recursive", 'r', 0, G_OPTION_ARG_NONE, &o->recursive, N_("Also look into the sub-folders of folder inputs"), NULL },
    { "tier", 0, 0, G_OPTION_ARG_STRING, &o->tier, N_("fast, balanced (default) or quality"), "T" },
    { "time-limit", 0, 0, G_OPTION_ARG_DOUBLE, &o->time_limit, N_("Seconds the quality tier may spend per image (default 5)"), "S" },
    { "report", 0, 0, G_OPTION_ARG_FILENAME, &o->report_path, N_("Write one JSON line per image and a final summary line to FILE"), "FILE.jsonl" },
    { "shard", 0, 0, G_OPTION_ARG_STRING, &o->shard_text, N_("Take only every N-th file of the sorted input list, starting at the I-th (0 ≤ I < N)"), "I/N" },
    { "max-memory", 0, 0, G_OPTION_ARG_INT64, &o->max_memory, N_("Start no image while the estimated memory in use would exceed MB"), "MB" },
    { "max-pixels", 0, 0, G_OPTION_ARG_INT64, &o->max_pixels, N_("Refuse images over N pixels (default 64000000)"), "N" },
    { "no-cache", 0, 0, G_OPTION_ARG_NONE, &o->no_cache, N_("Neither read nor write the feature cache"), NULL },
    { "no-monitor", 0, 0, G_OPTION_ARG_NONE, &o->no_monitor, N_("Turn the performance monitor off (to measure what it costs)"), NULL },
    { "list", 0, 0, G_OPTION_ARG_NONE, &o->list, N_("Print the files this run (and shard) would convert, and exit"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &o->quiet, N_("Print nothing but errors"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->inputs, NULL, "INPUT…" },
    { NULL }
  };

  g_option_context_set_summary (ctx,
    _("Converts image files and folders of images (PNG, JPEG, GIF, BMP, TIFF, WebP) to SVG with a pool of\n"
    "workers. Failed files are reported and the others go on. Ctrl+C stops cleanly: no partial SVG is\n"
    "left, and the report says what was done.\n\n"
    "--shard I/N splits a collection across machines or job-array tasks: shard I takes files I, I+N,\n"
    "I+2N… of the sorted list, so the N shards together convert every file exactly once."));
  g_option_context_set_description (ctx,
    _("Exit status: 0 all converted, 1 some input failed, 2 bad command line, 130 interrupted."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (ctx, params, GETTEXT_PACKAGE);
  o->n_shards = 1;
  o->jobs = JOBS_NOT_GIVEN;
  ok = svgai_cli_parse_options (ctx, argc, argv) && check_options (o);
  svgai_cli_param_entries_free (params);
  return ok;
}

/* The pipeline's and the pool's settings from the options. */
static gboolean
batch_setup (Batch *b, const BatchOptions *o)
{
  g_autoptr(GError) error = NULL;

  svgai_pipeline_options_init (&b->run);
  if (!svgai_cli_parse_tier (o->tier, &b->run.tier))
    return FALSE;
  if (!svgai_cli_param_options_apply (&o->params, &b->run, &error))
    {
      svgai_cli_error ("%s", error->message);
      return FALSE;
    }
  b->run.time_limit_s = o->time_limit;
  b->run.use_cache = !o->no_cache;
  b->run.cache_results = FALSE;
  b->load.max_pixels = (guint64) o->max_pixels;
  b->output_dir = o->output_dir;
  b->workers = o->jobs > 0 ? o->jobs : (int) g_get_num_processors ();
  b->quiet = o->quiet;
  b->tty = isatty (STDERR_FILENO) && !o->quiet;
  return TRUE;
}

/* The output folder and the report file; FALSE after saying why. */
static gboolean
open_outputs (Batch *b, const BatchOptions *o)
{
  if (g_mkdir_with_parents (o->output_dir, 0755) != 0)
    {
      int e = errno;

      svgai_cli_error (_("%s: cannot create the output folder: %s"), o->output_dir, g_strerror (e));
      return FALSE;
    }
  if (o->report_path)
    {
      b->report = fopen (o->report_path, "we");
      if (b->report == NULL)
        {
          int e = errno;

          svgai_cli_error (_("%s: cannot write the report: %s"), o->report_path, g_strerror (e));
          return FALSE;
        }
    }
  return TRUE;
}

static void
set_memory_ceiling (Batch *b, gint64 max_memory_mb)
{
  guint64 ceiling = (guint64) max_memory_mb << 20;
  guint64 base = svgai_memory_rss () + PROCESS_ALLOWANCE;

  if (max_memory_mb <= 0)
    return;
  /* What the process holds before any image counts against the ceiling. */
  b->memory_budget = ceiling > base ? ceiling - base : 1;
  b->memory_ceiling = ceiling;
}

static void
write_summary (Batch *b, gboolean interrupted)
{
  g_autoptr(JsonBuilder) json = json_builder_new ();
  g_autoptr(SvgaiPerfSummary) perf = svgai_perf_get_summary (NULL);
  double t = batch_elapsed_s (b);
  guint not_started = b->items->len - b->done - b->cancelled;

  json_builder_begin_object (json);
  json_builder_set_member_name (json, "summary");
  json_builder_begin_object (json);
  json_builder_set_member_name (json, "inputs");
  json_builder_add_int_value (json, b->items->len);
  json_builder_set_member_name (json, "processed");
  json_builder_add_int_value (json, b->done);
  json_builder_set_member_name (json, "succeeded");
  json_builder_add_int_value (json, b->ok);
  json_builder_set_member_name (json, "failed");
  json_builder_add_int_value (json, b->failed);
  json_builder_set_member_name (json, "cancelled");
  json_builder_add_int_value (json, b->cancelled);
  json_builder_set_member_name (json, "not_started");
  json_builder_add_int_value (json, not_started);
  json_builder_set_member_name (json, "interrupted");
  json_builder_add_boolean_value (json, interrupted);
  json_builder_set_member_name (json, "workers");
  json_builder_add_int_value (json, b->workers);
  json_builder_set_member_name (json, "max_images_in_flight");
  json_builder_add_int_value (json, b->max_in_flight_images);
  json_builder_set_member_name (json, "elapsed_s");
  json_builder_add_double_value (json, round (t * 1000) / 1000);
  json_builder_set_member_name (json, "images_per_s");
  json_builder_add_double_value (json, t > 0 ? round (b->done / t * 100) / 100 : 0);
  json_builder_set_member_name (json, "mean_ssim");
  if (b->ok)
    json_builder_add_double_value (json, b->ssim_sum / b->ok);
  else
    json_builder_add_null_value (json);
  json_builder_set_member_name (json, "peak_rss_bytes");
  json_builder_add_int_value (json, (gint64) svgai_memory_peak_rss ());
  json_builder_set_member_name (json, "perf");
  svgai_perf_summary_to_json (perf, json);
  json_builder_end_object (json);
  json_builder_end_object (json);
  if (b->report && !svgai_cli_print_json (json, b->report, FALSE) && b->report_errno == 0)
    b->report_errno = errno ? errno : EIO;

  if (!b->quiet)
    {
      printf (_("%s%u of %u converted, %u failed in %.2f s (%.1f images/s)"), interrupted ? _("Interrupted: ") : "",
              b->ok, b->items->len, b->failed, t, t > 0 ? b->done / t : 0);
      if (b->ok)
        printf (_(", mean SSIM %.4f"), b->ssim_sum / b->ok);
      if (interrupted)
        printf (_(", %u not converted"), not_started + b->cancelled);
      printf (_(", peak memory %.1f MB\n"), svgai_memory_peak_rss () / 1048576.0);
    }
}

/* Whether --report names one of the inputs (opening it for writing would
 * empty that image before it is read); says so. */
static gboolean
report_names_an_input (const BatchOptions *o, GPtrArray *items)
{
  g_autoptr(GHashTable) inputs = svgai_cli_file_set_new ();

  for (guint i = 0; o->inputs[i] != NULL; i++)
    svgai_cli_file_set_add (inputs, o->inputs[i]);
  for (guint i = 0; i < items->len; i++)
    svgai_cli_file_set_add (inputs, ((Item *) items->pdata[i])->input);
  if (!svgai_cli_file_set_contains (inputs, o->report_path))
    return FALSE;
  svgai_cli_error (_("%s: the report would overwrite an input of this run"), o->report_path);
  return TRUE;
}

/* Closes the report; FALSE after saying why when any write of it failed. */
static gboolean
close_report (Batch *b, const BatchOptions *o)
{
  int e = b->report_errno;

  if (b->report == NULL)
    return TRUE;
  if (fclose (b->report) != 0 && e == 0)
    e = errno ? errno : EIO;
  b->report = NULL;
  if (e == 0)
    return TRUE;
  svgai_cli_error (_("%s: cannot write the report: %s"), o->report_path, g_strerror (e));
  return FALSE;
}

/* Plans, then runs or lists; the exit status. */
static int
batch_run (Batch *b, const BatchOptions *o)
{
  g_autoptr(GError) error = NULL;

  if (o->no_monitor)
    svgai_perf_set_enabled (NULL, FALSE);
  b->items = batch_plan_items (o->inputs, o->recursive, o->output_dir ? o->output_dir : ".", o->shard,
                               o->n_shards, &error);
  if (b->items == NULL)
    {
      svgai_cli_error ("%s", error->message);
      return SVGAI_EXIT_FAILED;
    }
  if (o->report_path && report_names_an_input (o, b->items))
    return SVGAI_EXIT_USAGE;
  if (o->list)
    {
      for (guint i = 0; i < b->items->len; i++)
        printf ("%s\n", ((Item *) b->items->pdata[i])->input);
      return SVGAI_EXIT_OK;
    }
  if (!open_outputs (b, o))
    return SVGAI_EXIT_FAILED;
  b->order = batch_order_largest_first (b->items);
  b->workers = MAX (1, MIN (b->workers, (int) MAX (b->items->len, 1)));
  set_memory_ceiling (b, o->max_memory);
  batch_run_pool (b);
  write_summary (b, b->interrupted);
  if (!close_report (b, o))
    return SVGAI_EXIT_FAILED;
  if (b->abandoned)
    {
      /* Conversions still run in threads that cannot be stopped (a trace
       * inside one layer): nothing of theirs will be written, so end now. */
      fflush (stdout);
      fflush (stderr);
      _exit (SVGAI_CLI_EXIT_INTERRUPTED);
    }
  return b->interrupted ? SVGAI_CLI_EXIT_INTERRUPTED : b->failed ? SVGAI_EXIT_FAILED : SVGAI_EXIT_OK;
}

int
svgai_cli_batch (int argc, char **argv)
{
  BatchOptions o = { 0 };
  Batch b = { 0 };
  int status = SVGAI_EXIT_USAGE;

  if (batch_parse (&o, argc, argv) && batch_setup (&b, &o))
    status = batch_run (&b, &o);
  if (b.report)
    fclose (b.report);
  g_clear_pointer (&b.order, g_ptr_array_unref);
  g_clear_pointer (&b.items, g_ptr_array_unref);
  batch_options_clear (&o);
  return status;
}
