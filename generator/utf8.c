#include "utf8.h"

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
