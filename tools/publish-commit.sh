#!/bin/sh
# The publish workflow's last step: commit the refreshed data/ (snapshots
# and history) back, only when it changed, as github-actions[bot], with a
# message naming the boards whose data changed.
#
# usage: tools/publish-commit.sh PREVIOUS_DATA_DIR
#   PREVIOUS_DATA_DIR holds data/ as it was before the fetch.
# Pushes to origin's $GITHUB_REF_NAME (default main), rebasing once if the
# branch moved meanwhile. A push made with the workflow's GITHUB_TOKEN does
# not start another workflow run, so this cannot loop.
set -eu
if [ $# -ne 1 ]; then
    echo "usage: $0 PREVIOUS_DATA_DIR" >&2
    exit 1
fi
previous=$1
: "${LBGEN:=./lbgen}"
branch=${GITHUB_REF_NAME:-main}

if [ "${GITHUB_ACTIONS:-}" = true ]; then
    # The checkout may belong to another user inside a container.
    git config --global --add safe.directory "$(pwd)"
fi

git add -A data
if git diff --cached --quiet -- data; then
    echo "data/ unchanged: nothing to commit"
    exit 0
fi
boards=$("$LBGEN" summary --changed --previous "$previous" | paste -sd, - |
    sed 's/,/, /g')
[ -n "$boards" ] || boards="history"

git -c user.name="github-actions[bot]" \
    -c user.email="41898282+github-actions[bot]@users.noreply.github.com" \
    commit -q -m "data: refresh $boards" \
    -m "Fetched and committed by the publish workflow."
git log -1 --format='committed %h: %s'
if ! git push -q origin "HEAD:$branch"; then
    git pull -q --rebase origin "$branch"
    git push -q origin "HEAD:$branch"
fi
