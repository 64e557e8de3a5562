/* rate — from parsed battles or judgment text to a rated Leaderboard.
 *
 * The orchestration shared by `lbgen rate` and the `battles` and
 * `arena-hard` adapters: per-model facts (votes, first and last seen,
 * preliminary), the chosen method (Bradley–Terry with bootstrap intervals
 * and optional style control, online Elo, win rate against a baseline),
 * the anchor, ranks and rank spreads, and the board's source block.
 *
 * Library code: nothing is printed. Warnings (degenerate data, fits that
 * stopped early, widened intervals) go to the `warn` callback, progress to
 * the `progress` callback; both may be NULL.
 *
 * Ownership: the returned Leaderboard belongs to the caller
 * (leaderboard_free); options and battles are borrowed. */
#ifndef LBGEN_RATE_H
#define LBGEN_RATE_H

#include <stddef.h>

#include "battles.h"
#include "diag.h"
#include "leaderboard.h"
#include "rate_winrate.h"

#define RATE_DEFAULT_ANCHOR "mixtral-8x7b-instruct-v0.1"
#define RATE_DEFAULT_ANCHOR_RATING 1114.0
#define RATE_DEFAULT_SEED 42
#define RATE_DEFAULT_BOOTSTRAP 1000
#define RATE_DEFAULT_PRELIM_VOTES 10000
#define RATE_DEFAULT_PRELIM_DAYS 30.0

typedef enum { RATE_BT, RATE_ELO, RATE_WINRATE } RateMethod;

/* How Bradley-Terry intervals are computed: the sandwich estimator (the
 * arena's default, lmarena/arena-rank) or bootstrap quantiles. The default
 * is sandwich for --method bt and bootstrap for elo and winrate (the only
 * method they have). */
typedef enum { RATE_CI_DEFAULT = 0, RATE_CI_SANDWICH, RATE_CI_BOOTSTRAP } RateCi;

typedef struct {
    const char *id;          /* Leaderboard id; required */
    const char *source_name; /* the input, for messages */
    RateMethod method;
    RateCi ci;
    /* Bootstrap rounds; -1: the default (RATE_DEFAULT_BOOTSTRAP when the
     * intervals are bootstrap quantiles, 0 with sandwich intervals). With
     * sandwich intervals a bootstrap, when asked for, gives the rank
     * spreads and rank_ub. */
    int bootstrap;
    long long seed;
    int threads;             /* 0: all processors */
    int style_control;       /* RATE_BT or RATE_WINRATE */
    const char *anchor_model; /* NULL: RATE_DEFAULT_ANCHOR when present */
    double anchor_rating;
    long long preliminary_votes; /* preliminary: fewer votes than this */
    double preliminary_days;     /* ... and first seen this recently */
    const char *baseline;    /* RATE_WINRATE: required */
    /* RATE_WINRATE: answers file or directory (NULL: none), for
     * avg_tokens and style control; answer records may also follow the
     * judgments in the judgment file itself. */
    const char *answers;
    /* Filters for reading battles (anony_only, where, since, until);
     * want_style is set from style_control by rate_read_options(). */
    BattleReadOptions read;

    void (*warn)(void *ctx, const char *message); /* ends with '\n' */
    void *warn_ctx;
    /* phase: "bootstrap", "style" or "sandwich". */
    void (*progress)(void *ctx, const char *phase, int done, int total);
    void *progress_ctx;
} RateOptions;

/* The defaults of `lbgen rate`: Bradley–Terry with sandwich intervals (no
 * bootstrap), seed 42, the default anchor at 1114, preliminary below 10000
 * votes within 30 days, anonymous battles only, no time bounds. */
void rate_options_init(RateOptions *o);

/* A bootstrap keeps a rounds × models table (and as much again for the
 * rank spreads): more entries than this are refused, naming both. */
#define RATE_BOOTSTRAP_MAX_CELLS 20000000.0

/* The interval method and the bootstrap rounds in effect for `o`. */
RateCi rate_ci(const RateOptions *o);
int rate_rounds(const RateOptions *o);

/* o->read with want_style matching o->style_control. */
BattleReadOptions rate_read_options(const RateOptions *o);

/* Rates battles (RATE_BT or RATE_ELO) into an arena board, models sorted
 * by rating. `bt` is renumbered in model-name order first (so results
 * never depend on which model a file mentions first). NULL with err set
 * when an explicit anchor model has no battles. */
Leaderboard *rate_battles(Battles *bt, const RateOptions *o, LbError *err);

/* Reads battles from `len` bytes (JSON array or JSON Lines) and rates
 * them: what the `battles` adapter does. */
Leaderboard *rate_battles_memory(const char *bytes, size_t len,
                                 const RateOptions *o, LbError *err);

/* Win rate against o->baseline from judgment JSON Lines at `path` ("-" =
 * standard input) or in memory; a winrate board sorted by score.
 * `summary` (may be NULL) receives the counts. */
Leaderboard *rate_judgments(const char *path, const RateOptions *o,
                            WinrateSummary *summary, LbError *err);
Leaderboard *rate_judgments_memory(const char *bytes, size_t len,
                                   const RateOptions *o,
                                   WinrateSummary *summary, LbError *err);

/* Pairwise battle counts and observed win fractions (ties left out, as
 * the arena's heatmap) between the models of `lb`, in its order: n × n,
 * so boards of more than RATE_MATRIX_MAX_MODELS models are refused. */
#define RATE_MATRIX_MAX_MODELS 5000
cJSON *rate_matrix_json(const Leaderboard *lb, const Battles *bt,
                        LbError *err);

#endif
