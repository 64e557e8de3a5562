/* Bradley–Terry fit and bootstrap: known strengths, an independent solver,
 * invariances, degenerate data, determinism across thread counts. */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "battlegen.h"
#include "rate_bootstrap.h"
#include "rate_bt.h"
#include "rng.h"

#define LN10 2.302585092994046

typedef struct {
    BtPairs pairs;
    double *w_i, *w_j, *theta;
    BtFitInfo info;
    int rc;
} Fit;

static void fit_battles(const Battles *bt, Fit *f)
{
    bt_pairs_from_battles(&f->pairs, bt);
    size_t np = f->pairs.n_pairs + 1, n = bt->n_models + 1;
    f->w_i = calloc(np, sizeof(double));
    f->w_j = calloc(np, sizeof(double));
    f->theta = calloc(n, sizeof(double));
    bt_pairs_weights(&f->pairs, f->pairs.wins_i, f->pairs.wins_j,
                     f->pairs.ties, f->w_i, f->w_j);
    BtSolver *s = bt_solver_new(bt->n_models, f->pairs.n_pairs);
    f->rc = bt_fit(s, &f->pairs, f->w_i, f->w_j, f->theta, &f->info);
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
                 int times)
{
    uint32_t ia = battles_model_id(bt, a, strlen(a));
    uint32_t ib = battles_model_id(bt, b, strlen(b));
    for (int i = 0; i < times; i++)
        battles_push(bt, ia, ib, o, 1.7e9, NULL);
}

static void recovers_known_strengths(void **state)
{
    (void)state;
    const double truth[8] = {1.2, 0.8, 0.5, 0.1, 0.0, -0.3, -0.9, -1.4};
    Battles bt;
    battles_init(&bt);
    battlegen(&bt, truth, 8, 200000, 0.0, 7);
    Fit f;
    fit_battles(&bt, &f);
    assert_int_equal(f.rc, 0);
    assert_true(f.info.converged);
    assert_true(f.info.grad_norm < BT_GRAD_TOL);
    assert_true(f.info.prior == 0);
    double mean = 0, sum = 0;
    for (int k = 0; k < 8; k++) {
        mean += truth[k] / 8;
        sum += f.theta[k];
    }
    assert_true(fabs(sum) < 1e-9); /* the gauge: strengths sum to zero */
    for (int k = 0; k < 8; k++)
        assert_true(fabs(f.theta[k] - (truth[k] - mean)) < 0.03);
    fit_free(&f);
    battles_free(&bt);
}

/* Hunter's MM algorithm (Zermelo's iteration), run to exhaustion: an
 * independent route to the same maximum. */
static void brute_force(const BtPairs *p, const double *w_i, const double *w_j,
                        double *theta)
{
    size_t n = p->n_models;
    double *pi = malloc(n * sizeof *pi), *wins = calloc(n, sizeof *wins);
    double *den = malloc(n * sizeof *den);
    for (size_t k = 0; k < p->n_pairs; k++) {
        wins[p->i[k]] += w_i[k];
        wins[p->j[k]] += w_j[k];
    }
    for (size_t m = 0; m < n; m++)
        pi[m] = 1.0;
    for (int it = 0; it < 200000; it++) {
        for (size_t m = 0; m < n; m++)
            den[m] = 0;
        for (size_t k = 0; k < p->n_pairs; k++) {
            double c = (w_i[k] + w_j[k]) / (pi[p->i[k]] + pi[p->j[k]]);
            den[p->i[k]] += c;
            den[p->j[k]] += c;
        }
        double logsum = 0;
        for (size_t m = 0; m < n; m++) {
            pi[m] = wins[m] / den[m];
            logsum += log(pi[m]);
        }
        for (size_t m = 0; m < n; m++)
            pi[m] /= exp(logsum / (double)n);
    }
    for (size_t m = 0; m < n; m++)
        theta[m] = log(pi[m]);
    free(pi);
    free(wins);
    free(den);
}

static void agrees_with_brute_force(void **state)
{
    (void)state;
    Battles bt;
    battles_init(&bt);
    push(&bt, "a", "b", OUTCOME_A, 7);
    push(&bt, "a", "b", OUTCOME_B, 3);
    push(&bt, "b", "a", OUTCOME_TIE, 2);
    push(&bt, "b", "c", OUTCOME_A, 5);
    push(&bt, "c", "b", OUTCOME_A, 4);
    push(&bt, "c", "d", OUTCOME_A, 2);
    push(&bt, "d", "c", OUTCOME_A, 6);
    push(&bt, "a", "d", OUTCOME_BOTHBAD, 3);
    push(&bt, "d", "a", OUTCOME_A, 1);
    push(&bt, "a", "d", OUTCOME_A, 2);
    Fit f;
    fit_battles(&bt, &f);
    assert_int_equal(f.rc, 0);
    double expect[4];
    brute_force(&f.pairs, f.w_i, f.w_j, expect);
    for (int k = 0; k < 4; k++)
        assert_true(fabs(f.theta[k] - expect[k]) < 1e-6);
    /* And the objective is at a minimum: any nudge raises it. */
    double f0 = bt_objective(&f.pairs, f.w_i, f.w_j, f.theta, 0);
    for (int k = 0; k < 4; k++) {
        f.theta[k] += 1e-3;
        assert_true(bt_objective(&f.pairs, f.w_i, f.w_j, f.theta, 0) > f0);
        f.theta[k] -= 1e-3;
    }
    fit_free(&f);
    battles_free(&bt);
}

static void swapping_sides_changes_nothing(void **state)
{
    (void)state;
    const double truth[5] = {0.5, 0.2, 0, -0.2, -0.6};
    Battles bt, sw;
    battles_init(&bt);
    battles_init(&sw);
    battlegen(&bt, truth, 5, 5000, 0.15, 3);
    battlegen_models(&sw, 5);
    for (size_t k = 0; k < bt.n; k++) {
        BattleOutcome o = bt.outcome[k] == OUTCOME_A   ? OUTCOME_B
                          : bt.outcome[k] == OUTCOME_B ? OUTCOME_A
                                                       : bt.outcome[k];
        battles_push(&sw, bt.b[k], bt.a[k], o, bt.tstamp[k], NULL);
    }
    Fit f1, f2;
    fit_battles(&bt, &f1);
    fit_battles(&sw, &f2);
    assert_memory_equal(f1.theta, f2.theta, 5 * sizeof(double));
    fit_free(&f1);
    fit_free(&f2);
    battles_free(&bt);
    battles_free(&sw);
}

static double ci_width(const BtBootstrap *b, size_t m)
{
    double lo[16], hi[16];
    bootstrap_intervals(b->elo, b->rounds, b->n_models, lo, hi);
    return hi[m] - lo[m];
}

static void doubling_keeps_ratings_and_narrows_ci(void **state)
{
    (void)state;
    const double truth[4] = {0.6, 0.1, -0.2, -0.5};
    Battles once, twice;
    battles_init(&once);
    battles_init(&twice);
    battlegen(&once, truth, 4, 4000, 0.1, 11);
    battlegen(&twice, truth, 4, 4000, 0.1, 11);
    battlegen(&twice, truth, 4, 4000, 0.1, 11);
    Fit f1, f2;
    fit_battles(&once, &f1);
    fit_battles(&twice, &f2);
    for (int k = 0; k < 4; k++)
        assert_true(fabs(f1.theta[k] - f2.theta[k]) < 1e-9);
    BootstrapOptions o = {300, 5, 2, -1, 0, NULL, NULL};
    BtBootstrap b1, b2;
    bt_bootstrap(&f1.pairs, f1.theta, &o, &b1);
    bt_bootstrap(&f2.pairs, f2.theta, &o, &b2);
    for (size_t m = 0; m < 4; m++) {
        double ratio = ci_width(&b2, m) / ci_width(&b1, m);
        assert_true(ratio > 0.55 && ratio < 0.85); /* about 1/sqrt(2) */
    }
    bt_bootstrap_free(&b1);
    bt_bootstrap_free(&b2);
    fit_free(&f1);
    fit_free(&f2);
    battles_free(&once);
    battles_free(&twice);
}

static void all_ties_rate_equal(void **state)
{
    (void)state;
    Battles bt;
    battles_init(&bt);
    push(&bt, "a", "b", OUTCOME_TIE, 5);
    push(&bt, "b", "c", OUTCOME_BOTHBAD, 3);
    push(&bt, "c", "a", OUTCOME_TIE, 1);
    Fit f;
    fit_battles(&bt, &f);
    assert_int_equal(f.rc, 0);
    assert_true(f.info.prior == 0); /* ties connect both ways */
    double elo[3];
    bt_to_elo(f.theta, 3, -1, 0, elo);
    for (int k = 0; k < 3; k++)
        assert_true(fabs(elo[k] - 1000.0) < 1e-9);
    fit_free(&f);
    battles_free(&bt);
}

static void two_models_closed_form(void **state)
{
    (void)state;
    Battles bt;
    battles_init(&bt);
    push(&bt, "x", "y", OUTCOME_A, 30);
    push(&bt, "y", "x", OUTCOME_A, 10);
    push(&bt, "x", "y", OUTCOME_TIE, 4);
    Fit f;
    fit_battles(&bt, &f);
    /* W_x = 32, W_y = 12: θx - θy = ln(32/12). */
    assert_true(fabs((f.theta[0] - f.theta[1]) - log(32.0 / 12.0)) < 1e-12);
    double elo[2];
    bt_to_elo(f.theta, 2, 1, 1200, elo); /* anchor y at 1200 */
    assert_true(fabs(elo[1] - 1200) < 1e-12);
    assert_true(fabs(elo[0] - (1200 + 400 * log10(32.0 / 12.0))) < 1e-9);
    fit_free(&f);
    battles_free(&bt);
}

static void disconnected_graph_stays_finite(void **state)
{
    (void)state;
    Battles bt;
    battles_init(&bt);
    push(&bt, "a", "b", OUTCOME_A, 6);
    push(&bt, "b", "a", OUTCOME_A, 2);
    push(&bt, "c", "d", OUTCOME_A, 3);
    push(&bt, "d", "c", OUTCOME_A, 3);
    Fit f;
    fit_battles(&bt, &f);
    assert_int_equal(f.rc, 0);
    assert_true(f.info.prior > 0);
    for (int k = 0; k < 4; k++)
        assert_true(isfinite(f.theta[k]));
    /* Each part keeps mean zero; the tied part sits at zero. */
    assert_true(fabs(f.theta[0] + f.theta[1]) < 1e-9);
    assert_true(fabs(f.theta[2]) < 1e-9 && fabs(f.theta[3]) < 1e-9);
    assert_true(f.theta[0] > f.theta[1]);
    Buf msg = BUF_INIT;
    bt_describe_degenerate(&f.pairs, f.w_i, f.w_j, bt.names, &msg);
    assert_non_null(strstr(msg.data, "2 disconnected parts"));
    assert_non_null(strstr(msg.data, "part 2: c, d"));
    buf_free(&msg);
    fit_free(&f);
    battles_free(&bt);
}

static void never_losing_model_is_named(void **state)
{
    (void)state;
    Battles bt;
    battles_init(&bt);
    push(&bt, "champ", "b", OUTCOME_A, 9);
    push(&bt, "c", "champ", OUTCOME_B, 4);
    push(&bt, "b", "c", OUTCOME_A, 5);
    push(&bt, "c", "b", OUTCOME_A, 5);
    push(&bt, "b", "dud", OUTCOME_A, 3);
    Fit f;
    fit_battles(&bt, &f);
    assert_int_equal(f.rc, 0);
    assert_true(f.info.prior > 0);
    for (int k = 0; k < 4; k++)
        assert_true(isfinite(f.theta[k]));
    assert_true(f.theta[0] > f.theta[1] + 1.0); /* champ well ahead */
    Buf msg = BUF_INIT;
    bt_describe_degenerate(&f.pairs, f.w_i, f.w_j, bt.names, &msg);
    assert_non_null(strstr(msg.data, "never lost (no finite "
                                     "maximum-likelihood rating): champ"));
    assert_non_null(strstr(msg.data, "never won (no finite "
                                     "maximum-likelihood rating): dud"));
    buf_free(&msg);
    fit_free(&f);
    battles_free(&bt);
}

static void empty_input(void **state)
{
    (void)state;
    Battles bt;
    battles_init(&bt);
    Fit f;
    fit_battles(&bt, &f);
    assert_int_equal(f.rc, 0);
    assert_int_equal(f.pairs.n_pairs, 0);
    BootstrapOptions o = {10, 1, 2, -1, 0, NULL, NULL};
    BtBootstrap b;
    bt_bootstrap(&f.pairs, f.theta, &o, &b);
    assert_int_equal(b.n_models, 0);
    bt_bootstrap_free(&b);
    fit_free(&f);
    battles_free(&bt);
}

static void same_seed_same_output_any_threads(void **state)
{
    (void)state;
    const double truth[6] = {0.9, 0.4, 0.3, 0, -0.4, -1.0};
    Battles bt;
    battles_init(&bt);
    battlegen(&bt, truth, 6, 3000, 0.1, 99);
    Fit f;
    fit_battles(&bt, &f);
    BootstrapOptions one = {64, 123, 1, 2, 1100, NULL, NULL};
    BootstrapOptions two = one;
    two.threads = 2;
    BtBootstrap b1, b2, b3;
    bt_bootstrap(&f.pairs, f.theta, &one, &b1);
    bt_bootstrap(&f.pairs, f.theta, &two, &b2);
    one.seed = 124;
    bt_bootstrap(&f.pairs, f.theta, &one, &b3);
    assert_memory_equal(b1.elo, b2.elo, 64 * 6 * sizeof(double));
    assert_memory_not_equal(b1.elo, b3.elo, 64 * 6 * sizeof(double));
    for (int r = 0; r < 64; r++) /* anchored in every round */
        assert_true(fabs(b1.elo[r * 6 + 2] - 1100) < 1e-9);
    bt_bootstrap_free(&b1);
    bt_bootstrap_free(&b2);
    bt_bootstrap_free(&b3);
    fit_free(&f);
    battles_free(&bt);
}

/* A bootstrap round (warm start, preconditioned conjugate gradients) must
 * land where a from-scratch dense fit of the same resample lands. */
static void bootstrap_rounds_match_fresh_fits(void **state)
{
    (void)state;
    const double truth[7] = {1.0, 0.6, 0.3, 0.0, -0.2, -0.5, -1.1};
    Battles bt;
    battles_init(&bt);
    battlegen(&bt, truth, 7, 6000, 0.1, 17);
    Fit f;
    fit_battles(&bt, &f);
    BootstrapOptions o = {5, 77, 2, -1, 0, NULL, NULL};
    BtBootstrap boot;
    bt_bootstrap(&f.pairs, f.theta, &o, &boot);
    size_t np = f.pairs.n_pairs;
    double *cells = malloc(3 * np * sizeof *cells);
    for (size_t k = 0; k < np; k++) {
        cells[3 * k] = f.pairs.wins_i[k];
        cells[3 * k + 1] = f.pairs.wins_j[k];
        cells[3 * k + 2] = f.pairs.ties[k];
    }
    MultinomialPlan plan;
    multinomial_plan_init(&plan, cells, 3 * np);
    uint32_t *counts = malloc(3 * np * sizeof *counts);
    uint64_t *fen = malloc((3 * np + 1) * sizeof *fen);
    double *wi = malloc(np * sizeof *wi), *wj = malloc(np * sizeof *wj);
    double *t = malloc(np * sizeof *t), *w_i = malloc(np * sizeof *w_i);
    double *w_j = malloc(np * sizeof *w_j);
    for (int round = 0; round < 5; round++) {
        Rng r;
        rng_seed(&r, 77, (uint64_t)round);
        multinomial_draw(&plan, &r, counts, fen);
        for (size_t k = 0; k < np; k++) {
            wi[k] = counts[3 * k];
            wj[k] = counts[3 * k + 1];
            t[k] = counts[3 * k + 2];
        }
        bt_pairs_weights(&f.pairs, wi, wj, t, w_i, w_j);
        double theta[7] = {0}, elo[7];
        BtSolver *s = bt_solver_new(7, np);
        assert_int_equal(bt_fit(s, &f.pairs, w_i, w_j, theta, NULL), 0);
        bt_solver_free(s);
        bt_to_elo(theta, 7, -1, 0, elo);
        for (int m = 0; m < 7; m++)
            assert_true(fabs(elo[m] - boot.elo[round * 7 + m]) < 1e-6);
    }
    free(cells);
    free(counts);
    free(fen);
    free(wi);
    free(wj);
    free(t);
    free(w_i);
    free(w_j);
    multinomial_plan_free(&plan);
    bt_bootstrap_free(&boot);
    fit_free(&f);
    battles_free(&bt);
}

static void multinomial_is_exact_in_total_and_mean(void **state)
{
    (void)state;
    double counts[5] = {1, 0, 40, 500, 9};
    MultinomialPlan plan;
    multinomial_plan_init(&plan, counts, 5);
    uint32_t out[5];
    uint64_t fen[6];
    double mean[5] = {0};
    Rng r;
    for (int round = 0; round < 4000; round++) {
        rng_seed(&r, 1, (uint64_t)round);
        multinomial_draw(&plan, &r, out, fen);
        uint64_t total = 0;
        for (int k = 0; k < 5; k++) {
            total += out[k];
            mean[k] += out[k] / 4000.0;
        }
        assert_int_equal(total, 550);
        assert_int_equal(out[1], 0);
    }
    for (int k = 0; k < 5; k++) /* within ~5 standard errors */
        assert_true(fabs(mean[k] - counts[k]) <
                    5 * sqrt(counts[k] + 1e-9) / sqrt(4000.0) + 1e-9);
    multinomial_plan_free(&plan);
}

static void summaries(void **state)
{
    (void)state;
    double sorted[5] = {1, 2, 3, 4, 5};
    assert_true(fabs(quantile_sorted(sorted, 5, 0.5) - 3) < 1e-12);
    assert_true(fabs(quantile_sorted(sorted, 5, 0.025) - 1.1) < 1e-12);
    /* 3 models × 4 rounds; model 2 always last. */
    double table[12] = {3, 2, 1, 2, 3, 1, 3, 2, 1, 2, 3, 1};
    int spread[3][2];
    bootstrap_rank_spread(table, 4, 3, spread);
    assert_int_equal(spread[0][0], 1);
    assert_int_equal(spread[0][1], 2);
    assert_int_equal(spread[2][0], 3);
    assert_int_equal(spread[2][1], 3);
    double lo[3] = {10, 5, 0}, hi[3] = {12, 11, 4};
    int ub[3];
    rank_upper_bounds(lo, hi, 3, ub);
    assert_int_equal(ub[0], 1);
    assert_int_equal(ub[1], 1);
    assert_int_equal(ub[2], 3);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The summaries (selection, radix order) against their definitions
 * computed the plain way (sort, count), exactly, on tables full of ties,
 * both zeros and negative ratings. */
static void summaries_match_definitions(void **state)
{
    (void)state;
    static const int rounds_list[] = {1, 2, 3, 7, 40, 1000};
    static const size_t models_list[] = {1, 2, 5, 60};
    static const double values[] = {-0.0, 0.0, -3.5, 1e-300, 1200.25,
                                    1200.5, -1e300, 7.0};
    Rng r;
    rng_seed(&r, 99, 0);
    for (size_t a = 0; a < sizeof rounds_list / sizeof *rounds_list; a++) {
        for (size_t b = 0; b < sizeof models_list / sizeof *models_list;
             b++) {
            int rounds = rounds_list[a];
            size_t n = models_list[b];
            double *table = malloc((size_t)rounds * n * sizeof *table);
            for (size_t k = 0; k < (size_t)rounds * n; k++)
                table[k] = k % 3 ? values[rng_below(&r, 8)]
                                 : 1000 + 100 * rng_uniform(&r);
            double *lo = malloc(n * sizeof *lo), *hi = malloc(n * sizeof *hi);
            int (*spread)[2] = malloc(n * sizeof *spread);
            bootstrap_intervals(table, rounds, n, lo, hi);
            bootstrap_rank_spread(table, rounds, n, spread);
            double *col = malloc((size_t)rounds * sizeof *col);
            double *ranks = malloc((size_t)rounds * sizeof *ranks);
            for (size_t m = 0; m < n; m++) {
                for (int t = 0; t < rounds; t++) {
                    const double *row = table + (size_t)t * n;
                    col[t] = row[m];
                    size_t higher = 0;
                    for (size_t o = 0; o < n; o++)
                        higher += row[o] > row[m];
                    ranks[t] = (double)(1 + higher);
                }
                qsort(col, (size_t)rounds, sizeof *col, cmp_double);
                qsort(ranks, (size_t)rounds, sizeof *ranks, cmp_double);
                assert_true(lo[m] == quantile_sorted(col, (size_t)rounds,
                                                     0.025));
                assert_true(hi[m] == quantile_sorted(col, (size_t)rounds,
                                                     0.975));
                assert_int_equal(spread[m][0],
                                 (int)floor(quantile_sorted(
                                     ranks, (size_t)rounds, 0.025)));
                assert_int_equal(spread[m][1],
                                 (int)ceil(quantile_sorted(
                                     ranks, (size_t)rounds, 0.975)));
            }
            free(col);
            free(ranks);
            free(lo);
            free(hi);
            free(spread);
            free(table);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(recovers_known_strengths),
        cmocka_unit_test(agrees_with_brute_force),
        cmocka_unit_test(swapping_sides_changes_nothing),
        cmocka_unit_test(doubling_keeps_ratings_and_narrows_ci),
        cmocka_unit_test(all_ties_rate_equal),
        cmocka_unit_test(two_models_closed_form),
        cmocka_unit_test(disconnected_graph_stays_finite),
        cmocka_unit_test(never_losing_model_is_named),
        cmocka_unit_test(empty_input),
        cmocka_unit_test(same_seed_same_output_any_threads),
        cmocka_unit_test(bootstrap_rounds_match_fresh_fits),
        cmocka_unit_test(multinomial_is_exact_in_total_and_mean),
        cmocka_unit_test(summaries),
        cmocka_unit_test(summaries_match_definitions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
