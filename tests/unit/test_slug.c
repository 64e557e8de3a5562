/* slug: the one rule for board ids, and ids made from file names. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "slug.h"

static void the_rule(void **state)
{
    (void)state;
    static const char *const good[] = {"text", "arena-hard", "a", "0", "x-",
                                       "a1-b2"};
    static const char *const bad[] = {"", "-a", "Text", "a_b", "a.b", "a/b",
                                      "../x", "..", ".", "a b", "é", "a\tb"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        assert_true(slug_valid(good[i]));
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (slug_valid(bad[i]))
            fail_msg("\"%s\" passed as a slug", bad[i]);
    char longest[SLUG_MAX + 2];
    memset(longest, 'a', SLUG_MAX);
    longest[SLUG_MAX] = '\0';
    assert_true(slug_valid(longest));
    longest[SLUG_MAX] = 'a';
    longest[SLUG_MAX + 1] = '\0';
    assert_false(slug_valid(longest));
}

static void check_names_the_input(void **state)
{
    (void)state;
    LbError err = {0};
    assert_int_equal(slug_check("text", "--id", &err), 0);
    assert_int_equal(slug_check("../x", "--id", &err), -1);
    assert_int_equal(err.status, LB_EINPUT);
    assert_string_equal(err.message, "--id: \"../x\" is not a valid id (" SLUG_RULE ")");
}

static void ids_from_names(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"https://lmarena.ai/leaderboard/text", "text"},
        {"https://example.org/a/Battles_2024.jsonl?x=1#y", "battles-2024"},
        {"data/arena-hard.json", "arena-hard"},
        {"/", "leaderboard"},
        {"--.csv", "leaderboard"},
        {"Élan Vital.csv", "lan-vital"},
        {"dir/", "dir"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *slug = slug_from_name(cases[i][0], "leaderboard");
        assert_string_equal(slug, cases[i][1]);
        assert_true(slug_valid(slug));
        free(slug);
    }
    char name[300];
    memset(name, 'b', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    char *slug = slug_from_name(name, "leaderboard");
    assert_int_equal(strlen(slug), SLUG_MAX);
    free(slug);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_rule),
        cmocka_unit_test(check_names_the_input),
        cmocka_unit_test(ids_from_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
