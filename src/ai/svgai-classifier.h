#pragma once

#include <glib.h>
#include "svgai-features.h"

G_BEGIN_DECLS

typedef enum {
  SVGAI_LOGO_SIMPLE,        /* a few flat shapes in a few colours */
  SVGAI_LOGO_TEXT,          /* a wordmark: mostly lettering */
  SVGAI_LOGO_GRADIENT,      /* smooth shading (linear or radial gradients) */
  SVGAI_LOGO_COMPLEX,       /* many shapes and colours, detail */
  SVGAI_N_LOGO_CLASSES
} SvgaiLogoClass;

typedef struct {
  SvgaiLogoClass logo_class;
  double confidence;                           /* 0..1: probability of logo_class */
  double probabilities[SVGAI_N_LOGO_CLASSES];  /* sum to 1 */
} SvgaiClassification;

/* "simple", "text", "gradient", "complex". */
const char *svgai_logo_class_to_string (SvgaiLogoClass logo_class);
gboolean svgai_logo_class_from_string (const char *s, SvgaiLogoClass *out);

/* The trained model (multinomial logistic regression over standardised
 * features, data/models/classifier.json, loaded once from the GResource).
 * Returns FALSE with an error naming the model file if it cannot be loaded;
 * out then holds the rule classifier's answer, so callers may go on. */
gboolean svgai_classify (const SvgaiFeatures *features,
                         SvgaiClassification *out,
                         GError **error);

/* Hand-written thresholds, no model needed. Confidence is a rough margin. */
void svgai_classify_rules (const SvgaiFeatures *features,
                           SvgaiClassification *out);

G_END_DECLS
