/* The hf-rows adapter (Hugging Face dataset viewer rows → a board) on
 * fixtures laid out like lmarena-ai/leaderboard-dataset (tests/fixtures/
 * fetch/README.md), hostile documents, and the viewer's page URLs. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adapter.h"
#include "fileio.h"
#include "hfviewer.h"
#include "jsonfile.h"
#include "source_options.h"

#define DIR "tests/fixtures/fetch/"

static Leaderboard *run_text(const char *json, size_t len,
                             const char *options, LbError *err)
{
    SourceOptions o = {0};
    if (options) {
        cJSON *j = json_parse_text("options", options, strlen(options), err);
        assert_non_null(j);
        int rc = source_options_parse(&o, "hf-rows", j, "options", err);
        cJSON_Delete(j);
        if (rc != 0)
            fail_msg("%s", err->message);
    }
    AdapterOptions ao = {0};
    ao.id = "text";
    ao.source_name = "rows.json";
    ao.source = &o;
    Leaderboard *lb = adapter_run(adapter_find("hf-rows"), json, len, &ao,
                                  err);
    source_options_free(&o);
    return lb;
}

static Leaderboard *run_file(const char *file, const char *options)
{
    char *text = NULL;
    size_t len = 0;
    LbError err = {0};
    assert_int_equal(file_read_all(file, &text, &len, &err), 0);
    Leaderboard *lb = run_text(text, len, options, &err);
    free(text);
    if (!lb)
        fail_msg("%s", err.message);
    return lb;
}

static void one_category_of_a_split(void **state)
{
    (void)state;
    Leaderboard *lb = run_file(DIR "hf_rows_text.json",
                               "{\"filter\": {\"category\": \"overall\"}}");
    assert_int_equal(lb->n_models, 12);
    assert_string_equal(lb->category, "overall");
    assert_string_equal(lb->updated_at, "2025-12-17T00:00:00Z");
    const LbModel *m = &lb->models[0];
    assert_string_equal(m->model, "gemini-3-pro");
    assert_string_equal(m->organization, "google");
    assert_string_equal(m->license, "Proprietary");
    assert_true(m->rating == 1486.6027120272704);
    assert_true(m->ci_lower == 1480.4026895976556);
    assert_int_equal(m->rank, 1);
    assert_int_equal(m->rank_ub, 1);
    assert_int_equal(m->votes, -1); /* null vote_count */
    m = &lb->models[3];
    assert_string_equal(m->model, "claude-opus-4-5-20251101");
    assert_int_equal(m->rank, 4);    /* the dataset's own rank */
    assert_int_equal(m->rank_ub, 3); /* from the intervals */
    m = &lb->models[5];
    assert_string_equal(m->model, "ernie-5.0-preview-1103");
    assert_string_equal(m->organization, "baidu");
    leaderboard_free(lb);

    lb = run_file(DIR "hf_rows_text.json",
                  "{\"filter\": {\"category\": \"coding\"}}");
    assert_string_equal(lb->category, "coding");
    assert_string_equal(lb->models[0].model,
                        "claude-opus-4-5-20251101-thinking-32k");
    leaderboard_free(lb);
}

static void agent_columns_and_explicit_columns(void **state)
{
    (void)state;
    Leaderboard *lb = run_file(DIR "hf_rows_agent.json", NULL);
    assert_int_equal(lb->n_models, 12);
    assert_null(lb->category); /* no filter */
    assert_string_equal(lb->updated_at, "2026-08-21T00:00:00Z");
    const LbModel *m = &lb->models[0];
    assert_string_equal(m->model, "Claude Opus 5 (High)");
    assert_true(m->rating == 0.1247);
    assert_true(m->ci_lower == 0.1093 && m->ci_upper == 0.1401);
    assert_int_equal(m->sessions, 19787);
    assert_null(m->organization); /* "" is none */
    leaderboard_free(lb);

    lb = run_file(DIR "hf_rows_text.json",
                  "{\"columns\": {\"model\": \"model_name\", \"rating\": "
                  "\"rating\"}, \"filter\": {\"category\": \"coding\", "
                  "\"leaderboard_publish_date\": \"2025-12-17\"}}");
    m = &lb->models[0];
    assert_null(m->organization);
    assert_true(isnan(m->ci_lower));
    assert_int_equal(m->rank, 1); /* no rank column: from the ratings */
    assert_int_equal(m->rank_ub, 0);
    assert_null(lb->updated_at);
    leaderboard_free(lb);
}

static void expect_error(const char *json, const char *options,
                         const char *message)
{
    LbError err = {0};
    Leaderboard *lb = run_text(json, strlen(json), options, &err);
    if (lb)
        fail_msg("accepted: %s", json);
    assert_int_equal(err.status, LB_EINPUT);
    if (strcmp(err.message, message) != 0)
        fail_msg("\"%s\" is not \"%s\"", err.message, message);
}

#define ROW(idx, body) "{\"row_idx\":" #idx ",\"row\":{" body "}}"
#define DOC(total, rows) "{\"rows\":[" rows "],\"num_rows_total\":" #total "}"
#define A "\"model_name\":\"a\",\"rating\":10"
#define B "\"model_name\":\"b\",\"rating\":9"

static void hostile_documents(void **state)
{
    (void)state;
    expect_error("[]", NULL, "rows.json: expected the dataset viewer's object "
                 "{\"rows\": [...], \"num_rows_total\": N}");
    expect_error("{\"num_rows_total\":1}", NULL,
                 "rows.json: no \"rows\" array (not a dataset viewer answer)");
    expect_error("{\"rows\":[]}", NULL,
                 "rows.json: no num_rows_total (not a dataset viewer answer)");
    expect_error(DOC(393, ROW(0, A)), NULL, "rows.json: holds 1 of the "
                 "split's 393 rows (num_rows_total); over http(s) lbgen pages "
                 "through them all");
    expect_error(DOC(1e300, ROW(0, A)), NULL,
                 "rows.json: no num_rows_total (not a dataset viewer answer)");
    expect_error("{\"rows\":[" ROW(0, A) "],\"num_rows_total\":1,"
                 "\"partial\":true}", NULL, "rows.json: the viewer's answer is "
                 "partial (it did not index the whole split); lbgen does not "
                 "publish incomplete data");
    expect_error(DOC(2, ROW(0, A) "," ROW(0, B)), NULL, "rows.json: row_idx 0: "
                 "after row_idx 0 (rows repeated or out of order)");
    expect_error(DOC(1, "{\"row\":{" A "}}"), NULL, "rows.json: rows[0]: "
                 "expected {\"row_idx\": N, \"row\": {...}}");
    expect_error(DOC(0, ""), NULL, "rows.json: the split has no rows");
    expect_error(DOC(1, ROW(0, "\"name\":\"a\",\"elo\":3")), NULL,
                 "rows.json: no column model_name: say which column holds "
                 "what with options.columns (the rows have: name, elo)");
    expect_error(DOC(1, ROW(0, A)), "{\"columns\":{\"model\":\"model_name\","
                 "\"votes\":\"n\"}}", "rows.json: no column \"n\" for the field "
                 "votes (the rows have: model_name, rating)");
    expect_error(DOC(1, ROW(0, A)), "{\"filter\":{\"category\":\"x\"}}",
                 "rows.json: options.filter names the column \"category\", "
                 "which the rows do not have");
    expect_error(DOC(1, ROW(0, A ",\"category\":\"coding\"")),
                 "{\"filter\":{\"category\":\"math\"}}",
                 "rows.json: no row matches options.filter "
                 "{\"category\":\"math\"}");
    expect_error(DOC(1, ROW(0, "\"model_name\":\"a\",\"rating\":\"high\"")),
                 NULL, "rows.json: row_idx 0: rating: expected a finite "
                 "number");
    expect_error(DOC(1, ROW(0, "\"model_name\":7")), NULL,
                 "rows.json: row_idx 0: model_name: expected a non-empty model "
                 "name");
    expect_error(DOC(1, ROW(0, A ",\"rank\":0")), NULL,
                 "rows.json: row_idx 0: rank: expected a positive integer");
    expect_error(DOC(1, ROW(0, A ",\"vote_count\":2.5")), NULL,
                 "rows.json: row_idx 0: vote_count: expected a non-negative "
                 "integer");
    expect_error(DOC(1, ROW(0, A ",\"rating_lower\":9,\"rating_upper\":null")),
                 NULL, "rows.json: row_idx 0: one confidence bound without "
                 "the other");
    expect_error(DOC(1, ROW(0, A ",\"rating_lower\":11,\"rating_upper\":12")),
                 NULL, "rows.json: models[0].ci: rating outside its "
                 "confidence interval");
    expect_error(DOC(1, ROW(0, A ",\"leaderboard_publish_date\":\"19/04\"")),
                 NULL, "rows.json: row_idx 0: leaderboard_publish_date: "
                 "expected a date YYYY-MM-DD");
    expect_error(DOC(1, ROW(0, A ",\"link\":\"javascript:x\"")),
                 "{\"columns\":{\"model\":\"model_name\",\"url\":\"link\"}}",
                 "rows.json: row_idx 0: link: only absolute http(s) links are "
                 "allowed");
    expect_error(DOC(2, ROW(0, A ",\"category\":\"c\"") ","
                     ROW(5, A ",\"category\":\"c\"")), NULL,
                 "rows.json: row_idx 5: model \"a\" appears twice (first at "
                 "row_idx 0); filter on one category and one "
                 "leaderboard_publish_date, or read the latest split");
    expect_error("{\"rows\":[{\"row_idx\":0,\"row\":{" A "},"
                 "\"truncated_cells\":[\"model_name\"]}],\"num_rows_total\":1}",
                 NULL, "rows.json: row_idx 0: the viewer truncated the cell "
                 "model_name");
    expect_error(DOC(1, ROW(0, "\"model_name\":\"a\",\"rating\":1e400")), NULL,
                 "rows.json: row_idx 0: rating: expected a finite number");
}

static void option_errors(void **state)
{
    (void)state;
    static const struct {
        const char *adapter, *json, *message;
    } cases[] = {
        {"hf-rows", "{\"columns\":{\"model\":\"m\",\"elo\":\"e\"}}",
         "o.columns: \"elo\" is not a field a column can fill (fields: model "
         "display_name organization license url rating ci_lower ci_upper "
         "rank votes sessions price_input price_output context updated_at)"},
        {"hf-rows", "{\"columns\":{\"rating\":\"r\"}}",
         "o.columns: names no column for the field \"model\""},
        {"hf-rows", "{\"filter\":{\"category\":[1]}}",
         "o.filter: expected an object {\"column\": value, ...} whose values "
         "are strings, numbers or booleans"},
        {"hf-rows", "{\"max_rows\":0}",
         "o.max_rows: expected an integer from 1 to 1000000"},
        {"hf-rows", "{\"category\":\"coding\"}",
         "o.category: not an option of the hf-rows adapter (it belongs to "
         "arena-catalog)"},
        {"arena-catalog", "{\"filter\":{\"a\":1}}",
         "o.filter: not an option of the arena-catalog adapter (it belongs "
         "to hf-rows)"},
        {"arena-catalog", "{\"category\":\"../x\"}",
         "o.category: expected a category name (a-z, 0-9, '_', '-')"},
        {"arena-catalog", "{\"prices\":\"\"}", "o.prices: expected a "
         "non-empty string"},
        {"arena-catalog", "{\"pricez\":\"x\"}", "o.pricez: unknown option "
         "(the arena-catalog adapter takes category, prices and plain)"},
        {"arena-catalog", "[1]", "o: expected an object"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        LbError err = {0};
        cJSON *j = json_parse_text("o", cases[i].json, strlen(cases[i].json),
                                   &err);
        SourceOptions o;
        assert_int_equal(source_options_parse(&o, cases[i].adapter, j, "o",
                                              &err), -1);
        cJSON_Delete(j);
        if (strcmp(err.message, cases[i].message) != 0)
            fail_msg("\"%s\" is not \"%s\"", err.message, cases[i].message);
        assert_null(o.filter);
        assert_null(o.columns);
    }
}

static void viewer_urls(void **state)
{
    (void)state;
    cJSON *f = cJSON_Parse("{\"category\":\"o'brien\",\"n\":3,\"ok\":true}");
    char *where = hfviewer_where(f);
    assert_string_equal(where, "\"category\"='o''brien' AND \"n\"=3 AND "
                               "\"ok\"=true");
    char *url = hfviewer_page_url(
        "https://datasets-server.huggingface.co/filter?dataset=lmarena-ai%2F"
        "leaderboard-dataset&config=text&split=latest&offset=7&length=3",
        where, 200, 100);
    assert_string_equal(url, "https://datasets-server.huggingface.co/filter?"
                             "dataset=lmarena-ai%2Fleaderboard-dataset&"
                             "config=text&split=latest&where=%22category%22"
                             "%3D%27o%27%27brien%27%20AND%20%22n%22%3D3%20AND"
                             "%20%22ok%22%3Dtrue&offset=200&length=100");
    free(url);
    url = hfviewer_page_url("http://127.0.0.1:1/rows?dataset=d&config=c"
                            "&split=s#frag", NULL, 0, 100);
    assert_string_equal(url, "http://127.0.0.1:1/rows?dataset=d&config=c&"
                             "split=s&offset=0&length=100");
    free(url);
    url = hfviewer_page_url("http://h/rows", NULL, 100, 100);
    assert_string_equal(url, "http://h/rows?offset=100&length=100");
    free(url);
    free(where);
    cJSON_Delete(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_category_of_a_split),
        cmocka_unit_test(agent_columns_and_explicit_columns),
        cmocka_unit_test(hostile_documents),
        cmocka_unit_test(option_errors),
        cmocka_unit_test(viewer_urls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
