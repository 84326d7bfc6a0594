/* Embedded colour profiles (issue 14: colours are read in sRGB). Adobe RGB
 * (1998) and Display P3 profiles are made with lcms2 from their primaries,
 * white point and curves, embedded in PNG and JPEG files by gdk-pixbuf's
 * encoders, and the files loaded through the engine; the expected sRGB is
 * computed here from the same primaries, independently of lcms. */
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <lcms2.h>
#include <math.h>
#include <string.h>

#include "engine/svgai-convert.h"
#include "engine/svgai-icc.h"
#include "engine/svgai-image.h"

/* Patches 16 px wide, aligned with JPEG's blocks; sampled at their centres. */
#define PATCH 16

typedef struct {
  double red[2], green[2], blue[2];   /* chromaticities x, y; white is D65 */
  double gamma;                       /* 0: the sRGB curve */
} Space;

static const Space ADOBE_RGB = { { 0.64, 0.33 }, { 0.21, 0.71 }, { 0.15, 0.06 }, 563.0 / 256.0 };
static const Space DISPLAY_P3 = { { 0.680, 0.320 }, { 0.265, 0.690 }, { 0.150, 0.060 }, 0 };
static const Space SRGB = { { 0.64, 0.33 }, { 0.30, 0.60 }, { 0.15, 0.06 }, 0 };
static const double D65[2] = { 0.3127, 0.3290 };

/* Saturated and neutral colours, as stored in the tagged file. */
static const guint8 COLOURS[][3] = {
  { 0, 255, 0 }, { 255, 0, 0 }, { 0, 0, 255 }, { 128, 128, 128 },
  { 200, 120, 80 }, { 60, 90, 180 }, { 255, 255, 255 }, { 0, 0, 0 },
};
#define N_COLOURS G_N_ELEMENTS (COLOURS)

static GBytes *
profile_bytes (cmsHPROFILE profile)
{
  cmsUInt32Number size = 0;
  guint8 *data;

  g_assert_true (cmsSaveProfileToMem (profile, NULL, &size));
  data = g_malloc (size);
  g_assert_true (cmsSaveProfileToMem (profile, data, &size));
  cmsCloseProfile (profile);
  return g_bytes_new_take (data, size);
}

static GBytes *
make_profile (const Space *space)
{
  cmsCIExyY white = { D65[0], D65[1], 1.0 };
  cmsCIExyYTRIPLE primaries = {
    { space->red[0], space->red[1], 1.0 },
    { space->green[0], space->green[1], 1.0 },
    { space->blue[0], space->blue[1], 1.0 },
  };
  /* IEC 61966-2-1's curve as lcms's parametric type 4. */
  double srgb[5] = { 2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045 };
  cmsToneCurve *curve = space->gamma > 0 ? cmsBuildGamma (NULL, space->gamma)
                                         : cmsBuildParametricToneCurve (NULL, 4, srgb);
  cmsToneCurve *curves[3] = { curve, curve, curve };
  cmsHPROFILE profile = cmsCreateRGBProfile (&white, &primaries, curves);

  g_assert_nonnull (profile);
  cmsFreeToneCurve (curve);
  return profile_bytes (profile);
}

/* The RGB → XYZ matrix of @space (rows X, Y, Z), as SMPTE RP 177 derives it. */
static void
rgb_to_xyz (const Space *space, double m[3][3])
{
  const double *xy[3] = { space->red, space->green, space->blue };
  double p[3][3], w[3] = { D65[0] / D65[1], 1, (1 - D65[0] - D65[1]) / D65[1] }, s[3], inv[3][3], det;

  for (int c = 0; c < 3; c++)
    {
      p[0][c] = xy[c][0] / xy[c][1];
      p[1][c] = 1;
      p[2][c] = (1 - xy[c][0] - xy[c][1]) / xy[c][1];
    }
  det = p[0][0] * (p[1][1] * p[2][2] - p[1][2] * p[2][1]) - p[0][1] * (p[1][0] * p[2][2] - p[1][2] * p[2][0]) +
        p[0][2] * (p[1][0] * p[2][1] - p[1][1] * p[2][0]);
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++)
      {
        int i1 = (j + 1) % 3, i2 = (j + 2) % 3, j1 = (i + 1) % 3, j2 = (i + 2) % 3;
        inv[i][j] = (p[i1][j1] * p[i2][j2] - p[i1][j2] * p[i2][j1]) / det;
      }
  for (int i = 0; i < 3; i++)
    s[i] = inv[i][0] * w[0] + inv[i][1] * w[1] + inv[i][2] * w[2];
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++)
      m[i][j] = p[i][j] * s[j];
}

static void
invert (double m[3][3], double out[3][3])
{
  double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
               m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);

  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++)
      {
        int i1 = (j + 1) % 3, i2 = (j + 2) % 3, j1 = (i + 1) % 3, j2 = (i + 2) % 3;
        out[i][j] = (m[i1][j1] * m[i2][j2] - m[i1][j2] * m[i2][j1]) / det;
      }
}

static double
decode (const Space *space, double v)
{
  if (space->gamma > 0)
    return pow (v, space->gamma);
  return v <= 0.04045 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
}

/* @rgb in @space as sRGB, out-of-gamut channels clipped (relative
 * colorimetric: both whites are D65). */
static void
expected_srgb (const Space *space, const guint8 rgb[3], double out[3])
{
  double to_xyz[3][3], srgb_to_xyz[3][3], from_xyz[3][3], lin[3], xyz[3];

  rgb_to_xyz (space, to_xyz);
  rgb_to_xyz (&SRGB, srgb_to_xyz);
  invert (srgb_to_xyz, from_xyz);
  for (int c = 0; c < 3; c++)
    lin[c] = decode (space, rgb[c] / 255.0);
  for (int i = 0; i < 3; i++)
    xyz[i] = to_xyz[i][0] * lin[0] + to_xyz[i][1] * lin[1] + to_xyz[i][2] * lin[2];
  for (int i = 0; i < 3; i++)
    {
      double v = CLAMP (from_xyz[i][0] * xyz[0] + from_xyz[i][1] * xyz[1] + from_xyz[i][2] * xyz[2], 0, 1);
      v = v <= 0.0031308 ? 12.92 * v : 1.055 * pow (v, 1 / 2.4) - 0.055;
      out[i] = 255 * v;
    }
}

/* A row of patches, one per colour; alpha falls from 255 along the rows
 * when @alpha (it must be kept as it is). */
static GdkPixbuf *
draw_patches (gboolean alpha)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, PATCH * N_COLOURS, PATCH * 2);
  int n = gdk_pixbuf_get_n_channels (pixbuf), stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);

  for (int y = 0; y < PATCH * 2; y++)
    for (int x = 0; x < PATCH * (int) N_COLOURS; x++)
      {
        guint8 *p = pixels + y * stride + x * n;
        memcpy (p, COLOURS[x / PATCH], 3);
        if (alpha)
          p[3] = (guint8) (255 - y * 7);
      }
  return pixbuf;
}

static guint32
png_crc (const guint8 *p, gsize n, guint32 crc)
{
  for (gsize i = 0; i < n; i++)
    {
      crc ^= p[i];
      for (int k = 0; k < 8; k++)
        crc = crc & 1 ? 0xedb88320u ^ (crc >> 1) : crc >> 1;
    }
  return crc;
}

/* @png with an iCCP chunk carrying @profile after its header (gdk-pixbuf
 * 2.42's encoder sets the profile before the colour type and libpng then
 * refuses an RGB profile). */
static GBytes *
png_with_iccp (const guint8 *png, gsize size, GBytes *profile)
{
  g_autoptr(GZlibCompressor) z = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9);
  gsize in_size = g_bytes_get_size (profile), read = 0, written = 0, zmax = in_size + 1024;
  g_autofree guint8 *zdata = g_malloc (zmax);
  g_autoptr(GError) error = NULL;
  static const guint8 head[] = "iCCPICC profile\0\0";   /* type, name, NUL, method 0 */
  GByteArray *out = g_byte_array_new ();
  guint8 be[4];
  guint32 crc;

  g_assert_cmpint (g_converter_convert (G_CONVERTER (z), g_bytes_get_data (profile, NULL), in_size, zdata, zmax,
                                        G_CONVERTER_INPUT_AT_END, &read, &written, &error), ==, G_CONVERTER_FINISHED);
  g_assert_no_error (error);
  g_byte_array_append (out, png, 33);   /* signature and IHDR */
  *(guint32 *) be = GUINT32_TO_BE ((guint32) (sizeof head - 1 - 4 + written));
  g_byte_array_append (out, be, 4);
  g_byte_array_append (out, head, sizeof head - 1);
  g_byte_array_append (out, zdata, (guint) written);
  crc = png_crc (head, sizeof head - 1, 0xffffffffu);
  crc = png_crc (zdata, written, crc) ^ 0xffffffffu;
  *(guint32 *) be = GUINT32_TO_BE (crc);
  g_byte_array_append (out, be, 4);
  g_byte_array_append (out, png + 33, (guint) (size - 33));
  return g_byte_array_free_to_bytes (out);
}

/* The patches saved as @format carrying @profile (none if NULL), then
 * loaded by the engine. */
static SvgaiImage *
save_and_load (GdkPixbuf *pixbuf, const char *format, GBytes *profile)
{
  g_autofree char *b64 = profile ? g_base64_encode (g_bytes_get_data (profile, NULL), g_bytes_get_size (profile)) : NULL;
  g_autofree char *buffer = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;
  SvgaiImage *image;

  if (g_str_equal (format, "jpeg"))
    g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, format, &error, "quality", "100",
                                              b64 ? "icc-profile" : NULL, b64, NULL));
  else
    g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, format, &error, NULL));
  g_assert_no_error (error);
  if (profile != NULL && !g_str_equal (format, "jpeg"))
    bytes = png_with_iccp ((const guint8 *) buffer, size, profile);
  else
    bytes = g_bytes_new (buffer, size);
  image = svgai_image_new_from_bytes (bytes, format, NULL, &error);
  g_assert_no_error (error);
  return image;
}

static const guint8 *
patch_centre (const SvgaiImage *image, guint k)
{
  return svgai_image_pixel (image, (int) k * PATCH + PATCH / 2, PATCH / 2);
}

/* Each patch is the sRGB of its colour within @tolerance levels, and the
 * conversion moved at least one patch by more than 10 levels. */
static void
check_converted (const Space *space, const char *format, double tolerance)
{
  g_autoptr(GdkPixbuf) pixbuf = draw_patches (FALSE);
  g_autoptr(GBytes) profile = make_profile (space);
  g_autoptr(SvgaiImage) image = save_and_load (pixbuf, format, profile);
  g_autofree char *warning = svgai_image_dup_warning (image);
  int moved = 0;

  g_assert_null (warning);
  for (guint k = 0; k < N_COLOURS; k++)
    {
      const guint8 *p = patch_centre (image, k);
      double want[3];

      expected_srgb (space, COLOURS[k], want);
      for (int c = 0; c < 3; c++)
        {
          if (fabs (p[c] - want[c]) > tolerance)
            g_error ("%s %s colour %u channel %d: %d, want %.1f", format, space == &ADOBE_RGB ? "Adobe RGB" : "P3",
                     k, c, p[c], want[c]);
          moved = MAX (moved, abs ((int) p[c] - (int) COLOURS[k][c]));
        }
    }
  g_assert_cmpint (moved, >, 10);
}

static void
test_adobe_rgb (void)
{
  double grey[3];

  /* The figures the issue names: Adobe RGB's green lies far outside sRGB
   * (its red would be -0.40 linear) and is clipped to sRGB's; mid grey
   * stays grey within a level. */
  expected_srgb (&ADOBE_RGB, COLOURS[0], grey);
  g_assert_cmpfloat (grey[0], ==, 0);
  g_assert_cmpfloat (fabs (grey[1] - 255), <, 1e-9);
  expected_srgb (&ADOBE_RGB, COLOURS[3], grey);
  g_assert_cmpfloat (fabs (grey[0] - 128), <=, 1.5);

  check_converted (&ADOBE_RGB, "png", 1.0);
  check_converted (&ADOBE_RGB, "jpeg", 3.0);
}

static void
test_display_p3 (void)
{
  check_converted (&DISPLAY_P3, "png", 1.0);
  check_converted (&DISPLAY_P3, "jpeg", 3.0);
}

/* Alpha is untouched, RGB converted under it. */
static void
test_alpha_kept (void)
{
  g_autoptr(GdkPixbuf) pixbuf = draw_patches (TRUE);
  g_autoptr(GBytes) profile = make_profile (&ADOBE_RGB);
  g_autoptr(SvgaiImage) image = save_and_load (pixbuf, "png", profile);
  const guint8 *src = gdk_pixbuf_read_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  double want[3];

  for (int y = 0; y < image->height; y++)
    for (int x = 0; x < image->width; x++)
      g_assert_cmpint (svgai_image_pixel (image, x, y)[3], ==, src[y * stride + x * 4 + 3]);
  expected_srgb (&ADOBE_RGB, COLOURS[4], want);
  g_assert_cmpfloat (fabs (svgai_image_pixel (image, 4 * PATCH + 3, 2 * PATCH - 1)[0] - want[0]), <=, 1.0);
}

/* An sRGB profile, and no profile, leave the decoded pixels exactly. */
static void
test_srgb_untouched (void)
{
  g_autoptr(GdkPixbuf) pixbuf = draw_patches (TRUE);
  g_autoptr(GBytes) srgb = make_profile (&SRGB);
  g_autoptr(GBytes) builtin = profile_bytes (cmsCreate_sRGBProfile ());
  g_autoptr(SvgaiImage) plain = save_and_load (pixbuf, "png", NULL);
  g_autoptr(SvgaiImage) tagged = save_and_load (pixbuf, "png", srgb);
  g_autoptr(SvgaiImage) tagged2 = save_and_load (pixbuf, "png", builtin);
  gsize n = (gsize) plain->width * plain->height * 4;

  g_assert_cmpmem (plain->pixels, n, gdk_pixbuf_read_pixels (pixbuf), n);
  g_assert_cmpmem (tagged->pixels, n, plain->pixels, n);
  g_assert_cmpmem (tagged2->pixels, n, plain->pixels, n);
  g_assert_null (svgai_image_dup_warning (tagged));
}

/* A profile that cannot be used: pixels kept as decoded, the file flagged,
 * and the flag reaches the result's warnings. */
static void
check_flagged (GBytes *profile, const char *format, const char *reason)
{
  g_autoptr(GdkPixbuf) pixbuf = draw_patches (FALSE);
  g_autoptr(SvgaiImage) plain = save_and_load (pixbuf, format, NULL);
  g_autoptr(SvgaiImage) image = save_and_load (pixbuf, format, profile);
  g_autofree char *warning = svgai_image_dup_warning (image);
  g_autoptr(SvgaiConversion) conversion = NULL;
  g_autoptr(GError) error = NULL;
  SvgaiParams params;
  gsize n = (gsize) plain->width * plain->height * 4;

  g_assert_cmpmem (image->pixels, n, plain->pixels, n);
  g_assert_nonnull (warning);
  g_test_message ("%s: %s", format, warning);
  g_assert_nonnull (strstr (warning, reason));
  g_assert_nonnull (strstr (warning, "read as sRGB"));
  g_assert_null (strchr (warning, '\n'));

  svgai_params_init_default (&params);
  conversion = svgai_convert (image, &params, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conversion->vector->warnings->len, >=, 1);
  g_assert_cmpstr (conversion->vector->warnings->pdata[0], ==, warning);
}

/* @profile with every tag's type signature broken: its header and tag
 * table pass libpng's checks, its tags cannot be read. */
static GBytes *
break_tags (GBytes *profile)
{
  gsize size = g_bytes_get_size (profile);
  guint8 *data = g_memdup2 (g_bytes_get_data (profile, NULL), size);
  guint32 n = GUINT32_FROM_BE (*(guint32 *) (data + 128));

  for (guint32 i = 0; i < n; i++)
    {
      guint32 offset = GUINT32_FROM_BE (*(guint32 *) (data + 132 + 12 * i + 4));
      g_assert_cmpuint (offset + 4, <=, size);
      memcpy (data + offset, "xxxx", 4);
    }
  return g_bytes_new_take (data, size);
}

static void
test_corrupt_flagged (void)
{
  g_autoptr(GBytes) adobe = make_profile (&ADOBE_RGB);
  gsize size = g_bytes_get_size (adobe);
  g_autofree guint8 *bad = g_memdup2 (g_bytes_get_data (adobe, NULL), size);
  g_autoptr(GBytes) garbage = NULL;
  g_autoptr(GBytes) truncated = NULL;
  g_autoptr(GBytes) broken = break_tags (adobe);

  /* libpng drops a profile whose header is wrong, so a PNG carries only one
   * that is broken inside; a JPEG carries any bytes. */
  check_flagged (broken, "png", "cannot be converted to sRGB");
  check_flagged (broken, "jpeg", "cannot be converted to sRGB");
  memcpy (bad + 36, "xxxx", 4);   /* the signature 'acsp' */
  garbage = g_bytes_new (bad, size);
  check_flagged (garbage, "jpeg", "cannot be read");
  truncated = g_bytes_new (g_bytes_get_data (adobe, NULL), 140);
  check_flagged (truncated, "jpeg", "cannot be read");
}

static void
test_not_rgb_flagged (void)
{
  cmsCIExyY white = { D65[0], D65[1], 1.0 };
  cmsToneCurve *curve = cmsBuildGamma (NULL, 2.2);
  g_autoptr(GBytes) grey = profile_bytes (cmsCreateGrayProfile (&white, curve));

  cmsFreeToneCurve (curve);
  /* A grey profile on colour pixels (libpng drops it from an RGB PNG; a
   * JPEG keeps it). */
  check_flagged (grey, "jpeg", "greyscale");
}

/* A grey profile on a greyscale image (every pixel R = G = B, as a grey
 * file decodes) is applied: gamma 1.8 grey to the sRGB curve. */
static void
test_grey_converted (void)
{
  cmsCIExyY white = { D65[0], D65[1], 1.0 };
  cmsToneCurve *curve = cmsBuildGamma (NULL, 1.8);
  g_autoptr(GBytes) grey = profile_bytes (cmsCreateGrayProfile (&white, curve));
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, PATCH * 4, PATCH);
  static const guint8 levels[4] = { 0, 64, 128, 255 };
  g_autoptr(SvgaiImage) image = NULL;
  g_autofree char *warning = NULL;

  cmsFreeToneCurve (curve);
  for (int y = 0; y < PATCH; y++)
    for (int x = 0; x < PATCH * 4; x++)
      memset (gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) + 3 * x, levels[x / PATCH], 3);
  image = save_and_load (pixbuf, "jpeg", grey);
  warning = svgai_image_dup_warning (image);
  g_assert_null (warning);
  for (int k = 0; k < 4; k++)
    {
      const guint8 *p = patch_centre (image, (guint) k);
      double lin = pow (levels[k] / 255.0, 1.8);
      double want = 255 * (lin <= 0.0031308 ? 12.92 * lin : 1.055 * pow (lin, 1 / 2.4) - 0.055);

      g_assert_cmpint (p[0], ==, p[1]);
      g_assert_cmpint (p[1], ==, p[2]);
      g_assert_cmpfloat (fabs (p[0] - want), <=, 1.5);
    }
  /* 64 in gamma 1.8 is 47 % lighter in sRGB: converted, not kept. */
  g_assert_cmpint (patch_centre (image, 1)[0], >, 80);
}

/* The engine's own entry on bytes: a Display P3 red clips to sRGB red. */
static void
test_p3_red_clipped (void)
{
  g_autoptr(GBytes) p3 = make_profile (&DISPLAY_P3);
  g_autoptr(SvgaiImage) image = svgai_image_new (2, 1);
  g_autofree char *reason = NULL;
  const guint8 in[8] = { 255, 0, 0, 255, 200, 0, 0, 77 };

  memcpy (image->pixels, in, 8);
  g_assert_true (svgai_icc_to_srgb (image, g_bytes_get_data (p3, NULL), g_bytes_get_size (p3), &reason));
  g_assert_null (reason);
  /* P3 red is (1.22, -0.04, -0.02) in linear sRGB: clipped, it is sRGB red. */
  g_assert_cmpint (image->pixels[0], ==, 255);
  g_assert_cmpint (image->pixels[1], <=, 1);
  g_assert_cmpint (image->pixels[2], <=, 1);
  g_assert_cmpint (image->pixels[3], ==, 255);
  g_assert_cmpint (image->pixels[4], >, 200);
  g_assert_cmpint (image->pixels[7], ==, 77);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/icc/adobe-rgb", test_adobe_rgb);
  g_test_add_func ("/icc/display-p3", test_display_p3);
  g_test_add_func ("/icc/alpha-kept", test_alpha_kept);
  g_test_add_func ("/icc/srgb-untouched", test_srgb_untouched);
  g_test_add_func ("/icc/corrupt-flagged", test_corrupt_flagged);
  g_test_add_func ("/icc/not-rgb-flagged", test_not_rgb_flagged);
  g_test_add_func ("/icc/grey-converted", test_grey_converted);
  g_test_add_func ("/icc/p3-red-clipped", test_p3_red_clipped);

  return g_test_run ();
}
