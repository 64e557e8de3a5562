# The build as a user meets it: a source tree without .git, conventional
# make variables (CFLAGS/CPPFLAGS/LDFLAGS extended, header dependencies),
# make install/uninstall with PREFIX and DESTDIR, and the installed lbgen
# building a site outside the repository from its installed templates and
# locales. Also the build dependency check and the version.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

# The nested makes must not see the outer `make test`'s jobserver.
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory "$@"; }

# A source tree as a tarball would unpack it: no .git.
SRC=$TMP/src
mkdir -p "$SRC/docs" "$SRC/tools"
cp -R "$ROOT/Makefile" "$ROOT/generator" "$ROOT/templates" "$ROOT/locales" "$SRC/"
cp "$ROOT/docs/lbgen.1.in" "$SRC/docs/"
cp "$ROOT/tools/deps.sh" "$SRC/tools/"
VERSION=$(sed -n 's/^VERSION := //p' "$ROOT/Makefile")

# --- the version, in one place ------------------------------------------------
if [ -e "$ROOT/.git" ]; then
    check_eq "built from git, --version names the commit" \
        "lbgen $VERSION ($(git -C "$ROOT" rev-parse --short HEAD))" "$("$LBGEN" --version)"
else
    check_eq "built from a tarball, --version is the version" "lbgen $VERSION" "$("$LBGEN" --version)"
fi

# --- install into a staging DESTDIR, then uninstall ------------------------------
STAGE=$TMP/stage
mk -C "$SRC" -j2 install DESTDIR="$STAGE" PREFIX=/usr >"$TMP/log" 2>&1
check_eq "make install DESTDIR=... PREFIX=/usr" 0 "$?"
for f in usr/bin/lbgen usr/share/man/man1/lbgen.1 usr/share/lbgen/templates/html/board.html \
         usr/share/lbgen/templates/partials/layout.mustache usr/share/lbgen/templates/assets/style.css \
         usr/share/lbgen/locales/zh.json usr/share/lbgen/locales/fr.json; do
    check "installed: $f" test -f "$STAGE/$f"
done
check "the binary is executable" test -x "$STAGE/usr/bin/lbgen"
check_eq "from a tree without .git, --version is the plain version" \
    "lbgen $VERSION" "$("$STAGE/usr/bin/lbgen" --version)"
check_contains "the man page names the version" "\"lbgen $VERSION\"" \
    "$(sed -n 1p "$STAGE/usr/share/man/man1/lbgen.1")"
check_contains "the man page names where the defaults are" ".IR /usr/share/lbgen/ ." \
    "$(cat "$STAGE/usr/share/man/man1/lbgen.1")"
groff -man -Tutf8 -ww "$STAGE/usr/share/man/man1/lbgen.1" >"$TMP/man.txt" 2>"$TMP/man.err"
check_eq "the man page renders without warnings" "" "$(cat "$TMP/man.err")"
check_contains "... as a man page" "lbgen - static-site generator for LLM leaderboards" "$(cat "$TMP/man.txt")"
# Every option of every command is in the man page.
undocumented=""
for c in build fetch rate render i18n serve summary; do
    for o in $("$LBGEN" help "$c" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        grep -q -- "$(printf '%s' "$o" | sed 's/-/\\\\-/g')" "$ROOT/docs/lbgen.1.in" \
            || undocumented="$undocumented $c:$o"
    done
done
check_eq "every option of every command is in lbgen.1" "" "$undocumented"
mk -C "$SRC" uninstall DESTDIR="$STAGE" PREFIX=/usr >"$TMP/log" 2>&1
check_eq "make uninstall" 0 "$?"
check_eq "uninstall leaves no file" "" "$(find "$STAGE" -type f)"
check "uninstall removes the data directory" test ! -e "$STAGE/usr/share/lbgen"

# --- install into a prefix and use it outside the repository ----------------------
PREFIX=$TMP/prefix
mk -C "$SRC" -j2 install PREFIX="$PREFIX" >"$TMP/log" 2>&1
check_eq "make install PREFIX=..." 0 "$?"
SITE=$TMP/elsewhere
mkdir -p "$SITE"
cp -R "$ROOT/data" "$ROOT/leaderboards.json" "$SITE/"
(cd "$SITE" && "$PREFIX/bin/lbgen" build --out site --strict -q) 2>"$TMP/err"
rc=$?
check_eq "the installed lbgen builds a site with its installed templates and locales" \
    "0 " "$rc $(cat "$TMP/err")"
check "... every page" test -s "$SITE/site/fr/text/index.html"
check "... and its assets" test -s "$SITE/site/assets/style.css"
(cd "$SITE" && "$PREFIX/bin/lbgen" i18n check) >"$TMP/out" 2>&1
check_eq "the installed lbgen checks its installed locales" 0 "$?"
# Templates beside the configuration win over the installed ones.
cp -R "$ROOT/templates" "$SITE/"
sed -i 's|<h1>{{board.title}}</h1>|<h1 class="mine">{{board.title}}</h1>|' "$SITE/templates/html/board.html"
(cd "$SITE" && "$PREFIX/bin/lbgen" build --out site -q)
check "templates beside the configuration come first" grep -q '<h1 class="mine">' "$SITE/site/fr/text/index.html"
mk -C "$SRC" uninstall PREFIX="$PREFIX" >"$TMP/log" 2>&1
check_eq "uninstall from the prefix leaves no file" "" "$(find "$PREFIX" -type f)"

# --- conventional flags: extended, never replaced ------------------------------------
line=$(mk -C "$SRC" -n -B CFLAGS=-O0 build/rel/buf.o | grep -- ' -c ')
for f in -std=c11 -Wall -Wextra -Werror -MMD -O0 -D_GNU_SOURCE; do
    check_contains "make CFLAGS=-O0 still compiles with $f" " $f " "$line "
done
check "make CFLAGS=-O0 drops the default -O2" sh -c "! printf '%s' '$line' | grep -q -- -O2"
line=$(mk -C "$SRC" -n -B CPPFLAGS=-DLBGEN_TEST_FLAG build/rel/buf.o | grep -- ' -c ')
check_contains "CPPFLAGS are added" " -DLBGEN_TEST_FLAG" "$line"
check_contains "... to lbgen's own" " -D_GNU_SOURCE" "$line"
line=$(mk -C "$SRC" -n LDFLAGS=-Wl,-z,now LDLIBS=-ldl -W generator/main.c lbgen | grep -- ' -o lbgen ')
check_contains "LDFLAGS reach the link" " -Wl,-z,now " "$line"
check_contains "LDLIBS too, after lbgen's libraries" "-lpthread -ldl" "$line"

# --- header dependencies (-MMD -MP) --------------------------------------------------
mk -C "$SRC" -j2 lbgen >"$TMP/log" 2>&1
touch "$SRC/generator/route.h"
rebuilt=$(mk -C "$SRC" lbgen | sed -n 's/^  CC      generator\/\([a-z_]*\)\.c$/\1/p' | sort | tr '\n' ' ')
check_eq "touching route.h rebuilds exactly its includers" \
    "config route site view view_feed view_model view_overview " "$rebuilt"
check_eq "... and nothing when nothing changed" "" "$(mk -C "$SRC" lbgen)"
rm "$SRC/generator/slug.h"
mk -C "$SRC" -n lbgen >"$TMP/log" 2>&1
check_eq "a removed header leaves no dangling dependency (-MP)" "" \
    "$(grep 'No rule to make target' "$TMP/log")"

# --- build dependencies -----------------------------------------------------------------
run_deps() { sh "$ROOT/tools/deps.sh" build >"$TMP/out" 2>"$TMP/err"; echo "$?$(cat "$TMP/out" "$TMP/err")"; }
check_eq "with the build libraries, the check says nothing" "0" "$(run_deps)"
if [ -c /dev/null ] && command -v setpriv >/dev/null; then
    as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
    as_nobody sh "$ROOT/tools/deps.sh" build >"$TMP/out" 2>&1
    check_eq "a non-root user with the libraries: no sudo, no message" "0 " "$? $(cat "$TMP/out")"
    PKG_CONFIG_LIBDIR=$TMP/none as_nobody sh "$ROOT/tools/deps.sh" build >"$TMP/out" 2>&1
    check_eq "a non-root user without them: exit 1" 1 "$?"
    check_contains "... and the packages are named" \
        "lbgen: to build lbgen, install: libcurl4-openssl-dev libcjson-dev libxml2-dev libmicrohttpd-dev" \
        "$(cat "$TMP/out")"
else
    ok "# SKIP non-root checks: no setpriv, or /dev/null is not a device here"
fi
