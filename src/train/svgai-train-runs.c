/* The traced runs: which images are traced with which parameter sets,
 * tracing them, and saving them beside the corpus. */

#include "svgai-train-private.h"

#include <math.h>
#include <stdlib.h>
#include "ai/svgai-optimizer.h"

/* The predictor's parameter sets are drawn from this grid. */
static const double grid_colors[] = { 0, 0, 2, 3, 4, 6, 8, 12, 16, 24, 32 };
static const double grid_speckle[] = { 0, 1, 2, 4, 8 };
static const double grid_smooth[] = { 0.6, 0.8, 1.0, 1.1, 1.2 };
static const double grid_tolerance[] = { 0.1, 0.2, 0.3, 0.4, 0.6 };
static const double grid_upsample[] = { 0, 0, 1, 2, 3, 4 };

#define PICK(r, a) ((a)[g_rand_int_range ((r), 0, G_N_ELEMENTS (a))])

static void
random_params (GRand *r, SvgaiParams *p)
{
  svgai_params_init_default (p);
  p->colors = (int) PICK (r, grid_colors);
  p->speckle = (int) PICK (r, grid_speckle);
  p->smooth = PICK (r, grid_smooth);
  p->tolerance = PICK (r, grid_tolerance);
  p->upsample = (int) PICK (r, grid_upsample);
}

typedef struct {
  const char *dir;
  GArray *items;
  Run *runs;
  guint runs_per_image;
  GCancellable *cancellable;
  gint done;
  gboolean verbose;
  guint total;
} RunJob;

static void
run_worker (gpointer data, gpointer user_data)
{
  RunJob *job = user_data;
  Run *runs = data;
  Item *it = &g_array_index (job->items, Item, runs[0].item);
  g_autofree char *png = g_strdup_printf ("%s/%s.png", job->dir, it->name);
  g_autoptr(SvgaiImage) image = svgai_image_new_from_file (png, NULL, NULL, NULL);
  int done;

  SvgaiPipelineOptions options;

  /* Each run traces the given parameters, measured, and leaves no trace in
   * the caches. */
  svgai_pipeline_options_init (&options);
  options.fixed = SVGAI_PARAM_ALL;
  options.use_cache = FALSE;
  /* Only the quick features (one pass): the runs need SSIM and bytes. */
  options.features_time_limit_ms = 1e-6;
  for (guint k = 0; k < job->runs_per_image && image; k++)
    {
      g_autoptr(SvgaiResult) res = NULL;

      if (g_cancellable_is_cancelled (job->cancellable))
        break;
      options.params = runs[k].params;
      res = svgai_pipeline_run (image, &options, job->cancellable, NULL);
      if (res)
        {
          runs[k].ssim = svgai_result_get_quality (res)->ssim;
          runs[k].bytes = g_bytes_get_size (svgai_result_get_svg (res));
          runs[k].ok = TRUE;
        }
    }
  done = g_atomic_int_add (&job->done, 1) + 1;
  if (job->verbose && done % 50 == 0)
    g_printerr ("train: traced %d/%u images\n", done, job->total);
}

/* The traced runs, saved beside the corpus so that models can be refitted
 * without tracing again. */
static void
save_runs (const char *path, GArray *runs)
{
  g_autoptr(GString) s = g_string_new ("item\tcolors\tspeckle\tsmooth\ttolerance\tupsample\tok\tssim\tbytes\n");

  for (guint i = 0; i < runs->len; i++)
    {
      Run *r = &g_array_index (runs, Run, i);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (s, "%u\t%d\t%d\t%.4f\t%.4f\t%d\t%d\t", r->item, r->params.colors,
                              r->params.speckle, r->params.smooth, r->params.tolerance, r->params.upsample, r->ok);
      g_string_append_printf (s, "%s\t%.0f\n", g_ascii_dtostr (buf, sizeof buf, r->ssim), r->bytes);
    }
  g_file_set_contents (path, s->str, -1, NULL);
}

static gboolean
load_runs (const char *path, GArray *runs)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  if (g_strv_length (lines) < runs->len + 1)
    return FALSE;
  for (guint i = 0; i < runs->len; i++)
    {
      g_auto(GStrv) c = g_strsplit (lines[i + 1], "\t", -1);
      Run *r = &g_array_index (runs, Run, i);

      if (g_strv_length (c) < 9 || (guint) atoi (c[0]) != r->item || atoi (c[1]) != r->params.colors ||
          atoi (c[2]) != r->params.speckle || atoi (c[5]) != r->params.upsample)
        return FALSE;
      r->ok = atoi (c[6]);
      r->ssim = g_ascii_strtod (c[7], NULL);
      r->bytes = g_ascii_strtod (c[8], NULL);
    }
  return TRUE;
}

/* Traces every run, one image per core, or reads them back from path. */
static gboolean
trace_runs (const SvgaiTrainOptions *opt, GArray *items, GArray *runs, guint per_image,
            const char *path, GCancellable *cancellable, GError **error)
{
  RunJob job = { opt->corpus_dir, items, (Run *) (gpointer) runs->data, per_image, cancellable, 0,
                 opt->verbose, runs->len / per_image };
  GThreadPool *pool;

  if (opt->reuse_runs && load_runs (path, runs))
    {
      if (opt->verbose)
        g_printerr ("train: reusing the runs in %s\n", path);
      return TRUE;
    }
  /* each conversion also traces its layers in parallel */
  pool = g_thread_pool_new (run_worker, &job, MAX (1, (int) g_get_num_processors ()), FALSE, NULL);
  for (guint s = 0; s < job.total; s++)
    g_thread_pool_push (pool, job.runs + s * per_image, NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  save_runs (path, runs);
  return TRUE;
}

/* Whether the split's quota, n training images and a quarter as many
 * held-out ones, has room for it; counts it if so. */
static gboolean
take_image (const Item *it, guint n, guint *n_train, guint *n_test)
{
  if (it->test ? *n_test >= MAX (1, n / 4) : *n_train >= n)
    return FALSE;
  if (it->test)
    (*n_test)++;
  else
    (*n_train)++;
  return TRUE;
}

/* The parameter sets: the defaults first, then random ones from a grid,
 * seeded by the image's index. */
GArray *
svgai_train_predictor_runs (const SvgaiTrainOptions *opt, GArray *items, guint n_images, guint per_image,
                            GCancellable *cancellable, GError **error)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, TRUE, sizeof (Run));
  g_autofree char *path = g_strdup_printf ("%s/runs-%u-%u.tsv", opt->corpus_dir, n_images, per_image);
  guint n_train = 0, n_test = 0;

  for (guint i = 0; i < items->len; i++)
    {
      GRand *r;

      if (!take_image (&g_array_index (items, Item, i), n_images, &n_train, &n_test))
        continue;
      r = g_rand_new_with_seed (i * 2654435761u + 17);
      for (guint k = 0; k < per_image; k++)
        {
          Run run = { .item = i };

          if (k == 0)
            svgai_params_init_default (&run.params);
          else
            random_params (r, &run.params);
          g_array_append_val (runs, run);
        }
      g_rand_free (r);
    }
  if (!trace_runs (opt, items, runs, per_image, path, cancellable, error))
    return NULL;
  return g_steal_pointer (&runs);
}

/* The balanced tier's candidates: the defaults (first), a grid over the
 * parameters that trade size for fidelity, and a few colour limits. The
 * upsampling stays automatic: a fixed factor means more for a 128 px corpus
 * logo than for a 1024 px one, so a factor learned on the corpus would not
 * carry over to other sizes (it chose 4× for 256 px logos, +10 % bytes). */
guint
svgai_train_candidate_grid (SvgaiParams *out)
{
  /* No smoothness under 0.8 (see the quality tier's ladder): with 0.4 and
   * 0.6 in the grid the tiers took 0.4 for most devset logos, for false
   * corners 0.72 per 100 px where a fixed 1.0 gives 0.42. */
  static const double smooth[] = { 0.8, 1.0, 1.2 };
  static const double tolerance[] = { 0.2, 0.3, 0.4, 0.5 };
  static const int speckle[] = { 0, 2 };
  static const int colors[] = { 6, 16, 32 };
  guint n = 0;

  svgai_params_init_default (&out[n++]);
  for (guint b = 0; b < G_N_ELEMENTS (smooth); b++)
    for (guint c = 0; c < G_N_ELEMENTS (tolerance); c++)
      for (guint d = 0; d < G_N_ELEMENTS (speckle); d++)
        {
          svgai_params_init_default (&out[n]);
          out[n].smooth = smooth[b];
          out[n].tolerance = tolerance[c];
          out[n].speckle = speckle[d];
          if (!svgai_params_equal (&out[n], &out[0]))
            n++;
        }
  for (guint a = 0; a < G_N_ELEMENTS (colors); a++)
    {
      svgai_params_init_default (&out[n]);
      out[n++].colors = colors[a];
    }
  g_assert (n <= SVGAI_MAX_CANDIDATES);
  return n;
}

GArray *
svgai_train_candidate_runs (const SvgaiTrainOptions *opt, GArray *items, guint n_images,
                            const SvgaiParams *candidates, guint n_candidates,
                            GCancellable *cancellable, GError **error)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, TRUE, sizeof (Run));
  g_autofree char *path = g_strdup_printf ("%s/runs-candidates-%u.tsv", opt->corpus_dir, n_images);
  guint n_train = 0, n_test = 0;

  /* other logos than the predictor's, from the end of the corpus */
  for (guint i = items->len; i-- > 0;)
    {
      if (!take_image (&g_array_index (items, Item, i), n_images, &n_train, &n_test))
        continue;
      for (guint k = 0; k < n_candidates; k++)
        {
          Run run = { .item = i, .params = candidates[k] };
          g_array_append_val (runs, run);
        }
    }
  if (!trace_runs (opt, items, runs, n_candidates, path, cancellable, error))
    return NULL;
  return g_steal_pointer (&runs);
}

double
svgai_train_run_objective (const Run *r)
{
  return r->ssim - SVGAI_OBJECTIVE_BYTES_WEIGHT * log2 (MAX (1.0, r->bytes));
}
