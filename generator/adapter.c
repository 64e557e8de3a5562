#include "adapter.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"
#include "utf8.h"

const Adapter lbgen_adapters[] = {
    {"arena-html", "an LMArena leaderboard page (any board) → arena",
     adapter_arena_html},
    {"table", "CSV, GFM Markdown or a JSON array → benchmark", adapter_table},
    {"catalog", "model metadata table (organization, license, size, ...)",
     adapter_catalog},
    {"battles", "pairwise battles (JSON or JSON Lines) → Bradley-Terry "
     "arena", adapter_battles},
    {"arena-hard", "judgment JSON Lines → win rate vs a baseline",
     adapter_arena_hard},
    {NULL, NULL, NULL},
};

const Adapter *adapter_find(const char *name)
{
    for (const Adapter *a = lbgen_adapters; a->name; a++)
        if (strcmp(a->name, name) == 0)
            return a;
    return NULL;
}

Leaderboard *adapter_run(const Adapter *adapter, const char *bytes,
                         size_t len, const AdapterOptions *opt, LbError *err)
{
    if (utf8_check(opt->source_name, bytes, len, err) != 0)
        return NULL;
    Leaderboard *lb = adapter->run(bytes, len, opt, err);
    if (!lb)
        return NULL;
    size_t max_rows = opt->max_rows ? opt->max_rows : LB_DEFAULT_MAX_ROWS;
    if (lb->n_models > max_rows) {
        lb_fail(err, LB_EINPUT, "%s: %zu rows, more than the source row "
                "limit of %zu (--max-rows, live.max_rows)", opt->source_name,
                lb->n_models, max_rows);
        leaderboard_free(lb);
        return NULL;
    }
    if (!lb->source.url && opt->base_url && lb_url_is_http(opt->base_url))
        lb->source.url = xstrdup(opt->base_url);
    cJSON *json = leaderboard_to_json(lb);
    Leaderboard *checked = leaderboard_from_json(json, opt->source_name, err);
    cJSON_Delete(json);
    leaderboard_free(lb);
    return checked;
}

/* ---- text helpers ------------------------------------------------------ */

/* Length of the whitespace character at p (ASCII or a Unicode space), or 0. */
static size_t space_len(const unsigned char *p)
{
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f'
        || *p == '\v')
        return 1;
    if (p[0] == 0xC2 && p[1] == 0xA0) /* NBSP */
        return 2;
    if (p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x80 && p[2] <= 0x8B)
        return 3; /* en quad .. zero-width space */
    if (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xAF) /* narrow NBSP */
        return 3;
    if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) /* ideographic */
        return 3;
    if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) /* BOM */
        return 3;
    return 0;
}

char *text_squeeze(const char *text)
{
    Buf b = BUF_INIT;
    int pending_space = 0;
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        size_t n = space_len(p);
        if (n) {
            pending_space = b.len > 0;
            p += n;
            continue;
        }
        if (pending_space)
            buf_putc(&b, ' ');
        pending_space = 0;
        buf_putc(&b, (char)*p++);
    }
    return buf_detach(&b);
}

long long parse_count(const char *text)
{
    char *s = text_squeeze(text);
    long long v = 0;
    int digits = 0;
    for (const char *p = s; *p; p++) {
        if (isdigit((unsigned char)*p)) {
            if (v > 100000000000000LL) {
                free(s);
                return -1;
            }
            v = v * 10 + (*p - '0');
            digits++;
        } else if (!((*p == ',' || *p == ' ' || *p == '_') && digits)) {
            free(s);
            return -1;
        }
    }
    free(s);
    return digits ? v : -1;
}

int parse_leading_number(const char *text, double *value, const char **end)
{
    const char *p = text;
    while (*p == ' ' || *p == '\t')
        p++;
    Buf b = BUF_INIT;
    if (*p == '-' || *p == '+')
        buf_putc(&b, *p++);
    int digits = 0, dot = 0;
    for (;; p++) {
        if (isdigit((unsigned char)*p)) {
            buf_putc(&b, *p);
            digits++;
        } else if (*p == ',' && digits && !dot && isdigit((unsigned char)p[1])
                   && isdigit((unsigned char)p[2])
                   && isdigit((unsigned char)p[3])
                   && !isdigit((unsigned char)p[4])) {
            continue; /* a thousands separator: 21,938 */
        } else if (*p == '.' && !dot && isdigit((unsigned char)p[1])) {
            buf_putc(&b, '.');
            dot = 1;
        } else {
            break;
        }
    }
    if (!digits) {
        buf_free(&b);
        return 0;
    }
    errno = 0;
    double v = strtod(b.data, NULL);
    buf_free(&b);
    if (errno || !isfinite(v))
        return 0;
    *value = v;
    if (end)
        *end = p;
    return 1;
}

char *model_id_normalize(const char *name)
{
    char *s = text_squeeze(name);
    const char *start = strrchr(s, '/');
    start = start ? start + 1 : s;
    Buf b = BUF_INIT;
    for (const char *p = start; *p; p++) {
        char c = (char)tolower((unsigned char)*p);
        if (c == ' ' || c == '_')
            c = '-';
        if (c == '-' && b.len && b.data[b.len - 1] == '-')
            continue;
        buf_putc(&b, c);
    }
    free(s);
    return buf_detach(&b);
}
