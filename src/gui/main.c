#include "svgai-config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include "svgai-application.h"

/* Run from the build tree, the catalogues are the ones built in po/ there. */
static const char *
locale_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (exe != NULL && g_str_has_prefix (exe, SVGAI_BUILD_ROOT G_DIR_SEPARATOR_S))
    return SVGAI_BUILD_LOCALEDIR;
  return SVGAI_LOCALEDIR;
}

int
main (int argc, char *argv[])
{
  g_autoptr(SvgaiApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("SVG-AI"));
  app = svgai_application_new (G_APPLICATION_DEFAULT_FLAGS);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
