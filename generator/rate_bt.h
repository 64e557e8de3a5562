/* rate_bt — Bradley–Terry maximum likelihood on aggregated pair counts.
 *
 * The model: P(i beats j) = 1 / (1 + exp(-(θi - θj))) with natural-scale
 * strengths θ; a tie counts as half a win for each side, so the data enter
 * only through W_ij = wins of i over j + ties / 2, one cell per unordered
 * pair. Ratings on the Elo scale are 1000 + 400 θ / ln 10 (base 10, scale
 * 400, initial 1000, as the public arena), shifted so an anchor model gets
 * its fixed rating.
 *
 * Optional battle weights (lmarena/arena-rank's "opt_weights") multiply
 * each battle's term; the pair cells then hold weighted sums.
 *
 * The fit is Newton's method on the summed negative log-likelihood until
 * the gradient's Euclidean norm (natural scale) is below BT_GRAD_TOL.
 * Strengths are identified only up to a constant: the fit keeps their sum
 * at zero (mean rating 1000 before anchoring), as the reference
 * implementation's L-BFGS started from zero does. The Newton systems are
 * solved on the sparse graph of pairs (graphsolve.h): by a factor of the
 * Hessian when its envelope is small enough, otherwise by conjugate
 * gradients; bootstrap rounds use the point estimate's factor as the
 * preconditioner.
 *
 * When no finite maximum exists — the comparison graph is disconnected,
 * or a model (or group) never lost or never won against the rest, i.e. the
 * "beats or ties" graph is not strongly connected — the fit adds a ridge
 * penalty BT_PRIOR/2 · Σθ² (the public arena's style-control ridge, 0.5 on
 * the θ/ln10 scale). Ratings stay finite, each disconnected part keeps mean
 * 1000 before anchoring, and the caller warns naming the models
 * (bt_describe_degenerate).
 *
 * Ownership: BtPairs owns its arrays (bt_pairs_free); a BtSolver owns its
 * workspace (bt_solver_free). A solver is not shared between threads. */
#ifndef LBGEN_RATE_BT_H
#define LBGEN_RATE_BT_H

#include <stddef.h>
#include <stdint.h>

#include "battles.h"
#include "buf.h"
#include "graphsolve.h"

/* The fits work on the sparse pairings (graphsolve.h), so their cost grows
 * with the pairs that met, not with the square of the models. A source
 * naming more models than this (real boards have a few hundred; every
 * arena's boards together a few thousand) is refused as not being what it
 * claims; the battle reader stops as soon as it sees one more. */
#define RATE_MAX_MODELS 100000

#define BT_GRAD_TOL 1e-8
/* Bootstrap rounds (a solver with a preconditioner) also stop after a full
 * Newton step no larger than this on any strength: the error left is of
 * the order of its square (below 1e-7, 2e-5 Elo), far below what the
 * quantiles and rank spreads resolve. */
#define BT_ROUND_STEP_TOL 1e-4
#define BT_PRIOR (0.5 / (2.302585092994046 * 2.302585092994046))
#define BT_MAX_ITER 200

/* One cell per unordered pair that met at least once: i < j, sorted by
 * (i, j) (the fit's inner loops rely on the order). */
typedef struct {
    size_t n_models;
    size_t n_pairs;
    uint32_t *i, *j;
    /* Each outcome's battles (weighted: the sum of their weights). */
    double *wins_i, *wins_j, *ties;
    /* Weighted battles only (else NULL): the sums of the squared weights,
     * per outcome (the sandwich estimator's G). */
    double *sq_i, *sq_j, *sq_t;
    /* Bootstrap cells: one per (pair, outcome, weight) with its battle
     * count; unweighted battles have three per pair (weight 1). */
    size_t n_cells;
    uint32_t *cell_pair;
    uint8_t *cell_kind;   /* 0 wins_i, 1 wins_j, 2 ties */
    double *cell_weight, *cell_count;
    double battles;       /* battles (not weighted) */
    int weighted;         /* some weight is not 1 */
    GraphPattern pattern; /* the graph of pairs, for the solvers */
} BtPairs;

void bt_pairs_from_battles(BtPairs *p, const Battles *bt);
void bt_pairs_free(BtPairs *p);
/* W arrays (wins + ties / 2) for counts `wi`, `wj`, `t` (length n_pairs). */
void bt_pairs_weights(const BtPairs *p, const double *wi, const double *wj,
                      const double *t, double *w_i, double *w_j);

typedef struct {
    int iterations;   /* Newton steps */
    int cg_steps;     /* conjugate-gradient steps inside them */
    double grad_norm;
    int converged;
    double prior;     /* 0, or BT_PRIOR when no finite MLE exists */
} BtFitInfo;

typedef struct BtSolver BtSolver;

BtSolver *bt_solver_new(size_t n_models, size_t n_pairs);
void bt_solver_free(BtSolver *s);

/* Fits strengths for weights w_i/w_j on the pairs of `p`. `theta` holds
 * the starting point (zeros, or a previous fit) and receives the result.
 * Each Newton step is solved by conjugate gradients with the solver's
 * preconditioner when one was set (bootstrap rounds), otherwise with a
 * fresh envelope factor of the Hessian (or, when the pattern is too large
 * to factor, by conjugate gradients with its diagonal). It stops when the
 * gradient norm is below BT_GRAD_TOL or, with a preconditioner set
 * (bootstrap rounds), after a full step below BT_ROUND_STEP_TOL. Returns 0,
 * or -1 when the iteration limit was reached (theta then holds the last
 * iterate). */
int bt_fit(BtSolver *s, const BtPairs *p, const double *w_i,
           const double *w_j, double *theta, BtFitInfo *info);

/* Factors the Hessian at `theta` for later fits with the same pairs: each
 * bootstrap round then solves its Newton steps by conjugate gradients
 * preconditioned with this factor (cheap when the data barely change).
 * Without a factor (a pattern too large to factor) rounds use the
 * diagonal. */
void bt_solver_set_preconditioner(BtSolver *s, const BtPairs *p,
                                  const double *w_i, const double *w_j,
                                  const double *theta, double prior);
/* Shares another solver's preconditioner (read-only) across threads. */
void bt_solver_share_preconditioner(BtSolver *s, const BtSolver *from);

/* 1 when every model can be reached from every other along "beats or
 * ties" edges (a finite maximum-likelihood estimate exists). */
int bt_has_finite_mle(const BtPairs *p, const double *w_i, const double *w_j);

/* Appends to `out` one line per problem (disconnected parts, models that
 * never lost or never won, groups that never lost to the rest), naming the
 * models; nothing when a finite MLE exists. */
void bt_describe_degenerate(const BtPairs *p, const double *w_i,
                            const double *w_j, char *const *names, Buf *out);

/* Elo scale: 1000 + 400 θ / ln 10, then shifted so model `anchor` (when
 * >= 0) sits at `anchor_rating`. */
void bt_to_elo(const double *theta, size_t n, long anchor,
               double anchor_rating, double *elo);

/* The summed negative log-likelihood plus prior/2 · Σθ² at theta (the
 * line search's objective; exported for tests). */
double bt_objective(const BtPairs *p, const double *w_i, const double *w_j,
                    const double *theta, double prior);

/* P(i beats j) = σ(θi - θj) for each pair, stably. */
double bt_win_probability(double theta_i, double theta_j);

#endif
