#include "quantity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "leaderboard.h"

/* ---- scanning ---------------------------------------------------------- */

/* Length of a space at p: ASCII blanks, NBSP, thin and narrow NBSP. */
static size_t space_at(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    if (*u == ' ' || *u == '\t' || *u == '\n' || *u == '\r')
        return 1;
    if (u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x89 || u[2] == 0xAF))
        return 3;
    return 0;
}

static const char *skip_spaces(const char *p)
{
    size_t n;
    while ((n = space_at(p)) != 0)
        p += n;
    return p;
}

/* Digits with optional thousands commas (only in groups of three) and an
 * optional fraction. Reads the number exactly as an integer mantissa and
 * a count of decimals; *end is where it stopped. 0 on success. */
static int scan_number(const char *p, int commas, long long *mantissa,
                       int *decimals, const char **end)
{
    long long m = 0;
    int digits = 0, dec = 0, group = -1;
    for (;; p++) {
        if (*p >= '0' && *p <= '9') {
            if (m > 99999999999999LL) /* 15 significant digits at most */
                return -1;
            m = m * 10 + (*p - '0');
            digits++;
            if (group >= 0)
                group++;
        } else if (*p == ',' && commas && digits && (group < 0 || group == 3)
                   && p[1] >= '0' && p[1] <= '9') {
            group = 0;
        } else {
            break;
        }
    }
    if (!digits || (group >= 0 && group != 3))
        return -1;
    if (*p == '.' && p[1] >= '0' && p[1] <= '9') {
        for (p++; *p >= '0' && *p <= '9'; p++) {
            if (m > 99999999999999LL)
                return -1;
            m = m * 10 + (*p - '0');
            dec++;
        }
    }
    *mantissa = m;
    *decimals = dec;
    *end = p;
    return 0;
}

static double pow10i(int n)
{
    double v = 1;
    while (n-- > 0)
        v *= 10;
    return v;
}

static double mantissa_value(long long m, int decimals)
{
    return (double)m / pow10i(decimals);
}

/* ---- the quantities ---------------------------------------------------- */

/* Length of a space ending p[0..len), or 0. */
static size_t trailing_space(const char *p, size_t len)
{
    const unsigned char *u = (const unsigned char *)p;
    if (len >= 1 && (u[len - 1] == ' ' || u[len - 1] == '\t'
                     || u[len - 1] == '\n' || u[len - 1] == '\r'))
        return 1;
    if (len >= 2 && u[len - 2] == 0xC2 && u[len - 1] == 0xA0)
        return 2;
    if (len >= 3 && u[len - 3] == 0xE2 && u[len - 2] == 0x80
        && (u[len - 1] == 0x89 || u[len - 1] == 0xAF))
        return 3;
    return 0;
}

int quantity_is_blank(const char *text)
{
    static const char *const blanks[] = {"n/a", "na", "-", "\xE2\x80\x94",
                                         "\xE2\x80\x93", NULL};
    const char *p = skip_spaces(text);
    size_t len = strlen(p), k;
    while ((k = trailing_space(p, len)) != 0)
        len -= k;
    if (len == 0)
        return 1;
    for (const char *const *b = blanks; *b; b++)
        if (strlen(*b) == len && strncasecmp(p, *b, len) == 0)
            return 1;
    return 0;
}

int quantity_decimal(const char *text, double *value, int *decimals)
{
    long long m;
    const char *end;
    if (scan_number(text, 0, &m, decimals, &end) != 0 || *end != '\0')
        return -1;
    *value = mantissa_value(m, *decimals);
    return 0;
}

double quantity_add(double value, int value_decimals, double delta,
                    int delta_decimals)
{
    int d = value_decimals > delta_decimals ? value_decimals
                                            : delta_decimals;
    if (d > 9)
        d = 9;
    double scale = pow10i(d);
    double sum = value + delta;
    double scaled = sum * scale;
    if (!isfinite(scaled) || fabs(scaled) > 9.0e15)
        return sum;
    return round(scaled) / scale;
}

/* "$5", "5", "$0.75" at p: the price and where it ends. */
static int scan_price(const char *p, double *price, const char **end)
{
    long long m;
    int dec;
    p = skip_spaces(p);
    if (*p == '$')
        p = skip_spaces(p + 1);
    if (scan_number(p, 1, &m, &dec, end) != 0)
        return -1;
    *price = mantissa_value(m, dec);
    return *price <= LB_MAX_PRICE ? 0 : -1;
}

int quantity_price_pair(const char *text, double *input, double *output)
{
    if (quantity_is_blank(text))
        return 0;
    const char *p;
    if (scan_price(text, input, &p) != 0)
        return -1;
    p = skip_spaces(p);
    if (*p != '/')
        return -1;
    if (scan_price(p + 1, output, &p) != 0)
        return -1;
    return *skip_spaces(p) == '\0' ? 1 : -1;
}

int quantity_context(const char *text, long long *tokens)
{
    if (quantity_is_blank(text))
        return 0;
    long long m;
    int dec;
    const char *p = skip_spaces(text);
    if (scan_number(p, 1, &m, &dec, &p) != 0)
        return -1;
    p = skip_spaces(p);
    int exponent = 0; /* of ten */
    if (*p == 'k' || *p == 'K')
        exponent = 3, p++;
    else if (*p == 'm' || *p == 'M')
        exponent = 6, p++;
    if (*skip_spaces(p) != '\0')
        return -1;
    if (dec > exponent)
        return -1; /* "1.0001K" is not a whole number of tokens */
    for (int i = dec; i < exponent; i++) {
        if (m > LB_MAX_CONTEXT)
            return -1;
        m *= 10;
    }
    if (m < 1 || m > LB_MAX_CONTEXT)
        return -1;
    *tokens = m;
    return 1;
}

/* A signed decimal followed by '%' ("12.47%", "-0.19 %", "−3%"), the
 * '%' optional when `percent_optional`. */
static int scan_percent(const char *p, int signed_ok, int percent_optional,
                        long long *m, int *dec, int *negative,
                        const char **end)
{
    p = skip_spaces(p);
    *negative = 0;
    if (signed_ok && (*p == '-' || *p == '+')) {
        *negative = *p == '-';
        p++;
    } else if (signed_ok && strncmp(p, "\xE2\x88\x92", 3) == 0) {
        *negative = 1;
        p += 3;
    }
    if (scan_number(p, 0, m, dec, &p) != 0)
        return -1;
    const char *after = p;
    p = skip_spaces(p);
    if (*p != '%') {
        if (!percent_optional)
            return -1;
        *end = after;
        return 0;
    }
    *end = p + 1;
    return 0;
}

int quantity_percent(const char *text, double *value, double *lo,
                     double *hi)
{
    if (quantity_is_blank(text))
        return 0;
    long long m, w;
    int dec, wdec, negative, wneg;
    const char *p;
    if (scan_percent(text, 1, 0, &m, &dec, &negative, &p) != 0)
        return -1;
    double v = mantissa_value(m, dec);
    if (negative)
        v = -v;
    if (v < -LB_MAX_METRIC || v > LB_MAX_METRIC)
        return -1;
    *value = v;
    *lo = *hi = NAN;
    p = skip_spaces(p);
    if (*p == '\0')
        return 1;
    if (strncmp(p, "\xC2\xB1", 2) != 0) /* ± */
        return -1;
    if (scan_percent(p + 2, 0, 1, &w, &wdec, &wneg, &p) != 0
        || *skip_spaces(p) != '\0')
        return -1;
    double half = mantissa_value(w, wdec);
    *lo = quantity_add(v, dec, -half, wdec);
    *hi = quantity_add(v, dec, half, wdec);
    if (*lo < -LB_MAX_METRIC_BOUND || *hi > LB_MAX_METRIC_BOUND)
        return -1;
    return 1;
}

/* "1.5B" at p: the number times its scale letter, and where it ends. */
static int scan_magnitude(const char *p, double *value, const char **end)
{
    long long m;
    int dec;
    if (scan_number(skip_spaces(p), 1, &m, &dec, &p) != 0)
        return -1;
    p = skip_spaces(p);
    static const struct {
        char letter;
        double scale;
    } scales[] = {{'k', 1e3}, {'m', 1e6}, {'b', 1e9}, {'t', 1e12}};
    double scale = 1;
    for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++)
        if ((*p | 0x20) == scales[i].letter) {
            scale = scales[i].scale;
            p++;
            break;
        }
    *value = mantissa_value(m, dec) * scale;
    *end = p;
    return 0;
}

int quantity_magnitude(const char *text, double *value)
{
    if (quantity_is_blank(text))
        return 0;
    const char *p;
    double v;
    if (scan_magnitude(text, &v, &p) != 0)
        return -1;
    p = skip_spaces(p);
    if (*p == 'x' || *p == 'X') { /* "8x7B": eight experts of 7B */
        double factor;
        if (scan_magnitude(p + 1, &factor, &p) != 0)
            return -1;
        v *= factor;
    }
    if (*skip_spaces(p) != '\0' || !isfinite(v))
        return -1;
    *value = v;
    return 1;
}
