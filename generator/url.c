#include "url.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "leaderboard.h"
#include "mem.h"

/* The href as a browser reads it: surrounding ASCII spaces trimmed, tabs
 * and newlines dropped, spaces, control and non-ASCII bytes
 * percent-encoded. Everything else, '%' escapes included, as written. */
static char *clean_href(const char *href)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p = (const unsigned char *)href;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
        p++;
    size_t n = strlen((const char *)p);
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\n'
                     || p[n - 1] == '\r' || p[n - 1] == '\f'))
        n--;
    Buf b = BUF_INIT;
    buf_puts(&b, "");
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\t' || p[i] == '\n' || p[i] == '\r')
            continue;
        if (p[i] <= ' ' || p[i] >= 0x7f) {
            buf_putc(&b, '%');
            buf_putc(&b, hex[p[i] >> 4]);
            buf_putc(&b, hex[p[i] & 15]);
        } else {
            buf_putc(&b, (char)p[i]);
        }
    }
    return buf_detach(&b);
}

/* Length of "scheme:" at the start of s (including the ':'), or 0. */
static size_t scheme_length(const char *s)
{
    if (!isalpha((unsigned char)s[0]))
        return 0;
    size_t i = 1;
    while (isalnum((unsigned char)s[i]) || s[i] == '+' || s[i] == '-'
           || s[i] == '.')
        i++;
    return s[i] == ':' ? i + 1 : 0;
}

static int is_http_scheme(const char *s, size_t len)
{
    return (len == 5 && strncasecmp(s, "http:", 5) == 0)
           || (len == 6 && strncasecmp(s, "https:", 6) == 0);
}

/* Drops the last segment written after `start`, with its '/'. */
static void drop_segment(Buf *out, size_t start)
{
    while (out->len > start && out->data[out->len - 1] != '/')
        out->len--;
    if (out->len > start)
        out->len--;
    out->data[out->len] = '\0';
}

/* RFC 3986 §5.2.4 on path[0..len), appended to out. */
static void remove_dot_segments(const char *path, size_t len, Buf *out)
{
    char *in = xstrndup(path, len);
    size_t start = out->len, i = 0;
    buf_puts(out, "");
    while (in[i]) {
        char *p = in + i;
        if (strncmp(p, "../", 3) == 0) {
            i += 3;
        } else if (strncmp(p, "./", 2) == 0) {
            i += 2;
        } else if (strncmp(p, "/./", 3) == 0) {
            i += 2;
        } else if (strcmp(p, "/.") == 0) {
            i += 1;
            in[i] = '/';
        } else if (strncmp(p, "/../", 4) == 0) {
            i += 3;
            drop_segment(out, start);
        } else if (strcmp(p, "/..") == 0) {
            i += 2;
            in[i] = '/';
            drop_segment(out, start);
        } else if (strcmp(p, ".") == 0 || strcmp(p, "..") == 0) {
            break;
        } else {
            size_t seg = (*p == '/') + strcspn(p + (*p == '/'), "/");
            buf_append(out, p, seg);
            i += seg;
        }
    }
    free(in);
}

typedef struct {
    const char *scheme;    /* "https:" */
    size_t scheme_len;
    const char *authority; /* "//host" */
    size_t authority_len;
    const char *path;
    size_t path_len;
} BaseParts;

static int split_base(const char *base, BaseParts *b)
{
    b->scheme_len = scheme_length(base);
    if (!is_http_scheme(base, b->scheme_len))
        return -1;
    b->scheme = base;
    const char *p = base + b->scheme_len;
    if (strncmp(p, "//", 2) != 0)
        return -1;
    b->authority = p;
    b->authority_len = 2 + strcspn(p + 2, "/?#");
    b->path = p + b->authority_len;
    b->path_len = strcspn(b->path, "?#");
    return 0;
}

static void put_lower(Buf *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        buf_putc(out, (char)tolower((unsigned char)s[i]));
}

/* A reference with no scheme, resolved against base (§5.2.2). */
static char *resolve_relative(const char *ref, const BaseParts *b)
{
    Buf out = BUF_INIT;
    put_lower(&out, b->scheme, b->scheme_len);
    if (strncmp(ref, "//", 2) == 0) {
        buf_puts(&out, ref);
        return buf_detach(&out);
    }
    buf_append(&out, b->authority, b->authority_len);
    size_t ref_path = strcspn(ref, "?#");
    if (ref_path == 0) { /* "?q": the base path with the new query */
        buf_append(&out, b->path, b->path_len);
    } else if (ref[0] == '/') {
        remove_dot_segments(ref, ref_path, &out);
    } else {
        Buf merged = BUF_INIT;
        size_t dir = b->path_len;
        while (dir > 0 && b->path[dir - 1] != '/')
            dir--;
        if (b->path_len == 0)
            buf_putc(&merged, '/');
        else
            buf_append(&merged, b->path, dir);
        buf_append(&merged, ref, ref_path);
        remove_dot_segments(merged.data, merged.len, &out);
        buf_free(&merged);
    }
    buf_puts(&out, ref + ref_path);
    return buf_detach(&out);
}

char *url_resolve(const char *href, const char *base)
{
    char *ref = clean_href(href);
    char *out = NULL;
    size_t scheme = scheme_length(ref);
    BaseParts b;
    if (ref[0] == '\0' || ref[0] == '#') {
        out = NULL;
    } else if (scheme) {
        if (is_http_scheme(ref, scheme)) {
            Buf abs = BUF_INIT;
            put_lower(&abs, ref, scheme);
            buf_puts(&abs, ref + scheme);
            out = buf_detach(&abs);
        }
    } else if (base && split_base(base, &b) == 0) {
        out = resolve_relative(ref, &b);
    }
    free(ref);
    if (out && !lb_url_is_http(out)) {
        free(out);
        out = NULL;
    }
    return out;
}
