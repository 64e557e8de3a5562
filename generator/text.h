/* text — small, pure helpers on UTF-8 text that several modules share:
 * whitespace folding and number reading for scraped cells (the adapters,
 * table.c), model-name keys for matching across sources, percent-encoding
 * (fetch URLs, redaction, Markdown links), the {name} placeholder syntax of
 * locale strings and date patterns (locale.c, format.c, view.c) and fixed
 * shapes such as YYYY-MM-DD.
 *
 * Every char * returned here is new and freed by the caller; nothing here
 * depends on the process locale. */
#ifndef LBGEN_TEXT_H
#define LBGEN_TEXT_H

#include <stddef.h>

/* Trims ASCII and Unicode spaces (NBSP, thin, ideographic) and collapses
 * inner runs to one ASCII space. */
char *text_squeeze(const char *text);

/* Parses a plain integer count with optional thousands separators
 * ("21,938", "21 938", "21_938"); -1 if `text` is not one. */
long long parse_count(const char *text);

/* Leading decimal number of `text` (after spaces, allowing a sign and
 * thousands commas); *end (when not NULL) receives where it stopped.
 * Returns 1, or 0 (and leaves *value alone) when there is none. */
int parse_leading_number(const char *text, double *value, const char **end);

/* Lowercase, vendor prefix ("Anthropic/", "meta-llama/") removed, spaces
 * and underscores as '-', for matching model names across sources. */
char *model_id_normalize(const char *name);

/* Percent-encodes every byte outside RFC 3986's unreserved characters
 * (A-Z a-z 0-9 - . _ ~), in upper-case hex. */
char *percent_encode(const char *text);

/* The same, also leaving the ASCII characters of `keep` as they are:
 * ":/?#@!$&'*+,;=%" keeps a URL's structure and existing escapes. */
char *percent_encode_keeping(const char *text, const char *keep);

/* ---- {name} placeholders ------------------------------------------------
 * Locale strings and date patterns are literal text with {name}
 * placeholders; "{{" and "}}" stand for literal braces; a name is one or
 * more of [A-Za-z0-9_]. */

typedef struct {
    const char *text; /* literal bytes, or the placeholder's name */
    size_t len;
    int is_name;
} TextPiece;

/* Reads the piece at *cursor and moves *cursor past it. Returns 1 with
 * *piece set, 0 at the end of the text, or -1 at a stray '{' or '}' (a
 * lone '}', or a '{' not followed by a name and '}'), leaving *cursor on
 * it. A literal run stops before each brace, so "{{" is a piece "{". */
int text_next_piece(const char **cursor, TextPiece *piece);

/* The edit distance between two ASCII words, ignoring case: insertions,
 * deletions, substitutions and swaps of two neighbours count one each. */
size_t text_distance(const char *a, const char *b);

/* The candidate closest to `word` (text_distance) when it is close enough
 * to be a likely typo — at most 1 + strlen(word) / 4 edits — else NULL. */
const char *text_nearest(const char *word, const char *const *candidates,
                         size_t n);

/* 1 when `s` has exactly the shape of `pattern`, where 'd' stands for an
 * ASCII digit and every other character for itself: "dddd-dd-dd". */
int text_has_shape(const char *s, const char *pattern);

#endif
