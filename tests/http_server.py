#!/usr/bin/env python3
"""A loopback HTTP server that misbehaves on purpose, for the fetch tests.

Binds 127.0.0.1 on a free port, prints the port on the first line of
stdout, and serves until killed. Bodies come from tests/fixtures/fetch/
(`?f=NAME`). Every path is a behaviour:

  /ok?f=NAME            200 with the fixture
  /status/CODE          that status, always
  /flaky/TOKEN?f=       500 the first time for TOKEN, then 200
  /busy/TOKEN?f=        429 Retry-After: 1 the first time; a retry sooner
                        than a second gets 503
  /slow?f=              sleeps 3 s before answering
  /truncated            Content-Length 1000, 100 bytes sent, then closed
  /gzip?f=              gzip-encoded body; 406 unless the client accepts gzip
  /etag?f=              ETag + Last-Modified; 304 on a matching If-None-Match
  /bigetag?f=           a 10 KB ETag and a 10 KB Last-Modified
  /big?n=BYTES          n bytes with a Content-Length
  /stream?n=BYTES       n bytes, no Content-Length (ends at close); both
                        stream (any size, little memory) and, given
                        &token=T, record the bytes really sent
  /sent?token=T         how many bytes /big or /stream sent for T
  /redirect-file        302 to file:///etc/passwd
  /redirect?to=PATH     302 to PATH on this server
  /ua?f=                403 unless the User-Agent starts with lbgen/
  /proxy?api_key=K&url=U  a rendering proxy: 401 unless K is secret123 (or
                        the awkward key "s3cr&t/=#?+ %", sent encoded),
                        else serves the fixture named by U's last segment;
                        /proxy500?... always 500 (with the key in the URL)
  /lastmod?f=           the fixture with Last-Modified: Tue, 16 Dec 2025
                        23:09:41 GMT (no ETag)
  /viewer/MODE/rows?config=C&offset=&length=   the Hugging Face dataset
  /viewer/MODE/filter?...&where=               viewer over the split in
                        hf_C_split.json (a list of rows): pages of at most
                        100 rows, row_idx, num_rows_total; /filter takes a
                        where of "col"='text' / number / true AND ...
                        MODE misbehaves: ok, growing (num_rows_total grows
                        after the first page), dup (the second page repeats
                        a row), huge (num_rows_total 10^9), short (the
                        second page is short), partial (partial: true);
                        with &token=T every page request is counted
  /viewer-count?token=T how many pages were asked for T
"""
import gzip
import json
import os
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# LBGEN_FIXTURES: another directory of fixtures (a test that writes its
# own, such as test_default_fetch.sh).
FIXTURES = os.environ.get("LBGEN_FIXTURES") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "fixtures", "fetch")
STATE = {}
LOCK = threading.Lock()


def fixture(name):
    name = os.path.basename(name or "")
    with open(os.path.join(FIXTURES, name), "rb") as f:
        return f.read()


def parse_where(where):
    """'"col"='v' AND "n"=3 AND "b"=true' -> [(col, value), ...]."""
    conds = []
    for part in where.split(" AND "):
        m = re.fullmatch(r'"([^"]+)"=(.*)', part.strip())
        if not m:
            raise ValueError(part)
        col, val = m.group(1), m.group(2)
        if val.startswith("'") and val.endswith("'"):
            val = val[1:-1].replace("''", "'")
        elif val in ("true", "false"):
            val = val == "true"
        else:
            val = float(val)
        conds.append((col, val))
    return conds


def viewer_page(mode, endpoint, q):
    rows = json.loads(fixture("hf_%s_split.json" % q.get("config", "")))
    indexed = list(enumerate(rows))
    if endpoint == "filter" and q.get("where"):
        conds = parse_where(q["where"])
        indexed = [(i, r) for i, r in indexed
                   if all(r.get(c) == v for c, v in conds)]
    offset, length = int(q.get("offset", "0")), int(q.get("length", "100"))
    if length > 100 or length < 0 or offset < 0:
        return 422, {"error": "Parameter 'length' must not be greater than 100"}
    total = len(indexed)
    page = indexed[offset:offset + length]
    if mode == "growing" and offset > 0:
        total += 1
    elif mode == "dup" and offset > 0:
        page = [indexed[offset - 1]] + page[:-1]
    elif mode == "huge":
        total = 10 ** 9
    elif mode == "short" and offset > 0:
        page = page[:len(page) // 2]
    features = [{"feature_idx": k, "name": name, "type": {"dtype": "string",
                                                          "_type": "Value"}}
                for k, name in enumerate(rows[0].keys())] if rows else []
    return 200, {
        "features": features,
        "rows": [{"row_idx": i,
                  "row": r, "truncated_cells": []}
                 for k, (i, r) in enumerate(page)],
        "num_rows_total": total,
        "num_rows_per_page": 100,
        "partial": mode == "partial",
    }


class Handler(BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):  # keep test output quiet
        pass

    def send(self, code, body=b"", headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        if not any(k.lower() == "content-length" for k, _ in headers):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def stream(self, byte, n, token):
        """n bytes in 64 KiB writes, never n in memory; with a token, the
        count actually sent is kept for /sent?token= (a client that gives
        up early makes a write fail)."""
        chunk = byte * 65536
        sent = 0
        try:
            while sent < n:
                k = min(len(chunk), n - sent)
                self.wfile.write(chunk[:k])
                sent += k
        finally:
            if token:
                with LOCK:
                    STATE[("sent", token)] = sent

    def first_time(self, key):
        with LOCK:
            seen = STATE.get(key)
            STATE[key] = time.monotonic()
        return seen

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(url.query))
        parts = url.path.strip("/").split("/")
        route = parts[0]
        try:
            self.route(route, parts, q)
        except FileNotFoundError:
            self.send(404, b"no such fixture\n")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def route(self, route, parts, q):
        if route == "ok":
            self.send(200, fixture(q.get("f")))
        elif route == "status":
            self.send(int(parts[1]), b"status body\n")
        elif route == "flaky":
            if self.first_time(("flaky", parts[1])) is None:
                self.send(500, b"try again\n")
            else:
                self.send(200, fixture(q.get("f")))
        elif route == "busy":
            seen = self.first_time(("busy", parts[1]))
            if seen is None:
                self.send(429, b"slow down\n", [("Retry-After", "1")])
            elif time.monotonic() - seen < 0.95:
                self.send(503, b"retried too early\n")
            else:
                self.send(200, fixture(q.get("f")))
        elif route == "slow":
            time.sleep(3)
            self.send(200, fixture(q.get("f")))
        elif route == "truncated":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"x" * 100)
            self.wfile.flush()
            self.close_connection = True
        elif route == "gzip":
            if "gzip" not in self.headers.get("Accept-Encoding", ""):
                self.send(406, b"gzip only\n")
            else:
                self.send(200, gzip.compress(fixture(q.get("f"))),
                          [("Content-Encoding", "gzip")])
        elif route == "etag":
            tag = '"v1-%s"' % q.get("f")
            lm = "Mon, 02 Nov 2026 08:00:00 GMT"
            if self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                self.send_header("ETag", tag)
                self.end_headers()
            else:
                self.send(200, fixture(q.get("f")),
                          [("ETag", tag), ("Last-Modified", lm)])
        elif route == "bigetag":
            self.send(200, fixture(q.get("f")),
                      [("ETag", '"' + "e" * 10240 + '"'),
                       ("Last-Modified", "Mon, 02 Nov 2026 08:00:00 GMT"
                        + " " * 10240 + "x")])
        elif route == "big":
            n = int(q.get("n", "0"))
            self.send_response(200)
            self.send_header("Content-Length", str(n))
            self.end_headers()
            self.stream(b"a", n, q.get("token"))
        elif route == "stream":
            self.send_response(200)
            self.end_headers()
            self.stream(b"b", int(q.get("n", "0")), q.get("token"))
            self.close_connection = True
        elif route == "sent":
            with LOCK:
                count = STATE.get(("sent", q.get("token")), 0)
            self.send(200, b"%d\n" % count)
        elif route == "redirect-file":
            self.send(302, b"", [("Location", "file:///etc/passwd")])
        elif route == "redirect":
            self.send(302, b"", [("Location", q.get("to", "/"))])
        elif route == "ua":
            if self.headers.get("User-Agent", "").startswith("lbgen/"):
                self.send(200, fixture(q.get("f")))
            else:
                self.send(403, b"who are you?\n")
        elif route == "proxy":
            if q.get("api_key") not in ("secret123", "s3cr&t/=#?+ %"):
                self.send(401, b"bad key\n")
            else:
                target = urllib.parse.urlsplit(q.get("url", ""))
                self.send(200, fixture(target.path.rsplit("/", 1)[-1]))
        elif route == "proxy500":
            self.send(500, b"proxy down\n")
        elif route == "lastmod":
            self.send(200, fixture(q.get("f")),
                      [("Last-Modified", "Tue, 16 Dec 2025 23:09:41 GMT")])
        elif route == "viewer" and len(parts) == 3:
            if q.get("token"):
                with LOCK:
                    key = ("viewer", q["token"])
                    STATE[key] = STATE.get(key, 0) + 1
            code, doc = viewer_page(parts[1], parts[2], q)
            self.send(code, json.dumps(doc).encode(),
                      [("Content-Type", "application/json")])
        elif route == "viewer-count":
            with LOCK:
                count = STATE.get(("viewer", q.get("token")), 0)
            self.send(200, b"%d\n" % count)
        else:
            self.send(404, b"unknown route\n")


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    # One write, so a reader never sees half a line.
    sys.stdout.write(f"{server.server_address[1]}\n")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
