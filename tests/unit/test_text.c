/* text: the shared helpers on scraped cells, percent-encoding, {name}
 * placeholders and fixed shapes. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

static void squeeze_and_numbers(void **state)
{
    (void)state;
    char *s = text_squeeze("\xC2\xA0 GPT-4o \t\n mini\xE3\x80\x80");
    assert_string_equal(s, "GPT-4o mini");
    free(s);
    assert_int_equal(parse_count("21,938"), 21938);
    assert_int_equal(parse_count(" 21 938 "), 21938);
    assert_int_equal(parse_count("1.5k"), -1);
    assert_int_equal(parse_count(",1"), -1);
    assert_int_equal(parse_count(""), -1);
    double v = 0;
    const char *end;
    assert_int_equal(parse_leading_number("  -1,234.5 (est)", &v, &end), 1);
    assert_true(v == -1234.5);
    assert_string_equal(end, " (est)");
    assert_int_equal(parse_leading_number("n/a", &v, NULL), 0);
    assert_true(v == -1234.5); /* untouched */
}

static void percent_encoding(void **state)
{
    (void)state;
    char *s = percent_encode("a b/ü~");
    assert_string_equal(s, "a%20b%2F%C3%BC~");
    free(s);
    s = percent_encode_keeping("https://x.org/a b(c)|d?q=%41", ":/?#@!$&'*+,;=%");
    assert_string_equal(s, "https://x.org/a%20b%28c%29%7Cd?q=%41");
    free(s);
}

/* Renders a placeholder text as "literal[name]..." or "ERR@offset". */
static void pieces(const char *text, const char *want)
{
    char got[256] = "";
    const char *at = text;
    TextPiece p;
    int more;
    while ((more = text_next_piece(&at, &p)) > 0) {
        size_t n = strlen(got);
        if (p.is_name)
            snprintf(got + n, sizeof got - n, "[%.*s]", (int)p.len, p.text);
        else
            snprintf(got + n, sizeof got - n, "%.*s", (int)p.len, p.text);
    }
    if (more < 0) {
        size_t n = strlen(got);
        snprintf(got + n, sizeof got - n, "ERR@%d", (int)(at - text));
    }
    assert_string_equal(got, want);
}

static void placeholders(void **state)
{
    (void)state;
    pieces("", "");
    pieces("plain", "plain");
    pieces("{a} and {b_2}.", "[a] and [b_2].");
    pieces("{{literal}} {x}", "{literal} [x]");
    pieces("a } b", "a ERR@2");
    pieces("a { b", "a ERR@2");
    pieces("{}", "ERR@0");
    pieces("{a-b}", "ERR@0");
    pieces("{unclosed", "ERR@0");
    pieces("{{{x}}}", "{[x]}");
}

static void shapes(void **state)
{
    (void)state;
    assert_true(text_has_shape("2026-01-02", "dddd-dd-dd"));
    assert_false(text_has_shape("2026-01-0", "dddd-dd-dd"));
    assert_false(text_has_shape("2026-01-023", "dddd-dd-dd"));
    assert_false(text_has_shape("2026/01/02", "dddd-dd-dd"));
    assert_false(text_has_shape("20a6-01-02", "dddd-dd-dd"));
    assert_true(text_has_shape("2026-01-02T08:08:37Z", "dddd-dd-ddTdd:dd:ddZ"));
    assert_true(text_has_shape("", ""));
}

static void typos(void **state)
{
    (void)state;
    assert_int_equal(text_distance("top_n", "top_n"), 0);
    assert_int_equal(text_distance("top_N", "top_n"), 0);
    assert_int_equal(text_distance("chart_topn", "chart_top_n"), 1);
    assert_int_equal(text_distance("baseurl", "base_url"), 1);
    assert_int_equal(text_distance("adaptre", "adapter"), 1); /* a swap */
    assert_int_equal(text_distance("", "abc"), 3);
    assert_int_equal(text_distance("kitten", "sitting"), 3);
    static const char *const keys[] = {"id", "kind", "top_n", "chart_top_n",
                                       "title_key"};
    assert_string_equal(text_nearest("top_N", keys, 5), "top_n");
    assert_string_equal(text_nearest("chart_topn", keys, 5), "chart_top_n");
    assert_string_equal(text_nearest("kinds", keys, 5), "kind");
    assert_null(text_nearest("theme", keys, 5));
    assert_null(text_nearest("x", keys, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(squeeze_and_numbers),
        cmocka_unit_test(percent_encoding),
        cmocka_unit_test(placeholders),
        cmocka_unit_test(shapes),
        cmocka_unit_test(typos),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
