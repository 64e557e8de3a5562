#include "outdir.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "fileio.h"
#include "mem.h"

/* ---- signals ------------------------------------------------------------ */

static volatile sig_atomic_t interrupted_by;
static const int stop_signals[] = {SIGTERM, SIGINT, SIGHUP};
enum { N_STOP_SIGNALS = sizeof stop_signals / sizeof stop_signals[0] };
static struct sigaction saved[N_STOP_SIGNALS];
static int replaced[N_STOP_SIGNALS]; /* 1: ours is installed, saved[] restores */
static int handlers_installed;

static void note_signal(int sig)
{
    interrupted_by = sig;
}

/* While a staging tree exists, a stop signal is noted instead of killing
 * the process; a signal the caller ignores (nohup) stays ignored. */
static void install_handlers(void)
{
    if (handlers_installed++)
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = note_signal;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < N_STOP_SIGNALS; i++) {
        sigaction(stop_signals[i], NULL, &saved[i]);
        replaced[i] = saved[i].sa_handler != SIG_IGN;
        if (replaced[i])
            sigaction(stop_signals[i], &sa, NULL);
    }
}

static void restore_handlers(void)
{
    if (handlers_installed == 0 || --handlers_installed > 0)
        return;
    /* Only the actions we replaced: setting SIG_IGN again would discard
     * a signal pending while blocked (POSIX), such as the SIGINT that
     * `lbgen serve`, started in the background, reads from its signalfd. */
    for (int i = 0; i < N_STOP_SIGNALS; i++)
        if (replaced[i])
            sigaction(stop_signals[i], &saved[i], NULL);
}

int outdir_interrupted(void)
{
    return (int)interrupted_by;
}

static int check_interrupted(LbError *err)
{
    if (!interrupted_by)
        return 0;
    return lb_fail(err, LB_EINTERNAL, "interrupted by %s; the build was "
                   "abandoned and its staging directory removed",
                   interrupted_by == SIGTERM  ? "SIGTERM"
                   : interrupted_by == SIGINT ? "SIGINT"
                                              : "SIGHUP");
}

/* ---- the staging name --------------------------------------------------- */

/* ".NAME.tmp.PID.XXXXXX" beside final_path; first removes the staging
 * trees of builds that were killed before they could commit or abort (their
 * PID is gone), so they neither pile up nor get mistaken for a site. */
char *outdir_stage_name(const char *final_path, LbError *err)
{
    /* Strip trailing slashes so "site/" stages beside "site". */
    size_t len = strlen(final_path);
    while (len > 1 && final_path[len - 1] == '/')
        len--;
    char *trimmed = xstrndup(final_path, len);
    const char *slash = strrchr(trimmed, '/');
    const char *base = slash ? slash + 1 : trimmed;
    if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
        lb_fail(err, LB_EUSAGE, "--out '%s': name a directory to build "
                "into, not \"/\", \".\" or \"..\"", final_path);
        free(trimmed);
        return NULL;
    }
    Buf parent = BUF_INIT, prefix = BUF_INIT;
    if (!slash)
        buf_puts(&parent, ".");
    else if (slash == trimmed) /* directly under the root: "/site" */
        buf_puts(&parent, "/");
    else
        buf_printf(&parent, "%.*s", (int)(slash - trimmed), trimmed);
    buf_printf(&prefix, ".%s", base);
    remove_stale_temps(parent.data, prefix.data);
    char *name = temp_name(prefix.data);
    Buf b = BUF_INIT;
    if (!slash)
        buf_puts(&b, name);
    else if (slash == trimmed)
        buf_printf(&b, "/%s", name);
    else
        buf_printf(&b, "%s/%s", parent.data, name);
    free(name);
    free(trimmed);
    buf_free(&parent);
    buf_free(&prefix);
    return buf_detach(&b);
}

int outdir_begin(Outdir *dir, const char *final_path, LbError *err)
{
    dir->final_path = NULL;
    dir->stage_path = outdir_stage_name(final_path, err);
    if (!dir->stage_path)
        return -1;
    dir->final_path = xstrdup(final_path);
    char *slash = strrchr(dir->stage_path, '/');
    if (slash && slash != dir->stage_path) {
        *slash = '\0';
        int rc = mkdir_p(dir->stage_path, err);
        *slash = '/';
        if (rc != 0)
            goto fail;
    }
    /* Before the tree exists, so no signal can find it unguarded. */
    install_handlers();
    if (!mkdtemp(dir->stage_path)) {
        lb_fail(err, LB_EINTERNAL, "%s: cannot create staging directory: %s",
                dir->stage_path, strerror(errno));
        restore_handlers();
        goto fail;
    }
    /* mkdtemp makes 0700; the published tree must be readable. */
    chmod(dir->stage_path, 0755);
    return 0;
fail:
    free(dir->final_path);
    free(dir->stage_path);
    dir->final_path = dir->stage_path = NULL;
    return -1;
}

static void release(Outdir *dir)
{
    free(dir->final_path);
    free(dir->stage_path);
    dir->final_path = dir->stage_path = NULL;
    restore_handlers();
}

void outdir_abort(Outdir *dir)
{
    if (dir->stage_path)
        remove_tree(dir->stage_path, NULL);
    release(dir);
}

int outdir_commit(Outdir *dir, LbError *err)
{
    if (check_interrupted(err) != 0) {
        outdir_abort(dir);
        return -1;
    }
    int rc = 0;
    if (rename(dir->stage_path, dir->final_path) == 0) {
        release(dir); /* nothing was there before */
        return 0;
    }
    if (errno != EEXIST && errno != ENOTEMPTY && errno != EISDIR) {
        rc = lb_fail(err, LB_EINTERNAL, "%s: cannot move into place: %s",
                     dir->final_path, strerror(errno));
    } else if (renameat2(AT_FDCWD, dir->stage_path, AT_FDCWD, dir->final_path,
                         RENAME_EXCHANGE) != 0) {
        rc = lb_fail(err, LB_EINTERNAL, "%s: cannot swap in the new tree: %s",
                     dir->final_path, strerror(errno));
    }
    /* After the exchange the staging name holds the old tree (or, on
     * failure, the new one): either way it goes. */
    remove_tree(dir->stage_path, NULL);
    release(dir);
    return rc;
}

/* 1 when `relative` names something inside the tree: not absolute, no
 * empty, "." or ".." segment. Pages are named by route.h from checked ids
 * (slug.h), so this always holds; the assertion says a reader may rely
 * on it. */
static int stays_inside(const char *relative)
{
    if (!*relative || *relative == '/')
        return 0;
    for (const char *p = relative; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 0 || (n == 1 && p[0] == '.')
            || (n == 2 && p[0] == '.' && p[1] == '.'))
            return 0;
        p += n;
        if (*p == '/')
            p++;
    }
    return 1;
}

int outdir_write(const Outdir *dir, const char *relative, const void *data,
                 size_t len, LbError *err)
{
    assert(stays_inside(relative));
    if (check_interrupted(err) != 0)
        return -1;
    Buf path = BUF_INIT;
    buf_printf(&path, "%s/%s", dir->stage_path, relative);
    /* The staging tree is private until the swap: the file is written in
     * place, its directories made only when missing. A symbolic link
     * carried over from the previous tree is replaced, never followed. */
    int rc = file_write_staged(path.data, data, len, err);
    if (rc == FILE_STAGED_NO_DIR) {
        char *slash = strrchr(path.data, '/');
        *slash = '\0';
        rc = mkdir_p(path.data, err);
        *slash = '/';
        if (rc == 0)
            rc = file_write_staged(path.data, data, len, err);
    }
    if (rc == FILE_STAGED_LINK)
        rc = file_write_atomic(path.data, data, len, err);
    if (rc == FILE_STAGED_NO_DIR) /* removed under us */
        rc = lb_fail(err, LB_EINTERNAL, "%s: its directory vanished",
                     path.data);
    buf_free(&path);
    return rc;
}

/* ---- carrying the previous tree over ------------------------------------ */

static int copy_tree(const Outdir *dir, const char *from, const char *rel,
                     LbError *err);

static int copy_dir(const Outdir *dir, const char *from, const char *rel,
                    LbError *err)
{
    DIR *d = opendir(from);
    if (!d)
        return lb_fail(err, LB_EINTERNAL, "%s: cannot open: %s", from,
                       strerror(errno));
    int rc = 0;
    struct dirent *de;
    while (rc == 0 && (de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        Buf src = BUF_INIT, sub = BUF_INIT;
        buf_printf(&src, "%s/%s", from, de->d_name);
        buf_printf(&sub, "%s/%s", rel, de->d_name);
        rc = copy_tree(dir, src.data, sub.data, err);
        buf_free(&src);
        buf_free(&sub);
    }
    closedir(d);
    return rc;
}

static int copy_tree(const Outdir *dir, const char *from, const char *rel,
                     LbError *err)
{
    struct stat st;
    if (lstat(from, &st) != 0)
        return 0;
    if (S_ISDIR(st.st_mode))
        return copy_dir(dir, from, rel, err);
    if (!S_ISREG(st.st_mode))
        return 0; /* never a symlink or a device into the site */
    char *bytes;
    size_t len;
    if (file_read_all(from, &bytes, &len, err) != 0)
        return -1;
    int rc = outdir_write(dir, rel, bytes, len, err);
    free(bytes);
    return rc;
}

int outdir_remove(const Outdir *dir, const char *relative, LbError *err)
{
    assert(stays_inside(relative));
    Buf path = BUF_INIT;
    buf_printf(&path, "%s/%s", dir->stage_path, relative);
    int rc = remove_tree(path.data, err);
    buf_free(&path);
    return rc;
}

int outdir_keep(const Outdir *dir, const char *relative, int *found,
                LbError *err)
{
    Buf from = BUF_INIT;
    buf_printf(&from, "%s/%s", dir->final_path, relative);
    struct stat st;
    *found = lstat(from.data, &st) == 0
             && (S_ISDIR(st.st_mode) || S_ISREG(st.st_mode));
    int rc = outdir_remove(dir, relative, err);
    if (rc == 0 && *found)
        rc = copy_tree(dir, from.data, relative, err);
    buf_free(&from);
    return rc;
}
