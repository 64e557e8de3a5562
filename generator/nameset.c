#include "nameset.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "mem.h"
#include "utf8.h"

static int is_space(uint32_t cp)
{
    return cp == ' ' || cp == 0xA0 || cp == 0x1680
           || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F
           || cp == 0x3000;
}

char *nameset_key(const char *name)
{
    const unsigned char *u = (const unsigned char *)name;
    int plain = 1;
    for (size_t i = 0; u[i] && plain; i++)
        plain = u[i] < 0x80 && !(u[i] == ' ' && (i == 0 || u[i + 1] == ' '
                                                 || u[i + 1] == '\0'));
    if (plain)
        return xstrdup(name);
    Buf b = BUF_INIT;
    size_t n = strlen(name);
    int space = 0;
    for (size_t i = 0; i < n;) {
        size_t k;
        uint32_t cp = utf8_decode(name + i, n - i, &k);
        if (is_space(cp)) {
            space = b.len > 0;
        } else if (!utf8_is_invisible(cp)) {
            if (space)
                buf_putc(&b, ' ');
            space = 0;
            buf_append(&b, name + i, k);
        }
        i += k;
    }
    return buf_detach(&b);
}

/* The slot holding `name`, or the empty slot where it would go. */
static size_t slot(const NameSet *s, const char *name)
{
    assert(s->cap > 0 && (s->cap & (s->cap - 1)) == 0); /* the mask below */
    size_t mask = s->cap - 1, i = (size_t)hash_fnv1a64(name, strlen(name)) & mask;
    while (s->names[i] && strcmp(s->names[i], name) != 0)
        i = (i + 1) & mask;
    return i;
}

static void grow(NameSet *s)
{
    NameSet bigger = {NULL, NULL, s->cap ? s->cap * 2 : 64, s->n};
    bigger.names = xcalloc(bigger.cap, sizeof *bigger.names);
    bigger.first = xcalloc(bigger.cap, sizeof *bigger.first);
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->names[i])
            continue;
        size_t j = slot(&bigger, s->names[i]);
        bigger.names[j] = s->names[i];
        bigger.first[j] = s->first[i];
    }
    free(s->names);
    free(s->first);
    *s = bigger;
}

int nameset_add(NameSet *s, const char *name, size_t position, size_t *first)
{
    if (2 * (s->n + 1) > s->cap) /* at most half full */
        grow(s);
    char *key = nameset_key(name);
    size_t i = slot(s, key);
    if (s->names[i]) {
        free(key);
        *first = s->first[i];
        return 1;
    }
    s->names[i] = key;
    s->first[i] = position;
    s->n++;
    return 0;
}

int nameset_find(const NameSet *s, const char *name, size_t *first)
{
    if (s->cap == 0)
        return 0;
    char *key = nameset_key(name);
    size_t i = slot(s, key);
    free(key);
    if (!s->names[i])
        return 0;
    *first = s->first[i];
    return 1;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char **nameset_sorted(const NameSet *s)
{
    const char **names = xcalloc(s->n + 1, sizeof *names);
    size_t n = 0;
    for (size_t i = 0; i < s->cap; i++)
        if (s->names[i])
            names[n++] = s->names[i];
    if (n)
        qsort(names, n, sizeof *names, by_name);
    return names;
}

void nameset_free(NameSet *s)
{
    free_strings(s->names, s->cap);
    free(s->first);
    *s = (NameSet)NAMESET_INIT;
}
