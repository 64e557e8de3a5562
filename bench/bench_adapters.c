/* bench_adapters — how long the adapters take on a generated arena page
 * and a benchmark CSV of the seeds' size (300 rows) and ten times that. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "adapter.h"
#include "buf.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void arena_page(Buf *b, int rows)
{
    buf_puts(b, "<!DOCTYPE html><html><body><table><thead><tr>"
                "<th>Rank (UB)</th><th>Rank Spread</th><th>Model</th>"
                "<th>Score</th><th>95% CI (&plusmn;)</th><th>Votes</th>"
                "<th>Organization</th><th>License</th></tr></thead><tbody>");
    for (int i = 0; i < rows; i++)
        buf_printf(b, "<tr><td>%d <span>&#9650;2</span></td><td><span>%d"
                      "</span><span>&#9668;&#9472;&#9658;</span><span>%d"
                      "</span></td><td><img alt=\"Org\" src=\"/i.svg\">"
                      "<a href=\"/model/m-%d\">model-%d</a></td><td>%d"
                      "<span>Preliminary</span></td><td>+6/-4</td>"
                      "<td>21,%03d</td><td>Org %d</td><td>MIT</td></tr>",
                   i + 1, i + 1, i + 3, i, i, 4000 - i, i % 1000, i % 7);
    buf_puts(b, "</tbody></table></body></html>");
}

static void bench_csv(Buf *b, int rows)
{
    buf_puts(b, "model,organization,a,b,c,d,e,f,g,h\n");
    for (int i = 0; i < rows; i++)
        buf_printf(b, "\"model-%d\",Org,%d.5,%d.1,%d,%d,%d,%d,%d,%d\n", i,
                   i % 90, i % 80, i % 70, i % 60, i % 50, i % 40, i % 30,
                   i % 20);
}

static void run(const char *adapter, const char *label, const Buf *b,
                int iterations)
{
    AdapterOptions opt = {0};
    opt.id = "bench";
    opt.source_name = label;
    opt.base_url = "https://lmarena.ai/leaderboard/text";
    /* The benchmark's eight scores, ranked by their mean (`--scores`). */
    static const char *const scores[] = {"a", "b", "c", "d",
                                         "e", "f", "g", "h"};
    if (strcmp(adapter, "table") == 0) {
        opt.score_columns = scores;
        opt.n_score_columns = sizeof scores / sizeof *scores;
    }
    double start = now_ms();
    size_t models = 0;
    for (int i = 0; i < iterations; i++) {
        LbError err = {0};
        Leaderboard *lb = adapter_run(adapter_find(adapter), b->data, b->len,
                                      &opt, &err);
        if (!lb) {
            fprintf(stderr, "%s: %s\n", label, err.message);
            exit(1);
        }
        models = lb->n_models;
        leaderboard_free(lb);
    }
    double ms = (now_ms() - start) / iterations;
    printf("%-22s %6zu rows %8.0f KiB %9.2f ms/parse %8.0f rows/ms\n", label,
           models, (double)b->len / 1024, ms, (double)models / ms);
}

int main(void)
{
    int sizes[] = {300, 3000};
    for (int k = 0; k < 2; k++) {
        Buf html = BUF_INIT, csv = BUF_INIT;
        char label[64];
        arena_page(&html, sizes[k]);
        bench_csv(&csv, sizes[k]);
        snprintf(label, sizeof label, "arena-html %d", sizes[k]);
        run("arena-html", label, &html, k ? 3 : 20);
        snprintf(label, sizeof label, "table (csv) %d", sizes[k]);
        run("table", label, &csv, k ? 3 : 20);
        buf_free(&html);
        buf_free(&csv);
    }
    return 0;
}
