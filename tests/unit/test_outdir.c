/* outdir: the staged build's files and the stop signals it guards. */
#include "testutil.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "outdir.h"

static char *read_text(const char *path)
{
    char *text;
    size_t len;
    LbError err = {0};
    if (file_read_all(path, &text, &len, &err) != 0)
        fail_msg("%s", err.message);
    return text;
}

/* A file written twice into the staging tree holds the second bytes; the
 * parent directories are made; the tree is swapped in whole. */
static void writes_and_commits(void **state)
{
    (void)state;
    char root[] = "/tmp/lbgen-outdir-XXXXXX";
    assert_non_null(mkdtemp(root));
    char final[64];
    snprintf(final, sizeof final, "%s/site", root);
    Outdir dir;
    LbError err = {0};
    assert_int_equal(outdir_begin(&dir, final, &err), 0);
    assert_int_equal(outdir_write(&dir, "en/model/a/index.html", "one", 3, &err), 0);
    assert_int_equal(outdir_write(&dir, "en/model/a/index.html", "second", 6, &err), 0);
    assert_int_equal(outdir_commit(&dir, &err), 0);
    char path[128];
    snprintf(path, sizeof path, "%s/en/model/a/index.html", final);
    char *text = read_text(path);
    assert_string_equal(text, "second");
    free(text);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    remove_tree(root, NULL);
}

/* A stop signal the process ignores and blocks (lbgen serve started in the
 * background of a shell, reading its signals through a signalfd) is still
 * pending after a build: the build must not set SIG_IGN again, which
 * would discard it. */
static void pending_ignored_signal_survives(void **state)
{
    (void)state;
    sigset_t block, old, pending;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigprocmask(SIG_BLOCK, &block, &old);
    struct sigaction ign, before;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigaction(SIGINT, &ign, &before);

    char root[] = "/tmp/lbgen-outdir-XXXXXX";
    assert_non_null(mkdtemp(root));
    char final[64];
    snprintf(final, sizeof final, "%s/site", root);
    Outdir dir;
    LbError err = {0};
    assert_int_equal(outdir_begin(&dir, final, &err), 0);
    raise(SIGINT); /* during the build: blocked, so pending */
    outdir_abort(&dir);
    sigpending(&pending);
    int still = sigismember(&pending, SIGINT);

    /* Take it (sigtimedwait: valgrind's signal emulation does not drop a
     * pending signal when SIG_IGN is set again), then put things back. */
    struct timespec now = {0, 0};
    while (sigtimedwait(&block, NULL, &now) == SIGINT)
        ;
    sigaction(SIGINT, &before, NULL);
    sigprocmask(SIG_SETMASK, &old, NULL);
    remove_tree(root, NULL);
    assert_true(still);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(writes_and_commits),
        cmocka_unit_test(pending_ignored_signal_survives),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
