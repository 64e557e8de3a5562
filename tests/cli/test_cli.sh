# The command-line surface: help, version, usage errors.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

run_lbgen --version
check_eq "--version exits 0" 0 "$status"
check_contains "--version names lbgen" "lbgen " "$out"

run_lbgen --help
check_eq "--help exits 0" 0 "$status"
check_contains "--help lists commands" "commands:" "$out"

run_lbgen help help
check_eq "help COMMAND exits 0" 0 "$status"
check_contains "help COMMAND prints usage" "usage: lbgen help" "$out"

run_lbgen frobnicate
check_eq "unknown command exits 1" 1 "$status"
check_contains "unknown command is named" "unknown command 'frobnicate'" "$err"
check_eq "unknown command prints nothing on stdout" "" "$out"

run_lbgen help frobnicate
check_eq "help for unknown command exits 1" 1 "$status"

run_lbgen
check_eq "no command exits 1" 1 "$status"

# --out to a FIFO (or a device such as /dev/stdout) writes into it; the
# atomic rename that protects regular files must never replace it.
mkfifo "$TMP/out.fifo"
timeout 20 cat "$TMP/out.fifo" >"$TMP/got" &
reader=$!
run_lbgen fetch "$ROOT/tests/fixtures/fetch/small.csv" --adapter table --out "$TMP/out.fifo"
wait "$reader"
check_eq "--out to a FIFO succeeds" "0 " "$status $err"
check "the FIFO is still a FIFO" test -p "$TMP/out.fifo"
check_contains "what was written went through it" '"id":	"small"' "$(cat "$TMP/got")"
