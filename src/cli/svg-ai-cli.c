/* svg-ai-cli: the command line of SVG-AI. Each subcommand lives in its own
 * svgai-cli-<name>.c; this file only dispatches. */
#include "svgai-config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include "svgai-cli.h"
#include "svgai-cli-ai.h"

typedef struct {
  const char *name;
  SvgaiCliCommand run;
  const char *summary;
} Command;

static const Command commands[] = {
  { "convert", svgai_cli_convert, N_("convert images to SVG") },
  { "batch", svgai_cli_batch, N_("convert many images in parallel, with a report") },
  { "bench", svgai_cli_bench, N_("benchmark the pipeline against the design's targets") },
  { "analyze", svgai_cli_analyze, N_("features, logo type and each tier's parameters") },
  { "corpus", svgai_cli_corpus, N_("generate a labelled synthetic logo corpus") },
  { "train", svgai_cli_train, N_("regenerate the corpus and retrain the models") },
  { "ai-bench", svgai_cli_ai_bench, N_("benchmark the optimizer tiers against the defaults") },
};

void
svgai_cli_error (const char *format, ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "svg-ai-cli: %s\n", msg);
}

gboolean
svgai_cli_is_image_name (const char *name)
{
  static const char *const suffixes[] = { ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp" };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return TRUE;
  return FALSE;
}

static char **
split_jobs_option (int *argc, char **argv)
{
  GPtrArray *out = g_ptr_array_new ();

  for (int i = 0; i < *argc; i++)
    {
      if (g_str_has_prefix (argv[i], "-j") && g_ascii_isdigit (argv[i][2]))
        {
          g_ptr_array_add (out, g_strdup ("-j"));
          g_ptr_array_add (out, g_strdup (argv[i] + 2));
        }
      else
        g_ptr_array_add (out, g_strdup (argv[i]));
    }
  *argc = (int) out->len;
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

gboolean
svgai_cli_parse_options (GOptionContext *context, int argc, char **argv)
{
  g_auto(GStrv) args = split_jobs_option (&argc, argv);
  /* g_option_context_parse() takes parsed strings out of the vector
   * without freeing them: it gets a copy, args frees every string. */
  g_autofree char **parsed = g_memdup2 (args, sizeof (char *) * (argc + 1));
  char **view = parsed;
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, &argc, &view, &error))
    {
      svgai_cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s",
           _("Usage: svg-ai-cli COMMAND [OPTION…] [ARG…]\n\n"
             "Turn raster logos (PNG, JPEG, GIF, BMP, TIFF, WebP) into compact SVG.\n\n"
             "Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "%s",
           _("\nRun 'svg-ai-cli COMMAND --help' for a command's options.\n\n"
             "Options:\n"
             "  -h, --help     show this help\n"
             "  --version      show the version\n\n"
             "Exit status: 0 success, 1 some input failed, 2 bad command line.\n"));
}

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
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return SVGAI_EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return SVGAI_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("svg-ai-cli %s\n", SVGAI_VERSION);
      return SVGAI_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  svgai_cli_error (_("unknown command '%s' (try --help)"), argv[1]);
  return SVGAI_EXIT_USAGE;
}
