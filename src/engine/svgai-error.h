#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One error domain for the engine: every failure a user can cause is
 * reported with one of these codes and a sentence naming the file. */
#define SVGAI_ERROR (svgai_error_quark ())

typedef enum {
  SVGAI_ERROR_NOT_IMAGE,    /* the bytes are not an image format we read */
  SVGAI_ERROR_CORRUPT,      /* truncated or damaged image data */
  SVGAI_ERROR_EMPTY,        /* zero-byte file, or a 0×N image */
  SVGAI_ERROR_TOO_LARGE,    /* over the pixel or memory limit */
  SVGAI_ERROR_IO,           /* could not read or write a file */
  SVGAI_ERROR_INVALID,      /* a parameter out of range */
  SVGAI_ERROR_CANCELLED,
  SVGAI_ERROR_FAILED,       /* anything else (e.g. the tracer ran out of memory) */
} SvgaiErrorCode;

GQuark svgai_error_quark (void);

G_END_DECLS
