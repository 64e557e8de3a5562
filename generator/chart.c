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

/* The step for ticks over [lo, hi]; lo/target and hi/target keep the raw
 * step finite whatever the ends are. */
static double nice_step_between(double lo, double hi, int target)
{
    double raw = hi / target - lo / target;
    if (!(raw > 0) || !isfinite(raw))
        return 1;
    double magnitude = pow(10, floor(log10(raw)));
    double residual = raw / magnitude;
    double step = residual < 1.5 ? 1 : residual < 3.5 ? 2 : residual < 7.5 ? 5 : 10;
    step *= magnitude;
    return isfinite(step) && step > 0 ? step : raw;
}

double nice_step(double span, int target)
{
    if (!(span > 0) || target < 1 || !isfinite(span))
        return 1;
    return nice_step_between(0, span, target);
}

double chart_fraction(double v, double lo, double hi)
{
    double half_span = hi / 2 - lo / 2;
    if (!(half_span > 0) || !isfinite(half_span) || !isfinite(v))
        return 0.5;
    double t = (v / 2 - lo / 2) / half_span;
    return t < 0 ? 0 : t > 1 ? 1 : t;
}

/* The interval shown: every whisker fits. */
static void value_range(const Leaderboard *lb, size_t count, double *lo,
                        double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t i = 0, seen = 0; i < lb->n_models && seen < count; i++) {
        const LbModel *m = &lb->models[i];
        if (!isfinite(m->rating))
            continue;
        seen++;
        double a = isfinite(m->ci_lower) ? m->ci_lower : m->rating;
        double b = isfinite(m->ci_upper) ? m->ci_upper : m->rating;
        *lo = fmin(*lo, fmin(a, m->rating));
        *hi = fmax(*hi, fmax(b, m->rating));
    }
    /* A single point still needs a visible axis: pad by 1, or 1% of the
     * value when that is more, on the side that stays finite. */
    if (*hi / 2 - *lo / 2 < 5e-10) {
        double pad = fmax(1, fabs(*hi) / 100);
        if (isfinite(*hi + pad) && isfinite(*lo - pad)) {
            *lo -= pad;
            *hi += pad;
        } else if (isfinite(*hi + 2 * pad)) {
            *hi += 2 * pad;
        } else {
            *lo -= 2 * pad;
        }
    }
}

static size_t rated_count(const Leaderboard *lb, size_t top_n)
{
    size_t n = 0;
    for (size_t i = 0; i < lb->n_models; i++)
        if (isfinite(lb->models[i].rating))
            n++;
    return top_n && top_n < n ? top_n : n;
}

static double x_of(const ForestChart *c, double v, double lo, double hi)
{
    return c->plot_left + (c->plot_right - c->plot_left)
                              * chart_fraction(v, lo, hi);
}

/* Ticks at whole steps from lo to hi: lo + i * step, at most MAX_TICKS. */
enum { MAX_TICKS = 64 };

static void place_ticks(ForestChart *c, double lo, double hi, double step)
{
    c->ticks = xcalloc(MAX_TICKS, sizeof *c->ticks);
    double first = ceil(lo / step - 1e-9);
    for (int i = 0; i < MAX_TICKS; i++) {
        double v = (first + i) * step;
        if (!isfinite(v) || v > hi + step * 1e-9 || (i > 0 && v <= c->ticks[c->n_ticks - 1].value))
            break;
        c->ticks[c->n_ticks].value = v;
        c->ticks[c->n_ticks].x = x_of(c, v, lo, hi);
        c->n_ticks++;
    }
}

/* lo and hi widened to whole steps, unless that leaves the doubles. */
static void round_to_steps(double *lo, double *hi, double step)
{
    double a = floor(*lo / step) * step, b = ceil(*hi / step) * step;
    if (isfinite(a))
        *lo = a;
    if (isfinite(b))
        *hi = b;
}

ForestChart *forest_chart_layout(const Leaderboard *lb, size_t top_n)
{
    size_t count = rated_count(lb, top_n);
    if (count == 0)
        return NULL;
    double lo, hi;
    value_range(lb, count, &lo, &hi);
    double step = nice_step_between(lo, hi, 6);
    round_to_steps(&lo, &hi, step);

    ForestChart *c = xcalloc(1, sizeof *c);
    c->width = CHART_WIDTH;
    c->label_right = LABEL_WIDTH - 8;
    c->plot_left = LABEL_WIDTH;
    c->plot_right = CHART_WIDTH - MARGIN_RIGHT;
    c->plot_top = MARGIN_TOP;
    c->plot_bottom = MARGIN_TOP + (double)count * ROW_HEIGHT;
    c->height = c->plot_bottom + MARGIN_BOTTOM;
    c->rows = xcalloc(count, sizeof *c->rows);
    for (size_t i = 0; i < lb->n_models && c->n_rows < count; i++) {
        const LbModel *m = &lb->models[i];
        if (!isfinite(m->rating))
            continue;
        ChartRow *row = &c->rows[c->n_rows];
        row->model = i;
        row->y = MARGIN_TOP + (c->n_rows + 0.5) * ROW_HEIGHT;
        row->x = x_of(c, m->rating, lo, hi);
        row->x_lo = x_of(c, isfinite(m->ci_lower) ? m->ci_lower : m->rating,
                         lo, hi);
        row->x_hi = x_of(c, isfinite(m->ci_upper) ? m->ci_upper : m->rating,
                         lo, hi);
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
