#!/bin/sh
# Installs the Debian packages lbgen needs to build, test and publish.
# Called by `make deps`; does nothing when everything is already there.
set -eu

PACKAGES="gcc clang make pkg-config libcurl4-openssl-dev libcjson-dev
libxml2-dev libmicrohttpd-dev libcmocka-dev tidy chromium python3
curl git shellcheck valgrind libclang-rt-dev"

# Node.js runs the browser and HTML-validation tests; a machine may already
# have a newer one outside Debian's packages, which is fine.
command -v node >/dev/null 2>&1 || PACKAGES="$PACKAGES nodejs npm"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "lbgen: missing Debian packages:$missing" >&2
    echo "run: sudo apt-get update && sudo apt-get install -y$missing" >&2
    exit 1
fi
echo "make deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
