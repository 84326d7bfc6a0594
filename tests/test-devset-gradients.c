/* Every gradient of devset/grad's original artwork that a designer sees
 * comes back as one (issue 13): each element of an original painted with a
 * linear or radial gradient whose visible region covers at least 1 % of the
 * image must be filled, in the tracing of the PNG, by visible shapes whose
 * fill references a gradient of the same kind, with the colours a designer
 * sees there within 2 levels of the original's.
 *
 * Region. The originals are parsed (libxml2) only to find which elements
 * paint with a gradient and its kind; librsvg itself evaluates the
 * gradients (objectBoundingBox or user space, gradientTransform, href) by
 * rendering, so nothing of SVG is reimplemented here. An element's visible
 * coverage at a pixel is found by rendering the whole document twice with
 * the element's fill replaced by opaque black and then opaque white (its
 * own opacity and fill-opacity set to 1; its geometry, transform, mask and
 * filter kept). Compositing is linear, so the difference of the two
 * renders over 255 is exactly the share of the pixel where the element's
 * paint reaches the final image: its coverage times the transparency of
 * everything drawn above it. Its region is where that share is at least
 * half. Elements inside a <mask> or <clipPath> paint nothing and are not
 * regions (Google Gemini's gradient is mask content); an element in <defs>
 * drawn by several <use> is one region over all its instances.
 *
 * Recovery. The PNG is converted as `svg-ai-cli convert` does (balanced
 * tier, built-in models; caches off and the feature budget lifted so a
 * loaded machine cannot change the parameters). The traced shapes whose
 * fill (own or inherited) references a gradient of the region's kind are
 * probed together the same way, giving where they are visible. Judged on
 * the region's interior (the element fully visible at the pixel and its
 * eight neighbours: the anti-aliased rim, where half a pixel of outline
 * decides, is no part of the question):
 *  - filled: traced shapes of the region's kind are visible (half a pixel
 *    or more) on 90 % of it or more. "Most" would let a ramp that is half
 *    bands pass; the rim is already out, so what else shows inside is a
 *    flat band or piece, and a tenth is all the slack given;
 *  - colours: where those shapes are fully visible (with their eight
 *    neighbours: no traced outline or seam is judged as a colour) and the
 *    original is smooth (no edge of a shape below a translucent gradient
 *    showing through), the final renders of the original and the tracing
 *    (librsvg at the PNG's size, premultiplied RGBA, so an opacity error
 *    counts as it shows over any background) differ by at most 2 levels
 *    in every channel at every pixel, plus 1 for the rounding of the two
 *    renders (colours 2 levels apart can read 3 apart once each is
 *    rounded to a whole level). Rendered colours rather than stops: a
 *    tracing may put its stops elsewhere, split a ramp at another offset
 *    or bake a translucent overlay into the shape below; what it must do
 *    is show the same colours, and where stops agree within 2 levels
 *    these do too.
 * The table gives per region: its share of the image, recovered or not,
 * the share of its interior the traced kind fills, the worst difference
 * judged ("-": nothing to judge), the worst over its whole smooth interior
 * whatever the tracing put there ("seen"), the original's own range of
 * colour there ("span": a region under a few levels looks flat), and why
 * not.
 * Without ../shared the test is skipped, loudly. */
#include <math.h>
#include <string.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "svgai.h"
#include "test-devset.h"

#define MIN_COVERAGE 0.01   /* of the image: smaller regions are not checked */
#define VISIBLE 0.5         /* share of a pixel: the region, a traced fill */
#define FULLY 0.99          /* share of a pixel: the region's interior */
#define FILLED_AT_LEAST 0.9 /* of the interior */
#define LEVELS 2.0          /* worst colour difference, per channel */
#define ROUNDING 1.0        /* two renders of colours 2 apart may read 3 apart */
#define SMOOTH 1.5          /* a smooth pixel: within this of its neighbours' mean */

typedef enum { KIND_LINEAR, KIND_RADIAL, N_KINDS } Kind;

static const char *const kind_names[N_KINDS] = { "linear", "radial" };

/* A document and what the test found in it. */
typedef struct {
  xmlDoc *doc;
  int width, height;          /* the PNG's */
  GHashTable *ids;            /* id → xmlNode */
  GPtrArray *painters[N_KINDS]; /* elements filled with a gradient of each kind */
  GPtrArray *all;             /* all of them, in document order */
  guint in_masks;             /* gradient fills inside a mask or clip path */
  guint32 *render;            /* the document as drawn, cairo ARGB32 */
} Doc;

static void
doc_free (Doc *d)
{
  for (int k = 0; k < N_KINDS; k++)
    g_clear_pointer (&d->painters[k], g_ptr_array_unref);
  g_clear_pointer (&d->all, g_ptr_array_unref);
  g_clear_pointer (&d->ids, g_hash_table_unref);
  g_clear_pointer (&d->doc, xmlFreeDoc);
  g_free (d->render);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Doc, doc_free)

static gboolean
named (const xmlNode *n, const char *name)
{
  return n->type == XML_ELEMENT_NODE && strcmp ((const char *) n->name, name) == 0;
}

static void
collect_ids (xmlNode *n, GHashTable *ids)
{
  for (; n; n = n->next)
    if (n->type == XML_ELEMENT_NODE)
      {
        xmlChar *id = xmlGetProp (n, (const xmlChar *) "id");

        if (id)
          g_hash_table_insert (ids, g_strdup ((const char *) id), n);
        xmlFree (id);
        collect_ids (n->children, ids);
      }
}

/* The fill the element paints with: its own, or the nearest ancestor's. */
static char *
effective_fill (xmlNode *n)
{
  for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
    {
      xmlChar *fill = xmlGetProp (n, (const xmlChar *) "fill");

      if (fill)
        {
          char *copy = g_strdup ((const char *) fill);

          xmlFree (fill);
          return copy;
        }
    }
  return NULL;
}

/* The kind of gradient `fill` ("url(#id)") references, or -1. */
static int
gradient_kind (const Doc *d, const char *fill)
{
  g_autofree char *id = NULL;
  const xmlNode *g;
  const char *end;

  if (fill == NULL || !g_str_has_prefix (fill, "url(#") || (end = strchr (fill, ')')) == NULL)
    return -1;
  id = g_strndup (fill + 5, end - fill - 5);
  g = g_hash_table_lookup (d->ids, id);
  if (g && named (g, "linearGradient"))
    return KIND_LINEAR;
  if (g && named (g, "radialGradient"))
    return KIND_RADIAL;
  return -1;
}

static gboolean
is_shape (const xmlNode *n)
{
  static const char *const shapes[] = { "path", "rect", "circle", "ellipse", "polygon", "polyline" };

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    if (named (n, shapes[i]))
      return TRUE;
  return FALSE;
}

static gboolean
in_mask (const xmlNode *n)
{
  for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
    if (named (n, "mask") || named (n, "clipPath"))
      return TRUE;
  return FALSE;
}

/* The elements painted with a gradient: in the original, those whose own
 * fill references one (a group's children inherit it, but the group is
 * the element the designer gave the gradient); in a tracing, every shape
 * whose fill, own or inherited, does (`inherited`). */
static void
collect_painters (Doc *d, xmlNode *n, gboolean inherited)
{
  for (; n; n = n->next)
    {
      g_autofree char *fill = NULL;
      xmlChar *own = NULL;
      int kind;

      if (n->type != XML_ELEMENT_NODE)
        continue;
      own = xmlGetProp (n, (const xmlChar *) "fill");
      fill = inherited ? (is_shape (n) ? effective_fill (n) : NULL) : g_strdup ((const char *) own);
      xmlFree (own);
      kind = gradient_kind (d, fill);
      if (kind >= 0 && in_mask (n))
        d->in_masks++;
      else if (kind >= 0)
        {
          g_ptr_array_add (d->painters[kind], n);
          g_ptr_array_add (d->all, n);
        }
      collect_painters (d, n->children, inherited);
    }
}

/* Renders the document at the PNG's size as the PNG was drawn (one scale
 * for both axes, from the top left: the height of a 512 × 145 original
 * drawn 256 wide rounds up to 73 px); cairo ARGB32 pixels, premultiplied. */
static guint32 *
render (Doc *d)
{
  g_autoptr(GError) error = NULL;
  RsvgHandle *handle;
  xmlChar *text = NULL;
  int len = 0, stride;
  double iw = 0, ih = 0, scale;
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, d->width, d->height);
  cairo_t *cr = cairo_create (s);
  guint32 *px = g_new (guint32, (gsize) d->width * d->height);
  const guint8 *data;
  RsvgRectangle viewport;

  xmlDocDumpMemory (d->doc, &text, &len);
  handle = rsvg_handle_new_from_data (text, len, &error);
  xmlFree (text);
  g_assert_no_error (error);
  g_assert_true (rsvg_handle_get_intrinsic_size_in_pixels (handle, &iw, &ih));
  viewport = (RsvgRectangle) { 0, 0, iw, ih };
  scale = MIN (d->width / iw, d->height / ih);
  cairo_scale (cr, scale, scale);
  g_assert_true (rsvg_handle_render_document (handle, cr, &viewport, &error));
  g_assert_no_error (error);
  g_object_unref (handle);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  data = cairo_image_surface_get_data (s);
  stride = cairo_image_surface_get_stride (s);
  for (int y = 0; y < d->height; y++)
    memcpy (px + (gsize) y * d->width, data + (gsize) y * stride, 4 * d->width);
  cairo_surface_destroy (s);
  return px;
}

static const char *const probed[] = { "fill", "fill-opacity", "opacity" };

/* The share of each pixel where the paint of `nodes` reaches the final
 * image: the difference between the document drawn with their fills
 * opaque white and opaque black (see the top). */
static float *
visible_share (Doc *d, GPtrArray *nodes)
{
  g_autoptr(GPtrArray) saved = g_ptr_array_new ();
  g_autofree guint32 *black = NULL, *white = NULL;
  gsize n = (gsize) d->width * d->height;
  float *share = g_new (float, n);

  for (guint i = 0; i < nodes->len; i++)
    {
      xmlNode *node = g_ptr_array_index (nodes, i);
      xmlChar *style = xmlGetProp (node, (const xmlChar *) "style");

      /* A style attribute would win over the probe's attributes. */
      g_assert_true (style == NULL || (strstr ((char *) style, "fill") == NULL
                                       && strstr ((char *) style, "opacity") == NULL));
      xmlFree (style);
      for (guint a = 0; a < G_N_ELEMENTS (probed); a++)
        {
          g_ptr_array_add (saved, xmlGetProp (node, (const xmlChar *) probed[a]));
          xmlSetProp (node, (const xmlChar *) probed[a], (const xmlChar *) (a ? "1" : "#000"));
        }
    }
  black = render (d);
  for (guint i = 0; i < nodes->len; i++)
    xmlSetProp (g_ptr_array_index (nodes, i), (const xmlChar *) "fill", (const xmlChar *) "#fff");
  white = render (d);
  for (guint i = 0; i < nodes->len; i++)
    for (guint a = 0; a < G_N_ELEMENTS (probed); a++)
      {
        xmlChar *old = g_ptr_array_index (saved, i * G_N_ELEMENTS (probed) + a);

        if (old)
          xmlSetProp (g_ptr_array_index (nodes, i), (const xmlChar *) probed[a], old);
        else
          xmlUnsetProp (g_ptr_array_index (nodes, i), (const xmlChar *) probed[a]);
        xmlFree (old);
      }
  for (gsize i = 0; i < n; i++)
    {
      int sum = 0;

      for (int c = 0; c < 3; c++)
        sum += (int) ((white[i] >> (8 * c)) & 255) - (int) ((black[i] >> (8 * c)) & 255);
      share[i] = sum / (3 * 255.0f);
    }
  return share;
}

/* Parses an SVG document (file or bytes) for its gradient fills. */
static Doc *
doc_new (const char *path, GBytes *bytes, int width, int height, gboolean traced)
{
  Doc *d = g_new0 (Doc, 1);

  if (path)
    d->doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  else
    d->doc = xmlReadMemory (g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes),
                            "traced.svg", NULL, XML_PARSE_NONET);
  g_assert_nonnull (d->doc);
  d->width = width;
  d->height = height;
  d->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  collect_ids (xmlDocGetRootElement (d->doc), d->ids);
  for (int k = 0; k < N_KINDS; k++)
    d->painters[k] = g_ptr_array_new ();
  d->all = g_ptr_array_new ();
  collect_painters (d, xmlDocGetRootElement (d->doc), traced);
  d->render = render (d);
  return d;
}

static int
channel (guint32 px, int c)
{
  return (px >> (8 * c)) & 255;
}

/* No edge at (x, y) in the render: every channel within SMOOTH of the mean
 * of its eight neighbours (a ramp is linear over three pixels). */
static gboolean
smooth (const Doc *d, int x, int y)
{
  for (int c = 0; c < 4; c++)
    {
      double sum = 0;

      for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
          if (dx || dy)
            sum += channel (d->render[(y + dy) * d->width + x + dx], c);
      if (fabs (channel (d->render[y * d->width + x], c) - sum / 8) > SMOOTH)
        return FALSE;
    }
  return TRUE;
}

static gboolean
interior (const float *share, int w, int h, int x, int y)
{
  if (x < 1 || y < 1 || x >= w - 1 || y >= h - 1)
    return FALSE;
  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      if (share[(y + dy) * w + x + dx] < FULLY)
        return FALSE;
  return TRUE;
}

typedef struct {
  double coverage;       /* of the image */
  guint inside, filled;  /* interior pixels; those the traced kind fills */
  guint other;           /* those gradients of the other kind fill */
  guint compared;        /* of those, where the original is smooth and the
                          * traced kind fully visible with its neighbours */
  guint within;          /* compared pixels within the tolerance */
  double worst;          /* levels, over the compared pixels */
  double seen;           /* levels, over the smooth interior, whatever fills it */
  int span;              /* the original's range of colour there, levels */
  int worst_x, worst_y;  /* where the worst compared pixel is */
  guint32 worst_orig, worst_traced; /* its colours there, cairo ARGB32 */
} Region;

static int
difference (guint32 a, guint32 b)
{
  int diff = 0;

  for (int c = 0; c < 4; c++)
    diff = MAX (diff, abs (channel (a, c) - channel (b, c)));
  return diff;
}

/* How the tracing shows the region `share` of the original, where the
 * traced shapes of its kind are visible as `kind_share` and those of the
 * other kind as `other_share` (NULL: none). */
static Region
measure (const Doc *orig, const float *share, const Doc *traced, const float *kind_share,
         const float *other_share)
{
  int w = orig->width, h = orig->height;
  int lo[4] = { 255, 255, 255, 255 }, hi[4] = { 0 };
  Region r = { 0 };
  guint n = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        int i = y * w + x, diff;

        n += share[i] >= VISIBLE;
        if (!interior (share, w, h, x, y))
          continue;
        r.inside++;
        if (kind_share && kind_share[i] >= VISIBLE)
          r.filled++;
        if (other_share && other_share[i] >= VISIBLE)
          r.other++;
        if (!smooth (orig, x, y))
          continue;
        diff = difference (orig->render[i], traced->render[i]);
        r.seen = MAX (r.seen, diff);
        for (int c = 0; c < 4; c++)
          {
            lo[c] = MIN (lo[c], channel (orig->render[i], c));
            hi[c] = MAX (hi[c], channel (orig->render[i], c));
          }
        if (kind_share == NULL || !interior (kind_share, w, h, x, y))
          continue;
        r.compared++;
        r.within += diff <= LEVELS + ROUNDING;
        if (diff > r.worst)
          {
            r.worst = diff, r.worst_x = x, r.worst_y = y;
            r.worst_orig = orig->render[i], r.worst_traced = traced->render[i];
          }
      }
  for (int c = 0; c < 4; c++)
    r.span = MAX (r.span, hi[c] - lo[c]);
  r.coverage = (double) n / ((double) w * h);
  return r;
}

/* The largest difference, in levels, between the original's render and
 * the PNG the tracer saw (premultiplied): the reference is what it saw. */
static int
render_vs_png (const Doc *orig, SvgaiImage *img)
{
  int worst = 0;

  for (int i = 0; i < orig->width * orig->height; i++)
    {
      const guint8 *p = img->pixels + 4 * i;

      for (int c = 0; c < 4; c++)
        {
          int png = c == 3 ? p[3] : (p[2 - c] * p[3] + 127) / 255;

          worst = MAX (worst, abs (png - channel (orig->render[i], c)));
        }
    }
  return worst;
}

typedef struct {
  guint painters;   /* elements filled with a gradient, outside masks */
  guint in_masks;
  guint regions;    /* of them, visible on 1 % of the image or more */
  guint recovered;
} Totals;

/* "path 3 (SVGxHkSGopi)": the element's tag, its place among the
 * document's gradient fills (from 1) or its id, and its gradient's id. */
static char *
label (xmlNode *n, guint index)
{
  xmlChar *id = xmlGetProp (n, (const xmlChar *) "id");
  xmlChar *fill = xmlGetProp (n, (const xmlChar *) "fill");
  const char *g = (const char *) fill + 5;
  char *s = id ? g_strdup_printf ("%s #%s (%.*s)", n->name, id, (int) strcspn (g, ")"), g)
               : g_strdup_printf ("%s %u (%.*s)", n->name, index, (int) strcspn (g, ")"), g);

  xmlFree (id);
  xmlFree (fill);
  return s;
}

/* Judges one region; says why not in `why`. */
static gboolean
recovered (const Region *r, Kind kind, GString *why)
{
  double filled = r->inside ? (double) r->filled / r->inside : 0;
  double other = r->inside ? (double) r->other / r->inside : 0;

  if (r->inside == 0)
    g_string_append (why, "no interior to judge");
  else if (filled < FILLED_AT_LEAST || r->compared == 0)
    {
      g_string_append_printf (why, "%s gradients fill %.0f %%", kind_names[kind], 100 * filled);
      if (other > 0)
        g_string_append_printf (why, " (%s ones %.0f %%)", kind_names[!kind], 100 * other);
    }
  else if (r->worst > LEVELS + ROUNDING)
    g_string_append_printf (why, "colours off by %.0f levels (%.0f %% within %.0f; worst at %d,%d: %08x drawn %08x)",
                            r->worst, 100.0 * r->within / r->compared, LEVELS + ROUNDING, r->worst_x, r->worst_y,
                            r->worst_orig, r->worst_traced);
  else
    return TRUE;
  return FALSE;
}

static void
check_logo (const char *dir, const char *png, Totals *t)
{
  g_autofree char *stem = g_strndup (png, strlen (png) - 4);
  g_autofree char *png_path = g_build_filename (dir, png, NULL);
  g_autofree char *svg_name = g_strconcat (stem, ".svg", NULL);
  g_autofree char *svg_path = g_build_filename (dir, "svg", svg_name, NULL);
  g_autoptr(SvgaiImage) img = NULL;
  g_autoptr(SvgaiResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Doc) orig = NULL, traced = NULL;
  float *kind_share[N_KINDS] = { NULL };
  SvgaiPipelineOptions options;
  int vs_png;

  svgai_pipeline_options_init (&options);
  options.use_cache = FALSE;
  options.features_time_limit_ms = 0;
  result = svgai_pipeline_run_file (png_path, NULL, &options, &img, NULL, &error);
  g_assert_no_error (error);
  orig = doc_new (svg_path, NULL, img->width, img->height, FALSE);
  traced = doc_new (NULL, svgai_result_get_svg (result), img->width, img->height, TRUE);
  for (int k = 0; k < N_KINDS; k++)
    if (traced->painters[k]->len)
      kind_share[k] = visible_share (traced, traced->painters[k]);
  vs_png = render_vs_png (orig, img);
  g_test_message ("%s: traced %u linear, %u radial gradient shapes; original vs PNG %d levels", stem,
                  traced->painters[KIND_LINEAR]->len, traced->painters[KIND_RADIAL]->len, vs_png);
  /* The PNGs are librsvg's renders of the originals: were they not, the
   * regions would be misplaced and the colours compared with another
   * drawing. */
  g_assert_cmpint (vs_png, <=, LEVELS);
  t->in_masks += orig->in_masks;
  for (guint e = 0; e < orig->all->len; e++)
    {
      xmlNode *node = g_ptr_array_index (orig->all, e);
      g_autoptr(GPtrArray) one = g_ptr_array_new ();
      g_autofree float *share = NULL;
      g_autofree char *fill = effective_fill (node), *name = NULL, *worst = NULL;
      g_autoptr(GString) why = g_string_new (NULL);
      Kind k = gradient_kind (orig, fill);
      Region r;
      gboolean ok;

      g_ptr_array_add (one, node);
      share = visible_share (orig, one);
      r = measure (orig, share, traced, kind_share[k], kind_share[!k]);
      t->painters++;
      if (r.coverage < MIN_COVERAGE)
        continue;
      name = label (node, e + 1);
      ok = recovered (&r, k, why);
      worst = r.compared ? g_strdup_printf ("%3.0f", r.worst) : g_strdup ("  -");
      g_test_message ("| %-26s | %-28s | %s | %5.1f | %s | %3.0f | %s | %3.0f | %3d | %s |", stem,
                      name, kind_names[k], 100 * r.coverage, ok ? "y" : "n",
                      r.inside ? 100.0 * r.filled / r.inside : 0, worst, r.seen, r.span, why->str);
      t->regions++;
      t->recovered += ok;
    }
  for (int k = 0; k < N_KINDS; k++)
    g_free (kind_share[k]);
}

/* What the 32 originals hold (2026-11-29): 220 elements filled with a
 * gradient, one of them mask content (Google Gemini's); 94 of the others
 * are visible on 1 % of the image or more. Fewer means the parsing or the
 * probing broke, not that the tracer improved. */
#define EXPECTED_PAINTERS 219
#define EXPECTED_REGIONS 94

/* A floor, not the target (the issue asks for all 94). At first 24 of the 94
 * came back, in 19 logos (30 on 2026-11-29 evening, 35 with steep ramps
 * and per-shape radials, session 11). The 70 others then:
 *  - 30 are filled by traced gradients of their kind whose colours miss:
 *    17 by 4-7 levels, 11 of those with 97-100 % of the judged pixels
 *    within 3 (a few pixels: Engine Yard's at its ramp's far end; also
 *    IntelliJ IDEA, memcached, webix, DataGrip, moltin, Cycle.js twice,
 *    Tor Browser, PhoneGap, TeamCity); 13 by 10-68 levels (PhoneGap's
 *    robot, testing-library's small radials, Dojo, tastejs's shadow);
 *  - 22 are traced as the other kind (85-100 % of the interior): 15
 *    linears as radials, most of a radius beyond the logo's size, nearly
 *    straight across the region (DataGrip, Dojo, stepsize and webix two or
 *    three times each, PhoneGap, Zeit; testing-library's four thin ones
 *    went into the large radial shape around them), and tastejs's six
 *    small radials and Flutter's radial sheen as linears;
 *  - 9 are pieces of both kinds (v8's radial 13 % radial, 75 % linear;
 *    webix three times, stepsize twice, tastejs, DataGrip, sinatra);
 *  - 9 are partly flat or bands (their kind fills 0-76 %: sinatra four
 *    times, tastejs twice, apidog, DataGrip, TeamCity).
 * Session 18: Dojo's green ribbon (path 3) now misses by 5 levels, 100 %
 * of it within 3, since a stray colour of 8 pixels joins the ribbon's ramp
 * instead of tracing as a 380-byte shape under it (the ribbon's fit lost
 * a stop at its rim); testing-library's radial body (path 1, 15 levels
 * off) is recovered since the three dark lines of its mouth stay lines
 * instead of joining it.
 * Session 19: moltin's wave lobe (paths 2 and 3, 5 and 13 levels off) is
 * recovered since its smooth region, where two translucent ramps overlap
 * without an edge and from which no ramp peeled off, is one shaded shape
 * (a linear base under radial blobs, svgai-shading.h), no longer bands;
 * PhoneGap's paths #svgIDc, 22 and 23 since its light layer's shapes take
 * fills of their own (linears, and one shading on the top face, whose
 * lower error tips the layer's choice) instead of one radial across them.
 * Session 21: testing-library's paths 5 and 6 (a radial and a linear of
 * the tentacles' undersides) are recovered since the PNG, which looks
 * noisy, is traced as given too, and that tracing is kept (closer, with
 * the suckers' pale rings); tastejs, kept as given for the same reason,
 * lost path 14, the rim of its mouth, a radial whose visible part spans
 * one level: a linear now fills it (12 levels off at worst, 3 before).
 * Webix's paths 4 and 13 since its left side, facets of a fold, is peeled
 * again with tighter inliers when the first peel covers too little, and
 * each facet is a ramp instead of bands.
 * Session 22: Dojo's green ribbon (path 3, 5 levels off) and IntelliJ
 * IDEA's path 2 (40 levels off) are recovered since a ramp no longer takes
 * an edge pixel of a colour it bands elsewhere when that colour is far
 * from the ramp beside it and no ramp of another colour bands it (a rim
 * along the ramp's edge, svgai-bands.c).
 * Session 23: both are lost again since that rule keeps a rim only
 * between opaque shapes. On the silhouette it left Dojo's ribbon a
 * staircase of an edge along a sliver too thin to trace (faceted at
 * 800 %, test-regions /regions/sliver-on-silhouette) and Shipit's hull a
 * row of dots; the two regions fail by one pixel each (Dojo's 5 levels
 * off at the sliver, IntelliJ's 40 at the pink corner both tracings draw).
 * Session 24: testing-library's path 7 (a linear on a tentacle) since
 * regions are judged by the fill's own (refined) fit and a radial's
 * centre is searched from every channel's vertex.
 * Session 25: cyclejs's path 1, testing-library's path 2 and tastejs's
 * path 8 (a third of the image) since a fill's gradient is fitted again
 * without the few pixels it misses by more than 4 levels, when those bent
 * it (the tail of a neighbour's ramp traced as the shape's: Cycle.js's
 * fold) and the refit leaves them no more than 16 levels off
 * (svgai-fill.c). Without that last bound Dojo's path 3 came back too, at
 * the cost of the light sliver along its ribbon, which the refit painted
 * dark; memcached's path 2 came back with a looser refit and is now 4
 * levels off at the M's foot, where the shadow along its edge is lost.
 * Session 26: memcached's path 2 is back and tastejs's path 8 lost (8
 * levels off at its left end) since the refit taken is the one that
 * explains the pixels it keeps best, not the one that leaves all pixels
 * least error; Cycle.js's path 1 needs that once a patch by its edge,
 * which the first peel missed, is the body's ramp too (no longer a pale
 * flat speck with a notch in the outline, svgai-regions-peel.c).
 * Webix's path 8 since pixels along two peeled pieces' border pass to
 * the piece whose gradient explains them, when that leaves the pieces
 * under a third of their error (svgai-regions-peel.c; Cycle.js's fold
 * then takes its tail, and path 2 is 5 levels off instead of 17).
 * IntelliJ's path 2 and Moltin's path 3 since a ramp's region takes the
 * far palette colours that only blend the ramp's colour in its pixels
 * (svgai-bands.c: IntelliJ's tip was the pink triangle's).
 * Dojo's path 8 (its red loop) since a ramp whose colour also paints a
 * flat area apart from it takes a colour of its own (svgai-bands.c: the
 * head's reds, one shape with the loop under the stacking, bent its
 * gradient into a radial with an orange ring).
 * Fewer recovered is a regression; more, raise this. */
#define RECOVERED_AT_LEAST 51

static int
by_name (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
test_devset_gradients (void)
{
  g_autofree char *dir = test_devset_path ("grad", NULL);
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  Totals t = { 0 };
  const char *name;

  if (dir == NULL)
    return;
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)))
    if (g_str_has_suffix (name, ".png"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, by_name);
  g_test_message ("| logo | element | kind | cover %% | recovered | filled %% | worst | seen | span | why not |");
  for (guint i = 0; i < names->len; i++)
    check_logo (dir, g_ptr_array_index (names, i), &t);
  g_test_message ("%u logos, %u gradient-filled elements (%u more inside masks), %u regions over 1 %%: "
                  "%u recovered", names->len, t.painters, t.in_masks, t.regions, t.recovered);
  g_assert_cmpuint (names->len, ==, 32);
  g_assert_cmpuint (t.painters, ==, EXPECTED_PAINTERS);
  g_assert_cmpuint (t.regions, ==, EXPECTED_REGIONS);
  g_assert_cmpuint (t.recovered, >=, RECOVERED_AT_LEAST);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("SVGAI_MODELS_DIR");
  svgai_init (NULL);
  g_test_add_func ("/devset-gradients/recovered", test_devset_gradients);
  status = g_test_run ();
  xmlCleanupParser ();
  return status;
}
