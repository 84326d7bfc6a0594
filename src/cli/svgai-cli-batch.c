/* svg-ai-cli batch: many images, in parallel, with a report.
 *
 * Workers (threads) take the next file of a sorted list; each decodes one
 * image at a time, so at most N images are decoded at once, and with
 * --max-memory a worker also waits until the image's estimated working set
 * fits under the ceiling. Two writer threads save the SVGs (each write
 * waits for fsync) while the workers go on converting. The main thread runs a main loop for the progress
 * display and for SIGINT/SIGTERM: the first stops the batch (nothing new is
 * started, running conversions are cancelled, nothing half-written is left:
 * every SVG is written to a temporary file and renamed), the report says
 * what was done, and the exit status is 130. */
#include "svgai-config.h"

#include <glib/gi18n.h>

#include <errno.h>
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include "svgai.h"
#include "runtime/svgai-cache.h"
#include "runtime/svgai-cache-results.h"
#include "svgai-cli.h"
#include "ai/svgai-model.h"
#include "ai/svgai-optimizer.h"
#include "engine/svgai-threads.h"

#define EXIT_INTERRUPTED 130

/* Working set of one conversion per source pixel: RGBA source, palette
 * mixes, upsampled masks, rendering and SSIM buffers (peak RSS of one
 * convert measured at about 24 bytes per pixel above the process's own on
 * 1024 px logos; rounded up), plus a fixed part. */
#define BYTES_PER_PIXEL 32
#define BYTES_PER_IMAGE (2u << 20)
/* What the process itself grows by once running (models, per-thread
 * scratch arenas, allocator slack), counted against --max-memory. */
#define PROCESS_ALLOWANCE (4u << 20)

#define N_WRITERS 2
/* Converted SVGs waiting for a writer (a few KB each). */
#define MAX_PENDING_WRITES 16

typedef struct {
  char *input;
  gint64 size;              /* bytes on disk, to start the largest first */
  char *output;             /* NULL when it collides with an earlier item */
  char *collision;          /* the earlier input with the same output */
} Item;

typedef struct {
  /* settings */
  GPtrArray *items;         /* of Item*, sorted, after sharding */
  GPtrArray *order;         /* the same items, largest file first: the order workers take them */
  char *output_dir;
  SvgaiPipelineOptions run;
  SvgaiLoadOptions load;
  int workers;
  guint64 memory_budget;    /* 0: none */
  guint64 memory_ceiling;   /* --max-memory in bytes, 0: none */
  gboolean tty;
  gboolean quiet;
  FILE *report;

  /* shared state */
  GCancellable *cancellable;
  gint stop;                /* atomic */
  gint next;                /* atomic: index of the next item to start */
  GMutex lock;              /* guards everything below and the outputs */
  GCond memory_cond;
  guint64 memory_in_flight;
  guint in_flight_images;
  guint max_in_flight_images;
  guint done, ok, failed, cancelled;
  double ssim_sum;
  gint64 start_us;
  gboolean bar_drawn;
  gint workers_left;        /* atomic */
  GMainLoop *loop;

  /* Saving: fsync makes each write wait for the disk (milliseconds), so
   * writer threads do it while the workers convert the next image. */
  GQueue writes;            /* under lock: WriteJob*; a job with item NULL ends a writer */
  GThread *writers[N_WRITERS];
  guint pending_writes;     /* under lock: queued or being written, at most MAX_PENDING_WRITES */
  GCond writes_cond;        /* a write finished: room in the queue */
  GCond writes_ready;       /* a job was queued */
} Batch;

typedef struct {
  const Item *item;
  SvgaiResult *result;
  gint64 t0;
} WriteJob;

static void
item_free (gpointer data)
{
  Item *item = data;

  g_free (item->input);
  g_free (item->output);
  g_free (item->collision);
  g_free (item);
}

/* Adds (input, relative output base) pairs found under dir. */
static gboolean
collect_dir (const char *dir, const char *rel, gboolean recursive, GPtrArray *found, GError **error)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, error);
  const char *name;

  if (d == NULL)
    return FALSE;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *sub = rel ? g_build_filename (rel, name, NULL) : g_strdup (name);

      if (name[0] == '.')
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (recursive && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
            {
              g_autoptr(GError) err = NULL;

              /* An unreadable subfolder is skipped with a warning. */
              if (!collect_dir (path, sub, recursive, found, &err))
                svgai_cli_error ("%s", err->message);
            }
        }
      else if (svgai_cli_is_image_name (name))
        {
          g_ptr_array_add (found, g_steal_pointer (&path));
          g_ptr_array_add (found, g_steal_pointer (&sub));
        }
    }
  return TRUE;
}

static int
compare_pairs (gconstpointer a, gconstpointer b)
{
  /* Elements are char*[2] arrays (input, relative name). */
  const char *const *x = *(const char *const *const *) a;
  const char *const *y = *(const char *const *const *) b;

  return strcmp (x[0], y[0]);
}

static char *
svg_name (const char *rel)
{
  g_autofree char *copy = g_strdup (rel);
  char *base = strrchr (copy, G_DIR_SEPARATOR);
  char *dot = strrchr (base ? base + 1 : copy, '.');

  if (dot && dot != (base ? base + 1 : copy))
    *dot = '\0';
  return g_strconcat (copy, ".svg", NULL);
}

/* The sorted, de-duplicated list of inputs, then every N-th from I. */
static GPtrArray *
plan_items (char **inputs, gboolean recursive, const char *output_dir, guint shard, guint n_shards,
            GError **error)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new ();
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) outputs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *items = g_ptr_array_new_with_free_func (item_free);
  guint kept = 0;

  for (guint i = 0; inputs[i] != NULL; i++)
    {
      if (g_file_test (inputs[i], G_FILE_TEST_IS_DIR))
        {
          if (!collect_dir (inputs[i], NULL, recursive, found, error))
            {
              g_ptr_array_unref (items);
              return NULL;
            }
        }
      else
        {
          /* A file (or a missing one: it fails and is reported like any). */
          g_ptr_array_add (found, g_strdup (inputs[i]));
          g_ptr_array_add (found, g_path_get_basename (inputs[i]));
        }
    }
  for (guint i = 0; i < found->len; i += 2)
    g_ptr_array_add (pairs, &found->pdata[i]);
  g_ptr_array_sort (pairs, compare_pairs);

  /* Outputs are named over the whole list, before sharding, so that every
   * shard names a file the same way. A second input with the same name
   * (logo.png, logo.jpg) keeps its extension: logo.jpg.svg. */
  for (guint i = 0; i < pairs->len; i++)
    {
      char **pair = pairs->pdata[i];
      Item *item;
      g_autofree char *name = NULL;
      gboolean mine;
      const char *earlier;

      if (i > 0 && strcmp (pair[0], ((char **) pairs->pdata[i - 1])[0]) == 0)
        continue;                       /* the same file given twice */
      mine = kept++ % n_shards == shard;
      item = g_new0 (Item, 1);
      item->input = g_strdup (pair[0]);
      name = svg_name (pair[1]);
      item->output = g_build_filename (output_dir, name, NULL);
      if (g_hash_table_contains (outputs, item->output))
        {
          g_free (name);
          g_free (item->output);
          name = g_strconcat (pair[1], ".svg", NULL);
          item->output = g_build_filename (output_dir, name, NULL);
        }
      earlier = g_hash_table_lookup (outputs, item->output);
      if (earlier)
        {
          item->collision = g_strdup (earlier);
          g_clear_pointer (&item->output, g_free);
        }
      else
        g_hash_table_insert (outputs, g_strdup (item->output), g_strdup (item->input));
      if (mine)
        g_ptr_array_add (items, item);
      else
        item_free (item);
    }
  return items;
}

static int
compare_size_desc (gconstpointer a, gconstpointer b)
{
  const Item *x = *(const Item *const *) a, *y = *(const Item *const *) b;

  return (x->size < y->size) - (x->size > y->size);
}

/* Largest files first: the last images to finish are then small ones, so
 * the workers run out of work together rather than one finishing a big
 * image alone (on the devset this is a few per cent of a run). */
static GPtrArray *
order_largest_first (GPtrArray *items)
{
  GPtrArray *order = g_ptr_array_sized_new (items->len);

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = items->pdata[i];
      GStatBuf st;

      item->size = g_stat (item->input, &st) == 0 ? (gint64) st.st_size : 0;
      g_ptr_array_add (order, item);
    }
  g_ptr_array_sort (order, compare_size_desc);
  return order;
}

static double
elapsed_s (Batch *b)
{
  return (g_get_monotonic_time () - b->start_us) / 1e6;
}

/* Called with b->lock held. */
static void
draw_bar (Batch *b)
{
  guint total = b->items->len;
  double t = elapsed_s (b);
  double rate = t > 0 ? b->done / t : 0;
  int width = 24, filled = total ? (int) ((double) b->done / total * width) : width;
  char bar[64];
  char eta[32] = "--:--";

  for (int i = 0; i < width; i++)
    bar[i] = i < filled ? '#' : '.';
  bar[width] = '\0';
  if (rate > 0 && b->done < total)
    {
      int s = (int) ceil ((total - b->done) / rate);

      g_snprintf (eta, sizeof eta, "%d:%02d", s / 60, s % 60);
    }
  else if (b->done == total)
    g_snprintf (eta, sizeof eta, "0:00");
  fputs ("\r\033[K", stderr);
  fprintf (stderr, _("[%s] %u/%u  %.1f img/s  ETA %s"), bar, b->done, total, rate, eta);
  if (b->failed)
    fprintf (stderr, _("  %u failed"), b->failed);
  fflush (stderr);
  b->bar_drawn = TRUE;
}

/* Prints one message line without tearing the progress bar. Lock held. */
static void
print_line (Batch *b, const char *text)
{
  if (b->bar_drawn)
    {
      fputs ("\r\033[K", stderr);
      b->bar_drawn = FALSE;
    }
  fprintf (stderr, "%s\n", text);
}

static guint64
estimate_bytes (const char *path)
{
  int w = 0, h = 0;

  if (gdk_pixbuf_get_file_info (path, &w, &h) == NULL || w <= 0 || h <= 0)
    return BYTES_PER_IMAGE;
  return (guint64) w * (guint64) h * BYTES_PER_PIXEL + BYTES_PER_IMAGE;
}

/* Waits until cost fits under the budget; one image always may run, even a
 * larger one, or the batch could never finish. FALSE when stopped. */
static gboolean
memory_acquire (Batch *b, guint64 cost)
{
  gboolean ok = TRUE;

  /* Both the estimates and the real resident set must leave room: the
   * estimates know what is about to be decoded, the resident set what the
   * process really holds (allocator slack included). */
  g_mutex_lock (&b->lock);
  while (b->memory_budget > 0 && b->in_flight_images > 0 &&
         (b->memory_in_flight + cost > b->memory_budget || svgai_perf_rss_now () + cost > b->memory_ceiling) &&
         !g_atomic_int_get (&b->stop))
    g_cond_wait (&b->memory_cond, &b->lock);
  if (g_atomic_int_get (&b->stop))
    ok = FALSE;
  else
    {
      b->memory_in_flight += cost;
      b->in_flight_images++;
      b->max_in_flight_images = MAX (b->max_in_flight_images, b->in_flight_images);
    }
  g_mutex_unlock (&b->lock);
  return ok;
}

static void
memory_release (Batch *b, guint64 cost)
{
  /* Give freed memory back to the system, so that the resident set the
   * next admission reads is what is really in use. */
  if (b->memory_budget > 0)
    malloc_trim (0);
  g_mutex_lock (&b->lock);
  b->memory_in_flight -= cost;
  b->in_flight_images--;
  g_cond_broadcast (&b->memory_cond);
  g_mutex_unlock (&b->lock);
}

static gboolean
ensure_parent (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int e = errno;

      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_IO, _("%s: cannot create the folder: %s"), dir, g_strerror (e));
      return FALSE;
    }
  return TRUE;
}

static void
report_item (Batch *b, const Item *item, const SvgaiResult *result, const GError *error, double ms)
{
  g_autoptr(JsonBuilder) json = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *line = NULL;
  gboolean cancelled = error && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  const char *status = result ? "ok" : cancelled ? "cancelled" : "failed";

  json_builder_begin_object (json);
  json_builder_set_member_name (json, "input");
  json_builder_add_string_value (json, item->input);
  json_builder_set_member_name (json, "output");
  if (result)
    json_builder_add_string_value (json, item->output);
  else
    json_builder_add_null_value (json);
  json_builder_set_member_name (json, "status");
  json_builder_add_string_value (json, status);
  json_builder_set_member_name (json, "time_ms");
  json_builder_add_double_value (json, round (ms * 100) / 100);
  if (result)
    svgai_report_add_result (json, result);
  json_builder_set_member_name (json, "error");
  if (error)
    json_builder_add_string_value (json, error->message);
  else
    json_builder_add_null_value (json);
  json_builder_end_object (json);
  root = json_builder_get_root (json);
  line = json_to_string (root, FALSE);

  g_mutex_lock (&b->lock);
  if (cancelled)
    b->cancelled++;
  else
    {
      b->done++;
      if (result)
        {
          b->ok++;
          if (result->measured)
            b->ssim_sum += result->quality.ssim;
        }
      else
        b->failed++;
    }
  if (b->report)
    {
      fprintf (b->report, "%s\n", line);
      fflush (b->report);
    }
  if (!cancelled && !b->quiet)
    {
      if (error)
        {
          g_autofree char *msg = g_strdup_printf ("svg-ai-cli: %s", error->message);

          print_line (b, msg);
        }
      else if (!b->tty)
        {
          g_autofree char *msg = g_strdup_printf ("[%u/%u] %s → %s (%.0f ms)", b->done, b->items->len,
                                                  item->input, item->output, ms);

          print_line (b, msg);
        }
    }
  else if (error && !cancelled)
    fprintf (stderr, "svg-ai-cli: %s\n", error->message);
  g_mutex_unlock (&b->lock);
}

static void
process_item (Batch *b, const Item *item)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SvgaiResult) result = NULL;
  gint64 t0 = g_get_monotonic_time ();
  guint64 cost;

  if (item->output == NULL)
    {
      g_set_error (&error, SVGAI_ERROR, SVGAI_ERROR_INVALID, _("%s: its SVG would overwrite that of %s"),
                   item->input, item->collision);
      report_item (b, item, NULL, error, 0);
      return;
    }
  cost = b->memory_budget ? estimate_bytes (item->input) : 0;
  if (!memory_acquire (b, cost))
    return;                             /* stopped while waiting: not started */

  result = svgai_pipeline_run_file (item->input, &b->load, &b->run, NULL, b->cancellable, &error);
  memory_release (b, cost);
  /* Stopped during the conversion: write nothing, even if it finished. */
  if (result && g_cancellable_set_error_if_cancelled (b->cancellable, &error))
    g_clear_pointer (&result, svgai_result_unref);
  if (result)
    {
      WriteJob *job = g_new0 (WriteJob, 1);

      job->item = item;
      job->result = g_steal_pointer (&result);
      job->t0 = t0;
      g_mutex_lock (&b->lock);
      while (b->pending_writes >= MAX_PENDING_WRITES)
        g_cond_wait (&b->writes_cond, &b->lock);
      b->pending_writes++;
      g_queue_push_tail (&b->writes, job);
      g_cond_signal (&b->writes_ready);
      g_mutex_unlock (&b->lock);
      return;
    }
  report_item (b, item, NULL, error, (g_get_monotonic_time () - t0) / 1000.0);
}

/* Writes converted SVGs (atomically: a temporary file, fsync, rename) and
 * reports them. Jobs queued before an interruption are still written: they
 * are whole, and the report lists them as done. */
static WriteJob *
next_write (Batch *b)
{
  WriteJob *job;

  g_mutex_lock (&b->lock);
  while (g_queue_is_empty (&b->writes))
    g_cond_wait (&b->writes_ready, &b->lock);
  job = g_queue_pop_head (&b->writes);
  g_mutex_unlock (&b->lock);
  return job;
}

static void
queue_write_end (Batch *b)
{
  g_mutex_lock (&b->lock);
  g_queue_push_tail (&b->writes, g_new0 (WriteJob, 1));
  g_cond_signal (&b->writes_ready);
  g_mutex_unlock (&b->lock);
}

static gpointer
writer (gpointer data)
{
  Batch *b = data;
  WriteJob *job;

  while ((job = next_write (b))->item != NULL)
    {
      g_autoptr(GError) error = NULL;
      SvgaiResult *result = job->result;
      const Item *item = job->item;
      gsize len;
      const char *svg = g_bytes_get_data (result->svg, &len);
      SvgaiPerfScope scope = svgai_perf_scope_begin (NULL, "save");

      if (!ensure_parent (item->output, &error) ||
          !svgai_write_file_atomic (item->output, svg, len, item->input, &error))
        g_clear_pointer (&result, svgai_result_unref);
      svgai_perf_scope_end (&scope);
      report_item (b, item, result, error, (g_get_monotonic_time () - job->t0) / 1000.0);
      g_clear_pointer (&result, svgai_result_unref);
      g_free (job);

      g_mutex_lock (&b->lock);
      b->pending_writes--;
      g_cond_signal (&b->writes_cond);
      g_mutex_unlock (&b->lock);
    }
  g_free (job);
  return NULL;
}

static gboolean
quit_idle (gpointer data)
{
  Batch *b = data;

  g_main_loop_quit (b->loop);
  return G_SOURCE_REMOVE;
}

static gpointer
worker (gpointer data)
{
  Batch *b = data;

  /* Parallel over images already: one thread per image, none inside it. */
  svgai_threads_set_limit (1);
  while (!g_atomic_int_get (&b->stop))
    {
      guint i = (guint) g_atomic_int_add (&b->next, 1);

      if (i >= b->items->len)
        break;
      process_item (b, g_ptr_array_index (b->order, i));
    }
  if (g_atomic_int_dec_and_test (&b->workers_left))
    g_idle_add (quit_idle, b);
  return NULL;
}

static gboolean
on_signal (gpointer data)
{
  Batch *b = data;

  g_mutex_lock (&b->lock);
  if (!g_atomic_int_get (&b->stop))
    print_line (b, "svg-ai-cli: interrupted: finishing nothing new, cancelling what runs (no partial files)");
  g_atomic_int_set (&b->stop, 1);
  g_cond_broadcast (&b->memory_cond);
  g_mutex_unlock (&b->lock);
  g_cancellable_cancel (b->cancellable);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_tick (gpointer data)
{
  Batch *b = data;

  g_mutex_lock (&b->lock);
  draw_bar (b);
  g_mutex_unlock (&b->lock);
  return G_SOURCE_CONTINUE;
}

/* The process-wide state the workers share, set up once before they start
 * rather than by whichever worker comes first: the type system (JSON),
 * the image loaders, the models and the caches. */
static void
init_shared_state (void)
{
  g_autoptr(GError) error = NULL;
  GSList *formats;

  g_type_ensure (JSON_TYPE_PARSER);
  g_type_ensure (JSON_TYPE_BUILDER);
  formats = gdk_pixbuf_get_formats ();
  g_slist_free (formats);
  if (!svgai_models_ensure (&error))
    g_debug ("models: %s", error->message);   /* the pipeline says it once */
  svgai_feature_cache_get_default ();
  svgai_result_cache_get_default ();
  svgai_perf_get_default ();
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

static void
write_summary (Batch *b, gboolean interrupted)
{
  g_autoptr(JsonBuilder) json = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(SvgaiPerfSummary) perf = svgai_perf_get_summary (NULL);
  g_autofree char *line = NULL;
  double t = elapsed_s (b);
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
  root = json_builder_get_root (json);
  line = json_to_string (root, FALSE);
  if (b->report)
    {
      fprintf (b->report, "%s\n", line);
      fflush (b->report);
    }

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

int
svgai_cli_batch (int argc, char **argv)
{
  g_auto(GStrv) inputs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("INPUT… — convert many images in parallel"));
  g_autofree char *output_dir = NULL, *tier = NULL, *report_path = NULL, *shard_text = NULL;
  int jobs = 0;
  gint64 max_memory = 0, max_pixels = 0;
  double time_limit = 0;
  gboolean recursive = FALSE, no_cache = FALSE, no_monitor = FALSE, list = FALSE, quiet = FALSE;
  guint shard = 0, n_shards = 1;
  Batch b = { 0 };
  GThread **threads;
  gboolean interrupted;
  guint sigint_id, sigterm_id, tick_id = 0;
  GOptionEntry entries[] = {
    { "output-dir", 'd', 0, G_OPTION_ARG_FILENAME, &output_dir, N_("Write the SVGs into DIR (required); files found in a folder keep their sub-folders"), "DIR" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, N_("Convert N images at once (default: the number of cores)"), "N" },
    { "recursive", 'r', 0, G_OPTION_ARG_NONE, &recursive, N_("Also look into the sub-folders of folder inputs"), NULL },
    { "tier", 0, 0, G_OPTION_ARG_STRING, &tier, N_("fast, balanced (default) or quality"), "T" },
    { "time-limit", 0, 0, G_OPTION_ARG_DOUBLE, &time_limit, N_("Seconds the quality tier may spend per image (default 5)"), "S" },
    { "report", 0, 0, G_OPTION_ARG_FILENAME, &report_path, N_("Write one JSON line per image and a final summary line to FILE"), "FILE.jsonl" },
    { "shard", 0, 0, G_OPTION_ARG_STRING, &shard_text, N_("Take only every N-th file of the sorted input list, starting at the I-th (0 ≤ I < N)"), "I/N" },
    { "max-memory", 0, 0, G_OPTION_ARG_INT64, &max_memory, N_("Start no image while the estimated memory in use would exceed MB"), "MB" },
    { "max-pixels", 0, 0, G_OPTION_ARG_INT64, &max_pixels, N_("Refuse images over N pixels (default 64000000)"), "N" },
    { "no-cache", 0, 0, G_OPTION_ARG_NONE, &no_cache, N_("Neither read nor write the feature cache"), NULL },
    { "no-monitor", 0, 0, G_OPTION_ARG_NONE, &no_monitor, N_("Turn the performance monitor off (to measure what it costs)"), NULL },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, N_("Print the files this run (and shard) would convert, and exit"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print nothing but errors"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &inputs, NULL, "INPUT…" },
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
  if (!svgai_cli_parse_options (ctx, argc, argv))
    return SVGAI_EXIT_USAGE;
  if (inputs == NULL || inputs[0] == NULL)
    {
      svgai_cli_error (_("batch: no input (try 'svg-ai-cli batch --help')"));
      return SVGAI_EXIT_USAGE;
    }
  if (output_dir == NULL && !list)
    {
      svgai_cli_error (_("batch: give the output folder with -d DIR"));
      return SVGAI_EXIT_USAGE;
    }
  if (jobs < 0 || jobs > 256)
    {
      svgai_cli_error (_("--jobs must be between 1 and 256"));
      return SVGAI_EXIT_USAGE;
    }
  if (shard_text && !parse_shard (shard_text, &shard, &n_shards))
    {
      svgai_cli_error (_("--shard must be I/N with 0 ≤ I < N, e.g. 0/4, not '%s'"), shard_text);
      return SVGAI_EXIT_USAGE;
    }
  if (max_memory < 0 || max_pixels < 0 || time_limit < 0 || !isfinite (time_limit))
    {
      svgai_cli_error (_("--max-memory, --max-pixels and --time-limit must be positive"));
      return SVGAI_EXIT_USAGE;
    }

  svgai_pipeline_options_init (&b.run);
  if (tier)
    {
      SvgaiTier t;

      if (!svgai_tier_from_string (tier, &t))
        {
          svgai_cli_error (_("--tier must be fast, balanced or quality, not '%s'"), tier);
          return SVGAI_EXIT_USAGE;
        }
      b.run.tier = t;
    }
  b.run.time_limit_s = time_limit;
  b.run.use_cache = !no_cache;
  b.run.cache_results = FALSE;
  b.load.max_pixels = (guint64) max_pixels;
  if (no_monitor)
    svgai_perf_set_enabled (NULL, FALSE);

  b.items = plan_items (inputs, recursive, output_dir ? output_dir : ".", shard, n_shards, &error);
  if (b.items == NULL)
    {
      svgai_cli_error ("%s", error->message);
      return SVGAI_EXIT_FAILED;
    }
  if (list)
    {
      for (guint i = 0; i < b.items->len; i++)
        printf ("%s\n", ((Item *) b.items->pdata[i])->input);
      g_ptr_array_unref (b.items);
      return SVGAI_EXIT_OK;
    }
  if (g_mkdir_with_parents (output_dir, 0755) != 0)
    {
      int e = errno;

      svgai_cli_error (_("%s: cannot create the output folder: %s"), output_dir, g_strerror (e));
      g_ptr_array_unref (b.items);
      return SVGAI_EXIT_FAILED;
    }
  if (report_path)
    {
      b.report = fopen (report_path, "we");
      if (b.report == NULL)
        {
          int e = errno;

          svgai_cli_error (_("%s: cannot write the report: %s"), report_path, g_strerror (e));
          g_ptr_array_unref (b.items);
          return SVGAI_EXIT_FAILED;
        }
    }

  b.output_dir = output_dir;
  b.order = order_largest_first (b.items);
  b.workers = jobs > 0 ? jobs : (int) g_get_num_processors ();
  b.workers = MAX (1, MIN (b.workers, (int) MAX (b.items->len, 1)));
  b.quiet = quiet;
  b.tty = isatty (STDERR_FILENO) && !quiet;
  if (max_memory > 0)
    {
      guint64 ceiling = (guint64) max_memory << 20;
      guint64 base = svgai_memory_rss () + PROCESS_ALLOWANCE;

      /* What the process holds before any image counts against the ceiling. */
      b.memory_budget = ceiling > base ? ceiling - base : 1;
      b.memory_ceiling = ceiling;
    }
  b.cancellable = g_cancellable_new ();
  g_mutex_init (&b.lock);
  g_cond_init (&b.memory_cond);
  b.loop = g_main_loop_new (NULL, FALSE);
  b.start_us = g_get_monotonic_time ();
  b.workers_left = b.workers;

  init_shared_state ();
  sigint_id = g_unix_signal_add (SIGINT, on_signal, &b);
  sigterm_id = g_unix_signal_add (SIGTERM, on_signal, &b);
  if (b.tty)
    {
      tick_id = g_timeout_add (100, on_tick, &b);
      on_tick (&b);
    }

  g_queue_init (&b.writes);
  g_cond_init (&b.writes_cond);
  g_cond_init (&b.writes_ready);
  for (int i = 0; i < N_WRITERS; i++)
    b.writers[i] = g_thread_new ("svgai-save", writer, &b);
  threads = g_new0 (GThread *, b.workers);
  if (b.items->len == 0)
    g_idle_add (quit_idle, &b);
  else
    for (int i = 0; i < b.workers; i++)
      threads[i] = g_thread_new ("svgai-batch", worker, &b);
  g_main_loop_run (b.loop);
  for (int i = 0; i < b.workers; i++)
    if (threads[i])
      g_thread_join (threads[i]);
  g_free (threads);
  for (int i = 0; i < N_WRITERS; i++)
    queue_write_end (&b);
  for (int i = 0; i < N_WRITERS; i++)
    g_thread_join (b.writers[i]);
  g_cond_clear (&b.writes_cond);
  g_cond_clear (&b.writes_ready);

  if (tick_id)
    {
      g_source_remove (tick_id);
      on_tick (&b);
      fputc ('\n', stderr);
    }
  interrupted = g_atomic_int_get (&b.stop);
  write_summary (&b, interrupted);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  if (b.report)
    fclose (b.report);
  g_main_loop_unref (b.loop);
  g_object_unref (b.cancellable);
  g_mutex_clear (&b.lock);
  g_cond_clear (&b.memory_cond);
  {
    int status = interrupted ? EXIT_INTERRUPTED : b.failed ? SVGAI_EXIT_FAILED : SVGAI_EXIT_OK;

    g_ptr_array_unref (b.order);
    g_ptr_array_unref (b.items);
    return status;
  }
}
