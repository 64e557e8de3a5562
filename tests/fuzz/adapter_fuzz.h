/* adapter_fuzz — one adapter run the way `lbgen fetch` and the refresh run
 * it (adapter_run: the adapter, then the data model's own validation), and
 * the result pushed through every consumer of a Leaderboard that takes no
 * locale: its JSON form, its CSV download and the rating sort. */
#ifndef LBGEN_ADAPTER_FUZZ_H
#define LBGEN_ADAPTER_FUZZ_H

#include <stdlib.h>

#include "adapter.h"
#include "leaderboard.h"

/* As fuzz_adapter, with the caller's options (id and base_url filled in
 * when absent). */
static inline void fuzz_adapter_options(const char *name, AdapterOptions ao,
                                        const char *data, size_t size)
{
    if (!ao.id)
        ao.id = "fuzz";
    if (!ao.base_url)
        ao.base_url = "https://lmarena.ai/leaderboard/text";
    LbError err = {0};
    Leaderboard *lb = adapter_run(adapter_find(name), data, size, &ao, &err);
    if (!lb)
        return;
    cJSON *json = leaderboard_to_json(lb);
    char *text = cJSON_PrintUnformatted(json);
    free(text);
    cJSON_Delete(json);
    Buf csv = BUF_INIT;
    leaderboard_write_csv(lb, &csv);
    buf_free(&csv);
    leaderboard_sort_by_rating(lb);
    leaderboard_free(lb);
}

static inline void fuzz_adapter(const char *name, const char *source,
                                TableFormat format, const uint8_t *data,
                                size_t size)
{
    AdapterOptions ao = {0};
    ao.source_name = source;
    ao.format = format;
    fuzz_adapter_options(name, ao, (const char *)data, size);
}

#endif
