#pragma once

#include <glib.h>
#include "ai/svgai-features.h"

G_BEGIN_DECLS

/* The feature cache: features keyed by the SHA-256 of the decoded pixels
 * (svgai_image_get_hash()), in an in-memory LRU bounded in bytes and on disk
 * as one small JSON file per image under $XDG_CACHE_HOME/svg-ai/features/.
 *
 * Only complete extractions are kept (none of the values estimated because
 * a time limit ran out), so a hit is always as good as extracting again.
 * A disk entry that cannot be read, does not parse, has another format
 * version or the wrong values is ignored (a miss) and rewritten by the next
 * store: never an error. Files are written to a temporary name and renamed,
 * so several threads and processes can share the folder; the last writer of
 * an entry wins, and every reader sees a whole file.
 *
 * Hits and misses are counted in the default monitor (svgai-perf.h):
 * cache.features.memory_hit, .disk_hit, .miss, .corrupt, .store. */

#define SVGAI_FEATURE_CACHE_FORMAT 2
#define SVGAI_FEATURE_CACHE_DEFAULT_BYTES (64u << 20)
/* On disk: at most about this many entries (each a file of ~700 bytes, a
 * 4 KB block on most file systems: 64 MB). The least recently used go
 * first: a hit touches its file. Each of the 256 sub-folders holds its
 * share, trimmed when a store lands in it (every few stores). */
#define SVGAI_FEATURE_CACHE_DEFAULT_DISK_ENTRIES 16384

typedef struct _SvgaiFeatureCache SvgaiFeatureCache;

typedef enum {
  SVGAI_CACHE_MISS,
  SVGAI_CACHE_MEMORY_HIT,
  SVGAI_CACHE_DISK_HIT,
} SvgaiCacheHit;

/* dir NULL means $XDG_CACHE_HOME/svg-ai/features (created when first
 * written); max_bytes 0 means the default. use_disk FALSE keeps it in memory. */
SvgaiFeatureCache *svgai_feature_cache_new (const char *dir, gsize max_bytes, gboolean use_disk);
void svgai_feature_cache_free (SvgaiFeatureCache *cache);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SvgaiFeatureCache, svgai_feature_cache_free)

/* 0 restores the default. Takes effect from the next trim. */
void svgai_feature_cache_set_max_disk_entries (SvgaiFeatureCache *cache, guint n);

/* The process-wide cache the pipeline uses. */
SvgaiFeatureCache *svgai_feature_cache_get_default (void);

SvgaiCacheHit svgai_feature_cache_lookup (SvgaiFeatureCache *cache,
                                          const char *hash,
                                          SvgaiFeatures *out);
/* Ignored when any value is estimated. Disk errors are logged (g_debug)
 * and otherwise ignored: the cache is an optimisation. */
void svgai_feature_cache_store (SvgaiFeatureCache *cache,
                                const char *hash,
                                const SvgaiFeatures *features);
/* Forgets the in-memory entries (the disk stays). */
void svgai_feature_cache_clear_memory (SvgaiFeatureCache *cache);
const char *svgai_feature_cache_get_dir (SvgaiFeatureCache *cache);
/* The file an entry lives in, for tests and tools. */
char *svgai_feature_cache_get_path (SvgaiFeatureCache *cache, const char *hash);
gsize svgai_feature_cache_get_memory_bytes (SvgaiFeatureCache *cache);

G_END_DECLS
