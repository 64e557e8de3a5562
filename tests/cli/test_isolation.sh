# One bad source never takes the site down: a board whose data, history or
# render fails keeps its previous pages while the rest of the site is
# published (exit 3); a live source with implausible numbers, too many
# rows or a sudden growth keeps its last good data; a build stopped by
# SIGTERM, SIGINT or SIGHUP leaves no staging directory; --out directly
# under / works.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

S=$TMP/s
mkdir -p "$S/data"
cd "$S" || exit 2
cp "$ROOT/tests/fixtures/site/data/mini.json" data/text.json
python3 - "$ROOT" <<'PY'
import json, sys
root = sys.argv[1]
config = json.load(open(root + "/tests/fixtures/site/leaderboards.json"))
config["paths"] = {"templates": root + "/templates", "locales": root + "/locales"}
text = config["leaderboards"][0]
text["data"] = "data/text.json"
text.pop("categories", None)  # three plain boards (test_categories has those)
other = dict(text, id="other", data="data/other.json")
bench = dict(text, id="bench", kind="benchmark", data="data/bench.json",
             columns=["rank", "model"])
config["leaderboards"] = [text, other, bench]
json.dump(config, open("leaderboards.json", "w"), indent=2)
d = json.load(open("data/text.json"))
d["id"] = "other"
json.dump(d, open("data/other.json", "w"), indent=2)
with open("bench.csv", "w") as f:
    f.write("model,total\n")
    f.writelines("m%d,%d\n" % (i, 90 - i) for i in range(10))
PY
"$LBGEN" fetch bench.csv --adapter table --id bench --out data/bench.json
"$LBGEN" build --out out -q
check "a good three-board site" test -s out/en/bench/index.html
cp -R out before

# board_files DIR BOARD: the board's own files in a built site, listed.
board_files() {
    for l in zh en fr; do
        printf '%s\n' "$1/$l/$2/index.html" "$1/$l/$2.md" "$1/$l/$2.svg"
    done
    printf '%s\n' "$1/data/$2.json" "$1/data/$2.csv"
}
same_board() { # BOARD: its files are byte for byte those of before/
    board_files before "$1" | while read -r f; do
        cmp -s "$f" "out/${f#before/}" || { echo "# differs: $f"; exit 1; }
    done
}

# ---- bad data fails its board only ------------------------------------------
cp data/text.json "$TMP/text.good"
python3 - <<'PY'
import json
d = json.load(open("data/text.json"))
d["models"][0]["votes"] = -5
json.dump(d, open("data/text.json", "w"))
d = json.load(open("data/other.json"))
d["models"][0]["model"] = "renamed-model"
json.dump(d, open("data/other.json", "w"))
PY
run_lbgen build --out out -q
check_eq "a bad board: exit 3" 3 "$status"
check_eq "a bad board: named with its error, then the summary" \
    "lbgen build: text: data/text.json: models[0].votes: expected a non-negative integer; keeping its previously published pages
lbgen build: 1 board(s) failed (text) and kept their previously published pages; the rest of the site was published" "$err"
check "the bad board's pages and downloads are exactly the previous ones" same_board text
check "the other boards are rebuilt from their new data" grep -q renamed-model out/en/other/index.html
check "the index pages still list the kept board" grep -q 'href="text/index.html"' out/en/index.html
check_eq "no staging directory left" "" "$(find . -maxdepth 1 -name '.out.tmp.*')"

# ---- a broken history snapshot fails its board too ---------------------------
cp "$TMP/text.good" data/text.json
"$LBGEN" build --out out -q
cp -R out before2
mkdir -p data/history/other
printf '{"id": "other", "kind": "arena", "models": [' >data/history/other/2026-01-01.json
run_lbgen build --out out -q
check_eq "a broken history snapshot: exit 3" 3 "$status"
check_contains "it names the board and the snapshot" \
    "lbgen build: other: data/history/other/2026-01-01.json:1:44: error: invalid JSON; keeping its previously published pages" "$err"
check "the board with the broken history keeps its pages" \
    diff -r before2/en/other out/en/other
rm -r data/history

# ---- a board that never built has no pages, and the index leaves it out -------
cp data/text.json "$TMP/text.good"
printf '{"id": "text"' >data/text.json
run_lbgen build --out fresh -q
check_eq "a bad board in a fresh site: exit 3" 3 "$status"
check "the other boards are published" test -s fresh/en/other/index.html
check "the bad board has no page" test ! -e fresh/en/text
check_eq "and no link from the index pages or the sitemap" "" \
    "$(grep -l 'text/' fresh/en/index.html fresh/zh/README.md fresh/sitemap.xml)"
cp "$TMP/text.good" data/text.json

# ---- a catalog that fails is reported; the boards are built without it ---------
python3 -c "
import json
c = json.load(open('leaderboards.json'))
c['catalog'] = 'data/catalog.csv'
json.dump(c, open('c-catalog.json', 'w'), indent=2)"
printf 'model,organization\nx\033[2J,Org\n' >data/catalog.csv
run_lbgen build --config c-catalog.json --out out -q
check_eq "a broken catalog: exit 3" 3 "$status"
check_eq "a broken catalog: named, and the site built without it" \
    "lbgen build: catalog data/catalog.csv: data/catalog.csv:2:1: error: a control character (U+001B) in a cell; the boards are built without it
lbgen build: the catalog failed and the boards were built without it; the rest of the site was published" "$err"

# ---- live sources that look wrong keep the last good data ------------------------
# live_bench JSON: the bench board's live source, as JSON (url is bench.csv).
live_bench() {
    python3 -c "
import json, sys
c = json.load(open('leaderboards.json'))
c['leaderboards'][2]['live'] = dict({'url': 'bench.csv', 'adapter': 'table'}, **json.loads(sys.argv[1]))
json.dump(c, open('c-live.json', 'w'), indent=2)" "$1"
}
cp data/bench.json "$TMP/bench.good"
live_bench '{}'
printf 'model,total\nm0,1%0308d\n' 0 >bench.csv
run_lbgen build --config c-live.json --out out --fetch -q
check_eq "an implausible number on --fetch: exit 3" 3 "$status"
check_contains "it says why and keeps the last good data" \
    "lbgen build: bench: bench.csv:2:4: error: 1e+308 is outside the plausible range of a benchmark score (-1e+06 to 1e+06) (column \"total\"); keeping the last good data" "$err"
check "the data is the last good one" cmp "$TMP/bench.good" data/bench.json
# The growth check compares a source with its own last good data: first a
# good fetch of ten rows from it, then 25.
bench_rows() {
    python3 -c "
import sys
with open('bench.csv', 'w') as f:
    f.write('model,total\n')
    f.writelines('m%d,%d\n' % (i, 90 - i % 90) for i in range(int(sys.argv[1])))" "$1"
}
bench_rows 10
run_lbgen build --config c-live.json --out out --fetch -q
check_eq "ten rows from the source: exit 0" 0 "$status"
cp data/bench.json "$TMP/bench.good"
bench_rows 25
run_lbgen build --config c-live.json --out out --fetch -q
check_eq "a source more than twice as big: exit 3" 3 "$status"
check_contains "the growth check says so" \
    "lbgen build: bench: bench: the fetched board has 25 rows, more than twice the last good snapshot's 10; keeping the last good data" "$err"
check "the data is still the last good one" cmp "$TMP/bench.good" data/bench.json
live_bench '{"max_rows": 20}'
run_lbgen build --config c-live.json --out out --fetch -q
check_contains "live.max_rows is the source's row limit" \
    "lbgen build: bench: bench.csv:22:1: error: more than 20 rows (the source row limit: --max-rows, live.max_rows); keeping the last good data" "$err"
live_bench '{"max_rows": 0}'
run_lbgen build --config c-live.json --out out -q
check_eq "live.max_rows 0 is refused" \
    "2 lbgen build: c-live.json: leaderboards[2].live.max_rows: expected 1 to 1000000" "$status $err"

# ---- SIGTERM, SIGINT and SIGHUP during a build remove the staging directory -------
# A board of LBGEN_SIGNAL_ROWS rows (default 20,000) keeps the build busy
# long enough to be stopped while it stages.
python3 - "${LBGEN_SIGNAL_ROWS:-20000}" <<'PY'
import json, sys
rows = int(sys.argv[1])
d = json.load(open("data/other.json"))
base = d["models"][0]
d["models"] = [dict(base, model="model-%05d" % i, rank=i + 1, rating=2000 - i * 0.05,
                    ci_lower=2000 - i * 0.05 - 3, ci_upper=2000 - i * 0.05 + 3,
                    rank_spread=[i + 1, i + 2]) for i in range(rows)]
json.dump(d, open("data/other.json", "w"))
PY
"$LBGEN" build --out big -q
cp -R big big.before
for sig in TERM INT HUP; do
    num=$(python3 -c "import signal; print(int(signal.SIG$sig))")
    result=$(python3 - "$LBGEN" "$sig" <<'PY'
import glob, signal, subprocess, sys, time
lbgen, name = sys.argv[1], sys.argv[2]
def defaults():  # the shell ignores SIGINT in background jobs: undo that
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, signal.SIG_DFL)
p = subprocess.Popen([lbgen, "build", "--out", "big", "-q"], preexec_fn=defaults,
                     stderr=subprocess.PIPE)
deadline = time.time() + 60
while not glob.glob(".big.tmp.*") and p.poll() is None and time.time() < deadline:
    time.sleep(0.005)
staged = bool(glob.glob(".big.tmp.*"))
p.send_signal(getattr(signal, "SIG" + name))
err = p.communicate()[1].decode().strip()
print("staged=%s status=%d left=%d | %s"
      % (staged, p.returncode, len(glob.glob(".big.tmp.*")), err))
PY
)
    check_eq "SIG$sig mid-build: ends by the signal, staging removed, says so" \
        "staged=True status=-$num left=0 | lbgen build: interrupted by SIG$sig; the build was abandoned and its staging directory removed" \
        "$result"
    check "SIG$sig mid-build: the previous site is untouched" diff -r big.before big
done

# ---- --out directly under / ------------------------------------------------------
run_lbgen build --out / -q
check_eq "--out / is refused" \
    "1 lbgen build: --out '/': name a directory to build into, not \"/\", \".\" or \"..\"" \
    "$status $err"
top=/lbgen-test-$$
if [ -w / ] && [ ! -e "$top" ]; then
    run_lbgen build --out "$top" -q
    check_eq "--out $top builds (it crashed with SIGSEGV)" "0 " "$status $err"
    check "the site is there" test -s "$top/en/text/index.html"
    check_eq "no staging directory left in /" "" "$(find / -maxdepth 1 -name ".${top#/}.tmp.*")"
    rm -rf "$top"
else
    run_lbgen build --out "$top" -q
    check_eq "--out $top without write access to /: a clean exit 4" 4 "$status"
    check_contains "--out $top: the staging directory is named" "/.${top#/}.tmp." "$err"
fi
