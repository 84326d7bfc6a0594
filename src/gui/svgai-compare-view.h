#pragma once

#include <gtk/gtk.h>
#include "svgai-image-view.h"
#include "svgai-job.h"

G_BEGIN_DECLS

/* The source and the SVG side by side (or overlaid with a divider, or as a
 * difference image), zoomed and panned together, with an outline mode. */

#define SVGAI_TYPE_COMPARE_VIEW (svgai_compare_view_get_type ())
G_DECLARE_FINAL_TYPE (SvgaiCompareView, svgai_compare_view, SVGAI, COMPARE_VIEW, GtkWidget)

GtkWidget *svgai_compare_view_new (void);
/* Shows an output; export_name names the SVG when dragged out. */
void svgai_compare_view_set_output (SvgaiCompareView *self, SvgaiJobOutput *output, const char *export_name);
/* Shows why the image could not be converted instead of the views (NULL: the views). */
void svgai_compare_view_set_error (SvgaiCompareView *self, const char *reason);
/* A spinner and what is going on ("Optimizing…") over the SVG. */
void svgai_compare_view_set_busy (SvgaiCompareView *self, gboolean busy, const char *status);
void svgai_compare_view_zoom_in (SvgaiCompareView *self);
void svgai_compare_view_zoom_out (SvgaiCompareView *self);
void svgai_compare_view_zoom_fit (SvgaiCompareView *self);
void svgai_compare_view_zoom_original (SvgaiCompareView *self);
SvgaiImageView *svgai_compare_view_get_svg_view (SvgaiCompareView *self);
SvgaiImageView *svgai_compare_view_get_source_view (SvgaiCompareView *self);

/* The output shown (tests). */
SvgaiJobOutput *svgai_compare_view_get_output (SvgaiCompareView *self);

G_END_DECLS
