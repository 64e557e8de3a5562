/* modelindex — every model the site shows, across every board and
 * category view: which rows are the same model, the slug of its page, where
 * it appears, and its rating and rank in each dated snapshot of those
 * views. Built once per build (site.c) and read by every locale's pages
 * (the model pages, the board tables' links, the overview, the feed), so no
 * page searches the boards.
 *
 * Identity: two rows are the same model when model_id_normalize() gives
 * them the same key (case, spaces and a "vendor/" prefix aside). Slugs come
 * from keys (slug_for_model, slug.h); when two keys still share one, the
 * keys in byte order get it, "-2", "-3", ..., so the result depends only on
 * the set of models.
 *
 * Ownership: the index borrows the Leaderboards and snapshot dates it is
 * built from (they must outlive it) and owns everything else;
 * modelindex_free() releases it. */
#ifndef LBGEN_MODELINDEX_H
#define LBGEN_MODELINDEX_H

#include <stddef.h>

#include "leaderboard.h"
#include "nameset.h"

#define MODELINDEX_NO_CATEGORY ((size_t)-1)

/* A model has a page when it is among the first MODELINDEX_PAGE_ROWS rows
 * of some board (a view without a category): every model of today's
 * boards, while a source of thousands of rows cannot add a page per row in
 * every language (5,000 rows would be 45,000 pages in nine languages).
 * Rows below link no page; a model only a category lists (the Arena's
 * categories list every model it ever rated) has none either, and the
 * pages of the others show their category standings too. */
enum { MODELINDEX_PAGE_ROWS = 500 };

/* One view the site has: a board, or one category of a board, with its
 * dated snapshots (oldest first). */
typedef struct {
    size_t board;    /* index into the configuration's boards */
    size_t category; /* index into that board's categories, or
                        MODELINDEX_NO_CATEGORY for the board itself */
    const Leaderboard *lb;
    Leaderboard *const *snapshots;
    char *const *dates; /* YYYY-MM-DD, parallel to snapshots */
    size_t n_snapshots;
} IndexView;

/* A model's standing on one view at one date. */
typedef struct {
    const char *date; /* YYYY-MM-DD (borrowed) */
    double rating, ci_lower, ci_upper; /* NAN when absent */
    int rank;                          /* modelindex_rank() */
} ModelPoint;

/* One row of one view that is this model, with its history there: a point
 * per snapshot that lists it, then the current data when it is newer than
 * the last snapshot and dated (updated_at). */
typedef struct {
    size_t view;
    size_t row; /* into views[view].lb->models */
    ModelPoint *points;
    size_t n_points;
} ModelAppearance;

typedef struct {
    char *key;   /* model_id_normalize() */
    char *slug;  /* its page: route_model() */
    int has_page; /* in the first MODELINDEX_PAGE_ROWS rows of some view */
    const LbModel *first; /* its first row, in view order: the names shown */
    ModelAppearance *apps; /* in view order, then row order */
    size_t n_apps;
} IndexedModel;

typedef struct {
    const IndexView *views; /* borrowed */
    size_t n_views;
    IndexedModel *models;   /* in order of first appearance */
    size_t n_models;
    size_t **row_model;     /* [view][row]: index into models */
    NameSet keys;           /* key -> index into models */
} ModelIndex;

ModelIndex *modelindex_build(const IndexView *views, size_t n_views);
void modelindex_free(ModelIndex *index);

/* The model a row of a view is. */
const IndexedModel *modelindex_row(const ModelIndex *index, size_t view,
                                   size_t row);

/* The model named `name` (any spelling with the same key), or NULL. */
const IndexedModel *modelindex_find(const ModelIndex *index, const char *name);

/* The view of board `board` (category MODELINDEX_NO_CATEGORY: the board
 * itself); views->n_views when there is none. */
size_t modelindex_view_of(const ModelIndex *index, size_t board,
                          size_t category);

/* When the view's current data is one more version than its snapshots:
 * its updated_at, when it has one and no snapshot of that day or later
 * stands for it; else NULL. */
const char *modelindex_current_date(const IndexView *view);

/* A row's rank: its `rank`, or its position (1-based) when it has none —
 * as rankchange.h counts. `row` indexes lb->models. */
int modelindex_rank(const Leaderboard *lb, size_t row);

#endif
