/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-corpus-text.h"

#include <gmodule.h>
#include <pango/pangocairo.h>

typedef struct {
  __typeof__ (pango_cairo_create_layout) *create_layout;
  __typeof__ (pango_cairo_layout_path) *layout_path;
  __typeof__ (pango_font_description_from_string) *description_from_string;
  __typeof__ (pango_font_description_free) *description_free;
  __typeof__ (pango_layout_set_font_description) *set_font_description;
  __typeof__ (pango_layout_set_text) *set_text;
  __typeof__ (pango_layout_get_pixel_extents) *get_pixel_extents;
  gboolean ok;
} Pango;

static gpointer
pango_open (gpointer data)
{
  Pango *p = g_new0 (Pango, 1);
  GModule *module = g_module_open ("libpangocairo-1.0.so.0", G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

  if (module == NULL)
    module = g_module_open ("libpangocairo-1.0.so", G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module != NULL)
    {
      g_module_make_resident (module);
      /* libpango's functions come through pangocairo, which depends on it. */
      p->ok = g_module_symbol (module, "pango_cairo_create_layout", (gpointer *) &p->create_layout) &&
              g_module_symbol (module, "pango_cairo_layout_path", (gpointer *) &p->layout_path) &&
              g_module_symbol (module, "pango_font_description_from_string",
                               (gpointer *) &p->description_from_string) &&
              g_module_symbol (module, "pango_font_description_free", (gpointer *) &p->description_free) &&
              g_module_symbol (module, "pango_layout_set_font_description",
                               (gpointer *) &p->set_font_description) &&
              g_module_symbol (module, "pango_layout_set_text", (gpointer *) &p->set_text) &&
              g_module_symbol (module, "pango_layout_get_pixel_extents", (gpointer *) &p->get_pixel_extents);
    }
  if (!p->ok)
    g_warning ("pango cannot be opened, the corpus has no text: %s", g_module_error ());
  return p;
}

void
svgai_corpus_text_path (cairo_t *cr, const char *font, const char *text, double x, double y, double w, double h)
{
  static GOnce once = G_ONCE_INIT;
  const Pango *p = g_once (&once, pango_open, NULL);
  PangoLayout *layout;
  PangoFontDescription *desc;
  PangoRectangle ink;
  double scale;

  if (!p->ok)
    return;
  layout = p->create_layout (cr);
  desc = p->description_from_string (font);
  p->set_font_description (layout, desc);
  p->set_text (layout, text, -1);
  p->get_pixel_extents (layout, &ink, NULL);
  scale = MIN (w / MAX (1, ink.width), h / MAX (1, ink.height));
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_translate (cr, x + (w - ink.width * scale) / 2, y + (h - ink.height * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -ink.x, -ink.y);
  p->layout_path (cr, layout);
  cairo_restore (cr);
  p->description_free (desc);
  g_object_unref (layout);
}
