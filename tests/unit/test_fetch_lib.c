/* fetch's local half (files, via templates, redaction, cache keys) and the
 * catalog join. The network half runs against tests/http_server.py in
 * tests/cli/test_fetch.sh. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "adapter.h"
#include "catalog.h"
#include "fetch.h"
#include "fileio.h"
#include "redact.h"
#include "text.h"

static void redaction_covers_raw_and_encoded_forms(void **state)
{
    (void)state;
    Redactor r = REDACTOR_INIT;
    redactor_add(&r, "s3cr+t/1");
    redactor_add(&r, "s3cr+t/1"); /* duplicates are ignored */
    redactor_add(&r, "");         /* and so is nothing */
    assert_int_equal(r.n, 1);
    char *out = redact_text(&r, "https://p/?k=s3cr+t/1&u=x s3cr%2Bt%2F1.");
    assert_string_equal(out, "https://p/?k=***&u=x ***.");
    free(out);
    LbError err = {0};
    lb_fail(&err, LB_ESOURCE, "GET https://p/?k=s3cr+t/1: HTTP 401");
    redact_error(&r, &err);
    assert_string_equal(err.message, "GET https://p/?k=***: HTTP 401");
    redactor_free(&r);
    out = redact_text(NULL, "as is");
    assert_string_equal(out, "as is");
    free(out);
}

static void via_templates(void **state)
{
    (void)state;
    Redactor r = REDACTOR_INIT;
    LbError err = {0};
    char *url = NULL;
    setenv("LBGEN_TEST_KEY", "k3y", 1);
    assert_int_equal(fetch_expand_via("https://proxy.example/?api_key="
                                      "${LBGEN_TEST_KEY}&render=true&url={url}",
                                      "https://lmarena.ai/leaderboard/text?a=1&b=2",
                                      &r, &url, &err), 0);
    assert_string_equal(url, "https://proxy.example/?api_key=k3y&render=true"
                             "&url=https%3A%2F%2Flmarena.ai%2Fleaderboard"
                             "%2Ftext%3Fa%3D1%26b%3D2");
    assert_int_equal(r.n, 1);
    assert_string_equal(r.secrets[0], "k3y");
    free(url);

    unsetenv("LBGEN_TEST_MISSING");
    assert_int_equal(fetch_expand_via("https://p/?k=${LBGEN_TEST_MISSING}",
                                      "https://x/", &r, &url, &err), -1);
    assert_int_equal(err.status, LB_EINPUT);
    assert_string_equal(err.message, "via template: environment variable "
                                     "LBGEN_TEST_MISSING is not set");
    assert_int_equal(fetch_expand_via("https://p/?k=${BAD", "https://x/", &r,
                                      &url, &err), -1);
    assert_string_equal(err.message,
                        "via template: malformed ${...} at offset 13");
    redactor_free(&r);
}

static void files_paths_and_limits(void **state)
{
    (void)state;
    FetchOptions o;
    fetch_options_init(&o);
    assert_int_equal(o.max_body, 64u << 20);
    assert_int_equal(o.timeout_ms, 60000);
    assert_int_equal(o.connect_timeout_ms, 10000);
    assert_int_equal(o.max_retries, 3);
    FetchResult res;
    LbError err = {0};
    assert_int_equal(fetch_source("tests/fixtures/fetch/small.csv", &o, NULL,
                                  &res, &err), 0);
    assert_string_equal(res.data, "model,score\nalpha,1\nbeta,2\n");
    fetch_result_free(&res);

    char cwd[4096], url[4200];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(url, sizeof url, "file://%s/tests/fixtures/fetch/small%%2Ecsv",
             cwd);
    assert_int_equal(fetch_source(url, &o, NULL, &res, &err), 0);
    assert_int_equal(res.len, 27);
    fetch_result_free(&res);

    o.max_body = 10;
    assert_int_equal(fetch_source("tests/fixtures/fetch/small.csv", &o, NULL,
                                  &res, &err), -1);
    assert_string_equal(err.message, "tests/fixtures/fetch/small.csv: larger "
                                     "than the 10-byte limit");
    o.max_body = 1000;

    assert_int_equal(fetch_source("ftp://example.org/x", &o, NULL, &res,
                                  &err), -1);
    assert_string_equal(err.message, "ftp://: unsupported scheme (http, "
                                     "https, file only)");
    assert_int_equal(fetch_source("file://otherhost/x", &o, NULL, &res,
                                  &err), -1);
    assert_int_equal(err.status, LB_EINPUT);
    o.via = "https://p/?url={url}";
    assert_int_equal(fetch_source("tests/fixtures/fetch/small.csv", &o, NULL,
                                  &res, &err), -1);
    assert_int_equal(err.status, LB_EUSAGE);
    o.via = "file:///etc/?{url}";
    assert_int_equal(fetch_source("https://example.org/", &o, NULL, &res,
                                  &err), -1);
    assert_string_equal(err.message, "via template must give an http(s) URL, "
                                     "not file:///etc/?https%3A%2F%2F"
                                     "example.org%2F");
    assert_int_equal(fetch_source("tests/fixtures/fetch/none.csv", &o, NULL,
                                  &res, &err), -1);
}

static void cache_keys_are_stable(void **state)
{
    (void)state;
    char a[17], b[17], c[17];
    fetch_cache_key("https://lmarena.ai/leaderboard/text", a);
    fetch_cache_key("https://lmarena.ai/leaderboard/text", b);
    fetch_cache_key("https://lmarena.ai/leaderboard/vision", c);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    assert_int_equal(strlen(a), 16);
    fetch_cache_key("", a);
    assert_string_equal(a, "cbf29ce484222325"); /* FNV-1a offset basis */
}

static void model_ids(void **state)
{
    (void)state;
    const char *cases[][2] = {
        {"Anthropic/Claude-3-Opus-20240229", "claude-3-opus-20240229"},
        {"meta-llama/Llama-3.2-3B-Instruct", "llama-3.2-3b-instruct"},
        {"Llama 3.2 3B Instruct", "llama-3.2-3b-instruct"},
        {"  qwen2_5 -- 72b ", "qwen2-5-72b"},
        {"gpt-4o", "gpt-4o"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *id = model_id_normalize(cases[i][0]);
        assert_string_equal(id, cases[i][1]);
        free(id);
    }
}

static void catalog_join_fills_only_absent_fields(void **state)
{
    (void)state;
    char *text = NULL;
    size_t len = 0;
    LbError err = {0};
    assert_int_equal(file_read_all("tests/fixtures/fetch/catalog_004.md",
                                   &text, &len, &err), 0);
    AdapterOptions opt = {0};
    opt.id = "catalog";
    opt.source_name = "catalog_004.md";
    Leaderboard *cat = adapter_run(adapter_find("catalog"), text, len, &opt,
                                   &err);
    free(text);
    assert_non_null(cat);
    assert_int_equal(cat->n_models, 5);
    const LbModel *e = &cat->models[1];
    assert_string_equal(e->model, "meta-llama/Llama 3.2 3B Instruct");
    assert_string_equal(e->organization, "meta-llama");
    assert_string_equal(e->params, "3B");
    assert_int_equal(e->context, 131072);
    assert_int_equal(e->hf_likes, 1363);
    assert_int_equal(e->hf_downloads, 1367670);
    assert_null(cat->models[3].license); /* "•" is no value */
    assert_int_equal(cat->models[4].context, 512000);

    Leaderboard *lb = leaderboard_new("text", LB_KIND_ARENA);
    LbModel *m = leaderboard_add_model(lb, "meta-llama/LLAMA-3.2-3B-instruct");
    m = leaderboard_add_model(lb, "gemma-3-1b-it");
    m->license = strdup("Gemma Terms");
    leaderboard_add_model(lb, "unknown-model");
    assert_int_equal(catalog_join(lb, cat), 2);
    m = &lb->models[0];
    assert_string_equal(m->organization, "meta-llama");
    assert_string_equal(m->license, "llama3.2");
    assert_int_equal(m->hf_likes, 1363);
    m = &lb->models[1];
    assert_string_equal(m->license, "Gemma Terms"); /* kept */
    assert_int_equal(m->context, 32768);
    m = &lb->models[2];
    assert_null(m->organization);
    assert_int_equal(m->hf_likes, -1);
    leaderboard_free(lb);
    leaderboard_free(cat);

    /* Re-uploads by other maintainers: the first row wins the join. */
    const char *dup = "| Model Name | Maintainer | Likes |\n|---|---|---|\n"
                      "| Llama 3.2 1B Instruct | meta-llama | 886 |\n"
                      "| Llama 3.2 1B Instruct | unsloth | 70 |\n";
    opt.source_name = "dup.md";
    cat = adapter_run(adapter_find("catalog"), dup, strlen(dup), &opt, &err);
    assert_non_null(cat);
    assert_string_equal(cat->models[1].model,
                        "unsloth/Llama 3.2 1B Instruct");
    lb = leaderboard_new("text", LB_KIND_ARENA);
    leaderboard_add_model(lb, "llama-3.2-1b-instruct");
    assert_int_equal(catalog_join(lb, cat), 1);
    assert_string_equal(lb->models[0].organization, "meta-llama");
    assert_int_equal(lb->models[0].hf_likes, 886);
    leaderboard_free(lb);
    leaderboard_free(cat);

    opt.source_name = "bad.md";
    const char *bad = "| Model | Context Len |\n|---|---|\n| a | lots |\n";
    assert_null(adapter_run(adapter_find("catalog"), bad, strlen(bad), &opt,
                            &err));
    assert_string_equal(err.message, "bad.md:3:7: error: \"lots\" is not a "
                                     "context length (like 128K)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(redaction_covers_raw_and_encoded_forms),
        cmocka_unit_test(via_templates),
        cmocka_unit_test(files_paths_and_limits),
        cmocka_unit_test(cache_keys_are_stable),
        cmocka_unit_test(model_ids),
        cmocka_unit_test(catalog_join_fills_only_absent_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
