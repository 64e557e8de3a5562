/* serve — the HTTP side of `lbgen serve`, the translators' local preview.
 *
 * A libmicrohttpd server bound to 127.0.0.1 that serves one output
 * directory, and nothing outside it: request paths are percent-decoded
 * here (not by libmicrohttpd), ".." segments, NUL bytes and bad escapes
 * are refused, and every file is resolved with realpath() and must lie
 * under the directory's real path, so a symlink cannot lead out of it.
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

/* "text/html; charset=utf-8" and so on, from the file name's extension;
 * "application/octet-stream" for anything unknown. */
const char *serve_content_type(const char *path);

/* Copies the HTML page `html` into `out`, inserting the live-reload
 * script and, when `error` is not NULL, an overlay showing it
 * (HTML-escaped) before the last </body>, or at the end without one. */
void serve_inject(Buf *out, const char *html, size_t len, const char *error);

typedef struct Server Server;

/* Starts serving `root` on 127.0.0.1:port (port 0: any free port;
 * server_port() tells which). */
Server *server_start(const char *root, unsigned port, LbError *err);
unsigned server_port(const Server *server);

/* After a rebuild: `error` NULL for a good build (clears any shown
 * error), else the message to show. Open pages reload either way. */
void server_report_build(Server *server, const char *error);

void server_stop(Server *server);

#endif
