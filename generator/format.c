#include "format.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "mem.h"
#include "text.h"

/* Appends the decimal digits `digits` (no sign) with `group` inserted
 * every three digits from the right. */
static void put_grouped(Buf *out, const char *digits, size_t n,
                        const NumberFormat *nf)
{
    size_t min = nf->min_grouping > 1 ? (size_t)nf->min_grouping : 1;
    const char *group = n >= 3 + min ? nf->group : NULL;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0 && group)
            buf_puts(out, group);
        buf_putc(out, digits[i]);
    }
}

/* The decimal digits of `v` into `digits` (no terminator); their count.
 * (snprintf's "%llu", without its cost: pages print tens of thousands.) */
static size_t ull_digits(unsigned long long v, char digits[24])
{
    char rev[24];
    size_t n = 0;
    do {
        rev[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        digits[i] = rev[n - 1 - i];
    return n;
}

void fmt_int(Buf *out, long long value, const NumberFormat *nf)
{
    char digits[24];
    /* Via unsigned so that LLONG_MIN does not overflow on negation. */
    unsigned long long mag = value < 0 ? 0ULL - (unsigned long long)value
                                       : (unsigned long long)value;
    size_t n = ull_digits(mag, digits);
    if (value < 0)
        buf_putc(out, '-');
    put_grouped(out, digits, n, nf);
}

/* snprintf(text, ..., "%.*f", decimals, mag) for 0 <= mag, decimals 0..9,
 * byte for byte, without snprintf's arbitrary-precision path where the
 * answer is certain: mag * 10^decimals below 2^40 (its rounding error is
 * then under 2^-12) and not within 0.001 of a half, where printf's exact
 * rounding could go either way. Otherwise snprintf itself. */
static void fixed_text(double mag, int decimals, char *text, size_t size)
{
    static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                   1e8, 1e9};
    double scaled = mag * pow10[decimals];
    double whole = floor(scaled);
    double frac = scaled - whole;
    if (!(scaled < 1099511627776.0) || fabs(frac - 0.5) < 0.001) {
        snprintf(text, size, "%.*f", decimals, mag);
        return;
    }
    unsigned long long n = (unsigned long long)whole + (frac > 0.5);
    unsigned long long unit = (unsigned long long)pow10[decimals];
    char digits[24];
    size_t k = ull_digits(n / unit, digits);
    memcpy(text, digits, k);
    if (decimals > 0) {
        text[k++] = '.';
        unsigned long long f = n % unit;
        for (int i = decimals - 1; i >= 0; i--) {
            text[k + (size_t)i] = (char)('0' + f % 10);
            f /= 10;
        }
        k += (size_t)decimals;
    }
    text[k] = '\0';
}

void fmt_plain_fixed(Buf *out, double value, int decimals)
{
    if (!isfinite(value) || decimals < 0 || decimals > 9) {
        buf_printf(out, "%.*f", decimals < 0 ? 0 : decimals > 9 ? 9 : decimals,
                   value);
        return;
    }
    char text[400];
    fixed_text(fabs(value), decimals, text, sizeof text);
    /* "%.*f" keeps the sign of a negative number that rounds to zero. */
    if (signbit(value))
        buf_putc(out, '-');
    buf_puts(out, text);
}

void fmt_fixed(Buf *out, double value, int decimals, const NumberFormat *nf)
{
    if (decimals < 0)
        decimals = 0;
    if (decimals > 9)
        decimals = 9;
    if (!isfinite(value)) {
        buf_puts(out, isnan(value) ? "NaN" : value < 0 ? "-∞" : "∞");
        return;
    }
    char text[400];
    fixed_text(fabs(value), decimals, text, sizeof text);
    /* "-0.0" would be a lie after rounding: print the sign only when a
     * non-zero digit survives. */
    int nonzero = strpbrk(text, "123456789") != NULL;
    if (value < 0 && nonzero)
        buf_putc(out, '-');
    const char *dot = strchr(text, '.');
    size_t int_len = dot ? (size_t)(dot - text) : strlen(text);
    put_grouped(out, text, int_len, nf);
    if (dot) {
        buf_puts(out, nf->decimal);
        buf_puts(out, dot + 1);
    }
}

void fmt_signed(Buf *out, double value, int decimals, const NumberFormat *nf)
{
    Buf mag = BUF_INIT;
    fmt_fixed(&mag, fabs(value), decimals, nf);
    if (strpbrk(mag.data, "123456789"))
        buf_putc(out, value < 0 ? '-' : '+');
    buf_append(out, mag.data, mag.len);
    buf_free(&mag);
}

void fmt_ci(Buf *out, double rating, double ci_lower, double ci_upper,
            int decimals, const NumberFormat *nf)
{
    Buf plus = BUF_INIT, minus = BUF_INIT;
    fmt_fixed(&plus, ci_upper - rating, decimals, nf);
    fmt_fixed(&minus, rating - ci_lower, decimals, nf);
    if (strcmp(plus.data, minus.data) == 0) {
        buf_puts(out, "±");
        buf_puts(out, plus.data);
    } else {
        buf_printf(out, "+%s/-%s", plus.data, minus.data);
    }
    buf_free(&plus);
    buf_free(&minus);
}

/* Days since 1970-01-01 of a proleptic Gregorian date, and back
 * (H. Hinnant's civil-date algorithms, valid for any year we can meet). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int64_t y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Reads exactly `n` ASCII digits. */
static int read_digits(const char *s, int n, int *value)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *value = v;
    return 0;
}

int fmt_parse_utc(const char *iso, int64_t *epoch, const char *name,
                  LbError *err)
{
    int y, mo, d, h, mi, s;
    size_t len = strlen(iso);
    int shape_ok = len >= 20 && read_digits(iso, 4, &y) == 0 &&
                   iso[4] == '-' && read_digits(iso + 5, 2, &mo) == 0 &&
                   iso[7] == '-' && read_digits(iso + 8, 2, &d) == 0 &&
                   iso[10] == 'T' && read_digits(iso + 11, 2, &h) == 0 &&
                   iso[13] == ':' && read_digits(iso + 14, 2, &mi) == 0 &&
                   iso[16] == ':' && read_digits(iso + 17, 2, &s) == 0 &&
                   (strcmp(iso + 19, "Z") == 0 ||
                    strcmp(iso + 19, "+00:00") == 0);
    if (!shape_ok)
        return lb_fail(err, LB_EINPUT,
                       "%s: '%s' is not a UTC time like "
                       "2026-01-02T08:08:37Z",
                       name, iso);
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 ||
        mi > 59 || s > 59)
        return lb_fail(err, LB_EINPUT, "%s: '%s' is not a valid date and time",
                       name, iso);
    *epoch = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    return 0;
}

int fmt_datetime(Buf *out, int64_t epoch, int offset_minutes,
                 const char *pattern, LbError *err)
{
    int64_t t = epoch + (int64_t)offset_minutes * 60;
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t secs = t - days * 86400;
    int64_t year;
    int month, day;
    civil_from_days(days, &year, &month, &day);
    const struct {
        const char *name;
        long long value;
        int width;
    } fields[] = {
        {"year", (long long)year, 4},  {"month", month, 2},
        {"day", day, 2},               {"hour", (long long)(secs / 3600), 2},
        {"minute", (long long)(secs / 60 % 60), 2},
        {"second", (long long)(secs % 60), 2},
    };
    size_t start = out->len;
    const char *at = pattern;
    TextPiece piece;
    int more;
    while ((more = text_next_piece(&at, &piece)) > 0) {
        if (!piece.is_name) {
            buf_append(out, piece.text, piece.len);
            continue;
        }
        size_t i;
        for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
            if (strlen(fields[i].name) == piece.len &&
                memcmp(fields[i].name, piece.text, piece.len) == 0)
                break;
        if (i == sizeof fields / sizeof fields[0])
            goto bad;
        buf_printf(out, "%0*lld", fields[i].width, fields[i].value);
    }
    if (more == 0)
        return 0;
bad:
    out->len = start;
    if (out->data)
        out->data[start] = '\0';
    return lb_fail(err, LB_EINPUT,
                   "date/time pattern '%s': only {year} {month} {day} "
                   "{hour} {minute} {second} are allowed",
                   pattern);
}

char *fmt_iso_utc(int64_t epoch)
{
    int64_t days = epoch >= 0 ? epoch / 86400 : -((-epoch + 86399) / 86400);
    int64_t secs = epoch - days * 86400, year;
    int month, day;
    civil_from_days(days, &year, &month, &day);
    char buf[48];
    snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02dZ",
             (long long)year, month, day, (int)(secs / 3600),
             (int)(secs / 60 % 60), (int)(secs % 60));
    return xstrdup(buf);
}

static int month_of(const char *s)
{
    static const char names[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    for (int m = 0; m < 12; m++)
        if (strncmp(s, names + 3 * m, 3) == 0)
            return m + 1;
    return 0;
}

static int valid_civil(int y, int mo, int d, int h, int mi, int s)
{
    return y >= 1 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1
           && d <= days_in_month(y, mo) && h >= 0 && h <= 23 && mi >= 0
           && mi <= 59 && s >= 0 && s <= 60;
}

int fmt_parse_http_date(const char *text, int64_t *epoch)
{
    char wday[16], mon[4], zone[4];
    int y, d, h, mi, s, n = 0;
    /* IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT */
    if (sscanf(text, "%3s, %2d %3s %4d %2d:%2d:%2d %3s%n", wday, &d, mon, &y,
               &h, &mi, &s, zone, &n) == 8 && text[n] == '\0'
        && strcmp(zone, "GMT") == 0) {
    /* RFC 850: Sunday, 06-Nov-94 08:49:37 GMT */
    } else if (sscanf(text, "%15[A-Za-z], %2d-%3s-%2d %2d:%2d:%2d %3s%n",
                      wday, &d, mon, &y, &h, &mi, &s, zone, &n) == 8
               && text[n] == '\0' && strcmp(zone, "GMT") == 0) {
        y += y < 70 ? 2000 : 1900;
    /* asctime: Sun Nov  6 08:49:37 1994 */
    } else if (sscanf(text, "%3s %3s %2d %2d:%2d:%2d %4d%n", wday, mon, &d,
                      &h, &mi, &s, &y, &n) == 7 && text[n] == '\0') {
    } else {
        return -1;
    }
    int mo = month_of(mon);
    if (!mo || !valid_civil(y, mo, d, h, mi, s))
        return -1;
    *epoch = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    return 0;
}

/* A date (and maybe a time and zone) at `p`: 0 and *epoch, or -1. */
static int date_at(const char *p, int64_t *epoch)
{
    int y, mo, d, h = 0, mi = 0, s = 0;
    if (read_digits(p, 4, &y) != 0 || (p[4] != '-' && p[4] != '/')
        || read_digits(p + 5, 2, &mo) != 0 || p[7] != p[4]
        || read_digits(p + 8, 2, &d) != 0
        || (p[10] >= '0' && p[10] <= '9'))
        return -1;
    const char *q = p + 10;
    int offset = 0, zoned = 0, timed = 0;
    if ((*q == ' ' || *q == 'T') && read_digits(q + 1, 2, &h) == 0
        && q[3] == ':' && read_digits(q + 4, 2, &mi) == 0) {
        timed = 1;
        q += 6;
        if (*q == ':' && read_digits(q + 1, 2, &s) == 0)
            q += 3;
        while (*q == ' ')
            q++;
        if (*q == 'Z' || strncmp(q, "UTC", 3) == 0 || strncmp(q, "GMT", 3) == 0) {
            zoned = 1;
            q += *q == 'Z' ? 1 : 3;
        }
        int oh, om;
        if ((*q == '+' || *q == '-') && read_digits(q + 1, 2, &oh) == 0
            && q[3] == ':' && read_digits(q + 4, 2, &om) == 0 && oh < 24
            && om < 60) {
            zoned = 1;
            offset = (*q == '-' ? -1 : 1) * (oh * 60 + om);
        }
    }
    if (!valid_civil(y, mo, d, h, mi, s))
        return -1;
    if (timed && !zoned)
        h = mi = s = 0; /* a time in an unknown zone: the date only */
    *epoch = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s
             - (int64_t)offset * 60;
    return 0;
}

static int mentions_update(const char *line, size_t n)
{
    static const char *const words[] = {"updated", "update", "更新",
                                        "last modified", NULL};
    for (const char *const *w = words; *w; w++) {
        size_t k = strlen(*w);
        for (size_t i = 0; i + k <= n; i++)
            if (strncasecmp(line + i, *w, k) == 0)
                return 1;
    }
    return 0;
}

int fmt_find_page_date(const char *text, size_t len, int64_t *epoch)
{
    for (size_t pos = 0; pos < len;) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        if (n < 4096 && mentions_update(line, n)) {
            char *copy = xstrndup(line, n);
            for (size_t i = 0; i + 10 <= n; i++)
                if ((i == 0 || !(copy[i - 1] >= '0' && copy[i - 1] <= '9'))
                    && date_at(copy + i, epoch) == 0) {
                    free(copy);
                    return 0;
                }
            free(copy);
        }
        pos += n + 1;
    }
    return -1;
}

char *utc_now_iso(void)
{
    time_t t = time(NULL);
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch) {
        char *end;
        long long v = strtoll(epoch, &end, 10);
        if (!*end && v >= 0)
            t = (time_t)v;
    }
    struct tm tm;
    gmtime_r(&t, &tm);
    char buf[32];
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return xstrdup(buf);
}
