#pragma once

#include <gtk/gtk.h>
#include "svgai-job.h"

G_BEGIN_DECLS

/* One opened image and its conversion. It owns the jobs that convert it: a
 * new request cancels the one it replaces. Documents not shown keep only a
 * slim result (thumbnail, SVG bytes, figures) so memory stays flat however
 * many are open; showing one again reloads the rest. */

typedef enum {
  SVGAI_DOCUMENT_QUEUED,
  SVGAI_DOCUMENT_LOADING,
  SVGAI_DOCUMENT_ANALYZING,
  SVGAI_DOCUMENT_TRACING,
  SVGAI_DOCUMENT_OPTIMIZING,
  SVGAI_DOCUMENT_DONE,
  SVGAI_DOCUMENT_FAILED,
} SvgaiDocumentState;

#define SVGAI_TYPE_DOCUMENT (svgai_document_get_type ())
G_DECLARE_FINAL_TYPE (SvgaiDocument, svgai_document, SVGAI, DOCUMENT, GObject)

SvgaiDocument *svgai_document_new_for_file (GFile *file, SvgaiTier tier, double time_limit);
SvgaiDocument *svgai_document_new_for_bytes (GBytes *bytes, const char *name,
                                             SvgaiTier tier, double time_limit);

GFile *svgai_document_get_file (SvgaiDocument *self);
const char *svgai_document_get_name (SvgaiDocument *self);
/* "logo.svg" for "logo.png". */
char *svgai_document_get_export_name (SvgaiDocument *self);
SvgaiDocumentState svgai_document_get_state (SvgaiDocument *self);
gboolean svgai_document_is_busy (SvgaiDocument *self);
const char *svgai_document_get_status (SvgaiDocument *self);
double svgai_document_get_progress (SvgaiDocument *self);
GdkTexture *svgai_document_get_thumbnail (SvgaiDocument *self);
/* The latest output (provisional or final), or NULL. */
SvgaiJobOutput *svgai_document_get_output (SvgaiDocument *self);
GBytes *svgai_document_get_svg (SvgaiDocument *self);
const GError *svgai_document_get_error (SvgaiDocument *self);
/* The error's reason without the file name it starts with. */
char *svgai_document_error_reason (SvgaiDocument *self, const GError *error);
SvgaiTier svgai_document_get_tier (SvgaiDocument *self);
/* The parameters of the current result; user_set says whether they are the
 * user's rather than the optimizer's. */
gboolean svgai_document_get_params (SvgaiDocument *self, SvgaiParams *params, gboolean *user_set);
/* Number of results delivered so far (tests wait on it). */
guint svgai_document_get_n_results (SvgaiDocument *self);

/* Starts (or queues) the first conversion. */
void svgai_document_start (SvgaiDocument *self);
/* The shown document converts first and keeps its full data. */
void svgai_document_set_active (SvgaiDocument *self, gboolean active);
void svgai_document_set_params (SvgaiDocument *self, const SvgaiParams *params);
/* Back to the optimizer's parameters and the traced colours (recolours go
 * too); one undo step. */
void svgai_document_reset_params (SvgaiDocument *self);
/* Paints the fills traced as from in to instead, now and after every
 * re-trace (to == from undoes it); one undo step; no tracing. */
void svgai_document_recolor (SvgaiDocument *self, const SvgaiColor *from, const SvgaiColor *to);
const SvgaiRecolorMap *svgai_document_get_recolor (SvgaiDocument *self);
/* Undo and redo of parameter changes, recolours and resets, per image. */
gboolean svgai_document_undo (SvgaiDocument *self);
gboolean svgai_document_redo (SvgaiDocument *self);
gboolean svgai_document_can_undo (SvgaiDocument *self);
gboolean svgai_document_can_redo (SvgaiDocument *self);
/* Where the user saved the SVG (NULL before the first save), and the file's
 * etag after that save: a file changed since is not replaced unasked. */
void svgai_document_set_saved (SvgaiDocument *self, GFile *file, const char *etag);
GFile *svgai_document_get_saved_file (SvgaiDocument *self);
const char *svgai_document_get_saved_etag (SvgaiDocument *self);
void svgai_document_set_tier (SvgaiDocument *self, SvgaiTier tier);
void svgai_document_cancel (SvgaiDocument *self);
/* Jobs cancelled because a newer request replaced them, since start. */
guint svgai_document_get_n_cancelled_jobs (void);
/* Tracing jobs started, since start (a recolour starts none). */
guint svgai_document_get_n_trace_jobs (void);

G_END_DECLS
