# `lbgen serve` on loopback: serves a copy of the site's inputs, rebuilds
# on a locale edit, refuses paths outside the site, shows a broken locale
# in the page while still serving the last good build, recovers, and stops
# on SIGINT. Every request has --max-time and every wait is bounded.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

repo="$TMP/repo"
mkdir -p "$repo"
cp -R "$ROOT/leaderboards.json" "$ROOT/templates" "$ROOT/locales" "$ROOT/data" "$repo/"
printf '{"secret": "outside the site"}\n' >"$TMP/secret.json"
cd "$repo" || exit 2
# A whole site first: serving one locale must not delete the others.
"$LBGEN" build -q
cp site/en/text/index.html "$TMP/en-before.html"

"$LBGEN" serve --port 0 --locale fr >"$TMP/serve.log" 2>&1 &
pid=$!
trap 'kill -KILL "$pid" 2>/dev/null; rm -rf "$TMP"' EXIT

# wait_for COMMAND...: retries for up to 20 s (ASan is slow to start, and a build
# with a page per model takes seconds on a loaded machine).
wait_for() {
    i=0
    while [ "$i" -lt 200 ]; do
        "$@" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}
port_known() { grep -q 'at http://127.0.0.1:[0-9]*/' "$TMP/serve.log"; }
check "the server starts and says where" wait_for port_known
port=$(sed -n 's|.*at http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/serve.log")
base="http://127.0.0.1:$port"

# get PATH: leaves $code, $ctype and the body in $TMP/body.
get() {
    r=$(curl -s --max-time 3 --path-as-is -o "$TMP/body" \
        -w '%{http_code} %{content_type}' "$base$1")
    code=${r%% *}
    ctype=${r#* }
}
# has TEXT: the last body contains TEXT (quiet: pages are large).
has() { grep -qF -- "$1" "$TMP/body"; }

get /fr/text/
check_eq "GET /fr/text/ is 200" 200 "$code"
check_eq "HTML is text/html; charset=utf-8" "text/html; charset=utf-8" "$ctype"
check "the page is French" has "Classement texte de l’Arena"
check "serve adds the live-reload script" has "/__lbgen/events"
check "the file on disk has no live-reload script" \
    sh -c '! grep -q __lbgen site/fr/text/index.html'
get /fr/text
check_eq "a directory without its slash redirects" 301 "$code"
check "--locale fr kept the English pages of the previous build" \
    cmp "$TMP/en-before.html" site/en/text/index.html
check "and the Chinese source ones" test -s site/zh/text/index.html

# Only requests for the address served are answered (DNS rebinding: a page
# on evil.example whose name now resolves to 127.0.0.1).
hosted() { # HOST: the status of GET /fr/text/ with that Host header
    curl -s --max-time 3 -o "$TMP/body" -w '%{http_code}' -H "Host: $1" "$base/fr/text/"
}
check_eq "Host evil.example:PORT is refused" 421 "$(hosted "evil.example:$port")"
check "a refused request gets no page" sh -c "! grep -q Classement '$TMP/body'"
check_eq "Host 127.0.0.1.evil.example:PORT is refused" 421 "$(hosted "127.0.0.1.evil.example:$port")"
check_eq "Host 127.0.0.1 on another port is refused" 421 "$(hosted "127.0.0.1:1")"
check_eq "Host localhost:PORT is served" 200 "$(hosted "localhost:$port")"
# A redirect never leads to another host: //fr would be a scheme-relative
# URL to the host "fr".
loc=$(curl -s --max-time 3 --path-as-is -o /dev/null -w '%{redirect_url}' "$base//fr")
check_eq "//fr redirects to /fr/ on this server" "$base/fr/" "$loc"
loc=$(curl -s --max-time 3 --path-as-is -D - -o /dev/null "$base//fr" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
check_eq "the Location is a path" "/fr/" "$loc"

# A port in use: exit 2 at once, with a message, and no build.
run_lbgen serve --port "$port" --locale fr
check_eq "a port in use: exit 2 and says so" \
    "2 lbgen serve: 127.0.0.1:$port is already in use (another lbgen serve?); pick another port with --port" \
    "$status $err"

# At most 64 connections at once: with 70 held open (idle), a 71st is
# not served; once they close, the server serves again.
python3 - "$port" "$TMP/held" <<'PY' &
import os, socket, sys, time
conns = [socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2)
         for _ in range(70)]
open(sys.argv[2], "w").close()
time.sleep(3)
PY
holder=$!
wait_for test -e "$TMP/held"
busy=$(curl -s --max-time 1 -o /dev/null -w '%{http_code}' "$base/fr/text/")
check_eq "a request past 64 open connections waits (not served within 1 s)" 000 "$busy"
wait "$holder"
sleep 0.5
get /fr/text/
check_eq "and still serves afterwards" 200 "$code"
get /fr/text.md
check_eq "Markdown is text/markdown" "text/markdown; charset=utf-8" "$ctype"
get /assets/style.css
check_eq "CSS is text/css" "text/css; charset=utf-8" "$ctype"
get /data/text.csv
check_eq "CSV is text/csv" "text/csv; charset=utf-8" "$ctype"
get /no/such/page
check_eq "a missing page is 404" 404 "$code"
check "with the site's 404 page" has "$(sed -n 's:.*<title>\(.*\)</title>.*:\1:p' site/404.html)"

# Nothing outside site/ is ever served.
refused() { # PATH: not 200, and not the file's content
    get "$1"
    [ "$code" != 200 ] && ! has '"leaderboards"' && ! has secret
}
check "/../leaderboards.json is refused" refused /../leaderboards.json
check "/%2e%2e/leaderboards.json is refused" refused /%2e%2e/leaderboards.json
check "/fr/%2E%2E/%2e%2e/leaderboards.json is refused" refused /fr/%2E%2E/%2e%2e/leaderboards.json
check "a NUL byte is refused" refused "/index.html%00.md"
ln -s "$TMP/secret.json" site/leak.json
ln -s "$TMP" site/leak-dir
check "a symlink leading out of the site is refused" refused /leak.json
check "a symlinked directory leading out is refused" refused /leak-dir/secret.json
get /leak.json
check_eq "with 403" 403 "$code"
get /
check_eq "the site root still serves" 200 "$code"

# A translator's edit shows once the rebuild is done (the whole default
# site, model pages included, under the sanitizers: seconds), and open
# pages are told to reload. Speed is measured by make bench, not here.
curl -s -N --max-time 30 "$base/__lbgen/events" >"$TMP/events" 2>/dev/null &
events_pid=$!
sleep 0.3
# shellcheck disable=SC1112 # the apostrophe of the French title, in a sed pattern
sed -i 's/Classement texte de l’Arena/Classement modifié par le test/' locales/fr.json
edited() { get /fr/text/ && has "modifié par le test"; }
i=0
while [ "$i" -lt 250 ] && ! edited; do sleep 0.1; i=$((i + 1)); done
check "the edited French string is served after the rebuild" edited
sleep 1 # the reload event follows the swap
kill "$events_pid" 2>/dev/null
wait "$events_pid"
check_contains "the event stream announced the rebuild" "event: reload" "$(cat "$TMP/events")"

# A broken locale: the error is shown, the last good pages still served.
cp locales/fr.json "$TMP/fr.good"
printf '{\n  "meta": {"name": "Français",\n  oops\n' >locales/fr.json
broken() { get /fr/text/ && has lbgen-serve-error; }
check "a broken locale shows an error in the page" wait_for broken
check "the error names FILE:LINE:COL" has "locales/fr.json:3:4: error:"
check "the last good page is still served" has "modifié par le test"
check_eq "and is still 200" 200 "$code"
check_contains "the error is on stderr too" "locales/fr.json:3:4: error:" "$(cat "$TMP/serve.log")"
get /no/such/page
check "404 pages show the error too" has "lbgen-serve-error"

# A broken template, HTML-escaped in the overlay.
cp templates/html/board.html "$TMP/board.good"
cp "$TMP/fr.good" locales/fr.json
printf '<p>{{#rows}}<b>\n' >templates/html/board.html
tmpl_broken() { get /fr/text/ && has "templates/html/board.html:1:4: error:"; }
check "a broken template shows its FILE:LINE:COL" wait_for tmpl_broken
check "the page around it is the last good build" has "modifié par le test"

# Fixed: it recovers.
cp "$TMP/board.good" templates/html/board.html
recovered() { get /fr/text/ && ! has lbgen-serve-error && has "modifié par le test"; }
check "the next good save recovers" wait_for recovered

# Ctrl-C: exit 0, promptly.
( sleep 5; kill -KILL "$pid" 2>/dev/null ) &
watchdog=$!
start=$(date +%s%N)
kill -INT "$pid"
wait "$pid"
status=$?
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
kill "$watchdog" 2>/dev/null
check_eq "SIGINT stops it with exit 0" 0 "$status"
check "within a second (${elapsed} ms)" [ "$elapsed" -lt 1000 ]
check_contains "it says so" "stopping" "$(cat "$TMP/serve.log")"

# Inputs where the configuration's paths say: an edit there rebuilds too.
mv locales lang
sed 's|"locales": \[|"paths": {"locales": "lang"}, "locales": [|' \
    leaderboards.json >moved.json
: >"$TMP/serve.log"
"$LBGEN" serve --port 0 --locale fr --config moved.json >"$TMP/serve.log" 2>&1 &
pid=$!
check "a server for moved.json starts" wait_for port_known
port=$(sed -n 's|.*at http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/serve.log")
base="http://127.0.0.1:$port"
sed -i 's/Classement modifié par le test/Classement déplacé/' lang/fr.json
moved() { get /fr/text/ && has "Classement déplacé"; }
check "an edit in paths.locales is served after a rebuild" wait_for moved
kill -INT "$pid"
wait "$pid"
