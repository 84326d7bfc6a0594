/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <math.h>

/* (int) floor (v) without floor(): the truncation, one less for a
 * negative fraction. The same int for every v within int range; others
 * (never a coordinate) go through floor() as before. The baseline x86-64
 * has no rounding instruction, so floor() is a call into libm: the
 * bilinear reads, the thin-line search's cells and the gradients' profile
 * bins take millions of these. */
static inline int
svgai_floor_int (double v)
{
  int i;

  if (!(v > -2147483648.0 && v < 2147483648.0))
    return (int) floor (v);
  i = (int) v;
  return i - (v < i);
}
