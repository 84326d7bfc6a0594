#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SVGAI_LAYERING_STACKED,   /* each colour's shape also covers the colours above it: no seams */
  SVGAI_LAYERING_CUTOUT,    /* each colour only where it is: shapes do not overlap */
} SvgaiLayering;

/* Tracing parameters. 0 for colors or upsample means "choose automatically";
 * the result of a conversion records the values actually used. */
typedef struct {
  int colors;               /* maximum palette size, 0 = auto, else 1..SVGAI_MAX_COLORS */
  int speckle;              /* potrace turdsize: drop shapes up to this many source pixels */
  double smooth;            /* potrace alphamax: 0 = polygons, 1.334 = smoothest */
  double tolerance;         /* potrace opttolerance: curve merging tolerance, in source pixels */
  SvgaiLayering layering;
  int upsample;             /* trace at this multiple of the source size, 0 = auto, else 1..4 */
} SvgaiParams;

#define SVGAI_MAX_COLORS 32

/* Describes one numeric parameter, for --help, the app's controls and JSON. */
typedef struct {
  const char *name;         /* e.g. "colors", as in the CLI option and JSON */
  const char *description;
  double min;
  double max;
  double default_value;
  gboolean is_integer;
  gboolean zero_is_auto;
} SvgaiParamSpec;

void svgai_params_init_default (SvgaiParams *params);
/* The numeric parameters, in a stable order; n_specs receives the count. */
const SvgaiParamSpec *svgai_params_get_specs (guint *n_specs);
const SvgaiParamSpec *svgai_params_find_spec (const char *name);
/* Reads/writes a numeric parameter by its spec name. */
double svgai_params_get (const SvgaiParams *params, const char *name);
void svgai_params_set (SvgaiParams *params, const char *name, double value);
/* Checks every field against its range. */
gboolean svgai_params_validate (const SvgaiParams *params, GError **error);
gboolean svgai_params_equal (const SvgaiParams *a, const SvgaiParams *b);
const char *svgai_layering_to_string (SvgaiLayering layering);
gboolean svgai_layering_from_string (const char *s, SvgaiLayering *out);

G_END_DECLS
