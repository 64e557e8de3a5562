#include "rate_style.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "linalg.h"
#include "mem.h"
#include "parallel.h"
#include "rate_bt.h"
#include "rng.h"

const char *const style_feature_names[STYLE_FEATURES] = {"length", "headers",
                                                         "lists", "bold"};

#define LN10 2.302585092994046
#define STYLE_GRAD_TOL 1e-8
#define STYLE_MAX_ITER 100

/* The data of one fit, shared read-only by all rounds. Each battle is
 * oriented so that a < b (swapping sides negates the features and flips
 * the outcome: the same likelihood term) and battles are sorted by pair. */
typedef struct {
    size_t n_battles, n_models, n_params;
    uint32_t *a, *b;
    uint8_t *y2; /* twice the outcome for model a: 2 win, 1 tie, 0 loss */
    double *x;   /* standardised features, STYLE_FEATURES per battle */
} StyleData;

/* Scratch for Newton's method; one per thread. */
typedef struct {
    double *g, *h, *step, *trial, *trial_g;
} Newton;

static void newton_init(Newton *nw, size_t p)
{
    nw->g = xcalloc(p, sizeof(double));
    nw->trial_g = xcalloc(p, sizeof(double));
    nw->step = xcalloc(p, sizeof(double));
    nw->trial = xcalloc(p, sizeof(double));
    nw->h = xcalloc(p * p, sizeof(double));
}

static void newton_free(Newton *nw)
{
    free(nw->g);
    free(nw->trial_g);
    free(nw->step);
    free(nw->trial);
    free(nw->h);
}

static inline double logit_of(const StyleData *d, const double *params,
                              size_t k)
{
    const double *x = d->x + k * STYLE_FEATURES;
    const double *beta = params + d->n_models;
    double z = LN10 * (params[d->a[k]] - params[d->b[k]]);
    for (int f = 0; f < STYLE_FEATURES; f++)
        z += x[f] * beta[f];
    return z;
}

/* Gradient into g and the lower triangle of the Hessian into h (when h is
 * not NULL) at params, with battle weights w (NULL = 1 each). Returns the
 * gradient norm. */
static double evaluate(const StyleData *d, const uint32_t *w,
                       const double *params, double *g, double *h)
{
    size_t n = d->n_models, p = d->n_params;
    for (size_t i = 0; i < p; i++)
        g[i] = STYLE_RIDGE * params[i];
    if (h) {
        memset(h, 0, p * p * sizeof *h);
        for (size_t i = 0; i < p; i++)
            h[i * p + i] = STYLE_RIDGE;
    }
    double ff[STYLE_FEATURES][STYLE_FEATURES] = {{0}};
    double gf[STYLE_FEATURES] = {0};
    /* Battles are sorted by pair with a < b: sum each pair's run, then
     * touch the model rows of g and h once per pair. */
    size_t k = 0;
    while (k < d->n_battles) {
        uint32_t a = d->a[k], b = d->b[k];
        double e_sum = 0, s_sum = 0, sx_sum[STYLE_FEATURES] = {0};
        for (; k < d->n_battles && d->a[k] == a && d->b[k] == b; k++) {
            double wk = w ? (double)w[k] : 1.0;
            if (wk == 0)
                continue;
            double z = logit_of(d, params, k);
            double prob = 1.0 / (1.0 + exp(-z));
            double e = wk * (0.5 * d->y2[k] - prob);
            const double *x = d->x + k * STYLE_FEATURES;
            e_sum += e;
            for (int f = 0; f < STYLE_FEATURES; f++)
                gf[f] -= x[f] * e;
            if (!h)
                continue;
            double s = wk * prob * (1.0 - prob);
            s_sum += s;
            for (int f = 0; f < STYLE_FEATURES; f++) {
                double sx = s * x[f];
                sx_sum[f] += sx;
                for (int q = 0; q <= f; q++)
                    ff[f][q] += sx * x[q];
            }
        }
        g[a] -= LN10 * e_sum;
        g[b] += LN10 * e_sum;
        if (!h)
            continue;
        double mm = LN10 * LN10 * s_sum;
        h[(size_t)a * p + a] += mm;
        h[(size_t)b * p + b] += mm;
        h[(size_t)b * p + a] -= mm; /* lower triangle: b > a */
        for (int f = 0; f < STYLE_FEATURES; f++) {
            double *row = h + (n + (size_t)f) * p;
            row[a] += LN10 * sx_sum[f];
            row[b] -= LN10 * sx_sum[f];
        }
    }
    for (int f = 0; f < STYLE_FEATURES; f++) {
        g[n + (size_t)f] += gf[f];
        if (h)
            for (int q = 0; q <= f; q++)
                h[(n + (size_t)f) * p + n + (size_t)q] += ff[f][q];
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
        double wk = w ? (double)w[k] : 1.0;
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

/* Newton's method with a gradient-norm test and an Armijo fallback.
 * Returns the final gradient norm; *converged set accordingly. */
static double fit(const StyleData *d, const uint32_t *w, Newton *nw,
                  double *params, int *converged)
{
    size_t p = d->n_params;
    double gnorm = evaluate(d, w, params, nw->g, nw->h);
    *converged = 0;
    for (int it = 0; it < STYLE_MAX_ITER; it++) {
        if (gnorm < STYLE_GRAD_TOL) {
            *converged = 1;
            return gnorm;
        }
        if (cholesky_factor(nw->h, p) < 0)
            return gnorm; /* cannot happen with the ridge; be safe */
        for (size_t i = 0; i < p; i++)
            nw->step[i] = -nw->g[i];
        cholesky_solve(nw->h, p, nw->step);
        for (size_t i = 0; i < p; i++)
            nw->trial[i] = params[i] + nw->step[i];
        /* The factor in h is spent: the trial's Hessian can overwrite it,
         * so an accepted full step costs one pass over the battles. */
        double tnorm = evaluate(d, w, nw->trial, nw->trial_g, nw->h);
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
        gnorm = evaluate(d, w, params, nw->g, nw->h);
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
    newton_init(&wk->nw, job->data->n_params);
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
    memcpy(out->boot_coef + (size_t)round * STYLE_FEATURES,
           wk->params + d->n_models, STYLE_FEATURES * sizeof(double));
}

/* ---- entry point ------------------------------------------------------- */

/* Mean and population standard deviation of each raw feature. */
static void feature_moments(const Battles *bt, double *mean, double *sd)
{
    size_t n = bt->n;
    for (int f = 0; f < STYLE_FEATURES; f++) {
        double m = 0, var = 0;
        for (size_t k = 0; k < n; k++)
            m += bt->style[k * STYLE_FEATURES + f];
        m /= (double)(n ? n : 1);
        for (size_t k = 0; k < n; k++) {
            double v = bt->style[k * STYLE_FEATURES + f] - m;
            var += v * v;
        }
        mean[f] = m;
        sd[f] = sqrt(var / (double)(n ? n : 1));
    }
}

static int compare_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

/* Standardised features, then each battle oriented a < b and the battles
 * sorted by pair (ties in file order). */
static void prepare(const Battles *bt, StyleData *d)
{
    size_t n = bt->n;
    double mean[STYLE_FEATURES], sd[STYLE_FEATURES];
    feature_moments(bt, mean, sd);
    /* The packed key needs ids below 2^16 and indices below 2^32; beyond
     * that keep file order (runs of a pair are then just shorter). */
    int packed = bt->n_models < (1u << 16) && n < (1ull << 32);
    uint64_t *order = xmalloc((n + 1) * sizeof *order);
    for (size_t k = 0; k < n; k++) {
        uint64_t lo = bt->a[k] < bt->b[k] ? bt->a[k] : bt->b[k];
        uint64_t hi = bt->a[k] < bt->b[k] ? bt->b[k] : bt->a[k];
        order[k] = packed ? lo << 48 | hi << 32 | (uint64_t)k : (uint64_t)k;
    }
    if (packed)
        qsort(order, n, sizeof *order, compare_u64);
    d->a = xmalloc((n + 1) * sizeof *d->a);
    d->b = xmalloc((n + 1) * sizeof *d->b);
    d->y2 = xmalloc(n + 1);
    d->x = xmalloc((n + 1) * STYLE_FEATURES * sizeof *d->x);
    for (size_t s = 0; s < n; s++) {
        size_t k = packed ? (size_t)(order[s] & 0xFFFFFFFFu) : (size_t)order[s];
        int flip = bt->a[k] > bt->b[k];
        uint8_t y2 = bt->outcome[k] == OUTCOME_A   ? 2
                     : bt->outcome[k] == OUTCOME_B ? 0
                                                   : 1;
        d->a[s] = flip ? bt->b[k] : bt->a[k];
        d->b[s] = flip ? bt->a[k] : bt->b[k];
        d->y2[s] = flip ? (uint8_t)(2 - y2) : y2;
        for (int f = 0; f < STYLE_FEATURES; f++) {
            /* A constant feature carries nothing: it stays 0. */
            double v = sd[f] > 0 ? (bt->style[k * STYLE_FEATURES + f] -
                                    mean[f]) / sd[f]
                                 : 0.0;
            d->x[s * STYLE_FEATURES + f] = flip ? -v : v;
        }
    }
    free(order);
}

int style_control_fit(const Battles *bt, const StyleOptions *opt,
                      StyleResult *out, LbError *err)
{
    memset(out, 0, sizeof *out);
    if (!bt->style && bt->n > 0)
        return lb_fail(err, LB_EINTERNAL, "style control: battles were read "
                                          "without style features");
    StyleData d;
    d.n_battles = bt->n;
    d.n_models = bt->n_models;
    d.n_params = bt->n_models + STYLE_FEATURES;
    prepare(bt, &d);

    out->n_models = d.n_models;
    out->rounds = opt->rounds;
    out->elo = xcalloc(d.n_models + 1, sizeof *out->elo);
    double *point = xcalloc(d.n_params, sizeof *point);
    Newton nw;
    newton_init(&nw, d.n_params);
    out->grad_norm = fit(&d, NULL, &nw, point, &out->converged);
    newton_free(&nw);
    to_elo(&d, point, opt->anchor, opt->anchor_rating, out->elo);
    memcpy(out->coef, point + d.n_models, sizeof out->coef);

    size_t rounds = (size_t)(opt->rounds > 0 ? opt->rounds : 0);
    out->boot_elo = xcalloc(rounds * d.n_models + 1, sizeof *out->boot_elo);
    out->boot_coef = xcalloc(rounds * STYLE_FEATURES + 1,
                             sizeof *out->boot_coef);
    if (rounds > 0 && d.n_battles > 0) {
        Job job = {&d, opt, point, out, 0};
        atomic_init(&job.unconverged, 0);
        ParallelJob pj = {worker_new, worker_free, run_round, &job,
                          opt->progress, opt->progress_ctx};
        parallel_run(&pj, opt->rounds, opt->threads);
        out->unconverged_rounds = atomic_load(&job.unconverged);
    }
    free(point);
    free(d.a);
    free(d.b);
    free(d.y2);
    free(d.x);
    return 0;
}

void style_result_free(StyleResult *r)
{
    free(r->elo);
    free(r->boot_elo);
    free(r->boot_coef);
    memset(r, 0, sizeof *r);
}
