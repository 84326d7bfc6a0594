#include "svgai.h"
#include "svgai-result.h"

#include <math.h>

void
svgai_report_add_params (JsonBuilder *b, const SvgaiParams *params)
{
  guint n;
  const SvgaiParamSpec *specs = svgai_params_get_specs (&n);

  json_builder_begin_object (b);
  for (guint i = 0; i < n; i++)
    {
      double v = svgai_params_get (params, specs[i].name);

      json_builder_set_member_name (b, specs[i].name);
      if (specs[i].is_integer)
        json_builder_add_int_value (b, (gint64) v);
      else
        json_builder_add_double_value (b, v);
    }
  json_builder_set_member_name (b, "layering");
  json_builder_add_string_value (b, svgai_layering_to_string (params->layering));
  json_builder_end_object (b);
}

void
svgai_report_add_features (JsonBuilder *b, const SvgaiFeatures *features)
{
  json_builder_begin_object (b);
  for (int f = 0; f < SVGAI_N_FEATURES; f++)
    {
      json_builder_set_member_name (b, svgai_feature_get_name (f));
      json_builder_add_double_value (b, svgai_features_get (features, f));
    }
  json_builder_end_object (b);
}

/* "palette": [{"color": "#1e88e5", "share": 0.61, "locked": false}, …] and
 * "warnings": [...] (issue 14). */
static void
add_palette (JsonBuilder *b, const SvgaiResult *r)
{
  guint n = 0;
  const SvgaiSwatch *sw = svgai_result_get_palette (r, &n);
  const char *w;

  json_builder_set_member_name (b, "palette");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *color = svgai_color_to_string (&sw[i].color);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "color");
      json_builder_add_string_value (b, color);
      json_builder_set_member_name (b, "share");
      json_builder_add_double_value (b, sw[i].share);
      json_builder_set_member_name (b, "locked");
      json_builder_add_boolean_value (b, sw[i].locked);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; (w = svgai_result_get_warning (r, i)) != NULL; i++)
    json_builder_add_string_value (b, w);
  json_builder_end_array (b);
}

void
svgai_report_add_result (JsonBuilder *b, const SvgaiResult *r)
{
  json_builder_set_member_name (b, "params");
  svgai_report_add_params (b, &r->conversion->params);

  json_builder_set_member_name (b, "stages_ms");
  json_builder_begin_object (b);
  for (int s = 0; s < SVGAI_N_STAGES; s++)
    {
      json_builder_set_member_name (b, svgai_stage_to_string (s));
      json_builder_add_double_value (b, round (r->stage_ms[s] * 1000) / 1000);
    }
  json_builder_end_object (b);

  if (r->conversion->measured)
    {
      json_builder_set_member_name (b, "ssim");
      json_builder_add_double_value (b, r->conversion->quality.ssim);
      json_builder_set_member_name (b, "psnr");
      /* JSON has no infinity: identical images report null. */
      if (isfinite (r->conversion->quality.psnr))
        json_builder_add_double_value (b, r->conversion->quality.psnr);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "mse");
      json_builder_add_double_value (b, r->conversion->quality.mse);
    }
  if (r->classified)
    {
      json_builder_set_member_name (b, "class");
      json_builder_add_string_value (b, svgai_logo_class_to_string (r->classification.logo_class));
      json_builder_set_member_name (b, "confidence");
      json_builder_add_double_value (b, r->classification.confidence);
    }
  if (r->tier >= 0)
    {
      json_builder_set_member_name (b, "tier");
      json_builder_add_string_value (b, svgai_tier_to_string (r->tier));
    }
  if (isfinite (r->predicted_ssim))
    {
      json_builder_set_member_name (b, "predicted_ssim");
      json_builder_add_double_value (b, r->predicted_ssim);
    }
  if (r->has_features)
    {
      json_builder_set_member_name (b, "features");
      svgai_report_add_features (b, &r->features);
      json_builder_set_member_name (b, "features_cached");
      json_builder_add_boolean_value (b, r->features_cached);
    }
  json_builder_set_member_name (b, "bytes");
  json_builder_add_int_value (b, (gint64) g_bytes_get_size (r->conversion->svg));
  json_builder_set_member_name (b, "paths");
  json_builder_add_int_value (b, r->conversion->paths);
  json_builder_set_member_name (b, "nodes");
  json_builder_add_int_value (b, r->conversion->nodes);
  add_palette (b, r);
}
