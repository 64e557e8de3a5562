/* fuzz_leaderboard — the data/ snapshot loader: JSON text to a validated
 * Leaderboard, and back to JSON and CSV. */
#include <stdlib.h>

#include "fuzz.h"
#include "jsonfile.h"
#include "leaderboard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    LbError err = {0};
    cJSON *json = json_parse_text("data/fuzz.json", (const char *)data, size,
                                  &err);
    if (!json)
        return 0;
    Leaderboard *lb = leaderboard_from_json(json, "data/fuzz.json", &err);
    cJSON_Delete(json);
    if (!lb)
        return 0;
    cJSON *back = leaderboard_to_json(lb);
    char *text = cJSON_PrintUnformatted(back);
    free(text);
    cJSON_Delete(back);
    Buf csv = BUF_INIT;
    leaderboard_write_csv(lb, &csv);
    buf_free(&csv);
    leaderboard_sort_by_rating(lb);
    leaderboard_free(lb);
    return 0;
}
