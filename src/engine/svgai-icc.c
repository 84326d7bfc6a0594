/* svgai-icc.c: an embedded colour profile (Adobe RGB, Display P3…)
 * converted to sRGB with Little CMS 2, so that colours are read as the
 * SVG states them (issue 14)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "svgai-config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <lcms2.h>

#include "svgai-icc.h"

/* Colours probed to tell a profile equivalent to sRGB (an sRGB iCCP chunk,
 * or one written with other curve tables): a 16 × 16 × 16 grid, each
 * moving at most SRGB_LEVELS. Such files keep their pixels exactly. */
#define PROBE_STEPS 16
#define SRGB_LEVELS 1

/* lcms's first error message of a context (its user data). */
static void
keep_error (cmsContext context, cmsUInt32Number code, const char *text)
{
  char **message = cmsGetContextUserData (context);

  (void) code;
  if (message != NULL && *message == NULL)
    *message = g_strdup (text);
}

/* "greyscale", or the ICC signature ("CMYK", "Lab"). */
static char *
colour_space_name (cmsColorSpaceSignature space)
{
  char sig[5] = { (char) (space >> 24), (char) (space >> 16), (char) (space >> 8), (char) space, 0 };

  if (space == cmsSigGrayData)
    return g_strdup (_("greyscale"));
  for (int i = 0; i < 4; i++)
    sig[i] = g_ascii_isprint (sig[i]) ? sig[i] : '?';
  return g_strchomp (g_strdup (sig));
}

/* TRUE if @transform moves no probe colour more than SRGB_LEVELS. */
static gboolean
is_srgb_equivalent (cmsHTRANSFORM transform)
{
  enum { N = PROBE_STEPS * PROBE_STEPS * PROBE_STEPS };
  g_autofree guint8 *in = g_malloc (N * 4);
  g_autofree guint8 *out = g_malloc (N * 4);
  int i = 0;

  for (int r = 0; r < PROBE_STEPS; r++)
    for (int g = 0; g < PROBE_STEPS; g++)
      for (int b = 0; b < PROBE_STEPS; b++, i++)
        {
          in[i * 4 + 0] = (guint8) (r * 255 / (PROBE_STEPS - 1));
          in[i * 4 + 1] = (guint8) (g * 255 / (PROBE_STEPS - 1));
          in[i * 4 + 2] = (guint8) (b * 255 / (PROBE_STEPS - 1));
          in[i * 4 + 3] = 255;
        }
  cmsDoTransform (transform, in, out, N);
  for (i = 0; i < N * 4; i++)
    {
      if (abs ((int) in[i] - (int) out[i]) > SRGB_LEVELS)
        return FALSE;
    }
  return TRUE;
}

/* Every pixel R = G = B: how decoders give a greyscale PNG or JPEG. */
static gboolean
is_grey_image (const SvgaiImage *image)
{
  gsize n = (gsize) image->width * (gsize) image->height;

  for (gsize i = 0; i < n; i++)
    {
      const guint8 *p = image->pixels + 4 * i;
      if (p[0] != p[1] || p[1] != p[2])
        return FALSE;
    }
  return TRUE;
}

/* A greyscale image through a grey profile: the 256 levels to sRGB once,
 * then every pixel by that table (unless no level moves by more than
 * SRGB_LEVELS). */
static void
apply_grey (cmsHTRANSFORM transform, SvgaiImage *image)
{
  gsize n = (gsize) image->width * (gsize) image->height;
  guint8 in[256], lut[256 * 3];
  gboolean moved = FALSE;

  for (int v = 0; v < 256; v++)
    in[v] = (guint8) v;
  cmsDoTransform (transform, in, lut, 256);
  for (int i = 0; i < 256 * 3; i++)
    moved |= abs ((int) lut[i] - i / 3) > SRGB_LEVELS;
  if (!moved)
    return;
  for (gsize i = 0; i < n; i++)
    {
      guint8 *p = image->pixels + 4 * i;
      memcpy (p, lut + 3 * p[0], 3);
    }
}

static void
apply_rgb (cmsHTRANSFORM transform, SvgaiImage *image)
{
  gsize n = (gsize) image->width * (gsize) image->height;

  if (is_srgb_equivalent (transform))
    return;
  /* cmsDoTransform counts pixels in 32 bits. */
  for (gsize done = 0; done < n; done += G_MAXINT32)
    {
      guint8 *p = image->pixels + done * 4;
      cmsDoTransform (transform, p, p, (cmsUInt32Number) MIN (n - done, (gsize) G_MAXINT32));
    }
}

/* The transform from @profile to sRGB for @image, or NULL with *reason
 * set; *grey tells a grey profile on a greyscale image. */
static cmsHTRANSFORM
transform_new (cmsContext context, cmsHPROFILE profile, const SvgaiImage *image, char **message, gboolean *grey,
               char **reason)
{
  cmsColorSpaceSignature space = cmsGetColorSpace (profile);
  cmsHPROFILE srgb;
  cmsHTRANSFORM transform = NULL;

  *grey = space == cmsSigGrayData && is_grey_image (image);
  if (space != cmsSigRgbData && !*grey)
    {
      g_autofree char *name = colour_space_name (space);

      *reason = g_strdup_printf (_("the embedded colour profile is for %s colours, not RGB"), name);
      return NULL;
    }
  srgb = cmsCreate_sRGBProfileTHR (context);
  /* Alpha is copied as it is; relative colorimetric clips what sRGB lacks
   * to its gamut's edge and keeps in-gamut colours exact. */
  if (srgb != NULL)
    transform = *grey ? cmsCreateTransformTHR (context, profile, TYPE_GRAY_8, srgb, TYPE_RGB_8,
                                               INTENT_RELATIVE_COLORIMETRIC, 0)
                      : cmsCreateTransformTHR (context, profile, TYPE_RGBA_8, srgb, TYPE_RGBA_8,
                                               INTENT_RELATIVE_COLORIMETRIC, cmsFLAGS_COPY_ALPHA);
  if (srgb != NULL)
    cmsCloseProfile (srgb);
  if (transform == NULL)
    *reason = *message != NULL
              ? g_strdup_printf (_("the embedded colour profile cannot be converted to sRGB (%s)"), *message)
              : g_strdup (_("the embedded colour profile cannot be converted to sRGB"));
  return transform;
}

gboolean
svgai_icc_to_srgb (SvgaiImage *image, const guint8 *icc, gsize length, char **reason)
{
  g_autofree char *message = NULL;
  cmsContext context;
  cmsHPROFILE profile = NULL;
  cmsHTRANSFORM transform = NULL;
  gboolean grey = FALSE;

  g_return_val_if_fail (image != NULL, FALSE);
  g_return_val_if_fail (reason != NULL && *reason == NULL, FALSE);

  context = cmsCreateContext (NULL, &message);
  if (context != NULL)
    cmsSetLogErrorHandlerTHR (context, keep_error);
  if (context != NULL && icc != NULL && length > 0 && length <= G_MAXUINT32)
    profile = cmsOpenProfileFromMemTHR (context, icc, (cmsUInt32Number) length);
  if (profile == NULL)
    *reason = message != NULL
              ? g_strdup_printf (_("the embedded colour profile cannot be read (%s)"), message)
              : g_strdup (_("the embedded colour profile cannot be read"));
  else
    transform = transform_new (context, profile, image, &message, &grey, reason);

  if (transform != NULL && grey)
    apply_grey (transform, image);
  else if (transform != NULL)
    apply_rgb (transform, image);

  if (transform != NULL)
    cmsDeleteTransform (transform);
  if (profile != NULL)
    cmsCloseProfile (profile);
  if (context != NULL)
    cmsDeleteContext (context);
  return *reason == NULL;
}

gboolean
svgai_icc_to_srgb_base64 (SvgaiImage *image, const char *icc_base64, char **reason)
{
  g_autofree guint8 *icc = NULL;
  gsize length = 0;

  g_return_val_if_fail (icc_base64 != NULL, FALSE);

  icc = g_base64_decode (icc_base64, &length);
  return svgai_icc_to_srgb (image, icc, length, reason);
}
