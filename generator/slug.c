#include "slug.h"

#include <string.h>

#include "buf.h"
#include "hash.h"

static int slug_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

int slug_valid(const char *s)
{
    size_t n = 0;
    if (*s == '-')
        return 0;
    for (; s[n]; n++)
        if (!slug_char(s[n]) || n == SLUG_MAX)
            return 0;
    return n > 0;
}

int locale_code_valid(const char *s)
{
    if (!*s || *s == '-')
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')
              || (*s >= '0' && *s <= '9') || *s == '-'))
            return 0;
    return 1;
}

int slug_check(const char *s, const char *what, LbError *err)
{
    if (slug_valid(s))
        return 0;
    return lb_fail(err, LB_EINPUT, "%s: \"%.*s%s\" is not a valid id (%s)",
                   what, SLUG_MAX, s, strlen(s) > SLUG_MAX ? "…" : "",
                   SLUG_RULE);
}

char *slug_from_name(const char *name, const char *fallback)
{
    const char *end = name + strcspn(name, "?#");
    while (end > name && end[-1] == '/')
        end--;
    const char *start = end;
    while (start > name && start[-1] != '/')
        start--;
    const char *dot = NULL;
    for (const char *p = start; p < end; p++)
        if (*p == '.')
            dot = p;
    if (dot && dot > start)
        end = dot;
    Buf b = BUF_INIT;
    for (const char *p = start; p < end && b.len < SLUG_MAX; p++) {
        char c = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
        if (!slug_char(c))
            c = '-';
        if (c == '-' && (b.len == 0 || b.data[b.len - 1] == '-'))
            continue;
        buf_putc(&b, c);
    }
    while (b.len && b.data[b.len - 1] == '-')
        b.data[--b.len] = '\0';
    if (b.len == 0)
        buf_puts(&b, fallback);
    return buf_detach(&b);
}

/* ---- model pages --------------------------------------------------------- */

static int model_slug_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.'
           || c == '-';
}

static int alnum_lower(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

int model_slug_valid(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > SLUG_MODEL_MAX || !alnum_lower(s[0]) || !alnum_lower(s[n - 1]))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!model_slug_char(s[i]))
            return 0;
    return 1;
}

char *slug_for_model(const char *key)
{
    Buf b = BUF_INIT;
    int changed = 0;
    for (const char *p = key; *p; p++) {
        char c = *p;
        if (!model_slug_char(c)) {
            changed = 1;
            c = '-';
        }
        if (c == '-' && b.len && b.data[b.len - 1] == '-') {
            changed = 1;
            continue;
        }
        buf_putc(&b, c);
    }
    /* No '.' or '-' at either end: no hidden directory, no "..". */
    size_t start = 0;
    while (start < b.len && !alnum_lower(b.data[start]))
        start++;
    size_t end = b.len;
    while (end > start && !alnum_lower(b.data[end - 1]))
        end--;
    if (start > 0 || end < b.len)
        changed = 1;
    if (end - start > SLUG_MODEL_BASE) {
        end = start + SLUG_MODEL_BASE;
        while (end > start && !alnum_lower(b.data[end - 1]))
            end--;
        changed = 1;
    }
    Buf out = BUF_INIT;
    buf_append(&out, b.data ? b.data + start : "", end - start);
    buf_free(&b);
    if (out.len == 0) {
        buf_puts(&out, "m");
        changed = 1;
    }
    if (changed) {
        char hex[9];
        hash_fnv1a32_hex(key, hex);
        buf_printf(&out, "-%s", hex);
    }
    return buf_detach(&out);
}
