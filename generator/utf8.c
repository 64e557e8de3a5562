#include "utf8.h"

#include <string.h>

/* Length of the well-formed sequence at p (at most n bytes), or 0. */
static size_t sequence_len(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    if (c < 0x80)
        return c ? 1 : 0;
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the 2nd byte */
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else {
        return 0; /* continuation byte, C0, C1, F5..FF */
    }
    if (n < len || p[1] < lo || p[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return len;
}

size_t utf8_invalid_at(const char *text, size_t len)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        if (p[i] >= 0x01 && p[i] < 0x80) { /* the common case, fast */
            i++;
            continue;
        }
        size_t n = sequence_len(p + i, len - i);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

int utf8_check(const char *name, const char *text, size_t len, LbError *err)
{
    size_t at = utf8_invalid_at(text, len);
    if (at == len)
        return 0;
    return lb_fail_at(err, LB_EINPUT, name, text, len, at, "%s",
                      text[at] == '\0' ? "a NUL byte" : "invalid UTF-8");
}

uint32_t utf8_decode(const char *s, size_t n, size_t *len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t k = n ? sequence_len(p, n) : 0;
    if (k <= 1) {
        *len = n ? 1 : 0;
        return n ? p[0] : 0;
    }
    uint32_t cp = p[0] & (k == 2 ? 0x1F : k == 3 ? 0x0F : 0x07);
    for (size_t i = 1; i < k; i++)
        cp = (cp << 6) | (p[i] & 0x3F);
    *len = k;
    return cp;
}

int utf8_is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

int utf8_is_invisible(uint32_t cp)
{
    static const struct {
        uint32_t lo, hi;
    } ranges[] = {
        {0x00AD, 0x00AD},   /* soft hyphen */
        {0x034F, 0x034F},   /* combining grapheme joiner */
        {0x061C, 0x061C},   /* Arabic letter mark */
        {0x115F, 0x1160},   /* Hangul fillers */
        {0x17B4, 0x17B5},   /* Khmer inherent vowels */
        {0x180B, 0x180F},   /* Mongolian selectors and vowel separator */
        {0x200B, 0x200F},   /* ZWSP, ZWNJ, ZWJ, LRM, RLM */
        {0x202A, 0x202E},   /* LRE, RLE, PDF, LRO, RLO */
        {0x2060, 0x206F},   /* word joiner, invisible operators, LRI..PDI */
        {0x3164, 0x3164},   /* Hangul filler */
        {0xFE00, 0xFE0F},   /* variation selectors */
        {0xFEFF, 0xFEFF},   /* BOM, zero-width no-break space */
        {0xFFA0, 0xFFA0},   /* half-width Hangul filler */
        {0xFFF0, 0xFFF8},   /* unassigned specials */
        {0x1BCA0, 0x1BCA3}, /* shorthand format controls */
        {0x1D173, 0x1D17A}, /* musical format controls */
        {0xE0000, 0xE0FFF}, /* tags, variation selectors supplement */
    };
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (cp >= ranges[i].lo && cp <= ranges[i].hi)
            return 1;
    return 0;
}

long utf8_control_at(const char *text, uint32_t *cp)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < n;) {
        size_t k;
        uint32_t c = utf8_decode(text + i, n - i, &k);
        if (utf8_is_control(c)) {
            *cp = c;
            return (long)i;
        }
        i += k;
    }
    return -1;
}
