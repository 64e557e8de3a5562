#include "fetch.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include "buf.h"
#include "buildinfo.h"
#include "fileio.h"
#include "format.h"
#include "hash.h"
#include "jsonfile.h"
#include "mem.h"
#include "text.h"


void fetch_options_init(FetchOptions *o)
{
    memset(o, 0, sizeof *o);
    o->connect_timeout_ms = 10000;
    o->timeout_ms = 60000;
    o->max_retries = 3;
    o->backoff_ms = 500;
    o->max_retry_after_s = 120;
    o->max_body = (size_t)64 << 20;
}

int fetch_global_init(LbError *err)
{
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return lb_fail(err, LB_EINTERNAL, "libcurl initialisation failed");
    return 0;
}

void fetch_global_cleanup(void)
{
    curl_global_cleanup();
}

void fetch_result_free(FetchResult *res)
{
    free(res->data);
    free(res->last_modified);
    memset(res, 0, sizeof *res);
    res->modified = -1;
}

/* An HTTP Last-Modified value as epoch seconds, or -1. */
static long long http_modified(const char *value)
{
    int64_t t;
    if (!value || fmt_parse_http_date(value, &t) != 0)
        return -1;
    return (long long)t;
}

int fetch_is_network(const char *source)
{
    return strncmp(source, "http://", 7) == 0
           || strncmp(source, "https://", 8) == 0;
}

/* ---- messages: every one that may hold a URL is redacted -------------- */

static char *redacted(const Redactor *secrets, const char *fmt, va_list ap)
{
    char *raw = str_vprintf(fmt, ap);
    char *clean = redact_text(secrets, raw);
    free(raw);
    return clean;
}

__attribute__((format(printf, 4, 5)))
static int fail_redacted(LbError *err, const Redactor *secrets,
                         LbStatus status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    /* Redact before truncating to the LbError's size, so a secret cut in
     * half can never slip through. */
    char *clean = redacted(secrets, fmt, ap);
    va_end(ap);
    lb_fail(err, status, "%s", clean);
    free(clean);
    return -1;
}

__attribute__((format(printf, 3, 4)))
static void log_line(const FetchOptions *o, const Redactor *secrets,
                     const char *fmt, ...)
{
    if (!o->log)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *clean = redacted(secrets, fmt, ap);
    va_end(ap);
    o->log(o->log_ctx, clean);
    free(clean);
}

/* ---- via templates ----------------------------------------------------- */

static int is_var_char(char c, int first)
{
    return c == '_' || isalpha((unsigned char)c)
           || (!first && isdigit((unsigned char)c));
}

int fetch_expand_via(const char *tmpl, const char *url, Redactor *secrets,
                     char **out, LbError *err)
{
    Buf b = BUF_INIT;
    for (const char *p = tmpl; *p;) {
        if (p[0] == '$' && p[1] == '{') {
            const char *name = p + 2, *end = name;
            while (*end && is_var_char(*end, end == name))
                end++;
            if (*end != '}' || end == name) {
                buf_free(&b);
                return lb_fail(err, LB_EINPUT,
                               "via template: malformed ${...} at offset %zu",
                               (size_t)(p - tmpl));
            }
            char *var = xstrndup(name, (size_t)(end - name));
            const char *value = getenv(var);
            if (!value || !*value) {
                lb_fail(err, LB_EINPUT,
                        "via template: environment variable %s is not set",
                        var);
                free(var);
                buf_free(&b);
                return -1;
            }
            free(var);
            if (secrets)
                redactor_add(secrets, value);
            /* Percent-encoded: a key with '&', '#' or '/' in it must not
             * change the proxy URL's shape. */
            char *encoded = percent_encode(value);
            buf_puts(&b, encoded);
            free(encoded);
            p = end + 1;
        } else if (strncmp(p, "{url}", 5) == 0) {
            char *encoded = percent_encode(url);
            buf_puts(&b, encoded);
            free(encoded);
            p += 5;
        } else {
            buf_putc(&b, *p++);
        }
    }
    *out = buf_detach(&b);
    return 0;
}

/* ---- the conditional-GET cache ---------------------------------------- */

void fetch_cache_key(const char *url, char out[17])
{
    snprintf(out, 17, "%016llx",
             (unsigned long long)hash_fnv1a64(url, strlen(url)));
}

typedef struct {
    char *etag;
    char *last_modified;
    char *body;
    size_t len;
} CacheEntry;

static void cache_entry_free(CacheEntry *c)
{
    free(c->etag);
    free(c->last_modified);
    free(c->body);
    memset(c, 0, sizeof *c);
}

static char *cache_path(const char *dir, const char *url, const char *ext)
{
    char key[17];
    fetch_cache_key(url, key);
    Buf b = BUF_INIT;
    buf_printf(&b, "%s/%s.%s", dir, key, ext);
    return buf_detach(&b);
}

static char *json_string_dup(const cJSON *obj, const char *field)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
    return cJSON_IsString(v) && *v->valuestring ? xstrdup(v->valuestring)
                                                : NULL;
}

/* Loads the entry for `url`; any problem (absent, unreadable, another URL
 * with the same hash) is simply a miss. */
static int cache_load(const char *dir, const char *url, CacheEntry *c)
{
    memset(c, 0, sizeof *c);
    char *meta_path = cache_path(dir, url, "json");
    char *body_path = cache_path(dir, url, "body");
    LbError ignored = {0};
    cJSON *meta = NULL;
    int hit = 0;
    if (access(meta_path, R_OK) == 0
        && (meta = json_load_file(meta_path, &ignored)) != NULL) {
        const cJSON *u = cJSON_GetObjectItemCaseSensitive(meta, "url");
        if (cJSON_IsString(u) && strcmp(u->valuestring, url) == 0
            && file_read_all(body_path, &c->body, &c->len, &ignored) == 0) {
            c->etag = json_string_dup(meta, "etag");
            c->last_modified = json_string_dup(meta, "last_modified");
            hit = c->etag || c->last_modified;
        }
    }
    cJSON_Delete(meta);
    free(meta_path);
    free(body_path);
    if (!hit)
        cache_entry_free(c);
    return hit;
}

/* The body first, then the metadata that makes it usable: a crash between
 * the two leaves a stale body nobody refers to, never a wrong one. The key
 * is the source URL, never the proxy URL, so no secret reaches the disk. */
static int cache_store(const char *dir, const char *url, const char *etag,
                       const char *last_modified, const char *body,
                       size_t len, LbError *err)
{
    if (mkdir_p(dir, err) != 0)
        return -1;
    char *meta_path = cache_path(dir, url, "json");
    char *body_path = cache_path(dir, url, "body");
    cJSON *meta = cJSON_CreateObject();
    cJSON_AddStringToObject(meta, "url", url);
    if (etag)
        cJSON_AddStringToObject(meta, "etag", etag);
    if (last_modified)
        cJSON_AddStringToObject(meta, "last_modified", last_modified);
    int rc = file_write_atomic(body_path, body, len, err);
    if (rc == 0)
        rc = json_write_file(meta_path, meta, err);
    cJSON_Delete(meta);
    free(meta_path);
    free(body_path);
    return rc;
}

/* ---- one HTTP transfer ------------------------------------------------- */

typedef struct {
    Buf body;
    size_t max_body;
    int too_large;
    char *etag;
    char *last_modified;
} Transfer;

static void transfer_reset(Transfer *t)
{
    buf_clear(&t->body);
    t->too_large = 0;
    free(t->etag);
    free(t->last_modified);
    t->etag = t->last_modified = NULL;
}

static void transfer_free(Transfer *t)
{
    transfer_reset(t);
    buf_free(&t->body);
}

static size_t on_body(char *data, size_t size, size_t count, void *ctx)
{
    Transfer *t = ctx;
    size_t n = size * count;
    if (n > t->max_body - t->body.len) {
        t->too_large = 1;
        return 0; /* aborts the transfer with CURLE_WRITE_ERROR */
    }
    buf_append(&t->body, data, n);
    return n;
}

/* The value of header `name` in `line`, or NULL; trims the CRLF. Only
 * values that can go back to the server as they are (If-None-Match,
 * If-Modified-Since) and into the cache are kept: at most
 * FETCH_MAX_VALIDATOR bytes of printable ASCII. Anything else is dropped,
 * so the response is simply not cached. */
#define FETCH_MAX_VALIDATOR 256

static char *header_value(const char *line, size_t len, const char *name)
{
    size_t nlen = strlen(name);
    if (len <= nlen || strncasecmp(line, name, nlen) != 0
        || line[nlen] != ':')
        return NULL;
    const char *v = line + nlen + 1, *end = line + len;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
        end--;
    if (end <= v || (size_t)(end - v) > FETCH_MAX_VALIDATOR)
        return NULL;
    for (const char *p = v; p < end; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7E)
            return NULL;
    return xstrndup(v, (size_t)(end - v));
}

static size_t on_header(char *line, size_t size, size_t count, void *ctx)
{
    Transfer *t = ctx;
    size_t n = size * count;
    char *v;
    if (n >= 5 && strncmp(line, "HTTP/", 5) == 0) {
        /* A new response (after a redirect): forget the previous one's. */
        free(t->etag);
        free(t->last_modified);
        t->etag = t->last_modified = NULL;
    } else if ((v = header_value(line, n, "ETag")) != NULL) {
        free(t->etag);
        t->etag = v;
    } else if ((v = header_value(line, n, "Last-Modified")) != NULL) {
        free(t->last_modified);
        t->last_modified = v;
    }
    return n;
}

static CURL *make_handle(const char *url, const FetchOptions *o, Transfer *t,
                         const CacheEntry *cached, struct curl_slist **hdrs,
                         char *errbuf)
{
    CURL *c = curl_easy_init();
    if (!c)
        return NULL;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "lbgen/" LBGEN_VERSION);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, o->timeout_ms);
    /* Redirects are followed by attempt_once(), hop by hop, so each
     * target can be checked (where_allowed) before it is requested. */
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(c, CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS,
                     CURLPROTO_HTTP | CURLPROTO_HTTPS);
#endif
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_body);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, t);
    *hdrs = NULL;
    if (cached) {
        Buf h = BUF_INIT;
        if (cached->etag) {
            buf_printf(&h, "If-None-Match: %s", cached->etag);
            *hdrs = curl_slist_append(*hdrs, h.data);
            buf_clear(&h);
        }
        if (cached->last_modified) {
            buf_printf(&h, "If-Modified-Since: %s", cached->last_modified);
            *hdrs = curl_slist_append(*hdrs, h.data);
        }
        buf_free(&h);
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, *hdrs);
    }
    return c;
}

/* Failures worth another attempt: the network, not the request. */
static int curl_code_is_transient(CURLcode rc)
{
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return 1;
    default:
        return 0;
    }
}

typedef enum { ATTEMPT_OK, ATTEMPT_RETRY, ATTEMPT_FAIL } AttemptOutcome;

typedef struct {
    long status;
    long retry_after_s; /* 0 when the server did not say */
    char reason[CURL_ERROR_SIZE + 64];
    int fail_status;    /* LbStatus for ATTEMPT_FAIL */
} Attempt;

/* ---- where a redirect may lead ---------------------------------------- */

/* Loopback, private (RFC 1918, ULA), link-local, CGNAT, unspecified and
 * multicast addresses: the machine and network the fetcher runs in. */
static int addr_is_internal(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET) {
        uint32_t a = ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr);
        return (a >> 24) == 127 || (a >> 24) == 10 || (a >> 24) == 0
               || (a >> 20) == 0xAC1 /* 172.16/12 */
               || (a >> 16) == 0xC0A8 /* 192.168/16 */
               || (a >> 16) == 0xA9FE /* 169.254/16 */
               || (a >> 22) == 0x191 /* 100.64/10 */
               || (a >> 28) == 0xE || a == 0xFFFFFFFFu;
    }
    if (sa->sa_family == AF_INET6) {
        const unsigned char *b =
            ((const struct sockaddr_in6 *)sa)->sin6_addr.s6_addr;
        static const unsigned char zero[16];
        if (memcmp(b, zero, 15) == 0 && (b[15] == 0 || b[15] == 1))
            return 1; /* :: and ::1 */
        if (memcmp(b, zero, 10) == 0 && b[10] == 0xFF && b[11] == 0xFF) {
            struct sockaddr_in v4;
            memset(&v4, 0, sizeof v4);
            v4.sin_family = AF_INET;
            memcpy(&v4.sin_addr, b + 12, 4);
            return addr_is_internal((const struct sockaddr *)&v4);
        }
        return (b[0] & 0xFE) == 0xFC               /* fc00::/7 */
               || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) /* fe80::/10 */
               || b[0] == 0xFF;                       /* multicast */
    }
    return 0;
}

typedef struct {
    char *host;      /* without brackets */
    char *port;      /* explicit or the scheme's */
    int internal;    /* names or resolves to an internal address */
    char *pin;       /* "host:port:addr,addr" for CURLOPT_RESOLVE, or NULL */
} Where;

static void where_free(Where *w)
{
    free(w->host);
    free(w->port);
    free(w->pin);
    memset(w, 0, sizeof *w);
}

/* Where `url` leads: its host, and whether that is internal ("localhost",
 * an internal address, or a name resolving to one). A name that does not
 * resolve here is not internal (a proxy may still reach it). */
static int where_of(const char *url, Where *w)
{
    memset(w, 0, sizeof *w);
    CURLU *u = curl_url();
    char *host = NULL, *port = NULL;
    int ok = u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK
             && curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK
             && curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT)
                    == CURLUE_OK;
    if (ok) {
        size_t n = strlen(host);
        w->host = host[0] == '[' && n > 1 ? xstrndup(host + 1, n - 2)
                                          : xstrdup(host);
        w->port = xstrdup(port);
    }
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(u);
    if (!ok)
        return -1;
    size_t n = strlen(w->host);
    if (strcasecmp(w->host, "localhost") == 0
        || (n > 10 && strcasecmp(w->host + n - 10, ".localhost") == 0))
        w->internal = 1;
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(w->host, NULL, &hints, &res) != 0)
        return 0;
    Buf pin = BUF_INIT;
    buf_printf(&pin, "%s:%s:", w->host, w->port);
    int first = 1;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        char text[INET6_ADDRSTRLEN];
        const void *addr = ai->ai_family == AF_INET
            ? (const void *)&((struct sockaddr_in *)ai->ai_addr)->sin_addr
            : (const void *)&((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr;
        if ((ai->ai_family != AF_INET && ai->ai_family != AF_INET6)
            || !inet_ntop(ai->ai_family, addr, text, sizeof text))
            continue;
        w->internal |= addr_is_internal(ai->ai_addr);
        buf_printf(&pin, "%s%s%s%s", first ? "" : ",",
                   ai->ai_family == AF_INET6 ? "[" : "", text,
                   ai->ai_family == AF_INET6 ? "]" : "");
        first = 0;
    }
    freeaddrinfo(res);
    if (!first)
        w->pin = buf_detach(&pin);
    buf_free(&pin);
    return 0;
}

enum { MAX_REDIRECTS = 5 };

static AttemptOutcome perform_hop(const char *url, const FetchOptions *o,
                                  Transfer *t, const CacheEntry *cached,
                                  const char *pin, Attempt *a,
                                  char **redirect)
{
    char errbuf[CURL_ERROR_SIZE] = "";
    struct curl_slist *hdrs = NULL, *resolve = NULL;
    *redirect = NULL;
    transfer_reset(t);
    CURL *c = make_handle(url, o, t, cached, &hdrs, errbuf);
    if (!c) {
        snprintf(a->reason, sizeof a->reason, "cannot create a curl handle");
        a->fail_status = LB_EINTERNAL;
        return ATTEMPT_FAIL;
    }
    if (pin) { /* connect to the very addresses that were checked */
        resolve = curl_slist_append(NULL, pin);
        curl_easy_setopt(c, CURLOPT_RESOLVE, resolve);
    }
    CURLcode rc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a->status);
    curl_off_t retry_after = 0;
    curl_easy_getinfo(c, CURLINFO_RETRY_AFTER, &retry_after);
    a->retry_after_s = (long)retry_after;
    char *location = NULL;
    if (rc == CURLE_OK && a->status >= 300 && a->status < 400
        && curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &location) == CURLE_OK
        && location)
        *redirect = xstrdup(location);
    curl_easy_cleanup(c);
    curl_slist_free_all(hdrs);
    curl_slist_free_all(resolve);

    if (t->too_large || rc == CURLE_FILESIZE_EXCEEDED) {
        snprintf(a->reason, sizeof a->reason,
                 "body larger than the %zu-byte limit", o->max_body);
        return ATTEMPT_FAIL;
    }
    if (rc != CURLE_OK) {
        snprintf(a->reason, sizeof a->reason, "%s",
                 *errbuf ? errbuf : curl_easy_strerror(rc));
        return curl_code_is_transient(rc) ? ATTEMPT_RETRY : ATTEMPT_FAIL;
    }
    if (*redirect)
        return ATTEMPT_OK;
    if ((a->status >= 200 && a->status < 300)
        || (a->status == 304 && cached))
        return ATTEMPT_OK;
    snprintf(a->reason, sizeof a->reason, "HTTP %ld", a->status);
    return a->status >= 500 || a->status == 429 ? ATTEMPT_RETRY
                                                : ATTEMPT_FAIL;
}

/* 0 when a redirect to `target` may be followed: http(s), and internal
 * only when the request that started it was (`from_internal`). */
static int redirect_allowed(const char *target, int from_internal,
                            Where *w, Attempt *a)
{
    memset(w, 0, sizeof *w);
    if (!fetch_is_network(target)) {
        snprintf(a->reason, sizeof a->reason, "redirect to %.200s refused: "
                 "http(s) only", target);
        return -1;
    }
    if (where_of(target, w) != 0) {
        snprintf(a->reason, sizeof a->reason, "redirect to a malformed URL "
                 "refused");
        return -1;
    }
    if (w->internal && !from_internal) {
        snprintf(a->reason, sizeof a->reason, "redirect to %.200s refused: "
                 "it leads to a loopback, private or link-local address, "
                 "and the source is not one", w->host);
        return -1;
    }
    return 0;
}

/* One attempt: the request and the redirects it leads to, each checked
 * before it is made. */
static AttemptOutcome attempt_once(const char *url, const FetchOptions *o,
                                   Transfer *t, const CacheEntry *cached,
                                   Attempt *a)
{
    memset(a, 0, sizeof *a);
    a->fail_status = LB_ESOURCE;
    Where start;
    int from_internal = where_of(url, &start) == 0 && start.internal;
    char *current = xstrdup(url), *pin = start.pin;
    start.pin = NULL;
    where_free(&start);
    AttemptOutcome out = ATTEMPT_FAIL;
    for (int hop = 0;; hop++) {
        char *next = NULL;
        out = perform_hop(current, o, t, cached, pin, a, &next);
        free(pin);
        pin = NULL;
        if (out != ATTEMPT_OK || !next)
            break;
        if (hop == MAX_REDIRECTS) {
            snprintf(a->reason, sizeof a->reason, "more than %d redirects",
                     MAX_REDIRECTS);
            free(next);
            out = ATTEMPT_FAIL;
            break;
        }
        Where w;
        int allowed = redirect_allowed(next, from_internal, &w, a) == 0;
        pin = w.pin;
        w.pin = NULL;
        where_free(&w);
        free(current);
        current = next;
        if (!allowed) {
            out = ATTEMPT_FAIL;
            break;
        }
    }
    free(pin);
    free(current);
    return out;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

/* Exponential backoff with up to 50% random jitter, or the server's
 * Retry-After (capped) when it gave one. */
static long retry_delay_ms(const FetchOptions *o, int attempt,
                           long retry_after_s)
{
    if (retry_after_s > 0) {
        long s = retry_after_s < o->max_retry_after_s ? retry_after_s
                                                      : o->max_retry_after_s;
        return s * 1000;
    }
    long step = o->backoff_ms << (attempt < 20 ? attempt : 20);
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    unsigned seed = (unsigned)now.tv_nsec ^ (unsigned)getpid();
    long jitter = step > 1 ? (long)(rand_r(&seed) % (step / 2 + 1)) : 0;
    return step + jitter;
}

static int fetch_http(const char *source, const FetchOptions *o,
                      Redactor *secrets, FetchResult *res, LbError *err)
{
    char *request_url = NULL;
    if (o->via) {
        if (fetch_expand_via(o->via, source, secrets, &request_url, err) != 0)
            return -1;
        if (!fetch_is_network(request_url)) {
            fail_redacted(err, secrets, LB_EINPUT,
                          "via template must give an http(s) URL, not %s",
                          request_url);
            free(request_url);
            return -1;
        }
    } else {
        request_url = xstrdup(source);
    }

    CacheEntry cached = {0};
    int have_cache = o->cache_dir && cache_load(o->cache_dir, source, &cached);
    Transfer t = {BUF_INIT, o->max_body, 0, NULL, NULL};
    Attempt a;
    int rc = -1;
    for (int attempt = 0;; attempt++) {
        AttemptOutcome out = attempt_once(request_url, o, &t,
                                          have_cache ? &cached : NULL, &a);
        if (out == ATTEMPT_OK)
            break;
        if (out == ATTEMPT_RETRY && attempt < o->max_retries) {
            long delay = retry_delay_ms(o, attempt, a.retry_after_s);
            log_line(o, secrets, "%s: %s; retry %d of %d in %.1f s",
                     request_url, a.reason, attempt + 1, o->max_retries,
                     (double)delay / 1000.0);
            sleep_ms(delay);
            continue;
        }
        if (out == ATTEMPT_RETRY && attempt > 0)
            fail_redacted(err, secrets, a.fail_status,
                          "%s: %s (gave up after %d attempts)", request_url,
                          a.reason, attempt + 1);
        else
            fail_redacted(err, secrets, a.fail_status, "%s: %s", request_url,
                          a.reason);
        goto done;
    }

    res->http_status = a.status;
    res->modified = http_modified(a.status == 304 ? cached.last_modified
                                                  : t.last_modified);
    if (a.status == 304) {
        log_line(o, secrets, "%s: not modified; using the cached copy",
                 request_url);
        res->data = cached.body;
        res->len = cached.len;
        res->from_cache = 1;
        cached.body = NULL;
        res->last_modified = t.last_modified ? t.last_modified
                                             : cached.last_modified;
        if (t.last_modified)
            t.last_modified = NULL;
        else
            cached.last_modified = NULL;
    } else {
        if (o->cache_dir && (t.etag || t.last_modified)) {
            LbError cache_err = {0};
            if (cache_store(o->cache_dir, source, t.etag, t.last_modified,
                            t.body.data ? t.body.data : "", t.body.len,
                            &cache_err) != 0)
                log_line(o, secrets, "cache not updated: %s",
                         cache_err.message);
        }
        res->len = t.body.len;
        res->data = buf_detach(&t.body);
        res->last_modified = t.last_modified;
        t.last_modified = NULL;
    }
    rc = 0;
done:
    transfer_free(&t);
    cache_entry_free(&cached);
    free(request_url);
    return rc;
}

/* ---- files ------------------------------------------------------------- */

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)tolower((unsigned char)c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* file:///path or file://localhost/path → a percent-decoded path. */
static int file_url_path(const char *url, char **path, LbError *err)
{
    const char *p = url + 7;
    if (strncmp(p, "localhost/", 10) == 0)
        p += 9;
    if (*p != '/')
        return lb_fail(err, LB_EINPUT,
                       "%s: only local file:// URLs are supported", url);
    Buf b = BUF_INIT;
    for (; *p && *p != '?' && *p != '#'; p++) {
        int hi, lo;
        if (*p == '%' && (hi = hex_value(p[1])) >= 0
            && (lo = hex_value(p[2])) >= 0 && (hi || lo)) {
            buf_putc(&b, (char)(hi * 16 + lo));
            p += 2;
        } else {
            buf_putc(&b, *p);
        }
    }
    *path = buf_detach(&b);
    return 0;
}

static int fetch_file(const char *path, const FetchOptions *o,
                      FetchResult *res, LbError *err)
{
    /* Bounded however the file is: a FIFO or /dev/zero never ends. */
    return file_read_limited(path, o->max_body, &res->data, &res->len,
                             &res->modified, err);
}

int fetch_source(const char *source, const FetchOptions *o, Redactor *secrets,
                 FetchResult *res, LbError *err)
{
    memset(res, 0, sizeof *res);
    res->modified = -1;
    if (fetch_is_network(source))
        return fetch_http(source, o, secrets, res, err);
    if (o->via)
        return lb_fail(err, LB_EUSAGE,
                       "a via proxy applies to http(s) sources only, not %s",
                       source);
    if (strncmp(source, "file://", 7) == 0) {
        char *path = NULL;
        if (file_url_path(source, &path, err) != 0)
            return -1;
        int rc = fetch_file(path, o, res, err);
        free(path);
        return rc;
    }
    const char *scheme_end = strstr(source, "://");
    if (scheme_end && strcspn(source, "/") > (size_t)(scheme_end - source))
        return lb_fail(err, LB_EINPUT,
                       "%.*s: unsupported scheme (http, https, file only)",
                       (int)(scheme_end - source + 3), source);
    return fetch_file(source, o, res, err);
}
