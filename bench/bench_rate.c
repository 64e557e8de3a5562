/* bench_rate — speed and memory of the ratings engine on synthetic files in
 * the public arena's battle format.
 *
 * 1. LBGEN_BENCH_BATTLES battles (default 2,000,000) among
 *    LBGEN_BENCH_MODELS models (default 300), every record with the
 *    conv_metadata style counts, as JSON Lines under /tmp (1.6 GB at the
 *    default size; generating it is not timed). Printed: the newline scan
 *    of the file (read() and memchr, one thread: what the kernel and memory
 *    allow), the parse beside it (every core), then what `lbgen rate
 *    --ci bootstrap` does after parsing: the Bradley–Terry fit, 1000
 *    bootstrap rounds and the rank spreads, and the whole run end to end;
 *    the sandwich intervals; style control with LBGEN_BENCH_STYLE_ROUNDS
 *    (default 100) rounds; the peak RSS.
 * 2. Model scaling: 400,000 battles among 300 and among 5000 models, each
 *    model meeting the models near it (LBGEN_BENCH_WINDOW, default 25 on
 *    either side: models live at the same time, as on the real arena), rated
 *    as `lbgen rate` does by default (parse, fit, sandwich intervals) and
 *    with 1000 bootstrap rounds; the ratio of the two sizes.
 *
 * Pairs in part 1 are drawn uniformly among all models, the worst case
 * for the per-pair bootstrap (about 45,000 distinct pairs at 300 models).
 *
 * Where the time goes (2 M battles, 2 cores): parsing reads the fields a
 * run needs and skims the rest (conv_metadata, tags) 64 bytes at a time,
 * chunks of lines on every core; a bootstrap round draws the multinomial
 * (135,000 Poisson cells by table inversion) and takes 3 Newton steps
 * (stopping after a step below 1e-4) whose systems are solved by conjugate
 * gradients preconditioned with the point estimate's Cholesky factor.
 * In part 2 a round's work grows with the pairs and cells of the larger
 * board, which the last line prints beside the ratio.
 *
 * Quick check: LBGEN_BENCH_BATTLES=200000 make bench. Keep the files
 * between runs: LBGEN_BENCH_KEEP=1. Skip a part: LBGEN_BENCH_PARTS=1 or 2. */
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "battles.h"
#include "leaderboard.h"
#include "parallel.h"
#include "rate.h"
#include "rate_bootstrap.h"
#include "rate_bt.h"
#include "rate_sandwich.h"
#include "rate_style.h"
#include "rng.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* CPU seconds of this process (all threads): with other work on the
 * machine, wall times vary; CPU times much less. */
static double cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 +
           (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
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
                "{\"question_id\":\"%016llx\",\"model_a\":\"model-%04ld-"
                "instruct\",\"model_b\":\"model-%04ld-instruct\",\"winner\":"
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

static const char *input(long n_battles, long n_models, long window,
                         char *path, size_t size)
{
    snprintf(path, size, "/tmp/lbgen-bench-%ld-%ld-%ld.jsonl", n_battles,
             n_models, window);
    struct stat st;
    if (stat(path, &st) != 0) {
        double t = now();
        generate(path, n_battles, n_models, window);
        printf("generated %s in %.1f s (not part of the figures)\n", path,
               now() - t);
    }
    return path;
}

static double file_mb(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (double)st.st_size / 1e6 : 0;
}

static double peak_rss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

/* What the kernel and memory allow: read() the file and count newlines. */
static double newline_scan(const char *path, long *lines)
{
    static char buf[1 << 20];
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        perror(path);
        exit(1);
    }
    double t = now();
    long count = 0;
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        const char *p = buf, *end = buf + n;
        while ((p = memchr(p, '\n', (size_t)(end - p)))) {
            count++;
            p++;
        }
    }
    close(fd);
    *lines = count;
    return now() - t;
}

static void read_or_die(const char *path, int style, Battles *bt)
{
    BattleReadOptions opt;
    memset(&opt, 0, sizeof opt);
    opt.anony_only = 1;
    opt.since = opt.until = NAN;
    opt.want_style = style;
    battles_init(bt);
    LbError err = {0};
    if (battles_read(path, &opt, bt, &err) < 0) {
        fprintf(stderr, "%s\n", err.message);
        exit(1);
    }
}

static void rate_or_die(Battles *bt, RateCi ci, int rounds, const char *id)
{
    RateOptions o;
    rate_options_init(&o);
    o.ci = ci;
    o.bootstrap = rounds;
    o.id = id;
    o.source_name = id;
    LbError err = {0};
    Leaderboard *lb = rate_battles(bt, &o, &err);
    if (!lb) {
        fprintf(stderr, "%s\n", err.message);
        exit(1);
    }
    leaderboard_free(lb);
}

static void part_one(long n_battles, long n_models, int rounds,
                     int style_rounds)
{
    char path[160];
    input(n_battles, n_models, 0, path, sizeof path);
    double mb = file_mb(path);
    printf("\n== %ld battles, %ld models (all pairs), %.0f MB; %d threads; "
           "other work on this machine makes the figures noisy\n",
           n_battles, n_models, mb, parallel_cpu_count());
    long lines;
    newline_scan(path, &lines); /* warm the page cache */
    double t_scan = newline_scan(path, &lines);
    double t0 = now(), c0 = cpu();
    Battles bt;
    read_or_die(path, 0, &bt);
    double t_parse = now() - t0, c_parse = cpu() - c0;
    printf("newline scan: %7.2f s  %6.0f MB/s  (read + memchr, one thread)\n",
           t_scan, mb / t_scan);
    printf("parse:        %7.2f s  %6.0f MB/s  (%.1f x the newline scan; "
           "target <= 6 x; %.2f s of CPU; %zu battles kept)\n",
           t_parse, mb / t_parse, t_parse / t_scan, c_parse, bt.n);

    battles_sort_models(&bt);
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
    printf("BT fit:       %7.3f s  (%zu pairs, %d Newton steps, gradient "
           "norm %.1e)\n",
           t_fit, pairs.n_pairs, info.iterations, info.grad_norm);

    t0 = now();
    c0 = cpu();
    BootstrapOptions bo = {rounds, 42, 0, -1, 0, NULL, NULL};
    BtBootstrap boot;
    bt_bootstrap(&pairs, theta, &bo, &boot);
    double t_boot = now() - t0, c_boot = cpu() - c0;
    t0 = now();
    int (*spread)[2] = malloc(bt.n_models * sizeof *spread);
    bootstrap_rank_spread(boot.elo, rounds, bt.n_models, spread);
    double *lo = malloc(bt.n_models * sizeof *lo);
    double *hi = malloc(bt.n_models * sizeof *hi);
    bootstrap_intervals(boot.elo, rounds, bt.n_models, lo, hi);
    double t_spread = now() - t0;
    printf("bootstrap:    %7.3f s  (%d rounds, %.2f ms of CPU a round; "
           "%.2f Newton and %.1f CG steps a round; %d unconverged)\n",
           t_boot, rounds, 1e3 * c_boot / rounds,
           (double)boot.newton_steps / rounds,
           (double)boot.cg_steps / rounds, boot.unconverged);
    printf("CI + rank spread: %.3f s\n", t_spread);
    t0 = now();
    double *half = malloc(bt.n_models * sizeof *half);
    bt_sandwich(&pairs, theta, NULL, half);
    printf("sandwich:     %7.3f s\n", now() - t0);
    printf("fit + bootstrap + rank spread: %.2f s\n",
           t_fit + t_boot + t_spread);
    bt_bootstrap_free(&boot);
    free(spread);
    free(lo);
    free(hi);
    free(half);
    free(theta);
    free(w_i);
    free(w_j);
    bt_pairs_free(&pairs);
    battles_free(&bt);

    /* End to end: what `lbgen rate --ci bootstrap` does, file to board. */
    t0 = now();
    c0 = cpu();
    read_or_die(path, 0, &bt);
    rate_or_die(&bt, RATE_CI_BOOTSTRAP, rounds, "bench");
    double t_all = now() - t0, c_all = cpu() - c0;
    battles_free(&bt);
    printf("end to end (parse, fit, %d rounds, rank spread): %.2f s "
           "(target < 3 s; %.2f s of CPU)\n", rounds, t_all, c_all);

    if (style_rounds > 0) {
        read_or_die(path, 1, &bt);
        battles_sort_models(&bt);
        t0 = now();
        StyleOptions so = {style_rounds, 42, 0, -1, 0, NULL, NULL, 0};
        StyleResult sr;
        LbError err = {0};
        style_control_fit(&bt, &so, &sr, &err);
        printf("style:        %7.2f s  (%d rounds; point fit %s)\n",
               now() - t0, style_rounds,
               sr.converged ? "converged" : "NOT converged");
        style_result_free(&sr);
        battles_free(&bt);
    }
    printf("peak RSS:     %7.0f MB (target < 300 MB)\n", peak_rss_mb());
    if (!getenv("LBGEN_BENCH_KEEP"))
        unlink(path);
}

/* One size of the scaling test: default run and 1000 rounds. */
static void scaling_run(long n_battles, long n_models, long window,
                        int rounds, double *t_default, double *t_boot,
                        size_t *pairs_out, size_t *cells_out)
{
    char path[160];
    input(n_battles, n_models, window, path, sizeof path);
    Battles bt;
    read_or_die(path, 0, &bt); /* warm the page cache */
    battles_free(&bt);
    double t0 = now();
    read_or_die(path, 0, &bt);
    rate_or_die(&bt, RATE_CI_SANDWICH, 0, "bench");
    *t_default = now() - t0;
    battles_free(&bt);
    t0 = now();
    read_or_die(path, 0, &bt);
    BtPairs pairs;
    bt_pairs_from_battles(&pairs, &bt);
    size_t n_pairs = pairs.n_pairs, env = pairs.pattern.env, cells = 0;
    for (size_t c = 0; c < pairs.n_cells; c++)
        cells += pairs.cell_count[c] > 0;
    *pairs_out = n_pairs;
    *cells_out = cells;
    int factorable = pairs.pattern.factorable;
    bt_pairs_free(&pairs);
    rate_or_die(&bt, RATE_CI_SANDWICH, rounds, "bench");
    *t_boot = now() - t0;
    printf("%5ld models: %zu pairs, %zu cells that occur, envelope %zu%s; "
           "lbgen rate: %.2f s; with %d bootstrap rounds: %.2f s\n",
           n_models, n_pairs, cells, env, factorable ? "" : " (not factored)",
           *t_default, rounds, *t_boot);
    battles_free(&bt);
    if (!getenv("LBGEN_BENCH_KEEP"))
        unlink(path);
}

static void part_two(int rounds)
{
    long n_battles = env_long("LBGEN_BENCH_SCALE_BATTLES", 400000);
    long window = env_long("LBGEN_BENCH_WINDOW", 25);
    printf("\n== model scaling: %ld battles, each model meeting the %ld "
           "models on either side\n", n_battles, window);
    double d300, b300, d5000, b5000;
    size_t p300, c300, p5000, c5000;
    scaling_run(n_battles, 300, window, rounds, &d300, &b300, &p300, &c300);
    scaling_run(n_battles, 5000, window, rounds, &d5000, &b5000, &p5000,
                &c5000);
    printf("5000 vs 300 models: %.1f x by default (target <= 5 x), %.1f x "
           "with %d rounds\n", d5000 / d300, b5000 / b300, rounds);
    printf("  (each bootstrap round draws every cell that occurs and refits "
           "on every pair: %.1f x the cells, %.1f x the pairs)\n",
           (double)c5000 / (double)(c300 ? c300 : 1),
           (double)p5000 / (double)(p300 ? p300 : 1));
    printf("peak RSS:     %7.0f MB\n", peak_rss_mb());
}

int main(void)
{
    long n_battles = env_long("LBGEN_BENCH_BATTLES", 2000000);
    long n_models = env_long("LBGEN_BENCH_MODELS", 300);
    int rounds = (int)env_long("LBGEN_BENCH_ROUNDS", 1000);
    int style_rounds = (int)env_long("LBGEN_BENCH_STYLE_ROUNDS", 100);
    long parts = env_long("LBGEN_BENCH_PARTS", 12);
    if (parts == 1 || parts == 12)
        part_one(n_battles, n_models, rounds, style_rounds);
    if (parts == 2 || parts == 12)
        part_two(rounds);
    return 0;
}
