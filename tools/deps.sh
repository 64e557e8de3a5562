#!/bin/sh
# What lbgen needs, in two groups (usage: tools/deps.sh build|test):
#
#   build  `make`, `make site`, `make install`: a C compiler ($CC, default
#          cc), pkg-config, and the libraries lbgen links: libcurl, cJSON,
#          libxml2, libmicrohttpd. Checked with pkg-config, so any system
#          that has them builds, as any user.
#   test   `make test`, `make check`, `make lint`, `make fuzz`: cmocka,
#          clang and its fuzzer runtime, valgrind, chromium, Node.js and
#          npm, python3 and its yaml module (the action's test runner),
#          curl, git, shellcheck, groff (the man page), xmllint (the Atom
#          feeds are checked as XML).
#
# Does nothing when everything is there. Otherwise, as root on Debian or
# Ubuntu, installs the missing packages with apt-get; as anyone else, names
# them and exits 1.
set -eu

group=${1:-build}
missing=""
need() { # need PACKAGE: note a missing Debian package
    case " $missing " in *" $1 "*) ;; *) missing="$missing $1" ;; esac
}
have() { command -v "$1" >/dev/null 2>&1; }

build_group() {
    cc=${CC:-cc}
    case "$cc" in
    *clang*) pkg=clang ;;
    *) pkg=gcc ;;
    esac
    have "$cc" || need "$pkg"
    have make || need make
    if ! have pkg-config; then
        need pkg-config
        need libcurl4-openssl-dev
        need libcjson-dev
        need libxml2-dev
        need libmicrohttpd-dev
        return
    fi
    pkg-config --exists libcurl || need libcurl4-openssl-dev
    pkg-config --exists libcjson || need libcjson-dev
    pkg-config --exists libxml-2.0 || need libxml2-dev
    pkg-config --exists libmicrohttpd || need libmicrohttpd-dev
}

test_group() {
    build_group
    if ! have pkg-config || ! pkg-config --exists cmocka; then
        need libcmocka-dev
    fi
    have gcc || need gcc
    have clang || need clang
    # libFuzzer and the sanitizer runtimes for clang (`make fuzz`).
    if have dpkg-query; then
        dpkg-query -W -f='${Status}' libclang-rt-dev 2>/dev/null \
            | grep -q "install ok installed" || need libclang-rt-dev
    fi
    have valgrind || need valgrind
    have chromium || need chromium
    have python3 || need python3
    { have python3 && python3 -c 'import yaml' 2>/dev/null; } || need python3-yaml
    have curl || need curl
    have git || need git
    have shellcheck || need shellcheck
    have groff || need groff-base
    have xmllint || need libxml2-utils
    # A newer Node.js from outside Debian is fine too.
    have node || need nodejs
    have npm || need npm
}

case "$group" in
build) build_group ;;
test) test_group ;;
*) echo "usage: tools/deps.sh build|test" >&2; exit 2 ;;
esac
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! have apt-get; then
    if [ "$group" = build ]; then what="to build lbgen"; else what="to run the tests"; fi
    echo "lbgen: $what, install:$missing" >&2
    echo "(Debian/Ubuntu package names: sudo apt-get install -y$missing)" >&2
    exit 1
fi
echo "make deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
