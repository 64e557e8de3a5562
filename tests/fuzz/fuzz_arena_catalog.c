/* fuzz_arena_catalog — the arena-catalog adapter on arbitrary bytes, once
 * as the Arena's leaderboard JSON (category "full", with a price list) and
 * once as the price list joined onto a small valid board. */
#include <string.h>

#include "fuzz.h"
#include "adapter_fuzz.h"

static const char board[] =
    "{\"full\": {\"m\": {\"rating\": 10, \"rating_q025\": 9, "
    "\"rating_q975\": 11}, \"n\": {\"rating\": 8, \"rating_lower\": 7, "
    "\"rating_upper\": 9.5}}}";
static const char prices[] =
    "[{\"name\": \"M\", \"model_api_name\": \"m\", \"input_token_price\": "
    "\"2.5\", \"output_token_price\": 10, \"organization\": \"O\", "
    "\"license\": \"L\", \"model_source\": \"https://x.org/m\"}]";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    AdapterOptions ao = {0};
    ao.source_name = "board.json";
    ao.aux = prices;
    ao.aux_len = strlen(prices);
    ao.aux_name = "prices.json";
    fuzz_adapter_options("arena-catalog", ao, (const char *)data, size);
    ao.aux = (const char *)data;
    ao.aux_len = size;
    ao.aux_url = "https://x.org/prices.json";
    fuzz_adapter_options("arena-catalog", ao, board, strlen(board));
    return 0;
}
