#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SVGAI_TYPE_APPLICATION (svgai_application_get_type ())
G_DECLARE_FINAL_TYPE (SvgaiApplication, svgai_application, SVGAI, APPLICATION, AdwApplication)

SvgaiApplication *svgai_application_new (GApplicationFlags extra_flags);

G_END_DECLS
