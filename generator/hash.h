/* hash — FNV-1a, the one non-cryptographic hash lbgen uses: for hash
 * tables (nameset.h), cache file names (fetch.h) and the "source" hash a
 * translation records of the text it was made from (locale.h). Stable
 * across machines and versions: the 32-bit hex form is stored in the
 * locale files and the 64-bit one names cache files on disk. Not for
 * anything an attacker could exploit by choosing collisions. */
#ifndef LBGEN_HASH_H
#define LBGEN_HASH_H

#include <stddef.h>
#include <stdint.h>

uint32_t hash_fnv1a32(const void *data, size_t n);
uint64_t hash_fnv1a64(const void *data, size_t n);

/* hash_fnv1a32 of a string as 8 lowercase hex digits. */
void hash_fnv1a32_hex(const char *text, char out[9]);

#endif
