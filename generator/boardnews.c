#include "boardnews.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "modelindex.h"
#include "nameset.h"

static void add(NewsList *out, NewsItem item)
{
    if (out->n == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 16;
        out->items = xrealloc(out->items, out->cap * sizeof *out->items);
    }
    out->items[out->n++] = item;
}

static int in_top(int rank)
{
    return rank > 0 && rank <= BOARDNEWS_TOP;
}

static int big_move(int from, int to)
{
    int places = from > to ? from - to : to - from;
    return places >= BOARDNEWS_MOVE
           && (from <= BOARDNEWS_MOVE_WITHIN || to <= BOARDNEWS_MOVE_WITHIN);
}

void boardnews_compare(const Leaderboard *older, const Leaderboard *newer,
                       size_t view, const char *date, NewsList *out)
{
    if (!older || older->n_models == 0 || newer->n_models == 0)
        return;
    NameSet before = NAMESET_INIT, after = NAMESET_INIT;
    size_t ignored;
    for (size_t i = 0; i < older->n_models; i++)
        nameset_add(&before, older->models[i].model, i, &ignored);
    for (size_t i = 0; i < newer->n_models; i++)
        nameset_add(&after, newer->models[i].model, i, &ignored);
    const char *leader = newer->models[0].model;
    const char *old_leader = older->models[0].model;
    for (size_t i = 0; i < newer->n_models; i++) {
        const char *name = newer->models[i].model;
        int rank = modelindex_rank(newer, i);
        size_t j;
        int prev = nameset_find(&before, name, &j) ? modelindex_rank(older, j) : 0;
        NewsItem item = {NEWS_LEADER, view, date, newer->updated_at, name, NULL,
                         rank, prev};
        if (i == 0 && strcmp(leader, old_leader) != 0) {
            item.previous_leader = old_leader;
        } else if (prev == 0) {
            item.kind = NEWS_NEW;
        } else if (in_top(rank) && !in_top(prev)) {
            item.kind = NEWS_TOP_ENTER;
        } else if (!in_top(rank) && in_top(prev)) {
            item.kind = NEWS_TOP_LEAVE;
        } else if (big_move(prev, rank)) {
            item.kind = rank < prev ? NEWS_UP : NEWS_DOWN;
        } else {
            continue;
        }
        add(out, item);
    }
    /* Models of the top that are no longer listed at all. */
    for (size_t j = 0; j < older->n_models; j++) {
        int prev = modelindex_rank(older, j);
        if (in_top(prev) && !nameset_find(&after, older->models[j].model, &ignored))
            add(out, (NewsItem){NEWS_TOP_LEAVE, view, date, newer->updated_at,
                                older->models[j].model, NULL, 0, prev});
    }
    nameset_free(&before);
    nameset_free(&after);
}

static int newest_first(const void *a, const void *b)
{
    const NewsItem *x = a, *y = b;
    int c = strcmp(y->date, x->date);
    if (c)
        return c;
    if (x->view != y->view)
        return x->view < y->view ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    /* No longer listed (0) after every rank. */
    unsigned rx = (unsigned)x->rank - 1, ry = (unsigned)y->rank - 1;
    if (rx != ry)
        return rx < ry ? -1 : 1;
    return strcmp(x->model, y->model);
}

void boardnews_sort(NewsList *list)
{
    if (list->n)
        qsort(list->items, list->n, sizeof *list->items, newest_first);
}

void boardnews_collect(const IndexView *views, size_t n_views, NewsList *out)
{
    for (size_t v = 0; v < n_views; v++) {
        const IndexView *iv = &views[v];
        for (size_t k = 1; k < iv->n_snapshots; k++)
            boardnews_compare(iv->snapshots[k - 1], iv->snapshots[k], v,
                              iv->dates[k], out);
        const char *now = modelindex_current_date(iv);
        if (now && iv->n_snapshots)
            boardnews_compare(iv->snapshots[iv->n_snapshots - 1], iv->lb, v, now, out);
    }
    boardnews_sort(out);
}

void boardnews_free(NewsList *list)
{
    free(list->items);
    *list = (NewsList){NULL, 0, 0};
}
