#include "rate_bootstrap.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "parallel.h"
#include "rng.h"

typedef struct {
    const BtPairs *pairs;
    const double *theta_hat;
    const BootstrapOptions *opt;
    MultinomialPlan plan; /* over the pairs' bootstrap cells */
    BtSolver *precond_owner;
    BtBootstrap *out;
    atomic_int with_prior, unconverged;
    atomic_llong newton_steps, cg_steps;
} Job;

typedef struct {
    Job *job;
    BtSolver *solver;
    uint32_t *counts;
    uint64_t *fenwick;
    double *wi, *wj, *t, *w_i, *w_j, *theta;
    int with_prior, unconverged;
    long long newton_steps, cg_steps;
} Worker;

static void *worker_new(void *ctx)
{
    Job *job = ctx;
    size_t np = job->pairs->n_pairs, n = job->pairs->n_models;
    Worker *w = xcalloc(1, sizeof *w);
    w->job = job;
    w->solver = bt_solver_new(n, np);
    bt_solver_share_preconditioner(w->solver, job->precond_owner);
    size_t nc = job->pairs->n_cells;
    w->counts = xmalloc((nc + 1) * sizeof *w->counts);
    w->fenwick = xmalloc((nc + 2) * sizeof *w->fenwick);
    w->wi = xmalloc((np + 1) * sizeof(double));
    w->wj = xmalloc((np + 1) * sizeof(double));
    w->t = xmalloc((np + 1) * sizeof(double));
    w->w_i = xmalloc((np + 1) * sizeof(double));
    w->w_j = xmalloc((np + 1) * sizeof(double));
    w->theta = xmalloc((n + 1) * sizeof(double));
    return w;
}

static void worker_free(void *arg)
{
    Worker *w = arg;
    /* Each worker adds its own totals as it retires. */
    atomic_fetch_add(&w->job->with_prior, w->with_prior);
    atomic_fetch_add(&w->job->unconverged, w->unconverged);
    atomic_fetch_add(&w->job->newton_steps, w->newton_steps);
    atomic_fetch_add(&w->job->cg_steps, w->cg_steps);
    bt_solver_free(w->solver);
    free(w->counts);
    free(w->fenwick);
    free(w->wi);
    free(w->wj);
    free(w->t);
    free(w->w_i);
    free(w->w_j);
    free(w->theta);
    free(w);
}

static void run_round(void *arg, void *ctx, int round)
{
    Worker *w = arg;
    Job *job = ctx;
    const BtPairs *p = job->pairs;
    size_t np = p->n_pairs, n = p->n_models;
    Rng rng;
    rng_seed(&rng, job->opt->seed, (uint64_t)round);
    multinomial_draw(&job->plan, &rng, w->counts, w->fenwick);
    if (!p->sq_i) {
        /* Unweighted: the cells are (wins_i, wins_j, ties) of each pair. */
        for (size_t k = 0; k < np; k++) {
            w->wi[k] = w->counts[3 * k];
            w->wj[k] = w->counts[3 * k + 1];
            w->t[k] = w->counts[3 * k + 2];
        }
    } else { /* weighted: each cell's count times its weight */
        memset(w->wi, 0, np * sizeof *w->wi);
        memset(w->wj, 0, np * sizeof *w->wj);
        memset(w->t, 0, np * sizeof *w->t);
        for (size_t c = 0; c < p->n_cells; c++) {
            double *into = p->cell_kind[c] == 0   ? w->wi
                           : p->cell_kind[c] == 1 ? w->wj
                                                  : w->t;
            into[p->cell_pair[c]] += w->counts[c] * p->cell_weight[c];
        }
    }
    bt_pairs_weights(p, w->wi, w->wj, w->t, w->w_i, w->w_j);
    memcpy(w->theta, job->theta_hat, n * sizeof *w->theta);
    BtFitInfo info;
    if (bt_fit(w->solver, p, w->w_i, w->w_j, w->theta, &info) < 0)
        w->unconverged++;
    if (info.prior > 0)
        w->with_prior++;
    w->newton_steps += info.iterations;
    w->cg_steps += info.cg_steps;
    bt_to_elo(w->theta, n, job->opt->anchor, job->opt->anchor_rating,
              job->out->elo + (size_t)round * n);
}

void bt_bootstrap(const BtPairs *p, const double *theta_hat,
                  const BootstrapOptions *opt, BtBootstrap *out)
{
    size_t n = p->n_models, np = p->n_pairs;
    memset(out, 0, sizeof *out);
    out->rounds = opt->rounds;
    out->n_models = n;
    out->elo = xcalloc((size_t)(opt->rounds > 0 ? opt->rounds : 1) *
                           (n ? n : 1),
                       sizeof *out->elo);
    if (opt->rounds <= 0 || n == 0)
        return;
    Job job;
    memset(&job, 0, sizeof job);
    atomic_init(&job.with_prior, 0);
    atomic_init(&job.unconverged, 0);
    atomic_init(&job.newton_steps, 0);
    atomic_init(&job.cg_steps, 0);
    job.pairs = p;
    job.theta_hat = theta_hat;
    job.opt = opt;
    job.out = out;
    multinomial_plan_init(&job.plan, p->cell_count, p->n_cells);
    /* The preconditioner: the Hessian at the point estimate. */
    double *w_i = xmalloc((np + 1) * sizeof *w_i);
    double *w_j = xmalloc((np + 1) * sizeof *w_j);
    bt_pairs_weights(p, p->wins_i, p->wins_j, p->ties, w_i, w_j);
    job.precond_owner = bt_solver_new(n, np);
    bt_solver_set_preconditioner(job.precond_owner, p, w_i, w_j, theta_hat,
                                 bt_has_finite_mle(p, w_i, w_j) ? 0
                                                                : BT_PRIOR);
    free(w_i);
    free(w_j);
    ParallelJob pj = {worker_new, worker_free, run_round, &job,
                      opt->progress, opt->progress_ctx};
    parallel_run(&pj, opt->rounds, opt->threads);
    out->with_prior = atomic_load(&job.with_prior);
    out->unconverged = atomic_load(&job.unconverged);
    out->newton_steps = atomic_load(&job.newton_steps);
    out->cg_steps = atomic_load(&job.cg_steps);
    bt_solver_free(job.precond_owner);
    multinomial_plan_free(&job.plan);
}

void bt_bootstrap_free(BtBootstrap *b)
{
    free(b->elo);
    memset(b, 0, sizeof *b);
}

/* ---- summaries --------------------------------------------------------- */

double quantile_sorted(const double *sorted, size_t n, double q)
{
    if (n == 0)
        return NAN;
    double h = (double)(n - 1) * q;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return sorted[n - 1];
    return sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Moves the k-th smallest of v[0..n) to v[k], the smaller ones before
 * it and the larger after (quickselect, median of three; ranges that
 * shrink too slowly are sorted instead, so it never goes quadratic). */
static void select_kth(double *v, size_t n, size_t k)
{
    size_t lo = 0, hi = n; /* k in [lo, hi) */
    int budget = 64;
    while (hi - lo > 16) {
        if (budget-- == 0) {
            qsort(v + lo, hi - lo, sizeof *v, compare_double);
            return;
        }
        size_t mid = lo + (hi - lo) / 2;
        double a = v[lo], b = v[mid], c = v[hi - 1];
        double pivot = a < b ? (b < c ? b : a < c ? c : a)
                             : (a < c ? a : b < c ? c : b);
        /* Three-way partition: < pivot | == pivot | > pivot. */
        size_t lt = lo, i = lo, gt = hi;
        while (i < gt) {
            if (v[i] < pivot) {
                double t = v[lt];
                v[lt++] = v[i];
                v[i++] = t;
            } else if (v[i] > pivot) {
                double t = v[--gt];
                v[gt] = v[i];
                v[i] = t;
            } else {
                i++;
            }
        }
        if (k < lt)
            hi = lt;
        else if (k >= gt)
            lo = gt;
        else
            return; /* v[k] == pivot, in place */
    }
    qsort(v + lo, hi - lo, sizeof *v, compare_double);
}

/* quantile_sorted(sort(v), n, q) without sorting: the two order
 * statistics it interpolates, by selection. Reorders v. *from: in, the
 * count of smallest entries already in place at the front (an earlier
 * selection; 0 when none), where the search may start; out, the index of
 * the lower statistic, in place for the next call. */
static double quantile_select(double *v, size_t n, double q, size_t *from)
{
    if (n == 0)
        return NAN;
    double h = (double)(n - 1) * q;
    size_t lo = (size_t)floor(h), start = *from <= lo ? *from : 0;
    *from = lo;
    select_kth(v + start, n - start, lo - start);
    if (lo + 1 >= n)
        return v[lo];
    double next = v[lo + 1];
    for (size_t i = lo + 2; i < n; i++)
        next = v[i] < next ? v[i] : next;
    return v[lo] + (h - (double)lo) * (next - v[lo]);
}

/* The 2.5% and 97.5% quantiles of v[0..n) (reordered). */
static void quantiles_95(double *v, size_t n, double *lower, double *upper)
{
    size_t from = 0;
    *lower = quantile_select(v, n, 0.025, &from);
    *upper = quantile_select(v, n, 0.975, &from);
}

void bootstrap_intervals(const double *table, int rounds, size_t n,
                         double *lower, double *upper)
{
    double *col = xmalloc((size_t)(rounds > 0 ? rounds : 1) * sizeof *col);
    for (size_t m = 0; m < n; m++) {
        for (int r = 0; r < rounds; r++)
            col[r] = table[(size_t)r * n + m];
        quantiles_95(col, (size_t)rounds, &lower[m], &upper[m]);
    }
    free(col);
}

/* A key whose unsigned order is the descending order of the ratings
 * (IEEE doubles: flip the sign bit of positives, every bit of negatives;
 * then complement for descending). -0.0 and 0.0 are made equal. */
static uint64_t descending_key(double x)
{
    uint64_t u;
    if (x == 0)
        x = 0; /* -0.0 */
    memcpy(&u, &x, sizeof u);
    u = u >> 63 ? ~u : u | (UINT64_C(1) << 63);
    return ~u;
}

typedef struct {
    uint64_t key;
    uint32_t model;
} Keyed;

/* Sorts (key, model) by key, LSD radix on bytes, skipping the bytes that
 * every key shares (ratings of one round agree in their top bytes). */
static void radix_sort(Keyed *a, Keyed *tmp, size_t n)
{
    for (int shift = 0; shift < 64; shift += 8) {
        size_t count[256] = {0};
        for (size_t i = 0; i < n; i++)
            count[(a[i].key >> shift) & 0xFF]++;
        if (count[(a[0].key >> shift) & 0xFF] == n)
            continue;
        size_t at = 0;
        for (int b = 0; b < 256; b++) {
            size_t c = count[b];
            count[b] = at;
            at += c;
        }
        for (size_t i = 0; i < n; i++)
            tmp[count[(a[i].key >> shift) & 0xFF]++] = a[i];
        memcpy(a, tmp, n * sizeof *a);
    }
}

void bootstrap_rank_spread(const double *table, int rounds, size_t n,
                           int (*spread)[2])
{
    if (rounds <= 0 || n == 0) {
        for (size_t m = 0; m < n; m++)
            spread[m][0] = spread[m][1] = 0;
        return;
    }
    double *ranks = xmalloc((size_t)rounds * n * sizeof *ranks);
    Keyed *order = xmalloc(n * sizeof *order);
    Keyed *tmp = xmalloc(n * sizeof *tmp);
    for (int r = 0; r < rounds; r++) {
        const double *row = table + (size_t)r * n;
        for (size_t m = 0; m < n; m++)
            order[m] = (Keyed){descending_key(row[m]), (uint32_t)m};
        radix_sort(order, tmp, n);
        size_t first = 0;
        for (size_t k = 0; k < n; k++) {
            /* Competition ranking: ties share the better rank. */
            if (k > 0 && order[k].key != order[k - 1].key)
                first = k;
            ranks[order[k].model * (size_t)rounds + (size_t)r] =
                (double)(first + 1);
        }
    }
    for (size_t m = 0; m < n; m++) {
        double lo, hi;
        quantiles_95(ranks + m * (size_t)rounds, (size_t)rounds, &lo, &hi);
        spread[m][0] = (int)floor(lo);
        spread[m][1] = (int)ceil(hi);
    }
    free(tmp);
    free(order);
    free(ranks);
}

/* Sorted copy of v[0..n). */
static double *sorted_copy(const double *v, size_t n)
{
    double *s = xmalloc((n ? n : 1) * sizeof *s);
    memcpy(s, v, n * sizeof *s);
    if (n)
        qsort(s, n, sizeof *s, compare_double);
    return s;
}

/* Entries of sorted[0..n) strictly above x / strictly below x. */
static size_t count_above(const double *sorted, size_t n, double x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid] > x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return n - lo;
}

static size_t count_below(const double *sorted, size_t n, double x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void rank_upper_bounds(const double *lower, const double *upper, size_t n,
                       int *rank_ub)
{
    double *lo = sorted_copy(lower, n);
    /* A model's own lower bound is never above its upper bound. */
    for (size_t m = 0; m < n; m++)
        rank_ub[m] = 1 + (int)count_above(lo, n, upper[m]);
    free(lo);
}

void interval_rank_spread(const double *lower, const double *upper, size_t n,
                          int (*spread)[2])
{
    double *lo = sorted_copy(lower, n), *hi = sorted_copy(upper, n);
    for (size_t m = 0; m < n; m++) {
        spread[m][0] = 1 + (int)count_above(lo, n, upper[m]);
        spread[m][1] = (int)(n - count_below(hi, n, lower[m]));
    }
    free(lo);
    free(hi);
}
