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

/* What one refresh replaces: a board's data, or one of its categories'
 * (config.h CategoryConfig), with the sources that feed it. */
typedef struct {
    const char *name;        /* in messages: "text", "text/coding" */
    const BoardConfig *bc;   /* the board (its id, kind, style_control) */
    const char *data;        /* the committed file */
    const SourceSpec *sources;
    size_t n_sources;
    const char *category;    /* NULL: the board itself */
} Target;

/* Fetches and parses one of a board's sources. LB_ESOURCE and LB_EINPUT
 * failures mean "this source failed or changed shape". */
static Leaderboard *fetch_board(const Target *t, const SourceSpec *src,
                                const RefreshOptions *o, LbError *err)
{
    const BoardConfig *bc = t->bc;
    FetchOptions fo;
    fetch_options_init(&fo);
    fo.cache_dir = o->cache_dir;
    fo.log = log_line;
    fo.log_ctx = (void *)o->report;
    WarnCtx warn = {o->report, t->name};
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

static int save_board(const SiteConfig *config, const Target *t,
                      const Leaderboard *lb, const RefreshOptions *o,
                      int *recorded, LbError *err)
{
    char *path = config_path(config, t->data);
    cJSON *json = leaderboard_to_json(lb);
    int rc = json_write_file(path, json, err);
    cJSON_Delete(json);
    free(path);
    *recorded = 0;
    if (rc == 0 && o->history_dir) {
        char today[11];
        memcpy(today, lb->updated_at, 10); /* YYYY-MM-DD of the data */
        today[10] = '\0';
        /* A category's snapshots: HISTORY/<board>/<category>/ */
        char *dir = t->category ? str_printf("%s/%s", o->history_dir, t->bc->id)
                                : xstrdup(o->history_dir);
        rc = history_record(dir, t->category ? t->category : t->bc->id, lb,
                            today, recorded, err);
        free(dir);
    }
    return rc;
}

/* A board whose ratings are style-controlled (style_control in the
 * configuration) takes a source's board as such when it does not say, and
 * refuses one that says it is not: its history compares like with like. */
static int check_style_control(const Target *t, Leaderboard *lb, LbError *why)
{
    if (t->bc->style_control != 1)
        return 0;
    /* A style-controlled twin (style_rating) says `rating` is plain. */
    if (lb->style_control == 0
        || (lb->style_control != 1 && lb_has_variant(lb, LB_STYLE)))
        return lb_fail(why, LB_ESOURCE, "%s: the source's ratings are not "
                       "style-controlled, the board's are (style_control)",
                       t->name);
    lb->style_control = 1;
    return 0;
}

/* Source i of the board, fetched and checked against the last good data:
 * the board or NULL with *why filled. */
static Leaderboard *try_source(const Target *t, size_t i,
                               const Leaderboard *previous,
                               const RefreshOptions *o, LbError *why)
{
    const BoardConfig *bc = t->bc;
    Leaderboard *fresh = fetch_board(t, &t->sources[i], o, why);
    if (fresh && fresh->kind != bc->kind) {
        lb_fail(why, LB_ESOURCE, "%s: the source gave a %s board, not %s",
                t->name, lb_kind_name(fresh->kind), lb_kind_name(bc->kind));
        leaderboard_free(fresh);
        return NULL;
    }
    if (fresh && check_style_control(t, fresh, why) != 0) {
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
static void describe_source(Buf *out, const Target *t, size_t i)
{
    buf_printf(out, "source %zu of %zu (%s %s)", i + 1, t->n_sources,
               t->sources[i].adapter, t->sources[i].url);
}

/* One board: the first source that fetches and passes the checks
 * replaces the data; every source skipped says why. 0 refreshed or kept
 * (counted in report), -1 fatal. */
static int refresh_one(const SiteConfig *config, const Target *t,
                       const RefreshOptions *o, RefreshReport *report,
                       LbError *err)
{
    char *path = config_path(config, t->data);
    LbError ignored = {0};
    Leaderboard *previous = leaderboard_load(path, &ignored);
    free(path);
    Leaderboard *fresh = NULL;
    size_t used = 0;
    LbError why = {0};
    for (size_t i = 0; i < t->n_sources && !fresh; i++) {
        why = (LbError){0};
        fresh = try_source(t, i, previous, o, &why);
        used = i;
        if (!fresh && t->n_sources > 1) {
            Buf line = BUF_INIT;
            describe_source(&line, t, i);
            lb_report(o->report, LB_NOTE_WARNING, "%s: %s skipped: %s",
                      t->name, line.data, why.message);
            buf_free(&line);
        }
    }
    int rc = 0;
    if (!fresh) {
        if (t->n_sources > 1)
            lb_report(o->report, LB_NOTE_FAILURE, "%s: all %zu sources "
                      "failed; keeping the last good data", t->name,
                      t->n_sources);
        else
            lb_report(o->report, LB_NOTE_FAILURE, "%s: %s; keeping the last "
                      "good data", t->name, why.message);
        report->failed++;
    } else {
        int recorded;
        rc = save_board(config, t, fresh, o, &recorded, err);
        /* After a fallback the log says which source was used, even with
         * --quiet: the job summary quotes it. */
        if (rc == 0) {
            Buf from = BUF_INIT;
            if (t->n_sources > 1) {
                buf_puts(&from, ", from ");
                describe_source(&from, t, used);
            }
            lb_report(o->report, used > 0 ? LB_NOTE_WARNING
                                          : LB_NOTE_PROGRESS,
                      "%s: refreshed, %zu models%s%s", t->name,
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
    for (size_t i = 0; i < config->n_boards && rc == 0; i++) {
        const BoardConfig *bc = &config->boards[i];
        Target t = {bc->id, bc, bc->data, bc->sources, bc->n_sources, NULL};
        if (bc->n_sources)
            rc = refresh_one(config, &t, options, report, err);
        for (size_t c = 0; c < bc->n_categories && rc == 0; c++) {
            const CategoryConfig *cc = &bc->categories[c];
            char *name = str_printf("%s/%s", bc->id, cc->id);
            Target ct = {name, bc, cc->data, cc->sources, cc->n_sources, cc->id};
            if (cc->n_sources)
                rc = refresh_one(config, &ct, options, report, err);
            free(name);
        }
    }
    fetch_global_cleanup();
    return rc;
}
