/* rankchange: the one comparison of two versions of a board, used by the
 * pages' "change" column and by the publishing summary. This file includes
 * every header that once defined its own RankChange, so that they can
 * never again disagree on the name. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "history.h"
#include "rankchange.h"
#include "summary.h"
#include "view.h"

static Leaderboard *board(const char *const *names, const int *ranks, size_t n)
{
    Leaderboard *lb = leaderboard_new("text", LB_KIND_ARENA);
    for (size_t i = 0; i < n; i++) {
        LbModel *m = leaderboard_add_model(lb, names[i]);
        m->rank = ranks ? ranks[i] : 0;
        m->rating = 1500 - 10.0 * (double)i;
    }
    return lb;
}

static void moves_and_markers(void **state)
{
    (void)state;
    const char *prev_names[] = {"m0", "m1", "m2", "m3", "m4"};
    const int prev_ranks[] = {1, 2, 3, 4, 5};
    const char *cur_names[] = {"m3", "m0", "m1", "new-model", "m2"};
    const int cur_ranks[] = {1, 2, 3, 4, 5};
    Leaderboard *prev = board(prev_names, prev_ranks, 5);
    Leaderboard *cur = board(cur_names, cur_ranks, 5);
    RankChange ch[5];
    rank_changes(prev, cur, ch);
    char buf[16];
    assert_string_equal(rank_change_text(ch[0], buf, sizeof buf), "▲3");
    assert_string_equal(rank_change_text(ch[1], buf, sizeof buf), "▼1");
    assert_string_equal(rank_change_text(ch[2], buf, sizeof buf), "▼1");
    assert_string_equal(rank_change_text(ch[3], buf, sizeof buf), "new");
    assert_string_equal(rank_change_text(ch[4], buf, sizeof buf), "▼2");
    assert_int_equal(ch[0].move, RANK_UP);
    assert_int_equal(ch[0].places, 3);
    assert_int_equal(ch[0].rank, 1);
    assert_int_equal(ch[0].previous_rank, 4);
    assert_int_equal(ch[3].previous_rank, 0);

    rank_changes(cur, cur, ch);
    assert_int_equal(ch[2].move, RANK_SAME);
    assert_string_equal(rank_change_text(ch[2], buf, sizeof buf), "");
    rank_changes(NULL, cur, ch);
    assert_int_equal(ch[0].move, RANK_UNKNOWN);
    assert_string_equal(rank_change_text(ch[0], buf, sizeof buf), "");

    /* Without rank fields, positions count. */
    for (size_t i = 0; i < 5; i++)
        cur->models[i].rank = 0;
    rank_changes(prev, cur, ch);
    assert_int_equal(ch[0].places, 3);
    leaderboard_free(prev);
    leaderboard_free(cur);
}

/* A previous board that held only the top rows: a model missing from it
 * may simply have ranked lower, so it is never "new" against it. */
static void off_a_top_n_extract_is_not_new(void **state)
{
    (void)state;
    const char *prev_names[] = {"m0", "m1"};
    const int prev_ranks[] = {1, 2};
    const char *cur_names[] = {"m1", "m0", "m9"};
    const int cur_ranks[] = {1, 2, 3};
    Leaderboard *prev = board(prev_names, prev_ranks, 2);
    Leaderboard *cur = board(cur_names, cur_ranks, 3);
    prev->truncated = 1;
    RankChange ch[3];
    rank_changes(prev, cur, ch);
    char buf[16];
    assert_string_equal(rank_change_text(ch[0], buf, sizeof buf), "▲1");
    assert_int_equal(ch[2].move, RANK_UNKNOWN);
    assert_string_equal(rank_change_text(ch[2], buf, sizeof buf), "");
    prev->truncated = 0; /* a complete board: then it is new */
    rank_changes(prev, cur, ch);
    assert_int_equal(ch[2].move, RANK_NEW);
    leaderboard_free(prev);
    leaderboard_free(cur);
}

/* Like with like: a style-controlled board compares with the
 * style-controlled ranks of an earlier snapshot, never its plain ones. */
static void ranks_compare_like_with_like(void **state)
{
    (void)state;
    const char *names[] = {"a", "b", "c"};
    const int ranks[] = {1, 2, 3};
    Leaderboard *cur = board(names, ranks, 3);
    cur->style_control = 1;
    /* The earlier snapshot's own ratings are plain (c, b, a), with no
     * style-controlled twin: nothing compares. */
    const int plain_ranks[] = {3, 2, 1};
    Leaderboard *plain = board(names, plain_ranks, 3);
    plain->style_control = 0;
    RankChange ch[3];
    rank_changes(plain, cur, ch);
    for (int i = 0; i < 3; i++)
        assert_int_equal(ch[i].move, RANK_UNKNOWN);
    /* The same snapshot with style-controlled twins (lbgen rate's
     * style_rank): those compare. */
    for (int i = 0; i < 3; i++)
        plain->models[i].style_rank = i == 0 ? 2 : i == 1 ? 1 : 3;
    rank_changes(plain, cur, ch);
    char buf[16];
    assert_string_equal(rank_change_text(ch[0], buf, sizeof buf), "▲1");
    assert_string_equal(rank_change_text(ch[1], buf, sizeof buf), "▼1");
    assert_int_equal(ch[2].move, RANK_SAME);
    /* A plain board against a style-controlled snapshot with plain twins. */
    cur->style_control = -1;
    Leaderboard *style = board(names, ranks, 3);
    style->style_control = 1;
    for (int i = 0; i < 3; i++)
        style->models[i].plain_rank = 3 - i;
    rank_changes(style, cur, ch);
    assert_string_equal(rank_change_text(ch[0], buf, sizeof buf), "▲2");
    assert_int_equal(ch[1].move, RANK_SAME);
    assert_string_equal(rank_change_text(ch[2], buf, sizeof buf), "▼2");
    leaderboard_free(cur);
    leaderboard_free(plain);
    leaderboard_free(style);
}

static void biggest_moves_first(void **state)
{
    (void)state;
    const char *before_names[] = {"a", "b", "c", "d", "gone"};
    const int before_ranks[] = {1, 2, 3, 4, 5};
    const char *now_names[] = {"d", "a", "c", "new", "b"};
    const int now_ranks[] = {1, 2, 3, 4, 5};
    Leaderboard *before = board(before_names, before_ranks, 5);
    Leaderboard *now = board(now_names, now_ranks, 5);
    RankChange ch[5];
    rank_changes(before, now, ch);
    RankSummary s;
    rank_summary(before, now, ch, &s);
    assert_int_equal(s.n_moved, 3); /* d +3, b -3, a -1; c unchanged */
    assert_int_equal(s.added, 1);
    assert_int_equal(s.dropped, 1);
    /* Equal moves: the better current rank first. */
    assert_string_equal(now->models[s.moved[0]].model, "d");
    assert_int_equal(ch[s.moved[0]].previous_rank, 4);
    assert_int_equal(ch[s.moved[0]].rank, 1);
    assert_string_equal(now->models[s.moved[1]].model, "b");
    assert_int_equal(ch[s.moved[1]].previous_rank, 2);
    assert_int_equal(ch[s.moved[1]].rank, 5);
    assert_string_equal(now->models[s.moved[2]].model, "a");
    rank_summary_free(&s);

    /* Nothing moved, nothing to compare with. */
    rank_changes(NULL, now, ch);
    rank_summary(NULL, now, ch, &s);
    assert_int_equal(s.n_moved + s.added + s.dropped, 0);
    rank_summary_free(&s);
    leaderboard_free(before);
    leaderboard_free(now);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(moves_and_markers),
        cmocka_unit_test(off_a_top_n_extract_is_not_new),
        cmocka_unit_test(ranks_compare_like_with_like),
        cmocka_unit_test(biggest_moves_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
