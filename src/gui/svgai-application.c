#include "svgai-config.h"
#include "svgai-application.h"

#include <glib/gi18n.h>
#include "svgai-preferences-window.h"
#include "svgai-resources.h"
#include "svgai-window.h"
#include "svgai.h"

struct _SvgaiApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (SvgaiApplication, svgai_application, ADW_TYPE_APPLICATION)

static SvgaiWindow *
get_window (SvgaiApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (svgai_window_new (ADW_APPLICATION (self)));
  return SVGAI_WINDOW (window);
}

static void
svgai_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_window (SVGAI_APPLICATION (app))));
}

static void
svgai_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  SvgaiWindow *window = get_window (SVGAI_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  svgai_window_open_files (window, files, n_files);
}

static void
action_about (GSimpleAction *action, GVariant *param, gpointer data)
{
  GtkApplication *app = data;
  static const char *developers[] = { "The SVG-AI developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("SVG-AI"),
                         "application-icon", SVGAI_APP_ID,
                         "version", SVGAI_VERSION,
                         "comments", _("Turns raster logos into clean, compact SVG, and shows how"),
                         "developer-name", _("The SVG-AI developers"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://github.com/svgai/svg-ai",
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
action_preferences (GSimpleAction *action, GVariant *param, gpointer data)
{
  GtkApplication *app = data;

  gtk_window_present (GTK_WINDOW (svgai_preferences_window_new (gtk_application_get_active_window (app))));
}

static void
action_quit (GSimpleAction *action, GVariant *param, gpointer data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (data));

  /* Close (not destroy) so windows save their state. */
  for (GList *l = windows; l; )
    {
      GList *next = l->next;
      gtk_window_close (GTK_WINDOW (l->data));
      l = next;
    }
}

static const GActionEntry app_actions[] = {
  { "about", action_about },
  { "preferences", action_preferences },
  { "quit", action_quit },
};

static void
init_engine_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  /* Without its models the engine still answers (by rules and tables). */
  if (!svgai_init (&error))
    g_message ("%s", error->message);
  g_task_return_boolean (task, TRUE);
}

static void
svgai_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[4];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.paste", { "<Control>v", NULL } },
    { "win.export", { "<Control>s", NULL } },
    { "win.export-as", { "<Control><Shift>s", NULL } },
    { "win.copy", { "<Control>c", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.close-image", { "<Control>w", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL } },
    { "win.zoom-out", { "<Control>minus", "<Control>KP_Subtract", NULL } },
    { "win.zoom-fit", { "<Control>0", NULL } },
    { "win.zoom-original", { "<Control>1", NULL } },
    { "win.toggle-panel", { "F9", NULL } },
    { "win.toggle-list", { "F8", NULL } },
  };

  G_APPLICATION_CLASS (svgai_application_parent_class)->startup (app);

  /* Models, caches and the monitor, off the main thread: the window shows
   * at once and the first image pays for none of it. */
  {
    g_autoptr(GTask) task = g_task_new (app, NULL, NULL, NULL);

    g_task_run_in_thread (task, init_engine_thread);
  }

  /* Run from the build tree, the app's icon is found in the sources. */
  {
    GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
    g_autofree char *icons = g_build_filename (SVGAI_SOURCE_DIR, "data", "icons", NULL);

    if (!gtk_icon_theme_has_icon (theme, SVGAI_APP_ID) && g_file_test (icons, G_FILE_TEST_IS_DIR))
      gtk_icon_theme_add_search_path (theme, icons);
  }
  gtk_window_set_default_icon_name (SVGAI_APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

static void
svgai_application_class_init (SvgaiApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = svgai_application_activate;
  app_class->open = svgai_application_open;
  app_class->startup = svgai_application_startup;
}

static void
svgai_application_init (SvgaiApplication *self)
{
}

SvgaiApplication *
svgai_application_new (GApplicationFlags extra_flags)
{
  /* The resource lives in a static library: register it explicitly so the
   * linker keeps it. */
  g_resources_register (svgai_get_resource ());
  return g_object_new (SVGAI_TYPE_APPLICATION,
                       "application-id", SVGAI_APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | extra_flags,
                       "resource-base-path", "/io/github/svgai/SvgAi",
                       NULL);
}
