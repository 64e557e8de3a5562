/* history — guarding and recording refreshed boards.
 *
 * source_check() decides whether a freshly fetched board may replace the
 * last good snapshot ("never publish garbage"); history_record() keeps one
 * snapshot per day and board, when it changed, as
 * HISTORY_DIR/<slug>/YYYY-MM-DD.json; rank_changes() compares two boards
 * for the ▲3 / ▼1 / new markers. The `lbgen build --fetch` integration
 * lives in the site build; these are its building blocks. */
#ifndef LBGEN_HISTORY_H
#define LBGEN_HISTORY_H

#include <stddef.h>

#include "diag.h"
#include "leaderboard.h"

/* 0 when `fetched` may replace `previous` (NULL when there is none): it has
 * rows, every row has the fields its kind requires (a model name and a
 * rating; arena boards also a rank), at least half as many rows as
 * `previous` and, when `previous` has SOURCE_GROWTH_MIN_ROWS rows or more,
 * at most twice as many (a page that suddenly lists every model ever, or
 * repeats itself, is not news). Otherwise -1 and an LB_ESOURCE error that
 * says why. */
#define SOURCE_GROWTH_MIN_ROWS 10
int source_check(const Leaderboard *previous, const Leaderboard *fetched,
                 LbError *err);

/* Writes `lb` to DIR/<lb->id>/<date>.json (date is YYYY-MM-DD) unless the
 * most recent snapshot there holds the same board (updated_at aside). A
 * second refresh on the same day replaces that day's file. *written is set
 * to 1 when a file was written. Atomic. */
int history_record(const char *dir, const Leaderboard *lb, const char *date,
                   int *written, LbError *err);

/* The board's snapshot dates (YYYY-MM-DD), oldest first; the caller frees
 * each string and the array. A missing directory is an empty history. */
int history_list(const char *dir, const char *id, char ***dates, size_t *n,
                 LbError *err);

typedef enum {
    RANK_UNKNOWN, /* no previous board to compare with */
    RANK_SAME,
    RANK_UP,
    RANK_DOWN,
    RANK_NEW      /* not on the previous board */
} RankMove;

typedef struct {
    RankMove move;
    int places; /* > 0 for RANK_UP / RANK_DOWN */
} RankChange;

/* One RankChange per model of `current` (out has current->n_models
 * entries), matching models by name. Ranks are the boards' `rank` fields,
 * or positions when a board has none. */
void rank_changes(const Leaderboard *previous, const Leaderboard *current,
                  RankChange *out);

/* "▲3", "▼1", "new", or "" (same / unknown). */
const char *rank_change_text(RankChange c, char *buf, size_t size);

#endif
