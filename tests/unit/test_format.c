/* Unit tests for format: numbers, CIs and dates in three locales. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

static const NumberFormat ZH = {".", ",", 1};
static const NumberFormat FR = {",", "\u202f", 1};
static const NumberFormat PLAIN = {".", "", 1};
static const NumberFormat ES = {",", ".", 2}; /* CLDR minimumGroupingDigits 2 */
static const NumberFormat RU = {",", "\u00a0", 1};

/* Formats with `f` into a fresh buffer and compares. */
#define EXPECT(expected, call)                                                \
    do {                                                                      \
        Buf b = BUF_INIT;                                                     \
        Buf *out = &b;                                                        \
        call;                                                                 \
        assert_string_equal(b.data ? b.data : "", expected);                  \
        buf_free(&b);                                                         \
    } while (0)

/* A deterministic stream of awkward doubles: random bit patterns, values
 * on and near the halves that rounding must settle exactly, integers,
 * prices and ratings as sources write them. */
static double awkward(unsigned long long *seed, int i)
{
    *seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
    unsigned long long r = *seed >> 11;
    switch (i % 6) {
    case 0: return (double)(r % 100000000) / 1000.0;          /* 3 decimals */
    case 1: return (double)(r % 2000000) / 2.0 + 0.5 * (i & 1); /* halves */
    case 2: return (double)(r % 1000000) / 8.0;               /* 1/8s: exact ties */
    case 3: return 1000.0 + (double)r / (double)(1ULL << 53) * 600.0; /* ratings */
    case 4: return (double)(r % 100000) / 100.0 + 0.005;      /* near a half cent */
    default: return (double)r * 1e-6;                         /* anything */
    }
}

/* fmt_plain_fixed writes what printf's "%.*f" writes, for every case: its
 * fast path must never change a page. */
static void plain_fixed_is_printf(void **state)
{
    (void)state;
    unsigned long long seed = 42;
    for (int i = 0; i < 200000; i++) {
        double v = awkward(&seed, i);
        if (i % 7 == 0)
            v = -v;
        for (int d = 0; d <= 6; d++) {
            char expected[400];
            snprintf(expected, sizeof expected, "%.*f", d, v);
            Buf b = BUF_INIT;
            fmt_plain_fixed(&b, v, d);
            if (strcmp(b.data, expected) != 0)
                fail_msg("%.17g with %d decimals: \"%s\", printf \"%s\"", v, d,
                         b.data, expected);
            buf_free(&b);
        }
    }
    EXPECT("-0", fmt_plain_fixed(out, -0.0, 0));
    EXPECT("-0.00", fmt_plain_fixed(out, -0.001, 2));
    EXPECT("2.50", fmt_plain_fixed(out, 2.5, 2));
    EXPECT("0", fmt_plain_fixed(out, 0.5, 0)); /* printf: the even neighbour */
    EXPECT("2", fmt_plain_fixed(out, 1.5, 0));
    EXPECT("123456789012345680", fmt_plain_fixed(out, 123456789012345678.0, 0));
}

static void integers_are_grouped(void **state)
{
    (void)state;
    EXPECT("21,938", fmt_int(out, 21938, &ZH));
    EXPECT("21\u202f938", fmt_int(out, 21938, &FR));
    EXPECT("21938", fmt_int(out, 21938, &PLAIN));
    EXPECT("0", fmt_int(out, 0, &ZH));
    EXPECT("999", fmt_int(out, 999, &ZH));
    EXPECT("1,000", fmt_int(out, 1000, &ZH));
    EXPECT("1,799,991", fmt_int(out, 1799991, &ZH));
    EXPECT("-12,345", fmt_int(out, -12345, &ZH));
    EXPECT("-9,223,372,036,854,775,808",
           fmt_int(out, -9223372036854775807LL - 1, &ZH));
}

/* Spanish groups only from five digits on; Russian with a no-break space. */
static void minimum_grouping_digits(void **state)
{
    (void)state;
    EXPECT("1234", fmt_int(out, 1234, &ES));
    EXPECT("21.938", fmt_int(out, 21938, &ES));
    EXPECT("-1234", fmt_int(out, -1234, &ES));
    EXPECT("1.234.567", fmt_int(out, 1234567, &ES));
    EXPECT("1467,3", fmt_fixed(out, 1467.25001, 1, &ES));
    EXPECT("81,4", fmt_fixed(out, 81.4, 1, &ES));
    EXPECT("21\u00a0938", fmt_int(out, 21938, &RU));
    EXPECT("1\u00a0234", fmt_int(out, 1234, &RU));
    EXPECT("81,4", fmt_fixed(out, 81.4, 1, &RU));
}

static void decimals_use_the_locale_separator(void **state)
{
    (void)state;
    EXPECT("81.4", fmt_fixed(out, 81.4, 1, &ZH));
    EXPECT("81,4", fmt_fixed(out, 81.4, 1, &FR));
    EXPECT("1,467.3", fmt_fixed(out, 1467.25001, 1, &ZH));
    EXPECT("1\u202f467,3", fmt_fixed(out, 1467.25001, 1, &FR));
    EXPECT("1467", fmt_fixed(out, 1467.4, 0, &PLAIN));
    EXPECT("50.00", fmt_fixed(out, 50, 2, &ZH));
    EXPECT("3.0", fmt_fixed(out, 2.96, 1, &ZH));
    /* A negative value that rounds to zero carries no sign. */
    EXPECT("0.0", fmt_fixed(out, -0.04, 1, &ZH));
    EXPECT("-0.1", fmt_fixed(out, -0.06, 1, &ZH));
    /* Out-of-range decimals are clamped, not trusted. */
    EXPECT("2", fmt_fixed(out, 2.0, -3, &ZH));
}

static void signed_numbers(void **state)
{
    (void)state;
    EXPECT("+1.5", fmt_signed(out, 1.5, 1, &ZH));
    EXPECT("-2,3", fmt_signed(out, -2.3, 1, &FR));
    EXPECT("0.0", fmt_signed(out, 0.0, 1, &ZH));
}

static void confidence_intervals(void **state)
{
    (void)state;
    EXPECT("±5", fmt_ci(out, 1490, 1485, 1495, 0, &ZH));
    EXPECT("+6/-4", fmt_ci(out, 1467, 1463, 1473, 0, &ZH));
    /* Arena-Hard: 85.2 (-1.4, +1.6) */
    EXPECT("+1.6/-1.4", fmt_ci(out, 85.2, 83.8, 86.8, 1, &ZH));
    EXPECT("+1,6/-1,4", fmt_ci(out, 85.2, 83.8, 86.8, 1, &FR));
    /* Symmetric once rounded, though not in binary. */
    EXPECT("±1.1", fmt_ci(out, 93.4, 92.3, 94.5, 1, &ZH));
    EXPECT("±0.0", fmt_ci(out, 50.0, 50.0, 50.0, 1, &ZH));
}

static void utc_timestamps_parse(void **state)
{
    (void)state;
    LbError err = {0};
    int64_t t = -1;
    assert_int_equal(fmt_parse_utc("1970-01-01T00:00:00Z", &t, "x", &err), 0);
    assert_int_equal(t, 0);
    assert_int_equal(fmt_parse_utc("2026-01-02T08:08:37Z", &t, "x", &err), 0);
    assert_int_equal(t, 1767341317);
    assert_int_equal(fmt_parse_utc("2024-02-29T23:59:59+00:00", &t, "x", &err), 0);
    assert_int_equal(t, 1709251199);

    const char *bad[] = {"2026-01-02 08:08:37Z", "2026-01-02T08:08:37",
                         "2026-13-02T08:08:37Z", "2025-02-29T00:00:00Z",
                         "2026-01-02T24:00:00Z", "2026-01-02T08:08:37+08:00",
                         "", "2026-1-2T8:8:37Z"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(fmt_parse_utc(bad[i], &t, "data/x.json", &err), -1);
        assert_int_equal(err.status, LB_EINPUT);
        assert_non_null(strstr(err.message, "data/x.json: "));
    }
}

static void times_in_each_zone(void **state)
{
    (void)state;
    LbError err = {0};
    int64_t t;
    assert_int_equal(fmt_parse_utc("2026-01-02T08:08:37Z", &t, "x", &err), 0);
    const char *dt = "{year}-{month}-{day} {hour}:{minute}:{second}";
    EXPECT("2026-01-02 08:08:37", fmt_datetime(out, t, 0, dt, &err));
    EXPECT("2026-01-02 16:08:37", fmt_datetime(out, t, 480, dt, &err));
    EXPECT("02/01/2026", fmt_datetime(out, t, 0, "{day}/{month}/{year}", &err));
    /* Crossing midnight, a month and a year. */
    assert_int_equal(fmt_parse_utc("2025-12-31T20:30:00Z", &t, "x", &err), 0);
    EXPECT("2026-01-01 04:30:00", fmt_datetime(out, t, 480, dt, &err));
    EXPECT("2025-12-31 15:00:00", fmt_datetime(out, t, -330, dt, &err));
    /* Before the epoch. */
    EXPECT("1969-12-31 23:59:00", fmt_datetime(out, -60, 0, dt, &err));
    EXPECT("{2026}", fmt_datetime(out, t, 480, "{{{year}}}", &err));
}

static void bad_patterns_are_errors(void **state)
{
    (void)state;
    LbError err = {0};
    Buf b = BUF_INIT;
    buf_puts(&b, "kept");
    assert_int_equal(fmt_datetime(&b, 0, 0, "{year}-{mois}", &err), -1);
    assert_string_equal(b.data, "kept"); /* nothing half-appended */
    assert_non_null(strstr(err.message, "{year}-{mois}"));
    assert_int_equal(fmt_datetime(&b, 0, 0, "{year", &err), -1);
    assert_int_equal(fmt_datetime(&b, 0, 0, "year}", &err), -1);
    buf_free(&b);
}

/* Formatting must not depend on the environment's locale or zone. */
static void independent_of_environment(void **state)
{
    (void)state;
    setenv("TZ", "Asia/Kolkata", 1);
    setenv("LANG", "fr_FR.UTF-8", 1);
    setenv("LC_ALL", "fr_FR.UTF-8", 1);
    LbError err = {0};
    EXPECT("1970-01-01 08:00", fmt_datetime(out, 0, 480, "{year}-{month}-{day} {hour}:{minute}", &err));
    EXPECT("1,467.3", fmt_fixed(out, 1467.3, 1, &ZH));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_fixed_is_printf),
        cmocka_unit_test(integers_are_grouped),
        cmocka_unit_test(minimum_grouping_digits),
        cmocka_unit_test(decimals_use_the_locale_separator),
        cmocka_unit_test(signed_numbers),
        cmocka_unit_test(confidence_intervals),
        cmocka_unit_test(utc_timestamps_parse),
        cmocka_unit_test(times_in_each_zone),
        cmocka_unit_test(bad_patterns_are_errors),
        cmocka_unit_test(independent_of_environment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
