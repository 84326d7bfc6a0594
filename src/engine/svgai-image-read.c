/* svgai-image-read.c: the bytes of an image file or stream, read whole
 * within the limits, and the errors of reading them in the user's words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "svgai-config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "svgai.h"
#include "svgai-image-read.h"

void
svgai_image_read_set_io_error (GError     **error,
                               const char  *name,
                               GError      *io_error)
{
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                 _("%s: loading was cancelled"), name);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_IO,
                 _("%s: there is no such file"), name);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_IO,
                 _("%s: permission to read the file was denied"), name);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_IO,
                 _("%s: this is a folder, not an image file"), name);
  else
    g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_IO,
                 _("%s: the file could not be read (%s)"), name, io_error->message);
}

/* svgai_image_read_set_io_error for a failed system call on @name. */
static void
set_error_from_errno (GError **error, const char *name, int saved_errno)
{
  g_autoptr(GError) io_error = g_error_new_literal (G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                                    g_strerror (saved_errno));

  svgai_image_read_set_io_error (error, name, io_error);
}

static void
set_file_too_large_error (GError **error, const char *name, guint64 size, guint64 max_pixels)
{
  g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE,
               _("%s: the file is %" PRIu64 " bytes, too large for the limit of %"
                 PRIu64 " pixels (the option --max-pixels raises it)"),
               name, size, max_pixels);
}

/* Reads the whole of the regular file @fd (@size bytes when it was
 * opened; one that grows meanwhile is read to its end, within the
 * limit). */
static char *
read_fd (int fd, const char *name, gsize size, guint64 max_bytes, guint64 max_pixels, GCancellable *cancellable,
         gsize *length, GError **error)
{
  gsize capacity = size + 1, done = 0;
  g_autofree char *data = g_malloc (capacity);

  for (;;)
    {
      gssize n;

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("%s: loading was cancelled"), name);
          return NULL;
        }
      if (done == capacity)
        {
          if ((guint64) done > max_bytes)
            {
              set_file_too_large_error (error, name, done, max_pixels);
              return NULL;
            }
          capacity *= 2;
          data = g_realloc (data, capacity);
        }
      n = read (fd, data + done, capacity - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_error_from_errno (error, name, errno);
          return NULL;
        }
      if (n == 0)
        break;
      done += (gsize) n;
    }
  *length = done;
  return g_steal_pointer (&data);
}

/* The bytes of the image file at @path, read with plain system calls:
 * GFile would first start GIO's virtual file systems (their modules'
 * cache), 1.5 ms of every conversion. A folder, a FIFO or a device (which
 * would be read without end, or wait for ever) and a file too large for
 * the pixel limit are refused before anything is read. */
char *
svgai_image_read_file (const char *path, const char *name, guint64 max_bytes, guint64 max_pixels,
                       GCancellable *cancellable, gsize *length, GError **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  struct stat st;
  char *data = NULL;

  if (fd < 0)
    {
      set_error_from_errno (error, name, errno);
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    set_error_from_errno (error, name, errno);
  else if (S_ISDIR (st.st_mode))
    g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_IO, _("%s: this is a folder, not an image file"), name);
  else if (!S_ISREG (st.st_mode))
    g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_IO,
                 _("%s: not a regular file (a device, FIFO or socket); give its contents on standard input as '-'"),
                 name);
  else if ((guint64) st.st_size > max_bytes)
    set_file_too_large_error (error, name, (guint64) st.st_size, max_pixels);
  else
    data = read_fd (fd, name, (gsize) st.st_size, max_bytes, max_pixels, cancellable, length, error);
  close (fd);
  return data;
}

GByteArray *
svgai_image_read_stream (GInputStream  *stream,
                         const char    *name,
                         guint64        limit,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GError) io_error = NULL;
  guint8 buf[64 * 1024];

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buf, sizeof buf, cancellable, &io_error);

      if (n < 0)
        {
          svgai_image_read_set_io_error (error, name, io_error);
          return NULL;
        }
      if (n == 0)
        break;
      if ((guint64) data->len + (guint64) n > limit)
        {
          g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE,
                       _("%s: more than %" PRIu64 " MB of input, over the limits for one image "
                         "(--max-pixels, --memory-budget)"), name, limit >> 20);
          return NULL;
        }
      g_byte_array_append (data, buf, (guint) n);
    }
  return g_steal_pointer (&data);
}
