/* replay — runs a fuzz target's entry point on files, without libFuzzer.
 *
 * usage: replay_<target> FILE...   exit 0 when every file ran; a crash,
 * a leak or undefined behaviour is reported by the sanitizer (or valgrind)
 * the binary runs under. */
#include <stdio.h>
#include <stdlib.h>

#include "fileio.h"
#include "fuzz.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE...\n", argv[0]);
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        char *bytes;
        size_t len;
        LbError err = {0};
        if (file_read_all(argv[i], &bytes, &len, &err) != 0) {
            fprintf(stderr, "%s\n", err.message);
            return 2;
        }
        LLVMFuzzerTestOneInput((const uint8_t *)bytes, len);
        free(bytes);
    }
    return 0;
}
