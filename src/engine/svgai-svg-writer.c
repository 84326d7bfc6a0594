#include "svgai-svg-writer.h"

#include <math.h>
#include <string.h>

int
svgai_svg_precision (int width, int height)
{
  /* A tenth of a pixel is below what anti-aliasing can show; tiny images
   * are often displayed enlarged, so they get a hundredth. */
  int longest = MAX (width, height);
  return longest < 64 ? 2 : longest <= 4096 ? 1 : 0;
}

typedef struct {
  GString *out;
  int precision;
  double grid;
  gboolean last_had_dot;    /* the previous number contains a '.' */
  gboolean after_command;   /* nothing since the last command letter */
  char command;             /* the command in force (implicit repetition) */
} Writer;

static void
put_command (Writer *w, char c)
{
  /* After "m", further coordinate pairs are implicit "l". */
  char implicit = w->command == 'm' ? 'l' : w->command;

  if (c == implicit && c != 'm' && c != 'z')
    return;
  g_string_append_c (w->out, c);
  w->command = c;
  w->after_command = TRUE;
  w->last_had_dot = FALSE;
}

/* Writes v (in 1/grid units) as the shortest decimal: "-.5", "12", "3.2". */
static void
put_number (Writer *w, gint64 v)
{
  char buf[32];
  char *p = buf;
  gint64 mag = v < 0 ? -v : v;
  gint64 unit = (gint64) w->grid;
  gint64 ip = mag / unit, fp = mag % unit;
  gboolean has_dot = FALSE;

  if (v < 0)
    *p++ = '-';
  if (ip != 0 || fp == 0)
    p += g_snprintf (p, sizeof buf - 2, "%" G_GINT64_FORMAT, ip);
  if (fp != 0)
    {
      char frac[16];
      int len;

      g_snprintf (frac, sizeof frac, "%0*" G_GINT64_FORMAT, w->precision, fp);
      len = (int) strlen (frac);
      while (len > 0 && frac[len - 1] == '0')
        frac[--len] = '\0';
      *p++ = '.';
      memcpy (p, frac, len);
      p += len;
      has_dot = TRUE;
    }
  *p = '\0';

  /* A separator only where the number would otherwise run into the last. */
  if (!w->after_command && buf[0] != '-' && !(buf[0] == '.' && w->last_had_dot))
    g_string_append_c (w->out, ' ');
  g_string_append (w->out, buf);
  w->after_command = FALSE;
  w->last_had_dot = has_dot;
}

typedef struct {
  gint64 x, y;
} IPoint;

static inline IPoint
ipoint (const Writer *w, SvgaiPoint p)
{
  IPoint q = { llround (p.x * w->grid), llround (p.y * w->grid) };
  return q;
}

static void
put_rgb (GString *out, const guint8 c[3])
{
  if (c[0] >> 4 == (c[0] & 15) && c[1] >> 4 == (c[1] & 15) && c[2] >> 4 == (c[2] & 15))
    g_string_append_printf (out, "#%x%x%x", c[0] & 15, c[1] & 15, c[2] & 15);
  else
    g_string_append_printf (out, "#%02x%02x%02x", c[0], c[1], c[2]);
}

/* Writes a coordinate attribute with the writer's number format. */
static void
put_attr_number (Writer *w, const char *name, double v)
{
  g_string_append_printf (w->out, " %s=\"", name);
  w->after_command = TRUE;
  put_number (w, llround (v * w->grid));
  g_string_append_c (w->out, '"');
}

/* <linearGradient id=...> in user space, so it lines up with the path's
 * own coordinates; referenced by the path that follows it. */
static void
put_gradient (Writer *w, const SvgaiGradient *g, const char *id)
{
  g_string_append_printf (w->out, "<linearGradient id=\"%s\" gradientUnits=\"userSpaceOnUse\"", id);
  put_attr_number (w, "x1", g->from.x);
  put_attr_number (w, "y1", g->from.y);
  put_attr_number (w, "x2", g->to.x);
  put_attr_number (w, "y2", g->to.y);
  g_string_append (w->out, "><stop stop-color=\"");
  put_rgb (w->out, g->from_rgb);
  g_string_append (w->out, "\"/><stop offset=\"1\" stop-color=\"");
  put_rgb (w->out, g->to_rgb);
  g_string_append (w->out, "\"/></linearGradient>");
}

/* Short unique ids: a, b, …, z, ba, bb, … */
static void
gradient_id (guint n, char *buf)
{
  char tmp[16];
  int len = 0;

  do
    {
      tmp[len++] = 'a' + n % 26;
      n /= 26;
    }
  while (n > 0);
  for (int i = 0; i < len; i++)
    buf[i] = tmp[len - 1 - i];
  buf[len] = '\0';
}

static void
put_path_data (Writer *w, const GArray *segs)
{
  IPoint cur = { 0, 0 }, start = { 0, 0 };

  for (guint i = 0; i < segs->len; i++)
    {
      const SvgaiSegment *s = &g_array_index (segs, SvgaiSegment, i);
      IPoint e = ipoint (w, s->p[2]);

      switch (s->kind)
        {
        case SVGAI_SEGMENT_MOVE:
          put_command (w, 'm');
          put_number (w, e.x - cur.x);
          put_number (w, e.y - cur.y);
          cur = start = e;
          break;

        case SVGAI_SEGMENT_LINE:
          {
            gboolean closes = i + 1 < segs->len &&
                              g_array_index (segs, SvgaiSegment, i + 1).kind == SVGAI_SEGMENT_CLOSE &&
                              e.x == start.x && e.y == start.y;
            if (closes || (e.x == cur.x && e.y == cur.y))
              break;   /* "z" draws it, or it has no length */
            if (e.y == cur.y)
              {
                put_command (w, 'h');
                put_number (w, e.x - cur.x);
              }
            else if (e.x == cur.x)
              {
                put_command (w, 'v');
                put_number (w, e.y - cur.y);
              }
            else
              {
                put_command (w, 'l');
                put_number (w, e.x - cur.x);
                put_number (w, e.y - cur.y);
              }
            cur = e;
          }
          break;

        case SVGAI_SEGMENT_CURVE:
          {
            IPoint c1 = ipoint (w, s->p[0]), c2 = ipoint (w, s->p[1]);
            put_command (w, 'c');
            put_number (w, c1.x - cur.x);
            put_number (w, c1.y - cur.y);
            put_number (w, c2.x - cur.x);
            put_number (w, c2.y - cur.y);
            put_number (w, e.x - cur.x);
            put_number (w, e.y - cur.y);
            cur = e;
          }
          break;

        case SVGAI_SEGMENT_CLOSE:
          put_command (w, 'z');
          cur = start;
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

GBytes *
svgai_svg_write (const SvgaiVector *vector)
{
  GString *out = g_string_sized_new (4096);
  Writer w = { out };
  guint n_gradients = 0;

  g_return_val_if_fail (vector != NULL, NULL);

  w.precision = svgai_svg_precision (vector->width, vector->height);
  w.grid = pow (10, w.precision);

  g_string_append_printf (out,
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                          "viewBox=\"0 0 %d %d\">",
                          vector->width, vector->height, vector->width, vector->height);
  for (guint i = 0; i < vector->layers->len; i++)
    {
      const SvgaiLayer *layer = g_ptr_array_index (vector->layers, i);

      if (layer->segments->len == 0)
        continue;
      if (layer->gradient.active)
        {
          char id[16];
          gradient_id (n_gradients++, id);
          put_gradient (&w, &layer->gradient, id);
          g_string_append_printf (out, "<path fill=\"url(#%s)", id);
        }
      else
        {
          guint8 c[3] = { layer->r, layer->g, layer->b };
          g_string_append (out, "<path fill=\"");
          put_rgb (out, c);
        }
      if (layer->a != 255)
        g_string_append_printf (out, "\" fill-opacity=\"%.3g", layer->a / 255.0);
      g_string_append (out, "\" d=\"");
      w.command = 0;
      w.after_command = TRUE;
      w.last_had_dot = FALSE;
      put_path_data (&w, layer->segments);
      g_string_append (out, "\"/>");
    }
  g_string_append (out, "</svg>\n");
  return g_string_free_to_bytes (out);
}
