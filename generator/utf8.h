/* utf8 — is this untrusted text well-formed?
 *
 * Everything lbgen reads (fetched pages and tables, data/ snapshots,
 * locales, the configuration) must be UTF-8 without NUL bytes before any
 * parser sees it: a NUL would silently cut a C string short and an invalid
 * sequence would be copied into JSON and pages that no longer parse. */
#ifndef LBGEN_UTF8_H
#define LBGEN_UTF8_H

#include <stddef.h>

#include "diag.h"

/* Offset of the first byte of `text` that is not part of a well-formed
 * UTF-8 sequence (RFC 3629: no overlong forms, no surrogates, nothing above
 * U+10FFFF), or of the first NUL byte; `len` when there is none. */
size_t utf8_invalid_at(const char *text, size_t len);

/* 0 when `text` is clean; else -1 with an LB_EINPUT error
 * "NAME:LINE:COL: error: invalid UTF-8" (or "a NUL byte"). */
int utf8_check(const char *name, const char *text, size_t len, LbError *err);

#endif
