/* The arena-html adapter against fixtures of every arena board. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adapter.h"
#include "fileio.h"

static Leaderboard *parse_html(const char *html, const char *base,
                               LbError *err)
{
    AdapterOptions opt = {0};
    opt.id = "text";
    opt.source_name = "page.html";
    opt.base_url = base;
    return adapter_run(adapter_find("arena-html"), html, strlen(html), &opt,
                       err);
}

static Leaderboard *parse_board(const char *board)
{
    char path[256], base[256], *text = NULL;
    size_t len = 0;
    LbError err = {0};
    snprintf(path, sizeof path, "tests/fixtures/fetch/arena_%s.html", board);
    snprintf(base, sizeof base, "https://lmarena.ai/leaderboard/%s", board);
    assert_int_equal(file_read_all(path, &text, &len, &err), 0);
    AdapterOptions opt = {0};
    opt.id = "board";
    opt.source_name = path;
    opt.base_url = base;
    Leaderboard *lb = adapter_run(adapter_find("arena-html"), text, len,
                                  &opt, &err);
    free(text);
    if (!lb)
        fail_msg("%s", err.message);
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

static void text_board(void **state)
{
    (void)state;
    Leaderboard *lb = parse_board("text");
    assert_int_equal(lb->kind, LB_KIND_ARENA);
    assert_int_equal(lb->n_models, 4); /* the decoy table was not taken */
    assert_string_equal(lb->source.url, "https://lmarena.ai/leaderboard/text");
    const LbModel *m = find(lb, "gemini-3-pro");
    assert_string_equal(m->url, "https://deepmind.google/models/gemini/pro/");
    assert_int_equal(m->votes, 21938);
    assert_int_equal(m->rank_spread[0], 1);
    assert_int_equal(m->rank_spread[1], 2);
    assert_true(m->ci_lower == 1485 && m->ci_upper == 1495);
    assert_int_equal(m->preliminary, 0);

    m = find(lb, "gemini-3-flash"); /* badge, trend arrow, relative link */
    assert_true(m->rating == 1480);
    assert_int_equal(m->preliminary, 1);
    assert_int_equal(m->rank_ub, 2);
    assert_string_equal(m->url, "https://lmarena.ai/model/gemini-3-flash");
    assert_true(m->ci_lower == 1476 && m->ci_upper == 1486); /* +6/-4 */

    /* An inline SVG icon with a <title> inside the link: not in the name. */
    m = find(lb, "claude-opus-4-5-20251101-thinking-32k");
    assert_string_equal(m->organization, "Anthropic");
    assert_int_equal(m->rank_ub, 2);
    assert_int_equal(m->rank, 3);
    assert_int_equal(m->rank_spread[1], 7);

    m = find(lb, "llama-3.2-1b-instruct"); /* javascript: link dropped */
    assert_null(m->url);
    assert_int_equal(m->votes, 1234);
    assert_string_equal(m->license, "Llama 3.2 Community & Acceptable Use");
    leaderboard_free(lb);
}

static void vision_board_takes_organization_from_icons(void **state)
{
    (void)state;
    Leaderboard *lb = parse_board("vision");
    const LbModel *m = find(lb, "gemini-3-pro");
    assert_string_equal(m->organization, "Google"); /* <svg><title> */
    assert_string_equal(m->url, "https://lmarena.ai/leaderboard/models/"
                                "gemini-3-pro?tab=vision");
    m = find(lb, "kimi-k2-thinking-turbo"); /* not "MoonshotAIkimi-..." */
    assert_string_equal(m->organization, "MoonshotAI");
    assert_null(m->url); /* mailto: dropped */
    m = find(lb, "hunyuan-vision-1.5-thinking"); /* no link at all */
    assert_string_equal(m->organization, "Tencent");
    assert_true(m->ci_lower == 1280 && m->ci_upper == 1303); /* -11/+12 */
    leaderboard_free(lb);
}

static void score_cells_with_intervals_and_badges(void **state)
{
    (void)state;
    Leaderboard *lb = parse_board("webdev");
    const LbModel *m = find(lb, "gpt-5.2"); /* 1385±5 Preliminary */
    assert_true(m->rating == 1385 && m->ci_lower == 1380
                && m->ci_upper == 1390);
    assert_int_equal(m->preliminary, 1);
    m = find(lb, "glm-4.7"); /* "1377 ± 11" */
    assert_true(m->ci_lower == 1366 && m->ci_upper == 1388);
    m = find(lb, "claude-opus-4-5-20251101"); /* icon inside the link */
    assert_string_equal(m->organization, "Anthropic");
    leaderboard_free(lb);

    lb = parse_board("search");
    m = find(lb, "grok-4-search"); /* 1712+20/-20Preliminary */
    assert_true(m->rating == 1712 && m->ci_lower == 1692
                && m->ci_upper == 1732);
    assert_int_equal(m->preliminary, 1);
    m = find(lb, "ppl-sonar-pro-high"); /* split over two <div>s */
    assert_true(m->ci_lower == 1687 && m->ci_upper == 1712);
    assert_int_equal(m->rank_spread[1], 4);
    leaderboard_free(lb);
}

static void image_and_agent_boards(void **state)
{
    (void)state;
    Leaderboard *lb = parse_board("text_to_image");
    assert_int_equal(lb->n_models, 3);
    const LbModel *m = find(lb, "gpt-image-1.5");
    assert_true(m->ci_lower == 1260); /* "95% CI" without (±) */
    assert_string_equal(m->organization, "OpenAI");
    leaderboard_free(lb);

    lb = parse_board("agent");
    m = find(lb, "claude-opus-4-5-20251101");
    assert_int_equal(m->rank, 1);
    assert_int_equal(m->n_extra, 4);
    assert_string_equal(m->extra[0].name, "Price $/M");
    assert_string_equal(m->extra[0].value, "5 / 25");
    assert_string_equal(m->extra[2].name, "Task Success");
    m = find(lb, "gpt-5.1-codex"); /* "—" is no value */
    assert_int_equal(m->n_extra, 3);
    leaderboard_free(lb);
}

static void expect_error(const char *html, const char *needle)
{
    LbError err = {0};
    Leaderboard *lb = parse_html(html, NULL, &err);
    assert_null(lb);
    assert_int_equal(err.status, LB_EINPUT);
    if (!strstr(err.message, needle))
        fail_msg("\"%s\" lacks \"%s\"", err.message, needle);
}

#define HEAD "<table><tr><th>Rank</th><th>Model</th><th>Score</th></tr>"

static void pages_that_changed_shape(void **state)
{
    (void)state;
    expect_error("<html><body><p>Just a moment...</p></body></html>",
                 "page.html: no <table> in the page");
    expect_error("<table><tr><th>Rank</th><th>Model</th><th>Votes</th></tr>"
                 "<tr><td>1</td><td>a</td><td>3</td></tr></table>",
                 "lacks the Score header");
    expect_error("<table><tr><th>Name</th><th>Votes</th></tr></table>",
                 "lacks the Rank, Model, Score headers");
    expect_error(HEAD "</table>", "page.html: the leaderboard table has no "
                                  "rows");
    expect_error(HEAD "<tr><td>1</td><td>a</td></tr></table>",
                 "page.html:1: error: table row 1: 2 cells where the header "
                 "has 3");
    expect_error(HEAD "<tr><td>1</td><td>a</td><td>n/a</td></tr></table>",
                 "page.html:1: error: table row 1, column \"Score\": \"n/a\" "
                 "is not a score");
    expect_error(HEAD "<tr><td>1</td><td>a</td><td>1400 Deprecated</td></tr>"
                 "</table>", "unexpected \"Deprecated\" after the score");
    expect_error(HEAD "<tr><td>-</td><td>a</td><td>1400</td></tr></table>",
                 "column \"Rank\": \"-\" holds no rank");
    expect_error(HEAD "<tr><td>1</td><td><img alt=\"X\"></td><td>1</td></tr>"
                 "</table>", "empty model name");
    expect_error(HEAD "<tr><td>1</td><td>a</td><td>2</td></tr>"
                 "<tr><td>2</td><td>a</td><td>1</td></tr></table>",
                 "model \"a\" appears twice");
}

static void links_and_entities(void **state)
{
    (void)state;
    LbError err = {0};
    Leaderboard *lb = parse_html(
        "<!DOCTYPE html [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        HEAD "<tr><td>1</td><td><a href=\"../m/a b\">a&amp;b &x;</a></td>"
        "<td>1,400</td></tr>"
        "<tr><td>2</td><td><a href=\"//cdn.example.org/x\">c</a></td>"
        "<td>1300</td></tr></table>", "https://lmarena.ai/leaderboard/text",
        &err);
    assert_non_null(lb);
    assert_string_equal(lb->models[0].model, "a&b &x;");
    assert_string_equal(lb->models[0].url, "https://lmarena.ai/m/a%20b");
    assert_true(lb->models[0].rating == 1400);
    assert_int_equal(lb->models[0].preliminary, 0);
    assert_string_equal(lb->models[1].url, "https://cdn.example.org/x");
    leaderboard_free(lb);

    /* Relative links need the page's URL; without one they are dropped. */
    lb = parse_html(HEAD "<tr><td>1</td><td><a href=\"/m/a\">a</a></td>"
                    "<td>1</td></tr></table>", NULL, &err);
    assert_non_null(lb);
    assert_null(lb->models[0].url);
    leaderboard_free(lb);
}

static void repeated_headers_stay_apart(void **state)
{
    (void)state;
    LbError err = {0};
    Leaderboard *lb = parse_html(
        "<table><tr><th>Rank</th><th>Model</th><th>Score</th><th>Note</th>"
        "<th>Note</th><th>Score</th><th>Note</th></tr><tr><td>1</td>"
        "<td>a</td><td>1400</td><td>x</td><td>y</td><td>9</td><td>z</td>"
        "</tr></table>", NULL, &err);
    assert_non_null(lb);
    const LbModel *m = &lb->models[0];
    assert_true(m->rating == 1400); /* the first Score column */
    assert_int_equal(m->n_extra, 4);
    assert_string_equal(m->extra[1].name, "Note (2)");
    assert_string_equal(m->extra[2].name, "Score (2)");
    assert_string_equal(m->extra[2].value, "9");
    assert_string_equal(m->extra[3].name, "Note (3)");
    leaderboard_free(lb);
}

static void nested_tables_are_not_rows(void **state)
{
    (void)state;
    LbError err = {0};
    Leaderboard *lb = parse_html(
        HEAD "<tr><td>1</td><td>a<div class=\"tooltip\"><table><tr><th>k"
        "</th></tr><tr><td>x</td><td>y</td></tr></table></div></td>"
        "<td>1400</td></tr><tr><td>2</td><td>b</td><td>1300</td></tr>"
        "</table>", NULL, &err);
    assert_non_null(lb);
    assert_int_equal(lb->n_models, 2);
    assert_string_equal(lb->models[1].model, "b");
    leaderboard_free(lb);
}

/* Every prefix of every fixture: a board or a clean error, never a crash
 * (ASan watches) and never a board the data model would refuse. */
static void truncated_pages_fail_cleanly(void **state)
{
    (void)state;
    const char *boards[] = {"text", "vision", "webdev", "search",
                            "text_to_image", "agent"};
    for (size_t b = 0; b < sizeof boards / sizeof *boards; b++) {
        char path[256], *text = NULL;
        size_t len = 0;
        LbError err = {0};
        snprintf(path, sizeof path, "tests/fixtures/fetch/arena_%s.html",
                 boards[b]);
        assert_int_equal(file_read_all(path, &text, &len, &err), 0);
        for (size_t cut = 0; cut < len; cut += 5) {
            AdapterOptions opt = {0};
            opt.id = "t";
            opt.source_name = path;
            opt.base_url = "https://lmarena.ai/";
            err = (LbError){0};
            Leaderboard *lb = adapter_run(adapter_find("arena-html"), text,
                                          cut, &opt, &err);
            if (lb)
                assert_true(lb->n_models > 0);
            else
                assert_true(err.status == LB_EINPUT && err.message[0]);
            leaderboard_free(lb);
        }
        free(text);
    }
}

static void hidden_text_is_not_in_names(void **state)
{
    (void)state;
    LbError err = {0};
    Leaderboard *lb = parse_html(
        HEAD "<tr><td>1</td><td><a href=\"https://x.org/c\"><span "
        "class=\"icon sr-only\">Anthropic</span><span style=\"display: "
        "none\">Meta</span><span hidden>X</span>claude-3</a></td>"
        "<td>1400</td></tr>"
        "<tr><td>2</td><td><img alt=\"Mistral logo\"><a href=\"#\">mistral"
        "</a></td><td>1300</td></tr></table>", "https://x.org/", &err);
    assert_non_null(lb);
    assert_string_equal(lb->models[0].model, "claude-3");
    assert_null(lb->models[0].organization);
    assert_string_equal(lb->models[1].model, "mistral");
    assert_string_equal(lb->models[1].organization, "Mistral");
    assert_null(lb->models[1].url); /* "#": the page itself */
    leaderboard_free(lb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_board),
        cmocka_unit_test(vision_board_takes_organization_from_icons),
        cmocka_unit_test(score_cells_with_intervals_and_badges),
        cmocka_unit_test(image_and_agent_boards),
        cmocka_unit_test(pages_that_changed_shape),
        cmocka_unit_test(links_and_entities),
        cmocka_unit_test(nested_tables_are_not_rows),
        cmocka_unit_test(repeated_headers_stay_apart),
        cmocka_unit_test(hidden_text_is_not_in_names),
        cmocka_unit_test(truncated_pages_fail_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
