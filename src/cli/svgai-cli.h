#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes, documented in --help and the man page. */
enum {
  SVGAI_EXIT_OK = 0,
  SVGAI_EXIT_FAILED = 1,     /* at least one file failed */
  SVGAI_EXIT_USAGE = 2,      /* bad command line */
};

/* A subcommand: argv[0] is the subcommand's name. */
typedef int (*SvgaiCliCommand) (int argc, char **argv);

int svgai_cli_convert (int argc, char **argv);
int svgai_cli_batch (int argc, char **argv);
int svgai_cli_bench (int argc, char **argv);

/* Parses argv with context, "-j2" read as "-j" "2" (GOption reads only
 * the latter; make and ninja users type the former). FALSE after printing
 * the error. */
gboolean svgai_cli_parse_options (GOptionContext *context, int argc, char **argv);

/* Whether a file name ends like an image the engine reads (case aside):
 * what batch and bench pick from a folder. */
gboolean svgai_cli_is_image_name (const char *name);

/* Prints "svg-ai-cli: message" on stderr. */
void svgai_cli_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
