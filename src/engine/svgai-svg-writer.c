#include "svgai-svg-writer.h"
#include "svgai-svg-shape.h"
#include "svgai-hypot.h"

#include <math.h>
#include <string.h>

#ifndef SVGAI_SVG_STEPS
#define SVGAI_SVG_STEPS 10
#endif

int
svgai_svg_grid (int width, int height)
{
  /* A tenth of a pixel is below what anti-aliasing can show; tiny images
   * are often displayed enlarged, so they get a hundredth. */
  int longest = MAX (width, height);
  return longest < 64 ? 100 : longest <= 4096 ? SVGAI_SVG_STEPS : 1;
}

int
svgai_svg_precision (int width, int height)
{
  int grid = svgai_svg_grid (width, height), digits = 0;

  for (int p = 1; p % grid != 0; p *= 10)
    digits++;
  return digits;
}

typedef struct {
  GString *out;
  int precision;
  double grid;
  gboolean last_had_dot;    /* the previous number contains a '.' */
  gboolean after_command;   /* nothing since the last command letter */
  char command;             /* the command in force (implicit repetition) */
  GString *scratch;         /* put_shorter's other spelling of a segment */
} Writer;

static void
put_command (Writer *w, char c)
{
  /* After "m", further coordinate pairs are implicit "l" ("L" after "M"). */
  char implicit = w->command == 'm' ? 'l' : w->command == 'M' ? 'L' : w->command;

  if (c == implicit && c != 'm' && c != 'M' && c != 'z')
    return;
  g_string_append_c (w->out, c);
  w->command = c;
  w->after_command = TRUE;
  w->last_had_dot = FALSE;
}

/* v ≥ 0 in decimal digits, zero-padded to at least `width`, into out
 * (unterminated); returns their number. What printf's "%0*" G_GINT64_FORMAT
 * writes, without its cost: a path has thousands of numbers. */
static int
put_digits (char *out, gint64 v, int width)
{
  char rev[24];
  int n = 0;

  do
    rev[n++] = (char) ('0' + v % 10), v /= 10;
  while (v > 0);
  while (n < width)
    rev[n++] = '0';
  for (int i = 0; i < n; i++)
    out[i] = rev[n - 1 - i];
  return n;
}

/* Writes v (in 1/grid units) as the shortest decimal: "-.5", "12", "3.2". */
static void
put_number (Writer *w, gint64 v)
{
  char buf[48];
  char *p = buf;
  gint64 mag = v < 0 ? -v : v;
  gint64 unit = (gint64) w->grid;
  gint64 ip = mag / unit, fp = mag % unit;
  gboolean has_dot = FALSE;

  if (v < 0)
    *p++ = '-';
  if (ip != 0 || fp == 0)
    p += put_digits (p, ip, 1);
  if (fp != 0)
    {
      char frac[24];
      int len;

      gint64 scale = 1;

      for (int d = 0; d < w->precision; d++)
        scale *= 10;
      len = put_digits (frac, fp * (scale / unit), w->precision);
      while (len > 0 && frac[len - 1] == '0')
        len--;
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

/* A number in a list inside an attribute: " 12.5". */
static void
put_attr_value (Writer *w, double v)
{
  g_string_append_c (w->out, ' ');
  w->after_command = TRUE;
  put_number (w, llround (v * w->grid));
}

/* An offset or opacity in 0..1 with up to three decimals: "0", ".25", "1". */
static void
put_fraction (GString *out, double v)
{
  char buf[16];
  int len;

  g_snprintf (buf, sizeof buf, "%.3f", CLAMP (v, 0, 1));
  len = (int) strlen (buf);
  while (len > 1 && buf[len - 1] == '0')
    buf[--len] = '\0';
  if (buf[len - 1] == '.')
    buf[--len] = '\0';
  g_string_append (out, buf[0] == '0' && buf[1] == '.' ? buf + 1 : buf);
}

/* A gradient in user space, so it lines up with the paths' own
 * coordinates. Attributes at SVG's defaults (offset 0, opacity 1) are left
 * out. */
static void
put_gradient (Writer *w, const SvgaiGradient *g, const char *id)
{
  gboolean radial = g->kind == SVGAI_GRADIENT_RADIAL;

  g_string_append_printf (w->out, "<%s id=\"%s\" gradientUnits=\"userSpaceOnUse\"",
                          radial ? "radialGradient" : "linearGradient", id);
  if (radial && g->ratio > 0)
    {
      /* An ellipse: the unit circle, mapped by its semi-axes (px, as
       * precise as the paths) onto it. */
      double ax = g->to.x - g->from.x, ay = g->to.y - g->from.y;
      const double m[6] = { ax, ay, -g->ratio * ay, g->ratio * ax, g->from.x, g->from.y };

      /* A transform list needs a separator between numbers, even before
       * a minus sign. The other semi-axis (ratio × the first, turned) is
       * off the grid: two more decimals keep it the ellipse the engine
       * fitted and drew, and never a degenerate one. */
      g_string_append (w->out, " cx=\"0\" cy=\"0\" r=\"1\" gradientTransform=\"matrix(");
      for (int k = 0; k < 6; k++)
        {
          Writer fine = *w;

          if (k == 2 || k == 3)
            fine.grid *= 100, fine.precision += 2;
          if (k > 0)
            g_string_append_c (w->out, ' ');
          fine.after_command = TRUE;
          put_number (&fine, llround (m[k] * fine.grid));
          w->after_command = fine.after_command, w->last_had_dot = fine.last_had_dot;
        }
      g_string_append (w->out, ")\"");
    }
  else if (radial)
    {
      put_attr_number (w, "cx", g->from.x);
      put_attr_number (w, "cy", g->from.y);
      put_attr_number (w, "r", svgai_hypot (g->to.x - g->from.x, g->to.y - g->from.y));
    }
  else
    {
      put_attr_number (w, "x1", g->from.x);
      put_attr_number (w, "y1", g->from.y);
      put_attr_number (w, "x2", g->to.x);
      put_attr_number (w, "y2", g->to.y);
    }
  g_string_append_c (w->out, '>');
  for (guint k = 0; k < g->n_stops; k++)
    {
      const SvgaiGradientStop *st = &g->stops[k];

      g_string_append (w->out, "<stop");
      if (st->offset > 0)
        {
          g_string_append (w->out, " offset=\"");
          put_fraction (w->out, st->offset);
          g_string_append_c (w->out, '"');
        }
      g_string_append (w->out, " stop-color=\"");
      put_rgb (w->out, st->rgb);
      g_string_append_c (w->out, '"');
      if (st->alpha != 255)
        {
          g_string_append (w->out, " stop-opacity=\"");
          put_fraction (w->out, st->alpha / 255.0);
          g_string_append_c (w->out, '"');
        }
      g_string_append (w->out, "/>");
    }
  g_string_append (w->out, radial ? "</radialGradient>" : "</linearGradient>");
}

static gboolean
gradients_equal (const SvgaiGradient *a, const SvgaiGradient *b)
{
  if (a->kind != b->kind || a->n_stops != b->n_stops || a->from.x != b->from.x || a->from.y != b->from.y ||
      a->to.x != b->to.x || a->to.y != b->to.y || a->ratio != b->ratio)
    return FALSE;
  for (guint k = 0; k < a->n_stops; k++)
    if (a->stops[k].offset != b->stops[k].offset || memcmp (a->stops[k].rgb, b->stops[k].rgb, 3) != 0 ||
        a->stops[k].alpha != b->stops[k].alpha)
      return FALSE;
  return TRUE;
}

/* A unique id from a name: the name itself the first time, then
 * "name-2", "name-3", … (`seen` counts each name's uses). */
static char *
unique_id (GHashTable *seen, const char *name)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (seen, name)) + 1;

  g_hash_table_insert (seen, g_strdup (name), GUINT_TO_POINTER (n));
  return n == 1 ? g_strdup (name) : g_strdup_printf ("%s-%u", name, n);
}

/* Whether the cubic from a (on the grid) through s ending at e is exactly
 * a quadratic with its control point q on the grid: its control points
 * 2/3 of the way from its ends to q. */
static gboolean
as_quadratic (const Writer *w, IPoint a, const SvgaiSegment *s, IPoint e, IPoint *q)
{
  double x0 = a.x + 1.5 * (s->p[0].x * w->grid - a.x), y0 = a.y + 1.5 * (s->p[0].y * w->grid - a.y);
  double x1 = e.x + 1.5 * (s->p[1].x * w->grid - e.x), y1 = e.y + 1.5 * (s->p[1].y * w->grid - e.y);

  q->x = llround (x0), q->y = llround (y0);
  return fabs (x0 - q->x) < 1e-6 && fabs (y0 - q->y) < 1e-6 && fabs (x1 - q->x) < 1e-6 && fabs (y1 - q->y) < 1e-6;
}

/* One segment's command and numbers from cur, relative to `o` (cur for
 * the lower-case commands, the origin for the upper-case ones). kind is
 * 'm', 'l', 'h', 'v', 'c', 's' or 'q'; p holds its points in order. */
static void
put_command_numbers (Writer *w, char kind, gboolean absolute, IPoint o, const IPoint *p, int n)
{
  put_command (w, absolute ? g_ascii_toupper (kind) : kind);
  for (int k = 0; k < n; k++)
    {
      if (kind != 'v')
        put_number (w, p[k].x - o.x);
      if (kind != 'h')
        put_number (w, p[k].y - o.y);
    }
}

/* Writes the segment relative or absolute, whichever is shorter (numbers
 * near the origin can be, after a move or a long way from it): relative
 * into the output, absolute beside it, and keeps the shorter. */
static void
put_shorter (Writer *w, char kind, IPoint cur, const IPoint *p, int n)
{
  Writer abs = *w;
  gsize start = w->out->len;
  static const IPoint origin = { 0, 0 };

  put_command_numbers (w, kind, FALSE, cur, p, n);
  g_string_truncate (w->scratch, 0);
  abs.out = w->scratch;
  put_command_numbers (&abs, kind, TRUE, origin, p, n);
  if (abs.out->len < w->out->len - start)
    {
      g_string_truncate (w->out, start);
      g_string_append_len (w->out, abs.out->str, abs.out->len);
      w->after_command = abs.after_command, w->last_had_dot = abs.last_had_dot, w->command = abs.command;
    }
}

/* About how many characters a line's numbers take, in grid units. */
static int
line_cost (IPoint a, IPoint b)
{
  gint64 d[2] = { ABS (b.x - a.x), ABS (b.y - a.y) };
  int cost = 0;

  for (int k = 0; k < 2; k++)
    for (gint64 v = d[k]; v > 0; v /= 10)
      cost++;
  return cost;
}

/* About what the move to p costs, from the last start or the origin. */
static int
move_cost (IPoint last_start, IPoint p)
{
  static const IPoint origin = { 0, 0 };

  return MIN (line_cost (last_start, p), line_cost (origin, p));
}

/* The contours with each one's start moved to the end of its costliest
 * line, which "z" then draws for nothing, the move there counted. The
 * geometry is the same: a closed contour may start anywhere along it. */
static GArray *
rotate_contours (const Writer *w, const GArray *segs)
{
  const SvgaiSegment *seg = (const SvgaiSegment *) (gconstpointer) segs->data;
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (SvgaiSegment), segs->len + 8);
  IPoint last_start = { 0, 0 };
  guint i = 0;

  while (i < segs->len)
    {
      guint first = i, end = i + 1, n, best = 0;
      int best_cost = 0;
      g_autoptr(GArray) ring = NULL;

      /* A contour: a MOVE, its segments, then a CLOSE (or the end). */
      while (end < segs->len && seg[end].kind != SVGAI_SEGMENT_MOVE && seg[end].kind != SVGAI_SEGMENT_CLOSE)
        end++;
      if (seg[first].kind != SVGAI_SEGMENT_MOVE || end >= segs->len || seg[end].kind != SVGAI_SEGMENT_CLOSE)
        {
          g_array_append_vals (out, seg + first, end - first);
          i = end;
          continue;
        }
      /* The ring of edges, the closing line made explicit. */
      ring = g_array_new (FALSE, FALSE, sizeof (SvgaiSegment));
      g_array_append_vals (ring, seg + first + 1, end - first - 1);
      {
        IPoint a = ipoint (w, seg[end - 1].p[2]), b = ipoint (w, seg[first].p[2]);
        SvgaiSegment close = { SVGAI_SEGMENT_LINE, { { 0, 0 }, { 0, 0 }, seg[first].p[2] } };

        if (a.x != b.x || a.y != b.y)
          g_array_append_val (ring, close);
      }
      /* Staying put: the closing line, if any, is the last of the ring. */
      n = ring->len;
      best = n - 1;
      best_cost = (n > end - first - 1 ? line_cost (ipoint (w, seg[end - 1].p[2]), ipoint (w, seg[first].p[2])) : 0) -
                  move_cost (last_start, ipoint (w, seg[first].p[2]));
      for (guint k = 0; k < n; k++)
        {
          const SvgaiSegment *e = &g_array_index (ring, SvgaiSegment, k);
          IPoint from = ipoint (w, g_array_index (ring, SvgaiSegment, (k + n - 1) % n).p[2]), to = ipoint (w, e->p[2]);
          int cost;

          if (e->kind != SVGAI_SEGMENT_LINE)
            continue;
          cost = line_cost (from, to) - move_cost (last_start, to);
          if (cost > best_cost)
            best_cost = cost, best = k;
        }
      last_start = ipoint (w, g_array_index (ring, SvgaiSegment, best).p[2]);
      if (best == n - 1 && n == end - first - 1)
        {
          /* No closing line, and no line worth starting after. */
          g_array_append_vals (out, seg + first, end - first + 1);
          i = end + 1;
          continue;
        }
      {
        SvgaiSegment move = { SVGAI_SEGMENT_MOVE, { { 0, 0 }, { 0, 0 }, g_array_index (ring, SvgaiSegment, best).p[2] } };

        g_array_append_val (out, move);
        for (guint k = 1; k < n; k++)
          g_array_append_val (out, g_array_index (ring, SvgaiSegment, (best + k) % n));
        g_array_append_val (out, seg[end]);
      }
      i = end + 1;
    }
  return out;
}

static void
put_path_data (Writer *w, const GArray *all)
{
  g_autoptr(GArray) segs = rotate_contours (w, all);
  IPoint cur = { 0, 0 }, start = { 0, 0 }, mirror = { 0, 0 };
  gboolean after_cubic = FALSE;   /* the last command written was "c" or "s" */

  for (guint i = 0; i < segs->len; i++)
    {
      const SvgaiSegment *s = &g_array_index (segs, SvgaiSegment, i);
      IPoint e = ipoint (w, s->p[2]);

      if (s->kind != SVGAI_SEGMENT_CURVE)
        after_cubic = FALSE;
      switch (s->kind)
        {
        case SVGAI_SEGMENT_MOVE:
          put_shorter (w, 'm', cur, &e, 1);
          cur = start = e;
          break;

        case SVGAI_SEGMENT_LINE:
          {
            gboolean closes = i + 1 < segs->len &&
                              g_array_index (segs, SvgaiSegment, i + 1).kind == SVGAI_SEGMENT_CLOSE &&
                              e.x == start.x && e.y == start.y;
            if (closes || (e.x == cur.x && e.y == cur.y))
              break;   /* "z" draws it, or it has no length */
            put_shorter (w, e.y == cur.y ? 'h' : e.x == cur.x ? 'v' : 'l', cur, &e, 1);
            cur = e;
          }
          break;

        case SVGAI_SEGMENT_CURVE:
          {
            IPoint p[3] = { ipoint (w, s->p[0]), ipoint (w, s->p[1]), e }, q[2];

            /* "s" takes its first control point as the mirror of the
             * previous cubic's second (the current point after anything
             * else); "q" is a cubic whose arms, extended by half, meet
             * on the grid. */
            gboolean mirrored, quadratic;

            if (!after_cubic)
              mirror = cur;
            mirrored = p[0].x == mirror.x && p[0].y == mirror.y;
            quadratic = !mirrored && as_quadratic (w, cur, s, e, &q[0]);
            q[1] = e;
            if (mirrored)
              put_shorter (w, 's', cur, p + 1, 2);
            else if (quadratic)
              put_shorter (w, 'q', cur, q, 2);
            else
              put_shorter (w, 'c', cur, p, 3);
            after_cubic = !quadratic;
            mirror = (IPoint) { 2 * e.x - p[1].x, 2 * e.y - p[1].y };
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

/* A layer's element, with its id and (unless its group has it) its fill:
 * a <rect>, <circle> or <ellipse> where its one contour is exactly that
 * shape, else a <path>. A turned ellipse filled with a gradient stays a
 * path: its transform would turn the gradient's user space too. */
static void
put_element (Writer *w, const GArray *segs, const char *id, const char *fill, gboolean gradient)
{
  SvgaiSvgShape shape = svgai_svg_shape_of (segs, 1.0 / w->grid);
  static const char *const names[] = { "path", "rect", "circle", "ellipse" };

  if (gradient && (shape.kind == SVGAI_SVG_SHAPE_ELLIPSE || shape.kind == SVGAI_SVG_SHAPE_CIRCLE) && shape.angle != 0)
    shape.kind = SVGAI_SVG_SHAPE_PATH;

  g_string_append_printf (w->out, "<%s id=\"%s\"", names[shape.kind], id);
  if (fill)
    g_string_append_printf (w->out, " fill=\"%s", fill);
  switch (shape.kind)
    {
    case SVGAI_SVG_SHAPE_RECT:
      /* 0 is SVG's default. */
      if (llround (shape.x * w->grid) != 0)
        put_attr_number (w, "x", shape.x);
      if (llround (shape.y * w->grid) != 0)
        put_attr_number (w, "y", shape.y);
      put_attr_number (w, "width", shape.width);
      put_attr_number (w, "height", shape.height);
      if (shape.rx > 0)
        put_attr_number (w, "rx", shape.rx);
      break;

    case SVGAI_SVG_SHAPE_CIRCLE:
    case SVGAI_SVG_SHAPE_ELLIPSE:
      put_attr_number (w, "cx", shape.cx);
      put_attr_number (w, "cy", shape.cy);
      if (shape.kind == SVGAI_SVG_SHAPE_CIRCLE)
        put_attr_number (w, "r", shape.rx);
      else
        {
          put_attr_number (w, "rx", shape.rx);
          put_attr_number (w, "ry", shape.ry);
        }
      if (shape.angle != 0)
        {
          g_string_append_printf (w->out, " transform=\"rotate(%.4g", shape.angle);
          put_attr_value (w, shape.cx);
          put_attr_value (w, shape.cy);
          g_string_append (w->out, ")\"");
        }
      break;

    case SVGAI_SVG_SHAPE_PATH:
    default:
      g_string_append (w->out, " d=\"");
      w->command = 0;
      w->after_command = TRUE;
      w->last_had_dot = FALSE;
      put_path_data (w, segs);
      g_string_append_c (w->out, '"');
      break;
    }
  g_string_append (w->out, "/>");
}

static char *layer_fill (const SvgaiLayer *layer, const char *gradient_id);

/* How many layers after layer i are blobs of its shading (svgai-shading.h):
 * the same outline, each filled with a circular radial gradient. */
static guint
shading_blobs (const SvgaiVector *vector, guint i)
{
  const SvgaiLayer *base = g_ptr_array_index (vector->layers, i);
  guint n = 0;

  if (base->a != 255)
    return 0;
  for (guint j = i + 1; j < vector->layers->len; j++, n++)
    {
      const SvgaiLayer *l = g_ptr_array_index (vector->layers, j);

      /* a circle paints all of such a gradient only when it is clear
       * beyond its radius */
      if (!l->gradient.active || l->gradient.kind != SVGAI_GRADIENT_RADIAL || l->gradient.ratio != 0 ||
          l->gradient.stops[l->gradient.n_stops - 1].alpha != 0 || !svgai_vector_repeats_outline (vector, j))
        break;
    }
  return n;
}

/* A shading: its outline as a clip path, and in a group clipped to it the
 * base as the outline's bounding box and each blob as the circle its
 * gradient fades out on (the same pixels as the outline filled with it). */
static void
put_shading (Writer *w, const SvgaiVector *vector, guint i, guint n_blobs, GHashTable *seen, char **ids)
{
  const SvgaiLayer *base = g_ptr_array_index (vector->layers, i);
  g_autofree char *clip = unique_id (seen, "shape"), *group = unique_id (seen, "shaded");
  g_autofree char *fill = layer_fill (base, ids[i]), *id = NULL;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  char name[48];

  for (guint k = 0; k < base->segments->len; k++)
    {
      const SvgaiSegment *seg = &g_array_index (base->segments, SvgaiSegment, k);

      if (seg->kind == SVGAI_SEGMENT_CLOSE)
        continue;
      for (int p = seg->kind == SVGAI_SEGMENT_CURVE ? 0 : 2; p < 3; p++)
        x0 = MIN (x0, seg->p[p].x), y0 = MIN (y0, seg->p[p].y), x1 = MAX (x1, seg->p[p].x),
        y1 = MAX (y1, seg->p[p].y);
    }
  x0 = floor (x0), y0 = floor (y0), x1 = ceil (x1), y1 = ceil (y1);
  g_string_append_printf (w->out, "<clipPath id=\"%s\">", clip);
  g_string_append (w->out, "<path d=\"");
  w->command = 0;
  w->after_command = TRUE;
  w->last_had_dot = FALSE;
  put_path_data (w, base->segments);
  g_string_append_printf (w->out, "\"/></clipPath><g id=\"%s\" clip-path=\"url(#%s)\">", group, clip);
  if (ids[i])
    g_snprintf (name, sizeof name, "fill-%s", ids[i]);
  else
    g_snprintf (name, sizeof name, "fill-%02x%02x%02x", base->r, base->g, base->b);
  id = unique_id (seen, name);
  g_string_append_printf (w->out, "<rect id=\"%s\" fill=\"%s", id, fill);
  if (llround (x0 * w->grid) != 0)
    put_attr_number (w, "x", x0);
  if (llround (y0 * w->grid) != 0)
    put_attr_number (w, "y", y0);
  put_attr_number (w, "width", x1 - x0);
  put_attr_number (w, "height", y1 - y0);
  g_string_append (w->out, "/>");
  for (guint j = i + 1; j <= i + n_blobs; j++)
    {
      const SvgaiLayer *l = g_ptr_array_index (vector->layers, j);
      const SvgaiGradient *g = &l->gradient;
      g_autofree char *blob_fill = layer_fill (l, ids[j]), *blob_id = NULL;

      g_snprintf (name, sizeof name, "fill-%s", ids[j]);
      blob_id = unique_id (seen, name);
      g_string_append_printf (w->out, "<circle id=\"%s\" fill=\"%s", blob_id, blob_fill);
      put_attr_number (w, "cx", g->from.x);
      put_attr_number (w, "cy", g->from.y);
      put_attr_number (w, "r", svgai_hypot (g->to.x - g->from.x, g->to.y - g->from.y));
      g_string_append (w->out, "/>");
    }
  g_string_append (w->out, "</g>");
}

/* The fill attribute a layer would have, as a string ("#1e88e5" or
 * "url(#linear-f9aa4b)"), with its opacity. */
static char *
layer_fill (const SvgaiLayer *layer, const char *gradient_id)
{
  GString *f = g_string_new (NULL);

  if (gradient_id)
    g_string_append_printf (f, "url(#%s)", gradient_id);
  else
    {
      guint8 c[3] = { layer->r, layer->g, layer->b };
      put_rgb (f, c);
    }
  g_string_append_c (f, '"');
  if (layer->a != 255)
    g_string_append_printf (f, " fill-opacity=\"%.3g\"", layer->a / 255.0);
  return g_string_free (f, FALSE);
}

/* The defs: one entry per distinct gradient, named by its kind and first
 * colour; ids[i] receives layer i's (NULL for a flat fill). */
static void
put_defs (Writer *w, const SvgaiVector *vector, GHashTable *seen, char **ids)
{
  g_autoptr(GPtrArray) written = g_ptr_array_new ();   /* of the layers whose gradient is written */

  for (guint i = 0; i < vector->layers->len; i++)
    {
      const SvgaiLayer *layer = g_ptr_array_index (vector->layers, i);
      const SvgaiGradient *g = &layer->gradient;
      char name[32];

      ids[i] = NULL;
      if (layer->segments->len == 0 || !g->active)
        continue;
      for (guint j = 0; j < written->len && ids[i] == NULL; j++)
        {
          const SvgaiLayer *other = g_ptr_array_index (written, j);
          if (gradients_equal (&other->gradient, g))
            {
              for (guint k = 0; k < i; k++)
                if (g_ptr_array_index (vector->layers, k) == other)
                  ids[i] = g_strdup (ids[k]);
            }
        }
      if (ids[i] != NULL)
        continue;
      if (written->len == 0)
        g_string_append (w->out, "<defs>");
      g_snprintf (name, sizeof name, "%s-%02x%02x%02x", g->kind == SVGAI_GRADIENT_RADIAL ? "radial" : "linear",
                  g->stops[0].rgb[0], g->stops[0].rgb[1], g->stops[0].rgb[2]);
      ids[i] = unique_id (seen, name);
      put_gradient (w, g, ids[i]);
      g_ptr_array_add (written, (gpointer) layer);
    }
  if (written->len > 0)
    g_string_append (w->out, "</defs>");
}

GBytes *
svgai_svg_write (const SvgaiVector *vector)
{
  GString *out = g_string_sized_new (4096);
  g_autoptr(GString) scratch = g_string_sized_new (64);
  Writer w = { out, .scratch = scratch };
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char **ids = NULL;

  g_return_val_if_fail (vector != NULL, NULL);

  w.precision = svgai_svg_precision (vector->width, vector->height);
  w.grid = svgai_svg_grid (vector->width, vector->height);

  g_string_append_printf (out,
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                          "viewBox=\"0 0 %d %d\">",
                          vector->width, vector->height, vector->width, vector->height);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ids = g_new0 (char *, vector->layers->len + 1);
  put_defs (&w, vector, seen, ids);

  /* One element per layer, its id naming its fill; consecutive ones with
   * the same fill share it through a group. */
  for (guint i = 0; i < vector->layers->len; i++)
    {
      const SvgaiLayer *layer = g_ptr_array_index (vector->layers, i);
      g_autofree char *fill = NULL;
      g_autofree char *id = NULL;
      char name[48];
      guint run = 1;

      if (layer->segments->len == 0)
        continue;
      if ((run = shading_blobs (vector, i)) > 0)
        {
          put_shading (&w, vector, i, run, seen, ids);
          i += run;
          continue;
        }
      run = 1;
      fill = layer_fill (layer, ids[i]);
      for (guint j = i + 1; j < vector->layers->len; j++)
        {
          const SvgaiLayer *next = g_ptr_array_index (vector->layers, j);
          g_autofree char *next_fill = NULL;

          /* a shading's base starts its own group */
          if (next->segments->len == 0 || shading_blobs (vector, j) > 0)
            break;
          next_fill = layer_fill (next, ids[j]);
          if (strcmp (next_fill, fill) != 0)
            break;
          run++;
        }
      if (ids[i])
        g_snprintf (name, sizeof name, "fill-%s", ids[i]);
      else
        g_snprintf (name, sizeof name, "fill-%02x%02x%02x", layer->r, layer->g, layer->b);
      if (run > 1)
        g_string_append_printf (out, "<g fill=\"%s>", fill);
      for (guint j = i; j < i + run; j++)
        {
          const SvgaiLayer *l = g_ptr_array_index (vector->layers, j);

          id = unique_id (seen, name);
          put_element (&w, l->segments, id, run == 1 ? fill : NULL, l->gradient.active);
          g_clear_pointer (&id, g_free);
        }
      if (run > 1)
        g_string_append (out, "</g>");
      i += run - 1;
    }
  for (guint i = 0; i < vector->layers->len; i++)
    g_free (ids[i]);
  g_string_append (out, "</svg>\n");
  return g_string_free_to_bytes (out);
}
