#include "svgai.h"

#include <stdio.h>
#include <string.h>

/* Reads one "Name:   N kB" line of /proc/self/status. */
static guint64
read_status_kb (const char *field)
{
  FILE *f = fopen ("/proc/self/status", "re");
  char line[256];
  gsize flen = strlen (field);
  guint64 kb = 0;

  if (f == NULL)
    return 0;
  while (fgets (line, sizeof line, f) != NULL)
    {
      if (strncmp (line, field, flen) == 0 && line[flen] == ':')
        {
          kb = g_ascii_strtoull (line + flen + 1, NULL, 10);
          break;
        }
    }
  fclose (f);
  return kb * 1024;
}

guint64
svgai_memory_rss (void)
{
  return read_status_kb ("VmRSS");
}

guint64
svgai_memory_peak_rss (void)
{
  return read_status_kb ("VmHWM");
}
