/* bench_rate — speed and memory of the ratings engine on a synthetic file
 * in the public arena's battle format.
 *
 * Writes LBGEN_BENCH_BATTLES battles (default 2,000,000) among
 * LBGEN_BENCH_MODELS models (default 300), every record with the
 * conv_metadata style counts, as JSON Lines under /tmp (about 1 GB at the
 * default size; the generation is not timed), then times: parsing (MB/s),
 * the Bradley–Terry fit, 1000 bootstrap rounds with the rank spread, style
 * control with 100 bootstrap rounds, and reports the peak RSS. Pairs are
 * drawn uniformly among all models — the worst case for the per-pair
 * bootstrap (about 45,000 distinct pairs at 300 models);
 * LBGEN_BENCH_WINDOW=K pairs each model only with the K models on either
 * side of it, closer to real arena data where few pairs ever meet.
 *
 * Where the time goes (2 M battles, 2 cores): parsing is bound by the byte
 * scanner (whitespace, strings, numbers) at ~250-290 MB/s. A bootstrap
 * round costs ~2 ms of one core: ~0.6 ms drawing the multinomial (135,000
 * Poisson cells by table inversion), the rest in 4 Newton steps whose
 * linear systems are solved by conjugate gradients preconditioned with the
 * point estimate's Cholesky factor (~2.5 CG steps each). Style control
 * spends its time in passes over the 1.8 M battles (one exp each), about
 * 5 passes a round.
 *
 * Quick check: LBGEN_BENCH_BATTLES=200000 make bench.
 * Keep the file between runs: LBGEN_BENCH_KEEP=1. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "battles.h"
#include "parallel.h"
#include "rate_bootstrap.h"
#include "rate_bt.h"
#include "rate_style.h"
#include "rng.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static long env_long(const char *name, long fallback)
{
    const char *v = getenv(name);
    return v && *v ? strtol(v, NULL, 10) : fallback;
}

/* window > 0: model_b is drawn among the `window` models on either side
 * of model_a (models that were live at the same time, as on the real
 * arena, where far fewer than all pairs ever meet). */
static void generate(const char *path, long n_battles, long n_models,
                     long window)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(1);
    }
    static char buf[1 << 20];
    setvbuf(f, buf, _IOFBF, sizeof buf);
    Rng r;
    rng_seed(&r, 2026, 0);
    double *strength = malloc((size_t)n_models * sizeof *strength);
    for (long m = 0; m < n_models; m++)
        strength[m] = 3.0 * (rng_uniform(&r) - 0.5);
    static const char *const winners[] = {"model_a", "model_b", "tie",
                                          "tie (bothbad)"};
    static const char *const langs[] = {"English", "Chinese", "Russian",
                                        "German"};
    for (long k = 0; k < n_battles; k++) {
        long a = (long)rng_below(&r, (uint64_t)n_models);
        long b;
        if (window > 0) {
            long lo = a - window < 0 ? 0 : a - window;
            long hi = a + window >= n_models ? n_models - 1 : a + window;
            b = lo + (long)rng_below(&r, (uint64_t)(hi - lo));
            b += b >= a;
        } else {
            b = (long)rng_below(&r, (uint64_t)n_models - 1);
            b += b >= a;
        }
        double p = 1.0 / (1.0 + exp(strength[b] - strength[a]));
        double u = rng_uniform(&r);
        int w = u < 0.12 ? 2 : u < 0.18 ? 3 : rng_uniform(&r) < p ? 0 : 1;
        fprintf(f,
                "{\"question_id\":\"%016llx\",\"model_a\":\"model-%03ld-"
                "instruct\",\"model_b\":\"model-%03ld-instruct\",\"winner\":"
                "\"%s\",\"judge\":\"arena_user_%llu\",\"turn\":1,\"anony\":"
                "%s,\"language\":\"%s\",\"tstamp\":%.4f,\"conv_metadata\":{"
                "\"sum_user_tokens\":%u,\"sum_assistant_a_tokens\":%u,"
                "\"sum_assistant_b_tokens\":%u,\"context_a_tokens\":%u,"
                "\"context_b_tokens\":%u,\"turns\":1,\"header_count_a\":{"
                "\"h1\":%u,\"h2\":%u,\"h3\":%u,\"h4\":0,\"h5\":0,\"h6\":0},"
                "\"list_count_a\":{\"ordered\":%u,\"unordered\":%u},"
                "\"bold_count_a\":{\"**\":%u,\"__\":0},\"header_count_b\":{"
                "\"h1\":%u,\"h2\":%u,\"h3\":%u,\"h4\":0,\"h5\":0,\"h6\":0},"
                "\"list_count_b\":{\"ordered\":%u,\"unordered\":%u},"
                "\"bold_count_b\":{\"**\":%u,\"__\":0}},\"is_code\":%s,"
                "\"dedup_tag\":{\"high_freq\":false,\"sampled\":true},"
                "\"category_tag\":{\"criteria_v0.1\":{\"specificity\":%s,"
                "\"creativity\":false},\"math_v0.1\":{\"math\":%s}}}\n",
                (unsigned long long)rng_next(&r), a, b, winners[w],
                (unsigned long long)rng_below(&r, 1000000),
                rng_below(&r, 10) ? "true" : "false",
                langs[rng_below(&r, 4)], 1.7e9 + (double)k * 15.0,
                (unsigned)rng_below(&r, 500), (unsigned)rng_below(&r, 1500),
                (unsigned)rng_below(&r, 1500), (unsigned)rng_below(&r, 2000),
                (unsigned)rng_below(&r, 2000), (unsigned)rng_below(&r, 3),
                (unsigned)rng_below(&r, 4), (unsigned)rng_below(&r, 4),
                (unsigned)rng_below(&r, 6), (unsigned)rng_below(&r, 9),
                (unsigned)rng_below(&r, 12), (unsigned)rng_below(&r, 3),
                (unsigned)rng_below(&r, 4), (unsigned)rng_below(&r, 4),
                (unsigned)rng_below(&r, 6), (unsigned)rng_below(&r, 9),
                (unsigned)rng_below(&r, 12),
                rng_below(&r, 5) ? "false" : "true",
                rng_below(&r, 2) ? "true" : "false",
                rng_below(&r, 8) ? "false" : "true");
    }
    free(strength);
    if (fclose(f) != 0) {
        perror(path);
        exit(1);
    }
}

static double peak_rss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

int main(void)
{
    long n_battles = env_long("LBGEN_BENCH_BATTLES", 2000000);
    long n_models = env_long("LBGEN_BENCH_MODELS", 300);
    int rounds = (int)env_long("LBGEN_BENCH_ROUNDS", 1000);
    int style_rounds = (int)env_long("LBGEN_BENCH_STYLE_ROUNDS", 100);
    long window = env_long("LBGEN_BENCH_WINDOW", 0);
    char path[128];
    snprintf(path, sizeof path, "/tmp/lbgen-bench-%ld-%ld-%ld.jsonl",
             n_battles, n_models, window);
    struct stat st;
    if (stat(path, &st) != 0) {
        double t = now();
        generate(path, n_battles, n_models, window);
        printf("generated %s in %.1f s (not part of the figures)\n", path,
               now() - t);
    }
    stat(path, &st);
    printf("input: %ld battles, %ld models (%s), %.0f MB; %d threads; other "
           "work on this machine makes the figures noisy\n",
           n_battles, n_models, window ? "windowed pairs" : "all pairs",
           (double)st.st_size / 1e6, parallel_cpu_count());

    BattleReadOptions opt;
    memset(&opt, 0, sizeof opt);
    opt.anony_only = 1;
    opt.since = opt.until = NAN;
    opt.want_style = 1;
    Battles bt;
    battles_init(&bt);
    LbError err = {0};
    double t0 = now();
    if (battles_read(path, &opt, &bt, &err) < 0) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    battles_sort_models(&bt);
    double t_parse = now() - t0;
    printf("parse:      %7.2f s  %6.0f MB/s  (%zu battles kept)\n", t_parse,
           (double)st.st_size / 1e6 / t_parse, bt.n);

    t0 = now();
    BtPairs pairs;
    bt_pairs_from_battles(&pairs, &bt);
    double *w_i = malloc(pairs.n_pairs * sizeof *w_i);
    double *w_j = malloc(pairs.n_pairs * sizeof *w_j);
    bt_pairs_weights(&pairs, pairs.wins_i, pairs.wins_j, pairs.ties, w_i, w_j);
    double *theta = calloc(bt.n_models, sizeof *theta);
    BtSolver *solver = bt_solver_new(bt.n_models, pairs.n_pairs);
    BtFitInfo info;
    bt_fit(solver, &pairs, w_i, w_j, theta, &info);
    bt_solver_free(solver);
    double t_fit = now() - t0;
    printf("BT fit:     %7.3f s  (%zu pairs, %d Newton steps, gradient "
           "norm %.1e)\n",
           t_fit, pairs.n_pairs, info.iterations, info.grad_norm);

    t0 = now();
    BootstrapOptions bo = {rounds, 42, 0, -1, 0, NULL, NULL};
    BtBootstrap boot;
    bt_bootstrap(&pairs, theta, &bo, &boot);
    double t_boot = now() - t0;
    t0 = now();
    int (*spread)[2] = malloc(bt.n_models * sizeof *spread);
    bootstrap_rank_spread(boot.elo, rounds, bt.n_models, spread);
    double *lo = malloc(bt.n_models * sizeof *lo);
    double *hi = malloc(bt.n_models * sizeof *hi);
    bootstrap_intervals(boot.elo, rounds, bt.n_models, lo, hi);
    double t_spread = now() - t0;
    printf("bootstrap:  %7.3f s  (%d rounds, %.2f ms a round on %d "
           "threads; %d unconverged)\n",
           t_boot, rounds, 1e3 * t_boot * parallel_cpu_count() / rounds,
           parallel_cpu_count(), boot.unconverged);
    printf("  Newton steps a round %.2f, conjugate-gradient steps a round "
           "%.1f\n", (double)boot.newton_steps / rounds,
           (double)boot.cg_steps / rounds);
    printf("CI + rank spread: %.3f s\n", t_spread);
    {
        /* Where a round's time goes: the multinomial resampling alone. */
        double *cells = malloc(3 * pairs.n_pairs * sizeof *cells);
        for (size_t k = 0; k < pairs.n_pairs; k++) {
            cells[3 * k] = pairs.wins_i[k];
            cells[3 * k + 1] = pairs.wins_j[k];
            cells[3 * k + 2] = pairs.ties[k];
        }
        MultinomialPlan plan;
        multinomial_plan_init(&plan, cells, 3 * pairs.n_pairs);
        uint32_t *counts = malloc(3 * pairs.n_pairs * sizeof *counts);
        uint64_t *fen = malloc((3 * pairs.n_pairs + 1) * sizeof *fen);
        Rng r;
        t0 = now();
        for (int i = 0; i < 100; i++) {
            rng_seed(&r, 1, (uint64_t)i);
            multinomial_draw(&plan, &r, counts, fen);
        }
        printf("  of which resampling: %.2f ms a round (one thread)\n",
               (now() - t0) * 10);
        multinomial_plan_free(&plan);
        free(cells);
        free(counts);
        free(fen);
    }
    printf("fit + bootstrap + rank spread: %.2f s (target < 2 s)\n",
           t_fit + t_boot + t_spread);

    t0 = now();
    StyleOptions so = {style_rounds, 42, 0, -1, 0, NULL, NULL};
    StyleResult sr;
    style_control_fit(&bt, &so, &sr, &err);
    double t_style = now() - t0;
    printf("style:      %7.2f s  (%d rounds; target < 20 s; point fit %s)\n",
           t_style, style_rounds, sr.converged ? "converged" : "NOT converged");
    printf("peak RSS:   %7.0f MB (target < 300 MB)\n", peak_rss_mb());

    style_result_free(&sr);
    bt_bootstrap_free(&boot);
    free(spread);
    free(lo);
    free(hi);
    free(theta);
    free(w_i);
    free(w_j);
    bt_pairs_free(&pairs);
    battles_free(&bt);
    if (!getenv("LBGEN_BENCH_KEEP"))
        unlink(path);
    return 0;
}
