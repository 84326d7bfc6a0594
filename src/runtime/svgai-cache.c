#include "svgai-cache.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include "svgai-cache-lru.h"
#include "svgai-cache-trim.h"
#include "svgai.h"

/* A folder is trimmed on every TRIM_EVERY-th store of the process (the
 * first included), so a folder holds at most its share plus a few. */
#define TRIM_EVERY 8
#define SUBFOLDERS 256
/* Temporary files older than this are a dead writer's, not a live one's. */
#define STALE_TEMP_SECONDS 3600

struct _SvgaiFeatureCache {
  char *dir;
  gboolean use_disk;
  SvgaiLru *memory;
  gint max_disk_entries;    /* atomic */
  gint stores;              /* atomic */
};

static gpointer
features_copy (gconstpointer f)
{
  return g_memdup2 (f, sizeof (SvgaiFeatures));
}

SvgaiFeatureCache *
svgai_feature_cache_new (const char *dir, gsize max_bytes, gboolean use_disk)
{
  SvgaiFeatureCache *cache = g_new0 (SvgaiFeatureCache, 1);

  cache->dir = dir ? g_strdup (dir) : g_build_filename (g_get_user_cache_dir (), "svg-ai", "features", NULL);
  cache->use_disk = use_disk;
  cache->max_disk_entries = SVGAI_FEATURE_CACHE_DEFAULT_DISK_ENTRIES;
  cache->memory = svgai_lru_new (max_bytes ? max_bytes : SVGAI_FEATURE_CACHE_DEFAULT_BYTES,
                                 (GBoxedCopyFunc) features_copy, g_free);
  return cache;
}

void
svgai_feature_cache_free (SvgaiFeatureCache *cache)
{
  if (cache == NULL)
    return;
  svgai_lru_free (cache->memory);
  g_free (cache->dir);
  g_free (cache);
}

void
svgai_feature_cache_set_max_disk_entries (SvgaiFeatureCache *cache, guint n)
{
  g_return_if_fail (cache != NULL);
  g_atomic_int_set (&cache->max_disk_entries, (gint) MIN (n ? n : SVGAI_FEATURE_CACHE_DEFAULT_DISK_ENTRIES, G_MAXINT));
}

SvgaiFeatureCache *
svgai_feature_cache_get_default (void)
{
  static SvgaiFeatureCache *cache = NULL;

  if (g_once_init_enter (&cache))
    g_once_init_leave (&cache, svgai_feature_cache_new (NULL, 0, TRUE));
  return cache;
}

const char *
svgai_feature_cache_get_dir (SvgaiFeatureCache *cache)
{
  return cache->dir;
}

gsize
svgai_feature_cache_get_memory_bytes (SvgaiFeatureCache *cache)
{
  return svgai_lru_get_bytes (cache->memory);
}

void
svgai_feature_cache_clear_memory (SvgaiFeatureCache *cache)
{
  svgai_lru_clear (cache->memory);
}

/* A hash is 64 lower-case hex digits; anything else never reaches a path. */
static gboolean
hash_is_valid (const char *hash)
{
  gsize n = 0;

  for (; hash[n]; n++)
    if (!g_ascii_isxdigit (hash[n]) || g_ascii_isupper (hash[n]))
      return FALSE;
  return n == 64;
}

char *
svgai_feature_cache_get_path (SvgaiFeatureCache *cache, const char *hash)
{
  char prefix[3] = { hash[0], hash[1], '\0' };
  g_autofree char *name = g_strconcat (hash, ".json", NULL);

  /* Two levels keep folders small with hundreds of thousands of entries. */
  return g_build_filename (cache->dir, prefix, name, NULL);
}

/* An entry is a few hundred bytes of JSON nested three deep: anything
 * larger or deeper is not one (and 100 000 nested '[' would overflow the
 * stack of json-glib's recursive parser). */
#define MAX_ENTRY_BYTES (64 * 1024)
#define MAX_ENTRY_DEPTH 8
/* No feature is anywhere near this (colour counts stay under the pixel
 * limit); 1e308 would become infinities and NaNs downstream. */
#define MAX_FEATURE_VALUE 1e9

static gboolean
nesting_within (const char *data, gsize len, int max_depth)
{
  int depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if ((c == '[' || c == '{') && ++depth > max_depth)
        return FALSE;
      else if (c == ']' || c == '}')
        depth--;
    }
  return TRUE;
}

/* The entry's bytes: a regular file (not a FIFO, a device or a symlink,
 * which could block or never end) of at most MAX_ENTRY_BYTES. */
static char *
read_entry (const char *path, gsize *len, GError **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
  struct stat st;
  g_autofree char *data = NULL;
  gsize done = 0;
  int saved;

  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s", g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size > MAX_ENTRY_BYTES)
    {
      close (fd);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "not a regular file of at most %d bytes",
                   MAX_ENTRY_BYTES);
      return NULL;
    }
  data = g_malloc ((gsize) st.st_size + 1);
  while (done < (gsize) st.st_size)
    {
      gssize n = read (fd, data + done, (gsize) st.st_size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += (gsize) n;
    }
  close (fd);
  data[done] = '\0';
  *len = done;
  return g_steal_pointer (&data);
}

/* Parses one entry; FALSE for anything not exactly what store writes. */
static gboolean
parse_entry (const char *data, gsize len, const char *hash, SvgaiFeatures *out)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *root, *values;
  JsonNode *node;

  if (len > MAX_ENTRY_BYTES || !nesting_within (data, len, MAX_ENTRY_DEPTH) ||
      !json_parser_load_from_data (parser, data, (gssize) len, NULL))
    return FALSE;
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  root = json_node_get_object (node);
  node = json_object_get_member (root, "format");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) != SVGAI_FEATURE_CACHE_FORMAT)
    return FALSE;
  node = json_object_get_member (root, "hash");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (node), hash) != 0)
    return FALSE;
  node = json_object_get_member (root, "features");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  values = json_node_get_object (node);

  memset (out, 0, sizeof *out);
  for (int f = 0; f < SVGAI_N_FEATURES; f++)
    {
      JsonNode *v = json_object_get_member (values, svgai_feature_get_name (f));
      GType t;
      double x;

      if (v == NULL || !JSON_NODE_HOLDS_VALUE (v))
        return FALSE;
      t = json_node_get_value_type (v);
      if (t != G_TYPE_DOUBLE && t != G_TYPE_INT64)
        return FALSE;
      x = json_node_get_double (v);
      if (!isfinite (x) || x < 0 || x > MAX_FEATURE_VALUE)
        return FALSE;
      svgai_features_set (out, f, x);
    }
  node = json_object_get_member (root, "elapsed_ms");
  if (node && JSON_NODE_HOLDS_VALUE (node))
    {
      double ms = json_node_get_double (node);

      out->elapsed_ms = isfinite (ms) && ms >= 0 && ms <= MAX_FEATURE_VALUE ? ms : 0;
    }
  return TRUE;
}

static gboolean
disk_lookup (SvgaiFeatureCache *cache, const char *hash, SvgaiFeatures *out)
{
  g_autofree char *path = svgai_feature_cache_get_path (cache, hash);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  data = read_entry (path, &len, &error);
  if (data == NULL)
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_debug ("feature cache: cannot read %s: %s", path, error->message);
          svgai_perf_count (NULL, "cache.features.corrupt", 1);
        }
      return FALSE;
    }
  if (!parse_entry (data, len, hash, out))
    {
      g_debug ("feature cache: ignoring %s: not a format %d entry for this image", path,
               SVGAI_FEATURE_CACHE_FORMAT);
      svgai_perf_count (NULL, "cache.features.corrupt", 1);
      return FALSE;
    }
  /* Used now: the trim keeps the most recently modified entries. */
  utimensat (AT_FDCWD, path, NULL, 0);
  return TRUE;
}

SvgaiCacheHit
svgai_feature_cache_lookup (SvgaiFeatureCache *cache, const char *hash, SvgaiFeatures *out)
{
  g_autofree SvgaiFeatures *mem = NULL;

  g_return_val_if_fail (cache != NULL && hash != NULL && out != NULL, SVGAI_CACHE_MISS);

  mem = svgai_lru_lookup (cache->memory, hash);
  if (mem != NULL)
    {
      *out = *mem;
      svgai_perf_count (NULL, "cache.features.memory_hit", 1);
      return SVGAI_CACHE_MEMORY_HIT;
    }
  if (cache->use_disk && hash_is_valid (hash) && disk_lookup (cache, hash, out))
    {
      svgai_lru_insert (cache->memory, hash, features_copy (out), sizeof (SvgaiFeatures));
      svgai_perf_count (NULL, "cache.features.disk_hit", 1);
      return SVGAI_CACHE_DISK_HIT;
    }
  svgai_perf_count (NULL, "cache.features.miss", 1);
  return SVGAI_CACHE_MISS;
}

static char *
entry_to_json (const char *hash, const SvgaiFeatures *f)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_int_value (b, SVGAI_FEATURE_CACHE_FORMAT);
  json_builder_set_member_name (b, "hash");
  json_builder_add_string_value (b, hash);
  json_builder_set_member_name (b, "features");
  json_builder_begin_object (b);
  for (int i = 0; i < SVGAI_N_FEATURES; i++)
    {
      json_builder_set_member_name (b, svgai_feature_get_name (i));
      json_builder_add_double_value (b, svgai_features_get (f, i));
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "elapsed_ms");
  json_builder_add_double_value (b, f->elapsed_ms);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static gboolean
write_and_rename (const char *path, const char *text, GError **error)
{
  g_autofree char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  gsize len = strlen (text), done = 0;
  int fd, saved;

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    goto fail;
  while (done < len)
    {
      gssize n = write (fd, text + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          saved = errno;
          close (fd);
          g_unlink (tmp);
          errno = saved;
          goto fail;
        }
      done += (gsize) n;
    }
  if (close (fd) != 0 || g_rename (tmp, path) != 0)
    {
      saved = errno;
      g_unlink (tmp);
      errno = saved;
      goto fail;
    }
  return TRUE;

fail:
  saved = errno;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s", g_strerror (saved));
  return FALSE;
}

static void
disk_store (SvgaiFeatureCache *cache, const char *hash, const SvgaiFeatures *f)
{
  g_autofree char *path = svgai_feature_cache_get_path (cache, hash);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *text = entry_to_json (hash, f);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_debug ("feature cache: cannot create %s: %s", dir, g_strerror (errno));
      return;
    }
  /* A unique temporary file renamed over the entry: readers in any process
   * see the old file or the new one, never half of one. Not fsynced (that
   * costs milliseconds a store; g_file_set_contents_full's CONSISTENT
   * flag does it): losing an entry in a crash only costs an extraction, and
   * a torn one reads as corrupt and is rewritten. If a folder sits where the
   * entry should be, the rename fails and the entry stays a miss. */
  if (!write_and_rename (path, text, &error))
    g_debug ("feature cache: cannot write %s: %s", path, error->message);
  if (g_atomic_int_add (&cache->stores, 1) % TRIM_EVERY == 0)
    svgai_cache_trim_dir (dir, (guint) MAX (1, g_atomic_int_get (&cache->max_disk_entries) / SUBFOLDERS),
                          STALE_TEMP_SECONDS);
}

void
svgai_feature_cache_store (SvgaiFeatureCache *cache, const char *hash, const SvgaiFeatures *features)
{
  g_return_if_fail (cache != NULL && hash != NULL && features != NULL);

  if (svgai_features_any_estimated (features))
    return;
  svgai_lru_insert (cache->memory, hash, features_copy (features), sizeof (SvgaiFeatures));
  if (cache->use_disk && hash_is_valid (hash))
    disk_store (cache, hash, features);
  svgai_perf_count (NULL, "cache.features.store", 1);
}
