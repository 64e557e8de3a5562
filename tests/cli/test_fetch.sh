# `lbgen fetch` against a loopback server that misbehaves on purpose
# (tests/http_server.py), plus local files. No internet needed.
. "$(dirname "$0")/../lib.sh"

FIX=$ROOT/tests/fixtures/fetch
start_http_server "$FIX"

# Everything printed by lbgen in this file, to prove no key ever leaks.
ALL=$TMP/all-output
: >"$ALL"
fetch() {
    run_lbgen fetch "$@"
    printf '%s\n%s\n' "$out" "$err" >>"$ALL"
}

# ---- plain success, user agent, compression, redirects ------------------
fetch "$B/ok?f=small.csv" --adapter table --no-cache
check_eq "200 fetch exits 0" 0 "$status"
check_contains "body went through the table adapter" '"model":	"beta"' "$out"
check_contains "source URL recorded" "\"url\":	\"$B/ok?f=small.csv\"" "$out"
check_contains "default id from the URL" '"id":	"ok"' "$out"

fetch "$B/ua?f=small.csv" --adapter table --no-cache --id ua-check
check_eq "User-Agent is lbgen/VERSION" 0 "$status"
check_contains "--id is used" '"id":	"ua-check"' "$out"

fetch "$B/gzip?f=small.csv" --adapter table --no-cache
check_eq "gzip body accepted and decoded" 0 "$status"
check_contains "gzip body parsed" '"model":	"alpha"' "$out"

fetch "$B/redirect?to=/ok%3Ff%3Dsmall.csv" --adapter table --no-cache
check_eq "http redirect followed" 0 "$status"

fetch "$B/redirect-file" --adapter table --no-cache
check_eq "redirect to file:// refused (exit 3)" 3 "$status"
check_contains "refusal names the URL" "$B/redirect-file" "$err"
case "$out$err" in *root:*) not_ok "file:// target never read" ;;
*) ok "file:// target never read" ;; esac

# ---- retries -------------------------------------------------------------
fetch "$B/flaky/a?f=small.csv" --adapter table --no-cache
check_eq "500 then 200: retry succeeds" 0 "$status"
check_contains "the retry is logged" "HTTP 500; retry 1 of 3" "$err"

start=$(date +%s)
fetch "$B/busy/a?f=small.csv" --adapter table --no-cache
end=$(date +%s)
check_eq "429 then 200: retry succeeds" 0 "$status"
check_contains "Retry-After: 1 honoured" "HTTP 429; retry 1 of 3 in 1.0 s" "$err"
case "$err" in *"HTTP 503"*) not_ok "no retry before Retry-After" ;;
*) ok "no retry before Retry-After" ;; esac
check "429 retry waited about a second" test $((end - start)) -le 5

fetch "$B/status/404" --adapter table --no-cache
check_eq "404 exits 3" 3 "$status"
check_contains "404 is reported" "$B/status/404: HTTP 404" "$err"
case "$err" in *retry*) not_ok "no retry on 4xx" ;; *) ok "no retry on 4xx" ;; esac

fetch "$B/status/503" --adapter table --no-cache --retries 1
check_eq "persistent 503 exits 3" 3 "$status"
check_contains "gives up after the retries" "HTTP 503 (gave up after 2 attempts)" "$err"

# Against a fast fetch's own time, so a slow start (valgrind in `make
# check`) does not count: 1 s of timeout, never the server's 3 s.
start=$(date +%s%N)
fetch "$B/ok?f=small.csv" --adapter table --no-cache
end=$(date +%s%N)
base_ms=$(((end - start) / 1000000))
start=$(date +%s%N)
fetch "$B/slow?f=small.csv" --adapter table --no-cache --timeout 1 --retries 0
end=$(date +%s%N)
check_eq "response slower than --timeout exits 3" 3 "$status"
check_contains "timeout reported" "timed out" "$err"
check "timeout did not wait for the server ($(((end - start) / 1000000)) ms, a fast fetch $base_ms ms)" \
    test $(((end - start) / 1000000)) -le $((base_ms + 2000))

fetch "$B/truncated" --adapter table --no-cache --retries 0
check_eq "truncated body exits 3" 3 "$status"
check_contains "truncation reported" "$B/truncated:" "$err"

fetch "http://127.0.0.1:1/x" --adapter table --no-cache --retries 0
check_eq "connection refused exits 3" 3 "$status"

# ---- size limit ------------------------------------------------------------
fetch "$B/big?n=5000" --adapter table --no-cache --max-size 1K
check_eq "oversized body (Content-Length) exits 3" 3 "$status"
check_contains "size limit named" "larger than the 1024-byte limit" "$err"
fetch "$B/stream?n=200000" --adapter table --no-cache --max-size 1K
check_eq "oversized body (no Content-Length) exits 3" 3 "$status"
check_contains "streamed size limit named" "larger than the 1024-byte limit" "$err"

# ---- conditional GET -------------------------------------------------------
fetch "$B/etag?f=small.csv" --adapter table --cache "$TMP/cache"
check_eq "first cached fetch exits 0" 0 "$status"
first=$(printf '%s' "$out" | grep -v updated_at)
check "cache stores body and validators" \
    test "$(find "$TMP/cache" -name '*.body' | wc -l)" -eq 1 -a \
         "$(find "$TMP/cache" -name '*.json' | wc -l)" -eq 1
check_contains "cache keeps the ETag" '"etag":	"\"v1-small.csv\""' "$(cat "$TMP"/cache/*.json)"
fetch "$B/etag?f=small.csv" --adapter table --cache "$TMP/cache"
check_eq "304 fetch exits 0" 0 "$status"
check_contains "304 reuses the cached body" "not modified; using the cached copy" "$err"
check_eq "304 gives the same board" "$first" "$(printf '%s' "$out" | grep -v updated_at)"

# An ETag or Last-Modified the server made huge is not cached (it would go
# back to the server in every request, and into .cache/).
fetch "$B/bigetag?f=small.csv" --adapter table --cache "$TMP/bigcache"
check_eq "huge validators: the fetch itself works" 0 "$status"
check_eq "huge validators: nothing cached" 0 \
    "$(find "$TMP/bigcache" -type f 2>/dev/null | wc -l)"
check_contains "huge Last-Modified: not taken as the source's time either" \
    '"updated_at":	"20' "$out"
case "$out" in *'"updated_at":	"2026-11-02T08:00:00Z"'*)
    not_ok "huge Last-Modified ignored" ;; *) ok "huge Last-Modified ignored" ;; esac

# ---- the source's own time, not the clock's ----------------------------------
# Last-Modified is the time of a page without a date of its own; a file's
# is its modification time; the same input gives the same bytes.
fetch "$B/etag?f=small.csv" --adapter table --no-cache
check_contains "updated_at from Last-Modified" '"updated_at":	"2026-11-02T08:00:00Z"' "$out"
cp "$FIX/small.csv" "$TMP/same.csv"
touch -d '2026-03-04 05:06:07 UTC' "$TMP/same.csv"
fetch "$TMP/same.csv" --adapter table --out "$TMP/same1.json"
sleep 1.1
fetch "$TMP/same.csv" --adapter table --out "$TMP/same2.json"
check "the same file fetched twice gives the same bytes" cmp "$TMP/same1.json" "$TMP/same2.json"
check_contains "updated_at is the file's time" '"updated_at":	"2026-03-04T05:06:07Z"' "$(cat "$TMP/same1.json")"
fetch "$FIX/cherry_text_2026-08.md" --adapter table --no-cache
check_contains "a page's own date wins (数据更新时间)" '"updated_at":	"2026-08-21T08:35:38Z"' "$out"
printf '{"model_a":"a","model_b":"b","winner":"model_a","tstamp":1767225600}\n{"model_a":"b","model_b":"a","winner":"tie","tstamp":1767312000}\n' >"$TMP/two.jsonl"
fetch "$TMP/two.jsonl" --adapter battles --options '{"bootstrap": 0, "anony_only": false}'
check_contains "battles: the newest battle's time" '"updated_at":	"2026-01-02T00:00:00Z"' "$out"

# ---- --max-size holds for FIFOs and devices ----------------------------------
fetch /dev/zero --adapter table --max-size 1K
check_eq "/dev/zero with --max-size 1K: exit 2" "2 lbgen fetch: /dev/zero: larger than the 1024-byte limit" "$status $err"
mkfifo "$TMP/fifo"
( head -c 300000 /dev/zero | tr '\0' 'a' >"$TMP/fifo" ) 2>/dev/null &
writer=$!
fetch "$TMP/fifo" --adapter table --max-size 64K
check_eq "a FIFO past --max-size: exit 2" "2 lbgen fetch: $TMP/fifo: larger than the 65536-byte limit" "$status $err"
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null

# ---- redirects may not lead inside ----------------------------------------------
# A source that is not loopback (here a name reached through an HTTP proxy,
# the test server) may not redirect to loopback, private or link-local
# addresses; a loopback source may (the tests' own 127.0.0.1 sources).
PROXIED="env http_proxy=$B"
run_proxied() { $PROXIED "$LBGEN" fetch "$@" --adapter table --no-cache >"$TMP/.out" 2>"$TMP/.err"; status=$?; err=$(cat "$TMP/.err"); out=$(cat "$TMP/.out"); }
run_proxied "http://example.test/redirect?to=http://127.0.0.1:$PORT/ok%3Ff%3Dsmall.csv"
check_eq "public source → 127.0.0.1: refused, exit 3" \
    "3 lbgen fetch: http://example.test/redirect?to=http://127.0.0.1:$PORT/ok%3Ff%3Dsmall.csv: redirect to 127.0.0.1 refused: it leads to a loopback, private or link-local address, and the source is not one" \
    "$status $err"
for target in "localhost:$PORT" "10.1.2.3" "192.168.0.1" "169.254.169.254" "[::1]:$PORT" "[fe80::1]" "0.0.0.0:$PORT"; do
    run_proxied "http://example.test/redirect?to=http://$target/ok%3Ff%3Dsmall.csv"
    check_eq "public source → $target: refused" 3 "$status"
    check_contains "public source → $target: says why" "a loopback, private or link-local address" "$err"
done
run_proxied "http://example.test/redirect?to=http://other.test/ok%3Ff%3Dsmall.csv"
check_eq "public source → public host: followed" 0 "$status"
check_contains "public → public: the page was read" '"model":	"alpha"' "$out"
fetch "$B/redirect?to=http://127.0.0.1:$PORT/ok%3Ff%3Dsmall.csv" --adapter table --no-cache
check_eq "loopback source → loopback: followed" 0 "$status"
fetch "$B/redirect?to=/redirect%3Fto%3D/redirect%253Fto%253D/ok%25253Ff%25253Dsmall.csv" --adapter table --no-cache
check_eq "chained relative redirects: followed" 0 "$status"

# ---- the rendering proxy and its key ------------------------------------
VIA="$B/proxy?api_key=\${SCRAPER_API_KEY}&render=true&url={url}"
export SCRAPER_API_KEY=secret123
fetch "https://lmarena.example/leaderboard/arena_text.html" --adapter arena-html \
    --via "$VIA" --cache "$TMP/cache"
check_eq "fetch through the proxy exits 0" 0 "$status"
check_contains "page parsed through the proxy" '"model":	"gemini-3-flash"' "$out"
check_contains "links resolve against the source, not the proxy" \
    "https://lmarena.example/model/gemini-3-flash" "$out"
check "the key never reaches the cache" sh -c "! grep -rq secret123 '$TMP/cache'"
# ${VAR} values are percent-encoded into the URL: a key holding & = # ? +
# / or a space cannot change the proxy URL's shape (the server accepts this
# key only when it arrives whole).
export SCRAPER_API_KEY='s3cr&t/=#?+ %'
fetch "https://lmarena.example/leaderboard/arena_text.html" --adapter arena-html \
    --via "$VIA" --no-cache
check_eq "an awkward key arrives whole (percent-encoded)" "0 " "$status $err"
fetch "https://lmarena.example/x/arena_text.html" --adapter arena-html \
    --via "$B/proxy500?api_key=\${SCRAPER_API_KEY}&url={url}" --retries 0 --no-cache
check_contains "the encoded key is redacted too" "proxy500?api_key=***&url=" "$err"
check "neither form of the awkward key is printed" \
    sh -c "! grep -qF -e 's3cr&t' -e 's3cr%26t' '$TMP/.err' '$TMP/.out'"
export SCRAPER_API_KEY=secret123

fetch "https://lmarena.example/x/arena_text.html" --adapter arena-html \
    --via "$B/proxy500?api_key=\${SCRAPER_API_KEY}&url={url}" --retries 1 --no-cache
check_eq "failing proxy exits 3" 3 "$status"
check_contains "retry log redacts the key" "proxy500?api_key=***&url=" "$err"

export SCRAPER_API_KEY=wrongkey456
fetch "https://lmarena.example/x/arena_text.html" --adapter arena-html \
    --via "$VIA" --no-cache
check_eq "rejected key exits 3" 3 "$status"
check_contains "error redacts the key" "api_key=***&render=true" "$err"
case "$out$err" in *wrongkey456*) not_ok "wrong key not printed" ;;
*) ok "wrong key not printed" ;; esac

unset SCRAPER_API_KEY
fetch "https://lmarena.example/x/arena_text.html" --adapter arena-html \
    --via "$VIA" --no-cache
check_eq "missing key variable exits 2" 2 "$status"
check_contains "missing variable named" "environment variable SCRAPER_API_KEY is not set" "$err"

check "secret123 never printed in any output" sh -c "! grep -q secret123 '$ALL'"

# ---- bad input, atomic output ----------------------------------------------
fetch "$B/ok?f=arena_text.html" --adapter arena-html --no-cache --out "$TMP/board.json"
check_eq "--out exits 0" 0 "$status"
check_eq "--out prints nothing" "" "$out"
check_contains "--out written" '"kind":	"arena"' "$(cat "$TMP/board.json")"
before=$(cat "$TMP/board.json")
fetch "$B/ok?f=arena_no_table.html" --adapter arena-html --no-cache --out "$TMP/board.json"
check_eq "page without the table exits 2" 2 "$status"
check_contains "says what is missing" "no <table> in the page" "$err"
check_eq "failed fetch leaves --out untouched" "$before" "$(cat "$TMP/board.json")"
fetch "$FIX/arena_no_score.html" --adapter arena-html --out "$TMP/new.json"
check_eq "table without Score exits 2" 2 "$status"
check "nothing written on bad input" test ! -e "$TMP/new.json"
check_contains "missing header named" "lacks the Score header" "$err"

fetch "$FIX/bad_quote.csv" --adapter table
check_eq "bad CSV exits 2" 2 "$status"
check_contains "bad CSV names FILE:LINE:COL" "bad_quote.csv:2:1: error: unterminated quoted field" "$err"
fetch "$FIX/bench_002_bad_total.md" --adapter table
check_eq "disagreeing total exits 2" 2 "$status"
check_contains "disagreeing total names the row" "row 2 (hunyuan-large)" "$err"
fetch "$FIX/bench_002_bad_total.md" --adapter table --trust-total
check_eq "--trust-total keeps the source's totals" 0 "$status"
fetch "$FIX/bench_edge.csv" --adapter table --scores "Math=3,Code" --id edge
check_eq "--scores with weights exits 0" 0 "$status"
check_contains "weighted total (80*3+70)/4" '"rating":	77.5' "$out"
fetch "$FIX/missing.csv" --adapter table
check_eq "missing file exits 2" 2 "$status"
fetch "file://$FIX/small.csv" --adapter table
check_eq "file:// URL exits 0" 0 "$status"

# ---- catalog join ------------------------------------------------------------
fetch "$FIX/catalog_004.md" --adapter catalog --out "$TMP/catalog.json"
check_eq "catalog adapter exits 0" 0 "$status"
printf 'model,score\nmeta-llama/Llama-3.2-3B-Instruct,50\nnobody,40\n' >"$TMP/b.csv"
fetch "$TMP/b.csv" --adapter table --catalog "$TMP/catalog.json"
check_eq "--catalog join exits 0" 0 "$status"
check_contains "catalog fields joined" '"hf_downloads":	1367670' "$out"

# ---- usage -------------------------------------------------------------------
fetch "$FIX/small.csv"
check_eq "missing --adapter exits 1" 1 "$status"
fetch "$FIX/small.csv" --adapter magic
check_eq "unknown adapter exits 1" 1 "$status"
check_contains "known adapters listed" "known: arena-html, table, catalog, battles, arena-hard" "$err"
fetch --adapter table
check_eq "missing source exits 1" 1 "$status"
fetch "$FIX/small.csv" --adapter table --timeout soon
check_eq "bad --timeout exits 1" 1 "$status"
fetch "$FIX/small.csv" --adapter table --id "Not A Slug"
check_eq "bad --id exits 1" 1 "$status"
fetch "$FIX/small.csv" --adapter table --via "$VIA"
check_eq "--via with a file exits 1" 1 "$status"
