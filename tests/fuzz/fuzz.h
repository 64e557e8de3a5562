/* fuzz — what every fuzz target shares.
 *
 * Each tests/fuzz/fuzz_<target>.c defines LLVMFuzzerTestOneInput, the
 * libFuzzer entry point: it runs one parser on the bytes and must neither
 * crash, leak nor hang whatever they are. `make fuzz` links a target with
 * libFuzzer (clang, -fsanitize=fuzzer); replay.c gives the same entry point
 * a main() so `make test` replays every kept crasher and seed under
 * ASan+UBSan with any compiler, and `make check` under valgrind. */
#ifndef LBGEN_FUZZ_H
#define LBGEN_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
