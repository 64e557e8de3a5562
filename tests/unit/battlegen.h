/* battlegen — a small seeded generator of Bradley–Terry battles for the
 * rating tests: model k has natural-scale strength theta[k]; each battle
 * picks a random pair, is a tie with probability `tie_rate`, and otherwise
 * model_a wins with probability 1 / (1 + exp(theta_b - theta_a)).
 * Header-only; uses lbgen's seeded PRNG so runs are reproducible. */
#ifndef LBGEN_TEST_BATTLEGEN_H
#define LBGEN_TEST_BATTLEGEN_H

#include <math.h>
#include <stdio.h>

#include "battles.h"
#include "rng.h"

static inline void battlegen_models(Battles *bt, size_t n)
{
    char name[32];
    for (size_t k = 0; k < n; k++) {
        snprintf(name, sizeof name, "model-%02zu", k);
        battles_model_id(bt, name, strlen(name));
    }
}

static inline void battlegen(Battles *bt, const double *theta, size_t n,
                             size_t battles, double tie_rate, uint64_t seed)
{
    Rng r;
    rng_seed(&r, seed, 0);
    if (bt->n_models < n)
        battlegen_models(bt, n);
    for (size_t i = 0; i < battles; i++) {
        uint32_t a = (uint32_t)rng_below(&r, n);
        uint32_t b = (uint32_t)rng_below(&r, n - 1);
        if (b >= a)
            b++;
        BattleOutcome o;
        if (rng_uniform(&r) < tie_rate)
            o = OUTCOME_TIE;
        else
            o = rng_uniform(&r) < 1.0 / (1.0 + exp(theta[b] - theta[a]))
                    ? OUTCOME_A
                    : OUTCOME_B;
        battles_push(bt, a, b, o, 1.7e9 + (double)i, NULL);
    }
}

#endif
