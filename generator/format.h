/* format — numbers, confidence intervals and dates in a locale's style.
 *
 * Pure functions: everything is appended to a caller-owned Buf, nothing
 * depends on the process's LC_* or TZ environment (lbgen never calls
 * setlocale(), so printf's "%f" always uses '.', which we then replace).
 * Time zones are fixed UTC offsets from the locale file, not the system
 * TZ database, so the same input gives the same bytes on every machine. */
#ifndef LBGEN_FORMAT_H
#define LBGEN_FORMAT_H

#include <stdint.h>

#include "buf.h"
#include "diag.h"

/* The separators of a locale: "." and "," in English, "," and U+202F in
 * French. Both are UTF-8 strings; `group` may be empty (no grouping).
 * `min_grouping` is CLDR's minimumGroupingDigits: groups are separated
 * only when the leading group would have at least this many digits, so
 * Spanish (2) writes 1234 but 21.938; 0 counts as 1. */
typedef struct {
    const char *decimal;
    const char *group;
    int min_grouping;
} NumberFormat;

/* 21938 -> "21,938" / "21 938" (with the locale's group separator). */
void fmt_int(Buf *out, long long value, const NumberFormat *nf);

/* `value` rounded to `decimals` places (0..9), integer part grouped:
 * 81.4 -> "81.4" / "81,4"; 1467.25 with 1 decimal -> "1,467.3". */
void fmt_fixed(Buf *out, double value, int decimals, const NumberFormat *nf);

/* Exactly what printf's "%.*f" writes for `value` (decimals 0..9; no
 * grouping, '.' as the decimal mark): machine-readable numbers such as
 * the pages' sort keys, without printf's cost. */
void fmt_plain_fixed(Buf *out, double value, int decimals);

/* The half-widths of a confidence interval around `rating`, rounded to
 * `decimals`: "±5" when both sides print the same, else "+6/-4". */
void fmt_ci(Buf *out, double rating, double ci_lower, double ci_upper,
            int decimals, const NumberFormat *nf);

/* A signed number: "+1.5", "-2.3", "0" (zero has no sign). */
void fmt_signed(Buf *out, double value, int decimals, const NumberFormat *nf);

/* Parses "YYYY-MM-DDTHH:MM:SSZ" (UTC; "+00:00" also accepted) into seconds
 * since the Unix epoch. Rejects anything else, including impossible dates.
 * `name` names the input in the error. */
int fmt_parse_utc(const char *iso, int64_t *epoch, const char *name,
                  LbError *err);

/* Appends `pattern` with {year} {month} {day} {hour} {minute} {second}
 * (zero-padded) replaced by the wall-clock time of `epoch` shifted by
 * `offset_minutes`. "{{" and "}}" are literal braces; any other
 * placeholder is an error (LB_EINPUT). */
int fmt_datetime(Buf *out, int64_t epoch, int offset_minutes,
                 const char *pattern, LbError *err);

/* "YYYY-MM-DDTHH:MM:SSZ" of `epoch` (years 1 to 9999); a new string. */
char *fmt_iso_utc(int64_t epoch);

/* An HTTP date (RFC 9110: "Sun, 06 Nov 1994 08:49:37 GMT", and the
 * obsolete RFC 850 and asctime forms) → seconds since the epoch. 0, or -1
 * when `text` is not one. */
int fmt_parse_http_date(const char *text, int64_t *epoch);

/* The date a page says it was updated: the first line of `text` that
 * mentions an update ("updated", "last update", "更新", "数据更新时间")
 * and holds a date YYYY-MM-DD (or YYYY/MM/DD), optionally with a time
 * HH:MM[:SS] and then "UTC", "GMT", "Z" or an offset "+08:00". A time
 * without a zone is not trusted: only its date is taken (midnight UTC).
 * 0 and *epoch, or -1 when no line has one. */
int fmt_find_page_date(const char *text, size_t len, int64_t *epoch);

/* The current time as "YYYY-MM-DDTHH:MM:SSZ", or SOURCE_DATE_EPOCH's when
 * that is set, so reproducible builds stamp reproducible times. Returns a
 * new string. */
char *utc_now_iso(void);

#endif
