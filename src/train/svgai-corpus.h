#pragma once

#include <gio/gio.h>
#include "ai/svgai-classifier.h"
#include "engine/svgai-image.h"

G_BEGIN_DECLS

/* A deterministic generator of labelled synthetic logos, drawn with cairo and
 * pango from vector descriptions, for training and testing the models.
 *
 * Sample i of a corpus with seed s depends on (s, i) only, so any sample can
 * be regenerated alone. Its class is i % 4 (simple, text, gradient,
 * complex); its split is "test" when i % 5 == 4, else "train". Sizes run
 * from 128 to 384 px; about half have transparent backgrounds, the rest a
 * white or coloured opaque one. */

#define SVGAI_CORPUS_MAX_GRADIENTS 4

/* A gradient a sample was drawn with, exactly as cairo drew it (its ground
 * truth's <linearGradient> or <radialGradient>): the ends of a linear one,
 * or a radial one's centre (x0, y0) and radius (r); stops evenly spaced
 * from 0 to 1, colours 0-255 (unrounded). */
typedef struct {
  gboolean radial;
  double x0, y0, x1, y1, r;
  guint n_stops;
  double rgb[3][3];
} SvgaiCorpusGradient;

typedef struct {
  SvgaiLogoClass label;
  gboolean test_split;
  gboolean transparent;
  SvgaiImage *image;        /* straight RGBA */
  char *svg;                /* the ground truth the image was drawn from */
  guint n_gradients;        /* the first SVGAI_CORPUS_MAX_GRADIENTS, in drawing order */
  SvgaiCorpusGradient gradients[SVGAI_CORPUS_MAX_GRADIENTS];
} SvgaiCorpusSample;

void svgai_corpus_sample_clear (SvgaiCorpusSample *sample);

/* Draws sample index of the corpus with this seed. */
void svgai_corpus_render (guint64 seed, guint index, SvgaiCorpusSample *out);

/* Writes count samples into dir (created if needed): NNNNN.png, NNNNN.svg and
 * labels.tsv (name, label, split, width, height, background). */
gboolean svgai_corpus_write (const char *dir,
                             guint count,
                             guint64 seed,
                             GCancellable *cancellable,
                             GError **error);

G_END_DECLS
