#include "parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "mem.h"

typedef struct {
    const ParallelJob *job;
    int rounds;
    atomic_int next;
    int done;
    pthread_mutex_t lock;
} Shared;

int parallel_cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

static void *thread_main(void *arg)
{
    Shared *sh = arg;
    const ParallelJob *job = sh->job;
    void *worker = job->worker_new(job->ctx);
    for (;;) {
        int round = atomic_fetch_add(&sh->next, 1);
        if (round >= sh->rounds)
            break;
        job->run_round(worker, job->ctx, round);
        if (job->progress) {
            pthread_mutex_lock(&sh->lock);
            job->progress(job->progress_ctx, ++sh->done, sh->rounds);
            pthread_mutex_unlock(&sh->lock);
        }
    }
    job->worker_free(worker);
    return NULL;
}

void parallel_run(const ParallelJob *job, int rounds, int threads)
{
    if (rounds <= 0)
        return;
    if (threads <= 0)
        threads = parallel_cpu_count();
    if (threads > rounds)
        threads = rounds;
    Shared sh;
    sh.job = job;
    sh.rounds = rounds;
    atomic_init(&sh.next, 0);
    sh.done = 0;
    pthread_mutex_init(&sh.lock, NULL);
    pthread_t *tids = xmalloc((size_t)threads * sizeof *tids);
    int started = 0;
    for (int t = 1; t < threads; t++)
        if (pthread_create(&tids[t], NULL, thread_main, &sh) == 0)
            tids[started++ + 1] = tids[t];
    /* The calling thread works too; if some threads failed to start, the
     * others simply take more rounds. */
    thread_main(&sh);
    for (int t = 1; t <= started; t++)
        pthread_join(tids[t], NULL);
    pthread_mutex_destroy(&sh.lock);
    free(tids);
}
