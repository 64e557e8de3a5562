/* rate_options — every knob of the ratings engine, defined once.
 *
 * One table (rate_option_specs) names each option twice: as the flag of
 * `lbgen rate` (--style-control) and as the key of a board's
 * `live.options` in leaderboards.json (style_control). Both front ends
 * parse values with the same functions, get the same defaults
 * (rate_settings_init) and the same messages; only the prefix differs
 * ("--bootstrap: ..." on the command line, "CONTEXT.bootstrap: ..." in the
 * configuration). Cross-option checks and the defaults that depend on other
 * options (the number of bootstrap rounds depends on the interval method)
 * are in rate_settings_finish.
 *
 * Ownership: a RateSettings owns its strings and where-filters;
 * `rate` points at them once rate_settings_finish has run, so it stays
 * valid until rate_settings_free. */
#ifndef LBGEN_RATE_OPTIONS_H
#define LBGEN_RATE_OPTIONS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "battles.h"
#include "buf.h"
#include "diag.h"
#include "rate.h"

typedef enum {
    ROPT_BOOTSTRAP,
    ROPT_SEED,
    ROPT_THREADS,
    ROPT_METHOD,
    ROPT_CI,
    ROPT_STYLE_CONTROL,
    ROPT_ANCHOR,
    ROPT_ANCHOR_RATING,
    ROPT_PRELIM_VOTES,
    ROPT_PRELIM_DAYS,
    ROPT_ANONY_ONLY,
    ROPT_ALL,
    ROPT_SINCE,
    ROPT_UNTIL,
    ROPT_WHERE,
    ROPT_WEIGHT_FIELD,
    ROPT_BASELINE,
    ROPT_ANSWERS,
    ROPT_COUNT_
} RateOptId;

/* Which inputs an option applies to (live.options: which adapter). */
enum {
    ROPT_FOR_BATTLES = 1,   /* the battles adapter, --method bt|elo */
    ROPT_FOR_JUDGMENTS = 2, /* the arena-hard adapter, --method winrate */
    ROPT_CLI_ONLY = 4       /* a flag of `lbgen rate` only */
};

typedef struct {
    RateOptId id;
    const char *key;   /* live.options key; NULL: command line only */
    const char *flag;  /* `lbgen rate` flag without "--"; NULL: config only */
    int takes_value;   /* the flag takes an argument */
    unsigned applies;  /* ROPT_FOR_* */
} RateOptSpec;

extern const RateOptSpec rate_option_specs[ROPT_COUNT_];

const RateOptSpec *rate_option_by_key(const char *key);
const RateOptSpec *rate_option_by_flag(const char *flag);

typedef struct {
    RateOptions rate;
    char *anchor_model, *baseline, *answers, *weight_field;
    BattleWhere *where;
    size_t n_where;
    unsigned given; /* bit (1 << RateOptId) per option set explicitly */
} RateSettings;

/* `lbgen rate`'s defaults (rate_options_init) for `method`. */
void rate_settings_init(RateSettings *s, RateMethod method);
void rate_settings_free(RateSettings *s);

/* Sets option `o` from a command-line argument (`text` is NULL for flags
 * without a value) or from a JSON value. On a bad value: -1, with the
 * problem (e.g. "expected an integer from 0 to 1000000, got 'x'") in
 * `problem`, which the caller prefixes with the flag or key. */
int rate_settings_set_text(RateSettings *s, const RateOptSpec *o,
                           const char *text, Buf *problem);
int rate_settings_set_json(RateSettings *s, const RateOptSpec *o,
                           const cJSON *v, Buf *problem);

/* How messages of rate_settings_finish name options. */
typedef enum { ROPT_NAME_FLAG, ROPT_NAME_KEY } RateOptNaming;

/* Checks the options together, resolves the defaults that depend on other
 * options and links `rate` to the owned strings. -1 with `problem` set and
 * *culprit naming the offending option. */
int rate_settings_finish(RateSettings *s, RateOptNaming naming,
                         const RateOptSpec **culprit, Buf *problem);

/* A board's live.options object for adapter `applies` (ROPT_FOR_BATTLES
 * or ROPT_FOR_JUDGMENTS), every message prefixed by `context`. */
int rate_settings_from_json(RateSettings *s, unsigned applies,
                            const char *adapter, const cJSON *options,
                            const char *context, LbError *err);

/* Option name for messages: "--flag" or "key". */
const char *rate_option_name(const RateOptSpec *o, RateOptNaming naming,
                             char *buf, size_t size);

#endif
