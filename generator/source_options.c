#include "source_options.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"

const char *const source_option_fields[] = {
    "model", "display_name", "organization", "license", "url", "rating",
    "ci_lower", "ci_upper", "rank", "votes", "sessions", "price_input",
    "price_output", "context", "updated_at", NULL};

typedef enum { FOR_CATALOG = 1, FOR_HF_ROWS = 2 } Applies;

typedef struct {
    const char *key;
    Applies applies;
} OptionKey;

static const OptionKey option_keys[] = {
    {"category", FOR_CATALOG}, {"prices", FOR_CATALOG},
    {"plain", FOR_CATALOG},
    {"columns", FOR_HF_ROWS},  {"filter", FOR_HF_ROWS},
    {"max_rows", FOR_HF_ROWS},
};

static Applies applies_to(const char *adapter)
{
    if (strcmp(adapter, "arena-catalog") == 0)
        return FOR_CATALOG;
    if (strcmp(adapter, "hf-rows") == 0)
        return FOR_HF_ROWS;
    return 0;
}

int source_options_apply_to(const char *adapter)
{
    return applies_to(adapter) != 0;
}

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

static int check_key(const Parse *p, Applies kind, const char *adapter)
{
    for (size_t i = 0; i < sizeof option_keys / sizeof *option_keys; i++) {
        if (strcmp(option_keys[i].key, p->key) != 0)
            continue;
        if (option_keys[i].applies == kind)
            return 0;
        char problem[128];
        snprintf(problem, sizeof problem, "not an option of the %s adapter "
                 "(it belongs to %s)", adapter,
                 kind == FOR_CATALOG ? "hf-rows" : "arena-catalog");
        return bad(p, problem);
    }
    return bad(p, kind == FOR_CATALOG
                      ? "unknown option (the arena-catalog adapter takes "
                        "category, prices and plain)"
                      : "unknown option (the hf-rows adapter takes columns, "
                        "filter and max_rows)");
}

static int get_text(const Parse *p, const cJSON *v, char **out)
{
    if (!cJSON_IsString(v) || !v->valuestring[0]
        || strlen(v->valuestring) > LB_MAX_TEXT)
        return bad(p, "expected a non-empty string");
    *out = xstrdup(v->valuestring);
    return 0;
}

static int is_field(const char *name)
{
    for (const char *const *f = source_option_fields; *f; f++)
        if (strcmp(*f, name) == 0)
            return 1;
    return 0;
}

static int get_columns(const Parse *p, const cJSON *v, SourceOptions *o)
{
    if (!cJSON_IsObject(v) || !v->child)
        return bad(p, "expected an object {\"field\": \"column\", ...}");
    int has_model = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, v)
    {
        if (!is_field(item->string)) {
            Buf b = BUF_INIT;
            buf_printf(&b, "\"%.100s\" is not a field a column can fill "
                       "(fields:", item->string);
            for (const char *const *f = source_option_fields; *f; f++)
                buf_printf(&b, " %s", *f);
            buf_puts(&b, ")");
            int rc = bad(p, b.data);
            buf_free(&b);
            return rc;
        }
        if (!cJSON_IsString(item) || !item->valuestring[0]
            || strlen(item->valuestring) > LB_MAX_TEXT)
            return bad(p, "every field needs a non-empty column name");
        if (source_options_column(o, item->string))
            return bad(p, "a field is named twice");
        o->columns = xrealloc(o->columns,
                              (o->n_columns + 1) * sizeof *o->columns);
        o->columns[o->n_columns].name = xstrdup(item->string);
        o->columns[o->n_columns].value = xstrdup(item->valuestring);
        o->n_columns++;
        has_model |= strcmp(item->string, "model") == 0;
    }
    if (!has_model)
        return bad(p, "names no column for the field \"model\"");
    return 0;
}

static int get_filter(const Parse *p, const cJSON *v, SourceOptions *o)
{
    if (!cJSON_IsObject(v) || !v->child)
        return bad(p, "expected an object {\"column\": value, ...}");
    const cJSON *item;
    cJSON_ArrayForEach(item, v)
    {
        int scalar = cJSON_IsString(item) || cJSON_IsBool(item)
                     || (cJSON_IsNumber(item) && isfinite(item->valuedouble));
        if (!scalar || !item->string[0] || strlen(item->string) > LB_MAX_TEXT
            || strchr(item->string, '"'))
            return bad(p, "expected an object {\"column\": value, ...} "
                          "whose values are strings, numbers or booleans");
    }
    o->filter = cJSON_Duplicate(v, 1);
    return 0;
}

static int set_option(const Parse *p, const cJSON *v, SourceOptions *o)
{
    const char *k = p->key;
    if (strcmp(k, "category") == 0) {
        if (!cJSON_IsString(v) || !lb_category_is_valid(v->valuestring))
            return bad(p, "expected a category name (a-z, 0-9, '_', '-')");
        o->category = xstrdup(v->valuestring);
        return 0;
    }
    if (strcmp(k, "prices") == 0)
        return get_text(p, v, &o->prices);
    if (strcmp(k, "plain") == 0)
        return get_text(p, v, &o->plain);
    if (strcmp(k, "columns") == 0)
        return get_columns(p, v, o);
    if (strcmp(k, "filter") == 0)
        return get_filter(p, v, o);
    /* max_rows */
    if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble)
        || v->valuedouble < 1 || v->valuedouble > SOURCE_MAX_ROWS_LIMIT)
        return bad(p, "expected an integer from 1 to 1000000");
    o->max_rows = (long long)v->valuedouble;
    return 0;
}

int source_options_parse(SourceOptions *o, const char *adapter,
                         const cJSON *options, const char *context,
                         LbError *err)
{
    memset(o, 0, sizeof *o);
    Applies kind = applies_to(adapter);
    if (!kind)
        return lb_fail(err, LB_EINTERNAL, "%s: the %s adapter takes no "
                       "source options", context, adapter);
    if (options && !cJSON_IsObject(options))
        return lb_fail(err, LB_EINPUT, "%s: expected an object", context);
    Parse p = {context, "", err};
    int rc = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, options)
    {
        p.key = item->string;
        int seen = 0;
        for (const cJSON *x = options->child; x != item; x = x->next)
            seen |= strcmp(x->string, item->string) == 0;
        if (seen)
            rc = bad(&p, "given twice");
        else if (check_key(&p, kind, adapter) < 0
                 || set_option(&p, item, o) < 0)
            rc = -1;
        if (rc)
            break;
    }
    if (rc)
        source_options_free(o);
    return rc;
}

void source_options_free(SourceOptions *o)
{
    if (!o)
        return;
    free(o->category);
    free(o->prices);
    free(o->plain);
    for (size_t i = 0; i < o->n_columns; i++) {
        free(o->columns[i].name);
        free(o->columns[i].value);
    }
    free(o->columns);
    cJSON_Delete(o->filter);
    memset(o, 0, sizeof *o);
}

const char *source_options_column(const SourceOptions *o, const char *field)
{
    for (size_t i = 0; o && i < o->n_columns; i++)
        if (strcmp(o->columns[i].name, field) == 0)
            return o->columns[i].value;
    return NULL;
}
