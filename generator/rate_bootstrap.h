/* rate_bootstrap — bootstrap confidence intervals for Bradley–Terry.
 *
 * Each round resamples the battles with replacement. Since the likelihood
 * depends only on the counts per (pair, outcome) cell, a round draws those
 * counts from the multinomial distribution of N battles over the observed
 * cells (exactly the same distribution as resampling battles, for a cost
 * that does not grow with N), refits starting from the point estimate, and
 * anchors the result like the point estimate. Rounds run on all cores;
 * round r's random stream depends only on (seed, r), so the output is the
 * same for any number of threads.
 *
 * Summaries (shared with the other bootstraps): 2.5% / 97.5% quantiles
 * with linear interpolation (numpy's default), and the rank spread.
 *
 * Ownership: BtBootstrap owns `elo` (bt_bootstrap_free). */
#ifndef LBGEN_RATE_BOOTSTRAP_H
#define LBGEN_RATE_BOOTSTRAP_H

#include <stddef.h>
#include <stdint.h>

#include "rate_bt.h"

typedef struct {
    int rounds;
    uint64_t seed;
    int threads;          /* <= 0: all processors */
    long anchor;          /* model index or -1 */
    double anchor_rating;
    void (*progress)(void *ctx, int done, int total);
    void *progress_ctx;
} BootstrapOptions;

typedef struct {
    int rounds;
    size_t n_models;
    double *elo;      /* rounds × n_models, anchored Elo-scale ratings */
    int with_prior;   /* rounds whose resample had no finite MLE */
    int unconverged;  /* rounds that hit the iteration limit */
    long long newton_steps, cg_steps; /* totals, for diagnostics */
} BtBootstrap;

/* `theta_hat`: the point estimate (natural scale) on the same pairs. */
void bt_bootstrap(const BtPairs *p, const double *theta_hat,
                  const BootstrapOptions *opt, BtBootstrap *out);
void bt_bootstrap_free(BtBootstrap *b);

/* Quantile q of sorted[0..n) with linear interpolation (type 7). */
double quantile_sorted(const double *sorted, size_t n, double q);

/* Per model, the 2.5% and 97.5% quantiles of column m of a rounds × n
 * table. */
void bootstrap_intervals(const double *table, int rounds, size_t n,
                         double *lower, double *upper);

/* Per model, the 2.5% and 97.5% quantiles of its rank across rounds (rank
 * = 1 + number of models rated strictly higher in that round), rounded
 * outwards to whole ranks. */
void bootstrap_rank_spread(const double *table, int rounds, size_t n,
                           int (*spread)[2]);

/* rank_ub: 1 + the number of models whose lower bound is above this
 * model's upper bound. O(n log n). */
void rank_upper_bounds(const double *lower, const double *upper, size_t n,
                       int *rank_ub);

/* The rank spread when there is no bootstrap: from the intervals alone,
 * the best rank 1 + (models whose lower bound is above this model's upper
 * bound) and the worst n - (models whose upper bound is below this model's
 * lower bound). O(n log n). */
void interval_rank_spread(const double *lower, const double *upper, size_t n,
                          int (*spread)[2]);

#endif
