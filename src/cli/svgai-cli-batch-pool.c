/* svg-ai-cli batch's pool.
 *
 * Workers (threads) take the next file of the plan; each decodes one image
 * at a time, so at most N images are decoded at once, and with
 * --max-memory a worker also waits until the image's estimated working set
 * fits under the ceiling. Two writer threads save the SVGs (each write
 * waits for fsync) while the workers go on converting. The main thread runs
 * a main loop for the progress display and for SIGINT/SIGTERM: the first
 * stops the batch (nothing new is started, running conversions are
 * cancelled, nothing half-written is left: every SVG is written to a
 * temporary file and renamed). */
#include "svgai-config.h"

#include <glib/gi18n.h>

#include <errno.h>
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <glib-unix.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include "svgai-cli-batch.h"

/* Working set of one conversion: the engine's estimate for its size (the
 * one the loader checks the memory budget with, for one tracing thread),
 * plus a fixed part. */
#define BYTES_PER_IMAGE (2u << 20)
/* What the process itself grows by once running (models, per-thread
 * scratch arenas, allocator slack), counted against --max-memory. */
#define PROCESS_ALLOWANCE (4u << 20)

double
batch_elapsed_s (Batch *b)
{
  return (g_get_monotonic_time () - b->start_us) / 1e6;
}

/* Called with b->lock held. */
static void
draw_bar (Batch *b)
{
  guint total = b->items->len;
  double t = batch_elapsed_s (b);
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
void
batch_print_line (Batch *b, const char *text)
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
  return svgai_limits_estimate_file_bytes (path) + BYTES_PER_IMAGE;
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
         (b->memory_in_flight + cost > b->memory_budget || svgai_memory_rss () + cost > b->memory_ceiling) &&
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
  /* A result with an error was written but does not resemble its source. */
  const char *status = cancelled ? "cancelled" : error ? "failed" : "ok";

  json_builder_begin_object (json);
  json_builder_set_member_name (json, "input");
  svgai_cli_json_add_text (json, item->input);
  json_builder_set_member_name (json, "output");
  if (result)
    svgai_cli_json_add_text (json, item->output);
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
    svgai_cli_json_add_text (json, error->message);
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
      if (result && error == NULL)
        {
          b->ok++;
          if (svgai_result_get_quality (result) != NULL)
            b->ssim_sum += svgai_result_get_quality (result)->ssim;
        }
      else
        b->failed++;
    }
  if (b->report && (fprintf (b->report, "%s\n", line) < 0 || fflush (b->report) != 0) && b->report_errno == 0)
    b->report_errno = errno ? errno : EIO;
  if (!cancelled && !b->quiet)
    {
      if (error)
        {
          g_autofree char *msg = g_strdup_printf ("svg-ai-cli: %s", error->message);

          batch_print_line (b, msg);
        }
      else if (!b->tty)
        {
          g_autofree char *msg = g_strdup_printf ("[%u/%u] %s → %s (%.0f ms)", b->done, b->items->len,
                                                  item->input, item->output, ms);

          batch_print_line (b, msg);
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

  if (item->error != NULL || item->output == NULL)
    {
      if (item->error)
        g_set_error_literal (&error, SVGAI_ERROR, SVGAI_ERROR_INVALID, item->error);
      else
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
      const char *svg = g_bytes_get_data (svgai_result_get_svg (result), &len);
      SvgaiPerfScope scope = svgai_perf_scope_begin (NULL, "save");

      if (!ensure_parent (item->output, &error) ||
          !svgai_write_file_atomic (item->output, svg, len, item->input, &error))
        g_clear_pointer (&result, svgai_result_unref);
      else
        svgai_result_check_resemblance (result, item->input, &error);
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

/* The grace time after Ctrl+C is over and some conversion still runs
 * (potrace cannot be stopped inside a layer): leave it, so that the batch
 * stops within a second; the writers still finish what is queued. */
static gboolean
on_grace_over (gpointer data)
{
  Batch *b = data;

  if (g_atomic_int_get (&b->workers_left) > 0)
    {
      b->abandoned = TRUE;
      g_main_loop_quit (b->loop);
    }
  return G_SOURCE_REMOVE;
}

static gboolean
on_signal (gpointer data)
{
  Batch *b = data;

  g_mutex_lock (&b->lock);
  if (!g_atomic_int_get (&b->stop))
    g_timeout_add (INTERRUPT_GRACE_MS, on_grace_over, b);
  if (!g_atomic_int_get (&b->stop))
    batch_print_line (b, "svg-ai-cli: interrupted: finishing nothing new, cancelling what runs (no partial files)");
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
  if (!svgai_init (&error))
    g_debug ("models: %s", error->message);   /* the pipeline says it once */
}

static void
start_writers (Batch *b)
{
  g_queue_init (&b->writes);
  g_cond_init (&b->writes_cond);
  g_cond_init (&b->writes_ready);
  for (int i = 0; i < N_WRITERS; i++)
    b->writers[i] = g_thread_new ("svgai-save", writer, b);
}

/* Ends the writers once the queue holds no more work. */
static void
stop_writers (Batch *b)
{
  for (int i = 0; i < N_WRITERS; i++)
    queue_write_end (b);
  for (int i = 0; i < N_WRITERS; i++)
    g_thread_join (b->writers[i]);
  g_cond_clear (&b->writes_cond);
  g_cond_clear (&b->writes_ready);
}

static void
run_workers (Batch *b)
{
  GThread **threads = g_new0 (GThread *, b->workers);

  if (b->items->len == 0)
    g_idle_add (quit_idle, b);
  else
    for (int i = 0; i < b->workers; i++)
      threads[i] = g_thread_new ("svgai-batch", worker, b);
  g_main_loop_run (b->loop);
  /* Left running when abandoned: the process ends before they do. They
   * are let go (detached) rather than joined, so that those which have
   * finished are no thread left unjoined at the exit (ThreadSanitizer
   * reported them when Ctrl+C came during a long trace). */
  for (int i = 0; i < b->workers; i++)
    if (threads[i] && !b->abandoned)
      g_thread_join (threads[i]);
    else if (threads[i])
      g_thread_unref (threads[i]);
  g_free (threads);
}

void
batch_run_pool (Batch *b)
{
  guint sigint_id, sigterm_id, tick_id = 0;

  b->cancellable = g_cancellable_new ();
  g_mutex_init (&b->lock);
  g_cond_init (&b->memory_cond);
  b->loop = g_main_loop_new (NULL, FALSE);
  b->start_us = g_get_monotonic_time ();
  b->workers_left = b->workers;

  init_shared_state ();
  sigint_id = g_unix_signal_add (SIGINT, on_signal, b);
  sigterm_id = g_unix_signal_add (SIGTERM, on_signal, b);
  if (b->tty)
    {
      tick_id = g_timeout_add (100, on_tick, b);
      on_tick (b);
    }
  start_writers (b);
  run_workers (b);
  stop_writers (b);
  if (tick_id)
    {
      g_source_remove (tick_id);
      on_tick (b);
      fputc ('\n', stderr);
    }
  b->interrupted = g_atomic_int_get (&b->stop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  /* Abandoned workers still use the lock, the loop and the cancellable. */
  if (b->abandoned)
    return;
  g_main_loop_unref (b->loop);
  g_clear_object (&b->cancellable);
  g_mutex_clear (&b->lock);
  g_cond_clear (&b->memory_cond);
}
