/* rate_sandwich — Bradley–Terry confidence intervals by the sandwich
 * estimator, the interval method lmarena/arena-rank uses by default.
 *
 * At the maximum-likelihood strengths θ (natural scale, mean zero):
 *   H = Σ_pairs p(1-p) W_ij (e_i - e_j)(e_i - e_j)ᵀ + r I, the Hessian of
 *       the summed negative log-likelihood (W_ij: the pair's battles, or
 *       the sum of their weights), with the ridge r = 1e-5 × the number of
 *       battles when the battles are unweighted and r = 1e-5 when they
 *       carry weights (arena-rank's hessian_reg and its scaling);
 *   G = Σ_battles w² (y - p)² (e_i - e_j)(e_i - e_j)ᵀ, the sum of the
 *       outer products of the per-battle score vectors (y = 1, 0 or 1/2
 *       for a tie; not centred: at the optimum they sum to zero), which
 *       arena-rank assembles from its (pair, outcome) rows as
 *       (opt_weight · (y - p))² / count;
 *   Var(θ_m) = (H⁻¹ G H⁻¹)_mm, half-width z · sqrt(Var), z = 1.959964
 *       (the normal 97.5 % quantile), on the mean-zero scale; on the Elo
 *       scale the half-width is multiplied by 400 / ln 10 and the interval
 *       is centred on the (anchored) rating: an anchor moves points only.
 *
 * Each variance needs one solve with H (graphsolve.h: the envelope factor
 * when it is small enough, conjugate gradients otherwise); the models are
 * spread over the threads and the result does not depend on their number.
 *
 * Memory: a few vectors per thread and the factor; no n × n matrix. */
#ifndef LBGEN_RATE_SANDWICH_H
#define LBGEN_RATE_SANDWICH_H

#include <stddef.h>

#include "rate_bt.h"

#define SANDWICH_Z 1.959963984540054
#define SANDWICH_HESSIAN_REG 1e-5

typedef struct {
    int threads;  /* <= 0: all processors */
    void (*progress)(void *ctx, int done, int total);
    void *progress_ctx;
} SandwichOptions;

/* half_width[m]: z · sd(θ_m) on the natural scale, for the strengths
 * `theta` fitted to `p`. */
void bt_sandwich(const BtPairs *p, const double *theta,
                 const SandwichOptions *opt, double *half_width);

#endif
