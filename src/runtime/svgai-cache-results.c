#include "svgai-cache-results.h"

#include "svgai-cache-lru.h"
#include "svgai.h"

struct _SvgaiResultCache {
  SvgaiLru *lru;
};

SvgaiResultCache *
svgai_result_cache_new (gsize max_bytes)
{
  SvgaiResultCache *cache = g_new0 (SvgaiResultCache, 1);

  cache->lru = svgai_lru_new (max_bytes ? max_bytes : SVGAI_RESULT_CACHE_DEFAULT_BYTES,
                              (GBoxedCopyFunc) svgai_conversion_ref, (GDestroyNotify) svgai_conversion_unref);
  return cache;
}

void
svgai_result_cache_free (SvgaiResultCache *cache)
{
  if (cache == NULL)
    return;
  svgai_lru_free (cache->lru);
  g_free (cache);
}

SvgaiResultCache *
svgai_result_cache_get_default (void)
{
  static SvgaiResultCache *cache = NULL;

  if (g_once_init_enter (&cache))
    g_once_init_leave (&cache, svgai_result_cache_new (0));
  return cache;
}

/* Exact parameters: %a prints doubles without rounding. The same pixels
 * decoded from a lossy file are restored before tracing (and a background
 * is removed from them by other rules), so they trace to another result:
 * the lossy flag is part of the key. */
static char *
make_key (const char *hash, gboolean lossy, const SvgaiParams *p, gboolean measured)
{
  g_autofree char *color = svgai_params_color_key (p);

  return g_strdup_printf ("%s|j%d|c%d|s%d|a%a|t%a|l%d|u%d|m%d|%s", hash, lossy ? 1 : 0, p->colors, p->speckle,
                          p->smooth, p->tolerance, (int) p->layering, p->upsample, measured ? 1 : 0, color);
}

SvgaiConversion *
svgai_result_cache_lookup (SvgaiResultCache *cache, const char *hash, gboolean lossy,
                           const SvgaiParams *requested, gboolean measured)
{
  g_autofree char *key = NULL;
  SvgaiConversion *hit;

  g_return_val_if_fail (cache != NULL && hash != NULL && requested != NULL, NULL);

  /* A measured entry also answers an unmeasured request. */
  key = make_key (hash, lossy, requested, TRUE);
  hit = svgai_lru_lookup (cache->lru, key);
  if (hit == NULL && !measured)
    {
      g_free (key);
      key = make_key (hash, lossy, requested, FALSE);
      hit = svgai_lru_lookup (cache->lru, key);
    }
  if (hit == NULL)
    {
      svgai_perf_count (NULL, "cache.results.miss", 1);
      return NULL;
    }
  svgai_perf_count (NULL, "cache.results.hit", 1);
  return hit;
}

void
svgai_result_cache_store (SvgaiResultCache *cache, const char *hash, gboolean lossy,
                          const SvgaiParams *requested, SvgaiConversion *conversion)
{
  g_autofree char *key = NULL;

  g_return_if_fail (cache != NULL && hash != NULL && requested != NULL && conversion != NULL);

  key = make_key (hash, lossy, requested, conversion->measured);
  svgai_lru_insert (cache->lru, key, svgai_conversion_ref (conversion), svgai_conversion_get_cost (conversion));
}

void
svgai_result_cache_clear (SvgaiResultCache *cache)
{
  svgai_lru_clear (cache->lru);
}

guint
svgai_result_cache_get_length (SvgaiResultCache *cache)
{
  return svgai_lru_get_length (cache->lru);
}

gsize
svgai_result_cache_get_bytes (SvgaiResultCache *cache)
{
  return svgai_lru_get_bytes (cache->lru);
}
