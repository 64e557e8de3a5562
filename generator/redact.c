#include "redact.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"
#include "text.h"

void redactor_add(Redactor *r, const char *secret)
{
    if (!secret || !*secret)
        return;
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->secrets[i], secret) == 0)
            return;
    r->secrets = xrealloc(r->secrets, (r->n + 1) * sizeof *r->secrets);
    r->secrets[r->n++] = xstrdup(secret);
}

void redactor_free(Redactor *r)
{
    free_strings(r->secrets, r->n);
    r->secrets = NULL;
    r->n = 0;
}

/* Replaces every occurrence of `needle` in *text (a heap string). */
static void replace_all(char **text, const char *needle)
{
    size_t nlen = strlen(needle);
    if (nlen == 0 || !strstr(*text, needle))
        return;
    Buf b = BUF_INIT;
    const char *p = *text, *hit;
    while ((hit = strstr(p, needle)) != NULL) {
        buf_append(&b, p, (size_t)(hit - p));
        buf_puts(&b, "***");
        p = hit + nlen;
    }
    buf_puts(&b, p);
    free(*text);
    *text = buf_detach(&b);
}

char *redact_text(const Redactor *r, const char *text)
{
    char *out = xstrdup(text);
    if (!r)
        return out;
    for (size_t i = 0; i < r->n; i++) {
        /* The encoded form first: it may contain the raw one's prefix. */
        char *encoded = percent_encode(r->secrets[i]);
        replace_all(&out, encoded);
        free(encoded);
        replace_all(&out, r->secrets[i]);
    }
    return out;
}

void redact_error(const Redactor *r, LbError *err)
{
    if (!r || !err || r->n == 0)
        return;
    char *clean = redact_text(r, err->message);
    snprintf(err->message, sizeof err->message, "%s", clean);
    free(clean);
}
