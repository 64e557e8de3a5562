/* Validates every committed data file (the embedded default the site
 * builds from, and data/history/) against the Leaderboard data model of
 * ARCHITECTURE.md, and checks each leaderboard and category of
 * leaderboards.json against its data file.
 *
 * Rules: the fields the shared model knows and nothing else; numbers are
 * numbers; optional fields are absent, never ""; ranks start at 1 and never
 * decrease; ci_lower <= rating <= ci_upper; rank spreads contain the rank;
 * model names are unique and free of the defects of the pages they were
 * read from (glued icon text, "Organization · License" lines, link stubs,
 * badges); the values spot-checked below are those the real sources
 * published (tools/real-data/README.md). */
#include <dirent.h>
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "jsonfile.h"
#include "leaderboard.h"

static const char *const BENCHMARK_SCORES[] = {
    "medical", "education", "finance", "law", "public_administration",
    "mental_health", "reasoning_math", "language_instruction", "total", NULL};
/* Icon texts the seed page glued to model names. */
static const char *const ICON_PREFIXES[] = {
    "Anthropic", "Azure", "Cohere", "HuggingFace", "InternLM", "Meta",
    "Minimax", "MoonshotAI", "Nvidia", "OpenChat", "Snowflake", "Stability",
    "Stepfun", "Tencent", "01.AI", NULL};

static char path_buf[4096];

static const char *root_path(const char *rel)
{
    const char *root = getenv("ROOT");
    snprintf(path_buf, sizeof path_buf, "%s/%s", root ? root : ".", rel);
    return path_buf;
}

static cJSON *load(const char *rel)
{
    LbError err = {0};
    cJSON *json = json_load_file(root_path(rel), &err);
    if (!json)
        fail_msg("%s", err.message);
    return json;
}

static int in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return 1;
    return 0;
}

static void only_known_fields(const char *where, const cJSON *obj,
                              const char *const *known)
{
    const cJSON *item;
    cJSON_ArrayForEach(item, obj) {
        if (!in_list(item->string, known))
            fail_msg("%s: unknown field \"%s\"", where, item->string);
        if (cJSON_IsString(item) && item->valuestring[0] == '\0')
            fail_msg("%s: \"%s\" is an empty string (absent fields are "
                     "left out)", where, item->string);
        if (cJSON_IsNull(item))
            fail_msg("%s: \"%s\" is null", where, item->string);
    }
}

static int is_integer(const cJSON *v)
{
    return cJSON_IsNumber(v) && v->valuedouble == floor(v->valuedouble);
}

static void check_model(const char *file, const char *kind, const cJSON *m,
                        int index, int *last_rank)
{
    char where[512];
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(m, "model");
    snprintf(where, sizeof where, "%s: models[%d] (%s)", file, index,
             cJSON_IsString(name) ? name->valuestring : "?");
    for (const char *const *p = ICON_PREFIXES; *p; p++) {
        size_t n = strlen(*p);
        if (strncmp(name->valuestring, *p, n) == 0 &&
            name->valuestring[n] >= 'a' && name->valuestring[n] <= 'z')
            fail_msg("%s: name glued to the icon text \"%s\"", where, *p);
    }

    const cJSON *rank = cJSON_GetObjectItemCaseSensitive(m, "rank");
    if (!is_integer(rank) || rank->valuedouble < 1)
        fail_msg("%s: \"rank\" must be an integer >= 1", where);
    if ((int)rank->valuedouble < *last_rank)
        fail_msg("%s: rank %d after rank %d", where, (int)rank->valuedouble,
                 *last_rank);
    *last_rank = (int)rank->valuedouble;

    const cJSON *rating = cJSON_GetObjectItemCaseSensitive(m, "rating");
    const cJSON *lo = cJSON_GetObjectItemCaseSensitive(m, "ci_lower");
    const cJSON *hi = cJSON_GetObjectItemCaseSensitive(m, "ci_upper");
    if (strcmp(kind, "benchmark") != 0
        && !cJSON_GetObjectItemCaseSensitive(m, "metrics")) {
        if (!cJSON_IsNumber(rating) || !cJSON_IsNumber(lo) || !cJSON_IsNumber(hi))
            fail_msg("%s: rating, ci_lower and ci_upper must be numbers", where);
        if (!(lo->valuedouble <= rating->valuedouble &&
              rating->valuedouble <= hi->valuedouble))
            fail_msg("%s: rating outside [ci_lower, ci_upper]", where);
    }

    if (strcmp(kind, "arena") == 0) {
        /* Optional on today's Arena boards, checked when present. */
        const cJSON *spread = cJSON_GetObjectItemCaseSensitive(m, "rank_spread");
        const cJSON *votes = cJSON_GetObjectItemCaseSensitive(m, "votes");
        const cJSON *prelim = cJSON_GetObjectItemCaseSensitive(m, "preliminary");
        if (spread) {
            double s0 = cJSON_GetArrayItem(spread, 0)->valuedouble;
            double s1 = cJSON_GetArrayItem(spread, 1)->valuedouble;
            if (!(1 <= s0 && s0 <= rank->valuedouble && rank->valuedouble <= s1))
                fail_msg("%s: rank_spread does not contain the rank", where);
        }
        if (votes && (!is_integer(votes) || votes->valuedouble < 1))
            fail_msg("%s: \"votes\" must be a positive integer", where);
        if (prelim && !cJSON_IsBool(prelim))
            fail_msg("%s: \"preliminary\" must be true or false", where);
        static const char *const defects[] = {"·", "<sup>", "](", "Preliminary",
                                              "初步", NULL};
        for (const char *const *d = defects; *d; d++)
            if (strstr(name->valuestring, *d))
                fail_msg("%s: the page's \"%s\" is left in the name", where, *d);
    } else if (strcmp(kind, "winrate") == 0) {
        const cJSON *tokens = cJSON_GetObjectItemCaseSensitive(m, "avg_tokens");
        if (!is_integer(tokens) || tokens->valuedouble < 1)
            fail_msg("%s: \"avg_tokens\" must be a positive integer", where);
        if (rating->valuedouble < 0 || rating->valuedouble > 100)
            fail_msg("%s: a win rate is a percentage", where);
    } else {
        const cJSON *scores = cJSON_GetObjectItemCaseSensitive(m, "scores");
        if (!cJSON_IsObject(scores))
            fail_msg("%s: \"scores\" must be an object", where);
        only_known_fields(where, scores, BENCHMARK_SCORES);
        for (const char *const *k = BENCHMARK_SCORES; *k; k++) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(scores, *k);
            if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 100)
                fail_msg("%s: scores.%s must be a number in 0..100", where, *k);
        }
        const cJSON *isnew = cJSON_GetObjectItemCaseSensitive(m, "new");
        if (isnew && !cJSON_IsTrue(isnew))
            fail_msg("%s: \"new\" is either true or absent", where);
        const cJSON *extra = cJSON_GetObjectItemCaseSensitive(m, "extra");
        const cJSON *x;
        cJSON_ArrayForEach(x, extra) {
            if (!cJSON_IsString(x))
                fail_msg("%s: extra.%s must be a string", where, x->string);
        }
        if (strchr(name->valuestring, '(') || name->valuestring[0] == ' ')
            fail_msg("%s: marker or padding left in the name", where);
    }
}

/* Checks one Leaderboard file; returns its number of models. */
static int check_board(const char *rel, const char *id, const char *kind)
{
    /* The shared model's own validation first: known fields only, types,
     * no empty strings, CIs around the rating, unique names. */
    LbError err = {0};
    Leaderboard *lb = leaderboard_load(root_path(rel), &err);
    if (!lb)
        fail_msg("%s", err.message);
    leaderboard_free(lb);
    cJSON *json = load(rel);
    const cJSON *jid = cJSON_GetObjectItemCaseSensitive(json, "id");
    const cJSON *jkind = cJSON_GetObjectItemCaseSensitive(json, "kind");
    if (!cJSON_IsString(jid) || strcmp(jid->valuestring, id) != 0)
        fail_msg("%s: id is not \"%s\"", rel, id);
    if (!cJSON_IsString(jkind) || strcmp(jkind->valuestring, kind) != 0)
        fail_msg("%s: kind is not \"%s\"", rel, kind);
    const cJSON *updated = cJSON_GetObjectItemCaseSensitive(json, "updated_at");
    if (updated) {
        int64_t t;
        if (!cJSON_IsString(updated) ||
            fmt_parse_utc(updated->valuestring, &t, rel, &err) != 0)
            fail_msg("%s: bad updated_at", rel);
    }
    const cJSON *source = cJSON_GetObjectItemCaseSensitive(json, "source");
    if (!cJSON_IsObject(source))
        fail_msg("%s: \"source\" must be an object", rel);
    const cJSON *url = cJSON_GetObjectItemCaseSensitive(source, "url");
    if (url && strncmp(url->valuestring, "https://", 8) != 0)
        fail_msg("%s: source.url must be https", rel);

    const cJSON *models = cJSON_GetObjectItemCaseSensitive(json, "models");
    if (!cJSON_IsArray(models) || cJSON_GetArraySize(models) == 0)
        fail_msg("%s: \"models\" must be a non-empty array", rel);
    int index = 0, last_rank = 1;
    const cJSON *m;
    cJSON_ArrayForEach(m, models) {
        check_model(rel, kind, m, index, &last_rank);
        const char *name = cJSON_GetObjectItemCaseSensitive(m, "model")->valuestring;
        const cJSON *other;
        int seen = 0;
        cJSON_ArrayForEach(other, models) {
            if (other == m)
                break;
            seen |= strcmp(cJSON_GetObjectItemCaseSensitive(other, "model")->valuestring, name) == 0;
        }
        if (seen)
            fail_msg("%s: model \"%s\" appears twice", rel, name);
        index++;
    }
    if (strcmp(kind, "winrate") == 0) {
        /* The baseline is on the board, at exactly 50 with a zero CI. */
        const cJSON *base = cJSON_GetObjectItemCaseSensitive(source, "baseline");
        int found = 0;
        cJSON_ArrayForEach(m, models) {
            if (!cJSON_IsString(base) ||
                strcmp(cJSON_GetObjectItemCaseSensitive(m, "model")->valuestring,
                       base->valuestring) != 0)
                continue;
            found = cJSON_GetObjectItemCaseSensitive(m, "rating")->valuedouble == 50.0 &&
                    cJSON_GetObjectItemCaseSensitive(m, "ci_lower")->valuedouble == 50.0;
        }
        if (!found)
            fail_msg("%s: the baseline is missing or not at 50.0", rel);
    }
    cJSON_Delete(json);
    return index;
}

/* A number field of model `i` of a loaded board. */
static double num(const cJSON *models, int i, const char *field)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(models, i),
                                                      field);
    if (!cJSON_IsNumber(v))
        fail_msg("models[%d].%s is not a number", i, field);
    return v->valuedouble;
}

static const char *str(const cJSON *obj, const char *field)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
    if (!cJSON_IsString(v))
        fail_msg("%s is not a string", field);
    return v->valuestring;
}

/* The newest real values of each Arena board: how many rows, when, from
 * which arena.ai page, and the first row as that source published it. */
static void arena_boards(void **state)
{
    (void)state;
    static const struct {
        const char *id, *updated, *url, *first;
        int rows, style_control;
        double rating, lo, hi, votes;
    } boards[] = {
        {"text", "2026-08-21T08:35:38Z", "text", "claude-fable-5", 30, 1,
         1507, 1502, 1512, 23626},
        {"webdev", "2026-08-22T08:23:46Z", "code/webdev", "claude-opus-5-max",
         30, 0, 1691, 1682, 1700, 8116},
        {"vision", "2026-08-21T08:35:38Z", "vision", "claude-fable-5", 30, 1,
         1315, 1306, 1324, 8333},
        {"search", "2026-08-22T08:23:46Z", "search", "claude-opus-4-6-search",
         30, 0, 1253, 1248, 1258, 112201},
        {"text-to-image", "2026-08-22T08:23:46Z", "text-to-image",
         "gpt-image-2 (medium)", 30, 0, 1381, 1376, 1386, 70065},
        {"document", "2026-04-19T04:38:02Z", "document", NULL, 17, 0, 0, 0, 0, 0},
        {"image-edit", "2026-04-19T04:38:02Z", "image-edit", NULL, 42, 0, 0, 0, 0, 0},
        {"text-to-video", "2026-04-19T04:38:02Z", "text-to-video", NULL, 39, 0,
         0, 0, 0, 0},
        {"image-to-video", "2026-04-19T04:38:02Z", "image-to-video", NULL, 39, 0,
         0, 0, 0, 0},
        {"video-edit", "2026-04-19T04:38:02Z", "video-edit", "happyhorse-1.0", 5,
         0, 1299, 1278, 1320, 505},
        {"agent", "2026-08-21T08:35:38Z", "agent", "Claude Opus 5 (High)", 30, 0,
         0, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof boards / sizeof boards[0]; i++) {
        char rel[128], url[128];
        snprintf(rel, sizeof rel, "data/arena-%s.json", boards[i].id);
        assert_int_equal(check_board(rel, boards[i].id, "arena"), boards[i].rows);
        cJSON *json = load(rel);
        assert_string_equal(str(json, "updated_at"), boards[i].updated);
        snprintf(url, sizeof url, "https://arena.ai/leaderboard/%s", boards[i].url);
        assert_string_equal(str(cJSON_GetObjectItemCaseSensitive(json, "source"),
                                "url"), url);
        assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(json, "truncated")));
        assert_int_equal(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(json,
                                                                       "style_control")),
                         boards[i].style_control);
        const cJSON *models = cJSON_GetObjectItemCaseSensitive(json, "models");
        if (boards[i].first) {
            assert_string_equal(str(cJSON_GetArrayItem(models, 0), "model"),
                                boards[i].first);
        }
        if (boards[i].rating) {
            assert_true(num(models, 0, "rating") == boards[i].rating);
            assert_true(num(models, 0, "ci_lower") == boards[i].lo);
            assert_true(num(models, 0, "ci_upper") == boards[i].hi);
            assert_true(num(models, 0, "votes") == boards[i].votes);
        }
        cJSON_Delete(json);
    }
}

/* The text board's columns the pipeline we replace showed, and its defects
 * cleaned: the link stub is the link, the badge a flag, the prices and the
 * context numbers. */
static void text_board_columns(void **state)
{
    (void)state;
    cJSON *json = load("data/arena-text.json");
    const cJSON *models = cJSON_GetObjectItemCaseSensitive(json, "models");
    const cJSON *first = cJSON_GetArrayItem(models, 0);
    assert_string_equal(str(first, "url"),
                        "https://www.anthropic.com/news/claude-fable-5-mythos-5");
    assert_true(num(models, 0, "price_input") == 10);
    assert_true(num(models, 0, "price_output") == 50);
    assert_true(num(models, 0, "context") == 1000000);
    assert_true(num(models, 3, "price_input") == 1.25); /* muse-spark-1.2, N/A context */
    assert_null(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(models, 3), "context"));
    const cJSON *ninth = cJSON_GetArrayItem(models, 8);
    assert_string_equal(str(ninth, "model"), "gemini-3.7-flash-high");
    assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ninth, "preliminary")));
    assert_true(num(models, 18, "context") == 1100000); /* "1.1M" */
    assert_true(num(models, 22, "context") == 128000);  /* "128K" */
    int spread[2] = {(int)cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(first,
                                                  "rank_spread"), 0)->valuedouble,
                     (int)cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(first,
                                                  "rank_spread"), 1)->valuedouble};
    assert_int_equal(spread[0], 1);
    assert_int_equal(spread[1], 4);
    cJSON_Delete(json);
}

/* The agent board: six metrics with their intervals, sessions, and the two
 * rows whose name the page had glued to "Organization · License". */
static void agent_board(void **state)
{
    (void)state;
    static const char *const metrics[] = {
        "Net Improvement", "Confirmed Success", "Praise vs. Complaint",
        "Steerability", "Bash Recovery", "Tool Hallucination"};
    cJSON *json = load("data/arena-agent.json");
    const cJSON *models = cJSON_GetObjectItemCaseSensitive(json, "models");
    const cJSON *m;
    cJSON_ArrayForEach(m, models) {
        const cJSON *list = cJSON_GetObjectItemCaseSensitive(m, "metrics");
        assert_int_equal(cJSON_GetArraySize(list), 6);
        for (int k = 0; k < 6; k++)
            assert_string_equal(str(cJSON_GetArrayItem(list, k), "name"), metrics[k]);
        assert_null(cJSON_GetObjectItemCaseSensitive(m, "rating"));
        assert_true(cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(m, "sessions")));
    }
    const cJSON *net = cJSON_GetArrayItem(
        cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(models, 0), "metrics"), 0);
    assert_true(cJSON_GetObjectItemCaseSensitive(net, "value")->valuedouble == 12.47);
    assert_true(cJSON_GetObjectItemCaseSensitive(net, "ci_lower")->valuedouble == 10.93);
    assert_true(cJSON_GetObjectItemCaseSensitive(net, "ci_upper")->valuedouble == 14.01);
    const cJSON *glued = cJSON_GetArrayItem(models, 13);
    assert_string_equal(str(glued, "model"), "DeepSeek V4 Pro (High) (0813)");
    assert_string_equal(str(glued, "organization"), "DeepSeek");
    assert_string_equal(str(glued, "license"), "MIT");
    assert_string_equal(str(cJSON_GetArrayItem(models, 19), "model"),
                        "Deepseek V4 Flash (High) (20260731)");
    cJSON_Delete(json);
}

/* Every category of leaderboards.json: its data is the board's id and
 * kind, says its category, and (the Arena's JSON with its plain twin) is
 * style-controlled with the plain ratings beside. */
static void categories(void **state)
{
    (void)state;
    cJSON *config = load("leaderboards.json");
    const cJSON *boards = cJSON_GetObjectItemCaseSensitive(config, "leaderboards");
    const cJSON *b;
    int n = 0;
    cJSON_ArrayForEach(b, boards) {
        const cJSON *list = cJSON_GetObjectItemCaseSensitive(b, "categories");
        const cJSON *c;
        cJSON_ArrayForEach(c, list) {
            const char *data = str(c, "data");
            int rows = check_board(data, str(b, "id"), "arena");
            assert_true(rows >= 17);
            cJSON *json = load(data);
            assert_string_equal(str(json, "category"), str(c, "id"));
            /* When the file last changed in lmarena/arena-catalog. */
            assert_string_equal(str(json, "updated_at"),
                                strcmp(str(b, "id"), "text") == 0
                                    ? "2025-12-17T16:35:44Z"
                                    : "2025-12-11T22:32:56Z");
            assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(json,
                                                                      "style_control")));
            const cJSON *first = cJSON_GetArrayItem(
                cJSON_GetObjectItemCaseSensitive(json, "models"), 0);
            assert_true(cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(first,
                                                                        "plain_rating")));
            cJSON_Delete(json);
            n++;
        }
    }
    assert_int_equal(n, 19); /* text 10, vision 9 */
    cJSON_Delete(config);
}

/* data/history/<board>[/<category>]/YYYY-MM-DD.json: every snapshot loads
 * as a board of its id, is named by a date, and a style-controlled board's
 * snapshots say which ratings they hold. */
static int check_history_dir(const char *rel, const char *id, int style)
{
    DIR *d = opendir(root_path(rel));
    if (!d)
        fail_msg("%s: missing", rel);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || !strstr(e->d_name, ".json"))
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", rel, e->d_name);
        assert_int_equal(strlen(e->d_name), strlen("YYYY-MM-DD.json"));
        LbError err = {0};
        Leaderboard *lb = leaderboard_load(root_path(path), &err);
        if (!lb)
            fail_msg("%s", err.message);
        assert_string_equal(lb->id, id);
        if (style && lb->style_control == -1)
            fail_msg("%s: a style-controlled board's snapshot must say which "
                     "ratings it holds", path);
        leaderboard_free(lb);
        n++;
    }
    closedir(d);
    return n;
}

static void history(void **state)
{
    (void)state;
    /* 4 versions of the Arena's JSON, the January page, 8 daily
     * snapshots, the cherry page. */
    assert_int_equal(check_history_dir("data/history/text", "text", 1), 14);
    /* 3 versions (the 2025-12-17 file is the 2025-12-11 one), 8 daily, 1. */
    assert_int_equal(check_history_dir("data/history/vision", "vision", 1), 12);
    assert_int_equal(check_history_dir("data/history/document", "document", 0), 8);
    assert_int_equal(check_history_dir("data/history/webdev", "webdev", 0), 9);
    assert_int_equal(check_history_dir("data/history/agent", "agent", 0), 1);
    assert_int_equal(check_history_dir("data/history/text/coding", "text", 1), 4);
    assert_true(check_history_dir("data/history/vision/ocr", "vision", 1) >= 2);
}

static void benchmark_board(void **state)
{
    (void)state;
    assert_int_equal(check_board("data/opensource-benchmark.json", "opensource",
                                 "benchmark"), 43);
}

static void arena_hard_boards(void **state)
{
    (void)state;
    assert_int_equal(check_board("data/arena-hard.json", "arena-hard", "winrate"), 70);
    assert_int_equal(check_board("data/arena-hard-style.json", "arena-hard-style",
                                 "winrate"), 73);
}

static void catalog(void **state)
{
    (void)state;
    static const char *const fields[] = {
        "model", "organization", "params", "score", "vram_gb", "license",
        "context", "hf_likes", "hf_downloads", "modified", "languages",
        "architecture", NULL};
    cJSON *json = load("data/catalog.json");
    assert_true(cJSON_IsArray(json));
    assert_int_equal(cJSON_GetArraySize(json), 44);
    const cJSON *m;
    cJSON_ArrayForEach(m, json) {
        only_known_fields("data/catalog.json", m, fields);
        assert_true(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(m, "model")));
        const char *numbers[] = {"score", "vram_gb", "hf_likes", "hf_downloads"};
        for (int i = 0; i < 4; i++) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(m, numbers[i]);
            if (v && !cJSON_IsNumber(v))
                fail_msg("catalog: %s must be a number", numbers[i]);
        }
    }
    cJSON_Delete(json);
}

/* Every board of leaderboards.json points at a data file of its id and
 * kind. (Whether its columns exist is the view's to say: a site build with
 * an unknown column fails, and tests/cli/test_site.sh builds this config.) */
static void config_matches_data(void **state)
{
    (void)state;
    cJSON *config = load("leaderboards.json");
    const cJSON *boards = cJSON_GetObjectItemCaseSensitive(config, "leaderboards");
    assert_int_equal(cJSON_GetArraySize(boards), 14);
    const cJSON *b;
    cJSON_ArrayForEach(b, boards) {
        const char *id = cJSON_GetObjectItemCaseSensitive(b, "id")->valuestring;
        const char *kind = cJSON_GetObjectItemCaseSensitive(b, "kind")->valuestring;
        const char *data = cJSON_GetObjectItemCaseSensitive(b, "data")->valuestring;
        check_board(data, id, kind);
    }
    cJSON_Delete(config);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arena_boards),
        cmocka_unit_test(text_board_columns),
        cmocka_unit_test(agent_board),
        cmocka_unit_test(categories),
        cmocka_unit_test(history),
        cmocka_unit_test(benchmark_board),
        cmocka_unit_test(arena_hard_boards),
        cmocka_unit_test(catalog),
        cmocka_unit_test(config_matches_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
