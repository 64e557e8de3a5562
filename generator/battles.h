/* battles — pairwise battles read from the public arena format.
 *
 * Input: a JSON array of battle objects or JSON Lines (one object a line),
 * detected from the first non-blank byte. Each record has `model_a`,
 * `model_b` (strings without control characters), `winner` ("model_a",
 * "model_b", "tie", "tie (bothbad)", or "both_bad" as the
 * arena-human-preference releases spell it) and optionally `anony`,
 * `tstamp` (seconds since the epoch) or `timestamp` (ISO-8601, or seconds),
 * `weight` (a positive number; every battle or none), `conv_metadata`
 * (style counts) and anything else, which --where filters can reach by
 * dotted path.
 *
 * The reader streams (see jsonscan.h): no tree per record, memory grows
 * only with the number of kept battles (interned model ids, one outcome
 * byte, a timestamp, four style features and a weight when asked for).
 * JSON Lines from a regular file or memory are split into chunks at line
 * boundaries and parsed on every core, each line on its own, then merged
 * in file order: the result (and any error message) is the same for any
 * number of threads. A JSON array, or lines from a pipe, are read by one
 * thread.
 *
 * Fields that no run reads are not tokenized: an object or array among
 * them (conversations, category tags, the rest of conv_metadata) is only
 * skimmed, its strings closed and brackets balanced (jsonscan.h, "Skimming"),
 * so a broken number deep inside one is not noticed; a truncated or
 * unbalanced record still is. Both readers, line by line and the scanner,
 * apply the same rules.
 *
 * Ownership: a Battles owns every array and name; battles_free() releases
 * them. Options and filters are borrowed for the duration of the call. */
#ifndef LBGEN_BATTLES_H
#define LBGEN_BATTLES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"

typedef enum {
    OUTCOME_A = 0,       /* model_a won */
    OUTCOME_B = 1,       /* model_b won */
    OUTCOME_TIE = 2,     /* "tie" */
    OUTCOME_BOTHBAD = 3  /* "tie (bothbad)": a tie for every rating */
} BattleOutcome;

#define STYLE_FEATURES 4 /* length, headers, lists, bold */
/* 10000-01-01T00:00:00Z: timestamps must be below (and not negative). */
#define BATTLE_TSTAMP_END 253402300800.0

/* `--where PATH=VALUE`: the value at a dotted path must equal VALUE. */
typedef struct {
    char *path;  /* e.g. "category_tag.math_v0.1.math" */
    char *value; /* compared as text, number, boolean or null */
} BattleWhere;

typedef struct {
    int anony_only;       /* keep only records with "anony": true */
    const BattleWhere *where;
    size_t n_where;
    double since;         /* keep tstamp >= since; NAN = no bound */
    double until;         /* keep tstamp < until; NAN = no bound */
    int want_style;       /* read conv_metadata into style features */
    const char *weight_field; /* top-level key of battle weights;
                                 NULL: "weight" */
    int threads;          /* JSON Lines parsing; <= 0: all processors */
    size_t chunk_bytes;   /* JSON Lines chunk size; 0: automatic (tests
                             use small chunks to split tiny inputs) */
    /* Called now and then with bytes read so far and the total (0 when
     * unknown), for a progress bar. May be NULL. */
    void (*progress)(void *ctx, uint64_t done, uint64_t total);
    void *progress_ctx;
} BattleReadOptions;

typedef struct {
    /* Kept battles, in file order. */
    size_t n, cap;
    uint32_t *a, *b;      /* model ids: index into names */
    uint8_t *outcome;     /* BattleOutcome */
    double *tstamp;       /* NAN when the record has none */
    /* want_style only: per battle, (x_a - x_b) / (x_a + x_b + 1) for
     * x = tokens, headers, lists, bold (the public arena's ratios). */
    double *style;
    /* Per battle weights; NULL when no record had one (all 1). */
    double *weight;

    char **names;         /* interned model names, in order of appearance */
    size_t n_models, cap_models;
    uint32_t *slots;      /* open-addressing table: id + 1, 0 = empty */
    size_t n_slots;

    /* Counts for the summary line. */
    long long records;        /* records read */
    long long not_anony;      /* dropped by anony_only */
    long long where_rejected; /* dropped by --where */
    long long time_rejected;  /* dropped by --since/--until */
    long long self_battles;   /* a model against itself: skipped */
    /* Weights: kept battles with one, and the first kept record with and
     * the first without one (record number and byte offset, 0 if none),
     * so that a file mixing both is refused with both named. */
    long long weighted;
    long long first_weighted, first_unweighted;
    uint64_t first_weighted_at, first_unweighted_at;
} Battles;

/* Style counts (tokens, headers, ...) above this are refused as garbage. */
#define STYLE_COUNT_MAX 1e12
/* Battle weights above this are refused. */
#define BATTLE_WEIGHT_MAX 1e6

void battles_init(Battles *bt);
void battles_free(Battles *bt);

/* Reads and filters `path` ("-" = standard input), appending to `bt`.
 * A file is read in fixed blocks: memory grows with the kept battles, not
 * with the file. */
int battles_read(const char *path, const BattleReadOptions *opt, Battles *bt,
                 LbError *err);
/* The same from an open stream (borrowed, not closed) named `name` in
 * messages, and from `len` bytes in memory (a fetched document, scanned
 * in place). All three give identical results for identical bytes. */
int battles_read_stream(FILE *f, const char *name,
                        const BattleReadOptions *opt, Battles *bt,
                        LbError *err);
int battles_read_memory(const char *bytes, size_t len, const char *name,
                        const BattleReadOptions *opt, Battles *bt,
                        LbError *err);

/* Interns `name` and returns its id (used by the reader and by tests). */
uint32_t battles_model_id(Battles *bt, const char *name, size_t len);
/* Id of `name`, or -1 when no battle names it. */
long battles_find_model(const Battles *bt, const char *name);

/* Makes `bt` hold style features (zeros for battles already present). */
void battles_enable_style(Battles *bt);

/* Appends one battle (used by the reader and by tests). `style` (may be
 * NULL: zeros) is stored only when the Battles holds style features. */
void battles_push(Battles *bt, uint32_t a, uint32_t b, BattleOutcome outcome,
                  double tstamp, const double *style);
/* Sets the weight of the last battle pushed (allocating the weights, 1
 * for the earlier battles, on first use). */
void battles_set_weight(Battles *bt, double weight);

/* Renumbers models in name order (byte-wise), so that results never
 * depend on which model a file happens to mention first. */
void battles_sort_models(Battles *bt);

/* Parses "PATH=VALUE"; fails (usage) without '=' or with an empty path. */
int battle_where_parse(const char *text, BattleWhere *out, LbError *err);
void battle_where_free(BattleWhere *w);

/* Parses epoch seconds ("1718000000", "1718000000.5") or a UTC date
 * "YYYY-MM-DD" into seconds since the epoch. -1 when neither. */
int parse_time_bound(const char *text, double *out);

/* Parses an ISO-8601 date-time "YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH:MM|
 * ±HHMM]" (no zone: UTC) into seconds since the epoch; -1 when it is not
 * one. */
int parse_iso8601(const char *text, size_t len, double *out);

/* 1 and the code point of the first control character (U+0000-U+001F,
 * U+007F-U+009F) in `len` bytes of UTF-8, 0 when there is none. */
int text_has_control(const char *text, size_t len, uint32_t *cp);

#endif
