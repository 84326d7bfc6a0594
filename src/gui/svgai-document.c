#include "svgai-config.h"
#include "svgai-document.h"

#include <glib/gi18n.h>
#include <math.h>

/* Background documents convert this many at a time; the shown one never waits. */
#define MAX_BACKGROUND_JOBS 1

struct _SvgaiDocument
{
  GObject parent_instance;

  GFile *file;
  GBytes *bytes;               /* pasted images have no file */
  char *name;
  SvgaiTier tier;
  double time_limit;

  SvgaiDocumentState state;
  char *status;
  double progress;
  GError *error;

  SvgaiJobOutput *output;
  gboolean user_params_set;
  SvgaiParams user_params;
  /* The optimizer's choice in the last run that searched: "automatic". */
  gboolean have_auto_params;
  SvgaiParams auto_params;

  SvgaiRecolorMap recolor;     /* the designer's recolours, kept across re-traces */
  GCancellable *recoloring;    /* a recolour in progress */

  GCancellable *cancellable;   /* the running job's, NULL when idle */
  gboolean running;
  gboolean queued;
  gboolean active;
  gboolean needs_analysis;
  guint n_results;

  /* Undo: the parameter states before each change (UndoState). */
  GArray *undo;
  GArray *redo;
  gint64 last_push_us;
  const char *last_changed;    /* the one spec name the last change moved */

  /* Where the user last saved this image's SVG, and the file's etag then. */
  GFile *saved_file;
  char *saved_etag;
};

typedef struct {
  gboolean user_set;
  SvgaiParams params;
  SvgaiRecolorMap recolor;
} UndoState;

/* Steps of one dragged or typed parameter closer than this merge into one. */
#define UNDO_MERGE_US (700 * 1000)

G_DEFINE_FINAL_TYPE (SvgaiDocument, svgai_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_STATE,
  PROP_STATUS,
  PROP_PROGRESS,
  PROP_THUMBNAIL,
  N_PROPS
};

enum {
  SIGNAL_RESULT,
  SIGNAL_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The queue of background documents waiting for a worker. */
static GQueue pending = G_QUEUE_INIT;
static guint n_background_running;
static guint n_cancelled_jobs;
static guint n_trace_jobs;

static void run_job (SvgaiDocument *self);

static void
set_state (SvgaiDocument *self, SvgaiDocumentState state, const char *status, double progress)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (g_strcmp0 (self->status, status) != 0)
    {
      g_free (self->status);
      self->status = g_strdup (status);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (self->progress != progress)
    {
      self->progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_done_status (SvgaiDocument *self)
{
  g_autofree char *status = NULL;
  SvgaiResult *r = self->output ? self->output->result : NULL;
  const SvgaiQuality *quality = r ? svgai_result_get_quality (self->output->traced) : NULL;

  if (r == NULL)
    return;
  if (quality != NULL)
    status = g_strdup_printf (_("Match %.1f %% · %.1f kB"),
                              quality->ssim >= 1.0 ? 100.0 : MIN (floor (quality->ssim * 1000.0) / 10.0, 99.9),
                              g_bytes_get_size (svgai_result_get_svg (r)) / 1000.0);
  else
    status = g_strdup_printf (_("%u paths"), svgai_result_get_n_paths (r));
  set_state (self, SVGAI_DOCUMENT_DONE, status, 1.0);
}

/* Documents shown lately keep their pixels and textures, so that showing
 * one again is immediate, with no reload (issue 15): the last
 * MAX_KEPT_DOCUMENTS within KEPT_BYTES, and the latest whatever its size.
 * The others keep a slim result (memory stays flat however many are open)
 * and reload their pixels when shown; their SVG is never traced again. */
#define MAX_KEPT_DOCUMENTS 8
#define KEPT_BYTES (G_GUINT64_CONSTANT (32) << 20)
static GQueue kept = G_QUEUE_INIT;    /* most recently shown first; not referenced */

static void drop_heavy_data (SvgaiDocument *self);

/* The image and its three textures, 4 bytes a pixel each. */
static guint64
heavy_bytes (SvgaiDocument *self)
{
  const SvgaiImage *image = self->output ? self->output->image : NULL;

  return image ? (guint64) image->width * image->height * 16 : 0;
}

static void
keep_heavy_data (SvgaiDocument *self)
{
  guint64 total = 0;
  guint n = 0;

  g_queue_remove (&kept, self);
  g_queue_push_head (&kept, self);
  for (GList *l = kept.head, *next; l != NULL; l = next)
    {
      SvgaiDocument *doc = l->data;

      next = l->next;
      total += heavy_bytes (doc);
      if (l != kept.head && (++n >= MAX_KEPT_DOCUMENTS || total > KEPT_BYTES))
        {
          g_queue_delete_link (&kept, l);
          drop_heavy_data (doc);
        }
    }
}

static void
drop_heavy_data (SvgaiDocument *self)
{
  if (self->active || self->output == NULL || self->output->image == NULL || self->running ||
      g_queue_find (&kept, self) != NULL)
    return;
  {
    SvgaiJobOutput *slim = svgai_job_output_new_slim (self->output);

    svgai_job_output_unref (self->output);
    self->output = slim;
  }
}

static void
pump_queue (void)
{
  while (n_background_running < MAX_BACKGROUND_JOBS && !g_queue_is_empty (&pending))
    {
      SvgaiDocument *doc = g_queue_pop_head (&pending);

      doc->queued = FALSE;
      n_background_running++;
      doc->running = TRUE;
      run_job (doc);
      g_object_unref (doc);
    }
}

static void
dequeue (SvgaiDocument *self)
{
  if (self->queued)
    {
      self->queued = FALSE;
      if (g_queue_remove (&pending, self))
        g_object_unref (self);
    }
}

static void
on_progress (GObject *target, SvgaiStage stage, SvgaiJobOutput *provisional, gpointer token)
{
  SvgaiDocument *self = SVGAI_DOCUMENT (target);

  if (token != self->cancellable)
    return;

  if (provisional != NULL)
    {
      g_clear_pointer (&self->output, svgai_job_output_unref);
      self->output = svgai_job_output_ref (provisional);
      self->n_results++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THUMBNAIL]);
      g_signal_emit (self, signals[SIGNAL_RESULT], 0, TRUE);
      set_state (self, SVGAI_DOCUMENT_OPTIMIZING, _("Optimizing…"), 0.7);
      return;
    }

  /* After a quick first result everything left is the optimizer's search. */
  if (self->output != NULL && svgai_result_is_provisional (self->output->result))
    {
      set_state (self, SVGAI_DOCUMENT_OPTIMIZING, _("Optimizing…"), 0.8);
      return;
    }

  switch (stage)
    {
    case SVGAI_STAGE_LOAD:
      set_state (self, SVGAI_DOCUMENT_LOADING, _("Loading…"), 0.1);
      break;
    case SVGAI_STAGE_FEATURES:
    case SVGAI_STAGE_CLASSIFY:
      set_state (self, SVGAI_DOCUMENT_ANALYZING, _("Analysing…"), 0.25);
      break;
    case SVGAI_STAGE_OPTIMIZE:
      set_state (self, SVGAI_DOCUMENT_OPTIMIZING, _("Optimizing…"), 0.5);
      break;
    default:
      if (self->state != SVGAI_DOCUMENT_OPTIMIZING || self->output == NULL)
        set_state (self, SVGAI_DOCUMENT_TRACING, _("Tracing…"), 0.6);
      break;
    }
}

static void
job_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(SvgaiDocument) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SvgaiJobOutput) output = svgai_job_run_finish (res, &error);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (res));
  gboolean current = cancellable == self->cancellable;
  const SvgaiParams *auto_params;

  if (!current)
    return; /* replaced by a newer job, which does the bookkeeping */

  self->running = FALSE;
  g_clear_object (&self->cancellable);

  if (output != NULL)
    {
      g_clear_pointer (&self->output, svgai_job_output_unref);
      self->output = g_steal_pointer (&output);
      /* Runs with decided parameters skip the optimizer: its choice stays
       * the one of the last run that searched, and until a run has,
       * "Reset to automatic" still has to search. */
      auto_params = svgai_result_get_auto_params (self->output->result);
      if (auto_params != NULL)
        {
          self->auto_params = *auto_params;
          self->have_auto_params = TRUE;
          self->needs_analysis = FALSE;
        }
      g_clear_error (&self->error);
      self->n_results++;
      set_done_status (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THUMBNAIL]);
      g_signal_emit (self, signals[SIGNAL_RESULT], 0, FALSE);
      drop_heavy_data (self);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *status = svgai_document_error_reason (self, error);

      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
      set_state (self, SVGAI_DOCUMENT_FAILED, status, 1.0);
      g_signal_emit (self, signals[SIGNAL_FAILED], 0, self->error);
    }
}

static void
background_job_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_assert (n_background_running > 0);
  n_background_running--;
  job_done (source, res, user_data);
  pump_queue ();
}

static void
run_job (SvgaiDocument *self)
{
  SvgaiJobRequest *req = svgai_job_request_new ();
  gboolean background = !self->active;
  SvgaiJobOutput *out = self->output;

  if (out != NULL && out->image != NULL)
    svgai_job_request_set_image (req, out);
  else
    {
      req->file = self->file ? g_object_ref (self->file) : NULL;
      req->bytes = self->bytes ? g_bytes_ref (self->bytes) : NULL;
    }
  req->name = g_strdup (self->name);
  req->tier = self->tier;
  req->time_limit = self->time_limit;
  req->background = background;
  req->recolor = self->recolor;
  n_trace_jobs++;

  /* The features come from the engine's cache; the optimizer runs only
   * when nobody has decided the parameters yet. */
  if (self->user_params_set)
    {
      req->fixed = TRUE;
      req->params = self->user_params;
    }
  else if (!self->needs_analysis && self->have_auto_params)
    {
      req->fixed = TRUE;
      req->params = self->auto_params;
    }
  else
    req->progressive = TRUE;

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running = TRUE;
  if (self->state == SVGAI_DOCUMENT_QUEUED || self->state == SVGAI_DOCUMENT_FAILED || out == NULL)
    set_state (self, SVGAI_DOCUMENT_LOADING, _("Loading…"), 0.05);
  svgai_job_run_async (req, G_OBJECT (self), on_progress, self->cancellable,
                       background ? background_job_done : job_done,
                       g_object_ref (self));
}

/* Cancels what runs and starts anew: now if shown, else through the queue. */
static void
restart (SvgaiDocument *self)
{
  if (self->cancellable != NULL && self->running)
    n_cancelled_jobs++;
  if (self->recoloring != NULL)
    g_cancellable_cancel (self->recoloring);
  g_clear_object (&self->recoloring);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->running = FALSE;

  if (self->active)
    {
      dequeue (self);
      run_job (self);
    }
  else if (!self->queued)
    {
      self->queued = TRUE;
      g_queue_push_tail (&pending, g_object_ref (self));
      if (self->output == NULL)
        set_state (self, SVGAI_DOCUMENT_QUEUED, _("Waiting…"), 0.0);
      pump_queue ();
    }
}

static void
svgai_document_dispose (GObject *object)
{
  SvgaiDocument *self = SVGAI_DOCUMENT (object);

  g_queue_remove (&kept, self);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->recoloring)
    g_cancellable_cancel (self->recoloring);
  g_clear_object (&self->recoloring);
  g_clear_pointer (&self->output, svgai_job_output_unref);
  G_OBJECT_CLASS (svgai_document_parent_class)->dispose (object);
}

static void
svgai_document_finalize (GObject *object)
{
  SvgaiDocument *self = SVGAI_DOCUMENT (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->name);
  g_free (self->status);
  g_clear_error (&self->error);
  g_clear_pointer (&self->undo, g_array_unref);
  g_clear_pointer (&self->redo, g_array_unref);
  g_clear_object (&self->saved_file);
  g_free (self->saved_etag);
  G_OBJECT_CLASS (svgai_document_parent_class)->finalize (object);
}

static void
svgai_document_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SvgaiDocument *self = SVGAI_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_STATE: g_value_set_int (value, self->state); break;
    case PROP_STATUS: g_value_set_string (value, self->status); break;
    case PROP_PROGRESS: g_value_set_double (value, self->progress); break;
    case PROP_THUMBNAIL: g_value_set_object (value, svgai_document_get_thumbnail (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
svgai_document_class_init (SvgaiDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = svgai_document_dispose;
  object_class->finalize = svgai_document_finalize;
  object_class->get_property = svgai_document_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, 0, SVGAI_DOCUMENT_FAILED, 0,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0, 1, 0,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_THUMBNAIL] = g_param_spec_object ("thumbnail", NULL, NULL, GDK_TYPE_TEXTURE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* result (gboolean provisional): a new SVG is ready. */
  signals[SIGNAL_RESULT] = g_signal_new ("result", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /* failed (GError*): the conversion failed; the message names the file. */
  signals[SIGNAL_FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
svgai_document_init (SvgaiDocument *self)
{
  self->needs_analysis = TRUE;
  self->status = g_strdup (_("Waiting…"));
  svgai_params_init_default (&self->user_params);
  self->undo = g_array_new (FALSE, FALSE, sizeof (UndoState));
  self->redo = g_array_new (FALSE, FALSE, sizeof (UndoState));
}

SvgaiDocument *
svgai_document_new_for_file (GFile *file, SvgaiTier tier, double time_limit)
{
  SvgaiDocument *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  self = g_object_new (SVGAI_TYPE_DOCUMENT, NULL);
  self->file = g_object_ref (file);
  self->name = g_file_get_basename (file);
  self->tier = tier;
  self->time_limit = time_limit;
  return self;
}

SvgaiDocument *
svgai_document_new_for_bytes (GBytes *bytes, const char *name, SvgaiTier tier, double time_limit)
{
  SvgaiDocument *self;

  g_return_val_if_fail (bytes != NULL, NULL);
  self = g_object_new (SVGAI_TYPE_DOCUMENT, NULL);
  self->bytes = g_bytes_ref (bytes);
  self->name = g_strdup (name);
  self->tier = tier;
  self->time_limit = time_limit;
  return self;
}

GFile *svgai_document_get_file (SvgaiDocument *self) { return self->file; }
const char *svgai_document_get_name (SvgaiDocument *self) { return self->name; }
SvgaiDocumentState svgai_document_get_state (SvgaiDocument *self) { return self->state; }
const char *svgai_document_get_status (SvgaiDocument *self) { return self->status; }
double svgai_document_get_progress (SvgaiDocument *self) { return self->progress; }
SvgaiJobOutput *svgai_document_get_output (SvgaiDocument *self) { return self->output; }
const GError *svgai_document_get_error (SvgaiDocument *self) { return self->error; }
SvgaiTier svgai_document_get_tier (SvgaiDocument *self) { return self->tier; }
guint svgai_document_get_n_results (SvgaiDocument *self) { return self->n_results; }

gboolean
svgai_document_is_busy (SvgaiDocument *self)
{
  return self->running || self->queued;
}

char *
svgai_document_get_export_name (SvgaiDocument *self)
{
  const char *dot = strrchr (self->name, '.');
  g_autofree char *stem = dot && dot != self->name ? g_strndup (self->name, dot - self->name)
                                                   : g_strdup (self->name);

  return g_strconcat (stem, ".svg", NULL);
}

GdkTexture *
svgai_document_get_thumbnail (SvgaiDocument *self)
{
  return self->output ? self->output->thumbnail : NULL;
}

GBytes *
svgai_document_get_svg (SvgaiDocument *self)
{
  return self->output ? svgai_result_get_svg (self->output->result) : NULL;
}

gboolean
svgai_document_get_params (SvgaiDocument *self, SvgaiParams *params, gboolean *user_set)
{
  if (user_set)
    *user_set = self->user_params_set;
  if (self->user_params_set)
    *params = self->user_params;
  else if (self->output)
    *params = *svgai_result_get_params (self->output->result);
  else if (self->have_auto_params)
    *params = self->auto_params;
  else
    {
      svgai_params_init_default (params);
      return FALSE;
    }
  return TRUE;
}

void
svgai_document_start (SvgaiDocument *self)
{
  if (self->output == NULL && !self->running && !self->queued)
    restart (self);
}

void
svgai_document_set_active (SvgaiDocument *self, gboolean active)
{
  if (self->active == active)
    return;
  self->active = active;
  if (active)
    {
      g_queue_remove (&kept, self);
      /* Shown: jump the queue, and reload what was dropped. */
      if (self->queued)
        {
          dequeue (self);
          run_job (self);
        }
      else if (!self->running && (self->output == NULL || self->output->image == NULL) &&
               self->state != SVGAI_DOCUMENT_FAILED)
        run_job (self);
    }
  else if (self->running)
    {
      /* Another image replaces this one on screen: its work goes back to
       * the queue, behind the shown image. */
      restart (self);
    }
  else if (self->output != NULL && self->output->image != NULL)
    keep_heavy_data (self);
}

/* The one spec parameter that differs between a and b, or NULL. */
static const char *
changed_param (const SvgaiParams *a, const SvgaiParams *b)
{
  guint n;
  const SvgaiParamSpec *specs = svgai_params_get_specs (&n);
  const char *name = NULL;

  if (a->layering != b->layering)
    return NULL;
  for (guint i = 0; i < n; i++)
    if (svgai_params_get (a, specs[i].name) != svgai_params_get (b, specs[i].name))
      {
        if (name != NULL)
          return NULL;
        name = specs[i].name;
      }
  return name;
}

/* Records the state before a change; merge: a run of changes to one
 * parameter (a drag, typed digits) becomes one step. */
static void
push_undo (SvgaiDocument *self, const char *changed)
{
  gint64 now = g_get_monotonic_time ();
  UndoState state = { self->user_params_set, self->user_params, self->recolor };

  g_array_set_size (self->redo, 0);
  if (changed != NULL && changed == self->last_changed && self->undo->len > 0 &&
      now - self->last_push_us < UNDO_MERGE_US)
    {
      self->last_push_us = now;
      return;
    }
  g_array_append_val (self->undo, state);
  self->last_push_us = now;
  self->last_changed = changed;
}

void
svgai_document_set_params (SvgaiDocument *self, const SvgaiParams *params)
{
  SvgaiParams before;

  if (self->user_params_set && svgai_params_equal (&self->user_params, params))
    return;
  svgai_document_get_params (self, &before, NULL);
  push_undo (self, changed_param (&before, params));
  self->user_params = *params;
  self->user_params_set = TRUE;
  restart (self);
}

static void recolor (SvgaiDocument *self);

/* Back to the optimizer's parameters and the colours as traced: one undo
 * step restores both. Recolours alone only paint again. */
void
svgai_document_reset_params (SvgaiDocument *self)
{
  gboolean params_set = self->user_params_set;

  if (!params_set && self->recolor.n == 0)
    return;
  push_undo (self, NULL);
  self->user_params_set = FALSE;
  memset (&self->recolor, 0, sizeof self->recolor);
  if (!params_set && !self->running && !self->queued && self->output != NULL && self->output->image != NULL)
    recolor (self);
  else
    restart (self);
}

static void
recolor_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(SvgaiDocument) self = user_data;
  g_autoptr(SvgaiJobOutput) output = svgai_job_recolor_finish (res, NULL);

  if (output == NULL || g_task_get_cancellable (G_TASK (res)) != self->recoloring)
    return;
  g_clear_object (&self->recoloring);
  g_clear_pointer (&self->output, svgai_job_output_unref);
  self->output = g_steal_pointer (&output);
  self->n_results++;
  set_done_status (self);
  g_signal_emit (self, signals[SIGNAL_RESULT], 0, FALSE);
}

/* Paints the current tracing with the recolour map: no tracing. */
static void
recolor (SvgaiDocument *self)
{
  if (self->recoloring)
    g_cancellable_cancel (self->recoloring);
  g_clear_object (&self->recoloring);
  self->recoloring = g_cancellable_new ();
  svgai_job_recolor_async (self->output, &self->recolor, self->recoloring, recolor_done, g_object_ref (self));
}

void
svgai_document_recolor (SvgaiDocument *self, const SvgaiColor *from, const SvgaiColor *to)
{
  SvgaiRecolorMap map = self->recolor;

  if (!svgai_recolor_map_set (&map, from, to) || svgai_recolor_map_equal (&map, &self->recolor))
    return;
  push_undo (self, NULL);
  self->recolor = map;
  /* A tracing on its way takes the new map with it when started again. */
  if (self->running || self->queued || self->output == NULL || self->output->image == NULL)
    restart (self);
  else
    recolor (self);
}

const SvgaiRecolorMap *svgai_document_get_recolor (SvgaiDocument *self) { return &self->recolor; }
guint svgai_document_get_n_trace_jobs (void) { return n_trace_jobs; }

static gboolean
step (SvgaiDocument *self, GArray *from, GArray *to)
{
  UndoState now = { self->user_params_set, self->user_params, self->recolor };
  UndoState state;
  gboolean same_params;

  if (from->len == 0)
    return FALSE;
  state = g_array_index (from, UndoState, from->len - 1);
  g_array_set_size (from, from->len - 1);
  g_array_append_val (to, now);
  self->last_changed = NULL;
  same_params = state.user_set == now.user_set && (!state.user_set || svgai_params_equal (&state.params, &now.params));
  self->user_params_set = state.user_set;
  if (state.user_set)
    self->user_params = state.params;
  self->recolor = state.recolor;
  /* A recolour's step paints again; a parameter's traces again. */
  if (same_params && !self->running && !self->queued && self->output != NULL && self->output->image != NULL)
    recolor (self);
  else
    restart (self);
  return TRUE;
}

gboolean svgai_document_undo (SvgaiDocument *self) { return step (self, self->undo, self->redo); }
gboolean svgai_document_redo (SvgaiDocument *self) { return step (self, self->redo, self->undo); }
gboolean svgai_document_can_undo (SvgaiDocument *self) { return self->undo->len > 0; }
gboolean svgai_document_can_redo (SvgaiDocument *self) { return self->redo->len > 0; }

void
svgai_document_set_saved (SvgaiDocument *self, GFile *file, const char *etag)
{
  g_set_object (&self->saved_file, file);
  g_free (self->saved_etag);
  self->saved_etag = g_strdup (etag);
}

GFile *svgai_document_get_saved_file (SvgaiDocument *self) { return self->saved_file; }
const char *svgai_document_get_saved_etag (SvgaiDocument *self) { return self->saved_etag; }

void
svgai_document_set_tier (SvgaiDocument *self, SvgaiTier tier)
{
  if (self->tier == tier)
    return;
  self->tier = tier;
  self->needs_analysis = TRUE;
  restart (self);
}

char *
svgai_document_error_reason (SvgaiDocument *self, const GError *error)
{
  g_autofree char *path = self->file ? g_file_get_path (self->file) : NULL;
  const char *message = error->message;

  /* "/a/b/logo.png: the file is truncated" → "the file is truncated" */
  if (path && g_str_has_prefix (message, path) && g_str_has_prefix (message + strlen (path), ": "))
    message += strlen (path) + 2;
  else if (g_str_has_prefix (message, self->name) && g_str_has_prefix (message + strlen (self->name), ": "))
    message += strlen (self->name) + 2;
  return g_strdup (message);
}

guint
svgai_document_get_n_cancelled_jobs (void)
{
  return n_cancelled_jobs;
}

void
svgai_document_cancel (SvgaiDocument *self)
{
  dequeue (self);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
}
