#include "leaderboard.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "jsonfile.h"
#include "mem.h"
#include "nameset.h"
#include "slug.h"
#include "text.h"
#include "utf8.h"

/* ---- construction ------------------------------------------------------ */

Leaderboard *leaderboard_new(const char *id, LbKind kind)
{
    Leaderboard *lb = xcalloc(1, sizeof *lb);
    lb->id = xstrdup(id);
    lb->kind = kind;
    lb->source.battles = -1;
    lb->source.seed = -1;
    lb->style_control = -1;
    lb->truncated = -1;
    return lb;
}

static void model_init(LbModel *m, const char *name)
{
    memset(m, 0, sizeof *m);
    m->model = xstrdup(name);
    m->rating = m->ci_lower = m->ci_upper = NAN;
    m->style_rating = m->style_ci_lower = m->style_ci_upper = NAN;
    m->plain_rating = m->plain_ci_lower = m->plain_ci_upper = NAN;
    m->avg_tokens = NAN;
    m->price_input = m->price_output = NAN;
    m->votes = -1;
    m->context = m->sessions = -1;
    m->hf_likes = m->hf_downloads = -1;
    m->preliminary = -1;
    m->is_new = -1;
}

LbModel *leaderboard_add_model(Leaderboard *lb, const char *name)
{
    if (lb->n_models == lb->cap_models) {
        lb->cap_models = grow_capacity(lb->cap_models, lb->n_models + 1);
        lb->models = xrealloc(lb->models, lb->cap_models * sizeof *lb->models);
    }
    LbModel *m = &lb->models[lb->n_models++];
    model_init(m, name);
    return m;
}

static void numbers_add(LbNumber **list, size_t *n, const char *name,
                        double value)
{
    *list = xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[*n].name = xstrdup(name);
    (*list)[*n].value = value;
    (*n)++;
}

void lb_model_add_score(LbModel *m, const char *name, double value)
{
    numbers_add(&m->scores, &m->n_scores, name, value);
}

void lb_source_add_style_coefficient(LbSource *s, const char *name,
                                     double value)
{
    numbers_add(&s->style_coefficients, &s->n_style_coefficients, name,
                value);
}

void lb_model_add_extra(LbModel *m, const char *name, const char *value)
{
    m->extra = xrealloc(m->extra, (m->n_extra + 1) * sizeof *m->extra);
    m->extra[m->n_extra].name = xstrdup(name);
    m->extra[m->n_extra].value = xstrdup(value);
    m->n_extra++;
}

void lb_model_add_metric(LbModel *m, const char *name, double value,
                         double ci_lower, double ci_upper)
{
    m->metrics = xrealloc(m->metrics, (m->n_metrics + 1) * sizeof *m->metrics);
    LbMetric *x = &m->metrics[m->n_metrics++];
    x->name = xstrdup(name);
    x->value = value;
    x->ci_lower = ci_lower;
    x->ci_upper = ci_upper;
}

static void numbers_free(LbNumber *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i].name);
    free(list);
}

static void model_free(LbModel *m)
{
    free(m->model);
    free(m->url);
    free(m->organization);
    free(m->license);
    free(m->first_seen);
    free(m->last_seen);
    free(m->params);
    free(m->display_name);
    numbers_free(m->scores, m->n_scores);
    for (size_t i = 0; i < m->n_metrics; i++)
        free(m->metrics[i].name);
    free(m->metrics);
    for (size_t i = 0; i < m->n_extra; i++) {
        free(m->extra[i].name);
        free(m->extra[i].value);
    }
    free(m->extra);
}

void leaderboard_free(Leaderboard *lb)
{
    if (!lb)
        return;
    for (size_t i = 0; i < lb->n_models; i++)
        model_free(&lb->models[i]);
    free(lb->models);
    free(lb->id);
    free(lb->updated_at);
    free(lb->category);
    free(lb->source.url);
    free(lb->source.adapter);
    free(lb->source.prices_url);
    free(lb->source.method);
    free(lb->source.ci);
    free(lb->source.baseline);
    numbers_free(lb->source.style_coefficients,
                 lb->source.n_style_coefficients);
    free(lb);
}

/* ---- small helpers ----------------------------------------------------- */

static const char *const kind_names[] = {"arena", "winrate", "benchmark"};

const char *lb_kind_name(LbKind kind)
{
    return kind_names[kind];
}

int lb_kind_parse(const char *text, LbKind *kind)
{
    for (int k = 0; k < 3; k++) {
        if (strcmp(text, kind_names[k]) == 0) {
            *kind = (LbKind)k;
            return 0;
        }
    }
    return -1;
}

int lb_url_is_http(const char *url)
{
    const char *rest;
    if (strncmp(url, "https://", 8) == 0)
        rest = url + 8;
    else if (strncmp(url, "http://", 7) == 0)
        rest = url + 7;
    else
        return 0;
    if (*rest == '\0' || *rest == '/' || *rest == '?' || *rest == '#')
        return 0;
    for (const char *p = url; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>'
            || *p == '\\' || *p == '`' || (unsigned char)*p == 0x7f)
            return 0;
    return 1;
}

/* ---- plausibility ------------------------------------------------------ */

#define ALL_KINDS ((1u << LB_KIND_ARENA) | (1u << LB_KIND_WINRATE) \
                   | (1u << LB_KIND_BENCHMARK))

/* The one table of plausible values. Generous: a real board is far
 * inside every range; a value outside is a broken or hostile source. */
static const LbRange lb_ranges[] = {
    {"rating", 1u << LB_KIND_ARENA, 0, 10000, "a rating (Elo scale)"},
    {"rating", 1u << LB_KIND_WINRATE, 0, 100, "a win rate (%)"},
    {"rating", 1u << LB_KIND_BENCHMARK, -1e6, 1e6, "a benchmark score"},
    {"scores", ALL_KINDS, -1e6, 1e6, "a benchmark score"},
    {"votes", ALL_KINDS, 0, 1e9, "a vote count"},
    {"rank", ALL_KINDS, 1, 1e6, "a rank"},
    {"avg_tokens", ALL_KINDS, 0, 1e6, "an average answer length (tokens)"},
    {"context_length", ALL_KINDS, 1, 1e9, "a context length (tokens)"},
    {"hf_likes", ALL_KINDS, 0, 1e9, "a like count"},
    {"hf_downloads", ALL_KINDS, 0, 1e12, "a download count"},
    {"battles", ALL_KINDS, 0, 1e12, "a battle count"},
    {"bootstrap_rounds", ALL_KINDS, 0, 1e7, "a number of bootstrap rounds"},
    {"style_coefficients", ALL_KINDS, -100, 100, "a style coefficient"},
    {"sessions", ALL_KINDS, 0, 1e9, "a session count"},
    /* Read with their own messages (read_bounded), from the same limits
     * (leaderboard.h); the context window is checked after reading. */
    {"price_input", ALL_KINDS, 0, LB_MAX_PRICE,
     "a price (USD per million tokens)"},
    {"price_output", ALL_KINDS, 0, LB_MAX_PRICE,
     "a price (USD per million tokens)"},
};

/* Fields measured on their board's rating scale. */
static const char *range_field(const char *field)
{
    static const char *const rating_like[] = {
        "ci_lower", "ci_upper", "style_rating", "style_ci_lower",
        "style_ci_upper", NULL};
    static const char *const rank_like[] = {"rank_ub", "style_rank",
                                            "rank_spread", NULL};
    for (const char *const *f = rating_like; *f; f++)
        if (strcmp(field, *f) == 0)
            return "rating";
    for (const char *const *f = rank_like; *f; f++)
        if (strcmp(field, *f) == 0)
            return "rank";
    return field;
}

const LbRange *lb_range(const char *field, LbKind kind)
{
    field = range_field(field);
    for (size_t i = 0; i < sizeof lb_ranges / sizeof lb_ranges[0]; i++)
        if ((lb_ranges[i].kinds & (1u << kind))
            && strcmp(lb_ranges[i].field, field) == 0)
            return &lb_ranges[i];
    return NULL;
}

int lb_range_check(const char *field, LbKind kind, double value,
                   char *problem, size_t size)
{
    const LbRange *r = lb_range(field, kind);
    if (!r || (value >= r->min && value <= r->max))
        return 0;
    snprintf(problem, size, "%g is outside the plausible range of %s "
             "(%g to %g)", value, r->what, r->min, r->max);
    return -1;
}

int lb_category_is_valid(const char *text)
{
    size_t n = strlen(text);
    if (n == 0 || n > 64)
        return 0;
    for (const char *p = text; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')
              || *p == '_' || *p == '-'))
            return 0;
    return 1;
}

LbVariant lb_headline_variant(const Leaderboard *lb)
{
    return lb->style_control == 1 ? LB_STYLE : LB_PLAIN;
}

int lb_variant_value(const Leaderboard *lb, const LbModel *m, LbVariant v,
                     double *rating, int *rank)
{
    if (v == lb_headline_variant(lb)) {
        *rating = m->rating;
        *rank = m->rank;
    } else if (v == LB_PLAIN) {
        *rating = m->plain_rating;
        *rank = m->plain_rank;
    } else {
        *rating = m->style_rating;
        *rank = m->style_rank;
    }
    if (isnan(*rating) && *rank == 0)
        return 0;
    return 1;
}

int lb_has_variant(const Leaderboard *lb, LbVariant v)
{
    double rating;
    int rank;
    for (size_t i = 0; i < lb->n_models; i++)
        if (lb_variant_value(lb, &lb->models[i], v, &rating, &rank))
            return 1;
    return 0;
}

/* ISO-8601 UTC in the one form lbgen writes: YYYY-MM-DDTHH:MM:SSZ. */
static int is_iso_utc(const char *s)
{
    return text_has_shape(s, "dddd-dd-ddTdd:dd:ddZ");
}

/* ---- JSON → Leaderboard ------------------------------------------------- */

/* Context for one conversion: where errors point. */
typedef struct {
    const char *name;
    char where[96]; /* "models[3]" or "source" */
    LbError *err;
    NameSet seen; /* model names so far */
    LbKind kind;  /* the board's, for the plausible ranges */
} Reader;

#define STR(x) #x
#define XSTR(x) STR(x)
#define LONGER "longer than " XSTR(LB_MAX_TEXT) " bytes"

static int bad(Reader *r, const char *field, const char *problem)
{
    return lb_fail(r->err, LB_EINPUT, "%s: %s%s%s: %s", r->name, r->where,
                   *r->where ? "." : "", field, problem);
}

/* Text that reaches pages, logs and terminals: no control characters
 * (ESC, BS, newline, a "\u0000" that cut the string short, ...). */
static int check_text(Reader *r, const char *field, const char *text)
{
    uint32_t cp;
    if (utf8_control_at(text, &cp) < 0)
        return 0;
    char problem[64];
    snprintf(problem, sizeof problem, "contains a control character (U+%04X)",
             (unsigned)cp);
    return bad(r, field, problem);
}

static int read_string(Reader *r, const cJSON *obj, const char *field,
                       char **out, int required)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
    if (!v)
        return required ? bad(r, field, "missing") : 0;
    if (!cJSON_IsString(v))
        return bad(r, field, "expected a string");
    if (v->valuestring[0] == '\0')
        return bad(r, field, required ? "must not be empty"
                                      : "is empty (leave absent fields out)");
    if (strlen(v->valuestring) > LB_MAX_TEXT)
        return bad(r, field, LONGER);
    if (check_text(r, field, v->valuestring) != 0)
        return -1;
    *out = xstrdup(v->valuestring);
    return 0;
}

static int check_range(Reader *r, const char *field, double value)
{
    char problem[200];
    if (lb_range_check(field, r->kind, value, problem, sizeof problem) != 0)
        return bad(r, field, problem);
    return 0;
}

static int read_finite(Reader *r, const cJSON *obj, const char *field,
                       double *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
    if (!v)
        return 0;
    if (!cJSON_IsNumber(v))
        return bad(r, field, "expected a number");
    if (!isfinite(v->valuedouble))
        return bad(r, field, "number out of range");
    *out = v->valuedouble;
    return 0;
}

static int read_number(Reader *r, const cJSON *obj, const char *field,
                       double *out)
{
    if (read_finite(r, obj, field, out) != 0)
        return -1;
    return isnan(*out) ? 0 : check_range(r, field, *out);
}

/* A number within [lo, hi]; `what` describes the range in the message. */
static int read_bounded(Reader *r, const cJSON *obj, const char *field,
                        double lo, double hi, const char *what, double *out)
{
    double d = NAN;
    if (read_finite(r, obj, field, &d) != 0)
        return -1;
    if (!isnan(d) && (d < lo || d > hi))
        return bad(r, field, what);
    *out = d;
    return 0;
}

static int read_integer(Reader *r, const cJSON *obj, const char *field,
                        long long min, long long *out)
{
    double d = NAN;
    if (read_finite(r, obj, field, &d) != 0)
        return -1;
    if (isnan(d))
        return 0;
    if (d != floor(d) || d < (double)min || d > 9.0e15)
        return bad(r, field, min > 0 ? "expected a positive integer"
                                     : "expected a non-negative integer");
    if (check_range(r, field, d) != 0)
        return -1;
    *out = (long long)d;
    return 0;
}

static int read_rank(Reader *r, const cJSON *obj, const char *field,
                     int *out)
{
    long long v = 0;
    if (read_integer(r, obj, field, 1, &v) != 0)
        return -1;
    *out = (int)v;
    return 0;
}

static int read_bool(Reader *r, const cJSON *obj, const char *field,
                     int *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
    if (!v)
        return 0;
    if (!cJSON_IsBool(v))
        return bad(r, field, "expected true or false");
    *out = cJSON_IsTrue(v);
    return 0;
}

static int read_numbers(Reader *r, const cJSON *obj, const char *field,
                        LbNumber **list, size_t *n)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
    if (!v)
        return 0;
    if (!cJSON_IsObject(v))
        return bad(r, field, "expected an object of numbers");
    const cJSON *item;
    cJSON_ArrayForEach(item, v)
    {
        if (!cJSON_IsNumber(item) || !isfinite(item->valuedouble))
            return bad(r, field, "every value must be a finite number");
        if (check_range(r, field, item->valuedouble) != 0)
            return -1;
        if (strlen(item->string) > LB_MAX_TEXT)
            return bad(r, field, "a name is " LONGER);
        if (check_text(r, field, item->string) != 0)
            return -1;
        numbers_add(list, n, item->string, item->valuedouble);
    }
    return 0;
}

static int read_extra(Reader *r, const cJSON *obj, LbModel *m)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "extra");
    if (!v)
        return 0;
    if (!cJSON_IsObject(v))
        return bad(r, "extra", "expected an object of strings");
    const cJSON *item;
    cJSON_ArrayForEach(item, v)
    {
        if (!cJSON_IsString(item))
            return bad(r, "extra", "every value must be a string");
        if (strlen(item->string) > LB_MAX_TEXT
            || strlen(item->valuestring) > LB_MAX_TEXT)
            return bad(r, "extra", "a name or value is " LONGER);
        if (check_text(r, "extra", item->string) != 0
            || check_text(r, "extra", item->valuestring) != 0)
            return -1;
        lb_model_add_extra(m, item->string, item->valuestring);
    }
    return 0;
}

static int read_rank_spread(Reader *r, const cJSON *obj, LbModel *m)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "rank_spread");
    if (!v)
        return 0;
    const cJSON *lo = cJSON_GetArrayItem(v, 0), *hi = cJSON_GetArrayItem(v, 1);
    if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) != 2 || !cJSON_IsNumber(lo)
        || !cJSON_IsNumber(hi) || lo->valuedouble < 1
        || lo->valuedouble > hi->valuedouble || hi->valuedouble > 1e9
        || lo->valuedouble != floor(lo->valuedouble)
        || hi->valuedouble != floor(hi->valuedouble))
        return bad(r, "rank_spread", "expected [lo, hi] with 1 <= lo <= hi");
    if (check_range(r, "rank_spread", hi->valuedouble) != 0)
        return -1;
    m->rank_spread[0] = (int)lo->valuedouble;
    m->rank_spread[1] = (int)hi->valuedouble;
    return 0;
}

static const char *const model_fields[] = {
    "model", "display_name", "url", "organization", "license", "rating",
    "ci_lower", "ci_upper", "rank", "rank_ub", "rank_spread", "votes",
    "sessions", "preliminary", "new", "style_rating", "style_ci_lower",
    "style_ci_upper", "style_rank", "plain_rating", "plain_ci_lower",
    "plain_ci_upper", "plain_rank", "avg_tokens", "first_seen", "last_seen",
    "price_input", "price_output", "context", "params", "hf_likes",
    "hf_downloads", "scores", "metrics", "extra", NULL};

static int check_known_fields(Reader *r, const cJSON *obj,
                              const char *const *known)
{
    const cJSON *item;
    cJSON_ArrayForEach(item, obj)
    {
        int found = 0;
        /* First letters first: this runs for every field of every row of
         * every snapshot a build loads. */
        for (const char *const *k = known; *k && !found; k++)
            found = (*k)[0] == item->string[0] && strcmp(item->string, *k) == 0;
        if (!found)
            return bad(r, item->string, "unknown field");
    }
    return 0;
}

static int check_interval(Reader *r, double lo, double mid, double hi,
                          const char *what)
{
    if (isnan(lo) != isnan(hi))
        return bad(r, what, "ci_lower and ci_upper go together");
    if (!isnan(lo) && lo > hi)
        return bad(r, what, "lower bound above upper bound");
    if (!isnan(lo) && !isnan(mid) && (mid < lo || mid > hi))
        return bad(r, what, "rating outside its confidence interval");
    return 0;
}

/* One metric: {name, value, ci_lower?, ci_upper?}; names once per model.
 * r->where names the metric ("models[3].metrics[1]"). */
static int read_metric(Reader *r, const cJSON *item, LbModel *m)
{
    static const char *const fields[] = {"name", "value", "ci_lower",
                                         "ci_upper", NULL};
    char *name = NULL;
    double value = NAN, lo = NAN, hi = NAN;
    if (!cJSON_IsObject(item))
        return bad(r, "", "expected an object {name, value, ci_lower, "
                          "ci_upper}");
    if (check_known_fields(r, item, fields)
        || read_string(r, item, "name", &name, 1))
        return -1;
    const char *problem = NULL;
    for (size_t i = 0; i < m->n_metrics && !problem; i++)
        if (strcmp(m->metrics[i].name, name) == 0)
            problem = "appears twice";
    int rc = problem ? 0
             : read_bounded(r, item, "value", -LB_MAX_METRIC, LB_MAX_METRIC,
                            "expected a percentage from -100 to 100", &value)
                   || read_bounded(r, item, "ci_lower", -LB_MAX_METRIC_BOUND,
                                   LB_MAX_METRIC_BOUND,
                                   "expected a percentage from -200 to 200",
                                   &lo)
                   || read_bounded(r, item, "ci_upper", -LB_MAX_METRIC_BOUND,
                                   LB_MAX_METRIC_BOUND,
                                   "expected a percentage from -200 to 200",
                                   &hi);
    if (rc == 0 && !problem) {
        if (isnan(value))
            problem = "has no value";
        else if (isnan(lo) != isnan(hi))
            problem = "needs both ci_lower and ci_upper, or neither";
        else if (!isnan(lo) && !(lo <= value && value <= hi))
            problem = "has its value outside its interval";
    }
    if (problem)
        rc = lb_fail(r->err, LB_EINPUT, "%s: %s: metric \"%s\" %s", r->name,
                     r->where, name, problem);
    if (rc == 0)
        lb_model_add_metric(m, name, value, lo, hi);
    free(name);
    return rc ? -1 : 0;
}

static int read_metrics(Reader *r, const cJSON *obj, LbModel *m)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "metrics");
    if (!v)
        return 0;
    if (!cJSON_IsArray(v))
        return bad(r, "metrics", "expected an array of {name, value, "
                                 "ci_lower, ci_upper}");
    char model_where[sizeof r->where];
    memcpy(model_where, r->where, sizeof model_where);
    size_t k = 0;
    int rc = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, v)
    {
        snprintf(r->where, sizeof r->where, "%.60s.metrics[%zu]", model_where,
                 k++);
        if ((rc = read_metric(r, item, m)) != 0)
            break;
    }
    if (rc == 0)
        memcpy(r->where, model_where, sizeof model_where);
    return rc;
}

#define PRICE_RANGE "expected USD per million tokens, from 0 to 1000000"

static int read_model_fields(Reader *r, const cJSON *obj, LbModel *m)
{
    long long rank_ub = 0, style_rank = 0, plain_rank = 0;
    if (check_known_fields(r, obj, model_fields)
        || read_string(r, obj, "display_name", &m->display_name, 0)
        || read_string(r, obj, "url", &m->url, 0)
        || read_string(r, obj, "organization", &m->organization, 0)
        || read_string(r, obj, "license", &m->license, 0)
        || read_number(r, obj, "rating", &m->rating)
        || read_number(r, obj, "ci_lower", &m->ci_lower)
        || read_number(r, obj, "ci_upper", &m->ci_upper)
        || read_rank(r, obj, "rank", &m->rank)
        || read_integer(r, obj, "rank_ub", 1, &rank_ub)
        || read_rank_spread(r, obj, m)
        || read_integer(r, obj, "votes", 0, &m->votes)
        || read_integer(r, obj, "sessions", 0, &m->sessions)
        || read_bool(r, obj, "preliminary", &m->preliminary)
        || read_bool(r, obj, "new", &m->is_new)
        || read_number(r, obj, "style_rating", &m->style_rating)
        || read_number(r, obj, "style_ci_lower", &m->style_ci_lower)
        || read_number(r, obj, "style_ci_upper", &m->style_ci_upper)
        || read_integer(r, obj, "style_rank", 1, &style_rank)
        || read_number(r, obj, "plain_rating", &m->plain_rating)
        || read_number(r, obj, "plain_ci_lower", &m->plain_ci_lower)
        || read_number(r, obj, "plain_ci_upper", &m->plain_ci_upper)
        || read_integer(r, obj, "plain_rank", 1, &plain_rank)
        || read_number(r, obj, "avg_tokens", &m->avg_tokens)
        || read_string(r, obj, "first_seen", &m->first_seen, 0)
        || read_string(r, obj, "last_seen", &m->last_seen, 0)
        || read_bounded(r, obj, "price_input", 0, LB_MAX_PRICE, PRICE_RANGE,
                        &m->price_input)
        || read_bounded(r, obj, "price_output", 0, LB_MAX_PRICE, PRICE_RANGE,
                        &m->price_output)
        || read_integer(r, obj, "context", 1, &m->context)
        || read_string(r, obj, "params", &m->params, 0)
        || read_integer(r, obj, "hf_likes", 0, &m->hf_likes)
        || read_integer(r, obj, "hf_downloads", 0, &m->hf_downloads)
        || read_numbers(r, obj, "scores", &m->scores, &m->n_scores)
        || read_metrics(r, obj, m)
        || read_extra(r, obj, m))
        return -1;
    if (m->context > LB_MAX_CONTEXT)
        return bad(r, "context", "more than 10000000000 tokens");
    m->rank_ub = (int)rank_ub;
    m->style_rank = (int)style_rank;
    m->plain_rank = plain_rank > 1000000000 ? 0 : (int)plain_rank;
    if (plain_rank > 1000000000)
        return bad(r, "plain_rank", "rank too large");
    if (m->url && !lb_url_is_http(m->url))
        return bad(r, "url", "only absolute http(s) links are allowed");
    if (check_interval(r, m->ci_lower, m->rating, m->ci_upper, "ci")
        || check_interval(r, m->style_ci_lower, m->style_rating,
                          m->style_ci_upper, "style_ci")
        || check_interval(r, m->plain_ci_lower, m->plain_rating,
                          m->plain_ci_upper, "plain_ci"))
        return -1;
    if ((m->first_seen && !is_iso_utc(m->first_seen))
        || (m->last_seen && !is_iso_utc(m->last_seen)))
        return bad(r, "first_seen/last_seen", "expected YYYY-MM-DDTHH:MM:SSZ");
    return 0;
}

static int read_model(Reader *r, const cJSON *obj, size_t index,
                      Leaderboard *lb)
{
    snprintf(r->where, sizeof r->where, "models[%zu]", index);
    if (!cJSON_IsObject(obj))
        return bad(r, "", "expected an object");
    char *name = NULL;
    if (read_string(r, obj, "model", &name, 1) != 0)
        return -1;
    size_t first;
    if (nameset_add(&r->seen, name, lb->n_models, &first)) {
        lb_fail(r->err, LB_EINPUT, "%s: %s: model \"%s\" appears twice "
                "(first as models[%zu])", r->name, r->where, name, first);
        free(name);
        return -1;
    }
    LbModel *m = leaderboard_add_model(lb, name);
    free(name);
    return read_model_fields(r, obj, m);
}

/* The twin ratings say what `rating` is not: plain_* only on a board whose
 * ratings are style-controlled, style_* only on one whose are not. */
static int check_variants(Reader *r, Leaderboard *lb)
{
    for (size_t i = 0; i < lb->n_models; i++) {
        const LbModel *m = &lb->models[i];
        int plain = !isnan(m->plain_rating) || m->plain_rank > 0;
        int style = !isnan(m->style_rating) || m->style_rank > 0;
        snprintf(r->where, sizeof r->where, "models[%zu]", i);
        if (plain && lb->style_control != 1)
            return bad(r, "plain_rating", "the rating without style control "
                       "is only kept beside style-controlled ratings "
                       "(\"style_control\": true)");
        if (style && lb->style_control == 1)
            return bad(r, "style_rating", "the ratings are already "
                       "style-controlled (\"style_control\": true)");
    }
    return 0;
}

static int read_source(Reader *r, const cJSON *obj, LbSource *s)
{
    static const char *const fields[] = {
        "url", "method", "ci", "battles", "bootstrap_rounds", "seed",
        "baseline", "style_coefficients", "adapter", "prices_url", NULL};
    snprintf(r->where, sizeof r->where, "source");
    if (!obj)
        return 0;
    if (!cJSON_IsObject(obj))
        return bad(r, "", "expected an object");
    long long rounds = 0;
    if (check_known_fields(r, obj, fields)
        || read_string(r, obj, "url", &s->url, 0)
        || read_string(r, obj, "method", &s->method, 0)
        || read_string(r, obj, "ci", &s->ci, 0)
        || read_integer(r, obj, "battles", 0, &s->battles)
        || read_integer(r, obj, "bootstrap_rounds", 0, &rounds)
        || read_integer(r, obj, "seed", 0, &s->seed)
        || read_string(r, obj, "baseline", &s->baseline, 0)
        || read_numbers(r, obj, "style_coefficients", &s->style_coefficients,
                        &s->n_style_coefficients)
        || read_string(r, obj, "adapter", &s->adapter, 0)
        || read_string(r, obj, "prices_url", &s->prices_url, 0))
        return -1;
    if (s->adapter && !lb_category_is_valid(s->adapter))
        return bad(r, "adapter", "expected an adapter name like arena-html");
    if (s->prices_url && !lb_url_is_http(s->prices_url))
        return bad(r, "prices_url", "only absolute http(s) links are allowed");
    s->bootstrap_rounds = (int)rounds;
    if (s->url && !lb_url_is_http(s->url))
        return bad(r, "url", "only absolute http(s) links are allowed");
    return 0;
}

static int read_header(Reader *r, const cJSON *json, Leaderboard **out)
{
    static const char *const fields[] = {"id", "kind", "updated_at",
                                         "category", "style_control",
                                         "truncated", "source", "models",
                                         NULL};
    char *id = NULL, *kind_text = NULL;
    LbKind kind;
    if (!cJSON_IsObject(json))
        return bad(r, "", "expected a leaderboard object");
    if (check_known_fields(r, json, fields)
        || read_string(r, json, "id", &id, 1)
        || read_string(r, json, "kind", &kind_text, 1)) {
        free(id);
        return -1;
    }
    if (!slug_valid(id)) {
        free(kind_text);
        int rc = lb_fail(r->err, LB_EINPUT, "%s: id: \"%.*s\" is not a valid "
                         "id (%s)", r->name, SLUG_MAX, id, SLUG_RULE);
        free(id);
        return rc;
    }
    int rc = lb_kind_parse(kind_text, &kind);
    free(kind_text);
    if (rc != 0) {
        free(id);
        return bad(r, "kind", "expected arena, winrate or benchmark");
    }
    *out = leaderboard_new(id, kind);
    r->kind = kind;
    free(id);
    if (read_string(r, json, "updated_at", &(*out)->updated_at, 0) != 0)
        return -1;
    if ((*out)->updated_at && !is_iso_utc((*out)->updated_at))
        return bad(r, "updated_at", "expected YYYY-MM-DDTHH:MM:SSZ");
    if (read_string(r, json, "category", &(*out)->category, 0) != 0)
        return -1;
    if ((*out)->category && !lb_category_is_valid((*out)->category))
        return bad(r, "category", "expected 1 to 64 of a-z, 0-9, '_' and "
                                  "'-'");
    return read_bool(r, json, "style_control", &(*out)->style_control)
           || read_bool(r, json, "truncated", &(*out)->truncated) ? -1 : 0;
}

Leaderboard *leaderboard_from_json(const cJSON *json, const char *name,
                                   LbError *err)
{
    Reader r = {name, "", err, NAMESET_INIT, LB_KIND_ARENA};
    Leaderboard *lb = NULL;
    if (read_header(&r, json, &lb) != 0)
        goto fail;
    if (read_source(&r, cJSON_GetObjectItemCaseSensitive(json, "source"),
                    &lb->source) != 0)
        goto fail;
    r.where[0] = '\0';
    const cJSON *models = cJSON_GetObjectItemCaseSensitive(json, "models");
    if (!cJSON_IsArray(models)) {
        bad(&r, "models", models ? "expected an array" : "missing");
        goto fail;
    }
    size_t index = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, models)
    {
        if (read_model(&r, item, index++, lb) != 0)
            goto fail;
    }
    if (check_variants(&r, lb) != 0)
        goto fail;
    nameset_free(&r.seen);
    return lb;
fail:
    nameset_free(&r.seen);
    leaderboard_free(lb);
    return NULL;
}

Leaderboard *leaderboard_load(const char *path, LbError *err)
{
    cJSON *json = json_load_file(path, err);
    if (!json)
        return NULL;
    Leaderboard *lb = leaderboard_from_json(json, path, err);
    cJSON_Delete(json);
    return lb;
}

/* ---- Leaderboard → JSON ------------------------------------------------ */

static void put_string(cJSON *obj, const char *field, const char *value)
{
    if (value)
        cJSON_AddStringToObject(obj, field, value);
}

static void put_number(cJSON *obj, const char *field, double value)
{
    if (!isnan(value))
        cJSON_AddNumberToObject(obj, field, value);
}

static void put_positive(cJSON *obj, const char *field, long long value)
{
    if (value > 0)
        cJSON_AddNumberToObject(obj, field, (double)value);
}

static void put_bool(cJSON *obj, const char *field, int value)
{
    if (value >= 0)
        cJSON_AddBoolToObject(obj, field, value);
}

static void put_numbers(cJSON *obj, const char *field, const LbNumber *list,
                        size_t n)
{
    if (n == 0)
        return;
    cJSON *o = cJSON_AddObjectToObject(obj, field);
    for (size_t i = 0; i < n; i++)
        cJSON_AddNumberToObject(o, list[i].name, list[i].value);
}

static cJSON *model_to_json(const LbModel *m)
{
    cJSON *o = cJSON_CreateObject();
    put_string(o, "model", m->model);
    put_string(o, "display_name", m->display_name);
    put_string(o, "url", m->url);
    put_string(o, "organization", m->organization);
    put_string(o, "license", m->license);
    put_number(o, "rating", m->rating);
    put_number(o, "ci_lower", m->ci_lower);
    put_number(o, "ci_upper", m->ci_upper);
    put_positive(o, "rank", m->rank);
    put_positive(o, "rank_ub", m->rank_ub);
    if (m->rank_spread[0] > 0) {
        int spread[2] = {m->rank_spread[0], m->rank_spread[1]};
        cJSON_AddItemToObject(o, "rank_spread", cJSON_CreateIntArray(spread, 2));
    }
    if (m->votes >= 0)
        cJSON_AddNumberToObject(o, "votes", (double)m->votes);
    if (m->sessions >= 0)
        cJSON_AddNumberToObject(o, "sessions", (double)m->sessions);
    put_bool(o, "preliminary", m->preliminary);
    put_bool(o, "new", m->is_new);
    put_number(o, "style_rating", m->style_rating);
    put_number(o, "style_ci_lower", m->style_ci_lower);
    put_number(o, "style_ci_upper", m->style_ci_upper);
    put_positive(o, "style_rank", m->style_rank);
    put_number(o, "plain_rating", m->plain_rating);
    put_number(o, "plain_ci_lower", m->plain_ci_lower);
    put_number(o, "plain_ci_upper", m->plain_ci_upper);
    put_positive(o, "plain_rank", m->plain_rank);
    put_number(o, "avg_tokens", m->avg_tokens);
    put_string(o, "first_seen", m->first_seen);
    put_string(o, "last_seen", m->last_seen);
    put_number(o, "price_input", m->price_input);
    put_number(o, "price_output", m->price_output);
    put_positive(o, "context", m->context);
    put_string(o, "params", m->params);
    if (m->hf_likes >= 0)
        cJSON_AddNumberToObject(o, "hf_likes", (double)m->hf_likes);
    if (m->hf_downloads >= 0)
        cJSON_AddNumberToObject(o, "hf_downloads", (double)m->hf_downloads);
    put_numbers(o, "scores", m->scores, m->n_scores);
    if (m->n_metrics) {
        cJSON *list = cJSON_AddArrayToObject(o, "metrics");
        for (size_t i = 0; i < m->n_metrics; i++) {
            cJSON *x = cJSON_CreateObject();
            put_string(x, "name", m->metrics[i].name);
            cJSON_AddNumberToObject(x, "value", m->metrics[i].value);
            put_number(x, "ci_lower", m->metrics[i].ci_lower);
            put_number(x, "ci_upper", m->metrics[i].ci_upper);
            cJSON_AddItemToArray(list, x);
        }
    }
    if (m->n_extra) {
        cJSON *x = cJSON_AddObjectToObject(o, "extra");
        for (size_t i = 0; i < m->n_extra; i++)
            cJSON_AddStringToObject(x, m->extra[i].name, m->extra[i].value);
    }
    return o;
}

static cJSON *source_to_json(const LbSource *s)
{
    cJSON *o = cJSON_CreateObject();
    put_string(o, "url", s->url);
    put_string(o, "method", s->method);
    put_string(o, "ci", s->ci);
    if (s->battles >= 0)
        cJSON_AddNumberToObject(o, "battles", (double)s->battles);
    put_positive(o, "bootstrap_rounds", s->bootstrap_rounds);
    if (s->seed >= 0)
        cJSON_AddNumberToObject(o, "seed", (double)s->seed);
    put_string(o, "baseline", s->baseline);
    put_numbers(o, "style_coefficients", s->style_coefficients,
                s->n_style_coefficients);
    put_string(o, "adapter", s->adapter);
    put_string(o, "prices_url", s->prices_url);
    return o;
}

cJSON *leaderboard_to_json(const Leaderboard *lb)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", lb->id);
    cJSON_AddStringToObject(o, "kind", lb_kind_name(lb->kind));
    put_string(o, "updated_at", lb->updated_at);
    put_string(o, "category", lb->category);
    put_bool(o, "style_control", lb->style_control);
    put_bool(o, "truncated", lb->truncated);
    cJSON *source = source_to_json(&lb->source);
    if (cJSON_GetArraySize(source) > 0)
        cJSON_AddItemToObject(o, "source", source);
    else
        cJSON_Delete(source);
    cJSON *models = cJSON_AddArrayToObject(o, "models");
    for (size_t i = 0; i < lb->n_models; i++)
        cJSON_AddItemToArray(models, model_to_json(&lb->models[i]));
    return o;
}

/* ---- CSV --------------------------------------------------------------- */

/* A text field. One that a spreadsheet would take for a formula (=, +,
 * -, @, tab or CR first: "CSV injection") gets a leading apostrophe, which
 * spreadsheets show as text; model names and the like come from the
 * internet and the download is opened by people. */
static void csv_field(Buf *out, const char *s)
{
    if (!s)
        return;
    int formula = *s && strchr("=+-@\t\r", *s) != NULL;
    if (!formula && strpbrk(s, ",\"\r\n") == NULL) {
        buf_puts(out, s);
        return;
    }
    buf_putc(out, '"');
    if (formula)
        buf_putc(out, '\'');
    for (; *s; s++) {
        if (*s == '"')
            buf_putc(out, '"');
        buf_putc(out, *s);
    }
    buf_putc(out, '"');
}

static void csv_number(Buf *out, double v)
{
    if (isnan(v))
        return;
    if (v == floor(v) && fabs(v) < 1e15) { /* as %.15g writes it, faster */
        fmt_plain_fixed(out, v, 0);
        return;
    }
    buf_printf(out, "%.15g", v);
}

static void csv_integer(Buf *out, long long v, long long absent)
{
    if (v != absent)
        buf_printf(out, "%lld", v);
}

/* Score columns come from the first model that has any: boards keep one
 * set of score keys for every row. */
static const LbModel *score_template(const Leaderboard *lb)
{
    for (size_t i = 0; i < lb->n_models; i++)
        if (lb->models[i].n_scores)
            return &lb->models[i];
    return NULL;
}

static double score_of(const LbModel *m, const char *name)
{
    for (size_t i = 0; i < m->n_scores; i++)
        if (strcmp(m->scores[i].name, name) == 0)
            return m->scores[i].value;
    return NAN;
}

/* The optional per-model fields, after the fixed columns: a column is
 * written when some model has the field, so the CSV carries everything
 * the JSON does. */
typedef enum { CSV_INT, CSV_LONG, CSV_NUMBER, CSV_BOOL, CSV_TEXT } CsvType;

typedef struct {
    const char *name;
    CsvType type;
    size_t offset;
    long long absent; /* CSV_INT, CSV_LONG, CSV_BOOL */
} CsvColumn;

static const CsvColumn csv_optional[] = {
    {"rank_ub", CSV_INT, offsetof(LbModel, rank_ub), 0},
    {"new", CSV_BOOL, offsetof(LbModel, is_new), -1},
    {"style_rating", CSV_NUMBER, offsetof(LbModel, style_rating), 0},
    {"style_ci_lower", CSV_NUMBER, offsetof(LbModel, style_ci_lower), 0},
    {"style_ci_upper", CSV_NUMBER, offsetof(LbModel, style_ci_upper), 0},
    {"style_rank", CSV_INT, offsetof(LbModel, style_rank), 0},
    {"plain_rating", CSV_NUMBER, offsetof(LbModel, plain_rating), 0},
    {"plain_ci_lower", CSV_NUMBER, offsetof(LbModel, plain_ci_lower), 0},
    {"plain_ci_upper", CSV_NUMBER, offsetof(LbModel, plain_ci_upper), 0},
    {"plain_rank", CSV_INT, offsetof(LbModel, plain_rank), 0},
    {"avg_tokens", CSV_NUMBER, offsetof(LbModel, avg_tokens), 0},
    {"first_seen", CSV_TEXT, offsetof(LbModel, first_seen), 0},
    {"last_seen", CSV_TEXT, offsetof(LbModel, last_seen), 0},
    {"params", CSV_TEXT, offsetof(LbModel, params), 0},
    {"hf_likes", CSV_LONG, offsetof(LbModel, hf_likes), -1},
    {"hf_downloads", CSV_LONG, offsetof(LbModel, hf_downloads), -1},
};
#define N_CSV_OPTIONAL (sizeof csv_optional / sizeof *csv_optional)

static int csv_present(const LbModel *m, const CsvColumn *c)
{
    const char *base = (const char *)m + c->offset;
    switch (c->type) {
    case CSV_INT: return *(const int *)base != (int)c->absent;
    case CSV_BOOL: return *(const int *)base != (int)c->absent;
    case CSV_LONG: return *(const long long *)base != c->absent;
    case CSV_NUMBER: return !isnan(*(const double *)base);
    default: return *(char *const *)base != NULL;
    }
}

static void csv_value(Buf *out, const LbModel *m, const CsvColumn *c)
{
    if (!csv_present(m, c))
        return;
    const char *base = (const char *)m + c->offset;
    switch (c->type) {
    case CSV_INT: buf_printf(out, "%d", *(const int *)base); break;
    case CSV_BOOL: buf_puts(out, *(const int *)base ? "true" : "false"); break;
    case CSV_LONG: buf_printf(out, "%lld", *(const long long *)base); break;
    case CSV_NUMBER: csv_number(out, *(const double *)base); break;
    default: csv_field(out, *(char *const *)base); break;
    }
}

static const char *extra_of(const LbModel *m, const char *name)
{
    for (size_t i = 0; i < m->n_extra; i++)
        if (strcmp(m->extra[i].name, name) == 0)
            return m->extra[i].value;
    return NULL;
}

static const LbModel *metric_template(const Leaderboard *lb)
{
    for (size_t i = 0; i < lb->n_models; i++)
        if (lb->models[i].n_metrics)
            return &lb->models[i];
    return NULL;
}

static const LbMetric *metric_of(const LbModel *m, const char *name)
{
    for (size_t i = 0; i < m->n_metrics; i++)
        if (strcmp(m->metrics[i].name, name) == 0)
            return &m->metrics[i];
    return NULL;
}

static void csv_metric_headers(Buf *out, const LbModel *mt)
{
    for (size_t k = 0; mt && k < mt->n_metrics; k++) {
        const char *suffix[] = {"", " ci_lower", " ci_upper"};
        for (int j = 0; j < 3; j++) {
            Buf h = BUF_INIT;
            buf_printf(&h, "%s%s", mt->metrics[k].name, suffix[j]);
            buf_putc(out, ',');
            csv_field(out, h.data);
            buf_free(&h);
        }
    }
}

static void csv_metric_cells(Buf *out, const LbModel *mt, const LbModel *m)
{
    for (size_t k = 0; mt && k < mt->n_metrics; k++) {
        const LbMetric *x = metric_of(m, mt->metrics[k].name);
        buf_putc(out, ',');
        csv_number(out, x ? x->value : NAN);
        buf_putc(out, ',');
        csv_number(out, x ? x->ci_lower : NAN);
        buf_putc(out, ',');
        csv_number(out, x ? x->ci_upper : NAN);
    }
}

void leaderboard_write_csv(const Leaderboard *lb, Buf *out)
{
    const LbModel *tmpl = score_template(lb);
    const LbModel *mt = metric_template(lb);
    int used[N_CSV_OPTIONAL] = {0};
    for (size_t c = 0; c < N_CSV_OPTIONAL; c++)
        for (size_t i = 0; i < lb->n_models && !used[c]; i++)
            used[c] = csv_present(&lb->models[i], &csv_optional[c]);
    /* Extra columns: every name any model has, in order of appearance. */
    const char **extras = NULL;
    size_t n_extras = 0;
    for (size_t i = 0; i < lb->n_models; i++)
        for (size_t e = 0; e < lb->models[i].n_extra; e++) {
            const char *name = lb->models[i].extra[e].name;
            size_t k = 0;
            while (k < n_extras && strcmp(extras[k], name) != 0)
                k++;
            if (k == n_extras) {
                extras = xrealloc(extras, (n_extras + 1) * sizeof *extras);
                extras[n_extras++] = name;
            }
        }
    buf_puts(out, "rank,model,rating,ci_lower,ci_upper,rank_spread_lo,"
                  "rank_spread_hi,votes,preliminary,organization,license,url,"
                  "display_name,price_input,price_output,context,sessions");
    for (size_t c = 0; c < N_CSV_OPTIONAL; c++)
        if (used[c])
            buf_printf(out, ",%s", csv_optional[c].name);
    for (size_t s = 0; tmpl && s < tmpl->n_scores; s++) {
        buf_putc(out, ',');
        csv_field(out, tmpl->scores[s].name);
    }
    csv_metric_headers(out, mt);
    for (size_t e = 0; e < n_extras; e++) {
        Buf name = BUF_INIT;
        buf_printf(&name, "extra.%s", extras[e]);
        buf_putc(out, ',');
        csv_field(out, name.data);
        buf_free(&name);
    }
    buf_puts(out, "\r\n");
    for (size_t i = 0; i < lb->n_models; i++) {
        const LbModel *m = &lb->models[i];
        csv_integer(out, m->rank, 0);
        buf_putc(out, ',');
        csv_field(out, m->model);
        buf_putc(out, ',');
        csv_number(out, m->rating);
        buf_putc(out, ',');
        csv_number(out, m->ci_lower);
        buf_putc(out, ',');
        csv_number(out, m->ci_upper);
        buf_putc(out, ',');
        csv_integer(out, m->rank_spread[0], 0);
        buf_putc(out, ',');
        csv_integer(out, m->rank_spread[1], 0);
        buf_putc(out, ',');
        csv_integer(out, m->votes, -1);
        buf_putc(out, ',');
        if (m->preliminary >= 0)
            buf_puts(out, m->preliminary ? "true" : "false");
        buf_putc(out, ',');
        csv_field(out, m->organization);
        buf_putc(out, ',');
        csv_field(out, m->license);
        buf_putc(out, ',');
        csv_field(out, m->url);
        buf_putc(out, ',');
        csv_field(out, m->display_name);
        buf_putc(out, ',');
        csv_number(out, m->price_input);
        buf_putc(out, ',');
        csv_number(out, m->price_output);
        buf_putc(out, ',');
        csv_integer(out, m->context, -1);
        buf_putc(out, ',');
        csv_integer(out, m->sessions, -1);
        for (size_t c = 0; c < N_CSV_OPTIONAL; c++) {
            if (!used[c])
                continue;
            buf_putc(out, ',');
            csv_value(out, m, &csv_optional[c]);
        }
        for (size_t s = 0; tmpl && s < tmpl->n_scores; s++) {
            buf_putc(out, ',');
            csv_number(out, score_of(m, tmpl->scores[s].name));
        }
        csv_metric_cells(out, mt, m);
        for (size_t e = 0; e < n_extras; e++) {
            buf_putc(out, ',');
            csv_field(out, extra_of(m, extras[e]));
        }
        buf_puts(out, "\r\n");
    }
    free(extras);
}

/* ---- ordering ---------------------------------------------------------- */

static int compare_by_rating(const LbModel *a, const LbModel *b)
{
    int a_has = !isnan(a->rating), b_has = !isnan(b->rating);
    if (a_has != b_has)
        return b_has - a_has;
    if (a_has && a->rating != b->rating)
        return a->rating > b->rating ? -1 : 1;
    return strcmp(a->model, b->model);
}

/* qsort is not stable; a plain merge sort on a scratch array is, and keeps
 * this O(n log n) and obvious. */
static void merge_sort(LbModel *v, LbModel *tmp, size_t n)
{
    if (n < 2)
        return;
    size_t half = n / 2;
    merge_sort(v, tmp, half);
    merge_sort(v + half, tmp, n - half);
    size_t i = 0, j = half, k = 0;
    while (i < half && j < n)
        tmp[k++] = compare_by_rating(&v[j], &v[i]) < 0 ? v[j++] : v[i++];
    while (i < half)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

void leaderboard_sort_by_rating(Leaderboard *lb)
{
    LbModel *tmp = xmalloc(lb->n_models * sizeof *tmp);
    merge_sort(lb->models, tmp, lb->n_models);
    free(tmp);
}
