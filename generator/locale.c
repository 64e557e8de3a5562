#include "locale.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "hash.h"
#include "jsonfile.h"
#include "mem.h"
#include "text.h"


const char *locale_status_name(LocaleStatus status)
{
    switch (status) {
    case LOCALE_SOURCE: return "source";
    case LOCALE_MACHINE: return "machine";
    case LOCALE_REVIEWED: return "reviewed";
    }
    return "?";
}

void locale_position(const Locale *loc, size_t offset, int *line, int *col)
{
    text_position(loc->text, loc->text_len, offset, line, col);
}

/* Byte offset of the member name "key" (quoted, followed by ':') at or
 * after `from`, or `from` when it cannot be found. cJSON keeps no
 * positions, so diagnostics locate keys in the text; keys are plain ASCII
 * (checked on load), so no escapes get in the way. */
static size_t find_member(const char *text, size_t from, const char *key)
{
    size_t klen = strlen(key);
    for (const char *p = strchr(text + from, '"'); p; p = strchr(p + 1, '"')) {
        if (strncmp(p + 1, key, klen) != 0 || p[klen + 1] != '"')
            continue;
        const char *q = p + klen + 2;
        while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')
            q++;
        if (*q == ':')
            return (size_t)(p - text);
    }
    return from;
}

static int fail_key(LbError *err, const Locale *loc, size_t offset,
                    const char *key, const char *problem)
{
    return lb_fail_at(err, LB_EINPUT, loc->path, loc->text, loc->text_len,
                      offset, "%s: %s", key, problem);
}

static int valid_key(const char *key)
{
    if (!*key)
        return 0;
    for (const char *p = key; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '.' || *p == '-'))
            return 0;
    return 1;
}

static int is_hash(const char *s)
{
    if (strlen(s) != 8)
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return 0;
    return 1;
}

/* A required string member of meta; returns its copy or NULL (error). */
static char *meta_string(const cJSON *meta, const Locale *loc, size_t meta_at,
                         const char *name, int allow_empty, LbError *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(meta, name);
    char key[64];
    snprintf(key, sizeof key, "meta.%s", name);
    if (!v) {
        fail_key(err, loc, meta_at, key, "missing");
        return NULL;
    }
    if (!cJSON_IsString(v) || (!allow_empty && !*v->valuestring)) {
        fail_key(err, loc, find_member(loc->text, meta_at, name), key,
                 allow_empty ? "must be a string" : "must be a non-empty string");
        return NULL;
    }
    return xstrdup(v->valuestring);
}

static int load_zones(Locale *loc, const cJSON *meta, size_t meta_at,
                      LbError *err)
{
    const cJSON *zones = cJSON_GetObjectItemCaseSensitive(meta, "time_zones");
    size_t at = zones ? find_member(loc->text, meta_at, "time_zones") : meta_at;
    if (!cJSON_IsArray(zones) || cJSON_GetArraySize(zones) == 0)
        return fail_key(err, loc, at, "meta.time_zones",
                        zones ? "must be a non-empty array" : "missing");
    loc->nzones = (size_t)cJSON_GetArraySize(zones);
    loc->zones = xcalloc(loc->nzones, sizeof *loc->zones);
    size_t i = 0;
    const cJSON *z;
    cJSON_ArrayForEach(z, zones) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(z, "id");
        const cJSON *off = cJSON_GetObjectItemCaseSensitive(z, "offset_minutes");
        const cJSON *label = cJSON_GetObjectItemCaseSensitive(z, "label_key");
        char key[64];
        snprintf(key, sizeof key, "meta.time_zones[%zu]", i);
        /* Range first: (int) of a double out of int's range is undefined. */
        if (!cJSON_IsString(id) || !*id->valuestring || !cJSON_IsNumber(off) ||
            !(off->valuedouble >= -1440 && off->valuedouble <= 1440) ||
            off->valuedouble != (double)(int)off->valuedouble ||
            !cJSON_IsString(label) || !valid_key(label->valuestring))
            return fail_key(err, loc, at, key,
                            "needs \"id\" (string), \"offset_minutes\" "
                            "(integer, -1440..1440) and \"label_key\" (a key)");
        loc->zones[i].id = xstrdup(id->valuestring);
        loc->zones[i].offset_minutes = (int)off->valuedouble;
        loc->zones[i].label_key = xstrdup(label->valuestring);
        i++;
    }
    return 0;
}

static int load_meta(Locale *loc, const cJSON *root, LbError *err)
{
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(root, "meta");
    if (!cJSON_IsObject(meta))
        return fail_key(err, loc, 0, "meta",
                        meta ? "must be an object" : "missing");
    size_t at = find_member(loc->text, 0, "meta");
    if (!(loc->name = meta_string(meta, loc, at, "name", 0, err)) ||
        !(loc->tag = meta_string(meta, loc, at, "tag", 0, err)) ||
        !(loc->decimal = meta_string(meta, loc, at, "decimal", 0, err)) ||
        !(loc->group = meta_string(meta, loc, at, "group", 1, err)) ||
        !(loc->date_format = meta_string(meta, loc, at, "date_format", 0, err)) ||
        !(loc->time_format = meta_string(meta, loc, at, "time_format", 0, err)))
        return -1;
    loc->number.decimal = loc->decimal;
    loc->number.group = loc->group;
    loc->number.min_grouping = 1;
    const cJSON *min = cJSON_GetObjectItemCaseSensitive(meta, "min_grouping_digits");
    if (min && !(cJSON_IsNumber(min) && (min->valuedouble == 1
                                         || min->valuedouble == 2)))
        return fail_key(err, loc, find_member(loc->text, at, "min_grouping_digits"),
                        "meta.min_grouping_digits", "must be 1 or 2");
    if (min)
        loc->number.min_grouping = (int)min->valuedouble;
    loc->plural = plural_rules_for(loc->tag);

    char *status = meta_string(meta, loc, at, "status", 0, err);
    if (!status)
        return -1;
    int rc = 0;
    if (strcmp(status, "source") == 0)
        loc->status = LOCALE_SOURCE;
    else if (strcmp(status, "machine") == 0)
        loc->status = LOCALE_MACHINE;
    else if (strcmp(status, "reviewed") == 0)
        loc->status = LOCALE_REVIEWED;
    else
        rc = fail_key(err, loc, find_member(loc->text, at, "status"),
                      "meta.status",
                      "must be \"source\", \"machine\" or \"reviewed\"");
    free(status);
    if (rc != 0)
        return rc;

    /* Check the date and time patterns now, not halfway through a build. */
    Buf probe = BUF_INIT;
    LbError perr;
    const char *bad = NULL;
    if (fmt_datetime(&probe, 0, 0, loc->date_format, &perr) != 0)
        bad = "date_format";
    else if (fmt_datetime(&probe, 0, 0, loc->time_format, &perr) != 0)
        bad = "time_format";
    buf_free(&probe);
    if (bad) {
        char key[32];
        snprintf(key, sizeof key, "meta.%s", bad);
        return fail_key(err, loc, find_member(loc->text, at, bad), key,
                        "only {year} {month} {day} {hour} {minute} {second} "
                        "may appear");
    }
    return load_zones(loc, meta, at, err);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(((const LocaleString *)a)->key,
                  ((const LocaleString *)b)->key);
}

/* A text: a string, or an object of plural forms (plural.h) with exactly
 * the categories the locale's language needs. Fills s->text (and forms). */
static int read_text(Locale *loc, size_t key_at, const char *key,
                     const cJSON *v, LocaleString *s, LbError *err)
{
    if (cJSON_IsString(v)) {
        s->text = xstrdup(v->valuestring);
        return 0;
    }
    int translation_shape = cJSON_GetObjectItemCaseSensitive(v, "text")
                            || cJSON_GetObjectItemCaseSensitive(v, "source");
    if (!cJSON_IsObject(v) || !v->child
        || (loc->status == LOCALE_SOURCE && translation_shape))
        return fail_key(err, loc, key_at, key,
                        loc->status == LOCALE_SOURCE
                            ? "a source-locale string must be a JSON string "
                              "(or an object of plural forms)"
                            : "a text is a string, or an object of plural "
                              "forms such as {\"one\": \"...\", \"other\": "
                              "\"...\"}");
    if (!loc->plural)
        return fail_key(err, loc, key_at, key,
                        "plural forms, but plural.c has no rules for the "
                        "language of meta.tag (add them there)");
    const cJSON *form;
    cJSON_ArrayForEach(form, v) {
        int c = plural_category_parse(form->string);
        char problem[160];
        if (c < 0) {
            snprintf(problem, sizeof problem, "\"%.40s\" is not a plural "
                     "category (zero, one, two, few, many, other)", form->string);
            return fail_key(err, loc, key_at, key, problem);
        }
        if (!plural_needs(loc->plural, (PluralCategory)c)) {
            snprintf(problem, sizeof problem, "%s does not use the plural "
                     "form \"%s\"", loc->tag, form->string);
            return fail_key(err, loc, key_at, key, problem);
        }
        if (!cJSON_IsString(form) || s->forms[c])
            return fail_key(err, loc, key_at, key,
                            "each plural form is one string");
        s->forms[c] = xstrdup(form->valuestring);
    }
    for (int c = 0; c < PLURAL_N; c++)
        if (plural_needs(loc->plural, (PluralCategory)c) && !s->forms[c]) {
            char problem[160];
            snprintf(problem, sizeof problem, "%s needs the plural form "
                     "\"%s\" too", loc->tag,
                     plural_category_name((PluralCategory)c));
            return fail_key(err, loc, key_at, key, problem);
        }
    s->text = xstrdup(s->forms[PLURAL_OTHER]);
    return 0;
}

static int load_strings(Locale *loc, const cJSON *root, LbError *err)
{
    const cJSON *strings = cJSON_GetObjectItemCaseSensitive(root, "strings");
    if (!cJSON_IsObject(strings))
        return fail_key(err, loc, 0, "strings",
                        strings ? "must be an object" : "missing");
    size_t at = find_member(loc->text, 0, "strings");
    size_t n = (size_t)cJSON_GetArraySize(strings);
    loc->strings = xcalloc(n ? n : 1, sizeof *loc->strings);
    const cJSON *item;
    cJSON_ArrayForEach(item, strings) {
        const char *key = item->string;
        size_t key_at = valid_key(key) ? find_member(loc->text, at, key) : at;
        if (!valid_key(key))
            return fail_key(err, loc, key_at, key,
                            "keys are made of a-z, 0-9, '_', '-' and '.'");
        const cJSON *text = item;
        const cJSON *hash = NULL;
        if (loc->status != LOCALE_SOURCE) {
            text = cJSON_GetObjectItemCaseSensitive(item, "text");
            hash = cJSON_GetObjectItemCaseSensitive(item, "source");
            if (!cJSON_IsObject(item) || !text || !cJSON_IsString(hash))
                return fail_key(err, loc, key_at, key,
                                "a translation must be {\"text\": \"...\", "
                                "\"source\": \"<hash of the source text>\"}");
            if (!is_hash(hash->valuestring))
                return fail_key(err, loc, key_at, key,
                                "\"source\" must be 8 lowercase hex digits "
                                "(see `lbgen i18n hash`)");
        }
        LocaleString *s = &loc->strings[loc->nstrings++];
        s->key = xstrdup(key);
        s->offset = key_at;
        if (read_text(loc, key_at, key, text, s, err) != 0)
            return -1;
        if (hash)
            memcpy(s->source_hash, hash->valuestring, 9);
    }
    qsort(loc->strings, loc->nstrings, sizeof *loc->strings, compare_strings);
    for (size_t i = 1; i < loc->nstrings; i++)
        if (strcmp(loc->strings[i - 1].key, loc->strings[i].key) == 0)
            return fail_key(err, loc, loc->strings[i].offset,
                            loc->strings[i].key, "duplicate key");
    return 0;
}

static char *code_from_path(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 5 && strcmp(base + n - 5, ".json") == 0)
        n -= 5;
    return xstrndup(base, n);
}

Locale *locale_load(const char *path, LbError *err)
{
    char *text;
    size_t len;
    if (file_read_all(path, &text, &len, err) != 0)
        return NULL;
    Locale *loc = locale_parse(path, text, len, err);
    free(text);
    return loc;
}

Locale *locale_parse(const char *path, const char *text, size_t len,
                     LbError *err)
{
    Locale *loc = xcalloc(1, sizeof *loc);
    loc->path = xstrdup(path);
    loc->code = code_from_path(path);
    loc->text = xmalloc(len + 1);
    memcpy(loc->text, text, len);
    loc->text[len] = '\0';
    loc->text_len = len;
    cJSON *root = json_parse_text(path, loc->text, loc->text_len, err);
    int rc = root ? 0 : -1;
    if (rc == 0 && !cJSON_IsObject(root))
        rc = fail_key(err, loc, 0, "(top level)", "must be an object");
    if (rc == 0)
        rc = load_meta(loc, root, err);
    if (rc == 0)
        rc = load_strings(loc, root, err);
    cJSON_Delete(root);
    if (rc != 0) {
        locale_free(loc);
        return NULL;
    }
    return loc;
}

void locale_free(Locale *loc)
{
    if (!loc)
        return;
    for (size_t i = 0; i < loc->nstrings; i++) {
        free(loc->strings[i].key);
        free(loc->strings[i].text);
        for (int c = 0; c < PLURAL_N; c++)
            free(loc->strings[i].forms[c]);
    }
    free(loc->strings);
    for (size_t i = 0; i < loc->nzones; i++) {
        free(loc->zones[i].id);
        free(loc->zones[i].label_key);
    }
    free(loc->zones);
    free(loc->path);
    free(loc->code);
    free(loc->name);
    free(loc->tag);
    free(loc->decimal);
    free(loc->group);
    free(loc->date_format);
    free(loc->time_format);
    free(loc->text);
    free(loc);
}

const LocaleString *locale_find(const Locale *loc, const char *key)
{
    if (!loc || loc->nstrings == 0)
        return NULL;
    LocaleString probe = {.key = (char *)key};
    return bsearch(&probe, loc->strings, loc->nstrings, sizeof probe,
                   compare_strings);
}

const char *locale_lookup(const Locale *loc, const Locale *source,
                          const char *key, bool *fell_back)
{
    const LocaleString *s = locale_find(loc, key);
    if (fell_back)
        *fell_back = false;
    if (s)
        return s->text;
    s = locale_find(source, key);
    if (s && fell_back)
        *fell_back = source != loc;
    return s ? s->text : NULL;
}

const char *locale_lookup_count(const Locale *loc, const Locale *source,
                                const char *key, long long count,
                                bool *fell_back)
{
    const LocaleString *s = locale_find(loc, key);
    const Locale *from = loc;
    if (fell_back)
        *fell_back = false;
    if (!s) {
        s = locale_find(source, key);
        from = source;
        if (s && fell_back)
            *fell_back = source != loc;
    }
    if (!s)
        return NULL;
    if (!locale_has_forms(s) || !from->plural)
        return s->text;
    const char *form = s->forms[plural_select(from->plural, count)];
    return form ? form : s->text;
}

int locale_has_forms(const LocaleString *s)
{
    for (int c = 0; c < PLURAL_N; c++)
        if (s->forms[c])
            return 1;
    return 0;
}

void locale_source_hash(const LocaleString *s, char out[9])
{
    if (!locale_has_forms(s)) {
        hash_fnv1a32_hex(s->text, out);
        return;
    }
    /* "one\x1f<text>\x1e" per form, in category order. */
    Buf b = BUF_INIT;
    for (int c = 0; c < PLURAL_N; c++)
        if (s->forms[c])
            buf_printf(&b, "%s\x1f%s\x1e",
                       plural_category_name((PluralCategory)c), s->forms[c]);
    hash_fnv1a32_hex(b.data, out);
    buf_free(&b);
}

/* State of one pass over a string: either substituting into `out` from
 * `vars`, or (when `names` is set) collecting the placeholder names. */
typedef struct {
    Buf *out;
    const LocaleVar *vars;
    size_t nvars;
    const char *missing; /* first unknown placeholder */
    size_t missing_len;
    char **names;
    size_t nnames, cap;
} Walk;

static void on_name(Walk *w, const char *name, size_t n)
{
    if (w->names) {
        if (w->nnames == w->cap) {
            w->cap = grow_capacity(w->cap, w->nnames + 1);
            w->names = xrealloc(w->names, w->cap * sizeof *w->names);
        }
        w->names[w->nnames++] = xstrndup(name, n);
        return;
    }
    for (size_t i = 0; i < w->nvars; i++)
        if (strlen(w->vars[i].name) == n &&
            memcmp(w->vars[i].name, name, n) == 0) {
            buf_puts(w->out, w->vars[i].value);
            return;
        }
    if (!w->missing) {
        w->missing = name;
        w->missing_len = n;
    }
}

/* Copies literal text (with {{ and }} unescaped) and hands each {name} to
 * on_name(); -1 on a stray or unclosed brace. */
static int walk(Walk *w, const char *text)
{
    TextPiece piece;
    int more;
    while ((more = text_next_piece(&text, &piece)) > 0) {
        if (piece.is_name)
            on_name(w, piece.text, piece.len);
        else if (w->out)
            buf_append(w->out, piece.text, piece.len);
    }
    return more;
}

int locale_substitute(Buf *out, const char *key, const char *text,
                      const LocaleVar *vars, size_t nvars, LbError *err)
{
    size_t start = out->len;
    Walk w = {.out = out, .vars = vars, .nvars = nvars};
    int rc = walk(&w, text);
    if (rc != 0 || w.missing) {
        out->len = start;
        if (out->data)
            out->data[start] = '\0';
        if (rc != 0)
            return lb_fail(err, LB_EINPUT,
                           "%s: stray '{' or '}' in \"%s\" (write {{ or }} "
                           "for a literal brace)",
                           key, text);
        return lb_fail(err, LB_EINPUT, "%s: unknown placeholder {%.*s} in \"%s\"",
                       key, (int)w.missing_len, w.missing, text);
    }
    return 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int locale_placeholders(const char *key, const char *text, char **names,
                        LbError *err)
{
    Walk w = {0};
    w.cap = 4;
    w.names = xmalloc(w.cap * sizeof *w.names);
    int rc = walk(&w, text);
    Buf joined = BUF_INIT;
    if (rc == 0) {
        qsort(w.names, w.nnames, sizeof *w.names, compare_names);
        for (size_t i = 0; i < w.nnames; i++) {
            if (i > 0 && strcmp(w.names[i], w.names[i - 1]) == 0)
                continue;
            if (joined.len)
                buf_putc(&joined, ',');
            buf_puts(&joined, w.names[i]);
        }
    }
    free_strings(w.names, w.nnames);
    if (rc != 0) {
        buf_free(&joined);
        *names = NULL;
        return lb_fail(err, LB_EINPUT, "%s: stray '{' or '}' in \"%s\"", key,
                       text);
    }
    *names = buf_detach(&joined);
    return 0;
}
