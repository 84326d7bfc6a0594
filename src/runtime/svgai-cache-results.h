#pragma once

#include <glib.h>
#include "svgai.h"
#include "engine/svgai-convert.h"

G_BEGIN_DECLS

/* The result cache: conversions keyed by (pixel hash, whether the pixels
 * were decoded from a lossy file, requested parameters, whether quality
 * was measured), in memory only, bounded in bytes, so that
 * going back to earlier parameters in the app is instant. Thread-safe.
 * Counts cache.results.hit / .miss in the default monitor. */

#define SVGAI_RESULT_CACHE_DEFAULT_BYTES (32u << 20)

typedef struct _SvgaiResultCache SvgaiResultCache;

SvgaiResultCache *svgai_result_cache_new (gsize max_bytes);
void svgai_result_cache_free (SvgaiResultCache *cache);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvgaiResultCache, svgai_result_cache_free)
SvgaiResultCache *svgai_result_cache_get_default (void);

/* The cached conversion (a new reference; conversions are immutable). A
 * measured request is only answered by a measured conversion. NULL on a
 * miss. */
SvgaiConversion *svgai_result_cache_lookup (SvgaiResultCache *cache,
                                            const char *hash,
                                            gboolean lossy,
                                            const SvgaiParams *requested,
                                            gboolean measured);
void svgai_result_cache_store (SvgaiResultCache *cache,
                               const char *hash,
                               gboolean lossy,
                               const SvgaiParams *requested,
                               SvgaiConversion *conversion);
void svgai_result_cache_clear (SvgaiResultCache *cache);
guint svgai_result_cache_get_length (SvgaiResultCache *cache);
gsize svgai_result_cache_get_bytes (SvgaiResultCache *cache);

G_END_DECLS
