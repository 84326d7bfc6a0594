#pragma once

#include <stdio.h>
#include "svgai.h"

G_BEGIN_DECLS

/* Exit codes, documented in --help and the man page. */
enum {
  SVGAI_EXIT_OK = 0,
  SVGAI_EXIT_FAILED = 1,     /* at least one file failed */
  SVGAI_EXIT_USAGE = 2,      /* bad command line */
};

/* A subcommand: argv[0] is the subcommand's name. Each one has the same
 * shape: an options struct, a parser, a run that fills a report struct,
 * and one printer (text or JSON). */
typedef int (*SvgaiCliCommand) (int argc, char **argv);

int svgai_cli_convert (int argc, char **argv);
int svgai_cli_batch (int argc, char **argv);
int svgai_cli_bench (int argc, char **argv);
int svgai_cli_analyze (int argc, char **argv);
int svgai_cli_ai_bench (int argc, char **argv);
/* In the trainer program, svg-ai-train (svgai-cli-train.c). */
int svgai_cli_corpus (int argc, char **argv);
int svgai_cli_train (int argc, char **argv);

/* Whether this program runs from the build tree (its catalogues and the
 * trainer are the build tree's then). */
gboolean svgai_cli_runs_from_build_tree (void);
/* setlocale and the message catalogues. */
void svgai_cli_setup_locale (void);
/* A report printed on standard output that did not all get there (a full
 * disk, a closed pipe) is a failure, not a success: status, or a failure. */
int svgai_cli_finish (int status);

/* For a command that runs once and exits: keep freed memory for reuse and
 * put the heap on huge pages, for fewer page faults (svgai-cli-heap.c). */
void svgai_cli_heap_setup (void);

/* Parses argv with context, "-j2" read as "-j" "2" (GOption reads only
 * the latter: a short option's value must be the next argument; make and
 * ninja users type the former), but not after "--", which ends the
 * options. FALSE after printing the error. */
gboolean svgai_cli_parse_options (GOptionContext *context, int argc, char **argv);

/* Whether a file name ends like an image the engine reads (case aside):
 * what batch and bench pick from a folder. */
gboolean svgai_cli_is_image_name (const char *name);

/* A set of existing files by identity (device and inode: hard links,
 * symlinks and other spellings of one file are one). */
GHashTable *svgai_cli_file_set_new (void);
/* Adds path if it exists. */
void svgai_cli_file_set_add (GHashTable *set, const char *path);
/* Whether path exists and is a file of the set. */
gboolean svgai_cli_file_set_contains (GHashTable *set, const char *path);

/* Prints "svg-ai-cli: message" on stderr. */
void svgai_cli_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* The median of an array of doubles (sorts it); NAN when empty. */
double svgai_cli_median (GArray *values);

/* Prints the builder's document to out, pretty (one line when !pretty);
 * FALSE when the write failed (errno says why). */
gboolean svgai_cli_print_json (JsonBuilder *builder, FILE *out, gboolean pretty);
/* Adds text (a file name, a message naming one) as a string value, valid
 * UTF-8 whatever the file system's names: a byte that is not UTF-8 is
 * written as the four characters \xNN. NULL adds null. */
void svgai_cli_json_add_text (JsonBuilder *builder, const char *text);

/* ---- The tracing parameters as options (svgai-cli-params.c) ---- */

/* The numeric parameters of svgai_params_get_specs() and --layering, read
 * as text ("auto" where zero means automatic). */
typedef struct {
  char *values[8];          /* by spec index; NULL when not given */
  char *layering;
  char *palette;            /* --palette '#1e88e5,#ffffff' */
  char *palette_tolerance;
  char **lock;              /* --lock, repeatable, each a colour list */
  char *background;
} SvgaiCliParamOptions;

/* GOptionEntry rows for every parameter of the table, pointing into opts;
 * free with svgai_cli_param_entries_free(). */
GOptionEntry *svgai_cli_param_entries_new (SvgaiCliParamOptions *opts);
void svgai_cli_param_entries_free (GOptionEntry *entries);
void svgai_cli_param_options_clear (SvgaiCliParamOptions *opts);
/* Checks each given value against its spec's range and fixes it in run
 * (an explicit value overrides the optimizer's choice). */
gboolean svgai_cli_param_options_apply (const SvgaiCliParamOptions *opts,
                                        SvgaiPipelineOptions *run,
                                        GError **error);

/* Prints the colour options' warnings for one result to stderr. */
void svgai_cli_print_warnings (const char *input, const SvgaiResult *result);

/* Whether a numeric option's value is from 0 to max (not NaN); prints the
 * error when not. */
gboolean svgai_cli_check_range (const char *option, double value, double max);

/* --tier: fills *tier, or prints the error; NULL text leaves it. */
gboolean svgai_cli_parse_tier (const char *text, int *tier);

G_END_DECLS
