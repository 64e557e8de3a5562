/* source — one configured source of a board, fetched and adapted. It sits
 * between fetch.c (bytes) and the adapters (bytes → Leaderboard), so the
 * adapters stay pure and testable on fixtures.
 *
 * source_run() fetches the main document (through the `via` proxy when
 * one is set) and whatever else its adapter needs: every page of a
 * Hugging Face dataset-viewer split for hf-rows over http(s)
 * (hfviewer.h), the price list of the arena-catalog adapter
 * (options.prices: a URL, never through the proxy, or a file). Then it
 * runs the adapter (adapter_run: the data model's checks included),
 * records the adapter's name in source.adapter, and dates the board from
 * the main response's Last-Modified header when the data carries no date
 * of its own (deterministic: the server's date, never the clock).
 *
 * A board lists its sources in leaderboards.json as
 * `sources: [{url, adapter, via, options}, ...]`, tried in order, or as
 * `live: {url, adapter, via, options}`, a one-source shorthand (config.h).
 *
 * Ownership: a SourceSpec owns everything in it (source_spec_free);
 * source_run() returns a Leaderboard the caller frees. */
#ifndef LBGEN_SOURCE_H
#define LBGEN_SOURCE_H

#include <cjson/cJSON.h>

#include "adapter.h"
#include "diag.h"
#include "fetch.h"
#include "leaderboard.h"
#include "redact.h"
#include "source_options.h"

typedef struct {
    char *url;       /* http(s) URL, file:// URL or path */
    char *adapter;   /* a name in lbgen_adapters */
    char *via;       /* rendering-proxy template (main document); NULL */
    AdapterSettings settings; /* battles / arena-hard knobs (adapter.h) */
    SourceOptions options;    /* arena-catalog / hf-rows knobs */
    size_t max_rows; /* the most rows it may give (any adapter); 0: the
                        default, LB_DEFAULT_MAX_ROWS */
} SourceSpec;

/* Parses a source object {url, adapter, via, options, max_rows}; `context` prefixes
 * messages ("leaderboards.json: leaderboards[0].sources[1]"). An unknown
 * key or adapter, or a bad option, is an LB_EINPUT error naming it. */
int source_spec_parse(SourceSpec *s, const cJSON *obj, const char *context,
                      LbError *err);

/* Parses `options` (may be NULL) for s->adapter: the ratings knobs into
 * s->settings, the arena-catalog and hf-rows knobs into s->options; any
 * other adapter takes none. The one entry point for live.options and
 * `lbgen fetch --options`. */
int source_spec_set_options(SourceSpec *s, const cJSON *options,
                            const char *context, LbError *err);

void source_spec_free(SourceSpec *s);

/* Fetches and adapts `s`. `base` gives the board id, the table adapter's
 * knobs and the warning callback (source_name, base_url, rate, source
 * and aux are filled in here); `fetch` the fetch options (its via is
 * replaced by the spec's). `base_url` overrides the page URL links are
 * resolved against (NULL: the source URL when it is http(s)). Errors:
 * LB_ESOURCE when a document could not be fetched, LB_EINPUT when one is
 * not what the adapter expects; messages are redacted. */
Leaderboard *source_run(const SourceSpec *s, const AdapterOptions *base,
                        const FetchOptions *fetch, const char *base_url,
                        Redactor *secrets, LbError *err);

/* An HTTP date ("Mon, 02 Nov 2026 08:00:00 GMT") as ISO-8601 UTC
 * ("2026-11-02T08:00:00Z"), or NULL when it is not one within
 * 1970..9999. The caller frees it. */
char *source_http_date_iso(const char *http_date);

#endif
