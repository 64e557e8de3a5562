/* jsonscan — a strict, streaming JSON tokenizer over a FILE or a buffer.
 *
 * Reads a file in fixed 1 MiB blocks, so memory does not grow with the
 * size of the file; a buffer already in memory is scanned in place, as
 * one block, without a copy: a caller pulls one token at a time (strings, numbers,
 * literals, punctuation) and skips whole values it does not need. Values
 * may straddle block boundaries. Strings are checked for valid UTF-8
 * (eight bytes at a time while they are plain ASCII), escapes (\uXXXX with
 * surrogate pairs included) are decoded only when the caller wants the
 * text. Nesting deeper than JSON_SCAN_MAX_DEPTH is refused.
 *
 * Line mode (JSON Lines read in parallel, battles.c): the caller points the
 * scanner at one line of a larger buffer (p .. end) whose first byte is at
 * file offset `base`; the end of the line reads as the end of input but is
 * named "end of line" in messages.
 *
 * Errors are returned as -1 with the scanner's LbError filled in; the
 * message names NAME:LINE:COL (computed on the error path by re-reading the
 * file or buffer up to the offending byte) or the byte offset when the
 * input cannot be re-read (a pipe). The scanner owns its block buffer;
 * json_scan_close() frees it and closes the file it opened. A memory
 * buffer and a FILE handed in are borrowed and must outlive the scan. */
#ifndef LBGEN_JSONSCAN_H
#define LBGEN_JSONSCAN_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "diag.h"

#define JSON_SCAN_BLOCK (1u << 20)
#define JSON_SCAN_MAX_DEPTH 256

typedef struct {
    FILE *f;              /* NULL when scanning memory */
    int owns_file;
    const char *name;
    unsigned char *buffer; /* owned read buffer (files only) */
    const unsigned char *block; /* current block: buffer, or the memory */
    const unsigned char *p, *end;
    uint64_t base;       /* file offset of block[0] */
    uint64_t size;       /* total size when known (regular file), else 0 */
    int at_eof;
    const char *context; /* e.g. "record 12", prefixed to messages */
    /* Or, formatted only when a message is made: "LABEL N: " when
     * context_record > 0 (and context is NULL). */
    const char *context_label;
    long long context_record;
    /* Line mode: the input to locate errors in when it is not the block
     * itself: the whole buffer (memory), or the file to re-read (path). */
    const unsigned char *whole;
    uint64_t whole_len;
    const char *locate_path;
    int line_mode;        /* the end of input is the end of a line ... */
    int eol_is_newline;   /* ... ended by '\n' (not by the end of input) */
    LbError *err;
} JsonScan;

typedef enum {
    JSON_END = 0, /* end of input */
    JSON_STRING = '"',
    JSON_NUMBER = '0',
    JSON_OBJECT = '{',
    JSON_ARRAY = '[',
    JSON_TRUE = 't',
    JSON_FALSE = 'f',
    JSON_NULL = 'n'
} JsonType;

/* Opens `path` ("-" = standard input). */
int json_scan_open(JsonScan *s, const char *path, LbError *err);
/* Scans an open stream, named `name` in messages; `owns` makes
 * json_scan_close() close it. Errors are located (LINE:COL) only in a
 * stream the scanner owns (it seeks back to re-read); others give the
 * byte offset. */
int json_scan_open_stream(JsonScan *s, FILE *f, const char *name, int owns,
                          LbError *err);
/* Scans `len` bytes at `bytes` in place. */
void json_scan_open_memory(JsonScan *s, const char *bytes, size_t len,
                           const char *name, LbError *err);
void json_scan_close(JsonScan *s);

/* Bytes consumed so far. */
static inline uint64_t json_scan_offset(const JsonScan *s)
{
    return s->base + (uint64_t)(s->p - s->block);
}

/* Skips whitespace; returns the next byte without consuming it, or -1 at
 * the end of input. `newlines` (may be NULL) counts '\n' bytes skipped. */
int json_scan_peek(JsonScan *s, int *newlines);

/* Type of the value starting at the next non-blank byte (JSON_END at end
 * of input); -1 with an error when no value can start there. */
int json_scan_value_type(JsonScan *s);

/* Consumes `c` (after whitespace) or fails with "expected 'c'". */
int json_scan_expect(JsonScan *s, char c, const char *what);

/* The first byte at or after p (before end) that is not plain string
 * content: a quote, a backslash, a control character or a non-ASCII byte.
 * Eight bytes at a time: json_maybe_special flags each such byte (and may
 * flag plain bytes above one, never below). */
#define JSON_ONES 0x0101010101010101ull
#define JSON_HIGHS 0x8080808080808080ull

static inline uint64_t json_maybe_special(uint64_t w)
{
    uint64_t q = w ^ (JSON_ONES * '"'), b = w ^ (JSON_ONES * '\\');
    uint64_t lt = (w - JSON_ONES * 0x20) & ~w;
    uint64_t zq = (q - JSON_ONES) & ~q;
    uint64_t zb = (b - JSON_ONES) & ~b;
    return (lt | zq | zb | w) & JSON_HIGHS;
}

static inline int json_plain_byte(unsigned char c)
{
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

static inline const unsigned char *json_plain_run(const unsigned char *q,
                                                  const unsigned char *end)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* The lowest flagged byte is exactly the first special one: the
     * borrows that can flag a plain byte only run upwards from it. */
    while (end - q >= 8) {
        uint64_t w;
        memcpy(&w, q, 8);
        uint64_t m = json_maybe_special(w);
        if (m)
            return q + (__builtin_ctzll(m) >> 3);
        q += 8;
    }
#endif
    while (q < end && json_plain_byte(*q))
        q++;
    return q;
}

/* Reads a string; decoded UTF-8 is appended to `out` unless it is NULL. */
int json_scan_string(JsonScan *s, Buf *out);
/* Reads a string and points *text and *len at its decoded bytes: in place when
 * it has no escapes and lies within the current block (the common case for
 * keys), otherwise decoded into `scratch`. Valid until the next call. */
int json_scan_string_view(JsonScan *s, Buf *scratch, const char **text,
                          size_t *len);
int json_scan_number(JsonScan *s, double *out);
/* Reads true, false or null; sets *out to 1, 0 or -1. */
int json_scan_literal(JsonScan *s, int *out);
/* Validates and discards one value of any type. */
int json_scan_skip(JsonScan *s);

/* Skimming: an object or array whose contents nobody reads can be passed
 * over without tokenizing it. The rules (the only checks made): strings
 * end at an unescaped quote (a backslash steps over the next byte, which
 * is not checked), brackets outside strings balance ('{' and '[' open,
 * '}' and ']' close), and the bracket that brings the depth back to zero
 * is the kind that closes the opening one. Nothing else inside is looked
 * at: numbers, literals, commas, UTF-8 and control characters in strings
 * are not checked.
 *
 * json_skim() applies the rules to the bytes [p, end) after the opening
 * bracket (state zeroed, depth 1, before the first call) and returns the
 * byte after the closing bracket, or NULL when it needs more bytes (state
 * kept for them). Sixty-four bytes at a time where the CPU allows. */
typedef struct {
    size_t depth;
    int in_string, escaped;
} JsonSkim;

const unsigned char *json_skim(JsonSkim *st, const unsigned char *p,
                               const unsigned char *end);

/* json_skim()'s last byte `close` closes the container opened by `open`. */
static inline int json_skim_matches(unsigned char open, unsigned char close)
{
    return (open == '{' && close == '}') || (open == '[' && close == ']');
}

/* Passes over the next value: an object or array is skimmed (above), any
 * other value is validated as json_scan_skip does. */
int json_scan_pass(JsonScan *s);

/* Object iteration: call json_scan_object_begin() once, then
 * json_scan_object_next() until it returns 0 (the closing '}' consumed).
 * It returns 1 with the decoded key in `key` (cleared first), positioned
 * before the value, which the caller must then read or skip. */
int json_scan_object_begin(JsonScan *s);
int json_scan_object_next(JsonScan *s, int *first, Buf *key);
/* The same, with the key as a view (json_scan_string_view). */
int json_scan_object_next_view(JsonScan *s, int *first, Buf *scratch,
                               const char **key, size_t *len);

/* Fails with a message that locates the current position (or `offset`). */
int json_scan_fail(JsonScan *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int json_scan_fail_at(JsonScan *s, uint64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
