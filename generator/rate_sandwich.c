#include "rate_sandwich.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graphsolve.h"
#include "linalg.h"
#include "mem.h"
#include "parallel.h"

typedef struct {
    const BtPairs *p;
    const double *hess;   /* per pair: p(1-p) W */
    const double *meat;   /* per pair: Σ w² (y - p)² */
    const GraphFactor *factor; /* NULL: conjugate gradients */
    GraphSystem system;
    double *var;
} Job;

typedef struct {
    double *u, *block, *scratch;
    GraphWork work;
} Worker;

static void *worker_new(void *ctx)
{
    Job *job = ctx;
    Worker *w = xcalloc(1, sizeof *w);
    size_t n = job->p->n_models;
    w->u = xcalloc(n ? n : 1, sizeof *w->u);
    w->block = xcalloc((n ? n : 1) * GRAPH_BLOCK, sizeof *w->block);
    w->scratch = xcalloc((n ? n : 1) * GRAPH_BLOCK, sizeof *w->scratch);
    graph_work_init(&w->work, n);
    return w;
}

static void worker_free(void *arg)
{
    Worker *w = arg;
    free(w->u);
    free(w->block);
    free(w->scratch);
    graph_work_free(&w->work);
    free(w);
}

/* Var(θ_m) = uᵀ G u with u = H⁻¹ e_m, for the models of block `index`
 * (GRAPH_BLOCK of them at a time with a factor). */
static void run_block(void *arg, void *ctx, int index)
{
    enum { B = GRAPH_BLOCK };
    Worker *w = arg;
    Job *job = ctx;
    const BtPairs *p = job->p;
    size_t n = p->n_models;
    size_t first = (size_t)index * B, count = n - first < B ? n - first : B;
    if (job->factor) {
        size_t nodes[B] = {0};
        for (size_t b = 0; b < count; b++)
            nodes[b] = first + b;
        graph_factor_solve_units(job->factor, nodes, count, w->block,
                                 w->scratch);
        double v[B] = {0};
        for (size_t k = 0; k < p->n_pairs; k++) {
            const double *ui = w->block + (size_t)p->i[k] * B;
            const double *uj = w->block + (size_t)p->j[k] * B;
            double g = job->meat[k];
            for (size_t b = 0; b < B; b++) {
                double d = ui[b] - uj[b];
                v[b] += g * d * d;
            }
        }
        for (size_t b = 0; b < count; b++)
            job->var[first + b] = v[b];
        return;
    }
    for (size_t b = 0; b < count; b++) {
        double *e = w->work.tmp, *u = w->u;
        memset(e, 0, n * sizeof *e);
        e[first + b] = 1.0;
        /* tmp is the preconditioner's scratch only with a factor. */
        graph_pcg(&job->system, e, u, 1e-10, 10000, &w->work, NULL);
        double v = 0;
        for (size_t k = 0; k < p->n_pairs; k++) {
            double d = u[p->i[k]] - u[p->j[k]];
            v += job->meat[k] * d * d;
        }
        job->var[first + b] = v;
    }
}

/* Progress in models, not blocks. */
typedef struct {
    const SandwichOptions *opt;
    size_t n;
} Progress;

static void block_progress(void *ctx, int done, int total)
{
    const Progress *pr = ctx;
    size_t models = (size_t)done * GRAPH_BLOCK;
    (void)total;
    pr->opt->progress(pr->opt->progress_ctx,
                      (int)(models < pr->n ? models : pr->n), (int)pr->n);
}

void bt_sandwich(const BtPairs *p, const double *theta,
                 const SandwichOptions *opt, double *half_width)
{
    size_t n = p->n_models, np = p->n_pairs;
    if (n == 0)
        return;
    double *hess = xmalloc((np + 1) * sizeof *hess);
    double *meat = xmalloc((np + 1) * sizeof *meat);
    for (size_t k = 0; k < np; k++) {
        double pi = bt_win_probability(theta[p->i[k]], theta[p->j[k]]);
        double pj = 1.0 - pi;
        double total = p->wins_i[k] + p->wins_j[k] + p->ties[k];
        hess[k] = pi * pj * total;
        double si = p->sq_i ? p->sq_i[k] : p->wins_i[k];
        double sj = p->sq_j ? p->sq_j[k] : p->wins_j[k];
        double st = p->sq_t ? p->sq_t[k] : p->ties[k];
        meat[k] = si * pj * pj + sj * pi * pi + st * (0.5 - pi) * (0.5 - pi);
    }
    double ridge = SANDWICH_HESSIAN_REG * (p->weighted ? 1.0 : p->battles);
    double *diag = xmalloc(n * sizeof *diag);
    for (size_t m = 0; m < n; m++)
        diag[m] = ridge;
    GraphFactor factor;
    int factored = graph_factor(&factor, &p->pattern, hess, diag) == 0;
    double *var = xcalloc(n, sizeof *var);
    Job job = {p, hess, meat, factored ? &factor : NULL,
               {&p->pattern, hess, diag, 0, 0, NULL}, var};
    Progress pr = {opt, n};
    ParallelJob pj = {worker_new, worker_free, run_block, &job,
                      opt && opt->progress ? block_progress : NULL, &pr};
    parallel_run(&pj, (int)((n + GRAPH_BLOCK - 1) / GRAPH_BLOCK),
                 opt ? opt->threads : 0);
    for (size_t m = 0; m < n; m++)
        half_width[m] = SANDWICH_Z * sqrt(var[m]);
    if (factored)
        graph_factor_free(&factor);
    free(var);
    free(diag);
    free(hess);
    free(meat);
}
