/* The refresh guard and the daily history. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "history.h"

/* A board of n models named m0..m(n-1), rated and ranked in that order. */
static Leaderboard *board(const char *id, LbKind kind, size_t n)
{
    Leaderboard *lb = leaderboard_new(id, kind);
    for (size_t i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "m%zu", i);
        LbModel *m = leaderboard_add_model(lb, name);
        m->rating = 1500.0 - (double)i;
        m->rank = (int)i + 1;
    }
    return lb;
}

static void guard_accepts_a_healthy_board(void **state)
{
    (void)state;
    LbError err = {0};
    Leaderboard *prev = board("text", LB_KIND_ARENA, 20);
    Leaderboard *next = board("text", LB_KIND_ARENA, 10); /* exactly half */
    assert_int_equal(source_check(prev, next, &err), 0);
    assert_int_equal(source_check(NULL, next, &err), 0);
    leaderboard_free(prev);
    leaderboard_free(next);
}

static void expect_refusal(const Leaderboard *prev, const Leaderboard *next,
                           const char *message)
{
    LbError err = {0};
    assert_int_equal(source_check(prev, next, &err), -1);
    assert_int_equal(err.status, LB_ESOURCE);
    assert_string_equal(err.message, message);
}

static void guard_refuses_garbage(void **state)
{
    (void)state;
    Leaderboard *prev = board("text", LB_KIND_ARENA, 293);
    Leaderboard *shrunk = board("text", LB_KIND_ARENA, 10);
    expect_refusal(prev, shrunk, "text: the fetched board has 10 rows, less "
                                 "than half of the last good snapshot's 293");
    Leaderboard *empty = board("text", LB_KIND_ARENA, 0);
    expect_refusal(prev, empty, "text: the fetched board has no rows");
    expect_refusal(NULL, empty, "text: the fetched board has no rows");

    Leaderboard *unrated = board("text", LB_KIND_ARENA, 200);
    unrated->models[7].rating = NAN;
    expect_refusal(prev, unrated, "text: row 8 (m7) has no rating or metrics");
    /* The agent board: metrics with intervals, no single rating. */
    lb_model_add_metric(&unrated->models[7], "Net Improvement", 12.47, 10.93,
                        14.01);
    LbError err = {0};
    assert_int_equal(source_check(prev, unrated, &err), 0);
    unrated->models[7].rating = 1;
    unrated->models[9].rank = 0;
    expect_refusal(prev, unrated, "text: row 10 (m9) has no rank");

    Leaderboard *bench = board("text", LB_KIND_BENCHMARK, 200);
    expect_refusal(prev, bench, "text: the fetched board's kind is "
                                "benchmark, the last good snapshot's arena");
    bench->models[0].rating = NAN;
    expect_refusal(NULL, bench, "text: row 1 (m0) has no total");
    leaderboard_free(prev);
    leaderboard_free(shrunk);
    leaderboard_free(empty);
    leaderboard_free(unrated);
    leaderboard_free(bench);
}

static char *make_tmpdir(void)
{
    char tmpl[] = "/tmp/lbgen-history-XXXXXX";
    assert_non_null(mkdtemp(tmpl));
    return strdup(tmpl);
}

static void history_once_per_day_when_changed(void **state)
{
    (void)state;
    char *dir = make_tmpdir();
    LbError err = {0};
    int written = 0;
    char **dates;
    size_t n;
    assert_int_equal(history_list(dir, "text", &dates, &n, &err), 0);
    assert_int_equal(n, 0); /* no history yet is not an error */

    Leaderboard *lb = board("text", LB_KIND_ARENA, 3);
    lb->updated_at = strdup("2026-01-02T08:00:00Z");
    assert_int_equal(history_record(dir, "text", lb, "2026-01-02", &written, &err), 0);
    assert_int_equal(written, 1);

    /* Same data, a later fetch time, the next day: nothing new to keep. */
    free(lb->updated_at);
    lb->updated_at = strdup("2026-01-03T08:00:00Z");
    assert_int_equal(history_record(dir, "text", lb, "2026-01-03", &written, &err), 0);
    assert_int_equal(written, 0);

    /* Changed: written. Changed again the same day: that day's file is
     * replaced, not duplicated. */
    lb->models[0].rating += 1;
    assert_int_equal(history_record(dir, "text", lb, "2026-01-03", &written, &err), 0);
    assert_int_equal(written, 1);
    lb->models[0].rating += 1;
    assert_int_equal(history_record(dir, "text", lb, "2026-01-03", &written, &err), 0);
    assert_int_equal(written, 1);

    assert_int_equal(history_list(dir, "text", &dates, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(dates[0], "2026-01-02");
    assert_string_equal(dates[1], "2026-01-03");
    for (size_t i = 0; i < n; i++)
        free(dates[i]);
    free(dates);

    char path[512];
    snprintf(path, sizeof path, "%s/text/2026-01-03.json", dir);
    Leaderboard *back = leaderboard_load(path, &err);
    assert_non_null(back);
    assert_true(back->models[0].rating == 1502);
    leaderboard_free(back);

    assert_int_equal(history_record(dir, "text", lb, "2026-1-3", &written, &err), -1);
    leaderboard_free(lb);
    assert_int_equal(remove_tree(dir, &err), 0);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(guard_accepts_a_healthy_board),
        cmocka_unit_test(guard_refuses_garbage),
        cmocka_unit_test(history_once_per_day_when_changed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
