/* rankchange — how each model moved between two versions of a board: the
 * ▲3 / ▼1 / new markers of the pages' "change" column (view.c) and the
 * biggest moves the publishing summary lists (summary.c).
 *
 * Models are matched by name (`model`, the source's id, never the display
 * name). A board's rank is a model's `rank` field, or its position
 * (1-based) when the field is absent; like is compared with like: when the
 * previous board's ratings are of the other variant (with or without style
 * control, lb_headline_variant), its plain_rank / style_rank is used, and
 * a model it ranks only in the other variant has no change. A model
 * missing from a previous board that is a top-N extract (truncated) is
 * not new, since it may only have ranked lower: its change is unknown.
 *
 * Ownership: rank_changes() fills a caller-provided array; a RankSummary
 * owns its `moved` array (rank_summary_free). */
#ifndef LBGEN_RANKCHANGE_H
#define LBGEN_RANKCHANGE_H

#include <stddef.h>

#include "leaderboard.h"

typedef enum {
    RANK_UNKNOWN, /* no previous board to compare with */
    RANK_SAME,
    RANK_UP,
    RANK_DOWN,
    RANK_NEW      /* not on the previous board */
} RankMove;

typedef struct {
    RankMove move;
    int rank;          /* on the current board */
    int previous_rank; /* on the previous board; 0 when new or unknown */
    int places;        /* > 0 for RANK_UP / RANK_DOWN, else 0 */
} RankChange;

/* One RankChange per model of `current` (out has current->n_models
 * entries). `previous` may be NULL: every move is then RANK_UNKNOWN. */
void rank_changes(const Leaderboard *previous, const Leaderboard *current,
                  RankChange *out);

/* "▲3", "▼1", "new", or "" (same / unknown). */
const char *rank_change_text(RankChange c, char *buf, size_t size);

/* The moves of a whole board, for a report. */
typedef struct {
    size_t *moved;  /* indexes into current->models of the models that moved
                       up or down: biggest move first, then the better
                       current rank, then the name */
    size_t n_moved;
    size_t added;   /* on `current` only */
    size_t dropped; /* on `previous` only */
} RankSummary;

/* `changes` is rank_changes(previous, current, ...). */
void rank_summary(const Leaderboard *previous, const Leaderboard *current,
                  const RankChange *changes, RankSummary *out);
void rank_summary_free(RankSummary *s);

#endif
