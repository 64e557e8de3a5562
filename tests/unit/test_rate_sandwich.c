/* Sandwich intervals (Bradley–Terry and style control) and the sparse
 * solvers under them: a case worked by hand, an independent dense
 * computation, agreement with the bootstrap when the model is right,
 * weights, and models far beyond the old 2000 cap. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "battlegen.h"
#include "graphsolve.h"
#include "leaderboard.h"
#include "rate.h"
#include "rate_bootstrap.h"
#include "rate_bt.h"
#include "rate_sandwich.h"
#include "rate_style.h"
#include "rng.h"

#define LN10 2.302585092994046
#define ELO (400.0 / LN10)

typedef struct {
    BtPairs pairs;
    double *w_i, *w_j, *theta;
    BtFitInfo info;
} Fit;

static void fit(const Battles *bt, Fit *f)
{
    bt_pairs_from_battles(&f->pairs, bt);
    size_t np = f->pairs.n_pairs + 1, n = bt->n_models + 1;
    f->w_i = calloc(np, sizeof(double));
    f->w_j = calloc(np, sizeof(double));
    f->theta = calloc(n, sizeof(double));
    bt_pairs_weights(&f->pairs, f->pairs.wins_i, f->pairs.wins_j,
                     f->pairs.ties, f->w_i, f->w_j);
    BtSolver *s = bt_solver_new(bt->n_models, f->pairs.n_pairs);
    assert_int_equal(bt_fit(s, &f->pairs, f->w_i, f->w_j, f->theta,
                            &f->info),
                     0);
    bt_solver_free(s);
}

static void fit_free(Fit *f)
{
    bt_pairs_free(&f->pairs);
    free(f->w_i);
    free(f->w_j);
    free(f->theta);
}

static void push(Battles *bt, const char *a, const char *b, BattleOutcome o,
                 int times, double weight)
{
    uint32_t ia = battles_model_id(bt, a, strlen(a));
    uint32_t ib = battles_model_id(bt, b, strlen(b));
    for (int i = 0; i < times; i++) {
        battles_push(bt, ia, ib, o, 1.7e9, NULL);
        if (weight != 1.0)
            battles_set_weight(bt, weight);
    }
}

/* Two models, worked by hand: with W the battles, p = P(a beats b) at the
 * optimum (wins and half the ties over W), c = W p (1 - p) and
 * g = Σ (y - p)² over the battles, H = c L + r I and G = g L with
 * L = [1 -1; -1 1]; on the mean-zero direction (1, -1)/√2 the Laplacian
 * is 2, so Var(θ_a) = ½ · 2g / (2c + r)² = g / (2c + r)². */
static void two_models_by_hand(void **state)
{
    (void)state;
    Battles bt;
    battles_init(&bt);
    push(&bt, "a", "b", OUTCOME_A, 30, 1.0);
    push(&bt, "b", "a", OUTCOME_A, 10, 1.0);
    push(&bt, "a", "b", OUTCOME_TIE, 8, 1.0);
    Fit f;
    fit(&bt, &f);
    double w = 48, p = (30 + 4) / w;
    double c = w * p * (1 - p);
    double g = 30 * (1 - p) * (1 - p) + 10 * p * p + 8 * (0.5 - p) * (0.5 - p);
    double r = 1e-5 * w;
    double expect = 1.959963984540054 * sqrt(g / ((2 * c + r) * (2 * c + r)));
    double half[2];
    bt_sandwich(&f.pairs, f.theta, NULL, half);
    assert_true(fabs(half[0] - expect) < 1e-10 * expect);
    assert_true(fabs(half[1] - expect) < 1e-10 * expect);
    /* The point: θ_a - θ_b = log(p / (1 - p)), mean zero. */
    assert_true(fabs(f.theta[0] - 0.5 * log(p / (1 - p))) < 1e-9);

    /* Through rate_battles: Elo scale, an anchor moves points only. */
    RateOptions o;
    rate_options_init(&o);
    o.id = "t";
    o.source_name = "t";
    o.anchor_model = "b";
    o.anchor_rating = 1500;
    LbError err = {0};
    Leaderboard *lb = rate_battles(&bt, &o, &err);
    assert_non_null(lb);
    assert_string_equal(lb->source.ci, "sandwich");
    assert_int_equal(lb->source.bootstrap_rounds, 0);
    for (size_t m = 0; m < 2; m++) {
        const LbModel *x = &lb->models[m];
        double hw = round(expect * ELO * 100) / 100;
        assert_true(fabs((x->ci_upper - x->rating) - hw) <= 0.011);
        assert_true(fabs((x->rating - x->ci_lower) - hw) <= 0.011);
        /* No bootstrap: the rank spread comes from the intervals, which
         * do not overlap here. */
        assert_int_equal(x->rank_spread[0], (int)m + 1);
        assert_int_equal(x->rank_spread[1], (int)m + 1);
        assert_int_equal(x->rank_ub, (int)m + 1);
    }
    assert_string_equal(lb->models[1].model, "b");
    assert_true(lb->models[1].rating == 1500);
    leaderboard_free(lb);
    fit_free(&f);
    battles_free(&bt);
}

/* Gauss-Jordan inverse of an n × n matrix (the test's own algebra), in
 * long double: H is ill-conditioned along (1, ..., 1), where only the
 * tiny ridge holds it, and a double inverse loses eight digits there. */
static void invert(long double *a, size_t n, long double *inv)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            inv[i * n + j] = i == j;
    for (size_t c = 0; c < n; c++) {
        size_t piv = c;
        for (size_t r = c + 1; r < n; r++)
            if (fabsl(a[r * n + c]) > fabsl(a[piv * n + c]))
                piv = r;
        for (size_t j = 0; j < n; j++) {
            long double t = a[c * n + j];
            a[c * n + j] = a[piv * n + j];
            a[piv * n + j] = t;
            t = inv[c * n + j];
            inv[c * n + j] = inv[piv * n + j];
            inv[piv * n + j] = t;
        }
        long double d = a[c * n + c];
        for (size_t j = 0; j < n; j++) {
            a[c * n + j] /= d;
            inv[c * n + j] /= d;
        }
        for (size_t r = 0; r < n; r++) {
            if (r == c)
                continue;
            long double k = a[r * n + c];
            for (size_t j = 0; j < n; j++) {
                a[r * n + j] -= k * a[c * n + j];
                inv[r * n + j] -= k * inv[c * n + j];
            }
        }
    }
}

/* diag(H⁻¹ G H⁻¹) with H and G assembled battle by battle. G(1,...,1) = 0,
 * so only the mean-zero part of H⁻¹ e_m counts: it is (H + c 1 1ᵀ)⁻¹
 * (e_m - 1/n) for any c > 0, which is well conditioned where H alone (held
 * only by the tiny ridge along (1, ..., 1)) is not. */
static void dense_sandwich(const Battles *bt, const double *theta,
                           double ridge, double *var)
{
    size_t n = bt->n_models;
    long double *h = calloc(n * n, sizeof *h), *g = calloc(n * n, sizeof *g);
    long double *inv = calloc(n * n, sizeof *inv);
    long double *v = calloc(n, sizeof *v);
    for (size_t k = 0; k < bt->n; k++) {
        size_t a = bt->a[k], b = bt->b[k];
        double w = bt->weight ? bt->weight[k] : 1.0;
        double p = 1.0 / (1.0 + exp(theta[b] - theta[a]));
        double y = bt->outcome[k] == OUTCOME_A   ? 1.0
                   : bt->outcome[k] == OUTCOME_B ? 0.0
                                                 : 0.5;
        long double hv = (long double)w * p * (1 - p);
        long double gv = (long double)w * w * (y - p) * (y - p);
        h[a * n + a] += hv;
        h[b * n + b] += hv;
        h[a * n + b] -= hv;
        h[b * n + a] -= hv;
        g[a * n + a] += gv;
        g[b * n + b] += gv;
        g[a * n + b] -= gv;
        g[b * n + a] -= gv;
    }
    long double c = 0;
    for (size_t i = 0; i < n; i++)
        c += h[i * n + i] / (long double)(n * n);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            h[i * n + j] += c + (i == j ? ridge : 0);
    invert(h, n, inv);
    for (size_t m = 0; m < n; m++) {
        for (size_t i = 0; i < n; i++) {
            long double s = 0;
            for (size_t j = 0; j < n; j++)
                s += inv[i * n + j] * ((j == m) - 1.0L / (long double)n);
            v[i] = s;
        }
        long double s = 0;
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++)
                s += v[i] * g[i * n + j] * v[j];
        var[m] = (double)s;
    }
    free(h);
    free(g);
    free(inv);
    free(v);
}

static void matches_dense_reference(void **state)
{
    (void)state;
    const double truth[5] = {0.9, 0.3, 0.0, -0.2, -1.0};
    for (int weighted = 0; weighted < 2; weighted++) {
        Battles bt;
        battles_init(&bt);
        battlegen(&bt, truth, 5, 3000, 0.15, 11);
        if (weighted) { /* arena-rank's ridge is 1e-5, not 1e-5 × N */
            Rng r;
            rng_seed(&r, 5, 0);
            bt.weight = malloc(bt.cap * sizeof *bt.weight);
            for (size_t k = 0; k < bt.n; k++)
                bt.weight[k] = 0.25 + 2.0 * rng_uniform(&r);
        }
        Fit f;
        fit(&bt, &f);
        assert_int_equal(f.pairs.weighted, weighted);
        double half[5], var[5];
        bt_sandwich(&f.pairs, f.theta, NULL, half);
        dense_sandwich(&bt, f.theta, weighted ? 1e-5 : 1e-5 * 3000, var);
        /* With weights the ridge is 1e-5 against a Hessian of about 10^3:
         * lbgen's solve along (1, ..., 1) is conditioned near 10^8, so
         * about nine digits agree. */
        double tol = weighted ? 1e-8 : 1e-10;
        for (size_t m = 0; m < 5; m++) {
            double expect = 1.959963984540054 * sqrt(var[m]);
            assert_true(fabs(half[m] - expect) < tol * expect);
        }
        fit_free(&f);
        battles_free(&bt);
    }
}

/* When the model is right, the sandwich and the bootstrap estimate the
 * same spread: per model within 8 %, on average within 3 % (1000 rounds
 * estimate a standard deviation to about 2 %). */
static void agrees_with_the_bootstrap(void **state)
{
    (void)state;
    const double truth[12] = {1.3, 1.0, 0.8, 0.5, 0.4, 0.1,
                              0.0, -0.2, -0.5, -0.7, -1.1, -1.5};
    Battles bt;
    battles_init(&bt);
    battlegen(&bt, truth, 12, 200000, 0.1, 21);
    Fit f;
    fit(&bt, &f);
    double half[12];
    bt_sandwich(&f.pairs, f.theta, NULL, half);
    BootstrapOptions o = {1000, 3, 2, -1, 0, NULL, NULL};
    BtBootstrap boot;
    bt_bootstrap(&f.pairs, f.theta, &o, &boot);
    double lo[12], hi[12], ratio_sd = 0, ratio_q = 0;
    bootstrap_intervals(boot.elo, 1000, 12, lo, hi);
    for (size_t m = 0; m < 12; m++) {
        double mean = 0, var = 0;
        for (int r = 0; r < 1000; r++)
            mean += boot.elo[r * 12 + m] / 1000;
        for (int r = 0; r < 1000; r++) {
            double d = boot.elo[r * 12 + m] - mean;
            var += d * d / 999;
        }
        double sandwich_sd = half[m] / 1.959963984540054 * ELO;
        double ratio = sandwich_sd / sqrt(var);
        assert_true(fabs(ratio - 1) < 0.08);
        ratio_sd += ratio / 12;
        ratio_q += half[m] * ELO / ((hi[m] - lo[m]) / 2) / 12;
    }
    assert_true(fabs(ratio_sd - 1) < 0.03);
    assert_true(fabs(ratio_q - 1) < 0.04);
    bt_bootstrap_free(&boot);
    fit_free(&f);
    battles_free(&bt);
}

/* Battles among n models, each meeting the `window` models after it. */
static void window_battles(Battles *bt, size_t n, int window, size_t battles,
                           uint64_t seed, double *truth)
{
    battles_init(bt);
    battlegen_models(bt, n);
    Rng r;
    rng_seed(&r, seed, 0);
    for (size_t m = 0; m < n; m++)
        truth[m] = 3.0 * (rng_uniform(&r) - 0.5);
    for (size_t k = 0; k < battles; k++) {
        uint32_t a = (uint32_t)rng_below(&r, n);
        int off = 1 + (int)rng_below(&r, (uint64_t)window);
        uint32_t b = (uint32_t)((a + (uint32_t)off) % n);
        double p = 1.0 / (1.0 + exp(truth[b] - truth[a]));
        battles_push(bt, a, b, rng_uniform(&r) < p ? OUTCOME_A : OUTCOME_B,
                     1.7e9, NULL);
    }
}

/* 2500 models (beyond the old 2000 cap), each meeting the models near it:
 * a band, factored in a band's envelope, not n². */
static void many_models(void **state)
{
    (void)state;
    enum { N = 2500 };
    double *truth = malloc(N * sizeof *truth);
    Battles bt;
    window_battles(&bt, N, 6, 60000, 77, truth);
    RateOptions o;
    rate_options_init(&o);
    o.id = "many";
    o.source_name = "many";
    o.bootstrap = 4;
    LbError err = {0};
    Leaderboard *lb = rate_battles(&bt, &o, &err);
    assert_non_null(lb);
    assert_int_equal(lb->n_models, N);
    for (size_t m = 0; m < N; m++) {
        const LbModel *x = &lb->models[m];
        assert_int_equal(x->rank, (int)m + 1);
        assert_true(x->ci_lower < x->rating && x->rating < x->ci_upper);
        assert_true(x->rank_spread[0] >= 1 && x->rank_spread[1] <= N);
    }
    leaderboard_free(lb);
    Fit f;
    fit(&bt, &f);
    assert_true(f.pairs.pattern.factorable);
    assert_true(f.pairs.pattern.env < 40 * (size_t)N);
    fit_free(&f);
    free(truth);
    battles_free(&bt);
}

/* The same fits without a factor (conjugate gradients with the diagonal,
 * what graphs too large to factor use) agree with the factored ones. */
static void factor_or_not(void **state)
{
    (void)state;
    enum { N = 300 };
    double truth[N];
    Battles bt;
    window_battles(&bt, N, 12, 20000, 78, truth);
    Fit f, g;
    fit(&bt, &f);
    double half[N], half2[N];
    bt_sandwich(&f.pairs, f.theta, NULL, half);
    BootstrapOptions o = {4, 9, 2, -1, 0, NULL, NULL};
    BtBootstrap boot, boot2;
    bt_bootstrap(&f.pairs, f.theta, &o, &boot);
    assert_int_equal(boot.unconverged, 0);

    bt_pairs_from_battles(&g.pairs, &bt);
    g.pairs.pattern.factorable = 0;
    g.w_i = calloc(g.pairs.n_pairs, sizeof(double));
    g.w_j = calloc(g.pairs.n_pairs, sizeof(double));
    g.theta = calloc(N, sizeof(double));
    bt_pairs_weights(&g.pairs, g.pairs.wins_i, g.pairs.wins_j, g.pairs.ties,
                     g.w_i, g.w_j);
    BtSolver *s = bt_solver_new(N, g.pairs.n_pairs);
    assert_int_equal(bt_fit(s, &g.pairs, g.w_i, g.w_j, g.theta, &g.info), 0);
    bt_solver_free(s);
    bt_sandwich(&g.pairs, g.theta, NULL, half2);
    bt_bootstrap(&g.pairs, g.theta, &o, &boot2);
    assert_int_equal(boot2.unconverged, 0);
    for (size_t m = 0; m < N; m++) {
        assert_true(fabs(f.theta[m] - g.theta[m]) < 1e-7);
        assert_true(half[m] > 0 && isfinite(half[m]));
        assert_true(fabs(half[m] - half2[m]) < 1e-6 * half[m]);
    }
    for (size_t k = 0; k < 4 * (size_t)N; k++)
        assert_true(fabs(boot.elo[k] - boot2.elo[k]) < 1e-4);
    bt_bootstrap_free(&boot);
    bt_bootstrap_free(&boot2);
    fit_free(&f);
    fit_free(&g);
    battles_free(&bt);
}

/* The envelope ordering puts hubs last: a star over a path must not cost
 * the square of the models. Solves agree with the matrix they factor. */
static void solver_orders_hubs_last(void **state)
{
    (void)state;
    enum { N = 3000 };
    uint32_t *ei = malloc(2 * N * sizeof *ei), *ej = malloc(2 * N * sizeof *ej);
    double *h = malloc(2 * N * sizeof *h), *d = malloc(N * sizeof *d);
    size_t m = 0;
    for (uint32_t v = 1; v < N; v++) { /* hub 0 meets everyone */
        ei[m] = 0;
        ej[m] = v;
        h[m++] = 0.5;
    }
    for (uint32_t v = 1; v + 1 < N; v++) { /* and a path */
        ei[m] = v;
        ej[m] = v + 1;
        h[m++] = 2.0 + v % 3;
    }
    GraphPattern g;
    graph_pattern_init(&g, N, m, ei, ej);
    assert_true(g.hubs >= 1);
    assert_true(g.env < 8 * (size_t)N);
    for (size_t v = 0; v < N; v++)
        d[v] = 0.01 * (1 + v % 5);
    GraphFactor f;
    assert_int_equal(graph_factor(&f, &g, h, d), 0);
    double *b = malloc(N * sizeof *b), *x = malloc(N * sizeof *x);
    double *ax = malloc(N * sizeof *ax), *work = malloc(N * sizeof *work);
    for (size_t v = 0; v < N; v++)
        b[v] = x[v] = sin((double)v);
    graph_factor_solve(&f, x, work);
    GraphSystem sys = {&g, h, d, 0, 0, NULL};
    graph_matvec(&sys, x, ax);
    for (size_t v = 0; v < N; v++)
        assert_true(fabs(ax[v] - b[v]) < 1e-8);
    /* Unit solves give the columns of the inverse. */
    double *units = malloc(N * GRAPH_BLOCK * sizeof *units);
    double *scratch = malloc(N * GRAPH_BLOCK * sizeof *scratch);
    size_t nodes[GRAPH_BLOCK] = {0, 17, N - 1, 5};
    graph_factor_solve_units(&f, nodes, GRAPH_BLOCK, units, scratch);
    for (size_t k = 0; k < GRAPH_BLOCK; k++) {
        for (size_t v = 0; v < N; v++)
            x[v] = units[v * GRAPH_BLOCK + k];
        graph_matvec(&sys, x, ax);
        for (size_t v = 0; v < N; v++)
            assert_true(fabs(ax[v] - (v == nodes[k])) < 1e-8);
        graph_factor_solve_unit(&f, nodes[k], b, work);
        for (size_t v = 0; v < N; v++)
            assert_true(fabs(b[v] - x[v]) < 1e-10);
    }
    /* Grounded (no diagonal): exact on mean-zero right-hand sides. */
    graph_factor_free(&f);
    assert_int_equal(graph_factor(&f, &g, h, NULL), 0);
    for (size_t v = 0; v < N; v++)
        b[v] = x[v] = cos(3.0 * (double)v);
    graph_project(b, N);
    memcpy(x, b, N * sizeof *x);
    graph_factor_solve(&f, x, work);
    graph_project(x, N);
    GraphSystem lap = {&g, h, NULL, 0, 1, NULL};
    graph_matvec(&lap, x, ax);
    for (size_t v = 0; v < N; v++)
        assert_true(fabs(ax[v] - b[v]) < 1e-8);
    graph_factor_free(&f);
    graph_pattern_free(&g);
    free(ei);
    free(ej);
    free(h);
    free(d);
    free(b);
    free(x);
    free(ax);
    free(work);
    free(units);
    free(scratch);
}

/* Style control's sandwich against the same dense computation over all
 * n + 4 parameters: H = the NLL's Hessian + 1e-5 N I, G = Σ s sᵀ minus
 * ridge² / N θθᵀ (the covariance of the penalised per-battle gradients). */
static void style_sandwich_matches_dense(void **state)
{
    (void)state;
    enum { N = 4, P = N + STYLE_FEATURES, B = 4000 };
    const double truth[N] = {0.4, 0.1, -0.1, -0.4};
    Battles bt;
    battles_init(&bt);
    battlegen_models(&bt, N);
    battles_enable_style(&bt);
    Rng r;
    rng_seed(&r, 8, 0);
    for (size_t k = 0; k < B; k++) {
        uint32_t a = (uint32_t)rng_below(&r, N);
        uint32_t b = (uint32_t)rng_below(&r, N - 1);
        b += b >= a;
        double style[STYLE_FEATURES];
        for (int s = 0; s < STYLE_FEATURES; s++)
            style[s] = rng_uniform(&r) - 0.5;
        double z = truth[a] - truth[b] + 0.7 * style[0];
        double u = rng_uniform(&r);
        BattleOutcome o = u < 0.1                              ? OUTCOME_TIE
                          : rng_uniform(&r) < 1 / (1 + exp(-z)) ? OUTCOME_A
                                                                : OUTCOME_B;
        battles_push(&bt, a, b, o, NAN, style);
    }
    StyleOptions so = {0, 1, 2, -1, 0, NULL, NULL, 1};
    StyleResult sr;
    LbError err = {0};
    assert_int_equal(style_control_fit(&bt, &so, &sr, &err), 0);
    /* The parameters back from the result; the features standardised as
     * the fit does (population standard deviation). */
    double theta[P];
    for (size_t m = 0; m < N; m++)
        theta[m] = (sr.elo[m] - 1000.0) / 400.0;
    for (int s = 0; s < STYLE_FEATURES; s++)
        theta[N + s] = sr.coef[s];
    double mean[STYLE_FEATURES] = {0}, sd[STYLE_FEATURES] = {0};
    for (size_t k = 0; k < B; k++)
        for (int s = 0; s < STYLE_FEATURES; s++)
            mean[s] += bt.style[k * STYLE_FEATURES + s] / B;
    for (size_t k = 0; k < B; k++)
        for (int s = 0; s < STYLE_FEATURES; s++) {
            double d = bt.style[k * STYLE_FEATURES + s] - mean[s];
            sd[s] += d * d / B;
        }
    long double h[P * P] = {0}, g[P * P] = {0}, inv[P * P];
    for (size_t k = 0; k < B; k++) {
        double x[P] = {0};
        x[bt.a[k]] = LN10;
        x[bt.b[k]] = -LN10;
        for (int s = 0; s < STYLE_FEATURES; s++)
            x[N + s] = (bt.style[k * STYLE_FEATURES + s] - mean[s]) /
                       sqrt(sd[s]);
        double z = 0;
        for (size_t i = 0; i < P; i++)
            z += x[i] * theta[i];
        double p = 1 / (1 + exp(-z));
        double y = bt.outcome[k] == OUTCOME_A   ? 1
                   : bt.outcome[k] == OUTCOME_B ? 0
                                                : 0.5;
        for (size_t i = 0; i < P; i++)
            for (size_t j = 0; j < P; j++) {
                h[i * P + j] += p * (1 - p) * x[i] * x[j];
                g[i * P + j] += (y - p) * (y - p) * x[i] * x[j];
            }
    }
    for (size_t i = 0; i < P; i++) {
        h[i * P + i] += 1e-5 * B;
        for (size_t j = 0; j < P; j++)
            g[i * P + j] -= STYLE_RIDGE * STYLE_RIDGE / B * theta[i] *
                            theta[j];
    }
    invert(h, P, inv);
    for (size_t m = 0; m < N; m++) {
        long double v = 0;
        for (size_t i = 0; i < P; i++)
            for (size_t j = 0; j < P; j++)
                v += inv[m * P + i] * g[i * P + j] * inv[j * P + m];
        double expect = 1.959963984540054 * sqrt((double)v) * 400;
        assert_true(fabs(sr.half_width[m] - expect) < 1e-6 * expect);
    }
    style_result_free(&sr);
    battles_free(&bt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(two_models_by_hand),
        cmocka_unit_test(matches_dense_reference),
        cmocka_unit_test(agrees_with_the_bootstrap),
        cmocka_unit_test(many_models),
        cmocka_unit_test(factor_or_not),
        cmocka_unit_test(solver_orders_hubs_last),
        cmocka_unit_test(style_sandwich_matches_dense),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
