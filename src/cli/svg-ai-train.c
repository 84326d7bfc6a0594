/* svg-ai-train: svg-ai-cli's corpus and train commands, run by svg-ai-cli
 * (execv with its own arguments). A program of its own because the corpus
 * draws with cairo and pango, which no other command needs to load. */
#include "svgai-config.h"

#include <glib/gi18n.h>
#include <string.h>
#include "svgai-cli.h"

int
main (int argc, char **argv)
{
  svgai_cli_setup_locale ();
  if (argc >= 2 && strcmp (argv[1], "corpus") == 0)
    return svgai_cli_finish (svgai_cli_corpus (argc - 1, argv + 1));
  if (argc >= 2 && strcmp (argv[1], "train") == 0)
    return svgai_cli_finish (svgai_cli_train (argc - 1, argv + 1));
  svgai_cli_error (_("svg-ai-train runs svg-ai-cli's corpus and train commands: run 'svg-ai-cli corpus' or "
                     "'svg-ai-cli train'"));
  return SVGAI_EXIT_USAGE;
}
