/* fuzz-common.h: shared by the fuzz targets and their replay driver
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Decoders warn about damaged files; that is expected here. Criticals
 * (a failed g_return_if_fail: a bug) abort before reaching this. */
static inline void
fuzz_log_quiet (const char     *domain,
                GLogLevelFlags  level,
                const char     *message,
                gpointer        data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    fprintf (stderr, "%s: %s\n", domain ? domain : "fuzz", message);
}

/* Once per process: criticals are bugs, and the engine must not print. */
static inline void
fuzz_init (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL);
  g_log_set_default_handler (fuzz_log_quiet, NULL);
  /* A fuzzed cache or model must never reach the user's folders. */
  g_setenv ("XDG_CACHE_HOME", "/nonexistent/svgai-fuzz", TRUE);
}
