#include "slug.h"

#include <string.h>

#include "buf.h"

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
