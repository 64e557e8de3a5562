/* chart — geometry of the "score with 95% CI" forest plot.
 *
 * Pure layout: given a sorted Leaderboard it computes where every dot,
 * whisker and tick goes, in SVG user units. Formatting labels for a locale
 * is the view's job and drawing is the SVG template's. The caller owns the
 * ForestChart and releases it with forest_chart_free().
 *
 * No finite input can overflow: spans are computed from halves
 * (hi/2 - lo/2), rounded axis ends that would leave the doubles are not
 * taken, and every coordinate is finite and inside the plot. The data
 * model bounds ratings far tighter (leaderboard.h, lb_ranges); this is the
 * second line. */
#ifndef LBGEN_CHART_H
#define LBGEN_CHART_H

#include <stddef.h>

#include "leaderboard.h"

typedef struct {
    size_t model;     /* index into the Leaderboard's models */
    double y;         /* centre line of the row */
    double x, x_lo, x_hi; /* rating and CI bounds */
} ChartRow;

typedef struct {
    double x;
    double value;
} ChartTick;

typedef struct {
    double width, height;
    double plot_left, plot_right, plot_top, plot_bottom;
    double label_right; /* model names are right-aligned here */
    ChartRow *rows;
    size_t n_rows;
    ChartTick *ticks;
    size_t n_ticks;
} ForestChart;

/* Lays out the first `top_n` models that have a rating (all if 0).
 * Returns NULL when no model has a rating. */
ForestChart *forest_chart_layout(const Leaderboard *lb, size_t top_n);
void forest_chart_free(ForestChart *chart);

/* A "nice" tick step (1, 2 or 5 × 10^k) giving about `target` ticks. */
double nice_step(double span, int target);

/* Where `v` lies between `lo` and `hi`, from 0 to 1 (clamped; 0.5 when
 * hi <= lo or anything is not finite), for any finite values. */
double chart_fraction(double v, double lo, double hi);

#endif
