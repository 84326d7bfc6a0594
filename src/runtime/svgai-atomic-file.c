/* svgai-atomic-file.c: replace a file only once its new contents are on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "svgai-config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "svgai.h"

/* TRUE if path and protect name the same file: the same inode when path
 * exists (hard links, symlinks, "./a" vs "a"), else the same canonical name. */
static gboolean
is_same_file (const char *path,
              const char *protect)
{
  GStatBuf a, b;
  g_autofree char *canon_path = NULL;
  g_autofree char *canon_protect = NULL;

  if (g_stat (path, &a) == 0)
    return g_stat (protect, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;

  canon_path = g_canonicalize_filename (path, NULL);
  canon_protect = g_canonicalize_filename (protect, NULL);
  return g_strcmp0 (canon_path, canon_protect) == 0;
}

/* Test hook: SVGAI_TEST_WRITE_FAULT=create|write|fsync|rename makes that step
 * fail as a full disk (ENOSPC; EROFS for create, as a read-only folder
 * would), so the tests can check that nothing is lost where no small disk
 * or read-only folder can be mounted. Unset in normal use. */
static gboolean
inject_fault (const char *step)
{
  const char *fault = g_getenv ("SVGAI_TEST_WRITE_FAULT");

  if (G_LIKELY (fault == NULL) || g_strcmp0 (fault, step) != 0)
    return FALSE;
  errno = g_str_equal (step, "create") ? EROFS : ENOSPC;
  return TRUE;
}

/* Where a write to path really lands: path itself, or, when path is a
 * symlink, the file it names (the link is followed, not replaced). NULL
 * with the error set when that is an existing file that is not a regular
 * one (device, FIFO, socket, folder): those are never replaced, nor
 * opened. */
static char *
resolve_target (const char *path,
                const char *name,
                GError    **error)
{
  g_autofree char *target = g_strdup (path);
  GStatBuf st;

  for (int depth = 0;; depth++)
    {
      g_autofree char *link = NULL;
      g_autofree char *dir = NULL;

      if (g_lstat (target, &st) != 0)
        return g_steal_pointer (&target);          /* a new name */
      if (!S_ISLNK (st.st_mode))
        break;
      if (depth >= 40 || (link = g_file_read_link (target, NULL)) == NULL)
        {
          g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_IO, _("%s: could not follow the symbolic link"), name);
          return NULL;
        }
      dir = g_path_get_dirname (target);
      g_free (target);
      target = g_path_is_absolute (link) ? g_strdup (link) : g_build_filename (dir, link, NULL);
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_IO,
                   _("%s: refusing to replace something that is not a regular file (a device, FIFO, socket or folder)"),
                   name);
      return NULL;
    }
  return g_steal_pointer (&target);
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         length)
{
  while (length > 0)
    {
      ssize_t n = inject_fault ("write") ? -1 : write (fd, data, MIN (length, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }

      data += n;
      length -= (gsize) n;
    }

  return TRUE;
}

gboolean
svgai_write_file_atomic (const char  *path,
                         const void  *data,
                         gsize        length,
                         const char  *protect,
                         GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_name = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *target = NULL;
  GStatBuf existing;
  int fd;
  int saved_errno;

  g_return_val_if_fail (path != NULL && *path != '\0', FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_filename_display_name (path);

  if (protect != NULL && is_same_file (path, protect))
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_IO,
                   _("%s: refusing to write over the source image"), name);
      return FALSE;
    }

  target = resolve_target (path, name, error);
  if (target == NULL)
    return FALSE;
  path = target;
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp_name = g_strdup_printf (".%s.XXXXXX", base);
  tmp_path = g_build_filename (dir, tmp_name, NULL);

  fd = inject_fault ("create") ? -1 : g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_IO,
                   _("%s: could not create a file in its folder (%s)"),
                   name, g_strerror (saved_errno));
      return FALSE;
    }

  /* A replaced file keeps its permissions. */
  if (g_stat (path, &existing) == 0 && S_ISREG (existing.st_mode))
    fchmod (fd, existing.st_mode & 07777);

  if (!write_all (fd, data, length) || inject_fault ("fsync") || fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      goto failed;
    }

  if (close (fd) != 0)
    {
      saved_errno = errno;
      goto failed;
    }

  if (inject_fault ("rename") || g_rename (tmp_path, path) != 0)
    {
      saved_errno = errno;
      goto failed;
    }

  /* The folder is not synced after the rename (GLib's
   * g_file_set_contents does not either): the rename is atomic, so a
   * power cut leaves the old file or the new one, never part of one, and
   * the folder's fsync cost 4 ms of every conversion on an ext4 disk, a
   * tenth of a 256 px logo's. */
  return TRUE;

failed:
  g_unlink (tmp_path);
  g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_IO,
               _("%s: could not write the file (%s)"), name, g_strerror (saved_errno));
  return FALSE;
}
