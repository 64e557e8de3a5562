#include "rankchange.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "nameset.h"

static int rank_of(const Leaderboard *lb, size_t i)
{
    return lb->models[i].rank > 0 ? lb->models[i].rank : (int)i + 1;
}

/* The model's rank in the current board's variant (lb_variant_value), 0
 * when that board does not rank it so. */
static int variant_rank(const Leaderboard *lb, size_t i, LbVariant v)
{
    if (v == lb_headline_variant(lb))
        return rank_of(lb, i);
    double rating;
    int rank;
    lb_variant_value(lb, &lb->models[i], v, &rating, &rank);
    return rank;
}

void rank_changes(const Leaderboard *previous, const Leaderboard *current,
                  RankChange *out)
{
    NameSet index = NAMESET_INIT;
    size_t first;
    LbVariant v = lb_headline_variant(current);
    for (size_t i = 0; previous && i < previous->n_models; i++)
        nameset_add(&index, previous->models[i].model, i, &first);
    for (size_t i = 0; i < current->n_models; i++) {
        int now = rank_of(current, i);
        RankChange c = {RANK_UNKNOWN, now, 0, 0};
        int found = previous
                    && nameset_find(&index, current->models[i].model, &first);
        if (previous && !found) {
            /* Off a top-N extract is not "new": it may rank lower. */
            if (previous->truncated != 1)
                c.move = RANK_NEW;
        } else if (previous && variant_rank(previous, first, v) == 0) {
            /* Ranked there only in the other variant: not comparable. */
        } else if (previous) {
            c.previous_rank = variant_rank(previous, first, v);
            c.places = abs(c.previous_rank - now);
            c.move = c.previous_rank > now   ? RANK_UP
                     : c.previous_rank < now ? RANK_DOWN
                                             : RANK_SAME;
        }
        out[i] = c;
    }
    nameset_free(&index);
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
    case RANK_SAME:
    case RANK_UNKNOWN:
        snprintf(buf, size, "%s", "");
        break;
    }
    return buf;
}

typedef struct {
    size_t index;
    int places, rank;
    const char *name;
} Moved;

static int by_biggest_move(const void *a, const void *b)
{
    const Moved *x = a, *y = b;
    if (x->places != y->places)
        return y->places - x->places;
    if (x->rank != y->rank)
        return x->rank - y->rank;
    return strcmp(x->name, y->name);
}

void rank_summary(const Leaderboard *previous, const Leaderboard *current,
                  const RankChange *changes, RankSummary *out)
{
    *out = (RankSummary){NULL, 0, 0, 0};
    Moved *moved = xcalloc(current->n_models + 1, sizeof *moved);
    for (size_t i = 0; i < current->n_models; i++) {
        const RankChange *c = &changes[i];
        if (c->move == RANK_NEW)
            out->added++;
        if (c->move == RANK_UP || c->move == RANK_DOWN)
            moved[out->n_moved++] = (Moved){i, c->places, c->rank,
                                            current->models[i].model};
    }
    /* Names are unique on a board, so the rest of `previous` left. */
    size_t kept = current->n_models - out->added;
    out->dropped = previous && previous->n_models > kept
                       ? previous->n_models - kept : 0;
    if (out->n_moved)
        qsort(moved, out->n_moved, sizeof *moved, by_biggest_move);
    out->moved = xcalloc(out->n_moved + 1, sizeof *out->moved);
    for (size_t i = 0; i < out->n_moved; i++)
        out->moved[i] = moved[i].index;
    free(moved);
}

void rank_summary_free(RankSummary *s)
{
    free(s->moved);
    *s = (RankSummary){NULL, 0, 0, 0};
}
