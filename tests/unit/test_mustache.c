/* Unit tests for the Mustache engine: every rule of the spec in our own
 * words and leaderboard-flavoured data, plus our own rules (strict partials,
 * escaping per output, confinement of partial files, limits, speed). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"
#include "mustache.h"

/* Renders `tmpl` with `json` data and NULL-terminated name/text partial
 * pairs; returns the output (caller frees) or NULL with *err filled. */
static char *try_render(const char *tmpl, const char *json,
                        MustacheEscape esc, const char **partials,
                        LbError *err)
{
    MustacheEnv *env = mustache_env_new(NULL);
    for (size_t i = 0; partials && partials[i]; i += 2)
        assert_int_equal(mustache_env_add_partial(env, partials[i],
                                                  partials[i + 1],
                                                  strlen(partials[i + 1]),
                                                  err),
                         0);
    cJSON *data = cJSON_Parse(json);
    assert_non_null(data);
    char *result = NULL;
    MustacheTemplate *t = mustache_compile(env, "t.mustache", tmpl,
                                           strlen(tmpl), err);
    Buf out = BUF_INIT;
    if (t && mustache_render(env, t, data, esc, &out, err) == 0)
        result = buf_detach(&out);
    buf_free(&out);
    cJSON_Delete(data);
    mustache_env_free(env);
    return result;
}

static void check_with(const char *tmpl, const char *json,
                       const char **partials, const char *expected)
{
    LbError err = {0};
    char *got = try_render(tmpl, json, MUSTACHE_ESCAPE_HTML, partials, &err);
    if (!got)
        fail_msg("render failed: %s", err.message);
    assert_string_equal(got, expected);
    free(got);
}

static void check(const char *tmpl, const char *json, const char *expected)
{
    check_with(tmpl, json, NULL, expected);
}

static void check_error(const char *tmpl, const char **partials,
                        const char *message)
{
    LbError err = {0};
    char *got = try_render(tmpl, "{}", MUSTACHE_ESCAPE_HTML, partials, &err);
    if (got)
        fail_msg("expected an error, got \"%s\"", got);
    assert_int_equal(err.status, LB_EINPUT);
    if (strcmp(err.message, message) != 0)
        fail_msg("error \"%s\", expected \"%s\"", err.message, message);
}

static void interpolation(void **state)
{
    (void)state;
    const char *row = "{\"model\":\"<gpt> & \\\"o1\\\" 'mini'\",\"rank\":3}";
    check("{{model}}", row, "&lt;gpt&gt; &amp; &quot;o1&quot; &#39;mini&#39;");
    check("{{{model}}}|{{&model}}", row,
          "<gpt> & \"o1\" 'mini'|<gpt> & \"o1\" 'mini'");
    check("#{{ rank }} {{missing}}.", row, "#3 .");
    check("[{{none}}]", "{\"none\":null}", "[]");
    check("{{t}} {{f}}", "{\"t\":true,\"f\":false}", "true false");
    /* Numbers: integers bare, others in their shortest round-trip form. */
    check("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}}",
          "{\"a\":1300,\"b\":1.21,\"c\":-7,\"d\":0.1,\"e\":1234.5,"
          "\"f\":1.0}",
          "1300 1.21 -7 0.1 1234.5 1");
    check("{{x}}", "{\"x\":0.30000000000000004}", "0.30000000000000004");
    /* Output is never re-parsed as a template. */
    check("{{t}}", "{\"t\":\"{{t}}\"}", "{{t}}");
}

static void names_and_context_stack(void **state)
{
    (void)state;
    const char *d = "{\"org\":{\"name\":\"Acme\",\"site\":{\"url\":\"a.io\"}},"
                    "\"title\":\"Arena\",\"rows\":[{\"model\":\"m1\"}]}";
    check("{{org.name}} {{org.site.url}} {{org.nope.url}}", d,
          "Acme a.io ");
    /* Names missing from the top context are found further down. */
    check("{{#rows}}{{model}}@{{title}}{{/rows}}", d, "m1@Arena");
    /* A dotted name sticks to the first context that has its first part. */
    check("{{#a}}{{b.c}}{{/a}}",
          "{\"a\":{\"b\":{}},\"b\":{\"c\":\"wrong\"}}", "");
    /* Dots always split: a key containing a dot is unreachable... */
    check("[{{a.b}}]", "{\"a.b\":\"x\"}", "[]");
    /* ...and never hides the nested value. */
    check("{{a.b}}", "{\"a.b\":\"x\",\"a\":{\"b\":\"y\"}}", "y");
    /* {{.}} is the top of the stack; a leading dot looks only there. */
    check("{{#tags}}<{{.}}>{{/tags}}", "{\"tags\":[\"chat\",\"code\"]}",
          "<chat><code>");
    check("{{#tags}}{{.}}{{/tags}}", "{\"tags\":[\"<b>\"]}", "&lt;b&gt;");
    check("{{#r}}[{{.title}}]{{/r}}", "{\"title\":\"T\",\"r\":{}}", "[]");
    check("Hi {{.}}", "\"root\"", "Hi root");
}

static void sections(void **state)
{
    (void)state;
    const char *d = "{\"rows\":[{\"m\":\"a\",\"s\":1},{\"m\":\"b\",\"s\":2}],"
                    "\"meta\":{\"n\":2},\"no\":false,\"nil\":null,\"empty\":[],"
                    "\"str\":\"\",\"zero\":0,\"obj\":{}}";
    check("{{#rows}}{{m}}={{s}};{{/rows}}", d, "a=1;b=2;");
    check("{{#meta}}n={{n}}{{/meta}}", d, "n=2");
    /* Falsey: false, null, an empty list, a missing name. */
    check("{{#no}}x{{/no}}{{#nil}}x{{/nil}}{{#empty}}x{{/empty}}"
          "{{#gone}}x{{/gone}}.",
          d, ".");
    /* Truthy: everything else, "" and 0 included (as in the spec's
     * reference implementation), and the value becomes {{.}}. */
    check("{{#str}}s{{/str}}{{#zero}}z{{.}}{{/zero}}{{#obj}}o{{/obj}}", d,
          "sz0o");
    check("{{#rows}}{{#meta}}{{m}}{{n}}{{/meta}}{{/rows}}", d, "a2b2");
    check("{{#.}}({{m}}){{/.}}", "[{\"m\":1},{\"m\":2}]", "(1)(2)");
    check("{{#grid}}[{{#.}}{{.}}{{/.}}]{{/grid}}",
          "{\"grid\":[[1,2],[3]]}", "[12][3]");
    check("{{#a.b}}deep{{/a.b}}", "{\"a\":{\"b\":true}}", "deep");
}

static void inverted_sections(void **state)
{
    (void)state;
    const char *d = "{\"rows\":[],\"ok\":true,\"nil\":null}";
    check("{{^rows}}no models yet{{/rows}}", d, "no models yet");
    check("{{^ok}}x{{/ok}}{{^nil}}n{{/nil}}{{^gone}}g{{/gone}}", d, "ng");
    check("{{^a.b}}broken{{/a.b}}", "{\"a\":{}}", "broken");
}

static void comments_and_standalone_lines(void **state)
{
    (void)state;
    check("rank{{! the 1-based position }} 1", "{}", "rank 1");
    check("a\n  {{! a whole\n line\n comment }}\nb\n", "{}", "a\nb\n");
    /* Standalone section tags take their line, spaces and newline. */
    check("<ul>\n  {{#rows}}\n  <li>{{.}}</li>\n  {{/rows}}\n</ul>\n",
          "{\"rows\":[\"x\",\"y\"]}", "<ul>\n  <li>x</li>\n  <li>y</li>\n</ul>\n");
    check("a\r\n{{#t}}\r\nb\r\n{{/t}}\r\nc", "{\"t\":1}", "a\r\nb\r\nc");
    check("  {{#t}}\nx{{/t}}\n  {{! end }}", "{\"t\":1}", "x\n");
    /* A line with other text is not standalone. */
    check(" | {{#t}}x{{/t}} |\n", "{\"t\":1}", " | x |\n");
    /* Two section tags on one line are not standalone (core spec)... */
    check("{{#t}}{{#t}}\nx\n{{/t}}{{/t}}\n", "{\"t\":1}", "\nx\n\n");
    /* Interpolation is never standalone. */
    check("  {{v}}\n", "{\"v\":\"-\"}", "  -\n");
}

static void set_delimiters(void **state)
{
    (void)state;
    const char *p[] = {"cell", "<{{v}}>", NULL};
    check_with("{{=<% %>=}}<%v%> {{v}} <%={{ }}=%>{{v}}", "{\"v\":1}", p,
               "1 {{v}} 1");
    /* Partials are compiled with the default delimiters. */
    check_with("{{=| |=}}|>cell|", "{\"v\":2}", p, "<2>");
    check("{{=[ ]=}}[#t][.][/t]", "{\"t\":[1,2]}", "12");
    check("a\n  {{=@ @=}}\n@v@\n", "{\"v\":3}", "a\n3\n");
}

static void partials(void **state)
{
    (void)state;
    const char *p[] = {"row", "<td>{{m}}</td>\n", "tree",
                       "{{n}}({{#kids}}{{>tree}}{{/kids}})", "pair", "a\nb",
                       "outer", "  {{>pair}}\nc\n", NULL};
    check_with("{{#rows}}{{>row}}{{/rows}}", "{\"rows\":[{\"m\":1},{\"m\":2}]}",
               p, "<td>1</td>\n<td>2</td>\n");
    check_with("{{>tree}}",
               "{\"n\":1,\"kids\":[{\"n\":2,\"kids\":[]},{\"n\":3,"
               "\"kids\":[]}]}",
               p,
               "1(2()3())");
    /* A standalone partial is indented line by line; an inline one not. */
    check_with("<tr>\n    {{> row }}\n</tr>", "{\"m\":5}", p,
               "<tr>\n    <td>5</td>\n</tr>");
    check_with("x {{>pair}}\n", "{}", p, "x a\nb\n");
    /* Indentation accumulates through nested standalone partials. */
    check_with("  {{>outer}}", "{}", p, "    a\n    b  c\n");
}

static void missing_and_recursive_partials(void **state)
{
    (void)state;
    check_error("line\n  {{>nope}}", NULL,
                "t.mustache:2:3: error: partial 'nope' not found");
    const char *loop[] = {"loop", "x{{>loop}}", NULL};
    LbError err = {0};
    char *got = try_render("{{>loop}}", "{}", MUSTACHE_ESCAPE_NONE, loop, &err);
    assert_null(got);
    assert_non_null(strstr(err.message, "nested more than 64 deep"));
    assert_non_null(strstr(err.message, "loop:1:2: error:"));

    /* The spec runner's lenient mode: a missing partial renders empty. */
    MustacheEnv *env = mustache_env_new(NULL);
    mustache_env_set_lenient(env, 1);
    MustacheTemplate *t = mustache_compile(env, "t", "[{{>nope}}]", 11, &err);
    Buf out = BUF_INIT;
    assert_int_equal(mustache_render(env, t, NULL, MUSTACHE_ESCAPE_HTML, &out,
                                     &err),
                     0);
    assert_string_equal(out.data, "[]");
    buf_free(&out);
    mustache_env_free(env);
}

static void inheritance(void **state)
{
    (void)state;
    const char *p[] = {
        "page", "<title>{{$title}}Leaderboard{{/title}}</title>\n"
                "{{$body}}(empty){{/body}}\n",
        "arena", "{{<page}}{{$title}}Arena{{/title}}{{/page}}",
        "scoped", "{{#board}}{{$cell}}{{name}}?{{/cell}}{{/board}}",
        "frame", "<div>\n  {{$content}}\n  {{/content}}\n</div>\n",
        NULL};
    check_with("{{<page}}{{/page}}", "{}", p,
               "<title>Leaderboard</title>\n(empty)\n");
    check_with("{{<page}}{{$body}}{{n}} models{{/body}}{{/page}}",
               "{\"n\":3}", p, "<title>Leaderboard</title>\n3 models\n");
    /* The outermost override wins over the ones of intermediate parents. */
    check_with("{{<arena}}{{$title}}Mine{{/title}}{{/arena}}", "{}", p,
               "<title>Mine</title>\n(empty)\n");
    check_with("{{<arena}}{{/arena}}", "{}", p,
               "<title>Arena</title>\n(empty)\n");
    /* Overrides render in the parent's context at the block. */
    check_with("{{<scoped}}{{$cell}}<{{name}}>{{/cell}}{{/scoped}}",
               "{\"name\":\"root\",\"board\":{\"name\":\"inner\"}}", p,
               "<inner>");
    check_with("{{<scoped}}{{$cell}}{{name}}{{/cell}}{{/scoped}}",
               "{\"board\":{\"name\":\"<i>\"}}", p, "&lt;i&gt;");
    /* Block bodies lose their own indentation and take the parent's. */
    check_with("{{<frame}}{{$content}}\n      <p>a</p>\n        <i>b</i>\n"
               "{{/content}}{{/frame}}\n",
               "{}", p, "<div>\n  <p>a</p>\n    <i>b</i>\n</div>\n");
    /* Text and other tags inside a parent, outside blocks, are ignored. */
    check_with("{{<page}} ignored {{x}} {{$title}}T{{/title}}{{/page}}", "{}",
               p, "<title>T</title>\n(empty)\n");
    /* A standalone parent is indented like a partial. */
    check_with("<main>\n  {{<frame}}{{/frame}}\n</main>", "{}", p,
               "<main>\n  <div>\n  </div>\n</main>");
}

static void dynamic_names(void **state)
{
    (void)state;
    const char *p[] = {"bar", "[bar {{v}}]", "line", "<line {{v}}>",
                       "shell", "<{{$in}}-{{/in}}>", NULL};
    const char *d = "{\"charts\":[{\"kind\":\"bar\",\"v\":1},"
                    "{\"kind\":\"line\",\"v\":2},{\"v\":3}],\"k\":\"shell\"}";
    check_with("{{#charts}}{{>*kind}}{{/charts}}", d, p,
               "[bar 1]<line 2>");
    check_with("{{<*k}}{{$in}}x{{/in}}{{/*k}}", d, p, "<x>");
    check_with("{{> * k}}", d, p, "<->");
    /* A dynamic name naming a partial that does not exist is an error. */
    LbError err = {0};
    assert_null(try_render("{{>*k}}", "{\"k\":\"ghost\"}",
                           MUSTACHE_ESCAPE_HTML, NULL, &err));
    assert_string_equal(err.message,
                        "t.mustache:1:1: error: partial 'ghost' not found");
    /* A dynamic name missing from the data renders nothing. */
    check("[{{>*nokey}}]", "{}", "[]");
}

static void escaping(void **state)
{
    (void)state;
    LbError err = {0};
    const char *d = "{\"m\":\"a|b*c*\",\"n\":\"x\\ny_z `c` [l](u) <b> "
                    "~s~ &amp; $x$ ![i](j) \\\\\",\"h\":\"# head\","
                    "\"l\":\"- item\",\"o\":\"1. one\",\"v\":\"1.5\","
                    "\"neg\":\"-5\"}";
    char *md = try_render("{{m}}|{{n}}", d, MUSTACHE_ESCAPE_MARKDOWN, NULL,
                          &err);
    assert_non_null(md);
    assert_string_equal(md, "a\\|b\\*c\\*|x y\\_z \\`c\\` \\[l\\](u) \\<b\\> "
                            "\\~s\\~ \\&amp; \\$x\\$ \\!\\[i\\](j) \\\\");
    free(md);
    md = try_render("{{h}}/{{l}}/{{o}}/{{v}}/{{neg}}/{{{m}}}", d,
                    MUSTACHE_ESCAPE_MARKDOWN, NULL, &err);
    assert_string_equal(md, "\\# head/\\- item/1\\. one/1.5/-5/a|b*c*");
    free(md);
    char *none = try_render("{{m}}{{n}}", "{\"m\":\"<&>\",\"n\":\"|\"}",
                            MUSTACHE_ESCAPE_NONE, NULL, &err);
    assert_string_equal(none, "<&>|");
    free(none);
    Buf b = BUF_INIT;
    mustache_escape_html(&b, "a'b", 3);
    assert_string_equal(b.data, "a&#39;b");
    buf_free(&b);

    assert_int_equal(mustache_escape_for_path("x/index.html"),
                     MUSTACHE_ESCAPE_HTML);
    assert_int_equal(mustache_escape_for_path("a.htm"), MUSTACHE_ESCAPE_HTML);
    assert_int_equal(mustache_escape_for_path("chart.svg"),
                     MUSTACHE_ESCAPE_HTML);
    assert_int_equal(mustache_escape_for_path("feed.xml"),
                     MUSTACHE_ESCAPE_HTML);
    assert_int_equal(mustache_escape_for_path("board.md"),
                     MUSTACHE_ESCAPE_MARKDOWN);
    assert_int_equal(mustache_escape_for_path("board.md.mustache"),
                     MUSTACHE_ESCAPE_MARKDOWN);
    assert_int_equal(mustache_escape_for_path("notes.txt"),
                     MUSTACHE_ESCAPE_NONE);
    assert_int_equal(mustache_escape_for_path("dir.html/file"),
                     MUSTACHE_ESCAPE_NONE);
}

static void syntax_errors(void **state)
{
    (void)state;
    check_error("ok\n  {{name", NULL,
                "t.mustache:2:3: error: unclosed tag: no '}}' after it");
    check_error("{{{name}}", NULL,
                "t.mustache:1:1: error: unclosed tag: no '}}}' after it");
    check_error("a {{#rows}}\n{{m}}", NULL,
                "t.mustache:1:3: error: unclosed section '{{#rows}}'");
    check_error("{{#a}}\n{{#b}}{{/a}}{{/b}}", NULL,
                "t.mustache:2:7: error: closing tag '{{/a}}' does not match "
                "'{{#b}}' opened at 2:1");
    check_error("x{{/a}}", NULL,
                "t.mustache:1:2: error: closing tag '{{/a}}' has no open "
                "section");
    check_error("{{=<%>=}}", NULL,
                "t.mustache:1:1: error: bad delimiter tag: expected two "
                "delimiters without '=' separated by whitespace, as in "
                "{{=<% %>=}}");
    check_error("{{= a b c =}}", NULL,
                "t.mustache:1:1: error: bad delimiter tag: expected two "
                "delimiters without '=' separated by whitespace, as in "
                "{{=<% %>=}}");
    check_error("{{ }}", NULL, "t.mustache:1:1: error: empty tag");
    check_error("{{a b}}", NULL,
                "t.mustache:1:1: error: tag name contains whitespace");
    check_error("{{a..b}}", NULL,
                "t.mustache:1:1: error: empty part in dotted name");
    /* Columns count characters, not bytes. */
    check_error("模型 {{#x}}", NULL,
                "t.mustache:1:4: error: unclosed section '{{#x}}'");
    /* Errors in partials name the partial. */
    const char *p[] = {"bad", "\n {{/oops}}", NULL};
    check_error("{{>bad}}", p,
                "bad:2:2: error: closing tag '{{/oops}}' has no open section");
    Buf deep = BUF_INIT;
    for (int i = 0; i < 300; i++)
        buf_puts(&deep, "{{#a}}");
    check_error(deep.data, NULL,
                "t.mustache:1:1537: error: sections nested more than 256 deep");
    buf_free(&deep);
}

static void compile_once_render_many(void **state)
{
    (void)state;
    LbError err = {0};
    MustacheEnv *env = mustache_env_new(NULL);
    const char *src = "{{#r}}{{.}},{{/r}}";
    MustacheTemplate *t = mustache_compile(env, "t", src, strlen(src), &err);
    assert_non_null(t);
    cJSON *a = cJSON_Parse("{\"r\":[1,2]}");
    cJSON *b = cJSON_Parse("{\"r\":[\"x\"]}");
    for (int i = 0; i < 3; i++) {
        Buf out = BUF_INIT;
        assert_int_equal(mustache_render(env, t, i == 1 ? b : a,
                                         MUSTACHE_ESCAPE_HTML, &out, &err),
                         0);
        assert_string_equal(out.data, i == 1 ? "x," : "1,2,");
        buf_free(&out);
    }
    cJSON_Delete(a);
    cJSON_Delete(b);
    mustache_env_free(env);
}

static void write_file(const char *path, const char *text)
{
    LbError err = {0};
    assert_int_equal(file_write_atomic(path, text, strlen(text), &err), 0);
}

static void partial_files_stay_inside_their_directory(void **state)
{
    (void)state;
    char root[] = "/tmp/lbgen-mustache-XXXXXX";
    assert_non_null(mkdtemp(root));
    char dir[300], path[400];
    snprintf(dir, sizeof dir, "%s/partials", root);
    LbError err = {0};
    snprintf(path, sizeof path, "%s/md", dir);
    assert_int_equal(mkdir_p(path, &err), 0);
    snprintf(path, sizeof path, "%s/md/cell.mustache", dir);
    write_file(path, "<{{v}}>");
    snprintf(path, sizeof path, "%s/secret.mustache", root);
    write_file(path, "SECRET");
    snprintf(path, sizeof path, "%s/escape.mustache", dir);
    char target[400];
    snprintf(target, sizeof target, "%s/secret.mustache", root);
    assert_int_equal(symlink(target, path), 0);
    snprintf(path, sizeof path, "%s/alias.mustache", dir);
    assert_int_equal(symlink("md/cell.mustache", path), 0);

    struct {
        const char *tmpl, *expect, *error;
    } cases[] = {
        {"{{>md/cell}}", "<1>", NULL},
        {"{{>alias}}", "<1>", NULL},
        {"{{>../secret}}", NULL, "must stay inside the partials directory"},
        {"{{>md/../../secret}}", NULL, "must stay inside"},
        {"{{>/etc/passwd}}", NULL, "must stay inside"},
        {"{{>escape}}", NULL, "resolves outside the partials directory"},
        {"{{>md/nope}}", NULL, "partial 'md/nope' not found (no "},
    };
    cJSON *data = cJSON_Parse("{\"v\":1}");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MustacheEnv *env = mustache_env_new(dir);
        MustacheTemplate *t = mustache_compile(
            env, "t", cases[i].tmpl, strlen(cases[i].tmpl), &err);
        assert_non_null(t);
        Buf out = BUF_INIT;
        int rc = mustache_render(env, t, data, MUSTACHE_ESCAPE_HTML, &out,
                                 &err);
        if (cases[i].expect) {
            assert_int_equal(rc, 0);
            assert_string_equal(out.data, cases[i].expect);
        } else {
            assert_int_equal(rc, -1);
            if (!strstr(err.message, cases[i].error))
                fail_msg("%s: %s", cases[i].tmpl, err.message);
        }
        buf_free(&out);
        mustache_env_free(env);
    }
    cJSON_Delete(data);
    assert_int_equal(remove_tree(root, &err), 0);
}

static double seconds_since(clock_t start)
{
    return (double)(clock() - start) / CLOCKS_PER_SEC;
}

/* Linear, not quadratic: a 1 MB template (one long line full of tags, and
 * many lines) and a 100,000-row list both finish well inside a second even
 * under the sanitizers. */
static void long_inputs_stay_linear(void **state)
{
    (void)state;
    LbError err = {0};
    Buf tmpl = BUF_INIT;
    while (tmpl.len < 1000000)
        buf_puts(&tmpl, "<td>{{v}}</td> {{#t}}x{{/t}}");
    buf_putc(&tmpl, '\n');
    while (tmpl.len < 2000000)
        buf_puts(&tmpl, "  {{#t}}\n  line {{v}}\n  {{/t}}\n");
    clock_t start = clock();
    MustacheEnv *env = mustache_env_new(NULL);
    MustacheTemplate *t = mustache_compile(env, "big", tmpl.data, tmpl.len,
                                           &err);
    assert_non_null(t);
    cJSON *data = cJSON_Parse("{\"v\":\"<>\",\"t\":true}");
    Buf out = BUF_INIT;
    assert_int_equal(mustache_render(env, t, data, MUSTACHE_ESCAPE_HTML, &out,
                                     &err),
                     0);
    assert_true(out.len > 1000000);
    buf_free(&out);
    cJSON_Delete(data);
    double big = seconds_since(start);

    cJSON *rows = cJSON_CreateArray();
    for (int i = 0; i < 100000; i++) {
        cJSON *r = cJSON_CreateObject();
        cJSON_AddNumberToObject(r, "rank", i + 1);
        cJSON_AddStringToObject(r, "model", "model-<x>");
        cJSON_AddItemToArray(rows, r);
    }
    cJSON *root = cJSON_CreateObject();
    cJSON_AddItemToObject(root, "rows", rows);
    start = clock();
    const char *row = "{{#rows}}<tr><td>{{rank}}</td><td>{{model}}</td></tr>\n"
                      "{{/rows}}";
    t = mustache_compile(env, "rows", row, strlen(row), &err);
    assert_int_equal(mustache_render(env, t, root, MUSTACHE_ESCAPE_HTML, &out,
                                     &err),
                     0);
    assert_non_null(strstr(out.data, "<tr><td>100000</td><td>model-&lt;x&gt;"));
    double list = seconds_since(start);
    buf_free(&out);
    cJSON_Delete(root);
    mustache_env_free(env);
    buf_free(&tmpl);
    if (big > 2.0 || list > 2.0)
        fail_msg("too slow: 2 MB template %.2fs, 100k rows %.2fs", big, list);
}

/* Strict mode: `tmpl` with `json` renders to `expected`, or (expected
 * NULL) fails with exactly `message`. */
static void strict(const char *tmpl, const char *json, const char *expected,
                   const char *message)
{
    MustacheEnv *env = mustache_env_new(NULL);
    mustache_env_set_strict(env, 1);
    LbError err = {0};
    assert_int_equal(mustache_env_add_partial(env, "p", "[{{x}}]", 7, &err), 0);
    cJSON *data = cJSON_Parse(json);
    assert_non_null(data);
    MustacheTemplate *t = mustache_compile(env, "t.html", tmpl, strlen(tmpl),
                                           &err);
    assert_non_null(t);
    Buf out = BUF_INIT;
    int rc = mustache_render(env, t, data, MUSTACHE_ESCAPE_HTML, &out, &err);
    if (expected) {
        if (rc != 0)
            fail_msg("%s: %s", tmpl, err.message);
        assert_string_equal(out.data ? out.data : "", expected);
    } else {
        assert_int_equal(rc, -1);
        assert_int_equal(err.status, LB_EINPUT);
        assert_string_equal(err.message, message);
    }
    buf_free(&out);
    cJSON_Delete(data);
    mustache_env_free(env);
}

static void strict_mode(void **state)
{
    (void)state;
    const char *board = "{\"board\": {\"title\": \"T\", \"rows\": [{\"a\": 1}],"
                        " \"none\": null, \"no\": false}}";
    /* What the data provides prints; null and false are values. */
    strict("{{board.title}}{{board.none}}{{board.no}}", board, "Tfalse", NULL);
    strict("{{#board}}{{{title}}}{{&title}}{{/board}}", board, "TT", NULL);
    strict("{{#board.rows}}{{a}}{{.}}{{/board.rows}}", board, "1{&quot;a&quot;:1}",
           NULL);
    /* Sections test whether a name is there: never an error. */
    strict("{{#board.count}}x{{/board.count}}{{^nothing}}y{{/nothing}}"
           "{{#nothing.deeper}}z{{/nothing.deeper}}", board, "y", NULL);
    /* Interpolating what is not there is, naming the tag. */
    strict("<p>\n  {{board.count}}</p>", board, NULL,
           "t.html:2:3: error: strict: no \"board.count\" in the data");
    strict("{{{missing}}}", board, NULL,
           "t.html:1:1: error: strict: no \"missing\" in the data");
    strict("{{&missing}}", board, NULL,
           "t.html:1:1: error: strict: no \"missing\" in the data");
    strict("{{#board}}{{.rows}}{{.nope}}{{/board}}", board, NULL,
           "t.html:1:20: error: strict: no \".nope\" in the data");
    /* ... the dotted rest of a name that resolved, too. */
    strict("{{board.title.x}}", board, NULL,
           "t.html:1:1: error: strict: no \"board.title.x\" in the data");
    /* Inside a partial, the partial is named. */
    strict("{{>p}}", board, NULL,
           "p:1:2: error: strict: no \"x\" in the data");
    /* A dynamic partial whose name is not in the data. */
    strict("{{>*which}}", board, NULL,
           "t.html:1:1: error: strict: no \"which\" in the data");
    /* The same templates render leniently without strict mode. */
    check("{{board.count}}|{{>*which}}", board, "|");
}

static void collect(void *ctx, const char *name)
{
    Buf *b = ctx;
    buf_printf(b, "%s|", name);
}

static void names_a_template_uses(void **state)
{
    (void)state;
    MustacheEnv *env = mustache_env_new(NULL);
    LbError err = {0};
    const char *src = "{{a}}{{#b.c}}{{{d}}}{{^e}}{{.}}{{/e}}{{/b.c}}{{>p}}"
                      "{{>*dyn}}{{! comment }}{{<parent}}{{$blk}}{{&f.g}}{{/blk}}"
                      "{{/parent}}{{#x}}{{.y}}{{/x}}";
    MustacheTemplate *t = mustache_compile(env, "t", src, strlen(src), &err);
    assert_non_null(t);
    Buf names = BUF_INIT;
    mustache_template_names(t, collect, &names);
    assert_string_equal(names.data, "a|b.c|d|e|.|dyn|f.g|x|.y|");
    buf_free(&names);
    mustache_env_free(env);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(interpolation),
        cmocka_unit_test(strict_mode),
        cmocka_unit_test(names_a_template_uses),
        cmocka_unit_test(names_and_context_stack),
        cmocka_unit_test(sections),
        cmocka_unit_test(inverted_sections),
        cmocka_unit_test(comments_and_standalone_lines),
        cmocka_unit_test(set_delimiters),
        cmocka_unit_test(partials),
        cmocka_unit_test(missing_and_recursive_partials),
        cmocka_unit_test(inheritance),
        cmocka_unit_test(dynamic_names),
        cmocka_unit_test(escaping),
        cmocka_unit_test(syntax_errors),
        cmocka_unit_test(compile_once_render_many),
        cmocka_unit_test(partial_files_stay_inside_their_directory),
        cmocka_unit_test(long_inputs_stay_linear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
