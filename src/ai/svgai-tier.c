/* The optimizer's tiers: their names and their defaults, in one table. */
#include "svgai.h"

typedef struct {
  const char *name;
  double time_limit_s;          /* the optimizer's budget (only the quality tier searches) */
  double features_time_limit_ms; /* feature extraction's budget; 0 = none */
} TierDefaults;

/* Feature extraction's share of each tier: the fast tier keeps only what
 * fits in a few tens of milliseconds at any size, the quality tier computes
 * everything. */
static const TierDefaults tiers[SVGAI_N_TIERS] = {
  [SVGAI_TIER_FAST] = { "fast", 0, 25 },
  [SVGAI_TIER_BALANCED] = { "balanced", 0, 200 },
  [SVGAI_TIER_QUALITY] = { "quality", 5.0, 0 },
};

const char *
svgai_tier_to_string (SvgaiTier tier)
{
  g_return_val_if_fail (tier < SVGAI_N_TIERS, NULL);
  return tiers[tier].name;
}

gboolean
svgai_tier_from_string (const char *s, SvgaiTier *out)
{
  for (guint i = 0; i < SVGAI_N_TIERS; i++)
    if (g_strcmp0 (s, tiers[i].name) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

double
svgai_tier_get_time_limit (SvgaiTier tier)
{
  g_return_val_if_fail (tier < SVGAI_N_TIERS, 0);
  return tiers[tier].time_limit_s;
}

double
svgai_tier_get_features_time_limit_ms (SvgaiTier tier)
{
  g_return_val_if_fail (tier < SVGAI_N_TIERS, 0);
  return tiers[tier].features_time_limit_ms;
}
