/* rng — seeded pseudo-random numbers and the samplers the bootstraps use.
 *
 * xoshiro256** seeded through splitmix64. Every bootstrap round gets its
 * own stream derived from (seed, round) alone, so results do not depend on
 * how rounds are spread over threads. Plain structs, no allocation except
 * in AliasTable (alias_free). */
#ifndef LBGEN_RNG_H
#define LBGEN_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t s[4];
} Rng;

/* The stream for round `round` of a run seeded with `seed`. */
void rng_seed(Rng *r, uint64_t seed, uint64_t round);
uint64_t rng_next(Rng *r);
/* Uniform in [0, 1) with 53 random bits. */
double rng_uniform(Rng *r);
/* Uniform integer in [0, n), unbiased (Lemire's method). n > 0. */
uint64_t rng_below(Rng *r, uint64_t n);

/* Poisson(lambda) by inversion started at the mode: the pmf and cdf at the
 * mode are precomputed once, so a draw costs about sqrt(lambda) steps. */
typedef struct {
    double lambda, inv_lambda, p_mode, f_mode;
    uint32_t mode;
} PoissonCell;

void poisson_cell_init(PoissonCell *c, double lambda);
uint32_t poisson_cell_draw(const PoissonCell *c, Rng *r);

/* Walker/Vose alias table: O(1) draws from a fixed discrete distribution. */
typedef struct {
    size_t n;
    double *prob;
    uint32_t *alias;
} AliasTable;

/* `weights` non-negative with a positive sum. */
void alias_init(AliasTable *t, const double *weights, size_t n);
uint32_t alias_draw(const AliasTable *t, Rng *r);
void alias_free(AliasTable *t);

/* Exact multinomial draw of `total` items over cells whose probabilities
 * are counts[k] / total (the bootstrap of a data set summarised by cell
 * counts): independent Poisson(counts[k]) draws, then the surplus or
 * shortfall against `total` is corrected by removing uniformly chosen
 * items or adding categorical draws, which leaves exactly the multinomial
 * distribution. Precomputed state is shared read-only between threads;
 * `fenwick` is per-thread scratch of n + 1 entries. */
/* Poisson(lambda) for a small whole lambda by table inversion: the cdf
 * from 0 until it rounds to 1, and a guide table that jumps to the right
 * neighbourhood, so a draw costs one uniform and about one comparison.
 * Cells sharing a lambda share the table and are drawn together, which
 * keeps the table in cache. */
typedef struct {
    uint32_t lambda;
    uint32_t *cells;      /* cell indices with this lambda */
    size_t n_cells;
    double *cdf;          /* cdf[k], k = 0 .. n_cdf - 1; the last is 1 */
    size_t n_cdf;
    uint32_t *guide;      /* guide[j]: smallest k with cdf[k] > j / n_guide */
    size_t n_guide;
} PoissonTable;

typedef struct {
    size_t n;
    uint64_t total;
    PoissonCell *cells;
    PoissonTable *tables; /* whole counts up to POISSON_TABLE_MAX */
    size_t n_tables;
    uint32_t *walk_cells; /* the other cells: drawn by the mode walk */
    size_t n_walk;
    AliasTable alias;
} MultinomialPlan;

#define POISSON_TABLE_MAX 512

void multinomial_plan_init(MultinomialPlan *m, const double *counts,
                           size_t n);
void multinomial_plan_free(MultinomialPlan *m);
void multinomial_draw(const MultinomialPlan *m, Rng *r, uint32_t *out,
                      uint64_t *fenwick);

#endif
