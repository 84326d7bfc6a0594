/* svgai-image.c: the decoded image: its pixels, reference count and hash
 * (decoding is in svgai-image-load.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "svgai-config.h"

#ifdef SVGAI_HAVE_NETTLE
#include <nettle/sha2.h>
#endif

#include "svgai-image.h"

SvgaiImage *
svgai_image_new (int width,
                 int height)
{
  SvgaiImage *image;
  gsize n_pixels, n_bytes;
  guint8 *pixels;

  g_return_val_if_fail (width > 0, NULL);
  g_return_val_if_fail (height > 0, NULL);

  if (!g_size_checked_mul (&n_pixels, (gsize) width, (gsize) height) ||
      !g_size_checked_mul (&n_bytes, n_pixels, 4))
    return NULL;

  pixels = g_try_malloc0 (n_bytes);
  if (pixels == NULL)
    return NULL;

  image = g_new0 (SvgaiImage, 1);
  image->width = width;
  image->height = height;
  image->pixels = pixels;
  g_atomic_ref_count_init (&image->ref_count);
  g_mutex_init (&image->hash_lock);

  return image;
}

/* The images decoded from lossy files, and the loader's warnings. */
static GMutex lossy_lock;
static GHashTable *lossy_images;
static GHashTable *image_warnings;

void
svgai_image_set_lossy (SvgaiImage *image, gboolean lossy)
{
  g_return_if_fail (image != NULL);

  g_mutex_lock (&lossy_lock);
  if (lossy_images == NULL)
    lossy_images = g_hash_table_new (NULL, NULL);
  if (lossy)
    g_hash_table_add (lossy_images, image);
  else
    g_hash_table_remove (lossy_images, image);
  g_mutex_unlock (&lossy_lock);
}

gboolean
svgai_image_is_lossy (const SvgaiImage *image)
{
  gboolean lossy;

  g_return_val_if_fail (image != NULL, FALSE);

  g_mutex_lock (&lossy_lock);
  lossy = lossy_images != NULL && g_hash_table_contains (lossy_images, image);
  g_mutex_unlock (&lossy_lock);
  return lossy;
}

void
svgai_image_set_warning (SvgaiImage *image, const char *warning)
{
  g_return_if_fail (image != NULL);

  g_mutex_lock (&lossy_lock);
  if (image_warnings == NULL)
    image_warnings = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  if (warning != NULL)
    g_hash_table_replace (image_warnings, image, g_strdup (warning));
  else
    g_hash_table_remove (image_warnings, image);
  g_mutex_unlock (&lossy_lock);
}

char *
svgai_image_dup_warning (const SvgaiImage *image)
{
  char *warning;

  g_return_val_if_fail (image != NULL, NULL);

  g_mutex_lock (&lossy_lock);
  warning = image_warnings != NULL ? g_strdup (g_hash_table_lookup (image_warnings, image)) : NULL;
  g_mutex_unlock (&lossy_lock);
  return warning;
}

SvgaiImage *
svgai_image_ref (SvgaiImage *image)
{
  g_return_val_if_fail (image != NULL, NULL);

  g_atomic_ref_count_inc (&image->ref_count);
  return image;
}

void
svgai_image_unref (SvgaiImage *image)
{
  g_return_if_fail (image != NULL);

  if (!g_atomic_ref_count_dec (&image->ref_count))
    return;

  /* Before the address can be reused by another image. */
  g_mutex_lock (&lossy_lock);
  if (lossy_images != NULL)
    g_hash_table_remove (lossy_images, image);
  if (image_warnings != NULL)
    g_hash_table_remove (image_warnings, image);
  g_mutex_unlock (&lossy_lock);
  g_mutex_clear (&image->hash_lock);
  g_free (image->hash);
  g_free (image->pixels);
  g_free (image);
}

const char *
svgai_image_get_hash (SvgaiImage *image)
{
  const char *hash;

  g_return_val_if_fail (image != NULL, NULL);

  g_mutex_lock (&image->hash_lock);

  if (image->hash == NULL)
    {
#ifdef SVGAI_HAVE_NETTLE
      /* The same digest as below, with the CPU's SHA instructions. */
      struct sha256_ctx ctx;
      guint8 digest[SHA256_DIGEST_SIZE];
      guint32 size[2] = {
        GUINT32_TO_LE ((guint32) image->width),
        GUINT32_TO_LE ((guint32) image->height),
      };
      GString *hex = g_string_sized_new (2 * SHA256_DIGEST_SIZE);

      sha256_init (&ctx);
      sha256_update (&ctx, sizeof size, (const guint8 *) size);
      sha256_update (&ctx, (gsize) image->width * (gsize) image->height * 4, image->pixels);
      sha256_digest (&ctx, sizeof digest, digest);
      for (guint i = 0; i < sizeof digest; i++)
        g_string_append_printf (hex, "%02x", digest[i]);
      image->hash = g_string_free (hex, FALSE);
#else
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
      guint32 size[2] = {
        GUINT32_TO_LE ((guint32) image->width),
        GUINT32_TO_LE ((guint32) image->height),
      };
      gsize remaining = (gsize) image->width * (gsize) image->height * 4;
      const guint8 *p = image->pixels;

      g_checksum_update (checksum, (const guchar *) size, sizeof size);

      /* g_checksum_update takes a gssize */
      while (remaining > 0)
        {
          gsize n = MIN (remaining, (gsize) G_MAXSSIZE);

          g_checksum_update (checksum, p, (gssize) n);
          p += n;
          remaining -= n;
        }

      image->hash = g_strdup (g_checksum_get_string (checksum));
#endif
    }

  hash = image->hash;
  g_mutex_unlock (&image->hash_lock);

  return hash;
}

gboolean
svgai_image_has_transparency (const SvgaiImage *image)
{
  gsize n_pixels;

  g_return_val_if_fail (image != NULL, FALSE);

  n_pixels = (gsize) image->width * (gsize) image->height;
  for (gsize i = 0; i < n_pixels; i++)
    {
      if (image->pixels[i * 4 + 3] != 255)
        return TRUE;
    }

  return FALSE;
}
