/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Colours as designers write them (#rrggbb) and how far apart they look
 * (CIEDE2000, the difference brand guides quote). */
#include "svgai-config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include "svgai.h"
#include "svgai-hypot.h"

static int
hex_digit (char c)
{
  return g_ascii_isxdigit (c) ? g_ascii_xdigit_value (c) : -1;
}

gboolean
svgai_color_parse (const char *text, SvgaiColor *out, GError **error)
{
  g_autofree char *s = g_strstrip (g_strdup (text ? text : ""));
  size_t len = strlen (s);
  int v[8];

  if (len > 0 && s[0] == '#')
    {
      len--;
      memmove (s, s + 1, len + 1);
    }
  if (len != 3 && len != 6 && len != 8)
    goto bad;
  for (size_t i = 0; i < len; i++)
    if ((v[i] = hex_digit (s[i])) < 0)
      goto bad;
  if (len == 3)
    *out = (SvgaiColor) { v[0] * 17, v[1] * 17, v[2] * 17, 255 };
  else
    *out = (SvgaiColor) { v[0] * 16 + v[1], v[2] * 16 + v[3], v[4] * 16 + v[5],
                          len == 8 ? v[6] * 16 + v[7] : 255 };
  return TRUE;

bad:
  g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_INVALID,
               _("'%s' is not a colour: write it as #rrggbb (or #rgb, #rrggbbaa)"), text ? text : "");
  return FALSE;
}

gboolean
svgai_color_list_parse (const char *text, SvgaiColor *out, int max, int *n, GError **error)
{
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ",", -1);
  int count = 0;

  for (int i = 0; parts[i] != NULL; i++)
    {
      if (*g_strstrip (parts[i]) == '\0')
        continue;
      if (count >= max)
        {
          g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_INVALID, _("at most %d colours can be given, not more"), max);
          return FALSE;
        }
      if (!svgai_color_parse (parts[i], &out[count], error))
        return FALSE;
      count++;
    }
  if (count == 0)
    {
      g_set_error (error, SVGAI_ERROR, SVGAI_ERROR_INVALID, _("'%s' names no colour"), text ? text : "");
      return FALSE;
    }
  *n = count;
  return TRUE;
}

char *
svgai_color_to_string (const SvgaiColor *c)
{
  if (c->a == 255)
    return g_strdup_printf ("#%02x%02x%02x", c->r, c->g, c->b);
  return g_strdup_printf ("#%02x%02x%02x%02x", c->r, c->g, c->b, c->a);
}

static double
to_linear (guint8 v)
{
  double c = v / 255.0;
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
lab_f (double t)
{
  return t > 216.0 / 24389 ? cbrt (t) : (24389.0 / 27 * t + 16) / 116;
}

/* CIELAB (D65) of an sRGB colour. */
static void
to_cielab (const SvgaiColor *c, double lab[3])
{
  double r = to_linear (c->r), g = to_linear (c->g), b = to_linear (c->b);
  double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
  double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
  double fx = lab_f (x), fy = lab_f (y), fz = lab_f (z);

  lab[0] = 116 * fy - 16;
  lab[1] = 500 * (fx - fy);
  lab[2] = 200 * (fy - fz);
}

static double
hue_deg (double b, double a)
{
  double h;

  if (a == 0 && b == 0)
    return 0;
  h = atan2 (b, a) * 180 / G_PI;
  return h < 0 ? h + 360 : h;
}

/* Sharma, Wu and Dalal 2005, with kL = kC = kH = 1. */
double
svgai_color_delta_e (const SvgaiColor *ca, const SvgaiColor *cb)
{
  double l1[3], l2[3], c1, c2, cm, g, a1, a2, cp1, cp2, h1, h2, dl, dc, dh, dhh, lm, cpm, hm, t, sl, sc, sh, rt;

  to_cielab (ca, l1);
  to_cielab (cb, l2);
  c1 = svgai_hypot (l1[1], l1[2]);
  c2 = svgai_hypot (l2[1], l2[2]);
  cm = (c1 + c2) / 2;
  g = 0.5 * (1 - sqrt (pow (cm, 7) / (pow (cm, 7) + pow (25, 7))));
  a1 = (1 + g) * l1[1];
  a2 = (1 + g) * l2[1];
  cp1 = svgai_hypot (a1, l1[2]);
  cp2 = svgai_hypot (a2, l2[2]);
  h1 = hue_deg (l1[2], a1);
  h2 = hue_deg (l2[2], a2);
  dl = l2[0] - l1[0];
  dc = cp2 - cp1;
  dhh = cp1 * cp2 == 0 ? 0 : fabs (h2 - h1) <= 180 ? h2 - h1 : h2 - h1 > 180 ? h2 - h1 - 360 : h2 - h1 + 360;
  dh = 2 * sqrt (cp1 * cp2) * sin (dhh / 2 * G_PI / 180);
  lm = (l1[0] + l2[0]) / 2;
  cpm = (cp1 + cp2) / 2;
  if (cp1 * cp2 == 0)
    hm = h1 + h2;
  else if (fabs (h1 - h2) <= 180)
    hm = (h1 + h2) / 2;
  else
    hm = h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
  t = 1 - 0.17 * cos ((hm - 30) * G_PI / 180) + 0.24 * cos (2 * hm * G_PI / 180) +
      0.32 * cos ((3 * hm + 6) * G_PI / 180) - 0.20 * cos ((4 * hm - 63) * G_PI / 180);
  sl = 1 + 0.015 * (lm - 50) * (lm - 50) / sqrt (20 + (lm - 50) * (lm - 50));
  sc = 1 + 0.045 * cpm;
  sh = 1 + 0.015 * cpm * t;
  rt = -2 * sqrt (pow (cpm, 7) / (pow (cpm, 7) + pow (25, 7))) *
       sin (60 * exp (-pow ((hm - 275) / 25, 2)) * G_PI / 180);
  return sqrt (pow (dl / sl, 2) + pow (dc / sc, 2) + pow (dh / sh, 2) + rt * (dc / sc) * (dh / sh));
}

static double
lab_f_inverse (double f)
{
  return f > 6.0 / 29 ? f * f * f : (116 * f - 16) * 27 / 24389;
}

static guint8
from_linear (double c)
{
  c = c <= 0.0031308 ? 12.92 * c : 1.055 * pow (MAX (c, 0), 1 / 2.4) - 0.055;
  return (guint8) CLAMP (lrint (c * 255), 0, 255);
}

/* The sRGB colour of a CIELAB (D65) one, clamped to the gamut. */
static void
from_cielab (const double lab[3], SvgaiColor *c)
{
  double fy = (lab[0] + 16) / 116, fx = fy + lab[1] / 500, fz = fy - lab[2] / 200;
  double x = lab_f_inverse (fx) * 0.95047, y = lab_f_inverse (fy), z = lab_f_inverse (fz) * 1.08883;

  c->r = from_linear (3.2404542 * x - 1.5371385 * y - 0.4985314 * z);
  c->g = from_linear (-0.9692660 * x + 1.8760108 * y + 0.0415560 * z);
  c->b = from_linear (0.0556434 * x - 0.2040259 * y + 1.0572252 * z);
}

SvgaiColor
svgai_color_shift (const SvgaiColor *color, const SvgaiColor *from, const SvgaiColor *to)
{
  double c[3], f[3], t[3];
  SvgaiColor out = *color;

  to_cielab (color, c);
  to_cielab (from, f);
  to_cielab (to, t);
  for (int i = 0; i < 3; i++)
    c[i] += t[i] - f[i];
  from_cielab (c, &out);
  return out;
}
