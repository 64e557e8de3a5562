/* utf8 — is this untrusted text well-formed?
 *
 * Everything lbgen reads (fetched pages and tables, data/ snapshots,
 * locales, the configuration) must be UTF-8 without NUL bytes before any
 * parser sees it: a NUL would silently cut a C string short and an invalid
 * sequence would be copied into JSON and pages that no longer parse. */
#ifndef LBGEN_UTF8_H
#define LBGEN_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* Offset of the first byte of `text` that is not part of a well-formed
 * UTF-8 sequence (RFC 3629: no overlong forms, no surrogates, nothing above
 * U+10FFFF), or of the first NUL byte; `len` when there is none. */
size_t utf8_invalid_at(const char *text, size_t len);

/* 0 when `text` is clean; else -1 with an LB_EINPUT error
 * "NAME:LINE:COL: error: invalid UTF-8" (or "a NUL byte"). */
int utf8_check(const char *name, const char *text, size_t len, LbError *err);

/* The code point at `s` (at most `n` bytes, well-formed UTF-8 expected)
 * and its length in *len (1 for a stray byte, which decodes as itself). */
uint32_t utf8_decode(const char *s, size_t n, size_t *len);

/* Control characters: C0 (U+0000-U+001F, tab and newline included), DEL
 * and C1 (U+0080-U+009F). Never part of a name, a label or a link. */
int utf8_is_control(uint32_t cp);

/* Characters that change how text reads without showing: the Unicode
 * direction controls (LRM, RLM, ALM, LRE..RLO, LRI..PDI) and the default
 * ignorables (soft hyphen, ZWSP, ZWNJ, ZWJ, word joiner, invisible
 * operators, BOM, combining grapheme joiner, variation selectors, Hangul
 * fillers, tags, ...). Two names that differ only by these look alike. */
int utf8_is_invisible(uint32_t cp);

/* Offset of the first control character in `text` (NUL-terminated), or -1;
 * *cp receives it. */
long utf8_control_at(const char *text, uint32_t *cp);

#endif
