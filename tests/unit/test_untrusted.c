/* Unit tests for what keeps untrusted input from being silently wrong:
 * escaped messages (diag), look-alike names (nameset), the plausible
 * ranges (leaderboard), charts that no finite input overflows (chart),
 * JSON limits (jsonfile), the growth check (history), the render budget
 * that scales with the data (mustache), source dates (format), the
 * preview's Host check and redirects (serve) and staging names (outdir). */
#include "testutil.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chart.h"
#include "diag.h"
#include "format.h"
#include "mem.h"
#include "history.h"
#include "jsonfile.h"
#include "leaderboard.h"
#include "mustache.h"
#include "nameset.h"
#include "outdir.h"
#include "serve.h"
#include "utf8.h"

/* ---- diag --------------------------------------------------------------- */

static void messages_escape_what_breaks_a_log_line(void **state)
{
    (void)state;
    LbError err = {0};
    lb_fail(&err, LB_EINPUT, "model \"%s\" appears twice",
            "x\n::error file=a::pwned");
    assert_string_equal(err.message,
                        "model \"x\\n::error file=a::pwned\" appears twice");
    assert_null(strchr(err.message, '\n'));
    lb_fail(&err, LB_EINPUT, "%s", "a\r\tb\x1b[2J\x7f\xc2\x85"); /* C1 NEL */
    assert_string_equal(err.message, "a\\r\\tb\\u001B[2J\\u007F\\u0085");
    /* Direction controls, line separators and invisibles, by name. */
    lb_fail(&err, LB_EINPUT, "%s", "\xe2\x80\xae" "abc" "\xe2\x80\xa8"
                                   "\xe2\x80\x8d" "\xc2\xad");
    assert_string_equal(err.message, "\\u202Eabc\\u2028\\u200D\\u00AD");
    lb_fail(&err, LB_EINPUT, "%s", "bad \xff byte, caf\xc3\xa9 \xe4\xb8\xad");
    assert_string_equal(err.message, "bad \\xFF byte, caf\xc3\xa9 \xe4\xb8\xad");
    lb_fail_at(&err, LB_EINPUT, "f\nx.csv", "a\nb", 3, 2, "cell %s", "\x1b");
    assert_string_equal(err.message, "f\\nx.csv:2:1: error: cell \\u001B");
    assert_int_equal(err.status, LB_EINPUT);
}

static void long_messages_are_cut_at_a_character(void **state)
{
    (void)state;
    LbError err = {0};
    char *name = malloc(3000);
    for (int i = 0; i < 999; i++)
        memcpy(name + 3 * i, "\xe4\xb8\xad", 3); /* 中 */
    name[2997] = '\0';
    lb_fail(&err, LB_EINPUT, "x%s", name);
    size_t n = strlen(err.message);
    assert_true(n < sizeof err.message);
    assert_int_equal(utf8_invalid_at(err.message, n), n); /* still UTF-8 */
    free(name);
}

static void escape_leaves_text_alone(void **state)
{
    (void)state;
    Buf b = BUF_INIT;
    lb_escape(&b, "plain \"quotes\" and \\backslash, 中文, emoji \xf0\x9f\x98\x80");
    assert_string_equal(b.data,
                        "plain \"quotes\" and \\backslash, 中文, emoji \xf0\x9f\x98\x80");
    buf_free(&b);
}

/* What lb_log_lines writes on stderr for `message`. */
static char *logged_lines(const char *message)
{
    char path[] = "/tmp/lbgen-log-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(2);
    dup2(fd, 2);
    lb_log_lines("lbgen x: ", message);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    close(fd);
    FILE *f = fopen(path, "rb");
    char *text = calloc(1, 4096);
    size_t n = fread(text, 1, 4095, f);
    text[n] = '\0';
    fclose(f);
    unlink(path);
    return text;
}

static void multi_line_notes_never_start_a_line_with_data(void **state)
{
    (void)state;
    char *out = logged_lines("never won: a\n::error ::pwned\n");
    assert_string_equal(out, "lbgen x: never won: a\n  ::error ::pwned\n");
    free(out);
    out = logged_lines("one line, \x1b[2J escaped");
    assert_string_equal(out, "lbgen x: one line, \\u001B[2J escaped\n");
    free(out);
}

/* ---- nameset: look-alikes ------------------------------------------------ */

static void invisible_characters_do_not_make_a_new_name(void **state)
{
    (void)state;
    const char *alikes[] = {
        "gpt\xe2\x80\x8d-4",          /* ZWJ */
        "gpt\xe2\x80\x8c-4",          /* ZWNJ */
        "\xe2\x80\x8egpt-4",          /* LRM */
        "gpt-4\xe2\x80\x8f",          /* RLM */
        "\xe2\x80\xaegpt-4\xe2\x80\xac", /* RLO ... PDF */
        "\xe2\x81\xa6gpt-4\xe2\x81\xa9", /* LRI ... PDI */
        "gp\xc2\xadt-4",              /* soft hyphen */
        "\xef\xbb\xbfgpt-4",          /* BOM */
        "gpt\xe2\x80\x8b-4",          /* ZWSP */
        "gpt\xe2\x81\xa0-4",          /* word joiner */
        "gpt-4\xef\xb8\x8f",          /* variation selector 16 */
        "gpt\xcd\x8f-4",              /* combining grapheme joiner */
        "gpt-4\xf3\xa0\x80\x81",      /* tag U+E0001 */
        " gpt-4 ",                    /* spaces around */
        "gpt-4\xc2\xa0",              /* NBSP */
    };
    NameSet s = NAMESET_INIT;
    size_t first = 99;
    assert_int_equal(nameset_add(&s, "gpt-4", 0, &first), 0);
    for (size_t i = 0; i < sizeof alikes / sizeof *alikes; i++) {
        first = 99;
        assert_int_equal(nameset_add(&s, alikes[i], i + 1, &first), 1);
        assert_int_equal(first, 0);
    }
    /* Inner spaces fold to one, but are not removed. */
    assert_int_equal(nameset_add(&s, "gpt 4", 20, &first), 0);
    assert_int_equal(nameset_add(&s, "gpt\xe3\x80\x80\xe3\x80\x80" "4", 21, &first), 1);
    assert_int_equal(first, 20);
    /* Different letters stay different names. */
    assert_int_equal(nameset_add(&s, "gpt-4o", 22, &first), 0);
    assert_int_equal(nameset_add(&s, "GPT-4", 23, &first), 0);
    nameset_free(&s);
    char *k = nameset_key("a\xe2\x80\x8d\xe2\x80\x8d b");
    assert_string_equal(k, "a b");
    free(k);
}

static void control_characters_are_found(void **state)
{
    (void)state;
    uint32_t cp = 0;
    assert_int_equal(utf8_control_at("clean 中文", &cp), -1);
    assert_int_equal(utf8_control_at("ab\x1b", &cp), 2);
    assert_int_equal(cp, 0x1B);
    assert_int_equal(utf8_control_at("\xc2\x9b" "x", &cp), 0); /* C1 CSI */
    assert_int_equal(cp, 0x9B);
    assert_int_equal(utf8_control_at("a\x7f", &cp), 1);
    assert_true(utf8_is_invisible(0x202E) && utf8_is_invisible(0xAD)
                && utf8_is_invisible(0xFEFF) && !utf8_is_invisible('a')
                && !utf8_is_invisible(0x4E2D));
}

/* ---- the plausible ranges ---------------------------------------------- */

static void ranges_per_field_and_kind(void **state)
{
    (void)state;
    char problem[200];
    assert_int_equal(lb_range_check("rating", LB_KIND_ARENA, 1400, problem,
                                    sizeof problem), 0);
    assert_int_equal(lb_range_check("ci_upper", LB_KIND_ARENA, 1e308, problem,
                                    sizeof problem), -1);
    assert_string_equal(problem, "1e+308 is outside the plausible range of "
                                 "a rating (Elo scale) (0 to 10000)");
    assert_int_equal(lb_range_check("rating", LB_KIND_WINRATE, 100.5, problem,
                                    sizeof problem), -1);
    assert_string_equal(problem, "100.5 is outside the plausible range of a "
                                 "win rate (%) (0 to 100)");
    assert_int_equal(lb_range_check("style_ci_lower", LB_KIND_WINRATE, -1,
                                    problem, sizeof problem), -1);
    assert_int_equal(lb_range_check("rating", LB_KIND_BENCHMARK, -12.5,
                                    problem, sizeof problem), 0);
    assert_int_equal(lb_range_check("votes", LB_KIND_ARENA, 2e9, problem,
                                    sizeof problem), -1);
    assert_int_equal(lb_range_check("rank_spread", LB_KIND_ARENA, 2e6, problem,
                                    sizeof problem), -1);
    assert_string_equal(problem, "2e+06 is outside the plausible range of a "
                                 "rank (1 to 1e+06)");
    assert_int_equal(lb_range_check("avg_tokens", LB_KIND_WINRATE, 1e7,
                                    problem, sizeof problem), -1);
    assert_int_equal(lb_range_check("hf_downloads", LB_KIND_ARENA, 5e11,
                                    problem, sizeof problem), 0);
    assert_int_equal(lb_range_check("no-such-field", LB_KIND_ARENA, 1e300,
                                    problem, sizeof problem), 0);
    assert_non_null(lb_range("scores", LB_KIND_ARENA));
}

static void the_loader_enforces_the_ranges(void **state)
{
    (void)state;
    static const struct {
        const char *json, *message;
    } cases[] = {
        {"{\"id\":\"w\",\"kind\":\"winrate\",\"models\":[{\"model\":\"a\","
         "\"rating\":150}]}",
         "w.json: models[0].rating: 150 is outside the plausible range of a "
         "win rate (%) (0 to 100)"},
        {"{\"id\":\"b\",\"kind\":\"benchmark\",\"models\":[{\"model\":\"a\","
         "\"rating\":1,\"scores\":{\"math\":1e300}}]}",
         "w.json: models[0].scores: 1e+300 is outside the plausible range of "
         "a benchmark score (-1e+06 to 1e+06)"},
        {"{\"id\":\"a\",\"kind\":\"arena\",\"models\":[{\"model\":\"a\","
         "\"rating\":1400,\"rank\":2000000}]}",
         "w.json: models[0].rank: 2e+06 is outside the plausible range of a "
         "rank (1 to 1e+06)"},
        {"{\"id\":\"a\",\"kind\":\"arena\",\"source\":{\"battles\":1e13},"
         "\"models\":[]}",
         "w.json: source.battles: 1e+13 is outside the plausible range of a "
         "battle count (0 to 1e+12)"},
        {"{\"id\":\"a\",\"kind\":\"arena\",\"models\":[{\"model\":\"a\\u0007\"}]}",
         "w.json: models[0].model: contains a control character (U+0007)"},
        {"{\"id\":\"a\",\"kind\":\"arena\",\"models\":[{\"model\":\"a\","
         "\"extra\":{\"k\":\"v\\u009b\"}}]}",
         "w.json: models[0].extra: contains a control character (U+009B)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        LbError err = {0};
        cJSON *json = json_parse_text("w.json", cases[i].json,
                                      strlen(cases[i].json), &err);
        assert_non_null(json);
        Leaderboard *lb = leaderboard_from_json(json, "w.json", &err);
        cJSON_Delete(json);
        assert_null(lb);
        assert_string_equal(err.message, cases[i].message);
    }
}

/* ---- charts -------------------------------------------------------------- */

static void check_chart(const ForestChart *c)
{
    assert_true(c->n_ticks >= 1 && c->n_ticks <= 64);
    for (size_t i = 0; i < c->n_rows; i++) {
        const ChartRow *r = &c->rows[i];
        assert_true(isfinite(r->x) && isfinite(r->x_lo) && isfinite(r->x_hi));
        assert_true(r->x_lo >= c->plot_left && r->x_hi <= c->plot_right);
        assert_true(r->x_lo <= r->x && r->x <= r->x_hi);
    }
    for (size_t i = 0; i < c->n_ticks; i++) {
        assert_true(isfinite(c->ticks[i].x) && isfinite(c->ticks[i].value));
        assert_true(c->ticks[i].x >= c->plot_left - 1e-9
                    && c->ticks[i].x <= c->plot_right + 1e-9);
        if (i)
            assert_true(c->ticks[i].value > c->ticks[i - 1].value);
    }
}

static void charts_survive_any_finite_input(void **state)
{
    (void)state;
    static const double cases[][3] = {
        /* rating, ci_lower, ci_upper */
        {1400, -DBL_MAX, DBL_MAX},
        {1e308, 1e308, 1e308},
        {-DBL_MAX, -DBL_MAX, -DBL_MAX},
        {DBL_MAX, DBL_MAX, DBL_MAX},
        {0, -1e-300, 1e-300},
        {1e15, 1e15 - 1, 1e15 + 1},
        {5e-324, 0, 1e-323},
        {1400, NAN, NAN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Leaderboard *lb = leaderboard_new("t", LB_KIND_ARENA);
        LbModel *m = leaderboard_add_model(lb, "a");
        m->rating = cases[i][0];
        m->ci_lower = cases[i][1];
        m->ci_upper = cases[i][2];
        m = leaderboard_add_model(lb, "b");
        m->rating = cases[i][0] / 2;
        ForestChart *c = forest_chart_layout(lb, 20);
        assert_non_null(c);
        check_chart(c);
        forest_chart_free(c);
        leaderboard_free(lb);
    }
    assert_true(chart_fraction(0, -DBL_MAX, DBL_MAX) == 0.5);
    assert_true(chart_fraction(DBL_MAX, -DBL_MAX, DBL_MAX) == 1);
    assert_true(chart_fraction(5, 5, 5) == 0.5);
    assert_true(chart_fraction(7, 0, 10) == 0.7);
    assert_true(nice_step(INFINITY, 6) == 1 && nice_step(DBL_MAX, 6) > 0);
}

/* ---- JSON limits ----------------------------------------------------------- */

static void json_nul_escapes_and_value_counts(void **state)
{
    (void)state;
    LbError err = {0};
    const char *nul = "{\"model\": \"gpt\\u0000-evil\"}";
    assert_null(json_parse_text("n.json", nul, strlen(nul), &err));
    assert_string_equal(err.message, "n.json:1:15: error: a \\u0000 escape "
                                     "(a NUL character) in a string");
    const char *text = "{\"model\": \"a\\\\u0000 is text\"}"; /* "\\u0000" */
    cJSON *ok = json_parse_text("t.json", text, strlen(text), &err);
    assert_non_null(ok);
    cJSON_Delete(ok);
    Buf many = BUF_INIT;
    buf_putc(&many, '[');
    for (int i = 0; i < JSON_MAX_VALUES; i++)
        buf_puts(&many, i ? ",1" : "1");
    buf_putc(&many, ']'); /* the array and its values: one too many */
    assert_null(json_parse_text("m.json", many.data, many.len, &err));
    assert_non_null(strstr(err.message, "error: more than 2000000 JSON "
                                        "values"));
    buf_free(&many);
}

/* ---- the growth check ------------------------------------------------------ */

static Leaderboard *rows(size_t n)
{
    Leaderboard *lb = leaderboard_new("t", LB_KIND_BENCHMARK);
    for (size_t i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "m%zu", i);
        leaderboard_add_model(lb, name)->rating = (double)i;
    }
    return lb;
}

static void from(Leaderboard *lb, const char *adapter, const char *url)
{
    lb->source.adapter = xstrdup(adapter);
    lb->source.url = xstrdup(url);
}

static void sources_may_not_balloon(void **state)
{
    (void)state;
    LbError err = {0};
    Leaderboard *prev = rows(100), *same = rows(200), *more = rows(201);
    Leaderboard *other = rows(201), *elsewhere = rows(201);
    from(prev, "table", "https://x.org/b.csv");
    from(same, "table", "https://x.org/b.csv");
    from(more, "table", "https://x.org/b.csv");
    from(other, "arena-catalog", "https://x.org/b.csv");
    from(elsewhere, "table", "https://x.org/full.csv");
    /* Another source lists another set of models: a top-30 extract
     * before, the full list now. */
    assert_int_equal(source_check(prev, other, &err), 0);
    assert_int_equal(source_check(prev, elsewhere, &err), 0);
    leaderboard_free(other);
    leaderboard_free(elsewhere);
    assert_int_equal(source_check(prev, same, &err), 0);
    assert_int_equal(source_check(prev, more, &err), -1);
    assert_int_equal(err.status, LB_ESOURCE);
    assert_string_equal(err.message, "t: the fetched board has 201 rows, "
                                     "more than twice the last good "
                                     "snapshot's 100");
    Leaderboard *tiny = rows(9); /* small boards may grow */
    assert_int_equal(source_check(tiny, more, &err), 0);
    assert_int_equal(source_check(NULL, more, &err), 0);
    leaderboard_free(prev);
    leaderboard_free(same);
    leaderboard_free(more);
    leaderboard_free(tiny);
}

/* ---- the render budget scales with the data ------------------------------- */

static cJSON *list_of(int n)
{
    cJSON *data = cJSON_CreateObject();
    cJSON *list = cJSON_AddArrayToObject(data, "l");
    for (int i = 0; i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "a", 1);
        cJSON_AddNumberToObject(o, "b", 2);
        cJSON_AddItemToArray(list, o);
    }
    return data;
}

static void render_budget_scales_with_the_data(void **state)
{
    (void)state;
    unsigned long steps;
    size_t bytes;
    mustache_budget(NULL, &steps, &bytes);
    assert_true(steps == 20000000UL && bytes == 256UL << 20);
    cJSON *small = list_of(1000); /* 3,002 values: the floors */
    mustache_budget(small, &steps, &bytes);
    assert_true(steps == 20000000UL && bytes == 256UL << 20);
    /* 250,000 rows of 2 fields: 750,002 values, 64 steps and 256 bytes
     * each (a board page needs about 4 and 13): the steps grow past their
     * floor, the bytes (192 MB) stay at theirs. */
    cJSON *big = list_of(250000);
    mustache_budget(big, &steps, &bytes);
    assert_true(steps == 750002UL * 64 && bytes == 256UL << 20);
    cJSON_Delete(big);
    /* The data does not buy an exponential template. */
    MustacheEnv *env = mustache_env_new(NULL);
    LbError err = {0};
    const char *nest = "{{#l}}{{#l}}{{#l}}x{{/l}}{{/l}}{{/l}}";
    MustacheTemplate *t = mustache_compile(env, "nest", nest, strlen(nest), &err);
    assert_non_null(t);
    Buf out = BUF_INIT;
    int rc = mustache_render(env, t, small, MUSTACHE_ESCAPE_NONE, &out, &err);
    buf_free(&out);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(err.message, "rendering takes more than 20000000 "
                                        "steps"));
    cJSON_Delete(small);
    mustache_env_free(env);
}

/* ---- dates a source gives --------------------------------------------------- */

static void http_dates_and_page_dates(void **state)
{
    (void)state;
    int64_t t = 0;
    assert_int_equal(fmt_parse_http_date("Mon, 02 Nov 2026 08:00:00 GMT", &t), 0);
    char *iso = fmt_iso_utc(t);
    assert_string_equal(iso, "2026-11-02T08:00:00Z");
    free(iso);
    assert_int_equal(fmt_parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT", &t), 0);
    assert_int_equal(t, 784111777);
    assert_int_equal(fmt_parse_http_date("Sun Nov  6 08:49:37 1994", &t), 0);
    assert_int_equal(t, 784111777);
    assert_int_equal(fmt_parse_http_date("Sun, 31 Feb 2026 08:00:00 GMT", &t), -1);
    assert_int_equal(fmt_parse_http_date("yesterday", &t), -1);
    assert_int_equal(fmt_parse_http_date("Mon, 02 Nov 2026 08:00:00 GMT junk", &t), -1);

    const char *page = "# Board\n\nSee 2020-01-01 for history.\n"
                       "> **数据更新时间**: 2026-08-21 08:35:38 UTC / "
                       "2026-08-21 16:35:38 CST\n";
    assert_int_equal(fmt_find_page_date(page, strlen(page), &t), 0);
    iso = fmt_iso_utc(t);
    assert_string_equal(iso, "2026-08-21T08:35:38Z");
    free(iso);
    const char *offset = "Last updated: 2026-03-01T10:00+08:00\n";
    assert_int_equal(fmt_find_page_date(offset, strlen(offset), &t), 0);
    iso = fmt_iso_utc(t);
    assert_string_equal(iso, "2026-03-01T02:00:00Z");
    free(iso);
    const char *no_zone = "Updated 2026/04/19 23:59\n"; /* the date only */
    assert_int_equal(fmt_find_page_date(no_zone, strlen(no_zone), &t), 0);
    iso = fmt_iso_utc(t);
    assert_string_equal(iso, "2026-04-19T00:00:00Z");
    free(iso);
    const char *none = "Released 2026-01-01.\nupdated: soon\n";
    assert_int_equal(fmt_find_page_date(none, strlen(none), &t), -1);
    const char *bad = "updated 2026-13-40\n";
    assert_int_equal(fmt_find_page_date(bad, strlen(bad), &t), -1);
}

/* ---- the preview server ------------------------------------------------------- */

static void serve_answers_its_own_host_only(void **state)
{
    (void)state;
    assert_true(serve_host_allowed("127.0.0.1:8000", 8000));
    assert_true(serve_host_allowed("localhost:8000", 8000));
    assert_true(serve_host_allowed("LOCALHOST:8000", 8000));
    assert_false(serve_host_allowed("127.0.0.1:8001", 8000));
    assert_false(serve_host_allowed("evil.example:8000", 8000));
    assert_false(serve_host_allowed("127.0.0.1.evil.example:8000", 8000));
    assert_false(serve_host_allowed("localhost.evil:8000", 8000));
    assert_false(serve_host_allowed("127.0.0.1", 8000));
    assert_true(serve_host_allowed("127.0.0.1", 80));
    assert_false(serve_host_allowed("127.0.0.1:8000x", 8000));
    assert_false(serve_host_allowed("127.0.0.1:", 8000));
    assert_false(serve_host_allowed(NULL, 8000));
    assert_false(serve_host_allowed("", 8000));
}

static void serve_redirects_stay_on_the_server(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"/fr", "/fr/"},
        {"//evil.example", "/evil.example/"},
        {"/\\evil.example", "/evil.example/"},
        {"///\\\\x/y", "/x/y/"},
        {"/a b\"<x>", "/a%20b%22%3Cx%3E/"},
        {"/caf\xc3\xa9", "/caf%C3%A9/"},
        {"/fr%2Fx", "/fr%2Fx/"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *loc = serve_redirect_location(cases[i][0]);
        assert_string_equal(loc, cases[i][1]);
        free(loc);
    }
}

/* ---- staging names -------------------------------------------------------- */

static void staging_names_for_any_destination(void **state)
{
    (void)state;
    LbError err = {0};
    char want[96];
    char *name = outdir_stage_name("/site", &err);
    snprintf(want, sizeof want, "/.site.tmp.%ld.XXXXXX", (long)getpid());
    assert_string_equal(name, want);
    free(name);
    name = outdir_stage_name("out/site/", &err);
    snprintf(want, sizeof want, "out/.site.tmp.%ld.XXXXXX", (long)getpid());
    assert_string_equal(name, want);
    free(name);
    name = outdir_stage_name("site", &err);
    snprintf(want, sizeof want, ".site.tmp.%ld.XXXXXX", (long)getpid());
    assert_string_equal(name, want);
    free(name);
    const char *refused[] = {"/", "//", ".", "..", "a/..", "a/.", ""};
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        err = (LbError){0};
        assert_null(outdir_stage_name(refused[i], &err));
        assert_int_equal(err.status, LB_EUSAGE);
    }
    assert_string_equal(err.message, "--out '': name a directory to build "
                                     "into, not \"/\", \".\" or \"..\"");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(messages_escape_what_breaks_a_log_line),
        cmocka_unit_test(long_messages_are_cut_at_a_character),
        cmocka_unit_test(escape_leaves_text_alone),
        cmocka_unit_test(multi_line_notes_never_start_a_line_with_data),
        cmocka_unit_test(invisible_characters_do_not_make_a_new_name),
        cmocka_unit_test(control_characters_are_found),
        cmocka_unit_test(ranges_per_field_and_kind),
        cmocka_unit_test(the_loader_enforces_the_ranges),
        cmocka_unit_test(charts_survive_any_finite_input),
        cmocka_unit_test(json_nul_escapes_and_value_counts),
        cmocka_unit_test(sources_may_not_balloon),
        cmocka_unit_test(render_budget_scales_with_the_data),
        cmocka_unit_test(http_dates_and_page_dates),
        cmocka_unit_test(serve_answers_its_own_host_only),
        cmocka_unit_test(serve_redirects_stay_on_the_server),
        cmocka_unit_test(staging_names_for_any_destination),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
