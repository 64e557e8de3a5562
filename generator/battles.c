#include "battles.h"

#include <errno.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "hash.h"
#include "jsonscan.h"
#include "leaderboard.h"
#include "mem.h"
#include "parallel.h"
#include "rate_bt.h"

/* ---- storage ----------------------------------------------------------- */

void battles_init(Battles *bt)
{
    memset(bt, 0, sizeof *bt);
}

void battles_free(Battles *bt)
{
    free(bt->a);
    free(bt->b);
    free(bt->outcome);
    free(bt->tstamp);
    free(bt->style);
    free(bt->weight);
    for (size_t i = 0; i < bt->n_models; i++)
        free(bt->names[i]);
    free(bt->names);
    free(bt->slots);
    battles_init(bt);
}

static uint64_t hash_name(const char *s, size_t len)
{
    return hash_fnv1a64(s, len);
}

static void rehash(Battles *bt, size_t n_slots)
{
    free(bt->slots);
    bt->slots = xcalloc(n_slots, sizeof *bt->slots);
    bt->n_slots = n_slots;
    for (size_t id = 0; id < bt->n_models; id++) {
        const char *name = bt->names[id];
        size_t i = hash_name(name, strlen(name)) & (n_slots - 1);
        while (bt->slots[i])
            i = (i + 1) & (n_slots - 1);
        bt->slots[i] = (uint32_t)id + 1;
    }
}

/* Slot where `name` lives or would be inserted. */
static size_t find_slot(const Battles *bt, const char *name, size_t len)
{
    size_t i = hash_name(name, len) & (bt->n_slots - 1);
    for (;;) {
        uint32_t s = bt->slots[i];
        if (!s)
            return i;
        const char *have = bt->names[s - 1];
        if (strncmp(have, name, len) == 0 && have[len] == '\0')
            return i;
        i = (i + 1) & (bt->n_slots - 1);
    }
}

uint32_t battles_model_id(Battles *bt, const char *name, size_t len)
{
    if (bt->n_slots == 0)
        rehash(bt, 64);
    size_t i = find_slot(bt, name, len);
    if (bt->slots[i])
        return bt->slots[i] - 1;
    if (bt->n_models == bt->cap_models) {
        bt->cap_models = grow_capacity(bt->cap_models, bt->n_models + 1);
        bt->names = xrealloc(bt->names, bt->cap_models * sizeof *bt->names);
    }
    uint32_t id = (uint32_t)bt->n_models++;
    bt->names[id] = xstrndup(name, len);
    bt->slots[i] = id + 1;
    if (bt->n_models * 2 > bt->n_slots)
        rehash(bt, bt->n_slots * 2);
    return id;
}

long battles_find_model(const Battles *bt, const char *name)
{
    if (bt->n_slots == 0)
        return -1;
    size_t i = find_slot(bt, name, strlen(name));
    return bt->slots[i] ? (long)bt->slots[i] - 1 : -1;
}

void battles_enable_style(Battles *bt)
{
    if (!bt->style)
        bt->style = xcalloc((bt->cap ? bt->cap : 1) * STYLE_FEATURES,
                            sizeof *bt->style);
}

void battles_push(Battles *bt, uint32_t a, uint32_t b, BattleOutcome outcome,
                  double tstamp, const double *style)
{
    if (bt->n == bt->cap) {
        size_t cap = grow_capacity(bt->cap, bt->n + 1);
        bt->a = xrealloc(bt->a, cap * sizeof *bt->a);
        bt->b = xrealloc(bt->b, cap * sizeof *bt->b);
        bt->outcome = xrealloc(bt->outcome, cap);
        bt->tstamp = xrealloc(bt->tstamp, cap * sizeof *bt->tstamp);
        if (bt->style)
            bt->style = xrealloc(bt->style,
                                 cap * STYLE_FEATURES * sizeof *bt->style);
        if (bt->weight)
            bt->weight = xrealloc(bt->weight, cap * sizeof *bt->weight);
        bt->cap = cap;
    }
    bt->a[bt->n] = a;
    bt->b[bt->n] = b;
    bt->outcome[bt->n] = (uint8_t)outcome;
    bt->tstamp[bt->n] = tstamp;
    if (bt->style) {
        for (int k = 0; k < STYLE_FEATURES; k++)
            bt->style[bt->n * STYLE_FEATURES + k] = style ? style[k] : 0.0;
    }
    if (bt->weight)
        bt->weight[bt->n] = 1.0;
    bt->n++;
}

void battles_set_weight(Battles *bt, double weight)
{
    if (bt->n == 0)
        return;
    if (!bt->weight) {
        bt->weight = xmalloc((bt->cap ? bt->cap : 1) * sizeof *bt->weight);
        for (size_t k = 0; k < bt->n; k++)
            bt->weight[k] = 1.0;
    }
    bt->weight[bt->n - 1] = weight;
}

/* ---- filters ----------------------------------------------------------- */

int battle_where_parse(const char *text, BattleWhere *out, LbError *err)
{
    const char *eq = strchr(text, '=');
    if (!eq || eq == text)
        return lb_fail(err, LB_EUSAGE,
                       "--where expects PATH=VALUE, got '%s'", text);
    out->path = xstrndup(text, (size_t)(eq - text));
    out->value = xstrdup(eq + 1);
    return 0;
}

void battle_where_free(BattleWhere *w)
{
    free(w->path);
    free(w->value);
    w->path = w->value = NULL;
}

int parse_time_bound(const char *text, double *out)
{
    int y, m, d;
    char tail;
    if (sscanf(text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
        strlen(text) == 10 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
        struct tm tm = {0};
        tm.tm_year = y - 1900;
        tm.tm_mon = m - 1;
        tm.tm_mday = d;
        time_t t = timegm(&tm);
        struct tm back;
        gmtime_r(&t, &back);
        if (back.tm_mday != d) /* 2025-02-30 */
            return -1;
        *out = (double)t;
        return 0;
    }
    char *end;
    double v = strtod(text, &end);
    if (end == text || *end || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

/* ---- text checks ------------------------------------------------------- */

int text_has_control(const char *text, size_t len, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)text;
    for (size_t i = 0; i < len; i++) {
        if (p[i] < 0x20 || p[i] == 0x7F) {
            *cp = p[i];
            return 1;
        }
        /* U+0080-U+009F: C2 80 .. C2 9F */
        if (p[i] == 0xC2 && i + 1 < len && p[i + 1] >= 0x80 &&
            p[i + 1] <= 0x9F) {
            *cp = p[i + 1];
            return 1;
        }
    }
    return 0;
}

static int digits_at(const char *s, size_t len, size_t at, int n, int *out)
{
    if (at + (size_t)n > len)
        return 0;
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = s[at + (size_t)i];
        if (c < '0' || c > '9')
            return 0;
        v = v * 10 + (c - '0');
    }
    *out = v;
    return 1;
}

int parse_iso8601(const char *s, size_t len, double *out)
{
    int y, mo, d, h = 0, mi = 0, sec = 0;
    if (!digits_at(s, len, 0, 4, &y) || len < 10 || s[4] != '-' ||
        !digits_at(s, len, 5, 2, &mo) || s[7] != '-' ||
        !digits_at(s, len, 8, 2, &d) || mo < 1 || mo > 12 || d < 1 ||
        d > 31)
        return -1;
    size_t at = 10;
    double frac = 0;
    if (at < len && (s[at] == 'T' || s[at] == ' ')) {
        if (!digits_at(s, len, at + 1, 2, &h) || at + 3 >= len ||
            s[at + 3] != ':' || !digits_at(s, len, at + 4, 2, &mi) ||
            h > 23 || mi > 59)
            return -1;
        at += 6;
        if (at < len && s[at] == ':') {
            if (!digits_at(s, len, at + 1, 2, &sec) || sec > 60)
                return -1;
            at += 3;
            if (at < len && (s[at] == '.' || s[at] == ',')) {
                double scale = 0.1;
                size_t start = ++at;
                while (at < len && s[at] >= '0' && s[at] <= '9') {
                    frac += (s[at] - '0') * scale;
                    scale /= 10;
                    at++;
                }
                if (at == start)
                    return -1;
            }
        }
    }
    int offset = 0; /* minutes east of UTC */
    if (at < len && s[at] == 'Z') {
        at++;
    } else if (at < len && (s[at] == '+' || s[at] == '-')) {
        int oh, om = 0;
        int sign = s[at] == '-' ? -1 : 1;
        if (!digits_at(s, len, at + 1, 2, &oh) || oh > 23)
            return -1;
        at += 3;
        if (at < len && s[at] == ':')
            at++;
        if (at < len) {
            if (!digits_at(s, len, at, 2, &om) || om > 59)
                return -1;
            at += 2;
        }
        offset = sign * (oh * 60 + om);
    }
    if (at != len)
        return -1;
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    time_t t = timegm(&tm);
    struct tm back;
    gmtime_r(&t, &back);
    if (back.tm_mday != d) /* 2025-02-30 */
        return -1;
    *out = (double)t + h * 3600.0 + mi * 60.0 + sec + frac - offset * 60.0;
    return 0;
}

/* ---- the record reader ------------------------------------------------- */

/* What a value at a known place means to us. */
typedef enum {
    ROLE_NONE,
    ROLE_MODEL_A,
    ROLE_MODEL_B,
    ROLE_WINNER,
    ROLE_ANONY,
    ROLE_TSTAMP,
    ROLE_TIMESTAMP,
    ROLE_WEIGHT,
    ROLE_CONV_META,
    ROLE_STYLE,     /* + index 0..7: a count, or an object of counts */
    ROLE_STYLE_ADD = ROLE_STYLE + 8 /* + index: one count inside it */
} Role;

/* conv_metadata fields, in the public arena's order (a then b). */
static const char *const style_keys[8] = {
    "sum_assistant_a_tokens", "header_count_a", "list_count_a",
    "bold_count_a",           "sum_assistant_b_tokens", "header_count_b",
    "list_count_b",           "bold_count_b"};

typedef struct {
    JsonScan *sc;
    const BattleReadOptions *opt;
    Battles *bt;
    const char *weight_key;
    size_t weight_key_len;
    long long record_base; /* records before the first one read here */
    int models_exceeded;   /* stopped: more than RATE_MAX_MODELS names */
    Buf scratch, text, path, name_a, name_b;
    /* The record being read. */
    uint64_t start;
    int has_a, has_b, has_winner, anony, has_tstamp, has_timestamp;
    int has_weight;
    BattleOutcome outcome;
    double tstamp, timestamp, weight;
    double style[8];
    unsigned style_seen;
    unsigned char *where_ok;
} Reader;

static const char *role_name(Role role)
{
    switch (role) {
    case ROLE_MODEL_A: return "model_a";
    case ROLE_MODEL_B: return "model_b";
    case ROLE_WINNER: return "winner";
    case ROLE_ANONY: return "anony";
    case ROLE_TSTAMP: return "tstamp";
    case ROLE_TIMESTAMP: return "timestamp";
    case ROLE_WEIGHT: return "weight";
    case ROLE_CONV_META: return "conv_metadata";
    default: return "conv_metadata count";
    }
}

static int wrong_type(Reader *r, uint64_t at, Role role, const char *want)
{
    if (role == ROLE_WEIGHT)
        return json_scan_fail_at(r->sc, at, "%s (the battle weight) must be "
                                 "%s", r->weight_key, want);
    if (role >= ROLE_STYLE)
        return json_scan_fail_at(
            r->sc, at, "conv_metadata.%s must be %s",
            style_keys[(role - ROLE_STYLE) % 8], want);
    return json_scan_fail_at(r->sc, at, "%s must be %s", role_name(role),
                             want);
}

static inline int key_is(const char *key, size_t len, const char *want,
                         size_t want_len)
{
    return len == want_len && memcmp(key, want, len) == 0;
}

static Role child_role(const Reader *r, Role parent, const char *key,
                       size_t len, int depth)
{
    if (depth == 0) {
        /* Most keys differ in length from the few we look for. */
        switch (len) {
        case 5:
            return key_is(key, len, "anony", 5) ? ROLE_ANONY : ROLE_NONE;
        case 6:
            if (key_is(key, len, "winner", 6))
                return ROLE_WINNER;
            if (key_is(key, len, "tstamp", 6))
                return ROLE_TSTAMP;
            break;
        case 7:
            if (key_is(key, len, "model_a", 7))
                return ROLE_MODEL_A;
            if (key_is(key, len, "model_b", 7))
                return ROLE_MODEL_B;
            break;
        case 9:
            if (key_is(key, len, "timestamp", 9))
                return ROLE_TIMESTAMP;
            break;
        case 13:
            if (key_is(key, len, "conv_metadata", 13))
                return r->opt->want_style ? ROLE_CONV_META : ROLE_NONE;
            break;
        default:
            break;
        }
        if (key_is(key, len, r->weight_key, r->weight_key_len))
            return ROLE_WEIGHT;
        return ROLE_NONE;
    }
    if (parent == ROLE_CONV_META) {
        for (int i = 0; i < 8; i++)
            if (key_is(key, len, style_keys[i], strlen(style_keys[i])))
                return (Role)(ROLE_STYLE + i);
        return ROLE_NONE;
    }
    if (parent >= ROLE_STYLE && parent < ROLE_STYLE_ADD)
        return (Role)(ROLE_STYLE_ADD + (parent - ROLE_STYLE));
    return ROLE_NONE;
}

/* Does any --where path equal (exact) or continue (descend) `path`? */
static void where_interest(const Reader *r, int *exact, int *descend)
{
    *exact = *descend = 0;
    const Buf *p = &r->path;
    for (size_t i = 0; i < r->opt->n_where; i++) {
        const char *w = r->opt->where[i].path;
        size_t wl = strlen(w);
        if (wl < p->len || memcmp(w, p->data, p->len) != 0)
            continue;
        if (wl == p->len)
            *exact = 1;
        else if (w[p->len] == '.')
            *descend = 1;
    }
}

/* Records which --where filters the scalar at r->path satisfies. `type`
 * is the JSON type; text/number/literal hold the value. */
static void where_compare(Reader *r, int type, const char *text,
                          double number, int literal)
{
    for (size_t i = 0; i < r->opt->n_where; i++) {
        const BattleWhere *w = &r->opt->where[i];
        if (strlen(w->path) != r->path.len ||
            memcmp(w->path, r->path.data, r->path.len) != 0)
            continue;
        int match = 0;
        if (type == JSON_STRING) {
            match = strcmp(text, w->value) == 0;
        } else if (type == JSON_NUMBER) {
            char *end;
            double v = strtod(w->value, &end);
            match = end != w->value && *end == '\0' && v == number;
        } else if (literal == 1) {
            match = strcmp(w->value, "true") == 0;
        } else if (literal == 0) {
            match = strcmp(w->value, "false") == 0;
        } else {
            match = strcmp(w->value, "null") == 0;
        }
        if (match)
            r->where_ok[i] = 1;
    }
}

static int parse_winner(Reader *r, uint64_t at)
{
    const char *w = r->text.data;
    if (strcmp(w, "model_a") == 0)
        r->outcome = OUTCOME_A;
    else if (strcmp(w, "model_b") == 0)
        r->outcome = OUTCOME_B;
    else if (strcmp(w, "tie") == 0)
        r->outcome = OUTCOME_TIE;
    else if (strcmp(w, "tie (bothbad)") == 0 || strcmp(w, "both_bad") == 0)
        r->outcome = OUTCOME_BOTHBAD;
    else
        return json_scan_fail_at(r->sc, at,
                                 "unknown winner \"%.80s\" (expected "
                                 "model_a, model_b, tie, tie (bothbad) or "
                                 "both_bad)",
                                 w);
    r->has_winner = 1;
    return 0;
}

static int read_value(Reader *r, Role role, int depth);

static int read_members(Reader *r, Role role, int depth)
{
    if (depth > JSON_SCAN_MAX_DEPTH)
        return json_scan_fail(r->sc, "nesting deeper than %d levels",
                              JSON_SCAN_MAX_DEPTH);
    if (json_scan_object_begin(r->sc) < 0)
        return -1;
    int first = 1, more;
    size_t path_len = r->path.len;
    const char *key;
    size_t key_len;
    while ((more = json_scan_object_next_view(r->sc, &first, &r->scratch,
                                              &key, &key_len)) > 0) {
        Role child = child_role(r, role, key, key_len, depth);
        if (r->opt->n_where) {
            if (path_len)
                buf_putc(&r->path, '.');
            buf_append(&r->path, key, key_len);
        }
        int rc = read_value(r, child, depth + 1);
        if (r->opt->n_where) {
            r->path.len = path_len;
            if (r->path.data)
                r->path.data[path_len] = '\0';
        }
        if (rc < 0)
            return -1;
    }
    return more;
}

static int use_name(Reader *r, Role role, uint64_t at, Buf *into)
{
    uint32_t cp;
    if (r->text.len == 0)
        return json_scan_fail_at(r->sc, at, "%s must be a non-empty name",
                                 role_name(role));
    if (r->text.len > LB_MAX_TEXT)
        return json_scan_fail_at(r->sc, at, "%s is longer than %d bytes",
                                 role_name(role), LB_MAX_TEXT);
    if (text_has_control(r->text.data, r->text.len, &cp))
        return json_scan_fail_at(r->sc, at, "%s contains the control "
                                 "character U+%04X (model names must be "
                                 "printable)", role_name(role), cp);
    buf_clear(into);
    buf_append(into, r->text.data, r->text.len);
    return 0;
}

static int time_in_range(Reader *r, uint64_t at, Role role, double v)
{
    /* 1970 up to the end of 9999: dates lbgen can write (YYYY-...). */
    if (!(v >= 0 && v < BATTLE_TSTAMP_END))
        return json_scan_fail_at(r->sc, at, "%s out of range (%s 1970, "
                                 "before year 10000)", role_name(role),
                                 role == ROLE_TSTAMP ? "seconds since"
                                                     : "from");
    return 0;
}

static int use_string(Reader *r, Role role, uint64_t at)
{
    switch (role) {
    case ROLE_MODEL_A:
        r->has_a = 1;
        return use_name(r, role, at, &r->name_a);
    case ROLE_MODEL_B:
        r->has_b = 1;
        return use_name(r, role, at, &r->name_b);
    case ROLE_WINNER:
        return parse_winner(r, at);
    case ROLE_NONE:
        return 0;
    case ROLE_TIMESTAMP: {
        double t;
        if (parse_iso8601(r->text.data, r->text.len, &t) < 0)
            return json_scan_fail_at(r->sc, at, "timestamp \"%.60s\" is not "
                                     "an ISO-8601 date and time "
                                     "(YYYY-MM-DDTHH:MM:SS[.fff][Z|+HH:MM])",
                                     r->text.data);
        if (time_in_range(r, at, role, t) < 0)
            return -1;
        r->timestamp = t;
        r->has_timestamp = 1;
        return 0;
    }
    case ROLE_ANONY:
        return wrong_type(r, at, role, "true or false");
    case ROLE_TSTAMP:
    case ROLE_WEIGHT:
        return wrong_type(r, at, role, "a number");
    case ROLE_CONV_META:
        return wrong_type(r, at, role, "an object");
    default:
        return wrong_type(r, at, role, "a number or an object of numbers");
    }
}

/* A style count: a finite number from 0 to STYLE_COUNT_MAX (alone, or the
 * sum of an object's counts). */
static int check_count(Reader *r, uint64_t at, int index, double v)
{
    if (v < 0)
        return json_scan_fail_at(r->sc, at, "conv_metadata.%s: negative "
                                 "count %.15g", style_keys[index], v);
    if (!(v <= STYLE_COUNT_MAX))
        return json_scan_fail_at(r->sc, at, "conv_metadata.%s: count %.15g "
                                 "is above %.0e", style_keys[index], v,
                                 STYLE_COUNT_MAX);
    return 0;
}

static int use_number(Reader *r, Role role, uint64_t at, double v)
{
    if (role == ROLE_TSTAMP || role == ROLE_TIMESTAMP) {
        if (time_in_range(r, at, role, v) < 0)
            return -1;
        if (role == ROLE_TSTAMP) {
            r->tstamp = v;
            r->has_tstamp = 1;
        } else {
            r->timestamp = v;
            r->has_timestamp = 1;
        }
        return 0;
    }
    if (role == ROLE_WEIGHT) {
        if (!(v > 0 && v <= BATTLE_WEIGHT_MAX))
            return json_scan_fail_at(r->sc, at, "%s (the battle weight) "
                                     "must be above 0 and at most %.0e, "
                                     "not %.15g", r->weight_key,
                                     BATTLE_WEIGHT_MAX, v);
        r->weight = v;
        r->has_weight = 1;
        return 0;
    }
    if (role >= ROLE_STYLE && role < ROLE_STYLE_ADD) {
        int k = role - ROLE_STYLE;
        if (check_count(r, at, k, v) < 0)
            return -1;
        r->style[k] = v;
        r->style_seen |= 1u << k;
        return 0;
    }
    if (role >= ROLE_STYLE_ADD) {
        int k = role - ROLE_STYLE_ADD;
        if (check_count(r, at, k, v) < 0 ||
            check_count(r, at, k, r->style[k] + v) < 0)
            return -1;
        r->style[k] += v;
        return 0;
    }
    if (role == ROLE_NONE)
        return 0;
    return wrong_type(r, at, role,
                      role == ROLE_ANONY ? "true or false"
                      : role == ROLE_CONV_META ? "an object"
                                               : "a string");
}

static int read_value(Reader *r, Role role, int depth)
{
    int exact = 0, descend = 0;
    if (r->opt->n_where)
        where_interest(r, &exact, &descend);
    if (role == ROLE_NONE && !exact && !descend)
        return json_scan_pass(r->sc);
    int type = json_scan_value_type(r->sc);
    uint64_t at = json_scan_offset(r->sc);
    switch (type) {
    case JSON_END:
        return json_scan_fail(r->sc, "expected a value, found end of input");
    case JSON_STRING:
        buf_clear(&r->text);
        buf_append(&r->text, "", 0); /* data never NULL, even for "" */
        if (json_scan_string(r->sc, &r->text) < 0)
            return -1;
        if (exact)
            where_compare(r, type, r->text.data, 0, 0);
        return use_string(r, role, at);
    case JSON_NUMBER: {
        double v;
        if (json_scan_number(r->sc, &v) < 0)
            return -1;
        if (exact)
            where_compare(r, type, NULL, v, 0);
        return use_number(r, role, at, v);
    }
    case JSON_TRUE:
    case JSON_FALSE:
    case JSON_NULL: {
        int lit;
        if (json_scan_literal(r->sc, &lit) < 0)
            return -1;
        if (exact)
            where_compare(r, type, NULL, 0, lit);
        if (role == ROLE_NONE)
            return 0;
        if (role == ROLE_ANONY && lit >= 0) {
            r->anony = lit;
            return 0;
        }
        if (role == ROLE_MODEL_A || role == ROLE_MODEL_B ||
            role == ROLE_WINNER)
            return wrong_type(r, at, role, "a string");
        if (lit < 0)
            return 0; /* null counts as absent */
        return wrong_type(r, at, role,
                          role == ROLE_TSTAMP || role == ROLE_WEIGHT
                              ? "a number"
                          : role == ROLE_TIMESTAMP ? "a string or a number"
                          : role == ROLE_CONV_META ? "an object"
                                                   : "a number or an object "
                                                     "of numbers");
    }
    case JSON_OBJECT:
        if (role == ROLE_CONV_META ||
            (role >= ROLE_STYLE && role < ROLE_STYLE_ADD)) {
            if (role != ROLE_CONV_META) {
                r->style[role - ROLE_STYLE] = 0;
                r->style_seen |= 1u << (role - ROLE_STYLE);
            }
            return read_members(r, role, depth);
        }
        if (role != ROLE_NONE)
            return wrong_type(r, at, role,
                              role == ROLE_ANONY ? "true or false"
                              : role == ROLE_TSTAMP || role == ROLE_WEIGHT
                                  ? "a number"
                              : role == ROLE_TIMESTAMP ? "a string or a number"
                                                       : "a string");
        if (descend)
            return read_members(r, ROLE_NONE, depth);
        return json_scan_pass(r->sc);
    case JSON_ARRAY:
        if (role != ROLE_NONE)
            return wrong_type(r, at, role, "a scalar, not an array");
        return json_scan_pass(r->sc);
    default:
        return -1;
    }
}

/* Applies the filters and appends the record when it passes. */
static int finish_record(Reader *r)
{
    Battles *bt = r->bt;
    if (!r->has_a || !r->has_b || !r->has_winner)
        return json_scan_fail_at(r->sc, r->start, "missing %s",
                                 !r->has_a   ? "model_a"
                                 : !r->has_b ? "model_b"
                                             : "winner");
    if (r->opt->anony_only && r->anony != 1) {
        bt->not_anony++;
        return 0;
    }
    for (size_t i = 0; i < r->opt->n_where; i++) {
        if (!r->where_ok[i]) {
            bt->where_rejected++;
            return 0;
        }
    }
    const BattleReadOptions *o = r->opt;
    double t = r->has_tstamp ? r->tstamp
               : r->has_timestamp ? r->timestamp
                                  : NAN;
    if (!isnan(o->since) || !isnan(o->until)) {
        if (isnan(t) || (!isnan(o->since) && t < o->since) ||
            (!isnan(o->until) && t >= o->until)) {
            bt->time_rejected++;
            return 0;
        }
    }
    if (r->name_a.len == r->name_b.len &&
        memcmp(r->name_a.data, r->name_b.data, r->name_a.len) == 0) {
        bt->self_battles++;
        return 0;
    }
    double features[STYLE_FEATURES];
    if (o->want_style) {
        if ((r->style_seen & 0xFF) != 0xFF) {
            int missing = 0;
            while (r->style_seen & (1u << missing))
                missing++;
            return json_scan_fail_at(r->sc, r->start,
                                     "style control needs "
                                     "conv_metadata.%s",
                                     style_keys[missing]);
        }
        for (int k = 0; k < STYLE_FEATURES; k++) {
            double xa = r->style[k], xb = r->style[k + 4];
            features[k] = (xa - xb) / (xa + xb + 1.0);
        }
    }
    uint32_t a = battles_model_id(bt, r->name_a.data, r->name_a.len);
    uint32_t b = battles_model_id(bt, r->name_b.data, r->name_b.len);
    if (bt->n_models > RATE_MAX_MODELS) {
        r->models_exceeded = 1;
        return json_scan_fail_at(r->sc, r->start, "more than %d models; the "
                                 "ratings engine takes at most %d",
                                 RATE_MAX_MODELS, RATE_MAX_MODELS);
    }
    battles_push(bt, a, b, r->outcome, t, o->want_style ? features : NULL);
    long long record = bt->records;
    uint64_t at = r->start;
    if (r->has_weight) {
        battles_set_weight(bt, r->weight);
        bt->weighted++;
        if (!bt->first_weighted) {
            bt->first_weighted = record;
            bt->first_weighted_at = at;
        }
    } else if (!bt->first_unweighted) {
        bt->first_unweighted = record;
        bt->first_unweighted_at = at;
    }
    return 0;
}

/* Counts a new record and clears what the last one left. */
static void begin_record(Reader *r)
{
    Battles *bt = r->bt;
    bt->records++;
    r->sc->context = NULL;
    r->sc->context_label = "record";
    r->sc->context_record = r->record_base + bt->records;
    r->start = json_scan_offset(r->sc);
    r->has_a = r->has_b = r->has_winner = r->has_tstamp = 0;
    r->has_timestamp = r->has_weight = 0;
    r->anony = -1;
    r->style_seen = 0;
    memset(r->style, 0, sizeof r->style);
    if (r->opt->n_where) {
        memset(r->where_ok, 0, r->opt->n_where);
        buf_clear(&r->path);
    }
}

static int read_record(Reader *r)
{
    begin_record(r);
    if (json_scan_value_type(r->sc) != JSON_OBJECT)
        return json_scan_fail(r->sc, "a battle must be a JSON object");
    if (read_members(r, ROLE_NONE, 0) < 0)
        return -1;
    return finish_record(r);
}

static void reader_init(Reader *r, JsonScan *sc, const BattleReadOptions *opt,
                        Battles *bt)
{
    memset(r, 0, sizeof *r);
    r->sc = sc;
    r->opt = opt;
    r->bt = bt;
    r->weight_key = opt->weight_field ? opt->weight_field : "weight";
    r->weight_key_len = strlen(r->weight_key);
    r->where_ok = xcalloc(opt->n_where + 1, 1);
    if (opt->want_style)
        battles_enable_style(bt);
}

static void reader_free(Reader *r)
{
    free(r->where_ok);
    buf_free(&r->scratch);
    buf_free(&r->text);
    buf_free(&r->path);
    buf_free(&r->name_a);
    buf_free(&r->name_b);
}

/* ---- the fast path for one line ---------------------------------------- */

/* A line of JSON Lines is entirely in memory, so the common record can be
 * read with plain pointers: no block refills, whitespace inline, keys
 * compared in place, strings scanned eight bytes at a time, objects and
 * arrays no role reads skimmed sixty-four at a time (json_skim). The
 * fast path validates exactly what the scanner validates, but makes no
 * messages: on anything it does not handle (an error, an escape in a name,
 * --where filters) it gives up and the record is read again by the scanner,
 * which then names the problem. So results and messages are those of the
 * scanner, only sooner. */

#define FAST_MAX_DEPTH 200 /* below JSON_SCAN_MAX_DEPTH: the scanner judges */

typedef const unsigned char *Ptr;

static inline Ptr fast_ws(Ptr p, Ptr end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
        p++;
    return p;
}

static inline int hex_digit(int c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

static inline unsigned hex_value(int c)
{
    return c <= '9' ? (unsigned)(c - '0') : (unsigned)((c | 0x20) - 'a' + 10);
}

/* One multi-byte UTF-8 sequence at p (lead byte >= 0x80): its length, or
 * 0 when it is not well formed (the scanner's rules). */
static inline size_t fast_utf8(Ptr p, Ptr end)
{
    unsigned c = p[0];
    size_t n;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if ((size_t)(end - p) <= n)
        return 0;
    for (size_t i = 1; i <= n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return 0;
    return n + 1;
}

/* A string at p (the opening quote): the byte after its closing quote, or
 * NULL. *plain says it had no escapes (then p + 1 .. end - 1 is the text). */
static Ptr fast_string_slow(Ptr p, Ptr end, int *plain);

/* The common case inline: a string of plain ASCII. */
static inline Ptr fast_string(Ptr p, Ptr end, int *plain)
{
    Ptr q = json_plain_run(p + 1, end);
    if (q < end && *q == '"') {
        *plain = 1;
        return q + 1;
    }
    return fast_string_slow(p, end, plain);
}

static Ptr fast_string_slow(Ptr p, Ptr end, int *plain)
{
    p++;
    *plain = 1;
    for (;;) {
        p = json_plain_run(p, end);
        if (p == end)
            return NULL;
        unsigned c = *p;
        if (c == '"')
            return p + 1;
        if (c == '\\') {
            *plain = 0;
            if (end - p < 2)
                return NULL;
            c = p[1];
            if (c == 'u') {
                if (end - p < 6 || !hex_digit(p[2]) || !hex_digit(p[3]) ||
                    !hex_digit(p[4]) || !hex_digit(p[5]))
                    return NULL;
                unsigned cp = hex_value(p[2]) << 12 | hex_value(p[3]) << 8 |
                              hex_value(p[4]) << 4 | hex_value(p[5]);
                p += 6;
                if (cp >= 0xDC00 && cp <= 0xDFFF)
                    return NULL;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (end - p < 6 || p[0] != '\\' || p[1] != 'u' ||
                        !hex_digit(p[2]) || !hex_digit(p[3]) ||
                        !hex_digit(p[4]) || !hex_digit(p[5]))
                        return NULL;
                    unsigned lo = hex_value(p[2]) << 12 |
                                  hex_value(p[3]) << 8 |
                                  hex_value(p[4]) << 4 | hex_value(p[5]);
                    if (lo < 0xDC00 || lo > 0xDFFF)
                        return NULL;
                    p += 6;
                }
                continue;
            }
            if (!strchr("\"\\/bfnrt", (int)c) || c == 0)
                return NULL;
            p += 2;
            continue;
        }
        if (c < 0x20)
            return NULL;
        size_t n = fast_utf8(p, end);
        if (!n)
            return NULL;
        p += n;
    }
}

/* A number at p: the byte after it, or NULL; *value when value is not
 * NULL (NULL too when it would be infinite, as the scanner refuses). */
static Ptr fast_number(Ptr p, Ptr end, double *value)
{
    Ptr start = p;
    if (p < end && *p == '-')
        p++;
    if (p == end)
        return NULL;
    int integral = 1;
    if (*p == '0') {
        p++;
        if (p < end && *p >= '0' && *p <= '9')
            return NULL;
    } else if (*p >= '1' && *p <= '9') {
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    } else {
        return NULL;
    }
    if (p < end && *p == '.') {
        integral = 0;
        p++;
        Ptr d = p;
        while (p < end && *p >= '0' && *p <= '9')
            p++;
        if (p == d)
            return NULL;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        integral = 0;
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        Ptr d = p;
        while (p < end && *p >= '0' && *p <= '9')
            p++;
        if (p == d)
            return NULL;
    }
    size_t len = (size_t)(p - start);
    if (len >= 127) /* the scanner's limit on a number's length */
        return NULL;
    if (!value)
        return p;
    if (integral && len < 16) {
        long long v = 0;
        for (Ptr d = start + (*start == '-'); d < p; d++)
            v = v * 10 + (*d - '0');
        *value = *start == '-' ? -(double)v : (double)v;
        return p;
    }
    if (len < 17) {
        /* d.ddd with at most 15 digits: an exact integer divided by an
         * exact power of ten, which IEEE division rounds correctly (what
         * strtod gives). */
        long long m = 0;
        int digits = 0, scale = 0, dot = 0;
        Ptr d = start + (*start == '-');
        for (; d < p; d++) {
            if (*d == '.') {
                dot = 1;
                continue;
            }
            if (*d < '0' || *d > '9')
                break;
            m = m * 10 + (*d - '0');
            digits++;
            scale += dot;
        }
        if (d == p && digits <= 15) {
            static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5,
                                           1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                           1e12, 1e13, 1e14, 1e15};
            double x = (double)m / pow10[scale];
            *value = *start == '-' ? -x : x;
            return p;
        }
    }
    char text[128];
    memcpy(text, start, len);
    text[len] = '\0';
    *value = strtod(text, NULL);
    return isfinite(*value) ? p : NULL;
}

static inline Ptr fast_word(Ptr p, Ptr end, const char *word, size_t n)
{
    return (size_t)(end - p) >= n && memcmp(p, word, n) == 0 ? p + n : NULL;
}

/* A string, number or literal at p: the byte after it, or NULL. */
static Ptr fast_scalar(Ptr p, Ptr end)
{
    if (p == end)
        return NULL;
    int plain;
    switch (*p) {
    case '"': return fast_string(p, end, &plain);
    case 't': return fast_word(p, end, "true", 4);
    case 'f': return fast_word(p, end, "false", 5);
    case 'n': return fast_word(p, end, "null", 4);
    default: return fast_number(p, end, NULL);
    }
}

/* A value no role reads: an object or array is skimmed (json_skim, the
 * rules json_scan_pass follows), anything else checked as the scanner
 * does. */
static Ptr fast_pass(Ptr p, Ptr end)
{
    if (p == end || (*p != '{' && *p != '['))
        return fast_scalar(p, end);
    JsonSkim st = {1, 0, 0};
    Ptr q = json_skim(&st, p + 1, end);
    return q && json_skim_matches(*p, q[-1]) ? q : NULL;
}

/* A count of conv_metadata (a number or an object of numbers) into the
 * reader, as use_number / read_members would; NULL to give up. */
static Ptr fast_style_count(Reader *r, Ptr p, Ptr end, int index)
{
    double v;
    if (*p == '{') {
        r->style[index] = 0;
        r->style_seen |= 1u << index;
        p = fast_ws(p + 1, end);
        if (p < end && *p == '}')
            return p + 1;
        for (;;) {
            int plain;
            if (p == end || *p != '"' || !(p = fast_string(p, end, &plain)))
                return NULL;
            p = fast_ws(p, end);
            if (p == end || *p != ':')
                return NULL;
            p = fast_ws(p + 1, end);
            if (p == end || !(*p == '-' || (*p >= '0' && *p <= '9')) ||
                !(p = fast_number(p, end, &v)))
                return NULL;
            double sum = r->style[index] + v;
            if (!(v >= 0 && v <= STYLE_COUNT_MAX && sum <= STYLE_COUNT_MAX))
                return NULL;
            r->style[index] = sum;
            p = fast_ws(p, end);
            if (p < end && *p == '}')
                return p + 1;
            if (p == end || *p != ',')
                return NULL;
            p = fast_ws(p + 1, end);
        }
    }
    if (*p == 'n') /* null: absent */
        return fast_word(p, end, "null", 4);
    if (!(*p == '-' || (*p >= '0' && *p <= '9')) ||
        !(p = fast_number(p, end, &v)) ||
        !(v >= 0 && v <= STYLE_COUNT_MAX))
        return NULL;
    r->style[index] = v;
    r->style_seen |= 1u << index;
    return p;
}

static Ptr fast_conv_metadata(Reader *r, Ptr p, Ptr end)
{
    if (*p != '{')
        return NULL;
    p = fast_ws(p + 1, end);
    if (p < end && *p == '}')
        return p + 1;
    for (;;) {
        int plain;
        Ptr key = p + 1;
        if (p == end || *p != '"' || !(p = fast_string(p, end, &plain)) ||
            !plain)
            return NULL;
        size_t key_len = (size_t)(p - 1 - key);
        p = fast_ws(p, end);
        if (p == end || *p != ':')
            return NULL;
        p = fast_ws(p + 1, end);
        if (p == end)
            return NULL;
        Role role = child_role(r, ROLE_CONV_META, (const char *)key, key_len,
                               1);
        if (role == ROLE_NONE)
            p = fast_pass(p, end);
        else
            p = fast_style_count(r, p, end, role - ROLE_STYLE);
        if (!p)
            return NULL;
        p = fast_ws(p, end);
        if (p < end && *p == '}')
            return p + 1;
        if (p == end || *p != ',')
            return NULL;
        p = fast_ws(p + 1, end);
    }
}

/* A name (model_a, model_b) without escapes: into `into`; NULL to let the
 * scanner judge anything else. */
static Ptr fast_name(Ptr p, Ptr end, Buf *into)
{
    int plain;
    Ptr q;
    if (*p != '"' || !(q = fast_string(p, end, &plain)) || !plain)
        return NULL;
    size_t len = (size_t)(q - p - 2);
    uint32_t cp;
    if (len == 0 || len > LB_MAX_TEXT ||
        text_has_control((const char *)p + 1, len, &cp))
        return NULL;
    buf_clear(into);
    buf_append(into, p + 1, len);
    return q;
}

/* A value at r->path that no role reads, with --where filters: compared
 * when a filter names its path, entered when a filter goes deeper, else
 * skipped, as read_value does. NULL to give up. */
static Ptr fast_where_value(Reader *r, Ptr p, Ptr end, int depth)
{
    int exact, descend;
    where_interest(r, &exact, &descend);
    if (!exact && !descend)
        return fast_pass(p, end);
    if (*p == '{') {
        if (!descend)
            return fast_pass(p, end);
        if (depth > FAST_MAX_DEPTH)
            return NULL;
        size_t path_len = r->path.len;
        p = fast_ws(p + 1, end);
        if (p < end && *p == '}')
            return p + 1;
        for (;;) {
            int plain;
            Ptr key = p + 1;
            if (p == end || *p != '"' || !(p = fast_string(p, end, &plain)) ||
                !plain)
                return NULL;
            size_t key_len = (size_t)(p - 1 - key);
            p = fast_ws(p, end);
            if (p == end || *p != ':')
                return NULL;
            p = fast_ws(p + 1, end);
            if (p == end)
                return NULL;
            buf_putc(&r->path, '.');
            buf_append(&r->path, key, key_len);
            p = fast_where_value(r, p, end, depth + 1);
            r->path.len = path_len;
            r->path.data[path_len] = '\0';
            if (!p)
                return NULL;
            p = fast_ws(p, end);
            if (p < end && *p == '}')
                return p + 1;
            if (p == end || *p != ',')
                return NULL;
            p = fast_ws(p + 1, end);
        }
    }
    if (!exact || *p == '[')
        return fast_pass(p, end);
    Ptr q;
    int plain;
    double v;
    switch (*p) {
    case '"':
        if (!(q = fast_string(p, end, &plain)) || !plain)
            return NULL;
        buf_clear(&r->text);
        buf_append(&r->text, p + 1, (size_t)(q - p - 2));
        where_compare(r, JSON_STRING, r->text.data, 0, 0);
        return q;
    case 't':
    case 'f':
    case 'n': {
        static const char *const words[] = {"true", "false", "null"};
        int lit = *p == 't' ? 1 : *p == 'f' ? 0 : -1;
        const char *w = words[lit == 1 ? 0 : lit == 0 ? 1 : 2];
        if (!(q = fast_word(p, end, w, strlen(w))))
            return NULL;
        where_compare(r, lit == 1 ? JSON_TRUE : lit == 0 ? JSON_FALSE
                                                         : JSON_NULL,
                      NULL, 0, lit);
        return q;
    }
    default:
        if (!(q = fast_number(p, end, &v)))
            return NULL;
        where_compare(r, JSON_NUMBER, NULL, v, 0);
        return q;
    }
}

/* The record on [p, end): 1 read (and finished), 0 to give up, -1 on an
 * error finish_record reported. *after is where the record ended. */
static int fast_record(Reader *r, Ptr p, Ptr end, Ptr *after)
{
    if (p == end || *p != '{')
        return 0;
    p = fast_ws(p + 1, end);
    if (p < end && *p == '}')
        return 0; /* missing fields: the scanner's message */
    for (;;) {
        int plain;
        Ptr key = p + 1;
        if (p == end || *p != '"' || !(p = fast_string(p, end, &plain)) ||
            !plain)
            return 0;
        size_t key_len = (size_t)(p - 1 - key);
        p = fast_ws(p, end);
        if (p == end || *p != ':')
            return 0;
        p = fast_ws(p + 1, end);
        if (p == end)
            return 0;
        Role role = child_role(r, ROLE_NONE, (const char *)key, key_len, 0);
        if (r->opt->n_where) {
            buf_clear(&r->path);
            buf_append(&r->path, key, key_len);
            if (role != ROLE_NONE) {
                int exact, descend;
                where_interest(r, &exact, &descend);
                if (exact || descend)
                    return 0; /* a filter on a field with a role */
            }
        }
        double v;
        switch (role) {
        case ROLE_NONE:
            p = r->opt->n_where ? fast_where_value(r, p, end, 0)
                                : fast_pass(p, end);
            break;
        case ROLE_MODEL_A:
            p = fast_name(p, end, &r->name_a);
            r->has_a = 1;
            break;
        case ROLE_MODEL_B:
            p = fast_name(p, end, &r->name_b);
            r->has_b = 1;
            break;
        case ROLE_WINNER: {
            Ptr q;
            if (*p != '"' || !(q = fast_string(p, end, &plain)) || !plain)
                return 0;
            size_t len = (size_t)(q - p - 2);
            const char *w = (const char *)p + 1;
            if (len == 7 && memcmp(w, "model_a", 7) == 0)
                r->outcome = OUTCOME_A;
            else if (len == 7 && memcmp(w, "model_b", 7) == 0)
                r->outcome = OUTCOME_B;
            else if (len == 3 && memcmp(w, "tie", 3) == 0)
                r->outcome = OUTCOME_TIE;
            else if ((len == 13 && memcmp(w, "tie (bothbad)", 13) == 0) ||
                     (len == 8 && memcmp(w, "both_bad", 8) == 0))
                r->outcome = OUTCOME_BOTHBAD;
            else
                return 0;
            r->has_winner = 1;
            p = q;
            break;
        }
        case ROLE_ANONY: {
            Ptr q = NULL;
            if (*p == 't' && (q = fast_word(p, end, "true", 4)))
                r->anony = 1;
            else if (*p == 'f' && (q = fast_word(p, end, "false", 5)))
                r->anony = 0;
            if (!q)
                return 0;
            p = q;
            break;
        }
        case ROLE_TSTAMP:
        case ROLE_WEIGHT:
            if (*p == 'n') {
                p = fast_word(p, end, "null", 4);
                break;
            }
            if (!(*p == '-' || (*p >= '0' && *p <= '9')) ||
                !(p = fast_number(p, end, &v)))
                return 0;
            if (role == ROLE_TSTAMP) {
                if (!(v >= 0 && v < BATTLE_TSTAMP_END))
                    return 0;
                r->tstamp = v;
                r->has_tstamp = 1;
            } else {
                if (!(v > 0 && v <= BATTLE_WEIGHT_MAX))
                    return 0;
                r->weight = v;
                r->has_weight = 1;
            }
            break;
        case ROLE_CONV_META:
            p = fast_conv_metadata(r, p, end);
            break;
        case ROLE_TIMESTAMP: {
            Ptr q;
            double t;
            if (*p == '"') {
                if (!(q = fast_string(p, end, &plain)) || !plain ||
                    parse_iso8601((const char *)p + 1, (size_t)(q - p - 2),
                                  &t) < 0)
                    return 0;
            } else if (*p == 'n') {
                p = fast_word(p, end, "null", 4);
                break;
            } else if (!(*p == '-' || (*p >= '0' && *p <= '9')) ||
                       !(q = fast_number(p, end, &t))) {
                return 0;
            }
            if (!(t >= 0 && t < BATTLE_TSTAMP_END))
                return 0;
            r->timestamp = t;
            r->has_timestamp = 1;
            p = q;
            break;
        }
        default:
            return 0;
        }
        if (!p)
            return 0;
        p = fast_ws(p, end);
        if (p < end && *p == '}') {
            p++;
            break;
        }
        if (p == end || *p != ',')
            return 0;
        p = fast_ws(p + 1, end);
    }
    if (!r->has_a || !r->has_b || !r->has_winner)
        return 0;
    if (r->opt->want_style && (r->style_seen & 0xFF) != 0xFF)
        return 0;
    *after = p;
    return finish_record(r) < 0 ? -1 : 1;
}

/* ---- JSON array: one thread, streamed ---------------------------------- */

static int read_json_array(Reader *r)
{
    r->sc->p++; /* '[' */
    if (json_scan_peek(r->sc, NULL) == ']') {
        r->sc->p++;
    } else {
        for (;;) {
            if (read_record(r) < 0)
                return -1;
            int c = json_scan_peek(r->sc, NULL);
            if (c == ',') {
                r->sc->p++;
                continue;
            }
            if (c == ']') {
                r->sc->p++;
                break;
            }
            r->sc->context_record = 0;
            return json_scan_fail(r->sc, "expected ',' or ']' after record "
                                         "%lld",
                                  r->bt->records);
        }
    }
    r->sc->context_record = 0;
    if (json_scan_peek(r->sc, NULL) >= 0)
        return json_scan_fail(r->sc, "unexpected data after the JSON array");
    return 0;
}

/* ---- JSON Lines: each line on its own ---------------------------------- */

static inline int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Parses the whole lines in buf[0 .. len) (the last may lack its '\n' only
 * at the end of the input); buf[0] is at input offset `base`. The
 * scanner's locating fields (whole / locate_path) are the caller's. */
static int read_lines(Reader *r, const unsigned char *buf, size_t len,
                      uint64_t base)
{
    JsonScan *sc = r->sc;
    sc->block = buf;
    sc->base = base;
    sc->at_eof = 1;
    sc->line_mode = 1;
    size_t pos = 0;
    while (pos < len) {
        const unsigned char *ls = buf + pos;
        const unsigned char *nl = memchr(ls, '\n', len - pos);
        const unsigned char *le = nl ? nl : buf + len;
        pos = (size_t)(le - buf) + (nl != NULL);
        while (ls < le && is_blank(*ls))
            ls++;
        if (ls == le)
            continue;
        sc->p = ls;
        sc->end = le;
        sc->eol_is_newline = nl != NULL;
        begin_record(r);
        const unsigned char *after;
        int fast = fast_record(r, ls, le, &after);
        if (fast < 0)
            return -1;
        if (fast > 0) {
            sc->p = after;
        } else {
            /* The scanner reads it again from the start, exactly. */
            r->bt->records--;
            sc->p = ls;
            if (read_record(r) < 0)
                return -1;
        }
        const unsigned char *q = sc->p;
        while (q < le && is_blank(*q))
            q++;
        if (q < le) {
            sc->p = q;
            sc->context_record = 0;
            return json_scan_fail(sc, "expected a new line after record "
                                      "%lld (JSON Lines)",
                                  r->record_base + r->bt->records);
        }
    }
    return 0;
}

/* Where the lines come from: memory, a regular file (pread, any range), or
 * a stream read once from its current position. */
typedef struct {
    const char *name;
    const unsigned char *mem;
    uint64_t size;        /* memory or regular file size */
    int fd;               /* regular file; -1 otherwise */
    const char *path;     /* to locate errors in a file; NULL for streams */
    FILE *stream;         /* a pipe or other non-seekable input */
    /* Bytes the format detection already read from `stream`. */
    const unsigned char *head;
    size_t head_len;
    uint64_t head_at;
} LineSource;

#define LINE_WINDOW (4u << 20)

typedef struct {
    unsigned char *buf;
    size_t cap;
} Window;

static void window_free(Window *w)
{
    free(w->buf);
    w->buf = NULL;
    w->cap = 0;
}

static int read_fail(const LineSource *src, LbError *err, const char *what)
{
    return lb_fail(err, LB_EINPUT, "%s: read error: %s", src->name, what);
}

/* Parses the lines of [start, end) (whole lines) of `src` into r->bt. */
static int read_range(Reader *r, const LineSource *src, uint64_t start,
                      uint64_t end, Window *w, LbError *err)
{
    JsonScan *sc = r->sc;
    if (src->mem) {
        sc->whole = src->mem;
        sc->whole_len = src->size;
        return read_lines(r, src->mem + start, (size_t)(end - start), start);
    }
    sc->locate_path = src->path;
    if (src->stream) {
        /* Not re-readable: messages name the byte offset. */
        sc->f = src->stream;
        sc->owns_file = 0;
    }
    if (!w->buf) {
        w->cap = LINE_WINDOW;
        w->buf = xmalloc(w->cap);
    }
    size_t have = 0;
    uint64_t off = start; /* input offset of buf[have] */
    int at_end = 0;
    if (src->stream && src->head_len) {
        if (src->head_len > w->cap) {
            w->cap = src->head_len;
            w->buf = xrealloc(w->buf, w->cap);
        }
        memcpy(w->buf, src->head, src->head_len);
        have = src->head_len;
        off = src->head_at + src->head_len;
    }
    for (;;) {
        if (have == w->cap) { /* one line longer than the window */
            w->cap *= 2;
            w->buf = xrealloc(w->buf, w->cap);
        }
        size_t room = w->cap - have;
        size_t n;
        if (src->stream) {
            n = at_end ? 0 : fread(w->buf + have, 1, room, src->stream);
            if (n == 0 && ferror(src->stream))
                return read_fail(src, err, strerror(errno));
        } else {
            uint64_t left = end - off;
            size_t want = left < room ? (size_t)left : room;
            ssize_t got = want ? pread(src->fd, w->buf + have, want,
                                       (off_t)off)
                               : 0;
            if (got < 0)
                return read_fail(src, err, strerror(errno));
            if (got == 0 && want > 0)
                return read_fail(src, err, "the file shrank while it was "
                                           "read");
            n = (size_t)got;
        }
        if (n == 0)
            at_end = 1;
        have += n;
        off += n;
        if (!src->stream && off == end)
            at_end = 1;
        uint64_t base = off - have;
        size_t cut = have;
        if (!at_end) {
            const unsigned char *nl = memrchr(w->buf, '\n', have);
            if (!nl)
                continue;
            cut = (size_t)(nl - w->buf) + 1;
        }
        if (read_lines(r, w->buf, cut, base) < 0)
            return -1;
        if (r->opt->progress && src->stream)
            r->opt->progress(r->opt->progress_ctx, base + cut, 0);
        memmove(w->buf, w->buf + cut, have - cut);
        have -= cut;
        if (at_end && have == 0)
            return 0;
    }
}

/* ---- parallel chunks --------------------------------------------------- */

typedef struct {
    uint64_t start, end;
    Battles bt;
    int failed;
} Chunk;

typedef struct {
    const LineSource *src;
    const BattleReadOptions *opt;
    Chunk *chunks;
    atomic_size_t first_failed; /* chunks after it need not run */
} ChunkJob;

typedef struct {
    Window window;
} ChunkWorker;

static void *chunk_worker_new(void *ctx)
{
    (void)ctx;
    return xcalloc(1, sizeof(ChunkWorker));
}

static void chunk_worker_free(void *arg)
{
    ChunkWorker *w = arg;
    window_free(&w->window);
    free(w);
}

static void chunk_run(void *arg, void *ctx, int index)
{
    ChunkWorker *w = arg;
    ChunkJob *job = ctx;
    Chunk *c = &job->chunks[index];
    if ((size_t)index > atomic_load(&job->first_failed))
        return;
    LbError err = {0};
    JsonScan sc;
    memset(&sc, 0, sizeof sc);
    sc.name = job->src->name;
    sc.err = &err;
    Reader r;
    reader_init(&r, &sc, job->opt, &c->bt);
    if (read_range(&r, job->src, c->start, c->end, &w->window, &err) < 0) {
        c->failed = 1;
        size_t seen = atomic_load(&job->first_failed);
        while ((size_t)index < seen &&
               !atomic_compare_exchange_weak(&job->first_failed, &seen,
                                             (size_t)index))
            ;
    }
    reader_free(&r);
}

typedef struct {
    const BattleReadOptions *opt;
    uint64_t size;
    size_t n_chunks;
} ChunkProgress;

static void chunk_progress(void *ctx, int done, int total)
{
    const ChunkProgress *p = ctx;
    (void)total;
    p->opt->progress(p->opt->progress_ctx,
                     p->size * (uint64_t)done / (p->n_chunks ? p->n_chunks : 1),
                     p->size);
}

/* Chunk boundaries: after the first '\n' at or after each nominal cut. */
static uint64_t next_line_start(const LineSource *src, uint64_t from)
{
    if (from == 0)
        return 0;
    if (src->mem) {
        const unsigned char *nl =
            memchr(src->mem + from - 1, '\n', (size_t)(src->size - from + 1));
        return nl ? (uint64_t)(nl - src->mem) + 1 : src->size;
    }
    unsigned char probe[65536];
    uint64_t at = from - 1;
    while (at < src->size) {
        ssize_t n = pread(src->fd, probe, sizeof probe, (off_t)at);
        if (n <= 0)
            return src->size;
        const unsigned char *nl = memchr(probe, '\n', (size_t)n);
        if (nl)
            return at + (uint64_t)(nl - probe) + 1;
        at += (uint64_t)n;
    }
    return src->size;
}

/* Appends chunk `c`'s battles to `bt`, renumbering its models. */
static void merge_chunk(Battles *bt, Chunk *c, long long record_base)
{
    Battles *cb = &c->bt;
    if (cb->style && !bt->style)
        battles_enable_style(bt);
    uint32_t *map = xmalloc((cb->n_models + 1) * sizeof *map);
    for (size_t m = 0; m < cb->n_models; m++)
        map[m] = battles_model_id(bt, cb->names[m], strlen(cb->names[m]));
    if (cb->weight && !bt->weight && bt->n) {
        bt->weight = xmalloc((bt->cap ? bt->cap : 1) * sizeof *bt->weight);
        for (size_t k = 0; k < bt->n; k++)
            bt->weight[k] = 1.0;
    }
    if (!bt->weight && cb->weight && bt->n == 0)
        bt->weight = xmalloc((bt->cap ? bt->cap : 1) * sizeof *bt->weight);
    size_t need = bt->n + cb->n;
    if (need > bt->cap) {
        size_t cap = grow_capacity(bt->cap, need);
        bt->a = xrealloc(bt->a, cap * sizeof *bt->a);
        bt->b = xrealloc(bt->b, cap * sizeof *bt->b);
        bt->outcome = xrealloc(bt->outcome, cap);
        bt->tstamp = xrealloc(bt->tstamp, cap * sizeof *bt->tstamp);
        if (bt->style)
            bt->style = xrealloc(bt->style,
                                 cap * STYLE_FEATURES * sizeof *bt->style);
        if (bt->weight)
            bt->weight = xrealloc(bt->weight, cap * sizeof *bt->weight);
        bt->cap = cap;
    }
    for (size_t k = 0; k < cb->n; k++) {
        bt->a[bt->n + k] = map[cb->a[k]];
        bt->b[bt->n + k] = map[cb->b[k]];
    }
    if (cb->n) { /* memcpy from NULL is undefined even for 0 bytes */
        memcpy(bt->outcome + bt->n, cb->outcome, cb->n);
        memcpy(bt->tstamp + bt->n, cb->tstamp, cb->n * sizeof *bt->tstamp);
        if (bt->style)
            memcpy(bt->style + bt->n * STYLE_FEATURES, cb->style,
                   cb->n * STYLE_FEATURES * sizeof *bt->style);
    }
    if (bt->weight) {
        for (size_t k = 0; k < cb->n; k++)
            bt->weight[bt->n + k] = cb->weight ? cb->weight[k] : 1.0;
    }
    bt->n += cb->n;
    if (cb->first_weighted && !bt->first_weighted) {
        bt->first_weighted = record_base + cb->first_weighted;
        bt->first_weighted_at = cb->first_weighted_at;
    }
    if (cb->first_unweighted && !bt->first_unweighted) {
        bt->first_unweighted = record_base + cb->first_unweighted;
        bt->first_unweighted_at = cb->first_unweighted_at;
    }
    bt->weighted += cb->weighted;
    bt->records += cb->records;
    bt->not_anony += cb->not_anony;
    bt->where_rejected += cb->where_rejected;
    bt->time_rejected += cb->time_rejected;
    bt->self_battles += cb->self_battles;
    free(map);
    battles_free(cb);
}

/* One thread over the whole input: the reference order of everything,
 * used with one thread and to name the first problem exactly. */
static int read_sequential(const LineSource *src, const BattleReadOptions *opt,
                           Battles *bt, uint64_t start, LbError *err)
{
    JsonScan sc;
    memset(&sc, 0, sizeof sc);
    sc.name = src->name;
    sc.err = err;
    Reader r;
    reader_init(&r, &sc, opt, bt);
    r.record_base = bt->records;
    long long before = bt->records;
    Battles local;
    battles_init(&local);
    /* Records are counted from the start of this input. */
    r.bt = &local;
    if (opt->want_style)
        battles_enable_style(&local);
    Window w = {0};
    int rc = read_range(&r, src, start, src->size, &w, err);
    window_free(&w);
    reader_free(&r);
    if (rc == 0) {
        Chunk c = {start, src->size, local, 0};
        merge_chunk(bt, &c, before);
    } else {
        battles_free(&local);
    }
    return rc;
}

static int read_parallel(const LineSource *src, const BattleReadOptions *opt,
                         Battles *bt, uint64_t start, LbError *err)
{
    int threads = opt->threads > 0 ? opt->threads : parallel_cpu_count();
    uint64_t span = src->size - start;
    if (threads <= 1 || (span < (2u << 20) && !opt->chunk_bytes))
        return read_sequential(src, opt, bt, start, err);
    uint64_t target = span / ((uint64_t)threads * 8);
    if (target < (1u << 20))
        target = 1u << 20;
    if (target > (64u << 20))
        target = 64u << 20;
    if (opt->chunk_bytes)
        target = opt->chunk_bytes;
    size_t n = (size_t)((span + target - 1) / target);
    Chunk *chunks = xcalloc(n, sizeof *chunks);
    uint64_t prev = start;
    size_t used = 0;
    for (size_t k = 0; k < n; k++) {
        uint64_t cut = k + 1 == n ? src->size
                                  : next_line_start(src, start + (k + 1) *
                                                                 target);
        if (cut <= prev)
            continue;
        chunks[used].start = prev;
        chunks[used].end = cut;
        battles_init(&chunks[used].bt);
        used++;
        prev = cut;
    }
    ChunkJob job = {src, opt, chunks, 0};
    atomic_init(&job.first_failed, (size_t)-1);
    ChunkProgress cp = {opt, src->size, used};
    ParallelJob pj = {chunk_worker_new, chunk_worker_free, chunk_run, &job,
                      opt->progress ? chunk_progress : NULL, &cp};
    parallel_run(&pj, (int)used, threads);
    int failed = atomic_load(&job.first_failed) != (size_t)-1;
    if (!failed) {
        Battles merged;
        battles_init(&merged);
        if (opt->want_style)
            battles_enable_style(&merged);
        long long base = 0;
        for (size_t k = 0; k < used; k++) {
            long long records = chunks[k].bt.records;
            merge_chunk(&merged, &chunks[k], base);
            base += records;
        }
        failed = merged.n_models > RATE_MAX_MODELS;
        if (!failed) {
            Chunk all = {start, src->size, merged, 0};
            merge_chunk(bt, &all, bt->records);
        } else {
            battles_free(&merged);
        }
    }
    for (size_t k = 0; k < used; k++)
        battles_free(&chunks[k].bt);
    free(chunks);
    if (!failed)
        return 0;
    /* Name the first problem exactly as one thread reading in order
     * would; that is also where a single thread stops. */
    Battles scratch;
    battles_init(&scratch);
    int rc = read_sequential(src, opt, &scratch, start, err);
    battles_free(&scratch);
    return rc < 0 ? -1
                  : lb_fail(err, LB_EINTERNAL, "%s: parallel and sequential "
                            "reading disagree", src->name);
}

/* A file mixing weighted and unweighted battles is refused. */
static int check_weights(const Battles *bt, const BattleReadOptions *opt,
                         const LineSource *src, LbError *err)
{
    if (!bt->weighted || bt->weighted == (long long)bt->n)
        return 0;
    JsonScan sc;
    memset(&sc, 0, sizeof sc);
    sc.name = src->name;
    sc.err = err;
    sc.whole = src->mem;
    sc.whole_len = src->size;
    sc.locate_path = src->mem ? NULL : src->path;
    sc.context_label = "record";
    sc.context_record = bt->first_unweighted;
    if (!src->mem && !src->path) {
        sc.f = stdin; /* not re-readable: the byte offset is named */
        sc.owns_file = 0;
    }
    return json_scan_fail_at(&sc, bt->first_unweighted_at,
                             "no %s, but record %lld has one: give every "
                             "battle a weight or none",
                             opt->weight_field ? opt->weight_field : "weight",
                             bt->first_weighted);
}

/* ---- entry points ------------------------------------------------------ */

/* Reads every record from an open scanner, then closes it. The format is
 * told by the first non-blank byte. */
static int read_scan(JsonScan *sc, const char *path,
                     const BattleReadOptions *opt, Battles *bt)
{
    LbError *err = sc->err;
    int c = json_scan_peek(sc, NULL);
    int rc = 0;
    LineSource src;
    memset(&src, 0, sizeof src);
    src.name = sc->name;
    src.fd = -1;
    if (c == '[') {
        Reader r;
        reader_init(&r, sc, opt, bt);
        r.record_base = 0;
        rc = read_json_array(&r);
        reader_free(&r);
    } else if (c >= 0 && !sc->f) { /* memory */
        src.mem = sc->block;
        src.size = sc->size;
        rc = read_parallel(&src, opt, bt, (uint64_t)(sc->p - sc->block), err);
        if (rc == 0)
            rc = check_weights(bt, opt, &src, err);
    } else if (c >= 0 && sc->size && sc->owns_file && path) {
        /* A regular file: lines from the first non-blank byte on. */
        src.fd = fileno(sc->f);
        src.size = sc->size;
        src.path = path;
        rc = read_parallel(&src, opt, bt, json_scan_offset(sc), err);
        if (rc == 0)
            rc = check_weights(bt, opt, &src, err);
    } else if (c >= 0) { /* a stream: once, in order */
        src.stream = sc->f;
        src.head = sc->p;
        src.head_len = (size_t)(sc->end - sc->p);
        src.head_at = json_scan_offset(sc);
        src.size = UINT64_MAX;
        rc = read_sequential(&src, opt, bt, src.head_at, err);
        if (rc == 0)
            rc = check_weights(bt, opt, &src, err);
    } else if (sc->err && sc->err->status && sc->f && ferror(sc->f)) {
        rc = -1;
    }
    if (opt->want_style)
        battles_enable_style(bt);
    if (rc == 0 && opt->progress)
        opt->progress(opt->progress_ctx, sc->size ? sc->size
                                                  : json_scan_offset(sc),
                      sc->size);
    json_scan_close(sc);
    return rc;
}

int battles_read(const char *path, const BattleReadOptions *opt, Battles *bt,
                 LbError *err)
{
    JsonScan sc;
    if (json_scan_open(&sc, path, err) < 0)
        return -1;
    return read_scan(&sc, strcmp(path, "-") == 0 ? NULL : path, opt, bt);
}

int battles_read_stream(FILE *f, const char *name,
                        const BattleReadOptions *opt, Battles *bt,
                        LbError *err)
{
    JsonScan sc;
    if (json_scan_open_stream(&sc, f, name, 0, err) < 0)
        return -1;
    return read_scan(&sc, NULL, opt, bt);
}

int battles_read_memory(const char *bytes, size_t len, const char *name,
                        const BattleReadOptions *opt, Battles *bt,
                        LbError *err)
{
    JsonScan sc;
    json_scan_open_memory(&sc, bytes, len, name, err);
    return read_scan(&sc, NULL, opt, bt);
}

static int compare_names(const void *a, const void *b, void *names)
{
    char **v = names;
    return strcmp(v[*(const uint32_t *)a], v[*(const uint32_t *)b]);
}

void battles_sort_models(Battles *bt)
{
    size_t n = bt->n_models;
    if (n < 2)
        return;
    uint32_t *order = xmalloc(n * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = (uint32_t)i;
    qsort_r(order, n, sizeof *order, compare_names, bt->names);
    uint32_t *new_id = xmalloc(n * sizeof *new_id);
    char **names = xmalloc(bt->cap_models * sizeof *names);
    for (size_t i = 0; i < n; i++) {
        new_id[order[i]] = (uint32_t)i;
        names[i] = bt->names[order[i]];
    }
    free(bt->names);
    bt->names = names;
    for (size_t k = 0; k < bt->n; k++) {
        bt->a[k] = new_id[bt->a[k]];
        bt->b[k] = new_id[bt->b[k]];
    }
    rehash(bt, bt->n_slots);
    free(order);
    free(new_id);
}
