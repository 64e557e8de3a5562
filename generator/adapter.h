/* adapter — the registry of source adapters: bytes → Leaderboard.
 *
 * An adapter turns one fetched document into a Leaderboard (the shared data
 * model, leaderboard.h). It never touches the network or the disk: it gets
 * the bytes, the source's name for error messages and the page URL for
 * resolving relative links. Errors name SOURCE:LINE:COL or the record, and
 * are LB_EINPUT: the source changed shape or holds bad data.
 *
 * The returned Leaderboard belongs to the caller (leaderboard_free). */
#ifndef LBGEN_ADAPTER_H
#define LBGEN_ADAPTER_H

#include <stddef.h>

#include "diag.h"
#include "leaderboard.h"
#include "rate.h"
#include "rate_options.h"
#include "source_options.h"
#include "table.h"

typedef struct {
    const char *id;          /* Leaderboard id (slug); required */
    const char *source_name; /* for messages: the file path or (redacted) URL */
    const char *base_url;    /* page URL for relative links; NULL if none */

    /* table and catalog adapters */
    TableFormat format;
    const char *model_column;        /* NULL: detected by header name */
    const char *organization_column; /* NULL: detected */
    const char *total_column;        /* NULL: detected; absent → computed */
    const char *const *score_columns; /* NULL: every numeric column */
    const double *weights;            /* per score column, NULL: equal */
    size_t n_score_columns;
    int trust_total;                  /* 1: keep a given total unchecked */

    /* every adapter: the most rows the source may give; 0: the default,
     * LB_DEFAULT_MAX_ROWS. More is a source error (adapter_run). */
    size_t max_rows;

    /* battles and arena-hard adapters: the ratings knobs (live.options,
     * see AdapterSettings); NULL: the defaults of `lbgen rate`. Their id
     * and source_name are taken from the fields above. */
    const RateOptions *rate;
    /* Non-fatal findings (e.g. a fit that stopped early); NULL: dropped. */
    void (*warn)(void *ctx, const char *message);
    void *warn_ctx;

    /* arena-catalog and hf-rows adapters: their options (category,
     * prices, columns, filter; source_options.h); NULL: the defaults. */
    const SourceOptions *source;
    /* A second document joined onto the first, fetched by the source
     * layer (source.h), never by the adapter: the arena-catalog adapter's
     * price list. aux NULL: none. aux_name names it in messages; aux_url
     * is the http(s) URL it came from (source.prices_url), NULL for a
     * file. */
    const char *aux;
    size_t aux_len;
    const char *aux_name;
    const char *aux_url;
    /* A third document for the arena-catalog adapter: the same board
     * without style control (options.plain), joined by model name into
     * plain_*. NULL: none; plain_name names it in messages. */
    const char *plain;
    size_t plain_len;
    const char *plain_name;
} AdapterOptions;

/* A board's `live.options` object, parsed for its adapter by the ratings
 * options module (rate_options.h: the same table, defaults and messages
 * as `lbgen rate`'s flags). Only the ratings adapters take options; an
 * unknown key, a key for another adapter or a value of the wrong type is
 * an error naming the key. Owns its strings; `rate` points at them. */
typedef RateSettings AdapterSettings;

/* `options` may be NULL (absent). `context` prefixes messages, e.g.
 * "leaderboards.json: leaderboards[2].live.options". */
int adapter_settings_parse(AdapterSettings *s, const char *adapter,
                           const cJSON *options, const char *context,
                           LbError *err);
void adapter_settings_free(AdapterSettings *s);

typedef Leaderboard *(*AdapterFn)(const char *bytes, size_t len,
                                  const AdapterOptions *opt, LbError *err);

typedef struct {
    const char *name;
    const char *summary;
    AdapterFn run;
} Adapter;

/* NULL-terminated. */
extern const Adapter lbgen_adapters[];

const Adapter *adapter_find(const char *name);

/* Runs `adapter` and checks its result against the data model's own
 * validation (leaderboard_from_json on its JSON form), so an adapter can
 * never hand on a board `lbgen` would refuse to load. */
Leaderboard *adapter_run(const Adapter *adapter, const char *bytes,
                         size_t len, const AdapterOptions *opt, LbError *err);

/* The adapters themselves. */
Leaderboard *adapter_arena_html(const char *bytes, size_t len,
                                const AdapterOptions *opt, LbError *err);
Leaderboard *adapter_table(const char *bytes, size_t len,
                           const AdapterOptions *opt, LbError *err);
Leaderboard *adapter_catalog(const char *bytes, size_t len,
                             const AdapterOptions *opt, LbError *err);
Leaderboard *adapter_battles(const char *bytes, size_t len,
                             const AdapterOptions *opt, LbError *err);
Leaderboard *adapter_arena_hard(const char *bytes, size_t len,
                                const AdapterOptions *opt, LbError *err);
Leaderboard *adapter_arena_catalog(const char *bytes, size_t len,
                                   const AdapterOptions *opt, LbError *err);
Leaderboard *adapter_hf_rows(const char *bytes, size_t len,
                             const AdapterOptions *opt, LbError *err);

#endif
