/* leaderboard — the data model every stage shares (see ARCHITECTURE.md):
 * adapters and the ratings engine produce a Leaderboard, the data/ snapshots
 * store it, the view reads it. Its id is a slug (slug.h) and, once the site
 * build has checked it, equal to its board's id in the configuration.
 *
 * Ownership: a Leaderboard owns all of its strings and arrays;
 * leaderboard_free() releases everything. Absent optional fields are NULL
 * (strings), NAN (doubles), 0 (ranks), -1 (votes, counters, preliminary). */
#ifndef LBGEN_LEADERBOARD_H
#define LBGEN_LEADERBOARD_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "diag.h"

/* The longest string field (a model name, a URL, an extra column's name or
 * value) a board may hold: a source sending more has changed shape, and a
 * megabyte "model name" must not reach the published pages. */
#define LB_MAX_TEXT 2048

/* The most rows one source may give (AdapterOptions.max_rows, the
 * `live.max_rows` of leaderboards.json, `lbgen fetch --max-rows`), by
 * default: far above any real board (LMArena's text board has under 300),
 * far below what would strain memory or the render. LB_MAX_ROWS_LIMIT is
 * the most it may be raised to. */
#define LB_DEFAULT_MAX_ROWS 20000
#define LB_MAX_ROWS_LIMIT 1000000

typedef enum {
    LB_KIND_ARENA,
    LB_KIND_WINRATE,
    LB_KIND_BENCHMARK
} LbKind;

/* An ordered name → value pair (benchmark scores, style coefficients). */
typedef struct {
    char *name;
    double value;
} LbNumber;

/* An ordered name → text pair (columns an adapter did not recognise). */
typedef struct {
    char *name;
    char *value;
} LbText;

/* A named percentage with its own interval, as the agent board publishes
 * its metrics ("12.47%±1.54%" → 12.47, 10.93, 14.01). The value lies in
 * -100..100 (a net improvement can be negative); ci_lower/ci_upper are
 * NAN when absent, else both present, around the value, within
 * -200..200. */
typedef struct {
    char *name;
    double value;
    double ci_lower, ci_upper;
} LbMetric;

/* Limits of the plausibility checks on the fields below. */
#define LB_MAX_PRICE 1000000.0          /* USD per million tokens */
#define LB_MAX_CONTEXT 10000000000LL    /* tokens */
#define LB_MAX_METRIC 100.0             /* |value| of a metric, percent */
#define LB_MAX_METRIC_BOUND 200.0       /* |ci_lower|, |ci_upper| */

typedef struct {
    char *model;        /* required, unique within the board */
    char *url;          /* http(s) only */
    char *organization;
    char *license;
    double rating;
    double ci_lower, ci_upper;
    int rank;           /* ordinal rank, 1 = best */
    int rank_ub;        /* 1 + models whose lower bound beats our upper bound */
    int rank_spread[2]; /* [lo, hi]; {0, 0} when absent */
    long long votes;
    int preliminary;    /* -1 absent, 0 false, 1 true */
    int is_new;         /* -1 absent, 0 false, 1 true ("new" in JSON) */
    /* The style-controlled variant when `rating` is not style-controlled
     * (lbgen rate --style-control); NAN / 0 absent. */
    double style_rating, style_ci_lower, style_ci_upper;
    int style_rank;
    /* The variant without style control when `rating` is style-controlled
     * (the board's style_control is 1: the Arena's JSON read with its
     * plain twin); NAN / 0 absent. */
    double plain_rating, plain_ci_lower, plain_ci_upper;
    int plain_rank;
    double avg_tokens;
    char *first_seen, *last_seen; /* ISO-8601 UTC */
    /* The name a source shows when its id for the model differs
     * ("GPT-4o" for chatgpt-4o-latest-20241120); NULL absent. */
    char *display_name;
    /* USD per million input / output tokens ("$5/$25"); NAN absent. */
    double price_input, price_output;
    long long context;          /* context window in tokens; -1 absent */
    long long sessions;         /* agent board: sessions; -1 absent */
    /* Model-catalog metadata (the catalog adapter; -1 / NULL absent). */
    char *params;               /* parameter count as published: "671B" */
    long long hf_likes, hf_downloads; /* Hugging Face counters */
    LbNumber *scores;
    size_t n_scores;
    LbMetric *metrics;          /* in the source's column order */
    size_t n_metrics;
    LbText *extra;
    size_t n_extra;
} LbModel;

typedef struct {
    char *url;
    char *method;       /* bradley-terry, elo, winrate, benchmark, ... */
    char *ci;           /* how intervals were computed: sandwich, bootstrap */
    long long battles;  /* -1 absent */
    int bootstrap_rounds; /* 0 absent */
    long long seed;     /* -1 absent */
    char *baseline;     /* win-rate boards */
    LbNumber *style_coefficients;
    size_t n_style_coefficients;
    /* Which configured source gave the data: its adapter ("arena-catalog")
     * and, for the arena-catalog adapter, the price list joined onto it
     * (http(s) only). NULL absent. */
    char *adapter;
    char *prices_url;
} LbSource;

typedef struct {
    char *id;
    LbKind kind;
    char *updated_at;   /* ISO-8601 UTC, e.g. 2026-01-02T08:08:37Z */
    /* The source's category of this board ("full", "coding", "chinese"):
     * [a-z0-9_-], at most 64 bytes; NULL absent. */
    char *category;
    /* 1 when `rating` (and rank, ci) is style-controlled, as the Arena
     * shows its text-like boards by default; 0 when it is not; -1 unknown
     * (absent). Decides which snapshots compare like with like
     * (lb_variant_value). */
    int style_control;
    /* 1 when the board holds only the top rows of a longer list (a top-30
     * extract): a model missing from it may simply rank lower, so it is
     * never "new" against it; -1 absent, 0 false. */
    int truncated;
    LbSource source;
    LbModel *models;
    size_t n_models;
    size_t cap_models;
} Leaderboard;

Leaderboard *leaderboard_new(const char *id, LbKind kind);
void leaderboard_free(Leaderboard *lb);

/* Appends a model with every optional field absent; the pointer is valid
 * until the next append. `name` is copied. */
LbModel *leaderboard_add_model(Leaderboard *lb, const char *name);
void lb_model_add_score(LbModel *m, const char *name, double value);
void lb_model_add_extra(LbModel *m, const char *name, const char *value);
/* Appends a metric; ci_lower/ci_upper NAN when it has no interval. */
void lb_model_add_metric(LbModel *m, const char *name, double value,
                         double ci_lower, double ci_upper);
void lb_source_add_style_coefficient(LbSource *s, const char *name,
                                     double value);

/* Validates and converts the JSON form. `name` (usually the file path)
 * prefixes errors, which also name the record: "NAME: models[3]: ...". */
Leaderboard *leaderboard_from_json(const cJSON *json, const char *name,
                                   LbError *err);
Leaderboard *leaderboard_load(const char *path, LbError *err);
cJSON *leaderboard_to_json(const Leaderboard *lb);

/* A flat RFC 4180 table: one row per model, fixed columns, then scores,
 * then each metric as three columns (NAME, NAME ci_lower, NAME ci_upper);
 * score and metric columns come from the first model that has any. */
void leaderboard_write_csv(const Leaderboard *lb, Buf *out);

/* Stable sort, best first: by rating (descending), absent ratings last,
 * then by model name so equal ratings always come out in the same order. */
void leaderboard_sort_by_rating(Leaderboard *lb);

const char *lb_kind_name(LbKind kind);
int lb_kind_parse(const char *text, LbKind *kind);

/* 1 when `url` is an absolute http:// or https:// URL with a host. */
int lb_url_is_http(const char *url);

/* Which rating of a model: the one a board ranks by with or without
 * style control. A board's `rating` is LB_STYLE when its style_control is
 * 1, else LB_PLAIN; the other variant is in plain_* or style_*. */
typedef enum { LB_PLAIN, LB_STYLE } LbVariant;

/* The variant `rating` holds on this board. */
LbVariant lb_headline_variant(const Leaderboard *lb);

/* The model's rating and rank in variant `v` on board `lb` (its own
 * rating/rank, or the plain_* / style_* twin): 1 when known, else 0 (and
 * *rating NAN, *rank 0). rank may be 0 when only the rating is known. */
int lb_variant_value(const Leaderboard *lb, const LbModel *m, LbVariant v,
                     double *rating, int *rank);

/* 1 when some model of `lb` has a rating in variant `v`. */
int lb_has_variant(const Leaderboard *lb, LbVariant v);

/* ---- plausibility ------------------------------------------------------
 * Every number a source gives must be plausible for its field: a 1e308
 * interval or a billion-place rank is a source gone wrong, not news. The
 * ranges live in one table (leaderboard.c, lb_ranges) and are enforced by
 * leaderboard_from_json(), which every adapter result and every data/ file
 * goes through; adapters may check earlier to name the cell. */
typedef struct {
    const char *field; /* "rating", "votes", ...; see lb_ranges */
    unsigned kinds;    /* bit (1 << LbKind) for each kind it applies to */
    double min, max;   /* inclusive */
    const char *what;  /* in messages: "a rating (Elo scale)" */
} LbRange;

/* The range of `field` on a board of `kind`, or NULL when the field has
 * none. The interval and style fields (ci_lower, style_rating, ...) share
 * "rating"'s; benchmark score columns are "scores". */
const LbRange *lb_range(const char *field, LbKind kind);

/* 0 when `value` is in its range (or the field has none); else -1 and
 * `problem` (at least 160 bytes) says what is wrong, e.g.
 * "1e+308 is outside the plausible range of a rating (0 to 10000)". */
int lb_range_check(const char *field, LbKind kind, double value,
                   char *problem, size_t size);

/* 1 when `text` is a category name a board may carry: [a-z0-9_-], 1 to 64
 * bytes (it may name a page's directory). */
int lb_category_is_valid(const char *text);

#endif
