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

typedef struct {
  SvgaiLogoClass label;
  gboolean test_split;
  gboolean transparent;
  SvgaiImage *image;        /* straight RGBA */
  char *svg;                /* the ground truth the image was drawn from */
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
