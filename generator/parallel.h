/* parallel — run N independent rounds on a pool of pthreads.
 *
 * Rounds are handed out one at a time from a shared counter; each round
 * writes only its own slot of the caller's output, so results do not
 * depend on the number of threads or on scheduling. Each thread gets its
 * own worker state from `worker_new` (freed with `worker_free`). */
#ifndef LBGEN_PARALLEL_H
#define LBGEN_PARALLEL_H

typedef struct {
    void *(*worker_new)(void *ctx);
    void (*worker_free)(void *worker);
    void (*run_round)(void *worker, void *ctx, int round);
    void *ctx;
    /* Called from worker threads, serialised, after each finished round.
     * May be NULL. */
    void (*progress)(void *progress_ctx, int done, int total);
    void *progress_ctx;
} ParallelJob;

/* Number of online processors (at least 1). */
int parallel_cpu_count(void);

/* Runs rounds 0..rounds-1 on `threads` threads (<= 0: all processors). */
void parallel_run(const ParallelJob *job, int rounds, int threads);

#endif
