#include "history.h"

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

/* ---- the guard --------------------------------------------------------- */

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
        else if (isnan(m->rating))
            missing = fetched->kind == LB_KIND_BENCHMARK ? "total" : "rating";
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
    static const char shape[] = "dddd-dd-dd.json";
    if (strlen(name) != sizeof shape - 1)
        return 0;
    for (size_t i = 0; shape[i]; i++) {
        if (shape[i] == 'd' ? (name[i] < '0' || name[i] > '9')
                            : name[i] != shape[i])
            return 0;
    }
    return 1;
}

static int cmp_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int history_list(const char *dir, const char *id, char ***dates, size_t *n,
                 LbError *err)
{
    *dates = NULL;
    *n = 0;
    Buf path = BUF_INIT;
    buf_printf(&path, "%s/%s", dir, id);
    DIR *d = opendir(path.data);
    if (!d) {
        int missing = errno == ENOENT;
        if (!missing)
            lb_fail(err, LB_EINTERNAL, "%s: %s", path.data, strerror(errno));
        buf_free(&path);
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
    buf_free(&path);
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
    char name[32];
    snprintf(name, sizeof name, "%s.json", date);
    return is_date_file(name);
}

int history_record(const char *dir, const Leaderboard *lb, const char *date,
                   int *written, LbError *err)
{
    *written = 0;
    if (!valid_date(date))
        return lb_fail(err, LB_EINTERNAL, "history: bad date \"%s\"", date);
    char **dates;
    size_t n;
    if (history_list(dir, lb->id, &dates, &n, err) != 0)
        return -1;
    int same = 0, rc = 0;
    if (n > 0) {
        Buf last = BUF_INIT;
        buf_printf(&last, "%s/%s/%s.json", dir, lb->id, dates[n - 1]);
        LbError ignored = {0};
        Leaderboard *prev = leaderboard_load(last.data, &ignored);
        if (prev) {
            char *a = content_of(prev), *b = content_of(lb);
            same = strcmp(a, b) == 0;
            cJSON_free(a);
            cJSON_free(b);
            leaderboard_free(prev);
        }
        buf_free(&last);
    }
    for (size_t i = 0; i < n; i++)
        free(dates[i]);
    free(dates);
    if (same)
        return 0;
    Buf path = BUF_INIT;
    buf_printf(&path, "%s/%s", dir, lb->id);
    if (mkdir_p(path.data, err) != 0) {
        buf_free(&path);
        return -1;
    }
    buf_printf(&path, "/%s.json", date);
    cJSON *json = leaderboard_to_json(lb);
    rc = json_write_file(path.data, json, err);
    cJSON_Delete(json);
    buf_free(&path);
    if (rc == 0)
        *written = 1;
    return rc;
}

/* ---- rank changes ------------------------------------------------------ */

static int rank_of(const Leaderboard *lb, size_t i)
{
    return lb->models[i].rank > 0 ? lb->models[i].rank : (int)i + 1;
}

typedef struct {
    const char *name;
    int rank;
} NamedRank;

static int cmp_named(const void *a, const void *b)
{
    return strcmp(((const NamedRank *)a)->name, ((const NamedRank *)b)->name);
}

void rank_changes(const Leaderboard *previous, const Leaderboard *current,
                  RankChange *out)
{
    size_t n = previous ? previous->n_models : 0;
    NamedRank *index = xcalloc(n ? n : 1, sizeof *index);
    for (size_t i = 0; i < n; i++) {
        index[i].name = previous->models[i].model;
        index[i].rank = rank_of(previous, i);
    }
    qsort(index, n, sizeof *index, cmp_named);
    for (size_t i = 0; i < current->n_models; i++) {
        RankChange c = {RANK_UNKNOWN, 0};
        if (previous) {
            NamedRank key = {current->models[i].model, 0};
            const NamedRank *hit = n ? bsearch(&key, index, n, sizeof *index,
                                               cmp_named)
                                     : NULL;
            int now = rank_of(current, i);
            if (!hit)
                c.move = RANK_NEW;
            else if (hit->rank > now)
                c = (RankChange){RANK_UP, hit->rank - now};
            else if (hit->rank < now)
                c = (RankChange){RANK_DOWN, now - hit->rank};
            else
                c.move = RANK_SAME;
        }
        out[i] = c;
    }
    free(index);
}

const char *rank_change_text(RankChange c, char *buf, size_t size)
{
    switch (c.move) {
    case RANK_UP:
        snprintf(buf, size, "\xE2\x96\xB2%d", c.places);
        break;
    case RANK_DOWN:
        snprintf(buf, size, "\xE2\x96\xBC%d", c.places);
        break;
    case RANK_NEW:
        snprintf(buf, size, "new");
        break;
    default:
        snprintf(buf, size, "%s", "");
        break;
    }
    return buf;
}
