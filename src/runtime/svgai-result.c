#include "svgai-config.h"

#include "svgai-result.h"

#include <math.h>
#include <glib/gi18n-lib.h>

SvgaiResult *
svgai_result_new (void)
{
  SvgaiResult *result = g_new0 (SvgaiResult, 1);

  g_atomic_ref_count_init (&result->ref_count);
  result->tier = -1;
  result->predicted_ssim = NAN;
  return result;
}

SvgaiResult *
svgai_result_ref (SvgaiResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_atomic_ref_count_inc (&result->ref_count);
  return result;
}

void
svgai_result_unref (SvgaiResult *result)
{
  if (result == NULL || !g_atomic_ref_count_dec (&result->ref_count))
    return;
  g_clear_pointer (&result->conversion, svgai_conversion_unref);
  g_clear_pointer (&result->render, svgai_image_unref);
  g_free (result);
}

const SvgaiParams *
svgai_result_get_params (const SvgaiResult *r)
{
  return &r->conversion->params;
}

GBytes *
svgai_result_get_svg (const SvgaiResult *r)
{
  return r->conversion->svg;
}

const SvgaiVector *
svgai_result_get_vector (const SvgaiResult *r)
{
  return r->conversion->vector;
}

guint
svgai_result_get_n_paths (const SvgaiResult *r)
{
  return r->conversion->paths;
}

guint
svgai_result_get_n_nodes (const SvgaiResult *r)
{
  return r->conversion->nodes;
}

const SvgaiQuality *
svgai_result_get_quality (const SvgaiResult *r)
{
  return r->conversion->measured ? &r->conversion->quality : NULL;
}

gboolean
svgai_result_check_resemblance (const SvgaiResult *r, const char *name, GError **error)
{
  const SvgaiQuality *q = svgai_result_get_quality (r);
  const SvgaiVector *v = svgai_result_get_vector (r);

  /* Below the 11 px SSIM window the score says little (a 1 px strip, a
   * 2 × 1 image): no verdict. */
  if (q == NULL || q->ssim >= SVGAI_MIN_RESEMBLANCE_SSIM || v == NULL ||
      v->width < SVGAI_RESEMBLANCE_MIN_SIDE || v->height < SVGAI_RESEMBLANCE_MIN_SIDE)
    return TRUE;
  g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_FAILED,
               _("%s: the SVG does not resemble its source (SSIM %.3f, below %.1f): is this a photo or noise "
                 "rather than a logo?"), name, q->ssim, SVGAI_MIN_RESEMBLANCE_SSIM);
  return FALSE;
}

SvgaiImage *
svgai_result_get_render (const SvgaiResult *r)
{
  return r->render;
}

SvgaiImage *
svgai_result_steal_render (SvgaiResult *r)
{
  g_return_val_if_fail (r != NULL, NULL);
  g_return_val_if_fail (g_atomic_ref_count_compare (&r->ref_count, 1), NULL);
  return g_steal_pointer (&r->render);
}

double
svgai_result_get_stage_ms (const SvgaiResult *r, SvgaiStage stage)
{
  g_return_val_if_fail (stage < SVGAI_N_STAGES, 0);
  return r->stage_ms[stage];
}

const SvgaiFeatures *
svgai_result_get_features (const SvgaiResult *r)
{
  return r->has_features ? &r->features : NULL;
}

const SvgaiClassification *
svgai_result_get_classification (const SvgaiResult *r)
{
  return r->classified ? &r->classification : NULL;
}

int
svgai_result_get_tier (const SvgaiResult *r)
{
  return r->tier;
}

const SvgaiParams *
svgai_result_get_auto_params (const SvgaiResult *r)
{
  return r->has_auto_params ? &r->auto_params : NULL;
}

guint
svgai_result_get_n_candidates (const SvgaiResult *r)
{
  return r->candidates;
}

guint
svgai_result_get_n_traced (const SvgaiResult *r)
{
  return r->traced;
}

double
svgai_result_get_predicted_ssim (const SvgaiResult *r)
{
  return r->predicted_ssim;
}

gboolean
svgai_result_get_features_cached (const SvgaiResult *r)
{
  return r->features_cached;
}

gboolean
svgai_result_get_trace_cached (const SvgaiResult *r)
{
  return r->trace_cached;
}

gboolean
svgai_result_is_provisional (const SvgaiResult *r)
{
  return r->provisional;
}
