#pragma once

#include <adwaita.h>
#include "svgai-compare-view.h"
#include "svgai-document.h"

G_BEGIN_DECLS

#define SVGAI_TYPE_WINDOW (svgai_window_get_type ())
G_DECLARE_FINAL_TYPE (SvgaiWindow, svgai_window, SVGAI, WINDOW, AdwApplicationWindow)

SvgaiWindow *svgai_window_new (AdwApplication *application);

/* Opens files as if dropped on the window (the drop handler calls this). */
void svgai_window_open_files (SvgaiWindow *self, GFile **files, guint n_files);
/* Handles a dropped value: a GdkFileList or a GdkTexture. */
gboolean svgai_window_drop_value (SvgaiWindow *self, const GValue *value);
/* Opens a pasted or dropped image. */
void svgai_window_open_texture (SvgaiWindow *self, GdkTexture *texture);
/* Opens encoded image bytes (a pasted image). */
void svgai_window_open_bytes (SvgaiWindow *self, GBytes *bytes, const char *name);
void svgai_window_select_document (SvgaiWindow *self, SvgaiDocument *document);
void svgai_window_remove_document (SvgaiWindow *self, SvgaiDocument *document);

/* Writes the current SVG to dest; the error names the file. */
gboolean svgai_window_export_current (SvgaiWindow *self, GFile *dest, GError **error);
/* What Export All does with a file already in the folder. */
typedef enum {
  SVGAI_EXISTING_REPLACE,
  SVGAI_EXISTING_SKIP,
  SVGAI_EXISTING_RENAME,
} SvgaiExisting;

/* Writes every finished SVG into folder; returns how many. skipped (may be
 * NULL) receives the names of the existing files left alone. */
guint svgai_window_export_all (SvgaiWindow *self, GFile *folder, SvgaiExisting policy,
                               GPtrArray *skipped, GError **error);
/* Export All as the dialog's choice of folder does: asks once (replace all,
 * skip, keep both) when files are already there, then reports. */
void svgai_window_export_all_to (SvgaiWindow *self, GFile *folder);
/* Ctrl+S: the first save asks where; later ones write the same file, but
 * ask (naming it) if it changed since. */
void svgai_window_save (SvgaiWindow *self);
/* What the save dialog does with the file chosen: its extension picks the
 * format (.svg, .pdf, .eps, .png at png_scale times the source size). */
void svgai_window_save_to (SvgaiWindow *self, GFile *dest, double png_scale);
GSettings *svgai_window_get_settings (SvgaiWindow *self);
void svgai_window_copy_svg (SvgaiWindow *self);
void svgai_window_show_toast (SvgaiWindow *self, const char *message);
/* The same with a button activating action_name (target: floating, consumed). */
void svgai_window_show_toast_with_action (SvgaiWindow *self,
                                          const char *message,
                                          const char *button_label,
                                          const char *action_name,
                                          GVariant *target);

/* For tests and measurements. */
GListModel *svgai_window_get_documents (SvgaiWindow *self);
SvgaiDocument *svgai_window_get_current (SvgaiWindow *self);
SvgaiCompareView *svgai_window_get_compare_view (SvgaiWindow *self);
GtkWidget *svgai_window_get_panel (SvgaiWindow *self, const char *name);
/* The last toast's text (tests check errors reach the user). */
const char *svgai_window_get_last_toast (SvgaiWindow *self);
/* TRUE while the panels have yet to show the latest result. */
gboolean svgai_window_has_pending_updates (SvgaiWindow *self);

G_END_DECLS
