#include "rate_options.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

#define FOR_BOTH (ROPT_FOR_BATTLES | ROPT_FOR_JUDGMENTS)
#define FOR_BATTLES ROPT_FOR_BATTLES
#define FOR_JUDGMENTS ROPT_FOR_JUDGMENTS

const RateOptSpec rate_option_specs[ROPT_COUNT_] = {
    {ROPT_BOOTSTRAP, "bootstrap", "bootstrap", 1, FOR_BOTH},
    {ROPT_SEED, "seed", "seed", 1, FOR_BOTH},
    {ROPT_THREADS, NULL, "threads", 1, FOR_BOTH | ROPT_CLI_ONLY},
    {ROPT_METHOD, "method", "method", 1, FOR_BATTLES},
    {ROPT_CI, "ci", "ci", 1, FOR_BATTLES},
    {ROPT_STYLE_CONTROL, "style_control", "style-control", 0, FOR_BOTH},
    {ROPT_ANCHOR, "anchor", "anchor", 1, FOR_BATTLES},
    {ROPT_ANCHOR_RATING, "anchor_rating", NULL, 1, FOR_BATTLES},
    {ROPT_PRELIM_VOTES, "preliminary_votes", "preliminary-votes", 1,
     FOR_BATTLES},
    {ROPT_PRELIM_DAYS, "preliminary_days", "preliminary-days", 1,
     FOR_BATTLES},
    {ROPT_ANONY_ONLY, "anony_only", "anony-only", 0, FOR_BATTLES},
    {ROPT_ALL, NULL, "all", 0, FOR_BATTLES | ROPT_CLI_ONLY},
    {ROPT_SINCE, "since", "since", 1, FOR_BATTLES},
    {ROPT_UNTIL, "until", "until", 1, FOR_BATTLES},
    {ROPT_WHERE, "where", "where", 1, FOR_BATTLES},
    {ROPT_WEIGHT_FIELD, "weight_field", "weight-field", 1, FOR_BATTLES},
    {ROPT_BASELINE, "baseline", "baseline", 1, FOR_JUDGMENTS},
    {ROPT_ANSWERS, NULL, "answers", 1, FOR_JUDGMENTS | ROPT_CLI_ONLY},
};

const RateOptSpec *rate_option_by_key(const char *key)
{
    for (size_t i = 0; i < ROPT_COUNT_; i++)
        if (rate_option_specs[i].key &&
            strcmp(rate_option_specs[i].key, key) == 0)
            return &rate_option_specs[i];
    return NULL;
}

const RateOptSpec *rate_option_by_flag(const char *flag)
{
    for (size_t i = 0; i < ROPT_COUNT_; i++)
        if (rate_option_specs[i].flag &&
            strcmp(rate_option_specs[i].flag, flag) == 0)
            return &rate_option_specs[i];
    return NULL;
}

const char *rate_option_name(const RateOptSpec *o, RateOptNaming naming,
                             char *buf, size_t size)
{
    if (naming == ROPT_NAME_FLAG && o->flag)
        snprintf(buf, size, "--%s", o->flag);
    else
        snprintf(buf, size, "%s", o->key ? o->key : o->flag);
    return buf;
}

void rate_settings_init(RateSettings *s, RateMethod method)
{
    memset(s, 0, sizeof *s);
    rate_options_init(&s->rate);
    s->rate.method = method;
}

void rate_settings_free(RateSettings *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_where; i++)
        battle_where_free(&s->where[i]);
    free(s->where);
    free(s->anchor_model);
    free(s->baseline);
    free(s->answers);
    free(s->weight_field);
    memset(s, 0, sizeof *s);
}

/* ---- typed values ------------------------------------------------------ */

/* Integer limits of the counting options. */
typedef struct {
    long long lo, hi;
} Range;

static Range count_range(RateOptId id)
{
    switch (id) {
    case ROPT_BOOTSTRAP: return (Range){0, 1000000};
    case ROPT_SEED: return (Range){0, 9007199254740991LL};
    case ROPT_THREADS: return (Range){1, 1024};
    default: return (Range){0, 1000000000000000LL}; /* preliminary_votes */
    }
}

static int is_count(RateOptId id)
{
    return id == ROPT_BOOTSTRAP || id == ROPT_SEED || id == ROPT_THREADS ||
           id == ROPT_PRELIM_VOTES;
}

static int bad(Buf *problem, const char *got, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int bad(Buf *problem, const char *got, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(problem, fmt, ap);
    va_end(ap);
    if (got)
        buf_printf(problem, ", got '%.200s'", got);
    return -1;
}

static int set_count(RateSettings *s, RateOptId id, long long v)
{
    RateOptions *r = &s->rate;
    switch (id) {
    case ROPT_BOOTSTRAP: r->bootstrap = (int)v; break;
    case ROPT_SEED: r->seed = v; break;
    case ROPT_THREADS: r->threads = (int)v; break;
    default: r->preliminary_votes = v; break;
    }
    return 0;
}

static int set_choice(RateSettings *s, RateOptId id, const char *text,
                      const char *got, Buf *problem)
{
    RateOptions *r = &s->rate;
    if (id == ROPT_METHOD) {
        if (strcmp(text, "bt") == 0)
            r->method = RATE_BT;
        else if (strcmp(text, "elo") == 0)
            r->method = RATE_ELO;
        else if (strcmp(text, "winrate") == 0)
            r->method = RATE_WINRATE;
        else
            return bad(problem, got, "expected bt, elo or winrate");
        return 0;
    }
    if (strcmp(text, "sandwich") == 0)
        r->ci = RATE_CI_SANDWICH;
    else if (strcmp(text, "bootstrap") == 0)
        r->ci = RATE_CI_BOOTSTRAP;
    else
        return bad(problem, got, "expected sandwich or bootstrap");
    return 0;
}

static int set_name(char **slot, const char *text, const char *got,
                    Buf *problem)
{
    if (!*text || strlen(text) > LB_MAX_TEXT)
        return bad(problem, got, "expected a non-empty name of at most %d "
                                 "bytes", LB_MAX_TEXT);
    free(*slot);
    *slot = xstrdup(text);
    return 0;
}

static int set_number(RateSettings *s, RateOptId id, double v,
                      const char *got, Buf *problem)
{
    if (!isfinite(v))
        return bad(problem, got, "expected a number");
    if (id == ROPT_PRELIM_DAYS) {
        if (!(v >= 0))
            return bad(problem, got, "expected a non-negative number of "
                                     "days");
        s->rate.preliminary_days = v;
    } else {
        s->rate.anchor_rating = v;
    }
    return 0;
}

/* since/until: epoch seconds or "YYYY-MM-DD"; a date as the upper bound
 * includes its whole day, seconds are inclusive. */
static int set_time(RateSettings *s, RateOptId id, double t, int is_date)
{
    if (id == ROPT_SINCE)
        s->rate.read.since = t;
    else
        s->rate.read.until = is_date ? t + 86400.0 : nextafter(t, INFINITY);
    return 0;
}

static void add_where(RateSettings *s, const char *path, const char *value)
{
    s->where = xrealloc(s->where, (s->n_where + 1) * sizeof *s->where);
    s->where[s->n_where].path = xstrdup(path);
    s->where[s->n_where].value = xstrdup(value);
    s->n_where++;
}

static const char *time_problem = "expected epoch seconds or YYYY-MM-DD";

int rate_settings_set_text(RateSettings *s, const RateOptSpec *o,
                           const char *text, Buf *problem)
{
    RateOptId id = o->id;
    s->given |= 1u << id;
    if (!o->takes_value) {
        if (id == ROPT_STYLE_CONTROL)
            s->rate.style_control = 1;
        else if (id == ROPT_ANONY_ONLY)
            s->rate.read.anony_only = 1;
        else /* ROPT_ALL */
            s->rate.read.anony_only = 0;
        return 0;
    }
    if (is_count(id)) {
        Range r = count_range(id);
        char *end;
        errno = 0;
        long long v = strtoll(text, &end, 10);
        if (end == text || *end || errno || v < r.lo || v > r.hi)
            return bad(problem, text, "expected an integer from %lld to %lld",
                       r.lo, r.hi);
        return set_count(s, id, v);
    }
    switch (id) {
    case ROPT_METHOD:
    case ROPT_CI:
        return set_choice(s, id, text, text, problem);
    case ROPT_ANCHOR: {
        const char *eq = strrchr(text, '=');
        char *end = NULL;
        double rating = eq ? strtod(eq + 1, &end) : NAN;
        if (!eq || eq == text || end == eq + 1 || *end || !isfinite(rating))
            return bad(problem, text, "expected MODEL=RATING");
        free(s->anchor_model);
        s->anchor_model = xstrndup(text, (size_t)(eq - text));
        s->rate.anchor_rating = rating;
        s->given |= 1u << ROPT_ANCHOR_RATING;
        return 0;
    }
    case ROPT_PRELIM_DAYS: {
        char *end;
        double d = strtod(text, &end);
        if (end == text || *end)
            return bad(problem, text, "expected a non-negative number of "
                                      "days");
        return set_number(s, id, d, text, problem);
    }
    case ROPT_SINCE:
    case ROPT_UNTIL: {
        double t;
        if (parse_time_bound(text, &t) < 0)
            return bad(problem, text, "%s", time_problem);
        return set_time(s, id, t, strchr(text, '-') && text[0] != '-');
    }
    case ROPT_WHERE: {
        const char *eq = strchr(text, '=');
        if (!eq || eq == text)
            return bad(problem, text, "expected PATH=VALUE");
        char *path = xstrndup(text, (size_t)(eq - text));
        add_where(s, path, eq + 1);
        free(path);
        return 0;
    }
    case ROPT_WEIGHT_FIELD:
        return set_name(&s->weight_field, text, text, problem);
    case ROPT_BASELINE:
        return set_name(&s->baseline, text, text, problem);
    case ROPT_ANSWERS:
        return set_name(&s->answers, text, text, problem);
    default:
        return bad(problem, text, "not a command-line option");
    }
}

static const char *json_type(const cJSON *v)
{
    return cJSON_IsString(v)   ? "a string"
           : cJSON_IsNumber(v) ? "a number"
           : cJSON_IsBool(v)   ? "a boolean"
           : cJSON_IsNull(v)   ? "null"
           : cJSON_IsArray(v)  ? "an array"
                               : "an object";
}

/* where: {"dotted.path": value, ...}, values compared as by --where. */
static int set_where_json(RateSettings *s, const cJSON *v, Buf *problem)
{
    if (!cJSON_IsObject(v))
        return bad(problem, NULL, "expected an object of \"dotted.path\": "
                                  "value");
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
            return bad(problem, NULL, "expected an object of "
                                      "\"dotted.path\": value with scalar "
                                      "values");
        add_where(s, item->string, text);
    }
    return 0;
}

int rate_settings_set_json(RateSettings *s, const RateOptSpec *o,
                           const cJSON *v, Buf *problem)
{
    RateOptId id = o->id;
    s->given |= 1u << id;
    if (is_count(id)) {
        Range r = count_range(id);
        if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble) ||
            v->valuedouble < (double)r.lo || v->valuedouble > (double)r.hi)
            return bad(problem, NULL, "expected an integer from %lld to %lld",
                       r.lo, r.hi);
        return set_count(s, id, (long long)v->valuedouble);
    }
    switch (id) {
    case ROPT_STYLE_CONTROL:
    case ROPT_ANONY_ONLY:
        if (!cJSON_IsBool(v))
            return bad(problem, NULL, "expected true or false, not %s",
                       json_type(v));
        if (id == ROPT_STYLE_CONTROL)
            s->rate.style_control = cJSON_IsTrue(v);
        else
            s->rate.read.anony_only = cJSON_IsTrue(v);
        return 0;
    case ROPT_METHOD:
    case ROPT_CI:
        if (!cJSON_IsString(v))
            return set_choice(s, id, "", NULL, problem);
        return set_choice(s, id, v->valuestring, NULL, problem);
    case ROPT_ANCHOR:
    case ROPT_WEIGHT_FIELD:
    case ROPT_BASELINE:
        if (!cJSON_IsString(v))
            return bad(problem, NULL, "expected a non-empty name, not %s",
                       json_type(v));
        return set_name(id == ROPT_ANCHOR         ? &s->anchor_model
                        : id == ROPT_WEIGHT_FIELD ? &s->weight_field
                                                  : &s->baseline,
                        v->valuestring, NULL, problem);
    case ROPT_ANCHOR_RATING:
    case ROPT_PRELIM_DAYS:
        if (!cJSON_IsNumber(v))
            return bad(problem, NULL, id == ROPT_PRELIM_DAYS
                                          ? "expected a non-negative number "
                                            "of days"
                                          : "expected a number");
        return set_number(s, id, v->valuedouble, NULL, problem);
    case ROPT_SINCE:
    case ROPT_UNTIL: {
        double t;
        if (cJSON_IsNumber(v) && isfinite(v->valuedouble) &&
            v->valuedouble >= 0)
            return set_time(s, id, v->valuedouble, 0);
        if (cJSON_IsString(v) && strchr(v->valuestring, '-') &&
            v->valuestring[0] != '-' &&
            parse_time_bound(v->valuestring, &t) == 0)
            return set_time(s, id, t, 1);
        return bad(problem, NULL, "expected epoch seconds or "
                                  "\"YYYY-MM-DD\"");
    }
    case ROPT_WHERE:
        return set_where_json(s, v, problem);
    default:
        return bad(problem, NULL, "not a live.options key");
    }
}

/* ---- together ---------------------------------------------------------- */

static int culprit_is(const RateOptSpec **culprit, RateOptId id)
{
    *culprit = &rate_option_specs[id];
    return -1;
}

int rate_settings_finish(RateSettings *s, RateOptNaming naming,
                         const RateOptSpec **culprit, Buf *problem)
{
    RateOptions *r = &s->rate;
    char b[48];
#define NAME(id, buf) rate_option_name(&rate_option_specs[id], naming, buf, \
                                       sizeof buf)
    int winrate = r->method == RATE_WINRATE;
    if (winrate && !s->baseline) {
        buf_printf(problem, "missing: the win-rate method needs the "
                            "baseline model");
        return culprit_is(culprit, ROPT_BASELINE);
    }
    if (!winrate && (s->given & (1u << ROPT_BASELINE))) {
        buf_printf(problem, "goes with method winrate");
        return culprit_is(culprit, ROPT_BASELINE);
    }
    if (!winrate && (s->given & (1u << ROPT_ANSWERS))) {
        buf_printf(problem, "goes with method winrate");
        return culprit_is(culprit, ROPT_ANSWERS);
    }
    if (r->style_control && r->method == RATE_ELO) {
        buf_printf(problem, "goes with method bt or winrate, not elo");
        return culprit_is(culprit, ROPT_STYLE_CONTROL);
    }
    if (r->ci == RATE_CI_SANDWICH && r->method != RATE_BT) {
        buf_printf(problem, "sandwich intervals go with method bt (%s "
                            "intervals are bootstrap quantiles)",
                   r->method == RATE_ELO ? "elo" : "win-rate");
        return culprit_is(culprit, ROPT_CI);
    }
    if ((s->given & (1u << ROPT_WEIGHT_FIELD)) && r->method != RATE_BT) {
        buf_printf(problem, "battle weights go with method bt");
        return culprit_is(culprit, ROPT_WEIGHT_FIELD);
    }
    if (!isnan(r->read.since) && !isnan(r->read.until) &&
        r->read.until <= r->read.since) {
        buf_printf(problem, "is not after %s", NAME(ROPT_SINCE, b));
        return culprit_is(culprit, ROPT_UNTIL);
    }
#undef NAME
    r->anchor_model = s->anchor_model;
    r->baseline = s->baseline;
    r->answers = s->answers;
    r->read.weight_field = s->weight_field;
    r->read.where = s->where;
    r->read.n_where = s->n_where;
    return 0;
}

int rate_settings_from_json(RateSettings *s, unsigned applies,
                            const char *adapter, const cJSON *options,
                            const char *context, LbError *err)
{
    rate_settings_init(s, applies == ROPT_FOR_JUDGMENTS ? RATE_WINRATE
                                                          : RATE_BT);
    if (options && !cJSON_IsObject(options))
        return lb_fail(err, LB_EINPUT, "%s: expected an object", context);
    if (options && applies == 0 && options->child)
        return lb_fail(err, LB_EINPUT, "%s: the %s adapter takes no options",
                       context, adapter);
    Buf problem = BUF_INIT;
    const cJSON *item;
    int rc = 0;
    cJSON_ArrayForEach(item, options)
    {
        const RateOptSpec *o = rate_option_by_key(item->string);
        if (!o || (o->applies & ROPT_CLI_ONLY)) {
            buf_puts(&problem, "unknown option (known: ");
            int first = 1;
            for (size_t i = 0; i < ROPT_COUNT_; i++) {
                const RateOptSpec *k = &rate_option_specs[i];
                if (!k->key)
                    continue;
                buf_printf(&problem, "%s%s", first ? "" : ", ", k->key);
                first = 0;
            }
            buf_putc(&problem, ')');
        } else if (!(o->applies & applies)) {
            buf_printf(&problem, "not an option of the %s adapter (it "
                                 "belongs to %s)",
                       adapter,
                       applies == ROPT_FOR_BATTLES ? "arena-hard" : "battles");
        } else if (rate_settings_set_json(s, o, item, &problem) == 0) {
            continue;
        }
        rc = lb_fail(err, LB_EINPUT, "%s.%s: %s", context, item->string,
                     problem.data);
        break;
    }
    if (rc == 0 && applies == ROPT_FOR_BATTLES &&
        s->rate.method == RATE_WINRATE)
        rc = lb_fail(err, LB_EINPUT, "%s.method: \"winrate\" rates "
                     "judgments: use the arena-hard adapter", context);
    if (rc == 0 && applies == ROPT_FOR_JUDGMENTS && !s->baseline)
        rc = lb_fail(err, LB_EINPUT, "%s.baseline: missing: the arena-hard "
                     "adapter needs the baseline model", context);
    const RateOptSpec *culprit = NULL;
    if (rc == 0 && applies &&
        rate_settings_finish(s, ROPT_NAME_KEY, &culprit, &problem) < 0)
        rc = lb_fail(err, LB_EINPUT, "%s.%s: %s", context, culprit->key,
                     problem.data);
    buf_free(&problem);
    return rc;
}
