/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-rsvg.h"

#include <gmodule.h>
#include "svgai.h"

typedef struct {
  __typeof__ (rsvg_handle_new_from_data) *new_from_data;
  __typeof__ (rsvg_handle_render_document) *render_document;
  __typeof__ (rsvg_handle_get_intrinsic_size_in_pixels) *intrinsic_size_in_pixels;
  SvgaiCairo cairo;
  char *error;              /* why it could not be opened, or NULL */
} Rsvg;

/* cairo's functions, from the cairo librsvg depends on. */
static gboolean
resolve_cairo (GModule *module, SvgaiCairo *c)
{
#define RESOLVE(name) g_module_symbol (module, "cairo_" #name, (gpointer *) &c->name)
  return RESOLVE (image_surface_create) && RESOLVE (image_surface_get_data) &&
         RESOLVE (image_surface_get_stride) && RESOLVE (image_surface_get_width) &&
         RESOLVE (image_surface_get_height) && RESOLVE (surface_flush) && RESOLVE (surface_status) &&
         RESOLVE (surface_finish) && RESOLVE (surface_destroy) && RESOLVE (create) && RESOLVE (destroy) &&
         RESOLVE (scale) && RESOLVE (status) && RESOLVE (pdf_surface_create_for_stream) &&
         RESOLVE (ps_surface_create_for_stream) && RESOLVE (ps_surface_set_eps) &&
         RESOLVE (surface_write_to_png_stream);
#undef RESOLVE
}

static gpointer
rsvg_open (gpointer data)
{
  static const char *const names[] = { "librsvg-2.so.2", "librsvg-2.so" };
  Rsvg *r = g_new0 (Rsvg, 1);
  GModule *module = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (names) && module == NULL; i++)
    module = g_module_open (names[i], G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      r->error = g_strdup_printf ("librsvg cannot be opened: %s", g_module_error ());
      return r;
    }
  g_module_make_resident (module);
  if (!g_module_symbol (module, "rsvg_handle_new_from_data", (gpointer *) &r->new_from_data) ||
      !g_module_symbol (module, "rsvg_handle_render_document", (gpointer *) &r->render_document) ||
      !g_module_symbol (module, "rsvg_handle_get_intrinsic_size_in_pixels",
                        (gpointer *) &r->intrinsic_size_in_pixels))
    r->error = g_strdup_printf ("librsvg is too old (2.52 is needed): %s", g_module_error ());
  else if (!resolve_cairo (module, &r->cairo))
    r->error = g_strdup_printf ("cairo, which librsvg draws with, lacks a function: %s", g_module_error ());
  return r;
}

static const Rsvg *
rsvg_get (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  const Rsvg *r = g_once (&once, rsvg_open, NULL);

  if (r->error == NULL)
    return r;
  g_set_error_literal (error, SVGAI_ERROR, SVGAI_ERROR_FAILED, r->error);
  return NULL;
}

RsvgHandle *
svgai_rsvg_handle_new_from_data (const guint8 *data, gsize len, GError **error)
{
  const Rsvg *r = rsvg_get (error);

  return r ? r->new_from_data (data, len, error) : NULL;
}

gboolean
svgai_rsvg_render_document (RsvgHandle *handle, cairo_t *cr, const RsvgRectangle *viewport, GError **error)
{
  const Rsvg *r = rsvg_get (error);

  return r && r->render_document (handle, cr, viewport, error);
}

gboolean
svgai_rsvg_intrinsic_size_in_pixels (RsvgHandle *handle, double *width, double *height)
{
  const Rsvg *r = rsvg_get (NULL);

  return r && r->intrinsic_size_in_pixels (handle, width, height);
}

const SvgaiCairo *
svgai_rsvg_cairo (GError **error)
{
  const Rsvg *r = rsvg_get (error);

  return r ? &r->cairo : NULL;
}
