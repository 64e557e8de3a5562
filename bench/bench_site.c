/* bench_site — a full default build (3 locales x every board x Markdown,
 * HTML and SVG, plus indexes, sitemap and downloads), repeated; prints the
 * time per build and pages per second. Target: under 150 ms per build. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "fileio.h"
#include "site.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
    enum { ROUNDS = 20 };
    char out[] = "/tmp/lbgen-bench-site-XXXXXX";
    if (!mkdtemp(out))
        return 1;
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
    printf("site build: best %.1f ms, mean %.1f ms over %d builds (target < 150 ms)\n",
           best * 1e3, total / ROUNDS * 1e3, ROUNDS);
    printf("site build: %.0f pages/s\n", stats.pages / (total / ROUNDS));
    remove_tree(out, NULL);
    return 0;
}
