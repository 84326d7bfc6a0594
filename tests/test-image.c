/* test-image.c: loading the bad-input corpus and known pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib/gstdio.h>

#include "svgai.h"
#include "engine/svgai-image.h"

static char *
data_path (const char *name)
{
  const char *dir = g_getenv ("SVGAI_TEST_DATA");

  g_assert_nonnull (dir);
  return g_build_filename (dir, "bad", name, NULL);
}

static SvgaiImage *
load (const char *name,
      GError    **error)
{
  g_autofree char *path = data_path (name);

  return svgai_image_new_from_file (path, NULL, NULL, error);
}

static SvgaiImage *
load_ok (const char *name)
{
  g_autoptr(GError) error = NULL;
  SvgaiImage *image = load (name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (image);
  return image;
}

static int
code_from_name (const char *outcome)
{
  static const struct { const char *name; int code; } codes[] = {
    { "ok", -1 },
    { "not-image", SVGAI_ERROR_NOT_IMAGE },
    { "corrupt", SVGAI_ERROR_CORRUPT },
    { "empty", SVGAI_ERROR_EMPTY },
    { "too-large", SVGAI_ERROR_TOO_LARGE },
    { "io", SVGAI_ERROR_IO },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      if (g_str_equal (codes[i].name, outcome))
        return codes[i].code;
    }

  g_error ("unknown outcome “%s” in EXPECTED.tsv", outcome);
}

static void
test_corpus (void)
{
  g_autofree char *tsv_path = data_path ("EXPECTED.tsv");
  g_autofree char *tsv = NULL;
  g_autofree char *folder = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n_checked = 0;

  g_file_get_contents (tsv_path, &tsv, NULL, &error);
  g_assert_no_error (error);

  /* git keeps no empty folders, so the "folder" entry is made here. */
  folder = g_dir_make_tmp ("svgai-test-image-XXXXXX", &error);
  g_assert_no_error (error);

  lines = g_strsplit (tsv, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *path = NULL;
      g_autofree char *prefix = NULL;
      g_autoptr(SvgaiImage) image = NULL;
      g_autoptr(GError) load_error = NULL;
      int code;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;

      fields = g_strsplit (lines[i], "\t", 3);
      g_assert_cmpuint (g_strv_length (fields), ==, 2);
      code = code_from_name (fields[1]);

      if (g_str_equal (fields[0], "folder"))
        path = g_strdup (folder);
      else
        path = data_path (fields[0]);

      image = svgai_image_new_from_file (path, NULL, NULL, &load_error);
      g_test_message ("%s: %s", fields[0], load_error ? load_error->message : "ok");

      if (code < 0)
        {
          g_assert_no_error (load_error);
          g_assert_nonnull (image);
          g_assert_cmpint (image->width, >, 0);
          g_assert_cmpint (image->height, >, 0);
        }
      else
        {
          g_assert_error (load_error, SVGAI_ERROR, code);
          g_assert_null (image);
          /* "<name>: <reason>", one sentence naming the file */
          prefix = g_strconcat (path, ": ", NULL);
          g_assert_true (g_str_has_prefix (load_error->message, prefix));
          g_assert_cmpuint (strlen (load_error->message), >, strlen (prefix) + 5);
        }
      n_checked++;
    }

  g_assert_cmpuint (n_checked, >=, 30);
  g_rmdir (folder);
}

static void
assert_pixel (const SvgaiImage *image,
              int               x,
              int               y,
              guint8            r,
              guint8            g,
              guint8            b,
              guint8            a)
{
  const guint8 *p = svgai_image_pixel (image, x, y);
  g_autofree char *got = g_strdup_printf ("(%d,%d,%d,%d)", p[0], p[1], p[2], p[3]);
  g_autofree char *want = g_strdup_printf ("(%d,%d,%d,%d)", r, g, b, a);

  g_assert_cmpstr (got, ==, want);
}

static void
test_straight_alpha (void)
{
  g_autoptr(SvgaiImage) image = load_ok ("rgba-2x2.png");

  g_assert_cmpint (image->width, ==, 2);
  g_assert_cmpint (image->height, ==, 2);
  assert_pixel (image, 0, 0, 255, 0, 0, 255);
  /* Premultiplied it would read (0,128,0,128). */
  assert_pixel (image, 1, 0, 0, 255, 0, 128);
  /* Colour is kept even where alpha is 0. */
  assert_pixel (image, 0, 1, 0, 0, 255, 0);
  assert_pixel (image, 1, 1, 255, 255, 255, 255);
  g_assert_true (svgai_image_has_transparency (image));
}

static void
test_png_variants (void)
{
  g_autoptr(SvgaiImage) deep = load_ok ("16bit.png");
  g_autoptr(SvgaiImage) palette = load_ok ("palette.png");
  g_autoptr(SvgaiImage) grey = load_ok ("grey-alpha.png");
  g_autoptr(SvgaiImage) interlaced = load_ok ("interlaced.png");
  g_autoptr(SvgaiImage) one = load_ok ("one-colour.png");
  g_autoptr(SvgaiImage) clear = load_ok ("all-transparent.png");
  g_autoptr(SvgaiImage) tall = load_ok ("strip-1x10000.png");
  g_autoptr(SvgaiImage) wide = load_ok ("strip-10000x1.png");
  g_autoptr(SvgaiImage) tiny = load_ok ("1x1.png");

  assert_pixel (deep, 0, 0, 255, 0, 128, 64);
  assert_pixel (deep, 1, 0, 0, 255, 0, 255);

  assert_pixel (palette, 0, 0, 255, 0, 0, 255);
  assert_pixel (palette, 1, 0, 0, 255, 0, 128);
  assert_pixel (palette, 0, 1, 0, 0, 255, 0);
  assert_pixel (palette, 1, 1, 255, 255, 0, 255);

  assert_pixel (grey, 0, 0, 200, 200, 200, 255);
  assert_pixel (grey, 1, 0, 50, 50, 50, 100);

  g_assert_cmpint (interlaced->width, ==, 9);
  g_assert_cmpint (interlaced->height, ==, 9);
  for (int y = 0; y < 9; y++)
    for (int x = 0; x < 9; x++)
      assert_pixel (interlaced, x, y, x * 28, y * 28, (x + y) * 14, 255);

  assert_pixel (one, 7, 7, 0x33, 0x66, 0x99, 255);
  g_assert_false (svgai_image_has_transparency (one));
  g_assert_true (svgai_image_has_transparency (clear));

  g_assert_cmpint (tall->width, ==, 1);
  g_assert_cmpint (tall->height, ==, 10000);
  assert_pixel (tall, 0, 9999, 0, 0, 0, 255);
  assert_pixel (tall, 0, 9998, 255, 255, 255, 255);
  g_assert_cmpint (wide->width, ==, 10000);
  g_assert_cmpint (wide->height, ==, 1);
  assert_pixel (wide, 9999, 0, 9999 % 256, 0, 0, 255);
  assert_pixel (tiny, 0, 0, 10, 20, 30, 255);
}

static void
assert_pixel_near (const SvgaiImage *image,
                   int               x,
                   int               y,
                   int               r,
                   int               g,
                   int               b,
                   int               tolerance)
{
  const guint8 *p = svgai_image_pixel (image, x, y);

  g_assert_cmpint (ABS (p[0] - r), <=, tolerance);
  g_assert_cmpint (ABS (p[1] - g), <=, tolerance);
  g_assert_cmpint (ABS (p[2] - b), <=, tolerance);
  g_assert_cmpint (p[3], ==, 255);
}

static void
test_other_formats (void)
{
  g_autoptr(SvgaiImage) cmyk = load_ok ("cmyk.jpg");
  g_autoptr(SvgaiImage) gif = load_ok ("animated.gif");
  g_autoptr(SvgaiImage) bmp = load_ok ("green.bmp");
  g_autoptr(SvgaiImage) tiff = load_ok ("blue.tiff");
  g_autoptr(SvgaiImage) webp = load_ok ("yellow.webp");
  g_autoptr(SvgaiImage) jpeg = load_ok ("plasma.jpg");
  g_autoptr(SvgaiImage) progressive = load_ok ("progressive.jpg");

  /* CMYK (Adobe, inverted) must come out red, not cyan. */
  assert_pixel_near (cmyk, 4, 4, 255, 0, 0, 40);
  /* Animated GIF: the first frame (red), not the second (blue). */
  g_assert_cmpint (gif->width, ==, 8);
  assert_pixel_near (gif, 4, 4, 255, 0, 0, 0);
  assert_pixel_near (bmp, 0, 0, 0, 255, 0, 0);
  assert_pixel_near (tiff, 7, 7, 0, 0, 255, 0);
  assert_pixel_near (webp, 3, 3, 255, 255, 0, 0);
  g_assert_cmpint (jpeg->width, ==, 64);
  g_assert_cmpint (jpeg->height, ==, 64);
  g_assert_false (svgai_image_has_transparency (jpeg));

  /* Baseline and progressive encodings of one picture decode alike. */
  g_assert_cmpint (progressive->width, ==, 64);
  for (int y = 0; y < 64; y += 9)
    for (int x = 0; x < 64; x += 7)
      {
        const guint8 *p = svgai_image_pixel (jpeg, x, y);
        assert_pixel_near (progressive, x, y, p[0], p[1], p[2], 24);
      }
}

static void
test_max_pixels (void)
{
  g_autofree char *path = data_path ("plasma.jpg");
  g_autofree char *huge = data_path ("huge-declared.png");
  SvgaiLoadOptions limit = { .max_pixels = 64 * 64 - 1 };
  SvgaiLoadOptions exact = { .max_pixels = 64 * 64 };
  g_autoptr(SvgaiImage) image = NULL;
  g_autoptr(GError) error = NULL;

  image = svgai_image_new_from_file (path, &limit, NULL, &error);
  g_assert_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE);
  g_assert_null (image);
  g_assert_nonnull (strstr (error->message, "64 × 64"));
  g_assert_nonnull (strstr (error->message, "4095"));
  g_assert_nonnull (strstr (error->message, "--max-pixels"));
  g_clear_error (&error);

  image = svgai_image_new_from_file (path, &exact, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (image);
  g_clear_pointer (&image, svgai_image_unref);

  /* Refused from the header: 10^10 pixels are never allocated. */
  image = svgai_image_new_from_file (huge, NULL, NULL, &error);
  g_assert_error (error, SVGAI_ERROR, SVGAI_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "100000 × 100000"));
  g_assert_nonnull (strstr (error->message, "64000000"));
}

static void
test_from_bytes (void)
{
  g_autofree char *path = data_path ("rgba-2x2.png");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(SvgaiImage) image = NULL;
  g_autoptr(SvgaiImage) none = NULL;
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (contents, length);

  image = svgai_image_new_from_bytes (bytes, "stdin", NULL, &error);
  g_assert_no_error (error);
  assert_pixel (image, 1, 0, 0, 255, 0, 128);

  none = svgai_image_new_from_bytes (empty, "stdin", NULL, &error);
  g_assert_null (none);
  g_assert_error (error, SVGAI_ERROR, SVGAI_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "stdin: the file is empty");
}

static void
test_cancelled (void)
{
  g_autofree char *path = data_path ("plasma.jpg");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SvgaiImage) image = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  image = svgai_image_new_from_file (path, NULL, cancellable, &error);
  g_assert_null (image);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_new (void)
{
  g_autoptr(SvgaiImage) image = svgai_image_new (3, 2);

  g_assert_nonnull (image);
  for (gsize i = 0; i < 3 * 2 * 4; i++)
    g_assert_cmpint (image->pixels[i], ==, 0);
  g_assert_true (svgai_image_has_transparency (image));

  /* 2^31 × 2^31 × 4 bytes cannot be allocated: NULL, not an abort. */
  g_assert_null (svgai_image_new (G_MAXINT, G_MAXINT));
}

static gpointer
hash_thread (gpointer data)
{
  return (gpointer) svgai_image_get_hash (data);
}

static void
test_hash (void)
{
  g_autoptr(SvgaiImage) a = load_ok ("rgba-2x2.png");
  g_autoptr(SvgaiImage) b = load_ok ("rgba-2x2.png");
  g_autoptr(SvgaiImage) wide = svgai_image_new (2, 1);
  g_autoptr(SvgaiImage) tall = svgai_image_new (1, 2);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  static const guint8 size[8] = { 2, 0, 0, 0, 2, 0, 0, 0 };
  const char *hash = svgai_image_get_hash (a);
  GThread *threads[4];

  /* SHA-256 of width and height (little-endian 32-bit), then the pixels */
  g_checksum_update (checksum, size, sizeof size);
  g_checksum_update (checksum, a->pixels, 2 * 2 * 4);
  g_assert_cmpstr (hash, ==, g_checksum_get_string (checksum));
  g_assert_cmpuint (strlen (hash), ==, 64);

  /* cached */
  g_assert_true (svgai_image_get_hash (a) == hash);
  g_assert_cmpstr (svgai_image_get_hash (b), ==, hash);

  /* the same bytes in another shape hash differently */
  g_assert_cmpstr (svgai_image_get_hash (wide), !=, svgai_image_get_hash (tall));

  /* one pixel differs */
  g_clear_pointer (&b, svgai_image_unref);
  b = load_ok ("rgba-2x2.png");
  b->pixels[5] ^= 1;
  g_assert_cmpstr (svgai_image_get_hash (b), !=, hash);

  /* computed once even when asked from several threads */
  g_clear_pointer (&b, svgai_image_unref);
  b = load_ok ("strip-10000x1.png");
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("hash", hash_thread, b);
  hash = g_thread_join (threads[0]);
  for (guint i = 1; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (g_thread_join (threads[i]) == hash);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/image/corpus", test_corpus);
  g_test_add_func ("/image/straight-alpha", test_straight_alpha);
  g_test_add_func ("/image/png-variants", test_png_variants);
  g_test_add_func ("/image/other-formats", test_other_formats);
  g_test_add_func ("/image/max-pixels", test_max_pixels);
  g_test_add_func ("/image/from-bytes", test_from_bytes);
  g_test_add_func ("/image/cancelled", test_cancelled);
  g_test_add_func ("/image/new", test_new);
  g_test_add_func ("/image/hash", test_hash);

  return g_test_run ();
}
