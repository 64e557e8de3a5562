/* summary — what a publishing run tells its reader: a Markdown report of
 * every board's data (rows, update time, the biggest rank changes since
 * the previous snapshot, sources that failed their checks), written by
 * `lbgen summary` to the GitHub Actions job summary, and the list of
 * boards whose data changed, for the bot's commit message.
 *
 * The previous snapshot is a directory holding the data files as they
 * were before the run (the workflow copies data/ aside before fetching);
 * a board's previous file is PREVIOUS/<file name of its data>.
 * Rank changes come from rankchange.h. Everything is appended to a
 * caller-owned Buf. */
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

/* Fails (-1, `err`) only when the configuration cannot be loaded: a board
 * whose data cannot be read gets a row saying so and why. */
int summary_markdown(const SummaryOptions *options, Buf *out, LbError *err);

/* Appends the id of every board whose data file differs from (or is
 * missing in) `previous_dir`, one per line; a board whose data file cannot
 * be read is not listed. Fails only on the configuration. */
int summary_changed_boards(const char *config_path, const char *previous_dir,
                           Buf *out, LbError *err);

#endif
