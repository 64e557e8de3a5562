/* Unit tests for serve (path resolution, content types, injection) and
 * watch (events on files, trees and new directories). */
#include "testutil.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "fileio.h"
#include "serve.h"
#include "watch.h"

typedef struct {
    char root[64];   /* a temporary directory: site/ and a secret beside it */
    char site[128];
} Fixture;

static void write_file(const char *path, const char *text)
{
    LbError err = {0};
    assert_int_equal(file_write_atomic(path, text, strlen(text), &err), 0);
}

/* A plain write, without the temporary name file_write_atomic uses. */
static void write_plain(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    strcpy(f->root, "/tmp/lbgen-serve-XXXXXX");
    assert_non_null(mkdtemp(f->root));
    snprintf(f->site, sizeof f->site, "%s/site", f->root);
    char path[256];
    LbError err = {0};
    snprintf(path, sizeof path, "%s/fr/text", f->site);
    assert_int_equal(mkdir_p(path, &err), 0);
    snprintf(path, sizeof path, "%s/fr/text/index.html", f->site);
    write_file(path, "<html><body>texte</body></html>");
    snprintf(path, sizeof path, "%s/index.html", f->site);
    write_file(path, "<html><body>root</body></html>");
    snprintf(path, sizeof path, "%s/secret.json", f->root);
    write_file(path, "{\"secret\": true}");
    /* A symlink leading out of the site, and one staying inside. */
    char target[256];
    snprintf(path, sizeof path, "%s/escape.json", f->site);
    snprintf(target, sizeof target, "%s/secret.json", f->root);
    assert_int_equal(symlink(target, path), 0);
    snprintf(path, sizeof path, "%s/escape-dir", f->site);
    assert_int_equal(symlink(f->root, path), 0);
    snprintf(path, sizeof path, "%s/inside.html", f->site);
    assert_int_equal(symlink("fr/text/index.html", path), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    LbError err = {0};
    remove_tree(f->root, &err);
    free(f);
    return 0;
}

static void url_decode_refuses_nul_and_bad_escapes(void **state)
{
    (void)state;
    char *s = serve_url_decode("/fr/%2e%2E/a%20b");
    assert_string_equal(s, "/fr/../a b");
    free(s);
    assert_null(serve_url_decode("/a%00b"));
    assert_null(serve_url_decode("/a%zz"));
    assert_null(serve_url_decode("/a%2"));
    assert_null(serve_url_decode("/a%"));
}

static void expect(const Fixture *f, const char *url, ResolveResult want,
                   const char *suffix)
{
    char *file = NULL;
    ResolveResult got = serve_resolve(f->site, url, &file);
    if (got != want)
        fail_msg("%s: got %d, want %d", url, (int)got, (int)want);
    if (suffix) {
        assert_non_null(file);
        size_t n = strlen(file), m = strlen(suffix);
        assert_true(n >= m && strcmp(file + n - m, suffix) == 0);
    } else {
        assert_null(file);
    }
    free(file);
}

static void resolve_serves_files_and_indexes(void **state)
{
    const Fixture *f = *state;
    expect(f, "/", RESOLVE_OK, "/site/index.html");
    expect(f, "/fr/text/", RESOLVE_OK, "/site/fr/text/index.html");
    expect(f, "/fr/text/index.html", RESOLVE_OK, "/site/fr/text/index.html");
    expect(f, "/fr//text/", RESOLVE_OK, "/site/fr/text/index.html");
    expect(f, "/%66r/text/", RESOLVE_OK, "/site/fr/text/index.html");
    expect(f, "/inside.html", RESOLVE_OK, "/site/fr/text/index.html");
    expect(f, "/fr/text", RESOLVE_REDIRECT, NULL);
    expect(f, "/fr/missing.html", RESOLVE_NOT_FOUND, NULL);
    expect(f, "/fr/text/index.html/x", RESOLVE_NOT_FOUND, NULL);
}

static void resolve_never_leaves_the_root(void **state)
{
    const Fixture *f = *state;
    expect(f, "/../secret.json", RESOLVE_FORBIDDEN, NULL);
    expect(f, "/fr/../../secret.json", RESOLVE_FORBIDDEN, NULL);
    expect(f, "/%2e%2e/secret.json", RESOLVE_FORBIDDEN, NULL);
    expect(f, "/%2E%2e/secret.json", RESOLVE_FORBIDDEN, NULL);
    expect(f, "/..", RESOLVE_FORBIDDEN, NULL);
    expect(f, "/escape.json", RESOLVE_FORBIDDEN, NULL);
    expect(f, "/escape-dir/secret.json", RESOLVE_FORBIDDEN, NULL);
    expect(f, "/escape-dir/", RESOLVE_FORBIDDEN, NULL);
    expect(f, "/index.html%00.md", RESOLVE_BAD_REQUEST, NULL);
    expect(f, "index.html", RESOLVE_BAD_REQUEST, NULL);
    expect(f, "/a%zz", RESOLVE_BAD_REQUEST, NULL);
}

static void content_types_follow_the_extension(void **state)
{
    (void)state;
    assert_string_equal(serve_content_type("a/index.html"),
                        "text/html; charset=utf-8");
    assert_string_equal(serve_content_type("x.CSS"), "text/css; charset=utf-8");
    assert_string_equal(serve_content_type("sort.js"),
                        "text/javascript; charset=utf-8");
    assert_string_equal(serve_content_type("t.svg"),
                        "image/svg+xml; charset=utf-8");
    assert_string_equal(serve_content_type("d.json"),
                        "application/json; charset=utf-8");
    assert_string_equal(serve_content_type("d.csv"), "text/csv; charset=utf-8");
    assert_string_equal(serve_content_type("sitemap.xml"),
                        "application/xml; charset=utf-8");
    assert_string_equal(serve_content_type("fr/text.md"),
                        "text/markdown; charset=utf-8");
    assert_string_equal(serve_content_type("v1.2/README"),
                        "application/octet-stream");
}

static void injection_goes_before_the_last_body_end(void **state)
{
    (void)state;
    const char *html = "<p>&lt;/body&gt;</p></BODY>\n</html>\n";
    Buf out = BUF_INIT;
    serve_inject(&out, html, strlen(html), NULL);
    const char *script = strstr(out.data, "<script>");
    assert_non_null(script);
    assert_non_null(strstr(out.data, SERVE_EVENTS_PATH));
    assert_ptr_equal(strstr(out.data, "</BODY>"), strstr(script, "</BODY>"));
    assert_null(strstr(out.data, "lbgen-serve-error"));
    assert_true(strncmp(out.data, "<p>&lt;/body&gt;</p>", 20) == 0);
    buf_free(&out);

    serve_inject(&out, "no body", 7, "fr.json:3:7: error: <bad> & \"x\"");
    assert_true(strncmp(out.data, "no body<div id=\"lbgen-serve-error\"", 34) == 0);
    assert_non_null(strstr(out.data,
                           "fr.json:3:7: error: &lt;bad&gt; &amp; &quot;x&quot;"));
    assert_null(strstr(out.data, "<bad>"));
    buf_free(&out);
}

/* Waits up to 2 s for the watch to report a change. */
static int changed_within(Watch *w, char *path, size_t size)
{
    for (int i = 0; i < 20; i++) {
        struct pollfd p = {watch_fd(w), POLLIN, 0};
        if (poll(&p, 1, 100) > 0) {
            LbError err = {0};
            int r = watch_read(w, path, size, &err);
            assert_true(r >= 0);
            if (r > 0)
                return 1;
        }
    }
    return 0;
}

/* 1 when nothing relevant changes for 300 ms (events are synchronous
 * with the write, so a late one is not expected). */
static int quiet(Watch *w)
{
    char path[512];
    for (int i = 0; i < 3; i++) {
        struct pollfd p = {watch_fd(w), POLLIN, 0};
        if (poll(&p, 1, 100) > 0) {
            LbError err = {0};
            int r = watch_read(w, path, sizeof path, &err);
            assert_true(r >= 0);
            if (r > 0)
                return 0;
        }
    }
    return 1;
}

static void watch_sees_files_trees_and_new_directories(void **state)
{
    const Fixture *f = *state;
    LbError err = {0};
    char path[256], changed[512];
    Watch *w = watch_open(&err);
    assert_non_null(w);
    assert_int_equal(watch_add_tree(w, f->site, &err), 0);
    snprintf(path, sizeof path, "%s/config.json", f->root);
    assert_int_equal(watch_add_file(w, path, &err), 0);

    /* A file deep in the tree, replaced by rename like editors do. */
    snprintf(path, sizeof path, "%s/fr/text/index.html", f->site);
    write_file(path, "new");
    assert_true(changed_within(w, changed, sizeof changed));
    assert_non_null(strstr(changed, "/fr/text/"));

    /* Another file beside the watched one does not count; it does. */
    snprintf(path, sizeof path, "%s/other.json", f->root);
    write_file(path, "{}");
    assert_true(quiet(w));
    snprintf(path, sizeof path, "%s/config.json", f->root);
    write_file(path, "{}");
    assert_true(changed_within(w, changed, sizeof changed));
    assert_string_equal(changed, path);

    /* A directory created later is watched too; editor backups are not. */
    snprintf(path, sizeof path, "%s/en", f->site);
    assert_int_equal(mkdir_p(path, &err), 0);
    assert_true(changed_within(w, changed, sizeof changed));
    snprintf(path, sizeof path, "%s/en/page.html~", f->site);
    write_plain(path, "backup");
    assert_true(quiet(w));
    snprintf(path, sizeof path, "%s/en/page.html", f->site);
    write_file(path, "page");
    assert_true(changed_within(w, changed, sizeof changed));
    assert_non_null(strstr(changed, "/site/en/"));
    watch_close(w);

    w = watch_open(&err);
    snprintf(path, sizeof path, "%s/no-such-dir", f->root);
    assert_int_equal(watch_add_tree(w, path, &err), -1);
    assert_non_null(strstr(err.message, "no-such-dir"));
    watch_close(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(url_decode_refuses_nul_and_bad_escapes),
        cmocka_unit_test_setup_teardown(resolve_serves_files_and_indexes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(resolve_never_leaves_the_root, setup,
                                        teardown),
        cmocka_unit_test(content_types_follow_the_extension),
        cmocka_unit_test(injection_goes_before_the_last_body_end),
        cmocka_unit_test_setup_teardown(
            watch_sees_files_trees_and_new_directories, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
