#include "jsonscan.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mem.h"

/* Byte classes inside a string: 0 plain ASCII, 1 quote, 2 backslash,
 * 3 control character, 4 first byte of a multi-byte UTF-8 sequence or an
 * invalid byte. The hot loop only looks for class 0. */
static unsigned char string_class[256];

static void init_classes(void)
{
    if (string_class['"'])
        return;
    for (int c = 0; c < 256; c++)
        string_class[c] = c < 0x20 ? 3 : c >= 0x80 ? 4 : 0;
    string_class['"'] = 1;
    string_class['\\'] = 2;
}

int json_scan_open_stream(JsonScan *s, FILE *f, const char *name, int owns,
                          LbError *err)
{
    memset(s, 0, sizeof *s);
    init_classes();
    s->err = err;
    s->name = name;
    s->f = f;
    s->owns_file = owns;
    struct stat st;
    if (fstat(fileno(f), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            json_scan_close(s);
            return lb_fail(err, LB_EINPUT, "%s: is a directory", name);
        }
        if (S_ISREG(st.st_mode))
            s->size = (uint64_t)st.st_size;
    }
    s->buffer = xmalloc(JSON_SCAN_BLOCK);
    s->p = s->end = s->block = s->buffer;
    return 0;
}

int json_scan_open(JsonScan *s, const char *path, LbError *err)
{
    if (strcmp(path, "-") == 0)
        return json_scan_open_stream(s, stdin, "<stdin>", 0, err);
    FILE *f = fopen(path, "rb");
    if (!f) {
        memset(s, 0, sizeof *s);
        return lb_fail(err, LB_EINPUT, "%s: cannot open: %s", path,
                       strerror(errno));
    }
    return json_scan_open_stream(s, f, path, 1, err);
}

void json_scan_open_memory(JsonScan *s, const char *bytes, size_t len,
                           const char *name, LbError *err)
{
    memset(s, 0, sizeof *s);
    init_classes();
    s->err = err;
    s->name = name;
    s->block = s->p = (const unsigned char *)(bytes ? bytes : "");
    s->end = s->p + (bytes ? len : 0);
    s->size = (uint64_t)(s->end - s->p);
    s->at_eof = 1; /* the whole input is the one block */
}

void json_scan_close(JsonScan *s)
{
    if (s->owns_file && s->f)
        fclose(s->f);
    s->f = NULL;
    free(s->buffer);
    s->buffer = NULL;
    s->block = s->p = s->end = NULL;
}

/* ---- errors ------------------------------------------------------------ */

/* Line and column (UTF-8 characters) of `offset`, by re-reading the file.
 * Returns 0 when the input cannot be re-read. */
static void count_position(const unsigned char *bytes, size_t n, int *line,
                           int *col)
{
    for (size_t i = 0; i < n; i++) {
        if (bytes[i] == '\n') {
            (*line)++;
            *col = 1;
        } else if ((bytes[i] & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

static void count_file(FILE *f, uint64_t offset, int *line, int *col)
{
    uint64_t pos = 0;
    unsigned char chunk[65536];
    while (pos < offset) {
        size_t want = offset - pos < sizeof chunk ? (size_t)(offset - pos)
                                                  : sizeof chunk;
        size_t n = fread(chunk, 1, want, f);
        if (n == 0)
            break;
        count_position(chunk, n, line, col);
        pos += n;
    }
}

static int locate(JsonScan *s, uint64_t offset, int *line, int *col)
{
    int l = 1, c = 1;
    if (s->whole) {
        count_position(s->whole,
                       (size_t)(offset < s->whole_len ? offset : s->whole_len),
                       &l, &c);
    } else if (s->locate_path) {
        FILE *f = fopen(s->locate_path, "rb");
        if (!f)
            return 0;
        count_file(f, offset, &l, &c);
        fclose(f);
    } else if (!s->f) { /* memory: the block is the whole input */
        uint64_t len = s->size;
        count_position(s->block, (size_t)(offset < len ? offset : len), &l,
                       &c);
    } else {
        if (!s->owns_file || fseek(s->f, 0, SEEK_SET) != 0)
            return 0;
        count_file(s->f, offset, &l, &c);
    }
    *line = l;
    *col = c;
    return 1;
}

static int vfail_at(JsonScan *s, uint64_t offset, const char *fmt, va_list ap)
{
    if (!s->err)
        return -1;
    char what[768];
    vsnprintf(what, sizeof what, fmt, ap);
    int line, col;
    char numbered[64];
    const char *ctx = s->context ? s->context : "";
    if (!s->context && s->context_record > 0) {
        snprintf(numbered, sizeof numbered, "%s %lld",
                 s->context_label ? s->context_label : "record",
                 s->context_record);
        ctx = numbered;
    }
    const char *sep = *ctx ? ": " : "";
    if (locate(s, offset, &line, &col))
        lb_fail(s->err, LB_EINPUT, "%s:%d:%d: error: %s%s%s (byte %llu)",
                s->name, line, col, ctx, sep, what,
                (unsigned long long)offset);
    else
        lb_fail(s->err, LB_EINPUT, "%s: error: %s%sbyte %llu: %s", s->name,
                ctx, sep, (unsigned long long)offset, what);
    return -1;
}

int json_scan_fail_at(JsonScan *s, uint64_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail_at(s, offset, fmt, ap);
    va_end(ap);
    return -1;
}

int json_scan_fail(JsonScan *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail_at(s, json_scan_offset(s), fmt, ap);
    va_end(ap);
    return -1;
}

/* ---- input ------------------------------------------------------------- */

/* Reads the next block once the current one is used up. 1 when bytes are
 * available, 0 at end of input, -1 on a read error. */
static int refill(JsonScan *s)
{
    if (s->p < s->end)
        return 1;
    if (s->at_eof)
        return 0;
    s->base += (uint64_t)(s->end - s->block);
    size_t n = fread(s->buffer, 1, JSON_SCAN_BLOCK, s->f);
    s->p = s->block = s->buffer;
    s->end = s->block + n;
    if (n == 0) {
        if (ferror(s->f))
            return lb_fail(s->err, LB_EINPUT, "%s: read error: %s", s->name,
                           strerror(errno));
        s->at_eof = 1;
        return 0;
    }
    return 1;
}

/* Next byte, consumed; -1 at end of input (or on a read error, which has
 * already been recorded). */
static inline int next_byte(JsonScan *s)
{
    if (s->p == s->end && refill(s) <= 0)
        return -1;
    return *s->p++;
}

static int describe(const JsonScan *s, int c, char *out, size_t n)
{
    if (c < 0)
        return snprintf(out, n, s->line_mode && s->eol_is_newline
                                    ? "end of line"
                                    : "end of input");
    if (c >= 0x21 && c < 0x7f)
        return snprintf(out, n, "'%c'", c);
    return snprintf(out, n, "byte 0x%02X", c);
}

static int unexpected(JsonScan *s, int c, const char *expected)
{
    char got[32];
    describe(s, c, got, sizeof got);
    return json_scan_fail(s, "expected %s, found %s", expected, got);
}

int json_scan_peek(JsonScan *s, int *newlines)
{
    for (;;) {
        while (s->p < s->end) {
            unsigned char c = *s->p;
            if (c == '\n') {
                if (newlines)
                    (*newlines)++;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return c;
            }
            s->p++;
        }
        int r = refill(s);
        if (r <= 0)
            return -1;
    }
}

int json_scan_value_type(JsonScan *s)
{
    int c = json_scan_peek(s, NULL);
    switch (c) {
    case -1: return JSON_END;
    case '"': return JSON_STRING;
    case '{': return JSON_OBJECT;
    case '[': return JSON_ARRAY;
    case 't': return JSON_TRUE;
    case 'f': return JSON_FALSE;
    case 'n': return JSON_NULL;
    default:
        if (c == '-' || (c >= '0' && c <= '9'))
            return JSON_NUMBER;
        return unexpected(s, c, "a JSON value");
    }
}

int json_scan_expect(JsonScan *s, char c, const char *what)
{
    int got = json_scan_peek(s, NULL);
    if (got != (unsigned char)c)
        return unexpected(s, got, what);
    s->p++;
    return 0;
}

/* ---- strings ----------------------------------------------------------- */

static void put_utf8(Buf *out, uint32_t cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    buf_append(out, b, n);
}

static int hex4(JsonScan *s, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int c = next_byte(s);
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0) {
            if (c >= 0)
                s->p--;
            return unexpected(s, c, "four hex digits after \\u");
        }
        v = v << 4 | (uint32_t)d;
    }
    *out = v;
    return 0;
}

static int escape(JsonScan *s, Buf *out)
{
    uint64_t at = json_scan_offset(s) - 1;
    int c = next_byte(s);
    char plain;
    switch (c) {
    case '"': plain = '"'; break;
    case '\\': plain = '\\'; break;
    case '/': plain = '/'; break;
    case 'b': plain = '\b'; break;
    case 'f': plain = '\f'; break;
    case 'n': plain = '\n'; break;
    case 'r': plain = '\r'; break;
    case 't': plain = '\t'; break;
    case 'u': {
        uint32_t cp;
        if (hex4(s, &cp) < 0)
            return -1;
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            return json_scan_fail_at(s, at, "unpaired low surrogate \\u%04X",
                                     (unsigned)cp);
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t lo;
            if (next_byte(s) != '\\' || next_byte(s) != 'u')
                return json_scan_fail_at(
                    s, at, "high surrogate \\u%04X not followed by \\u",
                    (unsigned)cp);
            if (hex4(s, &lo) < 0)
                return -1;
            if (lo < 0xDC00 || lo > 0xDFFF)
                return json_scan_fail_at(
                    s, at, "high surrogate \\u%04X followed by \\u%04X",
                    (unsigned)cp, (unsigned)lo);
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        if (out)
            put_utf8(out, cp);
        return 0;
    }
    default:
        s->p -= c >= 0;
        return json_scan_fail_at(s, at, "invalid escape sequence");
    }
    if (out)
        buf_putc(out, plain);
    return 0;
}

/* Validates one multi-byte UTF-8 sequence whose lead byte `c` was consumed. */
static int utf8_sequence(JsonScan *s, int c, Buf *out)
{
    uint64_t at = json_scan_offset(s) - 1;
    int n;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
        cp = (uint32_t)c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        cp = (uint32_t)c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        cp = (uint32_t)c & 0x07;
    } else {
        return json_scan_fail_at(s, at, "invalid UTF-8 byte 0x%02X", c);
    }
    char bytes[4] = {(char)c};
    for (int i = 1; i <= n; i++) {
        int d = next_byte(s);
        if (d < 0 || (d & 0xC0) != 0x80)
            return json_scan_fail_at(s, at, "truncated UTF-8 sequence");
        bytes[i] = (char)d;
        cp = cp << 6 | ((uint32_t)d & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return json_scan_fail_at(s, at, "invalid UTF-8 sequence");
    if (out)
        buf_append(out, bytes, (size_t)n + 1);
    return 0;
}

#define plain_run json_plain_run

int json_scan_string(JsonScan *s, Buf *out)
{
    uint64_t start = json_scan_offset(s);
    if (json_scan_expect(s, '"', "'\"'") < 0)
        return -1;
    for (;;) {
        const unsigned char *q = plain_run(s->p, s->end);
        if (out && q > s->p)
            buf_append(out, s->p, (size_t)(q - s->p));
        s->p = q;
        if (q == s->end) {
            int r = refill(s);
            if (r < 0)
                return -1;
            if (r == 0 && s->line_mode && s->eol_is_newline)
                /* The line ends inside the string: a raw newline. */
                return json_scan_fail(s, "control character 0x0A in "
                                         "string");
            if (r == 0)
                return json_scan_fail_at(s, start, "unterminated string");
            continue;
        }
        int c = *s->p++;
        switch (string_class[c]) {
        case 1:
            return 0;
        case 2:
            if (escape(s, out) < 0)
                return -1;
            break;
        case 3:
            s->p--;
            return json_scan_fail(s, "control character 0x%02X in string",
                                  c);
        default:
            if (utf8_sequence(s, c, out) < 0)
                return -1;
        }
    }
}

int json_scan_string_view(JsonScan *s, Buf *scratch, const char **text,
                          size_t *len)
{
    if (json_scan_expect(s, '"', "'\"'") < 0)
        return -1;
    const unsigned char *start = s->p;
    const unsigned char *q = plain_run(start, s->end);
    if (q < s->end && *q == '"') {
        *text = (const char *)start;
        *len = (size_t)(q - start);
        s->p = q + 1;
        return 0;
    }
    s->p = start - 1; /* the opening quote, still in this block */
    buf_clear(scratch);
    buf_append(scratch, "", 0);
    if (json_scan_string(s, scratch) < 0)
        return -1;
    *text = scratch->data;
    *len = scratch->len;
    return 0;
}

/* ---- numbers and literals ---------------------------------------------- */

static inline int peek_raw(JsonScan *s)
{
    if (s->p == s->end && refill(s) <= 0)
        return -1;
    return *s->p;
}

static int digits(JsonScan *s, char *text, size_t *len, size_t cap,
                  const char *what)
{
    int c = peek_raw(s);
    if (c < '0' || c > '9')
        return unexpected(s, c, what);
    while (c >= '0' && c <= '9') {
        if (*len < cap - 1)
            text[(*len)++] = (char)c;
        else
            return json_scan_fail(s, "number too long");
        s->p++;
        c = peek_raw(s);
    }
    return 0;
}

int json_scan_number(JsonScan *s, double *out)
{
    char text[128];
    size_t len = 0;
    int sign = json_scan_peek(s, NULL);
    uint64_t at = json_scan_offset(s);
    if (sign == '-') {
        text[len++] = '-';
        s->p++;
    }
    int c = peek_raw(s);
    if (c == '0') {
        text[len++] = '0';
        s->p++;
        c = peek_raw(s);
        if (c >= '0' && c <= '9')
            return json_scan_fail(s, "leading zero in number");
    } else if (digits(s, text, &len, sizeof text, "a digit") < 0) {
        return -1;
    }
    int integral = 1;
    c = peek_raw(s);
    if (c == '.') {
        integral = 0;
        text[len++] = '.';
        s->p++;
        if (digits(s, text, &len, sizeof text, "a digit after '.'") < 0)
            return -1;
        c = peek_raw(s);
    }
    if (c == 'e' || c == 'E') {
        integral = 0;
        text[len++] = 'e';
        s->p++;
        c = peek_raw(s);
        if (c == '+' || c == '-') {
            text[len++] = (char)c;
            s->p++;
        }
        if (digits(s, text, &len, sizeof text, "an exponent digit") < 0)
            return -1;
    }
    text[len] = '\0';
    if (!out)
        return 0;
    if (integral && len < 16) {
        /* Exact in a double; avoids strtod for the common case. */
        long long v = 0;
        for (const char *d = text + (text[0] == '-'); *d; d++)
            v = v * 10 + (*d - '0');
        *out = text[0] == '-' ? -(double)v : (double)v;
        return 0;
    }
    *out = strtod(text, NULL);
    /* 1e400 would be infinity: no field of a battle or a judgment means
     * that, and a timestamp of infinity makes nonsense dates. */
    if (!isfinite(*out))
        return json_scan_fail_at(s, at, "number out of range");
    return 0;
}

int json_scan_literal(JsonScan *s, int *out)
{
    int c = json_scan_peek(s, NULL);
    const char *word = c == 't' ? "true" : c == 'f' ? "false" : "null";
    uint64_t at = json_scan_offset(s);
    for (const char *w = word; *w; w++) {
        int d = next_byte(s);
        if (d != *w)
            return json_scan_fail_at(s, at, "invalid literal (expected %s)",
                                     word);
    }
    if (out)
        *out = c == 't' ? 1 : c == 'f' ? 0 : -1;
    return 0;
}

/* ---- containers -------------------------------------------------------- */

int json_scan_object_begin(JsonScan *s)
{
    return json_scan_expect(s, '{', "'{'");
}

/* Up to the key: 1 positioned at the key's opening quote, 0 at '}'. */
static int object_step(JsonScan *s, int *first)
{
    int c = json_scan_peek(s, NULL);
    if (c == '}') {
        s->p++;
        return 0;
    }
    if (!*first) {
        if (c != ',')
            return unexpected(s, c, "',' or '}'");
        s->p++;
        c = json_scan_peek(s, NULL);
    }
    if (c != '"')
        return unexpected(s, c, *first ? "a key or '}'" : "a key");
    *first = 0;
    return 1;
}

int json_scan_object_next(JsonScan *s, int *first, Buf *key)
{
    int r = object_step(s, first);
    if (r <= 0)
        return r;
    if (key) {
        buf_clear(key);
        buf_append(key, "", 0); /* data never NULL, even for "" */
    }
    if (json_scan_string(s, key) < 0)
        return -1;
    if (json_scan_expect(s, ':', "':'") < 0)
        return -1;
    return 1;
}

int json_scan_object_next_view(JsonScan *s, int *first, Buf *scratch,
                               const char **key, size_t *len)
{
    int r = object_step(s, first);
    if (r <= 0)
        return r;
    if (json_scan_string_view(s, scratch, key, len) < 0)
        return -1;
    /* Usually ':' follows at once. */
    if (s->p < s->end && *s->p == ':') {
        s->p++;
        return 1;
    }
    if (json_scan_expect(s, ':', "':'") < 0)
        return -1;
    return 1;
}

static int skip_value(JsonScan *s, int depth);

static int skip_array(JsonScan *s, int depth)
{
    s->p++; /* '[' */
    if (json_scan_peek(s, NULL) == ']') {
        s->p++;
        return 0;
    }
    for (;;) {
        if (skip_value(s, depth + 1) < 0)
            return -1;
        int c = json_scan_peek(s, NULL);
        s->p += c >= 0;
        if (c == ']')
            return 0;
        if (c != ',') {
            s->p -= c >= 0;
            return unexpected(s, c, "',' or ']'");
        }
    }
}

static int skip_object(JsonScan *s, int depth)
{
    if (json_scan_object_begin(s) < 0)
        return -1;
    int first = 1, r;
    while ((r = json_scan_object_next(s, &first, NULL)) > 0)
        if (skip_value(s, depth + 1) < 0)
            return -1;
    return r;
}

static int skip_value(JsonScan *s, int depth)
{
    if (depth > JSON_SCAN_MAX_DEPTH)
        return json_scan_fail(s, "nesting deeper than %d levels",
                              JSON_SCAN_MAX_DEPTH);
    switch (json_scan_value_type(s)) {
    case JSON_STRING: return json_scan_string(s, NULL);
    case JSON_NUMBER: return json_scan_number(s, NULL);
    case JSON_OBJECT: return skip_object(s, depth);
    case JSON_ARRAY: return skip_array(s, depth);
    case JSON_TRUE:
    case JSON_FALSE:
    case JSON_NULL: return json_scan_literal(s, NULL);
    case JSON_END: return unexpected(s, -1, "a JSON value");
    default: return -1;
    }
}

int json_scan_skip(JsonScan *s)
{
    return skip_value(s, 0);
}

/* ---- skimming ---------------------------------------------------------- */

/* One byte at a time: the reference for the rules. */
static const unsigned char *skim_bytes(JsonSkim *st, const unsigned char *p,
                                       const unsigned char *end)
{
    while (p < end) {
        unsigned c = *p++;
        if (st->in_string) {
            if (st->escaped)
                st->escaped = 0;
            else if (c == '\\')
                st->escaped = 1;
            else if (c == '"')
                st->in_string = 0;
        } else if (c == '"') {
            st->in_string = 1;
        } else if ((c | 0x20) == '{') { /* '{' or '[' */
            st->depth++;
        } else if ((c | 0x20) == '}') { /* '}' or ']' */
            if (--st->depth == 0)
                return p;
        }
    }
    return NULL;
}

#if defined(__SSE2__)
#include <emmintrin.h>

/* Bit i of the result: byte i of the 64 bytes in x equals c. */
static inline uint64_t byte_mask(const __m128i x[4], unsigned char c)
{
    __m128i v = _mm_set1_epi8((char)c);
    uint64_t m = 0;
    for (int i = 0; i < 4; i++)
        m |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x[i], v))
             << (16 * i);
    return m;
}

/* Bit i: the number of set bits of m at or below i is odd. */
static inline uint64_t prefix_xor(uint64_t m)
{
    m ^= m << 1;
    m ^= m << 2;
    m ^= m << 4;
    m ^= m << 8;
    m ^= m << 16;
    m ^= m << 32;
    return m;
}

static inline int bit_count(uint64_t m)
{
    int n = 0;
    for (; m; m &= m - 1)
        n++;
    return n;
}
#endif

const unsigned char *json_skim(JsonSkim *st, const unsigned char *p,
                               const unsigned char *end)
{
#if defined(__SSE2__)
    /* Sixty-four bytes at a time: masks of quotes, backslashes, opening
     * and closing brackets; the bytes inside strings are those after an
     * odd number of quotes. A block with a backslash (or after one) goes
     * byte by byte, where escapes are followed. */
    const __m128i lower = _mm_set1_epi8(0x20);
    while (end - p >= 64 && !st->escaped) {
        __m128i x[4], lx[4];
        for (int i = 0; i < 4; i++) {
            x[i] = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i));
            lx[i] = _mm_or_si128(x[i], lower);
        }
        if (byte_mask(x, '\\')) {
            const unsigned char *q = skim_bytes(st, p, p + 64);
            if (q)
                return q;
            p += 64;
            continue;
        }
        uint64_t inside = prefix_xor(byte_mask(x, '"'));
        if (st->in_string)
            inside = ~inside;
        st->in_string = (int)(inside >> 63);
        uint64_t open = byte_mask(lx, '{') & ~inside;
        uint64_t close = byte_mask(lx, '}') & ~inside;
        int closes = bit_count(close);
        if ((size_t)closes < st->depth) {
            st->depth = st->depth + (size_t)bit_count(open) - (size_t)closes;
        } else {
            for (uint64_t all = open | close; all; all &= all - 1) {
                uint64_t bit = all & (~all + 1);
                if (open & bit)
                    st->depth++;
                else if (--st->depth == 0)
                    return p + __builtin_ctzll(bit) + 1;
            }
        }
        p += 64;
    }
#endif
    return skim_bytes(st, p, end);
}

int json_scan_pass(JsonScan *s)
{
    int type = json_scan_value_type(s);
    if (type < 0)
        return -1;
    if (type != JSON_OBJECT && type != JSON_ARRAY)
        return skip_value(s, 0);
    unsigned char open = *s->p++;
    JsonSkim st = {1, 0, 0};
    for (;;) {
        const unsigned char *q = json_skim(&st, s->p, s->end);
        if (q) {
            s->p = q;
            if (json_skim_matches(open, q[-1]))
                return 0;
            s->p--;
            return unexpected(s, q[-1], open == '{' ? "'}' closing the "
                                                      "object"
                                                    : "']' closing the "
                                                      "array");
        }
        s->p = s->end;
        int r = refill(s);
        if (r < 0)
            return -1;
        if (r == 0)
            return st.in_string ? unexpected(s, -1, "the end of a string")
                                : unexpected(s, -1, "a closing '}' or ']'");
    }
}
