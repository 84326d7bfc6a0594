#include "svgai-cache-lru.h"

#include <string.h>

typedef struct {
  char *key;
  gpointer value;
  gsize cost;
  GList link;               /* in lru->order, data = this entry */
} Entry;

struct _SvgaiLru {
  GMutex lock;
  GHashTable *map;          /* key → Entry* */
  GQueue order;             /* head = most recently used */
  gsize bytes;
  gsize max_bytes;
  guint64 evictions;
  GBoxedCopyFunc copy;
  GDestroyNotify free_value;
};

/* What an entry costs beyond its value: the entry, its key and a hash slot. */
#define ENTRY_OVERHEAD (sizeof (Entry) + 32)

SvgaiLru *
svgai_lru_new (gsize max_bytes, GBoxedCopyFunc copy, GDestroyNotify free_value)
{
  SvgaiLru *lru = g_new0 (SvgaiLru, 1);

  g_return_val_if_fail (copy != NULL && free_value != NULL, NULL);
  g_mutex_init (&lru->lock);
  lru->map = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&lru->order);
  lru->max_bytes = max_bytes;
  lru->copy = copy;
  lru->free_value = free_value;
  return lru;
}

static void
entry_remove (SvgaiLru *lru, Entry *e)
{
  g_hash_table_remove (lru->map, e->key);
  g_queue_unlink (&lru->order, &e->link);
  lru->bytes -= e->cost;
  lru->free_value (e->value);
  g_free (e->key);
  g_free (e);
}

static void
trim (SvgaiLru *lru)
{
  while (lru->bytes > lru->max_bytes && lru->order.tail != NULL)
    {
      entry_remove (lru, lru->order.tail->data);
      lru->evictions++;
    }
}

void
svgai_lru_clear (SvgaiLru *lru)
{
  g_mutex_lock (&lru->lock);
  while (lru->order.head != NULL)
    entry_remove (lru, lru->order.head->data);
  g_mutex_unlock (&lru->lock);
}

void
svgai_lru_free (SvgaiLru *lru)
{
  if (lru == NULL)
    return;
  svgai_lru_clear (lru);
  g_hash_table_unref (lru->map);
  g_mutex_clear (&lru->lock);
  g_free (lru);
}

gpointer
svgai_lru_lookup (SvgaiLru *lru, const char *key)
{
  Entry *e;
  gpointer copy = NULL;

  g_mutex_lock (&lru->lock);
  e = g_hash_table_lookup (lru->map, key);
  if (e != NULL)
    {
      g_queue_unlink (&lru->order, &e->link);
      g_queue_push_head_link (&lru->order, &e->link);
      copy = lru->copy (e->value);
    }
  g_mutex_unlock (&lru->lock);
  return copy;
}

void
svgai_lru_insert (SvgaiLru *lru, const char *key, gpointer value, gsize cost)
{
  Entry *e, *old;

  cost += ENTRY_OVERHEAD + strlen (key);
  g_mutex_lock (&lru->lock);
  old = g_hash_table_lookup (lru->map, key);
  if (old != NULL)
    entry_remove (lru, old);
  if (cost > lru->max_bytes)
    {
      g_mutex_unlock (&lru->lock);
      lru->free_value (value);
      return;
    }
  e = g_new0 (Entry, 1);
  e->key = g_strdup (key);
  e->value = value;
  e->cost = cost;
  e->link.data = e;
  g_hash_table_insert (lru->map, e->key, e);
  g_queue_push_head_link (&lru->order, &e->link);
  lru->bytes += cost;
  trim (lru);
  g_mutex_unlock (&lru->lock);
}

gsize
svgai_lru_get_bytes (SvgaiLru *lru)
{
  gsize n;

  g_mutex_lock (&lru->lock);
  n = lru->bytes;
  g_mutex_unlock (&lru->lock);
  return n;
}

guint
svgai_lru_get_length (SvgaiLru *lru)
{
  guint n;

  g_mutex_lock (&lru->lock);
  n = g_hash_table_size (lru->map);
  g_mutex_unlock (&lru->lock);
  return n;
}

guint64
svgai_lru_get_evictions (SvgaiLru *lru)
{
  guint64 n;

  g_mutex_lock (&lru->lock);
  n = lru->evictions;
  g_mutex_unlock (&lru->lock);
  return n;
}
