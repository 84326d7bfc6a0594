/* Shared by the tests that read the devset beside the project
 * (../shared/devset, read-only; absent on some machines). */
#pragma once

#include <glib.h>

/* ../shared/devset/SET[/NAME] from the source tree; NULL, with the test
 * marked skipped (loudly), when it is not there. */
static inline char *
test_devset_path (const char *set, const char *name)
{
  const char *source = g_getenv ("SVGAI_SOURCE_DIR");
  char *path = g_build_filename (source ? source : ".", "..", "shared", "devset", set, name, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip_printf ("%s not found: NOT checked", path);
      g_free (path);
      return NULL;
    }
  return path;
}
