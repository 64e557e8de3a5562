/* cmd_fetch — `lbgen fetch SOURCE --adapter NAME`: one source through one
 * adapter, printing the Leaderboard JSON. The way to debug a source by
 * hand, and the same code path `lbgen build --fetch` uses. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "adapter.h"
#include "buf.h"
#include "catalog.h"
#include "commands.h"
#include "fetch.h"
#include "format.h"
#include "jsonfile.h"
#include "mem.h"
#include "redact.h"
#include "slug.h"
#include "source.h"

typedef struct {
    const char *adapter;
    const char *out;
    const char *id;
    const char *base_url;
    const char *catalog;
    int no_cache;
    FetchOptions fetch;
    AdapterOptions adapt;
    char **score_names;
    double *weights;
    size_t n_scores;
    const char *options;      /* --options JSON, as a source's options */
    SourceSpec spec;          /* the source: adapter, via and options */
} FetchArgs;

static void print_log(void *ctx, const char *line)
{
    (void)ctx;
    lb_log("lbgen fetch: %s\n", line);
}

static int parse_seconds(const char *text, long *ms)
{
    char *end;
    double s = strtod(text, &end);
    if (end == text || *end || !(s > 0) || s > 86400)
        return -1;
    *ms = (long)llround(s * 1000);
    return 0;
}

/* BYTES with an optional K or M suffix (powers of 1024). */
static int parse_size(const char *text, size_t *out)
{
    char *end;
    unsigned long long v = strtoull(text, &end, 10);
    if (end == text)
        return -1;
    if (*end == 'K' || *end == 'k')
        v <<= 10, end++;
    else if (*end == 'M' || *end == 'm')
        v <<= 20, end++;
    if (*end || v == 0 || v > ((unsigned long long)1 << 40))
        return -1;
    *out = (size_t)v;
    return 0;
}

/* --scores "医疗=2,教育,金融": names with optional weights. */
static int parse_scores(FetchArgs *a, const char *spec)
{
    char *copy = xstrdup(spec), *save = NULL;
    int rc = 0, any_weight = 0;
    for (char *tok = strtok_r(copy, ",", &save); tok && rc == 0;
         tok = strtok_r(NULL, ",", &save)) {
        char *eq = strrchr(tok, '=');
        double w = 1.0;
        if (eq) {
            char *end;
            *eq = '\0';
            w = strtod(eq + 1, &end);
            if (end == eq + 1 || *end || !(w > 0) || !isfinite(w))
                rc = -1;
            any_weight = 1;
        }
        if (!*tok)
            rc = -1;
        a->score_names = xrealloc(a->score_names,
                                  (a->n_scores + 1) * sizeof *a->score_names);
        a->weights = xrealloc(a->weights,
                              (a->n_scores + 1) * sizeof *a->weights);
        a->score_names[a->n_scores] = xstrdup(tok);
        a->weights[a->n_scores++] = w;
    }
    free(copy);
    if (rc == 0 && a->n_scores == 0)
        rc = -1;
    a->adapt.score_columns = (const char *const *)a->score_names;
    a->adapt.n_score_columns = a->n_scores;
    a->adapt.weights = any_weight ? a->weights : NULL;
    return rc;
}

static void print_warning(void *ctx, const char *message)
{
    (void)ctx;
    lb_log_lines("lbgen fetch: warning: ", message);
}

/* --options: the same object and checks as a source's options in
 * leaderboards.json. */
static int parse_options(FetchArgs *a)
{
    LbError err = {0};
    cJSON *json = NULL;
    if (a->options) {
        json = json_parse_text("--options", a->options, strlen(a->options),
                               &err);
        if (!json)
            return command_usage_error("fetch", "%s", err.message);
    }
    a->spec.adapter = xstrdup(a->adapter);
    int rc = source_spec_set_options(&a->spec, json, "--options", &err);
    cJSON_Delete(json);
    if (rc < 0)
        return command_usage_error("fetch", "%s", err.message);
    a->adapt.warn = print_warning;
    return 0;
}

static void free_args(FetchArgs *a)
{
    source_spec_free(&a->spec);
    free_strings(a->score_names, a->n_scores);
    free(a->weights);
}

enum {
    OPT_VIA = 256,
    OPT_CACHE,
    OPT_NO_CACHE,
    OPT_TIMEOUT,
    OPT_RETRIES,
    OPT_MAX_SIZE,
    OPT_BASE_URL,
    OPT_FORMAT,
    OPT_MODEL_COL,
    OPT_ORG_COL,
    OPT_TOTAL_COL,
    OPT_SCORES,
    OPT_TRUST_TOTAL,
    OPT_CATALOG,
    OPT_OPTIONS,
    OPT_MAX_ROWS
};

static int parse_args(int argc, char **argv, FetchArgs *a, const char **src)
{
    static const struct option opts[] = {
        {"adapter", required_argument, NULL, 'a'},
        {"out", required_argument, NULL, 'o'},
        {"id", required_argument, NULL, 'i'},
        {"via", required_argument, NULL, OPT_VIA},
        {"cache", required_argument, NULL, OPT_CACHE},
        {"no-cache", no_argument, NULL, OPT_NO_CACHE},
        {"timeout", required_argument, NULL, OPT_TIMEOUT},
        {"retries", required_argument, NULL, OPT_RETRIES},
        {"max-size", required_argument, NULL, OPT_MAX_SIZE},
        {"base-url", required_argument, NULL, OPT_BASE_URL},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"model-column", required_argument, NULL, OPT_MODEL_COL},
        {"org-column", required_argument, NULL, OPT_ORG_COL},
        {"total-column", required_argument, NULL, OPT_TOTAL_COL},
        {"scores", required_argument, NULL, OPT_SCORES},
        {"trust-total", no_argument, NULL, OPT_TRUST_TOTAL},
        {"catalog", required_argument, NULL, OPT_CATALOG},
        {"options", required_argument, NULL, OPT_OPTIONS},
        {"max-rows", required_argument, NULL, OPT_MAX_ROWS},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":a:o:i:", opts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'a': a->adapter = optarg; break;
        case 'o': a->out = optarg; break;
        case 'i': a->id = optarg; break;
        case OPT_VIA: a->fetch.via = optarg; break;
        case OPT_CACHE: a->fetch.cache_dir = optarg; break;
        case OPT_NO_CACHE: a->no_cache = 1; break;
        case OPT_BASE_URL: a->base_url = optarg; break;
        case OPT_MODEL_COL: a->adapt.model_column = optarg; break;
        case OPT_ORG_COL: a->adapt.organization_column = optarg; break;
        case OPT_TOTAL_COL: a->adapt.total_column = optarg; break;
        case OPT_TRUST_TOTAL: a->adapt.trust_total = 1; break;
        case OPT_CATALOG: a->catalog = optarg; break;
        case OPT_OPTIONS: a->options = optarg; break;
        case OPT_TIMEOUT:
            if (parse_seconds(optarg, &a->fetch.timeout_ms) != 0)
                return command_usage_error("fetch", "bad --timeout '%s'",
                                           optarg);
            if (a->fetch.connect_timeout_ms > a->fetch.timeout_ms)
                a->fetch.connect_timeout_ms = a->fetch.timeout_ms;
            break;
        case OPT_RETRIES:
            a->fetch.max_retries = (int)strtol(optarg, &end, 10);
            if (end == optarg || *end || a->fetch.max_retries < 0
                || a->fetch.max_retries > 10)
                return command_usage_error("fetch", "bad --retries '%s' "
                                           "(0 to 10)", optarg);
            break;
        case OPT_MAX_SIZE:
            if (parse_size(optarg, &a->fetch.max_body) != 0)
                return command_usage_error("fetch", "bad --max-size '%s'",
                                           optarg);
            break;
        case OPT_MAX_ROWS: {
            long long rows = strtoll(optarg, &end, 10);
            if (end == optarg || *end || rows < 1 || rows > LB_MAX_ROWS_LIMIT)
                return command_usage_error("fetch", "bad --max-rows '%s' "
                                           "(1 to %d)", optarg,
                                           LB_MAX_ROWS_LIMIT);
            a->adapt.max_rows = (size_t)rows;
            break;
        }
        case OPT_FORMAT:
            if (strcmp(optarg, "csv") == 0)
                a->adapt.format = TABLE_FORMAT_CSV;
            else if (strcmp(optarg, "markdown") == 0)
                a->adapt.format = TABLE_FORMAT_MARKDOWN;
            else if (strcmp(optarg, "json") == 0)
                a->adapt.format = TABLE_FORMAT_JSON;
            else
                return command_usage_error("fetch", "bad --format '%s' "
                                           "(csv, markdown, json)", optarg);
            break;
        case OPT_SCORES:
            if (parse_scores(a, optarg) != 0)
                return command_usage_error("fetch", "bad --scores '%s'",
                                           optarg);
            break;
        case ':':
            return command_usage_error("fetch", "%s needs a value",
                                       argv[optind - 1]);
        default:
            return command_usage_error("fetch", "unknown option '%s'",
                                       argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return command_usage_error("fetch", "%s",
                                   optind >= argc ? "missing URL or FILE"
                                                  : "one source at a time");
    *src = argv[optind];
    if (!a->adapter)
        return command_usage_error("fetch", "--adapter is required");
    if (!adapter_find(a->adapter)) {
        Buf names = BUF_INIT;
        for (const Adapter *ad = lbgen_adapters; ad->name; ad++)
            buf_printf(&names, "%s%s", names.len ? ", " : "", ad->name);
        int rc = command_usage_error("fetch", "unknown adapter '%s' (known: "
                                     "%s)", a->adapter, names.data);
        buf_free(&names);
        return rc;
    }
    LbError bad_id;
    if (a->id && slug_check(a->id, "--id", &bad_id) != 0)
        return command_usage_error("fetch", "%s", bad_id.message);
    if (a->base_url && !lb_url_is_http(a->base_url))
        return command_usage_error("fetch", "--base-url must be an absolute "
                                   "http(s) URL");
    if (a->no_cache)
        a->fetch.cache_dir = NULL;
    return parse_options(a);
}

static int join_catalog(Leaderboard *lb, const char *path, LbError *err)
{
    Leaderboard *catalog = leaderboard_load(path, err);
    if (!catalog)
        return -1;
    catalog_join(lb, catalog);
    leaderboard_free(catalog);
    return 0;
}

static int run(FetchArgs *a, const char *source, Redactor *secrets,
               LbError *err)
{
    char *id = a->id ? xstrdup(a->id) : slug_from_name(source, "leaderboard");
    a->adapt.id = id;
    a->spec.url = xstrdup(source);
    a->spec.via = a->fetch.via ? xstrdup(a->fetch.via) : NULL;
    Leaderboard *lb = source_run(&a->spec, &a->adapt, &a->fetch, a->base_url,
                                 secrets, err);
    int rc = -1;
    if (lb && (!a->catalog || join_catalog(lb, a->catalog, err) == 0)) {
        /* The source's own date (the data's, or the HTTP Last-Modified);
         * the clock only when it has none. */
        if (!lb->updated_at)
            lb->updated_at = utc_now_iso();
        cJSON *json = leaderboard_to_json(lb);
        rc = json_write_file(a->out, json, err);
        cJSON_Delete(json);
    }
    leaderboard_free(lb);
    free(id);
    redact_error(secrets, err);
    return rc;
}

int cmd_fetch(int argc, char **argv)
{
    FetchArgs a;
    memset(&a, 0, sizeof a);
    fetch_options_init(&a.fetch);
    a.fetch.cache_dir = ".cache";
    a.fetch.log = print_log;
    const char *source = NULL;
    int status = parse_args(argc, argv, &a, &source);
    if (status != 0) {
        free_args(&a);
        return status;
    }
    LbError err = {0};
    Redactor secrets = REDACTOR_INIT;
    if (fetch_global_init(&err) != 0) {
        lb_log("lbgen fetch: %s\n", err.message);
        free_args(&a);
        return err.status;
    }
    if (run(&a, source, &secrets, &err) != 0) {
        lb_log("lbgen fetch: %s\n", err.message);
        status = err.status ? (int)err.status : LB_EINTERNAL;
    }
    fetch_global_cleanup();
    redactor_free(&secrets);
    free_args(&a);
    return status;
}
