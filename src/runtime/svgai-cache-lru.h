#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A string-keyed least-recently-used map bounded in bytes, shared by the
 * feature and result caches. Thread-safe: every call takes its lock. */
typedef struct _SvgaiLru SvgaiLru;

/* copy: makes what lookup hands out (called under the lock, so a ref or a
 * copy is safe against a concurrent eviction); free_value: drops a value. */
SvgaiLru *svgai_lru_new (gsize max_bytes, GBoxedCopyFunc copy, GDestroyNotify free_value);
void svgai_lru_free (SvgaiLru *lru);

/* A copy of the value, marked most recently used, or NULL. */
gpointer svgai_lru_lookup (SvgaiLru *lru, const char *key);
/* Takes value; replaces an entry with the same key; evicts the least
 * recently used entries until the total is within the bound. A value larger
 * than the whole bound is dropped at once. cost is its size in bytes. */
void svgai_lru_insert (SvgaiLru *lru, const char *key, gpointer value, gsize cost);
void svgai_lru_clear (SvgaiLru *lru);

gsize svgai_lru_get_bytes (SvgaiLru *lru);
guint svgai_lru_get_length (SvgaiLru *lru);
guint64 svgai_lru_get_evictions (SvgaiLru *lru);

G_END_DECLS
