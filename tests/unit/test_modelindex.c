/* The pages across boards: model slugs (slug.c), the index of models
 * (modelindex.c), the notable changes between snapshots (boardnews.c) and
 * the axes of their charts (plot.c). */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardnews.h"
#include "hash.h"
#include "leaderboard.h"
#include "modelindex.h"
#include "plot.h"
#include "slug.h"

/* ---- slugs ------------------------------------------------------------------ */

static void plain_keys_are_their_own_slugs(void **state)
{
    (void)state;
    const char *plain[] = {"gpt-4o-2024-05-13", "qwen2.5-72b-instruct", "o1", "a.b-c"};
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
        char *s = slug_for_model(plain[i]);
        assert_string_equal(s, plain[i]);
        assert_true(model_slug_valid(s));
        free(s);
    }
}

static void other_keys_get_their_hash(void **state)
{
    (void)state;
    static const struct {
        const char *key, *base;
    } cases[] = {
        {"gemini-3-flash-(thinking-minimal)", "gemini-3-flash-thinking-minimal"},
        {"文心一言-4.0", "4.0"},
        {"文心一言", "m"},
        {"-leading", "leading"},
        {".hidden", "hidden"},
        {"trailing.", "trailing"},
        {"..", "m"},
        {"a--b", "a-b"},
        {"UPPER", "m"}, /* keys are lowercase: an uppercase letter is foreign */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char hex[9], want[128];
        hash_fnv1a32_hex(cases[i].key, hex);
        snprintf(want, sizeof want, "%s-%s", cases[i].base, hex);
        char *s = slug_for_model(cases[i].key);
        assert_string_equal(s, want);
        assert_true(model_slug_valid(s));
        free(s);
    }
    /* Long keys are cut (and hashed), never longer than a slug may be. */
    char key[400];
    memset(key, 'a', sizeof key - 1);
    key[sizeof key - 1] = '\0';
    char *s = slug_for_model(key);
    assert_int_equal(strlen(s), SLUG_MODEL_BASE + 9);
    assert_true(model_slug_valid(s));
    free(s);
}

static void slug_validity(void **state)
{
    (void)state;
    const char *bad[] = {"", "-a", "a-", ".a", "a.", "..", "A", "a/b", "a b", "é"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (model_slug_valid(bad[i]))
            fail_msg("\"%s\" taken for a model slug", bad[i]);
}

/* ---- the index ------------------------------------------------------------- */

static Leaderboard *board(const char *id, const char *const *names, size_t n)
{
    Leaderboard *lb = leaderboard_new(id, LB_KIND_ARENA);
    for (size_t i = 0; i < n; i++) {
        LbModel *m = leaderboard_add_model(lb, names[i]);
        m->rating = 1500 - 10.0 * (double)i;
        m->rank = (int)i + 1;
    }
    return lb;
}

static void rows_are_models_across_boards(void **state)
{
    (void)state;
    const char *a[] = {"GPT-4o", "claude", "文心一言"};
    const char *b[] = {"openai/gpt-4o", "llama"};
    Leaderboard *la = board("a", a, 3), *lb = board("b", b, 2);
    IndexView views[] = {{0, MODELINDEX_NO_CATEGORY, la, NULL, NULL, 0},
                         {1, MODELINDEX_NO_CATEGORY, lb, NULL, NULL, 0}};
    ModelIndex *ix = modelindex_build(views, 2);
    assert_int_equal(ix->n_models, 4);
    const IndexedModel *gpt = modelindex_row(ix, 0, 0);
    assert_ptr_equal(gpt, modelindex_row(ix, 1, 0)); /* case and vendor aside */
    assert_string_equal(gpt->slug, "gpt-4o");
    assert_string_equal(gpt->first->model, "GPT-4o");
    assert_int_equal(gpt->n_apps, 2);
    assert_int_equal(gpt->apps[1].view, 1);
    assert_ptr_equal(modelindex_find(ix, "Gpt-4O"), gpt);
    assert_null(modelindex_find(ix, "gpt-5"));
    assert_int_equal(modelindex_view_of(ix, 1, MODELINDEX_NO_CATEGORY), 1);
    assert_int_equal(modelindex_view_of(ix, 2, MODELINDEX_NO_CATEGORY), 2);
    modelindex_free(ix);
    leaderboard_free(la);
    leaderboard_free(lb);
}

/* A page for each model among a view's first MODELINDEX_PAGE_ROWS rows;
 * a model further down has one when another view ranks it high enough. */
static void pages_for_the_first_rows(void **state)
{
    (void)state;
    enum { N = MODELINDEX_PAGE_ROWS + 2 };
    static char names[N][16];
    const char *list[N];
    for (int i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "m%d", i);
        list[i] = names[i];
    }
    const char *other[] = {names[N - 1]};
    Leaderboard *big = board("big", list, N), *small = board("small", other, 1);
    IndexView views[] = {{0, MODELINDEX_NO_CATEGORY, big, NULL, NULL, 0},
                         {1, MODELINDEX_NO_CATEGORY, small, NULL, NULL, 0}};
    ModelIndex *ix = modelindex_build(views, 1);
    assert_true(modelindex_row(ix, 0, MODELINDEX_PAGE_ROWS - 1)->has_page);
    assert_false(modelindex_row(ix, 0, MODELINDEX_PAGE_ROWS)->has_page);
    assert_false(modelindex_row(ix, 0, N - 1)->has_page);
    modelindex_free(ix);
    ix = modelindex_build(views, 2);
    assert_false(modelindex_row(ix, 0, MODELINDEX_PAGE_ROWS)->has_page);
    assert_true(modelindex_row(ix, 0, N - 1)->has_page); /* first on "small" */
    modelindex_free(ix);
    leaderboard_free(big);
    leaderboard_free(small);
}

/* Two keys with one slug: the first in byte order keeps it, the next gets
 * "-2", whatever order the boards list them in. */
static void shared_slugs_are_told_apart(void **state)
{
    (void)state;
    char hex[9], clash[64];
    hash_fnv1a32_hex("x-y!", hex); /* the key of "x y!" */
    snprintf(clash, sizeof clash, "x-y-%s", hex); /* a plain key equal to it */
    for (int order = 0; order < 2; order++) {
        const char *names[2] = {order ? clash : "x y!", order ? "x y!" : clash};
        Leaderboard *lb = board("a", names, 2);
        IndexView views[] = {{0, MODELINDEX_NO_CATEGORY, lb, NULL, NULL, 0}};
        ModelIndex *ix = modelindex_build(views, 1);
        const IndexedModel *odd = modelindex_find(ix, "x y!");
        const IndexedModel *plain = modelindex_find(ix, clash);
        char want[80];
        snprintf(want, sizeof want, "%s-2", clash);
        /* "x-y!" < "x-y-..." in byte order ('!' < '-') */
        assert_string_equal(odd->slug, clash);
        assert_string_equal(plain->slug, want);
        modelindex_free(ix);
        leaderboard_free(lb);
    }
}

static void history_points_per_snapshot(void **state)
{
    (void)state;
    const char *v1[] = {"b", "a"}, *v2[] = {"a", "b"}, *now[] = {"a", "c", "b"};
    Leaderboard *s1 = board("t", v1, 2), *s2 = board("t", v2, 2), *lb = board("t", now, 3);
    s1->updated_at = strdup("2025-12-01T00:00:00Z");
    s2->updated_at = strdup("2025-12-20T00:00:00Z");
    lb->updated_at = strdup("2026-01-02T08:00:00Z");
    Leaderboard *snaps[] = {s1, s2};
    char *dates[] = {"2025-12-01", "2025-12-20"};
    IndexView views[] = {{0, MODELINDEX_NO_CATEGORY, lb, snaps, dates, 2}};
    ModelIndex *ix = modelindex_build(views, 1);
    const IndexedModel *a = modelindex_find(ix, "a");
    assert_int_equal(a->apps[0].n_points, 3);
    assert_string_equal(a->apps[0].points[0].date, "2025-12-01");
    assert_int_equal(a->apps[0].points[0].rank, 2);
    assert_int_equal(a->apps[0].points[1].rank, 1);
    assert_string_equal(a->apps[0].points[2].date, "2026-01-02T08:00:00Z");
    assert_int_equal(modelindex_find(ix, "c")->apps[0].n_points, 1);
    modelindex_free(ix);
    /* The current data already recorded as the last snapshot: no extra point. */
    free(lb->updated_at);
    lb->updated_at = strdup("2025-12-20T00:00:00Z");
    ix = modelindex_build(views, 1);
    assert_int_equal(modelindex_find(ix, "a")->apps[0].n_points, 2);
    assert_null(modelindex_current_date(&views[0]));
    modelindex_free(ix);
    leaderboard_free(s1);
    leaderboard_free(s2);
    leaderboard_free(lb);
}

/* ---- news ------------------------------------------------------------------- */

static const NewsItem *find_news(const NewsList *l, NewsKind kind, const char *model)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->items[i].kind == kind && strcmp(l->items[i].model, model) == 0)
            return &l->items[i];
    return NULL;
}

static void notable_changes(void **state)
{
    (void)state;
    /* 30 models m01..m30 in order; then m02 leads, m30 enters at 12th
     * (a new model), m11 enters the top ten, m10 leaves it, m25 climbs to
     * 15th, m05 is gone, m20 moves 3 places (not notable). */
    char names[31][16];
    const char *before[30], *after[30];
    for (int i = 0; i < 30; i++) {
        snprintf(names[i], sizeof names[i], "m%02d", i + 1);
        before[i] = names[i];
    }
    before[29] = "old"; /* m30 is new */
    const char *order[] = {"m02", "m01", "m03", "m04", "m06", "m07", "m08", "m09",
                           "m11", "m12", "m10", "m30", "m13", "m14", "m25", "m15",
                           "m16", "m17", "m18", "m19", "m21", "m22", "m23", "m20",
                           "m24", "m26", "m27", "m28", "m29", "old"};
    for (int i = 0; i < 30; i++)
        after[i] = order[i];
    Leaderboard *older = board("t", before, 30), *newer = board("t", after, 30);
    NewsList news = {NULL, 0, 0};
    boardnews_compare(NULL, newer, 0, "2026-01-02", &news);
    assert_int_equal(news.n, 0); /* a first version has no news */
    boardnews_compare(older, newer, 3, "2026-01-02", &news);
    const NewsItem *n = find_news(&news, NEWS_LEADER, "m02");
    assert_non_null(n);
    assert_string_equal(n->previous_leader, "m01");
    assert_int_equal(n->view, 3);
    assert_non_null(n = find_news(&news, NEWS_NEW, "m30"));
    assert_int_equal(n->rank, 12);
    assert_int_equal(n->previous_rank, 0);
    assert_non_null(n = find_news(&news, NEWS_TOP_ENTER, "m11"));
    assert_int_equal(n->previous_rank, 11);
    assert_int_equal(n->rank, 9);
    assert_non_null(n = find_news(&news, NEWS_TOP_LEAVE, "m10"));
    assert_int_equal(n->rank, 11);
    assert_non_null(n = find_news(&news, NEWS_TOP_LEAVE, "m05"));
    assert_int_equal(n->rank, 0);
    assert_int_equal(n->previous_rank, 5);
    assert_non_null(n = find_news(&news, NEWS_UP, "m25"));
    assert_int_equal(n->previous_rank, 25);
    assert_int_equal(n->rank, 15);
    assert_null(find_news(&news, NEWS_DOWN, "m20")); /* 20th to 24th: 4 places */
    assert_null(find_news(&news, NEWS_DOWN, "m01")); /* 1st to 2nd: not a move */
    assert_int_equal(news.n, 7);
    boardnews_sort(&news);
    assert_int_equal(news.items[0].kind, NEWS_LEADER);
    assert_int_equal(news.items[news.n - 1].kind, NEWS_UP);
    boardnews_free(&news);
    leaderboard_free(older);
    leaderboard_free(newer);
}

/* ---- axes ------------------------------------------------------------------ */

static void axes(void **state)
{
    (void)state;
    PlotAxis a = plot_axis(1433, 1497, 0, 100, 0);
    assert_true(a.lo <= 1433 && a.hi >= 1497);
    assert_true(fabs(plot_map(&a, a.lo) - 100) < 1e-9);
    assert_true(fabs(plot_map(&a, a.hi)) < 1e-9);
    PlotTick t[16];
    size_t n = plot_ticks(&a, 4, t, 16);
    assert_true(n >= 3 && n <= 8);
    PlotAxis l = plot_axis(0.07, 45, 1, 0, 600);
    assert_true(fabs(l.lo - 0.05) < 1e-12 && fabs(l.hi - 50) < 1e-9);
    n = plot_ticks(&l, 6, t, 16);
    assert_true(n >= 4);
    assert_true(fabs(t[0].value - 0.1) < 1e-12 && fabs(t[n - 1].value - 30) < 1e-9);
    long d;
    assert_int_equal(plot_day("1970-01-02", &d), 0);
    assert_int_equal(d, 1);
    assert_int_equal(plot_day("2026-01-02T08:00:00Z", &d), 0);
    assert_int_equal(d, 20455);
    assert_int_equal(plot_day("2026-13-02", &d), -1);
    assert_int_equal(plot_day("soon", &d), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_keys_are_their_own_slugs),
        cmocka_unit_test(other_keys_get_their_hash),
        cmocka_unit_test(slug_validity),
        cmocka_unit_test(rows_are_models_across_boards),
        cmocka_unit_test(shared_slugs_are_told_apart),
        cmocka_unit_test(pages_for_the_first_rows),
        cmocka_unit_test(history_points_per_snapshot),
        cmocka_unit_test(notable_changes),
        cmocka_unit_test(axes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
