/* fuzz_arena_html — the arena-html adapter (format AUTO) on arbitrary bytes. */
#include "fuzz.h"
#include "adapter_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_adapter("arena-html", "page.html", TABLE_FORMAT_AUTO, data, size);
    return 0;
}
