/* fuzz_hf_rows — the hf-rows adapter on arbitrary bytes taken as a dataset
 * viewer answer: with the default columns and no filter, then filtered on
 * the category "overall". */
#include "fuzz.h"
#include "adapter_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    AdapterOptions ao = {0};
    ao.source_name = "rows.json";
    fuzz_adapter_options("hf-rows", ao, (const char *)data, size);
    SourceOptions o = {0};
    o.filter = cJSON_Parse("{\"category\": \"overall\"}");
    ao.source = &o;
    fuzz_adapter_options("hf-rows", ao, (const char *)data, size);
    cJSON_Delete(o.filter);
    return 0;
}
