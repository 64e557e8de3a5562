/* battles — pairwise battles read from the public arena format.
 *
 * Input: a JSON array of battle objects or JSON Lines (one object a line),
 * detected from the first non-blank byte. Each record has `model_a`,
 * `model_b` (strings), `winner` ("model_a", "model_b", "tie",
 * "tie (bothbad)") and optionally `anony`, `tstamp` (seconds since the
 * epoch), `conv_metadata` (style counts) and anything else, which --where
 * filters can reach by dotted path.
 *
 * The reader streams (see jsonscan.h): no tree per record, memory grows
 * only with the number of kept battles (interned model ids, one outcome
 * byte, a timestamp, and four style features when asked for).
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
} Battles;

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

/* Renumbers models in name order (byte-wise), so that results never
 * depend on which model a file happens to mention first. */
void battles_sort_models(Battles *bt);

/* Parses "PATH=VALUE"; fails (usage) without '=' or with an empty path. */
int battle_where_parse(const char *text, BattleWhere *out, LbError *err);
void battle_where_free(BattleWhere *w);

/* Parses epoch seconds ("1718000000", "1718000000.5") or a UTC date
 * "YYYY-MM-DD" into seconds since the epoch. -1 when neither. */
int parse_time_bound(const char *text, double *out);

#endif
