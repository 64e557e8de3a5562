#include "source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "buf.h"
#include "format.h"
#include "hfviewer.h"
#include "mem.h"

/* ---- the specification ------------------------------------------------- */

int source_spec_set_options(SourceSpec *s, const cJSON *options,
                            const char *context, LbError *err)
{
    if (source_options_apply_to(s->adapter)) {
        /* The ratings knobs keep their defaults; the options are ours. */
        if (adapter_settings_parse(&s->settings, s->adapter, NULL, context,
                                   err) != 0)
            return -1;
        return source_options_parse(&s->options, s->adapter, options,
                                    context, err);
    }
    return adapter_settings_parse(&s->settings, s->adapter, options, context,
                                  err);
}

static int spec_string(const cJSON *obj, const char *key, const char *context,
                       int required, char **out, LbError *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v)
        return required ? lb_fail(err, LB_EINPUT, "%s.%s: missing", context,
                                  key)
                        : 0;
    if (!cJSON_IsString(v) || !v->valuestring[0])
        return lb_fail(err, LB_EINPUT, "%s.%s: expected a non-empty string",
                       context, key);
    *out = xstrdup(v->valuestring);
    return 0;
}

int source_spec_parse(SourceSpec *s, const cJSON *obj, const char *context,
                      LbError *err)
{
    static const char *const keys[] = {"url", "adapter", "via", "options",
                                       "max_rows", NULL};
    memset(s, 0, sizeof *s);
    if (!cJSON_IsObject(obj))
        return lb_fail(err, LB_EINPUT, "%s: expected an object {url, "
                       "adapter, via, options}", context);
    const cJSON *item;
    cJSON_ArrayForEach(item, obj)
    {
        int known = 0;
        for (const char *const *k = keys; *k && !known; k++)
            known = strcmp(item->string, *k) == 0;
        if (!known)
            return lb_fail(err, LB_EINPUT, "%s.%s: unknown key (a source "
                           "has url, adapter, via, options and max_rows)",
                           context, item->string);
    }
    const cJSON *rows = cJSON_GetObjectItemCaseSensitive(obj, "max_rows");
    if (rows && (!cJSON_IsNumber(rows) || rows->valuedouble < 1
                 || rows->valuedouble > LB_MAX_ROWS_LIMIT
                 || rows->valuedouble != (double)(long)rows->valuedouble))
        return lb_fail(err, LB_EINPUT, "%s.max_rows: expected 1 to %d",
                       context, LB_MAX_ROWS_LIMIT);
    s->max_rows = rows ? (size_t)rows->valuedouble : 0;
    if (spec_string(obj, "url", context, 1, &s->url, err)
        || spec_string(obj, "adapter", context, 1, &s->adapter, err)
        || spec_string(obj, "via", context, 0, &s->via, err))
        return -1;
    /* Checked here, not at fetch time, so a typo fails every build. */
    if (!adapter_find(s->adapter))
        return lb_fail(err, LB_EINPUT, "%s.adapter: unknown adapter "
                       "\"%.100s\"", context, s->adapter);
    Buf where = BUF_INIT;
    buf_printf(&where, "%s.options", context);
    int rc = source_spec_set_options(
        s, cJSON_GetObjectItemCaseSensitive(obj, "options"), where.data, err);
    buf_free(&where);
    return rc;
}

void source_spec_free(SourceSpec *s)
{
    if (!s)
        return;
    free(s->url);
    free(s->adapter);
    free(s->via);
    adapter_settings_free(&s->settings);
    source_options_free(&s->options);
    memset(s, 0, sizeof *s);
}

/* ---- dates ------------------------------------------------------------- */

char *source_http_date_iso(const char *http_date)
{
    if (!http_date || strlen(http_date) > 64)
        return NULL;
    time_t t = curl_getdate(http_date, NULL);
    struct tm tm;
    if (t < 0 || !gmtime_r(&t, &tm) || tm.tm_year + 1900 > 9999)
        return NULL;
    char out[32];
    strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return xstrdup(out);
}

/* ---- running ----------------------------------------------------------- */

/* The documents of one source, fetched. */
typedef struct {
    char *data;          /* the main document (or the merged pages) */
    size_t len;
    char *last_modified; /* of the main document */
    long long modified;  /* the same as a time, or a file's; -1 unknown */
    FetchResult prices;  /* arena-catalog's price list; data NULL: none */
    FetchResult plain;   /* arena-catalog's plain twin; data NULL: none */
} Documents;

static void documents_free(Documents *d)
{
    free(d->data);
    free(d->last_modified);
    fetch_result_free(&d->prices);
    fetch_result_free(&d->plain);
}

static int fetch_documents(const SourceSpec *s, const FetchOptions *fetch,
                           Redactor *secrets, Documents *d, LbError *err)
{
    memset(d, 0, sizeof *d);
    d->modified = -1;
    FetchOptions fo = *fetch;
    fo.via = s->via;
    if (strcmp(s->adapter, "hf-rows") == 0 && fetch_is_network(s->url)) {
        long long max_rows = s->options.max_rows ? s->options.max_rows
                                                 : SOURCE_DEFAULT_MAX_ROWS;
        if (hfviewer_fetch_all(s->url, s->options.filter, max_rows, &fo,
                               secrets, &d->data, &d->len, &d->last_modified,
                               err) != 0)
            return -1;
    } else {
        FetchResult main;
        if (fetch_source(s->url, &fo, secrets, &main, err) != 0)
            return -1;
        d->data = main.data;
        d->len = main.len;
        d->last_modified = main.last_modified;
        d->modified = main.modified;
    }
    FetchOptions po = *fetch;
    po.via = NULL; /* the proxy renders pages; these are plain JSON */
    if (strcmp(s->adapter, "arena-catalog") == 0 && s->options.prices
        && fetch_source(s->options.prices, &po, secrets, &d->prices, err) != 0)
        return -1;
    if (strcmp(s->adapter, "arena-catalog") == 0 && s->options.plain
        && fetch_source(s->options.plain, &po, secrets, &d->plain, err) != 0)
        return -1;
    return 0;
}

Leaderboard *source_run(const SourceSpec *s, const AdapterOptions *base,
                        const FetchOptions *fetch, const char *base_url,
                        Redactor *secrets, LbError *err)
{
    const Adapter *adapter = adapter_find(s->adapter);
    if (!adapter) {
        lb_fail(err, LB_EINPUT, "unknown adapter \"%.100s\"", s->adapter);
        return NULL;
    }
    Documents d;
    Leaderboard *lb = NULL;
    if (fetch_documents(s, fetch, secrets, &d, err) == 0) {
        char *name = redact_text(secrets, s->url);
        char *prices_name = s->options.prices
                                ? redact_text(secrets, s->options.prices)
                                : NULL;
        char *plain_name = s->options.plain
                               ? redact_text(secrets, s->options.plain)
                               : NULL;
        AdapterOptions ao = *base;
        ao.source_name = name;
        ao.base_url = base_url ? base_url
                      : fetch_is_network(s->url) ? s->url : NULL;
        ao.rate = &s->settings.rate;
        if (s->max_rows)
            ao.max_rows = s->max_rows;
        ao.source = &s->options;
        ao.aux = d.prices.data;
        ao.aux_len = d.prices.len;
        ao.aux_name = prices_name;
        ao.aux_url = prices_name && fetch_is_network(s->options.prices)
                         ? s->options.prices
                         : NULL;
        ao.plain = d.plain.data;
        ao.plain_len = d.plain.len;
        ao.plain_name = plain_name;
        lb = adapter_run(adapter, d.data ? d.data : "", d.len, &ao, err);
        if (lb && !lb->source.adapter)
            lb->source.adapter = xstrdup(s->adapter);
        /* The source's own time (the newest battle, the page's date),
         * else its Last-Modified or, for a file, its modification time;
         * the caller falls back to the clock. */
        if (lb && !lb->updated_at)
            lb->updated_at = d.modified >= 0
                                 ? fmt_iso_utc(d.modified)
                                 : source_http_date_iso(d.last_modified);
        free(name);
        free(prices_name);
        free(plain_name);
    }
    documents_free(&d);
    redact_error(secrets, err);
    return lb;
}
