#include "hash.h"

#include <string.h>

uint32_t hash_fnv1a32(const void *data, size_t n)
{
    const unsigned char *p = data;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

uint64_t hash_fnv1a64(const void *data, size_t n)
{
    const unsigned char *p = data;
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211u;
    return h;
}

void hash_fnv1a32_hex(const char *text, char out[9])
{
    static const char hex[] = "0123456789abcdef";
    uint32_t h = hash_fnv1a32(text, strlen(text));
    for (int i = 7; i >= 0; i--, h >>= 4)
        out[i] = hex[h & 0xf];
    out[8] = '\0';
}
