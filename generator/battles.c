#include "battles.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "jsonscan.h"
#include "leaderboard.h"
#include "mem.h"

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
    for (size_t i = 0; i < bt->n_models; i++)
        free(bt->names[i]);
    free(bt->names);
    free(bt->slots);
    battles_init(bt);
}

static uint64_t hash_name(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
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
    bt->n++;
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

/* ---- the record reader ------------------------------------------------- */

/* What a value at a known place means to us. */
typedef enum {
    ROLE_NONE,
    ROLE_MODEL_A,
    ROLE_MODEL_B,
    ROLE_WINNER,
    ROLE_ANONY,
    ROLE_TSTAMP,
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
    Buf key, text, path, name_a, name_b;
    char context[48];
    /* The record being read. */
    uint64_t start;
    int has_a, has_b, has_winner, anony, has_tstamp;
    BattleOutcome outcome;
    double tstamp;
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
    case ROLE_CONV_META: return "conv_metadata";
    default: return "conv_metadata count";
    }
}

static int wrong_type(Reader *r, uint64_t at, Role role, const char *want)
{
    return json_scan_fail_at(r->sc, at, "%s must be %s", role_name(role),
                             want);
}

/* Most keys differ in length from the few we look for: check that first. */
static inline int key_is(const Buf *key, const char *want)
{
    size_t n = strlen(want);
    return key->len == n && memcmp(key->data, want, n) == 0;
}

static Role child_role(Role parent, const Buf *key, int depth)
{
    if (depth == 0) {
        static const struct {
            const char *key;
            Role role;
        } top[] = {{"model_a", ROLE_MODEL_A}, {"model_b", ROLE_MODEL_B},
                   {"winner", ROLE_WINNER},   {"anony", ROLE_ANONY},
                   {"tstamp", ROLE_TSTAMP},   {"conv_metadata", ROLE_CONV_META}};
        for (size_t i = 0; i < sizeof top / sizeof *top; i++)
            if (key_is(key, top[i].key))
                return top[i].role;
        return ROLE_NONE;
    }
    if (parent == ROLE_CONV_META) {
        for (int i = 0; i < 8; i++)
            if (key_is(key, style_keys[i]))
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
    else if (strcmp(w, "tie (bothbad)") == 0)
        r->outcome = OUTCOME_BOTHBAD;
    else
        return json_scan_fail_at(r->sc, at,
                                 "unknown winner \"%.80s\" (expected "
                                 "model_a, model_b, tie or tie (bothbad))",
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
    while ((more = json_scan_object_next(r->sc, &first, &r->key)) > 0) {
        Role child = child_role(role, &r->key, depth);
        if (child == ROLE_CONV_META && !r->opt->want_style)
            child = ROLE_NONE; /* skipped at full speed */
        if (r->opt->n_where) {
            if (path_len)
                buf_putc(&r->path, '.');
            buf_append(&r->path, r->key.data, r->key.len);
        }
        int rc = read_value(r, child, depth + 1);
        r->path.len = path_len;
        if (r->path.data)
            r->path.data[path_len] = '\0';
        if (rc < 0)
            return -1;
    }
    return more;
}

static int use_string(Reader *r, Role role, uint64_t at)
{
    if ((role == ROLE_MODEL_A || role == ROLE_MODEL_B) &&
        (r->text.len == 0 || memchr(r->text.data, '\0', r->text.len)))
        return json_scan_fail_at(r->sc, at, "%s must be a non-empty name "
                                            "without U+0000",
                                 role_name(role));
    if ((role == ROLE_MODEL_A || role == ROLE_MODEL_B) &&
        r->text.len > LB_MAX_TEXT)
        return json_scan_fail_at(r->sc, at, "%s is longer than %d bytes",
                                 role_name(role), LB_MAX_TEXT);
    switch (role) {
    case ROLE_MODEL_A:
        buf_clear(&r->name_a);
        buf_append(&r->name_a, r->text.data, r->text.len);
        r->has_a = 1;
        return 0;
    case ROLE_MODEL_B:
        buf_clear(&r->name_b);
        buf_append(&r->name_b, r->text.data, r->text.len);
        r->has_b = 1;
        return 0;
    case ROLE_WINNER:
        return parse_winner(r, at);
    case ROLE_NONE:
        return 0;
    case ROLE_ANONY:
        return wrong_type(r, at, role, "true or false");
    case ROLE_TSTAMP:
        return wrong_type(r, at, role, "a number");
    case ROLE_CONV_META:
        return wrong_type(r, at, role, "an object");
    default:
        return wrong_type(r, at, role, "a number or an object of numbers");
    }
}

static int use_number(Reader *r, Role role, uint64_t at, double v)
{
    if (role == ROLE_TSTAMP) {
        /* 1970 up to the end of 9999: dates lbgen can write (YYYY-...). */
        if (!(v >= 0 && v < BATTLE_TSTAMP_END))
            return json_scan_fail_at(r->sc, at, "tstamp out of range "
                                     "(seconds since 1970, before year 10000)");
        r->tstamp = v;
        r->has_tstamp = 1;
        return 0;
    }
    if (role >= ROLE_STYLE && role < ROLE_STYLE_ADD) {
        r->style[role - ROLE_STYLE] = v;
        r->style_seen |= 1u << (role - ROLE_STYLE);
        return 0;
    }
    if (role >= ROLE_STYLE_ADD) {
        r->style[role - ROLE_STYLE_ADD] += v;
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
        return json_scan_skip(r->sc);
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
                          role == ROLE_TSTAMP     ? "a number"
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
                              role == ROLE_ANONY    ? "true or false"
                              : role == ROLE_TSTAMP ? "a number"
                                                    : "a string");
        if (descend)
            return read_members(r, ROLE_NONE, depth);
        return json_scan_skip(r->sc);
    case JSON_ARRAY:
        if (role != ROLE_NONE)
            return wrong_type(r, at, role, "a scalar, not an array");
        return json_scan_skip(r->sc);
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
    if (!isnan(o->since) || !isnan(o->until)) {
        if (!r->has_tstamp || (!isnan(o->since) && r->tstamp < o->since) ||
            (!isnan(o->until) && r->tstamp >= o->until)) {
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
    battles_push(bt, a, b, r->outcome, r->has_tstamp ? r->tstamp : NAN,
                 o->want_style ? features : NULL);
    return 0;
}

static int read_record(Reader *r)
{
    Battles *bt = r->bt;
    bt->records++;
    snprintf(r->context, sizeof r->context, "record %lld", bt->records);
    r->sc->context = r->context;
    r->start = json_scan_offset(r->sc);
    r->has_a = r->has_b = r->has_winner = r->has_tstamp = 0;
    r->anony = -1;
    r->style_seen = 0;
    memset(r->style, 0, sizeof r->style);
    if (r->opt->n_where)
        memset(r->where_ok, 0, r->opt->n_where);
    buf_clear(&r->path);
    if (json_scan_value_type(r->sc) != JSON_OBJECT)
        return json_scan_fail(r->sc, "a battle must be a JSON object");
    if (read_members(r, ROLE_NONE, 0) < 0)
        return -1;
    if (finish_record(r) < 0)
        return -1;
    if (r->opt->progress && (bt->records & 0xFFFF) == 0)
        r->opt->progress(r->opt->progress_ctx, json_scan_offset(r->sc),
                         r->sc->size);
    return 0;
}

static int read_json_lines(Reader *r)
{
    for (;;) {
        int newlines = 0;
        int c = json_scan_peek(r->sc, &newlines);
        if (c < 0)
            return 0;
        if (r->bt->records > 0 && newlines == 0) {
            r->sc->context = NULL;
            return json_scan_fail(r->sc, "expected a new line after "
                                         "record %lld (JSON Lines)",
                                  r->bt->records);
        }
        if (read_record(r) < 0)
            return -1;
    }
}

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
            r->sc->context = NULL;
            return json_scan_fail(r->sc, "expected ',' or ']' after record "
                                         "%lld",
                                  r->bt->records);
        }
    }
    r->sc->context = NULL;
    if (json_scan_peek(r->sc, NULL) >= 0)
        return json_scan_fail(r->sc, "unexpected data after the JSON array");
    return 0;
}

/* Reads every record from an open scanner, then closes it. */
static int read_scan(JsonScan *sc, const BattleReadOptions *opt,
                     Battles *bt)
{
    Reader r;
    memset(&r, 0, sizeof r);
    r.sc = sc;
    r.opt = opt;
    r.bt = bt;
    r.where_ok = xcalloc(opt->n_where + 1, 1);
    if (opt->want_style)
        battles_enable_style(bt);
    int c = json_scan_peek(sc, NULL);
    int rc = 0;
    if (c == '[')
        rc = read_json_array(&r);
    else if (c >= 0)
        rc = read_json_lines(&r);
    else if (sc->err && sc->err->status && sc->f && ferror(sc->f))
        rc = -1;
    if (rc == 0 && opt->progress)
        opt->progress(opt->progress_ctx, json_scan_offset(sc), sc->size);
    free(r.where_ok);
    buf_free(&r.key);
    buf_free(&r.text);
    buf_free(&r.path);
    buf_free(&r.name_a);
    buf_free(&r.name_b);
    json_scan_close(sc);
    return rc;
}

int battles_read(const char *path, const BattleReadOptions *opt, Battles *bt,
                 LbError *err)
{
    JsonScan sc;
    if (json_scan_open(&sc, path, err) < 0)
        return -1;
    return read_scan(&sc, opt, bt);
}

int battles_read_stream(FILE *f, const char *name,
                        const BattleReadOptions *opt, Battles *bt,
                        LbError *err)
{
    JsonScan sc;
    if (json_scan_open_stream(&sc, f, name, 0, err) < 0)
        return -1;
    return read_scan(&sc, opt, bt);
}

int battles_read_memory(const char *bytes, size_t len, const char *name,
                        const BattleReadOptions *opt, Battles *bt,
                        LbError *err)
{
    JsonScan sc;
    json_scan_open_memory(&sc, bytes, len, name, err);
    return read_scan(&sc, opt, bt);
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
