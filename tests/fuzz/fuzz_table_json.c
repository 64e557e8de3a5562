/* fuzz_table_json — the table adapter (format JSON) on arbitrary bytes. */
#include "fuzz.h"
#include "adapter_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_adapter("table", "table.json", TABLE_FORMAT_JSON, data, size);
    return 0;
}
