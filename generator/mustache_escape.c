/* mustache_escape — how interpolated values are written: the html and
 * markdown escapers and the formatting of JSON scalars (numbers in their
 * shortest round-trip form: 85, 1.21, never 1.210000), and the choice of
 * escaping from an output path (mustache_escape_for_path).
 *
 * Every function appends to a caller-owned Buf and allocates nothing else
 * (except the compact JSON of an array or object, freed here). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mustache_internal.h"

/* 1 for bytes the html escaper replaces. */
static const unsigned char html_special[256] = {
    ['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1,
};

void mustache_escape_html(Buf *out, const char *s, size_t len)
{
    /* Worst case "&quot;" is 6 bytes per input byte; reserve once, then
     * copy clean runs with memcpy. */
    buf_reserve(out, len + len / 4 + 16);
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!html_special[c])
            continue;
        buf_append(out, s + run, i - run);
        switch (c) {
        case '&': buf_append(out, "&amp;", 5); break;
        case '<': buf_append(out, "&lt;", 4); break;
        case '>': buf_append(out, "&gt;", 4); break;
        case '"': buf_append(out, "&quot;", 6); break;
        default: buf_append(out, "&#39;", 5); break;
        }
        run = i + 1;
    }
    buf_append(out, s + run, len - run);
}

/* Characters that start emphasis, code, links, images, raw HTML, entities,
 * strikethrough, math or a table cell boundary anywhere in a line. */
static const unsigned char md_always[256] = {
    ['\\'] = 1, ['`'] = 1, ['*'] = 1, ['_'] = 1, ['['] = 1, [']'] = 1,
    ['<'] = 1,  ['>'] = 1, ['|'] = 1, ['~'] = 1, ['&'] = 1, ['$'] = 1,
};

static int blank_or_end(const char *s, size_t len, size_t i)
{
    return i >= len || s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
           s[i] == '\r';
}

/* The value may land at the start of a line: headings, block quotes
 * (covered by '>'), list markers and setext underlines need a backslash
 * there. Returns the index of the byte to escape, or len for none. */
static size_t md_line_start_escape(const char *s, size_t len)
{
    if (len == 0)
        return len;
    if (s[0] == '#' || s[0] == '=')
        return 0;
    if ((s[0] == '-' || s[0] == '+') && blank_or_end(s, len, 1))
        return 0;
    size_t i = 0;
    while (i < len && i < 9 && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i > 0 && i < len && (s[i] == '.' || s[i] == ')') &&
        blank_or_end(s, len, i + 1))
        return i;
    return len;
}

void mustache_escape_markdown(Buf *out, const char *s, size_t len)
{
    buf_reserve(out, len + 8);
    size_t lead = md_line_start_escape(s, len);
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        int bang_link = c == '!' && i + 1 < len && s[i + 1] == '[';
        if (c == '\n' || c == '\r') {
            /* Newlines fold to one space: a cell or a line stays whole. */
            buf_append(out, s + run, i - run);
            if (c == '\r' && i + 1 < len && s[i + 1] == '\n')
                i++;
            buf_putc(out, ' ');
            run = i + 1;
        } else if (md_always[c] || bang_link || i == lead) {
            buf_append(out, s + run, i - run);
            buf_putc(out, '\\');
            buf_putc(out, (char)c);
            run = i + 1;
        }
    }
    buf_append(out, s + run, len - run);
}

static void escape_into(Buf *out, const char *s, size_t len,
                        MustacheEscape escape)
{
    switch (escape) {
    case MUSTACHE_ESCAPE_HTML: mustache_escape_html(out, s, len); break;
    case MUSTACHE_ESCAPE_MARKDOWN: mustache_escape_markdown(out, s, len); break;
    default: buf_append(out, s, len); break;
    }
}

/* Integers print without a decimal point; other doubles print with the
 * fewest significant digits (15 to 17) that read back as the same double. */
static size_t format_number(char *buf, size_t cap, double d)
{
    if (isfinite(d) && d == floor(d) && fabs(d) < 9007199254740992.0) {
        long long v = (long long)d;
        char tmp[24];
        size_t n = 0;
        unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v
                                     : (unsigned long long)v;
        do {
            tmp[n++] = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        size_t k = 0;
        if (v < 0)
            buf[k++] = '-';
        while (n)
            buf[k++] = tmp[--n];
        buf[k] = '\0';
        return k;
    }
    int n = 0;
    for (int prec = 15; prec <= 17; prec++) {
        n = snprintf(buf, cap, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    return n > 0 ? (size_t)n : 0;
}

void mustache_format_value(Buf *out, const cJSON *v, MustacheEscape escape)
{
    if (!v)
        return;
    if (cJSON_IsString(v)) {
        if (v->valuestring)
            escape_into(out, v->valuestring, strlen(v->valuestring), escape);
    } else if (cJSON_IsNumber(v)) {
        char num[40];
        size_t n = format_number(num, sizeof num, v->valuedouble);
        escape_into(out, num, n, escape);
    } else if (cJSON_IsTrue(v)) {
        buf_append(out, "true", 4);
    } else if (cJSON_IsFalse(v)) {
        buf_append(out, "false", 5);
    } else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
        /* Rare and usually a template mistake: show the data, escaped. */
        char *json = cJSON_PrintUnformatted(v);
        if (json) {
            escape_into(out, json, strlen(json), escape);
            free(json);
        }
    }
}

static int has_ext(const char *s, size_t n, const char *ext)
{
    size_t e = strlen(ext);
    return n >= e && memcmp(s + n - e, ext, e) == 0;
}

MustacheEscape mustache_escape_for_path(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    /* "page.html.mustache" is escaped as what it produces. */
    if (has_ext(base, n, ".mustache"))
        n -= strlen(".mustache");
    if (has_ext(base, n, ".html") || has_ext(base, n, ".htm") ||
        has_ext(base, n, ".svg") || has_ext(base, n, ".xml"))
        return MUSTACHE_ESCAPE_HTML;
    if (has_ext(base, n, ".md"))
        return MUSTACHE_ESCAPE_MARKDOWN;
    return MUSTACHE_ESCAPE_NONE;
}
