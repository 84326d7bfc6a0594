/* placeholder: being written (issue 3) */
#include "svgai-model.h"
gboolean svgai_models_ensure (GError **error) { return TRUE; }
gboolean svgai_models_load_from_dir (const char *dir, GError **error) { return TRUE; }
