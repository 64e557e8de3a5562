/* redact — keeps secrets (API keys taken from the environment for proxy
 * URLs) out of every message lbgen prints.
 *
 * A Redactor is a list of secret strings; redact_text() replaces each
 * occurrence of a secret — raw or percent-encoded — by "***". Every log
 * line and error message that may contain a URL goes through it. The
 * Redactor owns copies of its secrets; redactor_free() releases them.
 * A zero-initialised Redactor is a valid empty one. */
#ifndef LBGEN_REDACT_H
#define LBGEN_REDACT_H

#include <stddef.h>

#include "diag.h"

typedef struct {
    char **secrets;
    size_t n;
} Redactor;

#define REDACTOR_INIT {NULL, 0}

/* Adds a secret; empty strings and duplicates are ignored. */
void redactor_add(Redactor *r, const char *secret);
void redactor_free(Redactor *r);

/* A redacted copy of `text` the caller frees. `r` may be NULL. */
char *redact_text(const Redactor *r, const char *text);

/* Redacts err->message in place. */
void redact_error(const Redactor *r, LbError *err);

#endif
