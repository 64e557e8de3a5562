/* rate_elo — online Elo, the classic alternative to Bradley–Terry.
 *
 * Battles are replayed in time order (stable sort on tstamp; battles
 * without one keep their place after the timed ones); every model starts
 * at 1000 and each battle moves both ratings by K (S - E) with
 * E = 1 / (1 + 10^((R_other - R) / 400)), ties scoring 0.5. The bootstrap
 * replays N battles drawn with replacement, in the order drawn (as the
 * public arena's compute_bootstrap_elo); with a bootstrap the published
 * rating is the median over rounds, as the arena published it.
 *
 * Ownership: EloBootstrap owns `elo` (elo_bootstrap_free). */
#ifndef LBGEN_RATE_ELO_H
#define LBGEN_RATE_ELO_H

#include <stddef.h>
#include <stdint.h>

#include "battles.h"

#define ELO_K 4.0

void elo_online(const Battles *bt, double k, double *elo);

typedef struct {
    int rounds;
    size_t n_models;
    double *elo; /* rounds × n_models */
} EloBootstrap;

void elo_bootstrap(const Battles *bt, double k, int rounds, uint64_t seed,
                   int threads, void (*progress)(void *, int, int),
                   void *progress_ctx, EloBootstrap *out);
void elo_bootstrap_median(const EloBootstrap *b, double *median);
void elo_bootstrap_free(EloBootstrap *b);

#endif
