#pragma once

#include <glib.h>
#include "engine/svgai-params.h"
#include "svgai-pipeline.h"

G_BEGIN_DECLS

/* The result cache: conversions keyed by (pixel hash, requested parameters,
 * whether quality was measured), in memory only, bounded in bytes, so that
 * going back to earlier parameters in the app is instant. Thread-safe.
 * Counts cache.results.hit / .miss in the default monitor. */

#define SVGAI_RESULT_CACHE_DEFAULT_BYTES (32u << 20)

typedef struct _SvgaiResultCache SvgaiResultCache;

SvgaiResultCache *svgai_result_cache_new (gsize max_bytes);
void svgai_result_cache_free (SvgaiResultCache *cache);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvgaiResultCache, svgai_result_cache_free)
SvgaiResultCache *svgai_result_cache_get_default (void);

/* A new SvgaiResult sharing the cached geometry and SVG (both immutable):
 * the caller may change its per-run fields (stage times, …) freely. A
 * measured request is only answered by a measured result. NULL on a miss. */
SvgaiResult *svgai_result_cache_lookup (SvgaiResultCache *cache,
                                        const char *hash,
                                        const SvgaiParams *requested,
                                        gboolean measured);
void svgai_result_cache_store (SvgaiResultCache *cache,
                               const char *hash,
                               const SvgaiParams *requested,
                               SvgaiResult *result);
void svgai_result_cache_clear (SvgaiResultCache *cache);
guint svgai_result_cache_get_length (SvgaiResultCache *cache);
gsize svgai_result_cache_get_bytes (SvgaiResultCache *cache);

/* A shallow copy as lookup returns it. */
SvgaiResult *svgai_result_copy (const SvgaiResult *result);

G_END_DECLS
