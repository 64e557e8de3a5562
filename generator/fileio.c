#include "fileio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "mem.h"

static int read_stream(FILE *f, const char *path, size_t max, char **out,
                       size_t *len, LbError *err)
{
    Buf b = BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (n > max - b.len) { /* a pipe or a device: stop at the limit */
            buf_free(&b);
            return lb_fail(err, LB_EINPUT, "%s: larger than the %zu-byte "
                           "limit", path, max);
        }
        buf_append(&b, chunk, n);
    }
    if (ferror(f)) {
        buf_free(&b);
        return lb_fail(err, LB_EINPUT, "%s: read error: %s", path,
                       strerror(errno));
    }
    *len = b.len;
    *out = buf_detach(&b);
    return 0;
}

int file_read_limited(const char *path, size_t max, char **out, size_t *len,
                      long long *mtime, LbError *err)
{
    if (mtime)
        *mtime = -1;
    if (strcmp(path, "-") == 0)
        return read_stream(stdin, "<stdin>", max, out, len, err);
    FILE *f = fopen(path, "rb");
    if (!f)
        return lb_fail(err, LB_EINPUT, "%s: cannot open: %s", path,
                       strerror(errno));
    struct stat st;
    int have_stat = fstat(fileno(f), &st) == 0;
    if (have_stat && S_ISDIR(st.st_mode)) {
        fclose(f);
        return lb_fail(err, LB_EINPUT, "%s: is a directory", path);
    }
    if (have_stat && S_ISREG(st.st_mode)
        && (unsigned long long)st.st_size > (unsigned long long)max) {
        fclose(f);
        return lb_fail(err, LB_EINPUT, "%s: larger than the %zu-byte limit",
                       path, max);
    }
    int rc = read_stream(f, path, max, out, len, err);
    if (rc == 0 && mtime && have_stat && S_ISREG(st.st_mode))
        *mtime = (long long)st.st_mtime;
    fclose(f);
    return rc;
}

int file_read_all(const char *path, char **out, size_t *len, LbError *err)
{
    return file_read_limited(path, SIZE_MAX, out, len, NULL, err);
}

static int write_fully(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

char *temp_name(const char *prefix)
{
    Buf b = BUF_INIT;
    buf_printf(&b, "%s.tmp.%ld.XXXXXX", prefix, (long)getpid());
    return buf_detach(&b);
}

/* The PID of a temporary name "PREFIX.tmp.PID.XXXXXX", or 0 if `name` is
 * not one. */
static pid_t temp_owner(const char *name, const char *prefix)
{
    size_t plen = strlen(prefix);
    if (strncmp(name, prefix, plen) != 0 || strncmp(name + plen, ".tmp.", 5))
        return 0;
    const char *p = name + plen + 5;
    char *end;
    errno = 0;
    long pid = strtol(p, &end, 10);
    if (errno || end == p || pid <= 0 || *end != '.' || strlen(end + 1) != 6)
        return 0;
    return (pid_t)pid;
}

void remove_stale_temps(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        pid_t pid = temp_owner(de->d_name, prefix);
        /* ESRCH: nobody has that PID any more. EPERM means someone does. */
        if (pid == 0 || pid == getpid() || kill(pid, 0) == 0 || errno != ESRCH)
            continue;
        Buf path = BUF_INIT;
        buf_printf(&path, "%s/%s", dir, de->d_name);
        remove_tree(path.data, NULL);
        buf_free(&path);
    }
    closedir(d);
}

/* "dir/name" → "dir" and "name" ("." for a bare name); caller frees both. */
char *path_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

static void split_path(const char *path, char **dir, char **base)
{
    const char *slash = strrchr(path, '/');
    *dir = path_dir(path);
    *base = xstrdup(slash ? slash + 1 : path);
}

/* A device or a pipe (--out /dev/stdout, /dev/null, a FIFO) is written
 * in place: renaming a file over it would replace the device itself. */
static int write_in_place(const char *path, const void *data, size_t len,
                          LbError *err)
{
    int fd = open(path, O_WRONLY);
    if (fd < 0)
        return lb_fail(err, LB_EINTERNAL, "%s: cannot open: %s", path,
                       strerror(errno));
    int failed = write_fully(fd, data, len) != 0;
    int e = errno;
    if (close(fd) != 0 && !failed) {
        failed = 1;
        e = errno;
    }
    return failed ? lb_fail(err, LB_EINTERNAL, "%s: cannot write: %s", path,
                            strerror(e))
                  : 0;
}

int file_write_atomic(const char *path, const void *data, size_t len,
                      LbError *err)
{
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
        return write_in_place(path, data, len, err);
    char *dir, *base;
    split_path(path, &dir, &base);
    remove_stale_temps(dir, base);
    free(dir);
    free(base);
    char *tmp = temp_name(path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return lb_fail(err, LB_EINTERNAL, "%s: cannot create: %s", path,
                       strerror(e));
    }
    int failed = write_fully(fd, data, len) != 0;
    int e = errno;
    /* mkstemp creates 0600; published files must be world-readable. */
    if (!failed && fchmod(fd, 0644) != 0) {
        failed = 1;
        e = errno;
    }
    if (close(fd) != 0 && !failed) {
        failed = 1;
        e = errno;
    }
    if (!failed && rename(tmp, path) != 0) {
        failed = 1;
        e = errno;
    }
    if (failed) {
        unlink(tmp);
        free(tmp);
        return lb_fail(err, LB_EINTERNAL, "%s: cannot write: %s", path,
                       strerror(e));
    }
    free(tmp);
    return 0;
}

int file_write_staged(const char *path, const void *data, size_t len,
                      LbError *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
                  0644);
    if (fd < 0 && errno == ENOENT)
        return FILE_STAGED_NO_DIR;
    if (fd < 0 && errno == ELOOP)
        return FILE_STAGED_LINK;
    if (fd < 0)
        return lb_fail(err, LB_EINTERNAL, "%s: cannot create: %s", path,
                       strerror(errno));
    /* As file_write_atomic: world-readable whatever the umask. */
    int failed = write_fully(fd, data, len) != 0 || fchmod(fd, 0644) != 0;
    int e = errno;
    if (close(fd) != 0 && !failed) {
        failed = 1;
        e = errno;
    }
    if (failed) {
        unlink(path);
        return lb_fail(err, LB_EINTERNAL, "%s: cannot write: %s", path,
                       strerror(e));
    }
    return 0;
}

int path_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The deepest directory first: in a tree being built most parents exist,
 * so this is one mkdir() per new directory rather than one per component. */
int mkdir_p(const char *path, LbError *err)
{
    if (mkdir(path, 0755) == 0)
        return 0;
    if (errno == ENOENT) {
        char *parent = path_dir(path);
        int rc = strcmp(parent, path) != 0 ? mkdir_p(parent, err)
                                           : lb_fail(err, LB_EINTERNAL,
                                                     "%s: cannot create "
                                                     "directory: %s", path,
                                                     strerror(ENOENT));
        free(parent);
        if (rc != 0)
            return -1;
        if (mkdir(path, 0755) == 0)
            return 0;
    }
    if (errno != EEXIST)
        return lb_fail(err, LB_EINTERNAL, "%s: cannot create directory: %s",
                       path, strerror(errno));
    if (!path_is_dir(path))
        return lb_fail(err, LB_EINTERNAL, "%s: exists and is not a directory",
                       path);
    return 0;
}

int remove_tree(const char *path, LbError *err)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0
                               : lb_fail(err, LB_EINTERNAL, "%s: %s", path,
                                         strerror(errno));
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (!d)
            return lb_fail(err, LB_EINTERNAL, "%s: %s", path,
                           strerror(errno));
        struct dirent *de;
        int rc = 0;
        while (rc == 0 && (de = readdir(d)) != NULL) {
            if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                continue;
            Buf child = BUF_INIT;
            buf_printf(&child, "%s/%s", path, de->d_name);
            rc = remove_tree(child.data, err);
            buf_free(&child);
        }
        closedir(d);
        if (rc != 0)
            return rc;
        if (rmdir(path) != 0)
            return lb_fail(err, LB_EINTERNAL, "%s: %s", path,
                           strerror(errno));
        return 0;
    }
    if (unlink(path) != 0)
        return lb_fail(err, LB_EINTERNAL, "%s: %s", path, strerror(errno));
    return 0;
}
