#include "docs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "fileio.h"
#include "mem.h"
#include "nameset.h"

typedef struct {
    char *path;
    char *data;
    size_t len;
} DocsFile;

struct DocsTree {
    DocsFile *files;
    size_t n, cap;
    NameSet paths;
};

DocsTree *docs_tree_new(void)
{
    return xcalloc(1, sizeof(DocsTree));
}

void docs_tree_free(DocsTree *tree)
{
    if (!tree)
        return;
    for (size_t i = 0; i < tree->n; i++) {
        free(tree->files[i].path);
        free(tree->files[i].data);
    }
    free(tree->files);
    nameset_free(&tree->paths);
    free(tree);
}

int docs_tree_add(DocsTree *tree, const char *path, const void *data,
                  size_t len, LbError *err)
{
    size_t first;
    if (nameset_add(&tree->paths, path, tree->n, &first))
        return lb_fail(err, LB_EINPUT, "site.docs: two pages would be written "
                       "to %s (the path patterns of two locales collide)", path);
    if (tree->n == tree->cap) {
        tree->cap = grow_capacity(tree->cap, tree->n + 1);
        tree->files = xrealloc(tree->files, tree->cap * sizeof *tree->files);
    }
    DocsFile *f = &tree->files[tree->n++];
    f->path = xstrdup(path);
    f->data = xmalloc(len ? len : 1);
    if (len)
        memcpy(f->data, data, len);
    f->len = len;
    return 0;
}

/* ---- the manifest ---------------------------------------------------------- */

/* A path lbgen may have written: '/'-separated segments of letters, digits,
 * '.', '_' and '-', none empty or starting with '.' (route.h makes no
 * other), so no manifest line can lead out of the directory. */
static int owned_path(const char *p, size_t len)
{
    if (len == 0)
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = p[i];
        int segment_start = i == 0 || p[i - 1] == '/';
        if (segment_start && (c == '/' || c == '.'))
            return 0; /* an empty, hidden, "." or ".." segment */
        if (!(c == '/' || c == '.' || c == '_' || c == '-'
              || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')))
            return 0;
    }
    return p[len - 1] != '/';
}

/* Reads DIR/.lbgen-manifest into `owned` (missing: empty). A line that is
 * not a path lbgen writes is an error naming FILE:LINE. */
static int read_manifest(const char *file, NameSet *owned, LbError *err)
{
    if (access(file, F_OK) != 0 && errno == ENOENT)
        return 0;
    char *text;
    size_t len;
    if (file_read_all(file, &text, &len, err) != 0)
        return -1;
    int rc = 0, line = 1;
    for (char *p = text; *p && rc == 0; line++) {
        size_t n = strcspn(p, "\n");
        if (n && p[0] != '#') {
            if (!owned_path(p, n)) {
                rc = lb_fail(err, LB_EINPUT, "%s:%d: not a path lbgen writes "
                             "(the manifest lists files lbgen owns; restore "
                             "it, or delete it and the files it listed)",
                             file, line);
                break;
            }
            char *path = xstrndup(p, n);
            size_t ignored;
            nameset_add(owned, path, owned->n, &ignored);
            free(path);
        }
        p += n;
        if (*p == '\n')
            p++;
    }
    free(text);
    return rc;
}

static const char manifest_header[] =
    "# The files `lbgen build --docs-out` wrote here, one a line. lbgen\n"
    "# replaces and removes only these; everything else is left alone.\n";

static void manifest_text(Buf *out, const NameSet *a, const NameSet *b)
{
    NameSet all = NAMESET_INIT;
    size_t ignored;
    const NameSet *sets[2] = {a, b};
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; sets[s] && i < sets[s]->cap; i++)
            if (sets[s]->names[i])
                nameset_add(&all, sets[s]->names[i], all.n, &ignored);
    const char **sorted = nameset_sorted(&all);
    buf_puts(out, manifest_header);
    for (size_t i = 0; i < all.n; i++)
        buf_printf(out, "%s\n", sorted[i]);
    free(sorted);
    nameset_free(&all);
}

/* ---- writing ------------------------------------------------------------------ */

/* 1 when `path` holds exactly `len` bytes `data`. */
static int same_bytes(const char *path, const char *data, size_t len)
{
    char *have;
    size_t have_len;
    LbError ignored;
    if (file_read_all(path, &have, &have_len, &ignored) != 0)
        return 0;
    int same = have_len == len && memcmp(have, data, len) == 0;
    free(have);
    return same;
}

/* Every directory on the way to DIR/rel, and the file itself, is a real
 * directory (or a regular file) or absent: lbgen never writes through a
 * symbolic link or over a directory, device or pipe. */
static int check_way(const char *dir, const char *rel, LbError *err)
{
    Buf p = BUF_INIT;
    buf_puts(&p, dir);
    int rc = 0;
    for (const char *s = rel; *s && rc == 0;) {
        size_t n = strcspn(s, "/");
        buf_putc(&p, '/');
        buf_append(&p, s, n);
        s += n;
        int last = *s == '\0';
        if (!last)
            s++;
        struct stat st;
        if (lstat(p.data, &st) != 0)
            break; /* absent: nothing further down exists either */
        if (S_ISLNK(st.st_mode))
            rc = lb_fail(err, LB_EINPUT, "%s: is a symbolic link; lbgen does "
                         "not write through one", p.data);
        else if (!last && !S_ISDIR(st.st_mode))
            rc = lb_fail(err, LB_EINPUT, "%s: is not a directory", p.data);
        else if (last && !S_ISREG(st.st_mode))
            rc = lb_fail(err, LB_EINPUT, "%s: exists and is not a regular "
                         "file; lbgen will not replace it", p.data);
    }
    buf_free(&p);
    return rc;
}

static int write_file(const char *dir, const DocsFile *f, LbError *err)
{
    char *path = str_printf("%s/%s", dir, f->path);
    char *parent = path_dir(path);
    int rc = mkdir_p(parent, err);
    if (rc == 0)
        rc = file_write_atomic(path, f->data, f->len, err);
    free(parent);
    free(path);
    return rc;
}

/* Removes DIR/rel when it is a regular file, then each directory between
 * it and DIR that this left empty. */
static int remove_owned(const char *dir, const char *rel, LbError *err)
{
    char *path = str_printf("%s/%s", dir, rel);
    struct stat st;
    int rc = 0, removed = 0;
    if (check_way(dir, rel, err) != 0)
        rc = -1;
    else if (lstat(path, &st) == 0) {
        if (unlink(path) != 0)
            rc = lb_fail(err, LB_EINTERNAL, "%s: cannot remove: %s", path,
                         strerror(errno));
        else
            removed = 1;
    }
    size_t base = strlen(dir);
    for (char *slash = strrchr(path, '/'); rc == 0 && slash
                                           && (size_t)(slash - path) > base;
         slash = strrchr(path, '/')) {
        *slash = '\0';
        if (rmdir(path) != 0)
            break; /* not empty (or not ours to judge): stop here */
    }
    free(path);
    return rc < 0 ? rc : removed;
}

static int write_manifest(const char *file, const Buf *text, LbError *err)
{
    if (same_bytes(file, text->data, text->len))
        return 0;
    return file_write_atomic(file, text->data, text->len, err);
}

/* Refuses, before anything is written, a file lbgen is about to write that
 * someone else put there. */
static int check_targets(const DocsTree *tree, const char *dir,
                         const NameSet *owned, const char *manifest,
                         LbError *err)
{
    size_t ignored;
    for (size_t i = 0; i < tree->n; i++) {
        const DocsFile *f = &tree->files[i];
        if (check_way(dir, f->path, err) != 0)
            return -1;
        char *path = str_printf("%s/%s", dir, f->path);
        int foreign = access(path, F_OK) == 0
                      && !nameset_find(owned, f->path, &ignored)
                      && !same_bytes(path, f->data, f->len);
        if (foreign)
            lb_fail(err, LB_EINPUT, "%s: exists and lbgen did not write it "
                    "(%s does not list it), so lbgen will not replace it; "
                    "move or delete it if lbgen should own it, or change "
                    "site.docs", path, manifest);
        free(path);
        if (foreign)
            return -1;
    }
    return 0;
}

int docs_tree_commit(const DocsTree *tree, const char *dir, DocsStats *stats,
                     LbError *err)
{
    DocsStats ignored_stats;
    if (!stats)
        stats = &ignored_stats;
    *stats = (DocsStats){tree->n, 0, 0, 0};
    for (size_t i = 0; i < tree->n; i++)
        stats->bytes += tree->files[i].len;
    struct stat st;
    if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode))
        return lb_fail(err, LB_EINPUT, "%s: exists and is not a directory",
                       dir);
    if (mkdir_p(dir, err) != 0)
        return -1;
    char *manifest = str_printf("%s/%s", dir, DOCS_MANIFEST);
    NameSet owned = NAMESET_INIT;
    Buf text = BUF_INIT;
    int rc = read_manifest(manifest, &owned, err);
    if (rc == 0)
        rc = check_targets(tree, dir, &owned, manifest, err);
    /* While files change, the manifest lists the old and the new ones. */
    if (rc == 0) {
        manifest_text(&text, &owned, &tree->paths);
        rc = write_manifest(manifest, &text, err);
    }
    for (size_t i = 0; rc == 0 && i < tree->n; i++) {
        const DocsFile *f = &tree->files[i];
        char *path = str_printf("%s/%s", dir, f->path);
        int same = same_bytes(path, f->data, f->len);
        free(path);
        if (same)
            continue;
        rc = write_file(dir, f, err);
        stats->written += rc == 0;
    }
    if (rc == 0) {
        const char **old = nameset_sorted(&owned);
        size_t ignored;
        for (size_t i = 0; rc == 0 && i < owned.n; i++) {
            if (nameset_find(&tree->paths, old[i], &ignored))
                continue;
            int removed = remove_owned(dir, old[i], err);
            rc = removed < 0 ? -1 : 0;
            stats->removed += removed > 0;
        }
        free(old);
    }
    if (rc == 0) {
        buf_clear(&text);
        manifest_text(&text, &tree->paths, NULL);
        rc = write_manifest(manifest, &text, err);
    }
    buf_free(&text);
    nameset_free(&owned);
    free(manifest);
    return rc;
}
