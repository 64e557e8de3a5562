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

/* The 17 significant digits `d` rounded to `precision` into `out` (the
 * exponent *x moves when 9s carry over): 1, or 0 when the dropped digits
 * are exactly a half (5 then zeros), which these digits cannot settle. */
static int round_digits(const char d[17], int precision, char out[17], int *x)
{
    int cmp = 0; /* the dropped digits against 5000... */
    for (int i = precision; i < 17 && cmp == 0; i++) {
        char half = i == precision ? '5' : '0';
        cmp = (d[i] > half) - (d[i] < half);
    }
    if (cmp == 0)
        return 0;
    memcpy(out, d, (size_t)precision);
    if (cmp > 0) {
        int i = precision - 1;
        while (i >= 0 && out[i] == '9')
            out[i--] = '0';
        if (i >= 0) {
            out[i]++;
        } else { /* 99..9 became 100..0 */
            out[0] = '1';
            (*x)++;
        }
    }
    return 1;
}

/* What printf's "%.{precision}g" writes for the number whose significant
 * digits are `d` (exactly `precision` of them) and decimal exponent `x`:
 * fixed notation when -4 <= x < precision, else d.ddde+XX; trailing zeros
 * (and a bare '.') dropped. */
static void format_g(int neg, const char *d, int precision, int x, char out[32])
{
    int n = precision;
    while (n > 1 && d[n - 1] == '0')
        n--; /* trailing zeros never print */
    size_t k = 0;
    if (neg)
        out[k++] = '-';
    if (x < -4 || x >= precision) {
        out[k++] = d[0];
        if (n > 1) {
            out[k++] = '.';
            for (int i = 1; i < n; i++)
                out[k++] = d[i];
        }
        snprintf(out + k, 32 - k, "e%c%02d", x < 0 ? '-' : '+', x < 0 ? -x : x);
        return;
    }
    if (x < 0) {
        out[k++] = '0';
        out[k++] = '.';
        for (int i = 0; i < -x - 1; i++)
            out[k++] = '0';
        for (int i = 0; i < n; i++)
            out[k++] = d[i];
    } else {
        for (int i = 0; i <= x; i++)
            out[k++] = i < n ? d[i] : '0';
        if (n > x + 1) {
            out[k++] = '.';
            for (int i = x + 1; i < n; i++)
                out[k++] = d[i];
        }
    }
    out[k] = '\0';
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
    if (v == floor(v) && fabs(v) < 1e15) { /* never "-0" */
        unsigned long long mag = (unsigned long long)fabs(v);
        char rev[24];
        size_t n = 0, k = 0;
        do {
            rev[n++] = (char)('0' + mag % 10);
            mag /= 10;
        } while (mag);
        if (v < 0)
            out[k++] = '-';
        while (n)
            out[k++] = rev[--n];
        out[k] = '\0';
        return;
    }
    /* printf's "%.*g" for 15 and 16 digits, from one 17-digit print
     * (printf's exact decimal conversion is most of a site build's
     * downloads): rounding its digits further is exact unless they end
     * in a five and zeros, where the true value could lie either side of
     * the half; then printf decides. */
    char e17[40];
    snprintf(e17, sizeof e17, "%.16e", v);
    char digits[17];
    int exp10 = 0, neg = e17[0] == '-';
    const char *p = e17 + neg;
    for (int i = 0; i < 17; p++)
        if (*p >= '0' && *p <= '9')
            digits[i++] = *p;
    exp10 = atoi(strchr(e17, 'e') + 1);
    for (int precision = 15; precision <= 16; precision++) {
        char rounded[17];
        int x = exp10;
        if (round_digits(digits, precision, rounded, &x))
            format_g(neg, rounded, precision, x, out);
        else
            snprintf(out, 32, "%.*g", precision, v);
        if (strtod(out, NULL) == v)
            return;
    }
    format_g(neg, digits, 17, exp10, out);
}

/* Replaces every number under `node` by raw text in its shortest form. */
static void shorten_numbers(cJSON *node)
{
    for (cJSON *c = node->child; c; c = c->next) {
        if (cJSON_IsNumber(c)) {
            /* The node becomes raw text in place (what cJSON_CreateRaw
             * makes): no node to allocate, link and free per number. */
            char text[32];
            shortest_number(c->valuedouble, text);
            char *raw = strdup(text);
            if (!raw)
                continue; /* out of memory: cJSON prints it as it would */
            c->type = cJSON_Raw;
            c->valuestring = raw;
        } else {
            shorten_numbers(c);
        }
    }
}

char *json_print_consume(cJSON *json)
{
    if (!json)
        return NULL;
    if (cJSON_IsNumber(json)) {
        char text[32];
        shortest_number(json->valuedouble, text);
        cJSON_Delete(json);
        return strdup(text);
    }
    shorten_numbers(json);
    char *text = cJSON_Print(json);
    cJSON_Delete(json);
    return text;
}

char *json_print(const cJSON *json)
{
    return json_print_consume(cJSON_Duplicate(json, 1));
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
