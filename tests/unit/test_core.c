/* Unit tests for the shared plumbing: buf, diag, fileio, jsonfile, the
 * staging tree's writes (outdir). */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "fileio.h"
#include "jsonfile.h"
#include "outdir.h"

static void buf_appends_and_formats(void **state)
{
    (void)state;
    Buf b = BUF_INIT;
    buf_puts(&b, "rank ");
    buf_printf(&b, "%d of %s", 3, "293");
    buf_putc(&b, '!');
    assert_string_equal(b.data, "rank 3 of 293!");
    assert_int_equal(b.len, 14);
    for (int i = 0; i < 10000; i++)
        buf_putc(&b, 'x');
    assert_int_equal(b.len, 10014);
    assert_int_equal(b.data[b.len], '\0');
    char *s = buf_detach(&b);
    assert_null(b.data);
    assert_int_equal(strlen(s), 10014);
    free(s);
}

static void text_position_counts_characters(void **state)
{
    (void)state;
    const char *t = "ab\n模型x\n";
    int line, col;
    text_position(t, strlen(t), 0, &line, &col);
    assert_int_equal(line, 1);
    assert_int_equal(col, 1);
    /* "模型" is 6 bytes but 2 characters: 'x' is column 3 of line 2. */
    text_position(t, strlen(t), 3 + 6, &line, &col);
    assert_int_equal(line, 2);
    assert_int_equal(col, 3);
}

static void json_errors_name_line_and_column(void **state)
{
    (void)state;
    LbError err = {0};
    const char *bad = "{\n  \"a\": 1,\n  \"b\": tru\n}";
    assert_null(json_parse_text("data.json", bad, strlen(bad), &err));
    assert_int_equal(err.status, LB_EINPUT);
    assert_non_null(strstr(err.message, "data.json:3:"));

    const char *trailing = "{} x";
    assert_null(json_parse_text("t.json", trailing, strlen(trailing), &err));
    assert_string_equal(err.message,
                        "t.json:1:4: error: unexpected data after the JSON value");

    cJSON *ok = json_parse_text("ok.json", "[1, 2]", 6, &err);
    assert_non_null(ok);
    assert_int_equal(cJSON_GetArraySize(ok), 2);
    cJSON_Delete(ok);
}

/* Where a path leads in the JSON text, for diagnostics on parsed trees. */
static void json_positions_of_paths(void **state)
{
    (void)state;
    const char *t = "{\"a\": {\"s\": \"x}\\\"\", \"b\": [1, {\"c\": [2]}, \"d\"]},\n"
                    " \"e\" : true, \"b\": 0}";
    size_t len = strlen(t);
    const JsonStep a[] = {{"a", 0}};
    assert_int_equal(json_offset_of(t, len, a, 1), 1);
    const JsonStep b[] = {{"a", 0}, {"b", 0}};
    assert_string_equal(t + json_offset_of(t, len, b, 2), "\"b\": [1, {\"c\": [2]}, \"d\"]},\n"
                        " \"e\" : true, \"b\": 0}");
    const JsonStep c[] = {{"a", 0}, {"b", 0}, {NULL, 1}, {"c", 0}};
    assert_int_equal(strncmp(t + json_offset_of(t, len, c, 4), "\"c\": [2]", 8), 0);
    const JsonStep d[] = {{"a", 0}, {"b", 0}, {NULL, 2}};
    assert_int_equal(strncmp(t + json_offset_of(t, len, d, 3), "\"d\"]", 4), 0);
    const JsonStep e[] = {{"e", 0}};
    int line, col;
    text_position(t, len, json_offset_of(t, len, e, 1), &line, &col);
    assert_int_equal(line, 2);
    assert_int_equal(col, 2);
    /* absent paths, and steps of the wrong kind */
    const JsonStep missing[] = {{"a", 0}, {"zz", 0}};
    assert_int_equal(json_offset_of(t, len, missing, 2), 0);
    const JsonStep past[] = {{"a", 0}, {"b", 0}, {NULL, 3}};
    assert_int_equal(json_offset_of(t, len, past, 3), 0);
    const JsonStep wrong[] = {{NULL, 0}};
    assert_int_equal(json_offset_of(t, len, wrong, 1), 0);
}

/* The reference: the shortest of 15, 16, 17 significant digits that reads
 * back as the same double, each printed by printf (what json_print did
 * before it derived 15 and 16 digits from one 17-digit print). */
static void reference_shortest(double v, char out[32])
{
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(out, 32, "%.0f", v == 0 ? 0.0 : v);
        return;
    }
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(out, 32, "%.*g", digits, v);
        if (strtod(out, NULL) == v)
            return;
    }
}

static void json_numbers_are_the_shortest_that_read_back(void **state)
{
    (void)state;
    unsigned long long seed = 7;
    for (int i = 0; i < 100000; i++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        double v;
        memcpy(&v, &seed, sizeof v); /* any bit pattern */
        if (i % 3 == 1)
            v = 1000.0 + (double)(seed >> 11) / (double)(1ULL << 53) * 600.0;
        if (i % 3 == 2)
            v = (double)(seed % 10000000) / 10000.0;
        if (!isfinite(v))
            continue;
        cJSON *n = cJSON_CreateNumber(v);
        char *text = json_print(n);
        char expected[32];
        reference_shortest(v, expected);
        if (strcmp(text, expected) != 0)
            fail_msg("%.17g: json_print \"%s\", expected \"%s\"", v, text, expected);
        assert_true(strtod(text, NULL) == v);
        free(text);
        cJSON_Delete(n);
    }
}

static void atomic_write_replaces_whole_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/lbgen-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/sub/dir/out.txt", dir);
    char parent[256];
    snprintf(parent, sizeof parent, "%s/sub/dir", dir);
    LbError err = {0};
    assert_int_equal(mkdir_p(parent, &err), 0);
    assert_int_equal(file_write_atomic(path, "old", 3, &err), 0);
    assert_int_equal(file_write_atomic(path, "new!", 4, &err), 0);
    char *text;
    size_t len;
    assert_int_equal(file_read_all(path, &text, &len, &err), 0);
    assert_string_equal(text, "new!");
    free(text);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);

    assert_int_equal(file_read_all(parent, &text, &len, &err), -1);
    assert_non_null(strstr(err.message, "is a directory"));

    assert_int_equal(remove_tree(dir, &err), 0);
    assert_false(path_is_dir(dir));
}

static char *read_text(const char *path)
{
    char *text;
    size_t len;
    LbError err = {0};
    return file_read_all(path, &text, &len, &err) == 0 ? text : NULL;
}

/* Files in a staging tree are written in place; a missing directory and a
 * symbolic link are the caller's to handle, and outdir_write does: it
 * makes the directory, and replaces the link rather than follow it. */
static void staged_writes_make_directories_and_replace_links(void **state)
{
    (void)state;
    char dir[] = "/tmp/lbgen-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], target[256];
    snprintf(path, sizeof path, "%s/a/b.txt", dir);
    snprintf(target, sizeof target, "%s/outside.txt", dir);
    LbError err = {0};
    assert_int_equal(file_write_staged(path, "x", 1, &err), FILE_STAGED_NO_DIR);
    mode_t old = umask(077);
    Outdir out = {0};
    snprintf(path, sizeof path, "%s/site", dir);
    assert_int_equal(outdir_begin(&out, path, &err), 0);
    assert_int_equal(outdir_write(&out, "en/text/index.html", "one", 3, &err), 0);
    assert_int_equal(outdir_write(&out, "en/text/index.html", "two", 3, &err), 0);
    snprintf(path, sizeof path, "%s/en/text/index.html", out.stage_path);
    char *text = read_text(path);
    assert_string_equal(text, "two");
    free(text);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644); /* whatever the umask */
    umask(old);
    assert_int_equal(file_write_atomic(target, "theirs", 6, &err), 0);
    snprintf(path, sizeof path, "%s/link.html", out.stage_path);
    assert_int_equal(symlink(target, path), 0);
    assert_int_equal(file_write_staged(path, "x", 1, &err), FILE_STAGED_LINK);
    assert_int_equal(outdir_write(&out, "link.html", "ours", 4, &err), 0);
    text = read_text(target);
    assert_string_equal(text, "theirs"); /* never written through */
    free(text);
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    outdir_abort(&out);
    assert_int_equal(remove_tree(dir, &err), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(staged_writes_make_directories_and_replace_links),
        cmocka_unit_test(buf_appends_and_formats),
        cmocka_unit_test(text_position_counts_characters),
        cmocka_unit_test(json_errors_name_line_and_column),
        cmocka_unit_test(json_positions_of_paths),
        cmocka_unit_test(atomic_write_replaces_whole_file),
        cmocka_unit_test(json_numbers_are_the_shortest_that_read_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
