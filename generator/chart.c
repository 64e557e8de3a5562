#include "chart.h"

#include <math.h>
#include <stdlib.h>

#include "mem.h"

enum {
    CHART_WIDTH = 720,
    LABEL_WIDTH = 250,
    ROW_HEIGHT = 22,
    MARGIN_TOP = 28,
    MARGIN_BOTTOM = 12,
    MARGIN_RIGHT = 24,
};

double nice_step(double span, int target)
{
    if (!(span > 0) || target < 1)
        return 1;
    double raw = span / target;
    double magnitude = pow(10, floor(log10(raw)));
    double residual = raw / magnitude;
    double step = residual < 1.5 ? 1 : residual < 3.5 ? 2 : residual < 7.5 ? 5 : 10;
    return step * magnitude;
}

/* The interval shown: every whisker fits, padded to whole tick steps. */
static void value_range(const Leaderboard *lb, size_t count, double *lo,
                        double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t i = 0, seen = 0; i < lb->n_models && seen < count; i++) {
        const LbModel *m = &lb->models[i];
        if (isnan(m->rating))
            continue;
        seen++;
        double a = isnan(m->ci_lower) ? m->rating : m->ci_lower;
        double b = isnan(m->ci_upper) ? m->rating : m->ci_upper;
        *lo = fmin(*lo, a);
        *hi = fmax(*hi, b);
    }
    if (*hi - *lo < 1e-9) { /* a single point still needs a visible axis */
        *lo -= 1;
        *hi += 1;
    }
}

static size_t rated_count(const Leaderboard *lb, size_t top_n)
{
    size_t n = 0;
    for (size_t i = 0; i < lb->n_models; i++)
        if (!isnan(lb->models[i].rating))
            n++;
    return top_n && top_n < n ? top_n : n;
}

static void place_ticks(ForestChart *c, double lo, double hi, double step)
{
    size_t max_ticks = (size_t)((hi - lo) / step) + 2;
    c->ticks = xcalloc(max_ticks, sizeof *c->ticks);
    double scale = (c->plot_right - c->plot_left) / (hi - lo);
    for (double v = lo; v <= hi + step * 1e-9 && c->n_ticks < max_ticks;
         v += step) {
        double rounded = round(v / step) * step;
        c->ticks[c->n_ticks].value = rounded;
        c->ticks[c->n_ticks].x = c->plot_left + (rounded - lo) * scale;
        c->n_ticks++;
    }
}

ForestChart *forest_chart_layout(const Leaderboard *lb, size_t top_n)
{
    size_t count = rated_count(lb, top_n);
    if (count == 0)
        return NULL;
    double lo, hi;
    value_range(lb, count, &lo, &hi);
    double step = nice_step(hi - lo, 6);
    lo = floor(lo / step) * step;
    hi = ceil(hi / step) * step;

    ForestChart *c = xcalloc(1, sizeof *c);
    c->width = CHART_WIDTH;
    c->label_right = LABEL_WIDTH - 8;
    c->plot_left = LABEL_WIDTH;
    c->plot_right = CHART_WIDTH - MARGIN_RIGHT;
    c->plot_top = MARGIN_TOP;
    c->plot_bottom = MARGIN_TOP + (double)count * ROW_HEIGHT;
    c->height = c->plot_bottom + MARGIN_BOTTOM;
    c->rows = xcalloc(count, sizeof *c->rows);
    double scale = (c->plot_right - c->plot_left) / (hi - lo);
    for (size_t i = 0; i < lb->n_models && c->n_rows < count; i++) {
        const LbModel *m = &lb->models[i];
        if (isnan(m->rating))
            continue;
        ChartRow *row = &c->rows[c->n_rows];
        row->model = i;
        row->y = MARGIN_TOP + (c->n_rows + 0.5) * ROW_HEIGHT;
        row->x = c->plot_left + (m->rating - lo) * scale;
        row->x_lo = c->plot_left
                    + ((isnan(m->ci_lower) ? m->rating : m->ci_lower) - lo) * scale;
        row->x_hi = c->plot_left
                    + ((isnan(m->ci_upper) ? m->rating : m->ci_upper) - lo) * scale;
        c->n_rows++;
    }
    place_ticks(c, lo, hi, step);
    return c;
}

void forest_chart_free(ForestChart *c)
{
    if (!c)
        return;
    free(c->rows);
    free(c->ticks);
    free(c);
}
