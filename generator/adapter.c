#include "adapter.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"
#include "utf8.h"

const Adapter lbgen_adapters[] = {
    {"arena-html", "an LMArena leaderboard page (any board) → arena",
     adapter_arena_html},
    {"table", "CSV, GFM Markdown or a JSON array → benchmark", adapter_table},
    {"catalog", "model metadata table (organization, license, size, ...)",
     adapter_catalog},
    {"battles", "pairwise battles (JSON or JSON Lines) → Bradley-Terry "
     "arena", adapter_battles},
    {"arena-hard", "judgment JSON Lines → win rate vs a baseline",
     adapter_arena_hard},
    {"arena-catalog", "the Arena's leaderboard JSON ({category: {model: "
     "{rating, bounds}}}) and its price list → arena", adapter_arena_catalog},
    {"hf-rows", "Hugging Face dataset viewer rows (/rows, /filter), paged "
     "→ arena", adapter_hf_rows},
    {NULL, NULL, NULL},
};

const Adapter *adapter_find(const char *name)
{
    for (const Adapter *a = lbgen_adapters; a->name; a++)
        if (strcmp(a->name, name) == 0)
            return a;
    return NULL;
}

Leaderboard *adapter_run(const Adapter *adapter, const char *bytes,
                         size_t len, const AdapterOptions *opt, LbError *err)
{
    if (utf8_check(opt->source_name, bytes, len, err) != 0)
        return NULL;
    if (opt->aux && utf8_check(opt->aux_name ? opt->aux_name : "prices",
                               opt->aux, opt->aux_len, err) != 0)
        return NULL;
    Leaderboard *lb = adapter->run(bytes, len, opt, err);
    if (!lb)
        return NULL;
    size_t max_rows = opt->max_rows ? opt->max_rows : LB_DEFAULT_MAX_ROWS;
    if (lb->n_models > max_rows) {
        lb_fail(err, LB_EINPUT, "%s: %zu rows, more than the source row "
                "limit of %zu (--max-rows, live.max_rows)", opt->source_name,
                lb->n_models, max_rows);
        leaderboard_free(lb);
        return NULL;
    }
    if (!lb->source.url && opt->base_url && lb_url_is_http(opt->base_url))
        lb->source.url = xstrdup(opt->base_url);
    if (!lb->source.prices_url && opt->aux && opt->aux_url
        && lb_url_is_http(opt->aux_url))
        lb->source.prices_url = xstrdup(opt->aux_url);
    cJSON *json = leaderboard_to_json(lb);
    Leaderboard *checked = leaderboard_from_json(json, opt->source_name, err);
    cJSON_Delete(json);
    leaderboard_free(lb);
    return checked;
}
