/* plot — axes for the line and scatter charts of the model pages (rating
 * and rank over time) and the overview (score against price): mapping
 * values to SVG user units, linear or logarithmic, and "nice" ticks.
 * Pure geometry, as chart.h is for the forest plot: formatting labels is
 * the view's job, drawing the templates'. Nothing is allocated. */
#ifndef LBGEN_PLOT_H
#define LBGEN_PLOT_H

#include <stddef.h>

typedef struct {
    double lo, hi;     /* the values at the two ends */
    double from, to;   /* where they go, in user units (to < from: upward) */
    int log;           /* 1: base-10 logarithmic (lo > 0) */
} PlotAxis;

typedef struct {
    double value;
    double at; /* plot_map(value) */
} PlotTick;

/* An axis from `lo` to `hi` (widened to whole ticks of a nice step; a
 * single value gets a span around it), drawn from `from` to `to`. With
 * `log`, values must be > 0 and the ends go to powers of ten's 1-2-5. */
PlotAxis plot_axis(double lo, double hi, int log, double from, double to);

/* Where `v` goes (clamped to the axis). */
double plot_map(const PlotAxis *a, double v);

/* Up to `max` ticks at nice values inside the axis, about `target` of them
 * (log axes: 1, 2, 5 × 10^k, thinned to about `target`). Returns how many. */
size_t plot_ticks(const PlotAxis *a, int target, PlotTick *out, size_t max);

/* Days since 1970-01-01 of a date "YYYY-MM-DD..." (proleptic Gregorian);
 * 0 and *days on success, -1 when it does not start with such a date. */
int plot_day(const char *date, long *days);

#endif
