/* refresh — `lbgen build --fetch`: bring each board's committed snapshot up
 * to date from its live source, and never publish garbage.
 *
 * For every board with sources (config.h: `sources`, or `live`): fetch
 * and adapt each source in turn (source.h), check the result against the
 * last good snapshot (history.h: rows, required fields, at least half the
 * previous rows); the first that passes is written to data/<file>
 * atomically and recorded as a dated copy in the history. Each source
 * skipped is logged with its reason ("ID: source 1 of 2 (ADAPTER URL)
 * skipped: WHY"), and after a fallback the source used too, even with
 * --quiet. A board whose every source fails keeps its last good
 * snapshot; the failure is reported and counted so the build can finish
 * the site and exit 3. */
#ifndef LBGEN_REFRESH_H
#define LBGEN_REFRESH_H

#include <stddef.h>

#include "config.h"
#include "diag.h"

typedef struct {
    int force;              /* publish even what fails the checks */
    const char *cache_dir;  /* conditional-GET cache; NULL: none */
    const char *history_dir; /* data/history; NULL: no history kept */
    /* Progress (fetching, refreshed), adapter warnings and failed sources,
     * each prefixed with the board's id; NULL: dropped. */
    const LbReporter *report;
} RefreshOptions;

typedef struct {
    size_t refreshed; /* snapshots replaced */
    size_t failed;    /* kept their last good data */
} RefreshReport;

/* Refreshes every live board of `config`. Source failures are reported
 * (LB_NOTE_FAILURE) and counted in report->failed, not returned: only a
 * problem with the configuration itself (an unknown adapter) or with
 * writing the data makes this return -1 with err filled. */
int refresh_boards(const SiteConfig *config, const RefreshOptions *options,
                   RefreshReport *report, LbError *err);

#endif
