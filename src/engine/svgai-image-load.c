/* svgai-image-load.c: decoding raster files into straight RGBA, with the
 * checks of the formats' headers that the decoders lack
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "svgai-config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "svgai.h"
#include "svgai-image.h"
#include "svgai-icc.h"
#include "svgai-image-format.h"
#include "svgai-limits.h"
#include "svgai-image-read.h"
#include "svgai-png.h"

/* Bytes handed to the loader per write: small enough that a declared size
 * over the limit is seen before much is decoded. */
#define LOAD_CHUNK_SIZE (64 * 1024)

/* A file larger than this many bytes per allowed pixel cannot be an image
 * within the limit (16-bit RGBA uncompressed is 8), so it is refused before
 * it is read into memory. */
#define MAX_FILE_BYTES_PER_PIXEL 16
#define MAX_FILE_SLACK (16u * 1024u * 1024u)

typedef struct {
  const char *name;
  guint64 max_pixels;
  gboolean rejected;
  GError *error;
  /* One bit per row the decoder reported as written: some decoders end a
   * truncated file without an error and leave the rest of the image blank. */
  guint8 *rows_done;
  int n_rows;
  guint64 declared_pixels;   /* from size-prepared; 0 if never emitted */
  guint64 memory_budget;     /* 0 = the default (svgai-limits.h) */
} LoadState;

static void
load_state_clear (LoadState *state)
{
  g_clear_error (&state->error);
  g_clear_pointer (&state->rows_done, g_free);
}

static guint64
effective_max_pixels (const SvgaiLoadOptions *options)
{
  if (options == NULL || options->max_pixels == 0)
    return SVGAI_DEFAULT_MAX_PIXELS;
  return options->max_pixels;
}

/* Returns FALSE with @error set if a declared size is not one we decode. */
static gboolean
check_declared_size (const char *name,
                     guint64 width,
                     guint64 height,
                     guint64 max_pixels,
                     GError **error)
{
  if (width == 0 || height == 0)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_EMPTY,
                   _("%s: the image has no pixels (%" PRIu64 " × %" PRIu64 ")"),
                   name, width, height);
      return FALSE;
    }

  if (width * height > max_pixels)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE,
                   _("%s: the image is %" PRIu64 " × %" PRIu64
                     " pixels, over the limit of %" PRIu64
                     " pixels (the option --max-pixels raises it)"),
                   name, width, height, max_pixels);
      return FALSE;
    }

  return TRUE;
}

static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  LoadState *state = user_data;

  if (state->rejected)
    return;

  state->declared_pixels = (guint64) MAX (width, 0) * (guint64) MAX (height, 0);
  if (!check_declared_size (state->name, (guint64) MAX (width, 0), (guint64) MAX (height, 0),
                            state->max_pixels, &state->error) ||
      !svgai_limits_check_image (state->name, (guint64) width, (guint64) height,
                                 state->memory_budget, &state->error))
    {
      state->rejected = TRUE;
      /* By the loaders' convention a size of 0 means "stop, do not allocate". */
      gdk_pixbuf_loader_set_size (loader, 0, 0);
    }
}

static void
on_area_prepared (GdkPixbufLoader *loader,
                  gpointer         user_data)
{
  LoadState *state = user_data;
  GdkPixbuf *pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);

  g_clear_pointer (&state->rows_done, g_free);
  state->n_rows = gdk_pixbuf_get_height (pixbuf);
  state->rows_done = g_try_malloc0 ((gsize) state->n_rows / 8 + 1);
}

static void
on_area_updated (GdkPixbufLoader *loader,
                 int              x,
                 int              y,
                 int              width,
                 int              height,
                 gpointer         user_data)
{
  LoadState *state = user_data;
  int end = MIN (y + height, state->n_rows);

  if (state->rows_done == NULL)
    return;

  for (int row = MAX (y, 0); row < end; row++)
    state->rows_done[row / 8] |= 1u << (row % 8);
}

static gboolean
all_rows_done (const LoadState *state)
{
  /* Without the bitmap (out of memory) the check is skipped, not failed. */
  if (state->rows_done == NULL)
    return TRUE;

  for (int row = 0; row < state->n_rows; row++)
    {
      if ((state->rows_done[row / 8] & (1u << (row % 8))) == 0)
        return FALSE;
    }

  return TRUE;
}

/* Formats whose every row is reported by area-updated when complete (GIF is
 * not: a frame may cover only part of the canvas). */
static gboolean
format_reports_rows (GdkPixbufLoader *loader)
{
  static const char * const names[] = { "png", "jpeg", "bmp", "tiff", "webp", NULL };
  GdkPixbufFormat *format = gdk_pixbuf_loader_get_format (loader);
  g_autofree char *name = NULL;

  if (format == NULL)
    return FALSE;

  name = gdk_pixbuf_format_get_name (format);
  return g_strv_contains (names, name);
}

static void
set_truncated_error (GError     **error,
                     const char  *name)
{
  g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_CORRUPT,
               _("%s: the file is truncated (the image data ends early)"), name);
}

static gboolean
is_vector_format (GdkPixbufLoader *loader)
{
  GdkPixbufFormat *format = gdk_pixbuf_loader_get_format (loader);

  return format != NULL && gdk_pixbuf_format_is_scalable (format);
}

/* An SVG is already vector art: rasterising it would be a surprise, at
 * whatever size the file declares. */
static void
set_vector_error (GError     **error,
                  const char  *name)
{
  g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_NOT_IMAGE,
               _("%s: the file is a vector image (SVG), not a raster image to trace"),
               name);
}

/* Decoders also report damaged headers (a GIF frame larger than its canvas)
 * as a lack of memory: only a large image is believed to be one. */
#define LARGE_IMAGE_PIXELS (1000u * 1000u)

static void
set_error_from_pixbuf (GError          **error,
                       const char       *name,
                       const LoadState  *state,
                       GError           *pixbuf_error)
{
  if (pixbuf_error == NULL)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_CORRUPT,
                   _("%s: the image data is damaged or incomplete"), name);
    }
  else if (g_error_matches (pixbuf_error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_UNKNOWN_TYPE))
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_NOT_IMAGE,
                   _("%s: not an image in a format SVG-AI reads (PNG, JPEG, GIF, BMP, TIFF or WebP)"),
                   name);
    }
  else if (g_error_matches (pixbuf_error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_INSUFFICIENT_MEMORY) &&
           state->declared_pixels >= LARGE_IMAGE_PIXELS)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE,
                   _("%s: there is not enough memory to decode the image (%s)"),
                   name, pixbuf_error->message);
    }
  else
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_CORRUPT,
                   _("%s: the image data is damaged or incomplete (%s)"),
                   name, pixbuf_error->message);
    }
}

/* Copies a GdkPixbuf (straight alpha, any rowstride) into packed RGBA. */
static SvgaiImage *
image_from_pixbuf (GdkPixbuf   *pixbuf,
                   const char  *name,
                   GError     **error)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int n_channels = gdk_pixbuf_get_n_channels (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *src = gdk_pixbuf_read_pixels (pixbuf);
  g_autoptr(SvgaiImage) image = NULL;

  if (gdk_pixbuf_get_colorspace (pixbuf) != GDK_COLORSPACE_RGB ||
      gdk_pixbuf_get_bits_per_sample (pixbuf) != 8 ||
      (n_channels != 3 && n_channels != 4))
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_NOT_IMAGE,
                   _("%s: the decoder returned an unsupported pixel layout"), name);
      return NULL;
    }

  image = svgai_image_new (width, height);
  if (image == NULL)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE,
                   _("%s: there is not enough memory for a %d × %d image"),
                   name, width, height);
      return NULL;
    }

  for (int y = 0; y < height; y++)
    {
      const guint8 *s = src + (gsize) y * (gsize) rowstride;
      guint8 *d = svgai_image_pixel (image, 0, y);

      if (n_channels == 4)
        {
          memcpy (d, s, (gsize) width * 4);
        }
      else
        {
          for (int x = 0; x < width; x++, s += 3, d += 4)
            {
              d[0] = s[0];
              d[1] = s[1];
              d[2] = s[2];
              d[3] = 255;
            }
        }
    }

  return g_steal_pointer (&image);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LoadState, load_state_clear)

/* Refuses, from their first bytes, the files that are empty, that some
 * decoder would mishandle, or that are not raster images. Returns FALSE with
 * @error set for such a file. */
static gboolean
check_before_decoding (const guint8  *data,
                       gsize          length,
                       const char    *name,
                       guint64        max_pixels,
                       GError       **error)
{
  guint64 width, height;

  if (length == 0)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_EMPTY, _("%s: the file is empty"), name);
      return FALSE;
    }

  if (svgai_format_peek_zero_size (data, length, &width, &height))
    {
      check_declared_size (name, width, height, max_pixels, error);
      return FALSE;
    }

  /* gdk-pixbuf's BMP loader allocates the declared info-header size (up to
   * 4 GB) before anything else; real headers are 12 to 124 bytes. Found by
   * tests/fuzz/fuzz-image.c. */
  if (length >= 18 && data[0] == 'B' && data[1] == 'M' &&
      (svgai_format_read_le32 (data + 14) > 4096 || svgai_format_read_le32 (data + 14) > length - 14))
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_CORRUPT,
                   _("%s: the image data is damaged (the BMP header is not valid)"), name);
      return FALSE;
    }

  switch (svgai_format_gif_check_frames (data, length))
    {
    case SVGAI_GIF_FRAME_EMPTY:
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_CORRUPT,
                   _("%s: the image data is damaged (a GIF frame has no pixels)"), name);
      return FALSE;
    case SVGAI_GIF_FRAME_OUTSIDE:
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_CORRUPT,
                   _("%s: the image data is damaged (a GIF frame lies outside the image)"), name);
      return FALSE;
    case SVGAI_GIF_FRAMES_OK:
    default:
      break;
    }

  if (svgai_format_looks_like_svg (data, length))
    {
      set_vector_error (error, name);
      return FALSE;
    }

  /* Only the formats the README names: others' decoders (ICNS, QTIF…)
   * decode before they say how large an image is. */
  return svgai_format_check_supported (data, length, name, error);
}

/* A WebP's size is checked from its header, before its decoder runs (it
 * reports the size only once it has decoded); an animated one gives its
 * first frame, returned as the bytes to decode (NULL: data itself). */
static gboolean
check_webp (const guint8 *data,
            gsize         length,
            LoadState    *state,
            GBytes      **first_frame,
            GError      **error)
{
  guint64 width, height;
  gboolean animated;

  *first_frame = NULL;
  if (!svgai_format_webp_size (data, length, &width, &height, &animated))
    return TRUE;
  state->declared_pixels = width * height;
  if (!check_declared_size (state->name, width, height, state->max_pixels, error) ||
      !svgai_limits_check_image (state->name, width, height, state->memory_budget, error))
    return FALSE;
  if (!animated)
    return TRUE;
  *first_frame = svgai_format_webp_first_frame (data, length);
  if (*first_frame == NULL)
    {
      set_truncated_error (error, state->name);
      return FALSE;
    }
  return TRUE;
}

/* A PNG's size (its header's, in *width and *height), checked before it is
 * decoded. TRUE for any other file, and *width left 0. */
static gboolean
check_png (const guint8 *data,
           gsize         length,
           LoadState    *state,
           guint64      *width,
           guint64      *height,
           GError      **error)
{
  *width = *height = 0;
  if (!svgai_format_png_size (data, length, width, height))
    return TRUE;
  state->declared_pixels = *width * *height;
  return check_declared_size (state->name, *width, *height, state->max_pixels, error) &&
         svgai_limits_check_image (state->name, *width, *height, state->memory_budget, error);
}

static GdkPixbufLoader *
loader_new (LoadState *state)
{
  GdkPixbufLoader *loader = gdk_pixbuf_loader_new ();

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), state);
  g_signal_connect (loader, "area-prepared", G_CALLBACK (on_area_prepared), state);
  g_signal_connect (loader, "area-updated", G_CALLBACK (on_area_updated), state);

  return loader;
}

/* Hands @data to @loader in chunks, then closes it. Returns FALSE with @error
 * set if loading is cancelled or the file turns out to be a vector image.
 * Otherwise returns TRUE with *decoded FALSE if the decoder failed (with
 * @pixbuf_error set) or @state rejected the declared size. */
static gboolean
feed_loader (GdkPixbufLoader  *loader,
             const guint8     *data,
             gsize             length,
             const LoadState  *state,
             GCancellable     *cancellable,
             gboolean         *decoded,
             GError          **pixbuf_error,
             GError          **error)
{
  gsize offset = 0;
  gboolean ok = TRUE;
  /* Decoding is held to the trace time limit too: a JPEG of 20 000
   * progressive scans decodes for minutes, a chunk at a time. */
  double limit_ms = svgai_limits_get_trace_time_limit_ms ();
  gint64 deadline = limit_ms > 0 ? g_get_monotonic_time () + (gint64) (limit_ms * 1000) : G_MAXINT64;

  while (offset < length)
    {
      gsize n = MIN (length - offset, LOAD_CHUNK_SIZE);

      if (g_get_monotonic_time () > deadline)
        {
          gdk_pixbuf_loader_close (loader, NULL);
          g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE,
                       _("%s: decoding took longer than the limit of %g s (--trace-time-limit raises it)"),
                       state->name, limit_ms / 1000);
          return FALSE;
        }

      if (g_cancellable_is_cancelled (cancellable))
        {
          gdk_pixbuf_loader_close (loader, NULL);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       _("%s: loading was cancelled"), state->name);
          return FALSE;
        }

      ok = gdk_pixbuf_loader_write (loader, data + offset, n, pixbuf_error);
      offset += n;

      if (ok && is_vector_format (loader))
        {
          gdk_pixbuf_loader_close (loader, NULL);
          set_vector_error (error, state->name);
          return FALSE;
        }

      if (!ok || state->rejected)
        break;
    }

  if (ok && !state->rejected)
    ok = gdk_pixbuf_loader_close (loader, pixbuf_error);
  else
    gdk_pixbuf_loader_close (loader, NULL);

  *decoded = ok;
  return TRUE;
}

/* The image @loader decoded from @data, or NULL with @error set if the size
 * was rejected, the decoder failed, or the file is a vector image or ends
 * early. The pixbuf belongs to @loader. */
static GdkPixbuf *
decoded_pixbuf (GdkPixbufLoader  *loader,
                const guint8     *data,
                gsize             length,
                LoadState        *state,
                gboolean          decoded,
                GError           *pixbuf_error,
                GError          **error)
{
  const char *name = state->name;
  GdkPixbuf *pixbuf;

  if (state->rejected)
    {
      g_propagate_error (error, g_steal_pointer (&state->error));
      return NULL;
    }

  if (!decoded)
    {
      if (svgai_format_is_truncated (data, length))
        set_truncated_error (error, name);
      else
        set_error_from_pixbuf (error, name, state, pixbuf_error);
      return NULL;
    }

  /* A short file picks its decoder only at close. */
  if (is_vector_format (loader))
    {
      set_vector_error (error, name);
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      set_error_from_pixbuf (error, name, state, NULL);
      return NULL;
    }

  if (svgai_format_is_truncated (data, length) ||
      (format_reports_rows (loader) && !all_rows_done (state)))
    {
      set_truncated_error (error, name);
      return NULL;
    }

  return pixbuf;
}

/* Colours are read in sRGB: an embedded profile is converted, or, when it
 * cannot be used, the pixels are kept and the image carries a warning. */
static void
warn_unused_profile (SvgaiImage *image, const char *reason)
{
  g_autofree char *warning = g_strdup_printf (_("%s; its colours are read as sRGB"), reason);

  svgai_image_set_warning (image, warning);
}

/* The profile of a pixbuf is its decoder's (the oriented copy may not
 * carry it). */
static void
read_in_srgb (SvgaiImage *image, GdkPixbuf *pixbuf)
{
  const char *icc = gdk_pixbuf_get_option (pixbuf, "icc-profile");
  g_autofree char *reason = NULL;

  if (icc != NULL && !svgai_icc_to_srgb_base64 (image, icc, &reason))
    warn_unused_profile (image, reason);
}

/* A PNG within the limits, decoded by libpng directly (svgai-png.c); NULL
 * (no error) when it must go to gdk-pixbuf, which then reports what is
 * wrong with it. */
static SvgaiImage *
load_png (const guint8 *data, gsize length, guint64 width, guint64 height)
{
  g_autoptr(GBytes) icc = NULL;
  g_autofree char *reason = NULL;
  SvgaiImage *image;

  if (svgai_format_is_truncated (data, length))
    return NULL;
  image = svgai_png_decode (data, length, (int) width, (int) height, &icc);
  if (image != NULL && icc != NULL &&
      !svgai_icc_to_srgb (image, g_bytes_get_data (icc, NULL), g_bytes_get_size (icc), &reason))
    warn_unused_profile (image, reason);
  return image;
}

static SvgaiImage *
load_data (const guint8            *data,
           gsize                    length,
           const char              *name,
           const SvgaiLoadOptions  *options,
           GCancellable            *cancellable,
           GError                 **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) pixbuf_error = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_auto(LoadState) state = { name, effective_max_pixels (options), FALSE, NULL, NULL, 0, 0,
                              options ? options->memory_budget : 0 };
  g_autoptr(GBytes) first_frame = NULL;
  SvgaiImage *image;
  GdkPixbuf *pixbuf;
  gboolean decoded;
  guint64 png_width, png_height;

  if (!check_before_decoding (data, length, name, state.max_pixels, error) ||
      !check_webp (data, length, &state, &first_frame, error))
    return NULL;
  if (first_frame)
    data = g_bytes_get_data (first_frame, &length);
  if (!check_png (data, length, &state, &png_width, &png_height, error))
    return NULL;
  image = png_width > 0 ? load_png (data, length, png_width, png_height) : NULL;
  if (image != NULL)
    return image;

  loader = loader_new (&state);
  if (!feed_loader (loader, data, length, &state, cancellable, &decoded, &pixbuf_error, error))
    return NULL;

  pixbuf = decoded_pixbuf (loader, data, length, &state, decoded, pixbuf_error, error);
  if (pixbuf == NULL)
    return NULL;

  /* Show the image the way viewers do (EXIF orientation of camera JPEGs). */
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  if (oriented == NULL)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE,
                   _("%s: there is not enough memory to rotate the image"), name);
      return NULL;
    }

  image = image_from_pixbuf (oriented, name, error);
  if (image)
    {
      GdkPixbufAnimation *animation = gdk_pixbuf_loader_get_animation (loader);

      image->first_frame_only = first_frame != NULL ||
                                (animation != NULL && !gdk_pixbuf_animation_is_static_image (animation));
      if (svgai_format_is_lossy (data, length))
        svgai_image_set_lossy (image, TRUE);
      read_in_srgb (image, pixbuf);
    }
  return image;
}

SvgaiImage *
svgai_image_new_from_bytes (GBytes                  *bytes,
                            const char              *name,
                            const SvgaiLoadOptions  *options,
                            GError                 **error)
{
  gsize length = 0;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (name == NULL)
    name = _("image");

  data = g_bytes_get_data (bytes, &length);
  return load_data (data, length, name, options, NULL, error);
}

/* The most bytes an image file within the pixel limit takes. */
static guint64
max_file_bytes (const SvgaiLoadOptions *options)
{
  guint64 max_bytes = effective_max_pixels (options);

  return max_bytes > (G_MAXUINT64 - MAX_FILE_SLACK) / MAX_FILE_BYTES_PER_PIXEL
         ? G_MAXUINT64
         : max_bytes * MAX_FILE_BYTES_PER_PIXEL + MAX_FILE_SLACK;
}

SvgaiImage *
svgai_image_new_from_stream (GInputStream            *stream,
                             const char              *name,
                             const SvgaiLoadOptions  *options,
                             GCancellable            *cancellable,
                             GError                 **error)
{
  guint64 budget = options && options->memory_budget ? options->memory_budget : svgai_limits_get_memory_budget ();
  g_autoptr(GByteArray) data = NULL;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (name == NULL)
    name = _("image");
  data = svgai_image_read_stream (stream, name, MIN (max_file_bytes (options), budget), cancellable, error);
  if (data == NULL)
    return NULL;
  return load_data (data->data, data->len, name, options, cancellable, error);
}

SvgaiImage *
svgai_image_new_from_file (const char              *path,
                           const SvgaiLoadOptions  *options,
                           GCancellable            *cancellable,
                           GError                 **error)
{
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_filename_display_name (path);
  contents = svgai_image_read_file (path, name, max_file_bytes (options), effective_max_pixels (options),
                                   cancellable, &length, error);
  if (contents == NULL)
    return NULL;
  return load_data ((const guint8 *) contents, length, name, options, cancellable, error);
}
