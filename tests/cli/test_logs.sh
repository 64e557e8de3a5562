# Every line lbgen writes to stderr goes through diag.c (lb_log, which
# escapes newlines and control characters), so no message quoting a model
# name can start a line of the build log: GitHub Actions reads lines
# starting with "::" as commands. This test keeps it that way: any other
# write to stderr in generator/ fails it. And end to end: a hostile name in
# a table, a battle file and a data file never starts a line.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

# Writes to stderr other than through diag.c. mem.c's out-of-memory line
# cannot allocate (and quotes nothing); print_overview(stderr) prints the
# command list.
offenders=$(cd "$ROOT/generator" && grep -nE \
    '(v?fprintf|fputs|fputc|fwrite|putc|vdprintf|dprintf)[[:space:]]*\(.*(stderr|STDERR_FILENO)|perror[[:space:]]*\(|\bwrite[[:space:]]*\([[:space:]]*(2|STDERR_FILENO)[[:space:]]*,' \
    ./*.c | grep -vE "^\./(diag|mem)\.c:" | grep -v 'print_overview(stderr)')
check_eq "no stderr writes outside diag.c (use lb_log)" "" "$offenders"

# End to end: names that try to inject a workflow command.
cd "$TMP" || exit 2
printf 'model,score\n"x\n::error title=pwned::owned",1\n' >inj.csv
printf '{"model_a": "a\\n::error ::pwned", "model_b": "b", "winner": "model_a"}\n' >inj.jsonl
"$LBGEN" fetch inj.csv --adapter table --no-cache >/dev/null 2>inj-table.log
"$LBGEN" fetch "inj
::error ::pwned.csv" --adapter table --no-cache >/dev/null 2>inj-name.log
"$LBGEN" fetch inj.jsonl --adapter battles --no-cache \
    --options '{"bootstrap": 0, "anony_only": false}' >/dev/null 2>inj-battles.log
check_eq "a source named with a newline: one escaped line" \
    "lbgen fetch: inj\\n::error ::pwned.csv: cannot open: No such file or directory" \
    "$(cat inj-name.log)"
check_eq "no line of any log starts with ::" "" "$(cat ./*.log | grep '^::')"
check "every log was written" test -s inj-table.log -o -s inj-battles.log
