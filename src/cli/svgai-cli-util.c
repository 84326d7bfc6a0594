/* What every subcommand of svg-ai-cli shares: errors, option parsing,
 * file names, medians and JSON output. */
#include "svgai-config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include "svgai-cli.h"

static char *
file_key (const char *path)
{
  GStatBuf st;

  if (path == NULL || g_stat (path, &st) != 0)
    return NULL;
  return g_strdup_printf ("%ju:%ju", (uintmax_t) st.st_dev, (uintmax_t) st.st_ino);
}

GHashTable *
svgai_cli_file_set_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
svgai_cli_file_set_add (GHashTable *set, const char *path)
{
  char *key = file_key (path);

  if (key)
    g_hash_table_add (set, key);
}

gboolean
svgai_cli_file_set_contains (GHashTable *set, const char *path)
{
  g_autofree char *key = file_key (path);

  return key != NULL && g_hash_table_contains (set, key);
}

gboolean
svgai_cli_runs_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  return exe != NULL && g_str_has_prefix (exe, SVGAI_BUILD_ROOT G_DIR_SEPARATOR_S);
}

void
svgai_cli_setup_locale (void)
{
  setlocale (LC_ALL, "");
  /* Run from the build tree, the catalogues are the ones built in po/ there. */
  bindtextdomain (GETTEXT_PACKAGE, svgai_cli_runs_from_build_tree () ? SVGAI_BUILD_LOCALEDIR : SVGAI_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

int
svgai_cli_finish (int status)
{
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      int e = errno ? errno : EIO;

      svgai_cli_error (_("standard output: %s"), g_strerror (e));
      return status == SVGAI_EXIT_OK ? SVGAI_EXIT_FAILED : status;
    }
  return status;
}

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
  gboolean options_end = FALSE;

  for (int i = 0; i < *argc; i++)
    {
      /* After "--" every argument is a file, "-j5.png" too. */
      if (strcmp (argv[i], "--") == 0)
        options_end = TRUE;
      if (!options_end && g_str_has_prefix (argv[i], "-j") && g_ascii_isdigit (argv[i][2]))
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

gboolean
svgai_cli_check_range (const char *option, double value, double max)
{
  /* NaN fails both comparisons. */
  if (value >= 0 && value <= max)
    return TRUE;
  svgai_cli_error (_("--%s must be a number from 0 to %g, not %g"), option, max, value);
  return FALSE;
}

gboolean
svgai_cli_parse_tier (const char *text, int *tier)
{
  SvgaiTier t;

  if (text == NULL)
    return TRUE;
  if (!svgai_tier_from_string (text, &t))
    {
      svgai_cli_error (_("--tier must be fast, balanced or quality, not '%s'"), text);
      return FALSE;
    }
  *tier = t;
  return TRUE;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
svgai_cli_median (GArray *values)
{
  guint n = values->len;

  if (n == 0)
    return NAN;
  g_array_sort (values, compare_doubles);
  return n % 2 ? g_array_index (values, double, n / 2)
               : (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2;
}

void
svgai_cli_json_add_text (JsonBuilder *builder, const char *text)
{
  GString *out;
  const char *p, *end;

  if (text == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  if (g_utf8_validate (text, -1, NULL))
    {
      json_builder_add_string_value (builder, text);
      return;
    }
  out = g_string_new (NULL);
  for (p = text; *p != '\0'; p = end)
    {
      if (g_utf8_validate (p, -1, &end))
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, end - p);
      if (*end == '\0')
        break;
      g_string_append_printf (out, "\\x%02X", (guint8) *end);
      end++;
    }
  json_builder_add_string_value (builder, out->str);
  g_string_free (out, TRUE);
}

gboolean
svgai_cli_print_json (JsonBuilder *builder, FILE *out, gboolean pretty)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, pretty);

  return fprintf (out, "%s\n", text) >= 0 && fflush (out) == 0;
}
