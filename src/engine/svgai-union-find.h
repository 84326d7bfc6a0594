#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Disjoint sets over indices: parent[i] == i for a root. Labelling
 * pixels into regions (svgai-regions.c) and joining regions
 * (svgai-regions-continued.c) both use it. */

/* The root of i's set, halving the path to it on the way. */
static inline guint32
svgai_union_find (guint32 *parent, guint32 i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];   /* path halving */
      i = parent[i];
    }
  return i;
}

/* Joins the sets of a and b; the smaller root becomes the root (roots
 * then come first in scan order). */
static inline void
svgai_union_unite (guint32 *parent, guint32 a, guint32 b)
{
  a = svgai_union_find (parent, a);
  b = svgai_union_find (parent, b);
  if (a < b)
    parent[b] = a;
  else if (b < a)
    parent[a] = b;
}

G_END_DECLS
