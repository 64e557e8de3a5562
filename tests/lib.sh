# Helpers for shell tests: each check prints one TAP line ("ok - ..." or
# "not ok - ...") that tests/run.sh counts. Source it; $LBGEN is the binary
# under test, $ROOT the repository. Every test gets a fresh $TMP.
set -u
: "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${LBGEN:=$ROOT/build/asan/lbgen}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }

# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() {
    desc=$1
    shift
    if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# check_eq DESCRIPTION EXPECTED ACTUAL
check_eq() {
    if [ "$2" = "$3" ]; then
        ok "$1"
    else
        not_ok "$1"
        printf '#   expected: %s\n#   actual:   %s\n' "$2" "$3"
    fi
}

# check_contains DESCRIPTION NEEDLE HAYSTACK
check_contains() {
    case "$3" in
    *"$2"*) ok "$1" ;;
    *) not_ok "$1"; printf '#   missing: %s\n#   in: %s\n' "$2" "$3" ;;
    esac
}

# run_lbgen ARGS...: runs lbgen, leaving $out, $err and $status.
# shellcheck disable=SC2034 # they are for the test that sourced this file
run_lbgen() {
    "$LBGEN" "$@" >"$TMP/.out" 2>"$TMP/.err"
    status=$?
    out=$(cat "$TMP/.out")
    err=$(cat "$TMP/.err")
}

# start_http_server FIXTURES: starts the loopback test server
# (tests/http_server.py) serving the directory FIXTURES (tests/fixtures/fetch
# or one the test wrote), stops it on exit, and
# sets $PORT and $B (its base URL), checking that it came up. Loopback
# requests must not go through a proxy from the environment.
# shellcheck disable=SC2034 # B is for the test that sourced this file
start_http_server() {
    unset http_proxy https_proxy HTTPS_PROXY ALL_PROXY all_proxy
    LBGEN_FIXTURES=$1 python3 "$ROOT/tests/http_server.py" \
        >"$TMP/port" 2>"$TMP/server.err" &
    SERVER=$!
    trap 'kill "$SERVER" 2>/dev/null; rm -rf "$TMP"' EXIT
    i=0
    while [ ! -s "$TMP/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    PORT=$(head -n 1 "$TMP/port")
    B=http://127.0.0.1:$PORT
    check "test server started" test -n "$PORT"
}
