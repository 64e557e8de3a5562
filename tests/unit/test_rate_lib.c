/* The ratings library (rate.h) and the adapters on top of it: a file, a
 * stream and the same bytes in memory give identical Leaderboards;
 * live.options parse into the knobs, and bad ones are named. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "adapter.h"
#include "buf.h"
#include "fileio.h"
#include "jsonfile.h"
#include "mem.h"
#include "jsonscan.h"
#include "rate.h"

#define BATTLES "tests/fixtures/rate/battles.jsonl"
#define BATTLES_ARRAY "tests/fixtures/rate/battles.json"
#define JUDGMENTS "tests/fixtures/rate/judgments.jsonl"

static char *board_text(const Leaderboard *lb)
{
    assert_non_null(lb);
    cJSON *json = leaderboard_to_json(lb);
    char *text = cJSON_Print(json);
    cJSON_Delete(json);
    return text;
}

static char *slurp(const char *path, size_t *len)
{
    char *text;
    LbError err = {0};
    assert_int_equal(file_read_all(path, &text, len, &err), 0);
    return text;
}

static RateOptions small_options(void)
{
    RateOptions o;
    rate_options_init(&o);
    o.id = "arena";
    o.source_name = "battles";
    o.bootstrap = 40;
    o.threads = 2;
    return o;
}

/* Rates the battles in `path` read from the file, a stream and memory. */
static void check_three_readers(const char *path, const RateOptions *o)
{
    BattleReadOptions ro = rate_read_options(o);
    LbError err = {0};
    Battles a, b, c;
    battles_init(&a);
    battles_init(&b);
    battles_init(&c);
    assert_int_equal(battles_read(path, &ro, &a, &err), 0);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(battles_read_stream(f, path, &ro, &b, &err), 0);
    fclose(f);
    size_t len;
    char *bytes = slurp(path, &len);
    assert_int_equal(battles_read_memory(bytes, len, path, &ro, &c, &err), 0);
    free(bytes);
    assert_true(a.n > 0);
    assert_int_equal(a.records, c.records);

    Leaderboard *la = rate_battles(&a, o, &err);
    Leaderboard *lb = rate_battles(&b, o, &err);
    Leaderboard *lc = rate_battles(&c, o, &err);
    char *ta = board_text(la), *tb = board_text(lb), *tc = board_text(lc);
    assert_string_equal(ta, tb);
    assert_string_equal(ta, tc);
    free(ta);
    free(tb);
    free(tc);
    leaderboard_free(la);
    leaderboard_free(lb);
    leaderboard_free(lc);
    battles_free(&a);
    battles_free(&b);
    battles_free(&c);
}

static void test_file_stream_memory_identical(void **state)
{
    (void)state;
    RateOptions o = small_options();
    check_three_readers(BATTLES, &o);
    check_three_readers(BATTLES_ARRAY, &o);
    o.style_control = 1;
    o.read.anony_only = 0;
    check_three_readers(BATTLES, &o);
    o.style_control = 0;
    o.method = RATE_ELO;
    check_three_readers(BATTLES, &o);
}

/* Over 1 MiB the file is read in several blocks, memory in one. */
static void test_large_input_across_blocks(void **state)
{
    (void)state;
    char path[] = "/tmp/lbgen-rate-lib-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    for (int k = 0; k < 30000; k++)
        fprintf(f, "{\"model_a\": \"m%02d\", \"model_b\": \"m%02d\", "
                   "\"winner\": \"%s\", \"anony\": true, \"tstamp\": %d, "
                   "\"padding\": \"%s\"}\n",
                k % 7, (k * 3 + 1) % 11, k % 5 == 0 ? "tie" : k % 3 ? "model_a"
                                                                   : "model_b",
                1700000000 + k, "................................");
    fclose(f);
    size_t len;
    char *bytes = slurp(path, &len);
    assert_true(len > 2 * JSON_SCAN_BLOCK);
    free(bytes);
    RateOptions o = small_options();
    o.bootstrap = 5;
    check_three_readers(path, &o);
    unlink(path);
}

static void test_memory_errors_are_located(void **state)
{
    (void)state;
    const char text[] = "{\"model_a\":\"a\",\"model_b\":\"b\",\"winner\":"
                        "\"model_a\",\"anony\":true}\n{\"model_a\":\"a\","
                        "\"model_b\":\"b\",\"winner\":\"draw\",\"anony\":true}";
    RateOptions o = small_options();
    o.source_name = "https://example.org/battles.jsonl";
    LbError err = {0};
    /* Not NUL-terminated where it ends: the reader must not look past. */
    char *copy = xmalloc(sizeof text - 1);
    memcpy(copy, text, sizeof text - 1);
    Leaderboard *lb = rate_battles_memory(copy, sizeof text - 1, &o, &err);
    free(copy);
    assert_null(lb);
    assert_int_equal(err.status, LB_EINPUT);
    assert_string_equal(err.message,
                        "https://example.org/battles.jsonl:2:39: error: "
                        "record 2: unknown winner \"draw\" (expected model_a, "
                        "model_b, tie, tie (bothbad) or both_bad) (byte 100)");
}

static void test_judgments_file_and_memory(void **state)
{
    (void)state;
    RateOptions o = small_options();
    o.method = RATE_WINRATE;
    o.baseline = "base";
    o.id = "arena-hard";
    LbError err = {0};
    WinrateSummary s1, s2;
    Leaderboard *a = rate_judgments(JUDGMENTS, &o, &s1, &err);
    size_t len;
    char *bytes = slurp(JUDGMENTS, &len);
    Leaderboard *b = rate_judgments_memory(bytes, len, &o, &s2, &err);
    free(bytes);
    char *ta = board_text(a), *tb = board_text(b);
    assert_string_equal(ta, tb);
    assert_int_equal(s1.judgments, 60);
    assert_int_equal(s2.questions, 30);
    assert_int_equal(a->kind, LB_KIND_WINRATE);
    assert_string_equal(a->models[1].model, "base"); /* sorted by score */
    assert_true(a->models[1].rating == 50.0);
    free(ta);
    free(tb);
    leaderboard_free(a);
    leaderboard_free(b);

    o.baseline = "nobody";
    assert_null(rate_judgments(JUDGMENTS, &o, NULL, &err));
    assert_non_null(strstr(err.message, "no judgment is against the "
                                        "baseline 'nobody'"));
}

static void collect(void *ctx, const char *message)
{
    buf_puts(ctx, message);
}

static void test_warnings_go_to_the_callback(void **state)
{
    (void)state;
    const char *text =
        "{\"model_a\":\"a\",\"model_b\":\"b\",\"winner\":\"model_b\","
        "\"anony\":true}\n";
    Buf warnings = BUF_INIT;
    RateOptions o = small_options();
    o.bootstrap = 10;
    o.warn = collect;
    o.warn_ctx = &warnings;
    LbError err = {0};
    Leaderboard *lb = rate_battles_memory(text, strlen(text), &o, &err);
    assert_non_null(lb);
    assert_non_null(warnings.data);
    assert_non_null(strstr(warnings.data, "never won (no finite "
                                          "maximum-likelihood rating): a"));
    leaderboard_free(lb);
    buf_free(&warnings);

    o.anchor_model = "nobody";
    assert_null(rate_battles_memory(text, strlen(text), &o, &err));
    assert_string_equal(err.message, "--anchor: model 'nobody' has no "
                                     "battles in battles");
}

/* ---- live.options ------------------------------------------------------ */

static int parse(AdapterSettings *s, const char *adapter, const char *json,
                 LbError *err)
{
    cJSON *o = json ? json_parse_text("options", json, strlen(json), err)
                    : NULL;
    int rc = adapter_settings_parse(s, adapter, o, "cfg.live.options", err);
    cJSON_Delete(o);
    return rc;
}

static void test_settings_defaults_and_knobs(void **state)
{
    (void)state;
    AdapterSettings s;
    LbError err = {0};
    assert_int_equal(parse(&s, "battles", NULL, &err), 0);
    /* Sandwich intervals, no bootstrap: lmarena/arena-rank's default. */
    assert_int_equal(s.rate.bootstrap, -1);
    assert_int_equal(rate_ci(&s.rate), RATE_CI_SANDWICH);
    assert_int_equal(rate_rounds(&s.rate), 0);
    assert_int_equal(s.rate.seed, 42);
    assert_int_equal(s.rate.method, RATE_BT);
    assert_int_equal(s.rate.read.anony_only, 1);
    adapter_settings_free(&s);

    assert_int_equal(parse(&s, "battles",
                           "{\"bootstrap\": 7, \"seed\": 9, \"method\": "
                           "\"elo\", \"anchor\": \"beta\", \"anchor_rating\":"
                           " 1000, \"preliminary_votes\": 5, "
                           "\"preliminary_days\": 1.5, \"anony_only\": false,"
                           " \"since\": \"2024-06-02\", \"until\": 1718000000,"
                           " \"where\": {\"language\": \"English\", "
                           "\"dedup_tag.sampled\": true}}",
                           &err),
                     0);
    assert_int_equal(s.rate.bootstrap, 7);
    assert_int_equal(s.rate.seed, 9);
    assert_int_equal(s.rate.method, RATE_ELO);
    assert_string_equal(s.rate.anchor_model, "beta");
    assert_true(s.rate.anchor_rating == 1000);
    assert_int_equal(s.rate.preliminary_votes, 5);
    assert_true(s.rate.preliminary_days == 1.5);
    assert_int_equal(s.rate.read.anony_only, 0);
    assert_true(s.rate.read.since == 1717286400.0);
    assert_true(s.rate.read.until > 1718000000.0 &&
                s.rate.read.until < 1718000000.001);
    assert_int_equal(s.rate.read.n_where, 2);
    assert_string_equal(s.rate.read.where[1].path, "dedup_tag.sampled");
    assert_string_equal(s.rate.read.where[1].value, "true");
    adapter_settings_free(&s);

    assert_int_equal(parse(&s, "arena-hard", "{\"baseline\": \"gpt-4\"}",
                           &err),
                     0);
    assert_int_equal(s.rate.method, RATE_WINRATE);
    assert_string_equal(s.rate.baseline, "gpt-4");
    adapter_settings_free(&s);
    assert_int_equal(parse(&s, "arena-html", "{}", &err), 0);
    adapter_settings_free(&s);
}

static void expect_error(const char *adapter, const char *json,
                         const char *message)
{
    AdapterSettings s;
    LbError err = {0};
    assert_int_equal(parse(&s, adapter, json, &err), -1);
    assert_int_equal(err.status, LB_EINPUT);
    assert_string_equal(err.message, message);
    adapter_settings_free(&s);
}

static void test_settings_errors(void **state)
{
    (void)state;
    expect_error("battles", "{\"rounds\": 3}",
                 "cfg.live.options.rounds: unknown option (known: bootstrap, "
                 "seed, method, ci, style_control, anchor, anchor_rating, "
                 "preliminary_votes, preliminary_days, anony_only, since, "
                 "until, where, weight_field, baseline)");
    expect_error("battles", "{\"bootstrap\": 1.5}",
                 "cfg.live.options.bootstrap: expected an integer from 0 to "
                 "1000000");
    expect_error("battles", "{\"baseline\": \"x\"}",
                 "cfg.live.options.baseline: not an option of the battles "
                 "adapter (it belongs to arena-hard)");
    expect_error("arena-hard", "{\"baseline\": \"x\", \"anchor\": "
                               "\"y\"}",
                 "cfg.live.options.anchor: not an option of the "
                 "arena-hard adapter (it belongs to battles)");
    expect_error("arena-hard", "{\"bootstrap\": 10}",
                 "cfg.live.options.baseline: missing: the arena-hard adapter "
                 "needs the baseline model");
    expect_error("battles", "{\"method\": \"winrate\"}",
                 "cfg.live.options.method: \"winrate\" rates judgments: use "
                 "the arena-hard adapter");
    expect_error("battles", "{\"method\": \"best\"}",
                 "cfg.live.options.method: expected bt, elo or winrate");
    expect_error("battles", "{\"method\": \"elo\", \"style_control\": true}",
                 "cfg.live.options.style_control: goes with method bt or "
                 "winrate, not elo");
    expect_error("battles", "{\"method\": \"elo\", \"ci\": \"sandwich\"}",
                 "cfg.live.options.ci: sandwich intervals go with method bt "
                 "(elo intervals are bootstrap quantiles)");
    expect_error("battles", "{\"ci\": \"jackknife\"}",
                 "cfg.live.options.ci: expected sandwich or bootstrap");
    expect_error("battles", "{\"weight_field\": 3}",
                 "cfg.live.options.weight_field: expected a non-empty name, "
                 "not a number");
    expect_error("battles", "{\"style_control\": \"yes\"}",
                 "cfg.live.options.style_control: expected true or false, "
                 "not a string");
    expect_error("battles", "{\"since\": \"2024-06-05\", \"until\": "
                            "\"2024-06-01\"}",
                 "cfg.live.options.until: is not after since");
    expect_error("battles", "{\"where\": {\"a\": [1]}}",
                 "cfg.live.options.where: expected an object of "
                 "\"dotted.path\": value with scalar values");
    expect_error("table", "{\"bootstrap\": 5}",
                 "cfg.live.options: the table adapter takes no options");
    expect_error("battles", "[]", "cfg.live.options: expected an object");
}

/* The registered adapters give what the library gives, checked. */
static void test_adapters_registered(void **state)
{
    (void)state;
    const Adapter *battles = adapter_find("battles");
    const Adapter *hard = adapter_find("arena-hard");
    assert_non_null(battles);
    assert_non_null(hard);
    size_t len;
    char *bytes = slurp(BATTLES, &len);
    AdapterSettings s;
    LbError err = {0};
    assert_int_equal(parse(&s, "battles", "{\"bootstrap\": 30}", &err), 0);
    AdapterOptions ao = {0};
    ao.id = "arena";
    ao.source_name = "battles";
    ao.rate = &s.rate;
    Leaderboard *via_adapter = adapter_run(battles, bytes, len, &ao, &err);
    RateOptions o = small_options();
    o.bootstrap = 30;
    o.threads = 0;
    Leaderboard *direct = rate_battles_memory(bytes, len, &o, &err);
    char *ta = board_text(via_adapter), *tb = board_text(direct);
    assert_string_equal(ta, tb);
    assert_int_equal(via_adapter->source.bootstrap_rounds, 30);
    free(ta);
    free(tb);
    leaderboard_free(via_adapter);
    leaderboard_free(direct);
    adapter_settings_free(&s);
    free(bytes);

    bytes = slurp(JUDGMENTS, &len);
    ao.rate = NULL; /* defaults: no baseline */
    assert_null(adapter_run(hard, bytes, len, &ao, &err));
    assert_non_null(strstr(err.message, "needs a baseline model"));
    assert_int_equal(parse(&s, "arena-hard", "{\"baseline\": \"base\", "
                                             "\"bootstrap\": 0}",
                           &err),
                     0);
    ao.rate = &s.rate;
    Leaderboard *lb = adapter_run(hard, bytes, len, &ao, &err);
    assert_non_null(lb);
    assert_int_equal(lb->kind, LB_KIND_WINRATE);
    assert_int_equal(lb->n_models, 3);
    leaderboard_free(lb);
    adapter_settings_free(&s);
    free(bytes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_file_stream_memory_identical),
        cmocka_unit_test(test_large_input_across_blocks),
        cmocka_unit_test(test_memory_errors_are_located),
        cmocka_unit_test(test_judgments_file_and_memory),
        cmocka_unit_test(test_warnings_go_to_the_callback),
        cmocka_unit_test(test_settings_defaults_and_knobs),
        cmocka_unit_test(test_settings_errors),
        cmocka_unit_test(test_adapters_registered),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
