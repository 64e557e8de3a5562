/* Unit tests for summary: the Markdown report and the list of changed
 * boards. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "fileio.h"
#include "leaderboard.h"
#include "summary.h"

typedef struct {
    char dir[64];
    char config[128];
    char previous[128];
} Fixture;

static void write_text(const char *path, const char *text)
{
    LbError err = {0};
    assert_int_equal(file_write_atomic(path, text, strlen(text), &err), 0);
}

static void write_board(const char *path, const char *updated,
                        const char *const *names, size_t n)
{
    Buf json = BUF_INIT;
    buf_printf(&json, "{\"id\": \"text\", \"kind\": \"arena\", %s%s%s"
                      "\"models\": [", updated ? "\"updated_at\": \"" : "",
               updated ? updated : "", updated ? "\", " : "");
    for (size_t i = 0; i < n; i++)
        buf_printf(&json, "%s{\"model\": \"%s\", \"rating\": %d, \"rank\": %zu}",
                   i ? ", " : "", names[i], 1500 - (int)i, i + 1);
    buf_puts(&json, "]}\n");
    write_text(path, json.data);
    buf_free(&json);
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/lbgen-summary-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->config, sizeof f->config, "%s/leaderboards.json", f->dir);
    snprintf(f->previous, sizeof f->previous, "%s/previous", f->dir);
    char path[256];
    LbError err = {0};
    snprintf(path, sizeof path, "%s/data", f->dir);
    assert_int_equal(mkdir_p(path, &err), 0);
    assert_int_equal(mkdir_p(f->previous, &err), 0);
    write_text(f->config,
               "{\"site\": {\"title_key\": \"site.title\", \"tagline_key\": "
               "\"site.tagline\", \"base_url\": \"https://example.org/\", "
               "\"default_locale\": \"zh\"}, \"locales\": [\"zh\"], "
               "\"leaderboards\": ["
               "{\"id\": \"text\", \"kind\": \"arena\", \"data\": "
               "\"data/text.json\", \"live\": {\"url\": "
               "\"https://example.org/text\", \"adapter\": \"arena-html\"}, "
               "\"columns\": [\"rank\", \"model\"], \"top_n\": 0, "
               "\"title_key\": \"t\", \"intro_key\": \"i\", "
               "\"description_key\": \"d\"},"
               "{\"id\": \"same\", \"kind\": \"arena\", \"data\": "
               "\"data/same.json\", \"columns\": [\"rank\", \"model\"], "
               "\"top_n\": 0, \"title_key\": \"t\", \"intro_key\": \"i\", "
               "\"description_key\": \"d\"}]}\n");
    const char *now[] = {"m|pipe", "a", "b", "c"};
    const char *before[] = {"a", "b", "c", "m|pipe"};
    snprintf(path, sizeof path, "%s/data/text.json", f->dir);
    write_board(path, "2026-01-03T08:00:00Z", now, 4);
    snprintf(path, sizeof path, "%s/text.json", f->previous);
    write_board(path, "2026-01-02T08:00:00Z", before, 4);
    snprintf(path, sizeof path, "%s/data/same.json", f->dir);
    write_board(path, NULL, before, 3);
    snprintf(path, sizeof path, "%s/same.json", f->previous);
    write_board(path, NULL, before, 3);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    LbError err = {0};
    remove_tree(f->dir, &err);
    free(f);
    return 0;
}

static void markdown_reports_rows_dates_and_moves(void **state)
{
    const Fixture *f = *state;
    SummaryOptions o = {f->config, f->previous, NULL, 2};
    Buf out = BUF_INIT;
    LbError err = {0};
    assert_int_equal(summary_markdown(&o, &out, &err), 0);
    assert_non_null(strstr(out.data,
                           "| text | 4 | 2026-01-03T08:00:00Z | — | 4 moved, "
                           "0 new, 0 dropped | ok |\n"));
    assert_non_null(strstr(out.data, "| same | 3 | — | — | no rank changes | ok |\n"));
    /* Two rows of changes (--top 2), the biggest first, names escaped. */
    assert_non_null(strstr(out.data, "### text: biggest rank changes"));
    assert_non_null(strstr(out.data, "| m\\|pipe | 1 | ▲ 3 (was 4) |\n"
                                     "| a | 2 | ▼ 1 (was 1) |\n"));
    assert_null(strstr(out.data, "| b |"));
    assert_null(strstr(out.data, "### same"));
    buf_free(&out);

    /* Without a previous snapshot; with a log naming a board's source. */
    SummaryOptions fresh = {f->config, NULL,
                            "lbgen build: https://example.org/text: 0 rows\n", 5};
    assert_int_equal(summary_markdown(&fresh, &out, &err), 0);
    assert_non_null(strstr(out.data, "| text | 4 | 2026-01-03T08:00:00Z | — | "
                                     "no previous snapshot | **failed its "
                                     "checks** |"));
    assert_non_null(strstr(out.data, "| same | 3 | — | — | no previous "
                                     "snapshot | ok |"));
    assert_non_null(strstr(out.data, "### Build messages\n\n```\nlbgen build: "
                                     "https://example.org/text: 0 rows\n```\n"));
    buf_free(&out);
}

static void changed_boards_are_listed_by_id(void **state)
{
    const Fixture *f = *state;
    Buf out = BUF_INIT;
    LbError err = {0};
    assert_int_equal(summary_changed_boards(f->config, f->previous, &out, &err), 0);
    assert_string_equal(out.data, "text\n");
    buf_free(&out);

    char path[256];
    snprintf(path, sizeof path, "%s/same.json", f->previous);
    unlink(path);
    assert_int_equal(summary_changed_boards(f->config, f->previous, &out, &err), 0);
    assert_string_equal(out.data, "text\nsame\n");
    buf_free(&out);

    /* A broken current file is a row naming it and why; the summary is
     * still written. */
    snprintf(path, sizeof path, "%s/data/text.json", f->dir);
    write_text(path, "{\"id\": ");
    SummaryOptions o = {f->config, f->previous, NULL, 5};
    assert_int_equal(summary_markdown(&o, &out, &err), 0);
    assert_non_null(strstr(out.data, "| text | — | — | — | — | **data unreadable**: "));
    assert_non_null(strstr(out.data, "data/text.json:1:"));
    buf_free(&out);
}

/* Boards with several sources: which one the data came from, sources
 * skipped before it, and failures told apart from progress even when two
 * boards share a source URL. */
static void sources_used_and_skipped(void **state)
{
    (void)state;
    char dir[] = "/tmp/lbgen-summary-XXXXXX", path[256], config[128];
    assert_non_null(mkdtemp(dir));
    LbError err = {0};
    snprintf(path, sizeof path, "%s/data", dir);
    assert_int_equal(mkdir_p(path, &err), 0);
    snprintf(config, sizeof config, "%s/leaderboards.json", dir);
    write_text(config,
               "{\"site\": {\"title_key\": \"t\", \"tagline_key\": \"t\", "
               "\"base_url\": \"https://example.org/\", \"default_locale\": "
               "\"zh\"}, \"locales\": [\"zh\"], \"leaderboards\": ["
               "{\"id\": \"text\", \"kind\": \"arena\", \"data\": "
               "\"data/text.json\", \"sources\": [{\"url\": "
               "\"https://example.org/text\", \"adapter\": \"arena-html\"}, "
               "{\"url\": \"https://example.org/catalog.json\", \"adapter\": "
               "\"arena-catalog\"}], \"columns\": [\"rank\", \"model\"], "
               "\"top_n\": 0, \"title_key\": \"t\", \"intro_key\": \"i\", "
               "\"description_key\": \"d\"},"
               "{\"id\": \"coding\", \"kind\": \"arena\", \"data\": "
               "\"data/coding.json\", \"live\": {\"url\": "
               "\"https://example.org/catalog.json\", \"adapter\": "
               "\"arena-catalog\", \"options\": {\"category\": \"coding\"}}, "
               "\"columns\": [\"rank\", \"model\"], \"top_n\": 0, "
               "\"title_key\": \"t\", \"intro_key\": \"i\", "
               "\"description_key\": \"d\"}]}\n");
    snprintf(path, sizeof path, "%s/data/text.json", dir);
    write_text(path, "{\"id\": \"text\", \"kind\": \"arena\", \"source\": "
                     "{\"url\": \"https://example.org/catalog.json\", "
                     "\"adapter\": \"arena-catalog\"}, \"models\": "
                     "[{\"model\": \"a\", \"rating\": 1, \"rank\": 1}]}");
    snprintf(path, sizeof path, "%s/data/coding.json", dir);
    write_text(path, "{\"id\": \"coding\", \"kind\": \"arena\", \"source\": "
                     "{\"adapter\": \"table\"}, \"models\": "
                     "[{\"model\": \"a\", \"rating\": 1, \"rank\": 1}]}");
    const char *log =
        "lbgen build: https://example.org/text: HTTP 500; retry 1 of 3 in "
        "0.5 s\n"
        "lbgen build: text: source 1 of 2 (arena-html https://example.org/"
        "text) skipped: https://example.org/text: HTTP 500\n"
        "lbgen build: text: refreshed, 1 models, from source 2 of 2 "
        "(arena-catalog https://example.org/catalog.json)\n"
        "lbgen build: coding: https://example.org/catalog.json: no category "
        "\"coding\"; keeping the last good data\n";
    SummaryOptions o = {config, NULL, log, 5};
    Buf out = BUF_INIT;
    assert_int_equal(summary_markdown(&o, &out, &err), 0);
    if (!strstr(out.data, "| text | 1 | — | 2 of 2: arena-catalog | no "
                          "previous snapshot | ok (1 source skipped) |\n"))
        fail_msg("%s", out.data);
    if (!strstr(out.data, "| coding | 1 | — | table | no previous snapshot "
                          "| **failed its checks** |\n"))
        fail_msg("%s", out.data);
    assert_non_null(strstr(out.data, "| data from |"));
    buf_free(&out);
    remove_tree(dir, &err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(markdown_reports_rows_dates_and_moves,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(changed_boards_are_listed_by_id, setup,
                                        teardown),
        cmocka_unit_test(sources_used_and_skipped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
