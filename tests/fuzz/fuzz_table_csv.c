/* fuzz_table_csv — the table adapter (format CSV) on arbitrary bytes. */
#include "fuzz.h"
#include "adapter_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_adapter("table", "table.csv", TABLE_FORMAT_CSV, data, size);
    return 0;
}
