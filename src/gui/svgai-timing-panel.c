#include "svgai-config.h"
#include "svgai-timing-panel.h"

#include <glib/gi18n.h>
#include <math.h>
#include "svgai-bar.h"
#include "svgai-label.h"

struct _SvgaiTimingPanel
{
  AdwPreferencesGroup parent_instance;

  GtkWidget *bars[SVGAI_N_STAGES];
  GtkWidget *values[SVGAI_N_STAGES];
  GtkWidget *total;
  GtkWidget *cache;
};

G_DEFINE_FINAL_TYPE (SvgaiTimingPanel, svgai_timing_panel, ADW_TYPE_PREFERENCES_GROUP)

static const char *
stage_title (SvgaiStage stage)
{
  switch (stage)
    {
    case SVGAI_STAGE_LOAD: return _("Load");
    case SVGAI_STAGE_FEATURES: return _("Features");
    case SVGAI_STAGE_CLASSIFY: return _("Classify");
    case SVGAI_STAGE_OPTIMIZE: return _("Optimize");
    case SVGAI_STAGE_TRACE: return _("Trace");
    case SVGAI_STAGE_WRITE: return _("Write SVG");
    case SVGAI_STAGE_RENDER: return _("Render");
    case SVGAI_STAGE_QUALITY: return _("Measure");
    default: return "";
    }
}

static void
svgai_timing_panel_class_init (SvgaiTimingPanelClass *klass)
{
}

static void
svgai_timing_panel_init (SvgaiTimingPanel *self)
{
  GtkWidget *grid = gtk_grid_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Timing"));
  /* Room for "Total 1234.5 ms": the header keeps its width as times change. */
  self->total = svgai_value_label_new (16);
  svgai_label_set (self->total, "");
  gtk_widget_add_css_class (self->total, "dim-label");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), self->total);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_add_css_class (grid, "card");
  gtk_widget_add_css_class (grid, "timing-grid");
  for (int s = 0; s < SVGAI_N_STAGES; s++)
    {
      GtkWidget *label = gtk_label_new (stage_title (s));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      /* One colour (no levels): a share of the total, not a good or bad level. */
      self->bars[s] = svgai_bar_new ();
      gtk_widget_set_hexpand (self->bars[s], TRUE);
      gtk_widget_set_valign (self->bars[s], GTK_ALIGN_CENTER);
      /* "1234.5 ms", or "cached" in whatever words it translates to. */
      self->values[s] = svgai_value_label_new (MAX (9, g_utf8_strlen (_("cached"), -1)));
      gtk_grid_attach (GTK_GRID (grid), label, 0, s, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), self->bars[s], 1, s, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), self->values[s], 2, s, 1, 1);
    }
  /* The engine's caches over the session: reopening an image costs little. */
  /* Two lines whatever the counts: they change with every result. */
  self->cache = gtk_inscription_new ("");
  gtk_inscription_set_min_lines (GTK_INSCRIPTION (self->cache), 2);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (self->cache), 2);
  gtk_inscription_set_wrap_mode (GTK_INSCRIPTION (self->cache), PANGO_WRAP_WORD_CHAR);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (self->cache), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->cache, "dim-label");
  gtk_widget_add_css_class (self->cache, "caption");
  gtk_widget_add_css_class (self->cache, "numeric");
  gtk_grid_attach (GTK_GRID (grid), self->cache, 0, SVGAI_N_STAGES, 3, 1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), grid);
}

GtkWidget *
svgai_timing_panel_new (void)
{
  return g_object_new (SVGAI_TYPE_TIMING_PANEL, NULL);
}

/* Whether a cache answered the stage in this run (its time is then 0). */
static gboolean
stage_cached (SvgaiResult *result, SvgaiStage stage)
{
  switch (stage)
    {
    case SVGAI_STAGE_FEATURES:
      return svgai_result_get_features_cached (result);
    case SVGAI_STAGE_TRACE:
    case SVGAI_STAGE_WRITE:
    case SVGAI_STAGE_QUALITY:
      return svgai_result_get_trace_cached (result);
    default:
      return FALSE;
    }
}

static char *
format_cache_counters (void)
{
  /* The counters alone: a whole summary sorts every stage's samples. */
  gint64 f_hits = svgai_perf_get_counter (NULL, "cache.features.memory_hit") +
                  svgai_perf_get_counter (NULL, "cache.features.disk_hit");
  gint64 f_all = f_hits + svgai_perf_get_counter (NULL, "cache.features.miss");
  gint64 r_hits = svgai_perf_get_counter (NULL, "cache.results.hit");
  gint64 r_all = r_hits + svgai_perf_get_counter (NULL, "cache.results.miss");

  /* Translators: cache hits of all look-ups since the app started. */
  return g_strdup_printf (_("Cache hits this session: features %d of %d · SVGs %d of %d"),
                          (int) MIN (f_hits, G_MAXINT), (int) MIN (f_all, G_MAXINT),
                          (int) MIN (r_hits, G_MAXINT), (int) MIN (r_all, G_MAXINT));
}

/* A time as shown: one decimal. The total is the sum of what is shown, so
 * the numbers add up on screen. */
static double
shown_ms (double ms)
{
  return round (ms * 10.0) / 10.0;
}

void
svgai_timing_panel_set_output (SvgaiTimingPanel *self, SvgaiJobOutput *output)
{
  double total = 0;

  g_return_if_fail (SVGAI_IS_TIMING_PANEL (self));

  if (output)
    for (int s = 0; s < SVGAI_N_STAGES; s++)
      if (!stage_cached (output->result, s))
        total += shown_ms (svgai_job_output_get_stage_ms (output, s));
  for (int s = 0; s < SVGAI_N_STAGES; s++)
    {
      double ms = output ? svgai_job_output_get_stage_ms (output, s) : 0;
      g_autofree char *text = NULL;
      gboolean cached = output && stage_cached (output->result, s);

      if (output == NULL)
        text = g_strdup ("—");
      else if (cached)
        text = g_strdup (_("cached"));
      else
        text = g_strdup_printf (_("%.1f ms"), shown_ms (ms));
      svgai_label_set (self->values[s], text);
      svgai_bar_set_fraction (SVGAI_BAR (self->bars[s]), total > 0 && !cached ? shown_ms (ms) / total : 0);
    }
  if (output)
    {
      g_autofree char *text = g_strdup_printf (_("%.1f ms in all"), total);
      g_autofree char *wall = g_strdup_printf (_("The sum of the stages above. From the request to the result "
                                                 "took %.1f ms by the clock: stages can overlap, and a "
                                                 "request can wait for a thread."), output->total_ms);
      g_autofree char *cache = format_cache_counters ();

      svgai_label_set (self->total, text);
      svgai_widget_set_tooltip (self->total, wall);
      svgai_label_set (self->cache, cache);
    }
  else
    {
      svgai_label_set (self->total, "");
      svgai_widget_set_tooltip (self->total, NULL);
      svgai_label_set (self->cache, "");
    }
}

const char *
svgai_timing_panel_get_total_text (SvgaiTimingPanel *self)
{
  return svgai_label_get (self->total);
}

const char *
svgai_timing_panel_get_value_text (SvgaiTimingPanel *self, SvgaiStage stage)
{
  g_return_val_if_fail (stage < SVGAI_N_STAGES, NULL);
  return svgai_label_get (self->values[stage]);
}

const char *
svgai_timing_panel_get_cache_text (SvgaiTimingPanel *self)
{
  return svgai_label_get (self->cache);
}
