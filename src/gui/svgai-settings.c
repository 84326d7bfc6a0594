#include "svgai-config.h"
#include "svgai-settings.h"

GSettings *
svgai_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SVGAI_APP_ID, TRUE);
#ifdef SVGAI_SCHEMA_BUILD_DIR
  if (schema == NULL)
    {
      g_autoptr(GSettingsSchemaSource) build = NULL;

      build = g_settings_schema_source_new_from_directory (SVGAI_SCHEMA_BUILD_DIR, source, FALSE, NULL);
      if (build != NULL)
        schema = g_settings_schema_source_lookup (build, SVGAI_APP_ID, FALSE);
    }
#endif
  if (schema == NULL)
    g_error ("The GSettings schema %s is not installed: run “ninja install” or set GSETTINGS_SCHEMA_DIR",
             SVGAI_APP_ID);
  return g_settings_new_full (schema, NULL, NULL);
}
