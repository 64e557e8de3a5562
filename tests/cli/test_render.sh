# `lbgen render`: exact output, escaping per extension and --escape, and every
# error path with its FILE:LINE:COL, exit code and empty stdout.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

mkdir -p "$TMP/tpl/md" "$TMP/other"
printf '<tr><td>{{rank}}</td><td>{{model}}</td></tr>\n{{> md/foot }}' \
    >"$TMP/tpl/row.html"
printf '<!-- {{n}} models -->\n' >"$TMP/tpl/md/foot.mustache"
printf '| {{rank}} | {{model}} |\n' >"$TMP/tpl/row.md"
cat >"$TMP/data.json" <<'JSON'
{"rank": 1, "model": "a|b*c* <x> & 'q'", "n": 2, "score": 1.21}
JSON

# Exact bytes, trailing newline included: compare files, not $(...).
"$LBGEN" render "$TMP/tpl/row.html" "$TMP/data.json" >"$TMP/out.html"
check_eq "render exits 0" 0 $?
printf '<tr><td>1</td><td>a|b*c* &lt;x&gt; &amp; &#39;q&#39;</td></tr>\n<!-- 2 models -->\n' \
    >"$TMP/want.html"
check "html output is exact (partial from the template's directory)" \
    cmp -s "$TMP/want.html" "$TMP/out.html"

run_lbgen render "$TMP/tpl/row.md" "$TMP/data.json"
check_eq ".md escapes for markdown" \
    '| 1 | a\|b\*c\* \<x\> \& '"'"'q'"'"' |' "$out"

run_lbgen render "$TMP/tpl/row.md" "$TMP/data.json" --escape none
check_eq "--escape none overrides the extension" \
    "| 1 | a|b*c* <x> & 'q' |" "$out"

run_lbgen render --escape html "$TMP/tpl/row.md" "$TMP/data.json"
check_contains "--escape html before the arguments" "&lt;x&gt;" "$out"

printf '{{>foot}}' >"$TMP/t.txt"
run_lbgen render "$TMP/t.txt" "$TMP/data.json" --partials "$TMP/tpl/md"
check_eq "--partials DIR" "<!-- 2 models -->" "$out"

printf '{{score}}' >"$TMP/num.txt"
run_lbgen render "$TMP/num.txt" "$TMP/data.json"
check_eq "numbers print in their shortest form" "1.21" "$out"

# Errors: message on stderr, exit 2, nothing on stdout.
expect_error() { # DESCRIPTION EXPECTED-STDERR ARGS...
    desc=$1 want=$2
    shift 2
    run_lbgen "$@"
    check_eq "$desc: exit 2" 2 "$status"
    check_eq "$desc: message" "$want" "$err"
    check_eq "$desc: stdout empty" "" "$out"
}

printf 'ok\n  {{#rows}}\n{{name}}\n' >"$TMP/unclosed.html"
expect_error "unclosed section" \
    "$TMP/unclosed.html:2:3: error: unclosed section '{{#rows}}'" \
    render "$TMP/unclosed.html" "$TMP/data.json"

printf 'a {{name\n' >"$TMP/tag.html"
expect_error "unclosed tag" \
    "$TMP/tag.html:1:3: error: unclosed tag: no '}}' after it" \
    render "$TMP/tag.html" "$TMP/data.json"

printf '{{#a}}{{/b}}' >"$TMP/mismatch.html"
expect_error "mismatched section" \
    "$TMP/mismatch.html:1:7: error: closing tag '{{/b}}' does not match '{{#a}}' opened at 1:1" \
    render "$TMP/mismatch.html" "$TMP/data.json"

printf 'x\n%s' '{{=<% =}}' >"$TMP/delim.html"
expect_error "bad delimiter" \
    "$TMP/delim.html:2:1: error: bad delimiter tag: expected two delimiters without '=' separated by whitespace, as in {{=<% %>=}}" \
    render "$TMP/delim.html" "$TMP/data.json"

printf 'big output first\n{{>nowhere}}' >"$TMP/missing.html"
expect_error "missing partial" \
    "$TMP/missing.html:2:1: error: partial 'nowhere' not found (no $TMP/nowhere.mustache)" \
    render "$TMP/missing.html" "$TMP/data.json"

printf '{{>../secret}}' >"$TMP/tpl/evil.html"
printf 'SECRET' >"$TMP/secret.mustache"
expect_error "partial traversal refused" \
    "$TMP/tpl/evil.html:1:1: error: partial name '../secret' must stay inside the partials directory" \
    render "$TMP/tpl/evil.html" "$TMP/data.json"

ln -s "$TMP/secret.mustache" "$TMP/tpl/link.mustache"
printf '{{>link}}' >"$TMP/tpl/link.html"
run_lbgen render "$TMP/tpl/link.html" "$TMP/data.json"
check_eq "symlink escaping the partials directory: exit 2" 2 "$status"
check_contains "symlink escaping: named" "resolves outside the partials directory" "$err"
check_eq "symlink escaping: stdout empty" "" "$out"

printf 'x{{>self}}' >"$TMP/tpl/self.mustache"
printf '{{>self}}' >"$TMP/tpl/loop.html"
run_lbgen render "$TMP/tpl/loop.html" "$TMP/data.json"
check_eq "recursive partial: exit 2" 2 "$status"
check_contains "recursive partial: depth limit" \
    "self.mustache:1:2: error: partials, parents and blocks nested more than 64 deep" "$err"
check_eq "recursive partial: stdout empty" "" "$out"

printf '{\n  "rank": 1,\n  "model": \n}\n' >"$TMP/bad.json"
expect_error "invalid JSON" "$TMP/bad.json:4:1: error: invalid JSON" \
    render "$TMP/tpl/row.html" "$TMP/bad.json"

expect_error "missing template" \
    "$TMP/none.html: cannot open: No such file or directory" \
    render "$TMP/none.html" "$TMP/data.json"

expect_error "missing data" \
    "$TMP/none.json: cannot open: No such file or directory" \
    render "$TMP/tpl/row.html" "$TMP/none.json"

run_lbgen render "$TMP/tpl/row.html"
check_eq "one argument is a usage error" 1 "$status"
run_lbgen render "$TMP/tpl/row.html" "$TMP/data.json" --escape latex
check_eq "unknown --escape is a usage error" 1 "$status"
check_contains "unknown --escape is named" "not 'latex'" "$err"
run_lbgen help render
check_contains "help render" "usage: lbgen render TEMPLATE DATA.json" "$out"

# --strict: a name the data does not provide is an error naming the tag;
# sections still test for absent names.
printf '<p>{{model}} {{votes}}</p>\n{{#missing}}x{{/missing}}' >"$TMP/strict.html"
run_lbgen render --strict "$TMP/strict.html" "$TMP/data.json"
check_eq "--strict: exit 2" 2 "$status"
check_eq "--strict: names TEMPLATE:LINE:COL and the name" \
    "$TMP/strict.html:1:14: error: strict: no \"votes\" in the data" "$err"
check_eq "--strict: nothing on stdout" "" "$out"
run_lbgen render "$TMP/strict.html" "$TMP/data.json"
check_eq "without --strict the name prints as nothing" \
    "<p>a|b*c* &lt;x&gt; &amp; &#39;q&#39; </p>" "$out"
printf '<p>{{model}}</p>{{#missing}}{{votes}}{{/missing}}{{^missing}}-{{/missing}}' >"$TMP/strict-ok.html"
run_lbgen render --strict "$TMP/strict-ok.html" "$TMP/data.json"
check_eq "--strict: sections over absent names are fine" \
    "0 <p>a|b*c* &lt;x&gt; &amp; &#39;q&#39;</p>-" "$status $out"
