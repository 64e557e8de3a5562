/* summary — what a publishing run tells its reader: a Markdown report of
 * every board's data (rows, update time, the biggest rank changes since
 * the previous snapshot, sources that failed their checks), written by
 * `lbgen summary` to the GitHub Actions job summary, and the list of
 * boards whose data changed, for the bot's commit message.
 *
 * The previous snapshot is a directory holding the data files as they
 * were before the run (the workflow copies data/ aside before fetching);
 * a board's previous file is PREVIOUS/<file name of its data>.
 * Everything is appended to a caller-owned Buf. */
#ifndef LBGEN_SUMMARY_H
#define LBGEN_SUMMARY_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "leaderboard.h"

typedef struct {
    const char *config_path;  /* leaderboards.json */
    const char *previous_dir; /* NULL: no comparison */
    const char *log_text;     /* the build's stderr, or NULL */
    size_t top_changes;       /* rank changes listed per board */
} SummaryOptions;

/* One model's move between two snapshots; the caller frees `model`. */
typedef struct {
    char *model;
    int rank, previous_rank; /* previous_rank 0: new on the board */
} RankChange;

/* Models of `now` whose rank differs from `before` (matched by name),
 * biggest move first (ties: better current rank, then name); new models
 * are counted in *added, not listed; models that left in *dropped. */
RankChange *summary_rank_changes(const Leaderboard *before,
                                 const Leaderboard *now, size_t *n,
                                 size_t *added, size_t *dropped);
void summary_free_changes(RankChange *changes, size_t n);

int summary_markdown(const SummaryOptions *options, Buf *out, LbError *err);

/* Appends the id of every board whose data file differs from (or is
 * missing in) `previous_dir`, one per line. */
int summary_changed_boards(const char *config_path, const char *previous_dir,
                           Buf *out, LbError *err);

#endif
