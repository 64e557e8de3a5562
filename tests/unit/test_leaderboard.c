/* The shared data model: validation, JSON round trip, CSV, ordering. */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jsonfile.h"
#include "leaderboard.h"
#include "mem.h"

static Leaderboard *parse(const char *text, LbError *err)
{
    cJSON *json = json_parse_text("t.json", text, strlen(text), err);
    assert_non_null(json);
    Leaderboard *lb = leaderboard_from_json(json, "t.json", err);
    cJSON_Delete(json);
    return lb;
}

static const char *const sample =
    "{\"id\":\"text\",\"kind\":\"arena\",\"updated_at\":\"2026-01-02T08:08:37Z\","
    "\"source\":{\"url\":\"https://lmarena.ai/\",\"method\":\"bradley-terry\","
    "\"battles\":1799991,\"bootstrap_rounds\":1000},"
    "\"models\":[{\"model\":\"gemini-3-pro\",\"organization\":\"Google\","
    "\"rating\":1490,\"ci_lower\":1485,\"ci_upper\":1495,\"rank\":1,"
    "\"rank_spread\":[1,2],\"votes\":21938,\"preliminary\":false},"
    "{\"model\":\"a|b*c*\",\"rating\":1480.5,\"ci_lower\":1472.5,"
    "\"ci_upper\":1488.5,\"rank\":2,\"preliminary\":true,"
    "\"scores\":{\"medical\":81.9},\"extra\":{\"Price $/M\":\"5 / 25\"}}]}";

static void round_trip_keeps_every_field(void **state)
{
    (void)state;
    LbError err = {0};
    Leaderboard *lb = parse(sample, &err);
    assert_non_null(lb);
    assert_int_equal(lb->n_models, 2);
    assert_int_equal(lb->kind, LB_KIND_ARENA);
    assert_int_equal(lb->source.battles, 1799991);
    LbModel *m = &lb->models[0];
    assert_string_equal(m->model, "gemini-3-pro");
    assert_int_equal(m->votes, 21938);
    assert_int_equal(m->rank_spread[1], 2);
    assert_int_equal(m->preliminary, 0);
    assert_null(m->license);
    assert_true(isnan(m->style_rating));
    assert_int_equal(lb->models[1].votes, -1);

    cJSON *json = leaderboard_to_json(lb);
    char *a = cJSON_PrintUnformatted(json);
    Leaderboard *again = leaderboard_from_json(json, "again", &err);
    assert_non_null(again);
    cJSON *json2 = leaderboard_to_json(again);
    char *b = cJSON_PrintUnformatted(json2);
    assert_string_equal(a, b);
    assert_null(strstr(a, "\"license\"")); /* absent stays absent */
    free(a);
    free(b);
    cJSON_Delete(json);
    cJSON_Delete(json2);
    leaderboard_free(again);
    leaderboard_free(lb);
}

static void expect_error(const char *text, const char *message)
{
    LbError err = {0};
    Leaderboard *lb = parse(text, &err);
    assert_null(lb);
    assert_int_equal(err.status, LB_EINPUT);
    assert_string_equal(err.message, message);
}

static void bad_records_are_named(void **state)
{
    (void)state;
    expect_error("{\"id\":\"x\",\"kind\":\"arena\",\"models\":[{\"model\":\"a\"},"
                 "{\"model\":\"b\",\"votes\":-3}]}",
                 "t.json: models[1].votes: expected a non-negative integer");
    expect_error("{\"id\":\"x\",\"kind\":\"league\",\"models\":[]}",
                 "t.json: kind: expected arena, winrate or benchmark");
    expect_error("{\"id\":\"x\",\"kind\":\"arena\",\"models\":[{\"model\":\"a\"},"
                 "{\"model\":\"a\"}]}",
                 "t.json: models[1]: model \"a\" appears twice (first as models[0])");
    expect_error("{\"id\":\"x\",\"kind\":\"arena\",\"models\":[{\"model\":\"a\","
                 "\"url\":\"javascript:alert(1)\"}]}",
                 "t.json: models[0].url: only absolute http(s) links are allowed");
    expect_error("{\"id\":\"x\",\"kind\":\"arena\",\"models\":[{\"model\":\"a\","
                 "\"rating\":10,\"ci_lower\":12,\"ci_upper\":14}]}",
                 "t.json: models[0].ci: rating outside its confidence interval");
    expect_error("{\"id\":\"x\",\"kind\":\"arena\",\"models\":[{\"model\":\"\"}]}",
                 "t.json: models[0].model: must not be empty");
    expect_error("{\"id\":\"x\",\"kind\":\"arena\",\"models\":[{\"model\":\"a\","
                 "\"raiting\":3}]}",
                 "t.json: models[0].raiting: unknown field");
    expect_error("{\"id\":\"x\",\"kind\":\"arena\",\"models\":[{\"model\":\"a\","
                 "\"rating\":1e400}]}",
                 "t.json: models[0].rating: number out of range");
    expect_error("{\"id\":\"x\",\"kind\":\"arena\"}", "t.json: models: missing");
}

static void urls_must_be_http(void **state)
{
    (void)state;
    assert_true(lb_url_is_http("https://lmarena.ai/leaderboard"));
    assert_true(lb_url_is_http("http://example.com"));
    assert_false(lb_url_is_http("javascript:alert(1)"));
    assert_false(lb_url_is_http("data:text/html,x"));
    assert_false(lb_url_is_http("https://"));
    assert_false(lb_url_is_http("//example.com"));
    assert_false(lb_url_is_http("https://a.com/\"onclick=x"));
    assert_false(lb_url_is_http("HTTPS://a b"));
}

static void csv_quotes_and_orders(void **state)
{
    (void)state;
    Leaderboard *lb = leaderboard_new("b", LB_KIND_BENCHMARK);
    LbModel *m = leaderboard_add_model(lb, "z, \"quoted\"");
    m->rating = 50;
    lb_model_add_score(m, "law", 70.25);
    m = leaderboard_add_model(lb, "alpha");
    m->rating = 60;
    m = leaderboard_add_model(lb, "beta");
    m->rating = 60;
    m = leaderboard_add_model(lb, "unrated");
    leaderboard_sort_by_rating(lb);
    assert_string_equal(lb->models[0].model, "alpha");
    assert_string_equal(lb->models[1].model, "beta");
    assert_string_equal(lb->models[3].model, "unrated");
    Buf csv = BUF_INIT;
    leaderboard_write_csv(lb, &csv);
    assert_non_null(strstr(csv.data, ",law\r\n"));
    assert_non_null(strstr(csv.data, ",\"z, \"\"quoted\"\"\",50,"));
    assert_non_null(strstr(csv.data, ",70.25\r\n"));
    buf_free(&csv);
    leaderboard_free(lb);
}

/* The CSV carries every field the JSON has: the optional ones as columns
 * when some model has them, extra columns as "extra.NAME". */
static void csv_carries_every_field(void **state)
{
    (void)state;
    Leaderboard *lb = leaderboard_new("w", LB_KIND_WINRATE);
    LbModel *m = leaderboard_add_model(lb, "a");
    m->rating = 60.5;
    m->rank = 1;
    m->rank_ub = 1;
    m->avg_tokens = 512.5;
    m->style_rating = 58;
    m->style_ci_lower = 55;
    m->style_ci_upper = 61;
    m->style_rank = 2;
    m->is_new = 1;
    m->first_seen = xstrdup("2024-06-01T00:00:00Z");
    m->last_seen = xstrdup("2024-06-02T00:00:00Z");
    m->params = xstrdup("7B");
    m->context = 32768;
    m->hf_likes = 0;
    m->hf_downloads = 12;
    lb_model_add_extra(m, "note", "x, y");
    m = leaderboard_add_model(lb, "b");
    m->rating = 50;
    m->rank = 2;
    lb_model_add_extra(m, "region", "eu");
    Buf csv = BUF_INIT;
    leaderboard_write_csv(lb, &csv);
    assert_string_equal(
        csv.data,
        "rank,model,rating,ci_lower,ci_upper,rank_spread_lo,rank_spread_hi,"
        "votes,preliminary,organization,license,url,display_name,"
        "price_input,price_output,context,sessions,rank_ub,new,"
        "style_rating,style_ci_lower,style_ci_upper,style_rank,avg_tokens,"
        "first_seen,last_seen,params,hf_likes,hf_downloads,"
        "extra.note,extra.region\r\n"
        "1,a,60.5,,,,,,,,,,,,,32768,,1,true,58,55,61,2,512.5,"
        "2024-06-01T00:00:00Z,2024-06-02T00:00:00Z,7B,0,12,\"x, y\",\r\n"
        "2,b,50,,,,,,,,,,,,,,,,,,,,,,,,,,,,eu\r\n");
    buf_free(&csv);
    leaderboard_free(lb);
    /* A board without them keeps the fixed columns only. */
    lb = leaderboard_new("w", LB_KIND_WINRATE);
    m = leaderboard_add_model(lb, "a");
    m->rating = 1;
    leaderboard_write_csv(lb, &csv);
    assert_string_equal(csv.data,
                        "rank,model,rating,ci_lower,ci_upper,rank_spread_lo,"
                        "rank_spread_hi,votes,preliminary,organization,"
                        "license,url,display_name,price_input,price_output,"
                        "context,sessions\r\n,a,1,,,,,,,,,,,,,,\r\n");
    buf_free(&csv);
    leaderboard_free(lb);
}

static void catalog_fields_round_trip(void **state)
{
    (void)state;
    LbError err = {0};
    Leaderboard *lb = parse(
        "{\"id\":\"c\",\"kind\":\"benchmark\",\"models\":[{\"model\":\"a\","
        "\"params\":\"3B\",\"context\":131072,\"hf_likes\":0,"
        "\"hf_downloads\":1367670},{\"model\":\"b\"}]}", &err);
    assert_non_null(lb);
    assert_string_equal(lb->models[0].params, "3B");
    assert_int_equal(lb->models[0].context, 131072);
    assert_int_equal(lb->models[0].hf_likes, 0);
    assert_int_equal(lb->models[0].hf_downloads, 1367670);
    assert_int_equal(lb->models[1].hf_likes, -1);
    assert_null(lb->models[1].params);
    cJSON *json = leaderboard_to_json(lb);
    char *text = cJSON_PrintUnformatted(json);
    assert_non_null(strstr(text, "\"hf_likes\":0,\"hf_downloads\":1367670"));
    assert_null(strstr(text, "\"model\":\"b\",\"")); /* b has nothing else */
    free(text);
    cJSON_Delete(json);
    leaderboard_free(lb);
    expect_error("{\"id\":\"c\",\"kind\":\"benchmark\",\"models\":"
                 "[{\"model\":\"a\",\"context\":0}]}",
                 "t.json: models[0].context: expected a positive integer");
}

/* The fields of today's arena boards: prices, context, sessions, metrics
 * with their intervals, the display name, the category and the source. */
static const char *const arena_today =
    "{\"id\":\"agent\",\"kind\":\"arena\",\"category\":\"full\","
    "\"source\":{\"url\":\"https://arena.ai/leaderboard/agent\","
    "\"adapter\":\"arena-catalog\",\"prices_url\":\"https://x.org/p.json\"},"
    "\"models\":[{\"model\":\"claude-opus-5-high\",\"display_name\":"
    "\"Claude Opus 5 (High)\",\"rank\":1,\"rank_spread\":[1,6],"
    "\"sessions\":19787,\"price_input\":0.75,\"price_output\":3.57,"
    "\"context\":1100000,\"metrics\":[{\"name\":\"Net improvement\","
    "\"value\":12.47,\"ci_lower\":10.93,\"ci_upper\":14.01},"
    "{\"name\":\"Tool hallucination\",\"value\":-0.5}]}]}";

static void today_fields_round_trip(void **state)
{
    (void)state;
    LbError err = {0};
    Leaderboard *lb = parse(arena_today, &err);
    if (!lb)
        fail_msg("%s", err.message);
    const LbModel *m = &lb->models[0];
    assert_string_equal(lb->category, "full");
    assert_string_equal(lb->source.adapter, "arena-catalog");
    assert_string_equal(lb->source.prices_url, "https://x.org/p.json");
    assert_string_equal(m->display_name, "Claude Opus 5 (High)");
    assert_true(m->price_input == 0.75 && m->price_output == 3.57);
    assert_int_equal(m->context, 1100000);
    assert_int_equal(m->sessions, 19787);
    assert_int_equal(m->votes, -1);
    assert_int_equal(m->n_metrics, 2);
    assert_string_equal(m->metrics[0].name, "Net improvement");
    assert_true(m->metrics[0].ci_lower == 10.93);
    assert_true(isnan(m->metrics[1].ci_upper));
    cJSON *json = leaderboard_to_json(lb);
    char *text = cJSON_PrintUnformatted(json);
    assert_non_null(strstr(text, "\"metrics\":[{\"name\":\"Net improvement\","
                                 "\"value\":12.47,\"ci_lower\":10.93,"
                                 "\"ci_upper\":14.01},{\"name\":"
                                 "\"Tool hallucination\",\"value\":-0.5}]"));
    assert_non_null(strstr(text, "\"price_input\":0.75,\"price_output\":3.57,"
                                 "\"context\":1100000"));
    Leaderboard *again = leaderboard_from_json(json, "again", &err);
    assert_non_null(again);
    free(text);
    cJSON_Delete(json);
    Buf csv = BUF_INIT;
    leaderboard_write_csv(again, &csv);
    assert_non_null(strstr(csv.data, ",url,display_name,price_input,"
                                     "price_output,context,sessions,"
                                     "Net improvement,Net improvement "
                                     "ci_lower,Net improvement ci_upper,"
                                     "Tool hallucination,"));
    assert_non_null(strstr(csv.data, ",Claude Opus 5 (High),0.75,3.57,"
                                     "1100000,19787,12.47,10.93,14.01,-0.5,,"
                                     "\r\n"));
    buf_free(&csv);
    leaderboard_free(again);
    leaderboard_free(lb);
}

#define ONE(fields) \
    "{\"id\":\"x\",\"kind\":\"arena\",\"models\":[{\"model\":\"a\"," fields "}]}"

static void today_fields_are_checked(void **state)
{
    (void)state;
    expect_error(ONE("\"price_input\":-1"), "t.json: models[0].price_input: "
                 "expected USD per million tokens, from 0 to 1000000");
    expect_error(ONE("\"price_output\":\"free\""),
                 "t.json: models[0].price_output: expected a number");
    expect_error(ONE("\"price_output\":2e6"), "t.json: models[0].price_output: "
                 "expected USD per million tokens, from 0 to 1000000");
    expect_error(ONE("\"context\":0"),
                 "t.json: models[0].context: expected a positive integer");
    expect_error(ONE("\"context\":1.5"),
                 "t.json: models[0].context: expected a positive integer");
    expect_error(ONE("\"context\":20000000000"),
                 "t.json: models[0].context: more than 10000000000 tokens");
    expect_error(ONE("\"context_length\":4096"),
                 "t.json: models[0].context_length: unknown field");
    expect_error(ONE("\"sessions\":-2"),
                 "t.json: models[0].sessions: expected a non-negative integer");
    expect_error(ONE("\"metrics\":{\"a\":1}"), "t.json: models[0].metrics: "
                 "expected an array of {name, value, ci_lower, ci_upper}");
    expect_error(ONE("\"metrics\":[{\"name\":\"m\",\"value\":101}]"),
                 "t.json: models[0].metrics[0].value: expected a percentage from -100 "
                 "to 100");
    expect_error(ONE("\"metrics\":[{\"name\":\"m\",\"value\":1e400}]"),
                 "t.json: models[0].metrics[0].value: number out of range");
    expect_error(ONE("\"metrics\":[{\"name\":\"m\",\"value\":5,"
                     "\"ci_lower\":6,\"ci_upper\":7}]"),
                 "t.json: models[0].metrics[0]: metric \"m\" has its value "
                 "outside its interval");
    expect_error(ONE("\"metrics\":[{\"name\":\"m\",\"value\":5,"
                     "\"ci_lower\":4}]"),
                 "t.json: models[0].metrics[0]: metric \"m\" needs both "
                 "ci_lower and ci_upper, or neither");
    expect_error(ONE("\"metrics\":[{\"name\":\"m\"}]"),
                 "t.json: models[0].metrics[0]: metric \"m\" has no value");
    expect_error(ONE("\"metrics\":[{\"name\":\"m\",\"value\":1,"
                     "\"ci_lower\":-250,\"ci_upper\":2}]"),
                 "t.json: models[0].metrics[0].ci_lower: expected a "
                 "percentage from -200 to 200");
    expect_error(ONE("\"metrics\":[{\"name\":\"m\",\"value\":1},"
                     "{\"name\":\"m\",\"value\":2}]"),
                 "t.json: models[0].metrics[1]: metric \"m\" appears twice");
    expect_error(ONE("\"metrics\":[{\"name\":\"m\",\"value\":1,\"unit\":\"%\"}]"),
                 "t.json: models[0].metrics[0].unit: unknown field");
    expect_error("{\"id\":\"x\",\"kind\":\"arena\",\"category\":\"../x\","
                 "\"models\":[]}", "t.json: category: expected 1 to 64 of a-z, "
                 "0-9, '_' and '-'");
    expect_error("{\"id\":\"x\",\"kind\":\"arena\",\"source\":{\"adapter\":"
                 "\"A B\"},\"models\":[]}",
                 "t.json: source.adapter: expected an adapter name like "
                 "arena-html");
    expect_error("{\"id\":\"x\",\"kind\":\"arena\",\"source\":{"
                 "\"prices_url\":\"file:///etc/passwd\"},\"models\":[]}",
                 "t.json: source.prices_url: only absolute http(s) links are "
                 "allowed");
}

/* Data files keep a source's numbers as it wrote them: the shortest
 * decimal that reads back as the same double. */
static void numbers_are_written_shortest(void **state)
{
    (void)state;
    cJSON *o = cJSON_Parse("{\"a\":1486.391701071574,\"b\":[0.1,-0.0,3,"
                           "1e300,12.47,1475.29730512301,-2.5e-7],"
                           "\"c\":{\"d\":1799991}}");
    char *text = json_print(o);
    cJSON *again = cJSON_Parse(text);
    assert_true(cJSON_Compare(o, again, 1));
    assert_non_null(strstr(text, "\"a\":\t1486.391701071574,"));
    assert_non_null(strstr(text, "[0.1, 0, 3, 1e+300, 12.47, "
                                 "1475.29730512301, -2.5e-07]"));
    assert_non_null(strstr(text, "\"d\":\t1799991"));
    free(text);
    cJSON_Delete(again);
    cJSON_Delete(o);
}

/* Both ratings of a model, with and without style control, and what the
 * board's own `rating` is: the twins say what `rating` is not. */
static void style_control_and_twins(void **state)
{
    (void)state;
    LbError err = {0};
    Leaderboard *lb = parse("{\"id\":\"x\",\"kind\":\"arena\",\"style_control\":true,"
                            "\"truncated\":true,\"models\":[{\"model\":\"a\","
                            "\"rating\":1492.5,\"ci_lower\":1486,\"ci_upper\":1498,"
                            "\"rank\":1,\"plain_rating\":1486.6,\"plain_ci_lower\":1480.4,"
                            "\"plain_ci_upper\":1492.8,\"plain_rank\":2}]}", &err);
    assert_non_null(lb);
    assert_int_equal(lb->style_control, 1);
    assert_int_equal(lb->truncated, 1);
    double rating;
    int rank;
    assert_int_equal(lb_headline_variant(lb), LB_STYLE);
    assert_true(lb_variant_value(lb, &lb->models[0], LB_STYLE, &rating, &rank));
    assert_true(rating == 1492.5 && rank == 1);
    assert_true(lb_variant_value(lb, &lb->models[0], LB_PLAIN, &rating, &rank));
    assert_true(rating == 1486.6 && rank == 2);
    assert_true(lb_has_variant(lb, LB_PLAIN));
    cJSON *json = leaderboard_to_json(lb);
    char *text = cJSON_PrintUnformatted(json);
    assert_non_null(strstr(text, "\"style_control\":true,\"truncated\":true"));
    assert_non_null(strstr(text, "\"plain_rating\":1486.6,\"plain_ci_lower\":1480.4,"
                                 "\"plain_ci_upper\":1492.8,\"plain_rank\":2"));
    free(text);
    cJSON_Delete(json);
    leaderboard_free(lb);

    expect_error(ONE("\"rating\":5,\"plain_rating\":4"),
                 "t.json: models[0].plain_rating: the rating without style control is "
                 "only kept beside style-controlled ratings (\"style_control\": true)");
    expect_error("{\"id\":\"x\",\"kind\":\"arena\",\"style_control\":true,"
                 "\"models\":[{\"model\":\"a\",\"rating\":5,\"style_rating\":4}]}",
                 "t.json: models[0].style_rating: the ratings are already "
                 "style-controlled (\"style_control\": true)");
    expect_error("{\"id\":\"x\",\"kind\":\"arena\",\"style_control\":1,\"models\":[]}",
                 "t.json: style_control: expected true or false");
    expect_error("{\"id\":\"x\",\"kind\":\"arena\",\"style_control\":true,"
                 "\"models\":[{\"model\":\"a\",\"plain_rating\":5,"
                 "\"plain_ci_lower\":6,\"plain_ci_upper\":7}]}",
                 "t.json: models[0].plain_ci: rating outside its confidence interval");
    /* Without twins, a board has the one variant its rating is. */
    Leaderboard *plain = parse(ONE("\"rating\":5"), &err);
    assert_int_equal(lb_headline_variant(plain), LB_PLAIN);
    assert_false(lb_has_variant(plain, LB_STYLE));
    assert_false(lb_variant_value(plain, &plain->models[0], LB_STYLE, &rating, &rank));
    leaderboard_free(plain);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip_keeps_every_field),
        cmocka_unit_test(csv_carries_every_field),
        cmocka_unit_test(bad_records_are_named),
        cmocka_unit_test(urls_must_be_http),
        cmocka_unit_test(csv_quotes_and_orders),
        cmocka_unit_test(catalog_fields_round_trip),
        cmocka_unit_test(today_fields_round_trip),
        cmocka_unit_test(today_fields_are_checked),
        cmocka_unit_test(style_control_and_twins),
        cmocka_unit_test(numbers_are_written_shortest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
