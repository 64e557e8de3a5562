/* Validates every committed data file (the embedded default the site
 * builds from) against the Leaderboard data model of ARCHITECTURE.md, and
 * checks each leaderboard of leaderboards.json against its data file.
 *
 * Rules: the fields the shared model knows and nothing else; numbers are
 * numbers; optional fields are absent, never ""; ranks start at 1 and never
 * decrease; ci_lower <= rating <= ci_upper; rank spreads contain the rank;
 * model names are unique and free of the seed's glued icon prefixes. */
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
    if (strcmp(kind, "benchmark") != 0) {
        if (!cJSON_IsNumber(rating) || !cJSON_IsNumber(lo) || !cJSON_IsNumber(hi))
            fail_msg("%s: rating, ci_lower and ci_upper must be numbers", where);
        if (!(lo->valuedouble <= rating->valuedouble &&
              rating->valuedouble <= hi->valuedouble))
            fail_msg("%s: rating outside [ci_lower, ci_upper]", where);
    }

    if (strcmp(kind, "arena") == 0) {
        const cJSON *spread = cJSON_GetObjectItemCaseSensitive(m, "rank_spread");
        const cJSON *votes = cJSON_GetObjectItemCaseSensitive(m, "votes");
        const cJSON *prelim = cJSON_GetObjectItemCaseSensitive(m, "preliminary");
        if (!cJSON_IsArray(spread) || cJSON_GetArraySize(spread) != 2 ||
            !is_integer(cJSON_GetArrayItem(spread, 0)) ||
            !is_integer(cJSON_GetArrayItem(spread, 1)))
            fail_msg("%s: \"rank_spread\" must be [lo, hi]", where);
        double s0 = cJSON_GetArrayItem(spread, 0)->valuedouble;
        double s1 = cJSON_GetArrayItem(spread, 1)->valuedouble;
        if (!(1 <= s0 && s0 <= rank->valuedouble && rank->valuedouble <= s1))
            fail_msg("%s: rank_spread does not contain the rank", where);
        if (!is_integer(votes) || votes->valuedouble < 1)
            fail_msg("%s: \"votes\" must be a positive integer", where);
        if (!cJSON_IsBool(prelim))
            fail_msg("%s: \"preliminary\" must be true or false", where);
        const char *strings[] = {"organization", "license"};
        for (int i = 0; i < 2; i++)
            if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(m, strings[i])))
                fail_msg("%s: \"%s\" must be a string", where, strings[i]);
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

static void arena_text_board(void **state)
{
    (void)state;
    assert_int_equal(check_board("data/arena-text.json", "text", "arena"), 293);
    cJSON *json = load("data/arena-text.json");
    const cJSON *models = cJSON_GetObjectItemCaseSensitive(json, "models");
    int preliminary = 0;
    const cJSON *m;
    cJSON_ArrayForEach(m, models)
        preliminary += cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "preliminary"));
    assert_int_equal(preliminary, 9);
    /* Spot checks against the seed page. */
    const cJSON *first = cJSON_GetArrayItem(models, 0);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(first, "model")->valuestring,
                        "gemini-3-pro");
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(first, "votes")->valuedouble, 21938);
    const cJSON *fifth = cJSON_GetArrayItem(models, 4);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(fifth, "model")->valuestring,
                        "claude-opus-4-5-20251101");
    const cJSON *rwkv = cJSON_GetArrayItem(models, 285);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(rwkv, "model")->valuestring,
                        "RWKV-4-Raven-14B");
    cJSON_Delete(json);
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
    assert_int_equal(cJSON_GetArraySize(boards), 4);
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
        cmocka_unit_test(arena_text_board),
        cmocka_unit_test(benchmark_board),
        cmocka_unit_test(arena_hard_boards),
        cmocka_unit_test(catalog),
        cmocka_unit_test(config_matches_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
