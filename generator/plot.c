#include "plot.h"

#include <math.h>

#include "chart.h"
#include "text.h"

PlotAxis plot_axis(double lo, double hi, int log, double from, double to)
{
    PlotAxis a = {lo, hi, from, to, log};
    if (!(hi >= lo) || !isfinite(lo) || !isfinite(hi)) {
        a.lo = 0;
        a.hi = 1;
        a.log = 0;
        return a;
    }
    if (log && lo > 0) {
        /* Out to the 1-2-5 values around the data. */
        static const double steps[] = {1, 2, 5, 10};
        double p = pow(10, floor(log10(lo)));
        double start = p;
        for (int i = 0; i < 4 && p * steps[i] <= lo; i++)
            start = p * steps[i];
        p = pow(10, floor(log10(hi)));
        double end = p * 10;
        for (int i = 3; i >= 0 && p * steps[i] >= hi; i--)
            end = p * steps[i];
        if (end <= start)
            end = start * 10;
        a.lo = start;
        a.hi = end;
        return a;
    }
    a.log = 0;
    if (hi - lo < 1e-9) {
        double pad = fabs(lo) > 1 ? fabs(lo) * 0.01 : 1;
        lo -= pad;
        hi += pad;
    }
    double step = nice_step(hi - lo, 4);
    a.lo = floor(lo / step) * step;
    a.hi = ceil(hi / step) * step;
    return a;
}

double plot_map(const PlotAxis *a, double v)
{
    double t;
    if (a->log)
        t = (log10(v) - log10(a->lo)) / (log10(a->hi) - log10(a->lo));
    else
        t = (v - a->lo) / (a->hi - a->lo);
    if (!(t >= 0))
        t = 0;
    if (t > 1)
        t = 1;
    return a->from + t * (a->to - a->from);
}

size_t plot_ticks(const PlotAxis *a, int target, PlotTick *out, size_t max)
{
    size_t n = 0;
    if (a->log) {
        /* 1-2-5 in each decade, or 1-3, or 1 alone, as the span grows. */
        static const double all[] = {1, 2, 5}, some[] = {1, 3};
        double decades = log10(a->hi) - log10(a->lo);
        const double *mantissas = decades * 3 <= target ? all
                                  : decades * 2 <= target ? some : all;
        size_t per = decades * 3 <= target ? 3 : decades * 2 <= target ? 2 : 1;
        for (double p = pow(10, floor(log10(a->lo))); p <= a->hi * 1.0001 && n < max; p *= 10)
            for (size_t i = 0; i < per && n < max; i++) {
                double v = p * mantissas[i];
                if (v >= a->lo * 0.9999 && v <= a->hi * 1.0001)
                    out[n++] = (PlotTick){v, plot_map(a, v)};
            }
        return n;
    }
    double step = nice_step(a->hi - a->lo, target);
    for (double v = a->lo; v <= a->hi + step * 1e-9 && n < max; v += step) {
        double rounded = round(v / step) * step;
        out[n++] = (PlotTick){rounded, plot_map(a, rounded)};
    }
    return n;
}

/* Days from civil (Howard Hinnant's algorithm). */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int plot_day(const char *date, long *days)
{
    if (!date)
        return -1;
    char head[11];
    size_t i = 0;
    for (; i < 10 && date[i]; i++)
        head[i] = date[i];
    head[i] = '\0';
    if (!text_has_shape(head, "dddd-dd-dd"))
        return -1;
    long y = (head[0] - '0') * 1000 + (head[1] - '0') * 100 + (head[2] - '0') * 10
             + (head[3] - '0');
    long m = (head[5] - '0') * 10 + (head[6] - '0');
    long d = (head[8] - '0') * 10 + (head[9] - '0');
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    *days = days_from_civil(y, m, d);
    return 0;
}
