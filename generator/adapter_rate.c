/* adapter_rate — the `battles` and `arena-hard` adapters: a fetched file
 * of battles or judgments, rated by the ratings library (rate.h) into an
 * arena or win-rate board, so a board can be configured as "download the
 * battles, compute ratings". Their `live.options` are parsed by
 * rate_options.c. */
#include "adapter.h"

#include <string.h>

#include "rate_options.h"

/* ---- live.options ------------------------------------------------------ */

int adapter_settings_parse(AdapterSettings *s, const char *adapter,
                           const cJSON *options, const char *context,
                           LbError *err)
{
    unsigned applies = strcmp(adapter, "battles") == 0 ? ROPT_FOR_BATTLES
                       : strcmp(adapter, "arena-hard") == 0
                           ? ROPT_FOR_JUDGMENTS
                           : 0;
    return rate_settings_from_json(s, applies, adapter, options, context,
                                   err);
}

void adapter_settings_free(AdapterSettings *s)
{
    rate_settings_free(s);
}

/* ---- the adapters ------------------------------------------------------ */

/* The caller's knobs (or the defaults) with this call's id, name and
 * warning callback. */
static RateOptions options_for(const AdapterOptions *opt, RateMethod method)
{
    RateOptions o;
    if (opt->rate) {
        o = *opt->rate;
    } else {
        rate_options_init(&o);
        o.method = method;
    }
    o.id = opt->id;
    o.source_name = opt->source_name ? opt->source_name : opt->id;
    o.warn = opt->warn;
    o.warn_ctx = opt->warn_ctx;
    o.progress = NULL;
    o.read.progress = NULL;
    /* Adapters never touch the disk: answers for avg_tokens and style
     * control come in the fetched document, after the judgments. */
    o.answers = NULL;
    return o;
}

Leaderboard *adapter_battles(const char *bytes, size_t len,
                             const AdapterOptions *opt, LbError *err)
{
    RateOptions o = options_for(opt, RATE_BT);
    if (o.method == RATE_WINRATE) {
        lb_fail(err, LB_EINPUT, "%s: the battles adapter rates battles; "
                "judgments go to the arena-hard adapter", o.source_name);
        return NULL;
    }
    return rate_battles_memory(bytes, len, &o, err);
}

Leaderboard *adapter_arena_hard(const char *bytes, size_t len,
                                const AdapterOptions *opt, LbError *err)
{
    RateOptions o = options_for(opt, RATE_WINRATE);
    if (o.method != RATE_WINRATE || !o.baseline) {
        lb_fail(err, LB_EUSAGE, "%s: the arena-hard adapter needs a "
                "baseline model (live.options.baseline)", o.source_name);
        return NULL;
    }
    return rate_judgments_memory(bytes, len, &o, NULL, err);
}
