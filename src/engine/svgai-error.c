#include "svgai.h"

/* Not G_DEFINE_QUARK: its cached value is written unsynchronised on first
 * use, and two batch workers failing their first image at once race on it
 * (ThreadSanitizer). Both store the same value, atomically. */
GQuark
svgai_error_quark (void)
{
  static gint quark;
  GQuark q = (GQuark) g_atomic_int_get (&quark);

  if (q == 0)
    {
      q = g_quark_from_static_string ("svgai-error-quark");
      g_atomic_int_set (&quark, (gint) q);
    }
  return q;
}
