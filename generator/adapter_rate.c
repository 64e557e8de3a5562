/* adapter_rate — the `battles` and `arena-hard` adapters: a fetched file
 * of battles or judgments, rated by the ratings library (rate.h) into an
 * arena or win-rate board, so a board can be configured as "download the
 * battles, compute ratings". Also parses their `live.options`. */
#include "adapter.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"

/* ---- live.options ------------------------------------------------------ */

typedef enum { FOR_BATTLES = 1, FOR_ARENA_HARD = 2, FOR_BOTH = 3 } Applies;

typedef struct {
    const char *key;
    Applies applies;
} OptionKey;

static const OptionKey option_keys[] = {
    {"bootstrap", FOR_BOTH},          {"seed", FOR_BOTH},
    {"method", FOR_BATTLES},          {"style_control", FOR_BATTLES},
    {"anchor", FOR_BATTLES},          {"anchor_rating", FOR_BATTLES},
    {"preliminary_votes", FOR_BATTLES}, {"preliminary_days", FOR_BATTLES},
    {"anony_only", FOR_BATTLES},      {"since", FOR_BATTLES},
    {"until", FOR_BATTLES},           {"where", FOR_BATTLES},
    {"baseline", FOR_ARENA_HARD},
};

typedef struct {
    const char *context;
    const char *key;
    LbError *err;
} Parse;

static int bad(const Parse *p, const char *problem)
{
    return lb_fail(p->err, LB_EINPUT, "%s.%s: %s", p->context, p->key,
                   problem);
}

static int get_count(const Parse *p, const cJSON *v, double lo, double hi,
                     long long *out)
{
    if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble) ||
        v->valuedouble < lo || v->valuedouble > hi) {
        char problem[96];
        snprintf(problem, sizeof problem, "expected an integer from %.0f to "
                 "%.0f", lo, hi);
        return bad(p, problem);
    }
    *out = (long long)v->valuedouble;
    return 0;
}

static int get_bool(const Parse *p, const cJSON *v, int *out)
{
    if (!cJSON_IsBool(v))
        return bad(p, "expected true or false");
    *out = cJSON_IsTrue(v);
    return 0;
}

static int get_name(const Parse *p, const cJSON *v, char **out)
{
    if (!cJSON_IsString(v) || !v->valuestring[0])
        return bad(p, "expected a non-empty string");
    free(*out);
    *out = xstrdup(v->valuestring);
    return 0;
}

/* since/until: epoch seconds (a number) or "YYYY-MM-DD"; a date as the
 * upper bound includes its whole day, as `lbgen rate --until`. */
static int get_time(const Parse *p, const cJSON *v, int upper, double *out)
{
    double t;
    if (cJSON_IsNumber(v) && isfinite(v->valuedouble)) {
        t = v->valuedouble;
        *out = upper ? nextafter(t, INFINITY) : t;
        return 0;
    }
    if (cJSON_IsString(v) && strchr(v->valuestring, '-') &&
        parse_time_bound(v->valuestring, &t) == 0) {
        *out = upper ? t + 86400.0 : t;
        return 0;
    }
    return bad(p, "expected epoch seconds or \"YYYY-MM-DD\"");
}

/* where: {"dotted.path": value, ...}, values compared as by --where. */
static int get_where(Parse *p, const cJSON *v, AdapterSettings *s)
{
    if (!cJSON_IsObject(v))
        return bad(p, "expected an object of \"dotted.path\": value");
    const cJSON *item;
    cJSON_ArrayForEach(item, v)
    {
        char number[32];
        const char *text = NULL;
        if (cJSON_IsString(item))
            text = item->valuestring;
        else if (cJSON_IsBool(item))
            text = cJSON_IsTrue(item) ? "true" : "false";
        else if (cJSON_IsNull(item))
            text = "null";
        else if (cJSON_IsNumber(item)) {
            snprintf(number, sizeof number, "%.17g", item->valuedouble);
            text = number;
        }
        if (!text || !item->string[0])
            return bad(p, "expected an object of \"dotted.path\": value "
                          "with scalar values");
        s->where = xrealloc(s->where, (s->n_where + 1) * sizeof *s->where);
        s->where[s->n_where].path = xstrdup(item->string);
        s->where[s->n_where].value = xstrdup(text);
        s->n_where++;
    }
    return 0;
}

static int set_option(Parse *p, const cJSON *v, AdapterSettings *s)
{
    RateOptions *r = &s->rate;
    const char *k = p->key;
    long long n;
    if (strcmp(k, "bootstrap") == 0) {
        if (get_count(p, v, 0, 1000000, &n) < 0)
            return -1;
        r->bootstrap = (int)n;
    } else if (strcmp(k, "seed") == 0) {
        if (get_count(p, v, 0, 9007199254740991.0, &n) < 0)
            return -1;
        r->seed = n;
    } else if (strcmp(k, "method") == 0) {
        if (!cJSON_IsString(v) || (strcmp(v->valuestring, "bt") != 0 &&
                                   strcmp(v->valuestring, "elo") != 0))
            return bad(p, "expected \"bt\" or \"elo\"");
        r->method = strcmp(v->valuestring, "elo") == 0 ? RATE_ELO : RATE_BT;
    } else if (strcmp(k, "style_control") == 0) {
        return get_bool(p, v, &r->style_control);
    } else if (strcmp(k, "anony_only") == 0) {
        return get_bool(p, v, &r->read.anony_only);
    } else if (strcmp(k, "anchor") == 0) {
        return get_name(p, v, &s->anchor_model);
    } else if (strcmp(k, "baseline") == 0) {
        return get_name(p, v, &s->baseline);
    } else if (strcmp(k, "anchor_rating") == 0) {
        if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
            return bad(p, "expected a number");
        r->anchor_rating = v->valuedouble;
    } else if (strcmp(k, "preliminary_votes") == 0) {
        if (get_count(p, v, 0, 1e15, &n) < 0)
            return -1;
        r->preliminary_votes = n;
    } else if (strcmp(k, "preliminary_days") == 0) {
        if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0) ||
            !isfinite(v->valuedouble))
            return bad(p, "expected a non-negative number of days");
        r->preliminary_days = v->valuedouble;
    } else if (strcmp(k, "since") == 0) {
        return get_time(p, v, 0, &r->read.since);
    } else if (strcmp(k, "until") == 0) {
        return get_time(p, v, 1, &r->read.until);
    } else if (strcmp(k, "where") == 0) {
        return get_where(p, v, s);
    }
    return 0;
}

/* Is `key` known, and does it apply to this adapter? */
static int check_key(Parse *p, Applies adapter, const char *adapter_name)
{
    for (size_t i = 0; i < sizeof option_keys / sizeof *option_keys; i++) {
        if (strcmp(option_keys[i].key, p->key) != 0)
            continue;
        if (option_keys[i].applies & adapter)
            return 0;
        char problem[128];
        snprintf(problem, sizeof problem, "not an option of the %s adapter "
                 "(it belongs to %s)", adapter_name,
                 adapter == FOR_BATTLES ? "arena-hard" : "battles");
        return bad(p, problem);
    }
    return bad(p, "unknown option (known: bootstrap, seed, method, "
                  "style_control, anchor, anchor_rating, preliminary_votes, "
                  "preliminary_days, anony_only, since, until, where, "
                  "baseline)");
}

/* The settings refer to their own strings: done once, after parsing. */
static void link_strings(AdapterSettings *s)
{
    s->rate.anchor_model = s->anchor_model;
    s->rate.baseline = s->baseline;
    s->rate.read.where = s->where;
    s->rate.read.n_where = s->n_where;
}

int adapter_settings_parse(AdapterSettings *s, const char *adapter,
                           const cJSON *options, const char *context,
                           LbError *err)
{
    memset(s, 0, sizeof *s);
    rate_options_init(&s->rate);
    Applies kind = strcmp(adapter, "battles") == 0      ? FOR_BATTLES
                   : strcmp(adapter, "arena-hard") == 0 ? FOR_ARENA_HARD
                                                        : 0;
    if (kind == FOR_ARENA_HARD)
        s->rate.method = RATE_WINRATE;
    Parse p = {context, "", err};
    if (options && !cJSON_IsObject(options))
        return lb_fail(err, LB_EINPUT, "%s: expected an object", context);
    if (options && kind == 0 && options->child)
        return lb_fail(err, LB_EINPUT, "%s: the %s adapter takes no options",
                       context, adapter);
    const cJSON *item;
    cJSON_ArrayForEach(item, options)
    {
        p.key = item->string;
        if (check_key(&p, kind, adapter) < 0 || set_option(&p, item, s) < 0)
            return -1;
    }
    if (s->rate.style_control && s->rate.method != RATE_BT) {
        p.key = "style_control";
        return bad(&p, "goes with method \"bt\"");
    }
    if (!isnan(s->rate.read.since) && !isnan(s->rate.read.until) &&
        s->rate.read.until <= s->rate.read.since) {
        p.key = "until";
        return bad(&p, "is not after since");
    }
    if (kind == FOR_ARENA_HARD && !s->baseline) {
        p.key = "baseline";
        return bad(&p, "missing: the arena-hard adapter needs the baseline "
                       "model");
    }
    link_strings(s);
    return 0;
}

void adapter_settings_free(AdapterSettings *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_where; i++)
        battle_where_free(&s->where[i]);
    free(s->where);
    free(s->anchor_model);
    free(s->baseline);
    memset(s, 0, sizeof *s);
}

/* ---- the adapters ------------------------------------------------------ */

/* The caller's knobs (or the defaults) with this call's id, name and
 * warning callback. */
static RateOptions options_for(const AdapterOptions *opt, RateMethod method)
{
    RateOptions o;
    if (opt->rate) {
        o = *opt->rate;
    } else {
        rate_options_init(&o);
        o.method = method;
    }
    o.id = opt->id;
    o.source_name = opt->source_name ? opt->source_name : opt->id;
    o.warn = opt->warn;
    o.warn_ctx = opt->warn_ctx;
    o.progress = NULL;
    o.read.progress = NULL;
    o.answers = NULL; /* adapters never touch the disk */
    return o;
}

Leaderboard *adapter_battles(const char *bytes, size_t len,
                             const AdapterOptions *opt, LbError *err)
{
    RateOptions o = options_for(opt, RATE_BT);
    if (o.method == RATE_WINRATE) {
        lb_fail(err, LB_EINPUT, "%s: the battles adapter rates battles; "
                "judgments go to the arena-hard adapter", o.source_name);
        return NULL;
    }
    return rate_battles_memory(bytes, len, &o, err);
}

Leaderboard *adapter_arena_hard(const char *bytes, size_t len,
                                const AdapterOptions *opt, LbError *err)
{
    RateOptions o = options_for(opt, RATE_WINRATE);
    if (o.method != RATE_WINRATE || !o.baseline) {
        lb_fail(err, LB_EUSAGE, "%s: the arena-hard adapter needs a "
                "baseline model (live.options.baseline)", o.source_name);
        return NULL;
    }
    return rate_judgments_memory(bytes, len, &o, NULL, err);
}
