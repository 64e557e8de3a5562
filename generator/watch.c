#include "watch.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "mem.h"

#define WATCH_MASK                                                      \
    (IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM \
     | IN_MOVED_TO | IN_ATTRIB)

typedef struct {
    int wd;
    char *dir;
    char *only_name; /* a single-file watch: the name; NULL for a tree */
} WatchEntry;

struct Watch {
    int fd;
    WatchEntry *entries;
    size_t n_entries, cap_entries;
};

Watch *watch_open(LbError *err)
{
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0) {
        lb_fail(err, LB_EINTERNAL, "inotify: %s", strerror(errno));
        return NULL;
    }
    Watch *w = xcalloc(1, sizeof *w);
    w->fd = fd;
    return w;
}

static int add_entry(Watch *w, const char *dir, const char *only_name,
                     LbError *err)
{
    int wd = inotify_add_watch(w->fd, dir, WATCH_MASK | IN_ONLYDIR);
    if (wd < 0)
        return lb_fail(err, LB_EINPUT, "%s: cannot watch: %s", dir,
                       strerror(errno));
    if (w->n_entries == w->cap_entries) {
        w->cap_entries = grow_capacity(w->cap_entries, w->n_entries + 1);
        w->entries = xrealloc(w->entries, w->cap_entries * sizeof *w->entries);
    }
    WatchEntry *e = &w->entries[w->n_entries++];
    e->wd = wd;
    e->dir = xstrdup(dir);
    e->only_name = only_name ? xstrdup(only_name) : NULL;
    return 0;
}

static int ignored_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] == '.' || (n > 0 && name[n - 1] == '~')
           || (n > 4 && strcmp(name + n - 4, ".swp") == 0);
}

int watch_add_tree(Watch *w, const char *dir, LbError *err)
{
    if (add_entry(w, dir, NULL, err) != 0)
        return -1;
    DIR *d = opendir(dir);
    if (!d)
        return lb_fail(err, LB_EINPUT, "%s: %s", dir, strerror(errno));
    int rc = 0;
    struct dirent *ent;
    while (rc == 0 && (ent = readdir(d)) != NULL) {
        if (ignored_name(ent->d_name))
            continue;
        Buf sub = BUF_INIT;
        buf_printf(&sub, "%s/%s", dir, ent->d_name);
        struct stat st; /* lstat: a symlinked directory is not followed */
        if (lstat(sub.data, &st) == 0 && S_ISDIR(st.st_mode))
            rc = watch_add_tree(w, sub.data, err);
        buf_free(&sub);
    }
    closedir(d);
    return rc;
}

int watch_add_file(Watch *w, const char *path, LbError *err)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return add_entry(w, ".", path, err);
    char *dir = slash == path ? xstrdup("/")
                              : xstrndup(path, (size_t)(slash - path));
    int rc = add_entry(w, dir, slash + 1, err);
    free(dir);
    return rc;
}

int watch_fd(const Watch *w)
{
    return w->fd;
}

/* Whether event `ev` on entry `e` matters; adds watches for new
 * directories inside a tree. */
static int relevant(Watch *w, size_t i, const struct inotify_event *ev,
                    char *changed, size_t size, LbError *err)
{
    const WatchEntry *e = &w->entries[i];
    const char *name = ev->len ? ev->name : "";
    if (e->only_name ? strcmp(name, e->only_name) != 0
                     : (ev->len && ignored_name(name)))
        return 0;
    Buf path = BUF_INIT;
    buf_printf(&path, "%s%s%s", e->dir, ev->len ? "/" : "", name);
    if (changed && size)
        snprintf(changed, size, "%s", path.data);
    int rc = 1;
    if (!e->only_name && (ev->mask & (IN_CREATE | IN_MOVED_TO))
        && (ev->mask & IN_ISDIR) && watch_add_tree(w, path.data, err) != 0)
        rc = -1;
    buf_free(&path);
    return rc;
}

int watch_read(Watch *w, char *changed, size_t size, LbError *err)
{
    char events[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    int any = 0;
    if (changed && size)
        changed[0] = '\0';
    for (;;) {
        ssize_t n = read(w->fd, events, sizeof events);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            return any;
        if (n <= 0)
            return lb_fail(err, LB_EINTERNAL, "inotify: %s",
                           n < 0 ? strerror(errno) : "end of file");
        for (char *p = events; p < events + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            p += sizeof *ev + ev->len;
            if (ev->mask & IN_Q_OVERFLOW) {
                any = 1; /* events were lost: assume something changed */
                continue;
            }
            for (size_t i = 0; i < w->n_entries; i++) {
                if (w->entries[i].wd != ev->wd)
                    continue;
                int r = relevant(w, i, ev, any ? NULL : changed, size, err);
                if (r < 0)
                    return -1;
                any |= r;
            }
        }
    }
}

void watch_close(Watch *w)
{
    if (!w)
        return;
    close(w->fd);
    for (size_t i = 0; i < w->n_entries; i++) {
        free(w->entries[i].dir);
        free(w->entries[i].only_name);
    }
    free(w->entries);
    free(w);
}
