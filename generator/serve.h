/* serve — the HTTP side of `lbgen serve`, the translators' local preview.
 *
 * A libmicrohttpd server bound to 127.0.0.1 that serves one output
 * directory, and nothing outside it: request paths are percent-decoded
 * here (not by libmicrohttpd), ".." segments, NUL bytes and bad escapes
 * are refused, and every file is resolved with realpath() and must lie
 * under the directory's real path, so a symlink cannot lead out of it.
 *
 * A web page the translator visits could aim requests at the preview
 * through a name of its own that resolves to 127.0.0.1 (DNS rebinding):
 * requests whose Host is not the address served (127.0.0.1:PORT or
 * localhost:PORT) are refused with 421. Redirects are always to a path
 * of this server, never to `//host`. At most SERVE_MAX_CONNECTIONS
 * connections are open at once; more are closed at once.
 *
 * Only what `serve` sends differs from the files on disk: each HTML
 * response gets a small live-reload script (an EventSource on
 * SERVE_EVENTS_PATH that reloads the page on every rebuild) and, while
 * the last rebuild failed, an overlay with its error message. The site
 * written by `lbgen build` never contains either.
 *
 * The pure parts (path resolution, content types, injection) are exposed
 * for the unit tests. A Server owns its copy of the root path and its
 * error text; server_stop() releases everything. */
#ifndef LBGEN_SERVE_H
#define LBGEN_SERVE_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"

#define SERVE_EVENTS_PATH "/__lbgen/events"
#define SERVE_MAX_CONNECTIONS 64

typedef enum {
    RESOLVE_OK,          /* *file_out is the real path of a regular file */
    RESOLVE_REDIRECT,    /* a directory asked for without its trailing '/' */
    RESOLVE_NOT_FOUND,
    RESOLVE_FORBIDDEN,   /* "..", or a path leading outside the root */
    RESOLVE_BAD_REQUEST  /* bad percent escape, NUL byte, not absolute */
} ResolveResult;

/* Decodes %XX escapes of `raw` into a NUL-terminated string the caller
 * frees. Returns NULL for a malformed escape or a decoded NUL byte. */
char *serve_url_decode(const char *raw);

/* Maps the raw (still percent-encoded) request path `raw_path` to a file
 * under `root` (which must exist). A path naming a directory maps to its
 * index.html. On RESOLVE_OK, *file_out is a realpath the caller frees. */
ResolveResult serve_resolve(const char *root, const char *raw_path,
                            char **file_out);

/* 1 when a request's Host header names what the server listens on:
 * "127.0.0.1:PORT" or "localhost:PORT" (any case; without ":PORT" only for
 * port 80). NULL (no Host) is refused. */
int serve_host_allowed(const char *host, unsigned port);

/* The Location for a directory asked for without its trailing slash: the
 * raw path with its leading slashes and backslashes folded into one "/"
 * (so never "//host" or "/\host", which browsers read as another host),
 * anything outside URL path characters percent-encoded, and a "/" added.
 * The caller frees it. */
char *serve_redirect_location(const char *raw_path);

/* "text/html; charset=utf-8" and so on, from the file name's extension;
 * "application/octet-stream" for anything unknown. */
const char *serve_content_type(const char *path);

/* Copies the HTML page `html` into `out`, inserting the live-reload
 * script and, when `error` is not NULL, an overlay showing it
 * (HTML-escaped) before the last </body>, or at the end without one. */
void serve_inject(Buf *out, const char *html, size_t len, const char *error);

typedef struct Server Server;

/* Starts serving `root` on 127.0.0.1:port (port 0: any free port;
 * server_port() tells which). A port already in use is LB_EINPUT
 * ("127.0.0.1:8000 is already in use ..."). */
Server *server_start(const char *root, unsigned port, LbError *err);
unsigned server_port(const Server *server);

/* After a rebuild: `error` NULL for a good build (clears any shown
 * error), else the message to show. Open pages reload either way. */
void server_report_build(Server *server, const char *error);

void server_stop(Server *server);

#endif
