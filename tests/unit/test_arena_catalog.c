/* The arena-catalog adapter: the Arena's own leaderboard JSON and its
 * price list, on extracts of the real files (tests/fixtures/fetch/
 * README.md), and on hostile shapes. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adapter.h"
#include "fileio.h"
#include "source_options.h"

#define DIR "tests/fixtures/fetch/"

static char *slurp(const char *path, size_t *len)
{
    char *text = NULL;
    LbError err = {0};
    if (file_read_all(path, &text, len, &err) != 0)
        fail_msg("%s", err.message);
    return text;
}

/* Runs the adapter on `json` with options {category, prices}. */
static Leaderboard *run(const char *json, size_t len, const char *category,
                        const char *prices, size_t prices_len, LbError *err)
{
    SourceOptions o = {0};
    o.category = (char *)category;
    AdapterOptions ao = {0};
    ao.id = "text";
    ao.source_name = "board.json";
    ao.source = &o;
    ao.aux = prices;
    ao.aux_len = prices_len;
    ao.aux_name = "prices.json";
    ao.aux_url = prices ? "https://raw.githubusercontent.com/lmarena/"
                          "arena-catalog/main/data/scatterplot-data.json"
                        : NULL;
    return adapter_run(adapter_find("arena-catalog"), json, len, &ao, err);
}

static Leaderboard *run_fixture(const char *category, int with_prices)
{
    size_t len, plen = 0;
    char *json = slurp(DIR "arena_catalog_text.json", &len);
    char *prices = with_prices ? slurp(DIR "arena_catalog_prices.json", &plen)
                               : NULL;
    LbError err = {0};
    Leaderboard *lb = run(json, len, category, prices, plen, &err);
    free(json);
    free(prices);
    if (!lb)
        fail_msg("%s", err.message);
    return lb;
}

static const LbModel *find(const Leaderboard *lb, const char *name)
{
    for (size_t i = 0; i < lb->n_models; i++)
        if (strcmp(lb->models[i].model, name) == 0)
            return &lb->models[i];
    fail_msg("no model %s", name);
    return NULL;
}

static void full_category_exact_values_and_ranks(void **state)
{
    (void)state;
    Leaderboard *lb = run_fixture(NULL, 0);
    assert_int_equal(lb->n_models, 12);
    assert_string_equal(lb->category, "full");
    assert_null(lb->updated_at); /* the file has no date */
    const LbModel *m = &lb->models[0];
    assert_string_equal(m->model, "gemini-3-pro");
    assert_true(m->rating == 1486.6027120272704);
    assert_true(m->ci_lower == 1480.4026895976556);
    assert_true(m->ci_upper == 1492.8027344568852);
    assert_int_equal(m->rank, 1);
    assert_int_equal(m->rank_ub, 1);
    assert_int_equal(m->votes, -1);
    assert_int_equal(m->rank_spread[0], 0);
    /* rank: 1 + models rated higher; rank_ub: 1 + models whose lower bound
     * is above this upper bound (computed independently of lbgen). */
    static const struct {
        const char *model;
        int rank, ub;
    } want[] = {{"gemini-2.5-pro", 2, 2}, {"grok-4.1-thinking", 3, 3},
                {"claude-opus-4-5-20251101", 4, 3},
                {"claude-opus-4-5-20251101-thinking-32k", 8, 3},
                {"o1-preview", 9, 9}, {"o1-mini", 11, 10},
                {"yi-lightning", 12, 12}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        m = find(lb, want[i].model);
        if (m->rank != want[i].rank || m->rank_ub != want[i].ub)
            fail_msg("%s: rank %d ub %d, expected %d %d", m->model, m->rank,
                     m->rank_ub, want[i].rank, want[i].ub);
    }
    for (size_t i = 1; i < lb->n_models; i++)
        assert_true(lb->models[i - 1].rating >= lb->models[i].rating);
    leaderboard_free(lb);

    lb = run_fixture("coding", 0);
    assert_string_equal(lb->category, "coding");
    assert_string_equal(lb->models[0].model,
                        "claude-opus-4-5-20251101-thinking-32k");
    assert_int_equal(find(lb, "claude-opus-4-5-20251101")->rank_ub, 1);
    assert_int_equal(find(lb, "gpt-5-nano-high")->rank, 11);
    assert_int_equal(find(lb, "gpt-5-nano-high")->rank_ub, 9);
    leaderboard_free(lb);
}

static void prices_are_joined_by_api_name(void **state)
{
    (void)state;
    Leaderboard *lb = run_fixture("full", 1);
    assert_string_equal(lb->source.prices_url,
                        "https://raw.githubusercontent.com/lmarena/"
                        "arena-catalog/main/data/scatterplot-data.json");
    const LbModel *m = find(lb, "gemini-3-pro");
    assert_string_equal(m->display_name, "Gemini-3-Pro");
    assert_string_equal(m->organization, "Google");
    assert_string_equal(m->license, "Proprietary");
    assert_true(m->price_input == 2 && m->price_output == 12); /* "2.0" */
    assert_string_equal(m->url, "http://aistudio.google.com/app/prompts/"
                                "new_chat?model=gemini-3-pro-preview");
    m = find(lb, "gpt-5-nano-high"); /* prices as JSON numbers */
    assert_true(m->price_input == 0.05 && m->price_output == 0.4);
    assert_string_equal(m->display_name, "GPT-5 nano (high)");
    m = find(lb, "ernie-5.0-preview-1103"); /* "" prices: none */
    assert_true(isnan(m->price_input) && isnan(m->price_output));
    assert_string_equal(m->organization, "Baidu");
    assert_null(m->display_name); /* the same as the API name */
    /* A hidden entry (hidden from the Arena's price plot) is joined, its
     * link's percent-encoding kept as written. */
    m = find(lb, "yi-lightning");
    assert_string_equal(m->display_name, "Yi-Lightning");
    assert_true(m->price_input == 0.14);
    assert_string_equal(m->url, "https://platform.lingyiwanwu.com/docs"
                                "#%E6%A8%A1%E5%9E%8B%E4%B8%8E%E8%AE%A1%E8%B4%B9");
    m = find(lb, "o1-mini");
    assert_true(m->price_input == 1.1 && m->price_output == 4.4);
    leaderboard_free(lb);
}

static void newer_bound_names_are_read(void **state)
{
    (void)state;
    /* Both namings at once, agreeing, and votes should a version add them. */
    LbError e = {0};
    const char *both = "{\"full\":{\"m\":{\"rating\":10,\"rating_q025\":9,"
                       "\"rating_lower\":9,\"rating_q975\":11,"
                       "\"rating_upper\":11,\"vote_count\":1234}}}";
    Leaderboard *b = run(both, strlen(both), NULL, NULL, 0, &e);
    if (!b)
        fail_msg("%s", e.message);
    assert_int_equal(b->models[0].votes, 1234);
    leaderboard_free(b);
    size_t len;
    char *json = slurp(DIR "arena_catalog_image_newer.json", &len);
    LbError err = {0};
    Leaderboard *lb = run(json, len, "is_preset_generation", NULL, 0, &err);
    free(json);
    if (!lb)
        fail_msg("%s", err.message);
    assert_int_equal(lb->n_models, 6);
    assert_string_equal(lb->category, "is_preset_generation");
    leaderboard_free(lb);
    json = slurp(DIR "arena_catalog_image_newer.json", &len);
    lb = run(json, len, NULL, NULL, 0, &err);
    free(json);
    assert_non_null(lb);
    const LbModel *m = find(lb, "gemini-3-pro-image-preview-2k (nano-banana-pro)");
    assert_true(m->ci_lower == 1226.7129136901863);
    assert_true(m->ci_upper == 1241.940412631618);
    leaderboard_free(lb);
}

/* options.plain: the style-controlled file read with its plain twin. The
 * board's own ratings are the style-controlled ones (the Arena's default
 * view), each model carries its plain rating and rank beside them, and the
 * board says so. Real values: leaderboard-text-style-control.json and
 * leaderboard-text.json of 2025-12-17 (tests/fixtures/fetch/README.md). */
static void plain_twin_is_joined(void **state)
{
    (void)state;
    size_t len, plen;
    char *style = slurp(DIR "arena_catalog_text_style.json", &len);
    char *plain = slurp(DIR "arena_catalog_text.json", &plen);
    SourceOptions o = {0};
    o.category = "coding";
    AdapterOptions ao = {0};
    ao.id = "text";
    ao.source_name = "style.json";
    ao.source = &o;
    ao.plain = plain;
    ao.plain_len = plen;
    ao.plain_name = "plain.json";
    LbError err = {0};
    Leaderboard *lb = adapter_run(adapter_find("arena-catalog"), style, len, &ao, &err);
    if (!lb)
        fail_msg("%s", err.message);
    assert_int_equal(lb->style_control, 1);
    const LbModel *first = &lb->models[0];
    assert_string_equal(first->model, "claude-opus-4-5-20251101-thinking-32k");
    assert_true(first->rating == 1538.2049212548282);
    assert_true(first->plain_rating == 1515.1020105121383);
    assert_int_equal(first->plain_rank, 1);
    const LbModel *g = find(lb, "gemini-3-pro");
    assert_int_equal(g->rank, 2);       /* second with style control */
    assert_int_equal(g->plain_rank, 3); /* third without */
    assert_true(g->plain_rating == 1486.391701071574);
    assert_true(g->plain_ci_lower <= g->plain_rating && g->plain_rating <= g->plain_ci_upper);
    leaderboard_free(lb);

    /* A model the plain file lacks has no twin; the board still loads. */
    o.category = "full";
    lb = adapter_run(adapter_find("arena-catalog"), style, len, &ao, &err);
    if (!lb)
        fail_msg("%s", err.message);
    const LbModel *flash = find(lb, "gemini-3-flash");
    assert_true(isnan(flash->plain_rating));
    assert_int_equal(flash->plain_rank, 0);
    leaderboard_free(lb);

    /* The twin must have the category too. */
    o.category = "math";
    char *math_style = strdup("{\"math\": {\"m\": {\"rating\": 1, \"rating_q025\": 0, "
                              "\"rating_q975\": 2}}}");
    lb = adapter_run(adapter_find("arena-catalog"), math_style, strlen(math_style), &ao,
                     &err);
    assert_null(lb);
    assert_non_null(strstr(err.message, "plain.json: no category \"math\" (categories: "));
    free(math_style);
    free(style);
    free(plain);
}

static void expect_error(const char *json, const char *category,
                         const char *prices, const char *message)
{
    LbError err = {0};
    Leaderboard *lb = run(json, strlen(json), category, prices,
                          prices ? strlen(prices) : 0, &err);
    if (lb)
        fail_msg("accepted: %s", json);
    assert_int_equal(err.status, LB_EINPUT);
    if (strcmp(err.message, message) != 0)
        fail_msg("\"%s\" is not \"%s\"", err.message, message);
}

#define M(body) "{\"full\":{\"m\":" body "}}"
#define OK_BOARD M("{\"rating\":10,\"rating_q025\":9,\"rating_q975\":11}")

static void hostile_boards(void **state)
{
    (void)state;
    size_t len;
    char *json = slurp(DIR "arena_catalog_text.json", &len);
    LbError err = {0};
    assert_null(run(json, len, "klingon", NULL, 0, &err));
    assert_string_equal(err.message, "board.json: no category \"klingon\" "
                                     "(categories: chinese, coding, full)");
    free(json);
    expect_error("[1,2]", NULL, NULL, "board.json: expected an object of "
                 "categories, like {\"full\": {\"model\": {\"rating\": ..., "
                 "\"rating_q025\": ..., \"rating_q975\": ...}}}");
    expect_error("{}", NULL, NULL,
                 "board.json: no category \"full\" (the file has none)");
    expect_error("{\"full\":[]}", NULL, NULL,
                 "board.json: category \"full\": expected an object of models");
    expect_error("{\"full\":{}}", NULL, NULL,
                 "board.json: category \"full\" has no models");
    expect_error(M("[1]"), NULL, NULL, "board.json: full: \"m\": expected an "
                 "object {rating, rating_q025, rating_q975}");
    expect_error(M("{\"rating\":\"1400\",\"rating_q025\":1,\"rating_q975\":2}"),
                 NULL, NULL, "board.json: full: \"m\": rating: expected a "
                 "finite number");
    expect_error(M("{\"rating_q025\":1,\"rating_q975\":2}"), NULL, NULL,
                 "board.json: full: \"m\": rating: missing");
    expect_error(M("{\"rating\":1e400,\"rating_q025\":1,\"rating_q975\":2}"),
                 NULL, NULL, "board.json: full: \"m\": rating: expected a "
                 "finite number");
    expect_error(M("{\"rating\":10,\"rating_q975\":11}"), NULL, NULL,
                 "board.json: full: \"m\": no rating_q025 (or rating_lower)");
    expect_error(M("{\"rating\":10,\"rating_q025\":9}"), NULL, NULL,
                 "board.json: full: \"m\": no rating_q975 (or rating_upper)");
    expect_error(M("{\"rating\":10,\"rating_q025\":9,\"rating_lower\":8,"
                   "\"rating_q975\":11}"), NULL, NULL,
                 "board.json: full: \"m\": rating_q025 and rating_lower "
                 "disagree");
    expect_error(M("{\"rating\":10,\"rating_q025\":9,\"rating_q975\":11,"
                   "\"num_battles\":-4}"), NULL, NULL,
                 "board.json: full: \"m\": num_battles: expected a "
                 "non-negative integer");
    expect_error(M("{\"rating\":10,\"rating_q025\":null,\"rating_q975\":11}"),
                 NULL, NULL, "board.json: full: \"m\": rating_q025: expected a "
                 "finite number");
    expect_error(M("{\"rating\":10,\"rating_q025\":12,\"rating_q975\":11}"),
                 NULL, NULL, "board.json: full: \"m\": lower bound 12 above "
                 "upper bound 11");
    expect_error(M("{\"rating\":20,\"rating_q025\":9,\"rating_q975\":11}"),
                 NULL, NULL, "board.json: full: \"m\": rating 20 outside its "
                 "interval [9, 11]");
    expect_error("{\"full\":{\"\":{\"rating\":10,\"rating_q025\":9,"
                 "\"rating_q975\":11}}}", NULL, NULL,
                 "board.json: full: a model with an empty name");
    expect_error("{\"full\":{\"m\":{\"rating\":10,\"rating_q025\":9,"
                 "\"rating_q975\":11},\"m\":{\"rating\":10,\"rating_q025\":9,"
                 "\"rating_q975\":11}}}", NULL, NULL,
                 "board.json: models[1]: model \"m\" appears twice (first as "
                 "models[0])");
    expect_error("{\"full\":", NULL, NULL,
                 "board.json:1:8: error: invalid JSON");
}

#define PRICE(in, out) \
    "[{\"name\":\"M\",\"model_api_name\":\"m\",\"input_token_price\":" in \
    ",\"output_token_price\":" out ",\"organization\":\"O\",\"license\":\"L\"}]"

static void hostile_price_lists(void **state)
{
    (void)state;
    expect_error(OK_BOARD, NULL, PRICE("\"free\"", "\"1\""),
                 "prices.json: [0] (\"m\"): input_token_price: \"free\" is not "
                 "a price in USD per million tokens (a decimal like \"2.5\", "
                 "from 0 to 1000000)");
    expect_error(OK_BOARD, NULL, PRICE("\"1\"", "-3"),
                 "prices.json: [0] (\"m\"): output_token_price: -3 is not a "
                 "price in USD per million tokens (a decimal like \"2.5\", "
                 "from 0 to 1000000)");
    expect_error(OK_BOARD, NULL, PRICE("\"-0.5\"", "\"1\""),
                 "prices.json: [0] (\"m\"): input_token_price: \"-0.5\" is not "
                 "a price in USD per million tokens (a decimal like \"2.5\", "
                 "from 0 to 1000000)");
    expect_error(OK_BOARD, NULL, PRICE("\"1e3\"", "\"1\""),
                 "prices.json: [0] (\"m\"): input_token_price: \"1e3\" is not "
                 "a price in USD per million tokens (a decimal like \"2.5\", "
                 "from 0 to 1000000)");
    expect_error(OK_BOARD, NULL, PRICE("true", "\"1\""),
                 "prices.json: [0] (\"m\"): input_token_price: the value is "
                 "not a price in USD per million tokens (a decimal like "
                 "\"2.5\", from 0 to 1000000)");
    expect_error(OK_BOARD, NULL, "{\"m\":1}", "prices.json: expected a list of "
                 "{model_api_name, name, input_token_price, "
                 "output_token_price, ...}");
    expect_error(OK_BOARD, NULL, "[{\"name\":\"x\"}]", "prices.json: [0]: "
                 "model_api_name: expected a non-empty string");
    expect_error(OK_BOARD, NULL, "[{\"model_api_name\":\"a\"},"
                 "{\"model_api_name\":\"a\"}]", "prices.json: [1]: "
                 "model_api_name \"a\" appears twice (first as [0])");
    expect_error(OK_BOARD, NULL, "[{\"model_api_name\":\"a\","
                 "\"organization\":7}]", "prices.json: [0] (\"a\"): "
                 "organization: expected a string");
    expect_error(OK_BOARD, NULL, "[3]", "prices.json: [0]: expected an "
                 "object");

    /* None and links: "n/a" prices are none, non-http links dropped. */
    const char *prices =
        "[{\"model_api_name\":\"m\",\"input_token_price\":\"n/a\","
        "\"output_token_price\":null,\"model_source\":\"javascript:alert(1)\","
        "\"organization\":\"\",\"hidden\":true}]";
    LbError err = {0};
    Leaderboard *lb = run(OK_BOARD, strlen(OK_BOARD), NULL, prices,
                          strlen(prices), &err);
    assert_non_null(lb);
    assert_true(isnan(lb->models[0].price_input));
    assert_null(lb->models[0].url);
    assert_null(lb->models[0].organization);
    leaderboard_free(lb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(full_category_exact_values_and_ranks),
        cmocka_unit_test(prices_are_joined_by_api_name),
        cmocka_unit_test(plain_twin_is_joined),
        cmocka_unit_test(newer_bound_names_are_read),
        cmocka_unit_test(hostile_boards),
        cmocka_unit_test(hostile_price_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
