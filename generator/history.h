/* history — guarding and recording refreshed boards.
 *
 * source_check() decides whether a freshly fetched board may replace the
 * last good snapshot ("never publish garbage"); history_record() keeps one
 * snapshot per day and board, when it changed, as
 * HISTORY_DIR/<id>/YYYY-MM-DD.json (rankchange.h compares two of them);
 * a board's category C keeps its own as HISTORY_DIR/<id>/C/YYYY-MM-DD.json
 * (these functions called with DIR = HISTORY_DIR/<id> and id = C).
 * The `lbgen build --fetch` integration lives in refresh.c; the site build
 * reads the snapshots back with history_list(). */
#ifndef LBGEN_HISTORY_H
#define LBGEN_HISTORY_H

#include <stddef.h>

#include "diag.h"
#include "leaderboard.h"

/* 0 when `fetched` may replace `previous` (NULL when there is none): it has
 * rows, every row has the fields its kind requires (a model name and a
 * rating, or metrics on a board of metrics such as the agent board; arena
 * boards also a rank), at least half as many rows as `previous` and, when
 * `previous` has SOURCE_GROWTH_MIN_ROWS rows or more and was read by the
 * same adapter from the same URL, at most twice as many (a page that
 * suddenly lists every model ever, or repeats itself, is not news; a board
 * moving from a top-30 extract to the Arena's full JSON is). Otherwise -1
 * and an LB_ESOURCE error that says why. */
#define SOURCE_GROWTH_MIN_ROWS 10
int source_check(const Leaderboard *previous, const Leaderboard *fetched,
                 LbError *err);

/* Writes `lb` to DIR/<id>/<date>.json (date is YYYY-MM-DD; id is the
 * board's id from the configuration, a slug) unless the most recent
 * snapshot there holds the same board (updated_at aside). A second refresh
 * on the same day replaces that day's file. *written is set to 1 when a
 * file was written. Atomic. */
int history_record(const char *dir, const char *id, const Leaderboard *lb,
                   const char *date, int *written, LbError *err);

/* DIR/<id>/<date>.json, the path of one snapshot; the caller frees it. */
char *history_snapshot_path(const char *dir, const char *id, const char *date);

/* The board's snapshot dates (YYYY-MM-DD), oldest first; the caller frees
 * each string and the array. A missing directory is an empty history. */
int history_list(const char *dir, const char *id, char ***dates, size_t *n,
                 LbError *err);

#endif
