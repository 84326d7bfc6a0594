#pragma once

#include "svgai.h"

G_BEGIN_DECLS

/* The trained model (multinomial logistic regression over standardised
 * features, data/models/classifier.json, loaded once from the GResource).
 * The gradient class is the shading's call, not the model's: gradient
 * exactly when gradient_strength >= 0.03 (as in the rules), the model
 * choosing among the other classes otherwise.
 * Returns FALSE with an error naming the model file if it cannot be loaded;
 * out then holds the rule classifier's answer, so callers may go on. */
gboolean svgai_classify (const SvgaiFeatures *features,
                         SvgaiClassification *out,
                         GError **error);


G_END_DECLS
