/* Measures the app as a user meets it, in one run of the real window:
 *   1. drop → first SVG on screen, 256 px logos (cold first, then median);
 *   2. parameter change → re-traced SVG on screen, median (256 px);
 *   3. the longest main-loop stall while 1024 px logos convert
 *      (a 10 ms timeout records the largest gap between its runs);
 *   4. RSS growth converting every 256 px devset logo one after another,
 *      counted from after the tenth.
 *
 * Usage (from the repository, with a build in build-gui):
 *   xvfb-run -a -s "-screen 0 1400x900x24" env GDK_BACKEND=x11 GSK_RENDERER=cairo \
 *     build-gui/tests/gui-measure ../shared/devset
 * or: xvfb-run -a meson test -C build-gui --benchmark gui-measure --verbose
 * SVGAI_MEASURE=stall|latency runs a part; SVGAI_MEASURE_VERBOSE=1 says more
 * (each frame's main-thread time by phase); SVGAI_MEASURE_VERBOSE=2 also
 * names the widgets drawn again in each long frame, and those measured again
 * in each frame whose window size was computed again (see wrap_measures).
 * It also counts how often the window's size is computed again (GdkToplevel
 * ::compute-size): under X11 each asks the server for the monitor and its
 * work area, round trips a loaded X server makes long, and measures the
 * whole window. A label whose size follows its text causes one. This count
 * does not depend on the machine's load.
 * On a shared, loaded machine the wall-clock figures include waiting for a
 * CPU; the stall line also gives the main thread's own CPU time, and its
 * time spent runnable, waiting for a CPU (Linux's schedstat). */

#include "svgai-config.h"

#include <math.h>
#include <time.h>
#include "svgai.h"
#include "svgai-params-panel.h"
#include "test-gui-util.h"

#define TIMEOUT_MS 60000

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, cmp_double);
  if (values->len == 0)
    return NAN;
  return g_array_index (values, double, values->len / 2);
}

static int
cmp_path (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static GPtrArray *
list_pngs (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return paths;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".png"))
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (paths, cmp_path);
  return paths;
}

typedef struct {
  SvgaiImageView *view;
  gint64 after;
  SvgaiDocument *doc;
  guint min_results;
} WaitFrame;

static gboolean
svg_frame_after (gpointer data)
{
  WaitFrame *w = data;

  return svgai_document_get_n_results (w->doc) >= w->min_results &&
         svgai_image_view_get_svg_frames (w->view) > 0 &&
         svgai_image_view_get_svg_frame_time (w->view) > w->after;
}

/* Main-loop stall watch. Also records how much of the worst gap the main
 * thread spent running (CPU time): the rest it waited for a CPU, which on a
 * loaded machine is the other processes' doing, not the app's. */
static gint64 last_tick;
static gint64 last_cpu;
static gint64 max_gap;
static gint64 max_gap_cpu;
static gint64 last_wait;
static gint64 max_gap_wait;


/* The main thread's time waiting for a CPU while runnable (Linux's
 * schedstat: run time, run-queue wait, time slices), µs; 0 elsewhere. */
static gint64
thread_wait_us (void)
{
  static char path[64];
  unsigned long long run = 0, wait = 0;
  FILE *f;

  if (path[0] == 0)
    g_snprintf (path, sizeof path, "/proc/self/task/%ld/schedstat", (long) gettid ());
  f = fopen (path, "r");
  if (f == NULL)
    return 0;
  if (fscanf (f, "%llu %llu", &run, &wait) != 2)
    wait = 0;
  fclose (f);
  return (gint64) (wait / 1000);
}

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* The longest frame (layout → paint done), to tell drawing from the rest. */
static gint64 frame_start;
static gint64 max_frame;

static GString *measured;        /* SVGAI_MEASURE_VERBOSE=2: see wrap_measures() */
static GString *drawn;           /* … and the leaves snapshot again this frame */
static gboolean log_measures;
static gboolean frame_sized;     /* the window's size was computed in this frame */

static gint64 frame_cpu;
static gint64 layout_cpu;   /* main-thread CPU when GTK's layout phase ended */
static gint64 paint_cpu;    /* … and its paint phase */

static void
on_frame_update (GdkFrameClock *clock, gpointer data)
{
  frame_start = g_get_monotonic_time ();
  frame_cpu = thread_cpu_us ();
  layout_cpu = paint_cpu = 0;
  log_measures = measured != NULL;
}

static void
on_frame_layout (GdkFrameClock *clock, gpointer data)
{
  layout_cpu = thread_cpu_us ();
}

static void
on_frame_paint (GdkFrameClock *clock, gpointer data)
{
  paint_cpu = thread_cpu_us ();
}

static void
on_frame_after_paint (GdkFrameClock *clock, gpointer data)
{
  gint64 end = thread_cpu_us ();

  /* Which phase the main thread's time went to. These handlers run after
   * GTK's own for each phase (connected after the window was realized), so
   * update → layout is GTK's layout (measure and allocate), layout → paint
   * its paint (snapshot and render), paint → here the rest of after-paint. */
  if (frame_start && g_getenv ("SVGAI_MEASURE_VERBOSE") && end - frame_cpu > 5000)
    g_printerr ("frame: %.1f ms of main-thread CPU (layout %.1f, paint %.1f, after %.1f)\n",
                (end - frame_cpu) / 1000.0,
                layout_cpu ? (layout_cpu - frame_cpu) / 1000.0 : NAN,
                layout_cpu && paint_cpu ? (paint_cpu - layout_cpu) / 1000.0 : NAN,
                paint_cpu ? (end - paint_cpu) / 1000.0 : NAN);
  if (drawn && drawn->len)
    {
      if (end - frame_cpu > 5000)
        g_printerr ("drawn again:%s\n", drawn->str);
      g_string_truncate (drawn, 0);
    }
  if (measured && measured->len)
    {
      if (frame_sized)
        g_printerr ("measured again in a frame whose window size was computed again:\n%s", measured->str);
      g_string_truncate (measured, 0);
    }
  log_measures = frame_sized = FALSE;
  if (frame_start)
    max_frame = MAX (max_frame, g_get_monotonic_time () - frame_start);
  frame_start = 0;
}

static gboolean
tick (gpointer data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  gint64 wait = thread_wait_us ();

  if (last_tick != 0 && now - last_tick > max_gap)
    {
      max_gap = now - last_tick;
      max_gap_cpu = cpu - last_cpu;
      max_gap_wait = wait - last_wait;
    }
  last_tick = now;
  last_cpu = cpu;
  last_wait = wait;
  return G_SOURCE_CONTINUE;
}

static guint n_compute_size;

/* SVGAI_MEASURE_VERBOSE=2: which widgets are measured again in a frame
 * whose window size was computed again, that is, whose size request was
 * invalidated (a leaf here is what asked for the re-layout, or a widget
 * given a new size by its parent). Only leaf classes are wrapped: a
 * wrapped class chaining up to another wrapped one would find the wrong
 * original. */
static GHashTable *measure_originals;   /* GType → original measure vfunc */
static GHashTable *snapshot_originals;  /* GType → original snapshot vfunc */

typedef void (*SnapshotFunc) (GtkWidget *, GtkSnapshot *);

static void
logging_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SnapshotFunc original = NULL;
  graphene_rect_t b;

  for (GType t = G_OBJECT_TYPE (widget); t && !original; t = g_type_parent (t))
    original = g_hash_table_lookup (snapshot_originals, GSIZE_TO_POINTER (t));
  if (original)
    original (widget, snapshot);
  if (log_measures && gtk_widget_compute_bounds (widget, gtk_widget_get_root (widget) ? GTK_WIDGET (gtk_widget_get_root (widget)) : widget, &b))
    {
      g_autofree char *classes = g_strjoinv (".", gtk_widget_get_css_classes (widget));

      g_string_append_printf (drawn, " %s.%s@%.0f,%.0f", G_OBJECT_TYPE_NAME (widget), classes, b.origin.x, b.origin.y);
    }
}

typedef void (*MeasureFunc) (GtkWidget *, GtkOrientation, int, int *, int *, int *, int *);

static void
logging_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                 int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  MeasureFunc original = NULL;

  for (GType t = G_OBJECT_TYPE (widget); t && !original; t = g_type_parent (t))
    original = g_hash_table_lookup (measure_originals, GSIZE_TO_POINTER (t));
  original (widget, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
  if (log_measures)
    {
      g_autofree char *classes = g_strjoinv (".", gtk_widget_get_css_classes (widget));
      const char *text = GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget))
                         : GTK_IS_INSCRIPTION (widget) ? gtk_inscription_get_text (GTK_INSCRIPTION (widget))
                         : NULL;

      g_string_append_printf (measured, "  %s.%s %c(%d) → %d '%.24s'\n", G_OBJECT_TYPE_NAME (widget), classes,
                              orientation == GTK_ORIENTATION_HORIZONTAL ? 'w' : 'h', for_size, *natural,
                              text ? text : "");
    }
}

static void
wrap_measure (GType type)
{
  GtkWidgetClass *klass = g_type_class_ref (type);

  g_hash_table_insert (measure_originals, GSIZE_TO_POINTER (type), klass->measure);
  klass->measure = logging_measure;
  g_hash_table_insert (snapshot_originals, GSIZE_TO_POINTER (type), klass->snapshot);
  klass->snapshot = logging_snapshot;
}

static void
wrap_measures (void)
{
  GType types[] = { GTK_TYPE_LABEL, GTK_TYPE_INSCRIPTION, GTK_TYPE_IMAGE, GTK_TYPE_PICTURE,
                    GTK_TYPE_PROGRESS_BAR, GTK_TYPE_LEVEL_BAR, GTK_TYPE_SCALE, GTK_TYPE_SPIN_BUTTON,
                    GTK_TYPE_TEXT, g_type_from_name ("SvgaiChart"), g_type_from_name ("SvgaiImageView"),
                    g_type_from_name ("SvgaiSpinner") };

  measure_originals = g_hash_table_new (NULL, NULL);
  snapshot_originals = g_hash_table_new (NULL, NULL);
  measured = g_string_new (NULL);
  drawn = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (types[i])
      wrap_measure (types[i]);
}

static void
on_compute_size (GdkToplevel *toplevel, GdkToplevelSize *size, gpointer data)
{
  n_compute_size++;
  frame_sized = TRUE;
}

static const char *
load_average (void)
{
  static char buf[64];
  FILE *f = fopen ("/proc/loadavg", "r");

  buf[0] = 0;
  if (f)
    {
      if (!fgets (buf, sizeof buf, f))
        buf[0] = 0;
      fclose (f);
    }
  return buf;
}

int
main (int argc, char *argv[])
{
  g_autoptr(SvgaiApplication) app = NULL;
  SvgaiWindow *window;
  SvgaiImageView *view;
  g_autofree char *dir256 = NULL;
  g_autofree char *dir1024 = NULL;
  g_autoptr(GPtrArray) small = NULL;
  g_autoptr(GPtrArray) large = NULL;
  g_autoptr(GArray) drop_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) param_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) param_sizes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) large_sizes = g_array_new (FALSE, FALSE, sizeof (double));
  double cold_ms = NAN;
  double stall_ms = 0;
  double stall_cpu_ms = 0;
  guint64 rss_after_10 = 0, rss_end = 0;
  guint n_done = 0, n_failed = 0;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  if (argc < 2 || !gtk_init_check ())
    {
      g_printerr ("usage: gui-measure DEVSET_DIR (with a display, e.g. under xvfb-run)\n");
      return argc < 2 ? 2 : 77;
    }
  adw_init ();
  dir256 = g_build_filename (argv[1], "256", NULL);
  dir1024 = g_build_filename (argv[1], "1024", NULL);
  small = list_pngs (dir256);
  large = list_pngs (dir1024);
  if (small->len < 12)
    {
      g_printerr ("gui-measure: no devset in %s\n", argv[1]);
      return 77;
    }

  app = svgai_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = svgai_window_new (ADW_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 820);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_spin (500);
  if (g_strcmp0 (g_getenv ("SVGAI_MEASURE_VERBOSE"), "2") == 0)
    wrap_measures ();
  view = svgai_compare_view_get_svg_view (svgai_window_get_compare_view (window));
  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

    g_signal_connect (clock, "update", G_CALLBACK (on_frame_update), NULL);
    g_signal_connect (clock, "layout", G_CALLBACK (on_frame_layout), NULL);
    g_signal_connect (clock, "paint", G_CALLBACK (on_frame_paint), NULL);
    g_signal_connect (clock, "after-paint", G_CALLBACK (on_frame_after_paint), NULL);
    g_signal_connect_after (gtk_native_get_surface (GTK_NATIVE (window)), "compute-size",
                            G_CALLBACK (on_compute_size), NULL);
  }

  /* SVGAI_MEASURE=stall runs only part 3 (for profiling). */
  if (g_strcmp0 (g_getenv ("SVGAI_MEASURE"), "stall") == 0)
    g_ptr_array_set_size (small, 0);

  /* 1. drop → first SVG on screen; 4. RSS over all of them */
  for (guint i = 0; i < small->len; i++)
    {
      const char *path = g_ptr_array_index (small, i);
      gint64 t0 = g_get_monotonic_time ();
      WaitFrame w = { view, t0, NULL, 1 };
      SvgaiDocument *doc;

      test_gui_drop_path (window, path);
      w.doc = doc = test_gui_last_document (window);
      if (i <= 10)
        {
          if (g_strcmp0 (g_getenv ("SVGAI_MEASURE"), "latency") == 0 && i == 10)
            break;
          if (test_gui_wait (svg_frame_after, &w, TIMEOUT_MS))
            {
              double ms = (svgai_image_view_get_svg_frame_time (view) - t0) / 1000.0;

              if (i == 0)
                cold_ms = ms;
              else
                g_array_append_val (drop_ms, ms);
            }
        }
      test_gui_wait_done (doc, 1, TIMEOUT_MS);
      if (svgai_document_get_state (doc) == SVGAI_DOCUMENT_DONE)
        n_done++;
      else
        n_failed++;

      /* 2. parameter changes on the second logo */
      if (i == 1)
        {
          SvgaiParamsPanel *panel = SVGAI_PARAMS_PANEL (svgai_window_get_panel (window, "params"));

          for (int k = 0; k < 11; k++)
            {
              WaitFrame wp = { view, 0, doc, svgai_document_get_n_results (doc) + 1 };
              guint sizes;
              double n;

              test_gui_spin (250); /* apart, so the throttle never holds one back */
              sizes = n_compute_size;
              wp.after = g_get_monotonic_time ();
              svgai_params_panel_set_value (panel, "speckle", 3 + k % 5);
              if (test_gui_wait (svg_frame_after, &wp, TIMEOUT_MS))
                {
                  double ms = (svgai_image_view_get_svg_frame_time (view) - wp.after) / 1000.0;
                  SvgaiJobOutput *out = svgai_document_get_output (doc);

                  g_array_append_val (param_ms, ms);
                  test_gui_wait_done (doc, 1, TIMEOUT_MS);
                  test_gui_spin (200); /* the figures follow the SVG */
                  n = n_compute_size - sizes;
                  g_array_append_val (param_sizes, n);
                  if (g_getenv ("SVGAI_MEASURE_VERBOSE"))
                    g_print ("param change: %.1f ms on screen; job %.1f ms (trace %.1f, write %.1f, render %.1f, ssim %.1f)\n",
                             ms, out->total_ms, svgai_result_get_stage_ms (out->result, SVGAI_STAGE_TRACE),
                             svgai_result_get_stage_ms (out->result, SVGAI_STAGE_WRITE),
                             svgai_result_get_stage_ms (out->result, SVGAI_STAGE_RENDER),
                             svgai_result_get_stage_ms (out->result, SVGAI_STAGE_QUALITY));
                }
            }
          test_gui_wait_done (doc, 1, TIMEOUT_MS);
        }
      if (i == 9)
        {
          test_gui_spin (600);
          rss_after_10 = svgai_memory_rss ();
        }
    }
  test_gui_spin (1000);
  rss_end = svgai_memory_rss ();

  /* 3. stalls while 1024 px logos convert */
  for (guint i = 0; i < large->len; i++)
    {
      const char *path = g_ptr_array_index (large, i);
      SvgaiDocument *doc;
      guint source, sizes;
      double n;

      last_tick = 0;
      max_gap = 0;
      max_gap_cpu = 0;
      max_gap_wait = 0;
      max_frame = 0;
      source = g_timeout_add (10, tick, NULL);
      sizes = n_compute_size;
      test_gui_drop_path (window, path);
      doc = test_gui_last_document (window);
      test_gui_wait_done (doc, 1, TIMEOUT_MS);
      test_gui_spin (300); /* the crisp re-render after the result */
      g_source_remove (source);
      n = n_compute_size - sizes;
      g_array_append_val (large_sizes, n);
      /* The timer itself is due every 10 ms: the stall is the excess. */
      stall_ms = MAX (stall_ms, max_gap / 1000.0 - 10);
      stall_cpu_ms = MAX (stall_cpu_ms, max_gap_cpu / 1000.0);
      g_print ("1024 px %-28s max main-loop stall %5.1f ms (main thread busy %4.1f ms of it, waiting for a CPU %4.1f); "
               "longest frame %4.1f ms\n", strrchr (path, '/') + 1, max_gap / 1000.0 - 10, max_gap_cpu / 1000.0,
               max_gap_wait / 1000.0, max_frame / 1000.0);
    }

  g_print ("\n");
  g_print ("drop → first SVG on screen (256 px): cold %.0f ms, median of %u %.0f ms (target ≤ 150)\n",
           cold_ms, drop_ms->len, median (drop_ms));
  g_print ("parameter change → re-traced SVG on screen (256 px): median of %u %.0f ms (target ≤ 100)\n",
           param_ms->len, median (param_ms));
  g_print ("max main-loop stall while %u logos of 1024 px convert: %.0f ms (target ≤ 50); "
           "longest main-thread CPU time within one gap %.0f ms; load average now %s",
           large->len, stall_ms, stall_cpu_ms, load_average ());
  g_print ("window size computed again (each X round trips): median %.0f times per parameter change, "
           "%.0f per 1024 px logo\n", median (param_sizes), median (large_sizes));
  g_print ("RSS converting %u logos (%u done, %u failed) one after another: %.1f MB after 10, %.1f MB after all: +%.1f MB (target ≤ 15); peak %.1f MB\n",
           small->len, n_done, n_failed, rss_after_10 / 1048576.0, rss_end / 1048576.0,
           ((double) rss_end - (double) rss_after_10) / 1048576.0, svgai_memory_peak_rss () / 1048576.0);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
