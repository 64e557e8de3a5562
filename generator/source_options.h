/* source_options — the `options` of a source for the arena-catalog and
 * hf-rows adapters (in leaderboards.json, or `--options` on lbgen fetch).
 *
 *   arena-catalog: category  the category of the Arena's JSON to read
 *                            (default "full")
 *                  prices    URL or file of the Arena's price list
 *                            (scatterplot-data.json), joined by API name
 *                  plain     URL or file of the same board without style
 *                            control (leaderboard-text.json beside
 *                            -text-style-control.json): its ratings are
 *                            kept as plain_rating, plain_ci_*, plain_rank
 *                            and the board is marked style_control
 *   hf-rows:       columns   {"FIELD": "dataset column"}: which column
 *                            holds each Leaderboard field (FIELD one of
 *                            SOURCE_OPTION_FIELDS); default: the columns
 *                            of lmarena-ai/leaderboard-dataset
 *                  filter    {"column": value}: only rows whose columns
 *                            equal these scalars (e.g. the category)
 *                  max_rows  the most rows lbgen pages through (default
 *                            20000, at most 1000000)
 *
 * Ownership: a SourceOptions owns its strings and its filter object;
 * source_options_free() releases them. Zero-initialised means "no
 * options"; a failed parse leaves it so. */
#ifndef LBGEN_SOURCE_OPTIONS_H
#define LBGEN_SOURCE_OPTIONS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "diag.h"
#include "leaderboard.h"

/* The same limits as every source's row limit (leaderboard.h). */
#define SOURCE_DEFAULT_MAX_ROWS LB_DEFAULT_MAX_ROWS
#define SOURCE_MAX_ROWS_LIMIT LB_MAX_ROWS_LIMIT

typedef struct {
    char *category;    /* arena-catalog; NULL: "full" */
    char *prices;      /* arena-catalog; NULL: no price list */
    char *plain;       /* arena-catalog; NULL: no plain twin */
    LbText *columns;   /* hf-rows: field (name) → column (value), in the */
    size_t n_columns;  /* order written; none: the default mapping */
    cJSON *filter;     /* hf-rows: {column: scalar}; NULL: every row */
    long long max_rows; /* hf-rows; 0: SOURCE_DEFAULT_MAX_ROWS */
} SourceOptions;

/* The Leaderboard fields an hf-rows column can fill, NULL-terminated:
 * model, display_name, organization, license, url, rating, ci_lower,
 * ci_upper, rank, votes, sessions, price_input, price_output, context,
 * updated_at. */
extern const char *const source_option_fields[];

/* 1 when `adapter` takes options parsed here (arena-catalog, hf-rows). */
int source_options_apply_to(const char *adapter);

/* Parses `options` (may be NULL) for `adapter`, which must be one that
 * source_options_apply_to() accepts. An unknown key, a key of the other
 * adapter or a value of the wrong type is an LB_EINPUT error naming
 * CONTEXT.KEY (context e.g. "leaderboards.json: leaderboards[2].live.options"). */
int source_options_parse(SourceOptions *o, const char *adapter,
                         const cJSON *options, const char *context,
                         LbError *err);
void source_options_free(SourceOptions *o);

/* The column for `field` (the configured mapping), or NULL. */
const char *source_options_column(const SourceOptions *o, const char *field);

#endif
