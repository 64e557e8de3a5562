/* fuzz_table_markdown — the table adapter (format MARKDOWN) on arbitrary bytes. */
#include "fuzz.h"
#include "adapter_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_adapter("table", "table.md", TABLE_FORMAT_MARKDOWN, data, size);
    return 0;
}
