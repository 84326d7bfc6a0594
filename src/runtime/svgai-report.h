#pragma once

#include <json-glib/json-glib.h>
#include "engine/svgai-params.h"
#include "svgai-pipeline.h"

G_BEGIN_DECLS

/* JSON views of the engine's data, shared by the CLI, batch reports and
 * the app's "copy report". */
void svgai_report_add_params (JsonBuilder *builder, const SvgaiParams *params);
/* Adds params, stage times, quality and size members to an open object. */
void svgai_report_add_result (JsonBuilder *builder, const SvgaiResult *result);

G_END_DECLS
