#include "serve.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "fileio.h"
#include "mem.h"
#include "mustache.h"

/* ---- request paths -------------------------------------------------------------- */

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *serve_url_decode(const char *raw)
{
    size_t len = strlen(raw);
    char *out = xmalloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = raw[i];
        if (c == '%') {
            int hi = i + 2 < len ? hex_value(raw[i + 1]) : -1;
            int lo = hi >= 0 ? hex_value(raw[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                free(out);
                return NULL;
            }
            c = (char)(hi * 16 + lo);
            i += 2;
        }
        out[n++] = c;
    }
    out[n] = '\0';
    return out;
}

/* 1 when any '/'-separated segment of `path` is "..". */
static int has_dot_dot_segment(const char *path)
{
    for (const char *p = path; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return 1;
        p += n;
        if (*p == '/')
            p++;
    }
    return 0;
}

/* 1 when `real` is `root` itself or lies beneath it. */
static int is_under(const char *real, const char *root)
{
    size_t n = strlen(root);
    if (strncmp(real, root, n) != 0)
        return 0;
    return real[n] == '\0' || real[n] == '/' || (n == 1 && root[0] == '/');
}

/* realpath() of `path`, checked to stay under `root`. */
static ResolveResult real_under(const char *root, const char *path,
                                char **real_out)
{
    char *real = realpath(path, NULL);
    if (!real)
        return errno == ENOENT || errno == ENOTDIR ? RESOLVE_NOT_FOUND
                                                   : RESOLVE_FORBIDDEN;
    if (!is_under(real, root)) {
        free(real);
        return RESOLVE_FORBIDDEN;
    }
    *real_out = real;
    return RESOLVE_OK;
}

ResolveResult serve_resolve(const char *root, const char *raw_path,
                            char **file_out)
{
    *file_out = NULL;
    char *path = serve_url_decode(raw_path);
    if (!path || path[0] != '/') {
        free(path);
        return RESOLVE_BAD_REQUEST;
    }
    if (has_dot_dot_segment(path)) {
        free(path);
        return RESOLVE_FORBIDDEN;
    }
    char *root_real = realpath(root, NULL);
    if (!root_real) {
        free(path);
        return RESOLVE_NOT_FOUND;
    }
    Buf candidate = BUF_INIT;
    buf_printf(&candidate, "%s%s", root_real, path);
    char *real = NULL;
    ResolveResult r = real_under(root_real, candidate.data, &real);
    struct stat st;
    if (r == RESOLVE_OK && stat(real, &st) == 0 && S_ISDIR(st.st_mode)) {
        size_t plen = strlen(path);
        if (plen == 0 || path[plen - 1] != '/') {
            r = RESOLVE_REDIRECT;
        } else {
            /* index.html itself may be a symlink: check it again. */
            buf_clear(&candidate);
            buf_printf(&candidate, "%s/index.html", real);
            free(real);
            real = NULL;
            r = real_under(root_real, candidate.data, &real);
        }
    }
    if (r == RESOLVE_OK && (stat(real, &st) != 0 || !S_ISREG(st.st_mode)))
        r = RESOLVE_NOT_FOUND;
    if (r == RESOLVE_OK)
        *file_out = real;
    else
        free(real);
    buf_free(&candidate);
    free(root_real);
    free(path);
    return r;
}

int serve_host_allowed(const char *host, unsigned port)
{
    if (!host)
        return 0;
    static const char *const names[] = {"127.0.0.1", "localhost"};
    for (size_t i = 0; i < 2; i++) {
        size_t n = strlen(names[i]);
        if (strncasecmp(host, names[i], n) != 0)
            continue;
        const char *rest = host + n;
        if (*rest == '\0')
            return port == 80;
        char *end;
        if (*rest != ':' || !(rest[1] >= '0' && rest[1] <= '9'))
            continue;
        unsigned long p = strtoul(rest + 1, &end, 10);
        if (*end == '\0' && p == port)
            return 1;
    }
    return 0;
}

char *serve_redirect_location(const char *raw_path)
{
    static const char safe[] = "-._~!$&'()*+,;=:@/%";
    const char *p = raw_path;
    while (*p == '/' || *p == '\\')
        p++;
    Buf b = BUF_INIT;
    buf_putc(&b, '/');
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c < 0x80 && isalnum(c)) || (c && strchr(safe, c)))
            buf_putc(&b, (char)c);
        else
            buf_printf(&b, "%%%02X", c);
    }
    if (b.data[b.len - 1] != '/')
        buf_putc(&b, '/');
    return buf_detach(&b);
}

/* ---- content -------------------------------------------------------------------- */

const char *serve_content_type(const char *path)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {"html", "text/html; charset=utf-8"},
        {"htm", "text/html; charset=utf-8"},
        {"css", "text/css; charset=utf-8"},
        {"js", "text/javascript; charset=utf-8"},
        {"mjs", "text/javascript; charset=utf-8"},
        {"svg", "image/svg+xml; charset=utf-8"},
        {"json", "application/json; charset=utf-8"},
        {"csv", "text/csv; charset=utf-8"},
        {"xml", "application/xml; charset=utf-8"},
        {"md", "text/markdown; charset=utf-8"},
        {"txt", "text/plain; charset=utf-8"},
        {"png", "image/png"},
        {"jpg", "image/jpeg"},
        {"jpeg", "image/jpeg"},
        {"webp", "image/webp"},
        {"ico", "image/x-icon"},
        {"woff2", "font/woff2"},
    };
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');
    if (dot)
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
            if (strcasecmp(dot + 1, types[i].ext) == 0)
                return types[i].type;
    return "application/octet-stream";
}

static int is_html_type(const char *type)
{
    return strncmp(type, "text/html", 9) == 0;
}

/* Offset of the last "</body" (any case) in html, or len when absent. */
static size_t body_end(const char *html, size_t len)
{
    for (size_t i = len; i >= 6; i--)
        if (html[i - 6] == '<' && strncasecmp(html + i - 6, "</body", 6) == 0)
            return i - 6;
    return len;
}

static void put_live_reload(Buf *out, unsigned long generation)
{
    buf_printf(out,
               "<script>/* lbgen serve: live reload */(function(){"
               "var s=new EventSource(\"%s?since=%lu\");"
               "s.addEventListener(\"reload\",function(){location.reload();});"
               "})();</script>\n",
               SERVE_EVENTS_PATH, generation);
}

static void put_overlay(Buf *out, const char *error)
{
    buf_puts(out, "<div id=\"lbgen-serve-error\" role=\"alert\" style=\""
                  "position:fixed;left:0;right:0;top:0;z-index:2147483647;"
                  "margin:0;padding:1em;background:#fff0f0;color:#900;"
                  "border-bottom:3px solid #c00;font:14px/1.4 monospace;"
                  "white-space:pre-wrap\">lbgen serve: the last rebuild "
                  "failed; showing the last good build.\n");
    mustache_escape_html(out, error, strlen(error));
    buf_puts(out, "</div>\n");
}

static void inject(Buf *out, const char *html, size_t len, const char *error,
                   unsigned long generation)
{
    size_t at = body_end(html, len);
    buf_append(out, html, at);
    if (error)
        put_overlay(out, error);
    put_live_reload(out, generation);
    buf_append(out, html + at, len - at);
}

void serve_inject(Buf *out, const char *html, size_t len, const char *error)
{
    inject(out, html, len, error, 0);
}

/* ---- the server ----------------------------------------------------------------- */

struct Server {
    struct MHD_Daemon *daemon;
    char *root;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    unsigned long generation; /* bumped by every rebuild, good or bad */
    char *error;              /* the last rebuild's error, NULL when good */
    int stopping;
    unsigned port;
};

/* A copy of the current state, taken under the lock. */
static char *current_error(Server *s, unsigned long *generation)
{
    pthread_mutex_lock(&s->lock);
    char *error = s->error ? xstrdup(s->error) : NULL;
    *generation = s->generation;
    pthread_mutex_unlock(&s->lock);
    return error;
}

typedef struct {
    Server *server;
    unsigned long seen;
} EventStream;

/* Server-Sent Events: one "reload" event per rebuild after `seen`, a
 * comment every 15 s to keep the connection open. Blocking here is fine:
 * each connection has its own thread. */
static ssize_t read_events(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    EventStream *es = cls;
    Server *s = es->server;
    pthread_mutex_lock(&s->lock);
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 15;
    int rc = 0;
    while (!s->stopping && s->generation == es->seen && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&s->changed, &s->lock, &deadline);
    ssize_t n;
    if (s->stopping) {
        n = MHD_CONTENT_READER_END_OF_STREAM;
    } else if (s->generation == es->seen) {
        n = snprintf(buf, max, ": keep-alive\n\n");
    } else {
        es->seen = s->generation;
        n = snprintf(buf, max, "event: reload\ndata: %lu\n\n", es->seen);
    }
    pthread_mutex_unlock(&s->lock);
    return n >= 0 && (size_t)n >= max ? (ssize_t)max : n;
}

static enum MHD_Result queue(struct MHD_Connection *c, unsigned status,
                             struct MHD_Response *r, const char *type)
{
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    enum MHD_Result ok = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result send_buf(struct MHD_Connection *c, unsigned status,
                                Buf *body, const char *type)
{
    size_t len = body->len;
    char *data = buf_detach(body);
    struct MHD_Response *r = MHD_create_response_from_buffer(
        len, data, MHD_RESPMEM_MUST_FREE);
    return queue(c, status, r, type);
}

static enum MHD_Result send_text(struct MHD_Connection *c, unsigned status,
                                 const char *text)
{
    Buf body = BUF_INIT;
    buf_puts(&body, text);
    return send_buf(c, status, &body, "text/plain; charset=utf-8");
}

static enum MHD_Result send_events(Server *s, struct MHD_Connection *c)
{
    EventStream *es = xcalloc(1, sizeof *es);
    es->server = s;
    const char *since = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND,
                                                    "since");
    unsigned long generation;
    free(current_error(s, &generation));
    es->seen = since ? strtoul(since, NULL, 10) : generation;
    struct MHD_Response *r = MHD_create_response_from_callback(
        MHD_SIZE_UNKNOWN, 256, read_events, es, free);
    return queue(c, MHD_HTTP_OK, r, "text/event-stream; charset=utf-8");
}

/* Sends file `path` (HTML gets the live-reload script and any error). */
static enum MHD_Result send_file(Server *s, struct MHD_Connection *c,
                                 unsigned status, const char *path)
{
    char *data;
    size_t len;
    LbError err = {0};
    if (file_read_all(path, &data, &len, &err) != 0)
        return send_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, err.message);
    const char *type = serve_content_type(path);
    Buf body = BUF_INIT;
    if (is_html_type(type)) {
        unsigned long generation;
        char *error = current_error(s, &generation);
        inject(&body, data, len, error, generation);
        free(error);
        free(data);
    } else {
        body.data = data;
        body.len = len;
        body.cap = len + 1;
    }
    return send_buf(c, status, &body, type);
}

/* The site's 404.html, or a plain page when the site has none (yet). */
static enum MHD_Result send_not_found(Server *s, struct MHD_Connection *c)
{
    char *page = NULL;
    if (serve_resolve(s->root, "/404.html", &page) == RESOLVE_OK) {
        enum MHD_Result r = send_file(s, c, MHD_HTTP_NOT_FOUND, page);
        free(page);
        return r;
    }
    static const char plain[] = "<!DOCTYPE html>\n<html><head><meta charset="
                                "\"utf-8\"><title>Not found</title></head>"
                                "<body><h1>Not found</h1></body></html>\n";
    unsigned long generation;
    char *error = current_error(s, &generation);
    Buf body = BUF_INIT;
    inject(&body, plain, sizeof plain - 1, error, generation);
    free(error);
    return send_buf(c, MHD_HTTP_NOT_FOUND, &body, "text/html; charset=utf-8");
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c,
                              const char *url, const char *method,
                              const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls)
{
    (void)version;
    (void)upload_data;
    (void)upload_data_size;
    (void)con_cls;
    Server *s = cls;
    const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                   MHD_HTTP_HEADER_HOST);
    if (!serve_host_allowed(host, s->port))
        return send_text(c, 421, "lbgen serve: this preview answers only "
                                 "http://127.0.0.1:PORT/ and "
                                 "http://localhost:PORT/\n");
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        return send_text(c, MHD_HTTP_METHOD_NOT_ALLOWED,
                         "lbgen serve: only GET and HEAD\n");
    if (strcmp(url, SERVE_EVENTS_PATH) == 0)
        return send_events(s, c);
    char *file = NULL;
    switch (serve_resolve(s->root, url, &file)) {
    case RESOLVE_OK: {
        enum MHD_Result r = send_file(s, c, MHD_HTTP_OK, file);
        free(file);
        return r;
    }
    case RESOLVE_REDIRECT: {
        char *location = serve_redirect_location(url);
        struct MHD_Response *r =
            MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
        MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, location);
        free(location);
        return queue(c, MHD_HTTP_MOVED_PERMANENTLY, r,
                     "text/plain; charset=utf-8");
    }
    case RESOLVE_NOT_FOUND:
        return send_not_found(s, c);
    case RESOLVE_FORBIDDEN:
        return send_text(c, MHD_HTTP_FORBIDDEN,
                         "lbgen serve: outside the site\n");
    case RESOLVE_BAD_REQUEST:
        break;
    }
    return send_text(c, MHD_HTTP_BAD_REQUEST, "lbgen serve: bad path\n");
}

/* libmicrohttpd would percent-decode the path before handle() sees it;
 * serve_resolve() decodes it itself, so it can refuse NUL bytes. */
static size_t keep_escaped(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    return strlen(s);
}

Server *server_start(const char *root, unsigned port, LbError *err)
{
    if (port > 65535) {
        lb_fail(err, LB_EUSAGE, "port %u is out of range", port);
        return NULL;
    }
    /* The socket is ours, so a port in use is told apart from other
     * failures (libmicrohttpd would only say it could not start). */
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        lb_fail(err, LB_EINTERNAL, "socket: %s", strerror(errno));
        return NULL;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0
        || listen(fd, 32) != 0) {
        int e = errno;
        close(fd);
        if (e == EADDRINUSE)
            lb_fail(err, LB_EINPUT, "127.0.0.1:%u is already in use (another "
                    "lbgen serve?); pick another port with --port", port);
        else
            lb_fail(err, LB_EINTERNAL, "cannot listen on 127.0.0.1:%u: %s",
                    port, strerror(e));
        return NULL;
    }
    socklen_t addr_len = sizeof addr;
    getsockname(fd, (struct sockaddr *)&addr, &addr_len);
    Server *s = xcalloc(1, sizeof *s);
    s->root = xstrdup(root);
    s->port = ntohs(addr.sin_port);
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->changed, NULL);
    s->daemon = MHD_start_daemon(
        MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD
            | MHD_USE_ITC,
        0, NULL, NULL, handle, s,
        MHD_OPTION_LISTEN_SOCKET, fd,
        MHD_OPTION_UNESCAPE_CALLBACK, keep_escaped, NULL,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVE_MAX_CONNECTIONS,
        MHD_OPTION_END);
    if (!s->daemon) {
        close(fd);
        lb_fail(err, LB_EINTERNAL, "cannot serve on 127.0.0.1:%u", s->port);
        server_stop(s);
        return NULL;
    }
    return s;
}

unsigned server_port(const Server *server)
{
    return server->port;
}

void server_report_build(Server *server, const char *error)
{
    pthread_mutex_lock(&server->lock);
    free(server->error);
    server->error = error ? xstrdup(error) : NULL;
    server->generation++;
    pthread_cond_broadcast(&server->changed);
    pthread_mutex_unlock(&server->lock);
}

void server_stop(Server *server)
{
    if (!server)
        return;
    pthread_mutex_lock(&server->lock);
    server->stopping = 1;
    pthread_cond_broadcast(&server->changed);
    pthread_mutex_unlock(&server->lock);
    if (server->daemon)
        MHD_stop_daemon(server->daemon);
    pthread_cond_destroy(&server->changed);
    pthread_mutex_destroy(&server->lock);
    free(server->error);
    free(server->root);
    free(server);
}
