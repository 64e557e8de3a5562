/* fuzz_catalog — the catalog adapter (format AUTO) on arbitrary bytes. */
#include "fuzz.h"
#include "adapter_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_adapter("catalog", "catalog", TABLE_FORMAT_AUTO, data, size);
    return 0;
}
