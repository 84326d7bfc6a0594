#pragma once

/* Helpers shared by the widget tests and the GUI measurements. */

#include <adwaita.h>
#include <string.h>
#include "svgai-application.h"
#include "svgai-window.h"

typedef gboolean (*TestGuiCondition) (gpointer data);

/* Runs the main loop until cond holds or timeout_ms passes. */
static inline gboolean
test_gui_wait (TestGuiCondition cond, gpointer data, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      /* Block briefly so idle workers' results arrive without spinning. */
      g_main_context_iteration (NULL, FALSE) || (g_usleep (500), TRUE);
    }
  return TRUE;
}

static inline void
test_gui_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (500), TRUE);
}

/* Opens files through the drop handler's code path: a GdkFileList value. */
static inline void
test_gui_drop_files (SvgaiWindow *window, GFile **files, guint n)
{
  GSList *list = NULL;
  GValue value = G_VALUE_INIT;
  GdkFileList *file_list;

  for (guint i = n; i > 0; i--)
    list = g_slist_prepend (list, files[i - 1]);
  file_list = gdk_file_list_new_from_list (list);
  g_slist_free (list);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, file_list);
  g_assert_true (svgai_window_drop_value (window, &value));
  g_value_unset (&value);
}

static inline void
test_gui_drop_path (SvgaiWindow *window, const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  test_gui_drop_files (window, &file, 1);
}

typedef struct {
  SvgaiDocument *doc;
  guint min_results;
} WaitDone;

static inline gboolean
test_gui_doc_settled (gpointer data)
{
  WaitDone *w = data;
  SvgaiDocumentState s = svgai_document_get_state (w->doc);

  return !svgai_document_is_busy (w->doc) &&
         (s == SVGAI_DOCUMENT_DONE || s == SVGAI_DOCUMENT_FAILED) &&
         svgai_document_get_n_results (w->doc) >= w->min_results;
}

/* Waits for the document's final result (or failure). */
static inline gboolean
test_gui_wait_done (SvgaiDocument *doc, guint min_results, guint timeout_ms)
{
  WaitDone w = { doc, min_results };

  return test_gui_wait (test_gui_doc_settled, &w, timeout_ms);
}

static inline SvgaiDocument *
test_gui_nth_document (SvgaiWindow *window, guint i)
{
  GListModel *model = svgai_window_get_documents (window);
  SvgaiDocument *doc = g_list_model_get_item (model, i);

  g_object_unref (doc); /* the store keeps it */
  return doc;
}

static inline SvgaiDocument *
test_gui_last_document (SvgaiWindow *window)
{
  return test_gui_nth_document (window, g_list_model_get_n_items (svgai_window_get_documents (window)) - 1);
}

/* The visible toplevel of type made since before (a list from
 * gtk_window_list_toplevels), or NULL. */
static inline GtkWindow *
test_gui_new_toplevel (GList *before, GType type)
{
  g_autoptr(GList) now = gtk_window_list_toplevels ();

  for (GList *l = now; l; l = l->next)
    if (g_list_find (before, l->data) == NULL && G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) &&
        gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* test_gui_new_toplevel, waited for up to timeout_ms while the main loop
 * runs: a dialog takes long to appear under the sanitizers. */
static inline GtkWindow *
test_gui_wait_toplevel (GList *before, GType type, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  GtkWindow *found;

  while ((found = test_gui_new_toplevel (before, type)) == NULL && g_get_monotonic_time () < end)
    test_gui_spin (50);
  return found;
}

/* The first widget of type under root (depth first), or NULL. */
static inline GtkWidget *
test_gui_find_widget (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = test_gui_find_widget (c, type);

      if (found)
        return found;
    }
  return NULL;
}

static inline gboolean
test_gui_have_display (void)
{
  GdkDisplay *display;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return FALSE;
  display = gdk_display_open (NULL);
  if (display == NULL)
    return FALSE;
  gdk_display_close (display);
  return TRUE;
}

static inline void
test_gui_no_display (void)
{
  g_test_skip ("no display: run under xvfb-run");
}

/* libadwaita 1.2's AdwFlap, folding or revealing while the window is first
 * laid out, now and then gives its content a size from a progress that is
 * not a number: GTK warns of a width of -2147483648 and allocates 1 pixel
 * for one frame, to the content's box or, in the same frame, to the
 * widgets in it (a separator, a scrolled window, an AdwGizmo). Seen about once in ten runs under load, not reproduced at
 * will; we found nothing the app does wrong. That warning is reported and
 * let through; any other warning fails the test, as gtk_test_init's fatal
 * warnings did. */
static GLogWriterOutput
test_gui_log_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer data)
{
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (strcmp (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
      message = fields[i].value;
  if ((level & G_LOG_LEVEL_WARNING) && message != NULL &&
      strstr (message, "gtk_widget_size_allocate(): attempt to allocate ") != NULL &&
      strstr (message, "with width -2147483648") != NULL)
    {
      g_test_message ("libadwaita 1.2 AdwFlap glitch let through: %s", message);
      return G_LOG_WRITER_HANDLED;
    }
  if (level & G_LOG_LEVEL_WARNING)
    g_test_fail ();
  return g_log_writer_default (level, fields, n_fields, data);
}

/* Sets up GTK and the application, or registers a skip; returns the app or
 * NULL (then run the tests: the skip reports). */
static inline SvgaiApplication *
test_gui_init (int *argc, char ***argv, const char *skip_path)
{
  SvgaiApplication *app;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  if (!test_gui_have_display ())
    {
      g_test_init (argc, argv, NULL);
      g_test_add_func (skip_path, test_gui_no_display);
      return NULL;
    }
  gtk_test_init (argc, argv, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_log_set_writer_func (test_gui_log_writer, NULL, NULL);
  adw_init ();
  app = svgai_application_new (G_APPLICATION_NON_UNIQUE);
  {
    GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

    g_application_register (G_APPLICATION (app), NULL, NULL);
    g_log_set_always_fatal (fatal);
  }
  return app;
}
