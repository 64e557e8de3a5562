#include "refresh.h"

#include <stdlib.h>
#include <string.h>

#include "adapter.h"
#include "buf.h"
#include "fetch.h"
#include "format.h"
#include "history.h"
#include "jsonfile.h"
#include "leaderboard.h"
#include "mem.h"
#include "redact.h"
#include "source.h"

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

/* Fetches and parses one of a board's sources. LB_ESOURCE and LB_EINPUT
 * failures mean "this source failed or changed shape". */
static Leaderboard *fetch_board(const BoardConfig *bc, const SourceSpec *src,
                                const RefreshOptions *o, LbError *err)
{
    FetchOptions fo;
    fetch_options_init(&fo);
    fo.cache_dir = o->cache_dir;
    fo.log = log_line;
    fo.log_ctx = (void *)o->report;
    WarnCtx warn = {o->report, bc->id};
    Redactor secrets = {0};
    AdapterOptions ao = {0};
    ao.id = bc->id;
    ao.warn = warn_line;
    ao.warn_ctx = &warn;
    Leaderboard *lb = source_run(src, &ao, &fo, NULL, &secrets, err);
    redactor_free(&secrets);
    if (lb && !lb->updated_at)
        lb->updated_at = utc_now_iso();
    if (lb && !lb->source.url && fetch_is_network(src->url))
        lb->source.url = xstrdup(src->url);
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

/* Source i of the board, fetched and checked against the last good data:
 * the board or NULL with *why filled. */
static Leaderboard *try_source(const BoardConfig *bc, size_t i,
                               const Leaderboard *previous,
                               const RefreshOptions *o, LbError *why)
{
    Leaderboard *fresh = fetch_board(bc, &bc->sources[i], o, why);
    if (fresh && fresh->kind != bc->kind) {
        lb_fail(why, LB_ESOURCE, "%s: the source gave a %s board, not %s",
                bc->id, lb_kind_name(fresh->kind), lb_kind_name(bc->kind));
        leaderboard_free(fresh);
        return NULL;
    }
    if (fresh && !o->force && source_check(previous, fresh, why) != 0) {
        leaderboard_free(fresh);
        return NULL;
    }
    return fresh;
}

/* "source 2 of 3 (arena-catalog https://...)" */
static void describe_source(Buf *out, const BoardConfig *bc, size_t i)
{
    buf_printf(out, "source %zu of %zu (%s %s)", i + 1, bc->n_sources,
               bc->sources[i].adapter, bc->sources[i].url);
}

/* One board: the first source that fetches and passes the checks
 * replaces the data; every source skipped says why. 0 refreshed or kept
 * (counted in report), -1 fatal. */
static int refresh_one(const SiteConfig *config, const BoardConfig *bc,
                       const RefreshOptions *o, RefreshReport *report,
                       LbError *err)
{
    char *path = config_path(config, bc->data);
    LbError ignored = {0};
    Leaderboard *previous = leaderboard_load(path, &ignored);
    free(path);
    Leaderboard *fresh = NULL;
    size_t used = 0;
    LbError why = {0};
    for (size_t i = 0; i < bc->n_sources && !fresh; i++) {
        why = (LbError){0};
        fresh = try_source(bc, i, previous, o, &why);
        used = i;
        if (!fresh && bc->n_sources > 1) {
            Buf line = BUF_INIT;
            describe_source(&line, bc, i);
            lb_report(o->report, LB_NOTE_WARNING, "%s: %s skipped: %s",
                      bc->id, line.data, why.message);
            buf_free(&line);
        }
    }
    int rc = 0;
    if (!fresh) {
        if (bc->n_sources > 1)
            lb_report(o->report, LB_NOTE_FAILURE, "%s: all %zu sources "
                      "failed; keeping the last good data", bc->id,
                      bc->n_sources);
        else
            lb_report(o->report, LB_NOTE_FAILURE, "%s: %s; keeping the last "
                      "good data", bc->id, why.message);
        report->failed++;
    } else {
        int recorded;
        rc = save_board(config, bc, fresh, o, &recorded, err);
        /* After a fallback the log says which source was used, even with
         * --quiet: the job summary quotes it. */
        if (rc == 0) {
            Buf from = BUF_INIT;
            if (bc->n_sources > 1) {
                buf_puts(&from, ", from ");
                describe_source(&from, bc, used);
            }
            lb_report(o->report, used > 0 ? LB_NOTE_WARNING
                                          : LB_NOTE_PROGRESS,
                      "%s: refreshed, %zu models%s%s", bc->id,
                      fresh->n_models, from.data ? from.data : "",
                      recorded ? " (history updated)" : "");
            buf_free(&from);
        }
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
        if (config->boards[i].n_sources)
            rc = refresh_one(config, &config->boards[i], options, report, err);
    fetch_global_cleanup();
    return rc;
}
