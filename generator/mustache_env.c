/* mustache_env — the environment: owns every compiled template, caches
 * partials by name (in-memory ones first, then files), and confines file
 * partials to the partials directory: `a/b` is partials_dir/a/b.mustache,
 * the name may not be absolute or contain "." or ".." components, and the
 * file's realpath() must lie inside the directory's realpath(). */
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "mem.h"
#include "mustache_internal.h"

MustacheEnv *mustache_env_new(const char *partials_dir)
{
    MustacheEnv *env = xcalloc(1, sizeof *env);
    if (partials_dir) {
        env->partials_dir = xstrdup(partials_dir);
        env->partials_real = realpath(partials_dir, NULL);
    }
    return env;
}

void mustache_env_set_lenient(MustacheEnv *env, int lenient)
{
    env->lenient = lenient;
}

void mustache_env_set_strict(MustacheEnv *env, int strict)
{
    env->strict = strict;
}

void mustache_env_free(MustacheEnv *env)
{
    if (!env)
        return;
    for (MustacheTemplate *t = env->templates, *next; t; t = next) {
        next = t->next;
        mustache_template_free(t);
    }
    for (size_t i = 0; i < env->npartials; i++) {
        free(env->partials[i].name);
        free(env->partials[i].text);
    }
    free(env->partials);
    free(env->partials_dir);
    free(env->partials_real);
    free(env);
}

static PartialEntry *find_partial(MustacheEnv *env, const char *name,
                                  size_t len)
{
    for (size_t i = 0; i < env->npartials; i++) {
        PartialEntry *p = &env->partials[i];
        /* `name` is a slice that may hold a NUL: compare lengths first. */
        if (strnlen(p->name, len + 1) == len && memcmp(p->name, name, len) == 0)
            return p;
    }
    return NULL;
}

static PartialEntry *new_partial(MustacheEnv *env, const char *name,
                                 size_t len)
{
    if (env->npartials == env->cap) {
        env->cap = grow_capacity(env->cap, env->npartials + 1);
        env->partials = xrealloc(env->partials,
                                 env->cap * sizeof *env->partials);
    }
    PartialEntry *p = &env->partials[env->npartials++];
    memset(p, 0, sizeof *p);
    p->name = xstrndup(name, len);
    return p;
}

int mustache_env_add_partial(MustacheEnv *env, const char *name,
                             const char *text, size_t len, LbError *err)
{
    if (!name || !*name)
        return lb_fail(err, LB_EINPUT, "partial name is empty");
    PartialEntry *p = find_partial(env, name, strlen(name));
    if (!p)
        p = new_partial(env, name, strlen(name));
    free(p->text);
    p->text = xmalloc(len + 1);
    if (len)
        memcpy(p->text, text, len);
    p->text[len] = '\0';
    p->len = len;
    p->tmpl = NULL; /* a stale compiled copy stays owned by env->templates */
    p->missing = 0;
    return 0;
}

/* A partial name must stay inside the partials directory: relative, no ".."
 * component, no NUL, no backslash tricks. Symlinks are checked afterwards
 * with realpath(). */
static int safe_partial_name(const char *name, size_t len)
{
    if (len == 0 || name[0] == '/' || memchr(name, '\0', len))
        return 0;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || name[i] == '/') {
            size_t n = i - start;
            if (n == 0 || (n == 2 && name[start] == '.' &&
                           name[start + 1] == '.') ||
                (n == 1 && name[start] == '.'))
                return 0;
            start = i + 1;
        }
    }
    return 1;
}

static int site_fail(const MustacheTemplate *site, size_t offset,
                     LbError *err, const char *fmt, const char *a,
                     const char *b)
{
    if (!site)
        return lb_fail(err, LB_EINPUT, fmt, a, b);
    return lb_fail_at(err, LB_EINPUT, site->name, site->src, site->len,
                      offset, fmt, a, b);
}

int mustache_env_partial(MustacheEnv *env, const char *name, size_t len,
                         const MustacheTemplate *site, size_t offset,
                         const MustacheTemplate **out, LbError *err)
{
    *out = NULL;
    PartialEntry *p = find_partial(env, name, len);
    if (p && p->tmpl) {
        *out = p->tmpl;
        return 0;
    }
    if (p && p->text) {
        p->tmpl = mustache_compile(env, p->name, p->text, p->len, err);
        if (!p->tmpl)
            return -1;
        *out = p->tmpl;
        return 0;
    }
    char *shown = xstrndup(name, len);
    int rc = 0;
    if (!p || !p->missing) {
        if (!safe_partial_name(name, len)) {
            rc = site_fail(site, offset, err,
                           "partial name '%s' must stay inside the partials "
                           "directory%s",
                           shown, "");
            free(shown);
            return rc;
        }
        if (env->partials_dir && env->partials_real) {
            Buf path = BUF_INIT;
            buf_printf(&path, "%s/%s.mustache", env->partials_dir, shown);
            char *real = realpath(path.data, NULL);
            if (real) {
                size_t dl = strlen(env->partials_real);
                if (strncmp(real, env->partials_real, dl) != 0 ||
                    real[dl] != '/') {
                    rc = site_fail(site, offset, err,
                                   "partial '%s' resolves outside the "
                                   "partials directory (%s)",
                                   shown, real);
                } else {
                    /* Read the checked path, not the one that was checked
                     * against, so a swapped symlink cannot slip in. */
                    char *text;
                    size_t n;
                    if (!p)
                        p = new_partial(env, name, len);
                    rc = file_read_all(real, &text, &n, err);
                    if (rc == 0) {
                        p->tmpl = mustache_compile(env, path.data, text, n,
                                                   err);
                        free(text);
                        rc = p->tmpl ? 0 : -1;
                        *out = p->tmpl;
                    }
                }
                free(real);
                buf_free(&path);
                free(shown);
                return rc;
            }
            buf_free(&path);
        }
        if (!p)
            p = new_partial(env, name, len);
        p->missing = 1;
    }
    if (!env->lenient) {
        Buf where = BUF_INIT;
        if (env->partials_dir)
            buf_printf(&where, " (no %s/%s.mustache)", env->partials_dir,
                       shown);
        rc = site_fail(site, offset, err, "partial '%s' not found%s", shown,
                       where.data ? where.data : "");
        buf_free(&where);
    }
    free(shown);
    return rc;
}
