/* Reading the quantities today's arena pages print: prices, context
 * sizes, percentages with intervals, exact decimal bounds. */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "quantity.h"

static void decimals_are_read_exactly(void **state)
{
    (void)state;
    double v;
    int d;
    assert_int_equal(quantity_decimal("2.5", &v, &d), 0);
    assert_true(v == 2.5 && d == 1);
    assert_int_equal(quantity_decimal("0.30", &v, &d), 0);
    assert_true(v == 0.3 && d == 2);
    assert_int_equal(quantity_decimal("10", &v, &d), 0);
    assert_true(v == 10 && d == 0);
    const char *bad[] = {"", "free", "-1", "+2", "1e3", " 2", "2 ", "1,000",
                         "2.", ".5", "0x10", "NaN", "inf", "1.2.3",
                         "12345678901234567890"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (quantity_decimal(bad[i], &v, &d) != -1)
            fail_msg("\"%s\" was read as a decimal", bad[i]);
    /* 12.47 - 1.54 is 10.93 exactly as printed, not 10.930000000000001 */
    assert_true(quantity_add(12.47, 2, -1.54, 2) == 10.93);
    assert_true(quantity_add(1385, 0, 5, 0) == 1390);
    assert_true(quantity_add(0.05, 2, -0.88, 2) == -0.83);
}

static void prices(void **state)
{
    (void)state;
    double in, out;
    assert_int_equal(quantity_price_pair("$5/$25", &in, &out), 1);
    assert_true(in == 5 && out == 25);
    assert_int_equal(quantity_price_pair("$0.75/$3.57", &in, &out), 1);
    assert_true(in == 0.75 && out == 3.57);
    assert_int_equal(quantity_price_pair(" $1.50 / $7.50 ", &in, &out), 1);
    assert_true(in == 1.5 && out == 7.5);
    assert_int_equal(quantity_price_pair("5 / 25", &in, &out), 1);
    assert_int_equal(quantity_price_pair("$1,200/$2,400", &in, &out), 1);
    assert_true(in == 1200 && out == 2400);
    assert_int_equal(quantity_price_pair("N/A", &in, &out), 0);
    assert_int_equal(quantity_price_pair("\xE2\x80\x94", &in, &out), 0);
    assert_int_equal(quantity_price_pair("", &in, &out), 0);
    const char *bad[] = {"$5", "free", "$5/$25/$3", "-$5/$25", "$-5/$25",
                         "5/25x", "$5/", "/$25", "$2000000/$1", "$5$25",
                         "$1,20/$2"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (quantity_price_pair(bad[i], &in, &out) != -1)
            fail_msg("\"%s\" was read as a price", bad[i]);
}

static void context_sizes(void **state)
{
    (void)state;
    long long t;
    assert_int_equal(quantity_context("1M", &t), 1);
    assert_true(t == 1000000);
    assert_int_equal(quantity_context("1.1M", &t), 1);
    assert_true(t == 1100000);
    assert_int_equal(quantity_context("128K", &t), 1);
    assert_true(t == 128000);
    assert_int_equal(quantity_context("32k", &t), 1);
    assert_true(t == 32000);
    assert_int_equal(quantity_context("131,072", &t), 1);
    assert_true(t == 131072);
    assert_int_equal(quantity_context("200000", &t), 1);
    assert_int_equal(quantity_context("1.048576M", &t), 1);
    assert_true(t == 1048576);
    assert_int_equal(quantity_context("N/A", &t), 0);
    const char *bad[] = {"0", "0K", "1.0001K", "1G", "-1M", "1M tokens",
                         "20000000000", "11000M", "M", "1.5", "1,00K"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (quantity_context(bad[i], &t) != -1)
            fail_msg("\"%s\" was read as a context size", bad[i]);
}

static void percentages(void **state)
{
    (void)state;
    double v, lo, hi;
    assert_int_equal(quantity_percent("12.47%\xC2\xB1" "1.54%", &v, &lo, &hi),
                     1);
    assert_true(v == 12.47 && lo == 10.93 && hi == 14.01);
    assert_int_equal(quantity_percent(" 0.05 % \xC2\xB1 0.88 % ", &v, &lo, &hi),
                     1);
    assert_true(v == 0.05 && lo == -0.83 && hi == 0.93);
    assert_int_equal(quantity_percent("-0.19%\xC2\xB1" "0.88%", &v, &lo, &hi),
                     1);
    assert_true(v == -0.19 && lo == -1.07 && hi == 0.69);
    assert_int_equal(quantity_percent("\xE2\x88\x92" "3%", &v, &lo, &hi), 1);
    assert_true(v == -3 && isnan(lo) && isnan(hi));
    assert_int_equal(quantity_percent("27.34%\xC2\xB1" "8.77%", &v, &lo, &hi),
                     1);
    assert_true(hi == 36.11);
    assert_int_equal(quantity_percent("N/A", &v, &lo, &hi), 0);
    assert_int_equal(quantity_percent("12.47%\xC2\xB1" "1.54", &v, &lo, &hi),
                     1);
    assert_true(lo == 10.93 && hi == 14.01);
    const char *bad[] = {"12.47", "12.47%\xC2\xB1", "12.47%\xC2\xB1-1%",
                         "12.47%+1%", "101%", "abc%", "12.47%\xC2\xB1" "1.54x",
                         "12.47%%", "50%\xC2\xB1" "180%"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (quantity_percent(bad[i], &v, &lo, &hi) != -1)
            fail_msg("\"%s\" was read as a percentage", bad[i]);
}

/* Sizes as tables print them, read for sorting by the number shown. */
static void magnitudes(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        double value;
    } good[] = {{"109B", 109e9}, {"1.5B", 1.5e9}, {"7b", 7e9}, {"1.1T", 1.1e12},
                {"128K", 128e3}, {"1.1M", 1.1e6}, {"8x7B", 56e9}, {"671", 671},
                {"1,000B", 1e12}, {" 12 B ", 12e9}};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        double v = 0;
        if (quantity_magnitude(good[i].text, &v) != 1 || fabs(v - good[i].value) > 1e-3)
            fail_msg("\"%s\" read as %g, not %g", good[i].text, v, good[i].value);
    }
    double v = 42;
    assert_int_equal(quantity_magnitude("N/A", &v), 0);
    assert_int_equal(quantity_magnitude("", &v), 0);
    assert_true(v == 42);
    const char *bad[] = {"B", "1G", "1B params", "-7B", "7Bx", "x7B", "1.5.5B",
                         "671B-A37B", "$5"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (quantity_magnitude(bad[i], &v) != -1)
            fail_msg("\"%s\" was read as a magnitude", bad[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decimals_are_read_exactly),
        cmocka_unit_test(prices),
        cmocka_unit_test(context_sizes),
        cmocka_unit_test(magnitudes),
        cmocka_unit_test(percentages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
