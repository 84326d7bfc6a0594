#include "svgai.h"

G_DEFINE_QUARK (svgai-error-quark, svgai_error)
