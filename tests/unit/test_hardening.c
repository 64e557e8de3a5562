/* Unit tests for the hardening helpers: utf8 (what counts as clean text),
 * nameset (duplicate detection), the stale-temporary cleanup of fileio and
 * the Mustache render budget. */
#include "testutil.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fileio.h"
#include "mustache.h"
#include "nameset.h"
#include "utf8.h"

#define AT(s) utf8_invalid_at(s, sizeof(s) - 1)

static void utf8_accepts_well_formed_text(void **state)
{
    (void)state;
    assert_int_equal(AT(""), 0);
    assert_int_equal(AT("plain ascii"), 11);
    assert_int_equal(AT("caf\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87"), 12); /* café 中文 */
    assert_int_equal(AT("\xF0\x9F\x98\x80"), 4);   /* U+1F600 */
    assert_int_equal(AT("\xF4\x8F\xBF\xBF"), 4);   /* U+10FFFF, the last */
    assert_int_equal(AT("\xEF\xBB\xBF{}"), 5);     /* a BOM is text */
    assert_int_equal(AT("\xED\x9F\xBF"), 3);       /* U+D7FF, below surrogates */
}

static void utf8_finds_the_first_bad_byte(void **state)
{
    (void)state;
    assert_int_equal(AT("ok\xFF"), 2);            /* never in UTF-8 */
    assert_int_equal(AT("a\x80"), 1);             /* lone continuation */
    assert_int_equal(AT("\xC0\xAF"), 0);          /* overlong '/' */
    assert_int_equal(AT("\xC1\xBF"), 0);          /* overlong */
    assert_int_equal(AT("\xE0\x80\xAF"), 0);      /* overlong, 3 bytes */
    assert_int_equal(AT("\xF0\x80\x80\xAF"), 0);  /* overlong, 4 bytes */
    assert_int_equal(AT("x\xED\xA0\x80"), 1);     /* U+D800, a surrogate */
    assert_int_equal(AT("\xF4\x90\x80\x80"), 0);  /* above U+10FFFF */
    assert_int_equal(AT("\xF5\x80\x80\x80"), 0);
    assert_int_equal(AT("ab\xE4\xB8"), 2);        /* cut short at the end */
    assert_int_equal(AT("\xE4\x41\x41"), 0);      /* continuation missing */
    assert_int_equal(AT("a\0b"), 1);              /* NUL */
}

static void utf8_check_names_the_position(void **state)
{
    (void)state;
    LbError err = {0};
    const char text[] = "line one\nli\xC3\xA9ne \xFF two";
    assert_int_equal(utf8_check("f.csv", text, sizeof text - 1, &err), -1);
    assert_string_equal(err.message, "f.csv:2:7: error: invalid UTF-8");
    assert_int_equal(err.status, LB_EINPUT);
    assert_int_equal(utf8_check("f.csv", "a\nb\0", 4, &err), -1);
    assert_string_equal(err.message, "f.csv:2:2: error: a NUL byte");
    assert_int_equal(utf8_check("f.csv", "fine", 4, &err), 0);
}

static void nameset_reports_the_first_position(void **state)
{
    (void)state;
    NameSet s = NAMESET_INIT;
    size_t first = 99;
    assert_int_equal(nameset_find(&s, "a", &first), 0);
    char name[32];
    for (size_t i = 0; i < 10000; i++) { /* grows several times */
        snprintf(name, sizeof name, "model-%zu", i);
        assert_int_equal(nameset_add(&s, name, i, &first), 0);
    }
    assert_int_equal(nameset_add(&s, "model-4321", 10000, &first), 1);
    assert_int_equal(first, 4321);
    assert_int_equal(nameset_find(&s, "model-0", &first), 1);
    assert_int_equal(first, 0);
    assert_int_equal(nameset_find(&s, "model-10000", &first), 0);
    assert_int_equal(nameset_add(&s, "", 7, &first), 0); /* "" is a name */
    assert_int_equal(nameset_add(&s, "", 8, &first), 1);
    assert_int_equal(first, 7);
    assert_int_equal(s.n, 10001);
    nameset_free(&s);
    assert_null(s.names);
}

/* A PID that surely does not run: a child that has been reaped. */
static pid_t dead_pid(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    waitpid(pid, NULL, 0);
    return pid;
}

static void stale_temps_of_dead_writers_go(void **state)
{
    (void)state;
    char dir[] = "/tmp/lbgen-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], mine[256], alive[256], other[256], stale[256];
    pid_t dead = dead_pid();
    snprintf(path, sizeof path, "%s/board.json", dir);
    snprintf(stale, sizeof stale, "%s/board.json.tmp.%ld.AbCdEf", dir, (long)dead);
    snprintf(alive, sizeof alive, "%s/board.json.tmp.1.AbCdEf", dir);
    snprintf(other, sizeof other, "%s/other.json.tmp.%ld.AbCdEf", dir, (long)dead);
    snprintf(mine, sizeof mine, "%s/board.json.tmp.notapid", dir);
    const char *files[] = {stale, alive, other, mine};
    for (size_t i = 0; i < 4; i++) {
        FILE *f = fopen(files[i], "w");
        assert_non_null(f);
        fclose(f);
    }
    LbError err = {0};
    assert_int_equal(file_write_atomic(path, "{}\n", 3, &err), 0);
    struct stat st;
    assert_int_equal(stat(stale, &st), -1);  /* a dead writer's: removed */
    assert_int_equal(stat(alive, &st), 0);   /* PID 1 runs: kept */
    assert_int_equal(stat(other, &st), 0);   /* another file's: kept */
    assert_int_equal(stat(mine, &st), 0);    /* not our pattern: kept */
    assert_int_equal(stat(path, &st), 0);
    char *name = temp_name("x/y");
    char want[64];
    snprintf(want, sizeof want, "x/y.tmp.%ld.XXXXXX", (long)getpid());
    assert_string_equal(name, want);
    free(name);
    assert_int_equal(remove_tree(dir, &err), 0);
}

static void render_budget_stops_exponential_templates(void **state)
{
    (void)state;
    MustacheEnv *env = mustache_env_new(NULL);
    LbError err = {0};
    const char *fan = "{{>f}}{{>f}}";
    assert_int_equal(mustache_env_add_partial(env, "f", fan, strlen(fan), &err), 0);
    MustacheTemplate *t = mustache_compile(env, "t", "x{{>f}}", 7, &err);
    assert_non_null(t);
    Buf out = BUF_INIT;
    assert_int_equal(mustache_render(env, t, NULL, MUSTACHE_ESCAPE_NONE, &out,
                                     &err), -1);
    assert_string_equal(err.message,
                        "f:1:1: error: partials, parents and blocks nested "
                        "more than 64 deep (recursive partial?)");
    buf_free(&out);
    /* Wide rather than deep: 2^40 leaves at depth 40, no recursion error. */
    Buf wide = BUF_INIT;
    for (int i = 0; i < 40; i++) {
        char name[16], text[48];
        snprintf(name, sizeof name, "p%d", i);
        snprintf(text, sizeof text, "{{>p%d}}{{>p%d}}", i + 1, i + 1);
        assert_int_equal(mustache_env_add_partial(env, name, text, strlen(text), &err), 0);
    }
    assert_int_equal(mustache_env_add_partial(env, "p40", "y", 1, &err), 0);
    buf_puts(&wide, "{{>p0}}");
    t = mustache_compile(env, "wide", wide.data, wide.len, &err);
    assert_non_null(t);
    assert_int_equal(mustache_render(env, t, NULL, MUSTACHE_ESCAPE_NONE, &out,
                                     &err), -1);
    assert_non_null(strstr(err.message, "rendering takes more than 20000000 steps"));
    buf_free(&wide);
    buf_free(&out);
    mustache_env_free(env);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_accepts_well_formed_text),
        cmocka_unit_test(utf8_finds_the_first_bad_byte),
        cmocka_unit_test(utf8_check_names_the_position),
        cmocka_unit_test(nameset_reports_the_first_position),
        cmocka_unit_test(stale_temps_of_dead_writers_go),
        cmocka_unit_test(render_budget_stops_exponential_templates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
