# The composite action (action.yml) run against a stand-in docs repository
# with a local bare origin, by tests/tools/run-action.py (the steps as a
# GitHub runner runs them): it builds lbgen from a copy of this repository,
# refreshes a board from a local source, writes the pages where site.docs
# says, commits only what lbgen owns and only when something changed, with
# a message naming the boards, and pushes.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

export SOURCE_DATE_EPOCH=1767225600 # 2026-01-01: fetched data carries this time

# The action as `uses: OWNER/lbgen@v1` checks it out: this repository's
# files. The objects `make test` compiled come along (with their times), so
# only what the action's DATADIR changes is compiled again.
ACTION="$TMP/action"
mkdir -p "$ACTION/tools" "$ACTION/build"
(cd "$ROOT" && cp -Rp Makefile action.yml generator templates locales docs "$ACTION/")
cp -p "$ROOT"/tools/*.sh "$ACTION/tools/"
if [ -d "$ROOT/build/rel" ]; then cp -Rp "$ROOT/build/rel" "$ACTION/build/"; fi
# deps.sh needs no root when nothing is missing; a runner's sudo just runs it.
mkdir -p "$TMP/bin"
printf '#!/bin/sh\nexec "$@"\n' >"$TMP/bin/sudo"
chmod +x "$TMP/bin/sudo"
PATH="$TMP/bin:$PATH"

# The stand-in docs repository: its own pages, a configuration laying the
# pages out as the repository lbgen replaces does, one board fed by a local
# CSV "source".
git init -q --bare "$TMP/origin.git"
REPO="$TMP/repo"
mkdir -p "$REPO/sources" "$REPO/other" "$REPO/data"
cd "$REPO" || exit 2
git init -q -b main
echo "# Our docs" >README.md
printf '# Summary\n\n* [Home](README.md)\n' >SUMMARY.md
echo "our page" >other/own.md
printf 'model,organization,medical,law,total\nalpha,A,80.0,82.8,81.4\nbeta,B,75.5,70.1,72.8\ngamma,C,60.0,65.0,62.5\n' \
    >sources/bench.csv
cat >leaderboards.json <<'EOF'
{
  "site": {
    "title_key": "site.title",
    "tagline_key": "site.tagline",
    "default_locale": "zh",
    "markdown_flavor": "gitbook",
    "docs": {"path": "i18n/{locale}/other/model_rank/{board}.md",
             "paths": {"zh": "other/model_rank/{board}.md"}}
  },
  "locales": ["zh", "en", "ja"],
  "leaderboards": [
    {
      "id": "bench",
      "kind": "benchmark",
      "data": "data/bench.json",
      "live": {"url": "sources/bench.csv", "adapter": "table"},
      "columns": ["rank", "model", "organization", "medical", "law"],
      "top_n": 0,
      "title_key": "board.opensource.title",
      "intro_key": "board.opensource.intro",
      "description_key": "board.opensource.description"
    }
  ]
}
EOF
"$LBGEN" fetch sources/bench.csv --adapter table --id bench --out data/bench.json 2>/dev/null
git add -A
git -c user.name=t -c user.email=t@example.org commit -q -m init
git remote add origin "$TMP/origin.git"
git push -q origin main
git rev-parse HEAD >"$TMP/init"

commits() { git rev-list --count HEAD; }
# act [NAME=VALUE]...: the action with these inputs (fetch always: the
# source is a local file that needs no proxy key).
act() {
    n=$#
    for a in "$@"; do set -- "$@" --input "$a"; done
    shift "$n"
    env -u GITHUB_ACTIONS GITHUB_REF_NAME=main python3 "$ROOT/tests/tools/run-action.py" \
        "$ACTION" --input fetch=always "$@" --runner-temp "$TMP/runner" >"$TMP/act.log" 2>&1
    status=$?
}
mkdir -p "$TMP/runner"

# --- the first run writes and commits the pages ---------------------------------
act
check_eq "the action runs" 0 "$status"
check_contains "it built lbgen with the action's templates" "LD      lbgen" "$(cat "$TMP/act.log")"
check_eq "one commit" 2 "$(commits)"
check_eq "named after what changed: the first snapshot" "leaderboards: refresh history" "$(git log -1 --format=%s)"
check_eq "by the github-actions bot" "github-actions[bot]" "$(git log -1 --format=%an)"
check_eq "pushed" "$(git rev-parse HEAD)" "$(git --git-dir="$TMP/origin.git" rev-parse main)"
check_contains "the action reports the commit" "output commit=$(git rev-parse HEAD)" "$(cat "$TMP/act.log")"
check_contains "and lbgen's status" "output status=0" "$(cat "$TMP/act.log")"
committed=$(git show --name-only --format= HEAD | sort)
check_contains "the Chinese page where the repository keeps it" "other/model_rank/bench.md" "$committed"
check_contains "the translations under i18n/" "i18n/ja/other/model_rank/bench.md" "$committed"
check_contains "the indexes" "i18n/en/other/model_rank/README.md" "$committed"
check_contains "the manifest" ".lbgen-manifest" "$committed"
check_eq "nothing but lbgen's files" "" \
    "$(echo "$committed" | grep -v '^other/model_rank/\|^i18n/\|^\.lbgen-manifest$\|^data/')"
check_eq "the repository's own files unchanged" "" \
    "$(git diff --name-only "$(cat "$TMP/init")" HEAD -- README.md SUMMARY.md other/own.md)"
check "the fetch cache is not committed" sh -c "! git ls-files | grep -q '^\.cache'"
check_contains "the job summary has the board" "bench" "$(cat "$TMP/runner/summary.md")"

# --- nothing changed: no commit ---------------------------------------------------
act
check_eq "a second run succeeds" 0 "$status"
check_eq "... and commits nothing" 2 "$(commits)"
check_contains "... and says so" "nothing changed: nothing to commit" "$(cat "$TMP/act.log")"
check_contains "... with no commit output" "output commit=" "$(cat "$TMP/act.log")"

# --- the configuration changed: only pages ---------------------------------------
sed -i 's/"locales": \["zh", "en", "ja"\]/"locales": ["zh", "en", "ja", "fr"]/' leaderboards.json
git -c user.name=t -c user.email=t@example.org commit -qam "French too"
act
check_eq "a new language runs" 0 "$status"
check_eq "named after what changed: the pages" "leaderboards: refresh pages" "$(git log -1 --format=%s)"
check_contains "the French pages are committed" "i18n/fr/other/model_rank/bench.md" \
    "$(git show --name-only --format= HEAD)"

# --- the source changed: a commit naming the board ------------------------------------
sed -i 's/^beta,B,75.5,70.1,72.8$/beta,B,90.5,88.1,89.3/' sources/bench.csv
git -c user.name=t -c user.email=t@example.org commit -qam "a new source"
act
check_eq "a refresh runs" 0 "$status"
check_eq "it commits" 6 "$(commits)"
check_eq "naming the board" "leaderboards: refresh bench" "$(git log -1 --format=%s)"
check_contains "the data and its history" "data/bench.json" "$(git show --name-only --format= HEAD)"
check_contains "the pages show the new order" "| 1 | beta |" "$(cat other/model_rank/bench.md)"
check_eq "pushed" "$(git rev-parse HEAD)" "$(git --git-dir="$TMP/origin.git" rev-parse main)"

# --- commit: false --------------------------------------------------------------------------
sed -i 's/^gamma,C,60.0,65.0,62.5$/gamma,C,99.0,99.0,99.0/' sources/bench.csv
git -c user.name=t -c user.email=t@example.org commit -qam "another source"
act commit=false
check_eq "commit: false runs" 0 "$status"
check_eq "... and commits nothing" 7 "$(commits)"
check_contains "... but writes the pages" "| 1 | gamma |" "$(cat other/model_rank/bench.md)"
git checkout -q -- . && git clean -qfd -e .cache

# --- a source that fails its checks ------------------------------------------------------------
printf 'model,organization,medical,law,total\n' >sources/bench.csv
git -c user.name=t -c user.email=t@example.org commit -qam "an empty source"
act
check_eq "a failed source fails the run" 1 "$status"
check_contains "lbgen's status is reported" "fetch_status=3" "$(cat "$TMP/runner"/output.*)"
check_contains "after the pages were written from the last good data" "== Fail when a source failed its checks" \
    "$(cat "$TMP/act.log")"

# --- inputs never become shell code ------------------------------------------------------------------
act "docs-dir=\$(touch\${IFS}$TMP/pwned)"
check "an input is data, not a command" test ! -e "$TMP/pwned"
