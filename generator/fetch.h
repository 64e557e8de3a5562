/* fetch — bytes from a URL or a file, and nothing about leaderboards.
 *
 * Sources are https://, http://, file:// URLs or plain paths. Network
 * fetches go through libcurl with timeouts, bounded retries (exponential
 * backoff with jitter on network errors, 5xx and 429, honouring
 * Retry-After), a maximum body size, compressed transfer, redirects limited
 * to http(s), and a conditional-GET cache on disk. A `via` template routes
 * the request through a rendering proxy; the secrets it pulls from the
 * environment are redacted from every log line and error message.
 *
 * fetch_global_init() runs before the fetches of a run and
 * fetch_global_cleanup() after them (cmd_fetch.c for one source,
 * refresh_boards() for a build's). A FetchResult owns its body;
 * fetch_result_free() releases it. */
#ifndef LBGEN_FETCH_H
#define LBGEN_FETCH_H

#include <stddef.h>

#include "diag.h"
#include "redact.h"

typedef void (*FetchLogFn)(void *ctx, const char *line);

typedef struct {
    long connect_timeout_ms; /* default 10 000 */
    long timeout_ms;         /* whole transfer; default 60 000 */
    int max_retries;         /* default 3 */
    long backoff_ms;         /* first backoff step; doubles each retry */
    long max_retry_after_s;  /* cap on a server's Retry-After; default 120 */
    size_t max_body;         /* bytes; default 64 MiB */
    const char *cache_dir;   /* conditional-GET cache; NULL disables it */
    const char *via;         /* proxy URL template, NULL for direct */
    FetchLogFn log;          /* progress lines (already redacted) or NULL */
    void *log_ctx;
} FetchOptions;

typedef struct {
    char *data;       /* NUL-terminated; len excludes the NUL */
    size_t len;
    long http_status; /* 0 for files */
    int from_cache;   /* 1 when a 304 reused the cached body */
    /* The response's Last-Modified header as sent (the cached one after a
     * 304); NULL for files and when the server sent none. */
    char *last_modified;
    /* When the source says it last changed, in seconds since the epoch:
     * the HTTP Last-Modified (of the cached copy on a 304), a file's
     * modification time; -1 when unknown. A board without a date of its
     * own is stamped with this before the clock (source_run). */
    long long modified;
} FetchResult;

void fetch_options_init(FetchOptions *o);

int fetch_global_init(LbError *err);
void fetch_global_cleanup(void);

/* Fetches `source` into *res. On failure fills *err: LB_EINPUT for a
 * malformed source or via template (or an unreadable file), LB_ESOURCE for
 * network and HTTP failures. Secret values met while expanding `via` are
 * added to `secrets` (may be NULL) and already redacted from err. */
int fetch_source(const char *source, const FetchOptions *o, Redactor *secrets,
                 FetchResult *res, LbError *err);
void fetch_result_free(FetchResult *res);


/* Expands a via template: ${VAR} from the environment (each value added to
 * `secrets`), {url} the percent-encoded target. A missing variable is an
 * LB_EINPUT error naming it. The caller frees *out. */
int fetch_expand_via(const char *tmpl, const char *url, Redactor *secrets,
                     char **out, LbError *err);

/* 1 for http:// and https:// URLs, which go through the network. */
int fetch_is_network(const char *source);

/* The cache file stem for a URL: 16 hex digits of its FNV-1a hash. */
void fetch_cache_key(const char *url, char out[17]);

#endif
