#include "history.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fileio.h"
#include "jsonfile.h"
#include "mem.h"
#include "slug.h"
#include "text.h"

/* ---- the guard --------------------------------------------------------- */

static int same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Both read by the same adapter from the same address (a local file's
 * address is not recorded: none on either side counts as the same). */
static int same_source(const Leaderboard *a, const Leaderboard *b)
{
    return a->source.adapter && same_text(a->source.adapter, b->source.adapter)
           && same_text(a->source.url, b->source.url);
}

int source_check(const Leaderboard *previous, const Leaderboard *fetched,
                 LbError *err)
{
    if (fetched->n_models == 0)
        return lb_fail(err, LB_ESOURCE, "%s: the fetched board has no rows",
                       fetched->id);
    if (previous && previous->kind != fetched->kind)
        return lb_fail(err, LB_ESOURCE,
                       "%s: the fetched board's kind is %s, the last good "
                       "snapshot's %s", fetched->id, lb_kind_name(fetched->kind),
                       lb_kind_name(previous->kind));
    for (size_t i = 0; i < fetched->n_models; i++) {
        const LbModel *m = &fetched->models[i];
        const char *missing = NULL;
        if (!m->model || !*m->model)
            missing = "model name";
        else if (isnan(m->rating) && m->n_metrics == 0)
            /* A board of metrics (the agent board) has no single rating. */
            missing = fetched->kind == LB_KIND_BENCHMARK ? "total"
                                                         : "rating or metrics";
        else if (fetched->kind == LB_KIND_ARENA && m->rank <= 0)
            missing = "rank";
        if (missing)
            return lb_fail(err, LB_ESOURCE,
                           "%s: row %zu (%s) has no %s", fetched->id, i + 1,
                           m->model ? m->model : "?", missing);
    }
    if (previous && fetched->n_models * 2 < previous->n_models)
        return lb_fail(err, LB_ESOURCE,
                       "%s: the fetched board has %zu rows, less than half "
                       "of the last good snapshot's %zu", fetched->id,
                       fetched->n_models, previous->n_models);
    if (previous && previous->n_models >= SOURCE_GROWTH_MIN_ROWS
        && same_source(previous, fetched)
        && fetched->n_models > 2 * previous->n_models)
        return lb_fail(err, LB_ESOURCE,
                       "%s: the fetched board has %zu rows, more than twice "
                       "the last good snapshot's %zu", fetched->id,
                       fetched->n_models, previous->n_models);
    return 0;
}

/* ---- history ----------------------------------------------------------- */

static int is_date_file(const char *name)
{
    return text_has_shape(name, "dddd-dd-dd.json");
}

static int cmp_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* DIR/<id>: the board's snapshots. Ids come from the configuration and
 * are slugs (or, for a category's snapshots under DIR = <history>/<board>,
 * category ids: [a-z0-9_-]), so this never leaves DIR. */
static char *board_dir(const char *dir, const char *id)
{
    assert(slug_valid(id) || lb_category_is_valid(id));
    Buf path = BUF_INIT;
    buf_printf(&path, "%s/%s", dir, id);
    return buf_detach(&path);
}

char *history_snapshot_path(const char *dir, const char *id, const char *date)
{
    char *board = board_dir(dir, id);
    Buf path = BUF_INIT;
    buf_printf(&path, "%s/%s.json", board, date);
    free(board);
    return buf_detach(&path);
}

int history_list(const char *dir, const char *id, char ***dates, size_t *n,
                 LbError *err)
{
    *dates = NULL;
    *n = 0;
    char *path = board_dir(dir, id);
    DIR *d = opendir(path);
    if (!d) {
        int missing = errno == ENOENT;
        if (!missing)
            lb_fail(err, LB_EINTERNAL, "%s: %s", path, strerror(errno));
        free(path);
        return missing ? 0 : -1;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!is_date_file(e->d_name))
            continue;
        *dates = xrealloc(*dates, (*n + 1) * sizeof **dates);
        (*dates)[(*n)++] = xstrndup(e->d_name, 10);
    }
    closedir(d);
    free(path);
    if (*n)
        qsort(*dates, *n, sizeof **dates, cmp_strings);
    return 0;
}

/* The board's JSON without updated_at: what "changed" means. */
static char *content_of(const Leaderboard *lb)
{
    cJSON *json = leaderboard_to_json(lb);
    cJSON_DeleteItemFromObjectCaseSensitive(json, "updated_at");
    char *text = cJSON_PrintUnformatted(json);
    cJSON_Delete(json);
    return text;
}

static int valid_date(const char *date)
{
    return text_has_shape(date, "dddd-dd-dd");
}

int history_record(const char *dir, const char *id, const Leaderboard *lb,
                   const char *date, int *written, LbError *err)
{
    *written = 0;
    if (!valid_date(date))
        return lb_fail(err, LB_EINTERNAL, "history: bad date \"%s\"", date);
    char **dates;
    size_t n;
    if (history_list(dir, id, &dates, &n, err) != 0)
        return -1;
    int same = 0, rc = 0;
    if (n > 0) {
        char *last = history_snapshot_path(dir, id, dates[n - 1]);
        LbError ignored = {0};
        Leaderboard *prev = leaderboard_load(last, &ignored);
        if (prev) {
            char *a = content_of(prev), *b = content_of(lb);
            same = strcmp(a, b) == 0;
            cJSON_free(a);
            cJSON_free(b);
            leaderboard_free(prev);
        }
        free(last);
    }
    free_strings(dates, n);
    if (same)
        return 0;
    char *board = board_dir(dir, id);
    rc = mkdir_p(board, err);
    free(board);
    if (rc != 0)
        return -1;
    char *path = history_snapshot_path(dir, id, date);
    cJSON *json = leaderboard_to_json(lb);
    rc = json_write_file(path, json, err);
    cJSON_Delete(json);
    free(path);
    if (rc == 0)
        *written = 1;
    return rc;
}
