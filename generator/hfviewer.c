#include "hfviewer.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "jsonfile.h"
#include "mem.h"
#include "text.h"
#include "utf8.h"

/* ---- URLs -------------------------------------------------------------- */

char *hfviewer_where(const cJSON *filter)
{
    Buf b = BUF_INIT;
    buf_puts(&b, "");
    const cJSON *item;
    cJSON_ArrayForEach(item, filter)
    {
        if (b.len)
            buf_puts(&b, " AND ");
        buf_printf(&b, "\"%s\"=", item->string);
        if (cJSON_IsString(item)) {
            buf_putc(&b, '\'');
            for (const char *p = item->valuestring; *p; p++) {
                if (*p == '\'')
                    buf_putc(&b, '\'');
                buf_putc(&b, *p);
            }
            buf_putc(&b, '\'');
        } else if (cJSON_IsBool(item)) {
            buf_puts(&b, cJSON_IsTrue(item) ? "true" : "false");
        } else {
            buf_printf(&b, "%.17g", item->valuedouble);
        }
    }
    return buf_detach(&b);
}

/* 1 when the query parameter at p (up to '&' or the end) is `name`. */
static int param_is(const char *p, size_t len, const char *name)
{
    size_t n = strlen(name);
    return len >= n && strncmp(p, name, n) == 0 && (len == n || p[n] == '=');
}

/* 1 when `url`'s query has a parameter `name`. */
static int has_param(const char *url, const char *name)
{
    const char *q = strchr(url, '?');
    if (!q || q > url + strcspn(url, "#"))
        return 0;
    const char *p = q + 1, *end = p + strcspn(p, "#");
    while (p < end) {
        size_t len = strcspn(p, "&#");
        if (p + len > end)
            len = (size_t)(end - p);
        if (param_is(p, len, name))
            return 1;
        p += len;
        if (p < end && *p == '&')
            p++;
    }
    return 0;
}

char *hfviewer_page_url(const char *url, const char *where, long long offset,
                        int length)
{
    size_t base_len = strcspn(url, "?#");
    Buf b = BUF_INIT;
    buf_append(&b, url, base_len);
    buf_putc(&b, '?');
    if (url[base_len] == '?') {
        const char *p = url + base_len + 1;
        const char *end = p + strcspn(p, "#");
        while (p < end) {
            size_t len = strcspn(p, "&#");
            if (p + len > end)
                len = (size_t)(end - p);
            int drop = len == 0 || param_is(p, len, "offset")
                       || param_is(p, len, "length")
                       || (where && param_is(p, len, "where"));
            if (!drop) {
                buf_append(&b, p, len);
                buf_putc(&b, '&');
            }
            p += len;
            if (p < end && *p == '&')
                p++;
        }
    }
    if (where) {
        char *encoded = percent_encode(where);
        buf_printf(&b, "where=%s&", encoded);
        free(encoded);
    }
    buf_printf(&b, "offset=%lld&length=%d", offset, length);
    return buf_detach(&b);
}

/* 1 when the URL's path ends in /filter (row_idx then skip). */
static int is_filter_endpoint(const char *url)
{
    size_t path_end = strcspn(url, "?#");
    return path_end >= 7 && strncmp(url + path_end - 7, "/filter", 7) == 0;
}

/* ---- pages ------------------------------------------------------------- */

typedef struct {
    const char *name;    /* the source URL, for messages */
    int filter_endpoint;
    long long max_rows;
    long long total;     /* -1 until the first page */
    long long last_idx;  /* row_idx of the last row taken, -1 none */
    cJSON *rows;         /* merged, owned */
    cJSON *features;     /* the first page's, owned */
    int partial;
    LbError *err;
} Pager;

__attribute__((format(printf, 4, 5)))
static int page_fail(const Pager *g, LbStatus status, long long offset,
                     const char *fmt, ...)
{
    Buf b = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    lb_fail(g->err, status, "%s: the page at offset %lld %s", g->name, offset,
            b.data);
    buf_free(&b);
    return -1;
}

static int get_count(const cJSON *obj, const char *field, long long *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
    if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble)
        || v->valuedouble < 0 || v->valuedouble > 9.0e15)
        return -1;
    *out = (long long)v->valuedouble;
    return 0;
}

/* The page's num_rows_total: present, the same on every page, in bounds. */
static int check_total(Pager *g, const cJSON *page, long long offset)
{
    long long total;
    if (get_count(page, "num_rows_total", &total) != 0)
        return page_fail(g, LB_EINPUT, offset, "has no num_rows_total (not "
                         "a dataset viewer answer)");
    if (g->total < 0) {
        if (total > g->max_rows)
            return lb_fail(g->err, LB_EINPUT, "%s: num_rows_total is %lld, "
                           "more than the %lld rows lbgen reads from one "
                           "source (options.max_rows)", g->name, total,
                           g->max_rows);
        g->total = total;
    } else if (total != g->total) {
        return page_fail(g, LB_ESOURCE, offset, "says num_rows_total %lld "
                         "where the first said %lld (the split changed "
                         "while lbgen read it; try again)", total, g->total);
    }
    return 0;
}

/* Moves the page's rows into the merged list, checking row_idx. */
static int take_rows(Pager *g, cJSON *page, long long offset)
{
    cJSON *rows = cJSON_GetObjectItemCaseSensitive(page, "rows");
    if (!cJSON_IsArray(rows))
        return page_fail(g, LB_EINPUT, offset, "has no rows array (not a "
                         "dataset viewer answer)");
    long long want = g->total - offset < HFVIEWER_PAGE ? g->total - offset
                                                       : HFVIEWER_PAGE;
    long long n = cJSON_GetArraySize(rows);
    if (n != want)
        return page_fail(g, n < want ? LB_ESOURCE : LB_EINPUT, offset,
                         "holds %lld rows where %lld were expected of "
                         "num_rows_total %lld", n, want, g->total);
    long long k = 0;
    for (cJSON *r = rows->child; r; r = r->next, k++) {
        long long idx;
        if (!cJSON_IsObject(r) || get_count(r, "row_idx", &idx) != 0)
            return page_fail(g, LB_EINPUT, offset, "has a row %lld without "
                             "a row_idx", k);
        if (!g->filter_endpoint && idx != offset + k)
            return page_fail(g, LB_EINPUT, offset, "has row_idx %lld where "
                             "%lld was expected (rows missing or repeated)",
                             idx, offset + k);
        if (idx <= g->last_idx)
            return page_fail(g, LB_EINPUT, offset, "has row_idx %lld after "
                             "%lld (rows repeated or out of order)", idx,
                             g->last_idx);
        g->last_idx = idx;
    }
    cJSON *detached = cJSON_DetachItemFromObjectCaseSensitive(page, "rows");
    cJSON *item;
    while ((item = cJSON_DetachItemFromArray(detached, 0)) != NULL)
        cJSON_AddItemToArray(g->rows, item);
    cJSON_Delete(detached);
    return 0;
}

static int take_page(Pager *g, const char *page_url, const char *bytes,
                     size_t len, long long offset)
{
    if (utf8_check(page_url, bytes, len, g->err) != 0)
        return -1;
    cJSON *page = json_parse_text(page_url, bytes, len, g->err);
    if (!page)
        return -1;
    int rc = 0;
    if (!cJSON_IsObject(page))
        rc = page_fail(g, LB_EINPUT, offset, "is not a JSON object");
    if (rc == 0)
        rc = check_total(g, page, offset);
    if (rc == 0)
        rc = take_rows(g, page, offset);
    if (rc == 0 && cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(page,
                                                                 "partial")))
        g->partial = 1;
    if (rc == 0 && !g->features) {
        g->features = cJSON_DetachItemFromObjectCaseSensitive(page,
                                                              "features");
    }
    cJSON_Delete(page);
    return rc;
}

static int merged_document(Pager *g, char **out, size_t *len)
{
    cJSON *doc = cJSON_CreateObject();
    if (g->features) {
        cJSON_AddItemToObject(doc, "features", g->features);
        g->features = NULL;
    }
    cJSON_AddItemToObject(doc, "rows", g->rows);
    g->rows = NULL;
    cJSON_AddNumberToObject(doc, "num_rows_total", (double)g->total);
    cJSON_AddBoolToObject(doc, "partial", g->partial);
    *out = cJSON_PrintUnformatted(doc);
    cJSON_Delete(doc);
    if (!*out)
        return lb_fail(g->err, LB_EINTERNAL, "%s: out of memory", g->name);
    *len = strlen(*out);
    return 0;
}

int hfviewer_fetch_all(const char *url, const cJSON *filter,
                       long long max_rows, const FetchOptions *fetch,
                       Redactor *secrets, char **out, size_t *len,
                       char **last_modified, LbError *err)
{
    *out = NULL;
    *last_modified = NULL;
    Pager g = {url, is_filter_endpoint(url), max_rows, -1, -1,
               cJSON_CreateArray(), NULL, 0, err};
    char *where = NULL;
    if (g.filter_endpoint && filter && !has_param(url, "where"))
        where = hfviewer_where(filter);
    int rc = 0;
    for (long long offset = 0; rc == 0 && (g.total < 0 || offset < g.total);
         offset += HFVIEWER_PAGE) {
        char *page_url = hfviewer_page_url(url, where, offset,
                                           HFVIEWER_PAGE);
        FetchResult res;
        rc = fetch_source(page_url, fetch, secrets, &res, err);
        if (rc == 0) {
            rc = take_page(&g, page_url, res.data, res.len, offset);
            if (offset == 0 && res.last_modified) {
                *last_modified = res.last_modified;
                res.last_modified = NULL;
            }
            fetch_result_free(&res);
        }
        free(page_url);
    }
    free(where);
    if (rc == 0)
        rc = merged_document(&g, out, len);
    cJSON_Delete(g.rows);
    cJSON_Delete(g.features);
    if (rc != 0) {
        free(*last_modified);
        *last_modified = NULL;
    }
    return rc;
}
