/* The table adapter: CSV, GFM Markdown and JSON → a benchmark board. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adapter.h"
#include "fileio.h"
#include "table.h"

static Leaderboard *run_table(const char *name, const char *text,
                              AdapterOptions *opt, LbError *err)
{
    opt->id = "t";
    opt->source_name = name;
    return adapter_run(adapter_find("table"), text, strlen(text), opt, err);
}

static Leaderboard *run_fixture(const char *file, AdapterOptions *opt,
                                LbError *err)
{
    char path[256], *text = NULL;
    size_t len = 0;
    snprintf(path, sizeof path, "tests/fixtures/fetch/%s", file);
    assert_int_equal(file_read_all(path, &text, &len, err), 0);
    opt->id = "t";
    opt->source_name = path;
    Leaderboard *lb = adapter_run(adapter_find("table"), text, len, opt, err);
    free(text);
    return lb;
}

static const LbModel *find(const Leaderboard *lb, const char *name)
{
    for (size_t i = 0; i < lb->n_models; i++)
        if (strcmp(lb->models[i].model, name) == 0)
            return &lb->models[i];
    fail_msg("model %s not found", name);
    return NULL;
}

static void expect_failure_with(AdapterOptions opt, const char *name,
                                const char *text, const char *message)
{
    LbError err = {0};
    Leaderboard *lb = run_table(name, text, &opt, &err);
    assert_null(lb);
    assert_int_equal(err.status, LB_EINPUT);
    assert_string_equal(err.message, message);
}

static void expect_failure(const char *name, const char *text,
                           const char *message)
{
    AdapterOptions opt = {0};
    expect_failure_with(opt, name, text, message);
}

/* A configured score column must hold numbers; detected ones are the
 * columns that do, so a stray word turns a column into `extra`. */
static void configured_scores_must_be_numbers(void **state)
{
    (void)state;
    const char *cols[] = {"Code"};
    AdapterOptions opt = {0};
    opt.score_columns = cols;
    opt.n_score_columns = 1;
    expect_failure_with(opt, "s.csv", "Model,Math,Code\nx,1,2\ny,1,abc\n",
                        "s.csv:3:5: error: \"abc\" is not a number (column "
                        "\"Code\")");
    const char *s_col[] = {"s"};
    opt.score_columns = s_col;
    expect_failure_with(opt, "x.json", "[{\"model\":\"a\",\"s\":\"n/a?\"}, "
                        "{\"model\":\"b\",\"s\":2}]",
                        "x.json: row 1, column \"s\": \"n/a?\" is not a "
                        "number (column \"s\")");
    AdapterOptions detect = {0};
    LbError err = {0};
    Leaderboard *lb = run_table("s.csv", "Model,Math,Code,Total\nx,1,2,1\n"
                                "y,1,abc,1\n", &detect, &err);
    assert_non_null(lb);
    assert_int_equal(lb->models[0].n_scores, 1);
    assert_string_equal(lb->models[0].extra[0].name, "Code");
    leaderboard_free(lb);
}

static void csv_quotes_bom_crlf_and_competition_ranks(void **state)
{
    (void)state;
    const char *cols[] = {"Math", "Code"};
    AdapterOptions opt = {0};
    opt.score_columns = cols;
    opt.n_score_columns = 2;
    LbError err = {0};
    Leaderboard *lb = run_fixture("bench_edge.csv", &opt, &err);
    assert_non_null(lb);
    assert_int_equal(lb->kind, LB_KIND_BENCHMARK);
    assert_int_equal(lb->n_models, 4);
    const LbModel *qwen = find(lb, "qwen2.5-72b-instruct");
    assert_string_equal(qwen->organization, "Alibaba, Inc.");
    assert_string_equal(qwen->extra[0].value, "multi line \"quoted\" note");
    assert_true(fabs(qwen->rating - 75.0) < 1e-9); /* computed mean */
    /* 90, 75, 75, 55 → 1, 2, 2, 4 */
    assert_int_equal(find(lb, "llama-3.3-70b")->rank, 1);
    assert_int_equal(qwen->rank, 2);
    assert_int_equal(find(lb, "glm-4.7")->rank, 2);
    assert_int_equal(find(lb, "phi-4")->rank, 4);
    /* "-" is an absent score, not a zero: the mean uses Math alone. */
    assert_int_equal(find(lb, "llama-3.3-70b")->n_scores, 1);
    leaderboard_free(lb);
}

static void markdown_like_seed_002(void **state)
{
    (void)state;
    AdapterOptions opt = {0};
    LbError err = {0};
    Leaderboard *lb = run_fixture("bench_002.md", &opt, &err);
    assert_non_null(lb);
    assert_int_equal(lb->n_models, 4);
    const LbModel *m = find(lb, "deepseek-chat-v3-0324"); /* (new) stripped */
    assert_int_equal(m->is_new, 1);
    assert_string_equal(m->organization, "深度求索");
    assert_string_equal(m->params, "671B");
    assert_int_equal(m->n_scores, 3); /* 医疗 教育 金融; 排名 and the blank
                                         column are not scores */
    assert_string_equal(m->scores[0].name, "医疗");
    assert_int_equal(m->n_extra, 0);
    assert_int_equal(find(lb, "Llama-4-Scout-17B-16E-Instruct")->is_new, 1);
    assert_int_equal(find(lb, "DeepSeek-R1")->is_new, -1);
    /* The source's own ranks (its 排名 column) are kept, and give the
     * order, even where its totals would order the rows otherwise. */
    assert_string_equal(lb->models[0].model, "DeepSeek-R1");
    assert_int_equal(lb->models[0].rank, 1);
    assert_int_equal(find(lb, "hunyuan-large")->rank, 2);
    assert_int_equal(m->rank, 3);
    assert_int_equal(find(lb, "Llama-4-Scout-17B-16E-Instruct")->rank, 4);
    leaderboard_free(lb);
}

static void disagreeing_total_names_the_row(void **state)
{
    (void)state;
    AdapterOptions opt = {0};
    LbError err = {0};
    Leaderboard *lb = run_fixture("bench_002_bad_total.md", &opt, &err);
    assert_null(lb);
    assert_non_null(strstr(err.message,
                           "bench_002_bad_total.md:4:21: error: row 2 "
                           "(hunyuan-large): total 81.4 disagrees"));
    opt.trust_total = 1;
    lb = run_fixture("bench_002_bad_total.md", &opt, &err);
    assert_non_null(lb);
    assert_true(fabs(find(lb, "hunyuan-large")->rating - 81.4) < 1e-9);
    leaderboard_free(lb);
}

static void weights_and_configured_columns(void **state)
{
    (void)state;
    const char *csv = "name,who,a,b,c\nx,X,10,20,99\ny,Y,30,0,1\n";
    const char *cols[] = {"a", "b"};
    const double w[] = {3, 1};
    AdapterOptions opt = {0};
    opt.model_column = "name";
    opt.organization_column = "who";
    opt.score_columns = cols;
    opt.weights = w;
    opt.n_score_columns = 2;
    LbError err = {0};
    Leaderboard *lb = run_table("w.csv", csv, &opt, &err);
    assert_non_null(lb);
    assert_true(fabs(find(lb, "x")->rating - 12.5) < 1e-9);
    assert_true(fabs(find(lb, "y")->rating - 22.5) < 1e-9);
    assert_string_equal(find(lb, "x")->organization, "X");
    assert_string_equal(find(lb, "x")->extra[0].name, "c"); /* not a score */
    leaderboard_free(lb);

    const char *bad[] = {"name"};
    opt.score_columns = bad;
    opt.weights = NULL;
    opt.n_score_columns = 1;
    lb = run_table("w.csv", csv, &opt, &err);
    assert_null(lb);
    assert_string_equal(err.message, "w.csv: \"name\" is the model column, "
                                     "not a score");
    opt.model_column = "nom";
    lb = run_table("w.csv", csv, &opt, &err);
    assert_null(lb);
    assert_string_equal(err.message, "w.csv: no model column named \"nom\"");
}

static void json_arrays(void **state)
{
    (void)state;
    AdapterOptions opt = {0};
    LbError err = {0};
    Leaderboard *lb = run_fixture("bench.json", &opt, &err);
    assert_non_null(lb);
    assert_string_equal(lb->models[0].model, "a-model");
    assert_string_equal(lb->models[0].url, "https://example.org/a");
    assert_int_equal(find(lb, "b-model")->rank, 2);
    assert_int_equal(find(lb, "c-model")->rank, 2);
    assert_null(find(lb, "c-model")->license); /* null is absent */
    leaderboard_free(lb);
    expect_failure("x.json", "[{\"model\":\"a\",\"s\":{\"x\":1}}]",
                   "x.json: row 1: \"s\": expected a string, finite "
                   "number, boolean, null or a list of those");
    expect_failure("x.json", "[{\"model\":\"a\",\"s\":[[1]]}]",
                   "x.json: row 1: \"s\": expected a string, finite "
                   "number, boolean, null or a list of those");
    expect_failure("x.json", "{\"model\":\"a\"}",
                   "x.json: expected an array of objects");
}

static void errors_name_line_and_column(void **state)
{
    (void)state;
    expect_failure("q.csv", "Model,Math\n\"unterminated,1\n",
                   "q.csv:2:1: error: unterminated quoted field");
    expect_failure("f.csv", "Model,Math,Code\nok,1,2\nshort,3\n",
                   "f.csv:3:1: error: expected 3 fields like the header, "
                   "found 2");
    expect_failure("a.csv", "Model,Math\n\"x\"y,1\n",
                   "a.csv:2:4: error: unexpected text after a closing quote");
    expect_failure("d.csv", "Model,Score\nx,1\nx,2\n",
                   "d.csv:3:1: error: model \"x\" appears twice (rows 1 "
                   "and 2)");
    expect_failure("n.csv", "Model,Score\nx,1\n,2\n",
                   "n.csv:3:1: error: row 2 has no model name");
    expect_failure("m.md", "| a | b |\n|---|---|\n| x | 1 |\n",
                   "m.md: no model column (looked for: model, model name, "
                   "name, 模型, 大模型, 模型名称, 名称)");
    expect_failure("m.md", "| Model | b |\n|---|---|---|\n",
                   "m.md:2:1: error: the delimiter row has 3 cells, the "
                   "header 2");
    expect_failure("m.md", "| Model | b |\n|---|---|\n| x | 1 | 2 |\n",
                   "m.md:3:11: error: more cells than the header's 2");
    expect_failure("m.md", "# nothing here\n", "m.md: no Markdown table (a "
                   "header row followed by a |---| delimiter row)");
    expect_failure("e.md", "| Model | | Score |\n|---|-|---|\n| x | oops | 1 |\n",
                   "e.md:3:7: error: a value in column 2, which has no "
                   "header");
    expect_failure("h.csv", "Model,Score\n", "h.csv: the table has no rows");
    expect_failure("u.md", "| Model | | Math | | Math |\n|-|-|-|-|-|\n",
                   "u.md:1:22: error: a second column named \"Math\"");
}

static void markdown_escapes_and_missing_pipes(void **state)
{
    (void)state;
    const char *md = "intro text | with a pipe\n\n"
                     "Model | Score\n:--|--:\n"
                     "a\\|b | 1\n"
                     "c | 3\n";
    Table t;
    LbError err = {0};
    assert_int_equal(table_parse(&t, "x.md", md, strlen(md),
                                 TABLE_FORMAT_AUTO, 0, &err), 0);
    assert_int_equal(t.ncols, 2);
    assert_int_equal(t.nrows, 2);
    assert_string_equal(t.rows[0].cells[0], "a|b");
    assert_string_equal(t.rows[1].cells[1], "3");
    table_free(&t);
}

/* A real page (tests/fixtures/fetch/README.md): link stubs after the
 * names, "1490 (±8) Preliminary" scores, 排名 kept, the page's date. */
static void real_markdown_page_with_links_and_date(void **state)
{
    (void)state;
    AdapterOptions opt = {0};
    LbError err = {0};
    Leaderboard *lb = run_fixture("cherry_text_2026-08.md", &opt, &err);
    assert_non_null(lb);
    assert_int_equal(lb->n_models, 9);
    assert_string_equal(lb->updated_at, "2026-08-21T08:35:38Z");
    const LbModel *m = &lb->models[0];
    assert_string_equal(m->model, "claude-fable-5");
    assert_string_equal(m->url,
                        "https://www.anthropic.com/news/claude-fable-5-mythos-5");
    assert_int_equal(m->rank, 1);
    assert_true(m->rating == 1507 && m->ci_lower == 1502 && m->ci_upper == 1512);
    assert_int_equal(m->votes, 23626);
    assert_string_equal(lb->models[3].model, "muse-spark-1.2 (xHigh)");
    const LbModel *p = &lb->models[8];
    assert_string_equal(p->model, "gemini-3.7-flash-high");
    assert_int_equal(p->preliminary, 1);
    assert_true(p->ci_lower == 1482 && p->ci_upper == 1498);
    for (size_t i = 0; i < lb->n_models; i++) {
        assert_null(strchr(lb->models[i].model, '['));
        assert_int_equal(lb->models[i].rank, (int)i + 1);
    }
    leaderboard_free(lb);
}

/* Every prefix of every fixture through both table adapters: a board or
 * a clean error, never a crash (ASan watches). */
static void truncated_tables_fail_cleanly(void **state)
{
    (void)state;
    const char *files[] = {"bench_edge.csv", "bench_002.md", "bench.json",
                           "catalog_004.md", "bench_002_bad_total.md",
                           "cherry_text_2026-08.md"};
    const char *adapters[] = {"table", "catalog"};
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        char path[256], *text = NULL;
        size_t len = 0;
        LbError err = {0};
        snprintf(path, sizeof path, "tests/fixtures/fetch/%s", files[f]);
        assert_int_equal(file_read_all(path, &text, &len, &err), 0);
        for (size_t a = 0; a < 2; a++) {
            for (size_t cut = 0; cut <= len; cut += 3) {
                /* A copy of exactly `cut` bytes, so reads past the end
                 * are caught. */
                char *part = malloc(cut ? cut : 1);
                memcpy(part, text, cut);
                AdapterOptions opt = {0};
                opt.id = "t";
                opt.source_name = path;
                opt.trust_total = 1;
                err = (LbError){0};
                Leaderboard *lb = adapter_run(adapter_find(adapters[a]), part,
                                              cut, &opt, &err);
                if (!lb)
                    assert_true(err.status == LB_EINPUT && err.message[0]);
                leaderboard_free(lb);
                free(part);
            }
        }
        free(text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_quotes_bom_crlf_and_competition_ranks),
        cmocka_unit_test(markdown_like_seed_002),
        cmocka_unit_test(disagreeing_total_names_the_row),
        cmocka_unit_test(weights_and_configured_columns),
        cmocka_unit_test(json_arrays),
        cmocka_unit_test(configured_scores_must_be_numbers),
        cmocka_unit_test(errors_name_line_and_column),
        cmocka_unit_test(markdown_escapes_and_missing_pipes),
        cmocka_unit_test(real_markdown_page_with_links_and_date),
        cmocka_unit_test(truncated_tables_fail_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
