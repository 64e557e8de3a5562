/* mem — allocation that never returns NULL.
 *
 * Out-of-memory is not a recoverable condition for a batch tool like lbgen
 * (Redis makes the same choice in zmalloc): these wrappers print a message
 * and abort() instead of forcing every caller to thread an OOM path.
 * Everything they return is freed with plain free(). */
#ifndef LBGEN_MEM_H
#define LBGEN_MEM_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Capacity growth for dynamic arrays: at least `need`, doubling from `cap`. */
size_t grow_capacity(size_t cap, size_t need);
/* Frees the first n strings of `list` (NULL entries allowed) and `list`. */
void free_strings(char **list, size_t n);

#endif
