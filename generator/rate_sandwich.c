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
    double *u;
    GraphWork work;
} Worker;

static void *worker_new(void *ctx)
{
    Job *job = ctx;
    Worker *w = xcalloc(1, sizeof *w);
    size_t n = job->p->n_models;
    w->u = xcalloc(n ? n : 1, sizeof *w->u);
    graph_work_init(&w->work, n);
    return w;
}

static void worker_free(void *arg)
{
    Worker *w = arg;
    free(w->u);
    graph_work_free(&w->work);
    free(w);
}

/* Var(θ_m) = uᵀ G u with u = H⁻¹ e_m. */
static void run_model(void *arg, void *ctx, int model)
{
    Worker *w = arg;
    Job *job = ctx;
    const BtPairs *p = job->p;
    size_t n = p->n_models;
    double *u = w->u;
    if (job->factor) {
        memset(u, 0, n * sizeof *u);
        u[model] = 1.0;
        graph_factor_solve(job->factor, u, w->work.tmp);
    } else {
        double *e = w->work.tmp;
        memset(e, 0, n * sizeof *e);
        e[model] = 1.0;
        /* tmp is the preconditioner's scratch only with a factor. */
        graph_pcg(&job->system, e, u, 1e-10, 10000, &w->work, NULL);
    }
    double v = 0;
    for (size_t k = 0; k < p->n_pairs; k++) {
        double d = u[p->i[k]] - u[p->j[k]];
        v += job->meat[k] * d * d;
    }
    job->var[model] = v;
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
    ParallelJob pj = {worker_new, worker_free, run_model, &job,
                      opt ? opt->progress : NULL,
                      opt ? opt->progress_ctx : NULL};
    parallel_run(&pj, (int)n, opt ? opt->threads : 0);
    for (size_t m = 0; m < n; m++)
        half_width[m] = SANDWICH_Z * sqrt(var[m]);
    if (factored)
        graph_factor_free(&factor);
    free(var);
    free(diag);
    free(hess);
    free(meat);
}
