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

    lb = parse_board("agent"); /* January's: Price and Context as text */
    m = find(lb, "claude-opus-4-5-20251101");
    assert_int_equal(m->rank, 1);
    assert_true(m->price_input == 5 && m->price_output == 25); /* "5 / 25" */
    assert_int_equal(m->context, 200000);                      /* "200K" */
    assert_int_equal(m->n_metrics, 1); /* a column of percentages */
    assert_string_equal(m->metrics[0].name, "Task Success");
    assert_true(m->metrics[0].value == 71.2 && isnan(m->metrics[0].ci_lower));
    assert_int_equal(m->n_extra, 1);
    assert_string_equal(m->extra[0].name, "Avg. Steps");
    assert_string_equal(m->extra[0].value, "14.1");
    m = find(lb, "gpt-5.1-codex"); /* "—" is no value */
    assert_int_equal(m->n_extra, 0);
    assert_true(m->price_input == 1.25);
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
                            "text_to_image", "agent", "today_text",
                            "today_agent", "today_vision"};
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

/* ---- today's markup (tests/fixtures/fetch/arena_today_*.html) --------- */

static Leaderboard *parse_today(const char *board)
{
    char path[256], base[256], *text = NULL;
    size_t len = 0;
    LbError err = {0};
    snprintf(path, sizeof path, "tests/fixtures/fetch/arena_today_%s.html",
             board);
    snprintf(base, sizeof base, "https://arena.ai/leaderboard/%s", board);
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

static void expect_model(const LbModel *m, const char *org, const char *lic,
                         int rank, int lo, int hi)
{
    if ((org && (!m->organization || strcmp(m->organization, org) != 0))
        || (!org && m->organization))
        fail_msg("%s: organization %s", m->model,
                 m->organization ? m->organization : "(none)");
    if ((lic && (!m->license || strcmp(m->license, lic) != 0))
        || (!lic && m->license))
        fail_msg("%s: license %s", m->model,
                 m->license ? m->license : "(none)");
    if (m->rank != rank || m->rank_spread[0] != lo || m->rank_spread[1] != hi)
        fail_msg("%s: rank %d [%d, %d]", m->model, m->rank,
                 m->rank_spread[0], m->rank_spread[1]);
}

static void today_text_search_code(void **state)
{
    (void)state;
    Leaderboard *lb = parse_today("text");
    assert_int_equal(lb->n_models, 16);
    const LbModel *m = &lb->models[0];
    assert_string_equal(m->model, "claude-fable-5");
    assert_string_equal(m->url,
                        "https://www.anthropic.com/news/claude-fable-5-mythos-5");
    expect_model(m, "Anthropic", "Proprietary", 1, 1, 4);
    assert_true(m->rating == 1507 && m->ci_lower == 1502
                && m->ci_upper == 1512);
    assert_int_equal(m->votes, 23626);
    assert_true(m->price_input == 10 && m->price_output == 50);
    assert_int_equal(m->context, 1000000);
    assert_int_equal(m->preliminary, 0);
    m = find(lb, "muse-spark-1.2 (xHigh)");
    expect_model(m, "Meta", "Proprietary", 4, 1, 16); /* spread 1–16 */
    assert_true(m->price_input == 1.25 && m->price_output == 4.25);
    assert_int_equal(m->context, -1); /* N/A */
    m = find(lb, "gemini-3.7-flash-high");
    assert_int_equal(m->preliminary, 1);
    assert_true(m->price_input == 0.75 && m->price_output == 3.57);
    m = find(lb, "kimi-k3-max");
    assert_true(isnan(m->price_input) && isnan(m->price_output));
    assert_int_equal(m->n_extra, 0);
    leaderboard_free(lb);

    lb = parse_today("search");
    m = find(lb, "gpt-5.5-search");
    assert_int_equal(m->context, 1100000); /* 1.1M */
    expect_model(m, "OpenAI", "Proprietary", 2, 2, 5);
    m = find(lb, "claude-sonnet-4-6-search");
    assert_true(m->price_input == 1.5 && m->price_output == 7.5);
    m = find(lb, "ernie-5.1");
    expect_model(m, "Baidu", "Proprietary", 5, 2, 7);
    leaderboard_free(lb);

    lb = parse_today("code");
    m = find(lb, "claude-opus-5-max"); /* +9/-9 */
    assert_true(m->rating == 1691 && m->ci_lower == 1682
                && m->ci_upper == 1700);
    m = find(lb, "qwen3.8-max");
    assert_int_equal(m->preliminary, 1);
    m = find(lb, "grok-4.6-high");
    assert_int_equal(m->context, 500000);
    expect_model(m, "xAI", "Proprietary", 5, 5, 8);
    leaderboard_free(lb);
}

static void today_vision_and_image_boards(void **state)
{
    (void)state;
    /* Wrapper <div>s, other attribute order, the organization line in
     * React text pieces: nothing glued to the name. */
    Leaderboard *lb = parse_today("vision");
    assert_int_equal(lb->n_models, 14);
    const LbModel *m = find(lb, "claude-opus-4-7-high");
    expect_model(m, "Anthropic", "Proprietary", 3, 1, 12);
    assert_int_equal(m->votes, 20461);
    leaderboard_free(lb);

    lb = parse_today("text_to_image");
    assert_int_equal(lb->n_models, 14);
    m = find(lb, "gemini-3.1-flash-image (nano-banana-2) [web-search]");
    expect_model(m, "Google", "Proprietary", 7, 6, 10);
    assert_string_equal(m->url, "https://aistudio.google.com/prompts/"
                                "new_chat?model=gemini-3.1-flash-image");
    m = find(lb, "gpt-image-2 (medium)");
    expect_model(m, "OpenAI", "Proprietary", 1, 1, 1);
    assert_true(isnan(m->price_input));
    m = find(lb, "grok-imagine-image-2.0 (low)");
    assert_int_equal(m->preliminary, 1);
    leaderboard_free(lb);

    /* Relative arena links keep their percent-encoding exactly. */
    lb = parse_today("image_edit");
    m = find(lb, "gemini-3.1-flash-image-preview (nano-banana-2) [web-search]");
    assert_string_equal(m->url, "https://arena.ai/leaderboard/image-edit/"
                                "gemini-3.1-flash-image-preview%20%28nano-"
                                "banana-2%29%20%5Bweb-search%5D");
    expect_model(m, "Google", "Proprietary", 4, 1, 4);
    m = find(lb, "hunyuan-image-3.0-instruct"); /* an organization alone */
    expect_model(m, "Tencent", NULL, 10, 9, 13);
    leaderboard_free(lb);
}

static void today_boards_without_links(void **state)
{
    (void)state;
    /* Names are plain text beside "Organization · License": never glued. */
    Leaderboard *lb = parse_today("document");
    assert_int_equal(lb->n_models, 14);
    const LbModel *m = &lb->models[0];
    assert_string_equal(m->model, "claude-opus-4-6-thinking");
    assert_null(m->url);
    expect_model(m, "Anthropic", "Proprietary", 1, 1, 2);
    m = find(lb, "kimi-k2.5-thinking"); /* License column */
    expect_model(m, "Moonshot", "Open", 8, 6, 11);
    leaderboard_free(lb);

    static const struct {
        const char *board, *first;
        size_t n;
    } boards[] = {{"text_to_video", "dreamina-seedance-2.0-720p", 14},
                  {"image_to_video", "dreamina-seedance-2.0-720p", 14},
                  {"video_edit", "happyhorse-1.0", 5}};
    for (size_t i = 0; i < sizeof boards / sizeof *boards; i++) {
        lb = parse_today(boards[i].board);
        assert_int_equal(lb->n_models, boards[i].n);
        assert_string_equal(lb->models[0].model, boards[i].first);
        for (size_t k = 0; k < lb->n_models; k++) {
            m = &lb->models[k];
            if (!m->organization || strstr(m->model, m->organization)
                || strstr(m->model, "\xC2\xB7") || m->rank != (int)k + 1
                || m->rank_spread[0] < 1 || isnan(m->ci_lower))
                fail_msg("%s: %s", boards[i].board, m->model);
        }
        leaderboard_free(lb);
    }
    lb = parse_today("video_edit");
    m = find(lb, "runway-gen4-aleph");
    expect_model(m, "Runway", "Proprietary", 4, 4, 5);
    assert_true(m->rating == 1216 && m->ci_lower == 1203);
    leaderboard_free(lb);
}

static void today_agent_board(void **state)
{
    (void)state;
    Leaderboard *lb = parse_today("agent");
    assert_int_equal(lb->n_models, 16);
    const LbModel *m = &lb->models[0];
    assert_string_equal(m->model, "Claude Opus 5 (High)");
    expect_model(m, "Anthropic", "Proprietary", 1, 1, 6); /* in the rank cell */
    assert_true(isnan(m->rating));
    assert_int_equal(m->sessions, 19787);
    assert_int_equal(m->votes, -1);
    assert_int_equal(m->n_metrics, 6);
    static const char *const names[] = {
        "Net Improvement", "Confirmed Success", "Praise vs. Complaint",
        "Steerability", "Bash Recovery", "Tool Hallucination"};
    for (size_t i = 0; i < 6; i++)
        assert_string_equal(m->metrics[i].name, names[i]);
    assert_true(m->metrics[0].value == 12.47 && m->metrics[0].ci_lower == 10.93
                && m->metrics[0].ci_upper == 14.01);
    assert_true(m->metrics[5].value == 1.04 && m->metrics[5].ci_lower == 0.87
                && m->metrics[5].ci_upper == 1.21);
    /* No link: the name stands alone, "DeepSeek · MIT" read apart. */
    m = find(lb, "DeepSeek V4 Pro (High) (0813)");
    expect_model(m, "DeepSeek", "MIT", 14, 8, 19);
    assert_null(m->url);
    assert_true(m->metrics[2].ci_lower == -0.55); /* 3.82%±4.37% */
    m = find(lb, "Kimi K3 (Max)");
    assert_int_equal(m->sessions, 83274);
    expect_model(m, "Moonshot", "Proprietary", 4, 1, 6);
    leaderboard_free(lb);
}

#define TODAY_HEAD "<table><tr><th>Rank</th><th>Rank Spread</th><th>Model</th>" \
                   "<th>Score</th><th>Votes</th><th>Price $/M</th>"            \
                   "<th>Context</th></tr>"

static void today_cells_read_apart(void **state)
{
    (void)state;
    LbError err = {0};
    Leaderboard *lb = parse_html(
        TODAY_HEAD "<tr><td><span>3</span><span>2</span></td>"
        "<td><span>1</span><svg><path d=\"M0\"/></svg><span>5</span></td>"
        "<td><div><span>DeepSeek V4 Pro</span><span>DeepSeek \xC2\xB7 "
        "MIT</span></div></td><td>1490 (\xC2\xB1" "8)</td><td>23,626</td>"
        "<td>$0.75 / $3.57</td><td>128K</td></tr>"
        "<tr><td>4</td><td>2 \xE2\x80\x93 9</td><td>Kimi K3<br>Moonshot "
        "\xC2\xB7 Modified MIT</td><td><span>1480.5</span><span>+2.25/-1.5"
        "</span></td><td>N/A</td><td>N/A</td><td>N/A</td></tr>"
        "<tr><td>5</td><td>1 5</td><td><a href=\"/model/a%26b\">a&amp;b</a>"
        "<span>Org<!-- --> \xC2\xB7 <!-- -->Lic</span></td><td>1470</td>"
        "<td>1</td><td>$5/$25</td><td>1M</td></tr></table>",
        "https://arena.ai/leaderboard/text", &err);
    if (!lb)
        fail_msg("%s", err.message);
    const LbModel *m = &lb->models[0];
    assert_string_equal(m->model, "DeepSeek V4 Pro");
    expect_model(m, "DeepSeek", "MIT", 3, 1, 5); /* not rank 32, not 15 */
    assert_true(m->ci_lower == 1482 && m->ci_upper == 1498);
    assert_true(m->price_input == 0.75 && m->price_output == 3.57);
    assert_int_equal(m->context, 128000);
    m = &lb->models[1];
    assert_string_equal(m->model, "Kimi K3");
    expect_model(m, "Moonshot", "Modified MIT", 4, 2, 9);
    assert_true(m->ci_lower == 1479 && m->ci_upper == 1482.75);
    assert_int_equal(m->votes, -1);
    m = &lb->models[2];
    assert_string_equal(m->model, "a&b");
    assert_string_equal(m->url, "https://arena.ai/model/a%26b");
    expect_model(m, "Org", "Lic", 5, 1, 5);
    leaderboard_free(lb);
}

static void today_pages_that_changed_meaning(void **state)
{
    (void)state;
    expect_error(TODAY_HEAD "<tr><td>1</td><td>1 2</td><td>a</td><td>1400</td>"
                 "<td>$5/$25</td><td>$5/$25</td><td>1M</td></tr></table>",
                 "column \"Votes\": \"$5/$25\" is not a vote count");
    expect_error(TODAY_HEAD "<tr><td>1</td><td>1 2</td><td>a</td><td>1400</td>"
                 "<td>9</td><td>cheap</td><td>1M</td></tr></table>",
                 "column \"Price $/M\": \"cheap\" is not a price like $5/$25 "
                 "or N/A");
    expect_error(TODAY_HEAD "<tr><td>1</td><td>1 2</td><td>a</td><td>1400</td>"
                 "<td>9</td><td>$1/$2</td><td>2 GB</td></tr></table>",
                 "column \"Context\": \"2 GB\" is not a context size like "
                 "128K, 1.1M or N/A");
    expect_error("<table><tr><th>Rank</th><th>Model</th><th>Sessions</th></tr>"
                 "<tr><td>1</td><td>a</td><td>12</td></tr></table>",
                 "page.html: no Score column and no column of percentages like "
                 "12.47%\xC2\xB1" "1.54% (the page changed shape)");
    expect_error("<table><tr><th>Rank</th><th>Model</th><th>Success</th>"
                 "<th>Sessions</th></tr><tr><td>1</td><td>a</td><td>9%</td>"
                 "<td>many</td></tr></table>",
                 "column \"Sessions\": \"many\" is not a session count");
    expect_error("<table><tr><th>Rank</th><th>Model</th><th>Sessions</th>"
                 "</tr></table>", "page.html: the leaderboard table has no rows");

    /* A detail row spanning the table is not a model. */
    LbError err0 = {0};
    Leaderboard *lb0 = parse_html(
        HEAD "<tr><td>1</td><td>a</td><td>9</td></tr><tr><td colspan=\"3\">"
        "<div>a's details: 12%</div></td></tr><tr><td>2</td><td>b</td>"
        "<td>8</td></tr></table>", NULL, &err0);
    assert_non_null(lb0);
    assert_int_equal(lb0->n_models, 2);
    leaderboard_free(lb0);
    /* A column mixing percentages and text is text, not a metric. */
    LbError err = {0};
    Leaderboard *lb = parse_html(
        "<table><tr><th>Rank</th><th>Model</th><th>Score</th><th>Note</th></tr>"
        "<tr><td>1</td><td>a</td><td>9</td><td>5%</td></tr>"
        "<tr><td>2</td><td>b</td><td>8</td><td>fast</td></tr></table>", NULL,
        &err);
    assert_non_null(lb);
    assert_int_equal(lb->models[0].n_metrics, 0);
    assert_string_equal(lb->models[0].extra[0].value, "5%");
    leaderboard_free(lb);
    /* An agent row with an N/A metric has no value for it. */
    lb = parse_html(
        "<table><tr><th>Rank</th><th>Model</th><th>Success</th><th>Sessions"
        "</th></tr><tr><td>1</td><td>a</td><td>9.5%\xC2\xB1" "1%</td><td>12</td>"
        "</tr><tr><td>2</td><td>b</td><td>N/A</td><td>3</td></tr></table>",
        NULL, &err);
    assert_non_null(lb);
    assert_int_equal(lb->models[0].n_metrics, 1);
    assert_true(lb->models[0].metrics[0].ci_upper == 10.5);
    assert_int_equal(lb->models[1].n_metrics, 0);
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
        cmocka_unit_test(today_text_search_code),
        cmocka_unit_test(today_vision_and_image_boards),
        cmocka_unit_test(today_boards_without_links),
        cmocka_unit_test(today_agent_board),
        cmocka_unit_test(today_cells_read_apart),
        cmocka_unit_test(today_pages_that_changed_meaning),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
