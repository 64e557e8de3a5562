#include "nameset.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "mem.h"

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
    size_t i = slot(s, name);
    if (s->names[i]) {
        *first = s->first[i];
        return 1;
    }
    s->names[i] = xstrdup(name);
    s->first[i] = position;
    s->n++;
    return 0;
}

int nameset_find(const NameSet *s, const char *name, size_t *first)
{
    if (s->cap == 0)
        return 0;
    size_t i = slot(s, name);
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
