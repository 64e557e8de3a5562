# fuzz_seeds TARGET: prints, one a line, the committed files listed for
# TARGET in tests/fuzz/seeds.txt (fixtures, templates, data that double as
# fuzz seeds, so they are not copied into tests/fuzz/corpus/). Run from the
# repository root.
fuzz_seeds() {
    while read -r target pattern; do
        case "$target" in '' | '#'*) continue ;; esac
        [ "$target" = "$1" ] || continue
        for f in $pattern; do
            if [ -f "$f" ]; then echo "$f"; fi
        done
    done <tests/fuzz/seeds.txt
}
