/* bench_site — a full default build (every locale x every board x Markdown,
 * HTML and SVG, the model pages, the overview and the feeds, plus indexes,
 * sitemap and downloads), repeated; prints the time per build and pages per
 * second, of wall time and of CPU time (user + system: one core's worth,
 * whatever else the machine runs). Target: 1,500 pages per second or more.
 *
 * It builds into a directory under $LBGEN_BENCH_DIR, by default /dev/shm
 * (memory) when there is one, else /tmp: twenty builds in a row each
 * delete the previous tree, and on an ext4 file system without a journal
 * creating a file then scans past every inode deleted in the last minutes
 * (the kernel's recently_deleted check), which soon costs more than the
 * build itself. LBGEN_BENCH_DIR=/tmp measures that too; LBGEN_BENCH_BUILDS
 * sets the number of builds (20). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"
#include "site.h"

static double clock_of(clockid_t which)
{
    struct timespec ts;
    clock_gettime(which, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double now(void)
{
    return clock_of(CLOCK_MONOTONIC);
}

int main(void)
{
    /* LBGEN_BENCH_BUILDS: how many builds (default 20). */
    const char *builds = getenv("LBGEN_BENCH_BUILDS");
    const int ROUNDS = builds && atoi(builds) > 0 ? atoi(builds) : 20;
    const char *parent = getenv("LBGEN_BENCH_DIR");
    if (!parent || !*parent)
        parent = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    char out[4096];
    snprintf(out, sizeof out, "%s/lbgen-bench-site-XXXXXX", parent);
    if (!mkdtemp(out))
        return 1;
    double cpu0 = clock_of(CLOCK_PROCESS_CPUTIME_ID);
    BuildOptions options = {.config_path = "leaderboards.json", .out_dir = out};
    BuildStats stats = {0};
    LbError err = {0};
    double best = 1e9, total = 0;
    for (int i = 0; i < ROUNDS; i++) {
        double t0 = now();
        if (site_build(&options, &stats, &err) != 0) {
            fprintf(stderr, "bench_site: %s\n", err.message);
            return 1;
        }
        double dt = now() - t0;
        total += dt;
        if (dt < best)
            best = dt;
    }
    printf("site build: %zu files, %.1f KB per build\n", stats.pages,
           stats.bytes / 1024.0);
    printf("site build: best %.1f ms, mean %.1f ms over %d builds\n",
           best * 1e3, total / ROUNDS * 1e3, ROUNDS);
    double cpu = clock_of(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
    printf("site build: %.0f pages/s (wall), %.0f pages/s of CPU time (%.1f ms "
           "of CPU per build), under %s\n", stats.pages / (total / ROUNDS),
           stats.pages / (cpu / ROUNDS), cpu / ROUNDS * 1e3, parent);
    remove_tree(out, NULL);
    return 0;
}
