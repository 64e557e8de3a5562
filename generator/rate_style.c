#include "rate_style.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "graphsolve.h"
#include "linalg.h"
#include "mem.h"
#include "parallel.h"
#include "rate_bt.h"
#include "rate_sandwich.h"
#include "rng.h"

const char *const style_feature_names[STYLE_FEATURES] = {"length", "headers",
                                                         "lists", "bold"};

#define LN10 2.302585092994046
#define STYLE_GRAD_TOL 1e-8
#define STYLE_MAX_ITER 100
#define F STYLE_FEATURES

/* The data of one fit, shared read-only by all rounds. Each battle is
 * oriented so that a < b (swapping sides negates the features and flips
 * the outcome: the same likelihood term) and battles are sorted by pair,
 * so a pair's battles are one run. */
typedef struct {
    size_t n_battles, n_models, n_params;
    uint32_t *a, *b;
    uint8_t *y2;   /* twice the outcome for model a: 2 win, 1 tie, 0 loss */
    double *x;     /* standardised features, F per battle */
    double *wt;    /* battle weights; NULL: all 1 */
    size_t n_pairs;
    uint32_t *pi, *pj;
    size_t *pstart; /* pair k's battles: pstart[k] .. pstart[k + 1] */
    GraphPattern pattern;
} StyleData;

/* Scratch for Newton's method; one per thread. */
typedef struct {
    size_t n;
    double *g, *step, *trial, *trial_g;
    double *hpair;          /* per pair: ln10² Σ s */
    double *cross;          /* n × F: ∂²/∂c_m ∂β_f */
    double ff[F][F];        /* Σ s x xᵀ */
    double *cols;           /* n × (F + 1): A⁻¹ [B, -g_c] */
    double *rhs, *diag;
    GraphFactor factor;
    int factored;
    GraphWork work;
} Newton;

static void newton_init(Newton *nw, const StyleData *d)
{
    size_t n = d->n_models ? d->n_models : 1, p = d->n_params;
    memset(nw, 0, sizeof *nw);
    nw->n = d->n_models;
    nw->g = xcalloc(p, sizeof(double));
    nw->trial_g = xcalloc(p, sizeof(double));
    nw->step = xcalloc(p, sizeof(double));
    nw->trial = xcalloc(p, sizeof(double));
    nw->hpair = xcalloc(d->n_pairs + 1, sizeof(double));
    nw->cross = xcalloc(n * F, sizeof(double));
    nw->cols = xcalloc(n * (F + 1), sizeof(double));
    nw->rhs = xcalloc(n, sizeof(double));
    nw->diag = xcalloc(n, sizeof(double));
    graph_work_init(&nw->work, d->n_models);
}

static void newton_free(Newton *nw)
{
    free(nw->g);
    free(nw->trial_g);
    free(nw->step);
    free(nw->trial);
    free(nw->hpair);
    free(nw->cross);
    free(nw->cols);
    free(nw->rhs);
    free(nw->diag);
    if (nw->factored)
        graph_factor_free(&nw->factor);
    graph_work_free(&nw->work);
}

static inline double logit_of(const StyleData *d, const double *params,
                              size_t k)
{
    const double *x = d->x + k * F;
    const double *beta = params + d->n_models;
    double z = LN10 * (params[d->a[k]] - params[d->b[k]]);
    for (int f = 0; f < F; f++)
        z += x[f] * beta[f];
    return z;
}

static inline double battle_weight(const StyleData *d, const uint32_t *w,
                                   size_t k)
{
    double wk = w ? (double)w[k] : 1.0;
    return d->wt ? wk * d->wt[k] : wk;
}

/* Gradient of the penalised objective into g and (when nw is not NULL)
 * the NLL's Hessian blocks into nw, at params, with battle counts w (NULL:
 * 1 each). Returns the gradient norm. */
static double evaluate(const StyleData *d, const uint32_t *w,
                       const double *params, double *g, Newton *nw)
{
    size_t n = d->n_models, p = d->n_params;
    for (size_t i = 0; i < p; i++)
        g[i] = STYLE_RIDGE * params[i];
    if (nw) {
        memset(nw->cross, 0, n * F * sizeof *nw->cross);
        memset(nw->ff, 0, sizeof nw->ff);
    }
    double gf[F] = {0};
    for (size_t k = 0; k < d->n_pairs; k++) {
        uint32_t a = d->pi[k], b = d->pj[k];
        double e_sum = 0, s_sum = 0, sx_sum[F] = {0};
        for (size_t t = d->pstart[k]; t < d->pstart[k + 1]; t++) {
            double wk = battle_weight(d, w, t);
            if (wk == 0)
                continue;
            double z = logit_of(d, params, t);
            double prob = 1.0 / (1.0 + exp(-z));
            double e = wk * (0.5 * d->y2[t] - prob);
            const double *x = d->x + t * F;
            e_sum += e;
            for (int f = 0; f < F; f++)
                gf[f] -= x[f] * e;
            if (!nw)
                continue;
            double s = wk * prob * (1.0 - prob);
            s_sum += s;
            for (int f = 0; f < F; f++) {
                double sx = s * x[f];
                sx_sum[f] += sx;
                for (int q = 0; q <= f; q++)
                    nw->ff[f][q] += sx * x[q];
            }
        }
        g[a] -= LN10 * e_sum;
        g[b] += LN10 * e_sum;
        if (!nw)
            continue;
        nw->hpair[k] = LN10 * LN10 * s_sum;
        for (int f = 0; f < F; f++) {
            nw->cross[(size_t)a * F + f] += LN10 * sx_sum[f];
            nw->cross[(size_t)b * F + f] -= LN10 * sx_sum[f];
        }
    }
    for (int f = 0; f < F; f++) {
        g[n + (size_t)f] += gf[f];
        if (nw)
            for (int q = 0; q < f; q++)
                nw->ff[q][f] = nw->ff[f][q];
    }
    double norm = 0;
    for (size_t i = 0; i < p; i++)
        norm += g[i] * g[i];
    return sqrt(norm);
}

static double objective(const StyleData *d, const uint32_t *w,
                        const double *params)
{
    double f = 0;
    for (size_t k = 0; k < d->n_battles; k++) {
        double wk = battle_weight(d, w, k);
        if (wk == 0)
            continue;
        double z = logit_of(d, params, k);
        /* -log σ(z) and -log σ(-z), stably. */
        double nl_pos = z > 0 ? log1p(exp(-z)) : -z + log1p(exp(z));
        double nl_neg = nl_pos + z;
        double y = 0.5 * d->y2[k];
        f += wk * (y * nl_pos + (1.0 - y) * nl_neg);
    }
    for (size_t i = 0; i < d->n_params; i++)
        f += 0.5 * STYLE_RIDGE * params[i] * params[i];
    return f;
}

/* Solves A x = b for the models' block A = Laplacian(hpair) + ridge I,
 * with the factor of the current Hessian or conjugate gradients. */
static void block_solve(const StyleData *d, Newton *nw, double ridge,
                        const double *b, double *x, double rtol)
{
    size_t n = d->n_models;
    if (nw->factored) {
        memcpy(x, b, n * sizeof *x);
        graph_factor_solve(&nw->factor, x, nw->work.tmp);
        return;
    }
    GraphSystem sys = {&d->pattern, nw->hpair, NULL, ridge, 0, NULL};
    graph_pcg(&sys, b, x, rtol, 5000, &nw->work, NULL);
}

static void block_factor(const StyleData *d, Newton *nw, double ridge)
{
    if (nw->factored)
        graph_factor_free(&nw->factor);
    for (size_t m = 0; m < d->n_models; m++)
        nw->diag[m] = ridge;
    nw->factored = graph_factor(&nw->factor, &d->pattern, nw->hpair,
                                nw->diag) == 0;
}

/* In cols: A⁻¹ B (F columns, model-major) for the Schur complement
 * S = C - Bᵀ A⁻¹ B, and its Cholesky factor in s[F][F]. */
static int schur(const StyleData *d, Newton *nw, double ridge, double rtol,
                 double s[F][F])
{
    size_t n = d->n_models;
    double *col = nw->rhs, *sol = nw->trial_g; /* n-long scratch */
    for (int f = 0; f < F; f++) {
        for (size_t m = 0; m < n; m++)
            col[m] = nw->cross[m * F + f];
        block_solve(d, nw, ridge, col, sol, rtol);
        for (size_t m = 0; m < n; m++)
            nw->cols[m * (F + 1) + f] = sol[m];
    }
    for (int f = 0; f < F; f++)
        for (int q = 0; q < F; q++) {
            double v = nw->ff[f][q] + (f == q ? ridge : 0.0);
            for (size_t m = 0; m < n; m++)
                v -= nw->cross[m * F + f] * nw->cols[m * (F + 1) + q];
            s[f][q] = v;
        }
    return cholesky_factor(&s[0][0], F);
}

/* The Newton step for the penalised objective (ridge STYLE_RIDGE on every
 * parameter) by block elimination. */
static int newton_step(const StyleData *d, Newton *nw, double gnorm)
{
    size_t n = d->n_models;
    double rtol = gnorm < 1e-2 ? gnorm : 1e-2;
    if (rtol < 1e-12)
        rtol = 1e-12;
    if (d->pattern.factorable)
        block_factor(d, nw, STYLE_RIDGE);
    double s[F][F];
    /* trial_g is scratch here; the caller recomputes it. */
    if (schur(d, nw, STYLE_RIDGE, rtol, s) < 0)
        return -1;
    double *z = nw->step; /* A⁻¹ (-g_c), then x */
    for (size_t m = 0; m < n; m++)
        nw->rhs[m] = -nw->g[m];
    block_solve(d, nw, STYLE_RIDGE, nw->rhs, z, rtol);
    double y[F];
    for (int f = 0; f < F; f++) {
        double v = -nw->g[n + (size_t)f];
        for (size_t m = 0; m < n; m++)
            v -= nw->cross[m * F + f] * z[m];
        y[f] = v;
    }
    cholesky_solve(&s[0][0], F, y);
    for (size_t m = 0; m < n; m++) {
        double v = z[m];
        for (int f = 0; f < F; f++)
            v -= nw->cols[m * (F + 1) + f] * y[f];
        z[m] = v;
    }
    for (int f = 0; f < F; f++)
        nw->step[n + (size_t)f] = y[f];
    return 0;
}

/* Newton's method with a gradient-norm test and an Armijo fallback.
 * Returns the final gradient norm; *converged set accordingly. */
static double fit(const StyleData *d, const uint32_t *w, Newton *nw,
                  double *params, int *converged)
{
    size_t p = d->n_params;
    double gnorm = evaluate(d, w, params, nw->g, nw);
    *converged = 0;
    for (int it = 0; it < STYLE_MAX_ITER; it++) {
        if (gnorm < STYLE_GRAD_TOL) {
            *converged = 1;
            return gnorm;
        }
        if (newton_step(d, nw, gnorm) < 0)
            return gnorm; /* cannot happen with the ridge; be safe */
        for (size_t i = 0; i < p; i++)
            nw->trial[i] = params[i] + nw->step[i];
        double tnorm = evaluate(d, w, nw->trial, nw->trial_g, nw);
        if (tnorm < gnorm) {
            memcpy(params, nw->trial, p * sizeof *params);
            memcpy(nw->g, nw->trial_g, p * sizeof *nw->g);
            gnorm = tnorm;
            continue;
        }
        double f0 = objective(d, w, params);
        double slope = dot(nw->g, nw->step, p);
        double t = 1.0;
        for (int back = 0; back < 60; back++) {
            if (objective(d, w, nw->trial) <= f0 + 1e-4 * t * slope)
                break;
            t *= 0.5;
            for (size_t i = 0; i < p; i++)
                nw->trial[i] = params[i] + t * nw->step[i];
        }
        memcpy(params, nw->trial, p * sizeof *params);
        gnorm = evaluate(d, w, params, nw->g, nw);
    }
    *converged = gnorm < STYLE_GRAD_TOL;
    return gnorm;
}

static void to_elo(const StyleData *d, const double *params, long anchor,
                   double anchor_rating, double *elo)
{
    /* θ = ln10 · c, so bt_to_elo's 1000 + 400 θ / ln10 = 1000 + 400 c. */
    double *theta = xmalloc((d->n_models + 1) * sizeof *theta);
    for (size_t m = 0; m < d->n_models; m++)
        theta[m] = LN10 * params[m];
    bt_to_elo(theta, d->n_models, anchor, anchor_rating, elo);
    free(theta);
}

/* ---- bootstrap --------------------------------------------------------- */

typedef struct {
    const StyleData *data;
    const StyleOptions *opt;
    const double *point;
    StyleResult *out;
    atomic_int unconverged;
} Job;

typedef struct {
    Newton nw;
    uint32_t *w;
    double *params;
    int unconverged;
    Job *job;
} Worker;

static void *worker_new(void *ctx)
{
    Job *job = ctx;
    Worker *wk = xcalloc(1, sizeof *wk);
    wk->job = job;
    newton_init(&wk->nw, job->data);
    wk->w = xmalloc((job->data->n_battles + 1) * sizeof *wk->w);
    wk->params = xmalloc(job->data->n_params * sizeof *wk->params);
    return wk;
}

static void worker_free(void *arg)
{
    Worker *wk = arg;
    atomic_fetch_add(&wk->job->unconverged, wk->unconverged);
    newton_free(&wk->nw);
    free(wk->w);
    free(wk->params);
    free(wk);
}

static void run_round(void *arg, void *ctx, int round)
{
    Worker *wk = arg;
    Job *job = ctx;
    const StyleData *d = job->data;
    Rng rng;
    rng_seed(&rng, job->opt->seed ^ 0x5354594C45ull /* "STYLE" */,
             (uint64_t)round);
    memset(wk->w, 0, d->n_battles * sizeof *wk->w);
    for (size_t i = 0; i < d->n_battles; i++)
        wk->w[rng_below(&rng, d->n_battles)]++;
    memcpy(wk->params, job->point, d->n_params * sizeof *wk->params);
    int converged;
    fit(d, wk->w, &wk->nw, wk->params, &converged);
    if (!converged)
        wk->unconverged++;
    StyleResult *out = job->out;
    to_elo(d, wk->params, job->opt->anchor, job->opt->anchor_rating,
           out->boot_elo + (size_t)round * d->n_models);
    memcpy(out->boot_coef + (size_t)round * F, wk->params + d->n_models,
           F * sizeof(double));
}

/* ---- sandwich ---------------------------------------------------------- */

/* Per pair, the sums over its battles of q = w² (y - p)² times 1, x and
 * x xᵀ (the meat G in blocks); W = A⁻¹ B and S⁻¹ of the Hessian H. */
typedef struct {
    const StyleData *d;
    const double *point;
    double *q0, *q1, *q2; /* per pair: 1, F, F × F */
    const Newton *h;      /* the Hessian's blocks and factor */
    double ridge;         /* H's diagonal regulariser */
    double sinv[F][F];
    double correction;    /* ridge² / N of the penalised gradients */
    double *var;
} Sandwich;

typedef struct {
    double *u, *x;
    GraphWork work;
} SandwichWorker;

static void *sandwich_worker_new(void *ctx)
{
    Sandwich *sw = ctx;
    size_t n = sw->d->n_models ? sw->d->n_models : 1;
    SandwichWorker *w = xcalloc(1, sizeof *w);
    w->u = xcalloc(n, sizeof *w->u);
    w->x = xcalloc(n, sizeof *w->x);
    graph_work_init(&w->work, sw->d->n_models);
    return w;
}

static void sandwich_worker_free(void *arg)
{
    SandwichWorker *w = arg;
    free(w->u);
    free(w->x);
    graph_work_free(&w->work);
    free(w);
}

/* Var(c_m) = vᵀ G v with v = H⁻¹ e_m = (u - W y, y), u = A⁻¹ e_m,
 * y = -S⁻¹ W[m]ᵀ. */
static void sandwich_model(void *arg, void *ctx, int model)
{
    SandwichWorker *w = arg;
    Sandwich *sw = ctx;
    const StyleData *d = sw->d;
    const Newton *h = sw->h;
    size_t n = d->n_models;
    memset(w->u, 0, n * sizeof *w->u);
    w->u[model] = 1.0;
    if (h->factored) {
        graph_factor_solve_unit(&h->factor, (size_t)model, w->u, w->work.tmp);
    } else {
        GraphSystem sys = {&d->pattern, h->hpair, NULL, sw->ridge, 0, NULL};
        double *e = w->x;
        memcpy(e, w->u, n * sizeof *e);
        graph_pcg(&sys, e, w->u, 1e-10, 10000, &w->work, NULL);
    }
    double y[F];
    const double *wrow = h->cols + (size_t)model * (F + 1);
    for (int f = 0; f < F; f++) {
        double v = 0;
        for (int q = 0; q < F; q++)
            v -= sw->sinv[f][q] * wrow[q];
        y[f] = v;
    }
    for (size_t m = 0; m < n; m++) {
        double v = w->u[m];
        for (int f = 0; f < F; f++)
            v -= h->cols[m * (F + 1) + f] * y[f];
        w->x[m] = v;
    }
    double var = 0;
    for (size_t k = 0; k < d->n_pairs; k++) {
        double dd = LN10 * (w->x[d->pi[k]] - w->x[d->pj[k]]);
        const double *q1 = sw->q1 + k * F, *q2 = sw->q2 + k * F * F;
        double lin = 0, quad = 0;
        for (int f = 0; f < F; f++) {
            lin += q1[f] * y[f];
            double row = 0;
            for (int q = 0; q < F; q++)
                row += q2[f * F + q] * y[q];
            quad += y[f] * row;
        }
        var += sw->q0[k] * dd * dd + 2 * dd * lin + quad;
    }
    double tv = 0; /* θᵀ v */
    for (size_t m = 0; m < n; m++)
        tv += sw->point[m] * w->x[m];
    for (int f = 0; f < F; f++)
        tv += sw->point[n + (size_t)f] * y[f];
    var -= sw->correction * tv * tv;
    sw->var[model] = var > 0 ? var : 0;
}

static void style_sandwich(const StyleData *d, const double *point,
                           const StyleOptions *opt, double *half_width)
{
    size_t n = d->n_models, np = d->n_pairs;
    Sandwich sw;
    memset(&sw, 0, sizeof sw);
    sw.d = d;
    sw.point = point;
    sw.ridge = SANDWICH_HESSIAN_REG * (double)d->n_battles;
    sw.correction = STYLE_RIDGE * STYLE_RIDGE /
                    (double)(d->n_battles ? d->n_battles : 1);
    sw.q0 = xcalloc(np + 1, sizeof *sw.q0);
    sw.q1 = xcalloc(np * F + 1, sizeof *sw.q1);
    sw.q2 = xcalloc(np * F * F + 1, sizeof *sw.q2);
    for (size_t k = 0; k < np; k++)
        for (size_t t = d->pstart[k]; t < d->pstart[k + 1]; t++) {
            double wk = d->wt ? d->wt[t] : 1.0;
            double z = logit_of(d, point, t);
            double e = wk * (0.5 * d->y2[t] - 1.0 / (1.0 + exp(-z)));
            double q = e * e;
            const double *x = d->x + t * F;
            sw.q0[k] += q;
            for (int f = 0; f < F; f++) {
                sw.q1[k * F + f] += q * x[f];
                for (int g = 0; g < F; g++)
                    sw.q2[(k * F + f) * F + g] += q * x[f] * x[g];
            }
        }
    Newton h;
    newton_init(&h, d);
    evaluate(d, NULL, point, h.g, &h);
    if (d->pattern.factorable)
        block_factor(d, &h, sw.ridge);
    double s[F][F];
    int ok = schur(d, &h, sw.ridge, 1e-10, s) == 0;
    if (ok) {
        for (int f = 0; f < F; f++) {
            double e[F] = {0};
            e[f] = 1.0;
            cholesky_solve(&s[0][0], F, e);
            for (int q = 0; q < F; q++)
                sw.sinv[q][f] = e[q];
        }
        sw.h = &h;
        sw.var = xcalloc(n + 1, sizeof *sw.var);
        ParallelJob pj = {sandwich_worker_new, sandwich_worker_free,
                          sandwich_model, &sw, opt->progress,
                          opt->progress_ctx};
        parallel_run(&pj, (int)n, opt->threads);
        for (size_t m = 0; m < n; m++)
            half_width[m] = SANDWICH_Z * sqrt(sw.var[m]) * 400.0;
        free(sw.var);
    } else {
        for (size_t m = 0; m < n; m++)
            half_width[m] = NAN;
    }
    newton_free(&h);
    free(sw.q0);
    free(sw.q1);
    free(sw.q2);
}

/* ---- entry point ------------------------------------------------------- */

/* Mean and population standard deviation of each raw feature. */
static void feature_moments(const Battles *bt, double *mean, double *sd)
{
    size_t n = bt->n;
    for (int f = 0; f < F; f++) {
        double m = 0, var = 0;
        for (size_t k = 0; k < n; k++)
            m += bt->style[k * F + f];
        m /= (double)(n ? n : 1);
        for (size_t k = 0; k < n; k++) {
            double v = bt->style[k * F + f] - m;
            var += v * v;
        }
        mean[f] = m;
        sd[f] = sqrt(var / (double)(n ? n : 1));
    }
}

typedef struct {
    uint32_t lo, hi;
    size_t k;
} Ordered;

static int compare_ordered(const void *x, const void *y)
{
    const Ordered *a = x, *b = y;
    if (a->lo != b->lo)
        return a->lo < b->lo ? -1 : 1;
    if (a->hi != b->hi)
        return a->hi < b->hi ? -1 : 1;
    return a->k < b->k ? -1 : a->k > b->k;
}

/* Standardised features, then each battle oriented a < b and the battles
 * sorted by pair (ties in file order), and the pairs. */
static void prepare(const Battles *bt, StyleData *d)
{
    size_t n = bt->n;
    double mean[F], sd[F];
    feature_moments(bt, mean, sd);
    Ordered *order = xmalloc((n + 1) * sizeof *order);
    for (size_t k = 0; k < n; k++) {
        order[k].lo = bt->a[k] < bt->b[k] ? bt->a[k] : bt->b[k];
        order[k].hi = bt->a[k] < bt->b[k] ? bt->b[k] : bt->a[k];
        order[k].k = k;
    }
    if (n)
        qsort(order, n, sizeof *order, compare_ordered);
    d->a = xmalloc((n + 1) * sizeof *d->a);
    d->b = xmalloc((n + 1) * sizeof *d->b);
    d->y2 = xmalloc(n + 1);
    d->x = xmalloc((n + 1) * F * sizeof *d->x);
    d->wt = bt->weight ? xmalloc((n + 1) * sizeof *d->wt) : NULL;
    d->n_pairs = 0;
    for (size_t s = 0; s < n; s++) {
        size_t k = order[s].k;
        int flip = bt->a[k] > bt->b[k];
        uint8_t y2 = bt->outcome[k] == OUTCOME_A   ? 2
                     : bt->outcome[k] == OUTCOME_B ? 0
                                                   : 1;
        d->a[s] = flip ? bt->b[k] : bt->a[k];
        d->b[s] = flip ? bt->a[k] : bt->b[k];
        d->y2[s] = flip ? (uint8_t)(2 - y2) : y2;
        if (d->wt)
            d->wt[s] = bt->weight[k];
        for (int f = 0; f < F; f++) {
            /* A constant feature carries nothing: it stays 0. */
            double v = sd[f] > 0 ? (bt->style[k * F + f] - mean[f]) / sd[f]
                                 : 0.0;
            d->x[s * F + f] = flip ? -v : v;
        }
        if (s == 0 || d->a[s] != d->a[s - 1] || d->b[s] != d->b[s - 1])
            d->n_pairs++;
    }
    free(order);
    d->pi = xmalloc((d->n_pairs + 1) * sizeof *d->pi);
    d->pj = xmalloc((d->n_pairs + 1) * sizeof *d->pj);
    d->pstart = xmalloc((d->n_pairs + 1) * sizeof *d->pstart);
    size_t k = 0;
    for (size_t s = 0; s < n; s++) {
        if (s == 0 || d->a[s] != d->a[s - 1] || d->b[s] != d->b[s - 1]) {
            d->pi[k] = d->a[s];
            d->pj[k] = d->b[s];
            d->pstart[k++] = s;
        }
    }
    d->pstart[d->n_pairs] = n;
    graph_pattern_init(&d->pattern, d->n_models, d->n_pairs, d->pi, d->pj);
}

static void data_free(StyleData *d)
{
    graph_pattern_free(&d->pattern);
    free(d->a);
    free(d->b);
    free(d->y2);
    free(d->x);
    free(d->wt);
    free(d->pi);
    free(d->pj);
    free(d->pstart);
}

int style_control_fit(const Battles *bt, const StyleOptions *opt,
                      StyleResult *out, LbError *err)
{
    memset(out, 0, sizeof *out);
    if (!bt->style && bt->n > 0)
        return lb_fail(err, LB_EINTERNAL, "style control: battles were read "
                                          "without style features");
    StyleData d;
    memset(&d, 0, sizeof d);
    d.n_battles = bt->n;
    d.n_models = bt->n_models;
    d.n_params = bt->n_models + F;
    prepare(bt, &d);

    out->n_models = d.n_models;
    out->rounds = opt->rounds;
    out->elo = xcalloc(d.n_models + 1, sizeof *out->elo);
    double *point = xcalloc(d.n_params, sizeof *point);
    Newton nw;
    newton_init(&nw, &d);
    out->grad_norm = fit(&d, NULL, &nw, point, &out->converged);
    newton_free(&nw);
    to_elo(&d, point, opt->anchor, opt->anchor_rating, out->elo);
    memcpy(out->coef, point + d.n_models, sizeof out->coef);
    if (opt->sandwich) {
        out->half_width = xcalloc(d.n_models + 1, sizeof *out->half_width);
        if (d.n_battles > 0)
            style_sandwich(&d, point, opt, out->half_width);
    }

    size_t rounds = (size_t)(opt->rounds > 0 ? opt->rounds : 0);
    out->boot_elo = xcalloc(rounds * d.n_models + 1, sizeof *out->boot_elo);
    out->boot_coef = xcalloc(rounds * F + 1, sizeof *out->boot_coef);
    if (rounds > 0 && d.n_battles > 0) {
        Job job = {&d, opt, point, out, 0};
        atomic_init(&job.unconverged, 0);
        ParallelJob pj = {worker_new, worker_free, run_round, &job,
                          opt->progress, opt->progress_ctx};
        parallel_run(&pj, opt->rounds, opt->threads);
        out->unconverged_rounds = atomic_load(&job.unconverged);
    }
    free(point);
    data_free(&d);
    return 0;
}

void style_result_free(StyleResult *r)
{
    free(r->elo);
    free(r->boot_elo);
    free(r->boot_coef);
    free(r->half_width);
    memset(r, 0, sizeof *r);
}
