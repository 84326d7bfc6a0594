/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svgai-ramp-pieces.h"

#include <math.h>
#include <string.h>
#include "svgai-ramp-edges.h"

#define NO_TARGET SVGAI_RAMP_NO_TARGET

/* A small piece joins a ramp at least PIECE_RATIO times its size whose
 * centre and spread (its moments' mean ± PIECE_SPREAD deviations, per
 * axis) reach the piece's centre, and whose linear fit, taken over both,
 * costs at most PIECE_MAX_RMS levels per pixel of the piece (SAP's
 * counter 4.6; a facet of Webix's fold, shaded its own way, 61). Of
 * several such ramps, the one it costs least. */
#define PIECE_RATIO 8
#define PIECE_SPREAD 2.0
#define PIECE_MAX_RMS 6.0

/* What joining the piece costs the linear fit over the ramp: the squared
 * error it adds, over the piece's pixels, as levels (colour and alpha
 * channels together, per channel of three): an upper bound of how far the
 * ramp's fit is from the piece's own colours. */
static double
piece_cost (const SvgaiColorMoments *ramp, const SvgaiColorMoments *piece)
{
  SvgaiColorMoments both = *ramp;
  double alone, together;

  svgai_color_moments_merge (&both, piece);
  svgai_gradient_explained (ramp, &alone);
  svgai_gradient_explained (&both, &together);
  return sqrt (MAX (together * together * both.n - alone * alone * ramp->n, 0) / piece->n);
}

/* Whether the ramp's extent reaches the piece's centre. */
static gboolean
reaches (const SvgaiColorMoments *ramp, const SvgaiColorMoments *piece)
{
  double mx = ramp->sx / ramp->n, my = ramp->sy / ramp->n;
  double sdx = sqrt (MAX (ramp->sxx / ramp->n - mx * mx, 0)), sdy = sqrt (MAX (ramp->syy / ramp->n - my * my, 0));

  return fabs (piece->sx / piece->n - mx) <= PIECE_SPREAD * sdx + 1 &&
         fabs (piece->sy / piece->n - my) <= PIECE_SPREAD * sdy + 1;
}

static gboolean
is_piece (const SvgaiRegions *regions, guint r)
{
  return regions->moments[r].n < SVGAI_REGION_MIN_PIXELS;
}

/* The region small piece r joins, or G_MAXUINT. */
static guint
ramp_of_piece (const SvgaiRegions *regions, const guint32 *bands, const guint8 *target, guint r)
{
  const SvgaiColorMoments *m = regions->moments;
  guint into = G_MAXUINT;
  double least = PIECE_MAX_RMS;

  if (bands[r] == 0)
    return G_MAXUINT;
  for (guint r2 = 0; r2 < regions->n_regions; r2++)
    if (!is_piece (regions, r2) && target[r2] != NO_TARGET && (bands[r] & ~bands[r2]) == 0 &&
        m[r2].n >= PIECE_RATIO * m[r].n && reaches (&m[r2], &m[r]))
      {
        double cost = piece_cost (&m[r2], &m[r]);

        if (cost <= least)
          least = cost, into = r2;
      }
  return into;
}

void
svgai_ramp_pieces_join (SvgaiRegions *regions, guint32 *bands, guint8 *target)
{
  guint8 joined_target[SVGAI_MAX_COLORS];
  guint32 joined_bands[SVGAI_MAX_COLORS];
  g_autofree guint *into = g_new (guint, MAX (regions->n_regions, 1));

  /* Regions of one band first, from the others' targets as they stand. */
  memset (joined_target, NO_TARGET, sizeof joined_target);
  for (guint r = 0; r < regions->n_regions; r++)
    for (int c = 0; c < SVGAI_MAX_COLORS && target[r] != NO_TARGET && !is_piece (regions, r); c++)
      if ((bands[r] & (1u << c)) && joined_target[c] == NO_TARGET)
        joined_target[c] = target[r], joined_bands[c] = bands[r];
  for (guint r = 0; r < regions->n_regions; r++)
    if (!is_piece (regions, r) && target[r] == NO_TARGET && bands[r] != 0 && (bands[r] & (bands[r] - 1)) == 0)
      {
        int c = g_bit_nth_lsf (bands[r], -1);

        target[r] = joined_target[c];
        if (target[r] != NO_TARGET)
          bands[r] = joined_bands[c];
      }
  /* Then the small pieces, against the regions alone. */
  for (guint r = 0; r < regions->n_regions; r++)
    into[r] = is_piece (regions, r) ? ramp_of_piece (regions, bands, target, r) : r;
  for (guint r = 0; r < regions->n_regions; r++)
    if (is_piece (regions, r))
      {
        target[r] = into[r] == G_MAXUINT ? NO_TARGET : target[into[r]];
        if (into[r] != G_MAXUINT)
          bands[r] = bands[into[r]];
      }
  /* A piece that joined no ramp is no region: the edges between regions
   * are re-shared (svgai-ramp-edges.c) as before pieces were found. */
  for (gsize i = 0, n = (gsize) regions->width * regions->height; i < n; i++)
    {
      guint32 r = regions->label[i];

      if (r != SVGAI_REGION_NONE && target[r] == NO_TARGET && is_piece (regions, r))
        regions->label[i] = SVGAI_REGION_NONE;
    }
}
