#include "hash.h"

#include <string.h>

/* FNV-1a with the offset basis and prime of one width; `mask` keeps the
 * arithmetic modulo 2^32 for the 32-bit hash. */
static uint64_t fnv1a(const void *data, size_t n, uint64_t basis,
                      uint64_t prime, uint64_t mask)
{
    const unsigned char *p = data;
    uint64_t h = basis;
    for (size_t i = 0; i < n; i++)
        h = ((h ^ p[i]) * prime) & mask;
    return h;
}

uint32_t hash_fnv1a32(const void *data, size_t n)
{
    return (uint32_t)fnv1a(data, n, 2166136261u, 16777619u, 0xffffffffu);
}

uint64_t hash_fnv1a64(const void *data, size_t n)
{
    return fnv1a(data, n, 14695981039346656037u, 1099511628211u, UINT64_MAX);
}

void hash_fnv1a32_hex(const char *text, char out[9])
{
    static const char hex[] = "0123456789abcdef";
    uint32_t h = hash_fnv1a32(text, strlen(text));
    for (int i = 7; i >= 0; i--, h >>= 4)
        out[i] = hex[h & 0xf];
    out[8] = '\0';
}
