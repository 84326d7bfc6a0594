#include "svgai-cache-results.h"

#include "svgai-cache-lru.h"
#include "svgai-perf.h"

struct _SvgaiResultCache {
  SvgaiLru *lru;
};

SvgaiResult *
svgai_result_copy (const SvgaiResult *r)
{
  SvgaiResult *copy = g_new (SvgaiResult, 1);

  *copy = *r;
  g_atomic_ref_count_init (&copy->ref_count);
  if (copy->vector)
    svgai_vector_ref (copy->vector);
  if (copy->svg)
    g_bytes_ref (copy->svg);
  return copy;
}

SvgaiResultCache *
svgai_result_cache_new (gsize max_bytes)
{
  SvgaiResultCache *cache = g_new0 (SvgaiResultCache, 1);

  cache->lru = svgai_lru_new (max_bytes ? max_bytes : SVGAI_RESULT_CACHE_DEFAULT_BYTES,
                              (GBoxedCopyFunc) svgai_result_ref, (GDestroyNotify) svgai_result_unref);
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

/* Exact parameters: %a prints doubles without rounding. */
static char *
make_key (const char *hash, const SvgaiParams *p, gboolean measured)
{
  return g_strdup_printf ("%s|c%d|s%d|a%a|t%a|l%d|u%d|m%d", hash, p->colors, p->speckle, p->smooth,
                          p->tolerance, (int) p->layering, p->upsample, measured ? 1 : 0);
}

SvgaiResult *
svgai_result_cache_lookup (SvgaiResultCache *cache, const char *hash, const SvgaiParams *requested,
                           gboolean measured)
{
  g_autofree char *key = NULL;
  g_autoptr(SvgaiResult) hit = NULL;

  g_return_val_if_fail (cache != NULL && hash != NULL && requested != NULL, NULL);

  /* A measured entry also answers an unmeasured request. */
  key = make_key (hash, requested, TRUE);
  hit = svgai_lru_lookup (cache->lru, key);
  if (hit == NULL && !measured)
    {
      g_free (key);
      key = make_key (hash, requested, FALSE);
      hit = svgai_lru_lookup (cache->lru, key);
    }
  if (hit == NULL)
    {
      svgai_perf_count (NULL, "cache.results.miss", 1);
      return NULL;
    }
  svgai_perf_count (NULL, "cache.results.hit", 1);
  return svgai_result_copy (hit);
}

static gsize
result_cost (const SvgaiResult *r)
{
  gsize cost = sizeof (SvgaiResult);

  if (r->svg)
    cost += g_bytes_get_size (r->svg);
  if (r->vector)
    {
      cost += sizeof (SvgaiVector);
      for (guint i = 0; i < r->vector->layers->len; i++)
        {
          SvgaiLayer *layer = g_ptr_array_index (r->vector->layers, i);

          cost += sizeof (SvgaiLayer) + layer->segments->len * sizeof (SvgaiSegment);
        }
    }
  return cost;
}

void
svgai_result_cache_store (SvgaiResultCache *cache, const char *hash, const SvgaiParams *requested,
                          SvgaiResult *result)
{
  g_autofree char *key = NULL;

  g_return_if_fail (cache != NULL && hash != NULL && requested != NULL && result != NULL);

  key = make_key (hash, requested, result->measured);
  /* A private copy, so the caller's later changes to its result stay its own. */
  svgai_lru_insert (cache->lru, key, svgai_result_copy (result), result_cost (result));
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
