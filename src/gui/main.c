#include "svgai-config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include "svgai-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr(SvgaiApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, SVGAI_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("SVG-AI"));
  app = svgai_application_new (G_APPLICATION_DEFAULT_FLAGS);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
