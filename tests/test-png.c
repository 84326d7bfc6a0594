/* PNG files decoded by libpng directly (svgai-png.c) give the pixels
 * gdk-pixbuf gives for them, for every colour type and bit depth libpng
 * writes, with and without tRNS, interlaced or not; damaged and truncated
 * files are left to gdk-pixbuf. The files are written here with libpng. */
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <png.h>
#include <string.h>

#include "engine/svgai-image.h"
#include "engine/svgai-png.h"

#define W 37   /* odd: partial bytes at 1, 2 and 4 bits per sample */
#define H 23

typedef struct {
  int color_type;
  int bit_depth;
  gboolean trns;
  gboolean interlaced;
} Variant;

static void
append_bytes (png_structp png, png_bytep data, png_size_t n)
{
  g_byte_array_append (png_get_io_ptr (png), data, (guint) n);
}

static void
flush_nothing (png_structp png)
{
}

static int
channels_of (int color_type)
{
  switch (color_type)
    {
    case PNG_COLOR_TYPE_GRAY: return 1;
    case PNG_COLOR_TYPE_GRAY_ALPHA: return 2;
    case PNG_COLOR_TYPE_RGB: return 3;
    case PNG_COLOR_TYPE_RGB_ALPHA: return 4;
    default: return 1;   /* palette indices */
    }
}

/* Sample c of pixel (x, y): a pattern that reaches every value of the
 * depth and differs between channels. */
static guint
sample (int x, int y, int c, int bit_depth)
{
  guint max = (1u << bit_depth) - 1;

  return ((guint) (x * 7 + y * 13 + c * 61) * (bit_depth == 16 ? 1021u : 1u)) % (max + 1);
}

static void
pack_row (const Variant *v, int y, guint8 *row)
{
  int n = channels_of (v->color_type);
  int bits = v->bit_depth;

  memset (row, 0, (gsize) (W * n * bits + 7) / 8);
  for (int x = 0; x < W; x++)
    for (int c = 0; c < n; c++)
      {
        guint s = sample (x, y, c, v->color_type == PNG_COLOR_TYPE_PALETTE ? MIN (bits, 4) : bits);
        gsize bit = (gsize) (x * n + c) * (gsize) bits;

        if (bits == 16)
          {
            row[bit / 8] = (guint8) (s >> 8);
            row[bit / 8 + 1] = (guint8) s;
          }
        else
          row[bit / 8] |= (guint8) (s << (8 - bits - bit % 8));
      }
}

static void
set_palette (png_structp png, png_infop info, const Variant *v)
{
  png_color palette[16];
  png_byte alpha[16];

  for (int i = 0; i < 16; i++)
    {
      palette[i].red = (png_byte) (i * 17);
      palette[i].green = (png_byte) (255 - i * 13);
      palette[i].blue = (png_byte) (i * 29 % 256);
      alpha[i] = (png_byte) (255 - i * 16);
    }
  png_set_PLTE (png, info, palette, MIN (16, 1 << v->bit_depth));
  if (v->trns)
    png_set_tRNS (png, info, alpha, MIN (16, 1 << v->bit_depth), NULL);
}

static GBytes *
write_png (const Variant *v)
{
  GByteArray *out = g_byte_array_new ();
  png_structp png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png_create_info_struct (png);
  g_autofree guint8 *row = g_malloc ((gsize) W * 8);

  g_assert_nonnull (info);
  if (setjmp (png_jmpbuf (png)))
    g_error ("libpng could not write the test file");
  png_set_write_fn (png, out, append_bytes, flush_nothing);
  png_set_IHDR (png, info, W, H, v->bit_depth, v->color_type,
                v->interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (v->color_type == PNG_COLOR_TYPE_PALETTE)
    set_palette (png, info, v);
  else if (v->trns)
    {
      png_color_16 key = { 0, (png_uint_16) sample (3, 0, 0, v->bit_depth),
                           (png_uint_16) sample (3, 0, 1, v->bit_depth),
                           (png_uint_16) sample (3, 0, 2, v->bit_depth),
                           (png_uint_16) sample (3, 0, 0, v->bit_depth) };
      png_set_tRNS (png, info, NULL, 0, &key);
    }
  png_write_info (png, info);
  for (int pass = png_set_interlace_handling (png); pass > 0; pass--)
    for (int y = 0; y < H; y++)
      {
        pack_row (v, y, row);
        png_write_row (png, row);
      }
  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);
  return g_byte_array_free_to_bytes (out);
}

/* gdk-pixbuf's pixels, as packed RGBA (opaque when it gives RGB). */
static guint8 *
pixbuf_rgba (GBytes *file)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("png", NULL);
  GdkPixbuf *pixbuf;
  guint8 *out = g_malloc ((gsize) W * H * 4);
  int n, stride;
  const guint8 *px;

  g_assert_true (gdk_pixbuf_loader_write_bytes (loader, file, NULL));
  g_assert_true (gdk_pixbuf_loader_close (loader, NULL));
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, W);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, H);
  n = gdk_pixbuf_get_n_channels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  px = gdk_pixbuf_read_pixels (pixbuf);
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      for (int c = 0; c < 4; c++)
        out[(y * W + x) * 4 + c] = c < n ? px[y * stride + x * n + c] : 255;
  return out;
}

static void
check_same_as_pixbuf (const Variant *v)
{
  g_autoptr(GBytes) file = write_png (v);
  g_autoptr(GBytes) icc = NULL;
  g_autoptr(SvgaiImage) image = svgai_png_decode (g_bytes_get_data (file, NULL), g_bytes_get_size (file),
                                                  W, H, &icc);
  g_autofree guint8 *expected = pixbuf_rgba (file);
  int differing = 0, alpha_levels = 0;
  gboolean seen[256] = { FALSE };

  g_assert_nonnull (image);
  g_assert_null (icc);
  for (int i = 0; i < W * H * 4; i++)
    differing += image->pixels[i] != expected[i];
  for (int i = 3; i < W * H * 4; i += 4)
    if (!seen[image->pixels[i]])
      seen[image->pixels[i]] = TRUE, alpha_levels++;
  if (differing > 0)
    g_test_message ("type %d, %d bits, tRNS %d, interlaced %d: %d samples differ", v->color_type,
                    v->bit_depth, v->trns, v->interlaced, differing);
  g_assert_cmpint (differing, ==, 0);
  /* The pattern must reach the alpha it claims to have. */
  if (v->trns || v->color_type & PNG_COLOR_MASK_ALPHA)
    g_assert_cmpint (alpha_levels, >, 1);
  else
    g_assert_cmpint (alpha_levels, ==, 1);
}

static void
test_every_kind (void)
{
  static const struct { int color_type; int depths[5]; } kinds[] = {
    { PNG_COLOR_TYPE_GRAY, { 1, 2, 4, 8, 16 } },
    { PNG_COLOR_TYPE_GRAY_ALPHA, { 8, 16 } },
    { PNG_COLOR_TYPE_RGB, { 8, 16 } },
    { PNG_COLOR_TYPE_RGB_ALPHA, { 8, 16 } },
    { PNG_COLOR_TYPE_PALETTE, { 1, 2, 4, 8 } },
  };
  int n = 0;

  for (gsize k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (int d = 0; d < 5 && kinds[k].depths[d] != 0; d++)
      for (int trns = 0; trns < 2; trns++)
        for (int interlaced = 0; interlaced < 2; interlaced++)
          {
            Variant v = { kinds[k].color_type, kinds[k].depths[d], trns, interlaced };

            if (trns && (v.color_type & PNG_COLOR_MASK_ALPHA))
              continue;
            check_same_as_pixbuf (&v);
            n++;
          }
  g_assert_cmpint (n, ==, 52);
}

/* A damaged or short file is not decoded here (gdk-pixbuf then reports
 * it), and nothing leaks or crashes on the way out of libpng. */
static void
test_damaged_left_to_pixbuf (void)
{
  Variant v = { PNG_COLOR_TYPE_RGB_ALPHA, 8, FALSE, FALSE };
  g_autoptr(GBytes) file = write_png (&v);
  gsize size = g_bytes_get_size (file);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (file, NULL), size);
  g_autoptr(GBytes) icc = NULL;
  SvgaiImage *image;
  gsize idat;

  image = svgai_png_decode (data, size, W, H, &icc);
  g_assert_nonnull (image);
  svgai_image_unref (image);

  for (gsize cut = 8; cut < size; cut += size / 7)
    g_assert_null (svgai_png_decode (data, cut, W, H, &icc));

  for (idat = 8; idat + 8 < size && memcmp (data + idat + 4, "IDAT", 4) != 0;)
    idat += 12 + ((gsize) data[idat] << 24 | (gsize) data[idat + 1] << 16 | (gsize) data[idat + 2] << 8 | data[idat + 3]);
  g_assert_cmpuint (idat + 8, <, size);
  data[idat + 10] ^= 0x40;   /* a flipped bit in the compressed pixels: the CRC no longer matches */
  g_assert_null (svgai_png_decode (data, size, W, H, &icc));

  /* A header that declares another size than the caller read. */
  data[idat + 10] ^= 0x40;
  g_assert_null (svgai_png_decode (data, size, W + 1, H, &icc));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/png/same-as-pixbuf", test_every_kind);
  g_test_add_func ("/png/damaged-left-to-pixbuf", test_damaged_left_to_pixbuf);

  return g_test_run ();
}
