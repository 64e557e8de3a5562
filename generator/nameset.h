/* nameset — which names have been seen, and where first: duplicate model
 * checks in linear time. A source of two million rows must not turn the
 * "appears twice" check into 10^12 string comparisons.
 *
 * Names are compared as they look, not byte for byte: invisible and
 * direction-changing characters (ZWJ, ZWNJ, LRM, RLO, soft hyphen, BOM,
 * ..., see utf8_is_invisible) are ignored and every run of spaces (ASCII
 * or Unicode: NBSP, ideographic, ...) counts as one, so "gpt-4" and
 * "gpt\u200d-4" are the same name and cannot both be on a board.
 *
 * A NameSet (zero-initialised: NAMESET_INIT) copies the names it holds;
 * nameset_free() releases them. */
#ifndef LBGEN_NAMESET_H
#define LBGEN_NAMESET_H

#include <stddef.h>

typedef struct {
    char **names;   /* open addressing, NULL = empty slot */
    size_t *first;  /* position each name was first added at */
    size_t cap, n;  /* cap is 0 or a power of two */
} NameSet;

#define NAMESET_INIT {NULL, NULL, 0, 0}

/* Adds `name`, seen at `position`. Returns 1 and sets *first to where it
 * was seen before when it is already there, else 0. */
int nameset_add(NameSet *s, const char *name, size_t position, size_t *first);
/* 1 and *first when `name` is in the set, else 0. */
int nameset_find(const NameSet *s, const char *name, size_t *first);
void nameset_free(NameSet *s);

/* The form names are compared in (see above); the caller frees it. */
char *nameset_key(const char *name);

/* The names of `s` in the form they are compared in (nameset_key: the
 * same as given for plain ASCII names), sorted (strcmp), in a new array of
 * s->n pointers the caller frees; the names themselves stay the set's. */
const char **nameset_sorted(const NameSet *s);

#endif
