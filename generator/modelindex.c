#include "modelindex.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"
#include "slug.h"
#include "text.h"

int modelindex_rank(const Leaderboard *lb, size_t row)
{
    int rank = lb->models[row].rank;
    return rank > 0 ? rank : (int)row + 1;
}

/* ---- identity ------------------------------------------------------------ */

static size_t model_for_key(ModelIndex *ix, char *key, const LbModel *first)
{
    size_t at;
    if (nameset_find(&ix->keys, key, &at)) {
        free(key);
        return at;
    }
    at = ix->n_models++;
    ix->models = xrealloc(ix->models, ix->n_models * sizeof *ix->models);
    ix->models[at] = (IndexedModel){key, NULL, 0, first, NULL, 0};
    size_t ignored;
    nameset_add(&ix->keys, key, at, &ignored);
    return at;
}

static int by_key(const void *a, const void *b)
{
    const IndexedModel *const *x = a, *const *y = b;
    return strcmp((*x)->key, (*y)->key);
}

/* Slugs from keys; keys that still share one get "-2", "-3", ... in key
 * order, the first keeping it. */
static void assign_slugs(ModelIndex *ix)
{
    for (size_t i = 0; i < ix->n_models; i++)
        ix->models[i].slug = slug_for_model(ix->models[i].key);
    IndexedModel **sorted = xmalloc((ix->n_models ? ix->n_models : 1) * sizeof *sorted);
    for (size_t i = 0; i < ix->n_models; i++)
        sorted[i] = &ix->models[i];
    qsort(sorted, ix->n_models, sizeof *sorted, by_key);
    NameSet taken = NAMESET_INIT;
    size_t ignored;
    for (size_t i = 0; i < ix->n_models; i++)
        nameset_add(&taken, sorted[i]->slug, i, &ignored);
    NameSet seen = NAMESET_INIT;
    for (size_t i = 0; i < ix->n_models; i++) {
        IndexedModel *m = sorted[i];
        if (!nameset_add(&seen, m->slug, i, &ignored))
            continue;
        /* A later key with a slug already given: the first free suffix. */
        for (int k = 2;; k++) {
            char *candidate = str_printf("%s-%d", m->slug, k);
            if (!nameset_find(&taken, candidate, &ignored)) {
                nameset_add(&taken, candidate, i, &ignored);
                nameset_add(&seen, candidate, i, &ignored);
                free(m->slug);
                m->slug = candidate;
                break;
            }
            free(candidate);
        }
    }
    nameset_free(&seen);
    nameset_free(&taken);
    free(sorted);
}

/* ---- history ---------------------------------------------------------------- */

static void add_point(ModelAppearance *a, const Leaderboard *lb, size_t row,
                      const char *date)
{
    const LbModel *m = &lb->models[row];
    a->points = xrealloc(a->points, (a->n_points + 1) * sizeof *a->points);
    a->points[a->n_points++] = (ModelPoint){date, m->rating, m->ci_lower,
                                            m->ci_upper, modelindex_rank(lb, row)};
}

/* A view's rows: none when its board has no data (it failed and was
 * never published). */
static size_t rows_of(const IndexView *v)
{
    return v->lb ? v->lb->n_models : 0;
}

/* The current data counts as one more point when it is dated and not the
 * same version as the last snapshot (as the board's trend column). */
const char *modelindex_current_date(const IndexView *v)
{
    const Leaderboard *lb = v->lb;
    if (!lb || !lb->updated_at || strlen(lb->updated_at) < 10)
        return NULL;
    if (v->n_snapshots) {
        const Leaderboard *last = v->snapshots[v->n_snapshots - 1];
        if (last->updated_at && strcmp(last->updated_at, lb->updated_at) == 0)
            return NULL;
        if (strncmp(v->dates[v->n_snapshots - 1], lb->updated_at, 10) >= 0)
            return NULL; /* a snapshot of that day or later stands for it */
    }
    return lb->updated_at;
}

/* Every row of one view's snapshots, found by name once per snapshot. */
static void index_history(ModelIndex *ix, size_t vi, ModelAppearance **app_of_row)
{
    const IndexView *v = &ix->views[vi];
    NameSet rows = NAMESET_INIT;
    size_t ignored;
    for (size_t r = 0; r < rows_of(v); r++)
        nameset_add(&rows, v->lb->models[r].model, r, &ignored);
    for (size_t s = 0; s < v->n_snapshots; s++) {
        const Leaderboard *snap = v->snapshots[s];
        for (size_t i = 0; i < snap->n_models; i++) {
            size_t r;
            if (nameset_find(&rows, snap->models[i].model, &r))
                add_point(app_of_row[r], snap, i, v->dates[s]);
        }
    }
    nameset_free(&rows);
    const char *now = modelindex_current_date(v);
    for (size_t r = 0; now && r < rows_of(v); r++)
        add_point(app_of_row[r], v->lb, r, now);
}

/* ---- the index ------------------------------------------------------------- */

ModelIndex *modelindex_build(const IndexView *views, size_t n_views)
{
    ModelIndex *ix = xcalloc(1, sizeof *ix);
    ix->views = views;
    ix->n_views = n_views;
    ix->row_model = xcalloc(n_views ? n_views : 1, sizeof *ix->row_model);
    size_t n_rows = 0;
    for (size_t v = 0; v < n_views; v++) {
        const Leaderboard *lb = views[v].lb;
        size_t n = rows_of(&views[v]);
        ix->row_model[v] = xcalloc(n ? n : 1, sizeof **ix->row_model);
        for (size_t r = 0; r < n; r++)
            ix->row_model[v][r] = model_for_key(ix, model_id_normalize(lb->models[r].model),
                                                &lb->models[r]);
        n_rows += n;
    }
    /* Appearances: counted, then filled in view and row order. */
    for (size_t v = 0; v < n_views; v++)
        for (size_t r = 0; r < rows_of(&views[v]); r++)
            ix->models[ix->row_model[v][r]].n_apps++;
    for (size_t m = 0; m < ix->n_models; m++) {
        ix->models[m].apps = xcalloc(ix->models[m].n_apps, sizeof *ix->models[m].apps);
        ix->models[m].n_apps = 0;
    }
    ModelAppearance **app_of_row = xmalloc((n_rows ? n_rows : 1) * sizeof *app_of_row);
    for (size_t v = 0; v < n_views; v++) {
        for (size_t r = 0; r < rows_of(&views[v]); r++) {
            IndexedModel *m = &ix->models[ix->row_model[v][r]];
            /* Pages for the boards' models; a category adds its standings
             * to the pages of models its board has. */
            m->has_page |= views[v].category == MODELINDEX_NO_CATEGORY
                           && r < MODELINDEX_PAGE_ROWS;
            ModelAppearance *a = &m->apps[m->n_apps++];
            *a = (ModelAppearance){v, r, NULL, 0};
            app_of_row[r] = a;
        }
        index_history(ix, v, app_of_row);
    }
    free(app_of_row);
    assign_slugs(ix);
    return ix;
}

void modelindex_free(ModelIndex *ix)
{
    if (!ix)
        return;
    for (size_t m = 0; m < ix->n_models; m++) {
        for (size_t a = 0; a < ix->models[m].n_apps; a++)
            free(ix->models[m].apps[a].points);
        free(ix->models[m].apps);
        free(ix->models[m].key);
        free(ix->models[m].slug);
    }
    free(ix->models);
    for (size_t v = 0; v < ix->n_views; v++)
        free(ix->row_model[v]);
    free(ix->row_model);
    nameset_free(&ix->keys);
    free(ix);
}

const IndexedModel *modelindex_row(const ModelIndex *ix, size_t view, size_t row)
{
    return &ix->models[ix->row_model[view][row]];
}

const IndexedModel *modelindex_find(const ModelIndex *ix, const char *name)
{
    char *key = model_id_normalize(name);
    size_t at;
    int found = nameset_find(&ix->keys, key, &at);
    free(key);
    return found ? &ix->models[at] : NULL;
}

size_t modelindex_view_of(const ModelIndex *ix, size_t board, size_t category)
{
    for (size_t v = 0; v < ix->n_views; v++)
        if (ix->views[v].board == board && ix->views[v].category == category)
            return v;
    return ix->n_views;
}
