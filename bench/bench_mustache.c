/* bench_mustache — renders a 300-row leaderboard table (9 columns, HTML
 * escaping) for about two seconds and prints renders/s and output MB/s.
 * Target (issue 2): at least 100 MB/s of output on one core. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mustache.h"

static const char *TEMPLATE =
    "<table class=\"board\">\n"
    "  <thead><tr>{{#columns}}<th>{{.}}</th>{{/columns}}</tr></thead>\n"
    "  <tbody>\n"
    "  {{#rows}}\n"
    "    <tr class=\"{{#open}}open{{/open}}{{^open}}closed{{/open}}\">\n"
    "      <td>{{rank}}</td>\n"
    "      <td><a href=\"{{url}}\">{{model}}</a></td>\n"
    "      <td>{{org}}</td>\n"
    "      <td>{{score}}</td>\n"
    "      <td>+{{ci.hi}}/-{{ci.lo}}</td>\n"
    "      <td>{{votes}}</td>\n"
    "      <td>{{license}}</td>\n"
    "      <td>{{cutoff}}</td>\n"
    "      <td>{{winrate}}%</td>\n"
    "    </tr>\n"
    "  {{/rows}}\n"
    "  </tbody>\n"
    "</table>\n";

static cJSON *make_data(void)
{
    cJSON *root = cJSON_CreateObject();
    const char *cols[] = {"Rank", "Model", "Organization", "Score", "95% CI",
                          "Votes", "License", "Knowledge cutoff", "Win rate"};
    cJSON_AddItemToObject(root, "columns", cJSON_CreateStringArray(cols, 9));
    cJSON *rows = cJSON_AddArrayToObject(root, "rows");
    for (int i = 0; i < 300; i++) {
        char buf[128];
        cJSON *r = cJSON_CreateObject();
        cJSON_AddNumberToObject(r, "rank", i + 1);
        snprintf(buf, sizeof buf, "model-%d <preview> & \"chat\"", i);
        cJSON_AddStringToObject(r, "model", buf);
        snprintf(buf, sizeof buf, "https://example.org/models/%d?a=1&b=2", i);
        cJSON_AddStringToObject(r, "url", buf);
        cJSON_AddStringToObject(r, "org", i % 3 ? "OpenLab" : "Acme AI");
        snprintf(buf, sizeof buf, "%d", 1400 - i);
        cJSON_AddStringToObject(r, "score", buf);
        cJSON *ci = cJSON_AddObjectToObject(r, "ci");
        cJSON_AddStringToObject(ci, "hi", "5");
        cJSON_AddStringToObject(ci, "lo", "4");
        cJSON_AddNumberToObject(r, "votes", 10000 + i * 37);
        cJSON_AddStringToObject(r, "license", i % 2 ? "Proprietary" : "MIT");
        cJSON_AddStringToObject(r, "cutoff", "2024/10");
        cJSON_AddNumberToObject(r, "winrate", 50.5 - i * 0.125);
        cJSON_AddBoolToObject(r, "open", i % 2 == 0);
        cJSON_AddItemToArray(rows, r);
    }
    return root;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(void)
{
    LbError err = {0};
    MustacheEnv *env = mustache_env_new(NULL);
    MustacheTemplate *t = mustache_compile(env, "bench", TEMPLATE,
                                           strlen(TEMPLATE), &err);
    if (!t) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    cJSON *data = make_data();
    Buf out = BUF_INIT;
    long renders = 0;
    size_t bytes = 0;
    double start = now(), elapsed = 0;
    while (elapsed < 2.0) {
        for (int i = 0; i < 50; i++) {
            out.len = 0;
            if (mustache_render(env, t, data, MUSTACHE_ESCAPE_HTML, &out,
                                &err) < 0) {
                fprintf(stderr, "%s\n", err.message);
                return 1;
            }
            bytes += out.len;
            renders++;
        }
        elapsed = now() - start;
    }
    printf("mustache: 300-row table, %zu bytes per render\n", out.len);
    printf("mustache: %.0f renders/s, %.1f MB/s of output\n",
           (double)renders / elapsed, (double)bytes / elapsed / 1e6);
    buf_free(&out);
    cJSON_Delete(data);
    mustache_env_free(env);
    return 0;
}
