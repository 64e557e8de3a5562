#include "rate_elo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "parallel.h"
#include "rate_bootstrap.h"
#include "rng.h"

static inline void elo_update(double *r, uint32_t a, uint32_t b, int outcome,
                              double k)
{
    /* 10^(d/400) = exp(d ln10 / 400) */
    double expect_a = 1.0 / (1.0 + exp((r[b] - r[a]) * 0.005756462732485115));
    double score_a = outcome == OUTCOME_A ? 1.0 : outcome == OUTCOME_B ? 0.0
                                                                       : 0.5;
    double delta = k * (score_a - expect_a);
    r[a] += delta;
    r[b] -= delta;
}

typedef struct {
    double t;
    size_t k;
} Timed;

static int compare_timed(const void *x, const void *y)
{
    const Timed *a = x, *b = y;
    int na = isnan(a->t), nb = isnan(b->t);
    if (na != nb)
        return na - nb;
    if (!na && a->t != b->t)
        return a->t < b->t ? -1 : 1;
    return a->k < b->k ? -1 : a->k > b->k; /* stable */
}

void elo_online(const Battles *bt, double k, double *elo)
{
    for (size_t m = 0; m < bt->n_models; m++)
        elo[m] = 1000.0;
    Timed *order = xmalloc((bt->n + 1) * sizeof *order);
    for (size_t i = 0; i < bt->n; i++)
        order[i] = (Timed){bt->tstamp[i], i};
    qsort(order, bt->n, sizeof *order, compare_timed);
    for (size_t i = 0; i < bt->n; i++) {
        size_t j = order[i].k;
        elo_update(elo, bt->a[j], bt->b[j], bt->outcome[j], k);
    }
    free(order);
}

typedef struct {
    const Battles *bt;
    double k;
    uint64_t seed;
    EloBootstrap *out;
} Job;

static void *worker_new(void *ctx)
{
    return ctx;
}

static void worker_free(void *w)
{
    (void)w;
}

static void run_round(void *worker, void *ctx, int round)
{
    (void)worker;
    Job *job = ctx;
    const Battles *bt = job->bt;
    double *r = job->out->elo + (size_t)round * bt->n_models;
    for (size_t m = 0; m < bt->n_models; m++)
        r[m] = 1000.0;
    Rng rng;
    rng_seed(&rng, job->seed ^ 0x454C4Full /* "ELO" */, (uint64_t)round);
    for (size_t i = 0; i < bt->n; i++) {
        size_t j = (size_t)rng_below(&rng, bt->n);
        elo_update(r, bt->a[j], bt->b[j], bt->outcome[j], job->k);
    }
}

void elo_bootstrap(const Battles *bt, double k, int rounds, uint64_t seed,
                   int threads, void (*progress)(void *, int, int),
                   void *progress_ctx, EloBootstrap *out)
{
    out->rounds = rounds;
    out->n_models = bt->n_models;
    out->elo = xcalloc((size_t)(rounds > 0 ? rounds : 1) * bt->n_models + 1,
                       sizeof *out->elo);
    if (rounds <= 0 || bt->n == 0) {
        for (size_t i = 0; i < (size_t)(rounds > 0 ? rounds : 0) *
                                   bt->n_models; i++)
            out->elo[i] = 1000.0;
        return;
    }
    Job job = {bt, k, seed, out};
    ParallelJob pj = {worker_new, worker_free, run_round, &job, progress,
                      progress_ctx};
    parallel_run(&pj, rounds, threads);
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

void elo_bootstrap_median(const EloBootstrap *b, double *median)
{
    double *col = xmalloc((size_t)(b->rounds > 0 ? b->rounds : 1) *
                          sizeof *col);
    for (size_t m = 0; m < b->n_models; m++) {
        for (int r = 0; r < b->rounds; r++)
            col[r] = b->elo[(size_t)r * b->n_models + m];
        qsort(col, (size_t)b->rounds, sizeof *col, compare_double);
        median[m] = quantile_sorted(col, (size_t)b->rounds, 0.5);
    }
    free(col);
}

void elo_bootstrap_free(EloBootstrap *b)
{
    free(b->elo);
    memset(b, 0, sizeof *b);
}
