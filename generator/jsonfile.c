#include "jsonfile.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "utf8.h"

/* 1 when the parse stopped at `offset` because arrays and objects were
 * nested deeper than cJSON allows (CJSON_NESTING_LIMIT), which cJSON
 * reports as a plain syntax error. */
static int too_deep_at(const char *text, size_t offset)
{
    size_t depth = 0;
    int in_string = 0;
    for (size_t i = 0; i < offset; i++) {
        char c = text[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = 0;
        } else if (c == '"') {
            in_string = 1;
        } else if (c == '[' || c == '{') {
            depth++;
        } else if ((c == ']' || c == '}') && depth > 0) {
            depth--;
        }
    }
    return depth >= CJSON_NESTING_LIMIT;
}

/* Offset of the first "\u0000" escape (backslash not itself escaped), or
 * len. cJSON would decode it into a NUL that silently cuts the string
 * short: "gpt\u0000-evil" would read as "gpt". */
static size_t nul_escape_at(const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    while ((p = memmem(p, (size_t)(end - p), "\\u0000", 6)) != NULL) {
        size_t backslashes = 0;
        while (p - backslashes > text && p[-1 - (long)backslashes] == '\\')
            backslashes++;
        if (backslashes % 2 == 0)
            return (size_t)(p - text);
        p++;
    }
    return len;
}

/* Offset of the first value beyond JSON_MAX_VALUES, or len. Counts what
 * cJSON allocates for: every '[', '{', string (keys too) and number or
 * literal, outside strings. */
static size_t too_many_values_at(const char *text, size_t len)
{
    size_t values = 0;
    int in_scalar = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        size_t at = i;
        int starts = 0;
        if (c == '"') {
            starts = 1;
            for (i++; i < len && text[i] != '"'; i++)
                if (text[i] == '\\')
                    i++;
            in_scalar = 0;
        } else if (c == '[' || c == '{') {
            starts = 1;
            in_scalar = 0;
        } else if (c == ',' || c == ':' || c == ']' || c == '}' || c == ' '
                   || c == '\t' || c == '\r' || c == '\n') {
            in_scalar = 0;
        } else {
            starts = !in_scalar;
            in_scalar = 1;
        }
        if (starts && ++values > JSON_MAX_VALUES)
            return at;
    }
    return len;
}

cJSON *json_parse_text(const char *name, const char *text, size_t len,
                       LbError *err)
{
    if (utf8_check(name, text, len, err) != 0)
        return NULL;
    size_t many = too_many_values_at(text, len);
    if (many < len) {
        lb_fail_at(err, LB_EINPUT, name, text, len, many,
                   "more than %d JSON values; refusing the file before it "
                   "takes too much memory", JSON_MAX_VALUES);
        return NULL;
    }
    size_t nul = nul_escape_at(text, len);
    if (nul < len) {
        lb_fail_at(err, LB_EINPUT, name, text, len, nul,
                   "a \\u0000 escape (a NUL character) in a string");
        return NULL;
    }
    const char *end = NULL;
    cJSON *json = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (!json) {
        size_t offset = end && end >= text ? (size_t)(end - text) : 0;
        if (too_deep_at(text, offset))
            lb_fail_at(err, LB_EINPUT, name, text, len, offset,
                       "JSON nested more than %d levels deep",
                       CJSON_NESTING_LIMIT);
        else
            lb_fail_at(err, LB_EINPUT, name, text, len, offset, "%s",
                       offset >= len ? "unexpected end of JSON"
                                     : "invalid JSON");
        return NULL;
    }
    /* cJSON stops after the first value; anything but whitespace after it
     * is an error too. */
    size_t offset = (size_t)(end - text);
    while (offset < len && strchr(" \t\r\n", text[offset]))
        offset++;
    if (offset < len) {
        cJSON_Delete(json);
        lb_fail_at(err, LB_EINPUT, name, text, len, offset,
                   "unexpected data after the JSON value");
        return NULL;
    }
    return json;
}

/* ---- positions ------------------------------------------------------------ */

typedef struct {
    const char *p, *end;
} Scan;

static void skip_space(Scan *s)
{
    while (s->p < s->end && strchr(" \t\r\n", *s->p))
        s->p++;
}

/* Past the string starting at s->p (its opening quote). */
static void skip_string(Scan *s)
{
    for (s->p++; s->p < s->end && *s->p != '"'; s->p++)
        if (*s->p == '\\')
            s->p++;
    if (s->p < s->end)
        s->p++;
}

/* Past the value starting at s->p. */
static void skip_value(Scan *s)
{
    if (*s->p == '"') {
        skip_string(s);
        return;
    }
    if (*s->p != '{' && *s->p != '[') {
        while (s->p < s->end && !strchr(",}] \t\r\n", *s->p))
            s->p++;
        return;
    }
    size_t depth = 0;
    do {
        if (*s->p == '"') {
            skip_string(s);
            continue;
        }
        if (*s->p == '{' || *s->p == '[')
            depth++;
        else if (*s->p == '}' || *s->p == ']')
            depth--;
        s->p++;
    } while (s->p < s->end && depth > 0);
}

/* Moves s->p to the member `name` of the object at s->p (to its quoted
 * name) or to element `index` of the array there; 0 when absent. */
static int enter(Scan *s, const JsonStep *step)
{
    char open = *s->p;
    if ((step->name && open != '{') || (!step->name && open != '['))
        return 0;
    s->p++;
    for (size_t i = 0;; i++) {
        skip_space(s);
        if (s->p >= s->end || *s->p == '}' || *s->p == ']')
            return 0;
        const char *at = s->p;
        if (step->name) {
            skip_string(s);
            size_t n = strlen(step->name);
            int hit = (size_t)(s->p - at) == n + 2
                      && memcmp(at + 1, step->name, n) == 0;
            skip_space(s);
            s->p++; /* ':' */
            skip_space(s);
            if (hit) {
                s->p = at;
                return 1;
            }
        } else if (i == step->index) {
            return 1;
        }
        skip_value(s);
        skip_space(s);
        if (s->p < s->end && *s->p == ',')
            s->p++;
    }
}

size_t json_offset_of(const char *text, size_t len, const JsonStep *path,
                      size_t n)
{
    Scan s = {text, text + len};
    skip_space(&s);
    for (size_t i = 0; i < n; i++) {
        if (s.p >= s.end || !enter(&s, &path[i]))
            return 0;
        if (i + 1 == n)
            break;
        if (path[i].name) { /* from the member's name to its value */
            skip_string(&s);
            skip_space(&s);
            s.p++;
            skip_space(&s);
        }
    }
    return (size_t)(s.p - text);
}

cJSON *json_load_file(const char *path, LbError *err)
{
    char *text;
    size_t len;
    if (file_read_all(path, &text, &len, err) != 0)
        return NULL;
    cJSON *json = json_parse_text(path, text, len, err);
    free(text);
    return json;
}

/* The shortest decimal that reads back as the same double (15, 16, then
 * 17 significant digits), so a number is written as its source wrote it:
 * 1486.391701071574 stays that, where cJSON alone would print
 * 1486.3917010715741. Integers as integers; non-finite numbers as null,
 * as cJSON does. */
static void shortest_number(double v, char out[32])
{
    if (!isfinite(v)) {
        strcpy(out, "null");
        return;
    }
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(out, 32, "%.0f", v == 0 ? 0.0 : v); /* never "-0" */
        return;
    }
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(out, 32, "%.*g", digits, v);
        if (strtod(out, NULL) == v)
            return;
    }
}

/* Replaces every number under `node` by raw text in its shortest form. */
static void shorten_numbers(cJSON *node)
{
    for (cJSON *c = node->child; c;) {
        cJSON *next = c->next;
        if (cJSON_IsNumber(c)) {
            char text[32];
            shortest_number(c->valuedouble, text);
            cJSON *raw = cJSON_CreateRaw(text);
            raw->string = c->string; /* the member's name moves over */
            c->string = NULL;
            cJSON_ReplaceItemViaPointer(node, c, raw);
        } else {
            shorten_numbers(c);
        }
        c = next;
    }
}

char *json_print(const cJSON *json)
{
    cJSON *copy = cJSON_Duplicate(json, 1);
    if (!copy)
        return NULL;
    if (cJSON_IsNumber(copy)) {
        char text[32];
        shortest_number(copy->valuedouble, text);
        cJSON_Delete(copy);
        return strdup(text);
    }
    shorten_numbers(copy);
    char *text = cJSON_Print(copy);
    cJSON_Delete(copy);
    return text;
}

int json_write_file(const char *path, const cJSON *json, LbError *err)
{
    char *text = json_print(json);
    if (!text)
        return lb_fail(err, LB_EINTERNAL, "cannot serialise JSON");
    size_t len = strlen(text);
    char *with_nl = realloc(text, len + 2);
    if (!with_nl) {
        free(text);
        return lb_fail(err, LB_EINTERNAL, "out of memory");
    }
    with_nl[len] = '\n';
    with_nl[len + 1] = '\0';
    int rc;
    if (!path || strcmp(path, "-") == 0) {
        rc = fwrite(with_nl, 1, len + 1, stdout) == len + 1
                 ? 0
                 : lb_fail(err, LB_EINTERNAL, "cannot write to stdout");
    } else {
        rc = file_write_atomic(path, with_nl, len + 1, err);
    }
    free(with_nl);
    return rc;
}
