#!/bin/sh
# The last step of the publish workflow and of the composite action: commit
# the refreshed data (snapshots and history) and, for a docs tree, the pages
# lbgen wrote, only when something changed, as github-actions[bot], with a
# message naming the boards whose data changed.
#
# usage: tools/publish-commit.sh [PREVIOUS_DATA_DIR]
#   PREVIOUS_DATA_DIR holds the data directory as it was before the fetch:
#   `lbgen summary --changed` names the boards from it. Or BOARDS_FILE
#   names them, one a line (the publish workflow's commit job, which runs
#   no lbgen).
# Environment:
#   DATA_DIR        the data directory to commit (default: data)
#   DOCS_DIR        a docs tree (lbgen build --docs-out) to commit: only the
#                   files its .lbgen-manifest lists now or listed at HEAD
#                   (pages lbgen removed), and the manifest; nothing else
#   CONFIG          the configuration, for `lbgen summary` (default:
#                   leaderboards.json)
#   COMMIT_SUBJECT  the message's start (default: "data: refresh"); the
#                   boards follow: "data: refresh text, arena-hard"
#   BRANCH          where to push (default: $GITHUB_REF_NAME, else main)
#   BOARDS_FILE     the changed boards, one a line, instead of asking lbgen
#   GITHUB_OUTPUT   gets commit=<hash>, or commit= when nothing changed
# Pushes to origin, rebasing once if the branch moved meanwhile. A push made
# with the workflow's GITHUB_TOKEN does not start another workflow run, so
# this cannot loop.
set -eu
if [ $# -gt 1 ] || { [ $# -eq 0 ] && [ -z "${BOARDS_FILE:-}" ]; }; then
    echo "usage: $0 PREVIOUS_DATA_DIR (or BOARDS_FILE=FILE $0)" >&2
    exit 1
fi
previous=${1:-}
: "${LBGEN:=./lbgen}"
: "${DATA_DIR:=data}"
: "${DOCS_DIR:=}"
: "${CONFIG:=leaderboards.json}"
: "${COMMIT_SUBJECT:=data: refresh}"
: "${GITHUB_OUTPUT:=/dev/null}"
branch=${BRANCH:-${GITHUB_REF_NAME:-main}}

if [ "${GITHUB_ACTIONS:-}" = true ]; then
    # The checkout may belong to another user inside a container.
    git config --global --add safe.directory "$(pwd)"
fi

# The docs tree's files, one git command per batch.
stage_docs() {
    manifest="${DOCS_DIR%/}/.lbgen-manifest"
    manifest=${manifest#./}
    { git show "HEAD:./$manifest" 2>/dev/null || true; cat "$manifest" 2>/dev/null || true; } |
        grep -v '^#' | sort -u >"${TMPDIR:-/tmp}/lbgen-owned.$$" || true
    while IFS= read -r rel; do
        f="${DOCS_DIR%/}/$rel"
        if [ -e "$f" ]; then
            printf '%s\n' "$f"
        else
            git rm -q --cached --ignore-unmatch -- "$f"
        fi
    done <"${TMPDIR:-/tmp}/lbgen-owned.$$" | xargs -r -d '\n' git add --
    rm -f "${TMPDIR:-/tmp}/lbgen-owned.$$"
    if [ -e "$manifest" ]; then git add -- "$manifest"; fi
}

if [ -e "$DATA_DIR" ]; then git add -A -- "$DATA_DIR"; fi
if [ -n "$DOCS_DIR" ]; then stage_docs; fi
if git diff --cached --quiet; then
    echo "nothing changed: nothing to commit"
    echo "commit=" >>"$GITHUB_OUTPUT"
    exit 0
fi
if [ -n "${BOARDS_FILE:-}" ]; then
    boards=$(paste -sd, - <"$BOARDS_FILE" | sed 's/,/, /g')
else
    boards=$("$LBGEN" summary --config "$CONFIG" --changed --previous "$previous" |
        paste -sd, - | sed 's/,/, /g')
fi
if [ -z "$boards" ]; then
    if git diff --cached --quiet -- "$DATA_DIR"; then boards="pages"; else boards="history"; fi
fi

git -c user.name="github-actions[bot]" \
    -c user.email="41898282+github-actions[bot]@users.noreply.github.com" \
    commit -q -m "$COMMIT_SUBJECT $boards" \
    -m "Fetched and committed by lbgen's publish step."
git log -1 --format='committed %h: %s'
echo "commit=$(git rev-parse HEAD)" >>"$GITHUB_OUTPUT"
if ! git push -q origin "HEAD:$branch"; then
    git pull -q --rebase origin "$branch"
    git push -q origin "HEAD:$branch"
fi
