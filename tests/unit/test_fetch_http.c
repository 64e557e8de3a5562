/* fetch_source() over HTTP against tests/http_server.py on 127.0.0.1:
 * the library's view (status, cache flag, log lines, backoff), where
 * tests/cli/test_fetch.sh covers the command. */
#include "testutil.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "fetch.h"
#include "fileio.h"

static pid_t server_pid;
static char base[64];

static int start_server(void **state)
{
    (void)state;
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    server_pid = fork();
    if (server_pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        execlp("python3", "python3", "tests/http_server.py", (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    /* Read the whole first line: a write may arrive in pieces. */
    char port[16] = "";
    size_t have = 0;
    while (have < sizeof port - 1 && !memchr(port, '\n', have)) {
        ssize_t n = read(fds[0], port + have, sizeof port - 1 - have);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        have += (size_t)n;
    }
    close(fds[0]);
    port[have] = '\0';
    if (!memchr(port, '\n', have))
        return -1;
    port[strcspn(port, "\n")] = '\0';
    snprintf(base, sizeof base, "http://127.0.0.1:%s", port);
    unsetenv("http_proxy");
    unsetenv("ALL_PROXY");
    unsetenv("all_proxy");
    LbError err = {0};
    return fetch_global_init(&err);
}

static int stop_server(void **state)
{
    (void)state;
    fetch_global_cleanup();
    kill(server_pid, SIGTERM);
    waitpid(server_pid, NULL, 0);
    return 0;
}

static void collect(void *ctx, const char *line)
{
    Buf *b = ctx;
    buf_printf(b, "%s\n", line);
}

static FetchOptions quick_options(Buf *log)
{
    FetchOptions o;
    fetch_options_init(&o);
    o.backoff_ms = 20;
    o.timeout_ms = 5000;
    o.log = collect;
    o.log_ctx = log;
    return o;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void status_and_body(void **state)
{
    (void)state;
    Buf log = BUF_INIT;
    FetchOptions o = quick_options(&log);
    FetchResult res;
    LbError err = {0};
    char url[256];
    snprintf(url, sizeof url, "%s/gzip?f=small.csv", base);
    assert_int_equal(fetch_source(url, &o, NULL, &res, &err), 0);
    assert_int_equal(res.http_status, 200);
    assert_int_equal(res.from_cache, 0);
    assert_string_equal(res.data, "model,score\nalpha,1\nbeta,2\n");
    fetch_result_free(&res);
    assert_int_equal(log.len, 0); /* nothing to say about a clean fetch */
    buf_free(&log);
}

static void backoff_grows_with_jitter(void **state)
{
    (void)state;
    Buf log = BUF_INIT;
    FetchOptions o = quick_options(&log);
    o.max_retries = 3;
    FetchResult res;
    LbError err = {0};
    char url[256];
    snprintf(url, sizeof url, "%s/status/502", base);
    double start = now_s();
    assert_int_equal(fetch_source(url, &o, NULL, &res, &err), -1);
    double elapsed = now_s() - start;
    assert_int_equal(err.status, LB_ESOURCE);
    assert_non_null(strstr(err.message, "HTTP 502 (gave up after 4 "
                                        "attempts)"));
    /* 20 + 40 + 80 ms, each plus up to 50% jitter. */
    assert_true(elapsed >= 0.14 && elapsed < 2.0);
    assert_non_null(strstr(log.data, "retry 1 of 3 in 0."));
    assert_non_null(strstr(log.data, "retry 3 of 3"));
    buf_free(&log);
}

static void conditional_get_reuses_the_cache(void **state)
{
    (void)state;
    char dir[] = "/tmp/lbgen-cache-XXXXXX";
    assert_non_null(mkdtemp(dir));
    Buf log = BUF_INIT;
    FetchOptions o = quick_options(&log);
    o.cache_dir = dir;
    FetchResult res;
    LbError err = {0};
    char url[256];
    snprintf(url, sizeof url, "%s/etag?f=bench.json", base);
    assert_int_equal(fetch_source(url, &o, NULL, &res, &err), 0);
    assert_int_equal(res.from_cache, 0);
    size_t first_len = res.len;
    fetch_result_free(&res);
    assert_int_equal(fetch_source(url, &o, NULL, &res, &err), 0);
    assert_int_equal(res.http_status, 304);
    assert_int_equal(res.from_cache, 1);
    assert_int_equal(res.len, first_len);
    assert_non_null(strstr(res.data, "\"b-model\""));
    fetch_result_free(&res);

    /* Another URL hashing elsewhere is a plain miss. */
    snprintf(url, sizeof url, "%s/etag?f=small.csv", base);
    assert_int_equal(fetch_source(url, &o, NULL, &res, &err), 0);
    assert_int_equal(res.from_cache, 0);
    fetch_result_free(&res);
    buf_free(&log);
    assert_int_equal(remove_tree(dir, &err), 0);
}

static void secrets_never_reach_the_log(void **state)
{
    (void)state;
    Buf log = BUF_INIT;
    FetchOptions o = quick_options(&log);
    Redactor secrets = REDACTOR_INIT;
    char via[256];
    snprintf(via, sizeof via, "%s/proxy500?api_key=${LBGEN_TEST_SECRET}"
                              "&url={url}", base);
    setenv("LBGEN_TEST_SECRET", "hunter2", 1);
    o.via = via;
    o.max_retries = 1;
    FetchResult res;
    LbError err = {0};
    assert_int_equal(fetch_source("https://lmarena.example/leaderboard/text",
                                  &o, &secrets, &res, &err), -1);
    assert_non_null(strstr(log.data, "api_key=***&url=https%3A%2F%2F"));
    assert_null(strstr(log.data, "hunter2"));
    assert_non_null(strstr(err.message, "api_key=***"));
    assert_null(strstr(err.message, "hunter2"));
    assert_int_equal(secrets.n, 1);
    redactor_free(&secrets);
    buf_free(&log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(status_and_body),
        cmocka_unit_test(backoff_grows_with_jitter),
        cmocka_unit_test(conditional_get_reuses_the_cache),
        cmocka_unit_test(secrets_never_reach_the_log),
    };
    return cmocka_run_group_tests(tests, start_server, stop_server);
}
