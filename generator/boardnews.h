/* boardnews — the notable changes between consecutive versions of a board,
 * the entries of the site's Atom feeds (view_feed.c):
 *
 *   NEWS_LEADER     the first row is another model (the previous leader
 *                   named)
 *   NEWS_NEW        a model the older version did not list
 *   NEWS_TOP_ENTER  a model now ranked within BOARDNEWS_TOP that was not
 *   NEWS_TOP_LEAVE  a model that was within BOARDNEWS_TOP and is not, or
 *                   is no longer listed (rank 0)
 *   NEWS_UP, NEWS_DOWN  a move of BOARDNEWS_MOVE places or more that
 *                   starts or ends within BOARDNEWS_MOVE_WITHIN
 *
 * Each model gets at most one item per pair of versions, the first that
 * applies in the order above (a new leader is not also "new", an entry
 * into the top ten is not also a move). Ranks are modelindex_rank()'s;
 * models are matched by name, as rankchange.h does. Nothing is reported
 * for a board's first version: everything would be "new".
 *
 * Ownership: items borrow the names of the two Leaderboards and the date
 * string (they must outlive the list); boardnews_free() releases the
 * array. */
#ifndef LBGEN_BOARDNEWS_H
#define LBGEN_BOARDNEWS_H

#include <stddef.h>

#include "leaderboard.h"
#include "modelindex.h"

enum {
    BOARDNEWS_TOP = 10,
    BOARDNEWS_MOVE = 5,
    BOARDNEWS_MOVE_WITHIN = 25,
};

typedef enum {
    NEWS_LEADER,
    NEWS_NEW,
    NEWS_TOP_ENTER,
    NEWS_TOP_LEAVE,
    NEWS_UP,
    NEWS_DOWN,
} NewsKind;

typedef struct {
    NewsKind kind;
    size_t view;        /* the caller's number for the board (modelindex.h) */
    const char *date;   /* the newer version's date: YYYY-MM-DD, or its
                           updated_at when it is the current data */
    const char *updated; /* the newer version's updated_at, or NULL */
    const char *model;  /* as the newer version names it (older for LEAVE) */
    const char *previous_leader; /* NEWS_LEADER only */
    int rank;           /* in the newer version; 0: no longer listed */
    int previous_rank;  /* in the older version; 0: not listed */
} NewsItem;

typedef struct {
    NewsItem *items;
    size_t n, cap;
} NewsList;

/* Appends the news between `older` and `newer` (seen at `date`). */
void boardnews_compare(const Leaderboard *older, const Leaderboard *newer,
                       size_t view, const char *date, NewsList *out);

/* The news of every view: between each two consecutive snapshots, and
 * between the last one and the current data when that is newer
 * (modelindex_current_date), each dated by the newer one; then sorted. */
void boardnews_collect(const IndexView *views, size_t n_views, NewsList *out);

/* Sorts newest first (dates compared as strings), then by view, then by
 * kind in the order above, then by the newer rank, then by model name. */
void boardnews_sort(NewsList *list);

void boardnews_free(NewsList *list);

#endif
