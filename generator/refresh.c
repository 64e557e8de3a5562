#include "refresh.h"

#include <stdlib.h>
#include <string.h>

#include "adapter.h"
#include "fetch.h"
#include "format.h"
#include "history.h"
#include "jsonfile.h"
#include "leaderboard.h"
#include "mem.h"
#include "redact.h"

static void log_line(void *ctx, const char *line)
{
    lb_report(ctx, LB_NOTE_PROGRESS, "%s", line);
}

/* An adapter's warning (a rating fit that stopped early, ...), about one
 * board's data. */
typedef struct {
    const LbReporter *report;
    const char *id;
} WarnCtx;

static void warn_line(void *ctx, const char *message)
{
    const WarnCtx *w = ctx;
    lb_report(w->report, LB_NOTE_WARNING, "%s: warning: %s", w->id, message);
}

/* Fetches and parses one board's live source. LB_ESOURCE and LB_EINPUT
 * failures mean "this source failed or changed shape". */
static Leaderboard *fetch_board(const BoardConfig *bc, const Adapter *adapter,
                                const RefreshOptions *o, LbError *err)
{
    FetchOptions fo;
    fetch_options_init(&fo);
    fo.cache_dir = o->cache_dir;
    fo.via = bc->live.via;
    fo.log = log_line;
    fo.log_ctx = (void *)o->report;
    WarnCtx warn = {o->report, bc->id};
    Redactor secrets = {0};
    FetchResult res = {0};
    Leaderboard *lb = NULL;
    if (fetch_source(bc->live.url, &fo, &secrets, &res, err) == 0) {
        AdapterOptions ao = {0};
        ao.id = bc->id;
        ao.source_name = bc->live.url;
        ao.base_url = fetch_is_network(bc->live.url) ? bc->live.url : NULL;
        ao.rate = bc->live.settings ? &bc->live.settings->rate : NULL;
        ao.max_rows = bc->live.max_rows;
        ao.warn = warn_line;
        ao.warn_ctx = &warn;
        lb = adapter_run(adapter, res.data, res.len, &ao, err);
        /* The source's own time first (the newest battle, the page's
         * date), then its Last-Modified, the clock last. */
        if (lb && !lb->updated_at)
            lb->updated_at = fetch_updated_at(&res);
        fetch_result_free(&res);
    }
    redactor_free(&secrets);
    if (lb && !lb->source.url && fetch_is_network(bc->live.url))
        lb->source.url = xstrdup(bc->live.url);
    return lb;
}

static int save_board(const SiteConfig *config, const BoardConfig *bc,
                      const Leaderboard *lb, const RefreshOptions *o,
                      int *recorded, LbError *err)
{
    char *path = config_path(config, bc->data);
    cJSON *json = leaderboard_to_json(lb);
    int rc = json_write_file(path, json, err);
    cJSON_Delete(json);
    free(path);
    *recorded = 0;
    if (rc == 0 && o->history_dir) {
        char today[11];
        memcpy(today, lb->updated_at, 10); /* YYYY-MM-DD of the data */
        today[10] = '\0';
        rc = history_record(o->history_dir, bc->id, lb, today, recorded, err);
    }
    return rc;
}

/* One board: 0 refreshed or kept (counted in report), -1 fatal. */
static int refresh_one(const SiteConfig *config, const BoardConfig *bc,
                       const RefreshOptions *o, RefreshReport *report,
                       LbError *err)
{
    const Adapter *adapter = adapter_find(bc->live.adapter);
    if (!adapter)
        return lb_fail(err, LB_EINPUT, "leaderboards.json: board %s: unknown "
                       "adapter \"%s\"", bc->id, bc->live.adapter);
    char *path = config_path(config, bc->data);
    LbError ignored = {0};
    Leaderboard *previous = leaderboard_load(path, &ignored);
    free(path);
    LbError why = {0};
    Leaderboard *fresh = fetch_board(bc, adapter, o, &why);
    if (fresh && fresh->kind != bc->kind)
        lb_fail(&why, LB_ESOURCE, "%s: the source gave a %s board, not %s",
                bc->id, lb_kind_name(fresh->kind), lb_kind_name(bc->kind));
    int usable = fresh && fresh->kind == bc->kind
                 && (o->force || source_check(previous, fresh, &why) == 0);
    int rc = 0;
    if (!usable) {
        lb_report(o->report, LB_NOTE_FAILURE, "%s: %s; keeping the last good "
                  "data", bc->id, why.message);
        report->failed++;
    } else {
        int recorded;
        rc = save_board(config, bc, fresh, o, &recorded, err);
        if (rc == 0)
            lb_report(o->report, LB_NOTE_PROGRESS, "%s: refreshed, %zu "
                      "models%s", bc->id, fresh->n_models,
                      recorded ? " (history updated)" : "");
        report->refreshed += rc == 0;
    }
    leaderboard_free(previous);
    leaderboard_free(fresh);
    return rc;
}

int refresh_boards(const SiteConfig *config, const RefreshOptions *options,
                   RefreshReport *report, LbError *err)
{
    *report = (RefreshReport){0, 0};
    if (fetch_global_init(err) != 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < config->n_boards && rc == 0; i++)
        if (config->boards[i].live.url)
            rc = refresh_one(config, &config->boards[i], options, report, err);
    fetch_global_cleanup();
    return rc;
}
