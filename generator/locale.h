/* locale — one locale file (locales/<code>.json): its metadata and strings.
 *
 * File format (see README, "Locales"):
 *   {"meta": {"name", "tag", "status": "source"|"machine"|"reviewed",
 *             "decimal", "group", ["min_grouping_digits": 1|2,]
 *             "date_format", "time_format",
 *             "time_zones": [{"id", "offset_minutes", "label_key"}]},
 *    "strings": {KEY: "text"}                         (source locale)
 *    "strings": {KEY: {"text": "...", "source": "1a2b3c4d"}}  (translations)}
 * where "source" is locale_source_hash() (hash.h: 8 lowercase hex digits) of
 * the source-locale text the translation was made from, so a changed source
 * string shows up as a stale translation.
 *
 * Plural forms: where a text would be, a string that counts something may
 * give one text per CLDR plural category of its language (plural.h),
 *   "index.models": {"text": {"one": "{count} model",
 *                             "other": "{count} models"}, "source": "..."}
 * The count picks the form (locale_lookup_count). Such an object must have
 * exactly the categories the locale's language needs, "other" included;
 * `text` is then the "other" form.
 *
 * Strings are plain text with {name} placeholders; "{{" and "}}" stand for
 * literal braces. A Locale owns all its memory (locale_free); the pointers
 * it hands out live as long as it does. */
#ifndef LBGEN_LOCALE_H
#define LBGEN_LOCALE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "format.h"
#include "plural.h"

typedef enum {
    LOCALE_SOURCE,
    LOCALE_MACHINE,  /* translated, not yet reviewed by a person */
    LOCALE_REVIEWED
} LocaleStatus;

typedef struct {
    char *key;
    char *text;                /* the "other" form when there are forms */
    char *forms[PLURAL_N];     /* plural forms by category, or all NULL */
    char source_hash[9]; /* "" in the source locale */
    size_t offset;       /* of the key in the file text, for diagnostics */
} LocaleString;

typedef struct {
    char *id;
    int offset_minutes;
    char *label_key;
} LocaleTimeZone;

typedef struct {
    char *path;
    char *code; /* file name without directory and ".json": "fr" */
    char *name; /* in its own language: "Français" */
    char *tag;  /* BCP 47: "fr" */
    const PluralRules *plural; /* of the tag's language; NULL: unknown */
    LocaleStatus status;
    NumberFormat number; /* points into decimal/group below */
    char *decimal;
    char *group;
    char *date_format;
    char *time_format;
    LocaleTimeZone *zones;
    size_t nzones;
    LocaleString *strings; /* sorted by key */
    size_t nstrings;
    char *text; /* the file's bytes, kept to turn offsets into LINE:COL */
    size_t text_len;
} Locale;

/* Loads and validates one locale file. JSON syntax errors are reported as
 * FILE:LINE:COL; structural ones as FILE:LINE:COL: KEY: problem, with the
 * position of the offending key. Returns NULL with *err filled. */
Locale *locale_load(const char *path, LbError *err);
/* As locale_load, from `len` bytes already read (copied); `path` names the
 * file in messages and gives the locale code. */
Locale *locale_parse(const char *path, const char *text, size_t len,
                     LbError *err);
void locale_free(Locale *loc);

const char *locale_status_name(LocaleStatus status);

/* The entry for `key`, or NULL. */
const LocaleString *locale_find(const Locale *loc, const char *key);

/* The text of `key` in `loc`, else in `source` (then *fell_back = true),
 * else NULL. `source` may be NULL or equal to `loc`. */
const char *locale_lookup(const Locale *loc, const Locale *source,
                          const char *key, bool *fell_back);

/* As locale_lookup, the form for `count` when the string has plural
 * forms (the rules of the locale it came from), else its text. */
const char *locale_lookup_count(const Locale *loc, const Locale *source,
                                const char *key, long long count,
                                bool *fell_back);

/* 1 when the string has plural forms. */
int locale_has_forms(const LocaleString *s);

/* The hash a translation records of this source string ("source"): of
 * its text, or of its plural forms when it has some. `out` gets 8 hex
 * digits and a NUL. */
void locale_source_hash(const LocaleString *s, char out[9]);

/* 1-based line and column of byte `offset` of the locale's file. */
void locale_position(const Locale *loc, size_t offset, int *line, int *col);

typedef struct {
    const char *name;
    const char *value;
} LocaleVar;

/* Appends `text` with every {name} replaced by its value from `vars`.
 * An unknown placeholder or a stray brace is an error (LB_EINPUT) naming
 * `key`, and nothing is appended. */
int locale_substitute(Buf *out, const char *key, const char *text,
                      const LocaleVar *vars, size_t nvars, LbError *err);

/* The placeholder names of `text`, sorted, duplicates removed, joined by
 * ","; "" when there are none. Returns -1 (and an error naming `key`) on a
 * stray brace. The caller frees *names. */
int locale_placeholders(const char *key, const char *text, char **names,
                        LbError *err);

#endif
