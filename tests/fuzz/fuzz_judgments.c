/* fuzz_judgments — the judgment reader (JSON Lines of LLM-judge verdicts,
 * with answers after them in either layout) and the win-rate fit behind
 * the arena-hard adapter, with a small bootstrap so the resampling of
 * questions runs too, and style control on a quarter of the inputs. */
#include <stdlib.h>

#include "fuzz.h"
#include "rate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    RateOptions o;
    rate_options_init(&o);
    o.id = "fuzz";
    o.source_name = "judgments.jsonl";
    o.method = RATE_WINRATE;
    o.baseline = "base";
    o.bootstrap = size % 3; /* 0, 1 or 2 rounds */
    o.style_control = size % 4 == 1;
    o.threads = 1;
    LbError err = {0};
    WinrateSummary summary;
    Leaderboard *lb = rate_judgments_memory((const char *)data, size, &o,
                                            &summary, &err);
    if (lb) {
        cJSON *json = leaderboard_to_json(lb);
        Leaderboard *back = leaderboard_from_json(json, "fuzz", &err);
        leaderboard_free(back);
        cJSON_Delete(json);
        leaderboard_free(lb);
    }
    return 0;
}
