/* svgai-image-format.c: what a file's bytes say before any decoder reads
 * them: the format (only those the README names), the declared sizes,
 * truncation, and an animated WebP's first frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "svgai-config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "svgai.h"
#include "svgai-image-format.h"

static const guint8 png_magic[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

guint32
svgai_format_read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

guint32
svgai_format_read_le32 (const guint8 *p)
{
  return ((guint32) p[3] << 24) | ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

gboolean
svgai_format_png_size (const guint8 *data,
                       gsize         length,
                       guint64      *width,
                       guint64      *height)
{
  if (length < 24 || memcmp (data, png_magic, 8) != 0 || memcmp (data + 12, "IHDR", 4) != 0)
    return FALSE;
  *width = svgai_format_read_be32 (data + 16);
  *height = svgai_format_read_be32 (data + 20);
  return TRUE;
}

/* Some decoders (libpng) refuse a zero width or height as a generic error
 * before the loader can report the size, so the headers of the common formats
 * are read here to report such files as empty images rather than damaged ones. */
gboolean
svgai_format_peek_zero_size (const guint8 *data,
                gsize         length,
                guint64      *width,
                guint64      *height)
{
  if (svgai_format_png_size (data, length, width, height))
    return *width == 0 || *height == 0;

  if (length >= 10 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    {
      *width = data[6] | (data[7] << 8);
      *height = data[8] | (data[9] << 8);
    }
  else if (length >= 26 && data[0] == 'B' && data[1] == 'M' && svgai_format_read_le32 (data + 14) >= 40)
    {
      /* BITMAPINFOHEADER: signed height, negative for top-down rows */
      *width = svgai_format_read_le32 (data + 18);
      *height = svgai_format_read_le32 (data + 22) == 0 ? 0 : 1;
    }
  else
    {
      return FALSE;
    }

  return *width == 0 || *height == 0;
}

/* Skips GIF data sub-blocks (length-prefixed, ended by a zero length);
 * returns the offset after them, or 0 if the file ends first. */
static gsize
gif_skip_sub_blocks (const guint8 *data,
                     gsize         length,
                     gsize         pos)
{
  while (pos < length && data[pos] != 0)
    pos += 1 + (gsize) data[pos];
  return pos < length ? pos + 1 : 0;
}

/* A GIF frame (image descriptor) 0 pixels wide or high makes the GIF
 * loader of gdk-pixbuf 2.42 fail a critical assertion
 * (gdk_pixbuf_calculate_rowstride) instead of reporting an error; so does
 * one whose offset and size pass its bounds check in 16 bits and reach past
 * the image (top 65535, 8 rows high: gdk_pixbuf_copy_area). Found by
 * tests/fuzz/fuzz-image.c. */
SvgaiGifFrames
svgai_format_gif_check_frames (const guint8 *data,
                               gsize         length)
{
  gsize pos = 13;
  guint screen_w, screen_h;

  if (length < 13 || (memcmp (data, "GIF87a", 6) != 0 && memcmp (data, "GIF89a", 6) != 0))
    return SVGAI_GIF_FRAMES_OK;
  screen_w = data[6] | (data[7] << 8), screen_h = data[8] | (data[9] << 8);
  if (data[10] & 0x80)
    pos += 3 * ((gsize) 1 << ((data[10] & 7) + 1));   /* global colour table */

  while (pos < length)
    {
      if (data[pos] == 0x21 && pos + 2 <= length)        /* extension */
        pos = gif_skip_sub_blocks (data, length, pos + 2);
      else if (data[pos] == 0x2c && pos + 10 <= length)  /* image descriptor */
        {
          const guint8 *d = data + pos;
          guint left = d[1] | (d[2] << 8), top = d[3] | (d[4] << 8), w = d[5] | (d[6] << 8), h = d[7] | (d[8] << 8);

          if (w == 0 || h == 0)
            return SVGAI_GIF_FRAME_EMPTY;
          if (left + w > screen_w || top + h > screen_h)
            return SVGAI_GIF_FRAME_OUTSIDE;
          pos += 10;
          if (d[9] & 0x80)
            pos += 3 * ((gsize) 1 << ((d[9] & 7) + 1));  /* local colour table */
          pos = pos + 1 < length ? gif_skip_sub_blocks (data, length, pos + 1) : 0;
        }
      else if (data[pos] == 0x3b)                        /* trailer */
        return SVGAI_GIF_FRAMES_OK;
      else
        pos++;   /* gdk-pixbuf skips bytes that start no block: so does this */
      if (pos == 0)
        return SVGAI_GIF_FRAMES_OK;
    }

  return SVGAI_GIF_FRAMES_OK;
}

/* libpng, libjpeg and libwebp each finish a truncated file quietly with part
 * of the image (the rest grey or transparent), so the containers are checked
 * for their end: a PNG's chunks must be whole up to IEND, a JPEG's last scan
 * must be followed by EOI, a WebP must be as long as its RIFF header says. */
gboolean
svgai_format_is_truncated (const guint8 *data,
              gsize         length)
{
  if (length >= 8 && memcmp (data, png_magic, 8) == 0)
    {
      gsize pos = 8;

      while (length - pos >= 12)
        {
          guint32 chunk_length = svgai_format_read_be32 (data + pos);

          if (chunk_length > length - pos - 12)
            return TRUE;
          if (memcmp (data + pos + 4, "IEND", 4) == 0)
            return FALSE;
          pos += 12 + (gsize) chunk_length;
        }

      return TRUE;
    }

  if (length >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    {
      gsize last_sos = 0;

      /* Entropy-coded data stuffs every 0xff with 0x00, so markers are exact. */
      for (gsize i = 2; i + 1 < length; i++)
        {
          if (data[i] == 0xff && data[i + 1] == 0xda)
            last_sos = i;
        }
      for (gsize i = last_sos + 2; i + 1 < length; i++)
        {
          if (data[i] == 0xff && data[i + 1] == 0xd9)
            return FALSE;
        }

      return TRUE;
    }

  if (length >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return (guint64) svgai_format_read_le32 (data + 4) + 8 > length;

  return FALSE;
}

static gboolean
is_webp (const guint8 *data, gsize length)
{
  return length >= 16 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0;
}

static gboolean
is_tiff (const guint8 *data, gsize length)
{
  return length >= 8 && (memcmp (data, "II*\0", 4) == 0 || memcmp (data, "MM\0*", 4) == 0);
}

/* The first bytes of the formats the README names (PNG, JPEG, GIF, BMP,
 * WebP, TIFF): no SVG starts with them. */
static gboolean
has_raster_signature (const guint8 *data, gsize length)
{
  return (length >= 8 && memcmp (data, png_magic, 8) == 0) ||
         (length >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff) ||
         (length >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0)) ||
         (length >= 2 && data[0] == 'B' && data[1] == 'M') || is_webp (data, length) || is_tiff (data, length);
}

gboolean
svgai_format_looks_like_svg (const guint8 *data,
                gsize         length)
{
  g_autofree char *type = NULL;
  g_autofree char *mime = NULL;

  /* Sniffing reads the shared MIME database, 1 ms or more a process. */
  if (has_raster_signature (data, length))
    return FALSE;
  type = g_content_type_guess (NULL, data, MIN (length, 4096), NULL);
  mime = g_content_type_get_mime_type (type);

  return g_strcmp0 (mime, "image/svg+xml") == 0 ||
         g_strcmp0 (mime, "image/svg+xml-compressed") == 0;
}


static guint
read_le24 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | ((guint) p[2] << 16);
}

gboolean
svgai_format_is_lossy (const guint8 *data, gsize length)
{
  if (length >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return TRUE;
  if (!is_webp (data, length))
    return FALSE;
  /* The chunks after the header: an animation's frames or a still's image
   * data, "VP8 " (lossy) or "VP8L" (lossless). */
  for (gsize pos = 12; pos + 8 <= length;)
    {
      guint32 size = svgai_format_read_le32 (data + pos + 4);

      if (memcmp (data + pos, "VP8 ", 4) == 0)
        return TRUE;
      if (memcmp (data + pos, "VP8L", 4) == 0)
        return FALSE;
      if (memcmp (data + pos, "ANMF", 4) == 0)
        {
          pos += 8 + 16;
          continue;
        }
      if (size > length - pos - 8)
        break;
      pos += 8 + size + (size & 1);
    }
  return FALSE;
}

/* ---- TIFF: the variants gdk-pixbuf's decoder cannot read ---- */

typedef struct {
  const guint8 *data;
  gsize length;
  gboolean big_endian;
} Tiff;

static guint
tiff_u16 (const Tiff *t, gsize offset)
{
  const guint8 *p = t->data + offset;

  return t->big_endian ? (p[0] << 8) | p[1] : p[0] | (p[1] << 8);
}

static guint32
tiff_u32 (const Tiff *t, gsize offset)
{
  return t->big_endian ? svgai_format_read_be32 (t->data + offset) : svgai_format_read_le32 (t->data + offset);
}

/* The first value of a SHORT tag of the first IFD, or -1. */
static int
tiff_short_tag (const Tiff *t, guint tag)
{
  guint32 ifd = tiff_u32 (t, 4);
  guint n;

  if ((guint64) ifd + 2 > t->length)
    return -1;
  n = tiff_u16 (t, ifd);
  for (guint i = 0; i < n; i++)
    {
      gsize e = (gsize) ifd + 2 + (gsize) i * 12;
      guint32 count, offset;

      if ((guint64) e + 12 > t->length)
        return -1;
      if (tiff_u16 (t, e) != tag || tiff_u16 (t, e + 2) != 3)
        continue;
      count = tiff_u32 (t, e + 4);
      if (count <= 2)
        return (int) tiff_u16 (t, e + 8);
      offset = tiff_u32 (t, e + 8);
      return (guint64) offset + 2 <= t->length ? (int) tiff_u16 (t, offset) : -1;
    }
  return -1;
}

static const char *
tiff_unsupported (const guint8 *data, gsize length)
{
  Tiff t = { data, length, data[0] == 'M' };
  int photometric = tiff_short_tag (&t, 262);
  int sample_format = tiff_short_tag (&t, 339);

  if (photometric == 5)
    return N_("CMYK TIFF");
  if (photometric == 8 || photometric == 9 || photometric == 10)
    return N_("CIE L*a*b* TIFF");
  if (sample_format == 3)
    return N_("floating-point TIFF");
  return NULL;
}

/* ---- The formats ---- */

/* Formats some decoder on the system may read but SVG-AI does not: named
 * in the error, so that it says what the file is. */
static const char *
known_unsupported (const guint8 *data, gsize length)
{
  static const char *const qt_atoms[] = { "idsc", "idat", "mdat", "moov", "pnot", "wide", "skip", "free" };

  if (length >= 4 && memcmp (data, "icns", 4) == 0)
    return "ICNS";
  if (length >= 9 && memcmp (data, "/* XPM */", 9) == 0)
    return "XPM";
  if (length >= 3 && data[0] == 'P' && data[1] >= '1' && data[1] <= '7' && g_ascii_isspace (data[2]))
    return "PNM (PBM, PGM, PPM, PAM)";
  if (length >= 26 && memcmp (data + length - 18, "TRUEVISION-XFILE.", 17) == 0)
    return "TGA";
  if (length >= 6 && data[0] == 0 && data[1] == 0 && (data[2] == 1 || data[2] == 2) && data[3] == 0 &&
      (data[4] | data[5]) != 0)
    return data[2] == 1 ? "ICO" : "CUR";
  if (length >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "ACON", 4) == 0)
    return "ANI";
  if (length >= 7 && memcmp (data, "#define", 7) == 0)
    return "XBM";
  if (length >= 12 && memcmp (data + 4, "ftyp", 4) == 0)
    return memcmp (data + 8, "avi", 3) == 0 ? "AVIF" : memcmp (data + 8, "hei", 3) == 0 ? "HEIF" : "ISO media";
  if (length >= 8)
    for (guint i = 0; i < G_N_ELEMENTS (qt_atoms); i++)
      if (memcmp (data + 4, qt_atoms[i], 4) == 0)
        return "QuickTime image (QTIF)";
  if (length >= 12 && memcmp (data, "\0\0\0\x0cjXL ", 8) == 0)
    return "JPEG XL";
  return NULL;
}

gboolean
svgai_format_check_supported (const guint8 *data, gsize length, const char *name, GError **error)
{
  const char *other;

  if (is_tiff (data, length))
    {
      const char *variant = tiff_unsupported (data, length);

      if (variant == NULL)
        return TRUE;
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_NOT_IMAGE, _("%s: unsupported: %s"), name, _(variant));
      return FALSE;
    }
  if (has_raster_signature (data, length))
    return TRUE;
  other = known_unsupported (data, length);
  if (other)
    g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_NOT_IMAGE,
                 _("%s: unsupported format: %s (SVG-AI reads PNG, JPEG, GIF, BMP, TIFF and WebP)"), name, other);
  else
    g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_NOT_IMAGE,
                 _("%s: not an image in a format SVG-AI reads (PNG, JPEG, GIF, BMP, TIFF or WebP)"), name);
  return FALSE;
}

/* ---- WebP ---- */

gboolean
svgai_format_webp_size (const guint8 *data, gsize length, guint64 *width, guint64 *height, gboolean *animated)
{
  *animated = FALSE;
  if (!is_webp (data, length) || length < 30)
    return FALSE;
  if (memcmp (data + 12, "VP8X", 4) == 0)
    {
      *animated = (data[20] & 0x02) != 0;
      *width = (guint64) read_le24 (data + 24) + 1;
      *height = (guint64) read_le24 (data + 27) + 1;
      return TRUE;
    }
  if (memcmp (data + 12, "VP8L", 4) == 0 && data[20] == 0x2f)
    {
      guint32 bits = svgai_format_read_le32 (data + 21);

      *width = (bits & 0x3fff) + 1;
      *height = ((bits >> 14) & 0x3fff) + 1;
      return TRUE;
    }
  if (memcmp (data + 12, "VP8 ", 4) == 0 && data[23] == 0x9d && data[24] == 0x01 && data[25] == 0x2a)
    {
      *width = (data[26] | (data[27] << 8)) & 0x3fff;
      *height = (data[28] | (data[29] << 8)) & 0x3fff;
      return TRUE;
    }
  return FALSE;
}

static void
append_chunk (GByteArray *out, const guint8 *chunk, gsize size)
{
  static const guint8 pad = 0;

  g_byte_array_append (out, chunk, (guint) (8 + size));
  if (size % 2)
    g_byte_array_append (out, &pad, 1);
}

GBytes *
svgai_format_webp_first_frame (const guint8 *data, gsize length)
{
  gsize pos = 12;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  const guint8 *alph = NULL, *image = NULL;
  gsize alph_size = 0, image_size = 0, end, w, h;
  guint8 header[30] = { 'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P',
                        'V', 'P', '8', 'X', 10, 0, 0, 0, 0x10, 0, 0, 0 };

  /* The first ANMF chunk. */
  while (pos + 8 <= length && memcmp (data + pos, "ANMF", 4) != 0)
    pos += 8 + ((gsize) svgai_format_read_le32 (data + pos + 4) + 1) / 2 * 2;
  if (pos + 8 + 16 > length || svgai_format_read_le32 (data + pos + 4) > length - pos - 8)
    return NULL;
  end = pos + 8 + svgai_format_read_le32 (data + pos + 4);
  w = read_le24 (data + pos + 14) + 1;
  h = read_le24 (data + pos + 17) + 1;
  for (pos += 8 + 16; pos + 8 <= end; pos += 8 + (svgai_format_read_le32 (data + pos + 4) + 1) / 2 * 2)
    {
      gsize size = svgai_format_read_le32 (data + pos + 4);

      if (size > end - pos - 8)
        return NULL;
      if (memcmp (data + pos, "ALPH", 4) == 0)
        alph = data + pos, alph_size = size;
      else if (memcmp (data + pos, "VP8 ", 4) == 0 || memcmp (data + pos, "VP8L", 4) == 0)
        {
          image = data + pos, image_size = size;
          break;
        }
    }
  if (image == NULL)
    return NULL;
  g_byte_array_append (out, header, alph ? 30 : 12);
  if (alph)
    {
      out->data[24] = (w - 1) & 0xff, out->data[25] = ((w - 1) >> 8) & 0xff, out->data[26] = ((w - 1) >> 16) & 0xff;
      out->data[27] = (h - 1) & 0xff, out->data[28] = ((h - 1) >> 8) & 0xff, out->data[29] = ((h - 1) >> 16) & 0xff;
      append_chunk (out, alph, alph_size);
    }
  append_chunk (out, image, image_size);
  {
    guint32 riff = out->len - 8;

    out->data[4] = riff & 0xff, out->data[5] = (riff >> 8) & 0xff;
    out->data[6] = (riff >> 16) & 0xff, out->data[7] = riff >> 24;
  }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
