#include "text.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"

/* ---- scraped cells --------------------------------------------------------- */

/* Length of the whitespace character at p (ASCII or a Unicode space), or 0. */
static size_t space_len(const unsigned char *p)
{
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f'
        || *p == '\v')
        return 1;
    if (p[0] == 0xC2 && p[1] == 0xA0) /* NBSP */
        return 2;
    if (p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x80 && p[2] <= 0x8B)
        return 3; /* en quad .. zero-width space */
    if (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xAF) /* narrow NBSP */
        return 3;
    if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) /* ideographic */
        return 3;
    if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) /* BOM */
        return 3;
    return 0;
}

char *text_squeeze(const char *text)
{
    Buf b = BUF_INIT;
    int pending_space = 0;
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        size_t n = space_len(p);
        if (n) {
            pending_space = b.len > 0;
            p += n;
            continue;
        }
        if (pending_space)
            buf_putc(&b, ' ');
        pending_space = 0;
        buf_putc(&b, (char)*p++);
    }
    return buf_detach(&b);
}

long long parse_count(const char *text)
{
    char *s = text_squeeze(text);
    long long v = 0;
    int digits = 0;
    for (const char *p = s; *p; p++) {
        if (isdigit((unsigned char)*p)) {
            if (v > 100000000000000LL) {
                free(s);
                return -1;
            }
            v = v * 10 + (*p - '0');
            digits++;
        } else if (!((*p == ',' || *p == ' ' || *p == '_') && digits)) {
            free(s);
            return -1;
        }
    }
    free(s);
    return digits ? v : -1;
}

int parse_leading_number(const char *text, double *value, const char **end)
{
    const char *p = text;
    while (*p == ' ' || *p == '\t')
        p++;
    Buf b = BUF_INIT;
    if (*p == '-' || *p == '+')
        buf_putc(&b, *p++);
    int digits = 0, dot = 0;
    for (;; p++) {
        if (isdigit((unsigned char)*p)) {
            buf_putc(&b, *p);
            digits++;
        } else if (*p == ',' && digits && !dot && isdigit((unsigned char)p[1])
                   && isdigit((unsigned char)p[2])
                   && isdigit((unsigned char)p[3])
                   && !isdigit((unsigned char)p[4])) {
            continue; /* a thousands separator: 21,938 */
        } else if (*p == '.' && !dot && isdigit((unsigned char)p[1])) {
            buf_putc(&b, '.');
            dot = 1;
        } else {
            break;
        }
    }
    if (!digits) {
        buf_free(&b);
        return 0;
    }
    errno = 0;
    double v = strtod(b.data, NULL);
    buf_free(&b);
    if (errno || !isfinite(v))
        return 0;
    *value = v;
    if (end)
        *end = p;
    return 1;
}

char *model_id_normalize(const char *name)
{
    char *s = text_squeeze(name);
    const char *start = strrchr(s, '/');
    start = start ? start + 1 : s;
    Buf b = BUF_INIT;
    for (const char *p = start; *p; p++) {
        char c = (char)tolower((unsigned char)*p);
        if (c == ' ' || c == '_')
            c = '-';
        if (c == '-' && b.len && b.data[b.len - 1] == '-')
            continue;
        buf_putc(&b, c);
    }
    free(s);
    return buf_detach(&b);
}

/* ---- percent-encoding ------------------------------------------------------ */

char *percent_encode_keeping(const char *text, const char *keep)
{
    static const char hex[] = "0123456789ABCDEF";
    Buf b = BUF_INIT;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')
            || (*p >= '0' && *p <= '9') || strchr("-._~", *p)
            || (*p < 0x80 && strchr(keep, *p))) {
            buf_putc(&b, (char)*p);
        } else {
            buf_putc(&b, '%');
            buf_putc(&b, hex[*p >> 4]);
            buf_putc(&b, hex[*p & 15]);
        }
    }
    return buf_detach(&b);
}

char *percent_encode(const char *text)
{
    return percent_encode_keeping(text, "");
}

/* ---- placeholders and shapes ----------------------------------------------- */

static int is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
           || (c >= '0' && c <= '9') || c == '_';
}

int text_next_piece(const char **cursor, TextPiece *piece)
{
    const char *p = *cursor;
    if (!*p)
        return 0;
    if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
        *piece = (TextPiece){p, 1, 0};
        *cursor = p + 2;
        return 1;
    }
    if (*p == '}')
        return -1;
    if (*p == '{') {
        const char *end = p + 1;
        while (is_name_char(*end))
            end++;
        if (*end != '}' || end == p + 1)
            return -1;
        *piece = (TextPiece){p + 1, (size_t)(end - p - 1), 1};
        *cursor = end + 1;
        return 1;
    }
    size_t n = strcspn(p, "{}");
    *piece = (TextPiece){p, n, 0};
    *cursor = p + n;
    return 1;
}

int text_has_shape(const char *s, const char *pattern)
{
    for (; *pattern; s++, pattern++)
        if (*pattern == 'd' ? !(*s >= '0' && *s <= '9') : *s != *pattern)
            return 0;
    return *s == '\0';
}

/* ---- typos ------------------------------------------------------------------ */

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

size_t text_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    /* Three rows of the Damerau-Levenshtein table (optimal string
     * alignment): two back for swaps. */
    size_t *rows = xcalloc(3 * (m + 1), sizeof *rows);
    size_t *two = rows, *prev = rows + m + 1, *cur = rows + 2 * (m + 1);
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t cost = lower(a[i - 1]) != lower(b[j - 1]);
            size_t d = prev[j - 1] + cost;
            if (prev[j] + 1 < d)
                d = prev[j] + 1;
            if (cur[j - 1] + 1 < d)
                d = cur[j - 1] + 1;
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2])
                && lower(a[i - 2]) == lower(b[j - 1]) && two[j - 2] + 1 < d)
                d = two[j - 2] + 1;
            cur[j] = d;
        }
        size_t *t = two;
        two = prev;
        prev = cur;
        cur = t;
    }
    size_t d = prev[m];
    free(rows);
    return d;
}

const char *text_nearest(const char *word, const char *const *candidates,
                         size_t n)
{
    const char *best = NULL;
    size_t best_d = 1 + strlen(word) / 4 + 1;
    for (size_t i = 0; i < n; i++) {
        size_t d = text_distance(word, candidates[i]);
        if (d < best_d) {
            best = candidates[i];
            best_d = d;
        }
    }
    return best;
}
