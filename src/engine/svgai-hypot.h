/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <math.h>

/* The length of (x, y), as √(x² + y²). glibc's hypot() scales its
 * arguments against overflow and rounds to the last bit: a call the
 * refit and the primitives make tens of thousands of times per logo, a
 * few per cent of a convert. The engine's lengths are of pixel
 * coordinates, far from overflow and underflow. (Of the devset's 140
 * SVGs one changed with it, TasteJS's: a radial fit there turns on the
 * last bits.) */
static inline double
svgai_hypot (double x, double y)
{
  return sqrt (x * x + y * y);
}
