/* svg-ai-cli: the command line of SVG-AI. Each subcommand lives in its own
 * svgai-cli-<name>.c; this file only dispatches. */
#include "svgai-config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>
#include "svgai-cli.h"

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
  /* NULL: run by the trainer program */
  { "corpus", NULL, N_("generate a labelled synthetic logo corpus") },
  { "train", NULL, N_("regenerate the corpus and retrain the models") },
  { "ai-bench", svgai_cli_ai_bench, N_("benchmark the optimizer tiers against the defaults") },
};

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

/* corpus and train draw with cairo and pango: they are a program of their
 * own (svg-ai-train; the build tree's when this one runs from there), so
 * that a convert loads neither. */
static int
run_trainer (char **argv)
{
  const char *trainer = svgai_cli_runs_from_build_tree () ? SVGAI_BUILD_TRAINER : SVGAI_TRAINER;

  fflush (stdout);
  execv (trainer, argv);
  svgai_cli_error (_("cannot run %s: %s"), trainer, g_strerror (errno));
  return SVGAI_EXIT_FAILED;
}

int
main (int argc, char **argv)
{
  svgai_cli_setup_locale ();

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
      return commands[i].run ? svgai_cli_finish (commands[i].run (argc - 1, argv + 1)) : run_trainer (argv);

  svgai_cli_error (_("unknown command '%s' (try --help)"), argv[1]);
  return SVGAI_EXIT_USAGE;
}
